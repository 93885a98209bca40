"""Axis breaks: a long empty stretch of the course (years between a diagnosis and a
relapse, with nothing drawn in between) is shortened to a narrow band, so that the rest
of the course gets the width. The layout is built in the shortened x (``Squeeze``); the
renderers draw each ``AxisBreak`` as a visible break, and ticks are never inside one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.timeline.layout import DAYS_PER_YEAR, AxisBreak

#: A stretch with nothing drawn is shortened when it is longer than both of these.
BREAK_MIN_DAYS = DAYS_PER_YEAR
BREAK_MIN_SHARE = 0.4  # of the span from the first to the last date drawn
#: What a break is drawn as: this share of the span drawn without the breaks.
BREAK_DRAWN_SHARE = 0.04
MIN_BREAK_DRAWN_DAYS = 7.0


def empty_stretches(spans: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The stretches (first day, last edge) no span covers that are long enough to be
    shortened, in x order."""
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if len(merged) < 2:
        return []
    total = merged[-1][1] - merged[0][0]
    least = max(BREAK_MIN_DAYS, BREAK_MIN_SHARE * total)
    return [(p[1], q[0]) for p, q in itertools.pairwise(merged)
            if q[0] - p[1] > least]


@dataclass(frozen=True, slots=True)
class Squeeze:
    """Real days → drawn x: each empty stretch ``gaps[k]`` drawn ``width`` days wide, the
    part holding ``keep`` (the anchor, or the first date) where it is."""

    gaps: tuple[tuple[float, float], ...]
    width: float
    shift: float = 0.0

    @classmethod
    def of(cls, gaps: list[tuple[float, float]], spans_total: float, keep: float
           ) -> Squeeze | None:
        if not gaps:
            return None
        drawn = spans_total - sum(b - a for a, b in gaps)
        width = max(BREAK_DRAWN_SHARE * drawn, MIN_BREAK_DRAWN_DAYS)
        plain = cls(tuple(gaps), width)
        return cls(tuple(gaps), width, keep - plain(keep))

    def __call__(self, r: float) -> float:
        cut = 0.0
        for a, b in self.gaps:
            if r <= a:
                break
            if r < b:  # inside: the stretch drawn narrow (nothing is drawn there)
                return a - cut + (r - a) / (b - a) * self.width + self.shift
            cut += (b - a) - self.width
        return r - cut + self.shift

    def breaks(self) -> tuple[AxisBreak, ...]:
        return tuple(AxisBreak(self(a), self(b), b - a, a)
                     for a, b in self.gaps)


def segments(breaks: tuple[AxisBreak, ...], lo: float, hi: float
             ) -> list[tuple[float, float]]:
    """The parts of ``lo``–``hi`` (drawn x) outside every break."""
    out: list[tuple[float, float]] = []
    x = lo
    for br in sorted(breaks, key=lambda b: b.x0):
        if br.x1 <= x or br.x0 >= hi:
            continue
        if br.x0 > x:
            out.append((x, br.x0))
        x = max(x, br.x1)
    if x < hi:
        out.append((x, hi))
    return out


def real_day(breaks: tuple[AxisBreak, ...], x: float) -> float:
    """Drawn x → days on the unbroken axis (the identity where there are no breaks)."""
    prev: AxisBreak | None = None
    for br in sorted(breaks, key=lambda b: b.x0):
        if x <= br.x0:
            return br.start - (br.x0 - x)
        if x < br.x1:
            return br.start + (x - br.x0) / (br.x1 - br.x0) * br.days
        prev = br
    return x if prev is None else prev.start + prev.days + (x - prev.x1)


def drawn_x(breaks: tuple[AxisBreak, ...], r: float) -> float:
    """Days on the unbroken axis → drawn x (the inverse of ``real_day``)."""
    prev: AxisBreak | None = None
    for br in sorted(breaks, key=lambda b: b.x0):
        if r <= br.start:
            return br.x0 - (br.start - r)
        if r < br.start + br.days:
            return br.x0 + (r - br.start) / br.days * (br.x1 - br.x0)
        prev = br
    return r if prev is None else prev.x1 + (r - prev.start - prev.days)
