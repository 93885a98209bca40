"""The PET tab: studies in order, before/after images, paired chart, lesion table, response.

``PetView`` draws what ``desktop.core.pet.compare_studies`` computed and computes nothing
clinical itself. It never writes to the database: every edit (an attached image, weight,
height, sex, a reference region, a lesion value) is checked against the case-file rules and
the PET rules, and then offered as ``editRequested(new_case, description)`` — a deep copy of
the case with the one change — for the main window to save as one undoable step. A refused
edit gets a message next to its field and nothing is emitted.

``set_case`` takes the case as stored (not a de-identified copy): with ``anonymize`` the view
shows dates as time from the anchor (``DeidView``) and scrubs the study texts, while edits
still apply to the real case.

``render_pet_figure`` (``desktop.gui.pet_figure``) draws the same comparison for a slide.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import casefile, pet, vocab
from desktop.core.dates import PartialDate
from desktop.core.deid import DeidView
from desktop.core.errors import CaseFileError, CasePresenterError
from desktop.core.model import Case, Image, PetStudy
from desktop.core.palette import text_on
from desktop.gui.pet_chart import ChartCaptions, PairedChartWidget
from desktop.gui.pet_figure import render_pet_figure
from desktop.gui.pet_images import ImagePair
from desktop.gui.pet_style import (
    badge_text,
    check_lang,
    fmt,
    input_text,
    parse_value,
    response_colour,
    study_label,
    study_role,
    study_value_line,
    text_in,
    word,
)
from desktop.gui.values import refusal

__all__ = ["PetView", "render_pet_figure"]

REFERENCE_FIELDS = ("liver_sul_mean", "liver_sul_sd", "liver_suv_max", "mediastinum_suv_max")
ERROR_STYLE = "color: #B00020;"
FIELD_ERROR_STYLE = "QLineEdit { border: 2px solid #B00020; }"
#: Lesion table columns.
COL_ID, COL_SITE, COL_BEFORE, COL_AFTER, COL_CHANGE = range(5)
_MEASURE_FIELD = {pet.SULPEAK: "sul_peak", pet.SULMAX: "sul_max"}


def media_type_of(data: bytes) -> str | None:
    """``image/png`` or ``image/jpeg`` by the file's first bytes, else None."""
    return next((t for t, magic in casefile.IMAGE_MAGIC.items() if data.startswith(magic)),
                None)


def case_problem(case: Case, lang: str = "en") -> str | None:
    """The first case-file rule or PET rule the case breaks, as a message; None if none.

    The case-file rules (ranges: SUL 0–100, weight, height; SULpeak ≤ SULmax) are checked
    by writing the case out and reading it back, without the image bytes (they are checked
    when attached); the PET rules (order of studies, values usable) by comparing them."""
    plain = dataclasses.replace(case, pet_studies=[dataclasses.replace(s, image=None)
                                                   for s in case.pet_studies])
    try:
        casefile.from_document(casefile.to_document(plain), source=case.code)
        pet.compare_studies(case)
    except CasePresenterError as e:
        return refusal(e, lang)
    except (TypeError, ValueError, AttributeError) as e:
        return f"{case.code}: {e}"
    return None


class PetView(QWidget):
    """The PET comparison of one case (objectName ``petView``)."""

    editRequested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None, *, lang: str = "en") -> None:
        super().__init__(parent)
        self.setObjectName("petView")
        self._case: Case | None = None
        self._lang = check_lang(lang)
        self._anonymize = False
        self._editable = True
        self._deid: DeidView | None = None
        self._order: list[int] = []  # indexes into case.pet_studies, in date order
        self._comparisons: list[pet.StudyComparison] = []
        self._pair = 0  # which comparison (follow-up) is shown
        self._error: Exception | None = None
        self._filling = False
        self._build()
        self._refresh()

    # --- building --------------------------------------------------------------------
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

    # --- the API -----------------------------------------------------------------------
    def set_case(self, case: Case | None, *, lang: str | None = None,
                 anonymize: bool | None = None) -> None:
        """Show ``case`` (as stored; None: nothing). The studies shown stay the same pair
        when the same case comes back after an edit."""
        same = (case is not None and self._case is not None and case.code == self._case.code
                and len(case.pet_studies) == len(self._case.pet_studies))
        if lang is not None:
            self._lang = check_lang(lang)
        if anonymize is not None:
            self._anonymize = bool(anonymize)
        self._case = case
        if not same:
            self._pair = 0
            self._clear_messages()
        self._compute()
        self._refresh(fit=not same)

    def set_language(self, lang: str) -> None:
        self._lang = check_lang(lang)
        self._compute_deid()
        self._refresh(fit=False)

    def set_anonymize(self, anonymize: bool) -> None:
        self._anonymize = bool(anonymize)
        self._compute_deid()
        self._refresh(fit=False)

    def set_editable(self, editable: bool) -> None:
        """False: the inputs are read-only and nothing is offered for saving."""
        self._editable = bool(editable)
        self._refresh(fit=False)

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def anonymize(self) -> bool:
        return self._anonymize

    def case(self) -> Case | None:
        return self._case

    def comparison(self) -> pet.StudyComparison | None:
        """The pair on screen (None: fewer than two studies, or an error)."""
        if 0 <= self._pair < len(self._comparisons):
            return self._comparisons[self._pair]
        return None

    def show_pair(self, index: int) -> None:
        """Show the baseline against follow-up number ``index`` (0 = the first)."""
        if 0 <= index < len(self._comparisons):
            self._pair = index
            self._refresh(fit=True)

    def texts(self) -> list[str]:
        """Every text the view shows (labels, list, table, chart): for checks and tests."""
        out = [w.text() for w in self.findChildren(QLabel) if w.isVisibleTo(self)]
        out += [self.study_list.item(i).text() for i in range(self.study_list.count())]
        for r in range(self.table.rowCount()):
            out += [self.table.item(r, c).text() for c in range(self.table.columnCount())
                    if self.table.item(r, c) is not None]
        out += [self.table.horizontalHeaderItem(c).text() for c in range(self.table.columnCount())
                if self.table.horizontalHeaderItem(c) is not None]
        out += self.chart.texts()
        return [t for t in out if t]

    # --- computing what to show (all of it in pet.py) -----------------------------------
    def _compute(self) -> None:
        self._comparisons, self._error, self._order = [], None, []
        case = self._case
        if case is not None:
            self._order = sorted(range(len(case.pet_studies)),
                                 key=lambda i: case.pet_studies[i].date.sort_key())
            try:
                self._comparisons = pet.compare_studies(case)
            except CasePresenterError as e:
                self._error = e
        self._pair = min(self._pair, max(0, len(self._comparisons) - 1))
        self._compute_deid()

    def _compute_deid(self) -> None:
        self._deid = None
        if self._anonymize and self._case is not None:
            try:
                self._deid = DeidView(self._case)
            except CasePresenterError:
                self._deid = None  # dates then show as "[date]": never the real date

    def _date(self, d: PartialDate | None) -> str:
        if d is None:
            return ""
        if self._anonymize:
            return self._deid.date(d, self._lang) if self._deid else "[date]"
        return d.display(self._lang)

    def _text(self, s: str) -> str:
        if self._anonymize:
            return (self._deid.text(s, self._lang) or "") if self._deid else ""
        return s

    def _pair_studies(self) -> tuple[int | None, int | None]:
        """Indexes (into case.pet_studies) of the before and after study shown."""
        if not self._order:
            return None, None
        if len(self._order) == 1:
            return self._order[0], None
        return self._order[0], self._order[min(self._pair + 1, len(self._order) - 1)]

    # --- showing ------------------------------------------------------------------------
    def _refresh(self, fit: bool = True) -> None:
        self._filling = True
        try:
            self._show_words()
            self._show_studies()
            self._show_patient()
            self._show_references()
            self._show_images()
            self._show_response()
            self._show_chart_and_table()
        finally:
            self._filling = False
        if fit:
            self.images.fit()

    def _show_words(self) -> None:
        lang = self._lang
        self.studies_heading.setText(word("studies", lang))
        self.patient_box.setTitle(word("patient", lang))
        self.reference_box.setTitle(word("references", lang))
        self.weight_label.setText(word("weight", lang))
        self.height_label.setText(word("height", lang))
        self.sex_label.setText(word("sex", lang))
        self.weight_unit.setText(word("kg", lang))
        self.height_unit.setText(word("cm", lang))
        for name, label in self.reference_labels.items():
            label.setText(word(name, lang))
        case = self._case
        if case is None or not case.pet_studies:
            self.empty.setText(word("no_studies", lang) if case is not None else "")
            self.content.setCurrentWidget(self.empty)
        else:
            self.content.setCurrentIndex(0)

    def _show_studies(self) -> None:
        lang, case = self._lang, self._case
        self.study_list.blockSignals(True)
        self.study_list.clear()
        before, after = self._pair_studies()
        if case is not None:
            for rank, i in enumerate(self._order):
                study = case.pet_studies[i]
                head = f"{study_role(rank, lang)} · {self._date(study.date)}"
                label = self._text(study_label(study, lang))
                item = QListWidgetItem(f"{head}\n{label}" if label else head)
                item.setData(Qt.ItemDataRole.UserRole, i)
                note = self._text(text_in(study.note, lang))
                if note:
                    item.setToolTip(note)
                if i in (before, after):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.study_list.addItem(item)
            shown = self._order.index(after) if after is not None else 0
            self.study_list.setCurrentRow(shown)
        self.study_list.blockSignals(False)

    def _study_chosen(self, row: int) -> None:
        if row >= 1 and row - 1 != self._pair and row - 1 < len(self._comparisons):
            self._pair = row - 1
            self._clear_messages()
            self._refresh(fit=True)

    def _show_patient(self) -> None:
        lang, case = self._lang, self._case
        patient = case.patient if case is not None else None
        editable = self._editable and case is not None
        for edit, value in ((self.weight, patient.weight_kg if patient else None),
                            (self.height, patient.height_cm if patient else None)):
            edit.setText(input_text(value, lang))
            edit.setReadOnly(not editable)
            edit.setPlaceholderText(word("not_reported", lang))
            edit.setStyleSheet("")
        self.sex.blockSignals(True)
        self.sex.clear()
        self.sex.addItem(word("sex_unknown", lang), None)
        for code in vocab.SEXES:
            self.sex.addItem(vocab.label(vocab.SEXES, code, lang), code)
        self.sex.setCurrentIndex(max(0, self.sex.findData(patient.sex if patient else None)))
        self.sex.blockSignals(False)
        missing_sex = patient is not None and patient.sex is None
        self.sex.setVisible(missing_sex)
        self.sex.setEnabled(editable)
        self.sex_value.setVisible(not missing_sex)
        self.sex_value.setText(vocab.label(vocab.SEXES, patient.sex, lang) if patient else "")
        self._update_lbm()

    def _typed(self, edit: QLineEdit, stored: float | None) -> float | None:
        try:
            return parse_value(edit.text())
        except ValueError:
            return stored

    def _update_lbm(self, *_args) -> None:
        """Lean body mass and SUL factor of what is typed (or stored), by pet.py."""
        lang, case = self._lang, self._case
        if case is None:
            self.lbm_label.setText("")
            self.sul_factor_label.setText("")
            return
        weight = self._typed(self.weight, case.patient.weight_kg)
        height = self._typed(self.height, case.patient.height_cm)
        sex = case.patient.sex or self.sex.currentData()
        if weight is None or height is None or sex is None:
            self.lbm_label.setText(word("lbm_needs", lang))
            self.sul_factor_label.setText("")
            return
        try:
            jan = pet.lbm_janmahasatian(weight, height, sex)
            factor = pet.sul_from_suv(1.0, weight, height, sex)
        except pet.PetError as e:
            self.lbm_label.setText(refusal(e, lang))
            self.sul_factor_label.setText("")
            return
        try:
            james = pet.lbm_james(weight, height, sex)
            text = word("lbm", lang, a=fmt(round(jan, 1), lang), b=fmt(round(james, 1), lang))
        except pet.PetError as e:
            text = word("lbm_no_james", lang, a=fmt(round(jan, 1), lang), e=refusal(e, lang))
        self.lbm_label.setText(text)
        self.sul_factor_label.setText(word("sul_factor", lang, f=fmt(round(factor, 3), lang)))

    def _show_references(self) -> None:
        lang, case = self._lang, self._case
        before, after = self._pair_studies()
        editable = self._editable and case is not None
        for side, index, head in (("before", before, self.reference_heads[0]),
                                  ("after", after, self.reference_heads[1])):
            rank = self._order.index(index) if index is not None else None
            head.setText(study_role(rank, lang) if rank is not None else "")
            study = case.pet_studies[index] if case is not None and index is not None else None
            for name in REFERENCE_FIELDS:
                edit = self.reference_inputs[(name, side)]
                value = getattr(study, name) if study is not None else None
                edit.setText(input_text(value, lang))
                edit.setEnabled(study is not None)
                edit.setReadOnly(not editable)
                edit.setPlaceholderText("—")
                edit.setStyleSheet("")

    def _show_images(self) -> None:
        lang, case = self._lang, self._case
        before, after = self._pair_studies()
        result = self.comparison().response if self.comparison() else None
        attach = word("attach", lang) if self._editable else None
        for side, index, panel in (("before", before, self.images.before),
                                   ("after", after, self.images.after)):
            if case is None or index is None:
                panel.heading.set_full_text(word("after" if side == "after" else "before", lang))
                panel.sublabel.set_full_text("")
                panel.set_image(None, placeholder=word("no_follow_up", lang) if case else "",
                                attach=None)
                panel.value.set_full_text("")
                panel.set_replace(None)
                continue
            study = case.pet_studies[index]
            rank = self._order.index(index)
            panel.heading.set_full_text(f"{word(side, lang)}: {self._date(study.date)}")
            label = self._text(study_label(study, lang))
            panel.sublabel.set_full_text(" · ".join(x for x in (study_role(rank, lang), label)
                                                    if x))
            ok = panel.set_image(study.image, placeholder=word("no_image", lang), attach=attach)
            if not ok:
                panel.placeholder_label.setText(word("cannot_show", lang))
            panel.set_replace(word("replace", lang) if self._editable else None)
            panel.value.set_full_text(study_value_line(result, side, lang) if result else "")
        compact = not (self.images.before.has_image() or self.images.after.has_image())
        if compact != self.images.compact:  # no image at all: the chart gets the room
            self.images.set_compact(compact)
            self.right_layout.setStretchFactor(self.images, 0 if compact else 3)

    def _show_response(self) -> None:
        lang = self._lang
        comparison = self.comparison()
        if comparison is None:
            message = ""
            if self._error:
                message = word("pet_error", lang, e=refusal(self._error, lang))
            elif self._case is not None and len(self._order) == 1:
                message = word("one_study", lang)
            self.badge.hide()
            self.explanation.setText(message)
            self.explanation.setStyleSheet(ERROR_STYLE if self._error else "")
            self.lugano.setText("")
            self.lugano.hide()
            return
        result = comparison.response
        fill = response_colour(result)
        self.badge.setText(badge_text(result, lang))
        self.badge.setStyleSheet(
            f"QLabel#petResponseBadge {{ background: {fill}; color: {text_on(fill)}; "
            "border-radius: 6px; padding: 4px 10px; font-weight: bold; }")
        self.badge.setProperty("category", result.category or "")
        self.badge.show()
        self.explanation.setStyleSheet("")
        self.explanation.setText(result.explanation.get(lang) or "")
        lines = self._lugano_lines(comparison)
        self.lugano.setText("\n".join(lines))
        self.lugano.setVisible(bool(lines))

    def _lugano_lines(self, comparison: pet.StudyComparison) -> list[str]:
        """Deauville of each study and the Lugano category, where there is a score."""
        lang = self._lang
        lines = []
        for rank, score in zip((0, self._pair + 1), comparison.deauville, strict=True):
            if score.score is not None:
                lines.append(f"{study_role(rank, lang)}: {score.explanation.get(lang)}")
        if comparison.lugano.category is not None:
            lines.append(comparison.lugano.explanation.get(lang) or "")
        return lines

    def _show_chart_and_table(self) -> None:
        lang, case = self._lang, self._case
        comparison = self.comparison()
        chart = comparison.chart if comparison is not None else None
        before, after = self._pair_studies()
        captions = ChartCaptions(
            (word("before", lang), self._date(chart.before_date) if chart else ""),
            (word("after", lang), self._date(chart.after_date) if chart else ""))
        self.chart.set_chart(chart, lang, captions)
        self.chart.setVisible(comparison is not None)
        measure = (chart.measure if chart else None) or pet.SULMAX
        self.table.setHorizontalHeaderLabels([
            word("lesion", lang), word("site", lang), f"{word('before', lang)}\n{measure}",
            f"{word('after', lang)}\n{measure}", word("change", lang)])
        self.table.setRowCount(0)
        if chart is None or case is None or before is None or after is None:
            return
        field_ = _MEASURE_FIELD.get(chart.measure or pet.SULMAX, "sul_max")
        ids = {side: {x.id: x for x in case.pet_studies[i].lesions}
               for side, i in (("before", before), ("after", after))}
        self.table.setRowCount(len(chart.rows))
        for r, row in enumerate(chart.rows):
            cells = [row.id, self._text(text_in(row.site, lang))]
            for side in ("before", "after"):
                lesion = ids[side].get(row.id)
                value = getattr(row, side) if chart.measure else (
                    getattr(lesion, field_) if lesion else None)
                cells.append(fmt(value, lang) if lesion is not None else "—")
            change = row.pct_text(lang)
            if change and row.abs_change is not None:
                change = f"{change} ({fmt(row.abs_change, lang, signed=True)})"
            cells.append(change)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                side = {COL_BEFORE: "before", COL_AFTER: "after"}.get(c)
                if side is not None:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                    if ids[side].get(row.id) is None:
                        item.setToolTip(word("not_in_study", lang))
                    elif self._editable:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    if getattr(row, side) is None:
                        item.setForeground(QColor("#777777"))
                if c == COL_CHANGE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                item.setFlags(flags)
                self.table.setItem(r, c, item)

    # --- edits ----------------------------------------------------------------------------
    def _clear_messages(self) -> None:
        for label in (self.image_message, self.patient_message, self.reference_message,
                      self.lesion_message):
            label.setText("")
            label.hide()

    @staticmethod
    def _say(label: QLabel, message: str | None) -> str | None:
        label.setText(message or "")
        label.setVisible(bool(message))
        return message

    def _offer(self, mutate: Callable[[Case], None], description: str) -> str | None:
        """Apply ``mutate`` to a deep copy of the case; emit it if it keeps every rule.
        Returns the reason it was refused, or None."""
        if self._case is None:
            return None
        if not self._editable:
            return word("read_only", self._lang)
        new = copy.deepcopy(self._case)
        mutate(new)
        problem = case_problem(new, self._lang)
        if problem:
            return word("refused", self._lang, e=problem)
        self.editRequested.emit(new, description)
        return None

    # images
    def choose_image(self, side: str = "before") -> str | None:
        """Ask for a PNG/JPEG file and attach it to the study on ``side``."""
        before, after = self._pair_studies()
        index = before if side == "before" else after
        if index is None or self._case is None:
            return None
        path, _ = QFileDialog.getOpenFileName(
            self, word("attach", self._lang), "", "PNG / JPEG (*.png *.jpg *.jpeg)")
        if not path:
            return None
        return self.attach_image_file(index, Path(path))

    def attach_image_file(self, study_index: int, path: Path) -> str | None:
        """Attach the image at ``path`` to ``case.pet_studies[study_index]``: refused with a
        message (returned and shown under the images) if it is not a PNG or JPEG, is larger
        than the case-file limit, or cannot be decoded; otherwise ``editRequested``."""
        lang, name = self._lang, Path(path).name
        try:
            size = Path(path).stat().st_size
            if size > casefile.MAX_IMAGE_BYTES:
                return self._say(self.image_message, word(
                    "too_large", lang, f=name, mb=fmt(round(size / 2**20, 1), lang),
                    lim=casefile.MAX_IMAGE_BYTES // 2**20))
            data = Path(path).read_bytes()
        except OSError as e:
            return self._say(self.image_message,
                             word("unreadable", lang, f=name, e=e.strerror or e))
        media_type = media_type_of(data)
        if media_type is None:
            return self._say(self.image_message, word("not_image", lang, f=name))
        try:
            casefile.check_image(data, media_type, path=name)
        except CaseFileError as e:
            return self._say(self.image_message, word("refused", lang, e=refusal(e, lang)))
        if QImage.fromData(data).isNull():
            return self._say(self.image_message, word("undecodable", lang, f=name))

        def put(case: Case) -> None:
            case.pet_studies[study_index].image = Image(media_type, data)

        return self._say(self.image_message, self._offer(put, word("do_attach", lang)))

    # patient
    def _patient_edited(self, field_: str) -> str | None:
        if self._filling or self._case is None:
            return None
        lang, patient = self._lang, self._case.patient
        if field_ == "sex":
            value = self.sex.currentData()
            if value == patient.sex:
                return None
            edit, description = None, word("do_sex", lang)
        else:
            edit = self.weight if field_ == "weight_kg" else self.height
            try:
                value = parse_value(edit.text())
            except ValueError:
                edit.setStyleSheet(FIELD_ERROR_STYLE)
                return self._say(self.patient_message, word("not_number", lang))
            if value == getattr(patient, field_):
                edit.setStyleSheet("")
                return self._say(self.patient_message, None)
            description = word("do_weight" if field_ == "weight_kg" else "do_height", lang)

        def put(case: Case) -> None:
            setattr(case.patient, field_, value)

        problem = self._offer(put, description)
        if edit is not None:
            edit.setStyleSheet(FIELD_ERROR_STYLE if problem else "")
        return self._say(self.patient_message, problem)

    # reference regions
    def _reference_edited(self, name: str, side: str) -> str | None:
        if self._filling or self._case is None:
            return None
        before, after = self._pair_studies()
        index = before if side == "before" else after
        if index is None:
            return None
        lang = self._lang
        edit = self.reference_inputs[(name, side)]
        study = self._case.pet_studies[index]
        try:
            value = parse_value(edit.text())
        except ValueError:
            edit.setStyleSheet(FIELD_ERROR_STYLE)
            return self._say(self.reference_message, word("not_number", lang))
        if value == getattr(study, name):
            edit.setStyleSheet("")
            return self._say(self.reference_message, None)

        def put(case: Case) -> None:
            setattr(case.pet_studies[index], name, value)

        rank = self._order.index(index)
        problem = self._offer(put, word("do_reference", lang, f=word(name, lang),
                                        r=study_role(rank, lang)))
        edit.setStyleSheet(FIELD_ERROR_STYLE if problem else "")
        return self._say(self.reference_message, problem)

    # lesions
    def _lesion_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or self._case is None:
            return
        side = {COL_BEFORE: "before", COL_AFTER: "after"}.get(item.column())
        comparison = self.comparison()
        if side is None or comparison is None:
            return
        self.edit_lesion(item.row(), side, item.text())

    def edit_lesion(self, row: int, side: str, text: str) -> str | None:
        """Set the chart measure of the lesion in ``row`` of the table on ``side``
        ("before"/"after") from what was typed; refused with a message at the table."""
        comparison = self.comparison()
        before, after = self._pair_studies()
        if comparison is None or self._case is None or not 0 <= row < len(comparison.chart.rows):
            return None
        lang = self._lang
        index = before if side == "before" else after
        lesion_id = comparison.chart.rows[row].id
        measure = comparison.chart.measure or pet.SULMAX
        field_ = _MEASURE_FIELD[measure]
        study: PetStudy = self._case.pet_studies[index]
        position = next((k for k, x in enumerate(study.lesions) if x.id == lesion_id), None)
        if position is None:
            return self._say(self.lesion_message, word("not_in_study", lang))
        try:
            value = parse_value(text)
        except ValueError:
            self._restore_table()
            return self._say(self.lesion_message, word("not_number", lang))
        if value == getattr(study.lesions[position], field_):
            return self._say(self.lesion_message, None)

        def put(case: Case) -> None:
            setattr(case.pet_studies[index].lesions[position], field_, value)

        rank = self._order.index(index)
        problem = self._offer(put, word("do_lesion", lang, m=measure, i=lesion_id,
                                        r=study_role(rank, lang)))
        if problem:
            self._restore_table()
        return self._say(self.lesion_message, problem)

    def _restore_table(self) -> None:
        self._filling = True
        try:
            self._show_chart_and_table()
        finally:
            self._filling = False
