"""The series as a slide figure (PNG, SVG, PDF), drawn without a window by the same
painter as the window's canvas."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from desktop.core.model import Case, Text
from desktop.core.series import SeriesFilter, SeriesLayout, build_series
from desktop.gui.series.paint import WHITE, SeriesStyle, paint_series
from desktop.gui.timeline.figure import (
    FigureError,
    check_size,
    check_suffix,
    ensure_app,
    pdf_writer,
    tidy_svg_text,
)

CHAR_EM = 0.55  # a label character, in ems of the label size


def layout_for(cases: Sequence[Case], anchor: str, size: tuple[int, int], *, lang: str,
               anonymize: bool = True, track: str | None = None, rank: str = "code",
               keep: SeriesFilter | None = None, title: Text | None = None) -> SeriesLayout:
    """The layout with labels packed for a figure ``size`` pixels wide."""
    style = SeriesStyle.for_size(*size)
    probe = build_series(cases, anchor, lang=lang, anonymize=anonymize, track=track,
                         rank=rank, keep=keep, title=title)
    plot_px = size[0] * 0.78
    dpc = (probe.x_max - probe.x_min) * style.px * CHAR_EM / plot_px
    return build_series(cases, anchor, lang=lang, anonymize=anonymize, track=track,
                        rank=rank, keep=keep, title=title, days_per_char=dpc)


def render_series_figure(cases: Sequence[Case], *, anchor: str, out_path: str | Path,
                         size: tuple[int, int] = (1920, 1080), lang: str = "en",
                         anonymize: bool = True, track: str | None = None,
                         rank: str = "code", keep: SeriesFilter | None = None,
                         title: Text | None = None) -> Path:
    """Write the series figure (type by suffix); returns the path written."""
    path = Path(out_path)
    suffix = check_suffix(path)
    w, h = check_size(size)
    if not path.parent.is_dir():
        raise FigureError(f"{path}: folder {path.parent} does not exist")
    ensure_app()
    layout = layout_for(cases, anchor, (w, h), lang=lang, anonymize=anonymize, track=track,
                        rank=rank, keep=keep, title=title)
    draw_to(layout, path, suffix, w, h)
    return path


def draw_to(layout: SeriesLayout, path: Path, suffix: str, w: int, h: int) -> None:
    rect = QRectF(0, 0, w, h)
    style = SeriesStyle.for_size(w, h)
    if suffix == ".png":
        image = render_image(layout, w, h)
        if not image.save(str(path), "PNG"):
            raise FigureError(f"{path}: cannot write the image")
        return
    if suffix == ".svg":
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(QSize(w, h))
        gen.setViewBox(QRect(0, 0, w, h))
        gen.setResolution(96)
        gen.setTitle(layout.title)
        gen.setDescription("Case Presenter")
    else:
        gen = pdf_writer(path, w, h, layout.title)
    p = QPainter()
    if not p.begin(gen):
        raise FigureError(f"{path}: cannot write the figure")
    paint_series(p, layout, rect, style)
    p.end()
    if not path.is_file():
        raise FigureError(f"{path}: cannot write the figure")
    if suffix == ".svg":
        tidy_svg_text(path, (w, h))


def render_image(layout: SeriesLayout, w: int, h: int) -> QImage:
    image = QImage(w, h, QImage.Format.Format_ARGB32)
    image.fill(WHITE)
    p = QPainter(image)
    paint_series(p, layout, QRectF(0, 0, w, h), SeriesStyle.for_size(w, h))
    p.end()
    return image
