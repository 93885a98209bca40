"""The paired before/after chart of lesion uptake: one painter for the screen and the figure.

A slope ("dumbbell") chart of ``pet.PairedChart``: two x positions, before and after; one
line per lesion from its before value to its after value, the percent change written at the
end. A side that is not reported is drawn as an open marker in a separate band labelled
"not reported" below zero — never at a value, and no line leads to it. Nothing is computed
here but positions: values, changes and their wording come from ``desktop.core.pet``.

``paint_paired_chart`` draws on any ``QPainter`` (a widget, a ``QImage``, an SVG), so the
screen and the slide figure are the same drawing; it returns the texts it drew.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPicture,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core import palette
from desktop.core.pet import MISSING_SAME_MEASURE, PairedChart
from desktop.gui.pet.style import fmt, lesion_colour, lesion_text_colour, text_in, word

GRID = "#E4E4E4"
BAND = "#F3F3F3"
_NO_ROWS = {"en": "No lesions are recorded in these studies.",
            "ru": "В этих исследованиях не указано ни одного очага."}
_NO_MEASURE = {"en": "Nothing to chart; missing: {m}.", "ru": "Нечего показать; не хватает: {m}."}


@dataclass(frozen=True)
class ChartCaptions:
    """The words under the two x positions: role ("Before") and date label."""

    before: tuple[str, str]
    after: tuple[str, str]


def nice_step(span: float, target: int = 5) -> float:
    """A tick step of 1, 2, 2.5 or 5 × 10^k giving about ``target`` intervals."""
    raw = max(span, 1e-9) / target
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def spread(anchors: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Label centres near ``anchors`` (sorted ascending, screen y) at least ``gap`` apart,
    kept within ``lo``…``hi`` where they fit (when they cannot, they keep the gap)."""
    if not anchors:
        return []
    pos = list(anchors)
    pos[0] = max(pos[0], lo)
    for i in range(1, len(pos)):
        pos[i] = max(pos[i], pos[i - 1] + gap)
    if pos[-1] > hi:
        pos[-1] = hi
        for i in range(len(pos) - 2, -1, -1):
            pos[i] = min(pos[i], pos[i + 1] - gap)
    return pos


def _tick(value: float, lang: str) -> str:
    s = f"{round(value, 6):g}"
    return s.replace(".", ",") if lang == "ru" else s


def _elide(fm: QFontMetricsF, text: str, width: float) -> str:
    return fm.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


def _draw_text(p: QPainter, texts: list[str], rect: QRectF, text: str, flags,
               colour: str = palette.INK) -> None:
    p.setPen(QColor(colour))
    p.drawText(rect, int(flags), text)
    texts.append(text)


def row_label(row, lang: str) -> tuple[str, str]:
    """The words at the end of a lesion's line, as (name, values): ("breast",
    "4.2 (−64.8 %)") or ("breast", "not reported"); drawn "breast: 4.2 (−64.8 %)"."""
    name = text_in(row.site, lang) or row.id
    if row.after is None:
        return name, word("not_reported", lang)
    pct = row.pct_text(lang)
    return name, fmt(row.after, lang) + (f" ({pct})" if pct else "")


def fit_label(fm: QFontMetricsF, name: str, values: str, width: float) -> str:
    """"name: values" in ``width``; when too long the name is shortened, never the values."""
    full = f"{name}: {values}"
    if fm.horizontalAdvance(full) <= width:
        return full
    tail = f": {values}"
    short = fm.elidedText(name, Qt.TextElideMode.ElideRight, width - fm.horizontalAdvance(tail))
    return (short + tail) if short else values


def paint_paired_chart(p: QPainter, rect: QRectF, chart: PairedChart | None, lang: str,
                       font: QFont, captions: ChartCaptions, *, scale: float = 1.0
                       ) -> list[str]:
    """Draw ``chart`` into ``rect``; returns the texts drawn (for tests and checks)."""
    texts: list[str] = []
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(font)
    fm, fmb = QFontMetricsF(font), QFontMetricsF(bold)
    lh = fm.height()
    centre = Qt.AlignmentFlag.AlignCenter
    wrap = centre | Qt.TextFlag.TextWordWrap
    if chart is None or not chart.rows or chart.measure is None:
        if chart is None or not chart.rows:
            message = _NO_ROWS[lang]
        else:
            message = _NO_MEASURE[lang].format(m=MISSING_SAME_MEASURE.get(lang))
        _draw_text(p, texts, rect, message, wrap)
        p.restore()
        return texts

    rows = chart.rows
    values = [v for r in rows for v in (r.before, r.after) if v is not None]
    vmax = max(values, default=1.0) or 1.0
    step = nice_step(vmax * 1.08)
    top_value = step * math.ceil(vmax * 1.08 / step)
    ticks = [i * step for i in range(round(top_value / step) + 1)]
    tick_texts = [_tick(t, lang) for t in ticks]
    not_reported = word("not_reported", lang)

    pad = 0.6 * lh
    marker = max(4.0, 0.32 * lh)
    line_w = max(1.5, 2.2 * scale)
    tick_w = max(fm.horizontalAdvance(s) for s in [*tick_texts, not_reported]) + pad
    caption_h = fmb.height() + lh + pad
    title_h = lh * 1.4
    labels = [row_label(r, lang) for r in rows]
    # labels on one line ("site: value (change)"), or on two (site above, value below) when
    # one line would take almost half the chart
    one_line = max(fm.horizontalAdvance(f"{n}: {v}") for n, v in labels) + pad
    two_lines = max(fm.horizontalAdvance(t) for lab in labels for t in lab) + pad
    stacked = one_line > rect.width() * 0.45 and two_lines < one_line
    label_w = min(two_lines if stacked else one_line,
                  max(rect.width() * (0.36 if stacked else 0.5),
                      max(fm.horizontalAdvance(v) for _n, v in labels) + pad))
    value_texts = [fmt(r.before, lang) for r in rows]
    value_w = max(fm.horizontalAdvance(s) for s in value_texts)

    plot = QRectF(rect.left() + tick_w, rect.top() + title_h,
                  rect.width() - tick_w - label_w, rect.height() - title_h - caption_h)
    band_h = lh * 1.5
    band = QRectF(plot.left(), plot.bottom() - band_h, plot.width(), band_h)
    y_zero = band.top() - lh * 0.7
    y_top = plot.top() + lh * 0.5

    def y_of(v: float) -> float:
        return y_zero - (y_zero - y_top) * v / top_value

    # the two x positions: "before" values written to the left of x0
    x0 = plot.left() + value_w + pad + marker
    x1 = plot.right() - marker - pad * 0.5
    if x1 - x0 < 4 * lh:  # too narrow: let the values overlap the margin instead
        x0 = plot.left() + plot.width() * 0.25
        x1 = plot.right() - plot.width() * 0.15

    # y axis: title, grid, ticks
    _draw_text(p, texts, QRectF(rect.left(), rect.top(), plot.width() + tick_w, lh),
               chart.measure, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    p.setPen(QPen(QColor(GRID), max(1.0, scale)))
    for t in ticks:
        y = y_of(t)
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    for t, s in zip(ticks, tick_texts, strict=True):
        y = y_of(t)
        _draw_text(p, texts, QRectF(rect.left(), y - lh / 2, tick_w - pad * 0.5, lh), s,
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    # the "not reported" band
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor(BAND)))
    p.drawRect(band)
    dash = QPen(QColor("#9A9A9A"), max(1.0, scale), Qt.PenStyle.DashLine)
    p.setPen(dash)
    p.drawLine(band.topLeft(), band.topRight())
    _draw_text(p, texts, QRectF(rect.left(), band.top(), tick_w - pad * 0.5, band.height()),
               not_reported, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    band_y = band.center().y()

    # captions under the x positions
    half = (x1 - x0) * 0.95
    for x, (role, date) in ((x0, captions.before), (x1, captions.after)):
        w = min(half, max(fmb.horizontalAdvance(role), fm.horizontalAdvance(date)) + 2)
        left = min(max(x - w / 2, rect.left()), rect.right() - w)
        p.setFont(bold)
        _draw_text(p, texts, QRectF(left, plot.bottom() + pad * 0.5, w, fmb.height()),
                   _elide(fmb, role, w), Qt.AlignmentFlag.AlignHCenter)
        p.setFont(font)
        _draw_text(p, texts, QRectF(left, plot.bottom() + pad * 0.5 + fmb.height(), w, lh),
                   _elide(fm, date, w), Qt.AlignmentFlag.AlignHCenter)

    # open markers of one side share the band: spread them sideways
    def band_x(x: float, side: str) -> dict[int, float]:
        idx = [i for i, r in enumerate(rows) if getattr(r, side) is None]
        step_x = min(marker * 2.4, (x1 - x0) * 0.3 / max(1, len(idx)))
        return {i: x + (k - (len(idx) - 1) / 2) * step_x for k, i in enumerate(idx)}

    bx0, bx1 = band_x(x0, "before"), band_x(x1, "after")
    points = []
    for i, r in enumerate(rows):
        a = QPointF(x0, y_of(r.before)) if r.before is not None else QPointF(bx0[i], band_y)
        b = QPointF(x1, y_of(r.after)) if r.after is not None else QPointF(bx1[i], band_y)
        points.append((a, b))
    # lines only between two reported values
    for i, (r, (a, b)) in enumerate(zip(rows, points, strict=True)):
        if r.before is not None and r.after is not None:
            p.setPen(QPen(QColor(lesion_colour(i)), line_w, Qt.PenStyle.SolidLine,
                          Qt.PenCapStyle.RoundCap))
            p.drawLine(a, b)
    for i, (r, (a, b)) in enumerate(zip(rows, points, strict=True)):
        for value, pt in ((r.before, a), (r.after, b)):
            if value is None:  # open: a place holder, not a value
                p.setPen(QPen(QColor(lesion_colour(i)), line_w))
                p.setBrush(QBrush(QColor("#FFFFFF")))
            else:
                p.setPen(QPen(QColor(palette.OUTLINE), max(1.0, scale)))
                p.setBrush(QBrush(QColor(lesion_colour(i))))
            p.drawEllipse(pt, marker, marker)

    # before values, left of x0; labels at the end of each line, right of x1
    gap = lh * 1.02
    lo, hi = plot.top() + lh / 2, plot.bottom() - lh / 2
    valued = sorted((i for i, r in enumerate(rows) if r.before is not None),
                    key=lambda i: points[i][0].y())
    value_right = x0 - marker - pad * 0.4
    for i, y in zip(valued, spread([points[i][0].y() for i in valued], gap, lo, band.top()),
                    strict=True):
        anchor = points[i][0]
        if abs(y - anchor.y()) > 1.5:  # moved off its point: a leader shows whose it is
            p.setPen(QPen(QColor(lesion_colour(i)), max(1.0, scale * 0.8)))
            p.drawLine(QPointF(anchor.x() - marker, anchor.y()),
                       QPointF(value_right + pad * 0.2, y))
        _draw_text(p, texts, QRectF(plot.left(), y - lh / 2, value_right - plot.left(), lh),
                   value_texts[i],
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   lesion_text_colour(i))
    order = sorted(range(len(rows)), key=lambda i: (points[i][1].y(), i))
    label_x = x1 + marker + pad * 0.5
    label_room = rect.right() - label_x
    lines = 2 if stacked else 1
    anchors = [points[i][1].y() for i in order]
    spots = spread(anchors, gap * lines + (lh * 0.35 if stacked else 0),
                   lo + (lines - 1) * lh / 2, hi - (lines - 1) * lh / 2)
    left_v = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for i, y in zip(order, spots, strict=True):
        anchor = points[i][1]
        if abs(y - anchor.y()) > 1.5:
            p.setPen(QPen(QColor(lesion_colour(i)), max(1.0, scale * 0.8)))
            p.drawLine(QPointF(anchor.x() + marker, anchor.y()),
                       QPointF(label_x - pad * 0.2, y))
        colour = lesion_text_colour(i)
        name, values = labels[i]
        if stacked:
            _draw_text(p, texts, QRectF(label_x, y - lh, label_room, lh),
                       _elide(fm, name, label_room), left_v, colour)
            _draw_text(p, texts, QRectF(label_x, y, label_room, lh), values, left_v, colour)
        else:
            _draw_text(p, texts, QRectF(label_x, y - lh / 2, label_room, lh),
                       fit_label(fm, name, values, label_room), left_v, colour)
    p.restore()
    return texts


class PairedChartWidget(QWidget):
    """The paired chart on screen (objectName ``petPairedChart``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("petPairedChart")
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        self.setStyleSheet("background: white;")
        self._chart: PairedChart | None = None
        self._lang = "en"
        self._captions = ChartCaptions(("", ""), ("", ""))
        self._texts: list[str] = []

    def set_chart(self, chart: PairedChart | None, lang: str, captions: ChartCaptions) -> None:
        self._chart, self._lang, self._captions = chart, lang, captions
        self._texts = []
        self.update()

    def chart(self) -> PairedChart | None:
        return self._chart

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.1)
        return font

    def texts(self) -> list[str]:
        """The texts the chart draws at its current size."""
        picture = QPicture()
        painter = QPainter(picture)
        try:
            texts = paint_paired_chart(painter, QRectF(self.rect()).adjusted(8, 8, -8, -8),
                                       self._chart, self._lang, self._font(), self._captions)
        finally:
            painter.end()
        return texts

    def sizeHint(self) -> QSize:
        return QSize(520, 360)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("#FFFFFF"))
            self._texts = paint_paired_chart(
                painter, QRectF(self.rect()).adjusted(8, 8, -8, -8), self._chart, self._lang,
                self._font(), self._captions)
        finally:
            painter.end()
