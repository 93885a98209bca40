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
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial

from desktop.core import palette, vocab
from desktop.core.dates import MONTHS_EN_SHORT, MONTHS_RU_SHORT, PartialDate, Precision
from desktop.core.deid import MINUS, NBSP, choose_anchor, relative_label
from desktop.core.errors import CasePresenterError
from desktop.core.model import LANGS, Case, Measurement, Text, Therapy

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

#: Labels only the timeline uses (the vocabularies live in ``vocab``).
_L: dict[str, Text] = {
    "events": Text("Events", "События"),
    "mrd": Text("MRD / BCR-ABL", "МОБ / BCR-ABL"),
    "axis_calendar": Text("Date", "Дата"),
    "axis_diagnosis": Text("Time from diagnosis", "Время от диагноза"),
    "axis_transplant": Text("Time from transplant (D+)", "Время от трансплантации (Д+)"),
    "no_end": Text("end not reported", "окончание не указано"),
    "threshold": Text("MRD negativity", "МОБ-негативность"),
    "day": Text("day", "день"),
    "month": Text("month", "месяц"),
    "year": Text("year", "год"),
}
_D = {"en": "D", "ru": "Д"}
#: deid.relative_label style of each anchor: D+ for a transplant, days for a diagnosis.
_STYLE = {"transplant": "transplant", "diagnosis": "days"}


class AnchorError(CasePresenterError, ValueError):
    """The chosen time axis cannot be drawn for this case; the message says why."""


# --- the layout ---------------------------------------------------------------
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
class TimelineLayout:
    """Everything a renderer draws. ``x_min``/``x_max`` include a margin; ``height`` is
    the bottom of the last lane; ``days_per_char`` is the label width used to place
    labels; ``undated`` lists therapies that have no start date and are not drawn."""

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


# --- text ---------------------------------------------------------------------
def _tx(t: Text, lang: str) -> tuple[str, bool]:
    """A text in ``lang``; a missing translation is shown as missing: the other
    language's text tagged with its code, and flagged."""
    own = t.get(lang)
    if own:
        return own, False
    other = next((lg for lg in LANGS if lg != lang and t.get(lg)), None)
    return (f"[{other}] {t.get(other)}" if other else ""), bool(other)


def fmt_number(value: float, lang: str) -> str:
    """A number as a reader writes it: ``1,234.5`` / ``1 234,5`` (no-break space)."""
    if value == int(value) and abs(value) < 1e15:
        s = f"{int(value):,}"
    else:
        s = f"{value:,.6g}"
        if "e" in s:  # 1e-05: MRD by NGS reaches 10⁻⁶; write it out, as reports do
            s = f"{Decimal(repr(value)):,f}"
    if lang == "ru":
        s = s.replace(",", NBSP).replace(".", ",")
    return s


def _month_short(month: int, lang: str) -> str:
    return MONTHS_EN_SHORT[month - 1] if lang == "en" else MONTHS_RU_SHORT[month - 1]


def axis_label(n: float, anchor: str, lang: str, unit: str = "day") -> str:
    """A point ``n`` units from the anchor: ``D+24``, ``D−21``, ``Д0``, ``day 1,234``,
    ``month −3``, ``year 2``. Days and months follow ``deid.relative_label`` (a test
    holds them equal), which writes dates; the axis needs numbers."""
    k = round(n)
    sign = MINUS if k < 0 else ""
    if anchor == "transplant" and (unit == "day" or k == 0):
        return f"{_D[lang]}{'+' if k > 0 else sign}{abs(k)}"
    word = _L["day" if k == 0 else unit].get(lang)
    return f"{word} {sign}{fmt_number(abs(k), lang)}"


@dataclass(frozen=True, slots=True)
class _Clock:
    """Turns dates into x and into text for one anchor, language and anonymity.
    Text is memoised per date: a long case repeats its dates, and text is the costly part."""

    origin: int
    anchor: str
    anchor_date: PartialDate | None
    lang: str
    anonymize: bool
    _texts: dict[tuple[int, int, int, bool], str] = field(default_factory=dict, compare=False)

    def span(self, d: PartialDate) -> tuple[int, int]:
        """First and last day the date covers, as x."""
        first = d.start().toordinal() - self.origin
        if d.day is not None:  # the common case, without a second date object
            return first, first
        return first, d.end().toordinal() - self.origin

    def text(self, d: PartialDate) -> str:
        """The date for a reader: as written, with its relative day, or relative only."""
        key = (d.year, d.month or 0, d.day or 0, d.approximate)
        got = self._texts.get(key)
        if got is None:
            got = self._texts[key] = self._text(d)
        return got

    def _text(self, d: PartialDate) -> str:
        if self.anchor_date is None:
            return d.display(self.lang)
        rel = self.relative(d)
        return rel if self.anonymize else f"{d.display(self.lang)} ({rel})"

    def relative(self, d: PartialDate) -> str:
        """Exact D+ only when both dates give the day; else a range or "≈ month N", as
        ``deid.relative_label`` writes it. An exact date is the axis label of its day
        (the same text, a test holds them equal; 3x faster for thousands of events)."""
        assert self.anchor_date is not None
        if self.exact_anchor and d.day is not None and not d.approximate:
            return axis_label(self.span(d)[0], self.anchor, self.lang)
        return relative_label(d, self.anchor_date, self.lang, _STYLE[self.anchor])  # type: ignore[arg-type]

    @property
    def exact_anchor(self) -> bool:
        a = self.anchor_date
        return a is not None and a.day is not None and not a.approximate


# --- anchor -------------------------------------------------------------------
def _anchor_date(case: Case, anchor: str) -> PartialDate | None:
    """The date x = 0 counts from (``deid.choose_anchor``: the same date de-identified
    text counts from); None for the calendar."""
    if anchor == "calendar":
        return None
    _, found = choose_anchor(case, anchor)  # type: ignore[arg-type]
    if found is None:
        missing = {
            "diagnosis": "no diagnosis date (diagnosis.date) and no event of type 'diagnosis'",
            "transplant": "no transplant date (no therapy of category 'transplant' with a "
                          "start and no event of type 'transplant')",
        }[anchor]
        raise AnchorError(f"case {case.code}: cannot count days from {anchor}: {missing}")
    return found


def _check_args(anchor: str, lang: str, anonymize: bool) -> None:
    if anchor not in ANCHORS:
        raise ValueError(f"anchor must be one of {', '.join(ANCHORS)}, got {anchor!r}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if anonymize and anchor == "calendar":
        raise AnchorError("a de-identified timeline shows relative time only: "
                          "choose the diagnosis or transplant anchor")


# --- packing ------------------------------------------------------------------
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


def _stagger(spans: Sequence[tuple[float, float, float, float]], max_rows: int
             ) -> list[tuple[int, bool]]:
    """(row, show label) for markers in x order, each given as ``(x0, x1, s0, s1)``: the
    span with its label, and without it (symbol and whisker). A marker goes to the
    first row where it fits with its label, or to a new row while there are fewer than
    ``max_rows``; else its label is hidden (the tooltip keeps it) and it goes where the
    symbol fits, or to the row that frees up first, hiding the labels it would cover.
    So a shown label never overlaps anything else in its row."""
    ends: list[float] = []  # where each row is free from
    shown: list[list[tuple[float, int]]] = []  # per row: (end, marker) of shown labels
    out: list[tuple[int, bool]] = []
    for i, (x0, x1, s0, s1) in enumerate(spans):
        row = _free_row(ends, x0)
        if row < 0 and len(ends) < max_rows:
            row = len(ends)
            ends.append(x0)
            shown.append([])
        if row >= 0:
            ends[row] = x1
            shown[row].append((x1, i))
            out.append((row, True))
            continue
        row = _free_row(ends, s0)
        if row < 0:
            row = ends.index(min(ends))
            while shown[row] and shown[row][-1][0] > s0:
                out[shown[row].pop()[1]] = (row, False)
        ends[row] = max(ends[row], s1)
        out.append((row, False))
    return out


def _free_row(ends: list[float], x: float) -> int:
    """The first row free at ``x``, or -1 (a plain loop: it runs for every event)."""
    for row, end in enumerate(ends):
        if end <= x:
            return row
    return -1


# --- therapies ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Geometry:
    x0: float
    x1: float
    solid: tuple[float, float] | None
    start_range: tuple[float, float]
    end_range: tuple[float, float] | None


def _geometry(t: Therapy, clock: _Clock, right_edge: float) -> _Geometry:
    """Where a therapy is drawn: certain part solid, partial-date periods faded."""
    s0, s1 = clock.span(t.start)  # type: ignore[arg-type]  # dated therapies only
    end = None
    if t.end is not None:
        e0, e1 = clock.span(t.end)
        end = (float(e0 + 1), float(e1 + 1))
    if t.ongoing:
        return _Geometry(s0, right_edge, (s1, right_edge), (s0, s1), end)
    if end is None:
        solid = (s0, s0 + 1) if s0 == s1 else None
        return _Geometry(s0, s1 + 1, solid, (s0, s1), None)
    solid = (s1, end[0]) if s1 < end[0] else None
    return _Geometry(s0, max(end[1], s0 + 1), solid, (s0, s1), end)


def _therapy_text(t: Therapy, clock: _Clock) -> tuple[str, str, bool]:
    """Label (name, cycles), tooltip and whether the name lacks this language."""
    lang = clock.lang
    name, missing = _tx(t.name, lang)
    label = f"{name}, {vocab.count(t.cycles, 'cycle', lang)}" if t.cycles is not None else name
    start = clock.text(t.start)  # type: ignore[arg-type]
    if t.ongoing:
        end = vocab.field("ongoing", lang)
    elif t.end is None:
        end = _L["no_end"].get(lang)
    else:
        end = clock.text(t.end)
    lines = [label, vocab.label(vocab.THERAPY_CATEGORIES, t.category, lang), f"{start} – {end}"]
    if t.response:
        lines.append(f"{vocab.field('response', lang)}: "
                     f"{vocab.label(vocab.RESPONSES, t.response, lang)}")
    note, _ = _tx(t.note, lang)
    if note:
        lines.append(note)
    return label, "\n".join(lines), missing


def _place_label(label: str, g: _Geometry, dpc: float, right_edge: float
                 ) -> tuple[float, str, float, float]:
    """Label x and place: ``inside`` the solid part if it fits (the ink is chosen for the
    full colour), else ``after`` the bar, or ``before`` it where it would run past the
    right edge; and the span bar and label take together."""
    width = (len(label) + 1) * dpc
    if g.solid and width <= g.solid[1] - g.solid[0]:
        return g.solid[0] + dpc / 2, "inside", g.x0, g.x1
    if g.x1 + width <= right_edge:
        return g.x1 + dpc / 2, "after", g.x0, g.x1 + width
    return g.x0 - width + dpc / 2, "before", g.x0 - width, g.x1


def _bars_lane(lane_id: str, title: Text, items: list[tuple[int, Therapy]], y: float, *,
               clock: _Clock, right_edge: float, dpc: float) -> tuple[Lane, list[Bar]]:
    """Bars packed into sub-rows so that neither bars nor their labels overlap."""
    geoms = [_geometry(t, clock, right_edge) for _, t in items]
    texts = [_therapy_text(t, clock) for _, t in items]
    places = [_place_label(text[0], g, dpc, right_edge)
              for text, g in zip(texts, geoms, strict=True)]
    rows = pack_rows([(p[2], p[3]) for p in places])
    bars = [_bar(lane_id, i, t, g, row, text, place, y)
            for (i, t), g, row, text, place in zip(items, geoms, rows, texts, places,
                                                   strict=True)]
    n_rows = max(rows) + 1
    label = title.get(clock.lang) or ""
    return Lane(lane_id, title, label, "bars", y, float(n_rows), n_rows), bars


def _bar(lane_id: str, index: int, t: Therapy, g: _Geometry, row: int,
         text: tuple[str, str, bool], place: tuple[float, str, float, float], lane_y: float
         ) -> Bar:
    label, tooltip, missing = text
    label_x, pos = place[:2]
    colour = palette.therapy_colour(t.category)
    ink = palette.text_on(colour) if pos == "inside" else palette.readable_on_white(colour)
    approx = bool(t.start and t.start.approximate) or bool(t.end and t.end.approximate)
    return Bar(Ref("therapy", index), lane_id, t.category, row, lane_y + row + 0.5,
               BAR_THICKNESS, g.x0, g.x1, g.solid, g.start_range, g.end_range, t.ongoing,
               not t.ongoing and t.end is None, approx, colour, label, label_x, pos, ink,
               tooltip, missing)


# --- events -------------------------------------------------------------------
@dataclass(slots=True)
class _Dot:
    """An event to place: the case event, or the case's diagnosis date as one.
    (Internal and short-lived, so not frozen: a frozen init costs 4x, and there are
    thousands.)"""

    ref: Ref
    type: str
    date: PartialDate
    text: Text
    site: str | None
    span: tuple[int, int]


def _dots(case: Case, clock: _Clock) -> list[_Dot]:
    dots = [_Dot(Ref("event", i), e.type, e.date, e.label, e.site, clock.span(e.date))
            for i, e in enumerate(case.events)]
    d = case.diagnosis.date
    if d and not any(e.type == "diagnosis" for e in case.events):
        dots.append(_Dot(Ref("diagnosis", 0), "diagnosis", d, case.diagnosis.name, None,
                         clock.span(d)))
    return dots


def _dot_text(d: _Dot, clock: _Clock, names: dict[tuple[str, str | None], tuple[str, str]]
              ) -> tuple[str, str, bool]:
    """Label (text or type, with the site), tooltip, and whether the text lacks this
    language. ``names`` memoises the type and site labels."""
    key = (d.type, d.site)
    if key not in names:
        names[key] = (vocab.label(vocab.EVENT_TYPES, d.type, clock.lang),
                      vocab.label(vocab.SITES, d.site, clock.lang))
    kind, site = names[key]
    text, missing = _tx(d.text, clock.lang)
    label = text or kind
    if site:
        label = f"{label} ({site})"
    detail = label if text else site
    when = clock.text(d.date)
    tooltip = f"{kind}\n{detail}\n{when}" if detail else f"{kind}\n{when}"
    return label, tooltip, missing


def _events_lane(dots: list[_Dot], y: float, *, clock: _Clock, dpc: float, max_rows: int,
                 right_edge: float) -> tuple[Lane, list[Marker]]:
    """Markers in x order, staggered into rows so that a shown label never overlaps
    another marker's label, symbol or whisker in its row."""
    dots = sorted(dots, key=lambda d: d.span[0] + d.span[1])
    names: dict[tuple[str, str | None], tuple[str, str]] = {}
    texts = [_dot_text(d, clock, names) for d in dots]
    xs = [(d.span[0] + d.span[1]) / 2 for d in dots]
    labels = [_label_span(x, len(t[0]) * dpc, dpc, right_edge)
              for x, t in zip(xs, texts, strict=True)]
    places = _stagger([_stagger_span(d.span, x, label, dpc)
                       for d, x, label in zip(dots, xs, labels, strict=True)], max_rows)
    markers = [_marker(d, x, row, show, t, label, y)
               for d, x, t, label, (row, show) in zip(dots, xs, texts, labels, places,
                                                       strict=True)]
    n_rows = max((m.row for m in markers), default=0) + 1
    title = _L["events"]
    lane = Lane(EVENTS_LANE, title, title.get(clock.lang) or "", "markers", y,
                float(n_rows), n_rows)
    return lane, markers


def _stagger_span(span: tuple[int, int], x: float, label: tuple[float, float], dpc: float
                  ) -> tuple[float, float, float, float]:
    """What a marker takes in its row: with its label, and without (whisker, symbol)."""
    s0, s1 = min(span[0], x - dpc), max(span[1], x + dpc)
    return min(s0, label[0] - dpc / 2), max(s1, label[1] + dpc / 2), s0, s1


def _label_span(x: float, width: float, dpc: float, right_edge: float
                ) -> tuple[float, float]:
    """A marker's label: right of the symbol, or left of it where it would run past
    the right edge."""
    if x + dpc + width <= right_edge:
        return x + dpc, x + dpc + width
    return x - dpc - width, x - dpc


def _marker(d: _Dot, x: float, row: int, show: bool, text: tuple[str, str, bool],
            label_span: tuple[float, float], lane_y: float) -> Marker:
    style = palette.event_style(d.type)
    label, tooltip, missing = text
    return Marker(d.ref, EVENTS_LANE, d.type, x, (float(d.span[0]), float(d.span[1])), row,
                  lane_y + row + 0.5, style.symbol, style.colour, d.date.approximate, label,
                  label_span[0], label_span[1], show, style.text, tooltip, missing)


# --- measurements -------------------------------------------------------------
def _measurement_groups(measured: list[tuple[int, Measurement]]
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


def _series_lane(suffix: str, kinds: tuple[str, ...], scale: str,
                 items: list[tuple[int, Measurement]], y: float, *, clock: _Clock
                 ) -> tuple[Lane, list[Series]]:
    """A value lane; the MRD threshold is marked only when every value is in %."""
    units = {m.unit for _, m in items}
    threshold = (MRD_NEGATIVITY_PERCENT if suffix == "mrd" and all(map(_is_percent, units))
                 else None)
    unit = next(iter(units)) if len(units) == 1 else None
    unit = "%" if threshold and unit is None else unit
    rng = _value_range([m.value for _, m in items if m.value is not None], scale, threshold)
    box = (y, SERIES_ROWS)
    title = _L["mrd"] if suffix == "mrd" else vocab.MEASUREMENT_KINDS.get(suffix)
    title = title or Text(suffix, suffix)  # an open-ended kind is shown as written
    name = title.get(clock.lang) or ""
    lane = Lane(f"measure:{suffix}", title, f"{name}, {unit}" if unit else name, "series", y,
                SERIES_ROWS, 1, scale, unit, rng,
                _value_ticks(rng, scale, box, unit, clock.lang), threshold,
                _y_of(threshold, box, rng, scale) if threshold else None,
                _threshold_label(threshold, clock.lang))
    return lane, _series(lane, kinds, items, clock)


def _threshold_label(threshold: float | None, lang: str) -> str:
    if threshold is None:
        return ""
    return f"{_L['threshold'].get(lang)} < {fmt_number(threshold, lang)} %"


def _series(lane: Lane, kinds: tuple[str, ...], items: list[tuple[int, Measurement]],
            clock: _Clock) -> list[Series]:
    """One series per kind and unit, in the lane's kind order, points in x order."""
    out = []
    keys = sorted({(m.kind, m.unit or "") for _, m in items},
                  key=lambda k: (kinds.index(k[0]), k[1]))
    for kind, unit in keys:
        style = palette.measurement_style(kind)
        points = sorted((_point(lane, i, m, clock, style.symbol) for i, m in items
                         if m.kind == kind and (m.unit or "") == unit), key=lambda p: p.x)
        label = vocab.label(vocab.MEASUREMENT_KINDS, kind, clock.lang)
        out.append(Series(lane.id, kind, label, unit or None, style.colour, style.symbol,
                          tuple(points)))
    return out


def _point(lane: Lane, index: int, m: Measurement, clock: _Clock, symbol: str) -> Point:
    a, b = clock.span(m.date)
    y, clipped = _point_y(lane, m)
    sym = palette.RESULT_SYMBOLS.get(m.result or "", symbol) if m.value is None else symbol
    return Point(Ref("measurement", index), (a + b) / 2, (float(a), float(b)), y, m.value,
                 m.result, m.result == "negative", clipped, m.date.approximate, m.unit, sym,
                 _point_tooltip(m, clock))


def _point_y(lane: Lane, m: Measurement) -> tuple[float, bool]:
    """Where a measurement sits, and whether it was clipped. A number by its value (a
    value ≤ 0 on a log scale at the floor); a result without one on the threshold, or
    without a threshold: negative on the floor, positive mid-lane."""
    floor = lane.y + lane.height
    if m.value is not None:
        if lane.scale == "log" and m.value <= 0:
            return floor, True
        assert lane.value_range is not None
        return _y_of(m.value, (lane.y, lane.height), lane.value_range, lane.scale), False
    if lane.threshold_y is not None:
        return lane.threshold_y, False
    return (floor if m.result == "negative" else lane.y + lane.height / 2), False


def _point_tooltip(m: Measurement, clock: _Clock) -> str:
    lang = clock.lang
    if m.value is not None:
        unit = m.unit or ""
        value = fmt_number(m.value, lang) + (f" {unit}" if unit else "")
    else:
        value = vocab.field(m.result, lang) if m.result else ""
    kind = vocab.label(vocab.MEASUREMENT_KINDS, m.kind, lang)
    note, _ = _tx(m.note, lang)
    return "\n".join(x for x in (f"{kind}: {value}", clock.text(m.date), note) if x)


# --- extent -------------------------------------------------------------------
def _extent(spans: list[tuple[float, float]]) -> tuple[float, float]:
    """Data extent with a margin; ongoing bars end at its right edge."""
    if not spans:
        return -MIN_MARGIN_DAYS, MIN_MARGIN_DAYS
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    margin = max((hi - lo) * MARGIN_FRACTION, MIN_MARGIN_DAYS)
    return lo - margin, hi + margin


def _data_spans(therapies: list[tuple[int, Therapy]], dots: list[_Dot],
                measured: list[tuple[int, Measurement]], clock: _Clock
                ) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    for _, t in therapies:
        a, b = clock.span(t.start)  # type: ignore[arg-type]
        spans.append((a, b + 1))
        if t.end is not None:
            spans.append((a, clock.span(t.end)[1] + 1))
    spans += [d.span for d in dots]
    spans += [clock.span(m.date) for _, m in measured]
    return spans


# --- the whole layout ---------------------------------------------------------
@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the layout is built. A large case makes
    tens of thousands of small objects that all survive, so a collection finds nothing
    to free; yet every other build of the 5,000-event bench triggered a full one over
    the case and the new layout (+20 % median). Reference counting still frees as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_layout(case: Case, *, anchor: str = "calendar", lang: str = "en",
                 anonymize: bool = False, hidden_lanes: Iterable[str] = (),
                 days_per_char: float | None = None,
                 max_label_rows: int = MAX_LABEL_ROWS) -> TimelineLayout:
    """The timeline of ``case``. ``days_per_char`` is the width of one label character
    at the zoom it will be drawn (default: the whole span across 140 characters), so
    labels are placed clear of each other; ``hidden_lanes`` are lane ids left out
    (the x extent stays that of all data, so hiding a lane does not rescale)."""
    with _gc_paused():
        return _build_layout(case, anchor, lang, anonymize, hidden_lanes, days_per_char,
                             max_label_rows)


def _build_layout(case: Case, anchor: str, lang: str, anonymize: bool,
                  hidden_lanes: Iterable[str], days_per_char: float | None,
                  max_label_rows: int) -> TimelineLayout:
    _check_args(anchor, lang, anonymize)
    if days_per_char is not None and not days_per_char > 0:
        raise ValueError(f"days_per_char must be positive, got {days_per_char!r}")
    if max_label_rows < 1:
        raise ValueError(f"max_label_rows must be at least 1, got {max_label_rows!r}")
    anchor_date = _anchor_date(case, anchor)
    origin = anchor_date.start().toordinal() if anchor_date else EPOCH
    clock = _Clock(origin, anchor, anchor_date, lang, anonymize)
    dated = [(i, t) for i, t in enumerate(case.therapies) if t.start is not None]
    dots = _dots(case, clock)
    measured = [(i, m) for i, m in enumerate(case.measurements)
                if m.value is not None or m.result]  # nothing to draw otherwise
    x_min, x_max = _extent(_data_spans(dated, dots, measured, clock))
    dpc = days_per_char or (x_max - x_min) / DEFAULT_CHARS_ACROSS
    hidden = {hidden_lanes} if isinstance(hidden_lanes, str) else set(hidden_lanes)
    plan = _lane_plan(dated, dots, measured, clock, x_max, dpc, max_label_rows)
    lanes, items, height = _stack(build for lane_id, build in plan if lane_id not in hidden)
    undated = tuple(Ref("therapy", i) for i, t in enumerate(case.therapies) if t.start is None)
    return TimelineLayout(
        anchor, lang, anonymize, x_min, x_max, height, dpc,
        _axis_title(anchor_date, anchor, lang), tuple(lanes),
        tuple(x for x in items if isinstance(x, Bar)),
        tuple(x for x in items if isinstance(x, Marker)),
        tuple(x for x in items if isinstance(x, Series)), undated)


_Build = Callable[[float], tuple[Lane, Sequence[Bar | Marker | Series]]]


def _lane_plan(dated: list[tuple[int, Therapy]], dots: list[_Dot],
               measured: list[tuple[int, Measurement]], clock: _Clock, x_max: float,
               dpc: float, max_label_rows: int) -> list[tuple[str, _Build]]:
    """The lanes with something to draw, in their fixed order: (lane id, builder at y)."""
    plan: list[tuple[str, _Build]] = []
    for suffix, cats in THERAPY_LANES:
        mine = [(i, t) for i, t in dated if _therapy_lane(t.category) == suffix]
        if mine:
            lane_id = f"therapy:{suffix}"
            plan.append((lane_id, partial(_bars_lane, lane_id, _therapy_title(cats), mine,
                                          clock=clock, right_edge=x_max, dpc=dpc)))
    if dots:
        plan.append((EVENTS_LANE, partial(_events_lane, dots, clock=clock, dpc=dpc,
                                          max_rows=max_label_rows, right_edge=x_max)))
    for suffix, kinds, scale in _measurement_groups(measured):
        mine_m = [(i, m) for i, m in measured if m.kind in kinds]
        plan.append((f"measure:{suffix}", partial(_series_lane, suffix, kinds, scale, mine_m,
                                                  clock=clock)))
    return plan


def _stack(builds: Iterable[_Build]) -> tuple[list[Lane], list[Bar | Marker | Series], float]:
    """Lanes one under another with a gap; returns lanes, their items and total height."""
    lanes: list[Lane] = []
    items: list[Bar | Marker | Series] = []
    y = 0.0
    for build in builds:
        lane, new = build(y)
        lanes.append(lane)
        items += new
        y += lane.height + LANE_GAP
    return lanes, items, max(y - LANE_GAP, 0.0)


def _axis_title(anchor_date: PartialDate | None, anchor: str, lang: str) -> str:
    """The x-axis title, marked "≈" when the anchor date lacks the day."""
    title = _L[f"axis_{anchor}"].get(lang) or ""
    exact = anchor_date is None or (anchor_date.precision is Precision.DAY
                                    and not anchor_date.approximate)
    return title if exact else f"≈ {title}"


def _therapy_lane(category: str) -> str:
    """The lane suffix of a category; an unknown category goes to "other"."""
    return next((s for s, cats in THERAPY_LANES if category in cats), "other")


def _therapy_title(categories: tuple[str, ...]) -> Text:
    titles = [vocab.THERAPY_CATEGORIES[c] for c in categories]
    return Text(" / ".join(t.en or "" for t in titles), " / ".join(t.ru or "" for t in titles))


# --- axis ---------------------------------------------------------------------
_CAL_STEPS = (("day", (1, 2, 5, 10)), ("month", (1, 2, 3, 6)),
              ("year", (1, 2, 5, 10, 20, 50, 100)))
_REL_STEPS = (("day", (1, 2, 5, 10, 20, 50, 100)), ("month", (2, 3, 6)),
              ("year", (1, 2, 5, 10, 20, 50)))
_UNIT_DAYS = {"day": 1.0, "month": DAYS_PER_MONTH, "year": DAYS_PER_YEAR}


def _pick_step(span_days: float, table: tuple[tuple[str, tuple[int, ...]], ...]
               ) -> tuple[str, int]:
    """The finest unit and step that puts at most ``MAX_TICKS`` ticks over the span."""
    for unit, steps in table:
        for step in steps:
            if span_days / (step * _UNIT_DAYS[unit]) <= MAX_TICKS:
                return unit, step
    unit, steps = table[-1]
    step = steps[-1]
    while span_days / (step * _UNIT_DAYS[unit]) > MAX_TICKS:
        step *= 2
    return unit, step


def ticks(layout: TimelineLayout, span_days: float, lang: str | None = None, *,
          x_min: float | None = None, x_max: float | None = None) -> tuple[Tick, ...]:
    """x-axis ticks for a view ``span_days`` wide (the zoom), between ``x_min`` and
    ``x_max`` (default: the layout's extent): days, months or years, with month names
    in the language; relative axes count from the anchor (``D+`` for a transplant)."""
    lang = lang or layout.lang
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if not span_days > 0:
        raise ValueError(f"span_days must be positive, got {span_days!r}")
    lo = layout.x_min if x_min is None else x_min
    hi = layout.x_max if x_max is None else x_max
    if layout.anchor == "calendar":
        unit, step = _pick_step(span_days, _CAL_STEPS)
        return tuple(_calendar_ticks(lo, hi, unit, step, lang))
    unit, step = _pick_step(span_days, _REL_STEPS)
    size = step * _UNIT_DAYS[unit]
    first, last = math.ceil(lo / size), math.floor(hi / size)
    return tuple(Tick(k * size, axis_label(k * step, layout.anchor, lang, unit))
                 for k in range(first, last + 1))


def _calendar_ticks(lo: float, hi: float, unit: str, step: int, lang: str) -> list[Tick]:
    """Calendar ticks; the year is written on the first tick and where it changes."""
    start = date.fromordinal(max(math.ceil(lo) + EPOCH, 1))
    end = date.fromordinal(math.floor(hi) + EPOCH)
    out: list[Tick] = []
    year = None
    for d in _calendar_dates(start, end, unit, step):
        show_year = d.year != year
        year = d.year
        out.append(Tick(d.toordinal() - EPOCH, _calendar_label(d, unit, lang, show_year)))
    return out


def _calendar_dates(start: date, end: date, unit: str, step: int) -> Iterable[date]:
    if unit == "day":
        for n in range(start.toordinal(), end.toordinal() + 1):
            d = date.fromordinal(n)
            if step == 1 or ((d.day - 1) % step == 0 and d.day + step <= 32):
                yield d
        return
    months = 12 * step if unit == "year" else step
    m = start.year * 12 + start.month - 1
    m += -m % months
    if date(m // 12, m % 12 + 1, 1) < start:
        m += months
    while (d := date(m // 12, m % 12 + 1, 1)) <= end:
        yield d
        m += months


def _calendar_label(d: date, unit: str, lang: str, show_year: bool) -> str:
    if unit == "year":
        return str(d.year)
    month = _month_short(d.month, lang)
    if unit == "month":
        return f"{month} {d.year}" if show_year or d.month == 1 else month
    return f"{d.day} {month} {d.year}" if show_year else f"{d.day} {month}"


# --- lookup -------------------------------------------------------------------
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
