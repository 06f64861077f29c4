"""Where the views sit in a window: the attention pair in the middle, docks around it.

Layout only. The views are built here and named in ``panels`` (the names exports and
``kvviz export --panel`` use); what they show comes from the session, which feeds them. The views
of ``late`` are built when first on screen or first asked for (see :mod:`kvviz.gui.lazy`), and
announced for the session to feed them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QScrollArea,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from kvviz.core.record import Mode
from kvviz.gui.frame import Frame
from kvviz.gui.lazy import LateViews, Panels, late_view
from kvviz.gui.theme import Theme
from kvviz.gui.views.attention_image import SharedScoreLevels
from kvviz.gui.views.attention_panel import AttentionPanel, link_views
from kvviz.gui.views.cache_view import KVCacheView
from kvviz.gui.views.cell_info import CellInspector
from kvviz.gui.views.controls import ModelControls
from kvviz.gui.views.help import HelpPanel
from kvviz.gui.views.legend import Legend
from kvviz.gui.views.plots import PLOT_NAMES
from kvviz.gui.views.token_strip import TokenStrip

if TYPE_CHECKING:
    from kvviz.gui.views.memory_panel import MemoryPanel
    from kvviz.gui.views.paged_view import PagedCacheView
    from kvviz.gui.views.plots import PlotsPanel
    from kvviz.gui.views.presentation import PresentationView
    from kvviz.gui.views.quality_chart import QualityChart

#: Windows less tall than this put the data docks in the left column too (see Workspace._place_docks).
SIDE_LAYOUT_BELOW = 1000
#: Windows less tall than this show the legend and the hovered cell's description in one slot (the
#: description over the legend while a cell is hovered): the matrices get the other slot's height.
SHARED_NOTES_BELOW = 720
LEFT_BAR = Qt.ToolBarArea.LeftToolBarArea
#: The least a dock's scrolled content is given, in pixels: it scrolls below this.
DOCK_MINIMUM = (120, 60)
#: Each dock's title, short enough for its tab among four in the left column of a 1280×720 window, and
#: its name in the View menu where that is longer.
DOCK_TITLES: dict[str, tuple[str, str]] = {
    "controls": (QT_TRANSLATE_NOOP("Workspace", "Model"), ""),
    "help": (QT_TRANSLATE_NOOP("Workspace", "What am I looking at?"), ""),
    "kv_cache": (QT_TRANSLATE_NOOP("Workspace", "KV cache"), ""),
    "plots": (QT_TRANSLATE_NOOP("Workspace", "Plots"), ""),
    "paged": (QT_TRANSLATE_NOOP("Workspace", "Paged"), QT_TRANSLATE_NOOP("Workspace", "Paged cache")),
    "memory": (QT_TRANSLATE_NOOP("Workspace", "Memory"), QT_TRANSLATE_NOOP("Workspace", "Memory explorer")),
    "quality": (QT_TRANSLATE_NOOP("Workspace", "Quality"), QT_TRANSLATE_NOOP("Workspace", "Quality vs memory")),
}


def _plots(theme: Theme, parent: QWidget) -> QWidget:
    from kvviz.gui.views.plots import PlotsPanel

    return PlotsPanel(theme, parent)


def _paged(theme: Theme, parent: QWidget) -> QWidget:
    from kvviz.gui.views.paged_view import PagedCacheView

    return PagedCacheView(theme, parent)


def _memory(theme: Theme, parent: QWidget) -> QWidget:
    from kvviz.gui.views.memory_panel import MemoryPanel

    return MemoryPanel(parent, theme=theme)


def _quality(theme: Theme, parent: QWidget) -> QWidget:
    from kvviz.gui.views.quality_chart import QualityChart

    return QualityChart(theme, parent)


def _presentation(theme: Theme, window: QWidget) -> QWidget:
    """Presentation mode's page, hidden till then. It covers the whole window, menus and docks included,
    and leaves the desktop layout untouched underneath: leaving it only uncovers the desktop (no dock or
    view is laid out again), which keeps the way back under 0.2 s."""
    from kvviz.gui.views.presentation import PresentationView

    page = PresentationView(theme, window)
    page.hide()
    return page


#: The docks whose view is built when first on screen or asked for, and how, in a theme and under a parent
#: (their modules are imported then too): at launch they sit behind another tab (the plots too in a window
#: less tall than SIDE_LAYOUT_BELOW). The presentation page, shown only in presentation mode, is built late too.
LATE_DOCKS: dict[str, Callable[[Theme, QWidget], QWidget]] = {
    "plots": _plots,
    "paged": _paged,
    "memory": _memory,
    "quality": _quality,
}


class Workspace(QObject):
    """The views of one window, laid out in it; ``panels`` names every view, ``docks`` every dock."""

    def __init__(self, window: Frame) -> None:
        super().__init__(window)
        pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
        self.window = window
        theme = window.theme
        levels = SharedScoreLevels()  # both panels show the same scores, in different colours
        self.uncached = AttentionPanel(Mode.UNCACHED, theme, levels=levels)
        self.cached = AttentionPanel(Mode.CACHED, theme, levels=levels)
        self.cached.view.disableAutoRange()  # follows the uncached panel, which fits and follows growth
        link_views(self.uncached.view, self.cached.view)
        self.legend = Legend(theme)
        self.inspector = CellInspector(theme)
        self.tokens = TokenStrip(theme)
        self.cache_view = KVCacheView(theme)
        self.controls = ModelControls(theme)
        self.help = HelpPanel(theme)
        late = {key: partial(self._docked, key, make) for key, make in LATE_DOCKS.items()}
        late["presentation"] = lambda: _presentation(self.window.theme, window)  # in the theme of the moment
        self.late = LateViews(late, self)

        pair = QSplitter(Qt.Orientation.Horizontal)
        pair.setChildrenCollapsible(False)
        pair.addWidget(self.uncached)
        pair.addWidget(self.cached)
        self.attention_pair = pair
        self.attention = QWidget()
        box = QVBoxLayout(self.attention)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(pair, 1)
        box.addWidget(self.legend)
        box.addWidget(self.inspector)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 2, 4, 2)
        column.setSpacing(4)
        column.addWidget(self.tokens)
        column.addWidget(self.attention, 1)
        self._notes_shared = False
        self._share_notes(window.height() < SHARED_NOTES_BELOW)
        for panel in (self.uncached, self.cached):
            panel.cell_hovered.connect(self._show_cell_notes)
        window.setCentralWidget(central)
        central.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # where focus rests so Space and arrows step
        self.central = central
        window.actions.presentation.toggled.connect(self.set_presentation)
        window.actions.leave_presentation.triggered.connect(lambda: window.actions.presentation.setChecked(False))

        self.docks = {
            "controls": self._dock("controls", self.controls, footer=self.controls.footer),
            "help": self._dock("help", self.help),
            "kv_cache": self._dock("kv_cache", self.cache_view),
            "plots": self._dock("plots", None),
            "paged": self._dock("paged", None),
            "memory": self._dock("memory", None),
            "quality": self._dock("quality", None),
        }
        self.retranslate()
        window.language_switch.changed.connect(self.retranslate)
        window.installEventFilter(self)  # dock tab bars come and go with the layout (see eventFilter)
        self._place_docks(column=window.height() < SIDE_LAYOUT_BELOW)

        self.panels = Panels(
            {
                "attention_uncached": self.uncached,
                "attention_cached": self.cached,
                "attention_pair": self.attention_pair,
                "attention": self.attention,
                "legend": self.legend,
                "inspector": self.inspector,
                "tokens": self.tokens,
                "kv_cache": self.cache_view,
                "head_sharing": self.cache_view.heads,
                "plots": lambda: self.plots,
                **{name: (lambda n=name: self.plots.plots[n]) for name in PLOT_NAMES},
                "controls": self.controls,
                "help": self.help,
                "paged": lambda: self.paged,
                "memory": lambda: self.memory,
                "quality": lambda: self.quality,
                "presentation": lambda: self.presentation,
            }
        )

    def _docked(self, key: str, make: Callable[[Theme, QWidget], QWidget]) -> QWidget:
        scroller = self.docks[key].widget()
        view = make(self.window.theme, scroller)
        scroller.setWidget(view)  # in place of the placeholder, which it deletes
        return view

    # The views built late, reached as the others are (reading one builds it).
    plots: PlotsPanel = late_view("plots")
    paged: PagedCacheView = late_view("paged")
    memory: MemoryPanel = late_view("memory")
    quality: QualityChart = late_view("quality")
    presentation: PresentationView = late_view("presentation")

    def retranslate(self) -> None:
        """The docks' titles and View menu entries in the current language."""
        for key, (title, menu) in DOCK_TITLES.items():
            dock = self.docks[key]
            dock.setWindowTitle(QCoreApplication.translate("Workspace", title))
            dock.toggleViewAction().setText(QCoreApplication.translate("Workspace", menu or title))

    def arrange_docks(self) -> None:
        """The first-launch layout: help in front, and most of the window for the matrices."""
        window, docks = self.window, self.docks
        width, height = window.width(), window.height()
        docks["help"].raise_()
        docks["plots"].raise_()
        docks["kv_cache"].raise_()
        if self.column_layout:
            # The run commands may stand in a column at the left edge (Frame.wrap_toolbars): the docks
            # give up that width, not the matrices.
            beside = window.toolbar.sizeHint().width() if window.toolBarArea(window.toolbar) == LEFT_BAR else 0
            column = min(420, int(0.3 * width)) - beside
            window.resizeDocks([docks["controls"]], [column], Qt.Orientation.Horizontal)
            window.resizeDocks([docks["controls"], docks["kv_cache"]], [height // 2] * 2, Qt.Orientation.Vertical)
            return
        window.resizeDocks([docks["controls"]], [min(340, int(0.21 * width))], Qt.Orientation.Horizontal)
        window.resizeDocks([docks["kv_cache"]], [min(330, int(0.27 * height))], Qt.Orientation.Vertical)
        window.resizeDocks([docks["kv_cache"], docks["plots"]], [width // 2, width // 2], Qt.Orientation.Horizontal)

    def _place_docks(self, *, column: bool) -> None:
        """Dock the panels: model and help tabbed on the left; the data docks in two tab groups
        along the bottom, or, for a ``column`` (a window less tall than SIDE_LAYOUT_BELOW: a
        projector, a laptop, where the square matrices lack height), tabbed under the model, with
        Quality beside the model and help so that neither tab row outgrows the column."""
        window, docks = self.window, self.docks
        self.column_layout = column
        left, bottom = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        window.addDockWidget(left, docks["controls"])
        window.tabifyDockWidget(docks["controls"], docks["help"])
        if column:
            window.addDockWidget(left, docks["kv_cache"], Qt.Orientation.Vertical)
            for key in ("plots", "paged", "memory"):
                window.tabifyDockWidget(docks["kv_cache"], docks[key])
            window.tabifyDockWidget(docks["controls"], docks["quality"])
        else:
            window.addDockWidget(bottom, docks["kv_cache"])
            window.addDockWidget(bottom, docks["plots"], Qt.Orientation.Horizontal)
            window.tabifyDockWidget(docks["plots"], docks["paged"])
            window.tabifyDockWidget(docks["kv_cache"], docks["memory"])
            window.tabifyDockWidget(docks["kv_cache"], docks["quality"])
        docks["plots"].raise_()
        docks["kv_cache"].raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Dock tab bars, as the window makes them, scroll when crowded instead of eliding titles ("KV ca…");
        the presentation page follows the window's size."""
        if event.type() == QEvent.Type.ChildPolished and isinstance(event.child(), QTabBar):
            event.child().setElideMode(Qt.TextElideMode.ElideNone)
            event.child().setUsesScrollButtons(True)
        elif event.type() == QEvent.Type.Resize and watched is self.window:
            self._share_notes(self.window.height() < SHARED_NOTES_BELOW)
            if self.presenting:
                self.presentation.setGeometry(self.window.rect())
        return False

    def _share_notes(self, shared: bool) -> None:
        """In a short window the cell's description leaves the layout and is drawn over the legend while a
        cell is hovered (see SHARED_NOTES_BELOW); else it has a line of its own under the legend."""
        if shared == self._notes_shared:
            return
        self._notes_shared = shared
        box = self.attention.layout()
        if shared:
            box.removeWidget(self.inspector)
            self.inspector.hide()
        else:
            box.addWidget(self.inspector)
            self.inspector.show()

    def _show_cell_notes(self, row: int, col: int) -> None:
        """Over the legend, at least its height and the description's, while a cell is hovered (shared slot)."""
        if not self._notes_shared:
            return
        notes, legend = self.inspector, self.legend.geometry()
        if row < 0 or col < 0:
            notes.hide()
            return
        height = max(legend.height(), notes.heightForWidth(legend.width()))
        notes.setGeometry(legend.x(), legend.bottom() + 1 - height, legend.width(), height)
        notes.setAutoFillBackground(True)
        notes.raise_()
        notes.show()

    @property
    def presenting(self) -> bool:
        page = self.late.get("presentation")
        return page is not None and page.isVisibleTo(self.window)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: the presentation page covers the window (menus, toolbars, docks and status
        bar); leaving it uncovers the desktop layout exactly as it was."""
        if on == self.presenting:
            return
        if on:
            self.presentation.setGeometry(self.window.rect())
            self.presentation.raise_()
            self.presentation.show()
            self.presentation.setFocus()
        else:
            self.presentation.hide()
            self.central.setFocus()

    def show_help(self) -> None:
        dock = self.docks["help"]
        dock.show()
        dock.raise_()

    def _dock(self, key: str, widget: QWidget | None, *, footer: QWidget | None = None) -> QDockWidget:
        """A dock for ``widget``, which scrolls rather than force its size on the window (the matrices
        get the room); ``footer`` stays under the scrolled part, always in reach. Its title is set by
        :meth:`retranslate`. Without a widget, the dock holds the view ``key`` of LATE_DOCKS once built."""
        dock = QDockWidget(self.window)
        dock.setObjectName(f"dock_{key}")  # saved window states refer to docks by this name
        scroller = QScrollArea()
        if widget is None:
            widget = self.late.placeholder(key)
        scroller.setWidget(widget)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setMinimumSize(DOCK_MINIMUM[0], DOCK_MINIMUM[1])
        if footer is None:
            dock.setWidget(scroller)
        else:
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(scroller, 1)
            column.addWidget(footer)
            dock.setWidget(holder)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.window.view_menu.addAction(dock.toggleViewAction())
        return dock
