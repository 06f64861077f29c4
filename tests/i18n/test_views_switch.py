"""A live switch of language: each view says its texts in the new language on ``retranslate()``, and
the same texts as before when switched back; a view built while Chinese is active is Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kvviz.core.config import ModelConfig
from kvviz.core.policy import CachePolicy
from kvviz.core.record import Mode
from kvviz.core.run import RunSpec, build_run
from kvviz.gui.theme import DARK
from kvviz.gui.views.attention_panel import AttentionPanel
from kvviz.gui.views.cache_view import KVCacheView
from kvviz.gui.views.help import HelpPanel
from kvviz.gui.views.legend import Legend
from kvviz.gui.views.memory_panel import MemoryPanel
from kvviz.gui.views.paged_view import PagedCacheView
from kvviz.gui.views.plots import PlotsPanel
from kvviz.gui.views.presentation import PresentationView
from kvviz.gui.views.token_strip import TokenStrip
from tests.i18n.speaking import has_chinese, speaking


@pytest.fixture(scope="module")
def history():
    config = ModelConfig(n_layers=2, n_heads=4, n_kv_heads=2, d_model=32, context_length=64)
    spec = RunSpec(
        config=config, weights="random", prompt="KV cache", max_new_tokens=8, policy=CachePolicy("window", 6)
    )
    run = build_run(spec)
    records = [run.current]
    for _ in range(4):
        records.append(run.step_forward())
    return records


def _views(qtbot, history):
    """Every view with fixed or computed texts, showing the run's last step."""
    record = history[-1]
    views = {
        "attention": AttentionPanel(Mode.CACHED, DARK),
        "legend": Legend(DARK),
        "plots": PlotsPanel(DARK),
        "cache": KVCacheView(DARK),
        "tokens": TokenStrip(DARK),
        "help": HelpPanel(DARK),
        "presentation": PresentationView(DARK),
        "paged": PagedCacheView(DARK),
        "memory": MemoryPanel(theme=DARK),
    }
    for view in views.values():
        qtbot.addWidget(view)
    for name in ("attention", "legend", "cache", "tokens", "presentation"):
        views[name].set_record(record)
    views["plots"].set_history(history)
    views["plots"].set_record(record)
    views["paged"].set_config(record.config)
    views["presentation"].resize(1280, 720)  # a projector's page: the caption's form depends on its width
    views["presentation"].show()  # it draws only while shown
    return views


def _texts(views) -> dict[str, list[str]]:
    """What each view says: its labels' and buttons' texts and tooltips, and its own words."""
    said = {}
    for name, view in views.items():
        words = [w.text() for w in view.findChildren(QLabel)] + [w.toolTip() for w in view.findChildren(QLabel)]
        words += [b.text() for b in view.findChildren(QAbstractButton)]
        if name == "attention":
            words.append(view.title.text)
        elif name == "plots":
            words += [plot.getPlotItem().titleLabel.text for plot in view.plots.values()]
        elif name == "help":
            words.append(view.toPlainText())
        elif name == "presentation":
            words.append(view.caption.text())
        said[name] = [w for w in words if w]
    return said


def test_views_follow_a_live_switch_and_back(qtbot, history):
    views = _views(qtbot, history)
    english = _texts(views)
    for name, words in english.items():
        assert words and not any(has_chinese(w) for w in words), name
    with speaking("zh_CN"):
        for view in views.values():
            view.retranslate()
        qtbot.wait(1)  # the presentation's old slide is deleted
        chinese = _texts(views)
        for name, words in chinese.items():
            assert any(has_chinese(w) for w in words), name
        caption = views["presentation"].caption.text().replace("\u2060", "").replace("\xa0", " ")  # see keep_phrases
        assert "注意力" in " ".join(chinese["help"]) and caption.startswith("第 4 步 · 解码 · ")
    for view in views.values():
        view.retranslate()
    qtbot.wait(1)
    assert _texts(views) == english


def test_views_built_in_chinese_speak_chinese(qtbot, history):
    with speaking("zh_CN"):
        views = _views(qtbot, history)
        said = _texts(views)
    for name, words in said.items():
        assert any(has_chinese(w) for w in words), name


def test_views_follow_qt_language_change_by_themselves(qtbot, history):
    """The window may only install the translator: Qt's LanguageChange makes each view say its texts again."""
    views = _views(qtbot, history)
    english = _texts(views)
    with speaking("zh_CN"):
        qtbot.wait(5)  # the LanguageChange events, and the presentation's old slide deleted
        for name, words in _texts(views).items():
            assert any(has_chinese(w) for w in words), name
    qtbot.wait(5)  # the LanguageChange events
    qtbot.wait(5)  # the old slides they replaced, deleted
    assert _texts(views) == english
