"""SUVbw the QIBA way: every vendor branch against the generator's own scale factor."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from desktop.core.dicom import suv, synthetic
from desktop.core.dicom.errors import DicomError
from desktop.core.dicom.passport import Stamp
from desktop.core.pet import lbm_james, lbm_janmahasatian

from .conftest import calibrated

GOOD = [p for p in synthetic.PATHS if p != "no-weight"]


@pytest.mark.parametrize("path", GOOD)
def test_scale_factor_matches_truth(path, reference_set, volumes):
    p = calibrated(volumes[path])
    assert p.scale_factor == pytest.approx(reference_set[path].scale_factor, rel=1e-6)


@pytest.mark.parametrize(("path", "branch", "scan_source", "start_source"), [
    ("bqml", "BQML", suv.T_SERIES, suv.T_START + " on the scan day"),
    ("bqml-datetime", "BQML", suv.T_SERIES, suv.T_START_DT),
    ("ge-private", "BQML", suv.T_GE, suv.T_START + " on the scan day"),
    ("late-series", "BQML", suv.T_ACQ, suv.T_START + " on the scan day"),
    ("midnight", "BQML", suv.T_SERIES, suv.T_START + " on the day before the scan"),
    ("philips-acf", "CNTS (7053,1009)", suv.T_SERIES, suv.T_START + " on the scan day"),
])
def test_passport_names_the_branch_and_the_source_of_each_time(path, branch, scan_source,
                                                               start_source, volumes):
    p = calibrated(volumes[path])
    assert p.branch == branch
    assert p.scan_time.source == scan_source
    assert p.start_time.source == start_source
    assert p.decayed_dose_bq == pytest.approx(
        p.dose_bq * 2 ** (-p.delta_t_s / p.half_life_s))


def test_ge_private_time_wins_over_a_later_acquisition_time(volumes):
    p = calibrated(volumes["ge-private"])
    assert p.delta_t_s == 3600.0  # 10:00 from (0009,100D), not 10:05 from AcquisitionTime
    assert "written 5100 s after" in p.notes[0]


def test_late_series_takes_the_earliest_acquisition_of_all_beds(volumes):
    p = calibrated(volumes["late-series"])
    assert p.scan_time.value.strftime("%H:%M") == "10:00"


def test_midnight_crossing(volumes):
    p = calibrated(volumes["midnight"])
    assert p.midnight_crossing
    assert p.delta_t_s == 75 * 60
    assert p.start_time.value.day == p.scan_time.value.day - 1


def test_admin_decay_uses_the_injected_dose(volumes):
    p = calibrated(volumes["bqml-admin"])
    assert p.decay_correction == "ADMIN"
    assert p.decayed_dose_bq == synthetic.DOSE_BQ
    assert p.scale_factor == pytest.approx(synthetic.WEIGHT_KG * 1000 / synthetic.DOSE_BQ)


@pytest.mark.parametrize(("path", "branch"), [("philips-suv", "CNTS (7053,1000)"),
                                              ("gml", "GML")])
def test_scanner_made_suv_needs_no_dose_or_times(path, branch, volumes):
    p = calibrated(volumes[path])
    assert p.branch == branch and p.delta_t_s is None and p.decayed_dose_bq is None


def test_sul_uses_janmahasatian_by_default_and_james_on_request(volumes):
    p = calibrated(volumes["bqml"])
    w, h, s = synthetic.WEIGHT_KG, synthetic.HEIGHT_M * 100, synthetic.SEX
    assert p.lbm_kg == pytest.approx(lbm_janmahasatian(w, h, s))
    assert p.sul_factor == pytest.approx(p.scale_factor * lbm_janmahasatian(w, h, s) / w)
    j = suv.recalibrate(p, lbm_formula="james")
    assert j.lbm_kg == pytest.approx(lbm_james(w, h, s)) and j.lbm_formula == "james"


def test_missing_weight_is_refused_naming_patient_weight(volumes):
    with pytest.raises(DicomError) as e:
        calibrated(volumes["no-weight"])
    assert e.value.tag == "PatientWeight (0010,1030)"
    assert "PatientWeight (0010,1030) is missing" in str(e.value)
    assert "\n" not in str(e.value)


def test_a_weight_typed_by_the_user_fills_the_gap_and_is_recorded(volumes):
    p = calibrated(volumes["no-weight"], weight_kg=72.0)
    assert p.weight_source == suv.OVERRIDE
    assert p.scale_factor == pytest.approx(calibrated(volumes["bqml"]).scale_factor)


def test_recalibrating_with_a_corrected_weight_changes_suv_and_sul(volumes):
    p = calibrated(volumes["bqml"])
    q = suv.recalibrate(p, weight_kg=90.0)
    assert q.scale_factor == pytest.approx(p.scale_factor * 90 / 72)
    assert q.weight_source == suv.OVERRIDE and q.height_source == p.height_source
    assert suv.recalibrate(q, height_cm=180.0).weight_kg == 90.0  # earlier override kept


def test_a_corrected_weight_rescales_a_scanner_made_suv(volumes):
    p = calibrated(volumes["gml"], weight_kg=90.0)
    assert p.scale_factor == pytest.approx(90 / 72)


@pytest.mark.parametrize(("change", "tag", "words"), [
    ({"units": "PROPCPS"}, "Units (0054,1001)", "not supported"),
    ({"units": None}, "Units (0054,1001)", "is missing"),
    ({"decay_correction": "NONE"}, "DecayCorrection (0054,1102)", "not supported"),
    ({"corrected_image": ("ATTN",)}, "CorrectedImage (0028,0051)", "DECY"),
    ({"dose_bq": None}, "RadionuclideTotalDose (0018,1074)", "is missing"),
    ({"half_life_s": None}, "RadionuclideHalfLife (0018,1075)", "is missing"),
    ({"start_time_only": None}, "RadiopharmaceuticalStartTime (0018,1072)", "is missing"),
    ({"series_time": None}, suv.T_SERIES, "is missing"),
    ({"earliest_acquisition": None}, suv.T_ACQ, "is missing"),
    ({"height_cm": None}, "PatientSize (0010,1020)", "--height"),
    ({"sex": "O"}, "PatientSex (0010,0040)", "F and M"),
])
def test_refusals_name_the_tag(change, tag, words, volumes):
    inputs = suv.read_inputs(volumes["bqml"].headers, "x.dcm")
    with pytest.raises(DicomError) as e:
        suv.calibrate(replace(inputs, **change))
    assert e.value.tag == tag and words in str(e.value) and str(e.value).startswith("x.dcm: ")


def test_cnts_without_a_philips_factor_is_refused(volumes):
    inputs = suv.read_inputs(volumes["philips-suv"].headers, "p.dcm")
    with pytest.raises(DicomError) as e:
        suv.calibrate(replace(inputs, philips_suv_factor=None))
    assert e.value.tag == suv.T_PHILIPS_SUV


def test_refusals_come_in_russian_too(volumes):
    with pytest.raises(DicomError) as e:
        calibrated(volumes["no-weight"])
    assert "отсутствует" in e.value.text.ru


def test_passport_lines_and_dict_without_dates(volumes):
    p = calibrated(volumes["midnight"])
    text = "\n".join(p.lines())
    assert "crosses midnight" in text and "Janmahasatian".lower() in text.lower()
    d = p.to_dict(with_dates=False)
    assert d["scan_time"]["value"] == "00:40:00" and "2024" not in str(d)
    assert d["sul_factor"] == pytest.approx(p.sul_factor)


@pytest.mark.parametrize(("shift", "words"), [(timedelta(hours=3), "is before injection_time"),
                                              (timedelta(days=-3), "more than 10 half-lives")])
def test_impossible_injection_times_are_refused_naming_the_tag(shift, words, volumes):
    inputs = suv.read_inputs(volumes["bqml-datetime"].headers, "x.dcm")
    moved = replace(inputs, start=Stamp(inputs.start.value + shift, inputs.start.source))
    with pytest.raises(DicomError) as e:
        suv.calibrate(moved)
    assert e.value.tag == suv.T_START_DT and words in str(e.value)
    assert "not usable" in str(e.value) and "непригодно" in e.value.text.ru


def test_implausible_weight_is_refused_with_its_source(volumes):
    with pytest.raises(DicomError) as e:
        calibrated(volumes["bqml"], weight_kg=7200.0)
    assert e.value.tag == "weight_kg (given by the user)"
    assert "give the weight in kilograms" in str(e.value)
