"""The attempts of one kind as a Qt table model that reads SQLite a page at a
time: a list of 100,000 attempts opens as fast as a list of ten.

The view asks for more rows as it scrolls (``canFetchMore``/``fetchMore``);
sorting asks SQLite for the first page in the new order. Only the columns a
list shows are read (``Store.attempt_page``), never a keystroke log.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from typing_test.store.database import Store

PAGE_ROWS = 200
UNREADABLE = "?"  # what a cell shows for a value the database could not read
ATTEMPT_ID_ROLE = Qt.ItemDataRole.UserRole
# Kinds judged against a pass bar; drills are scored but set no bar.
KINDS_WITH_A_BAR = ("typing", "quiz", "data-entry")
# Kinds scored in net WPM and accuracy: typing tests and rounds of targeted practice.
WPM_KINDS = ("typing", "targeted")

Index = QModelIndex | QPersistentModelIndex


def result_text(row: dict) -> str:
    """'Pass', 'Fail', 'Completed', 'Abandoned' or 'Interrupted' for a stored attempt;
    'Damaged', or the result with '(damaged)', for a row that could not be read in full.

    >>> result_text({"status": "completed", "kind": "typing", "passed": True, "damaged": []})
    'Pass'
    >>> result_text({"status": "completed", "kind": "typing", "passed": True,
    ...              "damaged": ["accuracy"]})
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
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso or ""


def _number(row: dict, column: str, text: Callable[[float], str]) -> str:
    if column in row["damaged"]:
        return UNREADABLE
    value = row[column]
    return text(value) if value is not None else ""


def _item(row: dict) -> str:
    title = row["item_title"] or row["item_id"] or ""
    if not title and {"item_title", "item_id"} & set(row["damaged"]):
        return UNREADABLE
    return title


# A column: heading, the cell's text for a row, the order it sorts by.
Column = tuple[str, Callable[[dict], str], str]
TYPING_COLUMNS: list[Column] = [
    ("Date", lambda row: local_time(row["started_at"]), "started_at"),
    ("Passage", _item, "item_title"),
    ("Duration", lambda row: _number(row, "duration_s",
                                     lambda s: f"{int(s) // 60}:{int(s) % 60:02d}"), "duration_s"),
    ("Net WPM", lambda row: _number(row, "score", lambda wpm: f"{wpm:.1f}"), "score"),
    ("Accuracy", lambda row: _number(row, "accuracy", lambda p: f"{p:.1f}%"), "accuracy"),
    ("Result", result_text, "result"),
]
SCORED_COLUMNS: list[Column] = [  # quizzes and drills, scored in percent
    ("Date", lambda row: local_time(row["started_at"]), "started_at"),
    ("Item", _item, "item_title"),
    ("Duration", lambda row: _number(row, "duration_s",
                                     lambda s: f"{int(s) // 60}:{int(s) % 60:02d}"), "duration_s"),
    ("Score", lambda row: _number(row, "score", lambda p: f"{p:.0f}%"), "score"),
    ("Result", result_text, "result"),
]

DATA_ENTRY_COLUMNS: list[Column] = [  # scored in keystrokes per hour and accuracy
    ("Date", lambda row: local_time(row["started_at"]), "started_at"),
    ("Task", _item, "item_title"),
    ("Duration", lambda row: _number(row, "duration_s",
                                     lambda s: f"{int(s) // 60}:{int(s) % 60:02d}"), "duration_s"),
    ("KPH", lambda row: _number(row, "score", lambda kph: f"{kph:,.0f}"), "score"),
    ("Accuracy", lambda row: _number(row, "accuracy", lambda p: f"{p:.1f}%"), "accuracy"),
    ("Result", result_text, "result"),
]
COLUMNS_OF_KIND = {"typing": TYPING_COLUMNS, "targeted": TYPING_COLUMNS,
                   "data-entry": DATA_ENTRY_COLUMNS}


class AttemptsModel(QAbstractTableModel):
    """The practice attempts of one kind, newest first until sorted otherwise."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.kind = "typing"
        self.columns = TYPING_COLUMNS
        self.order_by, self.descending = "started_at", True
        self.candidate: str | None = None
        self.rows: list[dict] = []
        self.total = 0

    def load(self, kind: str, candidate: str | None = None) -> None:
        """List the attempts of ``kind`` (of ``candidate`` only, when given)
        from the first page, in the current order."""
        self.beginResetModel()
        self.kind, self.candidate = kind, candidate
        self.columns = COLUMNS_OF_KIND.get(kind, SCORED_COLUMNS)
        if self.order_by not in {order for _, _, order in self.columns}:
            self.order_by, self.descending = "started_at", True
        self.total = self.store.attempt_count(kind, candidate)
        self._read_first_page()
        self.endResetModel()

    def _read_first_page(self) -> None:
        self.rows = self.store.attempt_page(self.kind, order_by=self.order_by,
                                            descending=self.descending, limit=PAGE_ROWS,
                                            candidate=self.candidate)

    def damaged_rows(self) -> int:
        """How many of the rows read so far could not be read in full."""
        return sum(1 for row in self.rows if row["damaged"])

    # QAbstractTableModel --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.columns[index.column()][1](row)
        if role == ATTEMPT_ID_ROLE:
            return row["id"]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section][0]
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid():
            return
        page = self.store.attempt_page(self.kind, order_by=self.order_by,
                                       descending=self.descending, limit=PAGE_ROWS,
                                       offset=len(self.rows), candidate=self.candidate)
        if not page:
            self.total = len(self.rows)  # some were deleted meanwhile
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.order_by = self.columns[column][2]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.beginResetModel()  # the same attempts in another order: no count again
        self._read_first_page()
        self.endResetModel()
