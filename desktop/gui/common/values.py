"""Reading what people type into a field, and writing values back for them.

Each reader returns the value or raises ``FieldError`` with a message for the field.
Ranges and cross-field rules are not here: they are the case-file rules, checked on
the whole case (``operations.validation_error``).
"""

from __future__ import annotations

import re

from desktop.core.dates import DateError, PartialDate
from desktop.core.errors import CaseFileError
from desktop.core.text import Text
from desktop.gui.common.i18n import translate


class FieldError(ValueError):
    """A typed text that is not a value of its field; the message says why."""


#: Units a number may be followed by, as typed in either language.
UNIT_ALIASES: dict[str, set[str]] = {
    "kg": {"kg", "кг"},
    "cm": {"cm", "см"},
    "years": {"y", "yr", "yrs", "year", "years", "г", "год", "года", "лет"},
    "%": {"%", "percent", "процентов"},
}

_NUMBER = re.compile(r"^\s*(?P<num>[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(?P<rest>.*?)\s*$")


def parse_text(text: str) -> str | None:
    """Trimmed text; empty means "not reported"."""
    return text.strip() or None


def parse_multiline(text: str) -> str | None:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines) or None


def refusal(e: Exception, lang: str) -> str:
    """Why the core refused a value, in ``lang`` (the interface language): the core's
    errors carry ``.text`` in both languages; any other error is shown as ``str(e)``."""
    if isinstance(e, CaseFileError):
        return e.localized(lang)
    text = getattr(e, "text", None)
    return (text.get(lang) if isinstance(text, Text) else None) or str(e)


def parse_date(text: str, *, required: bool = False, lang: str = "en") -> PartialDate | None:
    """What people write: 2014, 2014-03, 09.08.2018, March 2014, в марте 2014 г., ~2018-02.
    A refusal says why in ``lang``."""
    if not text.strip():
        if required:
            raise FieldError(translate("Values", "A date is required."))
        return None
    try:
        return PartialDate.parse(text)
    except DateError as e:
        hint = translate("Values", "Not a date. Write 2014, 2014-03, 09.08.2018 or March 2014.")
        if e.key in ("not_date", "not_iso"):  # the hint already says what to write
            raise FieldError(hint) from None
        raise FieldError(f"{hint} ({refusal(e, lang)})") from None


def parse_number(text: str, *, integer: bool = False, unit: str | None = None,
                 required: bool = False) -> float | int | None:
    """``61.5``, ``61,5``, ``61.5 kg``; whole numbers only where ``integer``."""
    if not text.strip():
        if required:
            raise FieldError(translate("Values", "A number is required."))
        return None
    m = _NUMBER.match(text)
    if not m:
        raise FieldError(translate("Values", "Not a number."))
    rest = m["rest"].lower().rstrip(".")
    if rest and rest not in UNIT_ALIASES.get(unit or "", set()) and rest != (unit or "").lower():
        if unit:
            raise FieldError(translate("Values", "Not a number in %1.").replace("%1", unit))
        raise FieldError(translate("Values", "Not a number."))
    value = float(m["num"].replace(",", "."))
    if integer:
        if not value.is_integer():
            raise FieldError(translate("Values", "Write a whole number."))
        return int(value)
    return value


def parse_tags(text: str) -> list[str]:
    tags = [t.strip() for t in re.split(r"[,;\n]", text)]
    return list(dict.fromkeys(t for t in tags if t))


def format_number(value: float | int | None, lang: str) -> str:
    if value is None:
        return ""
    s = str(value) if isinstance(value, int) else f"{value:.10g}"
    return s.replace(".", ",") if lang == "ru" else s


def format_date(value: PartialDate | None, lang: str) -> str:
    return value.display(lang) if value is not None else ""
