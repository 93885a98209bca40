"""The two PET snapshots side by side, at the same size and zoom, panned and zoomed together.

Each image sits in a pyqtgraph ``ViewBox`` scaled to width 1 (so a 512-pixel and a 1024-pixel
snapshot of the same field of view fill the same width); the after box is linked to the
before box on both axes (``setXLink``/``setYLink``), so zooming or panning one moves the
other. A study without an image shows a placeholder that says so, with "Attach image…".
"""

from __future__ import annotations

from collections import OrderedDict

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPixmap, QTransform
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Image

IMAGE_BACKGROUND = "#1E1E1E"
COMPACT_HEIGHT = 100
QWIDGETSIZE_MAX = 16777215
_CACHE_SIZE = 8
_cache: OrderedDict[tuple[int, int], QPixmap] = OrderedDict()


def pixmap_of(image: Image) -> QPixmap:
    """The decoded image (a null pixmap when it cannot be decoded); the last few are kept,
    so showing the same case again after an edit does not decode its images again."""
    key = (len(image.data), hash(image.data))
    pixmap = _cache.get(key)
    if pixmap is None:
        pixmap = QPixmap()
        pixmap.loadFromData(image.data)
        _cache[key] = pixmap
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return pixmap


class _Elided(QLabel):
    """A one-line label that elides what does not fit (the full text in its tooltip), so
    both sides keep the same height and so the same image size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(10, self.contentsRect().width())
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                   width))


class ImageSide(QFrame):
    """One side: role and date, the image (or its placeholder), the lesion value."""

    attachRequested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)  # petImageBefore / petImageAfter
        self.heading = _Elided(self)
        self.heading.setObjectName(name + "Heading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.sublabel = _Elided(self)
        self.sublabel.setObjectName(name + "Label")
        self.sublabel.setStyleSheet("color: #555;")

        self.graphics = pg.GraphicsView(self, background=IMAGE_BACKGROUND)
        self.graphics.setObjectName(name + "View")
        self.box = pg.ViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.graphics.setCentralItem(self.box)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.box.addItem(self.item)
        self.aspect = 1.0

        self.placeholder = QFrame(self)
        self.placeholder.setObjectName(name + "Placeholder")
        self.placeholder.setStyleSheet(
            f"#{name}Placeholder {{ border: 2px dashed #9a9a9a; background: #f6f6f6; }}")
        self.placeholder_label = QLabel(self.placeholder)
        self.placeholder_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder_label.setWordWrap(True)
        self.placeholder_label.setStyleSheet("color: #444; border: none;")
        self.attach_button = QPushButton(self.placeholder)
        self.attach_button.setObjectName("attachImageButton")
        self.attach_button.clicked.connect(self.attachRequested)
        ph = QVBoxLayout(self.placeholder)
        ph.addStretch(1)
        ph.addWidget(self.placeholder_label)
        ph.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignHCenter)
        ph.addStretch(1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.graphics)
        self.stack.addWidget(self.placeholder)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.stack.setMinimumSize(160, 160)

        self.value = _Elided(self)
        self.value.setObjectName(name + "Value")
        vfont = self.value.font()
        vfont.setBold(True)
        vfont.setPointSizeF(vfont.pointSizeF() * 1.25)
        self.value.setFont(vfont)
        self.replace_button = QPushButton(self)
        self.replace_button.setObjectName("replaceImageButton")
        self.replace_button.setFlat(True)
        self.replace_button.clicked.connect(self.attachRequested)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.value, 1)
        bottom.addWidget(self.replace_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.sublabel)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

    def has_image(self) -> bool:
        return self.stack.currentWidget() is self.graphics

    def set_image(self, image: Image | None, *, placeholder: str, attach: str | None) -> bool:
        """Show ``image``, or the placeholder text with the attach button (``attach`` None:
        no button). False when the image is there but cannot be decoded."""
        pixmap = pixmap_of(image) if image is not None else None
        if pixmap is None or pixmap.isNull():
            self.item.setPixmap(QPixmap())
            self.aspect = 1.0
            self.placeholder_label.setText(placeholder)
            self.attach_button.setVisible(attach is not None)
            self.attach_button.setText(attach or "")
            self.stack.setCurrentWidget(self.placeholder)
            self.replace_button.hide()
            return image is None
        self.item.setPixmap(pixmap)
        w = max(1, pixmap.width())
        self.item.setTransform(QTransform.fromScale(1.0 / w, 1.0 / w))
        self.aspect = pixmap.height() / w
        self.stack.setCurrentWidget(self.graphics)
        return True

    def set_replace(self, text: str | None) -> None:
        self.replace_button.setVisible(text is not None and self.has_image())
        self.replace_button.setText(text or "")


class ImagePair(QWidget):
    """Before and after, side by side, the same size; zoom (wheel) and pan (drag) either and
    the other follows; a double-click shows both whole again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("petImages")
        self.before = ImageSide("petImageBefore", self)
        self.after = ImageSide("petImageAfter", self)
        self.after.box.setXLink(self.before.box)
        self.after.box.setYLink(self.before.box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.before, 1)
        layout.addWidget(self.after, 1)
        self.compact = False
        for side in (self.before, self.after):  # double-click: both images whole again
            side.graphics.scene().sigMouseClicked.connect(
                lambda event: self.fit() if event.double() else None)

    def set_compact(self, compact: bool) -> None:
        """Neither study has an image: the placeholders take little room."""
        if compact == self.compact:
            return
        self.compact = compact
        for side in (self.before, self.after):
            side.stack.setMinimumHeight(COMPACT_HEIGHT if compact else 160)
            side.stack.setMaximumHeight(COMPACT_HEIGHT if compact else QWIDGETSIZE_MAX)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed if compact
                           else QSizePolicy.Policy.Expanding)
        self.updateGeometry()

    def fit(self) -> None:
        """Show the whole of both images (the taller one decides)."""
        height = max(self.before.aspect, self.after.aspect)
        self.before.box.setRange(QRectF(0.0, 0.0, 1.0, height), padding=0.02)
