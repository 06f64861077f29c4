"""Entry point of the desktop app (`kvviz`, `python -m kvviz`).

The window frame is shown first and the model loads right after its first paint:
importing torch takes longer than the whole frame, and a window that appears at once
tells the user the app has started.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication

from kvviz.gui import language
from kvviz.gui.application import application, close_windows
from kvviz.gui.crash import install as install_crash_reporter
from kvviz.gui.main_window import MainWindow
from kvviz.gui.settings import Settings
from kvviz.gui.theme import DARK, THEMES, apply_to_application

__all__ = ["application", "close_windows", "launch", "run_app"]


def launch(
    argv: list[str] | None = None, settings: Settings | None = None, lang: str | None = None
) -> tuple[QApplication, MainWindow]:
    """Show the window in ``lang`` (see :func:`kvviz.gui.language.choose`); the workspace loads once the
    event loop has painted it."""
    # One intra-op thread from torch's first operation on (the session sets it too, but only after the
    # weights are checked and the prompt prefilled): two OpenMP threads on a busy 2-core machine made
    # each of the checkpoint's 35 finiteness checks ~80 ms instead of <1 ms. Read when torch loads.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    app = application(argv)
    settings = settings if settings is not None else Settings()
    code = language.choose(lang, settings)
    language.install(code)
    theme = THEMES.get(settings.get("view/theme"), DARK)
    apply_to_application(app, theme)
    window = MainWindow(settings, theme=theme, load=False)
    window.warn_if_no_font(code)
    window.show()
    window.load_after_first_paint()
    return app, window


def run_app(argv: list[str] | None = None, lang: str | None = None) -> int:
    """Run the app until its window closes, in ``lang`` (``kvviz --lang``; None: the saved or the
    system's language); returns the exit status."""
    app = application(argv)
    reporter = install_crash_reporter()
    try:
        _app, _window = launch(argv, lang=lang)
        return app.exec()
    finally:
        close_windows()
        reporter.uninstall()
