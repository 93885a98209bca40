"""Colours and marker symbols of the timeline, written once for screen, PDF and slides.

The colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008),
which stays distinguishable under the common colour-vision deficiencies; grey is added
for "other". Colour is never the only cue: every event type also has its own symbol.

Symbols use pyqtgraph's names (``ScatterPlotItem`` ``symbol=``); ``SYMBOLS`` says what
each one is, so the ReportLab and python-pptx renderers draw the same shape.

Some Okabe–Ito colours are too light for text on a white page or a projector, so each
style also carries ``text``: the same hue darkened until it reaches WCAG contrast 4.5:1
against white. Labels drawn on a filled bar use ``text_on(fill)`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: The eight Okabe–Ito colours, plus grey.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
_C = OKABE_ITO

#: pyqtgraph symbol name → the shape the PDF and slide renderers draw for it
#: (python-pptx ``MSO_SHAPE`` name in brackets).
SYMBOLS: dict[str, str] = {
    "o": "circle (OVAL)",
    "s": "square (RECTANGLE)",
    "t": "triangle pointing down (ISOSCELES_TRIANGLE, flipped vertically)",
    "t1": "triangle pointing up (ISOSCELES_TRIANGLE)",
    "d": "diamond (DIAMOND)",
    "star": "five-pointed star (STAR_5_POINT)",
    "x": "diagonal cross (MATH_MULTIPLY)",
    "+": "plus (MATH_PLUS)",
    "h": "hexagon (HEXAGON)",
    "p": "pentagon (REGULAR_PENTAGON)",
}

#: Outline drawn around every marker, so light fills (yellow) stay visible on white.
OUTLINE = "#1A1A1A"
#: Neutral ink for axis text, threshold lines and their labels.
INK = "#333333"

WCAG_TEXT = 4.5


@dataclass(frozen=True, slots=True)
class Style:
    """A fill colour, a marker symbol and a text colour readable on white."""

    colour: str
    symbol: str
    text: str


@lru_cache(maxsize=256)
def _luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour."""
    channels = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1–21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@lru_cache(maxsize=256)
def readable_on_white(hex_colour: str, ratio: float = WCAG_TEXT) -> str:
    """The colour darkened (towards black, same hue) until text in it reaches ``ratio``."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    colour = hex_colour.upper()
    factor = 1.0
    while contrast(colour, "#FFFFFF") < ratio and factor > 0:
        factor = round(factor - 0.02, 2)
        colour = "#" + "".join(f"{round(c * factor):02X}" for c in rgb)
    return colour


@lru_cache(maxsize=256)
def text_on(fill: str) -> str:
    """Black or white, whichever reads better on a filled shape of colour ``fill``."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#FFFFFF") else "#FFFFFF"


def _style(colour: str, symbol: str) -> Style:
    return Style(colour, symbol, readable_on_white(colour))


#: One colour and one distinct symbol per event type (vocab.EVENT_TYPES).
EVENT_STYLES: dict[str, Style] = {
    "diagnosis": _style(_C["blue"], "s"),
    "relapse": _style(_C["vermillion"], "t1"),
    "remission": _style(_C["bluish_green"], "t"),
    "transplant": _style(_C["reddish_purple"], "star"),
    "infusion": _style(_C["sky_blue"], "d"),
    "complication": _style(_C["orange"], "x"),
    "imaging": _style(_C["yellow"], "h"),
    "follow-up": _style(_C["grey"], "o"),
    "death": _style(_C["black"], "+"),
    "other": _style(_C["grey"], "p"),
}

#: One colour per therapy category (vocab.THERAPY_CATEGORIES).
THERAPY_COLOURS: dict[str, str] = {
    "chemotherapy": _C["vermillion"],
    "targeted": _C["blue"],
    "immunotherapy": _C["bluish_green"],
    "chemoimmunotherapy": _C["vermillion"],  # chemotherapy-based: its hue
    "transplant": _C["reddish_purple"],
    "cellular": _C["sky_blue"],
    "radiotherapy": _C["orange"],
    "supportive": _C["grey"],
    "other": _C["yellow"],
}

#: Colour and symbol per measurement kind (vocab.MEASUREMENT_KINDS); kinds drawn in one
#: lane (BCR-ABL, MRD by flow and by PCR) differ in both.
MEASUREMENT_STYLES: dict[str, Style] = {
    "marrow_blasts": _style(_C["vermillion"], "o"),
    "bcr_abl": _style(_C["blue"], "o"),
    "mrd_flow": _style(_C["bluish_green"], "s"),
    "mrd_pcr": _style(_C["reddish_purple"], "d"),
    "chimerism": _style(_C["sky_blue"], "o"),
    "wbc": _style(_C["orange"], "o"),
    "plt": _style(_C["grey"], "o"),
    "cd19": _style(_C["blue"], "s"),
    "cd22": _style(_C["bluish_green"], "d"),
    "other": _style(_C["black"], "o"),
}

#: Symbols of results without a number: "negative" sits on the threshold pointing down,
#: "positive" points up; renderers draw both hollow so they never read as a value.
RESULT_SYMBOLS: dict[str, str] = {"negative": "t", "positive": "t1"}


def event_style(event_type: str) -> Style:
    """The style of an event type; an unknown type is drawn as "other"."""
    return EVENT_STYLES.get(event_type, EVENT_STYLES["other"])


def therapy_colour(category: str) -> str:
    """The colour of a therapy category; an unknown category is drawn as "other"."""
    return THERAPY_COLOURS.get(category, THERAPY_COLOURS["other"])


def measurement_style(kind: str) -> Style:
    """The style of a measurement kind; an unknown kind is drawn as "other"."""
    return MEASUREMENT_STYLES.get(kind, MEASUREMENT_STYLES["other"])


#: One colour per lesion of a paired PET chart, in lesion order, the same in the window,
#: the PDF, the slides and the figures: Okabe–Ito hues darkened to read on white (the
#: line and its value label share the colour).
LESION_COLOURS: tuple[str, ...] = tuple(readable_on_white(OKABE_ITO[k]) for k in (
    "blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue", "black"))


def lesion_colour(i: int) -> str:
    """The colour of the ``i``-th lesion of a chart (cycling after seven)."""
    return LESION_COLOURS[i % len(LESION_COLOURS)]
