"""MIPs: orientation, SUV window, and a PNG that carries no metadata."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from desktop.core.dicom import mip

from .conftest import calibrated


def _suv(vol):
    return vol.data * np.float32(calibrated(vol).scale_factor)


def test_coronal_has_the_head_up_and_the_patients_right_on_the_left(volumes, reference_set):
    vol, truth = volumes["bqml"], reference_set["bqml"]
    p = mip.project(_suv(vol), vol.geometry, "coronal")
    assert (p.left, p.right) == ("R", "L")
    assert p.suv.shape == (vol.data.shape[0], vol.data.shape[2])
    row, col = np.unravel_index(np.argmax(p.suv), p.suv.shape)
    # the hot voxel is near the feet (slice 3) and on the patient's right (x < 0)
    assert row == p.suv.shape[0] - 1 - 3 and truth.hot_voxel[0] < 0 and col < p.suv.shape[1] / 2


def test_sagittal_puts_anterior_on_the_left(volumes):
    vol = volumes["bqml"]
    p = mip.project(_suv(vol), vol.geometry, "sagittal")
    assert (p.left, p.right) == ("A", "P")
    _, col = np.unravel_index(np.argmax(p.suv), p.suv.shape)
    assert col > p.suv.shape[1] / 2  # the hot voxel is posterior (high row index, y > 0)


def test_window_is_black_at_ten_and_white_at_zero():
    grey = mip.window(np.array([-1.0, 0.0, 5.0, 10.0, 30.0]), 0.0, 10.0)
    assert list(grey) == [255, 255, 127, 0, 0]


def test_png_decodes_and_has_no_text_chunks(volumes):
    vol = volumes["bqml"]
    data = mip.mip_png(_suv(vol), vol.geometry)
    img = Image.open(io.BytesIO(data))
    img.load()
    assert img.mode == "L" and img.info == {}
    assert img.height >= mip.TARGET_HEIGHT_PX
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"tIME", b"eXIf"):
        assert chunk not in data
    px = np.asarray(img)
    assert px.min() == 0 and px.max() == 255  # the hot voxel and the white margin
