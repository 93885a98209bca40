"""The key of the timeline's callouts below the plot: each numbered marker explained
(number, symbol, date, every label of a group), then the notes the layout gives (spans
clipped to the order the case states). The same entries as the PDF's and the slides' key;
set in columns as the width allows, an entry never split over two, no label ever cut.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy

from desktop.core.timeline import KeyEntry, TimelineLayout
from desktop.gui.timeline.style import (
    INK,
    MUTED,
    OUTLINE,
    ItemHost,
    cosmetic_pen,
    make_bold,
    wrap_lines,
)

# A key column is at least this many label characters wide.
COLUMN_CHARS = 46
MAX_COLUMNS = 3
# Rows of key the screen gives room to: a fifth of the height the view is shown in, 3 to
# 8 rows (a figure: a third of its height); the rest is counted in a last line, and each
# marker's tooltip says its events. The lanes keep the room: on a laptop a key of 8 rows
# left one lane in view.
SCREEN_ROWS = 8
SCREEN_MIN_ROWS = 3
SCREEN_SHARE = 0.2
FIGURE_SHARE = 0.34


@dataclass(frozen=True)
class KeyLine:
    """One line of the key: the first line of an entry carries its number and symbol."""

    entry: KeyEntry | None
    text: str
    col: int
    row: int
    indent: bool = False
    note: bool = False


def entry_texts(e: KeyEntry) -> list[str]:
    """An entry as the key writes it: "date · label", then a group's other labels."""
    return [f"{e.when} · {e.labels[0]}", *e.labels[1:]]


class Key(pg.GraphicsWidget):
    """The callouts' key and the notes, as tall as their lines need at this width."""

    def __init__(self, canvas: ItemHost) -> None:
        super().__init__()
        self.canvas = canvas
        self.entries: tuple[KeyEntry, ...] = ()
        self.notes: tuple[str, ...] = ()
        self.lines: list[KeyLine] = []
        self.more = 0  # entries left out for want of room
        self._height = -1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._set_height(0.0)

    def set_layout(self, layout: TimelineLayout | None) -> None:
        self.entries = layout.key if layout else ()
        self.notes = layout.notes if layout else ()
        self._reflow()
        self.update()

    # geometry
    def _metrics(self) -> tuple[QFontMetricsF, float, float, float]:
        style = self.canvas.style_
        fm = QFontMetricsF(style.legend)
        number_w = QFontMetricsF(make_bold(style.legend)).horizontalAdvance("000")
        return fm, fm.height() * 1.1, style.symbol_px + 8 + number_w, style.gutter_px * 0.25

    def _columns(self, width: float) -> tuple[int, float]:
        fm, _, lead, left = self._metrics()
        col_min = lead + COLUMN_CHARS * fm.averageCharWidth()
        cols = max(1, min(MAX_COLUMNS, int((width - left) // col_min)))
        cols = min(cols, max(1, len(self.entries)))
        return cols, (width - left) / cols

    def max_rows(self) -> int:
        """Rows of key there is room for: a fifth of the screen room, a third of a figure."""
        _, line_h, _, _ = self._metrics()
        if getattr(self.canvas, "on_screen", True):  # (set after the key is made)
            room = self.canvas.screen_room()
            if not room:
                return SCREEN_ROWS
            return max(SCREEN_MIN_ROWS, min(SCREEN_ROWS, int(room * SCREEN_SHARE / line_h)))
        return max(3, int(self.canvas.height() * FIGURE_SHARE / line_h))

    def reflow(self) -> None:
        """Lay the lines out again (the room the key may take has changed)."""
        self._reflow()
        self.update()

    def layout_lines(self, width: float) -> list[KeyLine]:
        """Every line at ``width`` pixels: entries in columns of about equal height, the
        notes across the whole width below them; entries beyond ``max_rows`` are counted
        in ``more``."""
        fm, _, lead, left = self._metrics()
        cols, col_w = self._columns(width)
        room = max(col_w - lead - fm.averageCharWidth() * 2, 40.0)
        on_screen = getattr(self.canvas, "on_screen", True)
        shown_notes = list(self.notes)
        if on_screen and len(shown_notes) > 1:  # the plot keeps the room; each bar's tip
            shown_notes = [QCoreApplication.translate(  # says its own note
                "TimelineKey", "{n} therapies with uncertain dates are drawn in the order "
                "the case lists them: hover a hatched bar for its note").format(
                    n=len(shown_notes))]
        notes = [s for note in shown_notes for s in wrap_lines(note, fm, width - left - 4)]
        # on screen the key keeps to its rows, notes and the line of what is left out
        # included (the lanes keep the room), and no entry is taller than a column
        rows = max(2, self.max_rows() - len(notes) - 1) if on_screen else self.max_rows()
        budget = rows * cols
        bodies: list[list[tuple[str, bool]]] = []
        used = 0
        for e in self.entries:
            body = self._body(e, fm, room, rows if on_screen else None)
            if bodies and used + len(body) > budget:
                break
            bodies.append(body)
            used += len(body)
        self.more = len(self.entries) - len(bodies)
        per_col = -(-used // cols) if bodies else 0
        out: list[KeyLine] = []
        col, row = 0, 0
        for e, body in zip(self.entries, bodies, strict=False):
            if row and row + len(body) > per_col and col + 1 < cols:
                col, row = col + 1, 0
            for j, (s, indent) in enumerate(body):
                out.append(KeyLine(e if j == 0 else None, s, col, row + j, indent))
            row += len(body)
        row = max((x.row for x in out), default=-1) + 1
        if self.more:  # said, never dropped silently
            screen = QCoreApplication.translate(
                "TimelineKey", "{n} more numbered markers: hover one for its events, or "
                "zoom in")
            figure = QCoreApplication.translate(
                "TimelineKey", "{n} more numbered markers not listed for want of room: "
                "export a shorter period")
            notes.insert(0, (screen if on_screen else figure).format(n=self.more))
        for s in notes:
            out.append(KeyLine(None, s, -1, row, note=True))
            row += 1
        # column by column, so that a reader's copy of the text keeps each label whole
        return sorted(out, key=lambda k: (k.col < 0, k.col, k.row))

    def _body(self, e: KeyEntry, fm: QFontMetricsF, room: float, rows: int | None
              ) -> list[tuple[str, bool]]:
        """The lines of one entry (an indent flag each); with ``rows``, labels that would
        take more lines are counted in a last line instead (the marker's tip has them)."""
        indent = fm.averageCharWidth() * 2
        texts = entry_texts(e)
        labels = [[(line, k > 0 or j > 0) for j, line in
                   enumerate(wrap_lines(s, fm, room - (indent if k else 0)))]
                  for k, s in enumerate(texts)]
        body = [line for lines in labels for line in lines]
        if rows is None or len(body) <= rows:
            return body
        kept: list[tuple[str, bool]] = []
        for k, lines in enumerate(labels):
            if k and len(kept) + len(lines) > rows - 1:
                left = len(labels) - k
                said = QCoreApplication.translate(
                    "TimelineKey", "and {n} more at this marker: hover it").format(n=left)
                return kept + [(line, True) for line in wrap_lines(said, fm, room - indent)]
            kept += lines
        return kept

    def _set_height(self, h: float) -> None:
        if h == self._height:
            return
        self._height = h
        self.setMinimumHeight(h)
        self.setMaximumHeight(h)
        self.setPreferredHeight(h)

    def _reflow(self) -> None:
        width = self.size().width() or 1000.0
        self.lines = self.layout_lines(width)
        _, line_h, _, _ = self._metrics()
        rows = max((x.row for x in self.lines), default=-1) + 1
        self._set_height(rows * line_h + (line_h * 0.5 if rows else 0.0))

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._reflow()

    def texts(self) -> list[str]:
        """Every text of the key: numbers and lines."""
        out: list[str] = []
        for x in self.lines:
            if x.entry is not None:
                out.append(str(x.entry.number))
            out.append(x.text)
        return out

    # drawing
    def paint(self, p: QPainter, *_args) -> None:
        if not self.lines:
            return
        style = self.canvas.style_
        fm, line_h, lead, left = self._metrics()
        _, col_w = self._columns(self.size().width())
        bold = make_bold(style.legend)
        sym = style.symbol_px * 0.85
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        top = line_h * 0.5
        for x in self.lines:
            x0 = left + max(x.col, 0) * col_w
            y = top + x.row * line_h
            if x.entry is not None:
                e = x.entry
                p.save()
                p.translate(x0 + sym / 2, y + line_h / 2)
                drawSymbol(p, e.symbol, sym, cosmetic_pen(OUTLINE, 1.0), QBrush(QColor(e.colour)))
                p.restore()
                p.setFont(bold)
                p.setPen(INK)
                p.drawText(QRectF(x0 + sym + 4, y, lead - sym - 4, line_h),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           str(e.number))
            p.setFont(style.legend)
            p.setPen(MUTED if x.note else INK)
            tx = x0 if x.note else x0 + lead + (fm.averageCharWidth() * 2 if x.indent else 0)
            p.drawText(QRectF(tx, y, fm.horizontalAdvance(x.text) + 4, line_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, x.text)
