"""The background half of the exports: PDF summaries, their pages as images, slides.

Every job is a ``workers.Task`` on the global thread pool (progress, Cancel, one
``TaskResult`` at the end), given what it works on, so it needs no library connection of
its own — except the batch, which hands the library file to ``report.batch.write_pdfs``.

Two libraries here must never run on two threads at once: PDFium (not even on different
documents, or the process crashes) and ReportLab (module-level font caches). Each has a
lock; every PDFium object is closed inside its lock, never left to a garbage collector
on another thread. A batch of many summaries uses worker *processes*, which need no lock.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage

from desktop.core.errors import CasePresenterError
from desktop.core.model import Case
from desktop.gui.common import workers

PDFIUM_LOCK = threading.Lock()
REPORTLAB_LOCK = threading.Lock()
#: Worker processes for "Save All" (one core is left to the window when there are more).
BATCH_JOBS = 2
#: Pages are printed as images of at most this resolution (300 dpi: sharp text, about
#: 26 MB a page in memory; the printer's 600 or 1200 dpi would be 4 to 16 times that).
MAX_PRINT_DPI = 300
#: Rendered pages waiting for the window to paint them onto the printer.
PAGES_IN_FLIGHT = 2


# --- PDF bytes and page images ---------------------------------------------------------------
def generate_pdf(case: Case, lang: str, anonymize: bool, paper: str) -> bytes:
    """``CaseSummaryPdf(...).generate()``, one at a time in this process."""
    from desktop.report.summary import CaseSummaryPdf

    with REPORTLAB_LOCK:
        return CaseSummaryPdf(case, lang, anonymize, paper).generate()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def _to_image(bitmap) -> QImage:
    """A deep copy of an RGB bitmap (the bitmap's memory is freed right after)."""
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB888)
    return image.copy()


def render_pages(pdf: bytes, scale: float, indexes: Sequence[int] | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> Iterator[tuple[int, QImage]]:
    """(index, image) of each page in ``indexes`` (all: None). The PDFium lock is held
    while one page is drawn, never while the caller works on the image."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        total = len(doc)
    try:
        for i in (range(total) if indexes is None else indexes):
            if cancelled():
                return
            if not 0 <= i < total:
                continue
            with PDFIUM_LOCK:
                page = doc[i]
                try:
                    bitmap = page.render(scale=scale, force_bitmap_format=pdfium_c.FPDFBitmap_BGR,
                                         rev_byteorder=True)  # bytes R, G, B: QImage's RGB888
                    try:
                        image = _to_image(bitmap)
                    finally:
                        bitmap.close()
                finally:
                    page.close()
            yield i, image
    finally:
        with PDFIUM_LOCK:
            doc.close()


# --- jobs ----------------------------------------------------------------------------------------
class Job(workers.Task):
    """A ``workers.Task`` given everything it works on: it opens no library connection
    (the window's library may even be in memory). Subclasses implement ``work(report)``."""

    def __init__(self) -> None:
        super().__init__(None)

    def run(self) -> None:
        report = self.new_report()
        error = None
        try:
            self.work(report)
        except CasePresenterError as e:
            error = str(e)
        except Exception as e:  # a bug must still end the task and say so
            error = f"{type(e).__name__}: {e}"
        self.signals.finished.emit(workers.TaskResult(self.kind, report, self.cancelled,
                                                      error))


@dataclass
class PreviewReport:
    generation: int
    pdf: bytes | None = None
    pages: list[QImage] = field(default_factory=list)


class PreviewTask(Job):
    """The summary of one case as PDF bytes and its pages as images; progress counts the
    pages drawn."""

    kind = "pdf-preview"

    def __init__(self, case: Case, lang: str, anonymize: bool, paper: str, scale: float,
                 generation: int) -> None:
        super().__init__()
        self.case, self.lang, self.anonymize, self.paper = case, lang, anonymize, paper
        self.scale, self.generation = scale, generation

    def new_report(self) -> PreviewReport:
        return PreviewReport(self.generation)

    def work(self, report: PreviewReport) -> None:
        if self.cancelled:
            return
        pdf = generate_pdf(self.case, self.lang, self.anonymize, self.paper)
        total = page_count(pdf)
        self.signals.progress.emit(0, total)
        for i, image in render_pages(pdf, self.scale, cancelled=lambda: self.cancelled):
            report.pages.append(image)
            self.signals.progress.emit(i + 1, total)
        if not self.cancelled:
            report.pdf = pdf


class _Cancelled(Exception):
    pass


class PdfBatchTask(Job):
    """``write_pdfs`` into a folder: one ``<CODE>[-deid]-<lang>.pdf`` per case. Cancel
    stops it after the summary being written; what was written stays."""

    kind = "pdf-batch"

    def __init__(self, db_path: Path, codes: Sequence[str], folder: Path, lang: str,
                 anonymize: bool, paper: str, jobs: int | None = None) -> None:
        super().__init__()
        self.library = Path(db_path)
        self.codes, self.folder = list(codes), Path(folder)
        self.lang, self.anonymize, self.paper = lang, anonymize, paper
        self.jobs = max(1, min(jobs or BATCH_JOBS, len(self.codes)))

    def new_report(self) -> workers.ExportReport:
        return workers.ExportReport()

    def work(self, report: workers.ExportReport) -> None:
        from desktop.report.batch import BatchError, write_pdfs

        total = len(self.codes)
        self.signals.progress.emit(0, total)
        if self.cancelled:
            return

        def progress(done: int, total: int, path: Path) -> None:
            report.written.append(path)
            self.signals.progress.emit(done, total)
            if self.cancelled:
                raise _Cancelled

        # in this process ReportLab takes its lock; worker processes need none
        lock = REPORTLAB_LOCK if self.jobs == 1 else contextlib.nullcontext()
        try:
            with lock:
                write_pdfs(self.library, self.codes, self.folder, lang=self.lang,
                           anonymize=self.anonymize, paper=self.paper, jobs=self.jobs,
                           progress=progress)
        except _Cancelled:
            pass
        except BatchError as e:
            report.written = list(e.written)
            report.failed = [message for _code, message in e.failures]


class PrintSignals(workers.TaskSignals):
    page = Signal(int, int, object)  # number printed so far (from 0), pages to print, QImage


@dataclass
class PrintReport:
    pages: int = 0  # pages handed to the window
    total: int = 0


class PrintRenderTask(Job):
    """The pages to print, as images at the printer's resolution (at most
    ``MAX_PRINT_DPI``), handed to the window one by one: the window paints each onto the
    printer (a ``QPainter`` on a printer belongs to the thread that owns the printer) and
    calls ``page_done()``; at most ``PAGES_IN_FLIGHT`` images wait at a time."""

    kind = "print"

    def __init__(self, pdf: bytes | None, case: Case | None, lang: str, anonymize: bool,
                 paper: str, dpi: int, first: int = 0, last: int = 0) -> None:
        super().__init__()
        self.signals = PrintSignals()
        self.pdf, self.case = pdf, case
        self.lang, self.anonymize, self.paper = lang, anonymize, paper
        self.dpi = max(72, min(int(dpi), MAX_PRINT_DPI))
        self.first, self.last = first, last  # page range from 1; 0: all
        self._slots = threading.Semaphore(PAGES_IN_FLIGHT)

    def page_done(self) -> None:
        self._slots.release()

    def new_report(self) -> PrintReport:
        return PrintReport()

    def _wait_for_slot(self) -> bool:
        while not self.cancelled:
            if self._slots.acquire(timeout=0.1):
                return True
        return False

    def work(self, report: PrintReport) -> None:
        pdf = self.pdf
        if pdf is None:
            if self.case is None:
                raise CasePresenterError("nothing to print")
            pdf = generate_pdf(self.case, self.lang, self.anonymize, self.paper)
        total = page_count(pdf)
        first = max(1, self.first or 1)
        last = min(total, self.last or total)
        indexes = list(range(first - 1, last))
        report.total = len(indexes)
        self.signals.progress.emit(0, report.total)
        for i in indexes:
            if not self._wait_for_slot():
                return
            for _i, image in render_pages(pdf, self.dpi / 72, [i],
                                          cancelled=lambda: self.cancelled):
                self.signals.page.emit(report.pages, report.total, image)
                report.pages += 1


@dataclass
class SlidesReport:
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)


class SlidesTask(Job):
    """``write_deck`` of the cases to one .pptx file."""

    kind = "slides"

    def __init__(self, cases: Sequence[Case], path: Path, lang: str, anonymize: bool,
                 size: str) -> None:
        super().__init__()
        self.cases, self.path = list(cases), Path(path)
        self.lang, self.anonymize, self.size = lang, anonymize, size

    def new_report(self) -> SlidesReport:
        return SlidesReport()

    def work(self, report: SlidesReport) -> None:
        from desktop.slides.deck import write_deck

        self.signals.progress.emit(0, 1)
        if self.cancelled:
            return
        report.path = write_deck(self.cases, self.path, lang=self.lang,
                                 anonymize=self.anonymize, size=self.size,
                                 warn=report.warnings.append)
        self.signals.progress.emit(1, 1)
