"""The deck of a case with PET studies imported from DICOM: MIPs on the PET images slide,
nothing identifying in any part of the file."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image as PILImage

from desktop.slides.deck import build_deck
from tests.dicom_case import LEAKS, imported_case
from tests.slides.conftest import iter_shapes, open_deck


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> bytes:
    return build_deck([imported_case(tmp_path_factory.mktemp("dicom"))], lang="en",
                      anonymize=False)


def test_pet_images_slide_has_both_mips(deck):
    prs = open_deck(deck)
    pictures = {s.name: s for slide in prs.slides for s in iter_shapes(slide.shapes)
                if s.name.startswith("pet-image:")}
    assert set(pictures) >= {"pet-image:before", "pet-image:after"}
    for name in ("pet-image:before", "pet-image:after"):
        img = PILImage.open(io.BytesIO(pictures[name].image.blob))
        assert img.width > img.height  # coronal + sagittal + bar, side by side
        assert not {"Comment", "exif", "XML:com.adobe.xmp"} & set(img.info)
    left = pictures["pet-image:before"].left
    assert left < pictures["pet-image:after"].left  # before on the left


def test_no_identifier_in_any_part_of_the_deck(deck):
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        blob = b"".join(z.read(n) for n in z.namelist())
    for leak in LEAKS:
        assert leak.encode() not in blob
