"""The benchmarks' view of this process's memory: resident bytes now, and a way to tell held
memory from memory the allocator merely keeps for reuse."""

from __future__ import annotations

import resource

from kvviz.core.heap import trim_heap


def rss_bytes() -> int:
    """Current resident set size, from /proc (ru_maxrss would only give the peak)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def main() -> None:
    """Resident memory of the window at 4,096 tokens against its attention store (issue 18 item 3).

    Opens the window offscreen on the long-run model (1 layer, 2 heads) at a 4,032-token prompt,
    runs to 4,096 tokens, hovers a cell, and goes back to step 0; prints resident memory over
    the app alone (Qt, torch and the window's modules loaded) at each point, once freed heap is
    returned. Run: python benchmarks/process_memory.py [--tokens 4096]
    """
    import argparse
    import gc
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import torch  # noqa: F401 (loaded before the baseline: the app alone includes it)
    from gui_long_run import long_model
    from PySide6.QtWidgets import QApplication
    from scale import open_window, prompt_of, run_until

    from kvviz.gui.app import application
    from kvviz.gui.main_window import MainWindow  # noqa: F401 (loaded before the baseline)

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=4096)
    args = parser.parse_args()
    application([])

    def settled_mib() -> float:
        for _ in range(5):
            QApplication.processEvents()
        gc.collect()
        trim_heap()
        return rss_bytes() / 2**20

    base = settled_mib()
    settings = {**long_model(args.tokens + 64), "model/prompt": prompt_of(args.tokens - 64)}
    with tempfile.TemporaryDirectory() as folder:
        window = open_window(folder, "memory", settings)
        controller = window.controller
        start = settled_mib() - base
        n, store = controller.current.n_tokens, controller.current.store.nbytes / 2**20
        print(f"step 0, {n} tokens: {start:.0f} MiB over the app alone; attention store {store:.0f} MiB")
        run_until(controller, args.tokens)
        record = controller.current
        window.workspace.inspector.set_cell(record.n_tokens - 1, record.n_tokens // 2)  # the user hovers a cell
        raw = rss_bytes() / 2**20 - base
        end, store = settled_mib() - base, record.store.nbytes / 2**20
        print(
            f"{record.n_tokens} tokens, a cell hovered: {end:.0f} MiB over the app alone ({raw:.0f} MiB before "
            f"freed heap is returned); attention store {store:.0f} MiB; the rest {end - store:.0f} MiB (goal ≤ 250)"
        )
        controller.go_to(0)
        back = settled_mib() - base
        print(f"back at step 0: {back:.0f} MiB over the app alone ({back - start:+.0f} MiB against step 0 before)")
        window.close()


if __name__ == "__main__":
    main()
