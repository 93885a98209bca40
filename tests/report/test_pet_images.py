"""The PDF of a case with PET studies imported from DICOM: MIPs side by side, no identifier."""

from __future__ import annotations

import contextlib
import io
import zlib

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from desktop.report.summary import CaseSummaryPdf
from tests.dicom_case import LEAKS, imported_case


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return imported_case(tmp_path_factory.mktemp("dicom"))


def _streams(data: bytes) -> bytes:
    """Every stream of the PDF, inflated where it is deflated, plus the raw file."""
    out = [data]
    for part in data.split(b"stream")[1:]:
        body = part.split(b"endstream")[0].lstrip(b"\r\n")
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompress(body))
    return b"".join(out)


@pytest.mark.parametrize("anonymize", [False, True])
def test_pdf_carries_both_mips_side_by_side_and_no_identifier(case, anonymize):
    data = CaseSummaryPdf(case, "en", anonymize).generate()
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "PET images" in text and "share one SUV scale" in text
    pngs = [PILImage.open(io.BytesIO(case.pet_studies[i].image.data)) for i in (0, 1)]
    page = next(p for p in reader.pages if "PET images" in p.extract_text())
    images = [PILImage.open(io.BytesIO(img.data)) for img in page.images]
    assert sorted(im.size for im in images) == sorted(im.size for im in pngs)
    for got, want in zip(sorted(images, key=lambda im: im.tobytes()),
                         sorted(pngs, key=lambda im: im.tobytes()), strict=True):
        assert got.convert("L").tobytes() == want.tobytes()  # the MIP pixels themselves
    raw = _streams(data)
    for leak in LEAKS:
        assert leak not in text and leak.encode() not in raw
    if anonymize:
        assert "Mar 2024" not in text and "2024-03-12" not in text
    else:
        assert "Baseline · 12 Mar 2024" in text
