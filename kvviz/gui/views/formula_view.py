"""The cache-size formula as two rows, factor names over today's values, drawn directly; and, under
it after a change of shape, dtype or cache setting, the size before beside the size now.

A rich-text table in a QLabel showed the same picture, but Qt lays such a table out
again for every size query and paint: about 4 ms a step at 512 tokens, a tenth of the
step budget. Painting the columns with font metrics costs a few hundred microseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget

from kvviz.core.shape_change import ShapeChange
from kvviz.gui.theme import MUTED_TEXT_STYLE, Theme, qcolor
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.views.readouts import MemoryFormula
from kvviz.units import format_bytes

#: What stands between two value columns, and before the result.
TIMES = " × "
EQUALS = " = "


@dataclass(frozen=True)
class _Piece:
    """One run of text on the values row, with the factor name above it if it has one."""

    text: str
    width: int
    bold: bool = False
    colour: str = "text"  # a Theme field
    name: str = ""


class FormulaView(FollowsLanguage, QWidget):
    """2 × batch × tokens × … = bytes; says "≠ measured" in the warning colour if the product disagrees.

    One line when there is room; in a narrow dock the factors wrap onto further lines
    (each starting with its "×"), so the formula never sets the window's minimum width.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._formula: MemoryFormula | None = None
        self._units: list[list[_Piece]] = []  # pieces kept together on a line
        self._text = ""

    def set_formula(self, formula: MemoryFormula) -> None:
        if formula == self._formula:
            return
        self._formula = formula
        values = TIMES.join(f"{value:,}" for _, value in formula.factors)
        names = TIMES.join(name for name, _ in formula.factors)
        result = "".join(text for text, _, _ in self._result_parts())
        self._text = f"{values}{EQUALS}{result}"
        bytes_word = QCoreApplication.translate("FormulaView", "bytes")
        self.setAccessibleName(f"{names}{EQUALS}{bytes_word}: {self._text}")
        self._measure()
        self.update()

    def apply_theme(self, theme: Theme) -> None:
        """Paint in ``theme``'s colours (the font comes from the parent and is measured on change)."""
        self.theme = theme
        self.update()

    def retranslate(self) -> None:
        """Its words again in the language installed now (the factor names come with the formula)."""
        formula, self._formula = self._formula, None
        if formula is not None:
            self.set_formula(formula)

    def text(self) -> str:
        """The values row and the result as plain text: what the widget shows, for tests and screen readers."""
        return self._text

    def _result_parts(self) -> list[tuple[str, bool, str]]:
        """(text, bold, colour field) pieces after the equals sign."""
        f = self._formula
        parts = [(f"{f.product:,} B", True, "text"), (f" = {format_bytes(f.product)}", False, "text")]
        if not f.agrees:
            measured = QCoreApplication.translate("FormulaView", " ≠ measured {measured} B")
            parts.append((measured.format(measured=f"{f.measured:,}"), False, "error_text"))
        return parts

    # -- geometry -------------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        bold = QFont(self.font())
        bold.setBold(True)
        return self.font(), bold

    def _measure(self) -> None:
        """Split the formula into units that wrap as a whole, and measure them in the current font."""
        if self._formula is None:
            return
        units = self._units_in(*self._fonts())
        resized = [[p.width for p in unit] for unit in units] != [[p.width for p in unit] for unit in self._units]
        self._units = units
        if resized:
            self.updateGeometry()

    def line_width(self, plain_font: QFont) -> int:
        """The formula's width on one line in ``plain_font`` (0 before a formula is set): a page that must
        keep it on one line picks its type with this."""
        if self._formula is None:
            return 0
        bold_font = QFont(plain_font)
        bold_font.setBold(True)
        return sum(p.width for unit in self._units_in(plain_font, bold_font) for p in unit) + 2

    def _units_in(self, plain_font: QFont, bold_font: QFont) -> list[list[_Piece]]:
        plain, bold = QFontMetrics(plain_font), QFontMetrics(bold_font)
        units: list[list[_Piece]] = []
        for i, (name, value) in enumerate(self._formula.factors):
            text = f"{value:,}"
            column = _Piece(text, max(plain.horizontalAdvance(name), bold.horizontalAdvance(text)), True, name=name)
            units.append([_Piece(TIMES, plain.horizontalAdvance(TIMES)), column] if i else [column])
        result = [_Piece(EQUALS, plain.horizontalAdvance(EQUALS))]
        for text, is_bold, colour in self._result_parts():
            result.append(_Piece(text, (bold if is_bold else plain).horizontalAdvance(text), is_bold, colour))
        units.append(result[:3])
        units.extend([piece] for piece in result[3:])  # a warning may go on a line of its own
        return units

    def _lines(self, width: int) -> list[list[_Piece]]:
        """The pieces of each line when the widget is ``width`` pixels wide."""
        if not self._units:
            return []
        lines: list[list[_Piece]] = [[]]
        used = 0
        for unit in self._units:
            size = sum(p.width for p in unit)
            if lines[-1] and used + size > width:
                lines.append([])
                used = 0
            lines[-1].extend(unit)
            used += size
        return lines

    def _line_height(self) -> int:
        return max(QFontMetrics(font).lineSpacing() for font in self._fonts())

    def _rows(self, line: list[_Piece]) -> int:
        return 2 if any(p.name for p in line) else 1

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return sum(self._rows(line) for line in self._lines(width)) * self._line_height()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """The formula on one line."""
        return self._size(sum(p.width for unit in self._units for p in unit))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """The widest unit; narrower than the line, the formula wraps."""
        return self._size(max((sum(p.width for p in unit) for unit in self._units), default=0))

    def _size(self, width: int) -> QSize:
        """``width`` and the height of one line of names over values (none before a formula is set)."""
        return QSize(width + 2, 2 * self._line_height()) if self._units else QSize(0, 0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FontChange:
            self._measure()
        super().changeEvent(event)

    # -- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        t = self.theme
        plain, bold = self._fonts()
        row = self._line_height()
        unclipped = Qt.TextFlag.TextDontClip | Qt.AlignmentFlag.AlignVCenter  # rounding may cost a pixel
        centred = unclipped | Qt.AlignmentFlag.AlignHCenter
        painter = QPainter(self)
        top = 0
        for line in self._lines(self.width()):
            values_top = top + (self._rows(line) - 1) * row
            x = 0
            for piece in line:
                if piece.name:
                    painter.setFont(plain)
                    painter.setPen(qcolor(t.muted_text))
                    painter.drawText(QRect(x, top, piece.width, row), centred, piece.name)
                painter.setFont(bold if piece.bold else plain)
                painter.setPen(qcolor(getattr(t, piece.colour)))
                align = centred if piece.name else unclipped | Qt.AlignmentFlag.AlignLeft
                painter.drawText(QRect(x, values_top, piece.width, row), align, piece.text)
                x += piece.width
            top += self._rows(line) * row
        painter.end()


class ShapeChangeLine(FollowsLanguage, QWidget):
    """ "before (2 layers · 2 K/V heads · float32): 5,120 B · now 2,560 B" over "× 0.5 = kv-heads ÷ 2",
    with a button that asks to clear the reference (``clear_requested``); hidden while there is none.

    Both sizes are at the step's token count, so they differ only by the factors named. The
    words come from :mod:`kvviz.core.shape_change`; this only lays them out.
    """

    clear_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sizes = QLabel()
        self.ratio = QLabel()
        for label in (self.sizes, self.ratio):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.sizes.setStyleSheet(MUTED_TEXT_STYLE)
        bold = QFont(self.ratio.font())
        bold.setBold(True)
        self.ratio.setFont(bold)
        self.clear = QToolButton()
        self.clear.clicked.connect(self.clear_requested)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.sizes, 0, 0, 1, 2)
        grid.addWidget(self.ratio, 1, 0)
        grid.addWidget(self.clear, 1, 1)
        grid.setColumnStretch(0, 1)
        self._shown = False
        self._change: tuple[str, ShapeChange | None] = ("", None)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Its words again in the language installed now (the setting's label comes with the change)."""
        self.clear.setText(QCoreApplication.translate("ShapeChangeLine", "Clear"))
        self.clear.setToolTip(
            QCoreApplication.translate(
                "ShapeChangeLine", "Forget the run before the change (the faded lines and this comparison)"
            )
        )
        if self._shown:
            self.set_change(*self._change)

    def set_change(self, label: str, change: ShapeChange | None) -> None:
        """Show ``change`` from the setting named ``label``; None hides the line."""
        self._change = (label, change)
        self._shown = change is not None
        if change is None:
            self.hide()
            return
        before, after = change.before.total, change.after.total
        tokens = change.n_tokens
        sizes = QCoreApplication.translate(
            "ShapeChangeLine", "before ({label}): {before} B · now {after} B, both after {tokens} tokens"
        )
        self.sizes.setText(sizes.format(label=label, before=f"{before:,}", after=f"{after:,}", tokens=f"{tokens:,}"))
        self.ratio.setText(change.text)
        self.show()

    def text(self) -> str:
        """Both lines as plain text (for tests and screen readers)."""
        return f"{self.sizes.text()}\n{self.ratio.text()}" if self._shown else ""
