"""The interface language: Qt's own translation system, switched at run time.

The window's own words (menus, buttons, messages) are written in English with
``self.tr()`` / ``translate()`` and translated by a compiled Qt catalogue,
``resources/translations/case_presenter_ru.qm``, made from the ``.ts`` source next to
it with ``pyside6-lupdate`` and ``pyside6-lrelease`` (``python -m desktop.gui.common.i18n``
runs both). Field names and the labels of codes come from ``desktop.core.vocab`` — the
screen, the PDF and the slides share them — and are never translated here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.core import vocab
from desktop.core.paths import RESOURCES

LANGS = ("en", "ru")
#: Each language named in itself, as language menus do.
NATIVE_NAMES = {"en": "English", "ru": "Русский"}
TRANSLATIONS = RESOURCES / "translations"
CATALOGUE = "case_presenter"
GUI_DIR = Path(__file__).resolve().parents[1]  # desktop/gui, every room below it


def qm_path(lang: str) -> Path:
    return TRANSLATIONS / f"{CATALOGUE}_{lang}.qm"


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / f"{CATALOGUE}_{lang}.ts"


class LanguageSwitcher:
    """Installs the translator of one language on the application, replacing the last.

    Installing or removing a translator makes Qt send ``LanguageChange`` to every
    widget; each part of the window re-reads its words in ``changeEvent``.
    """

    def __init__(self) -> None:
        self.lang = "en"
        self._translator: QTranslator | None = None

    def uninstall(self) -> None:
        """Remove this switcher's translator (a closing window leaves no trace)."""
        if self._translator is not None:
            QCoreApplication.instance().removeTranslator(self._translator)
            self._translator = None

    def install(self, lang: str) -> bool:
        """Switch to ``lang``; False if its catalogue is missing (English stays)."""
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, got {lang!r}")
        app = QCoreApplication.instance()
        self.uninstall()
        self.lang = lang
        QLocale.setDefault(QLocale(QLocale.Language.Russian if lang == "ru"
                                   else QLocale.Language.English))
        if lang == "en":
            return True
        translator = QTranslator(app)
        if not translator.load(str(qm_path(lang))):
            self.lang = "en"
            return False
        app.installTranslator(translator)
        self._translator = translator
        return True


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``; ``%n`` in ``text`` takes ``n`` (plural forms)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for ``pyside6-lupdate`` without translating it now."""
    return text


#: Field names the core vocabulary does not have (yet); everything it has comes from it.
_FIELD_FALLBACKS = {
    "other": QT_TRANSLATE_NOOP("Field", "Other"),
}


def field_label(name: str, lang: str) -> str:
    """A field's name in ``lang``: from the core vocabulary, else the window's catalogue."""
    if name in vocab.FIELDS:
        return vocab.field(name, lang)
    if name in _FIELD_FALLBACKS:
        return translate("Field", _FIELD_FALLBACKS[name])
    return name


def heading(name: str, lang: str) -> str:
    """A field name as a column or form heading: first letter upper case."""
    text = field_label(name, lang)
    return text[:1].upper() + text[1:]


def fallback_texts() -> dict[str, str]:
    return dict(_FIELD_FALLBACKS)


# --- keeping the catalogue up to date (developers, and a test) --------------------------

def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} not found (install PySide6)")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in GUI_DIR.rglob("*.py"))


def run_lupdate(ts_file: Path) -> None:
    """Add new source texts to ``ts_file`` (existing translations are kept)."""
    subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations",
                    "none", "-ts", str(ts_file)], check=True, capture_output=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
                   check=True, capture_output=True)


def main() -> None:  # python -m desktop.gui.common.i18n
    for lang in LANGS[1:]:
        run_lupdate(ts_path(lang))
        run_lrelease(ts_path(lang), qm_path(lang))
        print(f"updated {ts_path(lang)} and {qm_path(lang)}")


if __name__ == "__main__":
    main()
