"""The widgets of the PET tab, built once: the list of studies, the patient and reference
fields, the before/after images, the paired chart, the lesion table and the response.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
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
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import pet
from desktop.gui.pet.chart import PairedChartWidget
from desktop.gui.pet.images import ImagePair

REFERENCE_FIELDS = ("liver_sul_mean", "liver_sul_sd", "liver_suv_max", "mediastinum_suv_max")
ERROR_STYLE = "color: #B00020;"
FIELD_ERROR_STYLE = "QLineEdit { border: 2px solid #B00020; }"
#: Lesion table columns.
COL_ID, COL_SITE, COL_BEFORE, COL_AFTER, COL_CHANGE = range(5)
#: The lesion field that holds each measure.
MEASURE_FIELD = {pet.SULPEAK: "sul_peak", pet.SULMAX: "sul_max"}


class PetPanels:
    """Builds ``PetView``'s widgets (a mixin: ``self`` is the view)."""

    def _build(self) -> None:
        self.studies_heading = QLabel(self)
        bold = QFont(self.studies_heading.font())
        bold.setBold(True)
        self.studies_heading.setFont(bold)
        self.study_list = QListWidget(self)
        self.study_list.setObjectName("petStudyList")
        self.study_list.setWordWrap(True)
        self.study_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.study_list.currentRowChanged.connect(self._study_chosen)

        # patient: weight, height, sex; LBM and SUL factor from pet.py
        self.patient_box = QGroupBox(self)
        self.weight = QLineEdit(self, objectName="petWeight")
        self.height = QLineEdit(self, objectName="petHeight")
        self.sex = QComboBox(self, objectName="petSex")
        for field_, unit in ((self.weight, "kg"), (self.height, "cm")):
            field_.setProperty("unit", unit)
            field_.setMaximumWidth(110)
            field_.textChanged.connect(self._update_lbm)
        self.weight.editingFinished.connect(lambda: self._patient_edited("weight_kg"))
        self.height.editingFinished.connect(lambda: self._patient_edited("height_cm"))
        self.sex.activated.connect(lambda _i: self._patient_edited("sex"))
        self.sex.currentIndexChanged.connect(self._update_lbm)
        self.weight_label, self.height_label, self.sex_label = QLabel(), QLabel(), QLabel()
        self.weight_unit, self.height_unit = QLabel(), QLabel()
        self.sex_value = QLabel(self)
        self.sex_value.setObjectName("petSexValue")
        self.lbm_label = QLabel(self, objectName="petLbm")
        self.lbm_label.setWordWrap(True)
        self.sul_factor_label = QLabel(self, objectName="petSulFactor")
        self.sul_factor_label.setWordWrap(True)
        self.patient_message = QLabel(self, objectName="petPatientMessage")
        self.patient_message.setWordWrap(True)
        self.patient_message.setStyleSheet(ERROR_STYLE)
        self.patient_message.hide()
        form = QFormLayout(self.patient_box)
        form.addRow(self.weight_label, self._with_unit(self.weight, self.weight_unit))
        form.addRow(self.height_label, self._with_unit(self.height, self.height_unit))
        sex_row = QHBoxLayout()
        sex_row.addWidget(self.sex)
        sex_row.addWidget(self.sex_value)
        sex_row.addStretch(1)
        form.addRow(self.sex_label, sex_row)
        form.addRow(self.lbm_label)
        form.addRow(self.sul_factor_label)
        form.addRow(self.patient_message)

        # reference regions of the two studies shown
        self.reference_box = QGroupBox(self)
        grid = QGridLayout(self.reference_box)
        self.reference_heads = (QLabel(), QLabel())
        for head in self.reference_heads:
            head.setWordWrap(True)
        grid.addWidget(self.reference_heads[0], 0, 1)
        grid.addWidget(self.reference_heads[1], 0, 2)
        self.reference_labels: dict[str, QLabel] = {}
        self.reference_inputs: dict[tuple[str, str], QLineEdit] = {}
        for r, name in enumerate(REFERENCE_FIELDS, start=1):
            label = QLabel()
            self.reference_labels[name] = label
            grid.addWidget(label, r, 0)
            for c, side in enumerate(("before", "after"), start=1):
                edit = QLineEdit(self, objectName=f"petRef_{name}_{side}")
                edit.setMinimumWidth(48)
                edit.setMaximumWidth(90)
                edit.editingFinished.connect(
                    lambda n=name, s=side: self._reference_edited(n, s))
                self.reference_inputs[(name, side)] = edit
                grid.addWidget(edit, r, c)
        self.reference_message = QLabel(self, objectName="petReferenceMessage")
        self.reference_message.setWordWrap(True)
        self.reference_message.setStyleSheet(ERROR_STYLE)
        self.reference_message.hide()
        grid.addWidget(self.reference_message, len(REFERENCE_FIELDS) + 1, 0, 1, 3)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.studies_heading)
        left_layout.addWidget(self.study_list, 1)
        self.dicom_button = QPushButton(self, objectName="petAddDicom")
        self.dicom_button.clicked.connect(self.add_from_dicom)
        left_layout.addWidget(self.dicom_button)
        left_layout.addWidget(self.patient_box)
        left_layout.addWidget(self.reference_box)
        self.study_list.setMinimumHeight(90)
        self.study_list.setMaximumHeight(220)
        left_layout.addStretch(0)
        scroll = QScrollArea(self)
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)

        # right: images, response, chart and table
        self.images = ImagePair(self)
        self.images.before.attachRequested.connect(lambda: self.choose_image("before"))
        self.images.after.attachRequested.connect(lambda: self.choose_image("after"))
        self.image_message = QLabel(self, objectName="petImageMessage")
        self.image_message.setWordWrap(True)
        self.image_message.setStyleSheet(ERROR_STYLE)
        self.image_message.hide()

        self.badge = QLabel(self, objectName="petResponseBadge")
        self.badge.setWordWrap(False)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.explanation = QLabel(self, objectName="petExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lugano = QLabel(self, objectName="petLugano")
        self.lugano.setWordWrap(True)
        self.lugano.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lugano.setStyleSheet("color: #333;")
        response = QWidget(self)
        rl = QVBoxLayout(response)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        rl.addWidget(self.explanation)
        rl.addWidget(self.lugano)

        self.chart = PairedChartWidget(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("petLesionTable")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SITE, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._lesion_edited)
        self.lesion_message = QLabel(self, objectName="petLesionMessage")
        self.lesion_message.setWordWrap(True)
        self.lesion_message.setStyleSheet(ERROR_STYLE)
        self.lesion_message.hide()
        table_box = QWidget(self)
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table, 1)
        tl.addWidget(self.lesion_message)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.chart)
        lower.addWidget(table_box)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        lower.setSizes([560, 420])
        lower.setChildrenCollapsible(False)

        # one column: images, response, chart and table. A layout (not a splitter), so
        # every part keeps its minimum size; the window's slot scrolls when short.
        right = QWidget(self)
        self.right_layout = QVBoxLayout(right)
        self.right_layout.setContentsMargins(0, 0, 0, 0)
        self.right_layout.addWidget(self.images, 3)
        self.right_layout.addWidget(self.image_message)
        self.right_layout.addWidget(response)
        self.right_layout.addWidget(lower, 2)

        self.empty = QLabel(self, objectName="petEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555; font-size: 14pt;")
        self.content = QStackedWidget(self)
        self.content.addWidget(right)
        self.content.addWidget(self.empty)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(self.content)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    @staticmethod
    def _with_unit(edit: QLineEdit, unit: QLabel) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit)
        row.addWidget(unit)
        row.addStretch(1)
        return row
