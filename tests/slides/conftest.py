"""Helpers for the slide tests: sample cases, decks made once, and reading every text back."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import replace
from functools import cache

from lxml import etree
from pptx import Presentation

from desktop.core import casefile
from desktop.core.model import Case, Image, Text
from desktop.core.paths import seed_files
from desktop.slides.deck import build_deck
from tests.conftest import make_case

SECRET = "A.B. MRN-0042 born 02.04.1986"


def png(width: int, height: int, text: str | None = None) -> bytes:
    """A real RGB PNG of a left-to-right gradient, with a ``tEXt`` chunk if given."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    row = bytes(v for x in range(width) for v in (x * 255 // max(width - 1, 1), 64, 128))
    raw = b"".join(b"\x00" + row for _ in range(height))
    parts = [b"\x89PNG\r\n\x1a\n",
             chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))]
    if text:
        parts.append(chunk(b"tEXt", b"Comment\x00" + text.encode("latin-1")))
    parts += [chunk(b"IDAT", zlib.compress(raw)), chunk(b"IEND", b"")]
    return b"".join(parts)


def rich_case(code: str = "TEST-1") -> Case:
    """``make_case`` with a real PET image carrying identifying metadata, and narrative
    that names the patient and writes dates, as a careless draft would."""
    case = make_case(code)
    studies = list(case.pet_studies)
    studies[0] = replace(studies[0], image=Image("image/png", png(300, 120, SECRET)))
    sections = dict(case.sections)
    sections["presentation"] = Text(
        "Patient A.B. (MRN-0042), born 02.04.1986, was diagnosed in November 2011. "
        "Blinatumomab started on 15.01.2016.",
        "Пациентка A.B. (MRN-0042), 02.04.1986 г. р., диагноз в ноябре 2011 г. "
        "Блинатумомаб с 15.01.2016.")
    sections["conclusion"] = Text(
        "Blinatumomab bridged A.B. to transplant in January 2016. Inotuzumab then gave a "
        "complete metabolic response. A third sentence stays. A fourth sentence is too many.",
        "Блинатумомаб позволил A.B. дойти до трансплантации в январе 2016 г. Затем "
        "инотузумаб дал полный метаболический ответ. Третье предложение остаётся. "
        "Четвёртое уже лишнее.")
    return replace(case, pet_studies=studies, sections=sections)


@cache
def seed_cases() -> tuple[Case, ...]:
    return tuple(casefile.load(p) for p in seed_files())


def seed(code: str) -> Case:
    return next(c for c in seed_cases() if c.code == code)


@cache
def _deck(which: str, lang: str, anonymize: bool, size: str) -> bytes:
    case = rich_case() if which == "rich" else seed(which)
    return build_deck([case], lang=lang, anonymize=anonymize, size=size)


def deck_bytes(which: str = "rich", lang: str = "en", anonymize: bool = True,
               size: str = "16:9") -> bytes:
    """A deck, made once per test session: ``which`` is "rich" or a seed case code."""
    return _deck(which, lang, anonymize, size)


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text if s.shapes.title is not None else ""
            for s in prs.slides]


def iter_shapes(shapes):
    for sh in shapes:
        yield sh
        if sh.shape_type is not None and sh.shape_type == 6:  # group
            yield from iter_shapes(sh.shapes)


def shape_texts(sh) -> list[str]:
    """Every text a person can read or edit in a shape: its text, table cells, chart
    title, categories and series names, and its alt text."""
    out = []
    descr = sh._element.xpath("./*[1]/p:cNvPr/@descr")
    out += [str(d) for d in descr]
    if sh.has_text_frame:
        out.append(sh.text_frame.text)
    if getattr(sh, "has_table", False) and sh.has_table:
        out += [c.text for row in sh.table.rows for c in row.cells]
    if getattr(sh, "has_chart", False) and sh.has_chart:
        ch = sh.chart
        if ch.has_title:
            out.append(ch.chart_title.text_frame.text)
        for plot in ch.plots:
            out += [str(c) for c in plot.categories]
            out += [s.name for s in plot.series]
        for axis in (ch.value_axis, ch.category_axis):
            if axis.has_title:
                out.append(axis.axis_title.text_frame.text)
    return out


def deck_texts(prs) -> list[str]:
    """All texts of the deck: shapes, tables, charts, speaker notes and core properties."""
    out = []
    for slide in prs.slides:
        for sh in iter_shapes(slide.shapes):
            out += shape_texts(sh)
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    cp = prs.core_properties
    out += [str(getattr(cp, n) or "") for n in (
        "author", "category", "comments", "content_status", "created", "identifier",
        "keywords", "language", "last_modified_by", "last_printed", "modified", "subject",
        "title", "version")]
    return out


def xml_texts(data: bytes) -> list[str]:
    """Every text node and attribute value of every XML part of the file, the embedded
    chart workbooks included: what any program could read out of it."""
    out: list[str] = []

    def walk(z: zipfile.ZipFile) -> None:
        for name in z.namelist():
            body = z.read(name)
            if name.endswith(".xlsx"):
                walk(zipfile.ZipFile(io.BytesIO(body)))
            elif name.endswith((".xml", ".rels")):
                root = etree.fromstring(body)
                for el in root.iter():
                    out.extend(v for v in el.attrib.values())
                    out.extend(t for t in (el.text, el.tail) if t and t.strip())

    walk(zipfile.ZipFile(io.BytesIO(data)))
    return out


def found(strings: list[str], texts: list[str]) -> set[str]:
    """The ``strings`` that occur in any of ``texts``, ignoring case."""
    hay = "\n".join(texts).lower()
    return {s for s in strings if s.lower() in hay}
