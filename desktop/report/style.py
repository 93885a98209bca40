"""The summary's look: its colours (the palette's, made readable on white), the font every
table cell is set in, and how many PET studies a table holds.
"""

from __future__ import annotations

from reportlab.lib import colors

from desktop.core import palette
from desktop.report.fonts import SANS

PET_COLUMNS = 4  # studies per PET table; more studies continue in a second table

INK = colors.HexColor(palette.INK)
MUTED_HEX = "#666666"
MUTED = colors.HexColor(MUTED_HEX)
ACCENT_HEX = palette.readable_on_white(palette.OKABE_ITO["blue"])
ACCENT = colors.HexColor(ACCENT_HEX)
ACCENT_SOFT_HEX = "#5E8DB8"  # the second language of a heading: the accent, lighter
MARK_HEX = palette.readable_on_white(palette.OKABE_ITO["vermillion"])
RULE = colors.HexColor("#BBBBBB")
HAIR = colors.HexColor("#DDDDDD")
#: Tables set a cell font even for flowable cells: ours, or Helvetica would be listed.
CELL_FONT = [("FONTNAME", (0, 0), (-1, -1), SANS)]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]
