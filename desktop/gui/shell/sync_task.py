"""The sync with the department library, off the UI thread (the workers' pattern).

The task opens its own connections: the department library first (a bad URL or a server
out of reach then changes nothing here), then its own ``Store`` on the window's library
file — the window keeps its connection and stays usable meanwhile. Cancel stops the sync
between two cases; what was done stays done, and the next sync does the rest.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from desktop.core.errors import CasePresenterError
from desktop.core.store import Store
from desktop.core.store.urls import scrub
from desktop.gui.common import workers


class SyncSignals(workers.TaskSignals):
    step = Signal(int, int, str)  # done, total, the case just synced


class SyncTask(workers.Task):
    """``sync(local, remote, resolve=…)``: ``resolve`` maps a conflicting code to
    ``mine``, ``theirs`` or ``both``."""

    kind = "sync"

    def __init__(self, db_path: Path, url: str, resolve: dict[str, str] | None = None) -> None:
        super().__init__(db_path)
        self.signals = SyncSignals()
        self.url = url
        self.resolve = dict(resolve or {})

    def run(self) -> None:
        from desktop.core.sync import SyncReport  # psycopg only when syncing

        report, error = SyncReport(), None
        try:
            report = self._sync()
        except CasePresenterError as e:
            error = scrub(str(e), self.url)
        except Exception as e:  # a bug must still end the task and say so
            error = scrub(f"{type(e).__name__}: {e}", self.url)
        self.signals.finished.emit(workers.TaskResult(
            self.kind, report, self.cancelled or report.cancelled, error))

    def _sync(self):
        from desktop.core.store.postgres import PgStore  # psycopg only when syncing
        from desktop.core.sync import sync

        remote = PgStore.open(self.url)  # first: a server out of reach changes nothing
        with remote, Store.open(self.db_path, seed=False) as local:
            return sync(local, remote, resolve=self.resolve, progress=self._progress,
                        cancel=self._cancel)

    def _progress(self, done: int, total: int, code: str, _what: str) -> None:
        self.signals.step.emit(done, total, code)
