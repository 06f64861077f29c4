"""The window while a long run plays: do events keep being processed, and how does memory grow?

Plays a small model offscreen at top speed ("Run to end") for ``--steps`` steps while a
10 ms QTimer notes when it fires; the largest gap between its firings is how long the
window could not react to the user. Prints, every ``--every`` steps, the gaps, the
resident memory growth and the attention store's bytes. Run:
python benchmarks/gui_long_run.py [--steps 1000] [--trim]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from process_memory import rss_bytes, trim_heap
from PySide6.QtCore import QTimer

from kvviz.gui.app import application, close_windows
from kvviz.gui.main_window import MainWindow
from kvviz.gui.settings import Settings
from kvviz.units import format_bytes


def long_model(context_length: int) -> dict[str, object]:
    """Settings of a model small enough that a run of thousands of steps is bound by the views, not the model."""
    return {
        "model/weights": "random",
        "model/n_layers": 1,
        "model/n_heads": 2,
        "model/n_kv_heads": 1,
        "model/d_model": 32,
        "model/head_dim": 0,
        "model/context_length": context_length,
        "model/max_new_tokens": 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--every", type=int, default=250)
    parser.add_argument("--trim", action="store_true", help="hand freed heap back (malloc_trim) before each reading")
    args = parser.parse_args()
    app = application([])
    folder = tempfile.mkdtemp(prefix="kvviz-bench-")
    settings = Settings(Path(folder) / "kvviz.ini")
    settings.update({**long_model(args.steps + 64), "model/prompt": "A long run."})
    window = MainWindow(settings)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    controller = window.controller
    base = rss_bytes()
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    print(f"{'step':>5} {'max gap':>9} {'p99 gap':>9} {'ticks':>6} {'RSS growth':>11} {'store':>10} {'steps/s':>8}")
    last = {"step": 0, "t": time.perf_counter()}

    def report() -> None:
        if last.get("done"):
            return
        step = controller.current.step
        if step - last["step"] < args.every and controller.playing:
            return
        gaps = sorted(b - a for a, b in itertools.pairwise(ticks)) or [0.0]
        p99 = gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))]
        now = time.perf_counter()
        rate = (step - last["step"]) / (now - last["t"])
        store = controller.run.engine.store.nbytes
        if args.trim:
            trim_heap()
        print(
            f"{step:>5} {gaps[-1] * 1e3:>7.0f}ms {p99 * 1e3:>7.0f}ms {len(ticks):>6} "
            f"{format_bytes(rss_bytes() - base):>11} {format_bytes(store):>10} {rate:>8.1f}",
            flush=True,
        )
        ticks[:] = ticks[-1:]
        last.update(step=step, t=now)
        if not controller.playing:
            probe.stop()
            app.quit()

    controller.record_changed.connect(lambda _record: report())
    controller.navigation_changed.connect(lambda nav: report() if nav.stop_message else None)
    probe.start()
    controller.run_to_end()
    app.exec()
    # What stays once the window shows the small prefill again: the rows, and not the big last view.
    last["done"] = True
    controller.go_to(0)
    for _ in range(5):
        app.processEvents()
    gc.collect()
    if args.trim:
        trim_heap()
    store = format_bytes(controller.run.engine.store.nbytes)
    print(f"back at step 0: RSS growth {format_bytes(rss_bytes() - base)}, store {store}")
    close_windows()


if __name__ == "__main__":
    main()
