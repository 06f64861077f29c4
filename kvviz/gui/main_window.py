"""The app's window: a frame that paints first, then shows a run; closing saves the layout and the run.

The frame imports only Qt. The views, the run and torch load right after the first paint
in the app (:meth:`MainWindow.load_after_first_paint`), or at once when built for tests
with ``load=True``. A window can also be built around a run that exists already (a
theme switch), which it shows instead of building its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kvviz.gui.export.dialog import ExportMenu
from kvviz.gui.frame import Frame
from kvviz.gui.settings import Settings
from kvviz.gui.theme import DARK, THEMES, Theme, apply_to_application

if TYPE_CHECKING:
    from kvviz.core.run import Run
    from kvviz.gui.session import Session
    from kvviz.gui.workspace import Workspace


class MainWindow(Frame):
    """kvviz's window; ``run`` shows that run instead of the one the settings describe."""

    ready = Signal()  # the views are loaded and show the first record

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        theme: Theme = DARK,
        load: bool = True,
        run: Run | None = None,
    ) -> None:
        super().__init__(settings if settings is not None else Settings(), theme, parent)
        self.session: Session | None = None
        self._run = run
        self._load_after_paint = False
        self.exports = ExportMenu(self)
        for name, action in self.actions.themes().items():
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        elif (screen := self.screen()) is not None:  # first launch: never wider or taller than the screen
            available = screen.availableGeometry().size()
            self.resize(self.size().boundedTo(available))
        if load:
            self.load()

    @property
    def workspace(self) -> Workspace | None:
        """The views' layout, once loaded (None before)."""
        return None if self.session is None else self.session.workspace

    def load_after_first_paint(self) -> None:
        """Load the views and the run once the frame has painted (used at launch)."""
        self._load_after_paint = True
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if self._load_after_paint:
            self._load_after_paint = False
            QTimer.singleShot(0, self, self.load)

    def load(self) -> None:
        """Build the views and the run (imports torch and pyqtgraph), or show the run given."""
        if self.session is not None:
            return
        from kvviz.gui.run_settings import first_run
        from kvviz.gui.session import Session

        settings = self.settings
        notice = problem = ""
        run = self._run
        if run is None:
            first = first_run(settings)
            run, notice, problem = first.run, first.notice, first.weights_problem
        self._run = None  # the controller holds it from here
        self.session = Session(
            self,
            run,
            layer=settings.get("view/layer"),
            head=settings.get("view/head"),
            policy_numbers=(settings.get("model/window"), settings.get("model/sinks")),
        )
        self.session.controller.set_steps_per_second(settings.get("play/steps_per_second"))
        self.speed.setValue(self.session.controller.steps_per_second)
        if problem:
            self.workspace.controls.show_error("weights", problem)
        if notice:
            self.statusBar().showMessage(notice, 10_000)
        state = settings.get("window/state")
        if state.isEmpty() or not self.restoreState(state):
            # once the new docks have been laid out, or their size requests are overridden
            QTimer.singleShot(0, self, self.workspace.arrange_docks)
        self.ready.emit()

    def set_theme(self, name: str) -> None:
        """Redraw in another theme: a new window in that theme takes over the run."""
        if name != self.theme.name and self.session is not None:
            switch_theme(self, name)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.session is not None:
            self.session.controller.shutdown()
            self.settings.update(self.session.settings_values())
            self.settings.set("window/state", self.saveState())
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)


#: Windows made by a theme switch: a top-level window lives only while Python holds it.
_windows: list[MainWindow] = []


def switch_theme(window: MainWindow, name: str) -> MainWindow:
    """The window that now shows ``window``'s run in theme ``name``.

    The views read their theme once, when they are built, so a theme is a property of a
    window: a new one is built from the saved layout and settings (the old window saves
    them as it closes) around the same run, so the run, its history and the step shown
    carry over. The choice is saved for the next launch.
    """
    theme = THEMES[name]
    app = QApplication.instance()
    run = window.controller.detach_run()
    window.settings.set("view/theme", name)
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # between the old window closing and the new one showing
    try:
        was_visible = window.isVisible()
        window.close()  # saves the layout, the run's settings and the view
        apply_to_application(app, theme)
        successor = MainWindow(window.settings, theme=theme, run=run)
        if was_visible:
            successor.show()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    _windows[:] = [w for w in _windows if w is not window]
    _windows.append(successor)
    window.deleteLater()
    return successor
