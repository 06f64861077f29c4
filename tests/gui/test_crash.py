"""Unexpected exceptions are logged and shown in a dialog, the app keeps running, and it exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from kvviz.gui.crash import CrashReporter

pytestmark = pytest.mark.qt_no_exception_capture  # the reporter under test takes the hook


@pytest.fixture
def reporter(tmp_path, monkeypatch):
    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText(), box.detailedText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    reporter = CrashReporter(tmp_path / "logs" / "kvviz.log")
    reporter.install()
    reporter.shown = shown
    yield reporter
    reporter.uninstall()


def _fail_in_slot() -> None:
    raise ZeroDivisionError("a bug in a slot")


def test_exception_in_a_slot_is_logged_and_shown_and_the_app_goes_on(qtbot, window, reporter):
    before = window.controller.current.step
    QTimer.singleShot(0, _fail_in_slot)
    qtbot.waitUntil(lambda: bool(reporter.shown), timeout=5000)
    text, info, details = reporter.shown[0]
    assert "ZeroDivisionError: a bug in a slot" in text
    assert str(reporter.log_path) in info
    assert "Traceback" in details and "_fail_in_slot" in details
    log = reporter.log_path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug in a slot" in log and "_fail_in_slot" in log
    assert window.controller.step_forward()
    assert window.controller.current.step == before + 1


def test_exception_in_a_thread_is_logged_and_shown_from_the_gui_thread(qtbot, reporter):
    worker = threading.Thread(target=_fail_in_slot, name="worker-7")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(reporter.shown), timeout=5000)
    assert "ZeroDivisionError" in reporter.shown[0][0]
    assert "in thread worker-7" in reporter.log_path.read_text(encoding="utf-8")


def test_uninstall_gives_the_hooks_back(tmp_path):
    reporter = CrashReporter(tmp_path / "kvviz.log")
    reporter.install()
    assert sys.excepthook == reporter.excepthook
    reporter.uninstall()
    assert sys.excepthook is sys.__excepthook__
    assert threading.excepthook is threading.__excepthook__


APP_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from kvviz.gui import app
    from kvviz.gui.settings import Settings
    from tests.gui.conftest import SMALL_MODEL

    app.application(["kvviz"])
    Settings().update(SMALL_MODEL)

    def drive():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, app.MainWindow))
        if window.workspace is None:
            QTimer.singleShot(20, drive)
            return
        for _ in range(5):
            window.controller.step_forward()
        print("step", window.controller.current.step, flush=True)
        QTimer.singleShot(50, QApplication.quit)

    QTimer.singleShot(50, drive)
    sys.exit(app.run_app(["kvviz"]))
    """
)


def test_the_app_launches_steps_and_quits_cleanly(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", APP_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "step 5" in done.stdout
    assert "Fatal Python error" not in done.stderr
