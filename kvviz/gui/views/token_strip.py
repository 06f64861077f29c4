"""The token strip: every token processed so far, prompt (prefill) and generated (decode).

Tokens are drawn as chips that wrap like text. The tokens processed this step carry
the "computed" outline used in the attention panels; the token this step generated,
which the next step will process, follows as a dashed chip.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QLabel, QScrollArea, QToolTip, QVBoxLayout, QWidget

from kvviz.core.record import StepRecord
from kvviz.gui.theme import Theme, font, qcolor
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.widgets.flow_layout import FlowLayout


class ChipKind(StrEnum):
    PROMPT = "prompt"
    GENERATED = "generated"
    NEXT = "next"


@dataclass(frozen=True)
class Chip:
    """One token as shown: ``position`` in the sequence, ``this_step`` if processed this step."""

    position: int
    token: int
    label: str
    kind: ChipKind
    this_step: bool


@dataclass(frozen=True)
class ChipRun:
    """What the canvas draws, kept as plain lists: a long run has hundreds of chips a step."""

    tokens: list[int]  # the record's tokens, then its next token
    texts: list[str]  # each chip's text; the last one carries the arrow
    n_prompt: int
    first_new: int

    @classmethod
    def of(cls, record: StepRecord) -> ChipRun:
        tokens = [*record.tokens.tolist(), record.next_token]
        texts = record.text.token_labels(tokens)
        texts[-1] = f"→ {texts[-1]}"
        return cls(tokens, texts, record.n_prompt, record.n_tokens - record.new_rows)

    def kind(self, i: int) -> ChipKind:
        if i == len(self.tokens) - 1:
            return ChipKind.NEXT
        return ChipKind.PROMPT if i < self.n_prompt else ChipKind.GENERATED

    def chip(self, i: int) -> Chip:
        kind = self.kind(i)
        label = self.texts[i].removeprefix("→ ") if kind is ChipKind.NEXT else self.texts[i]
        return Chip(i, self.tokens[i], label, kind, this_step=self.first_new <= i < len(self.tokens) - 1)

    def chips(self) -> list[Chip]:
        return [self.chip(i) for i in range(len(self.tokens))]


class ChipCanvas(QWidget):
    """Paints the chips, wrapped to its width; reports the height they need.

    Layout and painting are incremental: a step that appends a token lays out only the
    chips after the longest unchanged prefix, and a paint visits only the lines in view.
    With ``tail`` it draws a single line, filled with the newest chips that fit (a ticker, for
    presentation mode): wrapped, the last line of a long run may hold only a token or two.
    """

    content_height_changed = Signal(int)

    GAP = 3
    PAD = 5

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, tail: bool = False) -> None:
        super().__init__(parent)
        self.theme = theme
        self.tail = tail
        self.setFont(font(theme, theme.token_pt, mono=True))
        self.run = ChipRun([], [], 0, 0)
        self.rects: list[QRectF] = []
        self._tops: list[float] = []  # rects[i].top(), for finding the chips in a region
        self._laid_out: tuple[list[str], int] = ([], 0)  # texts and width the rects were laid out for
        self._widths: dict[str, float] = {}  # text → text width in this font
        self.setMouseTracking(True)

    def set_run(self, run: ChipRun) -> None:
        self.run = run
        self._layout()
        self.update()

    def apply_theme(self, theme: Theme) -> None:
        """The chips in ``theme``'s colours and type, laid out again for the new text widths."""
        self.theme = theme
        self.setFont(font(theme, theme.token_pt, mono=True))
        self._widths.clear()
        self._laid_out = ([], 0)
        self.set_run(self.run)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._layout()
        super().resizeEvent(event)

    def line_height(self) -> float:
        """A whole number of pixels, so lines sit a whole ``pitch`` apart and a scroll by lines shows
        each one whole (a fractional height would put every other line between two pixels)."""
        return float(math.ceil(QFontMetricsF(self.font()).height() + 2 * self.PAD - 2))

    def pitch(self) -> int:
        """From the top of one line of chips to the top of the next, in pixels."""
        return round(self.line_height()) + self.GAP

    def line_of(self, i: int) -> int:
        """The line chip ``i`` is on, counted from 0."""
        return round(self.rects[i].top() / self.pitch())

    def _chip_width(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = QFontMetricsF(self.font()).horizontalAdvance(text)
        return width

    def _kept(self, texts: list[str], width: int) -> int:
        """How many chips keep their place: the unchanged prefix, without the old arrow chip."""
        old, old_width = self._laid_out
        if width != old_width or not old:
            return 0
        kept = min(len(old) - 1, len(texts) - 1)
        return kept if old[:kept] == texts[:kept] else 0

    def _layout(self) -> None:
        h = self.line_height()
        width = max(self.width(), 100)
        texts = self.run.texts
        if self.tail:
            self._layout_tail(texts, width, h)
            return
        kept = self._kept(texts, width)
        del self.rects[kept:], self._tops[kept:]
        x, y = (self.rects[-1].right() + self.GAP, self.rects[-1].top()) if self.rects else (0.0, 0.0)
        for text in texts[kept:]:
            w = max(self._chip_width(text) + 2 * self.PAD, h)
            if x > 0 and x + w > width:
                x, y = 0.0, y + h + self.GAP
            self.rects.append(QRectF(x, y, w, h))
            self._tops.append(y)
            x += w + self.GAP
        self._laid_out = (texts, width)
        height = round(y) + self.pitch()  # whole lines, each with its gap: scrolled to the end, still whole
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
            self.content_height_changed.emit(height)

    def _layout_tail(self, texts: list[str], width: int, h: float) -> None:
        """One line of the newest chips that fit; the older ones get empty rects a line above, out of view."""
        first, used = len(texts), 0.0
        while first > 0:
            w = max(self._chip_width(texts[first - 1]) + 2 * self.PAD, h)
            if used and used + w > width:
                break
            used += w + self.GAP
            first -= 1
        hidden = -float(self.pitch())
        self.rects = [QRectF(0, hidden, 0, 0) for _ in range(first)]
        self._tops = [hidden] * first
        x = 0.0
        for text in texts[first:]:
            w = max(self._chip_width(text) + 2 * self.PAD, h)
            self.rects.append(QRectF(x, 0, w, h))
            self._tops.append(0.0)
            x += w + self.GAP
        self._laid_out = (texts, width)
        if self.minimumHeight() != self.pitch():
            self.setMinimumHeight(self.pitch())
            self.content_height_changed.emit(self.pitch())

    def first_in_view(self) -> int:
        """The oldest chip laid out in view (0 unless ``tail`` left older ones out)."""
        return bisect.bisect_left(self._tops, 0.0)

    def _indices_in(self, region: QRectF) -> range:
        """Chips on the lines that ``region`` touches."""
        first = bisect.bisect_left(self._tops, region.top() - self.line_height())
        return range(first, bisect.bisect_right(self._tops, region.bottom()))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        t = self.theme
        run = self.run
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = QRectF(event.rect())
        for i in self._indices_in(visible):
            rect = self.rects[i]
            if not rect.intersects(visible):
                continue
            r = rect.adjusted(1, 1, -1, -1)
            kind = run.kind(i)
            if kind is ChipKind.NEXT:
                pen = QPen(qcolor(t.muted_text), 1.2, Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(r, 4, 4)
                p.setPen(qcolor(t.muted_text))
                p.drawText(r, Qt.AlignmentFlag.AlignCenter, run.texts[i])
                continue
            p.setBrush(qcolor(t.prompt_token if kind is ChipKind.PROMPT else t.generated_token))
            if i >= run.first_new:
                p.setPen(QPen(qcolor(t.computed), 2.0))
            else:
                p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(r, 4, 4)
            p.setPen(qcolor(t.text))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, run.texts[i])
        p.end()

    def chip_at(self, pos: QPoint) -> Chip | None:
        point = pos.toPointF()
        for i in self._indices_in(QRectF(point, point)):
            if self.rects[i].contains(point):
                return self.run.chip(i)
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            chip = self.chip_at(event.pos())
            if chip is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), _chip_tooltip(chip), self)
            return True
        return super().event(event)


def _chip_tooltip(chip: Chip) -> str:
    if chip.kind is ChipKind.PROMPT:
        what = QCoreApplication.translate("TokenStrip", "prompt token (processed in the prefill)")
    elif chip.kind is ChipKind.GENERATED:
        what = QCoreApplication.translate("TokenStrip", "generated token (processed in a decode step)")
    else:
        what = QCoreApplication.translate("TokenStrip", "generated this step; the next step processes it")
    if chip.this_step:
        what = QCoreApplication.translate("TokenStrip", "{what}; processed this step").format(what=what)
    return QCoreApplication.translate("TokenStrip", "position {position} · byte 0x{byte} ({label}) · {what}").format(
        position=chip.position, byte=f"{chip.token:02x}", label=chip.label, what=what
    )


class TokenStrip(FollowsLanguage, QWidget):
    """Tokens of the run with a one-line key; scrolls when the run is long."""

    MAX_LINES = 2

    def __init__(
        self, theme: Theme, parent: QWidget | None = None, *, max_lines: int = MAX_LINES, tail: bool = False
    ) -> None:
        """``tail``: one line of the newest tokens, never scrolled (``max_lines`` is then 1)."""
        super().__init__(parent)
        self.theme = theme
        self._record: StepRecord | None = None
        self.MAX_LINES = 1 if tail else max_lines
        self.canvas = ChipCanvas(theme, tail=tail)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.canvas)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        header = FlowLayout(spacing=14)
        header.addWidget(self.summary)
        self._key_labels = [QLabel() for _ in range(4)]
        for label in self._key_labels:
            label.setTextFormat(Qt.TextFormat.RichText)
            header.addWidget(label)
        self._show_key()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(header)
        layout.addWidget(self.scroll)
        self.canvas.content_height_changed.connect(self._fit_height)
        bar = self.scroll.verticalScrollBar()
        # The range changes when the scroll area has taken the canvas's new height (a step, a resize),
        # which Qt does after set_record returns: the newest line is brought into view then.
        bar.rangeChanged.connect(self._follow)
        bar.valueChanged.connect(self._snap)
        self._fit_to_font()

    def apply_theme(self, theme: Theme) -> None:
        """Chips, key and height in ``theme``'s colours and type; the tokens and the scroll position stay."""
        self.theme = theme
        self._show_key()
        self.canvas.apply_theme(theme)
        self._fit_to_font()

    def _fit_to_font(self) -> None:
        pitch = self.canvas.pitch()
        self._max_height = self.MAX_LINES * pitch
        self.scroll.verticalScrollBar().setSingleStep(pitch)  # the wheel and the arrows move by lines
        self._fit_height(max(self.canvas.minimumHeight(), pitch))

    def _fit_height(self, content: int) -> None:
        """As tall as the chips need, up to MAX_LINES lines; longer runs scroll."""
        self.scroll.setFixedHeight(min(content, self._max_height))

    @property
    def chips(self) -> list[Chip]:
        return self.canvas.run.chips()

    def _show_key(self) -> None:
        """One label per kind of chip; separate, so the key wraps between them."""
        t = self.theme

        def swatch(fill: str, border: str, text: str) -> str:
            return f"<span style='background:{fill}; border:2px solid {border}'>&nbsp;&nbsp;&nbsp;</span>&nbsp;{text}"

        now = QCoreApplication.translate("TokenStrip", "processed this step")
        then = QCoreApplication.translate("TokenStrip", "next token")
        texts = (
            swatch(t.prompt_token, t.prompt_token, QCoreApplication.translate("TokenStrip", "prompt (prefill)")),
            swatch(
                t.generated_token, t.generated_token, QCoreApplication.translate("TokenStrip", "generated (decode)")
            ),
            f"<span style='color:{t.computed}'>▢</span>&nbsp;{now}",
            f"<span style='color:{t.muted_text}'>→ {then}</span>",
        )
        for label, text in zip(self._key_labels, texts, strict=True):
            label.setText(text)

    def retranslate(self) -> None:
        """The key and the summary again in the language installed now."""
        self._show_key()
        if self._record is not None:
            self._show_summary(self._record)

    def set_record(self, record: StepRecord) -> None:
        self._record = record
        self.canvas.set_run(ChipRun.of(record))
        self._show_summary(record)
        self._follow()  # now, if the range holds it already; else when the range changes

    def _show_summary(self, record: StepRecord) -> None:
        text = QCoreApplication.translate(
            "TokenStrip", "<b>Tokens</b> · {n} processed: {prompt} prompt + {generated} generated"
        )
        self.summary.setText(
            text.format(n=record.n_tokens, prompt=record.n_prompt, generated=record.n_tokens - record.n_prompt)
        )

    def _follow(self) -> None:
        """Scroll by whole lines, at once, so the newest line of chips is the last line in view.

        The view holds MAX_LINES whole lines and the canvas ends a whole pitch after its last line,
        so the offset is a multiple of the pitch at every step (an exported frame never shows a
        line cut in half), and the largest offset is one too.
        """
        canvas = self.canvas
        if canvas.rects:
            first = max(0, canvas.line_of(len(canvas.rects) - 1) - self.MAX_LINES + 1)
            self.scroll.verticalScrollBar().setValue(first * canvas.pitch())

    def _snap(self, value: int) -> None:
        """A scroll by hand (the bar dragged) ends on a whole line, as the strip's own scrolls do."""
        pitch = self.canvas.pitch()
        if value % pitch:
            self.scroll.verticalScrollBar().setValue(round(value / pitch) * pitch)
