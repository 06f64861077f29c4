"""The window's frame: menus, toolbar, status bar, and a place for the views.

The frame imports only Qt, so it can paint within a fraction of a second of launch; the
views, the run and torch come later (see :mod:`kvviz.gui.session`). The app's window
(:mod:`kvviz.gui.main_window`) and the windows built for exports are frames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QSlider,
    QSpinBox,
    QStyle,
    QToolBar,
    QWidget,
)

from kvviz.gui.actions import Actions, build_actions
from kvviz.gui.settings import Settings
from kvviz.gui.theme import DARK, Theme, ThemeSwitch
from kvviz.gui.widgets.elided_label import ElidedLabel

if TYPE_CHECKING:
    from kvviz.gui.controller import Controller
    from kvviz.gui.selection import Selection

WINDOW_TITLE = "kvviz — watch the KV cache work"


class Frame(QMainWindow):
    """A window's frame in ``theme``. ``panels`` names every view and ``controller`` is set once
    the views have loaded (a session fills both)."""

    def __init__(self, settings: Settings, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.theme_switch = ThemeSwitch(theme, self)  # its `changed` restyles the views in place
        self.panels: dict[str, QWidget] = {}
        self._controller: Controller | None = None
        self._selection: Selection | None = None
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1440, 900)

        self.actions: Actions = build_actions(self, theme.name)
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        loading = QLabel("Loading the model…")
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(loading)
        # In the window itself as well as in menus and toolbars, so the keys work in presentation
        # mode, where those are hidden.
        self.addActions(self.actions.all())
        self.actions.disable_until_loaded()
        self.actions.quit.triggered.connect(self.close)

    @property
    def theme(self) -> Theme:
        """The theme the window draws in now (see :class:`ThemeSwitch`)."""
        return self.theme_switch.theme

    @property
    def controller(self) -> Controller:
        if self._controller is None:
            raise RuntimeError("the views have not loaded yet")
        return self._controller

    @property
    def selection(self) -> Selection:
        if self._selection is None:
            raise RuntimeError("the views have not loaded yet")
        return self._selection

    @property
    def loaded(self) -> bool:
        return self._controller is not None

    def attach(self, controller: Controller, selection: Selection, panels: dict[str, QWidget]) -> None:
        """The views have loaded: what they show comes from ``controller`` and ``selection``."""
        self._controller, self._selection, self.panels = controller, selection, panels

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
        bar.addAction(a.fit)
        bar.addAction(a.help)
        self.addToolBar(bar)
        self.toolbar = bar
        # The step's own controls: on the same row when the window is wide enough, else the run
        # commands stand at the left edge (see wrap_toolbars), so no command hides behind the
        # toolbar's overflow "»".
        bar = QToolBar("Step")
        bar.setObjectName("step_toolbar")
        bar.setMovable(False)
        self.speed = QSpinBox()
        self.speed.setRange(1, 60)
        self.speed.setSuffix(" steps/s")
        self.speed.setToolTip("Playing speed")
        bar.addWidget(self.speed)
        bar.addSeparator()
        self.step_slider = QSlider(Qt.Orientation.Horizontal)
        self.step_slider.setMinimumWidth(100)
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
        # Keyboard focus stays with the window, so Space and the arrows always step.
        for w in (self.speed, self.step_slider, self.layer_box, self.head_box):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.addToolBar(bar)
        self.step_toolbar = bar

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.wrap_toolbars()

    def wrap_toolbars(self) -> None:
        """Both toolbars on one row when they fit side by side; else the run commands stand in a column at
        the window's left edge. A second row would take height, which the square matrices lack in a short
        window (a 1024×640 one in the slide theme), while a column takes width they can spare."""
        narrow = row_width(self.toolbar) + self.step_toolbar.sizeHint().width() + 8 > self.width()
        left = Qt.ToolBarArea.LeftToolBarArea
        if narrow != (self.toolBarArea(self.toolbar) == left):
            self.removeToolBarBreak(self.step_toolbar)  # a row of its own, from an older saved layout
            if narrow:
                self.addToolBar(left, self.toolbar)
            else:
                self.insertToolBar(self.step_toolbar, self.toolbar)

    def _build_menus(self) -> None:
        a = self.actions
        menus = self.menuBar()
        self.file_menu = file_menu = menus.addMenu("&File")
        file_menu.addAction(a.open_model_folder)
        file_menu.addSeparator()
        for action in a.exports():
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        run = menus.addMenu("&Run")
        for action in (a.step, a.step_back, a.play, a.first, a.run_to_end):
            run.addAction(action)
        run.addSeparator()
        run.addAction(a.reset)
        self.view_menu = menus.addMenu("&View")
        self.view_menu.addAction(a.fit)
        self.view_menu.addAction(a.presentation)
        theme_menu = self.view_menu.addMenu("&Theme")
        for action in a.themes().values():
            theme_menu.addAction(action)
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
            "named, recomputed by the uncached run, equal the rows stored when they were first computed. Each step "
            "compares the rows the step before made and a block of older rows in turn, so every row is compared",
        }
        for name, tip in tips.items():
            # The check is the longest field: it gives way on narrow windows (ending in "…", the whole text
            # in its tooltip).
            label = ElidedLabel(tip) if name == "check" else QLabel()
            label.setObjectName(f"status_{name}")
            label.setContentsMargins(6, 0, 6, 0)
            label.setToolTip(tip)
            self.status_labels[name] = label
            bar.addPermanentWidget(label, 1 if name == "check" else 0)


def row_width(bar: QToolBar) -> int:
    """The width ``bar`` takes laid out in a row, whichever way it stands now."""
    separator = bar.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarSeparatorExtent, None, bar)
    actions = [a for a in bar.actions() if a.isVisible()]
    widths = [separator if a.isSeparator() else bar.widgetForAction(a).sizeHint().width() for a in actions]
    margins = bar.layout().contentsMargins()
    return sum(widths) + bar.layout().spacing() * (len(widths) - 1) + margins.left() + margins.right()


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setContentsMargins(8, 0, 4, 0)
    return label
