"""Past attempts in a sortable table, with the best and the average.

A row the database could not read in full (a damaged file) is still listed:
its readable figures are shown, the unreadable ones as "?", its result says
"damaged", and a line above the table says how many there are.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from typing_test.store.database import Store
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.confirmation_bar import confirmation_bar
from typing_test.ui.common.theme import page_layout, set_role


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


# Kinds judged against a pass bar; drills are scored but set no bar.
KINDS_WITH_A_BAR = ("typing", "quiz")


UNREADABLE = "?"  # what a cell shows for a value the database could not read
ATTEMPT_ID_ROLE = Qt.ItemDataRole.UserRole
# Kinds whose full result page can be rebuilt from what is stored.
OPENABLE_KINDS = ("typing", "quiz", "proofreading", "writing")


def result_text(row: dict) -> str:
    """'Pass', 'Fail', 'Completed', 'Abandoned' or 'Interrupted' for a stored attempt;
    'Damaged', or the result with '(damaged)', for a row that could not be read in full.

    >>> result_text({"status": "completed", "kind": "typing", "passed": True, "damaged": []})
    'Pass'
    >>> result_text({"status": "completed", "kind": "typing", "passed": True,
    ...              "damaged": ["keystrokes"]})
    'Pass (damaged)'
    >>> result_text({"status": None, "kind": "typing", "passed": False, "damaged": ["status"]})
    'Damaged'
    """
    damaged = row.get("damaged")
    if not row["status"] or (damaged and "passed" in damaged):
        return "Damaged"
    if row["status"] != "completed":
        text = row["status"].capitalize()
    elif row["kind"] not in KINDS_WITH_A_BAR:
        text = "Completed"
    else:
        text = "Pass" if row["passed"] else "Fail"
    return f"{text} (damaged)" if damaged else text


def local_time(iso: str) -> str:
    """An ISO 8601 UTC time as local 'YYYY-MM-DD HH:MM'."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso or ""


# One function a column: the cell a stored attempt shows there.
def _date_cell(row: dict) -> SortableItem:
    cell = SortableItem(local_time(row["started_at"]), row["started_at"])
    cell.setData(ATTEMPT_ID_ROLE, row["id"])  # which attempt a picked row is
    return cell


def _item_cell(row: dict) -> SortableItem:
    title = row["item_title"] or row["item_id"] or ""
    if not title and {"item_title", "item_id"} & set(row.get("damaged", ())):
        title = UNREADABLE
    return SortableItem(title, title)


def _number_cell(row: dict, column: str, text: Callable[[float], str]) -> SortableItem:
    """A figure's cell: ``text(value)``, or "?" when the value could not be read."""
    if column in row.get("damaged", ()):
        return SortableItem(UNREADABLE, -1.0)
    value = row[column] or 0.0
    return SortableItem(text(value), value)


def _duration_cell(row: dict) -> SortableItem:
    return _number_cell(row, "duration_s", lambda s: f"{int(s) // 60}:{int(s) % 60:02d}")


def _net_wpm_cell(row: dict) -> SortableItem:
    return _number_cell(row, "score", lambda wpm: f"{wpm:.1f}")


def _accuracy_cell(row: dict) -> SortableItem:
    return _number_cell(row, "accuracy", lambda percent: f"{percent:.1f}%")


def _percent_cell(row: dict) -> SortableItem:
    return _number_cell(row, "score", lambda percent: f"{percent:.0f}%")


def _result_cell(row: dict) -> SortableItem:
    return SortableItem(result_text(row), result_text(row))


# The columns of each kind of attempt: (heading, cell function).
Columns = list[tuple[str, Callable[[dict], SortableItem]]]
TYPING_COLUMNS: Columns = [
    ("Date", _date_cell),
    ("Passage", _item_cell),
    ("Duration", _duration_cell),
    ("Net WPM", _net_wpm_cell),
    ("Accuracy", _accuracy_cell),
    ("Result", _result_cell),
]
SCORED_COLUMNS: Columns = [  # quizzes and drills, scored in percent
    ("Date", _date_cell),
    ("Item", _item_cell),
    ("Duration", _duration_cell),
    ("Score", _percent_cell),
    ("Result", _result_cell),
]


def _completed_scores(rows: list[dict]) -> list[float]:
    """The scores of the completed attempts in ``rows`` that could be read."""
    return [row["score"] for row in rows
            if row["status"] == "completed" and isinstance(row["score"], int | float)]


def typing_summary(rows: list[dict]) -> str:
    """The best and average net WPM of the completed typing tests in ``rows``."""
    completed = _completed_scores(rows)
    if not completed:
        return "No completed typing tests yet."
    return (
        f"Best {max(completed):.1f} net WPM · average {sum(completed) / len(completed):.1f}"
        f" over {len(completed)} completed test{'s' if len(completed) > 1 else ''}"
    )


def scored_summary(rows: list[dict], label: str) -> str:
    """The best and average score of the completed attempts in ``rows``, named ``label``."""
    completed = _completed_scores(rows)
    if not completed:
        return f"No completed {label.lower()} yet."
    return (
        f"Best {max(completed):.0f}% · average {sum(completed) / len(completed):.0f}%"
        f" over {len(completed)} completed"
    )


def damage_report(rows: list[dict], unlisted: int = 0) -> str:
    """What is damaged among ``rows``, and the ``unlisted`` attempts whose kind
    could not be read; '' when nothing is.

    >>> damage_report([{"damaged": ["figures"]}, {"damaged": []}])[:61]
    'The database is damaged: 1 attempt could not be read in full.'
    >>> damage_report([], unlisted=2)[:79]
    'The database is damaged: 2 attempts cannot be listed (their kind is unreadable)'
    """
    count = sum(1 for row in rows if row.get("damaged"))
    if not count and not unlisted:
        return ""
    parts = []
    if count:
        its = "Its" if count == 1 else "Their"
        parts.append(f"{_attempts(count)} could not be read in full. {its} readable figures "
                     f'are shown; "{UNREADABLE}" marks the rest.')
    if unlisted:
        parts.append(f"{_attempts(unlisted)} cannot be listed (their kind is unreadable)."
                     if unlisted > 1 else
                     "1 attempt cannot be listed (its kind is unreadable).")
    return (f"The database is damaged: {' '.join(parts)} Keep a copy of the database file "
            "before anything else is saved.")


def _attempts(count: int) -> str:
    return "1 attempt" if count == 1 else f"{count} attempts"


class HistoryPage(QWidget):
    """The attempts stored in ``store``; call ``reload()`` after a new one.

    ``attemptOpened`` carries the id of a typing test, quiz or proofreading
    drill to show in full
    (Enter, a double click or *Open result*); *Delete* removes the picked
    attempt after asking in the page.
    """

    attemptOpened = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        # The name whose attempts alone are listed (practice mode once HR has
        # set an admin password); None lists everyone's.
        self.only_candidate: str | None = None
        heading = QLabel("History")
        set_role(heading, "title")
        self.kind_box = QComboBox()
        self.kind_box.addItem("Typing tests", "typing")
        self.kind_box.currentIndexChanged.connect(self.reload)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("historySummary")
        set_role(self.summary_label, "lead")
        self.scope_label = QLabel()
        self.scope_label.setObjectName("historyScope")
        set_role(self.scope_label, "hint")
        self.scope_label.hide()
        self.damage_label = QLabel()
        self.damage_label.setObjectName("historyDamage")
        self.damage_label.setWordWrap(True)
        set_role(self.damage_label, "error")
        self.damage_label.hide()
        self.table = QTableWidget(0, len(TYPING_COLUMNS))
        self.table.setAccessibleName("Your attempts")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.open_selected())

        self.open_button = QPushButton("&Open result")
        self.open_button.setToolTip("Show this attempt's full result page again")
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton("&Delete...")
        self.delete_button.setToolTip("Delete this attempt from the history")
        self.delete_button.clicked.connect(self._ask_delete)
        self.delete_question = QLabel()
        self.keep_button = QPushButton("&Keep it")
        self.keep_button.clicked.connect(self._keep)
        self.confirm_delete_button = QPushButton("Delete for &good")
        self.confirm_delete_button.clicked.connect(self.delete_selected)
        self.delete_bar = confirmation_bar(
            "deleteBar", "warningBar", self.delete_question, self.keep_button,
            self.confirm_delete_button,
        )
        buttons = button_row(self.open_button, self.delete_button)

        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.kind_box)
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.damage_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.delete_bar)
        layout.addLayout(buttons)
        self._update_buttons()

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
        rows = self.store.attempts(kind=kind, candidate=self.only_candidate)
        self.table.setSortingEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        if kind == "typing":
            self._fill(TYPING_COLUMNS, rows)
            self.summary_label.setText(typing_summary(rows))
        else:
            self._fill(SCORED_COLUMNS, rows)
            self.summary_label.setText(scored_summary(rows, self.kind_box.currentText()))
        if self.only_candidate is not None:
            whose = (f"under the name {self.only_candidate}" if self.only_candidate
                     else "without a name")
            self.scope_label.setText(f"Practice mode: only the attempts saved {whose} "
                                     "(Settings) are listed.")
        self.scope_label.setVisible(self.only_candidate is not None)
        self.damage_label.setText(damage_report(rows, self.store.count_of_unknown_kind()))
        self.damage_label.setVisible(bool(self.damage_label.text()))
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.DescendingOrder)
        self._update_buttons()

    def selected_attempt_id(self) -> str | None:
        """The id of the attempt in the picked row, or None."""
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        cell = self.table.item(rows.pop(), 0)
        return cell.data(ATTEMPT_ID_ROLE) if cell is not None else None

    def _update_buttons(self) -> None:
        picked = self.selected_attempt_id() is not None
        self.open_button.setVisible(self._kind() in OPENABLE_KINDS)
        self.open_button.setEnabled(picked)
        self.delete_button.setEnabled(picked)
        if not picked:
            self.delete_bar.hide()

    def _kind(self) -> str:
        return self.kind_box.currentData() or "typing"

    def open_selected(self) -> None:
        """Show the picked attempt in full (not a writing drill: its feedback
        would need the checker again)."""
        attempt_id = self.selected_attempt_id()
        if attempt_id and self._kind() in OPENABLE_KINDS:
            self.attemptOpened.emit(attempt_id)

    def _ask_delete(self) -> None:
        row = self.table.currentRow()
        if self.selected_attempt_id() is None or row < 0:
            return
        when = self.table.item(row, 0).text()
        self.delete_question.setText(
            f"Delete the attempt of {when} from the history? This cannot be undone."
        )
        self.delete_bar.show()
        self.keep_button.setFocus()

    def _keep(self) -> None:
        self.delete_bar.hide()
        self.table.setFocus()

    def delete_selected(self) -> None:
        """Delete the picked attempt (the confirmed choice) and list the rest."""
        attempt_id = self.selected_attempt_id()
        self.delete_bar.hide()
        if attempt_id is not None:
            self.store.delete_attempt(attempt_id)
            self.reload()

    def _fill(self, columns: Columns, rows: list[dict]) -> None:
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels([heading for heading, _cell in columns])
        for index, row in enumerate(rows):
            for column, (_heading, cell) in enumerate(columns):
                self.table.setItem(index, column, cell(row))
