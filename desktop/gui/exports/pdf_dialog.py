"""The PDF export dialog: options, a preview of the pages, and Save / Save All / Print.

The preview is the PDF that will be saved: generated off the UI thread, drawn page by
page with PDFium into images, and shown as a scrolling column of pages ("page N of M").
Changing an option generates it again; "Save…" writes exactly those bytes.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CasePresenterError
from desktop.core.model import Case
from desktop.gui.common import folders, workers
from desktop.gui.common.settings import app_settings
from desktop.gui.exports.dialogs import (
    HINT_STYLE,
    PAPERS,
    PDF_LANGS,
    PREVIEW_DELAY_MS,
    PREVIEW_SCALE,
    ExportActions,
    confirm,
    default_paper,
    pdf_file_name,
    reports_dir,
    warn,
)
from desktop.gui.exports.jobs import PreviewReport, PreviewTask
from desktop.gui.exports.preflight_box import PreflightBox
from desktop.gui.exports.preview import PagePreview


class PdfExportDialog(QDialog):
    """Options, the preview of the pages, and Save / Save All / Print.

    ``ready`` is True when ``pdf`` and the preview belong to the options shown."""

    previewReady = Signal()

    def __init__(self, exports: ExportActions) -> None:
        super().__init__(exports.window)
        self.setObjectName("pdfExportDialog")
        self.exports = exports
        self.codes: list[str] = []
        self.case: Case | None = None
        self.pdf: bytes | None = None
        self.ready = False
        self.error: str | None = None
        self._generation = 0
        self._running: set[workers.Task] = set()
        self._task: PreviewTask | None = None
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._start_preview)

        self.cases_title = QLabel(self)
        self.cases_title.setStyleSheet("font-weight: 600;")
        self.case_label = QLabel(self, objectName="pdfCaseLabel", wordWrap=True)
        self.case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.case_box = QComboBox(self, objectName="pdfCaseChoice")
        self.case_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.case_box.setMinimumContentsLength(12)
        self.language = QComboBox(self, objectName="pdfLanguage")
        self.paper = QComboBox(self, objectName="pdfPaper")
        self.deidentified = QCheckBox(self, objectName="pdfDeidentified")
        self.deid_hint = QLabel(self, wordWrap=True)
        self.deid_hint.setStyleSheet(HINT_STYLE)
        self.file_label = QLabel(self, objectName="pdfFileName", wordWrap=True)
        self.file_label.setStyleSheet(HINT_STYLE)
        self.busy = QProgressBar(self, objectName="pdfPreviewBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(90, 8)
        self.state_label = QLabel(self, objectName="pdfPreviewState")
        self.state_label.setStyleSheet(HINT_STYLE)
        self.preview_title = QLabel(self)
        self.preview_title.setStyleSheet("font-weight: 600;")
        self.zoom = QComboBox(self, objectName="pdfZoom")
        self.zoom.addItem("", True)
        self.zoom.addItem("", False)
        self.page_label = QLabel(self, objectName="pdfPageLabel")
        self.page_label.setMinimumWidth(90)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.preview = PagePreview(self)
        self.preview.setMinimumWidth(420)
        self.preview.currentPageChanged.connect(self._show_page_number)

        for value in PDF_LANGS:
            self.language.addItem("", value)
        for value in PAPERS:
            self.paper.addItem("", value)
        self._restore_options()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.case_row_label = QLabel(self)
        form.addRow(self.case_row_label, self.case_box)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        self.paper_label = QLabel(self)
        self.paper_label.setBuddy(self.paper)
        form.addRow(self.paper_label, self.paper)
        form.addRow(self.deidentified)
        form.addRow(self.deid_hint)
        self.preflight = PreflightBox(self)
        form.addRow(self.preflight)
        self._form = form

        left = QVBoxLayout()
        left.addWidget(self.cases_title)
        left.addWidget(self.case_label)
        left.addSpacing(10)
        left.addLayout(form)
        left.addSpacing(10)
        left.addWidget(self.file_label)
        left.addStretch(1)
        left_widget = QWidget(self)
        left_widget.setLayout(left)
        left_widget.setFixedWidth(300)
        left.setContentsMargins(0, 0, 8, 0)

        header = QHBoxLayout()
        header.addWidget(self.preview_title)
        header.addSpacing(8)
        header.addWidget(self.busy)
        header.addWidget(self.state_label)
        header.addStretch(1)
        header.addWidget(self.zoom)
        header.addSpacing(8)
        header.addWidget(self.page_label)
        right = QVBoxLayout()
        right.addLayout(header)
        right.addWidget(self.preview, 1)

        body = QHBoxLayout()
        body.addWidget(left_widget)
        body.addLayout(right, 1)

        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self, objectName="pdfSaveButton")
        self.save_all_button = QPushButton(self, objectName="pdfSaveAllButton")
        self.print_button = QPushButton(self, objectName="pdfPrintButton")
        self.close_button = QPushButton(self, objectName="pdfCloseButton")
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_dialog)
        self.save_all_button.clicked.connect(self.save_all_dialog)
        self.print_button.clicked.connect(self.print_dialog)
        self.close_button.clicked.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(self.buttons)

        self.language.currentIndexChanged.connect(lambda _i: self._options_changed())
        self.paper.currentIndexChanged.connect(lambda _i: self._options_changed())
        self.deidentified.toggled.connect(self._deid_toggled)
        self.case_box.currentIndexChanged.connect(self._case_chosen)
        self.zoom.currentIndexChanged.connect(
            lambda _i: self.preview.set_whole_page(bool(self.zoom.currentData())))
        self.resize(980, 780)
        self.retranslate()
        self._update_buttons()

    # --- words ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export PDF Summary"))
        self.language_label.setText(self.tr("&Language:"))
        self.paper_label.setText(self.tr("&Paper:"))
        self.case_row_label.setText(self.tr("Pre&view:"))
        names = {"en": self.tr("English"), "ru": self.tr("Russian"),
                 "both": self.tr("English and Russian")}
        for i in range(self.language.count()):
            self.language.setItemText(i, names[self.language.itemData(i)])
        papers = {"a4": self.tr("A4 (210 × 297 mm)"), "letter": self.tr("US Letter (8.5 × 11 in)")}
        for i in range(self.paper.count()):
            self.paper.setItemText(i, papers[self.paper.itemData(i)])
        self.deidentified.setText(self.tr("&De-identified"))
        self.deid_hint.setText(self.tr(
            "Initials, record number and birth date are left out, free text is scrubbed, and "
            "dates are shown as time from the transplant or the diagnosis."))
        self.deidentified.setToolTip(self.deid_hint.text())
        self.preview_title.setText(self.tr("Preview"))
        self.zoom.setItemText(0, self.tr("Whole page"))
        self.zoom.setItemText(1, self.tr("Page width"))
        several = len(self.codes) > 1
        self.save_button.setText(self.tr("&Save %1…").replace("%1", self.case.code)
                                 if several and self.case is not None
                                 else self.tr("&Save PDF…"))
        self.save_button.setToolTip(self.tr("Save the summary shown, as previewed"))
        self.save_all_button.setText(self.tr("Save &All (%1)…").replace("%1",
                                                                           str(len(self.codes))))
        self.save_all_button.setToolTip(self.tr(
            "One PDF per selected case, written into a folder you choose"))
        self.print_button.setText(self.tr("P&rint…"))
        self.close_button.setText(self.tr("Close"))
        self._describe_cases()
        self._show_page_number(self.preview.current_page(), self.preview.page_count())
        self._show_state()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _describe_cases(self) -> None:
        several = len(self.codes) > 1
        self.cases_title.setText(self.tr("Selected cases (%1)").replace(
            "%1", str(len(self.codes))) if several else self.tr("Case"))
        if self.case is None:
            self.case_label.setText("")
        elif several:
            self.case_label.setText(", ".join(self.codes))
        else:
            title = self.case.title.get(self.exports.window.session.text_lang) or ""
            self.case_label.setText(f"{self.case.code}\n{title}".strip())
        self.case_row_label.setVisible(several)
        self.case_box.setVisible(several)

    def _show_page_number(self, n: int, total: int) -> None:
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(n)).replace(
            "%2", str(total)) if total else "")

    def _show_state(self, done: int = 0, total: int = 0) -> None:
        busy = not self.ready and not self.error
        text = ""
        if busy:
            text = (self.tr("Drawing page %1 of %2…").replace("%1", str(min(done + 1, total)))
                    .replace("%2", str(total)) if total else self.tr("Preparing the preview…"))
        self.state_label.setText(text)
        self.busy.setVisible(busy)
        if self.case is not None:
            lang, _paper, anonymize = self.options()
            self.file_label.setText(self.tr("File name: %1").replace(
                "%1", pdf_file_name(self.case.code, lang, anonymize)))

    # --- options ---------------------------------------------------------------------------
    def options(self) -> tuple[str, str, bool]:
        """(language, paper, de-identified)."""
        return (self.language.currentData(), self.paper.currentData(),
                self.deidentified.isChecked())

    def set_options(self, lang: str | None = None, paper: str | None = None,
                    anonymize: bool | None = None) -> None:
        if lang is not None:
            self.language.setCurrentIndex(self.language.findData(lang))
        if paper is not None:
            self.paper.setCurrentIndex(self.paper.findData(paper))
        if anonymize is not None:
            self.deidentified.blockSignals(True)
            self.deidentified.setChecked(anonymize)
            self.deidentified.blockSignals(False)
            self._options_changed()

    def _restore_options(self) -> None:
        settings = app_settings()
        lang = str(settings.value("exports/pdfLang", "both"))
        paper = str(settings.value("exports/pdfPaper", default_paper()))
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))

    def _remember_options(self) -> None:
        settings = app_settings()
        settings.setValue("exports/pdfLang", self.language.currentData())
        settings.setValue("exports/pdfPaper", self.paper.currentData())

    def _deid_toggled(self, on: bool) -> None:
        window = self.exports.window
        if not on and window.session.anonymized and not confirm(
                self, self.tr("Export Without De-identification?"),
                self.tr("The screen is anonymized. Show and save this summary with the "
                        "patient's initials, record number and real dates?"),
                self.tr("Show Identifying Data")):
            self.deidentified.blockSignals(True)
            self.deidentified.setChecked(True)
            self.deidentified.blockSignals(False)
            return
        self._options_changed()

    def _show_preflight(self) -> None:
        if self.case is not None:
            self.preflight.show_for([self.case], self.language.currentData(),
                                    self.exports.window.session.ui_lang)

    def _options_changed(self) -> None:
        self._show_preflight()
        self._remember_options()
        self.ready, self.pdf, self.error = False, None, None
        self._update_buttons()
        self.preview.set_busy(True)
        self._show_state()
        self._timer.start()

    # --- the cases --------------------------------------------------------------------------
    def open_for(self, codes: list[str], case: Case) -> None:
        """Show the dialog for ``codes`` (the preview shows ``case``, one of them)."""
        self.codes = list(codes)
        self.case_box.blockSignals(True)
        self.case_box.clear()
        for code in self.codes:
            self.case_box.addItem(code, code)
        self.case_box.setCurrentIndex(max(0, self.case_box.findData(case.code)))
        self.case_box.blockSignals(False)
        self.case = copy.deepcopy(case)
        self.set_options(anonymize=self.exports.window.session.anonymized)
        self.preview.clear()
        self.retranslate()
        self._show_preflight()
        self._start_preview()
        self.open()

    def _case_chosen(self, index: int) -> None:
        code = self.case_box.itemData(index)
        if not code or (self.case is not None and self.case.code == code):
            return
        try:
            self.case = self.exports.window.session.store.get(code)
        except CasePresenterError as e:
            warn(self, self.tr("Export PDF Summary"), str(e))
            return
        self.retranslate()
        self._options_changed()

    # --- the preview ---------------------------------------------------------------------------
    def _start_preview(self) -> None:
        self._timer.stop()
        if self.case is None:
            return
        if self._task is not None:
            self._task.cancel()
        self._generation += 1
        lang, paper, anonymize = self.options()
        scale = PREVIEW_SCALE * max(1.0, self.devicePixelRatioF())
        task = PreviewTask(copy.deepcopy(self.case), lang, anonymize, paper, scale,
                           self._generation)
        task.signals.progress.connect(self._preview_progress)
        task.signals.finished.connect(self._preview_done)
        self._task = task
        self._running.add(task)
        self.ready, self.pdf, self.error = False, None, None
        self.preview.set_busy(True)
        self._update_buttons()
        self._show_state()
        workers.start(task)

    def _preview_progress(self, done: int, total: int) -> None:
        if not self.ready:
            self._show_state(done, total)

    def _preview_done(self, result: workers.TaskResult) -> None:
        report: PreviewReport = result.report
        self._running = {t for t in self._running if t.generation != report.generation}
        if report.generation != self._generation or self._timer.isActive():
            return  # options changed meanwhile: a newer preview is coming
        self._task = None
        if result.error:
            self.error = result.error
            self.preview.clear()
            self.preview.set_message(self.tr("This summary cannot be made:") + "\n\n"
                                     + result.error)
        elif result.cancelled or report.pdf is None:
            return
        else:
            self.pdf = report.pdf
            self.ready = True
            self.preview.set_pages(report.pages)
        self._update_buttons()
        self._show_state()
        self.previewReady.emit()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.ready)
        self.print_button.setEnabled(self.ready)
        several = len(self.codes) > 1
        self.save_all_button.setVisible(several)
        self.save_all_button.setEnabled(several and self.exports.window.db_path is not None)
        # with several cases, the folder of all of them is what was most likely asked for
        self.save_all_button.setDefault(several)
        self.save_button.setDefault(not several)

    def done(self, r: int) -> None:
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()
        super().done(r)

    # --- saving and printing ---------------------------------------------------------------------
    def default_path(self) -> Path:
        lang, _paper, anonymize = self.options()
        code = self.case.code if self.case else "summary"
        return reports_dir() / pdf_file_name(code, lang, anonymize)

    def save_dialog(self) -> None:
        if not self.ready:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF Summary"),
                                              str(self.default_path()),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the previewed PDF to ``path`` (whole or not at all); close on success."""
        from desktop.core.outfile import OutputError, write_bytes

        if self.pdf is None:
            return False
        try:
            write_bytes(Path(path), self.pdf)
        except OutputError as e:
            warn(self, self.tr("The PDF could not be saved"), str(e))
            return False
        self.exports.window.statusBar().showMessage(
            self.tr("Saved %1").replace("%1", str(path)), 15000)
        folders.remember(path, "reports")
        folders.offer_open(self.exports.window, Path(path))
        self.accept()
        return True

    def save_all_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save PDF Summaries to Folder"), str(reports_dir()))
        if folder:
            folders.remember(folder, "reports")
            self.save_all(Path(folder))

    def save_all(self, folder: Path) -> workers.Task | None:
        lang, paper, anonymize = self.options()
        task = self.exports.save_all(self.codes, folder, lang, anonymize, paper)
        if task is not None:
            self.accept()
        return task

    def print_dialog(self) -> None:
        if self.case is None or not self.ready:
            return
        lang, paper, anonymize = self.options()
        job = self.exports.print_summary(self.case, lang, anonymize, paper, self.pdf,
                                         self.preview.page_count(), parent=self)
        if job is not None:
            self.accept()
