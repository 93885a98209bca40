"""Measurements (MRD, BCR-ABL, ...) as series on a value axis: their range and scale,
value ticks, the MRD-negativity line, and results without a number drawn as results.
"""

from __future__ import annotations

import math

from desktop.core import palette, vocab
from desktop.core.model import Measurement, Text
from desktop.core.timeline.clock import LABELS, Clock, fmt_number, text_of
from desktop.core.timeline.layout import (
    MAX_VALUE_TICKS,
    MEASUREMENT_LANES,
    SERIES_ROWS,
    Lane,
    Point,
    Ref,
    Series,
    Tick,
)


def measurement_groups(measured: list[tuple[int, Measurement]]
                        ) -> list[tuple[str, tuple[str, ...], str]]:
    """Measurement lanes with something to draw, in order: (lane suffix, kinds, scale)."""
    kinds = {m.kind for _, m in measured}
    fixed = [g for g in MEASUREMENT_LANES if kinds & set(g[1])]
    grouped = {k for g in MEASUREMENT_LANES for k in g[1]}
    known = [k for k in vocab.MEASUREMENT_KINDS if k in kinds and k not in grouped]
    unknown = sorted(kinds - grouped - set(vocab.MEASUREMENT_KINDS))
    return fixed + [(k, (k,), "linear") for k in known + unknown]


def _is_percent(unit: str | None) -> bool:
    return unit is None or unit.strip() == "%"


def _value_range(values: list[float], scale: str, threshold: float | None
                 ) -> tuple[float, float]:
    """Whole decades for a log lane (including the threshold); 0 to a round top else."""
    if scale == "log":
        # a decade below the threshold, so its line and the negatives sit inside the lane
        pos = [v for v in values if v > 0] + ([threshold / 10] if threshold else [])
        lo = min(pos, default=0.01)
        hi = max(pos, default=1.0)
        lo_e, hi_e = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        return 10.0 ** lo_e, 10.0 ** max(hi_e, lo_e + 1)
    top = max((v for v in values), default=1.0)
    return min(0.0, min(values, default=0.0)), _nice_ceiling(top)


def _nice_ceiling(v: float) -> float:
    if v <= 0:
        return 1.0
    e = 10.0 ** math.floor(math.log10(v))
    return next(m * e for m in (1, 2, 5, 10) if m * e >= v)


def _y_of(value: float, lane: tuple[float, float], rng: tuple[float, float], scale: str
          ) -> float:
    """y of a value inside a lane (top ``lane[0]``, height ``lane[1]``), downward."""
    lo, hi = rng
    if scale == "log":
        frac = (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    else:
        frac = (value - lo) / (hi - lo) if hi > lo else 0.5
    return lane[0] + lane[1] * (1 - min(max(frac, 0.0), 1.0))


def _value_ticks(rng: tuple[float, float], scale: str, box: tuple[float, float],
                 unit: str | None, lang: str) -> tuple[Tick, ...]:
    lo, hi = rng
    if scale == "log":
        decades = range(round(math.log10(lo)), round(math.log10(hi)) + 1)
        stride = math.ceil(len(decades) / MAX_VALUE_TICKS)  # a few ticks in a short lane
        values = [10.0 ** e for e in decades[::stride]]
    else:
        values = [lo, (lo + hi) / 2, hi]
    suffix = "%" if unit == "%" else ""  # other units are in the lane label only
    return tuple(Tick(_y_of(v, box, rng, scale), fmt_number(v, lang) + suffix) for v in values)


#: Results without a number, in the order their rows are stacked.
RESULT_ORDER = ("positive", "mixed", "complete", "negative")
CATEGORY_ROW = 1.0


def series_lane(suffix: str, kinds: tuple[str, ...], scale: str,
                 items: list[tuple[int, Measurement]], y: float, *, clock: Clock
                 ) -> tuple[Lane, list[Series]]:
    """A value lane for the numbers, with a labelled row under it for each result
    reported without a number (a category, never a value on the axis). No threshold
    line: the case states none (``MRD_NEGATIVITY_PERCENT`` is a reference, not a fact)."""
    units = {m.unit for _, m in items if m.value is not None}
    unit = next(iter(units)) if len(units) == 1 else None
    values = [m.value for _, m in items if m.value is not None]
    found = {m.result for _, m in items if m.value is None and m.result}
    results = [r for r in RESULT_ORDER if r in found] + sorted(found - set(RESULT_ORDER))
    box = (y, SERIES_ROWS if values else 0.0)
    rng = _value_range(values, scale, None) if values else None
    top = y + box[1]
    categories = tuple(Tick(top + (k + 0.5) * CATEGORY_ROW, vocab.field(r, clock.lang))
                       for k, r in enumerate(results))
    ticks = _value_ticks(rng, scale, box, unit, clock.lang) if rng else ()
    title = LABELS["mrd"] if suffix == "mrd" else vocab.MEASUREMENT_KINDS.get(suffix)
    title = title or Text(suffix, suffix)  # an open-ended kind is shown as written
    name = title.get(clock.lang) or ""
    lane = Lane(f"measure:{suffix}", title, f"{name}, {unit}" if unit else name, "series", y,
                box[1] + len(results) * CATEGORY_ROW, 1, scale, unit, rng,
                ticks + categories, None, None, "", categories)
    rows = {r: t.pos for r, t in zip(results, categories, strict=True)}
    return lane, _series(lane, kinds, items, clock, rows)


def _threshold_label(threshold: float | None, lang: str) -> str:
    if threshold is None:
        return ""
    return f"{LABELS['threshold'].get(lang)} < {fmt_number(threshold, lang)} %"


def _series(lane: Lane, kinds: tuple[str, ...], items: list[tuple[int, Measurement]],
            clock: Clock, rows: dict[str, float]) -> list[Series]:
    """One series per kind and unit, in the lane's kind order, points in x order."""
    out = []
    keys = sorted({(m.kind, m.unit or "") for _, m in items},
                  key=lambda k: (kinds.index(k[0]), k[1]))
    for kind, unit in keys:
        style = palette.measurement_style(kind)
        points = sorted((_point(lane, i, m, clock, style.symbol, rows) for i, m in items
                         if m.kind == kind and (m.unit or "") == unit), key=lambda p: p.x)
        label = vocab.label(vocab.MEASUREMENT_KINDS, kind, clock.lang)
        out.append(Series(lane.id, kind, label, unit or None, style.colour, style.symbol,
                          tuple(points)))
    return out


def _point(lane: Lane, index: int, m: Measurement, clock: Clock, symbol: str,
           rows: dict[str, float]) -> Point:
    a, b = clock.span(m.date)
    y, clipped = _point_y(lane, m, rows)
    sym = palette.RESULT_SYMBOLS.get(m.result or "", symbol) if m.value is None else symbol
    return Point(Ref("measurement", index), (a + b) / 2, (float(a), float(b)), y, m.value,
                 m.result, m.result == "negative", clipped, m.date.approximate, m.unit, sym,
                 _point_tooltip(m, clock))


def _point_y(lane: Lane, m: Measurement, rows: dict[str, float]) -> tuple[float, bool]:
    """Where a measurement sits, and whether it was clipped: a number by its value (a
    value ≤ 0 on a log scale at the floor of the value box); a result without one on
    its category's row."""
    if m.value is None:
        return rows[m.result or ""], False
    box_h = lane.height - len(rows) * CATEGORY_ROW
    if lane.scale == "log" and m.value <= 0:
        return lane.y + box_h, True
    assert lane.value_range is not None
    return _y_of(m.value, (lane.y, box_h), lane.value_range, lane.scale), False


def _point_tooltip(m: Measurement, clock: Clock) -> str:
    lang = clock.lang
    if m.value is not None:
        unit = m.unit or ""
        value = fmt_number(m.value, lang) + (f" {unit}" if unit else "")
    else:
        value = vocab.field(m.result, lang) if m.result else ""
    kind = vocab.label(vocab.MEASUREMENT_KINDS, m.kind, lang)
    note, _ = text_of(m.note, lang)
    return "\n".join(x for x in (f"{kind}: {value}", clock.text(m.date), note) if x)
