"""The preview of a PDF's pages: images of the pages in a scrolling column.

The images come from ``jobs.render_pages`` (PDFium, off the UI thread); here they
are only scaled to the column and painted, the pages in view alone.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QWidget


def fit(size: QSize, into: QRect) -> QRect:
    """``size`` scaled to fit ``into``, centred."""
    scaled = size.scaled(into.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(into.x() + (into.width() - scaled.width()) // 2,
                 into.y() + (into.height() - scaled.height()) // 2,
                 scaled.width(), scaled.height())


class PageColumn(QWidget):
    """The pages one under the other, centred, as wide as the column or (with a height
    limit) each whole in the view; only the pages in view are scaled (smoothly, once per
    size) and painted."""

    MARGIN, GAP = 14, 14
    BACKGROUND = QColor("#d4d7dc")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: list[QImage] = []
        self.dimmed = False
        self.height_limit = 0
        self._scaled: dict[int, QImage] = {}
        self._scaled_width = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_images(self, images: list[QImage]) -> None:
        self.images = list(images)
        self._scaled.clear()
        self._fit_height()
        self.update()

    def set_dimmed(self, on: bool) -> None:
        if on != self.dimmed:
            self.dimmed = on
            self.update()

    def set_height_limit(self, height: int) -> None:
        """Pages no taller than ``height`` (0: as wide as the column)."""
        if height != self.height_limit:
            self.height_limit = height
            self._fit_height()
            self.update()

    def page_rects(self) -> list[QRect]:
        room = max(40, self.width() - 2 * self.MARGIN)
        rects, y = [], self.MARGIN
        for image in self.images:
            aspect = image.width() / max(1, image.height())
            width = room
            if self.height_limit > 0:
                width = max(40, min(room, round((self.height_limit - 2 * self.MARGIN) * aspect)))
            height = round(width / aspect)
            rects.append(QRect((self.width() - width) // 2, y, width, height))
            y += height + self.GAP
        return rects

    def _fit_height(self) -> None:
        rects = self.page_rects()
        height = rects[-1].bottom() + self.MARGIN if rects else 0
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _page_image(self, i: int, rect: QRect) -> QImage:
        ratio = self.devicePixelRatioF()
        width = round(rect.width() * ratio)
        if width != self._scaled_width:
            self._scaled.clear()
            self._scaled_width = width
        image = self._scaled.get(i)
        if image is None:
            source = self.images[i]
            image = source if source.width() <= width else source.scaledToWidth(
                width, Qt.TransformationMode.SmoothTransformation)
            image.setDevicePixelRatio(ratio)
            self._scaled[i] = image
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for i, rect in enumerate(self.page_rects()):
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(2, 3), QColor(0, 0, 0, 50))  # a soft shadow
            painter.drawImage(rect, self._page_image(i, rect))
            painter.setPen(QColor("#a0a4aa"))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if self.dimmed:
            painter.fillRect(event.rect(), QColor(255, 255, 255, 120))
        painter.end()


class PagePreview(QScrollArea):
    """A scrolling column of page images; ``currentPageChanged(n, total)`` names the page
    in the middle of the view (from 1). A message replaces the pages (an error) or shows
    over an empty column (while the first preview is made)."""

    currentPageChanged = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.column = PageColumn(self)
        self.setWidget(self.column)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel(self.viewport())
        self.message.setObjectName("pdfPreviewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("background: #f4f5f7; border: 1px solid #a0a4aa; "
                                   "border-radius: 4px; padding: 12px; color: #202124;")
        self.message.hide()
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._announce())
        self._last: tuple[int, int] = (0, 0)
        self.whole_page = True

    def set_whole_page(self, on: bool) -> None:
        """Each page whole in the view (True), or as wide as the view (False)."""
        page = self.current_page()
        self.whole_page = on
        self._fit_pages()
        self.show_page(page)
        self._announce()

    def _fit_pages(self) -> None:
        self.column.set_height_limit(self.viewport().height() if self.whole_page else 0)

    def set_pages(self, images: list[QImage]) -> None:
        self.column.set_images(images)
        self.column.set_dimmed(False)
        self.set_message("")
        self.verticalScrollBar().setValue(0)
        self._announce(force=True)

    def clear(self) -> None:
        self.set_pages([])

    def page_count(self) -> int:
        return len(self.column.images)

    def current_page(self) -> int:
        """The page in the middle of the view, from 1 (0: no pages)."""
        middle = self.verticalScrollBar().value() + self.viewport().height() // 2
        rects = self.column.page_rects()
        for n, rect in enumerate(rects, 1):
            if middle <= rect.bottom() + PageColumn.GAP // 2:
                return n
        return len(rects)

    def show_page(self, n: int) -> None:
        rects = self.column.page_rects()
        if 1 <= n <= len(rects):
            self.verticalScrollBar().setValue(rects[n - 1].top() - PageColumn.MARGIN)

    def set_busy(self, on: bool) -> None:
        self.column.set_dimmed(on and self.page_count() > 0)

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self._place_message()

    def _place_message(self) -> None:
        if self.message.isVisible():
            width = min(self.viewport().width() - 40, 420)
            self.message.setFixedWidth(max(120, width))
            self.message.adjustSize()
            self.message.move((self.viewport().width() - self.message.width()) // 2,
                              max(20, (self.viewport().height() - self.message.height()) // 3))
            self.message.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pages()
        self._place_message()
        self._announce()

    def _announce(self, force: bool = False) -> None:
        now = (self.current_page(), self.page_count())
        if force or now != self._last:
            self._last = now
            self.currentPageChanged.emit(*now)
