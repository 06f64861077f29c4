"""Start-up of the installed `kvviz`: launch → first painted window, launch → first record shown.

Fresh processes, offscreen, timed from outside as ``gui_bench.py`` does; each a first launch
(no settings saved), or with ``--relaunch`` each after the last (its window and dock layout
restored). Given several source trees, launches alternate between them, so that on a shared
machine each tree meets the same load ("before and after" in the same minutes):

    python benchmarks/startup.py                       # the kvviz this interpreter imports
    python benchmarks/startup.py /work/main .          # two trees, each first on PYTHONPATH

``--launches N`` per tree (default 7). ``--where`` also prints, for the last tree, where the time
between the first paint and the first record goes (one launch, timestamps, no profiler).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gui_bench import _ENTRY_POINT, _RUN_KVVIZ, percentiles

#: One launch of the entry point with timestamps at the steps between the first paint and the first record.
_WHERE = (
    """
import json, sys, time
from importlib.metadata import entry_points
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

marks = []
def mark(name):
    marks.append((name, time.time()))

import kvviz.gui.main_window as main_window
load = main_window.MainWindow.load
def timed_load(window):
    mark("load starts (after the first paint)")
    import torch
    mark("torch imported")
    import kvviz.gui.run_settings as run_settings, kvviz.gui.session
    mark("the run's and the session's modules imported")
    first_run = run_settings.first_run
    def timed_first_run(settings):
        run = first_run(settings)
        mark("the first run built (its prompt prefilled)")
        return run
    run_settings.first_run = timed_first_run
    load(window)
main_window.MainWindow.load = timed_load

class Watch(QObject):
    def eventFilter(self, obj, event):
        if not marks and event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.isWindow():
            mark("first paint")
            obj.ready.connect(lambda: ready(obj))
        return False

def ready(window):
    mark("ready: the run and the views built, the first record handed to them")
    QApplication.processEvents()
    window.repaint()
    mark("first record painted")
    window.close()

"""
    + _RUN_KVVIZ
    + "print(json.dumps(marks))\n"
)


def launch(child: str, tree: str | None, home: str) -> tuple[float, str]:
    """One fresh process running ``child`` with ``tree`` first on the path; its start time and output."""
    env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(Path(tree).resolve()), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    start = time.time()
    out = subprocess.run(  # run from ``home``: `python -c` puts the working directory first on the path
        [sys.executable, "-c", child], capture_output=True, text=True, check=True, timeout=120, env=env, cwd=home
    )
    return start, out.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="*", help="source trees to compare (default: the installed kvviz)")
    parser.add_argument("--launches", type=int, default=7)
    parser.add_argument("--where", action="store_true", help="where the time goes, for the last tree")
    parser.add_argument(
        "--relaunch", action="store_true", help="keep each tree's settings between its launches (else: first launches)"
    )
    args = parser.parse_args()
    trees: list[str | None] = list(args.trees) or [None]
    paint: dict[str | None, list[float]] = {tree: [] for tree in trees}
    ready: dict[str | None, list[float]] = {tree: [] for tree in trees}
    with tempfile.TemporaryDirectory() as folder:
        homes = {tree: Path(folder) / f"home{i}" for i, tree in enumerate(trees)}  # each tree's saved settings
        for i in range(args.launches):
            for tree in trees:
                home = homes[tree] if args.relaunch else Path(folder) / f"launch{i}-{trees.index(tree)}"
                home.mkdir(exist_ok=True)
                start, line = launch(_ENTRY_POINT, tree, str(home))
                times = json.loads(line)
                paint[tree].append(times["paint"] - start)
                ready[tree].append(times["ready"] - start)
        for tree in trees:
            name = tree or "installed"
            print(f"{name}: launch → first painted window  {percentiles(paint[tree])}")
            print(f"{name}: launch → first record shown    {percentiles(ready[tree])}")
            print(f"{name}: first_record_s={statistics.median(ready[tree]):.2f}")
        if args.where:
            start, line = launch(_WHERE, trees[-1], str(homes[trees[-1]] if args.relaunch else Path(folder)))
            before = start
            for name, at in json.loads(line):
                print(f"  {at - start:6.2f} s  (+{(at - before) * 1e3:5.0f} ms)  {name}")
                before = at


if __name__ == "__main__":
    main()
