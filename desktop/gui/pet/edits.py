"""Edits offered by the PET tab: an image, weight, height, sex, a reference region, a
lesion value. Each is checked against the case-file and PET rules and offered as
``editRequested(new_case, description)``; a refused edit gets a message beside its field.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QLabel, QTableWidgetItem

from desktop.core import casefile, pet
from desktop.core.errors import CaseFileError, CasePresenterError
from desktop.core.model import Case, Image, PetStudy
from desktop.gui.common.values import refusal
from desktop.gui.pet.panels import COL_AFTER, COL_BEFORE, FIELD_ERROR_STYLE, MEASURE_FIELD
from desktop.gui.pet.style import fmt, parse_value, study_role, word


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


class PetEdits:
    """The edits of ``PetView`` (a mixin: ``self`` is the view)."""

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
        field_ = MEASURE_FIELD[measure]
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
