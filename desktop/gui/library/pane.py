"""The library pane: every case, searched as you type in either language, filtered by
tag, sorted; a ``QListView`` over ``CaseListModel``, fed by the ``Searcher``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import vocab
from desktop.core.errors import CasePresenterError
from desktop.core.store import CaseSummary
from desktop.gui.common.i18n import translate
from desktop.gui.common.session import CaseSession, LibraryChange
from desktop.gui.library.filters import FilterBar
from desktop.gui.library.model import CaseDelegate, CaseListModel
from desktop.gui.library.search import SEARCH_LIMIT, SORTS, Searcher, quick_match, split_query


class LibraryPane(QWidget):
    """Search box, tag filter, sort, and the list. Selecting a row shows that case."""

    countChanged = Signal(int, int)  # shown, in the library

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.search_box = QLineEdit(self, objectName="searchBox", clearButtonEnabled=True)
        self.tag_filter = QComboBox(self, objectName="tagFilter")
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_filter.setMinimumContentsLength(6)
        self.sort_box = QComboBox(self, objectName="sortBox")
        self.sort_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sort_box.setMinimumContentsLength(8)
        self.model = CaseListModel(session, self)
        self.list = QListView(self, objectName="caseList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(CaseDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count_label = QLabel(self, objectName="caseCount")
        self.count_label.setStyleSheet("color: #555;")
        self.tag_label = QLabel(self)
        self.tag_label.setBuddy(self.tag_filter)
        self.sort_label = QLabel(self)
        self.sort_label.setBuddy(self.sort_box)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.tag_label)
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.sort_label)
        filters.addWidget(self.sort_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        self.filter_bar = FilterBar(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)

        self.searcher = Searcher(session.store, self)
        self.searcher.results.connect(self._found)
        self._all: list[CaseSummary] = []  # the whole library, for tags and the count
        self._found_rows: list[CaseSummary] = []
        self._query = ""
        self._truncated = False
        self._want_code: str | None = None
        self.ready = False
        self.shown_query: str | None = None  # the query the listed rows answer
        self._posted: tuple[str, list[str]] = ("", [])

        self.search_box.textChanged.connect(self._query_changed)
        self.search_box.returnPressed.connect(self.go_to_results)
        self.search_box.installEventFilter(self)
        self.tag_filter.currentIndexChanged.connect(lambda _i: self._requery())
        self.filter_bar.changed.connect(self._filters_changed)
        self.filter_bar.opening.connect(self._fill_filters)
        self._facets_stale = True  # the filters' choices are read when a list is opened
        # codes the therapy, event and response filters let through (None: all)
        self._allowed: set[str] | None = None
        self.sort_box.currentIndexChanged.connect(lambda _i: self._apply())
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        session.caseChanged.connect(self._follow_session)
        session.viewChanged.connect(self._view_changed)
        session.libraryChanged.connect(self._library_changed)
        session.libraryReloaded.connect(self.reload)
        self.retranslate()

    # --- words -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(
            translate("LibraryPane", "Search cases, English or Russian (Ctrl+F)"))
        self.tag_label.setText(vocab.field("tags", self.session.ui_lang) + ":")
        self.sort_label.setText(translate("LibraryPane", "Sort:"))
        current_tag = self.tag_filter.currentData()
        self._fill_tags(current_tag)
        self.filter_bar.retranslate(self.session.ui_lang)
        self._facets_stale = True
        names = {"code": translate("LibraryPane", "Code"),
                 "title": translate("LibraryPane", "Title"),
                 "diagnosis": translate("LibraryPane", "Diagnosis"),
                 "modified": translate("LibraryPane", "Last changed"),
                 "relevance": translate("LibraryPane", "Best match")}
        current_sort = self.sort_box.currentData() or "code"
        self.sort_box.blockSignals(True)
        self.sort_box.clear()
        for key in SORTS:
            self.sort_box.addItem(names[key], key)
        self.sort_box.setCurrentIndex(SORTS.index(current_sort))
        self.sort_box.blockSignals(False)
        self._update_count()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _fill_tags(self, current: str | None) -> None:
        tags = sorted({t for r in self._all for t in r.tags}, key=str.casefold)
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(translate("LibraryPane", "All"), None)
        for t in tags:
            self.tag_filter.addItem(t, t)
        i = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(i, 0))
        self.tag_filter.blockSignals(False)

    def _fill_filters(self) -> None:
        if not self._facets_stale:
            return
        self._facets_stale = False
        try:
            facets = self.session.store.facets()
        except CasePresenterError:
            return
        self.filter_bar.fill(facets, self.session.ui_lang, self.session.text_lang)

    def _filters_changed(self) -> None:
        chosen = self.filter_bar.filters()
        try:
            self._allowed = self.session.store.codes_where(**chosen) if chosen else None
        except CasePresenterError as e:
            self.count_label.setText(str(e))
            return
        self._requery()

    def _filtered(self) -> bool:
        return bool(self.tag_filter.currentData()) or self._allowed is not None

    # --- querying -----------------------------------------------------------------------
    def reload(self) -> None:
        """List the whole library again (after an import), then the current search."""
        self.searcher.search("", 0)
        if self._query.strip():
            self._requery()

    def _query_changed(self, text: str) -> None:
        self._query = text
        if text.strip() and self.sort_box.currentData() == "code" and not self._sort_chosen:
            self.sort_box.blockSignals(True)
            self.sort_box.setCurrentIndex(SORTS.index("relevance"))
            self.sort_box.blockSignals(False)
        elif not text.strip() and self.sort_box.currentData() == "relevance" \
                and not self._sort_chosen:
            self.sort_box.blockSignals(True)
            self.sort_box.setCurrentIndex(SORTS.index("code"))
            self.sort_box.blockSignals(False)
        self._requery()

    _sort_chosen = False

    def set_sort(self, key: str) -> None:
        self._sort_chosen = True
        self.sort_box.setCurrentIndex(SORTS.index(key))

    def _requery(self) -> None:
        if not self._query.strip():
            self._found_rows = self._all
            self._truncated = False
            self._apply()
            return
        full_text, short = split_query(self._query)
        if not full_text:
            self.searcher.qid += 1  # an answer to an older query must not land now
            self._found_rows = quick_match(self._all, short)
            self._truncated = False
            self._apply()
            return
        limit = 1_000_000 if self._filtered() else SEARCH_LIMIT + 1
        self._posted = (full_text, short)
        self.searcher.search(full_text, limit)

    def _found(self, qid: int, query: str, rows: object) -> None:
        if isinstance(rows, CasePresenterError):
            self.count_label.setText(str(rows))
            return
        if not query.strip():  # the whole library
            self._all = list(rows)
            self._fill_tags(self.tag_filter.currentData())
            self._facets_stale = True
            self.ready = True
            if not self._query.strip():
                self._found_rows, self._truncated = self._all, False
                self._apply()
            else:
                self._update_count()
            return
        if qid != self.searcher.qid or (query, self._posted[1]) != split_query(self._query):
            return  # an older query
        rows = list(rows)
        if self._posted[1]:  # a word still being typed: matched in memory meanwhile
            rows = quick_match(rows, self._posted[1])
        self._truncated = len(rows) > SEARCH_LIMIT and not self._filtered()
        self._found_rows = rows[:SEARCH_LIMIT] if self._truncated else rows
        self._apply()

    def _apply(self) -> None:
        """Filter by tag, sort, show; keep the current case selected if it is listed."""
        self.shown_query = self._query
        rows = self._found_rows
        tag = self.tag_filter.currentData()
        if tag:
            rows = [r for r in rows if tag in r.tags]
        if self._allowed is not None:
            rows = [r for r in rows if r.code in self._allowed]
        key = self.sort_box.currentData() or "code"
        lang = self.session.text_lang
        if key == "code":
            rows = sorted(rows, key=lambda r: r.code.casefold())
        elif key == "title":
            rows = sorted(rows, key=lambda r: ((r.title.get(lang) or "\uffff").casefold(),
                                               r.code.casefold()))
        elif key == "diagnosis":
            rows = sorted(rows, key=lambda r: ((r.diagnosis.get(lang) or "\uffff").casefold(),
                                               r.code.casefold()))
        elif key == "modified":
            rows = sorted(rows, key=lambda r: r.modified, reverse=True)
        elif key == "relevance" and not self._query.strip():
            rows = sorted(rows, key=lambda r: r.code.casefold())
        self.model.set_rows(rows)
        self._update_count()
        self._reselect()

    def _reselect(self) -> None:
        want = self._want_code or (self.session.case.code if self.session.case else None)
        row = self.model.row_of(want) if want else -1
        if row < 0 and self._want_code is None and self.session.case is None \
                and self.model.rowCount():
            row = 0
        if row >= 0:
            self._want_code = None
            self.select_row(row)
        else:  # the case on screen stays until another is chosen (Enter, ↓, a click)
            self.list.selectionModel().blockSignals(True)
            self.list.selectionModel().clearSelection()
            self.list.selectionModel().setCurrentIndex(
                QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.list.selectionModel().blockSignals(False)

    def select_row(self, row: int) -> None:
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index)

    def select_code(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row < 0:
            self._want_code = code
            return False
        self.select_row(row)
        return True

    def go_to_results(self) -> None:
        """From the search box to the list: the first result is shown."""
        if self.model.rowCount():
            current = self.list.currentIndex()
            self.select_row(current.row() if current.isValid() else 0)
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.go_to_results()
            return True
        return super().eventFilter(watched, event)

    def step(self, delta: int) -> None:
        """Next (+1) or previous (−1) case in the list."""
        n = self.model.rowCount()
        if not n:
            return
        row = self.list.currentIndex().row()
        target = 0 if row < 0 else max(0, min(n - 1, row + delta))
        self.select_row(target)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.session.load(current.data(CaseListModel.CodeRole))

    def _follow_session(self) -> None:
        case = self.session.case
        if case is None:
            return
        current = self.list.currentIndex()
        if current.isValid() and current.data(CaseListModel.CodeRole) == case.code:
            return
        row = self.model.row_of(case.code)
        if row >= 0:
            self.list.selectionModel().blockSignals(True)
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.selectionModel().blockSignals(False)
            self.list.viewport().update()
            self.list.scrollTo(self.model.index(row))
        else:
            self.list.clearSelection()

    def _view_changed(self) -> None:
        self.model.refresh_text()
        if self.sort_box.currentData() in ("title", "diagnosis"):
            self._apply()

    # --- rows that changed --------------------------------------------------------------
    def _library_changed(self, change: LibraryChange) -> None:
        """Patch the cached rows; no new query for an edit of one case."""
        def patch(rows: list[CaseSummary], append: bool) -> list[CaseSummary]:
            out = list(rows)
            at = next((i for i, r in enumerate(out) if r.code == change.old_code), -1) \
                if change.old_code else -1
            if at >= 0:
                if change.summary is None:
                    del out[at]
                else:
                    out[at] = change.summary
            elif change.summary is not None and append:
                out.append(change.summary)
            return out

        removed_row = self.model.row_of(change.old_code) if change.old_code else -1
        self._all = patch(self._all, True)
        self._found_rows = patch(self._found_rows, not self._query.strip()) \
            if self._found_rows is not self._all else self._all
        self._fill_tags(self.tag_filter.currentData())
        self._facets_stale = True
        if self._allowed is not None:
            self._filters_changed()  # the changed case may now match or not
        if change.summary is not None:
            self._want_code = change.summary.code
        self._apply()
        if change.summary is None and removed_row >= 0 and self.model.rowCount():
            self.select_row(min(removed_row, self.model.rowCount() - 1))
        elif change.summary is None and not self.model.rowCount():
            self.session.load(None)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self._all)
        lang = self.session.ui_lang
        if self._truncated:
            text = self.tr("best %n matches shown; type more to narrow", None, SEARCH_LIMIT)
        elif self._query.strip() or self._filtered():
            text = self.tr("%1 found").replace("%1", vocab.count(shown, "case", lang))
        else:
            text = vocab.count(total, "case", lang)
        self.count_label.setText(text)
        self.countChanged.emit(shown, total)

    def total(self) -> int:
        return len(self._all)

    def shutdown(self) -> None:
        self.searcher.stop()
