"""What a tumour board reads first, written once for the PDF, the deck and the window:
the lines of therapy, the current status, the key PET verdict, and date-derivation notes
kept apart from the clinical notes (they go to an appendix).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core import pet, vocab
from desktop.core.dates import PartialDate
from desktop.core.model import Case, Therapy

#: Not a line of treatment of the disease: given alongside one.
NOT_A_LINE = ("supportive",)
#: A sentence that says how a date was derived ("Month derived: …", "Даты выведены: …").
_DERIVED = re.compile(r"\b(derived|not stated|no date|выведен|выведены|не указан[оа]?\b|"
                      r"дата в статье не)", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ«“\"(])")


@dataclass(frozen=True)
class TherapyLine:
    """One line: therapies that began together (same start as written), in date order."""

    number: int | None  # None for therapies without a start date
    therapies: tuple[Therapy, ...]

    def regimen(self, lang: str) -> str:
        return " + ".join(t.name.get(lang) or "" for t in self.therapies if t.name.get(lang))

    @property
    def start(self) -> PartialDate | None:
        return self.therapies[0].start

    @property
    def end(self) -> PartialDate | None:
        ends = [t.end for t in self.therapies if t.end]
        return max(ends, key=PartialDate.sort_key) if ends else None

    @property
    def ongoing(self) -> bool:
        return any(t.ongoing for t in self.therapies)

    @property
    def cycles(self) -> int | None:
        counts = [t.cycles for t in self.therapies if t.cycles is not None]
        return max(counts) if counts else None

    def best_response(self, lang: str) -> str:
        codes = list(dict.fromkeys(t.response for t in self.therapies if t.response))
        return "; ".join(vocab.label(vocab.RESPONSES, c, lang) for c in codes)


def lines_of_therapy(case: Case, *, include_supportive: bool = False) -> list[TherapyLine]:
    """Lines of therapy: therapies of the disease (not supportive care) grouped by the same
    written start date, numbered in date order; undated ones last and unnumbered, then
    (``include_supportive``) supportive care, unnumbered."""
    dated = sorted((t for t in case.therapies if t.category not in NOT_A_LINE and t.start),
                   key=lambda t: t.start.sort_key())  # type: ignore[union-attr]
    groups: list[list[Therapy]] = []
    for t in dated:
        if groups and groups[-1][0].start == t.start:
            groups[-1].append(t)
        else:
            groups.append([t])
    out = [TherapyLine(i, tuple(g)) for i, g in enumerate(groups, 1)]
    undated = [t for t in case.therapies if t.category not in NOT_A_LINE and not t.start]
    out += [TherapyLine(None, (t,)) for t in undated]
    if include_supportive:
        out += [TherapyLine(None, (t,)) for t in case.therapies if t.category in NOT_A_LINE]
    return out


def split_derivation(text: str | None) -> tuple[str, str]:
    """(clinical note, how its date was derived): sentences about the date's derivation
    go to the appendix, the rest stays where it was."""
    if not text:
        return "", ""
    keep, derived = [], []
    for s in _SENTENCE.split(text.strip()):
        (derived if _DERIVED.search(s) else keep).append(s)
    return " ".join(keep), " ".join(derived)


def derivation_notes(case: Case, lang: str) -> list[tuple[str, str]]:
    """(what, how its date was derived) for every therapy, event, finding and measurement
    whose note says so, in the order of the case."""
    out = []
    items = [(t.name.get(lang) or "", t.note) for t in case.therapies]
    items += [(e.label.get(lang) or "", e.note) for e in case.events]
    items += [(f"{vocab.field(f.kind, lang) if f.kind in vocab.FIELDS else f.kind}: "
               f"{vocab.notation(f.value, lang, f.kind)}", f.note) for f in case.findings]
    items += [(vocab.label(vocab.MEASUREMENT_KINDS, m.kind, lang), m.note)
              for m in case.measurements]
    for what, note in items:
        derived = split_derivation(note.get(lang))[1]
        if derived:
            out.append((what, derived))
    return out


def status_lines(case: Case, lang: str, when) -> list[str]:
    """The latest dated event (its label and date) and therapies still given: the case's
    current status as recorded, nothing inferred. ``when(date) -> str`` formats dates."""
    out = []
    events = [e for e in case.events if e.label.get(lang)]
    if events:
        last = max(events, key=lambda e: e.date.sort_key())
        out.append(f"{last.label.get(lang)} ({when(last.date)})")
    ongoing = [t.name.get(lang) for t in case.therapies if t.ongoing and t.name.get(lang)]
    if ongoing:
        out.append(f"{vocab.field('ongoing', lang).capitalize()}: {', '.join(ongoing)}")
    return out


def key_verdict(case: Case) -> pet.StudyComparison | None:
    """The latest follow-up against the baseline: the PET result page 1 shows."""
    try:
        comps = pet.compare_studies(case)
    except pet.PetError:
        return None
    return comps[-1] if comps else None
