"""Entry point of the desktop app (`kvviz`, `python -m kvviz`).

The window frame is shown first and the model loads right after its first paint:
importing torch takes longer than the whole frame, and a window that appears at once
tells the user the app has started.
"""

from __future__ import annotations

import atexit
import gc
import sys

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kvviz.gui.main_window import MainWindow
from kvviz.gui.settings import Settings
from kvviz.gui.theme import DARK, THEMES, apply_to_application


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


def launch(argv: list[str] | None = None, settings: Settings | None = None) -> tuple[QApplication, MainWindow]:
    """Show the window; the workspace loads once the event loop has painted it."""
    app = application(argv)
    settings = settings if settings is not None else Settings()
    theme = THEMES.get(settings.get("view/theme"), DARK)
    apply_to_application(app, theme)
    window = MainWindow(settings, theme=theme, load=False)
    window.show()
    window.load_after_first_paint()
    return app, window


def run_app(argv: list[str] | None = None) -> int:
    """Run the app until its window closes; returns the exit status."""
    from kvviz.gui import crash

    app = application(argv)
    reporter = crash.install()
    try:
        _app, _window = launch(argv)
        return app.exec()
    finally:
        close_windows()
        reporter.uninstall()


def close_windows() -> None:
    """Close and delete every window while the QApplication still exists.

    Widgets left for the interpreter's exit are destroyed in no particular order, after
    parts of Qt they need (a script that grabbed a window and returned could crash
    there); closing them first stops their timers and saves their settings.
    """
    if QApplication.instance() is None:
        return
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    for window in windows:
        window.close()
    QCoreApplication.processEvents()
    gc.collect()
    for window in windows:
        if shiboken6.isValid(window):
            shiboken6.delete(window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
