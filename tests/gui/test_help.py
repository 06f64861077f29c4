"""The help page says only what is measured, and measures eviction's reach on the run shown."""

from __future__ import annotations

import threading

from PySide6.QtCore import QUrl

from kvviz.core.eviction_probe import probe_eviction, probe_text
from kvviz.gui.theme import DARK
from kvviz.gui.views.help import PROBE_LINK, help_html


def test_the_page_words_agreement_cost_and_eviction_as_measured():
    page = " ".join(help_html(DARK).split())
    for untrue in ("exactly the numbers", "stay flat", "truly forgotten", "Both produce the same next token"):
        assert untrue not in page
    assert "agree up to floating-point rounding" in page
    assert "<i>equal within rounding</i>" in page
    assert "its part (Q·Kᵀ and A·V) grows in proportion to the keys it reads" in page
    assert "Eviction removes a token's K and V, not what was read from them" in page
    assert f'href="{PROBE_LINK}"' in page


def _apply_window(window, size: int) -> None:
    controls = window.panels["controls"]
    controls.policy.setCurrentIndex(controls.policy.findData("window"))
    controls.spins["window"].setValue(size)
    controls.apply_button.click()


def test_the_probe_link_measures_the_step_shown_off_the_gui_thread(qtbot, window, monkeypatch):
    threads: list[str] = []

    def watched(model, record):
        threads.append(threading.current_thread().name)
        return probe_eviction(model, record)

    monkeypatch.setattr("kvviz.gui.eviction_probe_runner.probe_eviction", watched)
    help_panel = window.panels["help"]
    help_panel.anchorClicked.emit(QUrl(PROBE_LINK))  # the full cache evicts nothing
    qtbot.waitUntil(lambda: not window.session.eviction_probe.busy, timeout=10_000)
    assert help_panel.probe == probe_text(None)

    _apply_window(window, 8)
    c = window.controller
    for _ in range(16):
        c.step_forward()
    help_panel.anchorClicked.emit(QUrl(PROBE_LINK))
    assert help_panel.probe == f"Measuring at step {c.current.step} …"
    qtbot.waitUntil(lambda: not window.session.eviction_probe.busy, timeout=10_000)
    expected = probe_eviction(c.run.engine.model, c.current)
    assert expected.max_abs_logit_change > 0  # two layers: evicted tokens still reach the output
    assert help_panel.probe == probe_text(expected)
    assert "changes the last logits by up to" in help_panel.toPlainText()
    assert threads and all(name.startswith("kvviz-probe") for name in threads)
