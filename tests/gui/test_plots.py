"""The plots: round limits from zero, units that fit the range, a cursor at the step."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QFontMetricsF

from kvviz.gui.theme import DARK
from kvviz.gui.views.plots import round_up
from kvviz.gui.widgets.axes import UnitAxis


@pytest.mark.parametrize(
    ("value", "limit"),
    [(0.9, 1.0), (1.0, 1.0), (1.01, 1.5), (2.5, 3.0), (42, 50), (760, 1000), (3e9, 3e9), (4e-4, 5e-4)],
)
def test_round_up_picks_the_next_round_limit(value, limit):
    assert round_up(value) == pytest.approx(limit)


@pytest.mark.parametrize(
    ("kind", "top", "unit", "factor"),
    [
        ("flops", 3.4e6, "MFLOP", 1e6),
        ("flops", 2.1e9, "GFLOP", 1e9),
        ("bytes", 600 * 1024, "KiB", 1024),
        ("bytes", 3 * 1024**2, "MiB", 1024**2),
        ("seconds", 2.5e-3, "ms", 1e-3),
        ("seconds", 40e-6, "µs", 1e-6),
    ],
)
def test_value_axes_label_in_readable_units(qtbot, kind, top, unit, factor):
    axis = UnitAxis(kind, DARK.muted_text)
    spacing = axis.tickSpacing(0.0, top, 200)[0][0]
    assert axis.unit == unit
    assert unit in axis.labelString()
    in_unit = spacing / factor  # ticks fall on round numbers of the unit (1, 2, 5 × 10ᵏ)
    mantissa = in_unit / 10 ** math.floor(math.log10(in_unit))
    assert min(abs(mantissa - m) for m in (1, 2, 2.5, 5)) < 1e-9
    tick = 2 * spacing
    assert float(axis.tickStrings([tick], 1.0, spacing)[0]) == pytest.approx(tick / factor)


@pytest.mark.parametrize("pixels", [40, 90, 300])
@pytest.mark.parametrize(("kind", "top"), [("seconds", 0.0063), ("flops", 4.3e9), ("bytes", 600 * 1024)])
def test_value_ticks_leave_room_for_their_labels_in_short_plots(qtbot, kind, top, pixels):
    axis = UnitAxis(kind, "#ffffff")
    levels = axis.tickSpacing(0.0, top, pixels)
    assert len(levels) == 1
    (spacing, _offset), room = levels[0], QFontMetricsF(axis.style["tickFont"] or axis.font()).height()
    apart = spacing * pixels / top
    assert apart >= 0.85 * room  # labels (drawn 0.8 of a line tall by pyqtgraph) never over one another
    assert apart < 6 * room or spacing >= top  # and not needlessly sparse
    # a label that would stick out of the axis is dropped: with room for three lines, one lies inside
    inside = [k * spacing for k in range(1, int(top / spacing) + 1) if k * spacing <= top - room / 2 * top / pixels]
    assert inside or pixels < 3 * 1.1 * room, (spacing, top, room)
