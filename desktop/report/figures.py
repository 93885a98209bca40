"""Vector figures (ReportLab graphics ``Drawing``) from what the core computed.

``timeline_drawing`` draws a ``timeline.TimelineLayout`` — lanes, bars, markers, series, all
already positioned in days and rows — and ``pet_drawing`` a ``pet.PairedChart``. Nothing
clinical is decided here: these functions map days and rows to points, pick the shapes the
palette names, and fit text into the space the layout left for it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor

from desktop.core import palette
from desktop.core.pet import PairedChart
from desktop.core.timeline import LANE_GAP, KeyEntry, Lane, TimelineLayout, fmt_number, ticks
from desktop.report.axis_breaks import break_bands, break_marks
from desktop.report.fonts import SANS, split_runs, string_width

FACE = SANS
FACE_BOLD = SANS + "-Bold"
LABEL_SIZE = 6.6  # bar and marker labels
AXIS_SIZE = 6.6
TITLE_SIZE = 7.0  # lane titles in the gutter
#: Average width of a label character in ems (PT Sans, mixed Latin and Cyrillic, a little
#: generous): the timeline layout places labels by character count.
CHAR_EM = 0.52
ROW = 11.0  # points per layout row
GUTTER = 92.0  # lane titles and value ticks left of the plot
RIGHT_PAD = 8.0
TOP_PAD = 4.0
AXIS_HEIGHT = 24.0
SYMBOL_R = 3.0
#: Points between a label drawn before its bar (or once-given symbol) and that bar.
BEFORE_GAP = LABEL_SIZE * 0.45
#: Rows of event labels the layout may use before it hides a label (the page has room).
EVENT_LABEL_ROWS = 6

INK = HexColor(palette.INK)
OUTLINE = HexColor(palette.OUTLINE)
GRID = HexColor("#E4E4E4")
LANE_RULE = HexColor("#C8C8C8")
MUTED = HexColor("#6B6B6B")
WHITE = HexColor("#FFFFFF")


def tint(hex_colour: str, amount: float) -> Color:
    """``hex_colour`` mixed with white: ``amount`` 0 is the colour, 1 is white."""
    c = HexColor(hex_colour)
    return Color(c.red + (1 - c.red) * amount, c.green + (1 - c.green) * amount,
                 c.blue + (1 - c.blue) * amount)


# --- text ---------------------------------------------------------------------------------
def text(g: Group, x: float, y: float, s: str, *, size: float = LABEL_SIZE, face: str = FACE,
         colour: Color = INK, anchor: str = "start") -> float:
    """Draw checked text with the DejaVu fallback where PT lacks a sign; returns its width."""
    width = string_width(s, face, size)
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    for f, chunk in split_runs(s, face):
        g.add(String(x0, y, chunk, fontName=f, fontSize=size, fillColor=colour))
        x0 += string_width(chunk, f, size)
    return width


def fit(s: str, width: float, size: float, face: str = FACE, *, shrink: bool = True
        ) -> tuple[str, float]:
    """``s`` at ``size`` if it fits ``width``; else a little smaller (if ``shrink``), else
    cut with "…"; returns the text and the size to draw it at."""
    if string_width(s, face, size) <= width:
        return s, size
    smaller = size * 0.88 if shrink else size
    if string_width(s, face, smaller) <= width:
        return s, smaller
    while s and string_width(s + "…", face, smaller) > width:
        s = s[:-1]
    return (s.rstrip() + "…" if s else ""), smaller


def wrap(s: str, width: float, size: float, face: str = FACE) -> list[str]:
    """Greedy word wrap of ``s`` into lines no wider than ``width`` (a long word is cut)."""
    lines: list[str] = []
    for word in s.split():
        if lines and string_width(f"{lines[-1]} {word}", face, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(fit(word, width, size, face, shrink=False)[0])
    return lines


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose initial font is ours: the renderer's default is Helvetica, which
    would otherwise appear among the page's fonts."""
    d = Drawing(width, height)
    d.initialFontName, d.initialFontSize = FACE, LABEL_SIZE
    return d


def shrink_to(d: Drawing, max_height: float) -> Drawing:
    """``d`` scaled down, whole, to at most ``max_height`` points high (a timeline with
    very many lanes still fits one page); unchanged when it fits."""
    if d.height <= max_height:
        return d
    k = max_height / d.height
    out = _drawing(d.width * k, max_height)
    g = Group(*d.contents)
    g.scale(k, k)
    out.add(g)
    return out


# --- symbols ------------------------------------------------------------------------------
def _regular(cx: float, cy: float, r: float, n: int, rotate: float = 90.0) -> list[float]:
    pts: list[float] = []
    for k in range(n):
        a = math.radians(rotate + 360.0 * k / n)
        pts += [cx + r * math.cos(a), cy + r * math.sin(a)]
    return pts


def symbol(g: Group, name: str, cx: float, cy: float, r: float, fill: Color | None,
           stroke: Color = OUTLINE, width: float = 0.5) -> None:
    """The palette symbol ``name`` (pyqtgraph's names, see ``palette.SYMBOLS``) at a point;
    ``fill=None`` draws it hollow."""
    kw = {"fillColor": fill, "strokeColor": stroke, "strokeWidth": width}
    if name == "o":
        g.add(Circle(cx, cy, r, **kw))
    elif name == "s":
        s = r * 0.9
        g.add(Rect(cx - s, cy - s, 2 * s, 2 * s, **kw))
    elif name == "t1":  # pointing up
        g.add(Polygon([cx - r, cy - r * 0.8, cx + r, cy - r * 0.8, cx, cy + r * 1.1], **kw))
    elif name == "t":  # pointing down
        g.add(Polygon([cx - r, cy + r * 0.8, cx + r, cy + r * 0.8, cx, cy - r * 1.1], **kw))
    elif name == "d":
        g.add(Polygon([cx, cy + r * 1.2, cx + r, cy, cx, cy - r * 1.2, cx - r, cy], **kw))
    elif name == "star":
        pts: list[float] = []
        for k in range(10):
            rr = r * 1.3 if k % 2 == 0 else r * 0.55
            a = math.radians(90 + 36 * k)
            pts += [cx + rr * math.cos(a), cy + rr * math.sin(a)]
        g.add(Polygon(pts, **kw))
    elif name in ("x", "+"):
        c = fill or stroke
        arm, w = r * 1.05, r * 0.55
        if name == "x":
            g.add(Line(cx - arm, cy - arm, cx + arm, cy + arm, strokeColor=c, strokeWidth=w))
            g.add(Line(cx - arm, cy + arm, cx + arm, cy - arm, strokeColor=c, strokeWidth=w))
        else:
            g.add(Line(cx - arm, cy, cx + arm, cy, strokeColor=c, strokeWidth=w))
            g.add(Line(cx, cy - arm, cx, cy + arm, strokeColor=c, strokeWidth=w))
    elif name == "h":
        g.add(Polygon(_regular(cx, cy, r * 1.1, 6, 0), **kw))
    elif name == "p":
        g.add(Polygon(_regular(cx, cy, r * 1.1, 5), **kw))
    else:
        g.add(Circle(cx, cy, r, **kw))


# --- the timeline -------------------------------------------------------------------------
ROW_MAX = 16.0
TITLE_LEAD = TITLE_SIZE * 1.12
TICK_ROOM = 26.0  # gutter part taken by the value ticks of a series lane


def plot_width(width: float) -> float:
    return width - GUTTER - RIGHT_PAD


def days_per_char(x_span: float, width: float) -> float:
    """The layout's label unit for a figure ``width`` points wide over ``x_span`` days."""
    return x_span * CHAR_EM * LABEL_SIZE / plot_width(width)


@dataclass(frozen=True)
class _Frame:
    """Days and rows of a layout → points of the drawing."""

    x_min: float
    x_max: float
    left: float
    right: float
    top: float
    row: float

    def x(self, days: float) -> float:
        span = self.x_max - self.x_min or 1.0
        return self.left + (days - self.x_min) / span * (self.right - self.left)

    def y(self, rows: float) -> float:
        return self.top - rows * self.row


def _title_lines(lane: Lane, titles: Sequence[str]) -> list[tuple[str, bool]]:
    """The gutter lines of a lane title: (text, first language?)."""
    room = GUTTER - 6 - (TICK_ROOM if lane.kind == "series" else 0)
    out: list[tuple[str, bool]] = []
    for i, t in enumerate(titles):
        face = FACE_BOLD if i == 0 else FACE
        out += [(s, i == 0) for s in wrap(t, room, TITLE_SIZE, face)]
    return out


def _row_height(layout: TimelineLayout, lines: list[list[tuple[str, bool]]]) -> float:
    """Points per row: ROW, or more where a lane title needs the height (at most ROW_MAX)."""
    need = ROW
    for lane, ls in zip(layout.lanes, lines, strict=True):
        need = max(need, (len(ls) * TITLE_LEAD + 1) / (lane.height + LANE_GAP * 0.7))
    return min(need, ROW_MAX)


def timeline_drawing(layout: TimelineLayout, width: float, *,
                     lane_titles: Sequence[Sequence[str]], axis_title: str) -> Drawing:
    """The timeline ``layout`` as a vector figure ``width`` points wide, with the key of
    its callouts and its notes below. ``lane_titles``: the lines of each lane's title
    (one per language); all text already glyph-checked."""
    lines = [_title_lines(lane, t) for lane, t in zip(layout.lanes, lane_titles, strict=True)]
    row = _row_height(layout, lines)
    below = key_lines(layout, width)
    height = TOP_PAD + layout.height * row + AXIS_HEIGHT + len(below) * KEY_LEAD + (
        KEY_GAP if below else 0)
    d = _drawing(width, height)
    f = _Frame(layout.x_min, layout.x_max, GUTTER, width - RIGHT_PAD, height - TOP_PAD, row)
    axis_ticks = ticks(layout, layout.x_max - layout.x_min)
    _grid(d, f, axis_ticks, layout.height)
    for lane, ls in zip(layout.lanes, lines, strict=True):
        _lane_frame(d, f, lane, ls)
    break_bands(d, layout.breaks, f.x, f.top, f.y(layout.height))
    for bar in layout.bars:
        _bar(d, f, bar)
    _markers(d, f, layout)
    for s in layout.series:
        _series(d, f, s)
    _axis(d, f, axis_ticks, layout.height, axis_title, width)
    break_marks(d, layout.breaks, f.x, f.y(layout.height))
    _key(d, below, height - TOP_PAD - layout.height * row - AXIS_HEIGHT - KEY_GAP)
    return d


# --- the key of the callouts, and the notes ------------------------------------------------
KEY_SIZE = LABEL_SIZE
KEY_LEAD = KEY_SIZE * 1.3
KEY_GAP = 4.0
KEY_NUMBER = 14.0  # the column of callout numbers (with the symbol)


@dataclass(frozen=True)
class _Cell:
    entry: KeyEntry | None  # the first line of an entry carries its number and symbol
    text: str
    x: float
    muted: bool = False
    col: int = 0


def key_lines(layout: TimelineLayout, width: float) -> list[list[_Cell]]:
    """The key as rows of cells: "n  date · label" per callout (a group's labels one after
    another), in two columns where the figure is wide, then the notes across."""
    cols = 2 if width >= 400 and len(layout.key) > 3 else 1
    col_w = (width - 4) / cols
    room = col_w - KEY_NUMBER - 10
    entries: list[list[_Cell]] = []
    for e in layout.key:
        body: list[_Cell] = []
        for k, label in enumerate(e.labels):
            s = f"{e.when} · {label}" if k == 0 else label
            for j, line in enumerate(wrap(s, room, KEY_SIZE)):
                body.append(_Cell(e if (k, j) == (0, 0) else None, line,
                                  KEY_NUMBER + (0 if j == 0 else 6)))
        entries.append(body)
    per_col = math.ceil(sum(len(b) for b in entries) / cols)
    columns: list[list[_Cell]] = [[] for _ in range(cols)]
    c = 0
    for body in entries:  # an entry never splits over two columns
        if columns[c] and len(columns[c]) + len(body) > per_col and c + 1 < cols:
            c += 1
        columns[c] += [_Cell(x.entry, x.text, x.x + c * col_w, col=c) for x in body]
    rows = [[col[r] for col in columns if r < len(col)]
            for r in range(max(len(col) for col in columns))] if entries else []
    for note in layout.notes:
        rows += [[_Cell(None, line, 0, True)] for line in wrap(note, width - 4, KEY_SIZE - 0.6)]
    return rows


def _key(d: Drawing, rows: list[list[_Cell]], top: float) -> None:
    """Column by column (so a reader's copy of the text keeps each label whole)."""
    placed = sorted(((c.col, r, c) for r, cells in enumerate(rows) for c in cells),
                    key=lambda t: (t[0], t[1]))
    for _, r, c in placed:
        y = top - KEY_SIZE - r * KEY_LEAD
        if c.entry is not None:
            e = c.entry
            symbol(d, e.symbol, c.x - KEY_NUMBER + 3, y + KEY_SIZE * 0.32, 2.4,
                   HexColor(e.colour))
            text(d, c.x - 1, y, str(e.number), size=KEY_SIZE, face=FACE_BOLD, anchor="end")
        text(d, c.x + 2, y, c.text, size=KEY_SIZE - (0.6 if c.muted else 0),
             colour=MUTED if c.muted else INK)


def _grid(d: Drawing, f: _Frame, axis_ticks, rows: float) -> None:
    bottom = f.y(rows)
    for t in axis_ticks:
        x = f.x(t.pos)
        d.add(Line(x, bottom, x, f.top, strokeColor=GRID, strokeWidth=0.4))


def _lane_frame(d: Drawing, f: _Frame, lane: Lane, lines: list[tuple[str, bool]]) -> None:
    top, bottom = f.y(lane.y), f.y(lane.y + lane.height)
    if lane.y > 0:
        gap = f.y(lane.y - LANE_GAP / 2)
        d.add(Line(2, gap, f.right, gap, strokeColor=LANE_RULE, strokeWidth=0.35))
    block = TITLE_LEAD * len(lines)
    if lane.kind == "series":
        y0 = top - TITLE_SIZE + 1
    else:
        y0 = (top + bottom) / 2 + block / 2 - TITLE_SIZE * 0.9
    for k, (s, first) in enumerate(lines):
        text(d, 2, y0 - k * TITLE_LEAD, s, size=TITLE_SIZE, face=FACE_BOLD if first else FACE,
             colour=INK if first else MUTED)
    if lane.kind != "series":
        return
    size = AXIS_SIZE - 0.6
    for t in lane.value_ticks:
        y = f.y(t.pos)
        d.add(Line(f.left - 2, y, f.left, y, strokeColor=INK, strokeWidth=0.4))
        d.add(Line(f.left, y, f.right, y, strokeColor=GRID, strokeWidth=0.3))
        # labels of the top and bottom ticks stay inside the lane, clear of its neighbours
        base = y - size * 0.33
        base = min(base, top - size * 0.8) if t.pos <= lane.y + 0.01 else base
        base = max(base, bottom + 0.6)
        text(d, f.left - 3, base, t.label, size=size, anchor="end", colour=MUTED)
    d.add(Line(f.left, top, f.left, bottom, strokeColor=INK, strokeWidth=0.4))
    if lane.threshold_y is not None:
        y = f.y(lane.threshold_y)
        d.add(Line(f.left, y, f.right, y, strokeColor=INK, strokeWidth=0.5,
                   strokeDashArray=[2, 1.5]))
        if lane.threshold_label:  # above the line, or below it near the lane's top
            near_top = lane.threshold_y - lane.y < 0.4
            text(d, f.left + 3, y - AXIS_SIZE if near_top else y + 1.5, lane.threshold_label,
                 size=AXIS_SIZE - 0.8, colour=MUTED)


def hatch(d: Drawing, x0: float, y0: float, x1: float, y1: float, colour: Color,
          step: float = 3.0) -> None:
    """Diagonal lines (/) filling the box: an uncertain period, never read as treatment."""
    h = y1 - y0
    k = x0 - h
    while k < x1:
        a, b = max(k, x0), min(k + h, x1)  # the part of the 45° line over the box
        if b > a:
            d.add(Line(a, y0 + (a - k), b, y0 + (b - k), strokeColor=colour, strokeWidth=0.5))
        k += step


def _bar(d: Drawing, f: _Frame, bar) -> None:
    yc = f.y(bar.y)
    h = bar.height * f.row
    x0, x1 = f.x(bar.x0), f.x(bar.x1)
    x1 = max(x1, x0 + 1.2)  # a one-day therapy stays visible
    if bar.point:  # given once: a symbol, with a whisker over an uncertain date
        xc = (x0 + x1) / 2
        if bar.solid is None and x1 - x0 > 2.5:
            colour = tint(bar.colour, 0.25)
            d.add(Line(x0, yc, x1, yc, strokeColor=colour, strokeWidth=0.7))
            for xx in (x0, x1):
                d.add(Line(xx, yc - 2, xx, yc + 2, strokeColor=colour, strokeWidth=0.7))
        symbol(d, "d", xc, yc, SYMBOL_R * 1.1, HexColor(bar.colour))
        x0, x1 = min(x0, xc - SYMBOL_R - 1), max(x1, xc + SYMBOL_R + 1)
    else:
        d.add(Rect(x0, yc - h / 2, x1 - x0, h, fillColor=tint(bar.colour, 0.86),
                   strokeColor=None, strokeWidth=0))
        hatch(d, x0, yc - h / 2, x1, yc + h / 2, tint(bar.colour, 0.3))
        if bar.solid is not None:
            s0, s1 = f.x(bar.solid[0]), f.x(bar.solid[1])
            d.add(Rect(s0, yc - h / 2, max(s1 - s0, 1.2), h, fillColor=HexColor(bar.colour),
                       strokeColor=None, strokeWidth=0))
        outline = {"strokeColor": HexColor(bar.colour), "strokeWidth": 0.5, "fillColor": None}
        if bar.approximate:
            outline["strokeDashArray"] = [1.5, 1]
        d.add(Rect(x0, yc - h / 2, x1 - x0, h, **outline))
    if bar.ongoing:
        d.add(Polygon([x1, yc - h / 2 - 1.5, x1 + 5, yc, x1, yc + h / 2 + 1.5],
                      fillColor=HexColor(bar.colour), strokeColor=None, strokeWidth=0))
    if bar.label_pos == "none" or not bar.label:
        return
    lx = f.x(bar.label_x)
    if bar.label_pos == "inside":
        room = x1 - lx - 1
        # the label may start over a pale (uncertain) part: dark text there
        pale = bar.solid is None or f.x(bar.solid[0]) > lx + 2
        colour = INK if pale else HexColor(bar.label_colour)
    elif bar.label_pos == "before":  # ends half a letter before the bar or its symbol
        end = x0 - BEFORE_GAP  # (as far as an "after" label starts from its bar), and
        s, size = fit(bar.label, end - f.left, LABEL_SIZE)  # never runs into the gutter
        text(d, end, yc - size * 0.34, s, size=size, colour=HexColor(bar.label_colour),
             anchor="end")
        return
    else:
        room = f.right + RIGHT_PAD - lx
        colour = HexColor(bar.label_colour)
    s, size = fit(bar.label, room, LABEL_SIZE)
    text(d, lx, yc - size * 0.34, s, size=size, colour=colour)


def _neighbours(layout: TimelineLayout, m) -> tuple[float | None, float | None]:
    """The end of the marker before ``m`` in its row and the start of the one after
    (whiskers included), in days: a label never runs into them."""
    same = [o for o in layout.markers if o.row == m.row and o.lane_id == m.lane_id
            and o is not m]
    before = [o.x_range[1] for o in same if o.x < m.x or (o.x == m.x and o.x_range[1] < m.x)]
    after = [o.x_range[0] for o in same if o.x > m.x]
    return max(before, default=None), min(after, default=None)


def _markers(d: Drawing, f: _Frame, layout: TimelineLayout) -> None:
    """Whiskers first, then labels on a white ground (a whisker never strikes through a
    label), then the symbols on top."""
    for m in layout.markers:
        y = f.y(m.y)
        a, b = f.x(m.x_range[0]), f.x(m.x_range[1])
        if b - a > 2.5:
            colour = tint(m.colour, 0.25)
            d.add(Line(a, y, b, y, strokeColor=colour, strokeWidth=0.7))
            for xx in (a, b):
                d.add(Line(xx, y - 2, xx, y + 2, strokeColor=colour, strokeWidth=0.7))
    for m in layout.markers:
        if m.show_label and m.label:
            _marker_label(d, f, m, *_neighbours(layout, m))
        elif m.callout is not None:
            _callout(d, f, m)
    for m in layout.markers:
        symbol(d, m.symbol, f.x(m.x), f.y(m.y), SYMBOL_R, HexColor(m.colour))


def callout_text(m) -> str:
    """The number at a keyed marker; a group adds how many events it holds."""
    return f"{m.callout} ×{len(m.members)}" if m.members else str(m.callout)


def _callout(d: Drawing, f: _Frame, m) -> None:
    """The callout number right of the symbol, on a white ground."""
    s = callout_text(m)
    size = LABEL_SIZE
    x, y = f.x(m.x) + SYMBOL_R + 1.2, f.y(m.y)
    width = string_width(s, FACE_BOLD, size)
    d.add(Rect(x - 0.6, y - size * 0.5, width + 1.2, size * 1.05, fillColor=WHITE,
               strokeColor=None, strokeWidth=0))
    text(d, x, y - size * 0.34, s, size=size, face=FACE_BOLD, colour=HexColor(m.label_colour))


def _marker_label(d: Drawing, f: _Frame, m, prev_end: float | None,
                  next_start: float | None) -> None:
    y = f.y(m.y)
    x = f.x(m.x)
    gap = SYMBOL_R + 1.5
    if m.label_x1 <= m.x:  # left of the symbol (near the right edge)
        end = x - gap
        limit = f.left if prev_end is None else max(f.left, f.x(prev_end) + gap)
        s, size = fit(m.label, end - limit, LABEL_SIZE)
        start = end - string_width(s, FACE, size)
    else:
        start = max(f.x(m.label_x0), x + gap)
        limit = f.right + RIGHT_PAD
        if next_start is not None:
            limit = min(limit, f.x(next_start) - gap)
        s, size = fit(m.label, limit - start, LABEL_SIZE)
    if not s:
        return
    width = string_width(s, FACE, size)
    d.add(Rect(start - 0.8, y - size * 0.5, width + 1.6, size * 1.05, fillColor=WHITE,
               strokeColor=None, strokeWidth=0))
    text(d, start, y - size * 0.34, s, size=size, colour=HexColor(m.label_colour))


def _series(d: Drawing, f: _Frame, s) -> None:
    colour = HexColor(s.colour)
    valued = sorted((p for p in s.points if p.value is not None and not p.clipped),
                    key=lambda p: p.x)
    for p, q in itertools.pairwise(valued):
        d.add(Line(f.x(p.x), f.y(p.y), f.x(q.x), f.y(q.y), strokeColor=colour,
                   strokeWidth=0.7))
    for p in s.points:
        x, y = f.x(p.x), f.y(p.y)
        a, b = f.x(p.x_range[0]), f.x(p.x_range[1])
        if b - a > 2.5:
            d.add(Line(a, y, b, y, strokeColor=colour, strokeWidth=0.6))
        hollow = p.value is None or p.clipped
        symbol(d, p.symbol, x, y, SYMBOL_R * 0.85, None if hollow else colour,
               stroke=colour if hollow else OUTLINE, width=0.8 if hollow else 0.4)


def _axis(d: Drawing, f: _Frame, axis_ticks, rows: float, title: str, width: float) -> None:
    y = f.y(rows)
    d.add(Line(f.left, y, f.right, y, strokeColor=INK, strokeWidth=0.6))
    last_end = -1e9
    for t in axis_ticks:
        x = f.x(t.pos)
        d.add(Line(x, y, x, y - 2.5, strokeColor=INK, strokeWidth=0.5))
        w = string_width(t.label, FACE, AXIS_SIZE)
        if x - w / 2 < last_end + 3 or x + w / 2 > width:
            continue  # never overlap two tick labels
        text(d, x, y - 2.5 - AXIS_SIZE, t.label, size=AXIS_SIZE, anchor="middle")
        last_end = x + w / 2
    text(d, (f.left + f.right) / 2, y - AXIS_HEIGHT + 2, title, size=AXIS_SIZE + 0.4,
         anchor="middle", colour=MUTED)


# --- the PET paired chart -----------------------------------------------------------------
def _nice_step(span: float, n: int = 5) -> float:
    raw = span / n
    e = 10 ** math.floor(math.log10(raw))
    return next(m * e for m in (1, 2, 2.5, 5, 10) if m * e >= raw)


def pet_drawing(chart: PairedChart, width: float, *, lang: str,
                column_titles: tuple[Sequence[str], Sequence[str]],
                not_reported: Sequence[str], lesion_names: Sequence[Sequence[str]],
                plot_height: float = 110.0) -> Drawing:
    """Before → after value of each lesion of ``chart`` (``chart.measure``) as a slope chart,
    with a legend of the lesions below. A side the report does not give is written as
    ``not_reported`` (its lines), never drawn as a value."""
    colours = palette.LESION_COLOURS  # the same lesion colour as the window and the slides
    lead = AXIS_SIZE + 1.3
    legend_lines = sum(len(n) for n in lesion_names)
    title_lines = max(len(column_titles[0]), len(column_titles[1]))
    below = 6 + title_lines * lead + 6 + legend_lines * lead
    height = 8 + plot_height + below
    d = _drawing(width, height)
    values = [v for r in chart.rows for v in (r.before, r.after) if v is not None]
    top = max(values, default=1.0) or 1.0
    step = _nice_step(top)
    y_max = step * math.ceil(top / step - 1e-9)
    left, right = 34.0, width - 4.0
    bottom, ceiling = below, below + plot_height
    xa = left + 38
    xb = right - 48

    def y(v: float) -> float:
        return bottom + v / y_max * (ceiling - bottom)

    k = 0
    while k * step <= y_max + 1e-9:
        yy = y(k * step)
        d.add(Line(left, yy, right, yy, strokeColor=GRID, strokeWidth=0.4))
        text(d, left - 3, yy - AXIS_SIZE * 0.33, fmt_number(round(k * step, 6), lang),
             size=AXIS_SIZE, anchor="end", colour=MUTED)
        k += 1
    d.add(Line(left, bottom, left, ceiling, strokeColor=INK, strokeWidth=0.5))
    d.add(Line(left, bottom, right, bottom, strokeColor=INK, strokeWidth=0.5))
    if chart.measure:
        g = Group()
        text(g, 0, 0, chart.measure, size=AXIS_SIZE + 0.4, anchor="middle", colour=MUTED)
        g.translate(8, (bottom + ceiling) / 2)
        g.rotate(90)
        d.add(g)
    for x, lines in ((xa, column_titles[0]), (xb, column_titles[1])):
        d.add(Line(x, bottom, x, bottom - 2.5, strokeColor=INK, strokeWidth=0.5))
        for i, s in enumerate(lines):
            text(d, x, bottom - 3 - (i + 1) * lead, s, size=AXIS_SIZE, anchor="middle",
                 face=FACE_BOLD if i == 0 else FACE, colour=INK if i == 0 else MUTED)
    legend_y = bottom - 6 - title_lines * lead - 4
    for i, (row, names) in enumerate(zip(chart.rows, lesion_names, strict=True)):
        fill = colours[i % len(colours)]
        colour, ink = HexColor(fill), HexColor(palette.readable_on_white(fill))
        if row.before is not None and row.after is not None:
            d.add(Line(xa, y(row.before), xb, y(row.after), strokeColor=colour,
                       strokeWidth=1.1))
        for x, v, other in ((xa, row.before, row.after), (xb, row.after, row.before)):
            at_left = x == xa
            dx, anchor = (-5, "end") if at_left else (5, "start")
            if v is not None:
                symbol(d, "o", x, y(v), 2.6, colour)
                text(d, x + dx, y(v) - AXIS_SIZE * 0.33, fmt_number(v, lang),
                     size=AXIS_SIZE, anchor=anchor, colour=ink)
            elif other is not None:
                yy = y(other) + (len(not_reported) - 1) * lead / 2
                for j, s in enumerate(not_reported):
                    text(d, x + dx, yy - j * lead - AXIS_SIZE * 0.33, s,
                         size=AXIS_SIZE - 0.4, anchor=anchor, colour=MUTED)
        symbol(d, "o", left + 3, legend_y + AXIS_SIZE * 0.3, 2.4, colour)
        for j, s in enumerate(names):
            line, size = fit(s, right - left - 10, AXIS_SIZE)
            text(d, left + 10, legend_y - j * lead, line, size=size,
                 face=FACE, colour=ink if j == 0 else MUTED)
        legend_y -= len(names) * lead
    return d
