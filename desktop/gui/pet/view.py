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

``render_pet_figure`` (``desktop.gui.pet.figure``) draws the same comparison for a slide.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidgetItem, QTableWidgetItem, QWidget

from desktop.core import pet, vocab
from desktop.core.dates import PartialDate
from desktop.core.deid import DeidView
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case
from desktop.core.palette import text_on
from desktop.gui.common.values import refusal
from desktop.gui.pet.chart import ChartCaptions
from desktop.gui.pet.edits import PetEdits
from desktop.gui.pet.figure import render_pet_figure
from desktop.gui.pet.panels import (
    COL_AFTER,
    COL_BEFORE,
    COL_CHANGE,
    ERROR_STYLE,
    MEASURE_FIELD,
    REFERENCE_FIELDS,
    PetPanels,
)
from desktop.gui.pet.style import (
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

__all__ = ["PetView", "render_pet_figure"]

class PetView(QWidget, PetPanels, PetEdits):
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

    def add_from_dicom(self, folder=None):
        """Ask for a DICOM folder and open the dialog that adds a PET study from it."""
        from desktop.gui.pet.dicom_dialog import add_from_dicom

        if self._case is None or not self._editable:
            return None
        return add_from_dicom(self, self._case.patient, lambda study: self._offer(
            lambda case: case.pet_studies.append(study), word("do_dicom", self._lang)), folder)

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
        self.dicom_button.setText(word("from_dicom", lang))
        self.dicom_button.setEnabled(self._editable and self._case is not None)
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
        result = self.comparison().verdict.result if self.comparison() else None
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
        result = comparison.verdict.result  # the criteria of the case's disease
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
        """Beside the badge: the physician's read, a disagreement said aloud, the Deauville
        scores (Lugano), and the other criteria marked as secondary."""
        lang, v = self._lang, comparison.verdict
        # the read beside a computed category (a badge that is the read needs no repeat)
        lines = [] if v.result.criteria == pet.VISUAL else [v.read.text(lang)]
        if v.disagreement:
            lines.append(v.disagreement.get(lang) or "")
        if v.criteria == "lugano":
            for rank, score in zip((0, self._pair + 1), comparison.deauville, strict=True):
                if score.score is not None:
                    lines.append(f"{study_role(rank, lang)}: {score.explanation.get(lang)}")
        if v.secondary is not None:
            lines.append(v.secondary_text(lang))
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
        field_ = MEASURE_FIELD.get(chart.measure or pet.SULMAX, "sul_max")
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

