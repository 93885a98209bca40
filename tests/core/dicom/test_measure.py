"""SUVmax, SULmax, SULpeak and references against the synthetic truth (within 0.5 %)."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.dicom import measure, synthetic
from desktop.core.dicom.errors import DicomError

from .conftest import calibrated

GOOD = [p for p in synthetic.PATHS if p != "no-weight"]
REL = 0.005


def _suv(volume, passport):
    return volume.data * np.float32(passport.scale_factor)


@pytest.mark.parametrize("path", GOOD)
def test_lesion_suvmax_sulmax_sulpeak(path, reference_set, volumes):
    truth, vol = reference_set[path], volumes[path]
    p = calibrated(vol)
    s = _suv(vol, p)
    lbm_ratio = p.lbm_kg / truth.weight_kg
    for lesion in truth.lesions:
        r = measure.measure_sphere(s, vol.geometry,
                                   measure.Sphere(lesion.center, lesion.radius_mm + 4))
        assert r.suv_max.value == pytest.approx(lesion.suv, rel=REL)
        assert r.suv_max.value * p.sul_per_suv == pytest.approx(lesion.suv * lbm_ratio, rel=REL)
        assert r.suv_peak.value * p.sul_per_suv == pytest.approx(lesion.suv * lbm_ratio,
                                                                 rel=REL)


@pytest.mark.parametrize("path", GOOD)
def test_global_suvmax_at_the_hot_voxel_and_sulpeak_in_the_lesion(path, reference_set, volumes):
    truth, vol = reference_set[path], volumes[path]
    s = _suv(vol, calibrated(vol))
    suv_max, suv_peak = measure.global_hotspots(s, vol.geometry)
    assert suv_max.value == pytest.approx(synthetic.HOT_VOXEL_SUV, rel=REL)
    assert suv_max.position == pytest.approx(truth.hot_voxel)
    hottest = truth.lesions[0]
    assert suv_peak.value == pytest.approx(hottest.suv, rel=REL)
    distance = np.linalg.norm(np.subtract(suv_peak.position, hottest.center))
    assert distance <= hottest.radius_mm


def test_peak_is_the_best_mean_over_every_centre(volumes):
    """The pruned search equals brute force on a noisy volume."""
    vol = volumes["bqml"]
    rng = np.random.default_rng(3)
    s = (vol.data * 0 + rng.gamma(2.0, 1.0, vol.data.shape)).astype(np.float32)
    offsets = measure._offsets(vol.geometry, measure.PEAK_RADIUS_MM)
    every = np.argwhere(np.ones(s.shape, dtype=bool))
    brute = measure._means(s, every, offsets).max()
    _, peak = measure.global_hotspots(s, vol.geometry)
    assert peak.value == pytest.approx(brute, rel=1e-9)


def test_peak_sphere_may_reach_past_the_voi_but_its_centre_may_not(volumes, reference_set):
    truth, vol = reference_set["bqml"], volumes["bqml"]
    s = _suv(vol, calibrated(vol))
    lesion = truth.lesions[0]
    # a VOI that touches only the lesion's edge: its centre 22 mm off, radius 8 mm
    centre = (lesion.center[0], lesion.center[1] - 22.0, lesion.center[2])
    r = measure.measure_sphere(s, vol.geometry, measure.Sphere(centre, 8.0))
    assert r.suv_max.value == pytest.approx(8.0, rel=REL)
    assert 1.0 < r.suv_peak.value < 8.0
    assert np.linalg.norm(np.subtract(r.suv_peak.position, centre)) <= 8.0


def test_liver_reference_mean_and_sd(reference_set, volumes):
    truth, vol = reference_set["bqml"], volumes["bqml"]
    s = _suv(vol, calibrated(vol))
    ref = measure.reference(s, vol.geometry, truth.liver_center)
    idx = measure.sphere_indices(vol.geometry, ref.sphere)
    exact = truth.suv[tuple(idx.T)]
    assert ref.n_voxels == len(exact) > 100
    assert ref.suv_mean == pytest.approx(exact.mean(), rel=REL)
    assert ref.suv_mean == pytest.approx(synthetic.LIVER, rel=0.02)
    assert ref.suv_sd == pytest.approx(exact.std(ddof=1), rel=REL)
    assert ref.suv_sd == pytest.approx(synthetic.LIVER_RIPPLE, rel=0.02)


def test_a_sphere_outside_the_volume_is_refused(volumes):
    vol = volumes["bqml"]
    with pytest.raises(DicomError, match="holds no voxel"):
        measure.measure_sphere(vol.data, vol.geometry, measure.Sphere((900.0, 0.0, 0.0), 10))
