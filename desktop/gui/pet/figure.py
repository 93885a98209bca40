"""The PET comparison as a slide figure (PNG or SVG), drawn without showing a window.

The same words and the same paired chart as the PET view (``chart.paint_paired_chart``),
laid out for a 16:9 slide: the title, the two images side by side at the same scale when the
studies have them, the paired chart, the response badge and its explanation, and the
Deauville/Lugano lines when they have a score. Text is PT Sans (bundled, with DejaVu Sans for
the arrows it lacks) and at least 20 px at 1920 × 1080.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
)
from PySide6.QtSvg import QSvgGenerator

from desktop.core import palette, pet
from desktop.core.deid import DeidView
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case, PetStudy
from desktop.gui.pet.chart import ChartCaptions, paint_paired_chart
from desktop.gui.pet.style import (
    FIGURE_FAMILIES,
    FONT_DIR,
    badge_text,
    check_lang,
    figure_font,
    load_fonts,
    response_colour,
    study_label,
    study_role,
    study_value_line,
    text_in,
    word,
)

BASE = (1920, 1080)
MIN_SIZE = (320, 180)
MAX_SIZE = (16384, 16384)
SUFFIXES = (".png", ".svg")
_app = None  # the offscreen application made here, kept alive


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen one (no window is ever shown)."""
    global _app
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        _app = app = QApplication(["case-presenter", "-platform", "offscreen"])
    return app


@dataclass
class _Side:
    role: str
    heading: str
    label: str
    study: PetStudy | None
    value: str


@dataclass
class _Content:
    title: str
    subtitle: str
    sides: tuple[_Side, _Side | None]
    comparison: pet.StudyComparison | None
    captions: ChartCaptions
    badge: str
    badge_colour: str
    explanation: str
    lugano: list[str]
    caption: str


def _content(case: Case, lang: str, anonymize: bool, pair: int) -> _Content:
    deid = DeidView(case) if anonymize else None

    def date(d) -> str:
        if d is None:
            return ""
        return deid.date(d, lang) if deid else d.display(lang)

    def text(s: str) -> str:
        return (deid.text(s, lang) or "") if deid else s

    order = sorted(range(len(case.pet_studies)), key=lambda i: case.pet_studies[i].date.sort_key())
    comparisons = pet.compare_studies(case)
    comparison = None
    if comparisons:
        try:
            comparison = comparisons[pair]
        except IndexError:
            raise CasePresenterError(
                f"case {case.code} has {len(comparisons)} follow-up PET "
                f"{'study' if len(comparisons) == 1 else 'studies'}; there is no pair {pair}"
            ) from None
    pair_index = pair % len(comparisons) if comparisons else 0
    result = comparison.verdict.result if comparison else None  # the disease's criteria

    def side(rank: int, role_key: str) -> _Side:
        study = case.pet_studies[order[rank]]
        heading = f"{word(role_key, lang)}: {date(study.date)}"
        label = " · ".join(x for x in (study_role(rank, lang), text(study_label(study, lang))) if x)
        return _Side(role_key, heading, label, study,
                     study_value_line(result, role_key, lang) if result else "")

    before = side(0, "before")
    after = side(pair_index + 1, "after") if comparison else None
    chart = comparison.chart if comparison else None
    captions = ChartCaptions(
        (word("before", lang), date(chart.before_date) if chart else ""),
        (word("after", lang), date(chart.after_date) if chart else ""))
    lugano: list[str] = []
    if comparison is not None:  # the physician's read beside it; no other criteria
        v = comparison.verdict
        lugano.append(v.read.text(lang))
        if v.disagreement:
            lugano.append(v.disagreement.get(lang) or "")
        if v.criteria == "lugano":
            for rank, score in zip((0, pair_index + 1), comparison.deauville, strict=True):
                if score.score is not None:
                    lugano.append(f"{study_role(rank, lang)}: {score.explanation.get(lang)}")
    return _Content(
        title=word("figure_title", lang),
        subtitle=text(text_in(case.title, lang)),
        sides=(before, after),
        comparison=comparison,
        captions=captions,
        badge=badge_text(result, lang) if result else "",
        badge_colour=response_colour(result),
        explanation=(result.explanation.get(lang) or "") if result else word("one_study", lang),
        lugano=lugano,
        caption=deid.caption(lang) if deid else "",
    )


def _wrapped_height(font: QFont, text: str, width: float) -> float:
    if not text:
        return 0.0
    r = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6),
                                         int(Qt.TextFlag.TextWordWrap), text)
    return r.height()


def _elide(font: QFont, text: str, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


def _image_of(study: PetStudy | None) -> QImage | None:
    if study is None or study.image is None:
        return None
    image = QImage.fromData(study.image.data)
    return None if image.isNull() else image


def paint_figure(p: QPainter, width: int, height: int, c: _Content, lang: str) -> list[str]:
    """Lay out and draw the figure on ``p``; returns the texts drawn."""
    texts: list[str] = []
    u = min(width / BASE[0], height / BASE[1])
    margin = 56 * u
    inner = QRectF(margin, margin * 0.8, width - 2 * margin, height - 1.6 * margin)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    p.fillRect(QRectF(0, 0, width, height), QColor("#FFFFFF"))
    ink, grey = QColor(palette.INK), QColor("#5A5A5A")

    def text(rect: QRectF, s: str, font: QFont, flags, colour: QColor = ink) -> None:
        if not s:
            return
        p.setFont(font)
        p.setPen(colour)
        p.drawText(rect, int(flags), s)
        texts.append(s)

    left_top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    wrap = left_top | Qt.TextFlag.TextWordWrap

    # title and subtitle
    f_title, f_sub = figure_font(40 * u, bold=True), figure_font(24 * u)
    y = inner.top()
    title_h = QFontMetricsF(f_title).height()
    text(QRectF(inner.left(), y, inner.width(), title_h),
         _elide(f_title, c.title, inner.width()), f_title, left_top)
    y += title_h
    if c.subtitle:  # at most two lines
        sub_h = min(_wrapped_height(f_sub, c.subtitle, inner.width()),
                    2 * QFontMetricsF(f_sub).height())
        p.save()
        p.setClipRect(QRectF(inner.left(), y, inner.width(), sub_h))
        text(QRectF(inner.left(), y, inner.width(), sub_h + 1), c.subtitle, f_sub, wrap, grey)
        p.restore()
        y += sub_h
    top = y + 20 * u

    # the bottom block: badge, explanation, Deauville/Lugano, anonymization caption
    f_badge, f_expl = figure_font(28 * u, bold=True), figure_font(24 * u)
    f_small = figure_font(22 * u)
    lugano_text = "\n".join(c.lugano)
    caption_h = QFontMetricsF(f_small).height() if c.caption else 0.0
    for size in (24, 22, 20):  # a long explanation gets a smaller (never < 20 px) font
        f_expl = figure_font(size * u)
        f_small = figure_font(max(20, size - 2) * u)
        expl_h = _wrapped_height(f_expl, c.explanation, inner.width())
        lug_h = _wrapped_height(f_small, lugano_text, inner.width())
        badge_h = (QFontMetricsF(f_badge).height() + 16 * u) if c.badge else 0.0
        block_h = badge_h + 12 * u + expl_h + (10 * u + lug_h if lug_h else 0) + caption_h
        if block_h <= inner.height() * 0.36:
            break
    bottom = inner.bottom() - block_h
    y = bottom
    if c.badge:
        fm = QFontMetricsF(f_badge)
        bw = min(fm.horizontalAdvance(c.badge) + 36 * u, inner.width())
        badge = QRectF(inner.left(), y, bw, badge_h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(c.badge_colour)))
        p.drawRoundedRect(badge, 10 * u, 10 * u)
        text(badge, _elide(f_badge, c.badge, bw - 24 * u), f_badge, Qt.AlignmentFlag.AlignCenter,
             QColor(palette.text_on(c.badge_colour)))
        y += badge_h + 12 * u
    text(QRectF(inner.left(), y, inner.width(), expl_h + 2), c.explanation, f_expl, wrap)
    y += expl_h
    if lug_h:
        y += 10 * u
        text(QRectF(inner.left(), y, inner.width(), lug_h + 2), lugano_text, f_small, wrap, grey)
        y += lug_h
    if c.caption:
        text(QRectF(inner.left(), inner.bottom() - caption_h, inner.width(), caption_h),
             c.caption, f_small, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
             grey)

    # the middle: images side by side (or, without images, a card per study) and the chart
    middle = QRectF(inner.left(), top, inner.width(), bottom - top - 24 * u)
    before, after = c.sides
    images = (_image_of(before.study), _image_of(after.study) if after else None)
    has_images = any(im is not None for im in images)
    gutter = 56 * u
    if c.comparison is None:
        left_w = middle.width()
    else:
        left_w = middle.width() * (0.47 if has_images else 0.34)
    left = QRectF(middle.left(), middle.top(), left_w, middle.height())
    if has_images:
        _paint_images(p, left, c.sides, images, lang, u, texts)
    else:
        _paint_cards(p, left, c.sides, lang, u, texts)
    if c.comparison is not None:
        chart_rect = QRectF(left.right() + gutter, middle.top(),
                            middle.right() - left.right() - gutter, middle.height())
        texts += paint_paired_chart(p, chart_rect, c.comparison.chart, lang,
                                    figure_font(22 * u), c.captions, scale=u)
    return texts


def _draw(p: QPainter, texts: list[str], rect: QRectF, s: str, font: QFont, colour: str,
          flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) -> None:
    if not s:
        return
    p.setFont(font)
    p.setPen(QColor(colour))
    p.drawText(rect, int(flags), s)
    texts.append(s)


def _paint_images(p: QPainter, area: QRectF, sides, images, lang: str, u: float,
                  texts: list[str]) -> None:
    """Both images at one scale (each fitted by width; the taller one decides the scale),
    top-aligned under their headings, the hottest lesion's value under each."""
    f_head, f_label = figure_font(26 * u, bold=True), figure_font(21 * u)
    f_value, f_place = figure_font(28 * u, bold=True), figure_font(22 * u)
    gap = 32 * u
    shown = [s for s in sides if s is not None]
    col_w = (area.width() - gap * (len(shown) - 1)) / len(shown)
    hh, lh = QFontMetricsF(f_head).height(), QFontMetricsF(f_label).height()
    head_h = hh + lh + 8 * u
    value_h = QFontMetricsF(f_value).height() + 8 * u
    avail = area.height() - head_h - value_h
    aspects = [im.height() / max(1, im.width()) for im in images if im is not None]
    scale = min(col_w, avail / max(aspects))
    box_h = scale * max(aspects)
    for k, side in enumerate(shown):
        image = images[k]
        x = area.left() + k * (col_w + gap)
        _draw(p, texts, QRectF(x, area.top(), col_w, hh), _elide(f_head, side.heading, col_w),
              f_head, palette.INK)
        _draw(p, texts, QRectF(x, area.top() + hh, col_w, lh),
              _elide(f_label, side.label, col_w), f_label, "#5A5A5A")
        top = area.top() + head_h
        if image is not None:
            h = scale * image.height() / max(1, image.width())
            target = QRectF(x, top, scale, h)
            p.drawImage(target, image)
            p.setPen(QPen(QColor("#BDBDBD"), max(1.0, u)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(target)
        else:
            box = QRectF(x, top, scale, box_h)
            p.setPen(QPen(QColor("#9A9A9A"), 2 * u, Qt.PenStyle.DashLine))
            p.setBrush(QBrush(QColor("#F6F6F6")))
            p.drawRect(box)
            _draw(p, texts, box, word("no_image", lang), f_place, "#444444",
                  Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        _draw(p, texts, QRectF(x, top + box_h + 6 * u, col_w, value_h),
              _elide(f_value, side.value, col_w), f_value, palette.INK,
              Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def _paint_cards(p: QPainter, area: QRectF, sides, lang: str, u: float,
                 texts: list[str]) -> None:
    """Without images: one card per study with its role, date, label and value."""
    f_head, f_label = figure_font(26 * u, bold=True), figure_font(22 * u)
    f_value, f_note = figure_font(34 * u, bold=True), figure_font(21 * u)
    shown = [s for s in sides if s is not None]
    gap, pad = 28 * u, 24 * u
    hh, vh = QFontMetricsF(f_head).height(), QFontMetricsF(f_value).height()
    nh = QFontMetricsF(f_note).height()
    most = (area.height() - gap * (len(shown) - 1)) / len(shown)
    label_max = max(0.0, most - 1.6 * pad - hh - vh - nh - 14 * u)
    card_h = max(min(_wrapped_height(f_label, s.label, area.width() - 2 * pad), label_max)
                 for s in shown) + 1.6 * pad + hh + vh + nh + 14 * u
    for k, side in enumerate(shown):
        card = QRectF(area.left(), area.top() + k * (card_h + gap), area.width(), card_h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor("#F4F4F4")))
        p.drawRoundedRect(card, 10 * u, 10 * u)
        inner = card.adjusted(pad, pad * 0.8, -pad, -pad * 0.8)
        y = inner.top()
        _draw(p, texts, QRectF(inner.left(), y, inner.width(), hh),
              _elide(f_head, side.heading, inner.width()), f_head, palette.INK)
        y += hh + 4 * u
        label_h = min(_wrapped_height(f_label, side.label, inner.width()), label_max)
        if side.label and label_h > 0:
            p.save()
            p.setClipRect(QRectF(inner.left(), y, inner.width(), label_h))
            _draw(p, texts, QRectF(inner.left(), y, inner.width(), label_h + 2), side.label,
                  f_label, "#5A5A5A", Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                  | Qt.TextFlag.TextWordWrap)
            p.restore()
            y += label_h
        y += 10 * u
        _draw(p, texts, QRectF(inner.left(), y, inner.width(), vh),
              _elide(f_value, side.value, inner.width()), f_value, palette.INK)
        y += vh
        _draw(p, texts, QRectF(inner.left(), y, inner.width(), nh), word("no_image", lang),
              f_note, "#5A5A5A")


def render_pet_figure(case: Case, *, out_path: str | Path, size: tuple[int, int] = BASE,
                      lang: str = "en", anonymize: bool = False, pair: int = -1) -> Path:
    """Write the PET comparison of ``case`` as a PNG or SVG (by the suffix of ``out_path``)
    of ``size`` pixels, for a 16:9 slide; no window is shown (an offscreen application is
    made if none exists). ``pair`` chooses the follow-up study (default: the last).

    Raises ``CasePresenterError`` (a ``ValueError`` too where the input is wrong) with a
    readable message: no PET studies, an unknown suffix, a bad size, a file not written."""
    lang = check_lang(lang)
    out = Path(out_path)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise _InputError(f"{out}: the figure must be .png or .svg, not {out.suffix or 'nothing'}")
    width, height = (int(v) for v in size)
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise _InputError(f"figure size {width}×{height} is outside {MIN_SIZE[0]}×{MIN_SIZE[1]}"
                          f" – {MAX_SIZE[0]}×{MAX_SIZE[1]} pixels")
    if not case.pet_studies:
        raise _InputError(f"case {case.code} has no PET studies")
    if not out.parent.is_dir():
        raise _InputError(f"{out}: the folder {out.parent} does not exist")
    ensure_application()
    load_fonts()
    content = _content(case, lang, anonymize, pair)
    return _write(out, suffix, width, height, content, lang)


def _write(out: Path, suffix: str, width: int, height: int, content: _Content,
           lang: str) -> Path:
    if suffix == ".png":
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        try:
            paint_figure(painter, width, height, content, lang)
        finally:
            painter.end()
        if not image.save(str(out), "PNG"):
            raise CasePresenterError(f"{out}: the figure could not be written")
        return out
    generator = QSvgGenerator()
    generator.setFileName(str(out))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setResolution(96)
    generator.setTitle(content.title)
    generator.setDescription(content.explanation)
    painter = QPainter()
    if not painter.begin(generator):
        raise CasePresenterError(f"{out}: the figure could not be written")
    try:
        paint_figure(painter, width, height, content, lang)
    finally:
        painter.end()
    try:
        _finish_svg(out, width, height)
    except OSError as e:
        raise CasePresenterError(f"{out}: the figure could not be written ({e})") from None
    return out


def _finish_svg(path: Path, width: int, height: int) -> None:
    """Make the SVG Qt wrote render the same everywhere: its size in pixels, the font
    family PT Sans, embedded (``@font-face``), so a viewer without PT Sans installed still
    lays the text out as it was measured (text stays text: searchable, selectable)."""
    svg = path.read_text(encoding="utf-8")
    svg = re.sub(r'<svg width="[^"]*" height="[^"]*"',
                 f'<svg width="{width}" height="{height}"', svg, count=1)
    # one family: Qt's own SVG renderer reads no lists; browsers fall back per glyph (→)
    svg = svg.replace(f'font-family="{",".join(FIGURE_FAMILIES)}"',
                      f'font-family="{FIGURE_FAMILIES[0]}"')
    faces = "".join(
        f"@font-face{{font-family:'PT Sans';font-weight:{weight};font-style:normal;"
        f"src:url(data:font/ttf;base64,{_font_base64(name)}) format('truetype');}}"
        for name, weight in (("PTSans-Regular.ttf", 400), ("PTSans-Bold.ttf", 700)))
    svg = svg.replace("<defs>", f"<defs>\n<style type=\"text/css\"><![CDATA[{faces}]]></style>",
                      1)
    path.write_text(svg, encoding="utf-8")


@lru_cache(maxsize=4)
def _font_base64(name: str) -> str:
    return base64.b64encode((FONT_DIR / name).read_bytes()).decode("ascii")


class _InputError(CasePresenterError, ValueError):
    """A figure that cannot be made from these arguments; the message says why."""

