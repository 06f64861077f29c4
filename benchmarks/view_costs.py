"""What each view costs the GUI thread per step at 4,096 tokens (issue 18 item 4).

Opens the window offscreen at 1920×1080 on the long-run model (1 layer, 2 heads, d_model 32),
runs to 4,096 tokens from a 4,032-token prompt, raises the dock tabs so every view is on
screen, then moves back and forth between the last two steps and times, per view, its
``set_record`` (``set_history`` for the plots, which follow the run rather than the cursor)
and a synchronous repaint of its widget. The paged view rebuilds its store after a settle
delay on a worker thread: what it costs the GUI thread to show the result is timed, and the
build itself is printed apart. Figures are p50/p95 over the moves, all
measured in one run so that their ratios are meaningful on a loaded machine; nothing is asserted.
Run: python benchmarks/view_costs.py [--tokens 4096] [--moves 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui_bench import p95
from gui_long_run import long_model
from PySide6.QtWidgets import QApplication
from scale import open_window, prompt_of, run_until

from kvviz.gui.app import application
from kvviz.gui.views.paged_view import build_comparison


def view_steps(
    window, records: list, build_times: list[float]
) -> dict[str, tuple[str | None, Callable[[object], None]]]:
    """Per view: its dock (None: always shown), and what the session does with a record, then the paint it causes."""
    ws, controller = window.workspace, window.controller

    def shown(view, feed: Callable[[object], None]) -> Callable[[object], None]:
        def step(record) -> None:
            feed(record)
            view.repaint()

        return step

    def paged(record) -> None:
        """Its GUI-thread part: the store itself is built on a worker thread (timed apart, below)."""
        ws.paged.set_record(record)
        ws.paged._show(built[record.n_tokens])  # benchmark-only: what the worker's result costs to show
        ws.paged.repaint()

    built = {}
    for record in records:
        ws.paged.set_record(record)
        t = time.perf_counter()
        built[record.n_tokens] = build_comparison(*ws.paged._request())
        build_times.append(time.perf_counter() - t)

    def attention(record) -> None:
        shown(ws.uncached, ws.uncached.set_record)(record)
        shown(ws.cached, ws.cached.set_record)(record)

    def plots(record) -> None:
        ws.plots.set_history(controller.history)
        ws.plots.set_record(record)

    def hover(record) -> None:
        ws.inspector.set_record(record)
        ws.inspector.set_cell(record.n_tokens - 1, record.n_tokens // 2)

    return {
        "attention (both panels)": (None, attention),
        "cache view": ("kv_cache", shown(ws.cache_view, ws.cache_view.set_record)),
        "paged view": ("paged", paged),
        "plots": ("plots", shown(ws.plots, plots)),
        "token strip": (None, shown(ws.tokens, ws.tokens.set_record)),
        "hover inspector": (None, shown(ws.inspector, hover)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=4096)
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args()
    application([])
    with tempfile.TemporaryDirectory() as folder:
        settings = {**long_model(args.tokens + 64), "model/prompt": prompt_of(args.tokens - 64)}
        window = open_window(folder, "views", settings)
        controller = window.controller
        run_until(controller, args.tokens)
        records = [controller.history[-2], controller.history[-1]]
        times: dict[str, list[float]] = {}
        build_times: list[float] = []
        for name, (dock, step) in view_steps(window, records, build_times).items():
            if dock:
                window.workspace.docks[dock].raise_()  # tabbed docks: the view timed is the one in front
            QApplication.processEvents()
            times[name] = []
            for move in range(args.moves):
                t = time.perf_counter()
                step(records[move % 2])
                times[name].append(time.perf_counter() - t)
                QApplication.processEvents()
        print(f"GUI-thread cost per step at {controller.current.n_tokens} tokens, per view (1920×1080, offscreen):")
        for name, samples in sorted(times.items(), key=lambda item: -statistics.median(item[1])):
            print(f"  {name:<26} p50 {statistics.median(samples) * 1e3:7.1f} ms  p95 {p95(samples) * 1e3:7.1f} ms")
        print(f"  (the paged store's build, on its worker thread: {statistics.median(build_times) * 1e3:.1f} ms)")
        window.close()


if __name__ == "__main__":
    main()
