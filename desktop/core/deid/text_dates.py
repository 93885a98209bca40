"""Dates written in free text, found and replaced: numeric, ISO and month-name forms in
English and Russian become time relative to the anchor, and the patient's initials and
record number are removed; clinical numbers that merely look like dates stay.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from functools import cache

from desktop.core.dates import (
    MONTHS_EN,
    MONTHS_EN_SHORT,
    MONTHS_RU,
    MONTHS_RU_GEN,
    MONTHS_RU_PREP,
    DateError,
    PartialDate,
    month_from_name,
)
from desktop.core.deid.relative import (
    DATE_PLACEHOLDER,
    REMOVED,
    Style,
    check_lang_style,
    span_label,
)

_HY = r"(?:\u00ad|-[ \t]*\r?\n[ \t]*)?"  # soft hyphen, or a hyphen at a line break
_HY_RE = re.compile(r"\u00ad|-[ \t]*\r?\n[ \t]*")


def _names(words: Iterable[str]) -> str:
    """An alternation of words, each breakable by a hyphen at a line end (PDF text)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(_HY.join(re.escape(c) for c in w) for w in ordered) + ")"


_NL_BEFORE = r"(?<![^\W\d_])"  # not preceded by a letter
_NL_AFTER = r"(?![^\W\d_])"  # not followed by a letter
_Y = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
_SEP = r"\.?(?:\s*,\s*|\s+)"  # "March 2014", "March, 2014", "Mar. 2014"
_END = r"(?!\d|[.,/]\d)"  # not the start of a longer number
_RU_SUFFIX = (r"(?:\s*(?:г\.\s*р\.|гг?\.|г" + _NL_AFTER + r"|год(?:а|у|ах)?" + _NL_AFTER + "))")
_UNITS = (r"(?!\s*(?:[%‰×*/]|x\s*10|(?:c?Gy|[mµnk]?g|m[lL]|µ[lL]|[lL]|IU|U|cells?|copies"
          r"|patients?|pts|cases?|mm|cm)" + _NL_AFTER + "))")
_EN = "(?i:" + _names([*MONTHS_EN, *MONTHS_EN_SHORT, "Sept"]) + ")" + _NL_AFTER
_EN_FULL = _names(MONTHS_EN) + _NL_AFTER  # day + month without a year: full names only
_RU_ABBR = ("янв", "фев", "февр", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт",
            "ноя", "нояб", "дек")
_RU = "(?i:" + _names([*MONTHS_RU, *MONTHS_RU_PREP, *MONTHS_RU_GEN, *_RU_ABBR]) + ")" + _NL_AFTER
_RU_GEN = "(?i:" + _names(MONTHS_RU_GEN) + ")" + _NL_AFTER
_EN_YEAR_CONTEXT = (r"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Dd]uring|[Ff]rom|[Bb]efore"
                    r"|[Aa]fter|[Bb]etween)\s+(?:(?:early|late|mid)[\s-]+)?")
_TIME = r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"

#: Every form, tried left to right; at one position the first listed form wins.
_FORMS: tuple[tuple[str, str], ...] = (
    ("iso", rf"(?<![\d.,/])(?P<iso_y>{_Y})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d){_TIME}"
            rf"{_RU_SUFFIX}?{_END}"),
    ("isom", rf"(?<![\w.,/-])(?P<isom_y>{_Y})-(?P<isom_m>\d\d){_RU_SUFFIX}?(?![\w-]|[.,/]\d)"
             rf"{_UNITS}"),
    ("num", rf"(?<![\d.,/])(?P<num_d>\d{{1,2}})(?P<num_s>[./-])(?P<num_m>\d{{1,2}})(?P=num_s)"
            rf"(?P<num_y>{_Y}|\d\d){_RU_SUFFIX}?{_END}"),
    ("numm", rf"(?<![\w.,/-])(?P<numm_m>\d{{1,2}})(?P<numm_s>[./])(?P<numm_y>{_Y})"
             rf"{_RU_SUFFIX}?{_END}{_UNITS}"),
    ("dmy_en", rf"(?<![\d.,])(?P<dmy_en_d>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<dmy_en_m>{_EN})"
               rf"{_SEP}(?P<dmy_en_y>{_Y}){_END}"),
    ("dmy_ru", rf"(?<![\d.,])(?P<dmy_ru_d>\d{{1,2}})(?:-?го)?\s+(?P<dmy_ru_m>{_RU_GEN})\s+"
               rf"(?P<dmy_ru_y>{_Y}){_RU_SUFFIX}?{_END}"),
    ("dm_en", rf"(?<![\d.,])(?P<dm_en_d>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<dm_en_m>{_EN_FULL})"),
    ("dm_ru", rf"(?<![\d.,])(?P<dm_ru_d>\d{{1,2}})(?:-?го)?\s+(?P<dm_ru_m>{_RU_GEN})"),
    ("mdy_en", rf"{_NL_BEFORE}(?P<mdy_en_m>{_EN})\.?\s*(?P<mdy_en_d>\d{{1,2}}){_ORD}"
               rf"(?:\s*,\s*|\s+)(?P<mdy_en_y>{_Y}){_END}"),
    ("my_en", rf"{_NL_BEFORE}(?P<my_en_m>{_EN}){_SEP}(?:of\s+)?(?P<my_en_y>{_Y}){_END}"),
    ("my_ru", rf"{_NL_BEFORE}(?P<my_ru_m>{_RU})\.?,?\s+(?P<my_ru_y>{_Y}){_RU_SUFFIX}?{_END}"),
    ("md_en", rf"{_NL_BEFORE}(?P<md_en_m>{_EN_FULL})\s+(?P<md_en_d>\d{{1,2}}){_ORD}"
              rf"(?![\d.,:/]?\d|\s*[%‰])"),
    ("year_en", rf"(?P<year_en_c>{_NL_BEFORE}{_EN_YEAR_CONTEXT})(?P<year_en_y>{_Y})"
                rf"(?:\s*(?:[–—-]|to|and|until)\s*(?P<year_en_y2>{_Y}))?{_END}{_UNITS}"
                rf"(?![\w-])"),
    ("year_ru", rf"(?<![\w.,/-])(?P<year_ru_y>{_Y})(?:(?:\s*[–—-]\s*|\s+(?:по|и)\s+)"
                rf"(?P<year_ru_y2>{_Y}))?"
                rf"{_RU_SUFFIX}{_END}"),
    ("year_ru_v", rf"(?P<year_ru_v_c>{_NL_BEFORE}[Вв]\s+)(?P<year_ru_v_y>{_Y})"
                  rf"(?=\s*[,.;:)]|\s*$)"),
)


@cache
def _date_re() -> re.Pattern[str]:
    """Every form in one pattern, compiled on first use (a twentieth of a second: paid by
    what scrubs text, not by every start)."""
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _FORMS))


_UNDATED = "undated"  # no year, or an impossible day: removed, nothing to count from
Found = tuple[PartialDate, PartialDate] | str | None


def _ymd(y: str | int, mo: str | int | None = None, d: str | int | None = None
         ) -> PartialDate | None:
    try:
        return PartialDate(int(y), int(mo) if mo else None, int(d) if d else None)
    except (DateError, ValueError):
        return None


def _month(name: str) -> int | None:
    return month_from_name(_HY_RE.sub("", name))


def _one(d: PartialDate | None) -> Found:
    return (d, d) if d else None


def _day_date(y: str, mo: str | int | None, day: str) -> Found:
    """A day date; an impossible one shaped like a date (``31.09.2018``, a typo of a real
    date) is removed too, never left in the text."""
    found = _ymd(y, mo, day)
    if found is not None:
        return found, found
    plausible = mo is not None and 1 <= int(mo) <= 12 and 1 <= int(day) <= 31
    return _UNDATED if plausible and _ymd(y) else None


def _numeric(m: re.Match[str]) -> Found:
    """``09.08.2018`` (day first), ``08/25/2018`` when only month-first is possible,
    ``09.08.18`` only with two-digit day and month and dots."""
    day, sep, mo, y = m["num_d"], m["num_s"], m["num_m"], m["num_y"]
    if len(y) == 2:
        if sep != "." or len(day) != 2 or len(mo) != 2:
            return None
        y = str((2000 if int(y) < 50 else 1900) + int(y))
    if sep == "/" and _ymd(y, mo, day) is None and _ymd(y, day, mo) is not None:
        mo, day = day, mo  # 08/25/2018 can only be month first
    return _day_date(y, mo, day)


def _no_year(mo: int | None, day: str) -> Found:
    ok = mo is not None and 1 <= int(day) <= calendar.monthrange(2000, mo)[1]
    return _UNDATED if ok else None


def _years(y: str, y2: str | None) -> Found:
    first, last = _ymd(y), _ymd(y2) if y2 else _ymd(y)
    if first is None or last is None or last.year < first.year:
        return None
    return first, last


def _found(kind: str, m: re.Match[str]) -> Found:
    """What a match means: a period, ``_UNDATED``, or ``None`` (not a date after all)."""
    g = m.group
    match kind:
        case "iso":
            return _day_date(g("iso_y"), g("iso_m"), g("iso_d"))
        case "isom":
            return _one(_ymd(g("isom_y"), g("isom_m")))
        case "num":
            return _numeric(m)
        case "numm":
            two = g("numm_s") == "/" or len(g("numm_m")) == 2
            return _one(_ymd(g("numm_y"), g("numm_m"))) if two else None
        case "dmy_en" | "dmy_ru" | "mdy_en":
            return _day_date(g(f"{kind}_y"), _month(g(f"{kind}_m")), g(f"{kind}_d"))
        case "my_en" | "my_ru":
            return _one(_ymd(g(f"{kind}_y"), _month(g(f"{kind}_m"))))
        case "dm_en" | "dm_ru" | "md_en":
            return _no_year(_month(g(f"{kind}_m")), g(f"{kind}_d"))
        case "year_en" | "year_ru":
            return _years(g(f"{kind}_y"), g(f"{kind}_y2"))
        case _:
            return _years(g("year_ru_v_y"), None)


def _overlaps(first: PartialDate, last: PartialDate, other: PartialDate) -> bool:
    return first.start() <= other.end() and other.start() <= last.end()


def identifier_tokens(initials: str | None, record_number: str | None) -> list[str]:
    """The patient's identifiers as they may be written: ``K.A.`` also as ``K. A.``."""
    tokens: list[str] = []
    if initials and len(initials.strip()) >= 2:
        tight = re.sub(r"\s+", "", initials.strip())
        tokens += [initials.strip(), tight, re.sub(r"\.(?=\S)", ". ", tight), tight.rstrip(".")]
    if record_number and record_number.strip():
        tokens.append(record_number.strip())
    return list(dict.fromkeys(tokens))


def _token_re(tokens: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(tokens), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)")


class Scrubber:
    """The text rules bound to one anchor, style and patient."""

    def __init__(self, anchor: PartialDate | None, style: str, identifiers: Iterable[str],
                 birth_date: PartialDate | None) -> None:
        self.anchor, self.style, self.birth = anchor, style, birth_date
        self.ids = _token_re(identifiers)

    def __call__(self, text: str, lang: str) -> str:
        check_lang_style(lang, self.style)
        removed = REMOVED.get(lang) or ""
        if self.ids is not None:
            text = self.ids.sub(removed, text)
        return _date_re().sub(lambda m: self._replace(m, lang), text)

    def _replace(self, m: re.Match[str], lang: str) -> str:
        kind = m.lastgroup or ""
        found = _found(kind, m)
        if found is None:
            return m.group(0)
        keep = m.groupdict().get(f"{kind}_c") or ""  # "in ", "в ": context words stay
        return keep + self._label(found, lang) + _sentence_end(m)

    def _label(self, found: str | tuple[date, date], lang: str) -> str:
        if isinstance(found, str):
            return DATE_PLACEHOLDER.get(lang) or ""
        first, last = found
        if self.birth is not None and _overlaps(first, last, self.birth):
            return REMOVED.get(lang) or ""
        if self.anchor is None:
            return DATE_PLACEHOLDER.get(lang) or ""
        return span_label(first, last, self.anchor, lang, self.style)


def _sentence_end(m: re.Match[str]) -> str:
    """The full stop of "… 2016 г." also ends the sentence when a capital or the end of the
    text follows: keep it, so two sentences never run together."""
    if not m.group(0).endswith("."):
        return ""
    rest = m.string[m.end():]
    return "." if not rest.strip() or re.match(r"\s+[A-ZА-ЯЁ]", rest) else ""


def scrub_text(text: str, lang: str, anchor_date: PartialDate | None, *,
               style: Style = "days", identifiers: Iterable[str] = (),
               birth_date: PartialDate | None = None) -> str:
    """``text`` with every written date replaced by its relative label (``[date]`` without
    an anchor), the birth date and the exact ``identifiers`` tokens by ``[removed]``."""
    return Scrubber(anchor_date, style, identifiers, birth_date)(text, lang)
