"""The new-case page: code, title in both languages, patient, diagnosis with the fields
of its disease, the first lines of therapy and the PET studies — checked as typed by the
case-file rules, added to the library as one undoable step.

Everything is reachable with Tab and typing; Enter goes on to the next field, Ctrl+Enter
creates the case. The page writes nothing until then.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core import vocab
from desktop.core.model import Case, Diagnosis, Patient, Text
from desktop.gui.common import operations
from desktop.gui.common.i18n import field_label, heading, translate
from desktop.gui.common.session import CaseSession
from desktop.gui.newcase import rows as lines
from desktop.gui.newcase.inputs import Choice, Entry, read

#: Which disease-specific fields the diagnosis shows.
DISEASES = ("lymphoma", "leukaemia", "other")


def _sexes(lang: str) -> list[tuple[str | None, str]]:
    return [(None, vocab.field("not_reported", lang))] + [
        (c, t.get(lang) or c) for c, t in vocab.SEXES.items()]


def _origins(lang: str) -> list[tuple[str | None, str]]:
    return [(None, "")] + [(c, t.get(lang) or c) for c, t in vocab.CELL_OF_ORIGIN.items()]


def _diseases(lang: str) -> list[tuple[str, str]]:
    return [("lymphoma", translate("NewCase", "Lymphoma")),
            ("leukaemia", translate("NewCase", "Leukaemia")),
            ("other", translate("NewCase", "Other"))]


class NewCasePage(QDialog):
    """Type a case; ``case()`` is what it would add, ``problems`` why it cannot yet."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCasePage")
        self.session = session
        self.problems: list[str] = []
        self.waiting = True  # no code typed and nothing wrong: said in grey, not red
        self.created: str | None = None
        body = QWidget(self)
        self.labels: dict[str, QLabel] = {}
        # in the order Tab visits them
        self.code = Entry("new_code", parent=body)
        self.title_en = Entry("new_title_en", parent=body)
        self.title_ru = Entry("new_title_ru", parent=body)
        self.tags = Entry("new_tags", "tags", body)
        self.sex = Choice("new_sex", _sexes, parent=body)
        self.age = Entry("new_age", "int", body, unit="years")
        self.dx_date = Entry("new_dx_date", "date", body)
        self.dx_en = Entry("new_dx_name_en", parent=body)
        self.dx_ru = Entry("new_dx_name_ru", parent=body)
        self.disease = Choice("new_disease", _diseases, parent=body)
        self.stage = Entry("new_stage", parent=body)
        self.ipi = Entry("new_ipi", "int", body)
        self.origin = Choice("new_cell_of_origin", _origins, parent=body)
        self.immuno = Entry("new_immunophenotype", parent=body)
        self.karyotype = Entry("new_karyotype", parent=body)
        self.molecular = Entry("new_molecular", parent=body)
        self.therapies = lines.LineRows("new_therapy", lines.THERAPY_CELLS, 2, body)
        self.studies = lines.LineRows("new_study", lines.STUDY_CELLS, 2, body)

        self.case_box = QGroupBox(body)
        form = self._form(self.case_box)
        self._row(form, "code", self.code)
        self._row(form, "title", self._pair(body, self.title_en, self.title_ru))
        self._row(form, "tags", self.tags)
        self.patient_box = QGroupBox(body)
        form = self._form(self.patient_box)
        self._row(form, "sex", self.sex)
        self._row(form, "age_at_diagnosis", self.age)
        self.dx_box = QGroupBox(body)
        form = self._form(self.dx_box)
        self._row(form, "date", self.dx_date)
        self._row(form, "name", self._pair(body, self.dx_en, self.dx_ru))
        self._row(form, "disease", self.disease)
        self.lymphoma_rows = [self._row(form, k, w) for k, w in (
            ("stage", self.stage), ("ipi", self.ipi), ("cell_of_origin", self.origin))]
        self.leukaemia_rows = [self._row(form, k, w) for k, w in (
            ("immunophenotype", self.immuno), ("karyotype", self.karyotype),
            ("molecular", self.molecular))]
        self.dx_form = form
        self.therapy_box = QGroupBox(body)
        QVBoxLayout(self.therapy_box).addWidget(self.therapies)
        self.study_box = QGroupBox(body)
        QVBoxLayout(self.study_box).addWidget(self.studies)

        top = QHBoxLayout()
        top.addWidget(self.patient_box, 2)
        top.addWidget(self.dx_box, 3)
        layout = QVBoxLayout(body)
        layout.addWidget(self.case_box)
        layout.addLayout(top)
        layout.addWidget(self.therapy_box)
        layout.addWidget(self.study_box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.message = QLabel(self, objectName="newCaseMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setObjectName("createCaseButton")
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.message)
        outer.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.create)

        for w in (self.code, self.title_en, self.title_ru, self.tags, self.age, self.dx_date,
                  self.dx_en, self.dx_ru, self.stage, self.ipi, self.immuno, self.karyotype,
                  self.molecular):
            w.textChanged.connect(self.check)
        for c in (self.sex, self.origin):
            c.currentIndexChanged.connect(self.check)
        self.disease.currentIndexChanged.connect(self._disease_changed)
        self.therapies.changed.connect(self.check)
        self.studies.changed.connect(self.check)
        self.retranslate()
        self._disease_changed()
        self.resize(1100, 760)
        self.code.setFocus()

    # --- building ----------------------------------------------------------------------
    def _form(self, box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _row(self, form: QFormLayout, key: str, widget: QWidget) -> QLabel:
        label = QLabel(form.parentWidget())
        label.setBuddy(widget)
        self.labels[key] = label
        form.addRow(label, widget)
        return label

    def _pair(self, parent: QWidget, en: Entry, ru: Entry) -> QWidget:
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for lang, entry in (("en", en), ("ru", ru)):
            tag = QLabel(lang.upper(), box)
            tag.setStyleSheet("color: #666; font-size: 8pt;")
            row.addWidget(tag)
            row.addWidget(entry, 1)
        return box

    def retranslate(self) -> None:
        lang = self.session.ui_lang
        self.setWindowTitle(translate("NewCase", "New Case"))
        for key, label in self.labels.items():
            text = translate("NewCase", "Disease") if key == "disease" else heading(key, lang)
            label.setText(text)
        self.case_box.setTitle(translate("NewCase", "Case"))
        self.patient_box.setTitle(heading("patient", lang))
        self.dx_box.setTitle(heading("diagnosis", lang))
        self.therapy_box.setTitle(translate("NewCase", "First lines of therapy"))
        self.study_box.setTitle(translate("NewCase", "PET studies, with the liver and "
                                                     "mediastinum references"))
        self.create_button.setText(translate("NewCase", "Create Case"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("NewCase", "Cancel"))
        self.code.setPlaceholderText(translate("NewCase", "e.g. DLBCL-7: letters, digits, - _ ."))
        self.title_en.setPlaceholderText(translate("Fields", "in English"))
        self.title_ru.setPlaceholderText(translate("Fields", "in Russian"))
        self.dx_en.setPlaceholderText(translate("Fields", "in English"))
        self.dx_ru.setPlaceholderText(translate("Fields", "in Russian"))
        self.tags.setPlaceholderText(translate("Fields", "comma-separated, e.g. B-ALL, "
                                                         "extramedullary"))
        self.age.setPlaceholderText(field_label("years", lang))
        self.dx_date.setPlaceholderText(translate("Fields", "e.g. 2014-03 or 09.08.2018"))
        self.stage.setPlaceholderText(translate("NewCase", "as written, e.g. IIB, IVE"))
        self.ipi.setPlaceholderText("0–5")
        for w in (self.code, self.age, self.dx_date, self.ipi):
            w.lang = lang
        for c in (self.sex, self.disease, self.origin):
            c.fill(lang)
        self.therapies.retranslate(lang)
        self.studies.retranslate(lang)
        self.check()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _disease_changed(self) -> None:
        disease = self.disease.value()
        for rows, shown in ((self.lymphoma_rows, disease == "lymphoma"),
                            (self.leukaemia_rows, disease == "leukaemia")):
            for label in rows:
                self.dx_form.setRowVisible(label, shown)
        self.check()

    # --- the case ------------------------------------------------------------------------
    def case(self) -> Case | None:
        """The case as typed (None if a field cannot be read; ``problems`` says why)."""
        p: list[str] = []
        lang = self.session.ui_lang
        disease = self.disease.value()
        lymphoma, leukaemia = disease == "lymphoma", disease == "leukaemia"

        def get(widget, key, when=True):
            return read(widget, p, heading(key, lang)) if when else None

        case = Case(
            code=get(self.code, "code") or "",
            title=Text(get(self.title_en, "title"), get(self.title_ru, "title")),
            tags=get(self.tags, "tags") or [],
            patient=Patient(sex=get(self.sex, "sex"), age_at_diagnosis=get(self.age,
                                                                           "age_at_diagnosis")),
            diagnosis=Diagnosis(
                date=get(self.dx_date, "date"),
                name=Text(get(self.dx_en, "name"), get(self.dx_ru, "name")),
                stage=get(self.stage, "stage", lymphoma), ipi=get(self.ipi, "ipi", lymphoma),
                cell_of_origin=get(self.origin, "cell_of_origin", lymphoma),
                immunophenotype=get(self.immuno, "immunophenotype", leukaemia),
                karyotype=get(self.karyotype, "karyotype", leukaemia),
                molecular=get(self.molecular, "molecular", leukaemia)),
            therapies=lines.therapies(self.therapies, p, lang),
            pet_studies=lines.studies(self.studies, p, lang),
        )
        self.waiting = not case.code and not p  # nothing wrong yet, only not begun
        if not case.code:
            p.insert(0, translate("NewCase", "A case needs a code."))
        elif case.code in self.session.store:
            p.insert(0, translate("NewCase", "The library already has a case %1.").replace(
                "%1", case.code))
        elif not p and (err := operations.validation_error(case)) is not None:
            p.append(self.session.describe(err))
        self.problems = p
        return None if p else case

    def check(self) -> None:
        """Validated as typed: the first problem in red, Create only when there is none."""
        if not hasattr(self, "create_button"):
            return
        case = self.case()
        self.create_button.setEnabled(case is not None)
        if self.problems:  # a code still to type is a step, not an error: not in red
            self.message.setStyleSheet("color: #666;" if self.waiting else "color: #b00020;")
            self.message.setText(self.problems[0])
        else:
            self.message.setStyleSheet("color: #2e6b30;")
            self.message.setText(translate("NewCase", "Ready: Ctrl+Enter creates the case."))

    def create(self) -> None:
        """Add the case as one undoable step, or say why not (nothing is written)."""
        case = self.case()
        if case is None:
            self.check()
            return
        problem = self.session.add_case(case, translate("NewCase", "New case %1").replace(
            "%1", case.code))
        if problem:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(problem)
            return
        self.created = case.code
        self.accept()

    def showEvent(self, e) -> None:
        super().showEvent(e)
        self.activateWindow()
        self.code.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def keyPressEvent(self, e) -> None:
        """Enter in a field does not close the page half-typed; Ctrl+Enter creates."""
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.focusNextChild()
            return
        super().keyPressEvent(e)
