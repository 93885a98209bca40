"""What a timeline layout is made of: lanes, bars, markers, series points and ticks in
plain numbers and strings (x in days, y in rows growing downward), and the constants
every part of the layout shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.errors import CasePresenterError
from desktop.core.model import Text

ANCHORS = ("calendar", "diagnosis", "transplant")
EPOCH = date(1970, 1, 1).toordinal()
DAYS_PER_MONTH = 365.25 / 12
DAYS_PER_YEAR = 365.25

BAR_THICKNESS = 0.7
LANE_GAP = 0.5
SERIES_ROWS = 3.0
DEFAULT_CHARS_ACROSS = 140.0
MAX_LABEL_ROWS = 4
MARGIN_FRACTION = 0.03
MIN_MARGIN_DAYS = 7.0
MAX_TICKS = 10
MAX_VALUE_TICKS = 4

#: MRD negativity: below 10⁻⁴ (0.01 %), the usual threshold for ALL (NCCN ALL; EWALL /
#: Brüggemann & Kotrová, Blood Adv 2017). A reference line, not a fact of the case.
MRD_NEGATIVITY_PERCENT = 0.01

#: Therapy lanes in their fixed order: lane id suffix → categories drawn in it.
THERAPY_LANES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chemotherapy", ("chemotherapy",)),
    ("chemoimmunotherapy", ("chemoimmunotherapy",)),
    ("targeted", ("targeted",)),
    ("immunotherapy", ("immunotherapy",)),
    ("transplant", ("transplant", "cellular")),
    ("radiotherapy", ("radiotherapy",)),
    ("supportive", ("supportive",)),
    ("other", ("other",)),
)
#: Measurement lanes before the one-kind-per-lane rest: id suffix → kinds, scale.
MEASUREMENT_LANES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("marrow_blasts", ("marrow_blasts",), "linear"),
    ("mrd", ("bcr_abl", "mrd", "mrd_flow", "mrd_pcr"), "log"),
)
EVENTS_LANE = "events"
#: Therapy categories given once (a transplant, a cell infusion): drawn as a point when
#: the therapy starts and ends on the same date, never as a bar.
SINGLE_DOSE = ("transplant", "cellular")
#: Event types a figure never drops: each is labelled on the plot or numbered and keyed.
KEY_EVENT_TYPES = ("diagnosis", "relapse", "remission", "transplant", "infusion", "imaging",
                   "death")
#: Markers of exact dates this close (days) whose symbols would touch are one group.
GROUP_DAYS = 7
#: Relative time in days up to this span, months up to ``MONTHS_UP_TO``, then years.
DAYS_UP_TO = 400.0
MONTHS_UP_TO = 6 * DAYS_PER_YEAR


class AnchorError(CasePresenterError, ValueError):
    """The chosen time axis cannot be drawn for this case; the message says why."""


@dataclass(frozen=True, slots=True)
class Ref:
    """What a drawn item shows: ``kind`` names the case list, ``index`` the position in
    it, so a click opens the item in the editor. ``kind`` is therapy | event |
    measurement | diagnosis (the case's diagnosis date, index 0)."""

    kind: str
    index: int


@dataclass(frozen=True, slots=True)
class Tick:
    """A position on an axis (x in days, or y in rows for a value axis) and its text."""

    pos: float
    label: str


@dataclass(frozen=True, slots=True)
class Lane:
    """A horizontal band: ``y`` is its top, ``height`` its size in rows; ``rows`` sub-rows
    for bars and markers. Series lanes add a value axis: ``value_range`` in data units,
    ``value_ticks`` at y positions, and an optional threshold line at ``threshold_y``."""

    id: str
    title: Text
    label: str
    kind: str  # bars | markers | series
    y: float
    height: float
    rows: int
    scale: str = "linear"  # linear | log
    unit: str | None = None
    value_range: tuple[float, float] | None = None
    value_ticks: tuple[Tick, ...] = ()
    threshold: float | None = None
    threshold_y: float | None = None
    threshold_label: str = ""
    categories: tuple[Tick, ...] = ()  # rows of results without a number (also in value_ticks)


@dataclass(frozen=True, slots=True)
class Bar:
    """A therapy in sub-row ``row``: centred on ``y``, ``height`` thick. Draw
    ``x0``–``x1`` faded and ``solid`` (if any) in full colour; the
    faded parts are the uncertainty of partial dates: ``start_range`` holds the earliest
    and latest possible start, ``end_range`` the earliest and latest end edge (None when
    not reported). ``ongoing`` bars reach the right edge: draw an arrow there.
    ``end_unknown`` bars cover only their start. The label starts at ``label_x``,
    ``inside`` the bar (in ``label_colour`` on the fill), else ``after`` or ``before``
    it (on white); packing keeps it clear of other bars at the layout's
    ``days_per_char``."""

    ref: Ref
    lane_id: str
    category: str
    row: int
    y: float
    height: float
    x0: float
    x1: float
    solid: tuple[float, float] | None
    start_range: tuple[float, float]
    end_range: tuple[float, float] | None
    ongoing: bool
    end_unknown: bool
    approximate: bool
    colour: str
    label: str
    label_x: float
    label_pos: str
    label_colour: str
    tooltip: str
    missing_translation: bool
    point: bool = False  # given once: a symbol at the middle of x0–x1 (its uncertainty)
    note: str = ""  # how its uncertain span was clipped to the order the case states


@dataclass(frozen=True, slots=True)
class Marker:
    """An event in stagger row ``row``: symbol at (``x``, ``y``), whisker over
    ``x_range`` for a partial date,
    label from ``label_x0`` to ``label_x1`` (right of the symbol, or left of it near the
    right edge) if ``show_label``, else in the tooltip only."""

    ref: Ref
    lane_id: str
    type: str
    x: float
    x_range: tuple[float, float]
    row: int
    y: float
    symbol: str
    colour: str
    approximate: bool
    label: str
    label_x0: float
    label_x1: float
    show_label: bool
    label_colour: str
    tooltip: str
    missing_translation: bool
    callout: int | None = None  # the number drawn at the symbol when the label is keyed
    members: tuple[Ref, ...] = ()  # a group: every item it stands for (its own ref first)
    when: str = ""  # the date as the key writes it: one value, in the layout's unit


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """A numbered callout explained: its number, date and the label of each event it
    stands for (several for a group of one day or week)."""

    number: int
    type: str
    symbol: str
    colour: str
    when: str
    labels: tuple[str, ...]
    refs: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class LegendItem:
    """A kind of mark explained: ``symbol`` a palette symbol, or ``bar`` (a therapy),
    ``ongoing``, ``uncertain`` (a hatched span), ``point`` (a therapy given once)."""

    symbol: str
    colour: str
    hollow: bool
    text: str


@dataclass(frozen=True, slots=True)
class Point:
    """A measurement at (``x``, ``y``). ``value`` is the number reported or None; a
    result without a number (``result`` negative/positive) sits on the threshold and is
    drawn hollow with ``symbol``; ``negative`` says the result was reported negative (with
    or without a number). ``clipped``: a value ≤ 0 drawn at the floor of a log lane."""

    ref: Ref
    x: float
    x_range: tuple[float, float]
    y: float
    value: float | None
    result: str | None
    negative: bool
    clipped: bool
    approximate: bool
    unit: str | None
    symbol: str
    tooltip: str


@dataclass(frozen=True, slots=True)
class Series:
    """The points of one measurement kind (and unit) in one lane."""

    lane_id: str
    kind: str
    label: str
    unit: str | None
    colour: str
    symbol: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class AxisBreak:
    """A long empty stretch drawn shortened: from ``x0`` to ``x1`` (drawn x) it stands for
    ``days`` real days from day ``start``; renderers draw it as a visible break and put no
    tick inside."""

    x0: float
    x1: float
    days: float
    start: float


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    """Everything a renderer draws. ``x_min``/``x_max`` include a margin; ``height`` is
    the bottom of the last lane; ``days_per_char`` is the label width used to place
    labels; ``undated`` lists therapies that have no start date and are not drawn; every
marker not labelled on the plot has a ``callout`` number explained in ``key``."""

    anchor: str
    lang: str
    anonymized: bool
    x_min: float
    x_max: float
    height: float
    days_per_char: float
    axis_title: str
    lanes: tuple[Lane, ...]
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...]
    series: tuple[Series, ...]
    undated: tuple[Ref, ...]
    key: tuple[KeyEntry, ...] = ()  # callouts in number order
    legend: tuple[LegendItem, ...] = ()
    notes: tuple[str, ...] = ()  # what the figure says beside itself (clipped spans)
    unit: str = "day"  # the unit of relative time in the key and the axis title
    #: Long empty stretches drawn shortened: x is then "drawn days", one day outside
    #: them (``timeline.real_day`` turns a drawn x back into days).
    breaks: tuple[AxisBreak, ...] = ()
