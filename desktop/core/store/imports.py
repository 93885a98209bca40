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

#: Files written in one transaction (each in its own savepoint).
IMPORT_BATCH = 500


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    failed: list[CaseFileError] = field(default_factory=list)
    backup: Path | None = None
    #: per imported code, the values mapped to the app's codes (core.vocab_import)
    mapped: dict[str, list[Mapped]] = field(default_factory=dict)


def batches(paths: Sequence[str | Path]) -> Iterator[list[Path]]:
    for start in range(0, len(paths), IMPORT_BATCH):
        yield [Path(p) for p in paths[start:start + IMPORT_BATCH]]


def read(path: Path, report: ImportReport) -> tuple[Case, list[Mapped]] | None:
    """The case in ``path`` with its mapped values, or None with the refusal reported."""
    try:
        case, mapped = map_case(casefile.load(path))
        if mapped:  # the mapped values are checked as the reader checks a file
            case = casefile.from_document(casefile.to_document(case), source=str(path))
    except CaseFileError as e:
        report.failed.append(e)
        return None
    except Exception as e:  # the reader's own bug must not cancel the other files
        report.failed.append(CaseFileError(f"cannot be read ({type(e).__name__})",
                                           source=str(path)))
        return None
    return case, mapped


def import_file(path: Path, replace: bool, report: ImportReport, *,
                atomic: Callable[[], contextlib.AbstractContextManager],
                exists: Callable[[str], bool], put: Callable[[Case], object],
                store_errors: tuple[type[BaseException], ...]) -> None:
    """Read ``path`` and write it inside ``atomic()`` (a savepoint of the batch), or
    report why not: a code in use without ``replace``, or a value the database refuses
    (``store_errors``)."""
    found = read(path, report)
    if found is None:
        return
    case, mapped = found
    try:
        with atomic():
            if not replace and exists(case.code):
                raise CodeInUse(
                    f"a case with code {case.code!r} is already in the library "
                    "(use --replace to overwrite it)", code=case.code, source=str(path))
            put(case)
    except CaseFileError as e:
        report.failed.append(e)
    except CasePresenterError as e:
        report.failed.append(CaseFileError(str(e), source=str(path)))
    except store_errors as e:  # e.g. text the database cannot store
        report.failed.append(CaseFileError(f"cannot be stored: {e}", source=str(path)))
    else:
        report.imported.append(case.code)
        if mapped:
            report.mapped[case.code] = mapped
