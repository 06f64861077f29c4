"""The app's window: a frame that paints first, then shows a run; closing saves the layout and the run.

The frame imports only Qt. The views, the run and torch load right after the first paint
in the app (:meth:`MainWindow.load_after_first_paint`), or at once when built for tests
with ``load=True``. A theme switch restyles the window in place (:meth:`MainWindow.set_theme`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from kvviz.gui import fonts
from kvviz.gui.export.dialog import ExportMenu
from kvviz.gui.frame import Frame
from kvviz.gui.language import SETTING
from kvviz.gui.settings import Settings
from kvviz.gui.theme import DARK, THEMES, Theme

#: How long the missing-font warning stays in the status bar.
FONT_WARNING_MS = 60_000

if TYPE_CHECKING:
    from kvviz.gui.session import Session
    from kvviz.gui.workspace import Workspace


class MainWindow(Frame):
    """kvviz's window, showing the run its settings describe."""

    ready = Signal()  # the views are loaded and show the first record

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        theme: Theme = DARK,
        load: bool = True,
    ) -> None:
        super().__init__(settings if settings is not None else Settings(), theme, parent)
        self.session: Session | None = None
        self._load_after_paint = False
        self.exports = ExportMenu(self)
        for name, action in self.actions.themes().items():
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
        for code, action in self.actions.languages().items():
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
        self.theme_switch.changed.connect(self._fit_frame_to_font)  # first: the views measure text after it
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
        """Build the views and the run (imports torch and pyqtgraph)."""
        if self.session is not None:
            return
        from kvviz.gui.run_settings import first_run
        from kvviz.gui.session import Session

        settings = self.settings
        first = first_run(settings)
        run, notice, problem = first.run, first.notice, first.weights_problem
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
        """Draw in theme ``name`` from now on (and at the next launch), restyling this window in place:
        its geometry, docks, run, step, selection, zoom and every panel's choices stay as they are."""
        theme = THEMES[name]
        self.settings.set("view/theme", name)
        self.actions.themes()[name].setChecked(True)
        self.theme_switch.set_theme(theme)

    def set_language(self, code: str) -> None:
        """Speak ``code`` from now on (and at the next launch), retranslating this window in place:
        its geometry, docks, run, step, selection and every panel's choices stay as they are."""
        self.settings.set(SETTING, code)
        self.actions.languages()[code].setChecked(True)
        self.language_switch.set_language(code)
        QTimer.singleShot(0, self, self.wrap_toolbars)  # once the toolbars have measured the new texts
        self.warn_if_no_font(code)

    def warn_if_no_font(self, code: str) -> None:
        """Say once, in the status bar, that ``code`` cannot be drawn without a font this system lacks
        (again once the run has loaded, whose notices would cover it)."""
        warning = fonts.missing_font_warning(code)
        if warning is None:
            return
        self.statusBar().showMessage(warning, FONT_WARNING_MS)
        if not self.loaded:
            self.ready.connect(lambda: self.statusBar().showMessage(warning, FONT_WARNING_MS))

    def _fit_frame_to_font(self) -> None:
        """What the frame sized by its type when it was built, sized again for the theme's.

        A dock draws its title in the application's font as it was when the dock was built,
        unless the dock has a font of its own: each gets the application's font, marked by a
        style strategy that draws the same, so its title (and its contents) follow the switch.
        """
        self.fit_step_label()
        title = QFont(QApplication.font())
        title.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        for dock in self.findChildren(QDockWidget):
            dock.setFont(title)
        QTimer.singleShot(0, self, self.wrap_toolbars)  # once the toolbars have measured the new type

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.session is not None:
            self.session.controller.shutdown()
            self.settings.update(self.session.settings_values())
            self.settings.set("window/state", self.saveState())
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
