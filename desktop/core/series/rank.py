"""Which cases a series shows and in what order: filters (tag, diagnosis, therapy
given) and ranks (by code, by follow-up after D0, by time from D0 to an event).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import Case
from desktop.core.series.anchors import AnchorSpecError, _event_type
from desktop.core.series.lanes import Aligned, extent

RANKS = ("code", "follow-up", "relapse", "event:TYPE")
_FOLLOW = ("follow-up", "followup", "follow up", "наблюдение", "длительность наблюдения")
_RELAPSE = ("relapse", "time-to-relapse", "рецидив", "время до рецидива")


@dataclass(frozen=True, slots=True)
class SeriesFilter:
    """Keep a case only if it has the tag, its diagnosis names the words, and one of
    its therapies is named so (each compared case-folded, in either language)."""

    tag: str | None = None
    diagnosis: str | None = None
    therapy: str | None = None

    def keeps(self, case: Case) -> bool:
        if self.tag and self.tag.casefold() not in {t.casefold() for t in case.tags}:
            return False
        dx = case.diagnosis.name
        if self.diagnosis and not _has(self.diagnosis, (dx.en, dx.ru)):
            return False
        return not self.therapy or any(_has(self.therapy, (t.name.en, t.name.ru))
                                       for t in case.therapies)


def _has(needle: str, texts: Sequence[str | None]) -> bool:
    n = needle.casefold().strip()
    return any(n in (t or "").casefold() for t in texts)


def parse_rank(text: str) -> tuple[str, str]:
    """("code" | "follow-up" | "event", event type) from what a user typed."""
    s = " ".join(str(text or "code").split()).casefold()
    if s in ("code", "код"):
        return "code", ""
    if s in _FOLLOW:
        return "follow-up", ""
    if s in _RELAPSE:
        return "event", "relapse"
    head, sep, rest = s.partition(":")
    if sep and head in ("event", "событие", "time-to") and rest.strip():
        return "event", _event_type(rest.strip())
    raise AnchorSpecError(f"rank {text!r} not understood: use one of {', '.join(RANKS)}")


def _time_to(a: Aligned, etype: str) -> float | None:
    """Days from D0 to the first event of ``etype`` after it (by the start of its period)."""
    starts = [a.span(e.date)[0] for e in a.case.events if e.type == etype]
    after = [s for s in starts if s > 0]
    return float(min(after)) if after else None


def ranked(aligned: list[Aligned], rank: str) -> list[Aligned]:
    """The cases in rank order; ties and cases without the key go by code, last."""
    key, etype = parse_rank(rank)
    by_code = sorted(aligned, key=lambda a: a.case.code.casefold())
    if key == "code":
        return by_code
    if key == "follow-up":
        return sorted(by_code, key=lambda a: -extent(a)[1])
    times = {id(a): _time_to(a, etype) for a in by_code}
    return sorted(by_code, key=lambda a: (times[id(a)] is None, times[id(a)] or 0.0))
