"""Speed of the desktop app: launch to first paint, and a step including its repaint.

Prints p50 and p95 of:
- launch → first painted frame, and launch → first record shown (fresh processes, offscreen),
  for the installed entry point ``kvviz`` (what a user runs) and for ``kvviz.gui.app.launch``;
- a step at 512 tokens with 4 layers and 8 heads, including the synchronous repaint of the
  whole window: moving through steps already computed, and new steps, both when the user
  has looked at the last step for a moment (the app computed the next one meanwhile) and
  when steps follow each other at once (each waits for the worker); and the engine's own
  time per step on the worker thread;
- holding the → key at the newest step: how many steps show, whether the event loop keeps
  up with the key repeats, and how many steps follow the release (at most one);
- resident memory before and after a long back-and-forth, and after running to a full context.

Run: python benchmarks/gui_bench.py  (takes about a minute; uses a temporary settings file).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from process_memory import rss_bytes, trim_heap

LAUNCHES = 7
BIG_MODEL = {
    "model/n_layers": 4,
    "model/n_heads": 8,
    "model/n_kv_heads": 8,
    "model/d_model": 128,
    "model/head_dim": 0,
    "model/context_length": 1024,
    "model/max_new_tokens": 0,
}
TOKENS = 512

_CHILD = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject
from kvviz.gui.app import launch
from kvviz.gui.settings import Settings

class FirstPaint(QObject):
    def __init__(self):
        super().__init__()
        self.at = None
    def eventFilter(self, obj, event):
        if self.at is None and event.type() == QEvent.Type.Paint:
            self.at = time.time()
        return False

app, window = launch([], Settings(sys.argv[1]))
paint = FirstPaint()
window.installEventFilter(paint)
ready = {}
def on_ready():
    app.processEvents()
    window.repaint()
    ready["at"] = time.time()
    app.quit()
window.ready.connect(on_ready)
app.exec()
print(json.dumps({"paint": paint.at, "ready": ready["at"]}))
"""


#: The tail of a child script: run the installed `kvviz` with the script's ``Watch`` filter on its event loop.
_RUN_KVVIZ = """
watch = Watch()
original_exec = QApplication.exec
def exec_and_watch(app):
    app.installEventFilter(watch)
    return original_exec()
QApplication.exec = exec_and_watch
(main,) = entry_points(group="console_scripts", name="kvviz")
sys.argv = ["kvviz"]
main.load()()
"""

#: The installed `kvviz` command, timed from outside: the first paint of its window and its first record.
_ENTRY_POINT = (
    """
import json, sys, time
from importlib.metadata import entry_points
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

times = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if "paint" not in times and event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.isWindow():
            times["paint"] = time.time()
            obj.ready.connect(lambda: ready(obj))
        return False

def ready(window):
    QApplication.processEvents()
    window.repaint()
    times["ready"] = time.time()
    window.close()

"""
    + _RUN_KVVIZ
    + "print(json.dumps(times))\n"
)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def percentiles(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples) * 1e3:7.1f} ms   p95 {p95(samples) * 1e3:7.1f} ms   (n={len(samples)})"


def rss_mib() -> float:
    return rss_bytes() / 2**20


def bench_launch() -> None:
    for label, child in (("`kvviz` (entry point)", _ENTRY_POINT), ("kvviz.gui.app.launch", _CHILD)):
        paint, ready = [], []
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": tmp}  # a first launch, with default settings
            for i in range(LAUNCHES):
                settings = str(Path(tmp) / f"launch{i}.ini")
                start = time.time()
                out = subprocess.run(
                    [sys.executable, "-c", child, settings],
                    capture_output=True,
                    text=True,
                    check=True,
                    timeout=120,
                    env=env,
                )
                times = json.loads(out.stdout.strip().splitlines()[-1])
                paint.append(times["paint"] - start)
                ready.append(times["ready"] - start)
        print(f"{label}: launch → first painted window  {percentiles(paint)}")
        print(f"{label}: launch → first record shown    {percentiles(ready)}")


def bench_steps() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kvviz.core.run import build_run
    from kvviz.gui.app import application
    from kvviz.gui.main_window import MainWindow
    from kvviz.gui.settings import Settings

    app = application([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "bench.ini")
        settings.update(BIG_MODEL)
        settings.set("model/prompt", ("The KV cache stores keys and values, not scores. " * 12)[: TOKENS - 40])
        window = MainWindow(settings)
        window.resize(1920, 1080)
        window.show()
        app.processEvents()
        controller = window.controller
        while controller.current.n_tokens < TOKENS:
            controller.step_forward()
        window.repaint()
        app.processEvents()
        config = controller.config
        print(
            f"\nstep + repaint at {controller.current.n_tokens} tokens, {config.n_layers} layers, "
            f"{config.n_heads} heads, 1920×1080 window"
        )

        # Benchmark-only access to the run's engine, to time its share (on the worker, or on demand).
        run = controller.run
        decode = run.engine.decode
        engine_times: list[float] = []

        def timed_decode():
            t = time.perf_counter()
            record = decode()
            engine_times.append(time.perf_counter() - t)
            return record

        run.engine.decode = timed_decode

        def step_and_repaint(action) -> float:
            """The action and the paint it causes, as the app's event loop does it (no extra repaint())."""
            t = time.perf_counter()
            action()
            QApplication.processEvents()
            return time.perf_counter() - t

        def let_the_worker_finish() -> None:
            """The user reads the step for a moment: the worker computes the next one meanwhile."""
            deadline = time.perf_counter() + 5
            while time.perf_counter() < deadline:
                loop = QEventLoop()  # an event loop that waits, as the app's does: the worker starts when it idles
                QTimer.singleShot(2, loop.quit)
                loop.exec()
                pending = controller._worker.pending
                if pending is not None and pending.done():
                    return

        moves = []
        for _ in range(40):
            moves.append(step_and_repaint(controller.step_back))
            moves.append(step_and_repaint(controller.step_forward))
        print(f"  through computed steps (back/fwd)  {percentiles(moves)}")

        new_steps = []
        for _ in range(30):
            let_the_worker_finish()
            new_steps.append(step_and_repaint(controller.step_forward))
        print(f"  a new step, after looking at the last one  {percentiles(new_steps)}")
        rushed = [step_and_repaint(controller.step_forward) for _ in range(30)]
        print(f"  a new step, computed on demand (no idle)   {percentiles(rushed)}")
        computed = [r.cached.time_s + r.uncached.time_s for r in controller.history[-60:]]
        print(f"  the engine's step (worker or on demand) {percentiles(engine_times[-60:])}")
        print(f"    of which the two timed passes       {percentiles(computed)}")
        alone = build_run(run.spec)
        alone.seek(controller.current.step - 30)
        quiet = [r.cached.time_s + r.uncached.time_s for r in (alone.step_forward() for _ in range(30))]
        print(f"    the same passes with the GUI idle   {percentiles(quiet)}  (what sharing the CPU costs)")

        held_key(window)

        rss_before = rss_mib()
        for _ in range(200):
            controller.step_back()
            controller.step_forward()
            app.processEvents()
        print(f"\nresident memory: {rss_before:.0f} MiB, and {rss_mib():.0f} MiB after 400 more moves")
        window.close()


def held_key(window) -> None:
    """Holding → (key repeats at 30 Hz for 1.5 s) at the frontier: steps shown, and steps after release."""
    from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    controller = window.controller
    target = window.workspace.central
    target.setFocus()
    first = controller.current.step
    shown_at_release: list[int] = []
    presses, late = 45, []

    def press(sent: int = 0, due: float = 0.0) -> None:
        now = time.perf_counter()
        if sent:
            late.append(now - due)
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier, "", True)
        QApplication.postEvent(target, event)
        if sent + 1 < presses:
            QTimer.singleShot(33, lambda: press(sent + 1, now + 0.033))
        else:
            shown_at_release.append(controller.current.step)

    press()
    loop = QEventLoop()
    QTimer.singleShot(round(presses * 33 + 3000), loop.quit)
    loop.exec()
    print(
        f"  holding → for {presses * 33 / 1000:.1f} s (30 key repeats/s): {shown_at_release[0] - first} steps shown, "
        f"{controller.current.step - shown_at_release[0]} more after the release; "
        f"key repeats late by p95 {p95(late) * 1e3:.0f} ms"
    )


def bench_long_run() -> None:
    """Whole runs to a full context, reset in between: memory is bounded by the context, not by time."""
    from PySide6.QtWidgets import QApplication

    from kvviz.gui.main_window import MainWindow
    from kvviz.gui.settings import Settings

    app = QApplication.instance()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "long.ini")
        settings.update({**BIG_MODEL, "model/context_length": 768, "model/prompt": "KV"})
        window = MainWindow(settings)
        window.show()
        controller = window.controller
        print(f"\nruns to a full context of 768 tokens ({BIG_MODEL['model/n_layers']} layers, 8 heads), reset between:")
        trim_heap()
        print(f"  before: {rss_mib():.0f} MiB")
        for run in range(3):
            while controller.can_step_forward():
                controller.step_forward()
                app.processEvents()
            store = controller.current.store.nbytes / 2**20
            resident = rss_mib()
            trim_heap()
            print(
                f"  run {run + 1}: {resident:.0f} MiB resident ({rss_mib():.0f} MiB once freed heap is returned), "
                f"of which recorded attention {store:.0f} MiB"
            )
            controller.reset()
        window.close()


if __name__ == "__main__":
    bench_launch()
    bench_steps()
    bench_long_run()
