"""What a series layout is made of, in plain numbers and strings for every renderer.

x is in days from each case's anchor (D0 at x = 0, negatives before it); y is in rows
growing downward from 0 at the top of the first lane. A case's lane stacks its therapy
sub-rows, one row of event markers and, if a track was asked for, a measurement strip.
"""

from __future__ import annotations

from dataclasses import dataclass

BAR_THICKNESS = 0.72
#: Bar sub-rows the whole figure may spend on labels: a few cases get room for every
#: label, fifty get two rows each and labels give way where they do not fit (kept in
#: the tooltip).
ROW_BUDGET = 36
MIN_BAR_ROWS, MAX_BAR_ROWS = 2, 10
TRACK_ROWS = 2.2
LANE_GAP = 0.6
MARGIN_DAYS = 14.0
MARGIN_FRACTION = 0.03
DEFAULT_CHARS_ACROSS = 150.0
MAX_TRACK_TICKS = 3


@dataclass(frozen=True, slots=True)
class SeriesBar:
    """A therapy of lane ``lane`` in sub-row ``row`` (centred on ``y``): the faded
    ``x0``–``x1`` is its whole possible extent, ``solid`` the certain part (None when
    only a partial date is known). ``label_pos`` is inside | after | before | none."""

    lane: int
    index: int  # the therapy's position in its case
    category: str
    row: int
    y: float
    x0: float
    x1: float
    solid: tuple[float, float] | None
    ongoing: bool
    approximate: bool
    colour: str
    label: str
    label_x: float
    label_pos: str
    label_colour: str
    tooltip: str


@dataclass(frozen=True, slots=True)
class SeriesMarker:
    """An event of lane ``lane`` at ``x`` (``x_range``: the period of a partial date)."""

    lane: int
    index: int  # position in the case's events; -1 for the diagnosis date
    type: str
    x: float
    x_range: tuple[float, float]
    y: float
    symbol: str
    colour: str
    approximate: bool
    tooltip: str


@dataclass(frozen=True, slots=True)
class TrackPoint:
    """A measurement in a lane's track; ``value`` None: a result without a number,
    drawn hollow on the floor (negative) or mid-strip (positive), never as a value."""

    lane: int
    x: float
    x_range: tuple[float, float]
    y: float
    value: float | None
    hollow: bool
    symbol: str
    tooltip: str


@dataclass(frozen=True, slots=True)
class SeriesLane:
    """One case: its rows from ``y`` to ``y + height``; bars in ``rows`` sub-rows from
    ``y``, markers on ``marker_y``, the track strip from ``track_y`` (None: no track)."""

    code: str
    title: str
    note: str
    y: float
    height: float
    rows: int
    marker_y: float
    track_y: float | None
    extent: tuple[float, float]  # first and last day of what the case has, from D0


@dataclass(frozen=True, slots=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True, slots=True)
class LegendItem:
    """``kind`` therapy (a filled box) | event (a symbol) | track (a symbol and line)."""

    kind: str
    key: str
    label: str
    colour: str
    symbol: str


@dataclass(frozen=True, slots=True)
class Unaligned:
    code: str
    title: str


@dataclass(frozen=True, slots=True)
class SeriesRow:
    code: str
    title: str
    anchor: str
    before: str
    after: str
    best: str
    outcome: str

    def cells(self) -> tuple[str, ...]:
        return (self.code, self.title, self.anchor, self.before, self.after, self.best,
                self.outcome)


@dataclass(frozen=True, slots=True)
class SeriesLayout:
    """Everything a renderer draws; ``track_*`` is empty without a track."""

    anchor: str  # the spec, e.g. "transplant"
    anchor_label: str
    lang: str
    title: str
    x_min: float
    x_max: float
    height: float
    days_per_char: float
    axis_title: str
    zero_label: str
    ticks: tuple[Tick, ...]
    lanes: tuple[SeriesLane, ...]
    bars: tuple[SeriesBar, ...]
    markers: tuple[SeriesMarker, ...]
    points: tuple[TrackPoint, ...]
    track_label: str
    track_range: tuple[float, float] | None
    track_ticks: tuple[Tick, ...]  # y offsets inside a strip (0 = top) and labels
    legend: tuple[LegendItem, ...]
    unaligned: tuple[Unaligned, ...]
    unaligned_title: str
    filtered: tuple[str, ...]
    filtered_title: str
    headers: tuple[str, ...]
    rows: tuple[SeriesRow, ...]  # the series table: lanes in order, then the unaligned
