"""The app's window built without a display, for ``kvviz export``: the same widgets draw the pictures.

The window gets throw-away settings (so the user's saved layout and run neither shape
nor suffer from a headless export) that describe the run's model, then shows the run
the CLI computed, at the layer and head asked for.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kvviz.core.engine import Engine
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
    from PySide6.QtCore import QCoreApplication

    for _ in range(3):
        QCoreApplication.processEvents()


@contextmanager
def offscreen_window(engine: Engine, prompt: str, theme: Theme, layer: int, head: int) -> Iterator:
    """A laid-out main window showing ``engine``'s run (of ``prompt``) at its current step."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kvviz.gui.app import application
    from kvviz.gui.main_window import MainWindow
    from kvviz.gui.settings import MODEL_FIELDS, Settings
    from kvviz.gui.theme import apply_to_application

    app = application([])
    apply_to_application(app, theme)
    config = engine.config
    with quiet_offscreen_platform(), tempfile.TemporaryDirectory(prefix="kvviz-export-") as folder:
        settings = Settings(Path(folder) / "kvviz.ini")
        values = {f"model/{name}": getattr(config, name) for name in MODEL_FIELDS}
        settings.update(
            {
                **values,
                "model/head_dim": config.head_dim or 0,
                "model/prompt": prompt,
                "view/layer": layer,
                "view/head": head,
                "view/theme": theme.name,
            }
        )
        # shown, then loaded, as the app does at launch: docks laid out in a hidden window and
        # then resized leave stale tab bars drawn over the picture
        window = MainWindow(settings, theme=theme, load=False)
        try:
            window.resize(*WINDOW_SIZE)
            window.show()
            settle()
            window.load()
            settle()
            window.controller.replace_engine(engine)
            settle()
            yield window
        finally:
            if window.workspace is not None:
                window.controller.shutdown()
            window.hide()
            window.deleteLater()
            settle()
