"""The columns of a table of the case: which field each shows, how it is read and
written, the choices a coded column offers, and its heading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from desktop.core import vocab
from desktop.core.model import Text
from desktop.gui.common.i18n import heading


@dataclass(frozen=True)
class Column:
    """One column: ``key`` is the attribute of the row item (``""``: the item itself).

    kinds: text, ltext (a bilingual ``Text``, shown and edited in the case-text
    language), date, int, float, choice, bool, bool3 (yes / no / not reported).
    """

    key: str
    kind: str = "text"
    label: str | None = None  # field name for the heading (default: ``key``)
    choices: Callable[[str], list[tuple[Any, str]]] | None = None
    free: bool = False  # a choice column that also takes typed text
    required: bool = False
    width: int = 12  # in average characters
    unit: str | None = None
    stretch: bool = False
    show_code: bool = False  # a choice shown by its code (CR, CMR), the label as a tooltip

    def get(self, item: Any) -> Any:
        return item if not self.key else getattr(item, self.key)

    def with_value(self, item: Any, value: Any, lang: str) -> Any:
        if self.kind == "ltext":
            value = replace(self.get(item) or Text(), **{lang: value})
        return value if not self.key else replace(item, **{self.key: value})


def vocab_column_choices(table: dict[str, Text], blank: bool = False
                         ) -> Callable[[str], list[tuple[Any, str]]]:
    def choices(lang: str) -> list[tuple[Any, str]]:
        items: list[tuple[Any, str]] = [(None, "")] if blank else []
        return items + [(code, text.get(lang) or code) for code, text in table.items()]

    return choices


def bool3_choices(lang: str) -> list[tuple[Any, str]]:
    return [(None, vocab.field("not_reported", lang)), (True, heading("yes", lang)),
            (False, heading("no", lang))]


def wrap_heading(text: str, width: int) -> str:
    """A long column heading over two lines, broken at the space nearest the middle."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    at = min(spaces, key=lambda i: abs(i - middle))
    return text[:at] + "\n" + text[at + 1:]
