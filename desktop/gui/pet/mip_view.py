"""The coronal and sagittal MIPs of a series being added, where a click picks a point.

The pictures are the core's projections (``mip.project``) windowed by the core's rule
(``mip.window``: white at 0, black at 10 SUV), drawn at their true millimetre proportions on
one vertical scale. A click on a MIP pixel is mapped back through ``mip.Layout`` to the
volume; the depth the MIP flattened is taken as the hottest point along that ray. Spheres of
interest are drawn where they are, in both views; ``widget_point`` maps patient mm (LPS) to
widget pixels, the inverse of a click (the tests click through it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.dicom import mip
from desktop.core.dicom.series import Geometry
from desktop.gui.common.i18n import translate
from desktop.gui.pet.dicom_worker import VIEWS, ray_peak

MARGIN, TOP, GAP, BAR_W, BAR_ROOM = 8, 22, 16, 14, 52
PENDING_COLOUR = "#D55E00"


@dataclass(frozen=True)
class Mark:
    """A sphere to draw: lesion or reference."""

    label: str
    center: tuple[float, float, float]
    radius_mm: float
    colour: str
    dashed: bool = False


class MipView(QWidget):
    """Coronal and sagittal MIPs side by side with an SUV bar (objectName ``dicomMip``)."""

    pointPicked = Signal(object)  # (x, y, z) patient mm

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dicomMip")
        self.setMinimumSize(320, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._data: np.ndarray | None = None
        self._geometry: Geometry | None = None
        self._raw: dict[str, mip.Projection] = {}
        self._layouts: dict[str, mip.Layout] = {}
        self._images: dict[str, QImage] = {}
        self._scale = 1.0  # SUV per raw unit
        self._window = mip.DEFAULT_WINDOW
        self.marks: list[Mark] = []
        self.pending: tuple[float, float, float] | None = None

    # --- content -------------------------------------------------------------------------
    def set_series(self, data: np.ndarray | None, geometry: Geometry | None,
                   raw: dict[str, mip.Projection] | None) -> None:
        """The raw volume (for the depth of a click), its geometry and raw-value MIPs."""
        self._data, self._geometry, self._raw = data, geometry, dict(raw or {})
        self._layouts = {v: mip.layout(geometry, v) for v in self._raw} if geometry else {}
        self.marks, self.pending = [], None
        self._render()

    def set_scale(self, suv_per_unit: float | None) -> None:
        """Show SUV with this calibration (None: the header gives no SUV; the raw values are
        then shown on their own range, without an SUV bar)."""
        self._scale = suv_per_unit if suv_per_unit else 0.0
        self._render()

    def set_marks(self, marks: list[Mark], pending=None) -> None:
        self.marks, self.pending = list(marks), pending
        self.update()

    def has_image(self) -> bool:
        return bool(self._images)

    def _render(self) -> None:
        self._images = {}
        for view, p in self._raw.items():
            if self._scale:
                grey = mip.window(p.suv * self._scale, *self._window)
            else:
                top = float(p.suv.max()) or 1.0
                grey = mip.window(p.suv, 0.0, top)
            grey = np.ascontiguousarray(grey)
            h, w = grey.shape
            self._images[view] = QImage(grey.tobytes(), w, h, w,
                                        QImage.Format.Format_Grayscale8).copy()
        self.update()

    # --- where things are ----------------------------------------------------------------
    def _rects(self) -> tuple[dict[str, QRectF], float]:
        """Each view's rectangle in the widget and the pixels per mm (one for both)."""
        sizes = {v: (p.suv.shape[1] * p.pixel_mm[1], p.suv.shape[0] * p.pixel_mm[0])
                 for v, p in self._raw.items()}  # (width mm, height mm)
        if not sizes:
            return {}, 1.0
        avail_w = self.width() - 2 * MARGIN - BAR_ROOM - GAP * (len(sizes) - 1)
        avail_h = self.height() - TOP - 2 * MARGIN
        total_w = sum(w for w, _ in sizes.values())
        tall = max(h for _, h in sizes.values())
        scale = max(1e-6, min(avail_w / total_w, avail_h / tall))
        rects, x = {}, float(MARGIN)
        for v in VIEWS:
            if v in sizes:
                w, h = sizes[v]
                rects[v] = QRectF(x, TOP + MARGIN, w * scale, h * scale)
                x += w * scale + GAP
        return rects, scale

    def widget_point(self, xyz, view: str = "coronal") -> QPointF:
        """Where the patient point ``xyz`` (mm, LPS) is drawn in ``view``."""
        rects, scale = self._rects()
        p, lay = self._raw[view], self._layouts[view]
        idx = self._geometry.to_index(xyz)
        row, col = lay.pixel_of(self._geometry.shape, idx)
        r = rects[view]
        return QPointF(r.left() + (col + 0.5) * p.pixel_mm[1] * scale,
                       r.top() + (row + 0.5) * p.pixel_mm[0] * scale)

    def patient_point(self, pos: QPointF) -> tuple[float, float, float] | None:
        """The patient point (mm) a click at ``pos`` picks, or None off the pictures."""
        rects, scale = self._rects()
        for view, r in rects.items():
            if not r.contains(pos):
                continue
            p, lay, shape = self._raw[view], self._layouts[view], self._geometry.shape
            row = min(int((pos.y() - r.top()) / (p.pixel_mm[0] * scale)), p.suv.shape[0] - 1)
            col = min(int((pos.x() - r.left()) / (p.pixel_mm[1] * scale)), p.suv.shape[1] - 1)
            index = {a: round(i) for a, i in lay.index_of(shape, row, col).items()}
            index[lay.through] = ray_peak(self._data, lay.through, index)
            xyz = self._geometry.to_patient([index[0], index[1], index[2]])
            return tuple(round(float(v), 1) for v in xyz)  # type: ignore[return-value]
        return None

    # --- events --------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._data is not None:
            xyz = self.patient_point(event.position())
            if xyz is not None:
                self.pending = xyz
                self.update()
                self.pointPicked.emit(xyz)
                return
        super().mousePressEvent(event)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        rects, scale = self._rects()
        if not rects:
            return
        names = {"coronal": translate("DicomDialog", "Coronal"),
                 "sagittal": translate("DicomDialog", "Sagittal")}
        for view, r in rects.items():
            painter.drawImage(r, self._images[view])
            painter.setPen(QPen(QColor("#888888"), 1))
            painter.drawRect(r)
            lay = self._layouts[view]
            painter.setPen(QColor("#222222"))
            text_box = QRectF(r.left(), MARGIN, r.width(), TOP)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft, lay.left)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignRight, lay.right)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignHCenter, names[view])
            painter.save()
            painter.setClipRect(r)
            for mark in self.marks:
                self._draw_mark(painter, view, mark, scale)
            if self.pending is not None:
                self._draw_pending(painter, view)
            painter.restore()
        if self._scale:
            self._draw_bar(painter, max(r.right() for r in rects.values()) + GAP,
                           rects["coronal"])

    def _draw_mark(self, painter: QPainter, view: str, mark: Mark, scale: float) -> None:
        c = self.widget_point(mark.center, view)
        radius = mark.radius_mm * scale
        pen = QPen(QColor(mark.colour), 2)
        if mark.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(c, radius, radius)
        painter.drawText(QPointF(c.x() + radius * 0.75 + 3, c.y() - radius * 0.75), mark.label)

    def _draw_pending(self, painter: QPainter, view: str) -> None:
        c = self.widget_point(self.pending, view)
        painter.setPen(QPen(QColor(PENDING_COLOUR), 2))
        for dx, dy in ((1, 0), (0, 1)):
            painter.drawLine(QPointF(c.x() - 9 * dx, c.y() - 9 * dy),
                             QPointF(c.x() - 3 * dx, c.y() - 3 * dy))
            painter.drawLine(QPointF(c.x() + 3 * dx, c.y() + 3 * dy),
                             QPointF(c.x() + 9 * dx, c.y() + 9 * dy))

    def _draw_bar(self, painter: QPainter, x: float, beside: QRectF) -> None:
        lo, hi = self._window
        bar = QRectF(x, beside.top() + 18, BAR_W, max(20.0, beside.height() - 18))
        gradient = QLinearGradient(bar.topLeft(), bar.bottomLeft())
        gradient.setColorAt(0.0, QColor("black"))
        gradient.setColorAt(1.0, QColor("white"))
        painter.fillRect(bar, gradient)
        painter.setPen(QColor("#222222"))
        painter.drawRect(bar)
        painter.drawText(QRectF(x - 4, beside.top(), BAR_ROOM, 16),
                         Qt.AlignmentFlag.AlignLeft, "SUV")
        for value in (lo, (lo + hi) / 2, hi):
            y = bar.bottom() - (value - lo) / (hi - lo) * bar.height()
            painter.drawText(QPointF(bar.right() + 4, y + 5), f"{value:g}")
