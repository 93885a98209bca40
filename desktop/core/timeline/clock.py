"""Dates as x and as words: the anchor of the time axis (calendar, diagnosis,
transplant), axis labels, numbers in each language, and the labels only the timeline
uses. A missing translation is shown as missing, never filled from the other language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.dates import MONTHS_EN_SHORT, MONTHS_RU_SHORT, PartialDate
from desktop.core.deid import MINUS, NBSP, choose_anchor, relative_label
from desktop.core.model import LANGS, Case, Text
from desktop.core.timeline.layout import ANCHORS, DAYS_PER_MONTH, DAYS_UP_TO, AnchorError

#: Labels only the timeline uses (the vocabularies live in ``vocab``).
LABELS: dict[str, Text] = {
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
    # the time axis titled with its one unit
    "axis_transplant_day": Text("Days from transplant (D+)", "Дни от трансплантации (Д+)"),
    "axis_transplant_month": Text("Months from transplant", "Месяцы от трансплантации"),
    "axis_transplant_year": Text("Years from transplant", "Годы от трансплантации"),
    "axis_diagnosis_day": Text("Days from diagnosis", "Дни от диагноза"),
    "axis_diagnosis_month": Text("Months from diagnosis", "Месяцы от диагноза"),
    "axis_diagnosis_year": Text("Years from diagnosis", "Годы от диагноза"),
    "events_n": Text("{n} events", "событий: {n}"),
    "visual_read": Text("as read visually", "по визуальной оценке"),
    "clipped": Text("{name}: uncertain dates drawn {where}, the order the case lists them in",
                    "{name}: неточные даты показаны {where} — в порядке, указанном в случае"),
    "after": Text("after {name}", "после «{name}»"),
    "before": Text("before {name}", "до «{name}»"),
    "and": Text(" and ", " и "),
    "uncertain": Text("date known to the month or year", "дата известна до месяца или года"),
    "given_once": Text("given once", "однократно"),
    "therapy": Text("therapy", "терапия"),
}
_D = {"en": "D", "ru": "Д"}
#: deid.relative_label style of each anchor: D+ for a transplant, days for a diagnosis.
_STYLE = {"transplant": "transplant", "diagnosis": "days"}


def text_of(t: Text, lang: str) -> tuple[str, bool]:
    """A text in ``lang``; a missing translation is left out (never the other language
    tagged with its code: the pre-flight reports it) and flagged."""
    own = t.get(lang)
    if own:
        return own, False
    other = next((lg for lg in LANGS if lg != lang and t.get(lg)), None)
    return "", bool(other)


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


def month_short(month: int, lang: str) -> str:
    return MONTHS_EN_SHORT[month - 1] if lang == "en" else MONTHS_RU_SHORT[month - 1]


def axis_label(n: float, anchor: str, lang: str, unit: str = "day") -> str:
    """A point ``n`` units from the anchor: ``D+24``, ``D−21``, ``Д0``, ``day 1,234``,
    ``month −3``, ``year 2``. Days and months follow ``deid.relative_label`` (a test
    holds them equal), which writes dates; the axis needs numbers."""
    k = round(n)
    sign = MINUS if k < 0 else ""
    if anchor == "transplant" and (unit == "day" or k == 0):
        return f"{_D[lang]}{'+' if k > 0 else sign}{abs(k)}"
    word = LABELS["day" if k == 0 else unit].get(lang)
    return f"{word} {sign}{fmt_number(abs(k), lang)}"


def unit_label(n: float, anchor: str, lang: str, unit: str) -> str:
    """A tick of a relative axis in its one unit (the axis title names it): ``D+24``
    for transplant days, else a signed number: ``−12``, ``0``, ``6``."""
    k = round(n)
    sign = MINUS if k < 0 else ""
    if anchor == "transplant" and unit == "day":
        return f"{_D[lang]}{'+' if k > 0 else sign}{abs(k)}"
    return f"{sign}{fmt_number(abs(k), lang)}"


def text_unit(anchor: str, span_days: float) -> str:
    """The unit of relative dates in a column: days from a transplant (as transplant teams
    count), days from a diagnosis over a short course, else months."""
    return "day" if anchor == "transplant" or span_days <= DAYS_UP_TO else "month"


@dataclass(frozen=True, slots=True)
class Clock:
    """Turns dates into x and into text for one anchor, language and anonymity.
    Text is memoised per date: a long case repeats its dates, and text is the costly part."""

    origin: int
    anchor: str
    anchor_date: PartialDate | None
    lang: str
    anonymize: bool
    unit: str = "day"
    _texts: dict[tuple[int, int, int, bool], str] = field(default_factory=dict, compare=False)
    _whens: dict[tuple[int, int, int, bool, int], str] = field(default_factory=dict,
                                                                compare=False)
    #: real days → drawn x where the axis has breaks (``breaks.Squeeze``), else None
    squeeze: Callable[[float], float] | None = None

    def span(self, d: PartialDate) -> tuple[int, int]:
        """First and last day the date covers, as x (drawn x where the axis has breaks)."""
        a, b = self.real_span(d)
        if self.squeeze is None:
            return a, b
        return self.squeeze(a), self.squeeze(b)  # type: ignore[return-value]

    def real_span(self, d: PartialDate) -> tuple[int, int]:
        """First and last day the date covers, in days from the origin."""
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
        """One value in the clock's unit: ``D+24`` where both dates give the day, else
        "≈" and the middle of the period from the middle of the anchor's (``≈ D−1607``,
        ``≈ month 42``), never a range of ranges."""
        assert self.anchor_date is not None
        a, b = self.real_span(d)
        exact = self.exact_anchor and d.day is not None and not d.approximate
        if exact and self.unit == "day":
            return axis_label(a, self.anchor, self.lang)
        a0, a1 = self.real_span(self.anchor_date)
        days = (a + b) / 2 - (a0 + a1) / 2
        if self.unit == "day":
            text = axis_label(days, self.anchor, self.lang)
        else:
            text = axis_label(days / DAYS_PER_MONTH, self.anchor, self.lang, "month")
        return text if exact else f"≈ {text}"

    def deid_relative(self, d: PartialDate) -> str:
        """The date as ``deid.relative_label`` writes it (the PDF's tables)."""
        assert self.anchor_date is not None
        return relative_label(d, self.anchor_date, self.lang, _STYLE[self.anchor])  # type: ignore[arg-type]

    def when(self, d: PartialDate) -> str:
        """The date in a key column: as written (calendar), or relative only (memoised)."""
        key = (d.year, d.month or 0, d.day or 0, d.approximate, 1)
        got = self._whens.get(key)
        if got is None:
            got = self._whens[key] = (d.display(self.lang) if self.anchor_date is None
                                      else self.relative(d))
        return got

    @property
    def exact_anchor(self) -> bool:
        a = self.anchor_date
        return a is not None and a.day is not None and not a.approximate


# --- anchor -------------------------------------------------------------------
def anchor_date_of(case: Case, anchor: str) -> PartialDate | None:
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


def check_args(anchor: str, lang: str, anonymize: bool) -> None:
    if anchor not in ANCHORS:
        raise ValueError(f"anchor must be one of {', '.join(ANCHORS)}, got {anchor!r}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if anonymize and anchor == "calendar":
        raise AnchorError("a de-identified timeline shows relative time only: "
                          "choose the diagnosis or transplant anchor")
