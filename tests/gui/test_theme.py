"""The palette: statuses that share a panel stay apart for colour-blind viewers; text is readable."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kvviz.core.record import CellStatus
from kvviz.gui.theme import DARK, ramp, rgb
from kvviz.gui.views.attention_image import LEVELS, STATUS_COLOUR, status_lut
from tests.gui.colour_vision import contrast_ratio, delta_e, lab

VISIONS = ("normal", "deuteranopia", "protanopia")
LEVELS_CHECKED = np.linspace(0.0, 1.0, 11)

#: Colours that appear side by side: the cells of each panel, and the two K/V markers of the strip.
SAME_PANEL = [
    ("computed", "recomputed"),  # without cache
    ("computed", "skipped"),  # with cache
    ("kv_computed", "kv_from_cache"),
]


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize(("a", "b"), SAME_PANEL)
def test_statuses_sharing_a_panel_differ_at_every_score(vision, a, b):
    ca = ramp(DARK, getattr(DARK, a), LEVELS_CHECKED)
    cb = ramp(DARK, getattr(DARK, b), LEVELS_CHECKED)
    assert delta_e(ca, cb, vision).min() > 15


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("status", ["computed", "recomputed", "skipped"])
def test_statuses_differ_from_the_masked_region(vision, status):
    cells = ramp(DARK, getattr(DARK, status), LEVELS_CHECKED)
    masked = np.broadcast_to(rgb(DARK.masked), cells.shape)
    assert delta_e(cells, masked, vision).min() > 15


def test_ramps_run_dark_to_light():
    for name in ("computed", "recomputed", "skipped"):
        lightness = lab(ramp(DARK, getattr(DARK, name), LEVELS_CHECKED))[:, 0]
        assert np.all(np.diff(lightness) > 0)


def test_lookup_table_holds_the_theme_colours():
    lut = status_lut(DARK)
    assert lut.shape == (max(CellStatus) + 1, LEVELS, 4)
    for status, name in STATUS_COLOUR.items():
        expected = np.round(ramp(DARK, getattr(DARK, name), np.array([0.0, 1.0])) * 255)
        np.testing.assert_allclose(lut[status, [0, -1], :3], expected, atol=1)
    assert (lut[CellStatus.MASKED, :, :3] == np.round(rgb(DARK.masked) * 255)).all()
    assert (lut[..., 3] == 255).all()


@pytest.mark.parametrize(
    ("fg", "bg", "minimum"),
    [
        ("text", "panel", 7.0),
        ("text", "window", 7.0),
        ("muted_text", "panel", 4.5),
        ("muted_text", "window", 4.5),
        ("error_text", "window", 4.5),
    ],
)
def test_text_contrast_meets_wcag(fg, bg, minimum):
    assert contrast_ratio(rgb(getattr(DARK, fg)), rgb(getattr(DARK, bg))) >= minimum


def test_plot_lines_are_told_apart():
    lines = [DARK.uncached_line, DARK.cached_line]
    for vision, (a, b) in itertools.product(VISIONS, [lines]):
        assert delta_e(rgb(a), rgb(b), vision) > 20
