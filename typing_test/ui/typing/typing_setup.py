"""Choosing a typing test: its length, the kind of passage and its difficulty."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.passages import CATEGORIES, DIFFICULTIES
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import page_layout, set_role

DURATIONS_MIN = (1, 2, 3, 5)



class TypingSetup(QWidget):
    """Duration, category and difficulty pickers.

    ``startRequested(seconds, category, difficulty)``; "" means any.
    """

    startRequested = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel("Typing test")
        set_role(heading, "title")
        self.bar_label = QLabel()
        self.bar_label.setWordWrap(True)
        self.bar_label.setMaximumWidth(720)
        set_role(self.bar_label, "lead")

        self.duration_box = QComboBox()
        for minutes in DURATIONS_MIN:
            self.duration_box.addItem(f"{minutes} minute{'s' if minutes > 1 else ''}", minutes)
        self.duration_box.setCurrentIndex(DURATIONS_MIN.index(3))
        self.category_box = QComboBox()
        self.category_box.addItem("Random", "")
        for category, label in CATEGORIES.items():
            self.category_box.addItem(label, category)
        self.difficulty_box = QComboBox()
        self.difficulty_box.addItem("Any", "")
        for difficulty in DIFFICULTIES:
            self.difficulty_box.addItem(difficulty.capitalize(), difficulty)
        self.duration_box.setAccessibleName("Duration")
        self.category_box.setAccessibleName("Passage")
        self.difficulty_box.setAccessibleName("Difficulty")

        self.start_button = QPushButton("&Start test")
        self.start_button.setDefault(True)
        set_role(self.start_button, "primary")
        self.start_button.clicked.connect(self._request_start)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Duration:", self.duration_box)
        form.addRow("Passage:", self.category_box)
        form.addRow("Difficulty:", self.difficulty_box)
        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(heading)
        layout.addWidget(self.bar_label)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(button_row(self.start_button))

    def show_bar(self, min_net_wpm: float, min_accuracy: float) -> None:
        """Say what it takes to pass, in the words the result screen uses."""
        self.bar_label.setText(
            f"Type the passage shown as fast and as accurately as you can. To pass you need "
            f"at least {min_net_wpm:g} net words per minute and {min_accuracy:g}% accuracy. "
            "The timer starts on your first keystroke; the test ends when time runs out or "
            "when you finish the passage."
        )

    def _request_start(self) -> None:
        self.startRequested.emit(
            int(self.duration_box.currentData()) * 60,
            self.category_box.currentData(),
            self.difficulty_box.currentData(),
        )
