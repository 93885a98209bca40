"""The Overview tab: the case, the patient, the diagnosis (with the immunophenotype as a
marker table) and later findings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import vocab
from desktop.core.markers import DIM, NEGATIVE, POSITIVE, parse_markers
from desktop.core.model import Case, Finding
from desktop.gui.case.columns import Column
from desktop.gui.case.fields import attr, text_half, vocab_choices
from desktop.gui.case.forms import FieldForm
from desktop.gui.case.table_model import ListTableModel
from desktop.gui.case.tables import ListEditor
from desktop.gui.common.i18n import heading
from desktop.gui.common.session import CaseSession

MARK_COLOURS = {POSITIVE: "#1b5e20", NEGATIVE: "#b71c1c", DIM: "#8d6e00"}


def sex_choices(lang: str) -> list[tuple[str | None, str]]:
    """Female, male, or not reported (nothing is assumed)."""
    return [(None, vocab.field("not_reported", lang)),
            *vocab_choices(vocab.SEXES, blank=False)(lang)]


def finding_kind_choices(lang: str) -> list[tuple[str | None, str]]:
    return [(None, "")] + [(k, heading(k, lang)) for k in vocab.FINDING_KINDS]


class MarkerTable(QTableView):
    """Marker | positive | negative | dim, one row per marker, read from the notation."""

    STATUSES = (POSITIVE, NEGATIVE, DIM)

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("markerTable")
        self.model_ = QStandardItemModel(0, 5, self)
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._text: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.session.ui_lang
        self.model_.setHorizontalHeaderLabels(
            [heading("marker", lang), heading("positive", lang), heading("negative", lang),
             heading("dim", lang), heading("note", lang)])

    def show_notation(self, text: str | None) -> None:
        self._text = text
        self.model_.setRowCount(0)
        for m in parse_markers(text):
            row = [QStandardItem(m.name)]
            for status in self.STATUSES:
                cell = QStandardItem(m.mark if m.status == status else "")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if m.status == status:
                    cell.setForeground(QColor(MARK_COLOURS[status]))
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                row.append(cell)
            row.append(QStandardItem(m.note or ("" if m.status else "?")))
            for cell in row:
                cell.setToolTip(m.written)
            self.model_.appendRow(row)
        self.setColumnHidden(4, not any(m.note or not m.status
                                        for m in parse_markers(text)))
        self.setVisible(self.model_.rowCount() > 0)
        self._fit()

    def _fit(self) -> None:
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.model_.rowCount()))
        self.setFixedHeight(rows + self.horizontalHeader().height() + 2 * self.frameWidth())


class OverviewTab(QScrollArea):
    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("overviewTab")
        self.setWidgetResizable(True)
        body = QWidget(self)
        body.setObjectName("overviewBody")
        self.setWidget(body)

        self.case_form = FieldForm(session, None, body)
        f = self.case_form
        f.add(attr("code", "code", "code"))
        f.add(text_half("title_en", "title", "en", "title"),
              text_half("title_ru", "title", "ru", "title"))
        f.add(attr("tags", "tags", "tags", "tags"))
        f.add(attr("consent", "consent", "consent", "consent"))

        self.patient_form = FieldForm(session, "patient", body)
        p = self.patient_form
        p.add(attr("patient_sex", "patient.sex", "sex", "choice", choices=sex_choices))
        p.add(attr("patient_age_at_diagnosis", "patient.age_at_diagnosis", "age_at_diagnosis",
                   "int", unit="years"))
        p.add(attr("patient_initials", "patient.initials", "initials", identifying=True))
        p.add(attr("patient_record_number", "patient.record_number", "record_number",
                   identifying=True))
        p.add(attr("patient_birth_date", "patient.birth_date", "birth_date", "date",
                   identifying=True))
        p.add(attr("patient_weight_kg", "patient.weight_kg", "weight", "float", unit="kg"))
        p.add(attr("patient_height_cm", "patient.height_cm", "height", "float", unit="cm"))

        self.dx_form = FieldForm(session, "diagnosis", body)
        d = self.dx_form
        d.add(attr("diagnosis_date", "diagnosis.date", "date", "date"))
        d.add(text_half("diagnosis_name_en", "diagnosis.name", "en", "name"),
              text_half("diagnosis_name_ru", "diagnosis.name", "ru", "name"))
        d.add(attr("diagnosis_stage", "diagnosis.stage", "stage"))
        d.add(attr("diagnosis_ipi", "diagnosis.ipi", "ipi", "int"))
        d.add(attr("diagnosis_cell_of_origin", "diagnosis.cell_of_origin", "cell_of_origin",
                   "choice", choices=vocab_choices(vocab.CELL_OF_ORIGIN)))
        d.add(attr("pet_criteria", "pet_criteria", "pet_criteria", "choice",
                   choices=vocab_choices(vocab.PET_CRITERIA, blank=False)))
        immuno = d.add(attr("diagnosis_immunophenotype", "diagnosis.immunophenotype",
                            "immunophenotype", "short"))
        self.markers = MarkerTable(session, d)
        d.add_widget(self.markers)
        immuno.input.textChanged.connect(
            lambda: self.markers.show_notation(immuno.input.value_text()))
        d.add(attr("diagnosis_karyotype", "diagnosis.karyotype", "karyotype", "short"))
        d.add(attr("diagnosis_molecular", "diagnosis.molecular", "molecular", "short"))
        d.add(text_half("diagnosis_note_en", "diagnosis.note", "en", "note", "long"),
              text_half("diagnosis_note_ru", "diagnosis.note", "ru", "note", "long"))

        self.findings_box = QGroupBox(body)
        self.findings = ListEditor(session, "findingTable", ListTableModel(
            session, lambda case: case.findings,
            lambda case: Finding(None, None, None),  # type: ignore[arg-type]
            [Column("date", "date", width=15), Column("kind", "choice", width=20,
                                                     choices=finding_kind_choices),
             Column("value", "text", width=30), Column("note", "ltext", stretch=True)],
            lambda: vocab.field("findings", session.ui_lang).lower()), "findings",
            self.findings_box)
        self.findings.view.setMinimumHeight(120)
        box_layout = QVBoxLayout(self.findings_box)
        box_layout.addWidget(self.findings)

        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(8, 8, 8, 8)
        self._wide: bool | None = None
        self._arrange(True)
        self.forms = (self.case_form, self.patient_form, self.dx_form)
        self.retranslate()

    WIDE = 960  # below this, the groups stack in one column

    def _arrange(self, wide: bool) -> None:
        """Patient and diagnosis side by side on a wide pane, one under the other else."""
        if wide == self._wide:
            return
        self._wide = wide
        g = self.grid
        for w in (self.case_form, self.patient_form, self.dx_form, self.findings_box):
            g.removeWidget(w)
        if wide:
            g.addWidget(self.case_form, 0, 0, 1, 2)
            g.addWidget(self.patient_form, 1, 0)
            g.addWidget(self.dx_form, 1, 1)
            g.addWidget(self.findings_box, 2, 0, 1, 2)
            g.setColumnStretch(0, 2)
            g.setColumnStretch(1, 3)
            g.setRowStretch(3, 1)
            g.setRowStretch(4, 0)
        else:
            g.addWidget(self.case_form, 0, 0, 1, 2)
            g.addWidget(self.patient_form, 1, 0, 1, 2)
            g.addWidget(self.dx_form, 2, 0, 1, 2)
            g.addWidget(self.findings_box, 3, 0, 1, 2)
            g.setRowStretch(3, 0)
            g.setRowStretch(4, 1)

    def resizeEvent(self, e) -> None:
        self._arrange(e.size().width() >= self.WIDE)
        super().resizeEvent(e)

    def editors(self) -> dict:
        return {k: e for f in self.forms for k, e in f.editors.items()}

    def retranslate(self) -> None:
        lang = self.session.ui_lang
        self.case_form.setTitle(self.tr("Case"))
        for form in self.forms:
            form.retranslate()
        self.findings_box.setTitle(heading("findings", lang))
        self.markers.retranslate()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def refresh(self) -> None:
        for form in self.forms:
            form.load()
        case: Case | None = self.session.display_case
        self.markers.show_notation(case.diagnosis.immunophenotype if case else None)
        self.findings.refresh()

