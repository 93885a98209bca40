"""Long work off the UI thread: importing and exporting case files.

A task is a ``QRunnable`` on the global thread pool. It opens its own ``Store`` on the
library file (an SQLite connection belongs to the thread that made it), works in small
batches so the window's own writes never wait long for the lock, reports progress, and
stops between batches when cancelled. What was done before a cancel stays done: each
batch is one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.core.errors import CaseFileError, CasePresenterError
from desktop.core.paths import CASE_FILE_SUFFIX
from desktop.core.store import Store

if TYPE_CHECKING:
    from desktop.core.store import ImportReport

BATCH = 25


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@dataclass
class TaskResult:
    kind: str  # import | export
    report: ImportReport | ExportReport
    cancelled: bool = False
    error: str | None = None  # the library could not be opened or written at all


class TaskSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # TaskResult


class Task(QRunnable):
    kind = "task"

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until it reports
        self.db_path = db_path
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        report = self.new_report()
        error = None
        try:
            with Store.open(self.db_path, seed=False) as store:
                self.work(store, report)
        except CasePresenterError as e:
            error = str(e)
        except Exception as e:  # a bug must still end the task and say so
            error = f"{type(e).__name__}: {e}"
        self.signals.finished.emit(TaskResult(self.kind, report, self.cancelled, error))

    def new_report(self):
        raise NotImplementedError

    def work(self, store: Store, report) -> None:
        raise NotImplementedError


class ImportTask(Task):
    """Import case files, each all or nothing; the library is backed up first when
    several files go into a library that has cases."""

    kind = "import"

    def __init__(self, db_path: Path, files: Sequence[Path]) -> None:
        super().__init__(db_path)
        self.files = [Path(f) for f in files]

    def new_report(self) -> ImportReport:
        from desktop.core.store import ImportReport  # the importer: on first import

        return ImportReport()

    def work(self, store: Store, report: ImportReport) -> None:
        total = len(self.files)
        backup_first = total > 1 and len(store) > 0
        self.signals.progress.emit(0, total)
        for start in range(0, total, BATCH):
            if self.cancelled:
                return
            part = store.import_files(self.files[start:start + BATCH],
                                      make_backup=backup_first and start == 0)
            report.imported += part.imported
            report.failed += part.failed
            report.mapped.update(part.mapped)
            report.backup = report.backup or part.backup
            self.signals.progress.emit(min(total, start + BATCH), total)


class ExportTask(Task):
    """Write cases as ``<code>.case.json`` files into a folder (or one case to a file)."""

    kind = "export"

    def __init__(self, db_path: Path, codes: Sequence[str], target: Path,
                 single_file: bool = False) -> None:
        super().__init__(db_path)
        self.codes, self.target, self.single_file = list(codes), Path(target), single_file

    def new_report(self) -> ExportReport:
        return ExportReport()

    def work(self, store: Store, report: ExportReport) -> None:
        total = len(self.codes)
        self.signals.progress.emit(0, total)
        for i, code in enumerate(self.codes):
            if self.cancelled:
                return
            path = self.target if self.single_file else \
                self.target / f"{code}{CASE_FILE_SUFFIX}"
            try:
                report.written.append(store.export_file(code, path))
            except CaseFileError as e:
                report.failed.append(str(e))
            except OSError as e:
                report.failed.append(f"{path}: {e.strerror or e}")
            except CasePresenterError as e:
                report.failed.append(f"{code}: {e}")
            if i % 10 == 9 or i == total - 1:
                self.signals.progress.emit(i + 1, total)


def start(task: Task) -> Task:
    QThreadPool.globalInstance().start(task)
    return task
