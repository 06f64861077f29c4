"""The one QApplication of a process, themed, for the app and for headless exports alike."""

from __future__ import annotations

import atexit
import gc
import sys

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kvviz.gui.frame import Frame
from kvviz.gui.theme import DARK, apply_to_application


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the existing one if there is one), themed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(sys.argv if argv is None else argv))
        atexit.register(close_windows)
    app.setApplicationName("kvviz")
    app.setOrganizationName("kvviz")
    apply_to_application(app, DARK)
    return app


def close_windows() -> None:
    """Close and delete every window while the QApplication still exists.

    Widgets left for the interpreter's exit are destroyed in no particular order, after
    parts of Qt they need (a script that grabbed a window and returned could crash
    there); closing them first stops their timers and saves their settings.
    """
    if QApplication.instance() is None:
        return
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, Frame)]
    for window in windows:
        window.close()
    QCoreApplication.processEvents()
    gc.collect()
    for window in windows:
        if shiboken6.isValid(window):
            shiboken6.delete(window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
