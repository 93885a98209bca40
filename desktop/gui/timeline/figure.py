"""The timeline as a slide figure (PNG, SVG, PDF), drawn without a window.

``render_timeline_figure`` writes a 16:9 figure (a ``QApplication`` on the offscreen
platform is created when none exists); the drawing is the screen's canvas in the
figure's style, with the callouts' key below the plot, so the figure and the screen
agree. Where the rows would be too thin for their labels, the measurement lanes are
left out (as on the slides) so that every label is drawn or keyed.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from desktop.core import deid, timeline
from desktop.core.errors import CasePresenterError
from desktop.core.model import LANGS, Case
from desktop.core.timeline import AnchorError
from desktop.gui.timeline.canvas import TimelineCanvas
from desktop.gui.timeline.style import WHITE, figure_style, font_families

FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
FIGURE_SIZE = (1920, 1080)
MIN_FIGURE_SIDE = 200
MAX_FIGURE_SIDE = 10_000


class FigureError(CasePresenterError, ValueError):
    """A figure that cannot be written; the message names the file or the option."""


def pdf_writer(path: Path, w: int, h: int, title: str) -> QPdfWriter:
    """A one-page PDF of ``w`` × ``h`` pixels at 96 dpi, no margins (timeline and series
    figures)."""
    gen = QPdfWriter(str(path))
    gen.setCreator("Case Presenter")
    gen.setTitle(title)
    gen.setResolution(96)
    gen.setPageLayout(QPageLayout(
        QPageSize(QSizeF(w * 72 / 96, h * 72 / 96), QPageSize.Unit.Point, "",
                  QPageSize.SizeMatchPolicy.ExactMatch),
        QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    return gen


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")


def ensure_app() -> QApplication:
    """The running ``QApplication``, or a new one on the offscreen platform (no window,
    no display needed) unless ``QT_QPA_PLATFORM`` says otherwise."""
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "case-presenter"])
    if not isinstance(app, QApplication):
        raise FigureError("figures need a QApplication (a QCoreApplication is running)")
    return app


def check_size(size: Sequence[int]) -> tuple[int, int]:
    """``size`` as (width, height) pixels, or ``FigureError`` saying what is wrong."""
    try:
        w, h = (int(v) for v in size)
    except (TypeError, ValueError):
        raise FigureError(f"figure size must be two whole numbers of pixels, got {size!r}"
                          ) from None
    if not (MIN_FIGURE_SIDE <= w <= MAX_FIGURE_SIDE and MIN_FIGURE_SIDE <= h <= MAX_FIGURE_SIDE):
        raise FigureError(f"figure size must be {MIN_FIGURE_SIDE}–{MAX_FIGURE_SIDE} pixels "
                          f"each way, got {w}×{h}")
    return w, h


def check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise FigureError(f"{path}: unknown figure type {path.suffix or '(no suffix)'!r}; "
                          f"use {', '.join(FIGURE_SUFFIXES)}")
    return suffix


def default_anchor(case: Case, anonymize: bool) -> str:
    """The calendar, or for a de-identified figure the transplant (else the diagnosis)."""
    if not anonymize:
        return "calendar"
    for anchor in ("transplant", "diagnosis"):
        if deid.choose_anchor(case, anchor)[1] is not None:
            return anchor
    return "transplant"  # build_layout says why it cannot be drawn


def render_timeline_figure(case: Case, *, out_path: str | Path,
                           size: tuple[int, int] = FIGURE_SIZE, anchor: str | None = None,
                           lang: str = "en", anonymize: bool = False,
                           hidden_lanes: Iterable[str] = ()) -> Path:
    """Write the whole timeline of ``case`` as a slide figure of ``size`` pixels (PNG, SVG
    or PDF by ``out_path``'s suffix) without showing a window. ``anchor`` defaults to the
    calendar, or when ``anonymize`` to the transplant (else the diagnosis); a de-identified
    figure shows relative time only. Returns the path written."""
    if anchor is not None and anchor not in timeline.ANCHORS:
        raise FigureError(f"anchor must be one of {', '.join(timeline.ANCHORS)}, got {anchor!r}")
    check_lang(lang)
    source = deid.deidentify(case) if anonymize else case
    return write_figure(source, Path(out_path), size,
                   anchor=anchor or default_anchor(case, anonymize), lang=lang,
                   anonymize=anonymize, hidden=set(hidden_lanes), x_range=None)


def write_figure(source: Case, path: Path, size: Sequence[int], *, anchor: str, lang: str,
            anonymize: bool, hidden: set[str], x_range: tuple[float, float] | None) -> Path:
    suffix = check_suffix(path)
    w, h = check_size(size)
    if not path.parent.is_dir():
        raise FigureError(f"{path}: folder {path.parent} does not exist")
    ensure_app()
    canvas = TimelineCanvas(figure_style((w, h)))
    try:
        canvas.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        canvas.resize(w, h)
        canvas.show()
        _settle()
        kw = {"anchor": anchor, "lang": lang, "anonymize": anonymize, "hidden_lanes": hidden}
        try:
            probe = timeline.build_layout(source, **kw)
        except AnchorError as e:
            raise FigureError(str(e)) from None
        lo, hi = x_range or (probe.x_min, probe.x_max)
        dpc = canvas.days_per_char(hi - lo)
        layout = timeline.build_layout(source, days_per_char=dpc, **kw) if dpc else probe
        canvas.draw(layout)
        _settle()
        series = {lane.id for lane in layout.lanes if lane.kind == "series"}
        if series and not canvas.rows_hold_labels():
            # as on the slides: the measurements give their room to the labels
            kw["hidden_lanes"] = hidden | series
            layout = timeline.build_layout(source, days_per_char=dpc, **kw)
            canvas.draw(layout)
            _settle()
        canvas.vb.setXRange(max(lo, layout.x_min), min(hi, layout.x_max), padding=0)
        _settle()
        _write(canvas, path, suffix, w, h)
    finally:
        canvas.close()
        canvas.deleteLater()
    return path


def _settle() -> None:
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()


def _write(canvas: TimelineCanvas, path: Path, suffix: str, w: int, h: int) -> None:
    target = QRectF(0, 0, w, h)
    source = QRect(0, 0, w, h)
    if suffix == ".png":
        image = QImage(w, h, QImage.Format.Format_ARGB32)
        image.fill(WHITE)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        canvas.render(p, target, source)
        p.end()
        if not image.save(str(path), "PNG"):
            raise FigureError(f"{path}: cannot write the image")
        return
    canvas.set_export_mode(True)
    try:
        if suffix == ".svg":
            gen = QSvgGenerator()
            gen.setFileName(str(path))
            gen.setSize(QSize(w, h))
            gen.setViewBox(QRect(0, 0, w, h))
            gen.setResolution(96)
            gen.setTitle("Timeline")
            gen.setDescription("Case Presenter")
            p = QPainter()
            if not p.begin(gen):
                raise FigureError(f"{path}: cannot write the drawing")
        else:
            gen = pdf_writer(path, w, h, "Timeline")
            p = QPainter()
            if not p.begin(gen):
                raise FigureError(f"{path}: cannot write the PDF")
        p.fillRect(target, WHITE)
        canvas.render(p, target, source)
        p.end()
    finally:
        canvas.set_export_mode(False)
    if not path.is_file():
        raise FigureError(f"{path}: cannot write the figure")
    if suffix == ".svg":
        try:
            tidy_svg_text(path, (w, h))
        except (OSError, ET.ParseError) as e:
            raise FigureError(f"{path}: cannot write the drawing: {e}") from None


_SVG = "http://www.w3.org/2000/svg"


def tidy_svg_text(path: Path, size: tuple[int, int]) -> None:
    """Qt writes a line of text as one ``<text>`` per script run ("Протокол ",
    "ALL-REZ-MB-2013 (", "с дазатинибом)"), each placed by PT Sans's widths; a viewer
    that draws another font would overlap them. Rejoin the runs of each line, and name
    one family, so the line stays one piece whatever font the viewer has. The size is
    given in pixels (Qt writes millimetres), as slide software expects."""
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    tree = ET.parse(path)
    metrics: dict[tuple[str, str, str], QFontMetricsF] = {}
    family = font_families()[0]

    def advance(el: ET.Element) -> float:
        key = (el.get("font-size", "12"), el.get("font-weight", "400"),
               el.get("font-style", "normal"))
        fm = metrics.get(key)
        if fm is None:
            font = QFont(family)
            font.setPixelSize(max(1, round(float(key[0]))))
            font.setWeight(QFont.Weight(int(float(key[1]))))
            font.setItalic(key[2] != "normal")
            fm = metrics[key] = QFontMetricsF(font)
        return fm.horizontalAdvance(el.text or "")

    same = ("y", "fill", "font-size", "font-weight", "font-style", "font-family")
    for g in tree.iter(f"{{{_SVG}}}g"):
        prev: ET.Element | None = None
        prev_end = 0.0
        for el in list(g):
            if el.tag != f"{{{_SVG}}}text" or el.get("x") is None:
                prev = None
                continue
            x = float(el.get("x", "0"))
            if (prev is not None and all(prev.get(a) == el.get(a) for a in same)
                    and abs(x - prev_end) <= 2.0):
                prev.text = (prev.text or "") + (el.text or "")
                prev_end = x + advance(el)
                g.remove(el)
                continue
            prev, prev_end = el, x + advance(el)
    for el in tree.iter():
        if el.get("font-family"):
            el.set("font-family", family)
    root = tree.getroot()
    root.set("width", str(size[0]))
    root.set("height", str(size[1]))
    tree.write(path, encoding="utf-8", xml_declaration=True)
