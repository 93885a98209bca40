"""Changes to the library as undoable operations (the pattern of Anki's ``aqt.operations``).

Every change the window makes is a ``CaseCommand``: it holds deep copies of the case
before and after (``None`` for "not in the library") and, when undone or redone,
saves the other one — one transaction in the store each time. The command is pushed
only after its first write succeeded, so a refused change never enters the history.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from desktop.core import casefile
from desktop.core.errors import CaseFileError
from desktop.core.model import Case
from desktop.core.store import Store


class Applies(Protocol):
    """What a command needs of the session (``CaseSession.apply``): described here, not
    imported, so the session may use this module without an import circle."""

    def apply(self, old: Case | None, new: Case | None) -> None: ...


def write(store: Store, old: Case | None, new: Case | None,
          base_revision: int | None = None) -> int | None:
    """Make the library hold ``new`` where it held ``old``: add, save (maybe renamed) or
    delete, in one transaction, and return the revision ``new`` has now. With
    ``base_revision`` (the revision ``old`` was read at), a case changed meanwhile by
    someone else is not overwritten: ``Conflict``. Raises the store's readable errors."""
    if old is None and new is not None:
        return store.add(new)
    if new is None and old is not None:
        store.delete(old.code, base_revision=base_revision)
        return None
    if old is not None and new is not None:
        return store.save(new, code=old.code, base_revision=base_revision)
    return None


def _without_images(case: Case) -> Case:
    """A shallow copy for checking: image bytes were checked when they were set."""
    if not any(s.image for s in case.pet_studies):
        return case
    return dataclasses.replace(
        case, pet_studies=[dataclasses.replace(s, image=None) for s in case.pet_studies])


def validation_error(case: Case) -> CaseFileError | None:
    """The first rule of the case-file format that ``case`` breaks, or None.

    The rules (ranges, required fields, SULpeak ≤ SULmax, end after start, codes) live
    in ``casefile``; checking a case is writing it out and reading it back.
    """
    try:
        casefile.from_document(casefile.to_document(_without_images(case)), source=case.code)
    except CaseFileError as e:
        return e
    except (TypeError, ValueError, AttributeError) as e:
        return CaseFileError(f"cannot be stored: {e}", source=case.code)
    return None


def same_error(a: CaseFileError | None, b: CaseFileError | None) -> bool:
    return a is not None and b is not None and (a.path, a.message) == (b.path, b.message)


def unique_code(store: Store, stem: str) -> str:
    """``stem`` if free, else ``stem-2``, ``stem-3`` …"""
    stem = "".join(ch if ch in casefile.CODE_CHARS else "-" for ch in stem)[:34] or "CASE"
    if stem not in store:
        return stem
    n = 2
    while f"{stem}-{n}" in store:
        n += 1
    return f"{stem}-{n}"


class CaseCommand(QUndoCommand):
    """One change of one case; undo saves ``before``, redo saves ``after``.

    Consecutive edits with the same ``merge_key`` (typing in one text field, pausing,
    typing on) merge into one step.
    """

    MERGE_ID = 0x43415345

    def __init__(self, session: Applies, before: Case | None, after: Case | None,
                 text: str, merge_key: str | None = None) -> None:
        super().__init__(text)
        self.session = session
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)
        self.merge_key = merge_key
        self._already_done = True  # the first write happened before the push

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, CaseCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self.session.apply(self.before, self.after)

    def undo(self) -> None:
        self.session.apply(self.after, self.before)
