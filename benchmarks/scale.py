"""Long runs against short ones (issue 18): does the app cost what the screen shows?

Prints, offscreen in a 1920×1080 window:
- a new step + repaint at 512 tokens (4 layers, 8 heads, random weights), p50/p95, the user
  having looked at the last step for a moment (the worker had time); and the engine's whole
  step there, timed alone (the part of a long run that the views do not set);
- the same at 4,096 tokens (1 layer, 2 heads, d_model 32: a 128 MiB attention store);
- the longest time the event loop went without processing events (a 10 ms timer's largest
  gap) while running to the end of 4,096 tokens from 4,032 (a full run from a short prompt
  takes far longer than this script's five minutes), and resident memory there;
- the wall time of "Run to end" from the default prompt to 1,024 tokens with the trained
  model, the window showing;
- launch of the installed ``kvviz`` to the first record shown (median of 3 fresh processes).

Figures are printed, never asserted. The last line is the one summary a note quotes. Takes
about five minutes on a 2-core machine. Run: python benchmarks/scale.py
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui_bench import _ENTRY_POINT, BIG_MODEL, p95
from gui_long_run import long_model
from process_memory import rss_bytes, trim_heap
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from kvviz.core.run import RunSpec, build_run
from kvviz.gui.app import application
from kvviz.gui.main_window import MainWindow
from kvviz.gui.settings import Settings

LONG_MODEL = long_model(4096 + 64)
START_4096 = 4096 - 64
SENTENCE = "The KV cache stores keys and values, not scores. "


def prompt_of(n_tokens: int) -> str:
    return (SENTENCE * (n_tokens // len(SENTENCE) + 1))[:n_tokens]  # byte-level: a character is a token


def open_window(folder: str, name: str, values: dict) -> MainWindow:
    settings = Settings(Path(folder) / f"{name}.ini")
    settings.update(values)
    window = MainWindow(settings)
    window.resize(1920, 1080)
    window.show()
    QApplication.processEvents()
    return window


def let_the_worker_finish(controller) -> None:
    """The user reads the step for a moment: the event loop idles and the worker computes ahead."""
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        loop = QEventLoop()
        QTimer.singleShot(2, loop.quit)
        loop.exec()
        pending = controller._worker.pending  # benchmark-only look at the worker
        if pending is not None and pending.done():
            return


def new_steps(controller, count: int) -> list[float]:
    """A new step and the paint it causes, as the event loop does it, after the worker had time."""
    times = []
    for _ in range(count):
        let_the_worker_finish(controller)
        t = time.perf_counter()
        controller.step_forward()
        QApplication.processEvents()
        times.append(time.perf_counter() - t)
    return times


def run_until(controller, n_tokens: int, probe_gaps: list[float] | None = None) -> float:
    """Run to the end (the app's action) until ``n_tokens`` are shown; seconds taken."""
    done = QEventLoop()
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def check(record) -> None:
        if record.n_tokens >= n_tokens or not controller.playing:
            controller.pause()
            done.quit()

    controller.record_changed.connect(check)
    t = time.perf_counter()
    probe.start()
    controller.run_to_end()
    done.exec()
    probe.stop()
    elapsed = time.perf_counter() - t
    controller.record_changed.disconnect(check)
    if probe_gaps is not None:
        probe_gaps.extend(b - a for a, b in itertools.pairwise(ticks))
    return elapsed


def ms(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples) * 1e3:6.1f} ms  p95 {p95(samples) * 1e3:6.1f} ms  (n={len(samples)})"


def bench_512(folder: str) -> float:
    window = open_window(folder, "s512", {**BIG_MODEL, "model/weights": "random", "model/prompt": prompt_of(500)})
    controller = window.controller
    while controller.current.n_tokens < 512:
        controller.step_forward()
    QApplication.processEvents()
    times = new_steps(controller, 20)
    print(f"new step + repaint at 512 tokens (4 layers, 8 heads)     {ms(times)}")
    engine = [r.cached.time_s + r.uncached.time_s for r in controller.history[-20:]]
    print(f"  the engine's two timed passes (cached + uncached)     {ms(engine)}")
    spec = controller.run.spec
    window.close()
    print(f"  the engine's whole step (passes, check, recording)    {ms(engine_steps(spec, 512))}")
    return p95(times)


def engine_steps(spec: RunSpec, n_tokens: int, count: int = 10) -> list[float]:
    """Wall time of whole engine steps at ``n_tokens`` on this thread, no window: what the worker must keep up with."""
    run = build_run(spec)
    run.seek(n_tokens - run.current.n_tokens)
    times = []
    for _ in range(count):
        t = time.perf_counter()
        run.step_forward()
        times.append(time.perf_counter() - t)
    return times


def bench_4096(folder: str) -> tuple[float, float]:
    trim_heap()
    base = rss_bytes()
    window = open_window(folder, "s4096", {**LONG_MODEL, "model/prompt": prompt_of(START_4096)})
    controller = window.controller
    gaps: list[float] = []
    took = run_until(controller, 4096, gaps)
    steps = controller.current.n_tokens - START_4096
    print(
        f"run to end {START_4096} → {controller.current.n_tokens} tokens (1 layer, 2 heads): "
        f"{steps} steps in {took:.1f} s, "
        f"longest event-loop gap {max(gaps) * 1e3:.0f} ms, p99 gap {p95(gaps) * 1e3:.0f} ms"
    )
    store = controller.current.store.nbytes
    resident = rss_bytes() - base
    times = new_steps(controller, 10)
    print(f"new step + repaint at {controller.current.n_tokens} tokens                     {ms(times)}")
    trim_heap()
    print(
        f"resident memory growth at ~4,096 tokens {resident / 2**20:.0f} MiB "
        f"(attention store {store / 2**20:.0f} MiB), {(rss_bytes() - base) / 2**20:.0f} MiB after the heap is trimmed"
    )
    controller.go_to(0)
    for _ in range(5):
        QApplication.processEvents()
    trim_heap()
    print(f"  back at step 0: {(rss_bytes() - base) / 2**20:.0f} MiB")
    window.close()
    return p95(times), max(gaps)


def bench_run_to_end_1024(folder: str) -> float:
    window = open_window(folder, "s1024", {"model/context_length": 1024, "model/max_new_tokens": 0})
    controller = window.controller
    start = controller.current.n_tokens
    took = run_until(controller, 1024)
    print(
        f"run to end with the trained default model: {start} → {controller.current.n_tokens} tokens "
        f"in {took:.1f} s ({(controller.current.n_tokens - start) / took:.1f} steps/s)"
    )
    window.close()
    return took


def bench_launch(launches: int = 3) -> float:
    ready = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": tmp}  # a first launch, default settings
        for _ in range(launches):
            start = time.time()
            out = subprocess.run(
                [sys.executable, "-c", _ENTRY_POINT], capture_output=True, text=True, check=True, timeout=120, env=env
            )
            ready.append(json.loads(out.stdout.strip().splitlines()[-1])["ready"] - start)
    print(f"launch of `kvviz` → first record shown: median {statistics.median(ready):.2f} s of {ready}")
    return statistics.median(ready)


def main() -> None:
    application([])
    with tempfile.TemporaryDirectory() as folder:
        step_512 = bench_512(folder)
        step_4096, gap_4096 = bench_4096(folder)
        to_end = bench_run_to_end_1024(folder)
    first = bench_launch()
    print(
        f"scale: step_p95_ms_512={step_512 * 1e3:.0f} step_p95_ms_4096={step_4096 * 1e3:.0f} "
        f"max_gap_ms_4096={gap_4096 * 1e3:.0f} run_to_end_1024_s={to_end:.1f} first_record_s={first:.2f}"
    )


if __name__ == "__main__":
    main()
