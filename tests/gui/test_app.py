"""Launching: the frame paints before torch loads, run_app returns when the window closes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QLabel

from kvviz.gui.app import launch


def test_the_window_frame_imports_no_torch():
    code = "import sys, kvviz.gui.app, kvviz.gui.main_window; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


_PAINT_BEFORE_TORCH = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from kvviz.gui.app import run_app
from kvviz.gui.main_window import MainWindow

seen = {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if "torch_at_paint" not in seen and isinstance(obj, MainWindow) and event.type() == QEvent.Type.Paint:
            seen["torch_at_paint"] = "torch" in sys.modules
            obj.ready.connect(lambda: (seen.update(ready=obj.controller.current.step == 0), obj.close()))
        return False

paint = FirstPaint()
QTimer.singleShot(0, lambda: QApplication.instance().installEventFilter(paint))
status = run_app([])
print(json.dumps(seen))
sys.exit(status)
"""


def test_the_app_paints_its_window_before_torch_loads_then_fills_it(tmp_path):
    """The app as its entry point runs it: torch is not imported yet when the window first paints."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", _PAINT_BEFORE_TORCH], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"torch_at_paint": False, "ready": True}


def test_launch_paints_the_frame_then_loads_the_workspace(qtbot):
    _app, window = launch([])
    qtbot.addWidget(window)
    assert window.workspace is None
    assert isinstance(window.centralWidget(), QLabel)
    with qtbot.waitSignal(window.ready, timeout=30_000):
        pass
    assert window.workspace is not None
    assert window.controller.current.step == 0
    assert set(window.panels) >= {"attention_uncached", "attention_cached", "tokens", "kv_cache", "plot_flops"}


_CLOSE_WHEN_READY = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kvviz.gui.app import run_app
from kvviz.gui.main_window import MainWindow

def close_once_loaded():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    if window.workspace is None:
        window.ready.connect(window.close)
    else:
        window.close()

QTimer.singleShot(0, close_once_loaded)
sys.exit(run_app([]))
"""


def test_run_app_runs_until_the_window_closes_and_saves_settings(tmp_path):
    """In a child process: run_app ends the event loop, which would stop later tests' loops here."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", _CLOSE_WHEN_READY], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    saved = (tmp_path / "kvviz" / "kvviz.json").read_text(encoding="utf-8")
    assert "geometry" in saved and "n_layers" in saved


def test_qt_bindings_keep_none_alive():
    """PySide6 6.12.0 under Python < 3.12 drops a reference to None per void call, and the app aborts."""
    path = QPainterPath()
    before = sys.getrefcount(None)
    for i in range(1000):
        path.lineTo(float(i), 0.0)
    assert sys.getrefcount(None) >= before
