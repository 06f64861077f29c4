"""Helpers for driving windows in tests."""

from __future__ import annotations


def shown(qtbot, window):
    """Show ``window`` as the active window, so its keyboard shortcuts work."""
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window
