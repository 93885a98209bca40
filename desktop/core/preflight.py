"""The check before every export: what the chosen language will lack or show wrongly.

Outputs never print a placeholder or the other language: a field the case lacks in the
language asked for is left out, and this pre-flight is where the reader learns it. The
window shows the list in the export dialogs; the command line prints it as warnings
(``--strict`` makes them errors).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from desktop.core import pet, vocab
from desktop.core.model import Case, Text
from desktop.core.text import message

KINDS = ("missing_text", "untranslated", "unknown_code", "undated", "no_comparison",
         "citation")

_MSG = {
    "missing_text": Text("{where}: no {lang} text", "{where}: нет текста на языке «{lang}»"),
    "no_summary": Text("no summary in {lang}: page 1 has no case paragraph",
                       "нет резюме на языке «{lang}»: на стр. 1 нет абзаца о случае"),
    "untranslated": Text("{where}: {value!r} has no {lang} label and is shown as written",
                         "{where}: у {value!r} нет перевода на язык «{lang}», "
                         "значение выводится как записано"),
    "unknown_code": Text("{where}: unknown code {value!r}, shown as written",
                         "{where}: неизвестный код {value!r}, выводится как записан"),
    "undated": Text("{where}: no date, left off the timeline",
                    "{where}: нет даты, не показано на временной шкале"),
    "single_study": Text("{where}: the only PET study, nothing to compare it with",
                         "{where}: единственное ПЭТ-исследование, сравнивать не с чем"),
    "no_category": Text("{where}: no {crit} category ({why})",
                        "{where}: нет категории {crit} ({why})"),
    "pet_error": Text("PET comparison not possible: {why}", "Сравнение ПЭТ невозможно: {why}"),
    "citation": Text("{where}: citations {n} have no entry in the reference list ({count})",
                     "{where}: ссылкам {n} нет источника в списке литературы ({count})"),
}
LANG_NAMES = {"en": Text("English", "английском"), "ru": Text("Russian", "русском")}
_CODE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$|^[a-z0-9_]+_(?:pct|percent)$")
_LATIN = re.compile(r"[A-Za-z]{3,}")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
#: [1], [7-9], [2, 4]; not a karyotype's cell count such as "+mar2-3[19]" (after a digit).
_CITE = re.compile(r"(?<![0-9])\[(\d+(?:\s*[-–,]\s*\d+)*)\]")


@dataclass(frozen=True)
class Issue:
    kind: str  # one of KINDS
    where: str  # field path, e.g. therapies[2].name
    lang: str  # the output language it concerns
    text: Text  # the message, in both languages

    def line(self, ui_lang: str) -> str:
        return self.text.get(ui_lang) or self.text.en or ""


def _texts(case: Case) -> Iterator[tuple[str, Text]]:
    """Every reader-facing text of the case, with its field path."""
    yield "title", case.title
    yield "diagnosis.name", case.diagnosis.name
    yield "diagnosis.note", case.diagnosis.note
    for i, f in enumerate(case.findings):
        yield f"findings[{i}].note", f.note
    for i, t in enumerate(case.therapies):
        yield f"therapies[{i}].name", t.name
        yield f"therapies[{i}].note", t.note
    for i, e in enumerate(case.events):
        yield f"events[{i}].label", e.label
        yield f"events[{i}].note", e.note
    for i, m in enumerate(case.measurements):
        yield f"measurements[{i}].note", m.note
    for i, s in enumerate(case.pet_studies):
        yield f"pet_studies[{i}].label", s.label
        yield f"pet_studies[{i}].note", s.note
        for j, x in enumerate(s.lesions):
            yield f"pet_studies[{i}].lesions[{j}].site", x.site
    for name, t in case.sections.items():
        yield f"sections.{name}", t


def _foreign(value: str, lang: str) -> bool:
    """Words in the other script: Latin words in Russian output, Cyrillic in English."""
    return bool(_LATIN.search(value)) if lang == "ru" else bool(_CYRILLIC.search(value))


def _issue(kind: str, key: str, where: str, lang: str, **fields: object) -> Issue:
    return Issue(kind, where, lang, message(_MSG[key], where=where, lang=LANG_NAMES[lang],
                                            **fields))


def _vocabulary(case: Case, lang: str) -> Iterator[Issue]:
    def check(where: str, value: str | None, table: dict[str, Text], code_like: bool) -> None:
        if not value or value in table:
            return
        if code_like and _CODE.match(value):
            found.append(_issue("unknown_code", "unknown_code", where, lang, value=value))
        elif _foreign(value, lang):
            found.append(_issue("untranslated", "untranslated", where, lang, value=value))

    found: list[Issue] = []
    for i, e in enumerate(case.events):
        if (e.site and vocab.site_codes(e.site) != [e.site]) or e.site in vocab.SITES:
            continue
        check(f"events[{i}].site", e.site, vocab.SITES, True)
    for i, t in enumerate(case.therapies):
        check(f"therapies[{i}].response", t.response, vocab.RESPONSES, False)
    for i, m in enumerate(case.measurements):
        check(f"measurements[{i}].kind", m.kind, vocab.MEASUREMENT_KINDS, True)
        check(f"measurements[{i}].unit", m.unit, vocab.UNITS, False)
    yield from found


def _dates(case: Case, lang: str) -> Iterator[Issue]:
    for i, t in enumerate(case.therapies):
        if t.start is None:
            yield _issue("undated", "undated", f"therapies[{i}] ({t.name.get(lang) or ''})"
                         .replace(" ()", ""), lang)
    for i, f in enumerate(case.findings):
        if f.date is None:
            yield _issue("undated", "undated", f"findings[{i}]", lang)


def _comparisons(case: Case, lang: str) -> Iterator[Issue]:
    if len(case.pet_studies) == 1:
        yield _issue("no_comparison", "single_study", "pet_studies[0]", lang)
        return
    try:
        comps = pet.compare_studies(case)
    except pet.PetError as e:
        yield _issue("no_comparison", "pet_error", "pet_studies", lang, why=e.text)
        return
    order = sorted(range(len(case.pet_studies)),
                   key=lambda i: case.pet_studies[i].date.sort_key())
    for k, c in zip(order[1:], comps, strict=True):
        if c.verdict.category is None:
            why = Text(*(t.get(lg) for t, lg in ((c.verdict.result.explanation, "en"),
                                                  (c.verdict.result.explanation, "ru"))))
            yield _issue("no_comparison", "no_category", f"pet_studies[{k}]", lang,
                         crit=c.verdict.name, why=why)


def _citations(case: Case, lang: str) -> Iterator[Issue]:
    count = len(case.references)
    for name, t in case.sections.items():
        bad = sorted({n for m in _CITE.finditer(t.get(lang) or "")
                      for n in _numbers(m.group(1)) if not 1 <= n <= count})
        if bad:
            yield _issue("citation", "citation", f"sections.{name}", lang,
                         n=", ".join(f"[{n}]" for n in bad), count=count)


def _numbers(group: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", group):
        ends = [int(x) for x in re.split(r"\s*[-–]\s*", part)]
        out += list(range(ends[0], ends[-1] + 1)) if len(ends) == 2 else ends
    return out


def preflight(case: Case, lang: str) -> list[Issue]:
    """What the output in ``lang`` ("en", "ru" or "both") will lack or show as written."""
    out: list[Issue] = []
    for lg in (("en", "ru") if lang == "both" else (lang,)):
        out += [_issue("missing_text", "missing_text", where, lg)
                for where, t in _texts(case) if t and not t.get(lg)]
        if not (case.sections.get("summary") or Text()).get(lg):
            out.append(_issue("missing_text", "no_summary", "sections.summary", lg))
        out += list(_vocabulary(case, lg))
        out += list(_dates(case, lg))
        out += list(_citations(case, lg))
        if lg == (("en", "ru") if lang == "both" else (lang,))[0]:
            out += list(_comparisons(case, lg))
    return out


def report_lines(issues: list[Issue], ui_lang: str = "en") -> list[str]:
    """One line per issue, the language of the output in front when both are checked."""
    langs = {i.lang for i in issues}
    return [(f"{i.lang.upper()}: " if len(langs) > 1 else "") + i.line(ui_lang) for i in issues]


def warnings_for(cases: list[Case], lang: str, ui_lang: str = "en") -> list[str]:
    """The pre-flight of each case as command-line warnings: ``CODE: message``."""
    return [f"{c.code}: {line}" for c in cases
            for line in report_lines(preflight(c, lang), ui_lang)]


def cli_messages(cases: list[Case], lang: str, strict: bool, prog: str,
                 ui_lang: str = "en") -> tuple[list[str], bool]:
    """The command line's pre-flight lines (warnings, or errors with ``--strict``), in
    the program's output language ``ui_lang``, and whether the export stops."""
    lines = warnings_for(cases, lang, ui_lang)
    kind = "error" if strict else "warning"
    out = [f"{prog}: {kind}: {line}" for line in lines]
    if strict and lines:
        out.append(f"{prog}: error: --strict: nothing written ({len(lines)} pre-flight "
                   "findings)")
    return out, strict and bool(lines)
