"""The open library and the case on screen: what every view of the window listens to.

``CaseSession`` is the one model behind the window (napari's way: the model emits,
widgets listen). It holds the store, the undo stack, the current case and how it is
shown (interface language, case-text language, anonymized or not), and it is the only
place that changes data: ``submit`` checks a changed copy of the case against the
case-file rules, writes it in one transaction and pushes one undo step.

Views plugged into the window (the timeline and PET tabs) use:

``session.display_case``
    the case to draw — the de-identified copy while anonymized (its dates are moved:
    label them with ``session.date_text``, never as calendar dates);
``session.date_text(d)``, ``session.text_lang``, ``session.ui_lang``, ``session.anonymized``;
``displayChanged``
    emitted whenever any of that changes (another case, an edit, undo, language,
    anonymize);
``session.edit(text, mutate)``
    to change the case (``mutate`` receives a copy); returns an error message or None;
``session.focus_item(list_name, index)``
    to show a row of a table ("therapies", "events", "measurements", "pet_studies").
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop.core.dates import PartialDate
from desktop.core.errors import (
    CaseFileError,
    CasePresenterError,
    Conflict,
    DuplicateCode,
    NotFound,
)
from desktop.core.model import Case
from desktop.core.store import CaseSummary, Store
from desktop.gui.common import operations
from desktop.gui.common.i18n import heading, translate

if TYPE_CHECKING:
    from desktop.core.deid import DeidView


@dataclass(frozen=True)
class LibraryChange:
    """One row of the library changed: ``old_code`` left (None: nothing left), and
    ``summary`` is the row now (None: nothing new)."""

    old_code: str | None
    summary: CaseSummary | None


_FIELD_ALIASES = {"weight_kg": "weight", "height_cm": "height", "findings": "findings",
                  "age_at_diagnosis": "age_at_diagnosis"}


def summary_of(case: Case) -> CaseSummary:
    return CaseSummary(case.code, case.title, case.diagnosis.name, tuple(case.tags),
                       datetime.now(UTC).isoformat(timespec="seconds"))


class CaseSession(QObject):
    caseChanged = Signal()  # another case, or the content of this one
    viewChanged = Signal()  # language, case-text language or anonymize
    displayChanged = Signal()  # either of the two
    libraryChanged = Signal(object)  # LibraryChange
    libraryReloaded = Signal()  # many rows changed (an import): list everything again
    itemFocusRequested = Signal(str, int)
    storeFailed = Signal(str)
    #: An edit was refused because the case changed in the library since it was read
    #: (another window, an import): the refused version of the case, and the ``Conflict``.
    conflicted = Signal(object, object)
    message = Signal(str)  # a short note for the status bar (an edit that was refused)

    def __init__(self, store: Store, lang: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.case: Case | None = None
        self.ui_lang = lang
        self.text_lang = lang
        self.anonymized = False
        self.deid_error: str | None = None
        self._display: Case | None = None
        self._labels: DeidView | None = None
        #: The revision of each case as this window last read or wrote it: a save names
        #: it, so a change made meanwhile elsewhere is never silently overwritten.
        self.revisions: dict[str, int] = {}

    # --- what is shown ---------------------------------------------------------------
    @property
    def display_case(self) -> Case | None:
        """The case as it may be shown now (de-identified while anonymized)."""
        return self._display if self.anonymized else self.case

    @property
    def editable(self) -> bool:
        return self.case is not None and not self.anonymized

    def date_text(self, d: PartialDate | None) -> str:
        """A date of ``display_case`` for the screen: relative days while anonymized."""
        if d is None:
            return ""
        if self.anonymized:
            return self._labels.date(d, self.text_lang) if self._labels else ""
        return d.display(self.text_lang)

    def caption(self) -> str:
        """What relative dates count from, while anonymized."""
        return self._labels.caption(self.ui_lang) if self.anonymized and self._labels else ""

    def _recompute(self) -> None:
        self._display, self._labels, self.deid_error = None, None, None
        if not self.anonymized or self.case is None:
            return
        from desktop.core.deid import DeidError, DeidView  # when first anonymized

        try:
            self._display = DeidView(self.case).case()
            self._labels = DeidView(self._display)  # labels the copy's (moved) dates
        except DeidError as e:
            self.deid_error = str(e)

    def _emit_case(self) -> None:
        self.caseChanged.emit()
        self.displayChanged.emit()

    def _emit_view(self) -> None:
        self.viewChanged.emit()
        self.displayChanged.emit()

    # --- choosing the case -----------------------------------------------------------
    def load(self, code: str | None) -> None:
        """Show the case ``code`` (None: none)."""
        if code is not None and self.case is not None and self.case.code == code:
            return
        case = None
        if code is not None:
            try:
                case, self.revisions[code] = self.store.load(code)
            except NotFound:
                case = None
        self._set_case(case)

    def reload(self) -> None:
        """Read the current case from the store again (after a failed write)."""
        code = self.case.code if self.case else None
        self.case = None
        self.load(code)

    def _set_case(self, case: Case | None) -> None:
        self.case = case
        self._recompute()
        self._emit_case()

    def set_anonymized(self, on: bool) -> None:
        if on != self.anonymized:
            self.anonymized = on
            self._recompute()
            self._emit_view()

    def set_languages(self, ui_lang: str, text_lang: str | None = None) -> None:
        self.ui_lang, self.text_lang = ui_lang, text_lang or ui_lang
        self._emit_view()

    def set_text_lang(self, lang: str) -> None:
        if lang != self.text_lang:
            self.text_lang = lang
            self._emit_view()

    def focus_item(self, list_name: str, index: int) -> None:
        self.itemFocusRequested.emit(list_name, index)

    # --- changing data ---------------------------------------------------------------
    def check(self, after: Case) -> str | None:
        """Why ``after`` cannot be saved over the current case, or None."""
        err = operations.validation_error(after)
        if err is None or (self.case is not None and operations.same_error(
                err, operations.validation_error(self.case))):
            return None  # not made worse than it already was
        return self.describe(err)

    def describe(self, err: CaseFileError) -> str:
        """``Weight: 4000 is outside the plausible range 0.5–400`` — the field by name."""
        parts = [re.sub(r"\[\d+\]$", "", p) for p in (err.path or "").split(".") if p]
        while parts and parts[-1] in ("en", "ru", "case"):
            parts.pop()
        name = _FIELD_ALIASES.get(parts[-1], parts[-1]) if parts else ""
        reason = err.text.get(self.ui_lang) or err.message
        return f"{heading(name, self.ui_lang)}: {reason}" if name else reason

    def submit(self, after: Case, text: str, merge_key: str | None = None) -> str | None:
        """Save ``after`` (a changed copy of the current case) as one undo step.
        Returns why it was refused (nothing written), or None."""
        before = self.case
        if before is None:
            return translate("CaseSession", "No case is open.")
        if self.anonymized:
            return translate("CaseSession", "Editing is off while the screen is anonymized.")
        if after == before:
            return None
        problem = self.check(after)
        if problem:
            return problem
        return self._push(before, after, text, merge_key)

    def edit(self, text: str, mutate: Callable[[Case], None],
             merge_key: str | None = None) -> str | None:
        """Change the current case: ``mutate`` gets a deep copy to change."""
        if self.case is None:
            return translate("CaseSession", "No case is open.")
        after = copy.deepcopy(self.case)
        mutate(after)
        return self.submit(after, text, merge_key)

    def add_case(self, case: Case, text: str) -> str | None:
        problem = operations.validation_error(case)
        if problem is not None:
            return self.describe(problem)
        return self._push(None, case, text, None)

    def delete_case(self, code: str, text: str) -> str | None:
        try:
            case, self.revisions[code] = self.store.load(code)
        except NotFound as e:
            return str(e)
        return self._push(case, None, text, None)

    def keep_as_copy(self, mine: Case, text: str) -> str | None:
        """After a conflict: save the refused version under a new code, as a new case,
        and show it; the library's version stays as it is."""
        copied = copy.deepcopy(mine)
        copied.code = operations.unique_code(self.store, f"{mine.code}-mine")
        problem = self.add_case(copied, text)
        if problem is None:
            self.load(copied.code)
        return problem

    def _push(self, before: Case | None, after: Case | None, text: str,
              merge_key: str | None) -> str | None:
        if self.anonymized:
            return translate("CaseSession", "Editing is off while the screen is anonymized.")
        try:
            self.apply(before, after, raise_errors=True)
        except Conflict as e:
            if after is not None:
                self.conflicted.emit(copy.deepcopy(after), e)
            return str(e)
        except DuplicateCode as e:
            return str(e)
        except CasePresenterError as e:
            self.storeFailed.emit(str(e))
            return str(e)
        self.undo_stack.push(operations.CaseCommand(self, before, after, text, merge_key))
        return None

    def apply(self, old: Case | None, new: Case | None, *, raise_errors: bool = False) -> None:
        """Write ``new`` over ``old`` and show the result (used by undo and redo too)."""
        base = self.revisions.get(old.code) if old is not None else None
        try:
            revision = operations.write(self.store, old, new, base)
        except CasePresenterError as e:
            if raise_errors:
                raise
            # an undo or redo that cannot be written: the history no longer matches the
            # library, so it is dropped; the library is shown as it is
            self.storeFailed.emit(str(e) + "\n\n" + translate(
                "CaseSession", "The undo history was cleared."))
            QTimer.singleShot(0, self.undo_stack.clear)
            self.libraryReloaded.emit()
            self.reload()
            return
        old_code = old.code if old is not None else None
        if old_code is not None:
            self.revisions.pop(old_code, None)
        if new is not None and revision is not None:
            self.revisions[new.code] = revision
        self.libraryChanged.emit(LibraryChange(old_code, summary_of(new) if new else None))
        if new is not None:
            self._set_case(copy.deepcopy(new))
        elif self.case is not None and self.case.code == old_code:
            self._set_case(None)
