"""Windows drawn for exports only: the app's own frame and views, never shown on a screen.

``kvviz export`` draws its pictures in one, and the app draws animations in one, so both
look exactly like the app. The window shows a run that exists already (nothing is
built or computed for it) and gets throw-away settings, so the user's saved layout and
run neither shape nor suffer from an export.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget

from kvviz.core.run import Run
from kvviz.gui.frame import Frame
from kvviz.gui.theme import Theme

#: The window's size for pictures, in logical pixels: a common laptop screen.
WINDOW_SIZE = (1440, 900)


#: What the offscreen platform says each time a window is shown or a dock moves: noise for a user.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


@contextmanager
def quiet_offscreen_platform() -> Iterator[None]:
    """Drop the offscreen platform's known noise from stderr; pass every other Qt message on."""
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    def handler(mode, context, message: str) -> None:
        if message == OFFSCREEN_NOISE:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def settle() -> None:
    """Run pending events (deferred layouts, the first dock arrangement) so what is drawn is final."""
    for _ in range(3):
        QCoreApplication.processEvents()


@contextmanager
def export_window(
    run: Run,
    theme: Theme,
    layer: int,
    head: int,
    *,
    size: tuple[int, int] = WINDOW_SIZE,
    state: QByteArray | None = None,
) -> Iterator[Frame]:
    """A laid-out window showing ``run`` at its current step, with the dock layout ``state`` if given.

    It never computes a step: give it a run no other window steps, or a snapshot of one.
    """
    from kvviz.gui.session import Session
    from kvviz.gui.settings import Settings

    with quiet_offscreen_platform(), tempfile.TemporaryDirectory(prefix="kvviz-export-") as folder:
        window = Frame(Settings(Path(folder) / "kvviz.ini"), theme)
        # shown (but not on screen) before the views load, as the app does at launch: docks laid
        # out in a hidden window and then resized leave stale tab bars drawn over the picture
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        try:
            window.resize(*size)
            window.show()
            settle()
            session = Session(window, run, layer=layer, head=head, compute_ahead=False)
            settle()  # the docks are laid out before they are arranged or restored
            if state is None or not window.restoreState(state):
                session.workspace.arrange_docks()
            settle()
            yield window
        finally:
            if window.loaded:
                window.controller.shutdown()
            window.hide()
            window.deleteLater()
            settle()


def show_panel(window: Frame, name: str) -> None:
    """Bring ``name`` on screen in an export window: the presentation page is shown in presentation mode,
    the quality chart measured."""
    if name == "presentation":
        window.actions.presentation.setChecked(True)
        settle()
    if name == "quality":  # measured on first show, on a worker: a picture needs its rows now
        chart = window.panels["quality"]
        chart.compute_now()
        while chart is not None and not isinstance(chart, QDockWidget):
            chart = chart.parentWidget()
        if chart is not None:
            chart.raise_()  # a widget in a hidden tab is not laid out
            settle()


@contextmanager
def offscreen_window(run: Run, theme: Theme, layer: int, head: int) -> Iterator[Frame]:
    """For ``kvviz export``: a QApplication without a display, in ``theme``, and a window showing ``run``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kvviz import i18n
    from kvviz.gui import fonts, language
    from kvviz.gui.application import application
    from kvviz.gui.theme import apply_to_application

    apply_to_application(application([]), theme)
    language.install(i18n.language())  # the language the command line chose, for the panels' texts too
    if (warning := fonts.missing_font_warning(i18n.language())) is not None:
        print(f"kvviz: warning: {warning}", file=sys.stderr)
    with export_window(run, theme, layer, head) as window:
        yield window
