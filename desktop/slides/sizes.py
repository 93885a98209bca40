"""Slide sizes, apart from the drawing code so the command line can offer them cheaply."""

from __future__ import annotations

#: Slide sizes in EMU (914,400 per inch): 13.333 × 7.5 in and 10 × 7.5 in.
SIZES: dict[str, tuple[int, int]] = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}
