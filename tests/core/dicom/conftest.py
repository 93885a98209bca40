"""One synthetic reference set per test session: every vendor path, small volumes."""

from __future__ import annotations

import pytest

from desktop.core.dicom import series, suv, synthetic


@pytest.fixture(scope="session")
def reference_set(tmp_path_factory) -> dict[str, synthetic.Truth]:
    folder = tmp_path_factory.mktemp("pet-reference")
    return {t.path: t for t in synthetic.write_reference_set(folder)}


@pytest.fixture(scope="session")
def volumes(reference_set) -> dict[str, series.PetVolume]:
    out = {}
    for name, truth in reference_set.items():
        found = series.find_series(truth.folder)
        out[name] = series.read_series(series.choose_series(found, truth.folder))
    return out


def calibrated(volume: series.PetVolume, **overrides):
    return suv.calibrate(suv.read_inputs(volume.headers, volume.files[0].name), **overrides)
