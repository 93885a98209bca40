"""The PET view and the PET figure, offscreen: what they show, what they refuse, what they emit."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from desktop.core import casefile, pet
from desktop.core.dates import PartialDate
from desktop.core.deid import identifying_strings
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case, Image, Lesion, Patient, PetStudy, Text
from desktop.core.paths import SEED_DIR
from desktop.gui.pet.view import PetView, render_pet_figure

SEED_2 = SEED_DIR / "ball-em-2.case.json"
NAMES = ["petView", "petStudyList", "petImageBefore", "petImageAfter", "petPairedChart",
         "petLesionTable", "petResponseBadge", "petExplanation", "petWeight", "petHeight",
         "attachImageButton"]


# --- helpers -------------------------------------------------------------------------------
def scan_png(size: int = 128, blob: float = 1.0, seed: int = 1, width: int | None = None) -> bytes:
    """A small made-up "scan": grey noise with a dark blob (PET is read black on white)."""
    rng = np.random.default_rng(seed)
    h, w = size, width or size
    yy, xx = np.mgrid[0:h, 0:w]
    a = rng.normal(50, 15, (h, w))
    a += 200 * blob * np.exp(-(((xx - w * 0.62) / (w * 0.07)) ** 2
                               + ((yy - h * 0.4) / (h * 0.07)) ** 2))
    a = np.ascontiguousarray(np.clip(255 - a, 0, 255).astype(np.uint8))
    image = QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def seed_case() -> Case:
    return casefile.load(SEED_2)


def synthetic_case(images: bool = True, size: int = 128) -> Case:
    """Two studies, three lesions: L1 shrinks, L2 resolves (absent at follow-up), L3 is new."""
    return Case(
        code="PET-SYN",
        title=Text("Synthetic PET pair", "Синтетическая пара ПЭТ"),
        patient=Patient(sex="F", weight_kg=61.5, height_cm=168.0, initials="Q.Z.",
                        record_number="MRN-777"),
        pet_studies=[
            PetStudy(PartialDate(2019, 6, 10), Text("After 4 cycles", "После 4 курсов"),
                     liver_sul_mean=1.7, liver_sul_sd=0.2, liver_suv_max=2.3,
                     mediastinum_suv_max=1.5,
                     lesions=[Lesion("L1", Text("left breast", "левая молочная железа"),
                                     5.0, 3.9),
                              Lesion("L3", Text("liver", "печень"), 4.1, 3.2)],
                     new_lesions=True,
                     image=Image("image/png", scan_png(size, 0.4, 2)) if images else None),
            PetStudy(PartialDate(2019, 1, 15), Text("Before inotuzumab", "До инотузумаба"),
                     liver_sul_mean=1.8, liver_sul_sd=0.2, liver_suv_max=2.4,
                     mediastinum_suv_max=1.6,
                     lesions=[Lesion("L1", Text("left breast", "левая молочная железа"),
                                     11.93, 9.1),
                              Lesion("L2", Text("axillary lymph node",
                                                "подмышечный лимфоузел"), 6.2, 4.8)],
                     image=Image("image/png", scan_png(size, 1.0, 1)) if images else None),
        ],
    )


def make_view(qtbot, case: Case | None, lang: str = "en", anonymize: bool = False,
              size=(1400, 900)) -> PetView:
    view = PetView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_case(case, lang=lang, anonymize=anonymize)
    view.show()
    qtbot.waitExposed(view)
    return view


def all_text(view: PetView) -> str:
    return "\n".join(view.texts())


# --- what it shows -------------------------------------------------------------------------
def test_named_parts(qtbot):
    view = make_view(qtbot, synthetic_case())
    missing = [n for n in NAMES if view.objectName() != n and view.findChild(object, n) is None]
    assert not missing


def test_seed_case_2_shows_11_93_and_the_visual_cmr_with_no_percent(qtbot):
    view = make_view(qtbot, seed_case())
    assert view.images.before.value.full_text() == "SULmax 11.93"
    after = view.images.after.value.full_text()
    assert "CMR (visual)" in after and "not reported" in after
    assert view.findChild(object, "petResponseBadge").text().startswith("CMR (visual)")
    assert view.chart.chart().rows[0].before == 11.93 and view.chart.chart().rows[0].after is None
    text = all_text(view)
    assert "11.93" in text and "CMR (visual)" in text
    assert "%" not in text
    assert view.table.item(0, 2).text() == "11.93"
    assert view.table.item(0, 3).text() == "—"  # not in the follow-up study at all
    chart_texts = view.chart.texts()
    assert "11.93" in chart_texts and "not reported" in chart_texts
    assert not view.lugano.isVisibleTo(view)  # no Deauville score: no Deauville/Lugano lines
    # both studies lack an image: the placeholder says so and offers to attach one
    assert not view.images.before.has_image()
    assert view.images.before.placeholder_label.text() == "No image attached"
    assert view.images.before.attach_button.isVisibleTo(view)


def test_seed_case_2_in_russian(qtbot):
    view = make_view(qtbot, seed_case(), lang="ru")
    assert view.images.before.value.full_text() == "SULmax 11,93"
    assert "CMR (визуально)" in view.images.after.value.full_text()
    text = all_text(view)
    assert "полный метаболический ответ" in text and "%" not in text


def test_synthetic_pair_shows_the_chart_rows_and_percist_explanation(qtbot):
    case = synthetic_case()
    view = make_view(qtbot, case)
    comparison = pet.compare_studies(case)[0]
    expected = pet.paired_chart(comparison.baseline, comparison.follow_up)
    assert view.chart.chart() == expected
    assert [r.id for r in expected.rows] == ["L1", "L2", "L3"]
    assert [view.table.item(r, 0).text() for r in range(3)] == ["L1", "L2", "L3"]
    assert view.table.item(0, 4).text().startswith(expected.rows[0].pct_text("en"))
    assert view.explanation.text() == comparison.response.explanation.en
    assert "PERCIST 1.0" in view.explanation.text()
    assert view.badge.property("category") == "PMD"
    chart_texts = view.chart.texts()
    assert any(expected.rows[0].pct_text("en") in t for t in chart_texts)
    joined = "\n".join(chart_texts)
    assert "axillary lymph node" in joined  # resolved: open marker, "not reported"
    assert joined.count("not reported") >= 2  # the band's label, and the lesion's
    # studies in date order although the case lists the follow-up first
    assert view.study_list.item(0).text().startswith("Baseline · 15 Jan 2019") or \
        view.study_list.item(0).text().startswith("Baseline")
    assert "Before inotuzumab" in view.study_list.item(0).text()
    # Deauville and Lugano lines: the references are there, so there are scores
    assert view.lugano.isVisibleTo(view) and "Lugano 2014" in view.lugano.text()


def test_images_share_zoom_and_pan(qtbot):
    view = make_view(qtbot, synthetic_case())
    before, after = view.images.before.box, view.images.after.box
    assert view.images.before.has_image() and view.images.after.has_image()
    qtbot.waitUntil(lambda: view.images.before.graphics.width() > 50)
    assert view.images.before.graphics.size() == view.images.after.graphics.size()
    before.setRange(QRectF(0.2, 0.2, 0.3, 0.3), padding=0)
    qtbot.wait(10)
    for a, b in zip(before.viewRange(), after.viewRange(), strict=True):
        assert a == pytest.approx(b, abs=1e-6)
    after.setRange(QRectF(0.5, 0.4, 0.2, 0.2), padding=0)
    qtbot.wait(10)
    for a, b in zip(before.viewRange(), after.viewRange(), strict=True):
        assert a == pytest.approx(b, abs=1e-6)
    view.images.fit()  # what a double-click does: both whole again
    (x0, x1), (y0, y1) = after.viewRange()
    assert x0 <= 0 and x1 >= 1 and y0 <= 0 and y1 >= 1


def test_images_of_different_pixel_sizes_fill_the_same_width(qtbot):
    case = synthetic_case()
    case.pet_studies[0].image = Image("image/png", scan_png(256, 0.4, 2))  # follow-up 2× larger
    view = make_view(qtbot, case)
    b = view.images.before.item.mapRectToParent(view.images.before.item.boundingRect())
    a = view.images.after.item.mapRectToParent(view.images.after.item.boundingRect())
    assert b.width() == pytest.approx(1.0) and a.width() == pytest.approx(1.0)


# --- edits: refused with a message, or emitted as a whole new case --------------------------
def _choose(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def test_attaching_a_non_image_is_refused(qtbot, tmp_path, monkeypatch):
    view = make_view(qtbot, seed_case())
    bad = tmp_path / "notes.png"
    bad.write_text("not an image at all")
    _choose(monkeypatch, bad)
    emitted = []
    view.editRequested.connect(lambda *a: emitted.append(a))
    view.images.before.attach_button.click()
    assert not emitted
    assert view.image_message.isVisibleTo(view)
    assert "notes.png is not a PNG or JPEG image" in view.image_message.text()


def test_attaching_a_too_large_file_is_refused(qtbot, tmp_path, monkeypatch):
    view = make_view(qtbot, seed_case())
    big = tmp_path / "huge.png"
    with big.open("wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.truncate(casefile.MAX_IMAGE_BYTES + 1)
    _choose(monkeypatch, big)
    emitted = []
    view.editRequested.connect(lambda *a: emitted.append(a))
    view.images.after.attach_button.click()
    assert not emitted
    assert "huge.png" in view.image_message.text()
    assert "the limit is 20 MB" in view.image_message.text()


def test_a_corrupt_png_is_refused(qtbot, tmp_path):
    view = make_view(qtbot, seed_case())
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    emitted = []
    view.editRequested.connect(lambda *a: emitted.append(a))
    assert view.attach_image_file(0, broken)
    assert not emitted and "cannot be opened as an image" in view.image_message.text()


def test_a_valid_png_is_emitted_in_a_new_case(qtbot, tmp_path, monkeypatch):
    case = seed_case()
    view = make_view(qtbot, case)
    good = tmp_path / "scan.png"
    good.write_bytes(scan_png(64))
    _choose(monkeypatch, good)
    with qtbot.waitSignal(view.editRequested, timeout=1000) as signal:
        view.images.before.attach_button.click()
    new, description = signal.args
    assert description == "Attach PET image"
    assert new is not case
    baseline = min(new.pet_studies, key=lambda s: s.date.sort_key())
    assert baseline.image == Image("image/png", good.read_bytes())
    assert case.pet_studies[0].image is None  # the case shown is untouched
    assert not view.image_message.isVisibleTo(view)
    # the main window saves and shows it again: the image is there
    view.set_case(new)
    assert view.images.before.has_image()


def test_a_jpeg_is_attached_as_jpeg(qtbot, tmp_path):
    view = make_view(qtbot, seed_case())
    jpeg = tmp_path / "scan.jpg"
    assert QImage.fromData(scan_png(64)).save(str(jpeg), "JPEG")
    with qtbot.waitSignal(view.editRequested, timeout=1000) as signal:
        assert view.attach_image_file(1, jpeg) is None
    assert signal.args[0].pet_studies[1].image.media_type == "image/jpeg"


def test_a_stored_image_that_cannot_be_decoded_says_so(qtbot):
    case = seed_case()
    case.pet_studies[0].image = Image("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    view = make_view(qtbot, case)
    assert not view.images.before.has_image()
    assert view.images.before.placeholder_label.text() == "The attached image cannot be shown."


def test_weight_and_height_show_lbm_and_edits_are_emitted(qtbot):
    case = seed_case()
    view = make_view(qtbot, case)
    assert "Enter weight, height and sex" in view.lbm_label.text()
    emitted = []
    view.editRequested.connect(lambda *a: emitted.append(a))
    view.weight.setText("61.5")
    view.height.setText("168")
    expected = pet.lbm_janmahasatian(61.5, 168.0, "F")
    assert f"{round(expected, 1)} kg (Janmahasatian)" in view.lbm_label.text()
    assert f"{round(pet.lbm_james(61.5, 168.0, 'F'), 1)} kg (James)" in view.lbm_label.text()
    factor = pet.sul_from_suv(1.0, 61.5, 168.0, "F")
    assert f"{round(factor, 3)}" in view.sul_factor_label.text()
    view.weight.editingFinished.emit()
    assert emitted and emitted[-1][0].patient.weight_kg == 61.5
    assert emitted[-1][1] == "Change weight"
    assert case.patient.weight_kg is None


def test_bad_patient_values_are_refused_at_the_field(qtbot):
    view = make_view(qtbot, seed_case())
    emitted = []
    view.editRequested.connect(lambda *a: emitted.append(a))
    view.weight.setText("heavy")
    view.weight.editingFinished.emit()
    assert "Not a number" in view.patient_message.text()
    view.weight.setText("6150")  # grams, not kilograms
    view.weight.editingFinished.emit()
    assert "weight_kg" in view.patient_message.text()
    assert not emitted


def test_sex_is_asked_only_when_missing(qtbot):
    case = seed_case()
    view = make_view(qtbot, case)
    assert not view.sex.isVisibleTo(view)  # seed case 2: female
    case = copy.deepcopy(case)
    case.patient.sex = None
    view.set_case(case)
    assert view.sex.isVisibleTo(view)


def test_lesion_values_out_of_range_are_refused(qtbot):
    case = synthetic_case()
    view = make_view(qtbot, case)
    emitted = []
    view.editRequested.connect(lambda *a: emitted.append(a))
    for text in ("-1", "101", "lots"):
        assert view.edit_lesion(0, "before", text)
        assert view.lesion_message.isVisibleTo(view)
    assert not emitted
    assert view.table.item(0, 2).text() == "9.1"  # the typed value is undone
    assert view.edit_lesion(0, "before", "8.5") is None
    new, description = emitted[-1]
    baseline = new.pet_studies[1]
    assert baseline.lesions[0].sul_peak == 8.5
    assert description == "Change SULpeak of lesion L1 (Baseline)"


def test_reference_values_are_checked(qtbot):
    view = make_view(qtbot, synthetic_case())
    emitted = []
    view.editRequested.connect(lambda *a: emitted.append(a))
    edit = view.reference_inputs[("liver_sul_mean", "before")]
    edit.setText("25")
    edit.editingFinished.emit()
    assert not emitted and "liver_sul_mean" in view.reference_message.text()
    edit.setText("1,9")
    edit.editingFinished.emit()
    assert emitted[-1][0].pet_studies[1].liver_sul_mean == 1.9


def test_case_problem_names_the_field():
    from desktop.gui.pet.edits import case_problem

    case = synthetic_case()
    assert case_problem(case) is None
    case.pet_studies[1].lesions[0].sul_max = -3.0
    assert "sul_max" in case_problem(case)


def test_read_only_view_emits_nothing(qtbot, tmp_path):
    view = make_view(qtbot, seed_case())
    view.set_editable(False)
    good = tmp_path / "scan.png"
    good.write_bytes(scan_png(64))
    emitted = []
    view.editRequested.connect(lambda *a: emitted.append(a))
    assert view.attach_image_file(0, good) == "Editing is off."
    assert not emitted
    assert not view.images.before.attach_button.isVisibleTo(view)


# --- anonymize, language, empty cases -------------------------------------------------------
def test_anonymize_hides_dates(qtbot):
    case = synthetic_case()
    case.pet_studies[1].label = Text("Before inotuzumab, 15.01.2019", "До инотузумаба, 15.01.2019")
    view = make_view(qtbot, case)
    assert "15 Jan 2019" in all_text(view)
    view.set_anonymize(True)
    text = all_text(view).lower()
    leaks = [s for s in identifying_strings(case) if s.lower() in text]
    assert not leaks
    assert "2019" not in text
    assert "[date]" in text  # this case has no anchor: no date can be shown at all
    with_anchor = seed_case()
    view.set_case(with_anchor, anonymize=True)
    text = all_text(view)
    assert "D+" in text and "2018" not in text and "2019" not in text
    assert not [s for s in identifying_strings(with_anchor) if s.lower() in text.lower()]


def test_language_switch_changes_texts(qtbot):
    view = make_view(qtbot, synthetic_case())
    english = all_text(view)
    view.set_language("ru")
    russian = all_text(view)
    assert "Исходное" in russian and "Baseline" not in russian
    assert view.explanation.text() == pet.compare_studies(synthetic_case())[0].response \
        .explanation.ru
    assert "прогрессирующее метаболическое заболевание" in view.badge.text()
    assert "печень" in "\n".join(view.chart.texts())
    assert english != russian
    with pytest.raises(ValueError):
        view.set_language("de")


def test_no_studies_and_one_study(qtbot):
    view = make_view(qtbot, Case(code="EMPTY"))
    assert view.empty.isVisibleTo(view)
    assert view.empty.text() == "This case has no PET studies."
    one = synthetic_case()
    del one.pet_studies[0]
    view.set_case(one)
    assert "Only one PET study" in view.explanation.text()
    assert not view.badge.isVisibleTo(view)
    assert view.images.before.has_image()
    view.set_case(None)
    assert view.study_list.count() == 0


def test_three_studies_choose_the_follow_up(qtbot):
    case = synthetic_case()
    third = copy.deepcopy(case.pet_studies[0])
    third.date = PartialDate(2019, 12)
    third.lesions = [Lesion("L1", Text("left breast", "левая молочная железа"), 3.0, 2.0)]
    third.new_lesions = False
    case.pet_studies.append(third)
    view = make_view(qtbot, case)
    assert view.study_list.count() == 3
    first = view.comparison().follow_up
    view.study_list.setCurrentRow(2)
    assert view.comparison().follow_up is not first
    assert view.comparison().follow_up.date == PartialDate(2019, 12)


# --- the figure -----------------------------------------------------------------------------
def test_figure_png_of_the_requested_size(tmp_path):
    out = render_pet_figure(synthetic_case(), out_path=tmp_path / "pet.png")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    small = render_pet_figure(seed_case(), out_path=tmp_path / "small.png", size=(960, 540))
    assert (QImage(str(small)).width(), QImage(str(small)).height()) == (960, 540)


def test_figure_svg_contains_the_russian_text(tmp_path):
    case = synthetic_case()
    out = render_pet_figure(case, out_path=tmp_path / "pet.svg", lang="ru")
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg
    assert "прогрессирующее метаболическое заболевание" in svg
    assert "левая молочная железа" in svg
    assert "PT Sans" in svg


def test_figure_text_is_at_least_18_px_and_the_svg_is_sized_in_pixels(tmp_path):
    for case, lang in ((synthetic_case(), "ru"), (seed_case(), "en")):
        svg = render_pet_figure(case, out_path=tmp_path / "f.svg", lang=lang).read_text("utf-8")
        sizes = [float(x) for x in re.findall(r'<text[^>]*font-size="([0-9.]+)"', svg)]
        assert sizes and min(sizes) >= 18
        assert '<svg width="1920" height="1080"' in svg
        assert "@font-face{font-family:'PT Sans'" in svg  # renders the same without PT Sans


def test_figure_without_a_running_application(tmp_path):
    """The command line has no QApplication: the figure makes an offscreen one."""
    out = tmp_path / "cli.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                            "WAYLAND_DISPLAY")}
    code = ("from desktop.core import casefile; from desktop.gui.pet.figure import "
            f"render_pet_figure; render_pet_figure(casefile.load({str(SEED_2)!r}), "
            f"out_path={str(out)!r}, size=(1280, 720), lang='ru')")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=Path(__file__).resolve().parents[3])
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)


def test_figure_of_seed_case_2_anonymized(tmp_path):
    out = render_pet_figure(seed_case(), out_path=tmp_path / "pet.svg", anonymize=True)
    svg = out.read_text(encoding="utf-8")
    assert "11.93" in svg and "CMR (visual)" in svg
    assert "%" not in svg.replace("100%", "")
    assert "2018" not in svg and "Nov" not in svg
    assert "D+" in svg


def test_figure_refuses_what_it_cannot_draw(tmp_path):
    with pytest.raises(CasePresenterError, match="case EMPTY has no PET studies"):
        render_pet_figure(Case(code="EMPTY"), out_path=tmp_path / "x.png")
    with pytest.raises(ValueError, match=r"must be \.png or \.svg"):
        render_pet_figure(seed_case(), out_path=tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="does not exist"):
        render_pet_figure(seed_case(), out_path=tmp_path / "nowhere" / "x.png")
    with pytest.raises(ValueError, match=r"lang must be one of"):
        render_pet_figure(seed_case(), out_path=tmp_path / "x.png", lang="de")


# --- looking at it: every picture a person would check is made and is a real image ------------
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_look(qtbot, tmp_path, lang):
    """Writes the view and figures to ``$PET_LOOK_DIR`` (for a person to open) or tmp."""
    folder = Path(os.environ.get("PET_LOOK_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for name, case in (("seed2", seed_case()), ("synthetic", synthetic_case(size=256))):
        view = make_view(qtbot, case, lang=lang)
        qtbot.wait(50)
        view.grab().save(str(folder / f"view-{name}-{lang}.png"))
        view.set_anonymize(True)
        qtbot.wait(20)
        view.grab().save(str(folder / f"view-{name}-{lang}-anon.png"))
        render_pet_figure(case, out_path=folder / f"figure-{name}-{lang}.png", lang=lang)
        render_pet_figure(case, out_path=folder / f"figure-{name}-{lang}.svg", lang=lang)
        render_pet_figure(case, out_path=folder / f"figure-{name}-{lang}-anon.png", lang=lang,
                          anonymize=True)
        figure = QImage(str(folder / f"figure-{name}-{lang}.png"))
        assert (figure.width(), figure.height()) == (1920, 1080)
        assert not QImage(str(folder / f"view-{name}-{lang}-anon.png")).isNull()


def test_file_dialog_is_not_shown_without_a_pair(qtbot, monkeypatch):
    view = make_view(qtbot, None)
    called = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: called.append(1) or ("", "")))
    assert view.choose_image("after") is None
    assert not called
