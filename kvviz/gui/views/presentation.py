"""Presentation mode's page: the tokens, the two Q·Kᵀ matrices large and side by side, the step's
story in one line, and the cache-size formula with live numbers, in type for the back of a room.

It has its own views, built in a larger type (:func:`presentation_theme`), so entering and
leaving the mode changes no panel of the desktop layout; it draws only while it is shown.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from kvviz.core.caption import step_caption
from kvviz.core.record import Mode, StepRecord
from kvviz.gui.theme import DARK, Theme, font
from kvviz.gui.views.attention_image import SharedScoreLevels
from kvviz.gui.views.attention_panel import LEFT_AXIS_PX, AttentionPanel, link_views
from kvviz.gui.views.formula_view import FormulaView
from kvviz.gui.views.readouts import memory_formula
from kvviz.gui.views.token_strip import TokenStrip

#: Type in presentation mode, as a multiple of the desktop's (the dark theme's) sizes.
TYPE_SCALE = 2.0


def presentation_theme(theme: Theme) -> Theme:
    """``theme``'s colours with type at least TYPE_SCALE × the desktop size, and lines to match."""
    return replace(
        theme,
        font_pt=max(theme.font_pt, TYPE_SCALE * DARK.font_pt),
        title_pt=max(theme.title_pt, TYPE_SCALE * DARK.title_pt),
        token_pt=max(theme.token_pt, TYPE_SCALE * DARK.token_pt),
        line_px=2 * theme.line_px,
        highlight_px=2 * theme.highlight_px,
    )


class PresentationView(QWidget):
    """The page presentation mode shows; ``set_record`` as every view, drawn when visible."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = big = presentation_theme(theme)
        self._record: StepRecord | None = None
        self._drawn: StepRecord | None = None
        self._selection = (0, 0)
        self.setFont(font(big))
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # where focus rests, so the clicker's keys step
        self.tokens = TokenStrip(big)
        levels = SharedScoreLevels()
        self.uncached = AttentionPanel(Mode.UNCACHED, big, levels=levels)
        self.cached = AttentionPanel(Mode.CACHED, big, levels=levels)
        self.cached.view.disableAutoRange()  # follows the uncached panel, as on the desktop
        link_views(self.uncached.view, self.cached.view)
        self._widen_axes(theme)
        pair = QSplitter(Qt.Orientation.Horizontal)
        pair.setChildrenCollapsible(False)
        pair.addWidget(self.uncached)
        pair.addWidget(self.cached)
        self.caption = QLabel()
        self.caption.setObjectName("presentation_caption")
        self.caption.setFont(font(big, big.title_pt, bold=True))
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.formula = FormulaView(big)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(6)
        layout.addWidget(self.tokens)
        layout.addWidget(pair, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.formula)

    def _widen_axes(self, theme: Theme) -> None:
        """Room for the larger tick labels."""
        for panel in (self.uncached, self.cached):
            for plot in (panel.plot, panel.strip):
                plot.getAxis("left").setWidth(round(LEFT_AXIS_PX * self.theme.token_pt / theme.token_pt))

    def apply_theme(self, theme: Theme) -> None:
        """Every part in ``theme``'s colours at presentation size, drawn again now or when next shown."""
        self.theme = big = presentation_theme(theme)
        self.setFont(font(big))
        self.caption.setFont(font(big, big.title_pt, bold=True))
        for view in (self.tokens, self.uncached, self.cached, self.formula):
            view.apply_theme(big)
        self._widen_axes(theme)
        self._drawn = None
        if self.isVisible():
            self._draw()

    def set_record(self, record: StepRecord) -> None:
        self._record = record
        if self.isVisible():
            self._draw()

    def set_selection(self, layer: int, head: int) -> None:
        self._selection = (layer, head)
        for panel in (self.uncached, self.cached):
            panel.set_selection(layer, head)

    def fit(self) -> None:
        self.uncached.fit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._draw()
        self.fit()

    def _draw(self) -> None:
        record = self._record
        if record is None or record is self._drawn:
            return
        self._drawn = record
        for view in (self.tokens, self.uncached, self.cached):
            view.set_record(record)
        self.caption.setText(step_caption(record))
        self.formula.set_formula(memory_formula(record))
