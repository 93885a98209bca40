"""Words, colours, number format and fonts of the PET comparison (screen and figure).

The PET view and ``render_pet_figure`` draw what ``desktop.core.pet`` computed; this module
only decides how it reads: the bilingual words of the view (one place, both languages, so a
figure in Russian can be made from an English window), the colour of each response category,
how a stored value is written (11.93 stays 11.93; decimal comma and a true minus sign in
Russian) and the bundled PT Sans with DejaVu Sans for the signs PT Sans lacks (→).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QFont, QFontDatabase

from desktop.core import palette, vocab
from desktop.core.model import LANGS, PetStudy, Text
from desktop.core.paths import RESOURCES
from desktop.core.pet import VISUAL, ResponseResult

MINUS = "\u2212"
FONT_DIR = RESOURCES / "fonts"
#: PT Sans first (Latin and Cyrillic); DejaVu Sans for the arrows and signs PT Sans lacks.
FIGURE_FAMILIES = ["PT Sans", "DejaVu Sans"]
_FONT_FILES = ("PTSans-Regular.ttf", "PTSans-Bold.ttf", "PTSans-Italic.ttf",
               "PTSans-BoldItalic.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_fonts_loaded: list[str] | None = None

#: The colour of each response category, in one place (Okabe–Ito, colour-blind safe).
RESPONSE_COLOURS: dict[str, str] = {
    "CMR": palette.OKABE_ITO["bluish_green"],
    "PMR": palette.OKABE_ITO["blue"],
    "SMD": palette.OKABE_ITO["grey"],
    "NMR": palette.OKABE_ITO["grey"],
    "PMD": palette.OKABE_ITO["vermillion"],
}
NO_CATEGORY_COLOUR = "#E0E0E0"
#: One colour per lesion line of the paired chart (cycled); text uses the darkened hue.
LESION_COLOURS = palette.LESION_COLOURS  # the same in the PDF, the slides and figures

_V = vocab.FIELDS
WORDS: dict[str, Text] = {
    "studies": _V["pet_studies"],
    "lesion": _V["lesion"],
    "weight": _V["weight"],
    "height": _V["height"],
    "sex": _V["sex"],
    "not_reported": _V["not_reported"],
    "baseline": Text("Baseline", "Исходное"),
    "follow_up": Text("Follow-up {n}", "Контрольное {n}"),
    "change": Text("Change", "Изменение"),
    "no_image": Text("No image attached", "Изображение не прикреплено"),
    "attach": Text("Attach image…", "Прикрепить изображение…"),
    "replace": Text("Replace image…", "Заменить изображение…"),
    "from_dicom": Text("Add PET study from DICOM…", "Добавить ПЭТ-исследование из DICOM…"),
    "do_dicom": Text("Add PET study from DICOM", "Добавить ПЭТ-исследование из DICOM"),
    "no_studies": Text("This case has no PET studies.", "В этом случае нет ПЭТ-исследований."),
    "one_study": Text("Only one PET study: there is nothing to compare it with yet.",
                      "Только одно ПЭТ-исследование: сравнивать пока не с чем."),
    "no_follow_up": Text("No follow-up study", "Нет контрольного исследования"),
    "visual": Text("visual", "визуально"),
    "not_assessable": Text("Not assessable", "Оценка невозможна"),
    "patient": Text("Patient (for SUL)", "Пациент (для SUL)"),
    "references": Text("Reference regions", "Референсные области"),
    "sex_unknown": Text("not reported", "не указан"),
    "value_not_reported": Text("not reported", "не указан"),  # after "SULmax"
    "lbm": Text("Lean body mass: {a} kg (Janmahasatian), {b} kg (James)",
                "Тощая масса тела: {a} кг (Janmahasatian), {b} кг (James)"),
    "lbm_no_james": Text("Lean body mass: {a} kg (Janmahasatian); James: {e}",
                         "Тощая масса тела: {a} кг (Janmahasatian); James: {e}"),
    "sul_factor": Text("SUL = SUV × {f} (LBM / weight, Janmahasatian)",
                       "SUL = SUV × {f} (ТМТ / масса тела, Janmahasatian)"),
    "lbm_needs": Text("Enter weight, height and sex to compute the lean body mass and SUL.",
                      "Введите массу тела, рост и пол, чтобы рассчитать тощую массу и SUL."),
    "not_number": Text("Not a number: write e.g. 61.5 (empty: not reported).",
                       "Не число: введите, например, 61,5 (пусто — не указано)."),
    "not_image": Text("{f} is not a PNG or JPEG image; nothing was attached.",
                      "{f} — не изображение PNG или JPEG; ничего не прикреплено."),
    "too_large": Text("{f} is {mb} MB; the limit is {lim} MB. Nothing was attached.",
                      "{f}: {mb} МБ, допустимо не более {lim} МБ. Ничего не прикреплено."),
    "unreadable": Text("{f} cannot be read ({e}); nothing was attached.",
                       "Не удалось прочитать {f} ({e}); ничего не прикреплено."),
    "cannot_show": Text("The attached image cannot be shown.",
                        "Прикреплённое изображение не удаётся показать."),
    "undecodable": Text("{f} cannot be opened as an image; nothing was attached.",
                        "{f} не открывается как изображение; ничего не прикреплено."),
    "refused": Text("Not changed: {e}", "Не изменено: {e}"),
    "read_only": Text("Editing is off.", "Редактирование выключено."),
    "not_in_study": Text("This lesion is not in this study.",
                         "Этого очага нет в этом исследовании."),
    "pet_error": Text("The PET comparison cannot be made: {e}",
                      "Сравнение ПЭТ невозможно: {e}"),
    "figure_title": Text("PET: baseline and follow-up", "ПЭТ: исходное и контрольное исследования"),
    # short descriptions of edits (the undo step's text)
    "do_attach": Text("Attach PET image", "Прикрепить изображение ПЭТ"),
    "do_weight": Text("Change weight", "Изменить массу тела"),
    "do_height": Text("Change height", "Изменить рост"),
    "do_sex": Text("Change sex", "Изменить пол"),
    "do_reference": Text("Change {f} ({r})", "Изменить {f} ({r})"),
    "do_lesion": Text("Change {m} of lesion {i} ({r})", "Изменить {m} очага {i} ({r})"),
}


def word(key: str, lang: str, **values: object) -> str:
    """The view's word ``key`` in ``lang``: the shared vocabulary first, then its own."""
    words = vocab.FIELDS.get(key) or WORDS[key]
    text = words.get(lang) or words.en or key
    return text.format(**values) if values else text


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def text_in(text: Text | None, lang: str) -> str:
    """A case text in ``lang``; a missing translation is shown as missing."""
    if text is None or not text:
        return ""
    return vocab.text_or_missing(text, lang)


def fmt(value: float | None, lang: str, *, signed: bool = False) -> str:
    """A stored value as given (11.93, 7.0), real minus, decimal comma in Russian; the
    words "not reported" for None — never a number the report does not have."""
    if value is None:
        return word("not_reported", lang)
    s = format(Decimal(repr(float(value))), "f")
    if "." in s:
        s = s.rstrip("0")
        s = s + "0" if s.endswith(".") else s
    if signed and value > 0:
        s = "+" + s
    s = s.replace("-", MINUS)
    return s.replace(".", ",") if lang == "ru" else s


def input_text(value: float | None, lang: str) -> str:
    """A value in an input field: 168, 61.5 (61,5 in Russian); empty when not reported."""
    if value is None:
        return ""
    s = f"{value:.10g}".replace("-", MINUS)
    return s.replace(".", ",") if lang == "ru" else s


def parse_value(text: str) -> float | None:
    """What a user typed into a value field: ``61.5`` or ``61,5``; empty is None.
    Raises ValueError for anything else (ranges are the case-file rules)."""
    s = text.strip().replace(",", ".").replace(MINUS, "-")
    if not s:
        return None
    value = float(s)  # ValueError for text
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def response_colour(result: ResponseResult | None) -> str:
    if result is None or result.category is None:
        return NO_CATEGORY_COLOUR
    return RESPONSE_COLOURS.get(result.category, NO_CATEGORY_COLOUR)


def badge_text(result: ResponseResult, lang: str) -> str:
    """"CMR (visual) — complete metabolic response", "PMR (PERCIST 1.0) — …",
    "Not assessable (PERCIST 1.0)"."""
    basis = word("visual", lang) if result.criteria == VISUAL else result.criteria
    if result.category is None:
        return f"{word('not_assessable', lang)} ({basis})"
    label = result.category_label.get(lang) if result.category_label else ""
    return f"{result.category} ({basis}) — {label}" if label else f"{result.category} ({basis})"


def study_role(rank: int, lang: str) -> str:
    """The role of the study at position ``rank`` in date order."""
    return word("baseline", lang) if rank == 0 else word("follow_up", lang, n=rank)


def study_value_line(result: ResponseResult | None, side: str, lang: str) -> str:
    """The hottest lesion's value of one side as the response used it, e.g. "SULmax 11.93",
    "SULmax not reported"; plus the visual read on the follow-up side ("CMR (visual)")."""
    if result is None:
        return ""
    value = result.before if side == "before" else result.after
    measure = result.measure or "SULmax"
    shown = word("value_not_reported", lang) if value is None else fmt(value, lang)
    line = f"{measure} {shown}"
    if side == "after" and result.criteria == VISUAL and result.category:
        line += f" · {result.category} ({word('visual', lang)})"
    return line


def lesion_colour(i: int) -> str:
    return LESION_COLOURS[i % len(LESION_COLOURS)]


def lesion_text_colour(i: int) -> str:
    return palette.readable_on_white(lesion_colour(i))


def load_fonts() -> list[str]:
    """Register the bundled PT Sans and DejaVu Sans with Qt (once); the families loaded."""
    global _fonts_loaded
    if _fonts_loaded is None:
        families: list[str] = []
        for name in _FONT_FILES:
            fid = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
            if fid >= 0:
                families += QFontDatabase.applicationFontFamilies(fid)
        _fonts_loaded = list(dict.fromkeys(families))
    return _fonts_loaded


def figure_font(pixel_size: float, *, bold: bool = False) -> QFont:
    """PT Sans (DejaVu Sans for missing signs) at a pixel size: the same on every machine."""
    load_fonts()
    font = QFont()
    font.setFamilies(FIGURE_FAMILIES)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def study_label(study: PetStudy, lang: str) -> str:
    return text_in(study.label, lang)
