"""Filters beside the tag filter: a therapy given (by category or by name), an event
type, a response. Their choices are the values the library holds."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop.core import vocab
from desktop.core.store.facets import Facets
from desktop.gui.common.i18n import heading, translate


class LazyCombo(QComboBox):
    """Says when it is about to be used (opened, or reached with the keyboard), so its
    choices are read then — not on every edit of the library."""

    opening = Signal()

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()

    def focusInEvent(self, e) -> None:
        self.opening.emit()
        super().focusInEvent(e)


def _combo(parent: QWidget, name: str) -> QComboBox:
    combo = LazyCombo(parent, objectName=name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(5)
    return combo


class FilterBar(QWidget):
    """Three drop-downs; ``filters()`` is what ``Store.codes_where`` takes."""

    changed = Signal()
    opening = Signal()  # a drop-down is about to be used: its choices should be current

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.therapy = _combo(self, "therapyFilter")
        self.event = _combo(self, "eventFilter")
        self.response = _combo(self, "responseFilter")
        self.labels = [QLabel(self) for _ in range(3)]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, combo in zip(self.labels, (self.therapy, self.event, self.response),
                                strict=True):
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo, 1)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            combo.opening.connect(self.opening)
            combo.addItem(translate("LibraryPane", "All"), None)
        self.facets = Facets()
        self.lang = "en"

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.labels[0].setText(translate("LibraryPane", "Therapy:"))
        self.labels[1].setText(translate("LibraryPane", "Event:"))
        self.labels[2].setText(heading("response", lang) + ":")
        for combo in (self.therapy, self.event, self.response):
            combo.setItemText(0, translate("LibraryPane", "All"))

    def fill(self, facets: Facets, lang: str, text_lang: str) -> None:
        """The choices from ``facets`` in ``lang``; what was chosen stays chosen."""
        self.facets = facets
        self.retranslate(lang)
        therapy = [(("category", c), vocab.label(vocab.THERAPY_CATEGORIES, c, lang))
                   for c in facets.categories]
        for en, ru in facets.therapy_names:
            name = (en or ru) if text_lang == "en" else (ru or en)
            therapy.append((("therapy_name", name), f"  {name}"))
        events = [(("event_type", t), vocab.label(vocab.EVENT_TYPES, t, lang))
                  for t in facets.event_types]
        responses = [(("response", r), f"{r} — {vocab.RESPONSES[r].get(lang)}"
                      if r in vocab.RESPONSES else r) for r in facets.responses]
        for combo, items in ((self.therapy, therapy), (self.event, events),
                             (self.response, responses)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(translate("LibraryPane", "All"), None)
            for data, text in items:
                combo.addItem(text, data)
            i = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(i, 0))
            widest = max((combo.fontMetrics().horizontalAdvance(t) for _, t in items),
                         default=0)
            combo.view().setMinimumWidth(widest + 48)
            combo.blockSignals(False)

    def filters(self) -> dict[str, str]:
        """``{"category": "cellular", "event_type": "relapse", …}`` for what is chosen."""
        out = {}
        for combo in (self.therapy, self.event, self.response):
            data = combo.currentData()
            if data:
                out[data[0]] = data[1]
        return out
