"""What one Q·Kᵀ cell means this step: tokens, score, weight and status in each mode.

The inspector under the attention panels shows this for the hovered cell. It reads that one
cell from the record's store, never a whole matrix: at thousands of tokens an n×n copy would
take a second and hundreds of MiB for a single hover. What is per key position (token labels,
K/V sources) is fetched once per record, O(n).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

from kvviz.core.record import CellStatus, KVSource, Mode, StepRecord
from kvviz.gui.theme import Theme
from kvviz.i18n import SOURCE, language

STATUS_TEXT = {
    CellStatus.MASKED: QT_TRANSLATE_NOOP("CellInspector", "masked (key after query)"),
    CellStatus.COMPUTED: QT_TRANSLATE_NOOP("CellInspector", "computed this step"),
    CellStatus.RECOMPUTED: QT_TRANSLATE_NOOP(
        "CellInspector", "recomputed (redundant: the same value again, up to rounding)"
    ),
    CellStatus.SKIPPED: QT_TRANSLATE_NOOP("CellInspector", "skipped (computed at an earlier step)"),
    CellStatus.OUT_OF_WINDOW: QT_TRANSLATE_NOOP(
        "CellInspector", "outside the window (K/V evicted: this query cannot attend to it)"
    ),
}

KV_TEXT = {
    KVSource.COMPUTED: QT_TRANSLATE_NOOP("CellInspector", "K/V computed"),
    KVSource.FROM_CACHE: QT_TRANSLATE_NOOP("CellInspector", "K/V from cache"),
    KVSource.EVICTED: QT_TRANSLATE_NOOP("CellInspector", "K/V evicted from the cache"),
}
#: What each mode is called before its cell's status.
MODE_TEXT = {
    Mode.UNCACHED: QT_TRANSLATE_NOOP("CellInspector", "without cache"),
    Mode.CACHED: QT_TRANSLATE_NOOP("CellInspector", "with cache"),
}


def _tr(text: str) -> str:
    """A text marked in a table above, in the current language."""
    return QCoreApplication.translate("CellInspector", text)


@dataclass(frozen=True)
class CellInfo:
    row: int
    col: int
    query_label: str
    key_label: str
    score: float | None  # None where masked
    weight: float | None
    status: dict[Mode, CellStatus]
    kv_source: dict[Mode, KVSource]


class CellLookup:
    """One record, layer and head, for per-cell questions: each answer reads just its cell."""

    def __init__(self, record: StepRecord, layer: int, head: int) -> None:
        self.record = record
        self.layer, self.head = layer, head
        self.labels = record.text.token_labels(record.tokens)
        self.modes = [m for m in Mode if record.mode(m) is not None]
        self.source = {m: record.kv_source(m) for m in self.modes}

    def info(self, row: int, col: int) -> CellInfo:
        record, cell = self.record, ([row], [col])
        score = float(record.store.cells("scores", self.layer, self.head, *cell)[0, 0])
        weight = float(record.store.cells("weights", self.layer, self.head, *cell)[0, 0])
        return CellInfo(
            row=row,
            col=col,
            query_label=self.labels[row],
            key_label=self.labels[col],
            score=None if math.isnan(score) else score,
            weight=None if math.isnan(weight) else weight,
            status={m: CellStatus(int(record.cell_status(m, *cell)[0, 0])) for m in self.modes},
            kv_source={m: KVSource(int(s[col])) for m, s in self.source.items()},
        )


def describe_html(info: CellInfo, theme: Theme) -> str:
    t = theme
    head = QCoreApplication.translate(
        "CellInspector", "<b>query</b> {row} <b>{query}</b> · <b>key</b> {col} <b>{key}</b> · "
    ).format(row=info.row, query=_esc(info.query_label), col=info.col, key=_esc(info.key_label))
    if info.score is None:
        if CellStatus.OUT_OF_WINDOW in info.status.values():
            why = QCoreApplication.translate("CellInspector", "no score: outside the window")
        else:
            why = QCoreApplication.translate("CellInspector", "no score: masked")
        values = f"<span style='color:{t.muted_text}'>{why}</span>"
    else:
        values = QCoreApplication.translate(
            "CellInspector", "score <b>{score}</b> · softmax weight <b>{weight}</b>"
        ).format(score=f"{info.score:.4g}", weight=f"{info.weight:.4g}")
    modes = []
    for mode, title in MODE_TEXT.items():
        if mode in info.status:
            status = (
                _tr(STATUS_TEXT[info.status[mode]])
                if info.status[mode] in STATUS_TEXT
                else info.status[mode].name.lower()
            )
            source = (
                _tr(KV_TEXT[info.kv_source[mode]])
                if info.kv_source[mode] in KV_TEXT
                else info.kv_source[mode].name.lower()
            )
            said = QCoreApplication.translate("CellInspector", "{status}, {source}").format(
                status=status, source=source
            )
            modes.append(f"<span style='color:{t.muted_text}'>{_tr(title)}:</span> {said}")
    return head + values + "<br>" + " &nbsp;·&nbsp; ".join(modes)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CellInspector(QLabel):
    """Describes the hovered cell; a hint when none is hovered."""

    HINT = QT_TRANSLATE_NOOP(
        "CellInspector",
        "Hover over a cell of either matrix to read its query, key, score, weight and status in both modes.",
    )

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self._record: StepRecord | None = None
        self._layer = self._head = 0
        self._lookup: CellLookup | None = None
        self._cell = (-1, -1)
        self.info: CellInfo | None = None
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        """Room for two lines of the current font, and the text again in ``theme``'s colours."""
        self.theme = theme
        self._reserve_two_lines()
        self._refresh()

    def _reserve_two_lines(self) -> None:
        """Two lines of the description: Chinese glyphs come from a taller fallback font than the
        label's own, so in Chinese the room is measured on Chinese text."""
        metrics = self.fontMetrics()
        lines = metrics.lineSpacing() * 2
        if language() != SOURCE:
            lines = max(lines, metrics.boundingRect(QRect(0, 0, 10_000, 10_000), 0, "键值\n键值").height())
        self.setMinimumHeight(lines + 6)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._reserve_two_lines()
            self._refresh()

    def set_record(self, record: StepRecord) -> None:
        self._record = record
        self._lookup = None
        self._refresh()

    def set_selection(self, layer: int, head: int) -> None:
        self._layer, self._head = layer, head
        self._lookup = None
        self._refresh()

    def set_cell(self, row: int, col: int) -> None:
        self._cell = (row, col)
        self._refresh()

    def _refresh(self) -> None:
        row, col = self._cell
        record = self._record
        if record is None or not (0 <= row < record.n_tokens and 0 <= col < record.n_tokens):
            self.info = None
            self._show_hint()
            return
        if self._lookup is None:
            layer = min(self._layer, record.config.n_layers - 1)
            head = min(self._head, record.config.n_heads - 1)
            self._lookup = CellLookup(record, layer, head)
        self.info = self._lookup.info(row, col)
        self.setText(describe_html(self.info, self.theme))

    def _show_hint(self) -> None:
        self.setText(f"<span style='color:{self.theme.muted_text}'>{_tr(self.HINT)}</span>")
