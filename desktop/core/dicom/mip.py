"""Coronal and sagittal maximum intensity projections, windowed on SUV, as PNG.

The picture is made here, without Qt or Pillow, so that the window, the PDF and the slides
show the same pixels: coronal and sagittal MIPs side by side (head up, patient's right on the
viewer's left, anterior on the left of the sagittal view) on a fixed SUV window (0–10 by
default) with a labelled grey bar — black is hot, as nuclear medicine prints MIPs. Two
studies drawn with the same window share one scale. The PNG carries no text chunks: nothing
about the patient leaves in it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

import numpy as np

from desktop.core.dicom.series import Geometry

DEFAULT_WINDOW = (0.0, 10.0)
TARGET_HEIGHT_PX = 480  # MIPs are enlarged (nearest neighbour, whole factors) towards this
MARGIN = 12
GAP = 16
BAR_W = 16
WHITE, INK = 255, 40

# A 5×7 bitmap font for the few characters the picture needs (no font files in the core).
_GLYPHS = {
    "0": "01110 10001 10011 10101 11001 10001 01110",
    "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111",
    "3": "11110 00001 00001 01110 00001 00001 11110",
    "4": "00010 00110 01010 10010 11111 00010 00010",
    "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110",
    "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110",
    "9": "01110 10001 10001 01111 00001 00010 01100",
    ".": "00000 00000 00000 00000 00000 01100 01100",
    "A": "01110 10001 10001 11111 10001 10001 10001",
    "L": "10000 10000 10000 10000 10000 10000 11111",
    "P": "11110 10001 10001 11110 10000 10000 10000",
    "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110",
    "U": "10001 10001 10001 10001 10001 10001 01110",
    "V": "10001 10001 10001 10001 10001 01010 00100",
    " ": "00000 00000 00000 00000 00000 00000 00000",
}
FONT_SCALE = 3


@dataclass(frozen=True)
class Projection:
    """A MIP in SUV, rows top (superior) to bottom, with its pixel size in mm."""

    view: str  # "coronal" | "sagittal"
    suv: np.ndarray  # 2-D float
    pixel_mm: tuple[float, float]  # (vertical, horizontal)
    left: str  # the patient direction on the viewer's left ("R" or "A")
    right: str


def _axis_of(geometry: Geometry, patient_axis: int) -> tuple[int, bool]:
    """The volume axis (0, 1, 2) that runs most along ``patient_axis`` (0 x, 1 y, 2 z), and
    whether it runs the other way."""
    m = geometry.matrix
    axis = int(np.argmax(np.abs(m[patient_axis, :])))
    return axis, bool(m[patient_axis, axis] < 0)


@dataclass(frozen=True)
class Layout:
    """How a view lies in the volume: the axis projected through, the axes shown down the
    rows and across the columns, and whether each runs against the index (so that the head
    is at the top and R, or A, on the viewer's left). Pixel (r, c) of the projection is
    volume index ``n - 1 - r`` (or ``r``) along ``vertical``, likewise ``c`` along
    ``horizontal``: the window maps a click back to the patient with it."""

    through: int
    vertical: int
    horizontal: int
    flip_vertical: bool
    flip_horizontal: bool
    left: str
    right: str

    def index_of(self, shape, row: float, col: float) -> dict[int, float]:
        """Volume (fractional) indices along ``vertical`` and ``horizontal`` of a pixel
        position (pixel centres at whole numbers)."""
        nv, nh = shape[self.vertical], shape[self.horizontal]
        return {self.vertical: nv - 1 - row if self.flip_vertical else row,
                self.horizontal: nh - 1 - col if self.flip_horizontal else col}

    def pixel_of(self, shape, index) -> tuple[float, float]:
        """(row, col) of a (fractional) volume index: the inverse of ``index_of``."""
        nv, nh = shape[self.vertical], shape[self.horizontal]
        v, h = float(index[self.vertical]), float(index[self.horizontal])
        return (nv - 1 - v if self.flip_vertical else v,
                nh - 1 - h if self.flip_horizontal else h)


def layout(geometry: Geometry, view: str) -> Layout:
    """The ``Layout`` of the coronal (through A–P) or sagittal (through R–L) MIP."""
    x, y, z = (_axis_of(geometry, a) for a in range(3))
    through, across, left, right = (y, x, "R", "L") if view == "coronal" else (x, y, "A", "P")
    # +z is superior: rows run against it to put the head at the top
    return Layout(through[0], z[0], across[0], not z[1], across[1], left, right)


def project(suv: np.ndarray, geometry: Geometry, view: str) -> Projection:
    """The MIP of a volume along A–P (coronal) or R–L (sagittal)."""
    lay = layout(geometry, view)
    mip = suv.max(axis=lay.through)
    # after removing ``through``, the remaining axes keep their order
    rest = [a for a in range(3) if a != lay.through]
    img = np.transpose(mip, (rest.index(lay.vertical), rest.index(lay.horizontal)))
    if lay.flip_vertical:
        img = img[::-1, :]
    if lay.flip_horizontal:
        img = img[:, ::-1]
    spacing = geometry.spacing
    return Projection(view, np.ascontiguousarray(img),
                      (float(spacing[lay.vertical]), float(spacing[lay.horizontal])),
                      lay.left, lay.right)


def _square_pixels(img: np.ndarray, pixel_mm: tuple[float, float]) -> np.ndarray:
    """Resample (nearest) so that a pixel is as tall as it is wide, then enlarge by a whole
    factor towards ``TARGET_HEIGHT_PX``."""
    size = min(pixel_mm)
    h = max(1, round(img.shape[0] * pixel_mm[0] / size))
    w = max(1, round(img.shape[1] * pixel_mm[1] / size))
    zoom = max(1, TARGET_HEIGHT_PX // max(h, 1))
    h, w = h * zoom, w * zoom
    rows = np.minimum((np.arange(h) + 0.5) * img.shape[0] / h, img.shape[0] - 1).astype(int)
    cols = np.minimum((np.arange(w) + 0.5) * img.shape[1] / w, img.shape[1] - 1).astype(int)
    return img[rows[:, None], cols[None, :]]


def window(suv: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Grey levels (uint8): white at ``lo`` and below, black at ``hi`` and above."""
    v = np.clip((suv.astype(np.float32) - lo) / (hi - lo), 0.0, 1.0)
    return (WHITE - np.round(v * (WHITE - 0))).astype(np.uint8)


def _text_mask(text: str) -> np.ndarray:
    rows = []
    for ch in text:
        glyph = np.array([[c == "1" for c in row] for row in _GLYPHS[ch].split()], dtype=bool)
        rows.append(np.pad(glyph, ((0, 0), (0, 1))))
    mask = np.concatenate(rows, axis=1) if rows else np.zeros((7, 0), dtype=bool)
    return np.kron(mask, np.ones((FONT_SCALE, FONT_SCALE), dtype=bool))


def _put_text(canvas: np.ndarray, text: str, top: int, left: int) -> None:
    mask = _text_mask(text)
    h, w = mask.shape
    region = canvas[top:top + h, left:left + w]
    region[mask[:region.shape[0], :region.shape[1]]] = INK


def _label(value: float) -> str:
    return f"{value:g}"


def _bar(height: int, lo: float, hi: float) -> np.ndarray:
    """The grey bar with its labels: hi at the top, lo at the bottom, "SUV" above."""
    ticks = [lo, (lo + hi) / 2, hi]
    text_w = max(_text_mask(_label(t)).shape[1] for t in ticks)
    bar = np.full((height, BAR_W + 6 + text_w), WHITE, dtype=np.uint8)
    glyph_h = 7 * FONT_SCALE
    top, bottom = glyph_h * 2 + 8, height - glyph_h // 2 - 1
    ramp = np.linspace(hi, lo, bottom - top)
    bar[top:bottom, :BAR_W] = window(ramp, lo, hi)[:, None]
    bar[top:bottom, [0, BAR_W - 1]] = INK
    bar[[top, bottom - 1], :BAR_W] = INK
    _put_text(bar, "SUV", 0, 0)
    for t in ticks:
        y = bottom - 1 - round((t - lo) / (hi - lo) * (bottom - top - 1))
        _put_text(bar, _label(t), y - glyph_h // 2, BAR_W + 6)
    return bar


def mip_picture(suv: np.ndarray, geometry: Geometry,
                window_suv: tuple[float, float] = DEFAULT_WINDOW) -> np.ndarray:
    """Coronal and sagittal MIPs side by side with the SUV bar: a grey uint8 image."""
    lo, hi = window_suv
    if not hi > lo:
        raise ValueError(f"the SUV window {lo:g}–{hi:g} is empty")
    panels = []
    for view in ("coronal", "sagittal"):
        p = project(suv, geometry, view)
        panels.append((p, window(_square_pixels(p.suv, p.pixel_mm), lo, hi)))
    label_h = 7 * FONT_SCALE + 6
    height = max(img.shape[0] for _, img in panels)
    bar = _bar(height, lo, hi)
    width = sum(img.shape[1] for _, img in panels) + GAP * 2 + bar.shape[1]
    canvas = np.full((height + label_h + 2 * MARGIN, width + 2 * MARGIN), WHITE, dtype=np.uint8)
    x = MARGIN
    for p, img in panels:
        y = MARGIN + label_h
        canvas[y:y + img.shape[0], x:x + img.shape[1]] = img
        _put_text(canvas, p.left, MARGIN, x)
        _put_text(canvas, p.right, MARGIN, x + img.shape[1] - _text_mask(p.right).shape[1])
        x += img.shape[1] + GAP
    canvas[MARGIN + label_h:MARGIN + label_h + height, x:x + bar.shape[1]] = bar
    return canvas


def encode_png(grey: np.ndarray) -> bytes:
    """An 8-bit greyscale PNG of ``grey`` with no ancillary chunks (no text, no time)."""
    if grey.dtype != np.uint8 or grey.ndim != 2:
        raise ValueError("encode_png takes a 2-D uint8 array")
    h, w = grey.shape
    raw = np.hstack([np.zeros((h, 1), dtype=np.uint8), grey]).tobytes()  # filter 0 each row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 6))
            + chunk(b"IEND", b""))


def mip_png(suv: np.ndarray, geometry: Geometry,
            window_suv: tuple[float, float] = DEFAULT_WINDOW) -> bytes:
    """The MIP picture as PNG bytes, ready to store with a PET study."""
    return encode_png(mip_picture(suv, geometry, window_suv))
