"""What View ▸ Language costs: a live switch (in place) against a theme switch and a new window, side by side.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/language_switch.py``. Each switch is timed until
the window has repainted (posted events delivered, then a synchronous repaint), alternating the two
languages, in a 1280×720 window with the default model after 20 steps. Times are medians of the
runs; on a shared machine read them as ratios to each other, which this one run measures together.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from kvviz.gui import language
from kvviz.gui.app import application
from kvviz.gui.main_window import MainWindow
from kvviz.gui.settings import Settings

ROUNDS = 10


def settle(window: MainWindow) -> None:
    QCoreApplication.processEvents()
    window.repaint()


def timed(action, window: MainWindow) -> float:
    start = time.perf_counter()
    action()
    settle(window)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    application([])
    folder = Path(tempfile.mkdtemp(prefix="kvviz-bench-"))
    window = MainWindow(Settings(folder / "kvviz.json"))
    window.resize(1280, 720)
    window.show()
    settle(window)
    for _ in range(20):
        window.controller.request_step()
        while window.controller.step_waiting:
            QCoreApplication.processEvents()
    settle(window)
    step, selection = window.controller.current.step, (window.selection.layer, window.selection.head)

    switches, alone, repaints, themes, windows = [], [], [], [], []
    for i in range(ROUNDS):
        code = "zh_CN" if i % 2 == 0 else "en"
        switches.append(timed(lambda c=code: window.set_language(c), window))
        start = time.perf_counter()
        window.set_language("en" if code == "zh_CN" else "zh_CN")  # the texts set again, nothing drawn yet
        alone.append((time.perf_counter() - start) * 1000)
        settle(window)
        window.set_language(code)
        settle(window)
        repaints.append(timed(window.update, window))
        theme = "slide" if i % 2 == 0 else "dark"
        themes.append(timed(lambda t=theme: window.set_theme(t), window))
        start = time.perf_counter()
        other = MainWindow(Settings(folder / "other.json"))
        other.resize(1280, 720)
        other.show()
        settle(other)
        windows.append((time.perf_counter() - start) * 1000)
        other.close()
        other.deleteLater()
    assert (window.controller.current.step, (window.selection.layer, window.selection.head)) == (step, selection)
    language.install("en")
    med = statistics.median
    print(f"language switch, in place (median of {ROUNDS}): {med(switches):7.1f} ms  (max {max(switches):.1f})")
    print(f"  of which setting the texts (no drawing):  {med(alone):7.1f} ms")
    print(f"a repaint of the same window, for scale:   {med(repaints):7.1f} ms  = {med(repaints) / med(switches):.2f}×")
    print(f"theme switch, in place:                    {med(themes):7.1f} ms  = {med(themes) / med(switches):.2f}×")
    print(f"a new window with its own run, for scale:  {med(windows):7.1f} ms  = {med(windows) / med(switches):.2f}×")


if __name__ == "__main__":
    main()
