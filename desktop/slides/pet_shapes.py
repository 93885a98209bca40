"""The PET before/after comparison: a native line chart, the response, the images.

The chart draws ``pet.PairedChart`` as PowerPoint computes nothing: categories
"Before" and "After" (with the date of each study), one series per lesion; a value not
reported is left out of its series (no point, no line), never drawn as zero.

Images are decoded and written anew (``deid.strip_image_metadata`` first, then Pillow):
only the pixels shown on the slide leave the machine — cropped to the frame's shape
before they are stored, so no cropped-away area hides in the file, and no metadata.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from desktop.core import deid, outline, palette
from desktop.core.errors import CasePresenterError
from desktop.core.model import Image
from desktop.core.pet import PairedChart, StudyComparison
from desktop.slides import draw, labels
from desktop.slides.draw import Box

CHART_PT = 18
MAX_IMAGE_PX = 1600  # the long edge of a stored image: sharp on a projector, small file
#: Series colours in lesion order: one palette for the window, the PDF and the slides.
SERIES_COLOURS = palette.LESION_COLOURS
_MARKERS = (XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE, XL_MARKER_STYLE.TRIANGLE,
            XL_MARKER_STYLE.DIAMOND, XL_MARKER_STYLE.X, XL_MARKER_STYLE.PLUS,
            XL_MARKER_STYLE.STAR)


def has_values(chart: PairedChart) -> bool:
    return any(r.before is not None or r.after is not None for r in chart.rows)


def add_chart(slide, chart: PairedChart, box: Box, categories: tuple[str, str], lang: str):
    """The paired chart as a native line chart with markers; returns the graphic frame."""
    from pptx.chart.data import CategoryChartData  # and xlsxwriter: only for a chart

    data = CategoryChartData(number_format="0.0#")
    data.categories = categories
    for row in chart.rows:
        name = row.site.get(lang) or row.id
        data.add_series(name, (row.before, row.after))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Emu(box.left), Emu(box.top),
                                   Emu(box.width), Emu(box.height), data)
    frame.name = "chart:pet"
    c = frame.chart
    c.font.name = draw.FONT
    c.font.size = Pt(CHART_PT)
    c.font.color.rgb = draw.rgb(draw.INK)
    c.has_title = False  # one series would otherwise be titled with its own name
    c.has_legend = True
    c.legend.position = XL_LEGEND_POSITION.BOTTOM
    c.legend.include_in_layout = False
    c.legend.font.size = Pt(CHART_PT)
    value_axis = c.value_axis
    value_axis.minimum_scale = 0
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = draw.rgb(draw.RULE)
    value_axis.has_title = True
    value_axis.axis_title.text_frame.text = chart.measure or ""
    _axis_title_font(value_axis.axis_title.text_frame, lang)
    value_axis.tick_labels.font.size = Pt(CHART_PT)
    c.category_axis.tick_labels.font.size = Pt(CHART_PT)
    for k, series in enumerate(c.plots[0].series):
        colour = draw.rgb(SERIES_COLOURS[k % len(SERIES_COLOURS)])
        series.smooth = False
        series.format.line.color.rgb = colour
        series.format.line.width = Pt(3)
        series.marker.style = _MARKERS[k % len(_MARKERS)]
        series.marker.size = 14
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = colour
        series.marker.format.line.color.rgb = colour
    plot = c.plots[0]
    plot.has_data_labels = True
    labels_ = plot.data_labels
    labels_.font.size = Pt(CHART_PT)
    labels_.font.bold = True
    labels_.number_format = "0.0#"
    labels_.number_format_is_linked = False
    labels_.show_value = True
    return frame


def _axis_title_font(tf, lang: str) -> None:
    for p in tf.paragraphs:
        for r in p.runs:
            draw.style_run(r, CHART_PT, bold=True, colour=draw.INK, lang=lang)


def response_panel(slide, comp: StudyComparison, box: Box, lang: str) -> bool:
    """The response (large) and its explanation; True when the explanation had to be
    shortened (the whole of it is in the notes)."""
    r = comp.response
    heading = labels.get("pet_response", lang)
    category = (r.category_label.get(lang) if r.category_label else None) \
        or labels.get("not_reported", lang)
    shapes = slide.shapes
    y = box.top
    h = draw.emu_pt(draw.BODY_PT * draw.LINE_SPACING)
    draw.add_text(shapes, Box(box.left, y, box.width, h), heading, draw.BODY_PT, bold=True,
                  colour=draw.MUTED, lang=lang, name="pet-response-heading")
    y += h
    size = draw.fit_size([category], Box(box.left, y, box.width, draw.emu_pt(3 * 32 * 1.2)),
                         32, 24, bold=True) or 24
    ch = draw.emu_pt(draw.text_height([category], draw.pt(box.width), size, True))
    draw.add_text(shapes, Box(box.left, y, box.width, ch), category, size, bold=True,
                  colour=draw.TITLE_INK, lang=lang, name="pet-response")
    y += ch + draw.emu_pt(8)
    lines = [] if r.criteria == "visual" else [f"{labels.get('criteria', lang)}: {r.criteria}"]
    explanation = r.explanation.get(lang) or ""
    rest = Box(box.left, y, box.width, box.bottom - y)
    shortened = False
    paras = [*lines, explanation]
    size = draw.fit_size(paras, rest, 22, draw.BODY_MIN_PT, space_after=0.4)
    if size is None:  # first sentences that fit, and a pointer to the notes
        size, shortened = draw.BODY_MIN_PT, True
        parts = outline.sentences(explanation) or [explanation]
        keep: list[str] = []
        for s in parts:
            trial = [*lines, " ".join([*keep, s]), labels.get("see_notes", lang)]
            if keep and draw.fit_size(trial, rest, size, size, space_after=0.4) is None:
                break
            keep.append(s)
        paras = [*lines, " ".join(keep), labels.get("see_notes", lang)]
    draw.add_text(shapes, rest, paras, size, colour=draw.INK, lang=lang,
                  name="pet-explanation", space_after=0.4)
    return shortened


# --- images -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Prepared:
    """An image ready for the slide: clean bytes in the frame's shape, or why not."""

    data: bytes | None
    error: str | None = None


def prepare_image(image: Image, box: Box) -> Prepared:
    """Metadata stripped, pixels decoded, cropped to the shape of ``box`` around the
    centre, scaled down to ``MAX_IMAGE_PX``, and encoded anew (PNG stays PNG, JPEG JPEG)."""
    try:
        clean = deid.strip_image_metadata(image)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(clean.data)) as src:
                src.load()
                img = ImageOps.exif_transpose(src)
    except (CasePresenterError, OSError, ValueError, PILImage.DecompressionBombWarning,
            PILImage.DecompressionBombError) as e:
        return Prepared(None, str(e) or type(e).__name__)
    img = _crop_to(img, box.width / box.height)
    img.thumbnail((MAX_IMAGE_PX, MAX_IMAGE_PX))
    out = io.BytesIO()
    if image.media_type == "image/jpeg":
        img.convert("RGB").save(out, "JPEG", quality=90)
    else:
        if img.mode not in ("RGB", "RGBA", "L", "LA"):
            img = img.convert("RGBA")
        img.save(out, "PNG")
    return Prepared(out.getvalue())


def _crop_to(img: PILImage.Image, aspect: float) -> PILImage.Image:
    """The largest centred part of ``img`` with width / height = ``aspect``."""
    w, h = img.size
    if w / h > aspect:
        new_w = max(1, round(h * aspect))
        left = (w - new_w) // 2
        return img.crop((left, 0, left + new_w, h))
    new_h = max(1, round(w / aspect))
    top = (h - new_h) // 2
    return img.crop((0, top, w, top + new_h))


def place_image(slide, prepared: Prepared, box: Box, lang: str, name: str) -> None:
    """The picture filling ``box`` (already in its shape), or a framed note saying why
    there is none."""
    if prepared.data is not None:
        pic = slide.shapes.add_picture(io.BytesIO(prepared.data), Emu(box.left), Emu(box.top),
                                       Emu(box.width), Emu(box.height))
        pic.name = name
        return
    text = labels.get("image_missing" if prepared.error is None else "image_bad", lang)
    tb = draw.add_text(slide.shapes, box, text, draw.BODY_MIN_PT, colour=draw.MUTED,
                       lang=lang, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE,
                       name=f"{name}-missing", inset=6)
    tb.line.color.rgb = draw.rgb(draw.RULE)
