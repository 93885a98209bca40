"""A case as plain text for the terminal (``case-presenter show``)."""

from __future__ import annotations

from desktop.core import pet, vocab
from desktop.core.dates import PartialDate
from desktop.core.model import Case
from desktop.core.vocab import field, label, text_or_missing


def _date(d: PartialDate | None, lang: str) -> str:
    return d.display(lang) if d else "?"


def _num(value: float | None, lang: str) -> str:
    if value is None:
        return field("not_reported", lang)
    s = f"{value:g}"
    return s.replace(".", ",") if lang == "ru" else s


def format_case(case: Case, lang: str = "en") -> str:
    """Every section of the case, in one language; unknown values say "not reported"."""
    out: list[str] = [f"{case.code}  {text_or_missing(case.title, lang)}"]
    if case.tags:
        out.append(f"{field('tags', lang)}: {', '.join(case.tags)}")
    out += _patient(case, lang) + _diagnosis(case, lang)
    out += _block(field("findings", lang), [
        f"{_date(f.date, lang):<14} {f.kind}: {f.value}" for f in case.findings])
    out += _block(field("therapies", lang), [_therapy(t, lang) for t in case.therapies])
    out += _block(field("events", lang), [_event(e, lang) for e in case.events])
    out += _block(field("measurements", lang), [
        f"{_date(m.date, lang):<14} {label(vocab.MEASUREMENT_KINDS, m.kind, lang)}: "
        + (f"{_num(m.value, lang)} {m.unit or ''}".rstrip() if m.value is not None
           else field(m.result or "not_reported", lang)) for m in case.measurements])
    out += _block(field("pet_studies", lang), [line for s in case.pet_studies
                                                for line in _pet(s, lang)])
    out += _block(field("pet_response", lang), _responses(case, lang))
    for name, text in case.sections.items():
        out += _block(label(vocab.SECTIONS, name, lang), [text_or_missing(text, lang)])
    out += _block(field("references", lang), case.references)
    consent = {True: "consent_yes", False: "consent_no", None: "not_reported"}[case.consent]
    out += ["", f"{field('consent', lang)}: {field(consent, lang)}"]
    return "\n".join(out)


def _block(title: str, lines: list[str]) -> list[str]:
    return ["", title, *(f"  {x}" for x in lines)] if lines else []


def _patient(case: Case, lang: str) -> list[str]:
    p = case.patient
    parts = [label(vocab.SEXES, p.sex, lang) or field("not_reported", lang)]
    if p.age_at_diagnosis is not None:
        parts.append(f"{field('age_at_diagnosis', lang).lower()} "
                     f"{vocab.count(p.age_at_diagnosis, 'year', lang)}")
    return ["", f"{field('patient', lang)}: {', '.join(parts)}"]


def _diagnosis(case: Case, lang: str) -> list[str]:
    dx = case.diagnosis
    lines = [f"{_date(dx.date, lang)}  {text_or_missing(dx.name, lang)}"]
    for name in ("immunophenotype", "karyotype", "molecular"):
        lines.append(f"{field(name, lang)}: {getattr(dx, name) or field('not_reported', lang)}")
    if dx.note:
        lines.append(text_or_missing(dx.note, lang))
    return _block(field("diagnosis", lang), lines)


def _event(e, lang: str) -> str:
    kind = label(vocab.EVENT_TYPES, e.type, lang)
    text = text_or_missing(e.label, lang)
    head = text if text.lower().startswith(kind.lower()) else f"{kind}: {text}"
    site = f" [{vocab.site_label(e.site, lang)}]" if e.site else ""
    return f"{_date(e.date, lang):<14} {head}{site}"


def _responses(case: Case, lang: str) -> list[str]:
    """Each follow-up study against the baseline: the response and why (``desktop.core.pet``)."""
    try:
        pairs = pet.compare_studies(case)
    except ValueError as e:
        return [str(e)]
    lines = []
    for c in pairs:
        v = c.verdict  # the criteria of the disease; the physician's read beside it
        lines.append(f"{_date(c.baseline.date, lang)} → {_date(c.follow_up.date, lang)}: "
                     f"{v.headline(lang)}")
        lines.append(f"  {v.result.explanation.get(lang)}")
        lines += [f"  {x}" for x in v.lines(lang)[1:]]
        if v.criteria == "lugano":
            lines += [f"  {x.explanation.get(lang)}" for x in c.deauville if x.score]
        if v.secondary is not None:
            lines.append(f"  {v.secondary_text(lang)}")
    return lines


def _therapy(t, lang: str) -> str:
    end = field("ongoing", lang) if t.ongoing else (
        _date(t.end, lang) if t.end and t.end != t.start else "")
    when = f"{_date(t.start, lang)} – {end}" if end else _date(t.start, lang)
    s = f"{when:<28} {text_or_missing(t.name, lang)}"
    if t.cycles is not None:
        s += f", {vocab.count(t.cycles, 'cycle', lang)}"
    if t.response:
        s += f" → {label(vocab.RESPONSES, t.response, lang)}"
    return s


def _pet(s, lang: str) -> list[str]:
    head = f"{_date(s.date, lang):<14} {s.label.get(lang) or ''}".rstrip()
    lines = [head]
    for x in s.lesions:
        lines.append(f"  {field('lesion', lang)} {x.id} ({x.site.get(lang) or '?'}): "
                     f"SULmax {_num(x.sul_max, lang)}, SULpeak {_num(x.sul_peak, lang)}")
    if s.visual_response:
        lines.append(f"  {field('visual_response', lang)}: "
                     f"{label(vocab.RESPONSES, s.visual_response, lang)}")
    return lines
