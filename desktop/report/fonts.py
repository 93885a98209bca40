"""The bundled fonts: registered once per process, and a glyph check before anything is drawn.

PT Serif (body) and PT Sans (headings, tables, figures) carry full Cyrillic in four styles;
DejaVu Sans fills in the few signs PT lacks (→, α, β, ⁶, ⁹ …). Every text of a summary goes
through ``Glyphs``: a character PT has is drawn in PT, one only DejaVu has is wrapped in
DejaVu, and one neither has is a ``GlyphError`` naming the case and the field — raised while
the story is built, before a byte of the PDF is written, so a page never shows a black box.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.errors import CasePresenterError
from desktop.core.paths import RESOURCES

FONT_DIR = RESOURCES / "fonts"

SERIF = "PTSerif"
SANS = "PTSans"
FALLBACK = "DejaVuSans"

#: family → (regular, bold, italic, bold italic) font names, registered from ``FILES``.
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    SERIF: ("PTSerif", "PTSerif-Bold", "PTSerif-Italic", "PTSerif-BoldItalic"),
    SANS: ("PTSans", "PTSans-Bold", "PTSans-Italic", "PTSans-BoldItalic"),
    # DejaVu Sans ships without italics: its upright faces stand in for them.
    FALLBACK: ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans", "DejaVuSans-Bold"),
}
FILES: dict[str, str] = {
    "PTSerif": "PTSerif-Regular.ttf",
    "PTSerif-Bold": "PTSerif-Bold.ttf",
    "PTSerif-Italic": "PTSerif-Italic.ttf",
    "PTSerif-BoldItalic": "PTSerif-BoldItalic.ttf",
    "PTSans": "PTSans-Regular.ttf",
    "PTSans-Bold": "PTSans-Bold.ttf",
    "PTSans-Italic": "PTSans-Italic.ttf",
    "PTSans-BoldItalic": "PTSans-BoldItalic.ttf",
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
}
_PRIMARY = [n for fam in (SERIF, SANS) for n in FAMILIES[fam]]
_SECONDARY = ["DejaVuSans", "DejaVuSans-Bold"]

#: Characters replaced before the check: layout whitespace that has a plain equivalent.
_PLAIN = str.maketrans({"\t": " ", "\r": None, "\u2009": "\u00a0", "\u202f": "\u00a0"})

_lock = threading.Lock()


class GlyphError(CasePresenterError, ValueError):
    """A character that no bundled font can draw; the message names the case and field."""


@cache
def register() -> None:
    """Register the ten faces and three families with ReportLab (once per process)."""
    with _lock:
        for name, filename in FILES.items():
            path = FONT_DIR / filename
            if not path.is_file():
                raise CasePresenterError(f"{path}: bundled font missing; reinstall Case Presenter")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        for family, (regular, bold, italic, bold_italic) in FAMILIES.items():
            pdfmetrics.registerFontFamily(family, normal=regular, bold=bold, italic=italic,
                                          boldItalic=bold_italic)


@cache
def _coverage() -> tuple[frozenset[int], frozenset[int]]:
    """Code points every PT face has, and those every DejaVu face has."""
    register()

    def common(names: list[str]) -> frozenset[int]:
        maps = [set(_face(n).face.charToGlyph) for n in names]
        return frozenset(set.intersection(*maps))

    return common(_PRIMARY), common(_SECONDARY)


def _face(name: str) -> TTFont:
    return pdfmetrics.getFont(name)  # type: ignore[return-value]


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "unnamed character")
    return f"U+{ord(ch):04X} {name} ({ch!r})"


@dataclass(frozen=True)
class Glyphs:
    """The glyph check of one document: ``where`` names the case in every error."""

    case_code: str

    def clean(self, text: str) -> str:
        """NFC-composed, tabs and thin spaces made plain; no other change."""
        return unicodedata.normalize("NFC", text).translate(_PLAIN)

    def runs(self, text: str, field: str) -> list[tuple[bool, str]]:
        """``text`` cut into (needs_fallback, chunk) runs; a character neither PT nor DejaVu
        has raises ``GlyphError`` naming the case and ``field``."""
        primary, secondary = _coverage()
        out: list[tuple[bool, str]] = []
        for ch in self.clean(text):
            cp = ord(ch)
            if cp in primary or ch == "\n":
                fb = False
            elif cp in secondary:
                fb = True
            else:
                raise GlyphError(
                    f"case {self.case_code}: {field}: {_describe(ch)} cannot be printed: "
                    f"neither PT Serif/PT Sans nor DejaVu Sans has it; replace it in the case")
            if out and out[-1][0] == fb:
                out[-1] = (fb, out[-1][1] + ch)
            else:
                out.append((fb, ch))
        return out

    def markup(self, text: str | None, field: str) -> str:
        """Paragraph markup for plain ``text``: escaped, line breaks as ``<br/>``, and the
        signs only DejaVu has wrapped in it. The text itself is never taken as markup."""
        if not text:
            return ""
        parts = []
        for fb, chunk in self.runs(text, field):
            s = escape(chunk).replace("\n", "<br/>")
            parts.append(f'<font name="{FALLBACK}">{s}</font>' if fb else s)
        return "".join(parts)

    def check(self, text: str | None, field: str) -> str:
        """The cleaned text after the glyph check, for canvas strings drawn by ``draw_runs``."""
        if not text:
            return ""
        self.runs(text, field)
        return self.clean(text)


def fallback_face(face: str) -> str:
    """The DejaVu face standing in for ``face`` (bold for a bold face)."""
    return "DejaVuSans-Bold" if "Bold" in face else "DejaVuSans"


def split_runs(text: str, face: str) -> list[tuple[str, str]]:
    """(font name, chunk) runs of already checked ``text`` for drawing with ``face``."""
    primary, _ = _coverage()
    out: list[tuple[str, str]] = []
    for ch in text:
        f = face if ord(ch) in primary else fallback_face(face)
        if out and out[-1][0] == f:
            out[-1] = (f, out[-1][1] + ch)
        else:
            out.append((f, ch))
    return out


def string_width(text: str, face: str, size: float) -> float:
    """Width of checked ``text`` drawn in ``face`` with the DejaVu fallback where needed."""
    return sum(pdfmetrics.stringWidth(chunk, f, size) for f, chunk in split_runs(text, face))
