"""Case ⇄ table rows. A dataclass field maps to a column of the same name; a ``Text``
field to ``<name>_en`` and ``<name>_ru``; a date to its ISO text; a bool to 0/1."""

from __future__ import annotations

import functools
import types
from dataclasses import fields
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from desktop.core.dates import PartialDate
from desktop.core.model import Image, Text

T = TypeVar("T")
_SKIP = (list, Image, type(None))


def flatten(obj: Any, prefix: str = "") -> dict[str, Any]:
    """The scalar fields of a dataclass as columns; lists and images are the caller's."""
    row: dict[str, Any] = {}
    for name, hint in _hints(type(obj)).items():
        value = getattr(obj, name)
        col = prefix + name
        if hint is Text:
            row[col + "_en"], row[col + "_ru"] = value.en, value.ru
        elif _is(hint, PartialDate):
            row[col] = value.iso() if value is not None else None
        elif _is(hint, list) or _is(hint, Image):
            continue
        elif _is(hint, bool):
            row[col] = None if value is None else int(value)
        else:
            row[col] = value
    return row


def unflatten(cls: type[T], row: dict[str, Any], prefix: str = "", **extra: Any) -> T:
    """Build a dataclass from columns written by ``flatten``; ``extra`` fills the rest."""
    kwargs: dict[str, Any] = {}
    for name, hint in _hints(cls).items():
        if name in extra:
            continue
        col = prefix + name
        if hint is Text:
            kwargs[name] = Text(row[col + "_en"], row[col + "_ru"])
        elif _is(hint, list) or _is(hint, Image):
            continue
        elif _is(hint, PartialDate):
            kwargs[name] = PartialDate.parse_iso(row[col]) if row[col] is not None else None
        elif _is(hint, bool):
            kwargs[name] = None if row[col] is None else bool(row[col])
        else:
            kwargs[name] = row[col]
    return cls(**kwargs, **extra)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in fields(cls)}


def _is(hint: Any, kind: type) -> bool:
    """Whether a field's type is ``kind`` or ``kind | None`` (or ``list[...]``)."""
    if hint is kind or get_origin(hint) is kind:
        return True
    if get_origin(hint) in (Union, types.UnionType):
        return any(_is(a, kind) for a in get_args(hint) if a is not type(None))
    return False
