"""The right side of the DICOM dialog: the calculation passport with its correctable inputs
(weight, height, sex), the lesion spheres and the liver reference, and the study label.

Values are previewed from one calibration (``base``) scaled by the corrected passport:
SUV is proportional to the scale factor, so ``ratio`` × the measure of ``base`` is the
measure the corrected calibration gives, and SUL is SUV × LBM / weight.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import vocab
from desktop.core.dicom import measure
from desktop.core.dicom.errors import DicomError
from desktop.core.dicom.voi import NamedVoi, Sphere
from desktop.gui.common.values import refusal
from desktop.gui.pet.style import fmt, input_text, parse_value

DEFAULT_RADIUS_MM = 15.0  # a lesion VOI without a radius, as ``pet import`` takes it
ERROR_STYLE = "color: #B00020;"
FIELD_ERROR_STYLE = "QLineEdit { border: 2px solid #B00020; }"
COLUMNS = ("ID", "centre", "R", "SUVmax", "SULmax", "SULpeak")


def xyz_text(xyz, lang: str) -> str:
    return "; ".join(fmt(round(float(v), 1), lang) for v in xyz)


class VoiPanel(QScrollArea):
    """Passport, spheres and label (objectName ``dicomPanel``)."""

    pointTyped = Signal(object)  # (x, y, z) or None
    changed = Signal()  # a lesion or the liver placed or removed
    bodyEdited = Signal(str, object)  # weight_kg | height_cm | sex, value (None: header's)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dicomPanel")
        self.lang = "en"
        self.lesions: list[NamedVoi] = []
        self.liver: tuple[float, float, float] | None = None
        self._base = None
        self._cache: dict = {}
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.addWidget(self._passport_box())
        layout.addWidget(self._voi_box())
        label_row = QFormLayout()
        self.label = QLineEdit(self, objectName="dicomLabel")
        self.label.setPlaceholderText(self.tr("e.g. after 2 cycles (nothing identifying)"))
        label_row.addRow(self.tr("Study label"), self.label)
        layout.addLayout(label_row)
        layout.addStretch(1)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(420)

    # --- building ------------------------------------------------------------------------
    def _passport_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Calculation passport"), self)
        form = QFormLayout(box)
        self.weight = QLineEdit(self, objectName="dicomWeight")
        self.height = QLineEdit(self, objectName="dicomHeight")
        self.sex = QComboBox(self, objectName="dicomSex")
        self.sex.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.body_sources = {k: QLabel(self) for k in ("weight_kg", "height_cm", "sex")}
        for key, edit, unit in (("weight_kg", self.weight, self.tr("kg")),
                                ("height_cm", self.height, self.tr("cm"))):
            edit.setMaximumWidth(90)
            edit.editingFinished.connect(lambda k=key, e=edit: self._typed_body(k, e))
            form.addRow(self.tr("Weight") if key == "weight_kg" else self.tr("Height"),
                        self._row(edit, QLabel(unit), self.body_sources[key]))
        self.sex.activated.connect(lambda _i: self.bodyEdited.emit("sex",
                                                                   self.sex.currentData()))
        form.addRow(self.tr("Sex"), self._row(self.sex, self.body_sources["sex"]))
        self.passport = QLabel(self, objectName="dicomPassport")
        self.passport.setWordWrap(True)
        self.passport.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passport.setStyleSheet("color: #333;")
        form.addRow(self.passport)
        return box

    @staticmethod
    def _row(*widgets) -> QHBoxLayout:
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w)
        row.addStretch(1)
        return row

    def _voi_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Lesions and liver"), self)
        v = QVBoxLayout(box)
        hint = QLabel(self.tr("Click a lesion on the MIP, or type its centre in patient mm (LPS); "
                         "name it with the ID it has in the other studies."), self)
        hint.setWordWrap(True)
        v.addWidget(hint)
        grid = QGridLayout()
        self.lesion_id = QLineEdit(self, objectName="dicomLesionId")
        self.lesion_id.setPlaceholderText(self.tr("e.g. L1"))
        self.coords = {k: QLineEdit(self, objectName=f"dicom{k}") for k in ("X", "Y", "Z", "R")}
        self.coords["R"].setText(input_text(DEFAULT_RADIUS_MM, "en"))
        grid.addWidget(QLabel(self.tr("ID")), 0, 0)
        grid.addWidget(self.lesion_id, 0, 1, 1, 3)
        for col, k in enumerate(("X", "Y", "Z", "R")):
            grid.addWidget(QLabel(self.tr("%1, mm").replace("%1", k)), 1, col)
            grid.addWidget(self.coords[k], 2, col)
            self.coords[k].setMinimumWidth(60)
            if k != "R":
                self.coords[k].editingFinished.connect(lambda: self.pointTyped.emit(self.point()))
        v.addLayout(grid)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add lesion"), self, objectName="dicomAddLesion")
        self.liver_button = QPushButton(self.tr("Place liver here (3 cm)"), self,
                                        objectName="dicomPlaceLiver")
        self.remove_button = QPushButton(self.tr("Remove lesion"), self,
                                         objectName="dicomRemoveLesion")
        self.add_button.clicked.connect(self.add_lesion)
        self.liver_button.clicked.connect(self.place_liver)
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.add_button, self.liver_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("dicomLesionTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        v.addWidget(self.table)
        self.liver_label = QLabel(self, objectName="dicomLiver")
        self.liver_label.setWordWrap(True)
        v.addWidget(self.liver_label)
        self.voi_message = QLabel(self, objectName="dicomVoiMessage")
        self.voi_message.setWordWrap(True)
        self.voi_message.setStyleSheet(ERROR_STYLE)
        self.voi_message.hide()
        v.addWidget(self.voi_message)
        return box

    # --- body ----------------------------------------------------------------------------
    def set_body(self, body: dict, lang: str) -> None:
        """The header's (or the case's) weight, height and sex, before any correction."""
        self.lang = lang
        self.weight.setText(input_text(body.get("weight_kg"), lang))
        self.height.setText(input_text(body.get("height_cm"), lang))
        self.sex.clear()
        if body.get("sex") not in ("F", "M"):
            self.sex.addItem(self.tr("not reported"), None)
        for code in ("F", "M"):
            self.sex.addItem(vocab.label(vocab.SEXES, code, lang), code)
        self.sex.setCurrentIndex(max(0, self.sex.findData(body.get("sex"))))

    def _typed_body(self, key: str, edit: QLineEdit) -> None:
        try:
            value = parse_value(edit.text())
        except ValueError:
            edit.setStyleSheet(FIELD_ERROR_STYLE)
            self._say(self.tr("Not a number: write e.g. 61.5."))
            return
        edit.setStyleSheet("")
        self._say(None)
        if edit.property("shown") != edit.text():
            self.bodyEdited.emit(key, value)

    def show_passport(self, p, lang: str) -> None:
        """The passport's lines and the inputs it used (with where each came from)."""
        self.lang = lang
        if p is None:
            self.passport.setText("")
            for label in self.body_sources.values():
                label.setText("")
            return
        self.passport.setText("\n".join(p.lines()))
        for key, edit in (("weight_kg", self.weight), ("height_cm", self.height)):
            edit.setText(input_text(getattr(p, key), lang))
            edit.setProperty("shown", edit.text())
        self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex)))
        for key, source in (("weight_kg", p.weight_source), ("height_cm", p.height_source),
                            ("sex", p.sex_source)):
            self.body_sources[key].setText(source)
            self.body_sources[key].setStyleSheet("color: #555;")

    # --- spheres -------------------------------------------------------------------------
    def set_point(self, xyz) -> None:
        """A point picked on the MIP: into X, Y, Z; the ID next."""
        for k, value in zip(("X", "Y", "Z"), xyz, strict=True):
            self.coords[k].setText(input_text(round(float(value), 1), self.lang))
        self.lesion_id.setFocus()
        self.pointTyped.emit(self.point())

    def point(self) -> tuple[float, float, float] | None:
        try:
            values = [parse_value(self.coords[k].text()) for k in ("X", "Y", "Z")]
        except ValueError:
            return None
        if any(v is None for v in values):
            return None
        return tuple(values)  # type: ignore[return-value]

    def _sphere_input(self) -> tuple[tuple[float, float, float], float] | None:
        xyz = self.point()
        try:
            radius = parse_value(self.coords["R"].text())
        except ValueError:
            radius = -1.0
        if xyz is None:
            self._say(self.tr("Click the MIP or type X, Y and Z (patient mm) first."))
            return None
        if radius is None:
            radius = DEFAULT_RADIUS_MM
        if not 0 < radius <= 200:
            self._say(self.tr("The radius must be a number of mm above 0 (at most 200)."))
            return None
        return xyz, radius

    def add_lesion(self) -> None:
        got = self._sphere_input()
        if got is None:
            return
        name = self.lesion_id.text().strip()
        if not name:
            self._say(self.tr("Name the lesion with the ID that matches it in the other studies."))
            self.lesion_id.setFocus()
            return
        if any(v.id == name for v in self.lesions):
            self._say(self.tr("A lesion %1 is already placed: another ID, or remove it first.")
                      .replace("%1", name))
            return
        voi = NamedVoi(name, Sphere(got[0], got[1]))
        if self._base is not None and self._measure(voi.sphere) is None:
            return
        self.lesions.append(voi)
        self.lesion_id.clear()
        self._say(None)
        self.changed.emit()

    def place_liver(self) -> None:
        got = self._sphere_input()
        if got is None:
            return
        if self._base is not None and self._reference(got[0]) is None:
            return
        self.liver = got[0]
        self._say(None)
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lesions):
            del self.lesions[row]
            self.changed.emit()

    def clear(self) -> None:
        self.lesions, self.liver, self._base, self._cache = [], None, None, {}
        self.table.setRowCount(0)
        self.liver_label.setText("")
        self.show_passport(None, self.lang)

    def label_text(self) -> str:
        return self.label.text().strip()

    # --- values --------------------------------------------------------------------------
    def _measure(self, sphere: Sphere):
        key = (id(self._base), "voi", sphere)
        if key not in self._cache:
            try:
                self._cache[key] = measure.measure_sphere(self._base.suv, self._base.geometry,
                                                          sphere)
            except DicomError as e:
                self._say(refusal(e, self.lang))
                return None
        return self._cache[key]

    def _reference(self, center):
        key = (id(self._base), "ref", tuple(center))
        if key not in self._cache:
            try:
                self._cache[key] = measure.reference(self._base.suv, self._base.geometry,
                                                     center)
            except DicomError as e:
                self._say(refusal(e, self.lang))
                return None
        return self._cache[key]

    def show_values(self, base, ratio: float, sul_per_suv: float, lang: str) -> None:
        """Each lesion's SUVmax, SULmax, SULpeak and the liver's SULmean ± SD, as the
        corrected passport gives them."""
        if base is not self._base:
            self._base, self._cache = base, {}
        self.lang = lang
        heads = [self.tr("ID"), self.tr("centre, mm"), "R", "SUVmax", "SULmax", "SULpeak"]
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setRowCount(len(self.lesions))
        for r, voi in enumerate(self.lesions):
            result = self._measure(voi.sphere)
            values = ["—"] * 3 if result is None else [
                fmt(round(result.suv_max.value * ratio, 2), lang),
                fmt(round(result.suv_max.value * ratio * sul_per_suv, 2), lang),
                fmt(round(result.suv_peak.value * ratio * sul_per_suv, 2), lang)]
            cells = [voi.id, xyz_text(voi.sphere.center, lang),
                     fmt(voi.sphere.radius_mm, lang), *values]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.liver_label.setText(self._liver_text(ratio, sul_per_suv, lang))

    def _liver_text(self, ratio: float, k: float, lang: str) -> str:
        if self.liver is None:
            return self.tr("Liver reference: not placed.")
        ref = self._reference(self.liver)
        where = xyz_text(self.liver, lang)
        if ref is None:
            return self.tr("Liver reference (3 cm sphere) at %1 mm").replace("%1", where)
        return (self.tr("Liver reference (3 cm sphere) at %1 mm: SULmean %2 ± %3")
                .replace("%1", where).replace("%2", fmt(round(ref.suv_mean * ratio * k, 2), lang))
                .replace("%3", fmt(round(ref.suv_sd * ratio * k, 2), lang)))

    def _say(self, text: str | None) -> None:
        self.voi_message.setText(text or "")
        self.voi_message.setVisible(bool(text))
