"""Errors a user sees: each names the file (or database) and the field at fault."""

from __future__ import annotations

from desktop.core.text import Text


class CasePresenterError(Exception):
    """Base of every error that is shown to a user as a message, never a traceback."""


class CaseFileError(CasePresenterError, ValueError):
    """A case file, or a value in one, that cannot be accepted."""

    def __init__(self, message: str, *, source: str | None = None, path: str | None = None,
                 text: Text | None = None):
        self.message, self.source, self.path = message, source, path
        #: ``message`` in English and Russian; a message without a translation has no Russian.
        self.text = text if text is not None else Text(message)
        super().__init__(self.where(message))

    def where(self, message: str) -> str:
        """``message`` after the file and the field it is about (as ``str(e)`` shows it)."""
        where = ": ".join(x for x in (self.source, self.path) if x)
        return f"{where}: {message}" if where else message

    def localized(self, lang: str) -> str:
        """``str(e)`` in ``lang``, or in English where the message has no translation."""
        return self.where(self.text.get(lang) or self.message)


class CodeInUse(CaseFileError):
    """An imported file's case has a code the library already holds: the caller may
    replace the case, import it under a new code, or skip it."""

    def __init__(self, message: str, *, code: str, source: str | None = None) -> None:
        super().__init__(message, source=source, path="case.code")
        self.code = code


class StoreError(CasePresenterError):
    """The database cannot be opened or written; the message says why and what to do."""


class OutdatedLibrary(StoreError):
    """A library of an older schema, opened read-only: it must be upgraded by a writer."""


class NotFound(CasePresenterError, KeyError):
    """No case with that code."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class DuplicateCode(CasePresenterError):
    """A case with that code is already in the library."""


class Conflict(StoreError):
    """The case was changed in the library (by another window or an import) since it was
    read; saving over it would silently undo that change."""

    def __init__(self, message: str, *, code: str, expected: int, found: int | None) -> None:
        super().__init__(message)
        self.code, self.expected, self.found = code, expected, found
