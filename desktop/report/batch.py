"""Many summaries at once: a process pool on both cores, each worker opening the library.

Files are named ``<CODE>[-deid]-<lang>.pdf`` and written atomically (a temporary file in
the same folder, then renamed), so a reader never sees half a PDF and an interrupted batch
leaves no broken file behind. A case that cannot be printed (a character no font has, a
case that cannot be de-identified) does not stop the others: the batch writes the rest and
then raises ``BatchError`` naming each failure.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from desktop.core import outfile
from desktop.core.errors import CasePresenterError, NotFound, StoreError
from desktop.core.store import Store
from desktop.report.summary import LANG_CHOICES, PAPERS, CaseSummaryPdf, ReportError

Progress = Callable[[int, int, Path], None]


class BatchError(CasePresenterError):
    """Some summaries could not be written; ``written`` holds those that were,
    ``failures`` (code, message) the others."""

    def __init__(self, written: list[Path], failures: list[tuple[str, str]]) -> None:
        self.written, self.failures = written, failures
        lines = "; ".join(msg for _, msg in failures)
        super().__init__(f"{len(failures)} of {len(written) + len(failures)} summaries not "
                         f"written: {lines}")


def file_name(code: str, lang: str, anonymize: bool) -> str:
    """``BALL-EM-1-both.pdf``, ``BALL-EM-1-deid-ru.pdf``."""
    return f"{code}{'-deid' if anonymize else ''}-{lang}.pdf"


# --- one case ---------------------------------------------------------------------------
_worker_store: Store | None = None


def _open(db_path: str) -> Store:
    return Store.open(db_path, seed=False, readonly=True)


def _init_worker(db_path: str) -> None:
    """Each worker opens the library itself (a connection never crosses processes)."""
    global _worker_store
    _worker_store = _open(db_path)


def _write_one(store: Store, code: str, out_dir: str, lang: str, anonymize: bool,
               paper: str) -> tuple[str, str | None, str | None]:
    """(code, path written, None) or (code, None, message): a user's error comes back as
    a message, a bug as an exception."""
    try:
        case = store.get(code)
        data = CaseSummaryPdf(case, lang, anonymize, paper).generate()
        path = outfile.write_bytes(Path(out_dir) / file_name(code, lang, anonymize), data)
    except CasePresenterError as e:
        return code, None, f"{code}: {e}"
    except OSError as e:
        return code, None, f"{code}: cannot write in {out_dir}: {e.strerror or e}"
    return code, str(path), None


def _task(code: str, out_dir: str, lang: str, anonymize: bool, paper: str
          ) -> tuple[str, str | None, str | None]:
    assert _worker_store is not None, "worker not initialised"
    return _write_one(_worker_store, code, out_dir, lang, anonymize, paper)


# --- the batch ----------------------------------------------------------------------------
def _check_codes(db_path: Path, codes: Iterable[str]) -> list[str]:
    if not db_path.is_file():
        raise StoreError(f"{db_path}: no case library there")
    wanted = list(dict.fromkeys(codes))
    if not wanted:
        raise ReportError("no case codes given")
    with _open(str(db_path)) as store:
        known = set(store.codes())
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise NotFound(f"no case with code {', '.join(map(repr, unknown))} in {db_path}")
    return wanted


def write_pdfs(db_path: str | Path, codes: Iterable[str], out_dir: str | Path, *,
               lang: str = "both", anonymize: bool = False, paper: str = "a4", jobs: int = 2,
               progress: Progress | None = None) -> list[Path]:
    """Write a summary of each case in ``codes`` into ``out_dir``; the paths, in the order
    of ``codes``. ``jobs`` worker processes (1: in this process). Unknown codes are refused
    before anything is written; a case that fails does not stop the others (see
    ``BatchError``)."""
    if lang not in LANG_CHOICES:
        raise ReportError(f"lang must be one of {', '.join(LANG_CHOICES)}, got {lang!r}")
    if paper not in PAPERS:
        raise ReportError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
    if jobs < 1:
        raise ReportError(f"jobs must be at least 1, got {jobs}")
    db = Path(db_path)
    wanted = _check_codes(db, codes)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CasePresenterError(f"{out}: cannot create the folder: {e.strerror or e}") from None
    args = (str(out), lang, anonymize, paper)
    results: dict[str, tuple[str | None, str | None]] = {}

    def done(code: str, path: str | None, error: str | None) -> None:
        results[code] = (path, error)
        if progress is not None and path is not None:
            progress(len(results), len(wanted), Path(path))

    workers = min(jobs, len(wanted))
    if workers == 1:
        with _open(str(db)) as store:
            for code in wanted:
                done(*_write_one(store, code, *args))
    else:
        _run_pool(db, wanted, args, workers, done)
    written = [Path(p) for c in wanted if (p := results[c][0]) is not None]
    failures = [(c, e) for c in wanted if (e := results[c][1]) is not None]
    if failures:
        raise BatchError(written, failures)
    return written


def _run_pool(db: Path, codes: list[str], args: tuple, workers: int,
              done: Callable[[str, str | None, str | None], None]) -> None:
    # spawn, not fork: the caller may be a GUI with threads, where fork is unsafe
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_init_worker, initargs=(str(db),)) as pool:
        pending: set[Future] = {pool.submit(_task, code, *args) for code in codes}
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    done(*f.result())
        except BrokenProcessPool:
            raise CasePresenterError(
                "a PDF worker process stopped unexpectedly (out of memory, or killed); "
                "the files listed so far were written, run again for the rest") from None
        except BaseException:
            for f in pending:
                f.cancel()
            raise
