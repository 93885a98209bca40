"""Rows for spans that must not overlap: bars packed into the fewest rows, labels
staggered over a few rows so that no two collide.
"""

from __future__ import annotations

from collections.abc import Sequence


def pack_rows(spans: Sequence[tuple[float, float]]) -> list[int]:
    """Greedy interval packing: a row for each span so spans in one row do not overlap
    (touching is fine). First-fit in start order uses the fewest rows for intervals."""
    rows_end: list[float] = []
    out = [0] * len(spans)
    for i in sorted(range(len(spans)), key=lambda k: spans[k]):
        x0, x1 = spans[i]
        row = next((r for r, end in enumerate(rows_end) if end <= x0), len(rows_end))
        if row == len(rows_end):
            rows_end.append(x1)
        else:
            rows_end[row] = x1
        out[i] = row
    return out


def stagger(spans: Sequence[tuple[float, float, float, float]], max_rows: int
             ) -> list[tuple[int, bool]]:
    """(row, show label) for markers in x order, each given as ``(x0, x1, s0, s1)``: the
    span with its label, and without it (symbol and whisker). A marker goes to the
    first row where it fits with its label, or to a new row while there are fewer than
    ``max_rows``; else its label is hidden (the tooltip keeps it) and it goes where the
    symbol fits, or to the row that frees up first, hiding the labels it would cover.
    So a shown label never overlaps anything else in its row."""
    return stagger_merging(spans, max_rows)[0]


def stagger_merging(spans: Sequence[tuple[float, float, float, float]], max_rows: int,
                    xs: Sequence[float] = (), touch: float = 0.0
                    ) -> tuple[list[tuple[int, bool]], list[int | None]]:
    """``stagger``, where a symbol never runs into another: a marker whose symbol (and
    callout) fits no row joins the marker it runs into (the last placed in the row that
    frees first) when their symbols at ``xs`` would touch (closer than ``touch``), and
    otherwise gets a row of its own beyond ``max_rows`` (which bounds the rows labels
    may open). Returns the places and, per marker, the one it joins (or None)."""
    ends: list[float] = []  # where each row is free from
    shown: list[list[tuple[float, int]]] = []  # per row: (end, marker) of shown labels
    last: list[int] = []  # per row: the marker placed last
    out: list[tuple[int, bool]] = []
    into: list[int | None] = []
    for i, (x0, x1, s0, s1) in enumerate(spans):
        into.append(None)
        row = _free_row(ends, x0)
        if row < 0 and len(ends) < max_rows:
            row = len(ends)
            ends.append(x0)
            shown.append([])
            last.append(i)
        if row >= 0:
            ends[row] = x1
            shown[row].append((x1, i))
            last[row] = i
            out.append((row, True))
            continue
        row = _free_row(ends, s0)
        if row < 0:
            row = ends.index(min(ends))
            if xs and abs(xs[i] - xs[last[row]]) >= touch:  # apart: a row of its own
                row = len(ends)
                ends.append(s0)
                shown.append([])
                last.append(i)
            else:
                into[i] = last[row] if xs else None
                while shown[row] and shown[row][-1][0] > s0:
                    out[shown[row].pop()[1]] = (row, False)
        ends[row] = max(ends[row], s1)
        last[row] = i if into[i] is None else last[row]
        out.append((row, False))
    return out, into


def _free_row(ends: list[float], x: float) -> int:
    """The first row free at ``x``, or -1 (a plain loop: it runs for every event)."""
    for row, end in enumerate(ends):
        if end <= x:
            return row
    return -1
