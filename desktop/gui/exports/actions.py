"""PDF summaries, printing and slides from the window: File ▸ Export PDF…, Print…,
Export Slides….

``install(window)`` adds the three actions to the window's File menu and keeps them on
the window (``window.exports``, ``window.export_pdf_action``, ``window.print_action``,
``window.export_slides_action``). Each works on the cases selected in the library, or
the case on screen:

- **Export PDF…** (Ctrl+E) opens a dialog with the language, the paper, "De-identified"
  and a preview of the pages; "Save PDF…" writes the previewed file, "Save All…" writes
  one file per selected case with ``report.batch.write_pdfs``;
- **Print…** (Ctrl+P) asks the system print dialog, then prints the summary's pages:
  PDFium draws them in a worker, the window paints them onto the printer one page per
  event (a painter on a printer belongs to the printer's thread);
- **Export Slides…** writes a deck with ``slides.deck.write_deck``, de-identified
  unless the user confirms otherwise.

All the work runs on the thread pool as ``workers.Task`` objects, shown by the window's
progress bar and stopped by its Cancel button; an error is a message box with the
error's text. Nothing here changes the library.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QStyle, QWidget

from desktop.core import vocab
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case
from desktop.gui.common import folders, workers
from desktop.gui.common.settings import app_settings
from desktop.gui.exports.dialogs import default_paper, warn
from desktop.gui.exports.jobs import PdfBatchTask, PrintRenderTask, PrintReport, SlidesTask
from desktop.gui.exports.preview import fit
from desktop.gui.library.model import CaseListModel

if TYPE_CHECKING:  # the dialogs (and the preflight they show) load when first opened,
    # Qt's printing when first printing
    from PySide6.QtPrintSupport import QPrinter

    from desktop.gui.exports.pdf_dialog import PdfExportDialog
    from desktop.gui.exports.slides_dialog import SlidesExportDialog

PDF_SHORTCUT = QKeySequence("Ctrl+E")


def install(window: QMainWindow) -> Exports:
    """Add Export PDF…, Print… and Export Slides… to ``window``'s File menu (once)."""
    existing = getattr(window, "exports", None)
    if isinstance(existing, Exports):
        return existing
    exports = Exports(window)
    window.exports = exports
    window.export_pdf_action = exports.pdf_action
    window.print_action = exports.print_action
    window.export_slides_action = exports.slides_action
    return exports


def selected_codes(window) -> list[str]:
    """The codes of the cases selected in the library, in list order; the case on
    screen when fewer than two are selected."""
    library = window.library
    chosen = getattr(library, "selected_codes", None)
    if callable(chosen):
        codes = list(chosen())
    else:
        rows = sorted(library.list.selectionModel().selectedRows(), key=lambda i: i.row())
        codes = [i.data(CaseListModel.CodeRole) for i in rows]
    codes = [c for c in dict.fromkeys(codes) if c]
    if len(codes) > 1:
        return codes
    case = window.session.case
    return [case.code] if case is not None else codes


def paper_of(printer: QPrinter) -> str:
    """The summary's paper for what the printer is set to: Letter, or A4 for the rest."""
    size = printer.pageLayout().pageSize().id()
    return "letter" if size in (QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.Legal) \
        else "a4"


class Exports(QObject):
    """The three actions of one window, their dialogs and their background work."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("exports")
        self.window = window
        SP = QStyle.StandardPixmap
        self.pdf_action = self._action("exportPdfAction", self.export_pdf, PDF_SHORTCUT,
                                       SP.SP_FileDialogDetailedView)
        self.print_action = self._action("printAction", self.print_current,
                                         QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.setIcon(QIcon.fromTheme("document-print"))
        self.slides_action = self._action("exportSlidesAction", self.export_slides, None,
                                          SP.SP_DesktopIcon)
        self.pdf_dialog: PdfExportDialog | None = None
        self.slides_dialog: SlidesExportDialog | None = None
        self.print_jobs: list[PrintJob] = []
        self._add_to_menu()
        window.installEventFilter(self)
        window.session.displayChanged.connect(self.update_actions)
        self.retranslate()
        self.update_actions()

    # --- building ----------------------------------------------------------------------------
    def _action(self, name: str, slot: Callable[[], object], shortcut: QKeySequence | None,
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if shortcut is not None and not shortcut.isEmpty():
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(self.window.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _file_menu(self) -> QMenu | None:
        menu = getattr(self.window, "file_menu", None)
        if isinstance(menu, QMenu):
            return menu
        for action in self.window.menuBar().actions():
            sub = action.menu()
            if sub is not None and sub.objectName() == "fileMenu":
                return sub
        return None

    def _add_to_menu(self) -> None:
        """After the case-file exports, as a section of their own."""
        menu = self._file_menu()
        if menu is None:
            return
        ours = [self.pdf_action, self.print_action, self.slides_action]
        actions = menu.actions()
        anchor = getattr(self.window, "export_all_action", None)
        if anchor in actions:
            at = actions.index(anchor) + 1
            # the separator after the exports, if any, then what follows it
            before = actions[at + 1] if at < len(actions) and actions[at].isSeparator() \
                and at + 1 < len(actions) else (actions[at] if at < len(actions) else None)
        else:
            before = None
        if before is None:
            menu.addSeparator()
            menu.addActions(ours)
        else:
            menu.insertActions(before, ours)
            menu.insertSeparator(before)

    # --- words -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.pdf_action.setText(self.tr("Export PDF Su&mmary…"))
        self.pdf_action.setIconText(self.tr("PDF"))
        self.pdf_action.setToolTip(self.tr(
            "A printable summary of the selected cases in English, Russian or both, with a "
            "preview of its pages (Ctrl+E)"))
        self.print_action.setText(self.tr("&Print Summary…"))
        self.print_action.setToolTip(self.tr("Print the summary of the case on screen "
                                             "(Ctrl+P)"))
        self.slides_action.setText(self.tr("Export &Slides…"))
        self.slides_action.setToolTip(self.tr(
            "A PowerPoint deck of the selected cases, de-identified for showing in public"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close:
                for job in list(self.print_jobs):  # the window will not hear them end
                    job.abort()
        return super().eventFilter(watched, event)

    def update_actions(self) -> None:
        has_case = self.window.session.case is not None
        for action in (self.pdf_action, self.print_action, self.slides_action):
            action.setEnabled(has_case)

    # --- running tasks in the window's status bar ---------------------------------------------
    def run(self, task: workers.Task, message: str,
            on_done: Callable[[workers.TaskResult], None]) -> workers.Task:
        """Start ``task`` as the window starts its imports: in ``window.tasks``, with the
        progress bar and the Cancel button; ``on_done(result)`` when it ends."""
        window = self.window
        window.tasks.append(task)
        task.signals.progress.connect(window._task_progress)
        task.signals.finished.connect(lambda result, t=task: self._task_done(t, result, on_done))
        window.progress.setRange(0, 0)
        window.progress.show()
        window.cancel_button.show()
        window.cancel_button.setEnabled(True)
        window._update_state()
        window.statusBar().showMessage(message)
        workers.start(task)
        return task

    def _task_done(self, task: workers.Task, result: workers.TaskResult,
                   on_done: Callable[[workers.TaskResult], None]) -> None:
        window = self.window
        if task in window.tasks:
            window.tasks.remove(task)
        if not window.tasks:
            window.progress.hide()
            window.cancel_button.hide()
        window._update_state()
        on_done(result)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    # --- the cases ----------------------------------------------------------------------------
    def _cases(self, codes: list[str]) -> list[Case]:
        session = self.window.session
        cases = []
        for code in codes:
            if session.case is not None and session.case.code == code:
                cases.append(copy.deepcopy(session.case))
            else:
                cases.append(session.store.get(code))
        return cases

    def _first_case(self, codes: list[str]) -> Case:
        session = self.window.session
        if session.case is not None and session.case.code in codes:
            return session.case
        return self._cases(codes[:1])[0]

    # --- PDF ----------------------------------------------------------------------------------
    def export_pdf(self, codes: list[str] | None = None) -> PdfExportDialog | None:
        """The PDF dialog for ``codes`` (the selection, or the case on screen)."""
        codes = codes or selected_codes(self.window)
        if not codes:
            self._status(self.tr("Choose a case in the library first."))
            return None
        try:
            case = self._first_case(codes)
        except CasePresenterError as e:
            warn(self.window, self.tr("Export PDF Summary"), str(e))
            return None
        if self.pdf_dialog is None:
            from desktop.gui.exports.pdf_dialog import PdfExportDialog

            self.pdf_dialog = PdfExportDialog(self)
        self.pdf_dialog.open_for(codes, case)
        return self.pdf_dialog

    def save_all(self, codes: list[str], folder: Path, lang: str, anonymize: bool,
                 paper: str, jobs: int | None = None) -> workers.Task | None:
        """One summary per case into ``folder``, off the UI thread."""
        if self.window.db_path is None:
            warn(self.window, self.tr("The PDF summaries could not be saved"),
                 self.tr("This library is in memory; save single summaries instead."))
            return None
        task = PdfBatchTask(self.window.db_path, codes, folder, lang, anonymize, paper, jobs)
        return self.run(task, self.tr("Writing PDF summaries…"),
                        partial(self._batch_done, Path(folder)))

    def _batch_done(self, folder: Path, result: workers.TaskResult) -> None:
        report: workers.ExportReport = result.report
        message = self.tr("Saved in %2: %1.").replace(
            "%1", vocab.count(len(report.written), "file", self.window.session.ui_lang)
        ).replace("%2", str(folder))
        if result.cancelled:
            message = self.tr("Cancelled.") + " " + message
        self._status(message)
        folders.offer_open(self.window, Path(folder) if report.written else None)
        problems = ([result.error] if result.error else []) + list(report.failed)
        if problems:
            warn(self.window, self.tr("Some PDF summaries could not be saved"),
                 message, problems)

    # --- printing -------------------------------------------------------------------------------
    def print_current(self) -> PrintJob | None:
        """Print the case on screen with the options last used for PDF summaries."""
        case = self.window.session.case
        if case is None:
            return None
        settings = app_settings()
        lang = str(settings.value("exports/pdfLang", "both"))
        paper = str(settings.value("exports/pdfPaper", default_paper()))
        return self.print_summary(case, lang, self.window.session.anonymized, paper)

    def print_summary(self, case: Case, lang: str, anonymize: bool, paper: str,
                      pdf: bytes | None = None, pages: int = 0,
                      parent: QWidget | None = None) -> PrintJob | None:
        """The system print dialog, then the summary's pages to the printer. ``pdf``: the
        summary already made (for ``paper``); it is made again for another paper size."""
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if paper == "letter"
                                      else QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the summary has its own margins
        printer.setDocName(self.tr("Case summary %1").replace("%1", case.code))
        dialog = QPrintDialog(printer, parent or self.window)
        dialog.setWindowTitle(self.tr("Print Case Summary"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if pages:
            dialog.setMinMax(1, pages)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = paper_of(printer)
        if chosen != paper:
            paper, pdf = chosen, None
        first = last = 0
        if printer.printRange() == QPrinter.PrintRange.PageRange:
            first, last = printer.fromPage(), printer.toPage()
        task = PrintRenderTask(pdf, copy.deepcopy(case), lang, anonymize, paper,
                               printer.resolution(), first, last)
        job = PrintJob(self, printer, task)
        self.print_jobs.append(job)
        task.signals.page.connect(job.paint)
        self.run(task, self.tr("Printing…"), job.finish)
        return job

    def _print_done(self, job: PrintJob, result: workers.TaskResult) -> None:
        if job in self.print_jobs:
            self.print_jobs.remove(job)
        job.deleteLater()
        report: PrintReport = result.report
        error = job.error or result.error
        if error:
            self._status(self.tr("Printing failed."))
            warn(self.window, self.tr("The summary could not be printed"), error)
        elif result.cancelled:
            self._status(self.tr("Printing cancelled."))
        else:
            printer = job.printer
            pdf = printer.outputFormat() == printer.OutputFormat.PdfFormat
            where = printer.outputFileName() if pdf else printer.printerName()
            self._status(self.tr("Sent to %1: %2.").replace("%2", vocab.count(
                report.pages, "page", self.window.session.ui_lang)).replace(
                "%1", where or self.tr("the printer")))

    # --- slides ---------------------------------------------------------------------------------
    def export_slides(self, codes: list[str] | None = None) -> SlidesExportDialog | None:
        codes = codes or selected_codes(self.window)
        if not codes:
            self._status(self.tr("Choose a case in the library first."))
            return None
        try:
            cases = self._cases(codes)
        except CasePresenterError as e:
            warn(self.window, self.tr("Export Slides"), str(e))
            return None
        if self.slides_dialog is None:
            from desktop.gui.exports.slides_dialog import SlidesExportDialog

            self.slides_dialog = SlidesExportDialog(self)
        self.slides_dialog.open_for(cases)
        return self.slides_dialog

    def write_slides(self, cases: list[Case], path: Path, lang: str, anonymize: bool,
                     size: str) -> workers.Task:
        task = SlidesTask([copy.deepcopy(c) for c in cases], path, lang, anonymize, size)
        return self.run(task, self.tr("Writing slides…"), self._slides_done)

    def _slides_done(self, result: workers.TaskResult) -> None:
        if result.error:
            self._status(self.tr("The slides were not written."))
            warn(self.window, self.tr("The slides could not be written"), result.error)
        elif result.cancelled or result.report.path is None:
            self._status(self.tr("Cancelled."))
        else:
            message = self.tr("Slides saved: %1").replace("%1", str(result.report.path))
            self._status(message)
            folders.offer_open(self.window, Path(result.report.path))
            if result.report.warnings:
                warn(self.window, self.tr("Slides saved, with omissions"), message,
                     result.report.warnings)


class PrintJob(QObject):
    """Paints the pages a ``PrintRenderTask`` draws onto its printer, one page per call
    (each call is one event of the window's loop, so the window keeps responding)."""

    def __init__(self, exports: Exports, printer: QPrinter, task: PrintRenderTask) -> None:
        super().__init__(exports)
        self.exports, self.printer, self.task = exports, printer, task
        self.painter = QPainter()
        self.painted = 0
        self.error: str | None = None

    def paint(self, _number: int, total: int, image) -> None:
        try:
            if self.task.cancelled or self.error:
                return
            if not self.painter.isActive():
                if not self.painter.begin(self.printer):
                    self.error = self.tr("The printer could not be started (%1).").replace(
                        "%1", self.printer.outputFileName() or self.printer.printerName())
                    self.task.cancel()
                    return
            elif not self.printer.newPage():
                self.error = self.tr("The printer stopped after page %1.").replace(
                    "%1", str(self.painted))
                self.task.cancel()
                return
            viewport = self.painter.viewport()
            self.painter.drawImage(fit(image.size(), QRect(viewport)), image)
            self.painted += 1
            self.exports.window._task_progress(self.painted, total)
        finally:
            self.task.page_done()

    def abort(self) -> None:
        """Stop now: the pages painted so far are not printed (where the printer can
        take them back)."""
        self.task.cancel()
        if self.painter.isActive():
            self.printer.abort()
            self.painter.end()

    def finish(self, result: workers.TaskResult) -> None:
        if self.painter.isActive():
            if result.cancelled and not self.error:
                self.printer.abort()
            self.painter.end()
        self.exports._print_done(self, result)
