"""The PET images of a before/after pair, side by side, in the printed summary.

Each image is cleaned of metadata first (``deid.strip_image_metadata``: PNG text, JPEG EXIF)
and scaled to half the frame; MIPs made from DICOM carry their own SUV bar on one fixed window,
so the two halves share a scale. An image that cannot be read is named, not dropped silently.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from desktop.core import deid
from desktop.core.errors import CasePresenterError
from desktop.core.model import PetStudy

GAP = 10.0  # points between the two images
MAX_HEIGHT_SHARE = 0.45  # of the frame height: the pair and its captions stay on one page


def _image(study: PetStudy, width: float, max_height: float) -> Flowable | None:
    """The study's image scaled into ``width`` × ``max_height``; ``None`` if unreadable."""
    if study.image is None:
        return None
    try:
        clean = deid.strip_image_metadata(study.image)
        w, h = ImageReader(BytesIO(clean.data)).getSize()
    except (CasePresenterError, OSError, ValueError):
        return None
    scale = min(width / w, max_height / h)
    return Image(BytesIO(clean.data), width=w * scale, height=h * scale)


def image_pair(studies: tuple[PetStudy, PetStudy], captions: tuple[Paragraph, Paragraph],
               missing: tuple[Paragraph, Paragraph], frame: tuple[float, float],
               font: str) -> Table | None:
    """Before and after images with their captions; ``None`` when neither study has one.
    ``missing`` is shown in place of an image that is absent or cannot be read."""
    if all(s.image is None for s in studies):
        return None
    half = (frame[0] - GAP) / 2
    cells = []
    for study, caption, gone in zip(studies, captions, missing, strict=True):
        img = _image(study, half, frame[1] * MAX_HEIGHT_SHARE)
        cells.append([caption, img if img is not None else gone])
    table = Table([cells], colWidths=[half + GAP / 2, half + GAP / 2], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), GAP / 2)]))
    return table
