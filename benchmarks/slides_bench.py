"""Speed of what a lecturer does: a 1920×1080 PNG, a 20-step 1920×1080 GIF, entering and leaving
presentation mode, switching the theme.

Prints the median of a few runs of each (targets from issue 14: PNG ≤ 0.5 s, GIF ≤ 10 s,
presentation mode ≤ 0.2 s each way), and the GIF's size (target: under about 3 MB). A theme
switch restyles the window in place; beside it, what a new window in that theme costs (how a
switch worked before), measured in the same run, so the ratio holds on a busy machine.

Run: python benchmarks/slides_bench.py  (about a minute, offscreen; uses a temporary settings file).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 3
#: Entering and leaving are quick and noisy on a loaded machine: more runs.
PRESENTATION_RUNS = 9


def main() -> None:
    from kvviz.gui.app import application
    from kvviz.gui.export.animation import frames_like, save_animation, to_pil
    from kvviz.gui.export.offscreen import quiet_offscreen_platform
    from kvviz.gui.export.picture import PictureSize, picture, save_png
    from kvviz.gui.main_window import MainWindow
    from kvviz.gui.settings import Settings

    app = application()
    with quiet_offscreen_platform(), tempfile.TemporaryDirectory() as folder:
        window = MainWindow(Settings(Path(folder) / "kvviz.ini"))
        window.resize(1280, 720)
        window.show()
        for _ in range(20):
            window.controller.request_step()
            while window.controller.step_waiting:
                app.processEvents()
        app.processEvents()
        size = PictureSize(fixed=(1920, 1080))

        png = []
        for _ in range(RUNS):
            start = time.perf_counter()
            save_png(picture(window, "attention", size), Path(folder) / "a.png")
            png.append(time.perf_counter() - start)
        print(f"PNG 1920x1080 of 'attention': median {statistics.median(png):.3f} s (target ≤ 0.5 s)")

        start = time.perf_counter()
        images = [to_pil(im) for im in frames_like(window, "attention", range(0, 21), size)]
        gif = save_animation(images, Path(folder) / "a.gif", 300)
        elapsed = time.perf_counter() - start
        print(
            f"GIF 1920x1080, steps 0..20: {elapsed:.2f} s (target ≤ 10 s), "
            f"{gif.stat().st_size / 1e6:.2f} MB (target < ~3 MB)"
        )

        enter, leave = [], []
        for _ in range(PRESENTATION_RUNS):
            start = time.perf_counter()
            window.actions.presentation.setChecked(True)
            app.processEvents()
            enter.append(time.perf_counter() - start)
            start = time.perf_counter()
            window.actions.presentation.setChecked(False)
            app.processEvents()
            leave.append(time.perf_counter() - start)
        print(
            f"presentation mode at 1280x720: enter median {statistics.median(enter) * 1e3:.0f} ms "
            f"(max {max(enter) * 1e3:.0f}), leave median {statistics.median(leave) * 1e3:.0f} ms "
            f"(max {max(leave) * 1e3:.0f}) over {PRESENTATION_RUNS} runs (target ≤ 200 ms each)"
        )
        theme_switch(app, window)
        window.close()


def theme_switch(app, window) -> None:
    """Median time to show the window in the other theme: restyled in place, and as a new window."""
    from kvviz.gui.main_window import MainWindow
    from kvviz.gui.theme import THEMES, apply_to_application

    live, rebuilt = [], []
    for name in ("slide", "dark") * RUNS:
        start = time.perf_counter()
        window.set_theme(name)
        app.processEvents()  # laid out and painted
        live.append(time.perf_counter() - start)

        start = time.perf_counter()
        apply_to_application(app, THEMES[name])
        other = MainWindow(window.settings, theme=THEMES[name])
        other.resize(window.size())
        other.show()
        app.processEvents()
        rebuilt.append(time.perf_counter() - start)
        other.close()
        other.deleteLater()
        app.processEvents()
    a, b = statistics.median(live), statistics.median(rebuilt)
    print(
        f"theme switch at {window.width()}x{window.height()}: in place median {a * 1e3:.0f} ms, "
        f"a new window in that theme median {b * 1e3:.0f} ms ({b / a:.1f}x; before, a switch built one)"
    )


if __name__ == "__main__":
    main()
