"""Presentation mode's page: the tokens, the two Q·Kᵀ matrices large and side by side, the step's
story in one line, and the cache-size formula with live numbers, in type for the back of a room.

It has its own views, built in a larger type (:func:`presentation_theme`), so entering and
leaving the mode changes no panel of the desktop layout; it draws only while it is shown.
The type is twice the desktop's on a 1280×720 projector and grows with a larger window, so
the page keeps its proportions from 1024×768 to 3840×2160; the views are built again when
the window's size calls for another type size (a resize, not a step).
"""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kvviz.core.caption import step_captions
from kvviz.core.record import Mode, StepRecord
from kvviz.gui.theme import DARK, Theme, font
from kvviz.gui.views.attention_image import SharedScoreLevels
from kvviz.gui.views.attention_panel import STRIP_PX, AttentionPanel, axis_title, frame_size, link_views
from kvviz.gui.views.formula_view import FormulaView
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.views.readouts import memory_formula
from kvviz.gui.views.token_strip import TokenStrip
from kvviz.gui.widgets.fitting_label import FittingLabel

#: Type in presentation mode at DESIGN_SIZE or less, as a multiple of the desktop's (the dark theme's) sizes.
TYPE_SCALE = 2.0
#: The projector the page is drawn for; a larger window scales the type up in proportion.
DESIGN_SIZE = (1280, 720)
#: The smallest the formula's type gets (times the page's body type) to stay on one line.
FORMULA_MIN_SCALE = 0.6
# Pages at least this much wider than tall (16:10, 16:9) give the caption one line; squarer ones (4:3) two.
ONE_LINE_ASPECT = 1.5


def caption_lines(width: int, height: int) -> int:
    """The lines the caption may take on a page of ``width`` × ``height``."""
    return 1 if width >= ONE_LINE_ASPECT * height else 2


def keep_phrases(caption: str) -> str:
    """The caption with its Chinese parts unbreakable, so a wrapped line breaks only at a " · ".

    Chinese may break a line between any two characters, which on a slide splits a phrase such
    as 新增 in two; a word joiner between the characters of a part that holds Chinese (and
    no-break spaces for its spaces) leaves the separators as the only places to break. Parts
    without Chinese are left alone: English breaks between words already.
    """
    parts = caption.split(" · ")
    glued = ["\u2060".join(part.replace(" ", "\u00a0")) if _has_cjk(part) else part for part in parts]
    return " · ".join(glued)


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def type_scale(width: int, height: int) -> float:
    """The type scale for a page of ``width`` × ``height`` pixels, in steps of a half (a resize within a
    step keeps the views)."""
    grow = max(1.0, min(width / DESIGN_SIZE[0], height / DESIGN_SIZE[1]))
    return TYPE_SCALE * math.floor(2 * grow + 1e-9) / 2


def presentation_theme(theme: Theme, scale: float = TYPE_SCALE) -> Theme:
    """``theme``'s colours with type at least ``scale`` × the desktop size, and lines to match."""
    return replace(
        theme,
        font_pt=max(theme.font_pt, scale * DARK.font_pt),
        title_pt=max(theme.title_pt, scale * DARK.title_pt),
        token_pt=max(theme.token_pt, scale * DARK.token_pt),
        line_px=scale * theme.line_px,
        highlight_px=scale * theme.highlight_px,
    )


class Slide(QWidget):
    """The page's views at one type size: tokens, the pair of matrices, the caption, the formula."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = big = theme
        self.setFont(font(big))
        self.tokens = TokenStrip(big, tail=True)  # one line, the newest tokens (the caption tells the rest)
        self.tokens.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.where = self._name_the_head_instead_of_the_key()
        levels = SharedScoreLevels()
        self.uncached = AttentionPanel(Mode.UNCACHED, big, levels=levels, where_line=False)
        self.cached = AttentionPanel(Mode.CACHED, big, levels=levels, where_line=False)
        self.cached.view.disableAutoRange()  # follows the uncached panel, as on the desktop
        link_views(self.uncached.view, self.cached.view)
        self._digits = 0  # of the largest query label, which sets the axes' width (see _fit_axes)
        self._style_axes()
        pair = QHBoxLayout()
        pair.setSpacing(round(big.font_pt))
        pair.addWidget(self.uncached, 1)
        pair.addWidget(self.cached, 1)
        self.uncached.view.sigResized.connect(self._hug)
        # in the title's type, or down to the page's body type where a shorter form alone does not fit
        self.caption = FittingLabel(font(big, big.title_pt), big.font_pt)
        self.caption.setObjectName("presentation_caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.formula = FormulaView(big)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(round(big.font_pt / 4))
        layout.addWidget(self.tokens)
        layout.addStretch(0)  # the height a squarish page leaves over the pair (see _hug), above and below it
        layout.addLayout(pair, 1)
        layout.addStretch(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.formula)

    def _hug(self) -> None:
        """Panels no taller than their square matrices need, so the K/V strip stays under the newest row.

        On a squarish page (4:3) the panels are narrower than the height they are given; the square
        view would float in a taller box, with a band of nothing between the last row and the K/V
        strip (about 130 px at 2048×1536). The panels' height is capped at what the square needs and
        the pair is centred in the rest; the cap follows the page when it widens again.
        """
        panel = self.uncached
        rect = panel.view.geometry()
        excess = round(rect.height() - rect.width())
        held = panel.maximumHeight() == panel.height()
        if excess > 1 or (excess < -1 and held):
            cap = max(panel.height() - excess, panel.minimumSizeHint().height())
            for each in (self.uncached, self.cached):
                each.setMaximumHeight(cap)

    def _name_the_head_instead_of_the_key(self) -> QLabel:
        """The token strip's header keeps its summary and names the layer and head shown instead of its
        colour key: a line of height the matrices need more (the lecturer says what the colours are)."""
        header = self.tokens.layout().itemAt(0).layout()
        for i in range(header.count()):
            label = header.itemAt(i).widget()
            if label is not self.tokens.summary:
                label.hide()
        where = QLabel()
        where.setFont(font(self.theme))  # a style sheet of its own would leave it in the application's font
        where.setStyleSheet(f"color: {self.theme.muted_text}")
        header.addWidget(where)
        return where

    def _style_axes(self) -> None:
        """Axis titles in the page's type, and room for them and the large tick labels under the matrices."""
        big = self.theme
        label_style = {"color": big.muted_text, "font-size": f"{big.font_pt}pt"}
        line = QFontMetricsF(font(big)).height()
        ticks = QFontMetricsF(font(big, big.token_pt, mono=True)).height()
        axis_height = math.ceil(ticks + line + 8)  # pyqtgraph's own leaves the title over large tick labels
        for panel in (self.uncached, self.cached):
            panel.plot.setLabel("left", axis_title("query"), **label_style)
            panel.strip.setLabel("bottom", axis_title("key"), **label_style)
            strip = panel.strip.getViewBox()
            strip.setMinimumHeight(2 * STRIP_PX)
            strip.setMaximumHeight(2 * STRIP_PX)
            panel.strip.getAxis("bottom").setHeight(axis_height)
            panel.strip.setMaximumHeight(2 * STRIP_PX + axis_height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.caption.set_max_lines(caption_lines(event.size().width(), event.size().height()))
        self._fit_formula(event.size().width())
        super().resizeEvent(event)

    def _fit_formula(self, width: int) -> None:
        """The formula on one line: in the page's type, or smaller (in steps of a twentieth, down to
        FORMULA_MIN_SCALE) where that is too wide, as at 4:3; wrapped, its result would sit alone on a line."""
        body = font(self.theme)
        margins = self.layout().contentsMargins()
        needed = self.formula.line_width(body)
        room = width - margins.left() - margins.right()
        scale = 1.0 if needed <= room else max(FORMULA_MIN_SCALE, math.floor(20 * room / needed) / 20)
        body.setPointSizeF(body.pointSizeF() * scale)
        if self.formula.font() != body:
            self.formula.setFont(body)

    def _fit_axes(self, n_tokens: int) -> None:
        """Query axes wide enough for a thinned label ("120 W") in the token type and the title beside it."""
        digits = len(str(max(n_tokens - 1, 0)))
        if digits == self._digits:
            return
        self._digits = digits
        t = self.theme
        ticks = QFontMetricsF(font(t, t.token_pt, mono=True)).horizontalAdvance("0" * digits + " W")
        width = math.ceil(ticks + QFontMetricsF(font(t)).height() + 16)
        for panel in (self.uncached, self.cached):
            for plot in (panel.plot, panel.strip):
                plot.getAxis("left").setWidth(width)

    def show_record(self, record: StepRecord, layer: int, head: int) -> None:
        self._fit_axes(record.n_tokens)
        for view in (self.tokens, self.uncached, self.cached):
            view.set_record(record)
        self.caption.set_texts([keep_phrases(caption) for caption in step_captions(record)])
        self.formula.set_formula(memory_formula(record))
        self._fit_formula(self.width())
        self.show_selection(layer, head, record)

    def show_selection(self, layer: int, head: int, record: StepRecord | None) -> None:
        for panel in (self.uncached, self.cached):
            panel.set_selection(layer, head)
        if record is not None:
            layer, head = min(layer, record.config.n_layers - 1), min(head, record.config.n_heads - 1)
            self.where.setText(
                QCoreApplication.translate("PresentationView", "· layer {layer} · head {head}").format(
                    layer=layer, head=head
                )
            )


class PresentationView(FollowsLanguage, QWidget):
    """The page presentation mode shows; ``set_record`` as every view, drawn when visible."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = theme
        self._scale = TYPE_SCALE
        self._record: StepRecord | None = None
        self._drawn: StepRecord | None = None
        self._selection = (0, 0)
        self._held: int | None = None  # the side of the square the matrices are held on (see hold_scale)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # where focus rests, so the clicker's keys step
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self.slide = Slide(presentation_theme(theme, self._scale))
        self._box.addWidget(self.slide)

    # The views of the slide shown now (tests and exports reach them here).
    @property
    def theme(self) -> Theme:
        return self.slide.theme

    @property
    def tokens(self) -> TokenStrip:
        return self.slide.tokens

    @property
    def uncached(self) -> AttentionPanel:
        return self.slide.uncached

    @property
    def cached(self) -> AttentionPanel:
        return self.slide.cached

    @property
    def caption(self) -> FittingLabel:
        return self.slide.caption

    @property
    def formula(self) -> FormulaView:
        return self.slide.formula

    def apply_theme(self, theme: Theme) -> None:
        """The slide rebuilt in ``theme``'s colours at the type size it has now (its views are its own)."""
        self._base = theme
        self._rebuild(self._scale)

    def retranslate(self) -> None:
        """The slide rebuilt, so its caption, titles and axes are said in the language installed now."""
        self._rebuild(self._scale)

    def set_record(self, record: StepRecord) -> None:
        self._record = record
        if self.isVisible():
            self._draw()

    def set_selection(self, layer: int, head: int) -> None:
        self._selection = (layer, head)
        self.slide.show_selection(layer, head, self._record)

    def fit(self) -> None:
        self._held = None
        self.uncached.fit()

    def hold_scale(self, n_tokens: int) -> None:
        """Fix both matrices on the square a matrix of ``n_tokens`` rows is fitted in (for animations)."""
        self._held = frame_size(n_tokens)
        self._hold()

    def _hold(self) -> None:
        if self._held is not None:
            self.uncached.view.disableAutoRange()
            self.uncached.view.setRange(xRange=(0, self._held), yRange=(0, self._held), padding=0.02)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        scale = type_scale(self.width(), self.height())
        if scale != self._scale:
            self._rebuild(scale)

    def _rebuild(self, scale: float) -> None:
        """A slide in the type for ``scale``, showing what the old one showed."""
        self._scale = scale
        old = self.slide
        self.slide = Slide(presentation_theme(self._base, scale))
        self._box.replaceWidget(old, self.slide)
        old.deleteLater()
        self._drawn = None
        if self.isVisible():
            self._draw()
            self._hold()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._draw()
        if self._held is None:
            self.fit()

    def _draw(self) -> None:
        record = self._record
        if record is None or record is self._drawn:
            return
        self._drawn = record
        self.slide.show_record(record, *self._selection)
