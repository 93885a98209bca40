"""What every section of a presentation draws with: its words, the case as shown, type
sizes scaled with the screen, and text set to fit a box.

Type is set in pixels scaled with the window's height (``Scale``): at 1080 pixels headings
are 60 px, body text 40 px and never under 28 px. Text is the bundled PT Sans; long tokens
(immunophenotypes, karyotypes) may wrap after / , ; (``breakable``).

The presentation speaks the language of the case text, which may differ from the window's:
its words are read from the catalogue for that language (``Words``), not from the
translator the window installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt, QTranslator
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from desktop.core import palette, vocab
from desktop.core.model import Case
from desktop.core.outline import CaseOutline
from desktop.gui.common import i18n
from desktop.gui.common.i18n import QT_TRANSLATE_NOOP
from desktop.gui.pet.style import figure_font

BASE_HEIGHT = 1080.0
HEADING_PX = 60
HERO_PX = (84, 76, 68, 60, 52)  # the case title on the title section
BODY_PX = (40, 36, 32, 28)
TAKE_AWAY_PX = (52, 48, 44, 40, 36, 32, 28)
MIN_PX = 28  # nothing the audience reads is smaller (the timeline's labels aside)
# Text on a projector is never under 18 points: 24 px at the 96 px to the inch a
# projector of any resolution is driven at (a 1024×768 one included).
MIN_PT = 18.0
PX_PER_PT = 96 / 72
MIN_TEXT_PX = MIN_PT * PX_PER_PT
CHART_SHARE = 0.58  # of the PET section's width: room for the dates under the chart

WHITE = QColor("#FFFFFF")
INK = QColor(palette.INK)
TITLE_INK = QColor(palette.OUTLINE)
MUTED = QColor("#595959")  # 7:1 on white
BAND = QColor("#F2F2F2")
RULE = QColor(palette.OKABE_ITO["blue"])
ZWSP = "\u200b"

CONTEXT = "Presentation"
# The presentation's own words (in the catalogue under "Presentation").
WORDS = {
    "continued": QT_TRANSLATE_NOOP("Presentation", "%1 (continued)"),
    "criteria": QT_TRANSLATE_NOOP("Presentation", "Criteria: %1"),
    "section_of": QT_TRANSLATE_NOOP("Presentation", "Section %1 of %2"),
    "step_of": QT_TRANSLATE_NOOP("Presentation", "Step %1 of %2"),
}


class Words:
    """The presentation's words in its own language — the case text's, which may differ
    from the window's: the catalogue is read for that language, not the one installed."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._translator: QTranslator | None = None
        if lang != "en":
            translator = QTranslator()
            if translator.load(str(i18n.qm_path(lang))):
                self._translator = translator

    def __call__(self, key: str, *args: object) -> str:
        if key in vocab.FIELDS:  # section headings shared with the slide deck
            return vocab.field(key, self.lang)
        source = WORDS[key]
        text = self._translator.translate(CONTEXT, source) if self._translator else ""
        text = text or source
        for i, arg in enumerate(args, start=1):
            text = text.replace(f"%{i}", str(arg))
        return text


@dataclass
class Shown(CaseOutline):
    """The case as the presentation shows it (``CaseOutline``: de-identified unless the
    presenter asked for identifying data), with the presentation's own words."""

    words: Words = field(init=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.words = Words(self.lang)

    @classmethod
    def of(cls, case: Case, lang: str, identifying: bool) -> Shown:
        """Raises ``DeidError`` for a case that cannot be de-identified."""
        return cls(case, lang, anonymize=not identifying)

    @property
    def identifying(self) -> bool:
        return not self.anonymize

    def label(self, name: str) -> str:
        return vocab.field(name, self.lang)


# --- type and drawing ------------------------------------------------------------------------
@dataclass(frozen=True)
class Scale:
    """Pixel sizes for a window ``height`` pixels tall (1080: the sizes as written)."""

    k: float

    @classmethod
    def of(cls, height: float) -> Scale:
        return cls(max(height, 240.0) / BASE_HEIGHT)

    def px(self, base: float) -> float:
        return base * self.k

    def font(self, base: float, *, bold: bool = False) -> QFont:
        """``base`` px at 1080, scaled, and never under ``MIN_TEXT_PX`` (18 pt)."""
        return figure_font(max(base * self.k, MIN_TEXT_PX), bold=bold)


_WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
_LONG_TOKEN = re.compile(r"\S{13,}")


def breakable(text: str) -> str:
    """Long tokens (``CD79a+/HLA-DR+/CD19+…``, karyotypes) may wrap after / , ; — a
    zero-width space there; ordinary words and numbers are left whole."""
    return _LONG_TOKEN.sub(lambda m: re.sub(r"([/,;])(?=\S)", r"\1" + ZWSP, m.group()), text)


def text_height(font: QFont, text: str, width: float) -> float:
    if not text:
        return 0.0
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, max(width, 1.0), 1e7),
                                            int(_WRAP), breakable(text)).height()


def paragraphs_height(font: QFont, paras: list[str], width: float, gap: float) -> float:
    heights = [text_height(font, p, width) for p in paras if p]
    return sum(heights) + gap * max(0, len(heights) - 1)


def fit_font(paras: list[str], width: float, height: float, sizes: tuple[int, ...], s: Scale,
             *, bold: bool = False, gap_lines: float = 0.5) -> QFont | None:
    """The largest of ``sizes`` at which ``paras`` fit the box, or None."""
    for size in sizes:
        font = s.font(size, bold=bold)
        gap = QFontMetricsF(font).height() * gap_lines
        if paragraphs_height(font, paras, width, gap) <= height:
            return font
    return None


def cut_to_fit(font: QFont, text: str, width: float, height: float) -> str:
    """``text`` cut at a word, with an ellipsis, so that it fits the box."""
    words = text.split()
    lo, hi = 1, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_height(font, " ".join(words[:mid]) + " …", width) <= height:
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo]) + " …"


class Painter:
    """Draws text on a ``QPainter`` and remembers every text drawn (``texts``)."""

    def __init__(self, p: QPainter) -> None:
        self.p = p
        self.texts: list[str] = []
        self.pixel_sizes: list[int] = []  # of every text drawn, for the 18 pt check

    def text(self, rect: QRectF, text: str, font: QFont, colour: QColor = INK,
             flags: Qt.AlignmentFlag | Qt.TextFlag = _WRAP) -> None:
        if not text:
            return
        self.p.setFont(font)
        self.p.setPen(colour)
        self.p.drawText(rect, int(flags), breakable(text))
        self.texts.append(text)
        self.pixel_sizes.append(font.pixelSize())

    def paragraphs(self, rect: QRectF, paras: list[str], font: QFont, colour: QColor = INK,
                   gap_lines: float = 0.5) -> float:
        """Paragraphs from the top of ``rect``; returns the bottom of the last."""
        y = rect.top()
        gap = QFontMetricsF(font).height() * gap_lines
        for para in (x for x in paras if x):
            h = text_height(font, para, rect.width())
            self.text(QRectF(rect.left(), y, rect.width(), h + 2), para, font, colour)
            y += h + gap
        return y - gap
