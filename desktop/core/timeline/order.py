"""Uncertain dates kept in the order the case states: a case lists its therapies and its
events in the order the report gives them, so a period known only to the month or year is
drawn no earlier than what is listed before it and no later than what follows (a
transplant of known day bounds the therapies around it). Known days are never moved: where
the list contradicts them, nothing is clipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import Therapy
from desktop.core.timeline.bars import Bounds
from desktop.core.timeline.clock import Clock, text_of


@dataclass(frozen=True, slots=True)
class Clip:
    """The range an uncertain period may take, and who bounds it (an index in the list)."""

    lo: float
    hi: float
    after: int | None
    before: int | None


def clip_in_order(spans: Sequence[tuple[float, float]]) -> list[Clip | None]:
    """For periods ``(first, last)`` in list order: the part of each that lies after the
    earliest start of every period listed before it and before the latest end of every
    period listed after it; None where nothing is cut (or the order contradicts it)."""
    n = len(spans)
    ceilings: list[tuple[float, int | None]] = [(float("inf"), None)] * n
    hi, who = float("inf"), None
    for k in range(n - 1, -1, -1):
        ceilings[k] = (hi, who)
        if spans[k][1] < hi:
            hi, who = spans[k][1], k
    out: list[Clip | None] = []
    lo, after = float("-inf"), None
    for k, (a, b) in enumerate(spans):
        top, before = ceilings[k]
        new_a, new_b = max(a, lo), min(b, top)
        if new_a > new_b or (new_a, new_b) == (a, b):
            out.append(None)
        else:
            out.append(Clip(new_a, new_b, after if new_a > a else None,
                            before if new_b < b else None))
            a = new_a
        if a > lo:
            lo, after = a, k
    return out


def therapy_bounds(dated: Sequence[tuple[int, Therapy]], clock: Clock) -> dict[int, Bounds]:
    """The order-stated bounds of each therapy (by case index) whose dates are uncertain:
    its start within the starts listed around it; its end no later than the day of a
    transplant listed after it."""
    starts = [tuple(map(float, clock.span(t.start))) for _, t in dated]  # type: ignore[arg-type]
    clips = clip_in_order(starts)  # type: ignore[arg-type]
    transplants = [k for k, (_, t) in enumerate(dated)
                   if t.category == "transplant" and starts[k][0] == starts[k][1]]
    out: dict[int, Bounds] = {}
    for k, (i, t) in enumerate(dated):
        c = clips[k]
        end_max, before = None, ""
        nxt = next((j for j in transplants if j > k), None)
        if nxt is not None and t.end is not None:
            e0, e1 = clock.span(t.end)
            if e0 + 1 <= starts[nxt][0] < e1 + 1:
                end_max, before = starts[nxt][0], _name(dated[nxt][1], clock.lang)
        if c is None and end_max is None:
            continue
        after = _name(dated[c.after][1], clock.lang) if c and c.after is not None else ""
        if c and c.before is not None:
            before = before or _name(dated[c.before][1], clock.lang)
        out[i] = Bounds((c.lo, c.hi) if c else None, end_max, after, before)
    return out


def event_clips(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """The x range of each event (in list order) within the order the case lists them."""
    return [None if c is None else (int(c.lo), int(c.hi))
            for c in clip_in_order([(float(a), float(b)) for a, b in spans])]


def _name(t: Therapy, lang: str) -> str:
    return text_of(t.name, lang)[0]
