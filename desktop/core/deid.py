"""De-identification: one set of rules for the screen, the PDF and the slides.

What goes
    initials, record number and birth date (set to ``None``); the same strings, and the
    birth date, wherever they are written in free text; every absolute date written in
    free text (numeric, ISO and month-name forms in English and Russian), replaced by
    time relative to an anchor; metadata chunks of PET images (PNG text, JPEG EXIF/XMP).

What stays
    clinical numbers that merely look like dates: doses (``10 mg/kg``), karyotypes,
    counts, percentages, ``day+24`` / ``D+130``, protocol names with a year
    (``ALL-REZ-MB-2013``) and citation years (``J Nucl Med 2009;50:122S``). A bare year
    is a date only in a clear context (``in 2014``, ``в 2014 г.``).

Relative time (conventions)
    The anchor is the transplant (``D0`` is its day: ``D+24``, ``D−21``; ``Д+24`` in
    Russian) or the diagnosis (``day 1,234`` / ``month 7``; day 0 / month 0 is the
    anchor). Months are whole calendar months elapsed, floored (15 Mar → 14 Oct is
    ``month 6``). A label is exact only when both dates give the day; otherwise it is
    the range the precisions allow (``D+114 – D+144``), or ``≈ month 42`` for a
    calendar-month difference; a day is never invented. No anchor: ``[date]``.

The de-identified ``Case``
    The model holds ``PartialDate``s, so the copy keeps dates but moves every one of
    them by the same whole number of 4-year leap cycles (never zero), putting the
    reference date (the anchor) in 2000–2003 (2040–2043 if it was there already).
    Precision and every day and month count between two dates stay exactly as they
    were, so timelines and relative labels computed on the copy equal those of the
    original, while no date in it is the real date of its event. Dates of the copy are
    never shown as calendar dates: show ``DeidView.date``.
"""

from __future__ import annotations

import calendar
import re
import struct
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any, Literal

from desktop.core.dates import (
    MAX_YEAR,
    MIN_YEAR,
    MONTHS_EN,
    MONTHS_EN_SHORT,
    MONTHS_RU,
    MONTHS_RU_GEN,
    MONTHS_RU_PREP,
    DateError,
    PartialDate,
    Precision,
    day_bounds,
    month_from_name,
)
from desktop.core.errors import CasePresenterError
from desktop.core.model import LANGS, Case, Image, Text

Style = Literal["days", "months", "transplant"]
AnchorKind = Literal["diagnosis", "transplant"]
STYLES: tuple[str, ...] = ("days", "months", "transplant")
ANCHORS: tuple[str, ...] = ("diagnosis", "transplant")

DATE_PLACEHOLDER = Text("[date]", "[дата]")
REMOVED = Text("[removed]", "[удалено]")
MINUS = "\u2212"
NBSP = "\u00a0"
#: A day range wider than this (a year-precision date is involved) is shown in months.
MAX_DAY_RANGE = 62
#: The reference date of a de-identified copy lands in EPOCH_YEAR … EPOCH_YEAR + 3.
EPOCH_YEAR = 2000

#: Fields holding codes, not prose: never scrubbed (initials "CR" must not eat "CR").
_CODE_FIELDS = frozenset({
    "code", "references", "category", "response", "type", "site", "kind", "unit", "result",
    "visual_response", "deauville", "id", "sex", "media_type",
})
#: Fields removed outright from any record that has them.
_IDENTIFYING_FIELDS = frozenset({"initials", "record_number", "birth_date"})


class DeidError(CasePresenterError, ValueError):
    """A case that cannot be de-identified safely; the message says what to fix."""


# --- relative labels ------------------------------------------------------------
def _check(lang: str, style: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, got {style!r}")


def _signed(n: int, lang: str) -> str:
    """``−1,234`` / ``−1 234`` (no-break space), a true minus sign."""
    body = f"{abs(n):,}"
    if lang == "ru":
        body = body.replace(",", NBSP)
    return (MINUS if n < 0 else "") + body


def _unit(n: int, lang: str, unit: str) -> str:
    """One point on the relative axis: ``D+24``, ``D0``, ``day 1,234``, ``месяц −3``."""
    if unit == "transplant":
        letter = "Д" if lang == "ru" else "D"
        sign = "" if n == 0 else ("+" if n > 0 else MINUS)
        return f"{letter}{sign}{abs(n)}"
    word = {"days": ("day", "день"), "months": ("month", "месяц")}[unit][lang == "ru"]
    return f"{word} {_signed(n, lang)}"


def _span(lo: int, hi: int, lang: str, unit: str) -> str:
    if lo == hi:
        return _unit(lo, lang, unit)
    return f"{_unit(lo, lang, unit)} – {_unit(hi, lang, unit)}"


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _whole_months(a: date, b: date) -> int:
    """Whole months from ``a`` to ``b``, floored (negative when ``b`` is earlier)."""
    return _month_index(b) - _month_index(a) - (1 if b.day < a.day else 0)


def _month_label(first: PartialDate, last: PartialDate, anchor: PartialDate,
                 lang: str) -> tuple[str, bool]:
    """The months label and whether it is an estimate (calendar months, not elapsed)."""
    if first == last and first.precision is Precision.DAY and anchor.precision is Precision.DAY:
        return _unit(_whole_months(anchor.start(), first.start()), lang, "months"), False
    lo = _month_index(first.start()) - _month_index(anchor.end())
    hi = _month_index(last.end()) - _month_index(anchor.start())
    return _span(lo, hi, lang, "months"), lo == hi


def _label(first: PartialDate, last: PartialDate, anchor: PartialDate, lang: str,
           style: str) -> str:
    """The relative label of the period ``first`` … ``last`` (one date: first == last)."""
    approx = first.approximate or last.approximate or anchor.approximate
    if style == "months":
        body, estimate = _month_label(first, last, anchor, lang)
    else:
        lo, hi = day_bounds(anchor, first)[0], day_bounds(anchor, last)[1]
        if hi - lo > MAX_DAY_RANGE:
            body, estimate = _month_label(first, last, anchor, lang)
        else:
            body, estimate = _span(lo, hi, lang, style), False
    return ("≈ " if approx or estimate else "") + body


def relative_label(d: PartialDate, anchor_date: PartialDate | None, lang: str,
                   style: Style = "days") -> str:
    """``d`` as time from the anchor: ``D+24``, ``D−21``, ``day 1,234``, ``≈ month 42``,
    ``D+114 – D+144``; ``[date]`` / ``[дата]`` without an anchor, never a wrong number."""
    _check(lang, style)
    if anchor_date is None:
        return DATE_PLACEHOLDER.get(lang) or ""
    return _label(d, d, anchor_date, lang, style)


# --- dates written in text --------------------------------------------------------
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
_DATE_RE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _FORMS))

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


def _identifier_tokens(initials: str | None, record_number: str | None) -> list[str]:
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


class _Scrubber:
    """The text rules bound to one anchor, style and patient."""

    def __init__(self, anchor: PartialDate | None, style: str, identifiers: Iterable[str],
                 birth_date: PartialDate | None) -> None:
        self.anchor, self.style, self.birth = anchor, style, birth_date
        self.ids = _token_re(identifiers)

    def __call__(self, text: str, lang: str) -> str:
        _check(lang, self.style)
        removed = REMOVED.get(lang) or ""
        if self.ids is not None:
            text = self.ids.sub(removed, text)
        return _DATE_RE.sub(lambda m: self._replace(m, lang), text)

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
        return _label(first, last, self.anchor, lang, self.style)


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
    return _Scrubber(anchor_date, style, identifiers, birth_date)(text, lang)


# --- image metadata -----------------------------------------------------------------
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Ancillary PNG chunks needed to show the image right; text, time and EXIF go.
_PNG_KEEP = frozenset({b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs", b"bKGD"})


def _png_without_metadata(data: bytes) -> bytes:
    out, pos = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while pos < len(data):
        if pos + 12 > len(data):
            raise DeidError("the PNG image is truncated; replace it before de-identifying")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise DeidError("the PNG image is truncated; replace it before de-identifying")
        if kind[:1].isupper() or kind in _PNG_KEEP:  # critical chunks always stay
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _jpeg_keeps(marker: int, body: bytes) -> bool:
    """JFIF (APP0), ICC profile (APP2) and Adobe colour (APP14) stay; EXIF, XMP, IPTC and
    comments go."""
    if marker == 0xFE or 0xE0 <= marker <= 0xEF:
        return ((marker == 0xE0 and body.startswith(b"JFIF"))
                or (marker == 0xE2 and body.startswith(b"ICC_PROFILE"))
                or (marker == 0xEE and body.startswith(b"Adobe")))
    return True


def _jpeg_without_metadata(data: bytes) -> bytes:
    out, pos = [data[:2]], 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise DeidError("the JPEG image is damaged; replace it before de-identifying")
        while pos < len(data) and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos + 3 > len(data):
            raise DeidError("the JPEG image is truncated; replace it before de-identifying")
        marker = data[pos]
        length = struct.unpack(">H", data[pos + 1:pos + 3])[0]
        end = pos + 1 + length
        if _jpeg_keeps(marker, data[pos + 3:end]):
            out.append(b"\xff" + data[pos:end])
        if marker == 0xDA:  # start of scan: the image data follows, kept as it is
            out.append(data[end:])
            break
        pos = end
    return b"".join(out)


def strip_image_metadata(image: Image) -> Image:
    """The image without text/EXIF metadata (dates, names, devices); pixels untouched.
    Burned-in text in the pixels cannot be found here: check PET images by eye."""
    if image.media_type == "image/png" and image.data.startswith(_PNG_SIGNATURE):
        return Image(image.media_type, _png_without_metadata(image.data))
    if image.media_type == "image/jpeg" and image.data.startswith(b"\xff\xd8"):
        return Image(image.media_type, _jpeg_without_metadata(image.data))
    raise DeidError(f"cannot clean a {image.media_type} image; only PNG and JPEG are allowed")


# --- the case -------------------------------------------------------------------------
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


def _dates(obj: Any, *, with_identifying: bool = True) -> Iterator[PartialDate]:
    """Every date in a case, wherever the model keeps one."""
    if isinstance(obj, PartialDate):
        yield obj
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from _dates(item, with_identifying=with_identifying)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _dates(item, with_identifying=with_identifying)
    elif is_dataclass(obj) and not isinstance(obj, Text | Image):
        for f in fields(obj):
            if with_identifying or f.name not in _IDENTIFYING_FIELDS:
                yield from _dates(getattr(obj, f.name), with_identifying=with_identifying)


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
        _check("en", self.style)
        pt = case.patient
        self._scrub = _Scrubber(self.anchor, self.style,
                                _identifier_tokens(pt.initials, pt.record_number), pt.birth_date)
        reference = self.anchor or min(_dates(case, with_identifying=False),
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
        _check(lang, self.style)
        if self.anchor_kind is None:
            return "Dates removed" if lang == "en" else "Даты удалены"
        zero = _unit(0, lang, self.style)
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


# --- what must never show -----------------------------------------------------------
def _month_forms(d: PartialDate) -> list[str]:
    assert d.month is not None
    i, y = d.month - 1, d.year
    return [f"{y}-{d.month:02d}", f"{d.month:02d}.{y}", f"{d.month:02d}/{y}",
            f"{MONTHS_EN[i]} {y}", f"{MONTHS_EN_SHORT[i]} {y}", f"{MONTHS_RU[i]} {y}",
            f"{MONTHS_RU_PREP[i]} {y}", f"{MONTHS_RU_GEN[i]} {y}"]


def _day_forms(d: PartialDate) -> list[str]:
    assert d.month is not None and d.day is not None
    i, y, mo, dd = d.month - 1, d.year, d.month, d.day
    full, short, gen = MONTHS_EN[i], MONTHS_EN_SHORT[i], MONTHS_RU_GEN[i]
    return [f"{y}-{mo:02d}-{dd:02d}", f"{dd:02d}.{mo:02d}.{y}", f"{dd}.{mo}.{y}",
            f"{dd:02d}/{mo:02d}/{y}", f"{dd} {short} {y}", f"{dd} {full} {y}",
            f"{full} {dd}, {y}", f"{short} {dd}, {y}", f"{dd} {gen} {y}",
            f"{dd} {full}", f"{dd} {short}", f"{full} {dd}", f"{dd} {gen}", f"{dd:02d}.{mo:02d}."]


def date_forms(d: PartialDate) -> list[str]:
    """How a date may be written, down to the month. A bare year is left out: protocol
    names and citations carry years too."""
    forms: list[str] = []
    if d.precision is Precision.DAY:
        forms += _day_forms(d)
    if d.month is not None:
        forms += _month_forms(d)
    return forms


def identifying_strings(case: Case) -> list[str]:
    """Every string that must not appear in de-identified output (compare ignoring
    case): initials, record number, the birth date as displayed, and every date of
    the case in ISO, numeric and month-name forms in both languages."""
    pt = case.patient
    out = _identifier_tokens(pt.initials, pt.record_number)
    if pt.birth_date is not None:
        out += [pt.birth_date.display(lang) for lang in LANGS]
    for d in _dates(case):
        out += date_forms(d)
    return list(dict.fromkeys(out))
