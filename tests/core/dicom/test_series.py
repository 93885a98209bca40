"""Finding PET series in a folder and building the volume in patient coordinates."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest

from desktop.core.dicom import series, synthetic
from desktop.core.dicom.errors import Cancelled, DicomError


def test_find_passes_over_ct_and_files_that_are_not_dicom(tmp_path):
    truth = synthetic.write_series(tmp_path, "bqml", extras=True)
    found = series.find_series(tmp_path)
    assert [s.uid for s in found] == [truth.uid]
    assert found[0].n_slices == synthetic.Grid().shape[0]
    assert found[0].units == "BQML"
    assert all("ct" not in p.parts for p in found[0].files)


def test_several_pet_series_are_listed_and_one_must_be_chosen(tmp_path):
    a = synthetic.write_series(tmp_path, "bqml")
    b = synthetic.write_series(tmp_path, "gml")
    found = series.find_series(tmp_path)
    assert {s.uid for s in found} == {a.uid, b.uid}
    with pytest.raises(DicomError) as e:
        series.choose_series(found, tmp_path)
    assert "2 PET series" in str(e.value) and a.uid in str(e.value) and b.uid in str(e.value)
    assert series.choose_series(found, tmp_path, b.uid).uid == b.uid


def test_empty_folder_says_no_pet(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(DicomError, match="no PET series"):
        series.choose_series(series.find_series(tmp_path), tmp_path)


def test_slices_follow_image_position_not_file_name_or_instance_number(reference_set, volumes):
    truth, vol = reference_set["bqml"], volumes["bqml"]
    numbers = [int(h.InstanceNumber) for h in vol.headers]
    assert numbers != sorted(numbers) and numbers != sorted(numbers, reverse=True)
    assert [p.name for p in vol.files] != sorted(p.name for p in vol.files)
    z = [float(h.ImagePositionPatient[2]) for h in vol.headers]
    assert z == sorted(z)
    assert np.allclose(vol.data * truth.scale_factor, truth.suv, rtol=1e-4)


def test_geometry_maps_voxels_to_patient_mm(reference_set, volumes):
    truth, vol = reference_set["bqml"], volumes["bqml"]
    g = vol.geometry
    assert np.allclose(g.spacing, [3.0, 4.0, 4.0])
    centre = truth.lesions[0].center
    idx = np.round(g.to_index(centre)).astype(int)
    assert np.allclose(g.to_patient(idx), centre)
    assert vol.data[tuple(idx)] * truth.scale_factor == pytest.approx(8.0, rel=1e-4)


def test_multibed_slopes_differ_per_slice_and_each_is_applied(reference_set, volumes):
    truth, vol = reference_set["multibed"], volumes["multibed"]
    slopes = {float(h.RescaleSlope) for h in vol.headers}
    times = {str(h.AcquisitionTime) for h in vol.headers}
    assert len(slopes) > 3 and len(times) == 3
    assert np.allclose(vol.data * truth.scale_factor, truth.suv, rtol=1e-4)


def test_duplicate_slice_position_is_refused_naming_the_tag(tmp_path):
    truth = synthetic.write_series(tmp_path, "bqml")
    files = sorted(truth.folder.iterdir())
    a, b = pydicom.dcmread(files[0]), pydicom.dcmread(files[1])
    b.ImagePositionPatient = a.ImagePositionPatient
    b.save_as(files[1])
    with pytest.raises(DicomError, match=r"ImagePositionPatient \(0020,0032\)"):
        series.read_series(series.find_series(tmp_path)[0])


def test_a_gap_between_beds_is_refused(tmp_path):
    truth = synthetic.write_series(tmp_path, "bqml")
    vol = series.read_series(series.find_series(tmp_path)[0])
    vol.files[len(vol.files) // 2].unlink()
    assert truth.uid
    with pytest.raises(DicomError, match=r"slice spacing 6\.00 mm where"):
        series.read_series(series.find_series(tmp_path)[0])


def test_reading_reports_progress_and_can_be_cancelled(reference_set):
    info = series.find_series(reference_set["bqml"].folder)[0]
    seen = []
    series.read_series(info, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (1, info.n_slices) and seen[-1] == (info.n_slices, info.n_slices)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(Cancelled):
        series.read_series(info, cancelled=cancelled)
    assert len(calls) == 6
