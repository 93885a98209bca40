"""Slide furniture: sizes, type, colours, text boxes and text measuring.

Type sizes are chosen to be read from the back of a room: titles at least 32 pt, body
text at least 18 pt, timeline labels at least 12 pt. Text is set in Arial (Liberation
Sans has the same metrics on Linux, and both carry Cyrillic); it is measured with the
bundled DejaVu Sans scaled to Arial's width, which errs on the wide side, so a box
sized here holds its text in PowerPoint and in LibreOffice.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.autoshape import Shape
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from desktop.core import palette
from desktop.core.paths import RESOURCES

FONT = "Arial"
TITLE_PT = 36
TITLE_MIN_PT = 32
HERO_PT = 44  # the title of a case on its title slide
BODY_PT = 24
BODY_MIN_PT = 18
LABEL_PT = 12  # timeline labels, the smallest type in a deck
LANE_PT = 14
LINE_SPACING = 1.2  # a line of text is this many times its size tall


EMU_PER_PT = 12700
EMU_PER_IN = 914400
MARGIN = int(0.5 * EMU_PER_IN)
TITLE_TOP = int(0.3 * EMU_PER_IN)
TITLE_HEIGHT = int(1.0 * EMU_PER_IN)
CONTENT_TOP = TITLE_TOP + TITLE_HEIGHT + int(0.15 * EMU_PER_IN)
BOTTOM = int(0.4 * EMU_PER_IN)

TITLE_INK = palette.OUTLINE
INK = palette.INK
MUTED = "#595959"  # 7:1 on white
RULE = "#BFBFBF"
BAND = "#F2F2F2"
WHITE = "#FFFFFF"

LANG_IDS = {"en": MSO_LANGUAGE_ID.ENGLISH_US, "ru": MSO_LANGUAGE_ID.RUSSIAN}

#: DejaVu Sans is wider than Arial by 8–20 % (bold 14–20 %); these bring its widths to
#: Arial's, rounded up.
_ARIAL_PER_DEJAVU = {False: 0.92, True: 0.88}


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def split_x(self, fraction: float, gap: int) -> tuple[Box, Box]:
        """Left and right parts, the left ``fraction`` of the width, ``gap`` between."""
        w = int((self.width - gap) * fraction)
        return (Box(self.left, self.top, w, self.height),
                Box(self.left + w + gap, self.top, self.width - w - gap, self.height))

    def below(self, height: int, gap: int = 0) -> tuple[Box, Box]:
        """The top ``height`` of the box and what is left under it after ``gap``."""
        height = min(height, self.height)
        rest = max(self.height - height - gap, 0)
        return (Box(self.left, self.top, self.width, height),
                Box(self.left, self.bottom - rest, self.width, rest))


def content_box(slide_width: int, slide_height: int) -> Box:
    """The area under the title, inside the margins."""
    return Box(MARGIN, CONTENT_TOP, slide_width - 2 * MARGIN,
               slide_height - CONTENT_TOP - BOTTOM)


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def tint(hex_colour: str, amount: float) -> str:
    """``hex_colour`` mixed with white: ``amount`` 1 is the colour, 0 white."""
    channels = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * amount + 255 * (1 - amount)):02X}" for c in channels)


def pt(emu: int) -> float:
    return emu / EMU_PER_PT


def emu_pt(points: float) -> int:
    return round(points * EMU_PER_PT)


# --- measuring ----------------------------------------------------------------------
@lru_cache(maxsize=4)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(RESOURCES / "fonts" / name), 1000)


@lru_cache(maxsize=20000)
def _width_per_pt(s: str, bold: bool) -> float:
    """Of the widest line: PIL measures one line only (a line break fails its layout)."""
    widest = max(_font(bold).getlength(line) for line in s.splitlines() or [""])
    return widest / 1000 * _ARIAL_PER_DEJAVU[bold]


def text_width(s: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``s`` in points at ``size`` points."""
    return _width_per_pt(s, bold) * size


def truncate(s: str, width_pt: float, size: float, bold: bool = False) -> str:
    """``s`` if it fits ``width_pt``, else its longest start that fits with "…"."""
    if text_width(s, size, bold) <= width_pt:
        return s
    lo, hi = 0, len(s)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if text_width(s[:mid].rstrip() + "…", size, bold) <= width_pt:
            lo = mid
        else:
            hi = mid - 1
    return s[:lo].rstrip() + "…" if lo else ""


_BREAK = re.compile(r"(?<=[\s/,;-])")


def wrap(s: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """``s`` broken into lines no wider than ``width_pt`` where it can be: after spaces,
    slashes, commas and hyphens, as PowerPoint breaks; a word wider than the line is
    broken by characters (on the last line of a paragraph).

    A line takes pieces while they fit (the first always). Text never gets narrower as it
    grows, so the pieces that fit are found by doubling steps and halving, not by
    measuring the line after every piece: a short text that fits is measured once."""
    lines: list[str] = []
    for para in s.split("\n"):
        pieces = _BREAK.split(para)
        n, i = len(pieces), 0
        while (end := _line_end(pieces, i, width_pt, size, bold)) < n - 1:
            lines.append("".join(pieces[i:end + 1]).rstrip())
            i = end + 1
        line = "".join(pieces[i:])
        while text_width(line.rstrip(), size, bold) > width_pt and len(line) > 1:
            cut = max(k for k in range(1, len(line) + 1)
                      if k == 1 or text_width(line[:k], size, bold) <= width_pt)
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line.rstrip())
    return lines


def _line_end(pieces: list[str], i: int, width_pt: float, size: float, bold: bool) -> int:
    """The last of the pieces from ``i`` on that one line takes."""
    def fits(first: int, last: int) -> bool:
        return text_width("".join(pieces[first:last + 1]).rstrip(), size, bold) <= width_pt

    n = len(pieces)
    if i == n - 1 or fits(i, n - 1):
        return n - 1
    lo, hi, step = i, n - 1, 1  # lo is in the line, hi is not
    while lo + step < hi:
        if not fits(i, lo + step):
            hi = lo + step
            break
        lo, step = lo + step, step * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(i, mid) else (lo, mid)
    return lo


def words(s: str) -> list[str]:
    """The pieces a line may break between (see ``wrap``), without their spaces."""
    return [w.strip() for w in _BREAK.split(s) if w.strip()]


@lru_cache(maxsize=50000)
def _line_count(s: str, width_pt: float, size: float, bold: bool) -> int:
    return len(wrap(s, width_pt, size, bold))


def text_height(paragraphs: Sequence[str], width_pt: float, size: float,
                bold: bool = False, space_after: float = 0.0) -> float:
    """The height in points of ``paragraphs`` set in a box ``width_pt`` wide."""
    lines = sum(_line_count(p, width_pt, size, bold) for p in paragraphs)
    return lines * size * LINE_SPACING + space_after * size * max(len(paragraphs) - 1, 0)


def fit_size(paragraphs: Sequence[str], box: Box, largest: float, smallest: float,
             bold: bool = False, space_after: float = 0.0, inset: float = 0.0) -> float | None:
    """The largest whole size from ``largest`` down to ``smallest`` at which the
    paragraphs fit ``box`` (less ``inset`` points each side) without breaking a word;
    None if none does."""
    width = pt(box.width) - 2 * inset
    pieces = [w for p in paragraphs for w in words(p)]
    size = largest
    while size >= smallest:
        if (text_height(paragraphs, width, size, bold, space_after) <= pt(box.height) - 2 * inset
                and all(text_width(w, size, bold) <= width for w in pieces)):
            return size
        size -= 1
    return None


# --- slides -------------------------------------------------------------------------
def add_slide(prs, layout: int):
    """A new slide of ``prs`` in its ``layout``, adding shapes in python-pptx's turbo
    mode: each new shape's id follows the last one given, instead of a search of every
    id on the slide per shape. Safe as long as shapes are added through the slide object
    returned here only (the deck never looks a slide up again)."""
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    slide.shapes.turbo_add_enabled = True
    return slide


# --- text boxes ---------------------------------------------------------------------
def style_run(run, size: float, *, bold: bool = False, colour: str = INK, lang: str = "en",
              italic: bool = False) -> None:
    f = run.font
    f.name = FONT
    f.size = Pt(size)
    f.bold = bold
    f.italic = italic
    f.color.rgb = rgb(colour)
    f.language_id = LANG_IDS[lang]


def set_paragraphs(tf, paragraphs: Sequence[str], size: float, *, bold: bool = False,
                   colour: str = INK, lang: str = "en", align=PP_ALIGN.LEFT,
                   space_after: float = 0.0) -> None:
    """Replace the text of a text frame by ``paragraphs``, each in one run. Each kind of
    paragraph is made by python-pptx once (``_paragraph``) and copied after: the same
    XML, without setting its properties one by one again for every label and cell."""
    tf.clear()
    body = tf._txBody
    last = len(paragraphs) - 1
    for i, text in enumerate(paragraphs):
        spacing = space_after if space_after and i < last else 0.0
        if i == 0 and (len(first := body.p_lst[0]) or first.attrib):
            _styled_paragraph(tf.paragraphs[0], text, size, bold, colour, lang, align, spacing)
            continue
        p = copy.deepcopy(_paragraph(size, bold, colour, lang, align, spacing))
        p[-1].text = text  # the run: python-pptx's setter, control characters escaped
        if i == 0:
            body.replace(first, p)
        else:
            body._insert_p(p)


def _styled_paragraph(p, text: str, size: float, bold: bool, colour: str, lang: str, align,
                      spacing: float) -> None:
    p.alignment = align
    if spacing:
        p.space_after = Pt(size * spacing)
    run = p.add_run()
    run.text = text
    style_run(run, size, bold=bold, colour=colour, lang=lang)


@lru_cache(maxsize=512)
def _paragraph(size: float, bold: bool, colour: str, lang: str, align, spacing: float):
    """An empty paragraph of one run in this style, made by python-pptx, to be copied."""
    p = _Paragraph(parse_xml(f"<a:p {nsdecls('a')}/>"), None)
    _styled_paragraph(p, "", size, bold, colour, lang, align, spacing)
    return p._p


def add_text(shapes, box: Box, paragraphs: str | Sequence[str], size: float, *,
             bold: bool = False, colour: str = INK, lang: str = "en", align=PP_ALIGN.LEFT,
             anchor=MSO_ANCHOR.TOP, wrap_text: bool = True, inset: float = 0.0,
             name: str | None = None, space_after: float = 0.0):
    """A text box holding ``paragraphs``; it never resizes itself or its text."""
    tb = shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    if name:
        tb.name = name
    body = tb._element.txBody
    body.replace(body.bodyPr, copy.deepcopy(_text_box_body(wrap_text, anchor, inset)))
    paras = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    set_paragraphs(tb.text_frame, paras, size, bold=bold, colour=colour, lang=lang,
                   align=align, space_after=space_after)
    return tb


def _frame(tf, wrap_text: bool, anchor, inset: float) -> None:
    tf.word_wrap = wrap_text
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(tf, side, Pt(inset))


@lru_cache(maxsize=64)
def _text_box_body(wrap_text: bool, anchor, inset: float):
    """The ``a:bodyPr`` python-pptx makes of a new text box's with these settings, to be
    copied into each text box instead of setting them one by one again (same XML)."""
    sp = CT_Shape.new_textbox_sp(1, "", 0, 0, 0, 0)
    _frame(TextFrame(sp.txBody, None), wrap_text, anchor, inset)
    return sp.txBody.bodyPr


def fill(shape, colour: str | None, line: str | None = None, line_pt: float = 0.75) -> None:
    """Solid fill (or none) and outline (or none) of an autoshape, and nothing from the
    theme: its style reference (shadow, white text) is removed, which LibreOffice would
    otherwise draw even under an empty effect list. A new shape (only its position and
    geometry set) gets copies of what python-pptx made once for these settings."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    sp_pr = shape._element.spPr
    if [e.tag for e in sp_pr] == _NEW_SHAPE:
        sp_pr.extend(copy.deepcopy(e) for e in _fill_and_line(colour, line, line_pt))
    else:
        _fill(shape, colour, line, line_pt)


_NEW_SHAPE = [qn("a:xfrm"), qn("a:prstGeom")]


def _fill(shape, colour: str | None, line: str | None, line_pt: float) -> None:
    if colour is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(colour)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = rgb(line)
        shape.line.width = Pt(line_pt)


@lru_cache(maxsize=128)
def _fill_and_line(colour: str | None, line: str | None, line_pt: float) -> tuple:
    """The fill and outline elements python-pptx adds to a new autoshape."""
    sp = CT_Shape.new_autoshape_sp(1, "", "rect", 0, 0, 0, 0)
    _fill(Shape(sp, None), colour, line, line_pt)
    return tuple(sp.spPr)[len(_NEW_SHAPE):]
