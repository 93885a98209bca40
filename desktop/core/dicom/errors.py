"""Why a PET series cannot give SUV: one line naming the file and the tag, in EN and RU."""

from __future__ import annotations

from desktop.core.errors import CasePresenterError
from desktop.core.text import Text, message

MESSAGES: dict[str, Text] = {
    "missing": Text("{tag} is missing: {why}", "{tag} отсутствует: {why}"),
    "unsupported": Text("{tag} {value!r} is not supported: {why}",
                        "{tag} {value!r} не поддерживается: {why}"),
    "bad_value": Text("{tag} {value!r} cannot be read: {why}",
                      "{tag} {value!r} не удаётся прочитать: {why}"),
    "no_pet": Text("no PET series (Modality PT) found in {folder}",
                   "в папке {folder} нет серии ПЭТ (Modality PT)"),
    "no_folder": Text("{folder} is not a folder", "{folder} — не папка"),
    "several": Text("{n} PET series in {folder}; choose one with --series UID: {uids}",
                    "в папке {folder} {n} серии ПЭТ; выберите одну (--series UID): {uids}"),
    "geometry": Text("{tag}: {why}", "{tag}: {why}"),
    "invalid": Text("{tag} not usable: {why}", "{tag} непригодно: {why}"),
    "outside": Text("the {what} sphere at {center} mm (radius {r:g} mm) holds no voxel of the "
                    "series", "сфера {what} в точке {center} мм (радиус {r:g} мм) не содержит "
                    "ни одного вокселя серии"),
    "cancelled": Text("reading was cancelled", "чтение отменено"),
    "unreadable": Text("cannot read the image: {why}", "не удаётся прочитать изображение: {why}"),
}


class DicomError(CasePresenterError, ValueError):
    """A series that cannot be read or cannot give SUV; ``tag`` names the DICOM attribute
    at fault (``None`` when it is about the folder), ``text`` holds both languages."""

    def __init__(self, key: str, *, source: str | None = None, tag: str | None = None,
                 **fields: object) -> None:
        self.key, self.source, self.tag = key, source, tag
        body = message(MESSAGES[key], tag=tag or "", **fields)
        self.text = Text(*(f"{source}: {t}" if source else t for t in (body.en, body.ru)))
        super().__init__(self.text.en)


class Cancelled(DicomError):
    """The user stopped a long read; nothing was kept."""

    def __init__(self) -> None:
        super().__init__("cancelled")
