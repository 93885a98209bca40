"""The de-identified case: the anchor chosen, every date of a copy moved by whole leap
cycles, identifying fields removed, free text scrubbed (``DeidView``, ``deidentify``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass, replace
from typing import Any

from desktop.core.dates import MAX_YEAR, MIN_YEAR, PartialDate
from desktop.core.deid.images import strip_image_metadata
from desktop.core.deid.relative import (
    ANCHORS,
    EPOCH_YEAR,
    AnchorKind,
    DeidError,
    Style,
    check_lang_style,
    relative_label,
    unit_text,
)
from desktop.core.deid.text_dates import Scrubber, identifier_tokens
from desktop.core.model import LANGS, Case, Image, Text

#: Fields holding codes, not prose: never scrubbed (initials "CR" must not eat "CR").
_CODE_FIELDS = frozenset({
    "code", "references", "category", "response", "type", "site", "kind", "unit", "result",
    "visual_response", "deauville", "id", "sex", "media_type",
})
#: Fields removed outright from any record that has them.
_IDENTIFYING_FIELDS = frozenset({"initials", "record_number", "birth_date"})


def _diagnosis_date(case: Case) -> PartialDate | None:
    """The diagnosis date, or else the earliest event of type "diagnosis" (as the
    timeline counts it)."""
    if case.diagnosis.date is not None:
        return case.diagnosis.date
    dates = [e.date for e in case.events if e.type == "diagnosis"]
    return min(dates, key=PartialDate.sort_key, default=None)


def choose_anchor(case: Case, anchor: AnchorKind | None = None
                  ) -> tuple[AnchorKind | None, PartialDate | None]:
    """The anchor asked for, or by default the transplant if there is one, else the
    diagnosis; ``(None, None)`` when the case has no such date."""
    if anchor is not None and anchor not in ANCHORS:
        raise ValueError(f"anchor must be one of {', '.join(ANCHORS)}, got {anchor!r}")
    if anchor in (None, "transplant") and (tx := case.transplant_date()) is not None:
        return "transplant", tx
    if anchor in (None, "diagnosis") and (dx := _diagnosis_date(case)) is not None:
        return "diagnosis", dx
    return None, None


def dates_in(obj: Any, *, with_identifying: bool = True) -> Iterator[PartialDate]:
    """Every date in a case, wherever the model keeps one."""
    if isinstance(obj, PartialDate):
        yield obj
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from dates_in(item, with_identifying=with_identifying)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from dates_in(item, with_identifying=with_identifying)
    elif is_dataclass(obj) and not isinstance(obj, Text | Image):
        for f in fields(obj):
            if with_identifying or f.name not in _IDENTIFYING_FIELDS:
                yield from dates_in(getattr(obj, f.name), with_identifying=with_identifying)


def _shift_years(reference: PartialDate | None) -> int:
    """Whole leap cycles that move ``reference`` into EPOCH_YEAR … EPOCH_YEAR + 3, or
    40 years later when it is already there: no date of a copy is its real date."""
    if reference is None:
        return 0
    shift = EPOCH_YEAR + reference.year % 4 - reference.year
    return shift or 40


class DeidView:
    """The de-identification of one case for one anchor: labels for its dates, scrubbed
    text, and the scrubbed copy. Build it on the case whose dates you label — the
    original or its de-identified copy give the same labels."""

    def __init__(self, case: Case, anchor: AnchorKind | None = None,
                 style: Style | None = None) -> None:
        self._case = case
        self.anchor_kind, self.anchor = choose_anchor(case, anchor)
        self.style: str = style or ("months" if self.anchor_kind == "diagnosis" else "transplant")
        check_lang_style("en", self.style)
        pt = case.patient
        self._scrub = Scrubber(self.anchor, self.style,
                               identifier_tokens(pt.initials, pt.record_number), pt.birth_date)
        reference = self.anchor or min(dates_in(case, with_identifying=False),
                                       key=PartialDate.sort_key, default=None)
        self._years = _shift_years(reference)

    def date(self, d: PartialDate | None, lang: str) -> str:
        """The relative label of a date of this case; ``""`` for a date not reported."""
        return "" if d is None else relative_label(d, self.anchor, lang, self.style)

    def text(self, s: str | None, lang: str) -> str | None:
        """Free text with dates made relative and identifiers removed."""
        return None if s is None else self._scrub(s, lang)

    def caption(self, lang: str) -> str:
        """What the relative labels count from, for a legend or an axis title."""
        check_lang_style(lang, self.style)
        if self.anchor_kind is None:
            return "Dates removed" if lang == "en" else "Даты удалены"
        zero = unit_text(0, lang, self.style)
        if lang == "en":
            unit = "Months" if self.style == "months" else "Days"
            return f"{unit} from {self.anchor_kind} ({zero} = {self.anchor_kind})"
        unit = "Месяцы" if self.style == "months" else "Дни"
        ref = {"transplant": ("трансплантации", "трансплантация"),
               "diagnosis": ("диагноза", "диагноз")}[self.anchor_kind]
        return f"{unit} от {ref[0]} ({zero} — {ref[1]})"

    def case(self) -> Case:
        """A new case: identifiers gone, text scrubbed, dates moved by whole leap cycles,
        image metadata stripped. The case the view was built on is not changed."""
        return self._walk(self._case, "")

    def _walk(self, obj: Any, name: str) -> Any:
        if isinstance(obj, PartialDate):
            return self._shift(obj)
        if isinstance(obj, Text):
            return Text(*(self.text(obj.get(lang), lang) for lang in LANGS))
        if isinstance(obj, Image):
            return strip_image_metadata(obj)
        if isinstance(obj, str):
            return obj if name in _CODE_FIELDS else self._scrub(obj, "en")
        if isinstance(obj, list):
            return [self._walk(x, name) for x in obj]
        if isinstance(obj, dict):
            return {k: self._walk(v, name) for k, v in obj.items()}
        if is_dataclass(obj) and not isinstance(obj, type):
            changes = {f.name: None if f.name in _IDENTIFYING_FIELDS
                       else self._walk(getattr(obj, f.name), f.name) for f in fields(obj)}
            return replace(obj, **changes)
        return obj  # numbers, booleans, None, bytes: nothing to hide

    def _shift(self, d: PartialDate) -> PartialDate:
        year = d.year + self._years
        if not MIN_YEAR < year < MAX_YEAR:  # 1900 and 2100 are not leap years
            raise DeidError(f"the date {d.iso()} is more than 97 years from "
                            f"{self.anchor_kind or 'the other dates'}; correct it first")
        return PartialDate(year, d.month, d.day, d.approximate)


def deidentify(case: Case, *, anchor: AnchorKind | None = None) -> Case:
    """A de-identified copy of ``case`` (see the module notes); the input is untouched."""
    return DeidView(case, anchor).case()
