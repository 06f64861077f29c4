"""Switching theme: a new window in the other theme takes over the run, and the old one closes.

The views read their theme once, when they are built, so a theme is a property of a
window. Switching builds the window again from the saved layout and settings (the old
window saves them as it closes) and hands it the same engine, so the run, its history
and the step shown carry over. The choice is saved for the next launch.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kvviz.gui.main_window import MainWindow
from kvviz.gui.theme import THEMES, apply_to_application

#: Windows made by a switch: a top-level window lives only while Python holds it.
_windows: list[MainWindow] = []


def switch_theme(window: MainWindow, name: str) -> MainWindow:
    """The window that now shows ``window``'s run in theme ``name``."""
    theme = THEMES[name]
    app = QApplication.instance()
    engine = window.controller.detach_engine()
    window.settings.set("view/theme", name)
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # between the old window closing and the new one showing
    try:
        was_visible = window.isVisible()
        window.close()  # saves the layout, the run's settings and the view
        apply_to_application(app, theme)
        successor = MainWindow(window.settings, theme=theme)
        successor.controller.replace_engine(engine)
        if was_visible:
            successor.show()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    _windows[:] = [w for w in _windows if w is not window]
    _windows.append(successor)
    window.deleteLater()
    return successor
