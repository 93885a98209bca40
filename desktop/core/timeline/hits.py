"""The item under a point of the layout: what a mouse hover or click finds.
"""

from __future__ import annotations

from desktop.core.timeline.layout import Ref, TimelineLayout


def hit_test(layout: TimelineLayout, x: float, y: float, x_tolerance: float) -> Ref | None:
    """The item drawn nearest to (x, y) within ``x_tolerance`` days, for a click."""
    best: tuple[float, Ref] | None = None

    def consider(dist: float, ref: Ref) -> None:
        nonlocal best
        if dist <= x_tolerance and (best is None or dist < best[0]):
            best = (dist, ref)

    for b in layout.bars:
        if abs(y - b.y) <= b.height / 2:
            consider(max(b.x0 - x, x - b.x1, 0.0), b.ref)
    for m in layout.markers:
        if abs(y - m.y) <= 0.5:
            consider(max(m.x_range[0] - x, x - m.x_range[1], 0.0), m.ref)
    for s in layout.series:
        for p in s.points:
            if abs(y - p.y) <= 0.5:
                consider(abs(x - p.x), p.ref)
    return best[1] if best else None
