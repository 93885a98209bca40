"""Case ⇄ table rows. A dataclass field maps to a column of the same name; a ``Text``
field to ``<name>_en`` and ``<name>_ru``; a date to its ISO text; a bool to 0/1."""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from desktop.core.text import Text

T = TypeVar("T")


def flatten(obj: Any, prefix: str = "") -> dict[str, Any]:
    """The scalar fields of a dataclass as columns; lists and images are the caller's."""
    cls = type(obj)
    return dict(zip(columns(cls, prefix), values(cls)(obj), strict=True))


@functools.cache
def columns(cls: type, prefix: str = "") -> tuple[str, ...]:
    """The columns of ``cls``'s scalar fields, in the order ``values`` gives them."""
    out: list[str] = []
    for name, kind in _plan(cls):
        if kind == "text":
            out += [f"{prefix}{name}_en", f"{prefix}{name}_ru"]
        elif kind != "skip":
            out.append(prefix + name)
    return tuple(out)


@functools.cache
def values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function from an object of ``cls`` to the values of ``columns(cls)``, written
    out once per class (as ``dataclasses`` writes ``__init__``): an import makes tens
    of rows per case, and a loop over the fields for each would cost more than SQLite."""
    parts = []
    for name, kind in _plan(cls):
        if kind == "text":
            parts += [f"o.{name}.en", f"o.{name}.ru"]
        elif kind == "date":
            parts.append(f"(None if o.{name} is None else o.{name}.iso())")
        elif kind == "bool":
            parts.append(f"(None if o.{name} is None else int(o.{name}))")
        elif kind == "plain":
            parts.append(f"o.{name}")
    return eval(f"lambda o: ({', '.join(parts)},)", {"int": int})  # field names only


def unflatten(cls: type[T], row: dict[str, Any], prefix: str = "", **extra: Any) -> T:
    """Build a dataclass from columns written by ``flatten``; ``extra`` fills the rest."""
    kwargs: dict[str, Any] = {}
    for name, kind in _plan(cls):
        col = prefix + name
        if name in extra or kind == "skip":
            continue
        if kind == "text":
            kwargs[name] = Text(row[col + "_en"], row[col + "_ru"])
        elif kind == "date":
            from desktop.core.dates import PartialDate  # the model: imported on first use

            kwargs[name] = PartialDate.parse_iso(row[col]) if row[col] is not None else None
        elif kind == "bool":
            kwargs[name] = None if row[col] is None else bool(row[col])
        else:
            kwargs[name] = row[col]
    return cls(**kwargs, **extra)


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, str], ...]:
    """Each field of ``cls`` with how it is stored: text, date, bool, plain or skip."""
    from desktop.core.dates import PartialDate
    from desktop.core.model import Image

    hints = get_type_hints(cls)

    def kind(hint: Any) -> str:
        if hint is Text:
            return "text"
        for k, name in ((PartialDate, "date"), (list, "skip"), (Image, "skip"), (bool, "bool")):
            if _is(hint, k):
                return name
        return "plain"

    return tuple((f.name, kind(hints[f.name])) for f in fields(cls))


def _is(hint: Any, kind: type) -> bool:
    """Whether a field's type is ``kind`` or ``kind | None`` (or ``list[...]``)."""
    if hint is kind or get_origin(hint) is kind:
        return True
    if get_origin(hint) in (Union, types.UnionType):
        return any(_is(a, kind) for a in get_args(hint) if a is not type(None))
    return False
