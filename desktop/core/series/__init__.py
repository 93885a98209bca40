"""A case series: several patients on one time axis, aligned on an anchor (LifeLines2's
"align on a sentinel event"), one swimmer lane per case, with a table beside it.

``build_series(cases, "transplant", lang="ru", track="mrd", rank="relapse")`` returns a
``SeriesLayout`` in days from D0 and rows, which the window (QPainter), the PDF
(ReportLab) and the slides (python-pptx) draw without computing positions of their own.
The parts: ``anchors`` (what D0 is, typed in EN/RU or CLI forms), ``lanes`` (a case's
bars, markers and track), ``track`` (the shared log scale), ``rank`` (filters and
order), ``table`` (the series table and its CSV), ``build`` and ``layout``.
It reuses ``core.timeline``'s public helpers (``pack_rows``, ``ticks``, ``axis_label``,
``fmt_number``) read-only.
"""

from __future__ import annotations

from desktop.core.series.anchors import CLI_FORMS, Anchor, AnchorSpecError, parse_anchor
from desktop.core.series.build import build_series
from desktop.core.series.layout import (
    LegendItem,
    SeriesBar,
    SeriesLane,
    SeriesLayout,
    SeriesMarker,
    SeriesRow,
    Tick,
    TrackPoint,
    Unaligned,
)
from desktop.core.series.rank import RANKS, SeriesFilter, parse_rank
from desktop.core.series.table import safe_cell, to_csv
from desktop.core.series.track import GROUPS, TrackError, track_kinds

__all__ = [
    "CLI_FORMS", "GROUPS", "RANKS", "Anchor", "AnchorSpecError", "LegendItem", "SeriesBar",
    "SeriesFilter", "SeriesLane", "SeriesLayout", "SeriesMarker", "SeriesRow", "Tick",
    "TrackError", "TrackPoint", "Unaligned", "build_series", "parse_anchor", "parse_rank",
    "safe_cell", "to_csv", "track_kinds",
]
