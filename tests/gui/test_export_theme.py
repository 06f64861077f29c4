"""The slide theme keeps the dark theme's promises on white: statuses apart for colour-blind viewers, readable text."""

from __future__ import annotations

import numpy as np
import pytest

from kvviz.gui.theme import SLIDE, THEMES, ramp, rgb
from tests.gui.colour_vision import contrast_ratio, delta_e, lab

VISIONS = ("normal", "deuteranopia", "protanopia")
LEVELS = np.linspace(0.0, 1.0, 11)


def test_both_themes_are_offered_by_name():
    assert set(THEMES) == {"dark", "slide"}


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize(
    ("a", "b"), [("computed", "recomputed"), ("computed", "skipped"), ("kv_computed", "kv_from_cache")]
)
def test_statuses_sharing_a_panel_differ_at_every_score(vision, a, b):
    ca, cb = ramp(SLIDE, getattr(SLIDE, a), LEVELS), ramp(SLIDE, getattr(SLIDE, b), LEVELS)
    assert delta_e(ca, cb, vision).min() > 15


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("status", ["computed", "recomputed", "skipped"])
def test_statuses_stand_out_from_the_masked_region_and_the_white_ground(vision, status):
    cells = ramp(SLIDE, getattr(SLIDE, status), LEVELS)
    for ground in (SLIDE.masked, SLIDE.panel):
        assert delta_e(cells, np.broadcast_to(rgb(ground), cells.shape), vision).min() > 15
    assert np.all(np.diff(lab(cells)[:, 0]) > 0)


@pytest.mark.parametrize(
    ("fg", "minimum"), [("text", 7.0), ("muted_text", 4.5), ("error_text", 4.5), ("axis", 4.5), ("cursor", 4.5)]
)
def test_text_and_marks_are_readable_on_white(fg, minimum):
    assert contrast_ratio(rgb(getattr(SLIDE, fg)), rgb(SLIDE.panel)) >= minimum


@pytest.mark.parametrize("line", ["uncached_line", "cached_line", "cache_used_line", "cache_allocated_line"])
def test_plot_lines_show_on_white(line):
    assert contrast_ratio(rgb(getattr(SLIDE, line)), rgb(SLIDE.panel)) >= 2.5


@pytest.mark.parametrize("vision", VISIONS)
def test_plot_lines_are_told_apart(vision):
    assert delta_e(rgb(SLIDE.uncached_line), rgb(SLIDE.cached_line), vision) > 20
