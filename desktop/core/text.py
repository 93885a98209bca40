"""Reader-facing bilingual text, and messages formatted once for each language.

Kept apart from ``model`` so that ``dates`` (which ``model`` imports) can use it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Text:
    """A reader-facing text in English and Russian; a missing language stays missing."""

    en: str | None = None
    ru: str | None = None

    def get(self, lang: str) -> str | None:
        return self.en if lang == "en" else self.ru

    def __bool__(self) -> bool:
        return bool(self.en or self.ru)

    def to_dict(self) -> dict[str, str | None]:
        return {"en": self.en, "ru": self.ru}


class _RuNumber:
    """A number that formats as Russian writes it: decimal comma, space between thousands."""

    def __init__(self, value: float | int) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        s = format(self.value, spec)
        if "," in spec:
            s = s.replace(",", "\u202f")
        return s.replace(".", ",")

    def __str__(self) -> str:
        return format(self, "")

    __repr__ = __str__


def _field(value: Any, lang: str) -> Any:
    if isinstance(value, Text):
        return value.get(lang) or value.en or ""
    if lang == "en" or isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return _RuNumber(value)


def message(template: Text, **fields: Any) -> Text:
    """``template`` (with ``{name}`` fields) filled in each language: a ``Text`` field gives
    its own language, numbers get a decimal comma in Russian (``1.5`` → ``1,5``), anything
    else is put in as given."""
    return Text(*(None if t is None else t.format(**{k: _field(v, lang)
                                                     for k, v in fields.items()})
                  for t, lang in ((template.en, "en"), (template.ru, "ru"))))
