"""Quality against memory: held-out bits per byte against cache bytes per token, the run in use ringed.

The rows are ``kvviz eval``'s, computed by the same core function (:mod:`kvviz.core.evaluation`)
on a worker thread the first time the chart is on screen (seconds per row; they appear one by
one), and kept for the session: they depend on the weights and the text, not on the run.
The run in use is ringed; when its model, dtype or cache setting is not among the rows, its
own row is measured and added.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from kvviz.core.checkpoint import build_model, weights_label
from kvviz.core.config import ConfigError
from kvviz.core.decoder import ModelSource
from kvviz.core.evaluation import (
    EVAL_CONTEXT,
    EvalRow,
    cache_label,
    cache_settings,
    evaluate,
    evaluate_family,
    setting_of,
)
from kvviz.core.run import RunSpec
from kvviz.core.variants import default_variant, variant_for
from kvviz.gui.theme import Theme, font
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.widgets.axes import UnitAxis, style_axis

RowKey = tuple[str, str, str]  # model, dtype, cache


def row_key(row: EvalRow) -> RowKey:
    return (row.model, row.dtype, row.cache)


def spec_key(spec: RunSpec) -> RowKey | None:
    """The row that measures ``spec``'s model, dtype and cache setting; None for a model folder."""
    if isinstance(spec.weights, ModelSource):
        return None
    return (model_name(spec), spec.config.dtype, setting_of(spec.policy, spec.cache_dtype).name)


def model_name(spec: RunSpec) -> str:
    variant = variant_for(spec.config) if spec.weights == "trained" else None
    if variant is not None:
        return variant.name
    if spec.weights == "random":
        return f"random (seed {spec.config.seed})"
    return weights_label(spec.weights)


def spec_row(spec: RunSpec, text: bytes, context: int = EVAL_CONTEXT) -> EvalRow:
    """``spec``'s model under its cache setting, scored as ``kvviz eval`` scores a row."""
    config = spec.config.replace(context_length=context, batch_size=1)
    model = build_model(config, spec.weights)
    return evaluate(model, model_name(spec), text, setting_of(spec.policy, spec.cache_dtype), context)


def point_label(row: EvalRow) -> str:
    """A point's few words: the shape for a full cache, the cache setting otherwise."""
    shape = f"L{row.n_layers} kv{row.n_kv_heads}"
    if row.model.startswith("tiny-") and row.cache == "full" and row.dtype == "float32":
        return shape
    if row.model == default_variant().name and row.dtype == "float32":
        return cache_label(row.cache)
    return f"{row.model} · {cache_label(row.cache)} · {row.dtype}"


class QualityChart(FollowsLanguage, QWidget):
    """Scatter of :class:`EvalRow` s; ``set_spec`` says which run to ring (and measure, if new)."""

    _row_ready = Signal(object)  # EvalRow, emitted from the worker thread
    _failed = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.rows: dict[RowKey, EvalRow] = {}
        self.current: RowKey | None = None
        self._spec: RunSpec | None = None
        self._text: bytes | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvviz-eval")
        self._stop = threading.Event()  # set when the app quits: the worker stops after its row
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop.set)
        self.destroyed.connect(self._stop.set)
        self._pending: Future | None = None
        self._family_asked = False
        self._watching_tab = False

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.plot = pg.PlotWidget(axisItems={"bottom": UnitAxis("bytes", theme.muted_text, "bottom")})
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        self.points = pg.ScatterPlotItem(size=9)
        self.ring = pg.ScatterPlotItem(size=22, brush=pg.mkBrush(None), symbol="o")
        self._style(theme)
        item.addItem(self.points)
        item.addItem(self.ring)
        self.labels: list[pg.TextItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)
        self._row_ready.connect(self._add_row)
        self._failed.connect(self.caption.setText)
        self._redraw()

    def _style(self, theme: Theme) -> None:
        self.theme = theme
        self.caption.setStyleSheet(f"color: {theme.muted_text}")
        self.plot.setBackground(theme.panel)
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=theme.grid_alpha)
        for name in ("left", "bottom"):
            style_axis(item.getAxis(name), theme, theme.font_pt - 0.5)
        item.getAxis("bottom").set_colour(theme.muted_text)
        digits = QFontMetrics(font(theme, theme.font_pt - 0.5)).horizontalAdvance("0.000")
        item.getAxis("left").setWidth(digits + 12)  # bits/byte ticks, in any theme's font
        title = QCoreApplication.translate("QualityChart", "Quality vs memory")
        about = QCoreApplication.translate(
            "QualityChart", "held-out bits/byte (lower is better) against cache bytes per token at {context} tokens"
        )
        item.setTitle(
            f"<span style='color:{theme.text}'><b>{title}</b></span>"
            f"<span style='color:{theme.muted_text}'> · {about.format(context=EVAL_CONTEXT)}</span>",
            size=f"{theme.font_pt}pt",
        )
        self.points.setPen(pg.mkPen(theme.text, width=1))
        self.points.setBrush(pg.mkBrush(theme.cached_line))
        self.ring.setPen(pg.mkPen(theme.uncached_line, width=3))

    def retranslate(self) -> None:
        """Title and caption again in the language installed now; the measured rows are kept."""
        self._style(self.theme)
        self._redraw()

    def apply_theme(self, theme: Theme) -> None:
        """Restyled in place, as every view on a theme switch; the measured rows are kept."""
        self._style(theme)
        self._redraw()

    # -- receiving -----------------------------------------------------------------------------

    def set_spec(self, spec: RunSpec) -> None:
        """Ring ``spec``'s row; measured once the chart is on screen, if it is not among the rows."""
        self._spec = spec
        self.current = spec_key(spec)
        self._redraw()
        if self._on_screen():
            self.request()

    def set_rows(self, rows: list[EvalRow]) -> None:
        for row in rows:
            self.rows[row_key(row)] = row
        self._redraw()

    # -- computing -----------------------------------------------------------------------------

    def request(self) -> None:
        """Measure what is missing (the family's rows, the current run's), on the worker thread."""
        if self._pending is not None:
            return
        jobs = self._missing()
        if jobs:
            self.caption.setText(
                QCoreApplication.translate(
                    "QualityChart", "Measuring held-out bits per byte… (rows appear as they are measured)"
                )
            )
            self._pending = self._worker.submit(self._measure, jobs)
            self._pending.add_done_callback(self._done)

    def compute_now(self) -> None:
        """Measure what is missing on this thread (exports and tests, which need the chart complete)."""
        self.wait()
        QCoreApplication.sendPostedEvents(self)  # the rows the worker has emitted
        for row in self._measure(self._missing(), emit=False):
            self.rows[row_key(row)] = row
        self._redraw()

    def wait(self) -> None:
        """Block until the measuring in progress has finished (tests, closing)."""
        if self._pending is not None:
            self._pending.exception()

    def _missing(self) -> list[str | RunSpec]:
        jobs: list[str | RunSpec] = []
        if not self._family_asked:
            self._family_asked = True
            jobs.append("family")
        spec = self._spec
        if spec is not None and self.current is not None and self.current not in self.rows:
            jobs.append(spec)
        return jobs

    def _measure(self, jobs: list[str | RunSpec], emit: bool = True) -> list[EvalRow]:
        """Runs on the worker: each row is emitted as soon as it is measured."""
        if self._text is None:
            from kvviz.training.corpus import load_corpus  # the text ships with Python; read once

            self._text = load_corpus().heldout
        made: list[EvalRow] = []
        for job in jobs:
            try:
                rows = evaluate_family(self._text, settings=cache_settings()) if job == "family" else None
                for row in rows if rows is not None else [spec_row(job, self._text)]:
                    made.append(row)
                    if emit and (self._stop.is_set() or not shiboken6.isValid(self)):
                        return made  # the app quits or the chart is gone: stop after this row
                    if emit:
                        self._row_ready.emit(row)
            except (ConfigError, ValueError, OSError) as exc:  # a setting the chart's context cannot hold
                if emit and shiboken6.isValid(self):
                    self._failed.emit(
                        QCoreApplication.translate("QualityChart", "Not measured: {error}").format(error=exc)
                    )
        return made

    def _done(self, future: Future) -> None:
        if shiboken6.isValid(self):
            self._row_ready.emit(None)  # marks the end, on the GUI thread

    def _add_row(self, row: EvalRow | None) -> None:
        if row is None:
            self._pending = None
            if self.current is not None and self.current not in self.rows:
                self.request()  # the run changed while the family was measured
            self._redraw()
            return
        self.rows[row_key(row)] = row
        self._redraw()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        dock = self.parentWidget()
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if dock is not None and not self._watching_tab:  # a tab behind others counts as visible: its raise is watched
            self._watching_tab = True
            dock.visibilityChanged.connect(lambda shown: shown and QTimer.singleShot(0, self._request_if_shown))
        QTimer.singleShot(0, self._request_if_shown)  # docks flash visible while a window lays them out

    def _on_screen(self) -> bool:
        """Shown and not behind another tab: a dock in a tab group stays "visible" with nothing of it on screen,
        and measuring there cost every launch a family evaluation (a core and ~100 MiB) nobody looked at."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _request_if_shown(self) -> None:
        if shiboken6.isValid(self) and self._on_screen() and not self._stop.is_set():
            self.request()

    # -- drawing -------------------------------------------------------------------------------

    def _redraw(self) -> None:
        rows = list(self.rows.values())
        item = self.plot.getPlotItem()
        for label in self.labels:
            item.removeItem(label)
        self.labels = []
        self.points.setData([r.bytes_per_token for r in rows], [r.bits_per_byte for r in rows])
        current = self.rows.get(self.current) if self.current is not None else None
        self.ring.setData(*(([current.bytes_per_token], [current.bits_per_byte]) if current else ([], [])))
        xs, ys = [r.bytes_per_token for r in rows] or [1.0], [r.bits_per_byte for r in rows] or [1.0]
        near_x, near_y = 0.03 * max(xs), 0.05 * ((max(ys) - min(ys)) or 0.1)
        placed: list[EvalRow] = []
        for row in sorted(rows, key=lambda r: (r.bytes_per_token, -r.bits_per_byte)):
            ringed = current is row
            crowded = any(
                abs(p.bytes_per_token - row.bytes_per_token) < near_x
                and abs(p.bits_per_byte - row.bits_per_byte) < near_y
                for p in placed
            )
            placed.append(row)
            label = pg.TextItem(  # a label near another's goes left of its point
                point_label(row),
                color=self.theme.text if ringed else self.theme.muted_text,
                anchor=(1.1, 0.5) if crowded else (0, 1),
            )
            label.setFont(font(self.theme, self.theme.font_pt - (0 if ringed else 1), bold=ringed))
            label.setPos(row.bytes_per_token, row.bits_per_byte)
            item.addItem(label)
            self.labels.append(label)
        if rows:
            span = max(ys) - min(ys) or 0.1
            item.setRange(xRange=(0, max(xs) * 1.25), yRange=(min(ys) - 0.15 * span, max(ys) + 0.25 * span), padding=0)
        self.caption.setText(self._caption(current))

    def _caption(self, current: EvalRow | None) -> str:
        if not self.rows:
            return QCoreApplication.translate(
                "QualityChart",
                "Held-out bits per byte of each trained model and cache setting: measured when first shown.",
            )
        text = QCoreApplication.translate(
            "QualityChart",
            "Held-out text of the training data, {context} bytes of context; the same rows as `kvviz eval`.",
        ).format(context=EVAL_CONTEXT)
        if current is not None:
            ringed = QCoreApplication.translate(
                "QualityChart", "Ringed: this run ({model}, {cache}, {dtype}): {bits} bits/byte at {bytes} B/token."
            )
            text += " " + ringed.format(
                model=current.model,
                cache=cache_label(current.cache),
                dtype=current.dtype,
                bits=f"{current.bits_per_byte:.3f}",
                bytes=f"{current.bytes_per_token:,.0f}",
            )
        elif self._spec is not None and self.current is None:
            text += " " + QCoreApplication.translate("QualityChart", "A model folder's run is not measured here.")
        return text
