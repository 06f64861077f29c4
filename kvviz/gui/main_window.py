"""The main window frame: menus, toolbar, status bar, and a place for the workspace.

The frame imports only Qt, so it can paint within a fraction of a second of launch. The
workspace (the engine, torch and every pyqtgraph view) loads right after the first paint
in the app, or at once when built for tests with ``load=True``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolBar,
    QWidget,
)

from kvviz.gui.actions import Actions, build_actions
from kvviz.gui.export.dialog import ExportMenu
from kvviz.gui.settings import Settings
from kvviz.gui.theme import DARK, Theme

if TYPE_CHECKING:
    from kvviz.gui.controller import Controller
    from kvviz.gui.workspace import Workspace


class MainWindow(QMainWindow):
    """kvviz's window. ``panels`` holds every view by name once the workspace has loaded."""

    ready = Signal()  # the workspace is loaded and shows the first record

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        theme: Theme = DARK,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self.theme = theme
        self.panels: dict[str, QWidget] = {}
        self.workspace: Workspace | None = None
        self._load_after_paint = False
        self.setWindowTitle("kvviz — watch the KV cache work")
        self.resize(1440, 900)

        self.actions: Actions = build_actions(self)
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        loading = QLabel("Loading the model…")
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(loading)
        for action in self.actions.all():
            action.setEnabled(action is self.actions.quit)
        self.actions.quit.triggered.connect(self.close)
        self.exports = ExportMenu(self)
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if load:
            self.load()

    @property
    def controller(self) -> Controller:
        if self.workspace is None:
            raise RuntimeError("the workspace has not loaded yet")
        return self.workspace.controller

    # -- frame -------------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        a = self.actions
        bar = QToolBar("Run")
        bar.setObjectName("run_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (a.reset, a.first, a.step_back, a.step, a.play, a.run_to_end):
            bar.addAction(action)
        bar.addSeparator()
        self.speed = QSpinBox()
        self.speed.setRange(1, 60)
        self.speed.setSuffix(" steps/s")
        self.speed.setToolTip("Playing speed")
        bar.addWidget(_caption("Speed"))
        bar.addWidget(self.speed)
        bar.addSeparator()
        self.step_slider = QSlider(Qt.Orientation.Horizontal)
        self.step_slider.setMinimumWidth(140)
        self.step_slider.setToolTip("Scrub through the steps computed so far")
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(self.step_label.fontMetrics().horizontalAdvance("step 0000 / 0000") + 8)
        bar.addWidget(self.step_slider)
        bar.addWidget(self.step_label)
        bar.addSeparator()
        self.layer_box = QComboBox()
        self.layer_box.setToolTip("Layer shown in the attention panels")
        self.head_box = QComboBox()
        self.head_box.setToolTip("Query head shown in the attention panels")
        bar.addWidget(_caption("Layer"))
        bar.addWidget(self.layer_box)
        bar.addWidget(_caption("Head"))
        bar.addWidget(self.head_box)
        bar.addSeparator()
        bar.addAction(a.fit)
        bar.addAction(a.help)
        # Keyboard focus stays with the window, so Space and the arrows always step.
        for w in (self.speed, self.step_slider, self.layer_box, self.head_box):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_menus(self) -> None:
        a = self.actions
        menus = self.menuBar()
        self.file_menu = file_menu = menus.addMenu("&File")
        file_menu.addAction(a.quit)
        run = menus.addMenu("&Run")
        for action in (a.step, a.step_back, a.play, a.first, a.run_to_end):
            run.addAction(action)
        run.addSeparator()
        run.addAction(a.reset)
        self.view_menu = menus.addMenu("&View")
        self.view_menu.addAction(a.fit)
        self.view_menu.addSeparator()
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(a.help)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_labels: dict[str, QLabel] = {}
        tips = {
            "step": "Step shown / steps computed so far",
            "phase": "Prefill processes the whole prompt; each decode step processes one token",
            "tokens": "Tokens processed so far (prompt + generated)",
            "cache": "KV cache bytes used / allocated for the context length",
            "check": "Live check: the cached and uncached runs give the same logits for the new token, and the rows "
            "the uncached run recomputes equal the rows stored when they were first computed",
        }
        for name, tip in tips.items():
            label = QLabel()
            label.setObjectName(f"status_{name}")
            label.setContentsMargins(6, 0, 6, 0)
            label.setToolTip(tip)
            self.status_labels[name] = label
            bar.addPermanentWidget(label)
        # The check is the longest field: it gives way (clipped, full text in the tooltip) on narrow windows.
        check = self.status_labels["check"]
        check.setMinimumWidth(80)
        check.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addPermanentWidget(check, 1)

    # -- loading -------------------------------------------------------------------------------

    def load_after_first_paint(self) -> None:
        """Load the workspace once the frame has painted (used at launch)."""
        self._load_after_paint = True
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if self._load_after_paint:
            self._load_after_paint = False
            QTimer.singleShot(0, self, self.load)

    def load(self) -> None:
        """Build the engine and the views (imports torch and pyqtgraph)."""
        if self.workspace is not None:
            return
        from kvviz.gui.workspace import Workspace

        self.workspace = Workspace(self)
        self.panels = self.workspace.panels
        state = self.settings.get("window/state")
        if state.isEmpty() or not self.restoreState(state):
            # once the new docks have been laid out, or their size requests are overridden
            QTimer.singleShot(0, self, self.workspace.arrange_docks)
        self.ready.emit()

    # -- closing ---------------------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.workspace is not None:
            self.workspace.controller.shutdown()
            self.workspace.save_settings()
            self.settings.set("window/state", self.saveState())
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setContentsMargins(8, 0, 4, 0)
    return label
