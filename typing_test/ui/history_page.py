"""Past attempts in a sortable table, with the best and the average."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from typing_test.store.database import Store

TYPING_COLUMNS = ["Date", "Passage", "Duration", "Net WPM", "Accuracy", "Result"]
SCORED_COLUMNS = ["Date", "Item", "Duration", "Score", "Result"]


class SortableItem(QTableWidgetItem):
    """A cell that shows ``text`` but sorts by ``key`` (numbers sort as numbers)."""

    def __init__(self, text: str, key: object):
        super().__init__(text)
        self.sort_key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        other_key = getattr(other, "sort_key", other.text())
        try:
            return self.sort_key < other_key
        except TypeError:
            return str(self.sort_key) < str(other_key)


def result_text(row: dict) -> str:
    """'Pass', 'Fail' or 'Abandoned' for a stored attempt."""
    if row["status"] != "completed":
        return row["status"].capitalize()
    return "Pass" if row["passed"] else "Fail"


def local_time(iso: str) -> str:
    """An ISO 8601 UTC time as local 'YYYY-MM-DD HH:MM'."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso or ""


class HistoryPage(QWidget):
    """The attempts stored in ``store``; call ``reload()`` after a new one."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        heading = QLabel("History")
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.kind_box = QComboBox()
        self.kind_box.addItem("Typing tests", "typing")
        self.kind_box.currentIndexChanged.connect(self.reload)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("historySummary")
        self.summary_label.setStyleSheet("font-size: 12pt;")
        self.table = QTableWidget(0, len(TYPING_COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.kind_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)

    def add_kind(self, kind: str, label: str) -> None:
        """Offer another kind of attempt (scored in percent) in the picker."""
        if self.kind_box.findData(kind) < 0:
            self.kind_box.addItem(label, kind)

    def show_kind(self, kind: str) -> None:
        """Switch the picker to ``kind`` and list its attempts."""
        index = self.kind_box.findData(kind)
        if index >= 0 and index != self.kind_box.currentIndex():
            self.kind_box.setCurrentIndex(index)  # reloads through the signal
        else:
            self.reload()

    def reload(self) -> None:
        """Read the attempts of the chosen kind again and refill the table."""
        kind = self.kind_box.currentData() or "typing"
        rows = self.store.attempts(kind=kind)
        self.table.setSortingEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        if kind == "typing":
            self._fill_typing(rows)
        else:
            self._fill_scored(rows, self.kind_box.currentText())
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.DescendingOrder)

    def _fill_typing(self, rows: list[dict]) -> None:
        self.table.setColumnCount(len(TYPING_COLUMNS))
        self.table.setHorizontalHeaderLabels(TYPING_COLUMNS)
        for index, row in enumerate(rows):
            seconds = row["duration_s"] or 0.0
            cells = [
                SortableItem(local_time(row["started_at"]), row["started_at"]),
                SortableItem(row["item_title"] or row["item_id"] or "", row["item_title"] or ""),
                SortableItem(f"{int(seconds) // 60}:{int(seconds) % 60:02d}", seconds),
                SortableItem(f"{row['score'] or 0:.1f}", row["score"] or 0.0),
                SortableItem(f"{row['accuracy'] or 0:.1f}%", row["accuracy"] or 0.0),
                SortableItem(result_text(row), result_text(row)),
            ]
            for column, cell in enumerate(cells):
                self.table.setItem(index, column, cell)
        completed = [row["score"] for row in rows if row["status"] == "completed"]
        if completed:
            self.summary_label.setText(
                f"Best {max(completed):.1f} net WPM · average {sum(completed) / len(completed):.1f}"
                f" over {len(completed)} completed test{'s' if len(completed) > 1 else ''}"
            )
        else:
            self.summary_label.setText("No completed typing tests yet.")

    def _fill_scored(self, rows: list[dict], label: str) -> None:
        self.table.setColumnCount(len(SCORED_COLUMNS))
        self.table.setHorizontalHeaderLabels(SCORED_COLUMNS)
        for index, row in enumerate(rows):
            seconds = row["duration_s"] or 0.0
            cells = [
                SortableItem(local_time(row["started_at"]), row["started_at"]),
                SortableItem(row["item_title"] or row["item_id"] or "", row["item_title"] or ""),
                SortableItem(f"{int(seconds) // 60}:{int(seconds) % 60:02d}", seconds),
                SortableItem(f"{row['score'] or 0:.0f}%", row["score"] or 0.0),
                SortableItem(result_text(row), result_text(row)),
            ]
            for column, cell in enumerate(cells):
                self.table.setItem(index, column, cell)
        completed = [row["score"] for row in rows if row["status"] == "completed"]
        if completed:
            self.summary_label.setText(
                f"Best {max(completed):.0f}% · average {sum(completed) / len(completed):.0f}%"
                f" over {len(completed)} completed"
            )
        else:
            self.summary_label.setText(f"No completed {label.lower()} yet.")
