"""Adding a PET study from DICOM in the real window: read in the background, click the lesion
on the MIP, name it, place the liver, save as one undoable step."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from desktop.core import pet
from desktop.core.dicom import series, synthetic
from desktop.gui.pet.dicom_dialog import DicomDialog
from desktop.gui.pet.view import PetView
from tests.gui.conftest import open_window, stored, type_text

SHOTS = Path(__file__).resolve().parents[3] / "build" / "shots"


@pytest.fixture(scope="module")
def reference_series(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicom")
    return synthetic.write_series(folder, "bqml", extras=True), folder


def pet_view(window) -> PetView:
    tabs = window.case_pane.tabs
    tab = window.case_pane.slot_tab("pet")
    tabs.setCurrentWidget(tab)
    return window.findChild(PetView)


def open_dialog(qtbot, window, folder, monkeypatch) -> DicomDialog:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(folder)))
    view = pet_view(window)
    button = view.findChild(object, "petAddDicom")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.findChild(DicomDialog) is not None)
    return view.findChild(DicomDialog)


def wait_read(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.state in ("ready", "failed", "cancelled"), timeout=20000)


def click_at(qtbot, dialog, xyz) -> None:
    point = dialog.mip.widget_point(xyz, "coronal")
    qtbot.mouseClick(dialog.mip, Qt.MouseButton.LeftButton,
                     pos=QPoint(round(point.x()), round(point.y())))


def sul_truth(suv_value: float) -> float:
    w, h, s = synthetic.WEIGHT_KG, synthetic.HEIGHT_M * 100, synthetic.SEX
    return suv_value * pet.lbm_janmahasatian(w, h, s) / w


def test_click_a_lesion_name_it_place_the_liver_and_undo(qtbot, window, library,
                                                         reference_series, monkeypatch):
    truth, folder = reference_series
    before = len(stored(library).pet_studies)
    dialog = open_dialog(qtbot, window, folder, monkeypatch)
    assert pet_view(window).findChild(object, "petAddDicom").text() == \
        "Add PET study from DICOM…"
    wait_read(qtbot, dialog)
    assert dialog.state == "ready", dialog.message.text()
    assert dialog.mip.has_image()
    passport = dialog.findChild(QLabel, "dicomPassport").text()
    assert "branch BQML" in passport and "weight 72 kg (PatientWeight (0010,1030))" in passport
    lesion = truth.lesions[0]
    click_at(qtbot, dialog, lesion.center)
    picked = dialog.voi.point()
    assert picked is not None
    assert all(abs(a - b) <= 4.0 for a, b in zip(picked, lesion.center, strict=True)), picked
    type_text(dialog.voi.lesion_id, "L1")
    qtbot.mouseClick(dialog.voi.add_button, Qt.MouseButton.LeftButton)
    assert [v.id for v in dialog.voi.lesions] == ["L1"]
    # the liver by typed coordinates
    for key, value in zip(("X", "Y", "Z"), truth.liver_center, strict=True):
        dialog.voi.coords[key].setText(f"{value:g}")
    qtbot.mouseClick(dialog.voi.liver_button, Qt.MouseButton.LeftButton)
    assert dialog.voi.liver == tuple(truth.liver_center)
    assert "SULmean" in dialog.voi.liver_label.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored(library).pet_studies) == before + 1, timeout=20000)
    added = stored(library).pet_studies[-1]
    assert added.image is not None and added.image.data.startswith(b"\x89PNG")
    (l1,) = added.lesions
    assert l1.id == "L1"
    assert l1.sul_max == pytest.approx(sul_truth(lesion.suv), rel=0.005)
    assert l1.suv_max == pytest.approx(lesion.suv, rel=0.005)
    assert added.liver_sul_mean == pytest.approx(sul_truth(synthetic.LIVER), rel=0.02)
    for secret in synthetic.IDENTIFIERS.values():
        assert secret not in repr(added)
    window.undo_action.trigger()
    assert len(stored(library).pet_studies) == before


def test_cancel_during_reading_leaves_the_case_unchanged(qtbot, window, library,
                                                        reference_series, monkeypatch):
    truth, _folder = reference_series
    before = stored(library)
    reading, release = threading.Event(), threading.Event()
    real = series._read_slice

    def held(path):  # the worker waits here until Cancel was clicked (no timing)
        reading.set()
        release.wait(10)
        return real(path)

    monkeypatch.setattr(series, "_read_slice", held)
    dialog = open_dialog(qtbot, window, truth.folder, monkeypatch)
    qtbot.waitUntil(reading.is_set, timeout=10000)
    assert dialog.state == "reading" and dialog.cancel_read.isVisible()
    qtbot.mouseClick(dialog.cancel_read, Qt.MouseButton.LeftButton)
    release.set()
    wait_read(qtbot, dialog)
    assert dialog.state == "cancelled"
    assert dialog.status.text() == "reading was cancelled"
    assert not dialog.ok_button.isEnabled()
    dialog.reject()
    assert stored(library) == before


def test_a_folder_without_pet_gives_the_message(qtbot, window, library, tmp_path,
                                                monkeypatch):
    (tmp_path / "notes.txt").write_text("not DICOM", encoding="utf-8")
    dialog = open_dialog(qtbot, window, tmp_path, monkeypatch)
    wait_read(qtbot, dialog)
    assert dialog.state == "failed"
    assert dialog.message.isVisible()
    assert dialog.message.text() == f"no PET series (Modality PT) found in {tmp_path}"
    assert not dialog.ok_button.isEnabled()


def test_missing_weight_is_refused_then_a_typed_weight_gives_values(qtbot, window, library,
                                                                   tmp_path, monkeypatch):
    truth = synthetic.write_series(tmp_path, "no-weight")
    window.session.edit("no weight", lambda c: setattr(c.patient, "weight_kg", None))
    dialog = open_dialog(qtbot, window, truth.folder, monkeypatch)
    wait_read(qtbot, dialog)
    assert "PatientWeight (0010,1030)" in dialog.message.text()
    assert not dialog.ok_button.isEnabled()
    dialog.voi.weight.setText("72")
    dialog.voi.weight.editingFinished.emit()
    assert not dialog.message.isVisible()
    assert dialog.ok_button.isEnabled()
    assert "weight 72 kg (typed in)" in dialog.voi.passport.text() or \
        "72 kg" in dialog.voi.passport.text()


def test_a_corrected_weight_recomputes_the_values(qtbot, window, reference_series,
                                                  monkeypatch):
    truth, folder = reference_series
    dialog = open_dialog(qtbot, window, folder, monkeypatch)
    wait_read(qtbot, dialog)
    lesion = truth.lesions[0]
    for key, value in zip(("X", "Y", "Z"), lesion.center, strict=True):
        dialog.voi.coords[key].setText(f"{value:g}")
    dialog.voi.lesion_id.setText("L1")
    qtbot.mouseClick(dialog.voi.add_button, Qt.MouseButton.LeftButton)
    suv_before = float(dialog.voi.table.item(0, 3).text())
    assert suv_before == pytest.approx(lesion.suv, rel=0.005)
    dialog.voi.weight.setText("90")
    dialog.voi.weight.editingFinished.emit()
    assert float(dialog.voi.table.item(0, 3).text()) == pytest.approx(
        lesion.suv * 90 / synthetic.WEIGHT_KG, rel=0.005)
    assert "90 kg" in dialog.voi.passport.text()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_dialog_as_an_image(qtbot, library, reference_series, monkeypatch, lang):
    truth, folder = reference_series
    w = open_window(qtbot, library, lang=lang)
    w.library.select_code("TEST-1")
    qtbot.waitUntil(lambda: w.session.case is not None and w.session.case.code == "TEST-1")
    dialog = open_dialog(qtbot, w, folder, monkeypatch)
    wait_read(qtbot, dialog)
    click_at(qtbot, dialog, truth.lesions[0].center)
    dialog.voi.lesion_id.setText("L1")
    qtbot.mouseClick(dialog.voi.add_button, Qt.MouseButton.LeftButton)
    for key, value in zip(("X", "Y", "Z"), truth.liver_center, strict=True):
        dialog.voi.coords[key].setText(f"{value:g}")
    qtbot.mouseClick(dialog.voi.liver_button, Qt.MouseButton.LeftButton)
    dialog.resize(1280, 720)
    qtbot.wait(10)
    assert dialog.ok_button.text() == {"en": "Add study", "ru": "Добавить исследование"}[lang]
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / f"dicom_dialog_{lang}.png"))
    dialog.reject()
    w.close()


def test_several_series_are_listed_and_one_is_chosen(qtbot, window, tmp_path, monkeypatch):
    synthetic.write_series(tmp_path, "bqml")
    gml = synthetic.write_series(tmp_path, "gml")
    dialog = open_dialog(qtbot, window, tmp_path, monkeypatch)
    qtbot.waitUntil(lambda: dialog.series_list.count() == 2, timeout=10000)
    assert dialog.series_list.isVisible()
    row = next(i for i, s in enumerate(dialog.found) if s.uid == gml.uid)
    wait_read(qtbot, dialog)
    dialog.series_list.setCurrentRow(row)
    qtbot.waitUntil(lambda: dialog.read is not None and dialog.read.volume.info.uid == gml.uid
                    and dialog.state == "ready", timeout=10000)
    assert "branch GML" in dialog.voi.passport.text()
