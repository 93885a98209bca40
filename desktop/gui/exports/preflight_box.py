"""The pre-flight in an export dialog: what the chosen language will lack or show as
written (``desktop.core.preflight``), listed before anything is exported."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.model import Case, Text
from desktop.core.preflight import preflight, report_lines

#: Headings in the interface language (bilingual core texts, like the messages below them).
HEAD = Text("Before export — the pre-flight found:", "Перед экспортом — проверка нашла:")
CLEAR = Text("Pre-flight: nothing missing in this language.",
             "Проверка: на этом языке ничего не упущено.")
MAX_LINES = 12
MORE = Text("… and {n} more", "… и ещё {n}")


class PreflightBox(QLabel):
    """A word-wrapped list of the pre-flight's findings for the dialog's cases."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="exportPreflight", wordWrap=True)
        self.lines: list[str] = []
        self.setStyleSheet("color: #7a3b00;")

    def show_for(self, cases: list[Case], lang: str, ui_lang: str) -> None:
        """The findings for ``cases`` in output language ``lang`` ("en", "ru", "both")."""
        self.lines = [(f"{c.code}: " if len(cases) > 1 else "") + line for c in cases
                      for line in report_lines(preflight(c, lang), ui_lang)]
        if not self.lines:
            self.setStyleSheet("color: #2f6b2f;")
            self.setText(CLEAR.get(ui_lang) or "")
            return
        self.setStyleSheet("color: #7a3b00;")
        shown = [f"• {escape(x)}" for x in self.lines[:MAX_LINES]]
        if len(self.lines) > MAX_LINES:
            shown.append(escape((MORE.get(ui_lang) or "").format(
                n=len(self.lines) - MAX_LINES)))
        self.setText(f"<b>{escape(HEAD.get(ui_lang) or '')}</b><br/>" + "<br/>".join(shown))
        self.setToolTip("\n".join(self.lines))
