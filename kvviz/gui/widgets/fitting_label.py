"""A word-wrapped label that says the longest of its texts that fits in a few lines of its width.

The presentation page's caption tells a step in a sentence that runs to three lines on a 4:3
projector, taking the matrices' room and breaking the line a class reads. Given the sentence
and shorter forms of it (same numbers, fewer words), the label shows the first, the longest,
that fits in ``max_lines`` lines (the page says how many it can give), in the largest type from
its own size down to ``smallest_pt`` that lets it; when none fits, the shortest at ``smallest_pt``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QWidget

#: How finely the type is tried between the label's size and the smallest, in points.
STEP_PT = 0.5
#: Wider than any text is long: the box a text is measured on one line in.
UNBOUNDED = 1e7


def lines_of(text: str, font: QFont, width: float) -> int:
    """How many lines ``text`` takes wrapped at ``width`` pixels in ``font`` (as a word-wrapped QLabel
    breaks it); a line's height is measured on the same text, so a fallback font's taller lines count once."""
    metrics = QFontMetricsF(font)
    one = metrics.boundingRect(QRectF(0, 0, UNBOUNDED, UNBOUNDED), 0, text).height()
    wrapped = metrics.boundingRect(QRectF(0, 0, width, UNBOUNDED), Qt.TextFlag.TextWordWrap, text).height()
    return max(1, round(wrapped / one)) if one > 0 else 1


class FittingLabel(QLabel):
    """``set_texts`` takes the forms longest first; ``set_max_lines`` how many lines the page can give."""

    def __init__(self, font: QFont, smallest_pt: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._largest = QFont(font)
        self._smallest_pt = min(smallest_pt, font.pointSizeF())
        self._texts: tuple[str, ...] = ()
        self._max_lines = 1
        self.setFont(font)
        self.setWordWrap(True)

    def set_texts(self, texts: Sequence[str]) -> None:
        self._texts = tuple(texts)
        self._fit()

    def set_max_lines(self, lines: int) -> None:
        if lines != self._max_lines:
            self._max_lines = lines
            self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _sizes(self) -> list[float]:
        """The type sizes tried, largest first."""
        largest = self._largest.pointSizeF()
        steps = int((largest - self._smallest_pt) / STEP_PT + 1e-9)
        return [largest - i * STEP_PT for i in range(steps + 1)]

    def _font(self, size_pt: float) -> QFont:
        font = QFont(self._largest)
        font.setPointSizeF(size_pt)
        return font

    def _fit(self) -> None:
        if not self._texts:
            return
        width = self.contentsRect().width()
        fonts = [self._font(size) for size in self._sizes()]
        for text in self._texts:
            for font in fonts:
                if lines_of(text, font, width) <= self._max_lines:
                    self._show(text, font)
                    return
        self._show(self._texts[-1], fonts[-1])

    def _show(self, text: str, font: QFont) -> None:
        if font != self.font():
            self.setFont(font)
        if text != self.text():
            self.setText(text)
