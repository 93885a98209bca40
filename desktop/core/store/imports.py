"""Importing case files, the same for every kind of library: each file all or nothing,
read by the case-file rules with its values mapped to the app's codes, and a bad file
reported with its name while the files beside it go on."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core import casefile
from desktop.core.errors import CaseFileError, CasePresenterError, CodeInUse
from desktop.core.model import Case
from desktop.core.vocab_import import Mapped, map_case

#: Files written in one transaction.
IMPORT_BATCH = 500

Atomic = Callable[[], contextlib.AbstractContextManager]
#: What became of one file: the code it was imported under with its mapped values, or why not.
Outcome = tuple[str, list[Mapped]] | CaseFileError


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    failed: list[CaseFileError] = field(default_factory=list)
    backup: Path | None = None
    #: per imported code, the values mapped to the app's codes (core.vocab_import)
    mapped: dict[str, list[Mapped]] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, CaseFileError):
            self.failed.append(outcome)
            return
        code, mapped = outcome
        self.imported.append(code)
        if mapped:
            self.mapped[code] = mapped


@dataclass(frozen=True)
class Writer:
    """How a kind of library writes: ``transaction()`` holds a batch, ``atomic()`` is a
    savepoint inside it; ``exists`` and ``put`` look up and write a case;
    ``store_errors`` are the database's refusals of a value (reported, not raised)."""

    transaction: Atomic
    atomic: Atomic
    exists: Callable[[str], bool]
    put: Callable[[Case], object]
    store_errors: tuple[type[BaseException], ...]


class _Redo(Exception):
    """A write failed part-way through a batch written without savepoints."""


def batches(paths: Sequence[str | Path]) -> Iterator[list[Path]]:
    for start in range(0, len(paths), IMPORT_BATCH):
        yield [Path(p) for p in paths[start:start + IMPORT_BATCH]]


def read(path: Path) -> tuple[Case, list[Mapped]] | CaseFileError:
    """The case in ``path`` with its mapped values, or why it cannot be imported."""
    try:
        case, mapped = map_case(casefile.load(path))
        if mapped:  # the mapped values are checked as the reader checks a file
            case = casefile.from_document(casefile.to_document(case), source=str(path))
    except CaseFileError as e:
        return e
    except Exception as e:  # the reader's own bug must not cancel the other files
        return CaseFileError(f"cannot be read ({type(e).__name__})", source=str(path))
    return case, mapped


def import_batch(paths: list[Path], replace: bool, report: ImportReport, w: Writer) -> None:
    """Read the files, then write them in one transaction, each all or nothing.

    The batch is written inside one savepoint, none per file: a code in use is found
    before anything of its file is written. Only if a write fails part-way is the batch
    rolled back and written again file by file, each in its own savepoint, so that the
    files beside the bad one are still imported. Either way the report holds every file
    in order, with the same words.
    """
    found = [(path, read(path)) for path in paths]  # outside the write lock
    with w.transaction():
        try:
            with w.atomic():
                outcomes = [_write(path, item, replace, w) for path, item in found]
        except _Redo:
            outcomes = [_write_alone(path, item, replace, w) for path, item in found]
    for outcome in outcomes:
        report.add(outcome)


def _write(path: Path, item: tuple[Case, list[Mapped]] | CaseFileError, replace: bool,
           w: Writer) -> Outcome:
    if isinstance(item, CaseFileError):
        return item
    case, mapped = item
    try:
        if not replace and w.exists(case.code):
            return _in_use(case, path)
        w.put(case)
    except (CasePresenterError, *w.store_errors) as e:
        raise _Redo from e
    return case.code, mapped


def _write_alone(path: Path, item: tuple[Case, list[Mapped]] | CaseFileError,
                 replace: bool, w: Writer) -> Outcome:
    """Write one file in its own savepoint, or say why not: a code in use without
    ``replace``, or a value the database refuses (``store_errors``)."""
    if isinstance(item, CaseFileError):
        return item
    case, mapped = item
    try:
        with w.atomic():
            if not replace and w.exists(case.code):
                raise _in_use(case, path)
            w.put(case)
    except CaseFileError as e:
        return e
    except CasePresenterError as e:
        return CaseFileError(str(e), source=str(path))
    except w.store_errors as e:  # e.g. text the database cannot store
        return CaseFileError(f"cannot be stored: {e}", source=str(path))
    return case.code, mapped


def _in_use(case: Case, path: Path) -> CodeInUse:
    return CodeInUse(f"a case with code {case.code!r} is already in the library "
                     "(use --replace to overwrite it)", code=case.code, source=str(path))
