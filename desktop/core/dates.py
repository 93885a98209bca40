"""Partial dates as clinical reports write them: "2014", "March 2014", "09.08.2018".

A date keeps the precision it was given (year, month or day) and may be marked
approximate ("a month later"), written as in ISO 8601-2 / EDTF with a trailing
``~``. Nothing here ever invents a day: a month-precision date *covers* its month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from desktop.core.text import Text, message

MIN_YEAR = 1900
MAX_YEAR = 2100

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")
MONTHS_EN_SHORT = tuple(m[:3] for m in MONTHS_EN)
MONTHS_RU = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль",
             "август", "сентябрь", "октябрь", "ноябрь", "декабрь")
MONTHS_RU_SHORT = tuple(m[:3] for m in MONTHS_RU)
#: Russian month names in the prepositional ("в марте") and genitive ("9 марта") cases.
MONTHS_RU_PREP = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле",
                  "августе", "сентябре", "октябре", "ноябре", "декабре")
MONTHS_RU_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                 "августа", "сентября", "октября", "ноября", "декабря")


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


#: Why a text is not a date, in both languages (``DateError.text``).
MESSAGES: dict[str, Text] = {
    "year_range": Text("year {year} is outside {lo}–{hi}",
                       "год {year} вне диапазона {lo}–{hi}"),
    "day_needs_month": Text("a day needs a month", "для дня нужен месяц"),
    "no_month": Text("month {month} does not exist", "месяца {month} не существует"),
    "no_day": Text("day {day} does not exist in {year}-{month:02d}",
                   "дня {day} нет в месяце {month:02d}.{year}"),
    "not_text": Text("expected a date text like 2014-03, got {value!r}",
                     "ожидалась дата вида 2014-03, получено {value!r}"),
    "not_iso": Text("{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    "{value!r} — не дата ISO (ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД)"),
    "not_date": Text("{value!r} is not a date; write 2014, 2014-03, 09.08.2018 or March 2014",
                     "{value!r} — не дата; пишите 2014, 2014-03, 09.08.2018 или март 2014"),
}


class DateError(ValueError):
    """A text that is not a valid (partial) date; the message says why.

    ``str(e)`` is English; ``e.text`` holds the message in English and Russian."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key = key
        self.text = message(MESSAGES[key], **fields)
        super().__init__(self.text.en)


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?$")


@dataclass(frozen=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateError("year_range", year=self.year, lo=MIN_YEAR, hi=MAX_YEAR)
        if self.month is None and self.day is not None:
            raise DateError("day_needs_month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError("no_month", month=self.month)
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month or 1)[1]
            if not 1 <= self.day <= last:
                raise DateError("no_day", day=self.day, year=self.year, month=self.month)

    # --- reading -------------------------------------------------------------
    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """The strict form stored in files and the database: ``2014``, ``2014-03``,
        ``2018-08-09``, each optionally followed by ``~`` (approximate)."""
        if not isinstance(text, str):
            raise DateError("not_text", value=text)
        m = _ISO.match(text.strip())
        if not m:
            raise DateError("not_iso", value=text)
        y, mo, d, approx = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None, bool(approx))

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Lenient reading of what people type: ISO, ``09.08.2018``, ``03.2014``,
        ``March 2014``, ``Mar 2014``, ``март 2014``, ``в марте 2014 г.``, ``~2018-02``."""
        s = " ".join(str(text).strip().split())
        approx = False
        for mark in ("~", "≈", "ca.", "ок.", "около"):
            if s.startswith(mark):
                approx, s = True, s[len(mark):].strip()
        if s.endswith("~"):
            approx, s = True, s[:-1].strip()
        if _ISO.match(s):
            return cls._with_approx(cls.parse_iso(s), approx)
        m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", s)
        if m:
            d, mo, y = (int(g) for g in m.groups())
            return cls(y, mo, d, approx)
        m = re.fullmatch(r"(\d{1,2})[./](\d{4})", s)
        if m:
            mo, y = (int(g) for g in m.groups())
            return cls(y, mo, None, approx)
        m = re.fullmatch(r"(?:в\s+)?(\d{1,2}\s+)?([^\W\d_]+)\.?,?\s+(\d{4})(?:\s*г\.?)?", s, re.I)
        if m:
            day, word, y = m.groups()
            mo = month_from_name(word)
            if mo is not None:
                return cls(int(y), mo, int(day) if day else None, approx)
        raise DateError("not_date", value=text)

    @staticmethod
    def _with_approx(d: PartialDate, approx: bool) -> PartialDate:
        return PartialDate(d.year, d.month, d.day, d.approximate or approx)

    # --- what it means -------------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def start(self) -> date:
        """First day of the period the date covers."""
        return date(self.year, self.month or 1, self.day or 1)

    def end(self) -> date:
        """Last day of the period the date covers."""
        if self.day is not None:
            return self.start()
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[date, int]:
        """Sort by the start of the period; coarser dates first on ties."""
        return (self.start(), int(self.precision))

    def iso(self) -> str:
        s = f"{self.year:04d}"
        if self.month is not None:
            s += f"-{self.month:02d}"
        if self.day is not None:
            s += f"-{self.day:02d}"
        return s + ("~" if self.approximate else "")

    def __str__(self) -> str:
        return self.iso()

    def display(self, lang: str = "en") -> str:
        """For people: ``9 Aug 2018`` / ``09.08.2018``, ``Mar 2014`` / ``март 2014``."""
        approx = "≈ " if self.approximate else ""
        if self.precision is Precision.YEAR:
            body = str(self.year)
        elif self.precision is Precision.MONTH:
            name = MONTHS_EN_SHORT[self.month - 1] if lang == "en" else MONTHS_RU[self.month - 1]
            body = f"{name} {self.year}"
        elif lang == "en":
            body = f"{self.day} {MONTHS_EN_SHORT[self.month - 1]} {self.year}"
        else:
            body = f"{self.day:02d}.{self.month:02d}.{self.year}"
        return approx + body


def month_from_name(word: str) -> int | None:
    """1–12 for an English or Russian month name or abbreviation (any case form)."""
    w = word.lower().rstrip(".")
    if len(w) < 3:
        return None
    for i, name in enumerate(MONTHS_EN):
        if name.lower().startswith(w) or w == name.lower():
            return i + 1
    for forms in (MONTHS_RU, MONTHS_RU_PREP, MONTHS_RU_GEN):
        for i, name in enumerate(forms):
            if w == name or (len(w) >= 3 and name.startswith(w)):
                return i + 1
    return None


def day_bounds(a: PartialDate, b: PartialDate) -> tuple[int, int]:
    """The fewest and the most days from ``a`` to ``b`` that their precision allows."""
    return ((b.start() - a.end()).days, (b.end() - a.start()).days)

