"""The token strip: every token processed so far, prompt (prefill) and generated (decode).

Tokens are drawn as chips that wrap like text. The tokens processed this step carry
the "computed" outline used in the attention panels; the token this step generated,
which the next step will process, follows as a dashed chip.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolTip, QVBoxLayout, QWidget

from kvviz.core import tokenizer
from kvviz.core.record import StepRecord
from kvviz.gui.theme import Theme, font, qcolor


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


def chips_for(record: StepRecord) -> list[Chip]:
    """The chips a record shows: its tokens, then the token it generated."""
    ids = (*record.tokens, record.next_token)
    labels = tokenizer.token_labels(ids)
    first_new = record.n_tokens - record.new_rows
    chips = [
        Chip(
            position=i,
            token=int(token),
            label=labels[i],
            kind=ChipKind.PROMPT if i < record.n_prompt else ChipKind.GENERATED,
            this_step=i >= first_new,
        )
        for i, token in enumerate(record.tokens)
    ]
    n = record.n_tokens
    chips.append(Chip(n, record.next_token, labels[n], ChipKind.NEXT, this_step=False))
    return chips


class _ChipCanvas(QWidget):
    """Paints the chips, wrapped to its width; reports the height they need."""

    content_height_changed = Signal(int)

    GAP = 3
    PAD = 5

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setFont(font(theme, theme.token_pt, mono=True))
        self.chips: list[Chip] = []
        self.rects: list[QRectF] = []
        self._widths: dict[str, float] = {}  # label → text width in this font
        self.setMouseTracking(True)

    def set_chips(self, chips: list[Chip]) -> None:
        self.chips = chips
        self._layout()
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._layout()
        super().resizeEvent(event)

    def line_height(self) -> float:
        return QFontMetricsF(self.font()).height() + 2 * self.PAD - 2

    def _chip_width(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = QFontMetricsF(self.font()).horizontalAdvance(text)
        return width

    def _layout(self) -> None:
        h = self.line_height()
        x = y = 0.0
        width = max(self.width(), 100)
        self.rects = []
        for chip in self.chips:
            text = f"→ {chip.label}" if chip.kind is ChipKind.NEXT else chip.label
            w = max(self._chip_width(text) + 2 * self.PAD, h)
            if x > 0 and x + w > width:
                x, y = 0.0, y + h + self.GAP
            self.rects.append(QRectF(x, y, w, h))
            x += w + self.GAP
        height = round(y + h) + 1
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
            self.content_height_changed.emit(height)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        t = self.theme
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = QRectF(event.rect())
        for chip, rect in zip(self.chips, self.rects, strict=True):
            if not rect.intersects(visible):
                continue
            r = rect.adjusted(1, 1, -1, -1)
            if chip.kind is ChipKind.NEXT:
                pen = QPen(qcolor(t.muted_text), 1.2, Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(r, 4, 4)
                p.setPen(qcolor(t.muted_text))
                p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"→ {chip.label}")
                continue
            fill = t.prompt_token if chip.kind is ChipKind.PROMPT else t.generated_token
            p.setBrush(qcolor(fill))
            if chip.this_step:
                p.setPen(QPen(qcolor(t.computed), 2.0))
            else:
                p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(r, 4, 4)
            p.setPen(qcolor(t.text))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, chip.label)
        p.end()

    def chip_at(self, pos: QPoint) -> Chip | None:
        for chip, rect in zip(self.chips, self.rects, strict=True):
            if rect.contains(pos.toPointF()):
                return chip
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
    what = {
        ChipKind.PROMPT: "prompt token (processed in the prefill)",
        ChipKind.GENERATED: "generated token (processed in a decode step)",
        ChipKind.NEXT: "generated this step; the next step processes it",
    }[chip.kind]
    now = "; processed this step" if chip.this_step else ""
    return f"position {chip.position} · byte 0x{chip.token:02x} ({chip.label}) · {what}{now}"


class TokenStrip(QWidget):
    """Tokens of the run with a one-line key; scrolls when the run is long."""

    MAX_LINES = 2

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.canvas = _ChipCanvas(theme)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.canvas)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.summary, 1)
        header.addWidget(self._key())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(header)
        layout.addWidget(self.scroll)
        self._max_height = round(self.MAX_LINES * (self.canvas.line_height() + _ChipCanvas.GAP))
        self.canvas.content_height_changed.connect(self._fit_height)
        self._fit_height(round(self.canvas.line_height()) + 1)

    def _fit_height(self, content: int) -> None:
        """As tall as the chips need, up to MAX_LINES lines; longer runs scroll."""
        self.scroll.setFixedHeight(min(content, self._max_height))

    @property
    def chips(self) -> list[Chip]:
        return list(self.canvas.chips)

    def _key(self) -> QLabel:
        t = self.theme

        def swatch(fill: str, border: str, text: str, style: str = "solid") -> str:
            return (
                f"<span style='background:{fill}; border:2px {style} {border}'>&nbsp;&nbsp;&nbsp;</span>"
                f"&nbsp;{text}&nbsp;&nbsp;&nbsp;"
            )

        key = QLabel(
            swatch(t.prompt_token, t.prompt_token, "prompt (prefill)")
            + swatch(t.generated_token, t.generated_token, "generated (decode)")
            + f"<span style='color:{t.computed}'>▢</span>&nbsp;processed this step&nbsp;&nbsp;&nbsp;"
            + f"<span style='color:{t.muted_text}'>→ next token</span>"
        )
        key.setTextFormat(Qt.TextFormat.RichText)
        return key

    def set_record(self, record: StepRecord) -> None:
        chips = chips_for(record)
        self.canvas.set_chips(chips)
        generated = record.n_tokens - record.n_prompt
        self.summary.setText(
            f"<b>Tokens</b> · {record.n_tokens} processed: {record.n_prompt} prompt + {generated} generated"
        )
        # once the scroll area has taken the canvas's new height
        QTimer.singleShot(0, self._follow)

    def _follow(self) -> None:
        """Scroll so the newest chips are in view."""
        if self.canvas.rects:
            rect = self.canvas.rects[-1]
            self.scroll.ensureVisible(round(rect.center().x()), round(rect.center().y()), 0, round(rect.height()))
