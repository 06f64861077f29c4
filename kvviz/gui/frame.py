"""The window's frame: menus, toolbar, status bar, and a place for the views.

The frame imports only Qt, so it can paint within a fraction of a second of launch; the
views, the run and torch come later (see :mod:`kvviz.gui.session`). The app's window
(:mod:`kvviz.gui.main_window`) and the windows built for exports are frames.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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

from kvviz import i18n
from kvviz.gui.actions import Actions, build_actions
from kvviz.gui.language import LanguageSwitch
from kvviz.gui.settings import Settings
from kvviz.gui.theme import DARK, Theme, ThemeSwitch
from kvviz.gui.widgets.elided_label import ElidedLabel

if TYPE_CHECKING:
    from kvviz.gui.controller import Controller
    from kvviz.gui.selection import Selection

WINDOW_TITLE = QT_TRANSLATE_NOOP("Frame", "kvviz — watch the KV cache work")
#: What each status-bar field tells, in its tooltip.
STATUS_TIPS = {
    "step": QT_TRANSLATE_NOOP("Frame", "Step shown / steps computed so far"),
    "phase": QT_TRANSLATE_NOOP("Frame", "Prefill processes the whole prompt; each decode step processes one token"),
    "tokens": QT_TRANSLATE_NOOP("Frame", "Tokens processed so far (prompt + generated)"),
    "cache": QT_TRANSLATE_NOOP("Frame", "KV cache bytes used / allocated for the context length"),
    "check": QT_TRANSLATE_NOOP(
        "Frame",
        "Live check: the cached and uncached runs give the same logits for the new token, and the rows named, "
        "recomputed by the uncached run, equal the rows stored when they were first computed. Each step compares "
        "the rows the step before made and a block of older rows in turn, so every row is compared",
    ),
}


def window_title() -> str:
    """The window's title in the current language."""
    return QCoreApplication.translate("Frame", WINDOW_TITLE)


def step_text(step: int, last: int) -> str:
    """The toolbar's and status bar's "step 3 / 12"."""
    return QCoreApplication.translate("Frame", "step {step} / {last}").format(step=step, last=last)


class Frame(QMainWindow):
    """A window's frame in ``theme``. ``panels`` names every view and ``controller`` is set once
    the views have loaded (a session fills both)."""

    def __init__(self, settings: Settings, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.theme_switch = ThemeSwitch(theme, self)  # its `changed` restyles the views in place
        self.language_switch = LanguageSwitch(i18n.language(), self)  # its `changed` retranslates them
        self.panels: Mapping[str, QWidget] = {}
        self._controller: Controller | None = None
        self._selection: Selection | None = None
        self.resize(1440, 900)

        self.actions: Actions = build_actions(self, theme.name, i18n.language())
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.retranslate()
        self.language_switch.changed.connect(self.retranslate)
        loading = QLabel(QCoreApplication.translate("Frame", "Loading the model…"))
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

    def attach(self, controller: Controller, selection: Selection, panels: Mapping[str, QWidget]) -> None:
        """The views have loaded: what they show comes from ``controller`` and ``selection``."""
        self._controller, self._selection, self.panels = controller, selection, panels

    # -- frame -------------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        a = self.actions
        bar = QToolBar()
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
        bar = QToolBar()
        bar.setObjectName("step_toolbar")
        bar.setMovable(False)
        self.speed = QSpinBox()
        self.speed.setRange(1, 60)
        bar.addWidget(self.speed)
        bar.addSeparator()
        self.step_slider = QSlider(Qt.Orientation.Horizontal)
        self.step_slider.setMinimumWidth(100)
        self.step_label = QLabel()
        bar.addWidget(self.step_slider)
        bar.addWidget(self.step_label)
        bar.addSeparator()
        self.layer_box = QComboBox()
        self.head_box = QComboBox()
        self.layer_caption, self.head_caption = _caption(), _caption()
        bar.addWidget(self.layer_caption)
        bar.addWidget(self.layer_box)
        bar.addWidget(self.head_caption)
        bar.addWidget(self.head_box)
        # Keyboard focus stays with the window, so Space and the arrows always step.
        for w in (self.speed, self.step_slider, self.layer_box, self.head_box):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.addToolBar(bar)
        self.step_toolbar = bar

    def retranslate(self) -> None:
        """Every text of the frame in the current language (at build, and after a language switch)."""
        self.actions.retranslate()
        if not self.loaded:
            self.setWindowTitle(window_title())
        self.toolbar.setWindowTitle(QCoreApplication.translate("Frame", "Run"))
        self.step_toolbar.setWindowTitle(QCoreApplication.translate("Frame", "Step"))
        self.speed.setSuffix(QCoreApplication.translate("Frame", " steps/s"))
        self.speed.setToolTip(QCoreApplication.translate("Frame", "Playing speed"))
        self.step_slider.setToolTip(QCoreApplication.translate("Frame", "Scrub through the steps computed so far"))
        self.layer_box.setToolTip(QCoreApplication.translate("Frame", "Layer shown in the attention panels"))
        self.head_box.setToolTip(QCoreApplication.translate("Frame", "Query head shown in the attention panels"))
        self.layer_caption.setText(QCoreApplication.translate("Frame", "Layer"))
        self.head_caption.setText(QCoreApplication.translate("Frame", "Head"))
        self.file_menu.setTitle(QCoreApplication.translate("Frame", "&File"))
        self.run_menu.setTitle(QCoreApplication.translate("Frame", "&Run"))
        self.view_menu.setTitle(QCoreApplication.translate("Frame", "&View"))
        self.theme_menu.setTitle(QCoreApplication.translate("Frame", "&Theme"))
        self.language_menu.setTitle(QCoreApplication.translate("Frame", "&Language"))
        self.help_menu.setTitle(QCoreApplication.translate("Frame", "&Help"))
        for name, label in self.status_labels.items():
            tip = QCoreApplication.translate("Frame", STATUS_TIPS[name])
            if isinstance(label, ElidedLabel):
                label.set_about(tip)
            else:
                label.setToolTip(tip)
        self.fit_step_label()

    def fit_step_label(self) -> None:
        """Room for the longest step text in the current font and language, so the toolbar does not jump."""
        label = self.step_label
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance(step_text(0, 0).replace("0", "0000")) + 8)

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
        self.file_menu = file_menu = menus.addMenu("")
        file_menu.addAction(a.open_model_folder)
        file_menu.addSeparator()
        for action in a.exports():
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        self.run_menu = run = menus.addMenu("")
        for action in (a.step, a.step_back, a.play, a.first, a.run_to_end):
            run.addAction(action)
        run.addSeparator()
        run.addAction(a.reset)
        self.view_menu = menus.addMenu("")
        self.view_menu.addAction(a.fit)
        self.view_menu.addAction(a.presentation)
        self.theme_menu = self.view_menu.addMenu("")
        for action in a.themes().values():
            self.theme_menu.addAction(action)
        self.language_menu = self.view_menu.addMenu("")
        for action in a.languages().values():
            self.language_menu.addAction(action)
        self.view_menu.addSeparator()
        self.help_menu = help_menu = menus.addMenu("")
        help_menu.addAction(a.help)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_labels: dict[str, QLabel] = {}
        for name in STATUS_TIPS:
            # The check is the longest field: it gives way on narrow windows (ending in "…", the whole text
            # in its tooltip).
            label = ElidedLabel() if name == "check" else QLabel()
            label.setObjectName(f"status_{name}")
            label.setContentsMargins(6, 0, 6, 0)
            self.status_labels[name] = label
            bar.addPermanentWidget(label, 1 if name == "check" else 0)


def row_width(bar: QToolBar) -> int:
    """The width ``bar`` takes laid out in a row, whichever way it stands now."""
    separator = bar.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarSeparatorExtent, None, bar)
    actions = [a for a in bar.actions() if a.isVisible()]
    widths = [separator if a.isSeparator() else bar.widgetForAction(a).sizeHint().width() for a in actions]
    margins = bar.layout().contentsMargins()
    return sum(widths) + bar.layout().spacing() * (len(widths) - 1) + margins.left() + margins.right()


def _caption() -> QLabel:
    label = QLabel()
    label.setContentsMargins(8, 0, 4, 0)
    return label
