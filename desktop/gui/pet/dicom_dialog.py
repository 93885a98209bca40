"""Add a PET study from DICOM: a folder read in the background, the series found, its MIPs,
the calculation passport with weight, height and sex that can be corrected, lesion spheres
placed by a click (or typed in patient mm) and the liver reference; OK saves the study.

The numbers are the core's (``desktop.core.dicom``): the dialog previews them from one
calibration scaled by the corrected passport (SUV is linear in the scale factor) and, on OK,
``study.to_pet_study`` measures them again in the background on the corrected calibration
and makes the MIP picture. Refusals are the core's messages in the interface language.
Nothing identifying goes into the study: the label is what the user typed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dicom import measure, study, suv
from desktop.core.dicom.errors import DicomError
from desktop.core.dicom.voi import NamedVoi, Sphere
from desktop.core.errors import CasePresenterError
from desktop.core.model import PetStudy, Text
from desktop.gui.common import folders
from desktop.gui.common.i18n import translate
from desktop.gui.common.values import refusal
from desktop.gui.pet import dicom_worker as worker
from desktop.gui.pet.dicom_panels import VoiPanel
from desktop.gui.pet.mip_view import Mark, MipView
from desktop.gui.pet.style import lesion_colour

FOLDER_KIND = "dicom"
LIVER_COLOUR = "#009E73"
ERROR_STYLE = "color: #B00020;"


def ui_lang() -> str:
    """The interface language, as the window's language switch set it."""
    return "ru" if QLocale().language() == QLocale.Language.Russian else "en"


def choose_folder(parent: QWidget) -> Path | None:
    """Ask for the folder of the series (starting where the last one was, else in the
    user's documents)."""
    folder = QFileDialog.getExistingDirectory(
        parent, translate("DicomDialog", "Folder with the PET-CT DICOM files"),
        str(folders.start_dir(FOLDER_KIND)))
    if not folder:
        return None
    folders.remember(folder, FOLDER_KIND)
    return Path(folder)


class DicomDialog(QDialog):
    """objectName ``dicomDialog``; ``state`` is finding, reading, ready, failed, cancelled or
    saving; ``save(study)`` returns why it was refused, or None."""

    def __init__(self, folder: Path, patient, save: Callable[[PetStudy], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dicomDialog")
        self.folder, self.patient, self._save = Path(folder), patient, save
        self.lang = ui_lang()
        self.state = "finding"
        self.task: worker.DicomTask | None = None
        self.found = []
        self.read: worker.ReadSeries | None = None
        self.base: study.Loaded | None = None
        self.passport = None
        self.overrides: dict = {}
        self._build()

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(self.tr("Add PET study from DICOM"))
        self.resize(1200, 700)
        self.folder_label = QLabel(self, objectName="dicomFolder")
        self.folder_label.setText(self.tr("Folder: %1").replace("%1", str(self.folder)))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.series_head = QLabel(self.tr("Several PET series were found; choose one:"), self)
        self.series_list = QListWidget(self, objectName="dicomSeriesList")
        self.series_list.setMaximumHeight(90)
        self.series_list.currentRowChanged.connect(self._series_chosen)
        self.progress = QProgressBar(self, objectName="dicomProgress")
        self.status = QLabel(self, objectName="dicomStatus")
        self.cancel_read = QPushButton(self.tr("Cancel reading"), self,
                                       objectName="dicomCancelRead")
        self.cancel_read.clicked.connect(self.cancel_reading)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.status, 1)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_read)

        self.mip = MipView(self)
        self.voi = VoiPanel(self)
        self.voi.pointTyped.connect(self._show_pending)
        self.mip.pointPicked.connect(self.voi.set_point)
        self.voi.changed.connect(self._recompute)
        self.voi.bodyEdited.connect(self._body_edited)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.mip)
        splitter.addWidget(self.voi)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 520])
        splitter.setChildrenCollapsible(False)

        self.message = QLabel(self, objectName="dicomMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("dicomOk")
        self.ok_button.setText(self.tr("Add study"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.series_head)
        layout.addWidget(self.series_list)
        layout.addLayout(progress_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.series_head.hide()
        self.series_list.hide()
        self._update_buttons()

    # --- running -------------------------------------------------------------------------
    def start(self) -> None:
        """Look for the PET series of the folder (in the background)."""
        self._run("finding", self.tr("Looking for PET series…"), worker.find(self.folder),
                  self._found)

    def _run(self, state: str, text: str, work, done) -> None:
        if self.task is not None:
            self.task.cancel()
        self.state = state
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_read.setVisible(state != "saving")
        self._say(None)
        task = worker.DicomTask(work)
        task.signals.progress.connect(self._progress)
        task.signals.finished.connect(lambda outcome, t=task: self._finished(t, outcome, done))
        self.task = task
        self._update_buttons()
        worker.start(task)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, task: worker.DicomTask, outcome: worker.Outcome, done) -> None:
        if task is not self.task:
            return  # a read that was replaced by another
        self.task = None
        self.progress.hide()
        self.cancel_read.hide()
        if outcome.cancelled:
            self.state = "cancelled"
            self.status.setText(refusal(DicomError("cancelled"), self.lang))
        elif outcome.error is not None:
            self.state = "failed"
            self.status.setText("")
            self._say(refusal(outcome.error, self.lang))
        else:
            done(outcome.value)
        self._update_buttons()

    def cancel_reading(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def reject(self) -> None:
        self.cancel_reading()
        super().reject()

    # --- series --------------------------------------------------------------------------
    def _found(self, found) -> None:
        self.found = list(found)
        several = len(self.found) > 1
        self.series_head.setVisible(several)
        self.series_list.setVisible(several)
        self.series_list.blockSignals(True)
        self.series_list.clear()
        self.series_list.addItems([s.label() for s in self.found])
        self.series_list.blockSignals(False)
        self.series_list.setCurrentRow(0)
        if not several:
            self._series_chosen(0)

    def _series_chosen(self, row: int) -> None:
        if 0 <= row < len(self.found):
            info = self.found[row]
            self.read, self.base, self.passport, self.overrides = None, None, None, {}
            self.mip.set_series(None, None, None)
            self.voi.clear()
            self._run("reading", self.tr("Reading %1 slices…").replace("%1", str(info.n_slices)),
                      worker.read(info, self.patient), self._read_done)

    def _read_done(self, read: worker.ReadSeries) -> None:
        self.read, self.base, self.overrides = read, read.loaded, {}
        self.state = "ready"
        self.status.setText(self.tr("Series read: %1").replace("%1", read.volume.info.label()))
        self.mip.set_series(read.volume.data, read.volume.geometry, read.raw_mips)
        inputs = suv.read_inputs(read.volume.headers, read.volume.files[0].name)
        body = {k: read.overrides.get(k, getattr(inputs, k))
                for k in ("weight_kg", "height_cm", "sex")}
        self.voi.set_body(body, self.lang)
        self._recompute()

    # --- the passport and the values -----------------------------------------------------
    def _body_edited(self, key: str, value) -> None:
        if value is None:
            self.overrides.pop(key, None)
        else:
            self.overrides[key] = value
        self._recompute()

    def _calibrate(self):
        """The passport with the corrections; calibrates the volume the first time the
        header alone could not (a weight typed in)."""
        read = self.read
        if self.base is None:
            merged = {**read.overrides, **self.overrides}
            self.base = study.calibrate_volume(read.volume, **merged)
            self.overrides = {}
            return self.base.passport
        if not self.overrides:
            return self.base.passport
        return suv.recalibrate(self.base.passport, **self.overrides)

    def _recompute(self) -> None:
        if self.read is None:
            return
        try:
            self.passport = self._calibrate()
        except CasePresenterError as e:
            self.passport = None
            self.mip.set_scale(None)
            self.voi.show_passport(None, self.lang)
            self._say(refusal(e, self.lang))
            self._update_buttons()
            return
        p = self.passport
        self._say(None)
        self.mip.set_scale(p.scale_factor)
        self.voi.show_passport(p, self.lang)
        ratio = p.scale_factor / self.base.passport.scale_factor
        self.voi.show_values(self.base, ratio, p.sul_per_suv, self.lang)
        self._show_pending(self.voi.point())
        self._update_buttons()

    def _show_pending(self, point) -> None:
        marks = [Mark(v.id, v.sphere.center, v.sphere.radius_mm, lesion_colour(i))
                 for i, v in enumerate(self.voi.lesions)]
        if self.voi.liver is not None:
            marks.append(Mark(self.tr("liver"), self.voi.liver, measure.REFERENCE_RADIUS_MM,
                              LIVER_COLOUR, dashed=True))
        self.mip.set_marks(marks, point)

    def _say(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    def _update_buttons(self) -> None:
        ready = self.state == "ready" and self.passport is not None
        self.ok_button.setEnabled(ready)
        self.voi.setEnabled(self.state in ("ready", "saving") and self.read is not None)

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        """Measure again on the corrected calibration and make the MIP (in the background),
        then hand the study to ``save``; the dialog closes when it was saved."""
        if self.state != "ready" or self.passport is None:
            return
        text = self.voi.label_text()
        label = Text(text, text) if text else None
        vois = [NamedVoi(v.id, Sphere(v.sphere.center, v.sphere.radius_mm))
                for v in self.voi.lesions]
        self._run("saving", self.tr("Measuring and making the MIP…"),
                  worker.build(self.base, self.overrides, vois, self.voi.liver, label),
                  self._built)

    def _built(self, pet_study: PetStudy) -> None:
        self.state = "ready"
        self.status.setText("")
        problem = self._save(pet_study)
        if problem:
            self._say(problem)
            return
        self.accept()


def add_from_dicom(parent: QWidget, patient, save: Callable[[PetStudy], str | None],
                   folder: Path | None = None) -> DicomDialog | None:
    """Ask for a folder and open the dialog on it (window-modal, not blocking)."""
    folder = folder or choose_folder(parent)
    if folder is None:
        return None
    dialog = DicomDialog(folder, patient, save, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.start()
    return dialog

