"""Fonts, colours and sizes of the timeline, on screen and in figures.

The bundled fonts (PT Sans, DejaVu Sans for the signs PT lacks) are loaded once;
``TimelineStyle`` holds the fonts and sizes of one kind of output, and the small helpers
every painted item uses (pens, the painter's scale, text fitted to lines) are here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QApplication

from desktop.core import palette
from desktop.core.paths import RESOURCES
from desktop.core.timeline import TimelineLayout

FONT_DIR = RESOURCES / "fonts"
# Faces loaded into Qt's font database; PT Sans first, DejaVu Sans for the few signs PT
# lacks (superscript digits, arrows), so Cyrillic and symbols look the same everywhere.
FONT_FILES = ("PTSans-Regular.ttf", "PTSans-Bold.ttf", "PTSans-Italic.ttf",
              "PTSans-BoldItalic.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


# The narrowest zoom, in days.
MIN_X_SPAN = 3.0


# Labels are drawn while a row is at least this part of a line of label text high.
MIN_ROW_FOR_LABELS = 0.75
#: On screen a row is given this many lines of label text, so labels always fit.
ROW_COMFORT = 1.05
Y_PAD = 0.35
WHISKER_CAP = 0.18  # rows above and below a whisker's end


WHITE = QColor("#FFFFFF")
INK = QColor(palette.INK)
OUTLINE = QColor(palette.OUTLINE)
MUTED = QColor("#555555")
BAND = QColor("#F1F2F4")
GRID = QColor("#DADDE1")
VALUE_GRID = QColor("#E6E8EB")
SELECT = QColor("#000000")
# Text the layout's labels are measured by: one character's width, Latin and Cyrillic.
_SAMPLE = {"en": "Blinatumomab, 3 cycles; Relapse (bone marrow); Allo-HSCT D+24",
           "ru": "Блинатумомаб, 3 цикла; Рецидив (костный мозг); алло-ТГСК Д+24"}


_families: list[str] = []


def font_families() -> list[str]:
    """The bundled families (loaded once per process), in fallback order."""
    if not _families:
        found: list[str] = []
        for name in FONT_FILES:
            path = FONT_DIR / name
            font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
            if font_id >= 0:
                found += [f for f in QFontDatabase.applicationFontFamilies(font_id)
                          if f not in found]
        found.sort(key=lambda f: (not f.startswith("PT Sans"), f))
        _families.extend(found or [QApplication.font().family()])
    return list(_families)


def make_font(*, pt: float | None = None, px: float | None = None, bold: bool = False,
              italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(font_families())
    if px is not None:
        font.setPixelSize(max(1, round(px)))
    else:
        font.setPointSizeF(pt or 10.0)
    font.setBold(bold)
    font.setItalic(italic)
    return font


def make_bold(font: QFont) -> QFont:
    """A bold copy of ``font`` (the callout numbers, the key's numbers)."""
    out = QFont(font)
    out.setBold(True)
    return out


@dataclass(frozen=True, eq=False)
class TimelineStyle:
    """Fonts and sizes of one kind of output: the screen, or a figure of a given size."""

    label: QFont
    label_missing: QFont  # a label whose translation is missing: italic
    title: QFont
    tick: QFont
    value: QFont
    legend: QFont
    symbol_px: float
    pen_px: float
    gutter_px: float
    margins: tuple[float, float, float, float]  # left, top, right, bottom
    # a figure leaves out a label that would be cut at its edges; the screen, where the
    # view moves, lets the edge cut it
    whole_labels: bool = False

    def char_px(self) -> float:
        """Width of one label character, a little generous, over both alphabets."""
        fm = QFontMetricsF(self.label)
        return 1.04 * max(fm.horizontalAdvance(s) / len(s) for s in _SAMPLE.values())


class ItemHost(Protocol):
    """What the painted items read of the canvas that holds them (``TimelineCanvas``):
    described here, so that the items need not import the canvas that imports them."""

    style_: TimelineStyle
    layout_: TimelineLayout | None
    time_axis: Any  # the ``TimeAxis``: ``ticks_for(lo, hi)``


def screen_style() -> TimelineStyle:
    """On screen: nothing under 10 points."""
    return TimelineStyle(make_font(pt=10), make_font(pt=10, italic=True),
                         make_font(pt=10, bold=True), make_font(pt=10), make_font(pt=10),
                         make_font(pt=10), 12.0, 1.0, 210.0, (6, 4, 18, 2))


def figure_style(size: tuple[int, int]) -> TimelineStyle:
    """A figure ``size`` pixels: at 1920×1080, labels 19 px and titles and ticks 21 px,
    to be read from the back of a room; other sizes scale with the slide."""
    k = min(max(min(size[0] / 1920, size[1] / 1080), 0.5), 4.0)
    return TimelineStyle(make_font(px=19 * k), make_font(px=19 * k, italic=True),
                         make_font(px=21 * k, bold=True), make_font(px=21 * k),
                         make_font(px=18 * k), make_font(px=19 * k), 19.0 * k, 2.2 * k,
                         330.0 * k, (14 * k, 10 * k, 34 * k, 6 * k), whole_labels=True)


def tint(colour: str, amount: float) -> QColor:
    """``colour`` mixed with white: 0 is the colour, 1 is white (the PDF's faded parts)."""
    c = QColor(colour)
    return QColor.fromRgbF(c.redF() + (1 - c.redF()) * amount,
                           c.greenF() + (1 - c.greenF()) * amount,
                           c.blueF() + (1 - c.blueF()) * amount)


def cosmetic_pen(colour: QColor | str, width: float, dash: bool = False) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)
    if dash:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def device_scale(p: QPainter) -> tuple[float, float, float, float]:
    """The painter's data → device mapping as ``X = x*sx + tx``, ``Y = y*sy + ty`` (a view
    box only scales and translates)."""
    t = p.transform()
    return t.m11(), t.dx(), t.m22(), t.dy()


def fit_lines(text: str, fm: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """``text`` wrapped at spaces into at most ``max_lines`` lines of ``width`` pixels;
    the last line elided when it does not fit."""
    lines = wrap_lines(text, fm, width)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return [fm.elidedText(s, Qt.TextElideMode.ElideRight, width) for s in lines]


def wrap_lines(text: str, fm: QFontMetricsF, width: float) -> list[str]:
    """``text`` wrapped at spaces into lines of ``width`` pixels, never cut: a word
    wider than the line keeps a line of its own (the key must say every label whole)."""
    lines: list[str] = []
    line = ""
    for w in text.split():
        trial = f"{line} {w}" if line else w
        if line and fm.horizontalAdvance(trial) > width:
            lines.append(line)
            line = w
        else:
            line = trial
    if line:
        lines.append(line)
    return lines
