"""The therapy timeline of a case as plain numbers and strings, for every renderer.

``build_layout`` turns a ``Case`` into a ``TimelineLayout``; pyqtgraph (screen),
ReportLab (PDF) and python-pptx (slides) draw it and compute no positions of their
own, so the three always agree.

Coordinates
    x is in days: since 1970-01-01 for the calendar anchor, else relative to the
    first day of the diagnosis date / first transplant (negatives allowed). A day
    ``d`` is the point ``x = d``; a bar covers whole days, so it ends at ``last + 1``.
    y is in row units growing *downward* from 0 at the top of the first lane
    (PDF and pyqtgraph renderers flip it).

Nothing clinical is invented: a partial date keeps its whole period as an x range,
a therapy without an end is drawn only over its start unless the case says it is
ongoing, a result without a number is drawn as a result, never as a value.
With ``anonymize=True`` no date text is produced here and relative labels follow
``deid.relative_label``; free text (labels, notes) comes from the case as given, so
pass ``deid.deidentify(case)`` (its dates move by whole leap cycles: same layout).

The parts: ``layout`` (what a layout is made of), ``clock`` (dates as x and as words),
``packing``, ``bars`` (therapies), ``markers`` (events), ``series`` (measurements),
``order`` (uncertain dates within the order the case states), ``breaks`` (long empty
stretches shortened), ``legend``, ``build``
(``build_layout``), ``axis`` (``ticks``, ``axis_title``) and ``hits`` (``hit_test``).

Every event is labelled: beside its marker where it fits, else by a numbered callout
explained in ``TimelineLayout.key``; markers of one day or week that would touch are one
group (``Marker.members``), keyed with every label.
"""

from __future__ import annotations

from desktop.core.timeline.axis import axis_title, axis_unit, ticks
from desktop.core.timeline.breaks import drawn_x, real_day
from desktop.core.timeline.build import build_layout
from desktop.core.timeline.clock import axis_label, fmt_number
from desktop.core.timeline.hits import hit_test
from desktop.core.timeline.layout import (
    ANCHORS,
    BAR_THICKNESS,
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    DEFAULT_CHARS_ACROSS,
    EPOCH,
    EVENTS_LANE,
    KEY_EVENT_TYPES,
    LANE_GAP,
    MARGIN_FRACTION,
    MAX_LABEL_ROWS,
    MAX_TICKS,
    MAX_VALUE_TICKS,
    MEASUREMENT_LANES,
    MIN_MARGIN_DAYS,
    MRD_NEGATIVITY_PERCENT,
    SERIES_ROWS,
    THERAPY_LANES,
    AnchorError,
    AxisBreak,
    Bar,
    KeyEntry,
    Lane,
    LegendItem,
    Marker,
    Point,
    Ref,
    Series,
    Tick,
    TimelineLayout,
)
from desktop.core.timeline.packing import pack_rows

__all__ = [
    "ANCHORS", "BAR_THICKNESS", "DAYS_PER_MONTH", "DAYS_PER_YEAR", "DEFAULT_CHARS_ACROSS",
    "EPOCH", "EVENTS_LANE", "KEY_EVENT_TYPES", "LANE_GAP", "MARGIN_FRACTION", "MAX_LABEL_ROWS",
    "MAX_TICKS",
    "MAX_VALUE_TICKS", "MEASUREMENT_LANES", "MIN_MARGIN_DAYS", "MRD_NEGATIVITY_PERCENT",
    "SERIES_ROWS", "THERAPY_LANES", "AnchorError", "AxisBreak", "Bar", "KeyEntry", "Lane",
    "LegendItem", "Marker", "Point", "Ref", "Series", "Tick", "TimelineLayout", "axis_label",
    "axis_title", "axis_unit", "build_layout", "drawn_x", "fmt_number", "hit_test", "pack_rows",
    "real_day", "ticks",
]
