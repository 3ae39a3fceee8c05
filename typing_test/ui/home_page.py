"""The home screen: one card per activity that works, plus history and settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test import PRODUCT_NAME

CARD_STYLE = """
QPushButton {
    text-align: left; padding: 16px; font-size: 12pt;
    border: 1px solid #dadce0; border-radius: 10px; background: #ffffff;
}
QPushButton:hover { border-color: #1a73e8; background: #f8fbff; }
QPushButton:focus { border: 2px solid #1a73e8; }
"""


class HomePage(QWidget):
    """Activity cards. ``activityChosen`` carries the activity's id."""

    activityChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(PRODUCT_NAME)
        title.setStyleSheet("font-size: 24pt; font-weight: 700;")
        subtitle = QLabel(
            "Practise and prove the skills back-office employers hire on. "
            "Every result is saved on this computer."
        )
        subtitle.setWordWrap(True)
        subtitle.setStyleSheet("color: #3c4043; font-size: 12pt;")
        self.greeting_label = QLabel()
        self.greeting_label.setStyleSheet("color: #5f6368;")
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        self.cards: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.greeting_label)
        layout.addSpacing(12)
        layout.addLayout(self._grid)
        layout.addStretch(1)

    def add_activity(self, activity_id: str, title: str, description: str) -> QPushButton:
        """Add a card; clicking it emits ``activityChosen(activity_id)``."""
        card = QPushButton()
        card.setObjectName(f"card-{activity_id}")
        card.setAccessibleName(title)
        card.setAccessibleDescription(description)
        # A button cannot wrap its own text, so the card carries two labels
        # that can; clicks go through them to the button.
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 14pt; font-weight: 600; background: transparent;")
        detail = QLabel(description)
        detail.setWordWrap(True)
        detail.setStyleSheet("color: #3c4043; background: transparent;")
        card_layout = QVBoxLayout(card)
        for label in (heading, detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            card_layout.addWidget(label)
        card.setStyleSheet(CARD_STYLE)
        card.setMinimumHeight(96)
        card.setCursor(Qt.CursorShape.PointingHandCursor)
        card.clicked.connect(lambda: self.activityChosen.emit(activity_id))
        row, column = divmod(len(self.cards), 2)
        self._grid.addWidget(card, row, column)
        self.cards[activity_id] = card
        return card

    def show_candidate(self, name: str) -> None:
        """Say whose results are being saved."""
        self.greeting_label.setText(
            f"Results are saved for {name}." if name
            else "Tip: set your name in Settings so your results carry it."
        )
