"""The slides export dialog: language, slide size and de-identification (on unless the
user confirms otherwise), then a file name; the deck is written off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop.core.model import Case
from desktop.gui.common import folders, workers
from desktop.gui.common.settings import app_settings
from desktop.gui.exports.dialogs import (
    HINT_STYLE,
    SLIDE_LANGS,
    SLIDE_SIZES,
    ExportActions,
    confirm,
    reports_dir,
)
from desktop.gui.exports.preflight_box import PreflightBox


class SlidesExportDialog(QDialog):
    """Language, slide size and de-identification (on unless the user confirms), then a
    file name; the deck is written off the UI thread."""

    def __init__(self, exports: ExportActions) -> None:
        super().__init__(exports.window)
        self.setObjectName("slidesExportDialog")
        self.exports = exports
        self.codes: list[str] = []
        self.cases: list[Case] = []
        self.cases_title = QLabel(self)
        self.cases_title.setStyleSheet("font-weight: 600;")
        self.case_label = QLabel(self, objectName="slidesCaseLabel", wordWrap=True)
        self.language = QComboBox(self, objectName="slidesLanguage")
        for value in SLIDE_LANGS:
            self.language.addItem("", value)
        self.size_box = QComboBox(self, objectName="slidesSize")
        for value in SLIDE_SIZES:
            self.size_box.addItem("", value)
        self.deidentified = QCheckBox(self, objectName="slidesDeidentified")
        self.deidentified.setChecked(True)
        self.deid_hint = QLabel(self, wordWrap=True)
        self.deid_hint.setStyleSheet(HINT_STYLE)
        self.deidentified.toggled.connect(self._deid_toggled)
        settings = app_settings()
        self.size_box.setCurrentIndex(max(0, self.size_box.findData(
            str(settings.value("exports/slidesSize", "16:9")))))

        form = QFormLayout()
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.size_label = QLabel(self)
        self.size_label.setBuddy(self.size_box)
        form.addRow(self.language_label, self.language)
        form.addRow(self.size_label, self.size_box)
        form.addRow(self.deidentified)
        form.addRow(self.deid_hint)
        self.preflight = PreflightBox(self)
        form.addRow(self.preflight)
        self.language.currentIndexChanged.connect(lambda _i: self._show_preflight())

        self.buttons = QDialogButtonBox(self)
        self.export_button = QPushButton(self, objectName="slidesExportButton")
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.export_dialog)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.cases_title)
        layout.addWidget(self.case_label)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export Slides"))
        self.language_label.setText(self.tr("&Language:"))
        self.size_label.setText(self.tr("Slide &size:"))
        names = {"en": self.tr("English"), "ru": self.tr("Russian")}
        for i in range(self.language.count()):
            self.language.setItemText(i, names[self.language.itemData(i)])
        sizes = {"16:9": self.tr("Widescreen (16:9)"), "4:3": self.tr("Standard (4:3)")}
        for i in range(self.size_box.count()):
            self.size_box.setItemText(i, sizes[self.size_box.itemData(i)])
        self.deidentified.setText(self.tr("&De-identified"))
        self.deid_hint.setText(self.tr(
            "Slides are usually shown in public: initials, record number and birth date are "
            "left out, free text is scrubbed, and dates are shown as time from the transplant "
            "or the diagnosis."))
        self.export_button.setText(self.tr("&Export…"))
        self.cancel_button.setText(self.tr("Cancel"))
        several = len(self.codes) > 1
        self.cases_title.setText(self.tr("Selected cases (%1)").replace(
            "%1", str(len(self.codes))) if several else self.tr("Case"))
        if several:
            self.case_label.setText(", ".join(self.codes))
        elif self.cases:
            case = self.cases[0]
            title = case.title.get(self.exports.window.session.text_lang) or ""
            self.case_label.setText(f"{case.code}\n{title}".strip())

    def _show_preflight(self) -> None:
        if self.cases:
            self.preflight.show_for(self.cases, self.language.currentData(),
                                    self.exports.window.session.ui_lang)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _deid_toggled(self, on: bool) -> None:
        if not on and not confirm(
                self, self.tr("Slides Without De-identification?"),
                self.tr("Slides are usually shown in public. Export them with the patient's "
                        "initials, record number and real dates?"),
                self.tr("Export Identifying Data")):
            self.deidentified.blockSignals(True)
            self.deidentified.setChecked(True)
            self.deidentified.blockSignals(False)

    def options(self) -> tuple[str, str, bool]:
        """(language, slide size, de-identified)."""
        return (self.language.currentData(), self.size_box.currentData(),
                self.deidentified.isChecked())

    def open_for(self, cases: list[Case]) -> None:
        self.cases = list(cases)
        self.codes = [c.code for c in cases]
        session = self.exports.window.session
        self.language.setCurrentIndex(max(0, self.language.findData(session.text_lang)))
        self.deidentified.blockSignals(True)
        self.deidentified.setChecked(True)  # every time: slides are shown in public
        self.deidentified.blockSignals(False)
        self.retranslate()
        self._show_preflight()
        self.open()

    def default_path(self) -> Path:
        lang, _size, anonymize = self.options()
        stem = self.codes[0] if len(self.codes) == 1 else f"{len(self.codes)}-cases"
        return reports_dir() / f"{stem}{'-deid' if anonymize else ''}-{lang}.pptx"

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Slides"), str(self.default_path()),
            self.tr("PowerPoint presentations (*.pptx)"))
        if path:
            if not path.lower().endswith(".pptx"):
                path += ".pptx"
            folders.remember(path, "reports")
            self.export_to(Path(path))

    def export_to(self, path: Path) -> workers.Task:
        lang, size, anonymize = self.options()
        app_settings().setValue("exports/slidesSize", size)
        task = self.exports.write_slides(self.cases, path, lang, anonymize, size)
        self.accept()
        return task
