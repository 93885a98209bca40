"""The summary's pages: a numbered canvas that writes "page N of M" once the page count is
known, with the running head and foot (Furniture) on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.report.fonts import SANS, split_runs, string_width
from desktop.report.style import INK, MARK_HEX, MUTED, RULE


@dataclass(frozen=True)
class Furniture:
    """What every page carries, glyph-checked before the build: running header and footer."""

    code: str
    header: str
    mark: str  # "De-identified / Обезличено", or ""
    footer: str
    page: Callable[[int, int], str]


class NumberedCanvas(Canvas):
    """Keeps each page until the count is known, then writes header, footer and
    "page N of M" on every page (pretix's numbered canvas)."""

    def __init__(self, *args, furniture: Furniture, margins: tuple[float, float], **kwargs):
        super().__init__(*args, **kwargs)
        self._furniture, self._margins = furniture, margins
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(self._pageNumber, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw(self, x: float, y: float, s: str, face: str, size: float, colour,
              align: str = "left") -> None:
        width = string_width(s, face, size)
        x0 = x - width if align == "right" else x
        self.setFillColor(colour)
        for f, chunk in split_runs(s, face):
            self.setFont(f, size)
            self.drawString(x0, y, chunk)
            x0 += string_width(chunk, f, size)

    def _decorate(self, number: int, total: int) -> None:
        fur = self._furniture
        w, h = self._pagesize
        left, right = self._margins
        self.saveState()
        y = h - 13 * mm
        self._draw(left, y, fur.code, SANS + "-Bold", 7.5, INK)
        self._draw(left + string_width(fur.code + "  ", SANS + "-Bold", 7.5), y, fur.header,
                   SANS, 7.5, MUTED)
        if fur.mark:
            self._draw(w - right, y, fur.mark, SANS + "-Bold", 7.5,
                       colors.HexColor(MARK_HEX), "right")
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(left, y - 3, w - right, y - 3)
        y = 11 * mm
        self.line(left, y + 9, w - right, y + 9)
        self._draw(left, y, fur.footer, SANS, 7, MUTED)
        self._draw(w - right, y, fur.page(number, total), SANS, 7, MUTED, "right")
        self.restoreState()
