"""The list of cases as a Qt model (plain ``CaseSummary`` rows) and the delegate that
draws each row on two lines: code and title, then the diagnosis.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.core import vocab
from desktop.core.store import CaseSummary
from desktop.gui.common.session import CaseSession


class CaseListModel(QStringListModel):
    """The rows as a Qt model. Its row count is Qt's own (a string list of the codes):
    a view lays out and selects among 10,000 rows asking the count of every row, and a
    count answered in Python made that the larger part of listing the library."""

    CodeRole = Qt.ItemDataRole.UserRole + 1
    TitleRole = Qt.ItemDataRole.UserRole + 2
    DiagnosisRole = Qt.ItemDataRole.UserRole + 3
    TagsRole = Qt.ItemDataRole.UserRole + 4
    SnippetRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, session: CaseSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[CaseSummary] = []
        self.has_snippets = False

    def set_rows(self, rows: Sequence[CaseSummary]) -> None:
        self.rows = list(rows)
        #: a search answered with snippets: each row shows where it matched
        self.has_snippets = any(r.snippet for r in self.rows)
        self.setStringList([r[0] for r in self.rows])  # the reset; rowCount is Qt's

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Selectable, not editable (a string list's rows would be)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled \
            | Qt.ItemFlag.ItemNeverHasChildren

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.code == code), -1)

    def _title(self, row: CaseSummary) -> str:
        lang = self.session.text_lang
        title = row.title.get(lang)
        if not title:
            return vocab.field("missing_translation", lang)
        if self.session.anonymized:  # no case at hand: dates in titles go, unanchored
            from desktop.core.deid import scrub_text  # loaded when first anonymized

            title = scrub_text(title, lang, None)
        return title

    def _diagnosis(self, row: CaseSummary) -> str:
        return row.diagnosis.get(self.session.text_lang) or ""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.code}  {self._title(row)}"
        if role == self.CodeRole:
            return row.code
        if role == self.TitleRole:
            return self._title(row)
        if role == self.DiagnosisRole:
            return self._diagnosis(row)
        if role == self.TagsRole:
            return " · ".join(row.tags)
        if role == self.SnippetRole:
            return "" if self.session.anonymized else row.snippet
        if role == Qt.ItemDataRole.ToolTipRole:
            snippet = "" if self.session.anonymized else row.snippet.replace("**", "")
            return "\n".join(x for x in (f"{row.code}  {' · '.join(row.tags)}",
                                          self._title(row), self._diagnosis(row), snippet)
                             if x)
        return None

    def refresh_text(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))


class CaseDelegate(QStyledItemDelegate):
    """Four lines per case: the code in bold with its tags, the title over two lines
    (shortened in the middle, where titles of a series differ least), the diagnosis."""

    PAD = 5
    LINES = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        lines = self.LINES + bool(getattr(index.model(), "has_snippets", False))
        return QSize(200, lines * option.fontMetrics.lineSpacing() + 2 * self.PAD + 2)

    @staticmethod
    def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
        """``a **b** c`` → ``[("a ", False), ("b", True), (" c", False)]``."""
        parts = snippet.split("**")
        return [(text, i % 2 == 1) for i, text in enumerate(parts) if text]

    def _draw_snippet(self, painter, rect: QRect, snippet: str, font: QFont,
                      bold: QFont) -> None:
        """The words around the match, the matched words in bold, cut at the width."""
        x, right = rect.left(), rect.right()
        for text, strong in self.snippet_parts(snippet):
            f = bold if strong else font
            fm = QFontMetrics(f)
            width = fm.horizontalAdvance(text)
            if x + width > right:
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, right - x)
                width = fm.horizontalAdvance(text)
            painter.setFont(f)
            painter.drawText(QRect(x, rect.top(), width + 1, rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += width
            if x >= right:
                break

    @staticmethod
    def two_lines(fm: QFontMetrics, text: str, width: int) -> tuple[str, str]:
        """The first line as many whole words as fit; the rest elided in the middle."""
        words, first = text.split(), ""
        while words and fm.horizontalAdvance((first + " " + words[0]).strip()) <= width:
            first = (first + " " + words.pop(0)).strip()
        if not first and words:  # one very long word
            return fm.elidedText(text, Qt.TextElideMode.ElideRight, width), ""
        rest = " ".join(words)
        return first, fm.elidedText(rest, Qt.TextElideMode.ElideMiddle, width)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_colour = pal.color(QPalette.ColorRole.HighlightedText if selected
                                else QPalette.ColorRole.Text)
        grey = QColor(text_colour) if selected else QColor("#5f6368")
        rect = opt.rect.adjusted(self.PAD + 3, self.PAD, -self.PAD, -self.PAD)
        bold = QFont(opt.font)
        bold.setBold(True)
        fm_bold, fm = QFontMetrics(bold), QFontMetrics(opt.font)
        line = fm.lineSpacing()
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        code = index.data(CaseListModel.CodeRole) or ""
        tags = index.data(CaseListModel.TagsRole) or ""
        title = index.data(CaseListModel.TitleRole) or ""
        diagnosis = index.data(CaseListModel.DiagnosisRole) or ""
        painter.save()
        painter.setFont(bold)
        painter.setPen(text_colour)
        code_w = min(rect.width(), fm_bold.horizontalAdvance(code))
        painter.drawText(QRect(rect.left(), rect.top(), code_w, line), left, code)
        painter.setFont(opt.font)
        painter.setPen(grey)
        gap = fm.averageCharWidth() * 2
        tag_rect = QRect(rect.left() + code_w + gap, rect.top(),
                         max(0, rect.width() - code_w - gap), line)
        painter.drawText(tag_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(tags, Qt.TextElideMode.ElideRight, tag_rect.width()))
        painter.setPen(text_colour)
        first, second = self.two_lines(fm, title, rect.width())
        painter.drawText(QRect(rect.left(), rect.top() + line, rect.width(), line), left, first)
        painter.drawText(QRect(rect.left(), rect.top() + 2 * line, rect.width(), line), left,
                         second)
        painter.setPen(grey)
        painter.drawText(QRect(rect.left(), rect.top() + 3 * line, rect.width(), line), left,
                         fm.elidedText(diagnosis, Qt.TextElideMode.ElideRight, rect.width()))
        snippet = index.data(CaseListModel.SnippetRole) or ""
        if snippet:
            painter.setPen(text_colour)
            italic = QFont(opt.font)
            italic.setItalic(True)
            strong = QFont(italic)
            strong.setBold(True)
            self._draw_snippet(painter, QRect(rect.left(), rect.top() + 4 * line, rect.width(),
                                              line), snippet, italic, strong)
        painter.restore()
