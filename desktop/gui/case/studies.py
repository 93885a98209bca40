"""PET studies and their lesions in tables, and the study image (under the PET view)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core import casefile, vocab
from desktop.core.errors import CaseFileError
from desktop.core.model import Case, Image, Lesion, PetStudy
from desktop.gui.case.columns import Column
from desktop.gui.case.table_model import ListTableModel
from desktop.gui.case.tables import ListEditor
from desktop.gui.common import folders
from desktop.gui.common.session import CaseSession
from desktop.gui.common.values import refusal


def visual_choices(lang: str) -> list[tuple[str | None, str]]:
    return [(None, "")] + [(c, f"{c} — {vocab.label(vocab.RESPONSES, c, lang)}")
                           for c in casefile.VISUAL_RESPONSES]


def deauville_choices(lang: str) -> list[tuple[str | None, str]]:
    return [(None, "")] + [(c, c) for c in casefile.DEAUVILLE]


def media_type_of(data: bytes) -> str | None:
    return next((t for t, magic in casefile.IMAGE_MAGIC.items() if data.startswith(magic)), None)


class StudyEditor(QWidget):
    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("studyEditor")
        s = session
        self.studies = ListEditor(s, "studyTable", ListTableModel(
            s, lambda case: case.pet_studies,
            lambda case: PetStudy(None),  # type: ignore[arg-type]
            [Column("date", "date", width=15, required=True),
             Column("label", "ltext", width=28),
             Column("liver_sul_mean", "float", width=9),
             Column("liver_sul_sd", "float", width=9),
             Column("liver_suv_max", "float", width=9),
             Column("mediastinum_suv_max", "float", width=11),
             Column("new_lesions", "bool3", width=10),
             Column("visual_response", "choice", width=8, choices=visual_choices,
                    show_code=True),
             Column("deauville", "choice", width=8, choices=deauville_choices),
             Column("image", "image", width=6),
             Column("note", "ltext", stretch=True)],
            lambda: self.tr("PET study")), "pet_studies")
        self.studies.view.setMinimumHeight(70)
        self.lesions = ListEditor(s, "lesionTable", ListTableModel(
            s, self._lesions_of, self._new_lesion,
            [Column("id", "text", width=10, required=True),
             Column("site", "ltext", width=26, stretch=True),
             Column("sul_max", "float", width=9), Column("sul_peak", "float", width=9),
             Column("suv_max", "float", width=9)],
            lambda: self.tr("lesion")), "lesions")
        self.lesions.view.setMinimumHeight(60)

        self.image_label = QLabel(self)
        self.image_label.setObjectName("studyImage")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setFixedSize(120, 120)
        self.image_label.setStyleSheet("border: 1px solid #ccc; color: #777;")
        self.image_label.setWordWrap(True)
        self.set_image_button = QPushButton(self, objectName="setImageButton")
        self.remove_image_button = QPushButton(self, objectName="removeImageButton")
        self.set_image_button.clicked.connect(self.choose_image)
        self.remove_image_button.clicked.connect(self.remove_image)
        self.image_hint = QLabel(self)
        self.image_hint.setWordWrap(True)
        self.image_hint.setStyleSheet("color: #b00020;")
        self.image_hint.hide()

        self.lesion_box = QGroupBox(self)
        lesion_layout = QHBoxLayout(self.lesion_box)
        lesion_layout.addWidget(self.lesions, 1)
        image_column = QVBoxLayout()
        image_column.addWidget(self.image_label)
        image_column.addWidget(self.set_image_button)
        image_column.addWidget(self.remove_image_button)
        image_column.addWidget(self.image_hint)
        image_column.addStretch(1)
        lesion_layout.addLayout(image_column)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.studies)
        splitter.addWidget(self.lesion_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self.studies.view.selectionModel().currentRowChanged.connect(
            lambda *_: self._study_selected())
        self.retranslate()

    # --- which study -------------------------------------------------------------------
    def current_study(self) -> int:
        row = self.studies.view.currentIndex().row()
        case = self.session.display_case
        if case is None or not 0 <= row < len(case.pet_studies):
            return -1
        return row

    def _lesions_of(self, case: Case | None) -> list[Lesion] | None:
        i = self.current_study()
        if case is None or not 0 <= i < len(case.pet_studies):
            return None
        return case.pet_studies[i].lesions

    def _new_lesion(self, case: Case) -> Lesion:
        taken = {x.id for x in self._lesions_of(case) or []}
        n = 1
        while f"L{n}" in taken:
            n += 1
        return Lesion(f"L{n}")

    def _study_selected(self) -> None:
        self.lesions.refresh()
        self._show_image()
        self._update_title()

    # --- words --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.set_image_button.setText(self.tr("Set image…"))
        self.remove_image_button.setText(self.tr("Remove image"))
        self._update_title()
        self._show_image()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _update_title(self) -> None:
        i = self.current_study()
        case = self.session.display_case
        if i < 0 or case is None:
            self.lesion_box.setTitle(self.tr("Lesions: select a study above"))
            return
        study = case.pet_studies[i]
        self.lesion_box.setTitle(self.tr("Lesions of the study of %1").replace(
            "%1", self.session.date_text(study.date)))

    # --- the image ----------------------------------------------------------------------
    def _show_image(self) -> None:
        i = self.current_study()
        case = self.session.display_case
        image = case.pet_studies[i].image if case is not None and i >= 0 else None
        editable = self.session.editable and i >= 0
        self.set_image_button.setEnabled(editable)
        self.remove_image_button.setEnabled(editable and image is not None)
        if image is None:
            self.image_label.setPixmap(QPixmap())
            self.image_label.setText(self.tr("No image") if i >= 0 else "")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(image.data)
        if pixmap.isNull():
            self.image_label.setText(self.tr("The image cannot be shown."))
            return
        self.image_label.setPixmap(pixmap.scaled(
            self.image_label.contentsRect().size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("PET image"),
                                              str(folders.start_dir("images")),
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            folders.remember(path, "images")
            self.set_image_from_file(Path(path))

    def set_image_from_file(self, path: Path) -> str | None:
        i = self.current_study()
        if i < 0:
            return None
        try:
            data = path.read_bytes()
        except OSError as e:
            return self._image_problem(f"{path}: {e.strerror or e}")
        media_type = media_type_of(data)
        if media_type is None:
            return self._image_problem(self.tr("%1 is not a PNG or JPEG image.").replace(
                "%1", path.name))
        try:
            casefile.check_image(data, media_type, path=path.name)
        except CaseFileError as e:
            return self._image_problem(refusal(e, self.session.ui_lang))

        def put(case: Case) -> None:
            case.pet_studies[i].image = Image(media_type, data)

        return self._image_problem(self.session.edit(self.tr("Set PET image"), put))

    def remove_image(self) -> None:
        i = self.current_study()
        if i < 0:
            return

        def drop(case: Case) -> None:
            case.pet_studies[i].image = None

        self._image_problem(self.session.edit(self.tr("Remove PET image"), drop))

    def _image_problem(self, problem: str | None) -> str | None:
        self.image_hint.setText(problem or "")
        self.image_hint.setVisible(bool(problem))
        return problem

    def refresh(self) -> None:
        row = self.studies.view.currentIndex().row()
        self.studies.refresh()
        case = self.session.display_case
        if case is not None and case.pet_studies and not 0 <= row < len(case.pet_studies):
            self.studies.view.setCurrentIndex(self.studies.model.index(0, 0))
        self.lesions.refresh()
        self._show_image()
        self._update_title()

