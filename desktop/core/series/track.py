"""The optional measurement track: one strip under each lane, one log scale shared by
every case so that strips compare. A value ≤ 0 sits on the floor, drawn hollow (a log
axis has no zero); a result without a number is drawn as a result, never as a value.
"""

from __future__ import annotations

import math

from desktop.core import palette, vocab
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case, Measurement, Text
from desktop.core.series.layout import MAX_TRACK_TICKS, Tick
from desktop.core.timeline import MEASUREMENT_LANES, fmt_number

#: Track names a user may give beyond the measurement kinds: the grouped lanes of the
#: single timeline (``mrd`` = BCR-ABL and every MRD method).
GROUPS: dict[str, tuple[str, ...]] = {suffix: kinds for suffix, kinds, _ in MEASUREMENT_LANES}
_MRD = Text("MRD / BCR-ABL", "МОБ / BCR-ABL")


class TrackError(CasePresenterError, ValueError):
    """A track kind that does not exist; the message lists those that do."""


def track_kinds(spec: str) -> tuple[str, ...]:
    """The measurement kinds a track shows: a group (``mrd``) or one kind."""
    key = spec.strip().casefold()
    if key in GROUPS:
        return GROUPS[key]
    for code, t in vocab.MEASUREMENT_KINDS.items():
        if key in (code, (t.en or "").casefold(), (t.ru or "").casefold()):
            return (code,)
    raise TrackError(f"unknown measurement track {spec!r}: use one of "
                     + ", ".join([*GROUPS, *(k for k in vocab.MEASUREMENT_KINDS
                                            if k not in {x for g in GROUPS.values() for x in g})]))


def track_title(spec: str, lang: str) -> str:
    kinds = track_kinds(spec)
    if len(kinds) > 1:
        return _MRD.get(lang) or spec
    return vocab.label(vocab.MEASUREMENT_KINDS, kinds[0], lang)


def measured(case: Case, kinds: tuple[str, ...]) -> list[Measurement]:
    return [m for m in case.measurements if m.kind in kinds
            and (m.value is not None or m.result)]


def value_range(values: list[float]) -> tuple[float, float]:
    """Whole decades around every positive value (at least one decade)."""
    pos = [v for v in values if v > 0]
    if not pos:
        return 0.01, 100.0
    lo = math.floor(math.log10(min(pos)))
    hi = math.ceil(math.log10(max(pos)))
    return 10.0 ** lo, 10.0 ** max(hi, lo + 1)


def fraction(value: float, rng: tuple[float, float]) -> float:
    """How far down the strip a value sits: 0 at the top (the highest decade), 1 on the
    floor."""
    lo, hi = (math.log10(v) for v in rng)
    if value <= 0:
        return 1.0
    f = (math.log10(value) - lo) / (hi - lo)
    return 1.0 - min(max(f, 0.0), 1.0)


def ticks(rng: tuple[float, float], unit: str | None, lang: str, height: float
          ) -> tuple[Tick, ...]:
    """A few decade ticks, as y offsets inside a strip ``height`` rows tall."""
    lo, hi = (round(math.log10(v)) for v in rng)
    decades = list(range(lo, hi + 1))
    stride = max(1, math.ceil(len(decades) / MAX_TRACK_TICKS))
    chosen = decades[::stride]
    if chosen[-1] != hi:
        chosen.append(hi)
    suffix = " %" if unit == "%" else ""
    return tuple(Tick(fraction(10.0 ** e, rng) * height, fmt_number(10.0 ** e, lang) + suffix)
                 for e in chosen)


def style(kind: str) -> palette.Style:
    return palette.measurement_style(kind)
