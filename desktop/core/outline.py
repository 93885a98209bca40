"""A case as a talk tells it: the key facts in order and the take-away, written once.

The slide deck and the presentation mode both show these; the rules for which facts,
in which order, with which dates, and how many sentences of the conclusion live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core import vocab
from desktop.core.dates import PartialDate, day_bounds
from desktop.core.deid import DeidView
from desktop.core.deid.relative import unit_text
from desktop.core.model import Case, Diagnosis, Text

TAKE_AWAY_SENTENCES = 3
TAKE_AWAY_CHARS = 400

#: A sentence ends at . ! ? … before a capital or a digit (closing quotes may follow).
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”)]*\s+(?=[\"«“(]?[A-ZА-ЯЁ0-9])")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences: after . ! ? … followed by a capital or a digit.
    Abbreviations followed by a lower-case word (``e.g. the``, ``т. е. через``) stay."""
    out = []
    for para in text.split("\n"):
        out += [s.strip() for s in _SENTENCE_END.split(para.strip()) if s.strip()]
    return out


def first_sentences(text: str, max_sentences: int = TAKE_AWAY_SENTENCES,
                    max_chars: int = TAKE_AWAY_CHARS) -> list[str]:
    """The first sentences of ``text``, whole, while they stay within ``max_sentences``
    and ``max_chars`` (the first always)."""
    out: list[str] = []
    for s in sentences(text):
        if out and (len(out) >= max_sentences or sum(map(len, out)) + len(s) > max_chars):
            break
        out.append(s)
    return out


@dataclass
class CaseOutline:
    """A case as a talk shows it: de-identified unless ``anonymize`` is off (identifiers
    gone, text scrubbed, dates relative to the transplant or diagnosis), in one language."""

    source: Case
    lang: str
    anonymize: bool = True
    case: Case = field(init=False)
    view: DeidView | None = field(init=False)

    def __post_init__(self) -> None:
        if self.anonymize:
            self.case = DeidView(self.source).case()
            self.view = DeidView(self.case)  # the copy's dates give the same labels
        else:
            self.case, self.view = self.source, None

    @property
    def anchor(self) -> str:
        """The timeline's anchor: relative time when de-identified, else the calendar."""
        return self.view.anchor_kind if self.view is not None else "calendar"

    def when(self, d: PartialDate | None) -> str:
        if d is None:
            return vocab.field("not_reported", self.lang)
        return self.view.date(d, self.lang) if self.view is not None else d.display(self.lang)

    def when_one(self, d: PartialDate | None) -> str:
        """One value for a date, never a range: a partial date de-identified on the day
        scale is the middle of its span, marked "≈" (a title says "≈ D−1470", not
        "D−1485 – D−1456")."""
        label = self.when(d)
        v = self.view
        if d is None or v is None or v.anchor is None or " – " not in label \
                or v.style not in ("transplant", "days"):
            return label
        lo, hi = day_bounds(v.anchor, d)
        return "≈ " + unit_text((lo + hi) // 2, self.lang, v.style)

    def text(self, t: Text | None) -> str:
        """The text in the outline's language, empty if the case has it in neither."""
        return vocab.text_or_missing(t, self.lang) if t else ""

    def caption(self) -> str:
        """What relative dates count from ('' when calendar dates are shown)."""
        return self.view.caption(self.lang) if self.view is not None else ""

    def fact_rows(self) -> list[tuple[str, str]]:
        """Label and value of each key fact, identifying ones only when not anonymized."""
        c, lang = self.case, self.lang
        label = lambda name: vocab.field(name, lang)  # noqa: E731
        pt, dx = c.patient, c.diagnosis
        rows: list[tuple[str, str]] = []
        if not self.anonymize:
            for name, value in (("initials", pt.initials), ("record_number", pt.record_number),
                                ("birth_date", pt.birth_date and pt.birth_date.display(lang))):
                if value:
                    rows.append((label(name), value))
        if pt.sex:
            rows.append((label("sex"), vocab.label(vocab.SEXES, pt.sex, lang)))
        if pt.age_at_diagnosis is not None:
            rows.append((label("age_at_diagnosis"),
                         vocab.count(pt.age_at_diagnosis, "year", lang)))
        if dx.name:
            rows.append((label("diagnosis"), self.text(dx.name)))
        if dx.date:
            rows.append((label("diagnosed"), self.when_one(dx.date)))
        rows += [(label(name), value) for name, value in lymphoma_facts(dx, lang)]
        for name in ("immunophenotype", "karyotype", "molecular"):
            value = getattr(dx, name)
            if value:
                rows.append((label(name), vocab.notation(value, lang, name)))
        dated = sorted((f for f in c.findings if f.date), key=lambda f: f.date.sort_key())
        for i, f in enumerate(dated + [f for f in c.findings if not f.date]):
            kind = label(f.kind) if f.kind in vocab.FIELDS else ""
            value = vocab.notation(f.value, lang, f.kind)
            text = f"{self.when(f.date)}: " + (f"{kind}: {value}" if kind else value)
            rows.append((label("findings") if i == 0 else "", text))
        if c.consent is not None:
            rows.append((label("consent"), label("consent_yes" if c.consent else "consent_no")))
        return rows

    def take_away(self) -> list[str]:
        """The conclusion's first sentences, whole; empty when the case has none."""
        conclusion = self.case.sections.get("conclusion")
        return first_sentences(self.text(conclusion)) if conclusion else []


def lymphoma_facts(dx: Diagnosis, lang: str) -> list[tuple[str, str]]:
    """(field name, value) of the stage, IPI and cell of origin the case records: the
    stage as written, the cell of origin by its label; none of them when not recorded
    (a leukaemia has none, and "not reported" on every such case would be noise)."""
    facts = [("stage", dx.stage),
             ("ipi", None if dx.ipi is None else str(dx.ipi)),
             ("cell_of_origin", vocab.label(vocab.CELL_OF_ORIGIN, dx.cell_of_origin, lang))]
    return [(name, value) for name, value in facts if value]
