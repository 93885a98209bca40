"""The Series room: the cases chosen in the library on one time axis, aligned on an
anchor typed in English or Russian, with the series table and its CSV export, and
saved series (a name and a bilingual title) kept in the library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import outfile
from desktop.core.errors import CasePresenterError
from desktop.core.model import Text
from desktop.core.series import SeriesLayout, build_series, to_csv
from desktop.core.store.series import SavedSeries
from desktop.gui.series.paint import SeriesStyle, paint_series

TRACKS = ("", "mrd", "marrow_blasts", "chimerism", "cd19", "cd22")


class SeriesCanvas(QWidget):
    """Paints the layout with the figure's painter, at screen type sizes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seriesCanvas")
        self.layout_: SeriesLayout | None = None
        self.setMinimumSize(640, 360)

    def set_layout(self, layout: SeriesLayout | None) -> None:
        self.layout_ = layout
        self.update()

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        if self.layout_ is not None:
            w, h = self.width(), self.height()
            paint_series(p, self.layout_, QRectF(0, 0, w, h), SeriesStyle(13.0, 0.7))
        p.end()


class SeriesView(QWidget):
    """A window of its own: anchor, rank and track above the figure, the table below."""

    def __init__(self, store, codes: list[str], lang: str = "en",
                 saved: SavedSeries | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("seriesView")
        self.store, self.codes, self.lang = store, list(codes), lang
        self.title = saved.title if saved else Text()
        self.name = saved.name if saved else ""
        self.anchor_box = QLineEdit(saved.anchor if saved else "transplant", self,
                                    objectName="seriesAnchor")
        self.rank_box = QComboBox(self, objectName="seriesRank")
        self.track_box = QComboBox(self, objectName="seriesTrack")
        self.save_button = QPushButton(self, objectName="seriesSave")
        self.csv_button = QPushButton(self, objectName="seriesCsv")
        self.anchor_label, self.rank_label, self.track_label = QLabel(self), QLabel(self), \
            QLabel(self)
        self.message = QLabel(self, objectName="seriesMessage")
        self.canvas = SeriesCanvas(self)
        self.table = QTableWidget(self, objectName="seriesTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        bar = QHBoxLayout()
        for w in (self.anchor_label, self.anchor_box, self.rank_label, self.rank_box,
                  self.track_label, self.track_box, self.save_button, self.csv_button):
            bar.addWidget(w)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.canvas)
        split.addWidget(self.table)
        split.setSizes([560, 200])
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)
        self.layout_: SeriesLayout | None = None
        self.retranslate()
        if saved:
            self.rank_box.setCurrentIndex(max(self.rank_box.findData(saved.rank), 0))
            self.track_box.setCurrentIndex(max(self.track_box.findData(saved.track or ""), 0))
        self.anchor_box.editingFinished.connect(self.refresh)
        self.rank_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.track_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.save_button.clicked.connect(self.ask_save)
        self.csv_button.clicked.connect(self.ask_csv)
        self.resize(1280, 820)
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Series") + (f": {self.name}" if self.name else ""))
        self.anchor_label.setText(self.tr("Align on:"))
        self.anchor_box.setToolTip(self.tr(
            "diagnosis, transplant, relapse, infusion, a drug name or therapy:NAME, "
            "event:TYPE — in English or Russian"))
        self.rank_label.setText(self.tr("Order:"))
        self.track_label.setText(self.tr("Track:"))
        self.save_button.setText(self.tr("Save Series…"))
        self.csv_button.setText(self.tr("Export CSV…"))
        for box, items in (
                (self.rank_box, (("code", self.tr("Code")),
                                 ("follow-up", self.tr("Follow-up")),
                                 ("relapse", self.tr("Time to relapse")))),
                (self.track_box, tuple((t, t or self.tr("None")) for t in TRACKS))):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            for key, text in items:
                box.addItem(text, key)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.refresh()

    def refresh(self) -> None:
        """Lay the series out again; a bad anchor says why and keeps the last figure."""
        try:
            cases = [self.store.get(c) for c in self.codes]
            layout = build_series(cases, self.anchor_box.text(), lang=self.lang,
                                  track=self.track_box.currentData() or None,
                                  rank=self.rank_box.currentData() or "code",
                                  title=self.title if self.title else None)
        except CasePresenterError as e:
            self.message.setText(str(e))
            return
        self.message.setText("")
        self.layout_ = layout
        self.canvas.set_layout(layout)
        self.table.clear()
        self.table.setColumnCount(len(layout.headers))
        self.table.setRowCount(len(layout.rows))
        self.table.setHorizontalHeaderLabels(list(layout.headers))
        for i, r in enumerate(layout.rows):
            for j, c in enumerate(r.cells()):
                self.table.setItem(i, j, QTableWidgetItem(c))

    # --- saving -------------------------------------------------------------------------
    def save(self, name: str, title: Text) -> SavedSeries:
        saved = self.store.save_series(SavedSeries(
            name, tuple(self.codes), self.anchor_box.text().strip() or "transplant", title,
            self.rank_box.currentData() or "code", self.track_box.currentData() or None))
        self.name, self.title = saved.name, saved.title
        self.retranslate()
        self.refresh()
        return saved

    def ask_save(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save Series"), self.tr("Name:"),
                                        text=self.name)
        if not ok or not name.strip():
            return
        en, ok = QInputDialog.getText(self, self.tr("Save Series"), self.tr("Title (English):"),
                                      text=self.title.en or "")
        if not ok:
            return
        ru, ok = QInputDialog.getText(self, self.tr("Save Series"), self.tr("Title (Russian):"),
                                      text=self.title.ru or "")
        if not ok:
            return
        try:
            self.save(name.strip(), Text(en.strip() or None, ru.strip() or None))
        except CasePresenterError as e:
            self.message.setText(str(e))

    def write_csv(self, path: str | Path) -> Path:
        assert self.layout_ is not None
        return outfile.write_text(path, "\ufeff" + to_csv(list(self.layout_.rows), self.lang))

    def ask_csv(self) -> None:
        if self.layout_ is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CSV"), "series.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            try:
                self.write_csv(path)
            except (CasePresenterError, OSError) as e:
                self.message.setText(str(e))
