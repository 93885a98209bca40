"""Events as markers in the events lane: one per dated event (and per PET study), its
symbol and colour from the palette, its label beside it where it fits and otherwise a
numbered callout explained in the key; markers of one day or week that would touch are
one group with a count. No event is ever left without its label somewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.core import palette, stems, vocab
from desktop.core.dates import PartialDate
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case, Text
from desktop.core.timeline.clock import LABELS, Clock, text_of
from desktop.core.timeline.layout import (
    EVENTS_LANE,
    GROUP_DAYS,
    KEY_EVENT_TYPES,
    KeyEntry,
    Lane,
    Marker,
    Ref,
)
from desktop.core.timeline.order import event_clips
from desktop.core.timeline.packing import stagger_merging

#: A marker closer than this many label characters to one whose symbol and callout
#: ("12 ×3") it would run into joins its group, where no row has room for it.
TOUCH_CHARS = 6.0


@dataclass(slots=True)
class Dot:
    """An event to place: the case event, a PET study, or the case's diagnosis date as
    one. (Internal and short-lived, so not frozen: a frozen init costs 4x, and there are
    thousands.)"""

    ref: Ref
    type: str
    date: PartialDate
    text: Text
    site: str | None
    span: tuple[int, int]


def event_dots(case: Case, clock: Clock) -> list[Dot]:
    """The case's events (uncertain dates kept in the order the case lists them), its
    diagnosis date when no event says it, and its PET studies not already an event."""
    spans = [clock.span(e.date) for e in case.events]
    clips = event_clips(spans)
    dots = [Dot(Ref("event", i), e.type, e.date, e.label, e.site, clips[i] or spans[i])
            for i, e in enumerate(case.events)]
    d = case.diagnosis.date
    if d and not any(e.type == "diagnosis" for e in case.events):
        dots.append(Dot(Ref("diagnosis", 0), "diagnosis", d, case.diagnosis.name, None,
                         clock.span(d)))
    return dots + pet_dots(case, clock)


def pet_dots(case: Case, clock: Clock) -> list[Dot]:
    """PET studies as imaging markers, labelled with the study's label and the response
    (the computed category, or the physician's read where only that is given). A study
    on the date of an imaging event the case already has is that event."""
    if not case.pet_studies:
        return []
    imaged = {e.date for e in case.events if e.type == "imaging"}
    responses = _responses(case)
    out = []
    for i, s in enumerate(case.pet_studies):
        if s.date in imaged:
            continue
        text = s.label
        verdict = responses.get(id(s))
        if verdict is not None:
            text = Text(*(f"{t}: {v}" if t and v else (t or v) for t, v in
                          ((s.label.en, verdict.en), (s.label.ru, verdict.ru))))
        out.append(Dot(Ref("pet", i), "imaging", s.date, text, None, clock.span(s.date)))
    return out


def _responses(case: Case) -> dict[int, Text]:
    """The response of each follow-up study (by id), in both languages."""
    from desktop.core import pet  # the PET maths, only for a case with studies

    try:
        comparisons = pet.compare_studies(case)
    except CasePresenterError:  # data the PET view reports; the timeline draws the study
        return {}
    out: dict[int, Text] = {}
    for c in comparisons:
        result = c.verdict.result  # the disease's criteria (Lugano for a lymphoma)
        label = result.category_label
        if label is None:
            continue
        if result.basis == "visual":
            read = LABELS["visual_read"]
            label = Text(f"{label.en}, {read.en}", f"{label.ru}, {read.ru}")
        out[id(c.follow_up)] = label
    return out


#: Words that name a site in a label besides the site's own words: abbreviations (matched
#: as whole words, in capitals) and adjectives or word starts (any case), both languages.
SITE_WORDS: dict[str, tuple[str, ...]] = {
    "marrow": ("BM", "КМ"),
    "cns": ("CNS", "ЦНС"),
    "blood": ("PB", "ПК"),
    "lymph_nodes": ("LN", "LNs", "ЛУ", "лимфоузл", "лимфоуз"),
    "eye": ("ocular", "глаз"),
    "nose": ("nasal", "носов", "нос"),
    "skin": ("cutaneous", "кожн"),
    "gut": ("intestinal", "кишечн"),
    "liver": ("hepatic", "печен", "печён"),
    "eyelids": ("eyelid", "век"),
    "breast": ("молочн",),
}


def without_site(label: str, site: str, key: str | None = None) -> bool:
    """Whether ``label`` already names ``site`` (every word stem of it, or, for the
    site ``key``, one of its ``SITE_WORDS``: "isolated BM involvement"), so it is not
    said twice: "First relapse in the bone marrow (bone marrow)"."""
    if key is not None and _names_site(label, key):
        return True
    site_stems = _site_stems(site)
    low = label.lower().replace("ё", "е")
    if not site_stems or not all(s in low for s in site_stems):
        return False  # the quick answer for most labels: no word of the site in it
    return site_stems <= set(stems.stems(label).split())


def _names_site(label: str, key: str) -> bool:
    words = SITE_WORDS.get(key, ())
    if not words:
        return False
    return _site_pattern(words).search(label) is not None


@lru_cache(maxsize=64)
def _site_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Capitals as whole words, case-sensitive; the rest as word starts, any case."""
    parts = [rf"\b{re.escape(w)}\b" if w.isupper() or w[:-1].isupper() else
             rf"(?i:\b{re.escape(w)})" for w in words]
    return re.compile("|".join(parts))


@lru_cache(maxsize=256)
def _site_stems(site: str) -> frozenset[str]:
    return frozenset(stems.stems(site).split())


def _dot_text(d: Dot, clock: Clock, names: dict[tuple[str, str | None], tuple[str, str]]
              ) -> tuple[str, str, bool]:
    """Label (text or type, with the site unless it says it), tooltip, and whether the
    text lacks this language. ``names`` memoises the type and site labels."""
    key = (d.type, d.site)
    if key not in names:
        names[key] = (vocab.label(vocab.EVENT_TYPES, d.type, clock.lang),
                      vocab.site_label(d.site, clock.lang))
    kind, site = names[key]
    text, missing = text_of(d.text, clock.lang)
    label = text or kind
    if site and not (text and without_site(text, site, d.site)):
        label = f"{label} ({site})"
    detail = label if text else site
    when = clock.text(d.date)
    tooltip = f"{kind}\n{detail}\n{when}" if detail else f"{kind}\n{when}"
    return label, tooltip, missing


def _groups(dots: list[Dot], dpc: float) -> list[list[int]]:
    """Dots (in x order) drawn as one: the same uncertain period, or exact days within
    ``GROUP_DAYS`` of the group's first whose symbols would touch at ``dpc``."""
    out: list[list[int]] = []
    for k, d in enumerate(dots):
        if out:
            first = dots[out[-1][0]]
            exact = d.span[0] == d.span[1] and first.span[0] == first.span[1]
            gap = d.span[0] - first.span[0]
            if (d.span == first.span) or (exact and gap <= GROUP_DAYS and gap < 2 * dpc):
                out[-1].append(k)
                continue
        out.append([k])
    return out


def events_lane(dots: list[Dot], y: float, *, clock: Clock, dpc: float, max_rows: int,
                 right_edge: float, left_edge: float = float("-inf")
                 ) -> tuple[Lane, list[Marker], list[KeyEntry]]:
    """Markers in x order, staggered into rows so that a shown label never overlaps
    another marker's label, symbol or whisker in its row; a marker whose label does not
    fit, and every group, gets a callout number and a key entry. A marker whose symbol
    and callout fit no row joins the group of the one its symbol would touch, else takes
    a row of its own: nothing overlaps at the scale drawn, and zoomed in (a finer
    ``dpc``) the group comes apart."""
    dots = sorted(dots, key=lambda d: d.span[0] + d.span[1])
    names: dict[tuple[str, str | None], tuple[str, str]] = {}
    texts = [_dot_text(d, clock, names) for d in dots]
    groups = _groups(dots, dpc)
    heads = [dots[g[0]] for g in groups]
    xs = [(d.span[0] + d.span[1]) / 2 for d in heads]
    spans = [(min(dots[k].span[0] for k in g), max(dots[k].span[1] for k in g))
             for g in groups]
    labels = [_label_span(x, len(texts[g[0]][0]) * dpc, dpc, left_edge, right_edge)
              if len(g) == 1 else None for x, g in zip(xs, groups, strict=True)]
    digits = len(str(len(groups)))
    places, into = stagger_merging(
        [_stagger_span(s, x, label, dpc, _callout_chars(len(g), digits))
         for s, x, label, g in zip(spans, xs, labels, groups, strict=True)], max_rows,
        xs, TOUCH_CHARS * dpc)
    merged: dict[int, list[int]] = {}  # a marker with no place of its own joins a group
    root = list(range(len(groups)))
    for k, target in enumerate(into):
        if target is not None:
            root[k] = root[target]
        merged.setdefault(root[k], []).append(k)
    markers: list[Marker] = []
    key: list[KeyEntry] = []
    for r, ks in merged.items():
        g = [i for k in ks for i in groups[k]]
        row, show = places[r]
        show = show and labels[r] is not None and len(ks) == 1
        number = None if show else len(key) + 1
        span = (min(spans[k][0] for k in ks), max(spans[k][1] for k in ks))
        m = _marker([dots[k] for k in g], [texts[k] for k in g], xs[r], span, row, show,
                    labels[r], y, number, clock)
        markers.append(m)
        if number is not None:
            key.append(_key_entry(m, [dots[k] for k in g], [texts[k][0] for k in g], clock))
    n_rows = max((m.row for m in markers), default=0) + 1
    title = LABELS["events"]
    lane = Lane(EVENTS_LANE, title, title.get(clock.lang) or "", "markers", y,
                float(n_rows), n_rows)
    return lane, markers, key


def _callout_chars(members: int, digits: int) -> int:
    """Characters a callout takes right of its symbol: the gap, the number and, for a
    group, " ×k" ("12 ×6")."""
    return 2 + digits + (len(f" ×{members}") if members > 1 else 0)


def _stagger_span(span: tuple[int, int], x: float, label: tuple[float, float] | None,
                  dpc: float, callout: int = 3) -> tuple[float, float, float, float]:
    """What a marker takes in its row: with its label, and without (whisker, symbol and
    the callout number of ``callout`` characters beside it)."""
    s0, s1 = min(span[0], x - dpc), max(span[1], x + callout * dpc)
    if label is None:  # a group: never labelled on the plot
        return s0, s1, s0, s1
    return min(s0, label[0] - dpc / 2), max(s1, label[1] + dpc / 2), s0, s1


def _label_span(x: float, width: float, dpc: float, left_edge: float, right_edge: float
                ) -> tuple[float, float] | None:
    """A marker's label: right of the symbol, or left of it where it would run past
    the right edge; None where it fits neither way (it is keyed)."""
    if x + dpc + width <= right_edge:
        return x + dpc, x + dpc + width
    if x - dpc - width >= left_edge:
        return x - dpc - width, x - dpc
    return None


def _lead_type(dots: list[Dot]) -> str:
    """The type a group is drawn as: its first key type (diagnosis, relapse, ...)."""
    types = [d.type for d in dots]
    return next((t for t in KEY_EVENT_TYPES if t in types), types[0])


def _marker(dots: list[Dot], texts: list[tuple[str, str, bool]], x: float,
            span: tuple[int, int], row: int, show: bool,
            label_span: tuple[float, float] | None, lane_y: float, number: int | None,
            clock: Clock) -> Marker:
    d = dots[0]
    kind = _lead_type(dots) if len(dots) > 1 else d.type
    style = palette.event_style(kind)
    label, tooltip, missing = texts[0]
    if len(dots) > 1:
        label = LABELS["events_n"].get(clock.lang).format(n=len(dots))  # type: ignore[union-attr]
        tooltip = "\n\n".join(t[1] for t in texts)
        missing = any(t[2] for t in texts)
    lx0, lx1 = label_span or (x, x)
    return Marker(d.ref, EVENTS_LANE, kind, x, (float(span[0]), float(span[1])), row,
                  lane_y + row + 0.5, style.symbol, style.colour,
                  any(o.date.approximate for o in dots), label, lx0, lx1, show,
                  style.text, tooltip, missing, number,
                  tuple(o.ref for o in dots) if len(dots) > 1 else (), clock.when(d.date))


def _key_entry(m: Marker, dots: list[Dot], labels: list[str], clock: Clock) -> KeyEntry:
    """A callout explained; in a group of several dates each label carries its own."""
    whens = [m.when] if len(dots) == 1 else [clock.when(d.date) for d in dots]
    if len(set(whens)) > 1:
        labels = [f"{w}: {t}" for w, t in zip(whens, labels, strict=True)]
    assert m.callout is not None
    return KeyEntry(m.callout, m.type, m.symbol, m.colour, m.when if len(set(whens)) == 1
                    else f"{whens[0]} – {whens[-1]}", tuple(labels),
                    tuple(d.ref for d in dots))
