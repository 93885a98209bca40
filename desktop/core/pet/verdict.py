"""One verdict per disease: which criteria judge a case's PET response, the headline
category under them, the physician's recorded read beside it, and a disagreement said aloud.

Lymphoma response is read by Lugano 2014 with the Deauville scale; solid tumours and
extramedullary leukaemia by PERCIST 1.0 (``shared/domain/pet-response.md``). A case's
``pet_criteria`` is ``auto`` (the diagnosis decides: "lymphoma" or "Hodgkin" in either
language ⇒ Lugano), ``lugano`` or ``percist``. Every output prints the headline of the
case's criteria; the other criterion is a secondary line (window and PDF details only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core import vocab
from desktop.core.model import Case, PetStudy, Text
from desktop.core.pet.results import (
    LUGANO,
    VISUAL,
    DeauvilleScore,
    PairedChart,
    ResponseResult,
)
from desktop.core.pet.words import category_text

CRITERIA_CHOICES = tuple(vocab.PET_CRITERIA)
_LYMPHOMA = re.compile(r"lymphom|hodgkin|лимфом|ходжкин", re.IGNORECASE)

_W = {
    "not_assessable": Text("not assessable by {c}", "оценка по {c} невозможна"),
    "read": Text("Physician's read: {r}", "Оценка врача: {r}"),
    "read_none": Text("Physician's read: not recorded", "Оценка врача: не указана"),
    "deauville": Text("Deauville {s}", "Deauville {s}"),
    "disagree": Text("Computed {c}, read as {r}: the two differ",
                     "Рассчитано {c}, врач оценил как {r}: оценки расходятся"),
    "secondary": Text("Secondary, not the criteria for this disease: {e}",
                      "Дополнительно, не критерии для этого заболевания: {e}"),
}
#: The criteria as a reader names them.
CRITERIA_NAMES = {"lugano": vocab.PET_CRITERIA["lugano"], "percist": vocab.PET_CRITERIA["percist"]}


def criteria_for(case: Case) -> str:
    """``lugano`` or ``percist``: the case's setting, or (``auto``) lymphoma or Hodgkin in
    the diagnosis name, in either language, ⇒ Lugano; otherwise PERCIST."""
    chosen = getattr(case, "pet_criteria", "auto") or "auto"
    if chosen in ("lugano", "percist"):
        return chosen
    name = f"{case.diagnosis.name.en or ''} {case.diagnosis.name.ru or ''}"
    return "lugano" if _LYMPHOMA.search(name) else "percist"


@dataclass(frozen=True)
class PhysicianRead:
    """What the physician recorded on the follow-up study: visual response, Deauville."""

    visual: str | None
    deauville: str | None

    def __bool__(self) -> bool:
        return bool(self.visual or self.deauville)

    def text(self, lang: str) -> str:
        """"Physician's read: complete metabolic response (CMR), Deauville 3"."""
        if not self:
            return _W["read_none"].get(lang) or ""
        parts = []
        if self.visual:
            parts.append(f"{category_text(self.visual).get(lang)} ({self.visual})")
        if self.deauville:
            parts.append(_W["deauville"].get(lang).format(s=self.deauville))
        return _W["read"].get(lang).format(r=", ".join(parts))


@dataclass(frozen=True)
class Verdict:
    """The headline of one comparison under the case's criteria, with the read beside it."""

    criteria: str  # "lugano" | "percist"
    result: ResponseResult  # under the case's criteria (its category None if not computed)
    secondary: ResponseResult | None  # the other criteria, only where they give a category
    read: PhysicianRead

    @property
    def category(self) -> str | None:
        """The computed category; a PERCIST "result" that is only the visual read is not one."""
        return None if self.result.criteria == VISUAL else self.result.category

    @property
    def name(self) -> Text:
        return CRITERIA_NAMES[self.criteria]

    def headline(self, lang: str) -> str:
        """"CMR — complete metabolic response (Lugano 2014, Deauville)"."""
        crit = self.name.get(lang)
        if self.category is None:
            s = _W["not_assessable"].get(lang).format(c=crit)
            return s[:1].upper() + s[1:]
        return f"{self.category} — {category_text(self.category).get(lang)} ({crit})"

    def short(self, lang: str) -> str:
        """The badge: "CMR · Lugano 2014, Deauville"; "—" when not computed."""
        return f"{self.category or '—'} · {self.name.get(lang)}"

    @property
    def disagreement(self) -> Text | None:
        """"Computed PMR, read as CMR" when the computed category and the recorded visual
        read differ; the app never chooses between them."""
        c, r = self.category, self.read.visual
        if c is None or r is None or c == r:
            return None
        return Text(_W["disagree"].en.format(c=c, r=r), _W["disagree"].ru.format(c=c, r=r))

    def secondary_text(self, lang: str) -> str:
        """The other criteria's reasoning, marked as secondary ('' when there is none)."""
        if self.secondary is None:
            return ""
        return _W["secondary"].get(lang).format(e=self.secondary.explanation.get(lang) or "")

    def lines(self, lang: str) -> list[str]:
        """Headline, the physician's read, and a disagreement if any: what every output
        prints (slides never add the secondary line)."""
        out = [self.headline(lang), self.read.text(lang)]
        if self.disagreement:
            out.append(self.disagreement.get(lang) or "")
        return out


def make_verdict(criteria: str, percist: ResponseResult, lugano: ResponseResult,
                 follow_up: PetStudy) -> Verdict:
    main, other = (lugano, percist) if criteria == "lugano" else (percist, lugano)
    secondary = other if other.category is not None and other.criteria != VISUAL else None
    return Verdict(criteria, main, secondary,
                   PhysicianRead(follow_up.visual_response, follow_up.deauville))


@dataclass(frozen=True)
class StudyComparison:
    baseline: PetStudy
    follow_up: PetStudy
    response: ResponseResult  # PERCIST 1.0, or the recorded visual read when it cannot be computed
    deauville: tuple[DeauvilleScore, DeauvilleScore]  # baseline, follow-up
    lugano: ResponseResult
    chart: PairedChart
    verdict: Verdict  # the headline under the case's criteria, the physician's read beside it


__all__ = [
    "CRITERIA_CHOICES",
    "CRITERIA_NAMES",
    "LUGANO",
    "PhysicianRead",
    "StudyComparison",
    "Verdict",
    "criteria_for",
    "make_verdict",
]
