"""The home screen: one card per activity that works, plus history and settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from typing_test import PRODUCT_NAME
from typing_test.ui.common.theme import CARD_SPACING, page_layout, set_role
from typing_test.ui.reports.attempts_model import local_time

KIND_NAMES = {"typing": "Typing test", "quiz": "Office quiz",
              "proofreading": "Proofreading", "writing": "Writing",
              "targeted": "Targeted practice", "data-entry": "Data entry"}


def result_summary(attempt: dict) -> str:
    """A stored result in a few words.

    >>> result_summary({"kind": "typing", "status": "completed", "score": 31.4,
    ...                 "passed": True})
    '31.4 net WPM: pass'
    >>> result_summary({"kind": "quiz", "status": "abandoned", "score": 40.0, "passed": False})
    'Abandoned'
    >>> result_summary({"kind": "data-entry", "status": "completed", "score": 9120.4,
    ...                 "passed": False})
    '9,120 KPH: fail'
    >>> result_summary({"kind": "writing", "status": "completed", "score": 82.0,
    ...                 "passed": False})
    '82/100'
    >>> result_summary({"kind": "targeted", "status": "completed", "score": 35.25,
    ...                 "passed": False})
    '35.2 net WPM'
    """
    if attempt["status"] != "completed":
        return attempt["status"].capitalize()
    score = attempt["score"] or 0.0
    verdict = "pass" if attempt["passed"] else "fail"
    if attempt["kind"] == "typing":
        return f"{score:.1f} net WPM: {verdict}"
    if attempt["kind"] == "targeted":  # practice rounds set no bar
        return f"{score:.1f} net WPM"
    if attempt["kind"] == "quiz":
        return f"{score:.0f}%: {verdict}"
    if attempt["kind"] == "data-entry":
        return f"{score:,.0f} KPH: {verdict}"
    return f"{score:.0f}/100"


class HomePage(QWidget):
    """Activity cards. ``activityChosen`` carries the activity's id."""

    activityChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(PRODUCT_NAME)
        set_role(title, "display")
        subtitle = QLabel(
            "Practise and prove the skills back-office employers hire on. "
            "Every result is saved on this computer."
        )
        subtitle.setWordWrap(True)
        set_role(subtitle, "lead")
        self.greeting_label = QLabel()
        set_role(self.greeting_label, "hint")
        self._grid = QGridLayout()
        self._grid.setSpacing(CARD_SPACING)
        self.cards: dict[str, QPushButton] = {}
        results_caption = QLabel("Your latest results")
        set_role(results_caption, "heading")
        self.best_label = QLabel()
        self.best_label.setObjectName("bestNetWpm")
        self.best_label.setWordWrap(True)
        self.results_table = QTableWidget(0, 3)
        self.results_table.setAccessibleName("Your latest results")
        self.results_table.setHorizontalHeaderLabels(["When", "Activity", "Result"])
        self.results_table.verticalHeader().hide()
        self.results_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.results_table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.results_table.setTabKeyNavigation(False)
        self.results_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.greeting_label)
        layout.addLayout(self._grid)
        layout.addSpacing(CARD_SPACING)
        layout.addWidget(results_caption)
        layout.addWidget(self.best_label)
        layout.addWidget(self.results_table, 1)
        # Takes the spare height while there is no result to list, so the
        # page stays packed at the top instead of spreading out.
        layout.addStretch(0)
        self._layout = layout

    def add_activity(self, activity_id: str, title: str, description: str) -> QPushButton:
        """Add a card; clicking it emits ``activityChosen(activity_id)``."""
        card = QPushButton()
        card.setObjectName(f"card-{activity_id}")
        card.setAccessibleName(title)
        card.setAccessibleDescription(description)
        # A button cannot wrap its own text, so the card carries two labels
        # that can; clicks go through them to the button.
        heading = QLabel(title)
        set_role(heading, "heading")
        detail = QLabel(description)
        detail.setWordWrap(True)
        card_layout = QVBoxLayout(card)
        for label in (heading, detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            card_layout.addWidget(label)
        set_role(card, "card")
        card.setMinimumHeight(96)
        card.setCursor(Qt.CursorShape.PointingHandCursor)
        card.clicked.connect(lambda: self.activityChosen.emit(activity_id))
        row, column = divmod(len(self.cards), 2)
        self._grid.addWidget(card, row, column)
        self.cards[activity_id] = card
        return card

    def show_results(self, recent: list[dict], best_net_wpm: float | None,
                     bar_net_wpm: float) -> None:
        """List the newest results (see ``Store.recent_attempts``) and the best
        net WPM against the typing bar."""
        if best_net_wpm is None:
            self.best_label.setText(
                f"No typing test finished yet. The bar is {bar_net_wpm:g} net words per minute."
            )
        else:
            above = "at or above" if best_net_wpm >= bar_net_wpm else "below"
            self.best_label.setText(
                f"Best typing speed: {best_net_wpm:.1f} net WPM, {above} the bar of "
                f"{bar_net_wpm:g}."
            )
        self.results_table.setRowCount(len(recent))
        for row, attempt in enumerate(recent):
            cells = (local_time(attempt["started_at"]),
                     f"{KIND_NAMES.get(attempt['kind'], attempt['kind'])}: "
                     f"{attempt['item_title'] or ''}",
                     result_summary(attempt))
            for column, text in enumerate(cells):
                self.results_table.setItem(row, column, QTableWidgetItem(text))
        self.results_table.setVisible(bool(recent))
        self._layout.setStretch(self._layout.count() - 1, 0 if recent else 1)

    def show_candidate(self, name: str) -> None:
        """Say whose results are being saved."""
        self.greeting_label.setText(
            f"Results are saved for {name}." if name
            else "Tip: set your name in Settings so your results carry it."
        )
