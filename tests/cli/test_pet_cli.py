"""``case-presenter pet``: the contract of measure, import and selftest."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.dicom import synthetic
from desktop.core.model import Case, Patient, Text
from desktop.core.store import Store


@pytest.fixture(scope="module")
def series_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicom")
    truth = synthetic.write_series(folder, "bqml", extras=True)
    return folder, truth


@pytest.fixture
def lib(tmp_path):
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        s.add(Case(code="PET-1", title=Text("PET case", "ПЭТ"), patient=Patient(sex="M")))
    return path


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _xyz(p, r=None) -> str:
    return ",".join(f"{v:g}" for v in (*p, *(() if r is None else (r,))))


def test_measure_json_contract(capsys, tmp_path, series_dir):
    folder, truth = series_dir
    a, b = truth.lesions
    code, out, _ = run(capsys, "--db", tmp_path / "x.db", "pet", "measure", folder, "--json",
                       f"--sphere={_xyz(a.center, 20)}", f"--sphere={_xyz(b.center, 16)}",
                       f"--liver={_xyz(truth.liver_center)}")
    assert code == 0
    d = json.loads(out)
    assert set(d) == {"series", "passport", "patient", "suv_factor", "lbm_kg", "global",
                      "spheres", "liver"}
    assert d["series"] == {"uid": truth.uid, "units": "BQML", "decay_correction": "START",
                           "manufacturer": "SIEMENS"}
    assert d["patient"] == {"weight_kg": 72.0, "height_cm": pytest.approx(176.0), "sex": "M"}
    assert d["suv_factor"] == pytest.approx(truth.scale_factor, rel=1e-6)
    ratio = d["lbm_kg"] / 72.0
    g = d["global"]
    assert g["suv_max"] == pytest.approx(20.0, rel=0.005)
    assert g["suv_max_position"] == pytest.approx(list(truth.hot_voxel))
    assert g["sul_max"] == pytest.approx(20.0 * ratio, rel=0.005)
    assert g["sul_peak"] == pytest.approx(8.0 * ratio, rel=0.005)
    assert len(g["sul_peak_position"]) == 3
    assert [s["center"] for s in d["spheres"]] == [list(a.center), list(b.center)]
    for s, les in zip(d["spheres"], (a, b), strict=True):
        assert s["suv_max"] == pytest.approx(les.suv, rel=0.005)
        assert s["sul_max"] == pytest.approx(les.suv * ratio, rel=0.005)
        assert s["sul_peak"] == pytest.approx(les.suv * ratio, rel=0.005)
    assert d["liver"]["center"] == list(truth.liver_center)
    assert d["liver"]["sul_mean"] == pytest.approx(2.0 * ratio, rel=0.02)
    assert d["passport"]["scan_time"]["source"].startswith("SeriesDate")


def test_measure_without_liver_has_no_liver_key_and_prints_for_people(capsys, tmp_path,
                                                                     series_dir):
    folder, _ = series_dir
    code, out, _ = run(capsys, "--db", tmp_path / "x.db", "pet", "measure", folder, "--json")
    assert code == 0 and "liver" not in json.loads(out) and json.loads(out)["spheres"] == []
    code, out, _ = run(capsys, "--db", tmp_path / "x.db", "pet", "measure", folder)
    assert code == 0 and "global SUVmax 20.00" in out and "scale factor" in out


def test_a_series_without_weight_exits_1_with_one_line_naming_the_tag(capsys, tmp_path):
    synthetic.write_series(tmp_path, "no-weight")
    code, out, err = run(capsys, "--db", tmp_path / "x.db", "pet", "measure", tmp_path,
                         "--json")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "PatientWeight (0010,1030)" in err
    code, out, _ = run(capsys, "--db", tmp_path / "x.db", "pet", "measure", tmp_path, "--json",
                       "--weight", "72")
    assert code == 0 and json.loads(out)["passport"]["weight_source"] == "given by the user"


def test_unsupported_units_exit_1_naming_the_tag(capsys, tmp_path):
    import pydicom

    truth = synthetic.write_series(tmp_path, "bqml")
    for f in truth.folder.iterdir():
        ds = pydicom.dcmread(f)
        ds.Units = "PROPCPS"
        ds.save_as(f)
    code, _, err = run(capsys, "--db", tmp_path / "x.db", "pet", "measure", tmp_path)
    assert code == 1 and "Units (0054,1001) 'PROPCPS' is not supported" in err


def test_import_adds_a_study_with_lesions_liver_and_mip(capsys, lib, series_dir):
    folder, truth = series_dir
    a, b = truth.lesions
    code, out, err = run(capsys, "--db", lib, "pet", "import", "PET-1", folder,
                         "--label", "baseline PET-CT", f"--lesion=A={_xyz(a.center, 20)}",
                         f"--lesion=B={_xyz(b.center)}", f"--liver={_xyz(truth.liver_center)}")
    assert code == 0, err
    assert "PET-1: PET study 1 added, 2024-03-12" in out and "lesion A: SULmax" in out
    with Store.open(lib, seed=False) as s:
        study = s.get("PET-1").pet_studies[0]
    assert study.date.iso() == "2024-03-12" and study.label.en == "baseline PET-CT"
    assert [x.id for x in study.lesions] == ["A", "B"]
    assert study.lesions[0].suv_max == pytest.approx(8.0, abs=0.01)
    assert study.lesions[0].sul_peak == study.lesions[0].sul_max
    assert study.liver_sul_mean is not None and study.liver_sul_sd > 0
    assert study.image.media_type == "image/png" and study.image.data.startswith(b"\x89PNG")
    assert "BQML" in study.note.en and "2024" not in study.note.en


def test_import_date_given_wins_and_refusals_leave_the_case_unchanged(capsys, lib, series_dir):
    folder, _ = series_dir
    code, _, _ = run(capsys, "--db", lib, "pet", "import", "PET-1", folder, "--date", "2024-04")
    assert code == 0
    code, _, err = run(capsys, "--db", lib, "pet", "import", "PET-1", folder,
                       "--lesion=A=900,0,0,5")
    assert code == 1 and "holds no voxel" in err
    with Store.open(lib, seed=False) as s:
        studies = s.get("PET-1").pet_studies
    assert [st.date.iso() for st in studies] == ["2024-04"]


def test_import_fills_a_missing_header_weight_from_the_case(capsys, tmp_path):
    synthetic.write_series(tmp_path / "d", "no-weight")
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        s.add(Case(code="W-1", patient=Patient(sex="M", weight_kg=72.0)))
    code, _, err = run(capsys, "--db", path, "pet", "import", "W-1", tmp_path / "d")
    assert code == 0, err
    with Store.open(path, seed=False) as s:
        assert "weight 72 kg" in s.get("W-1").pet_studies[0].note.en


def test_selftest_passes_every_path(capsys, tmp_path):
    code, out, _ = run(capsys, "--db", tmp_path / "x.db", "pet", "selftest")
    assert code == 0
    assert f"{len(synthetic.PATHS)}/{len(synthetic.PATHS)} vendor paths passed" in out
    for p in synthetic.PATHS:
        assert f"PASS  {p}" in out
