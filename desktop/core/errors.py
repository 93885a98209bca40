"""Errors a user sees: each names the file (or database) and the field at fault."""

from __future__ import annotations


class CasePresenterError(Exception):
    """Base of every error that is shown to a user as a message, never a traceback."""


class CaseFileError(CasePresenterError, ValueError):
    """A case file, or a value in one, that cannot be accepted."""

    def __init__(self, message: str, *, source: str | None = None, path: str | None = None):
        self.message, self.source, self.path = message, source, path
        where = ": ".join(x for x in (source, path) if x)
        super().__init__(f"{where}: {message}" if where else message)


class StoreError(CasePresenterError):
    """The database cannot be opened or written; the message says why and what to do."""


class NotFound(CasePresenterError, KeyError):
    """No case with that code."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class DuplicateCode(CasePresenterError):
    """A case with that code is already in the library."""
