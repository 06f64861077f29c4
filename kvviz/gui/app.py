"""Entry point of the desktop app (`kvviz`, `python -m kvviz`).

The window frame is shown first and the model loads right after its first paint:
importing torch takes longer than the whole frame, and a window that appears at once
tells the user the app has started.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from kvviz.gui.main_window import MainWindow
from kvviz.gui.settings import Settings
from kvviz.gui.theme import DARK, THEMES, apply_to_application


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the existing one if there is one), themed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(sys.argv if argv is None else argv))
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
    app, _window = launch(argv)
    return app.exec()
