"""Searching the library as the user types, in either language, off the UI thread.

Searching runs on a thread of its own with its own connection to the library file
(SQLite connections belong to one thread), so typing never waits for the database:
each keystroke posts the query, only the newest one runs, and its rows replace the list.
Short words are matched at once in the rows already listed (``quick_match``).
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal, Slot

from desktop.core.errors import CasePresenterError
from desktop.core.store import CaseSummary, Store

#: A search shows the best this many; "type more" beyond. Filtering by tag lifts it.
SEARCH_LIMIT = 200
#: Words shorter than this are looked up in the listed rows (code, titles, diagnosis,
#: tags) at once; the full text is searched from this length on. A one- or two-letter
#: prefix matches nearly every case's text, and costs the index the most.
FULL_TEXT_FROM = 3
_WORD = re.compile(r"\w+", re.UNICODE)
SORTS = ("code", "title", "diagnosis", "modified", "relevance")
#: The search thread indexes the listed rows' words in chunks of this many, giving the
#: window's thread the interpreter in between (it is drawing the list meanwhile).
INDEX_CHUNK = 200


_SEPARATORS = re.compile(r"\W+", re.UNICODE)
_index: dict[str, tuple[CaseSummary, str]] = {}


def _words_of(r: CaseSummary) -> str:
    """`` code title… diagnosis… tags `` folded, one space before every word."""
    cached = _index.get(r.code)
    if cached is not None and cached[0] is r:
        return cached[1]
    text = " ".join(x for x in (r.code, r.title.en, r.title.ru, r.diagnosis.en,
                                r.diagnosis.ru, *r.tags) if x)
    folded = " " + _SEPARATORS.sub(" ", text.casefold())
    _index[r.code] = (r, folded)
    return folded


def quick_match(rows: Sequence[CaseSummary], words: Sequence[str]) -> list[CaseSummary]:
    """Rows where each of ``words`` starts a word of the code, a title, the diagnosis or
    a tag, in either language."""
    keys = [" " + w.casefold() for w in words]
    return [r for r in rows if all(k in _words_of(r) for k in keys)]


def split_query(query: str) -> tuple[str, list[str]]:
    """The words for the full-text index, and the short ones matched in memory."""
    words = _WORD.findall(query)
    return (" ".join(w for w in words if len(w) >= FULL_TEXT_FROM),
            [w for w in words if len(w) < FULL_TEXT_FROM])


class SearchWorker(QObject):
    """Lives on the search thread; opens its own read-only ``Store`` on the library file."""

    found = Signal(int, str, object)  # query id, query, rows (or a CasePresenterError)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.latest = 0
        self.closed = False
        self._store: Store | None = None
        self._lock = threading.Lock()

    @Slot(int, str, int)
    def run(self, qid: int, query: str, limit: int) -> None:
        if qid != self.latest or self.closed:
            return  # a newer keystroke is already waiting, or the window has gone
        try:
            with self._lock:
                if self.closed:
                    return
                if self._store is None:
                    self._store = Store.open(self.path, seed=False, readonly=True)
                rows = (self._store.list_cases() if not query.strip()
                        else self._store.search(query, limit=limit))
        except CasePresenterError as e:
            rows = e
        if not self.closed:
            self.found.emit(qid, query, rows)

    @Slot(object)
    def index(self, rows: list[CaseSummary]) -> None:
        """The words of each row, for one- and two-letter lookups: made here once the list
        is handed over, so neither the list nor typing waits for them."""
        for i, r in enumerate(rows):
            if i % INDEX_CHUNK == 0:
                if self.closed:
                    return
                time.sleep(0)  # let the window's thread have the interpreter now and then
            _words_of(r)

    def close(self) -> None:
        """Called once the thread has stopped (or from it): no result is sent after."""
        with self._lock:
            self.closed = True
            if self._store is not None:
                self._store.close()
                self._store = None


def _stop(thread: QThread, worker: SearchWorker) -> None:
    """Stop the search thread and close its library connection; safe to call twice, and
    called when the ``Searcher`` goes away or the program ends, however it ends (a
    running ``QThread`` destroyed with its owner aborts the interpreter)."""
    worker.closed = True
    with contextlib.suppress(RuntimeError):  # Qt's side already gone at interpreter exit
        if thread.isRunning():
            thread.quit()
            thread.wait()
    worker.close()


class Searcher(QObject):
    """Posts queries to the search thread (or, for an in-memory library, runs them here)."""

    results = Signal(int, str, object)
    _post = Signal(int, str, int)
    _post_index = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.qid = 0
        self.stopped = False
        self._worker: SearchWorker | None = None
        self._finalizer: weakref.finalize | None = None
        if store.path is not None:
            thread = QThread()  # no Qt parent: its life is tied to this object below
            thread.setObjectName("case-search")
            self._worker = worker = SearchWorker(store.path)
            worker.moveToThread(thread)
            self._post.connect(worker.run)
            self._post_index.connect(worker.index)
            worker.found.connect(self._deliver)
            thread.start()
            self._finalizer = weakref.finalize(self, _stop, thread, worker)

    @Slot(int, str, object)  # on this object's (the window's) thread, not the search's
    def _deliver(self, qid: int, query: str, rows: object) -> None:
        if not self.stopped:
            self.results.emit(qid, query, rows)
        if not query.strip() and isinstance(rows, list) and not self.stopped:
            self._post_index.emit(rows)  # the whole library is listed: index its words

    def deliver_waiting(self) -> None:
        """Hand over now an answer the search thread has already sent (none: nothing
        happens; an answer still being made arrives as usual)."""
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    def search(self, query: str, limit: int) -> int:
        self.qid += 1
        if self.stopped:
            return self.qid
        if self._worker is None:
            rows = self.store.list_cases() if not query.strip() else self.store.search(query,
                                                                                       limit)
            self.results.emit(self.qid, query, rows)
        else:
            self._worker.latest = self.qid
            self._post.emit(self.qid, query, limit)
        return self.qid

    def stop(self) -> None:
        """Stop searching; results still on their way are dropped."""
        self.stopped = True
        if self._finalizer is not None:
            self._finalizer()
