"""The axis breaks of a timeline figure in ReportLab shapes: where the layout shortened a
long empty stretch, a white band across the lanes with dashed edges and a pair of
slanted strokes cutting the time axis — the break is seen, never mistaken for time."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib.colors import HexColor

from desktop.core.timeline import AxisBreak

EDGE = HexColor("#8A8A8A")
WHITE = HexColor("#FFFFFF")


def break_bands(d: Drawing, breaks: tuple[AxisBreak, ...], x: Callable[[float], float],
                top: float, axis_y: float) -> None:
    """Under the marks: each break a white band from ``top`` to the axis at ``axis_y``
    (points; ``x`` maps days) between dashed edges."""
    for br in breaks:
        a, b = x(br.x0), x(br.x1)
        d.add(Rect(a, axis_y, b - a, top - axis_y, fillColor=WHITE, strokeColor=None,
                   strokeWidth=0))
        for xx in (a, b):
            d.add(Line(xx, axis_y, xx, top, strokeColor=EDGE, strokeWidth=0.4,
                       strokeDashArray=[1.5, 1.5]))


def break_marks(d: Drawing, breaks: tuple[AxisBreak, ...], x: Callable[[float], float],
                axis_y: float) -> None:
    """Over the axis: the axis line cut at each break, a slanted stroke at each end."""
    for br in breaks:
        a, b = x(br.x0), x(br.x1)
        d.add(Rect(a + 0.8, axis_y - 1.5, b - a - 1.6, 3, fillColor=WHITE, strokeColor=None,
                   strokeWidth=0))
        for xx in (a, b):
            d.add(Line(xx - 1.6, axis_y - 3.5, xx + 1.6, axis_y + 3.5, strokeColor=EDGE,
                       strokeWidth=0.8))
