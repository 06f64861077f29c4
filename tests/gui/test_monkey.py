"""A seeded monkey: thousands of random user actions, then the views still equal the core's records.

Exceptions raised in Qt slots fail the test (pytest-qt's default). The run is bounded by a
count and by wall time, and prints how many actions it ran.
"""

from __future__ import annotations

import random
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from shiboken6 import isValid

from kvviz.gui.export.picture import PictureSize
from tests.gui.helpers import assert_views_show

ACTIONS = 2500
#: A guard against a hang, far above the ~60 s the actions take on 2 cores.
SECONDS = 300.0
#: What exports may leave in the temporary folder (the settings file lives there too).
EXPORT_NAMES = {"p.png", "p.svg", "d.csv", "d.json", "kvviz.ini"}


@pytest.fixture
def no_dialogs(monkeypatch):
    """Export errors and file choosers must not block the monkey."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    return shown


def test_random_actions_leave_the_app_consistent(qtbot, window, tmp_path, no_dialogs, request):
    rng = random.Random(8)
    state = {"window": window}

    def w():
        return state["window"]

    def spin(name: str, how: str) -> None:
        box = w().workspace.controls.spins[name]
        value = {"min": box.minimum(), "max": box.maximum()}.get(how) or rng.randint(box.minimum(), box.maximum())
        if name in ("context_length", "d_model") and how == "max":
            value = min(value, 128)  # the maximum is checked by the validation, without a 1024² run
        box.setValue(value)

    def model_panel() -> None:
        controls = w().workspace.controls
        for _ in range(rng.randint(1, 3)):
            name = rng.choice(
                [
                    "n_layers",
                    "n_heads",
                    "n_kv_heads",
                    "d_model",
                    "head_dim",
                    "context_length",
                    "max_new_tokens",
                    "seed",
                    "window",
                    "sinks",
                    "batch_size",
                ]
            )
            spin(name, rng.choice(["min", "max", "random"]))
        if rng.random() < 0.3:
            controls.dtype.setCurrentIndex(rng.randrange(controls.dtype.count()))
        if rng.random() < 0.4:
            controls.policy.setCurrentIndex(rng.randrange(controls.policy.count()))
        if rng.random() < 0.4:
            controls.cache_dtype.setCurrentIndex(rng.randrange(controls.cache_dtype.count()))
        if rng.random() < 0.2:
            controls.prompt.setPlainText(rng.choice(["", "x", "KV cache", "héllo ∑ 🙂", "a" * 80]))
        # keep runs small enough for thousands of actions
        for name, cap in (("context_length", 96), ("d_model", 64), ("n_layers", 2), ("batch_size", 2)):
            box = controls.spins[name]
            box.setValue(min(box.value(), cap))
        controls.apply_button.click()

    def theme() -> None:
        w().set_theme("slide" if w().theme.name == "dark" else "dark")

    def export() -> None:
        menu = w().exports
        name = rng.choice(list(w().panels))
        target = tmp_path / rng.choice(["p.png", "p.svg", "missing/p.png", "d.csv", "d.json"])
        if target.suffix in (".csv", ".json"):
            menu.save_data(target)
        else:
            menu.save_picture(name, target, PictureSize(scale=1))

    def resize() -> None:
        w().resize(rng.randint(200, 1600), rng.randint(150, 1000))

    def play() -> None:
        c = w().controller
        c.set_steps_per_second(rng.randint(1, 60))
        c.toggle_play()
        qtbot.wait(rng.randint(0, 30))

    def run_to_end() -> None:
        c = w().controller
        start = len(c.history)
        c.run_to_end()
        qtbot.waitUntil(lambda: not c.playing or len(c.history) >= start + 10, timeout=10_000)
        c.pause()

    def key() -> None:
        qtbot.keyClick(w(), rng.choice([Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Home]))

    def memory_panel() -> None:
        panel = w().panels["memory"]
        choice = rng.randrange(4)
        if choice == 0:
            panel.model_box.setCurrentIndex(rng.randrange(panel.model_box.count()))
        elif choice == 1:
            box = rng.choice([panel.context_box, panel.batch_box])
            box.setValue(rng.choice([box.minimum(), box.maximum(), rng.randint(box.minimum(), box.maximum())]))
        elif choice == 2:
            panel.dtype_box.setCurrentIndex(rng.randrange(panel.dtype_box.count()))
        else:
            panel.gpu_box.setCurrentIndex(rng.randrange(panel.gpu_box.count()))

    def slider() -> None:
        s = w().step_slider
        s.setValue(rng.choice([s.minimum(), s.maximum(), rng.randint(s.minimum(), max(s.minimum(), s.maximum()))]))

    def selector() -> None:
        box = rng.choice([w().layer_box, w().head_box])
        if box.count():
            box.setCurrentIndex(rng.randrange(box.count()))

    def trigger(name: str):
        return lambda: getattr(w().actions, name).trigger()

    weighted = [
        (trigger("step"), 20),
        (trigger("step_back"), 8),
        (trigger("first"), 2),
        (trigger("reset"), 2),
        (trigger("fit"), 2),
        (trigger("help"), 0.5),
        (key, 6),
        (memory_panel, 3),
        (play, 4),
        (run_to_end, 1),
        (slider, 6),
        (selector, 6),
        (model_panel, 3),
        (export, 1),
        (resize, 2),
        (theme, 0.2),
    ]
    actions, weights = zip(*weighted, strict=True)
    start = time.monotonic()
    done = 0
    while done < ACTIONS and time.monotonic() - start < SECONDS:
        rng.choices(actions, weights)[0]()
        if done % 20 == 0:
            qtbot.wait(1)
        done += 1
    w().controller.pause()
    qtbot.waitUntil(lambda: not w().controller.step_waiting, timeout=10_000)
    qtbot.wait(10)
    print(f"monkey: {done} actions in {time.monotonic() - start:.1f} s, {len(no_dialogs)} export errors shown")
    assert not (tmp_path / "missing").exists()
    assert {p.name for p in tmp_path.iterdir()} <= EXPORT_NAMES  # no temporary or partial files
    assert_views_show(w())
    # windows a theme switch replaced are deleted already: pytest-qt must not close them again
    request.node.qt_widgets = [(ref, f) for ref, f in request.node.qt_widgets if ref() is None or isValid(ref())]
