"""The anchor of a series: the day every case is aligned on, as a user names it.

In the command line: ``diagnosis``, ``transplant``, ``relapse``, ``infusion``,
``therapy:NAME`` (first start of a therapy whose name contains NAME, in either
language) and ``event:TYPE`` (first event of that type). In the window the same, or
the words in English or Russian (``трансплантация``, ``рецидив``, ``терапия:инотузумаб``,
or a bare drug name). "First" is by the start of each date's period; a partial date
stays partial (its whole period is the uncertainty of D0, never a chosen day).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core import vocab
from desktop.core.dates import PartialDate
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case
from desktop.core.series.words import word

KINDS = ("diagnosis", "transplant", "relapse", "infusion", "therapy", "event")
CLI_FORMS = ("diagnosis", "transplant", "relapse", "infusion", "therapy:NAME", "event:TYPE")

#: Words a user may type for each fixed anchor (compared case-folded).
_WORDS: dict[str, tuple[str, ...]] = {
    "diagnosis": ("diagnosis", "dx", "диагноз", "диагноза", "диагностика"),
    "transplant": ("transplant", "transplantation", "hsct", "allo-hsct", "sct", "bmt",
                   "трансплантация", "трансплантации", "тгск", "алло-тгск", "тксм"),
    "relapse": ("relapse", "рецидив", "рецидива"),
    "infusion": ("infusion", "инфузия", "инфузии"),
}
_PREFIXES: dict[str, str] = {"therapy": "therapy", "терапия": "therapy", "drug": "therapy",
                             "препарат": "therapy", "event": "event", "событие": "event"}


class AnchorSpecError(CasePresenterError, ValueError):
    """An anchor that cannot be read; the message lists the forms that can."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """What D0 is: ``kind`` one of ``KINDS``; ``name`` the therapy name or event type."""

    kind: str
    name: str = ""

    def spec(self) -> str:
        """The command-line form: ``transplant``, ``therapy:inotuzumab``."""
        return f"{self.kind}:{self.name}" if self.name else self.kind

    def label(self, lang: str) -> str:
        """The anchor as a reader names it: "first transplant", "first inotuzumab"."""
        if self.kind == "therapy":
            return word("a_therapy", lang, name=self.name)
        if self.kind == "event":
            name = vocab.label(vocab.EVENT_TYPES, self.name, lang).lower()
            return word("a_event", lang, name=name)
        return word(f"a_{self.kind}", lang)


def parse_anchor(text: str) -> Anchor:
    """An anchor from what a user typed (see the module notes)."""
    s = " ".join(str(text).split())
    if not s:
        raise AnchorSpecError("no anchor given: use one of " + ", ".join(CLI_FORMS))
    folded = s.casefold()
    for kind, words in _WORDS.items():
        if folded in words:
            return Anchor(kind)
    head, sep, rest = s.partition(":")
    if sep:
        kind = _PREFIXES.get(head.strip().casefold())
        name = rest.strip()
        if kind is None or not name:
            raise AnchorSpecError(f"anchor {s!r} not understood: use one of "
                                  + ", ".join(CLI_FORMS))
        return Anchor(kind, _event_type(name) if kind == "event" else name)
    if (etype := _event_type(s, strict=True)) is not None:
        return Anchor("event", etype)
    return Anchor("therapy", s)  # a bare drug name: "inotuzumab", "блинатумомаб"


def _event_type(name: str, *, strict: bool = False) -> str:
    """An event type from its code or its label in either language."""
    folded = name.casefold()
    for code, t in vocab.EVENT_TYPES.items():
        if folded in (code, (t.en or "").casefold(), (t.ru or "").casefold()):
            return code
    if strict:
        return None  # type: ignore[return-value]
    raise AnchorSpecError(f"unknown event type {name!r}: use one of "
                          + ", ".join(vocab.EVENT_TYPES))


def _first(dates: list[PartialDate]) -> PartialDate | None:
    return min(dates, key=PartialDate.sort_key, default=None)


def find_anchor(case: Case, anchor: Anchor) -> PartialDate | None:
    """The date of ``anchor`` in ``case``; None when the case does not have it."""
    ev = case.events
    if anchor.kind == "diagnosis":
        return case.diagnosis.date or _first([e.date for e in ev if e.type == "diagnosis"])
    if anchor.kind == "transplant":
        return case.transplant_date()
    if anchor.kind == "relapse":
        return _first([e.date for e in ev if e.type == "relapse"])
    if anchor.kind == "infusion":  # an infusion event, or a cellular therapy (DLI, CAR-T)
        return _first([e.date for e in ev if e.type == "infusion"]
                      + [t.start for t in case.therapies
                         if t.category == "cellular" and t.start is not None])
    if anchor.kind == "event":
        return _first([e.date for e in ev if e.type == anchor.name])
    needle = anchor.name.casefold()
    return _first([t.start for t in case.therapies if t.start is not None
                   and any(needle in (n or "").casefold() for n in (t.name.en, t.name.ru))])
