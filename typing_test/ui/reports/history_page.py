"""Past attempts in a sortable table, with the best and the average.

A row the database could not read in full (a damaged file) is still listed:
its readable figures are shown, the unreadable ones as "?", its result says
"damaged", and a line above the table says how many there are.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from typing_test.store.database import Store
from typing_test.store.settings import load_entry_bar, load_pass_bar
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.chart import Bars, ChartData, ChartView
from typing_test.ui.common.confirmation_bar import confirmation_bar
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.reports.attempts_model import (
    ATTEMPT_ID_ROLE,
    UNREADABLE,
    WPM_KINDS,
    AttemptsModel,
)
from typing_test.ui.reports.export_dialog import ExportDialog

# Kinds whose full result page can be rebuilt from what is stored.
OPENABLE_KINDS = ("typing", "quiz", "proofreading", "writing", "targeted", "data-entry")


def typing_summary(best: float | None, average: float | None, count: int,
                   noun: str = "test") -> str:
    """The best and average net WPM of ``count`` completed typing tests (or
    other ``noun``: rounds of targeted practice).

    >>> typing_summary(62.4, 46.8, 2)
    'Best 62.4 net WPM · average 46.8 over 2 completed tests'
    >>> typing_summary(None, None, 0, "round")
    'No completed rounds yet.'
    """
    if not count:
        return "No completed typing tests yet." if noun == "test" else (
            f"No completed {noun}s yet.")
    return (f"Best {best:.1f} net WPM · average {average:.1f}"
            f" over {count} completed {noun}{'s' if count > 1 else ''}")


def data_entry_summary(best: float | None, average: float | None, count: int) -> str:
    """The best and average keystrokes per hour of ``count`` completed data-entry tests.

    >>> data_entry_summary(9120.4, 8030.0, 3)
    'Best 9,120 KPH · average 8,030 over 3 completed tests'
    """
    if not count:
        return "No completed data-entry tests yet."
    return (f"Best {best:,.0f} KPH · average {average:,.0f}"
            f" over {count} completed test{'s' if count > 1 else ''}")


def scored_summary(best: float | None, average: float | None, count: int, label: str) -> str:
    """The best and average score of ``count`` completed attempts, named ``label``."""
    if not count:
        return f"No completed {label.lower()} yet."
    return f"Best {best:.0f}% · average {average:.0f}% over {count} completed"


def damage_report(count: int, unlisted: int = 0) -> str:
    """What is damaged: ``count`` attempts listed that could not be read in
    full, and the ``unlisted`` attempts whose kind could not be read; '' when
    nothing is.

    >>> damage_report(1)[:61]
    'The database is damaged: 1 attempt could not be read in full.'
    >>> damage_report(0, unlisted=2)[:79]
    'The database is damaged: 2 attempts cannot be listed (their kind is unreadable)'
    """
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


def _short_date(iso: str) -> str:
    """'3 Mar' for an ISO time (local date), or '' when it cannot be read."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError):
        return ""
    return f"{moment.day} {moment.strftime('%b')}"


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
        self._unlisted = 0  # attempts whose kind cannot be read, counted on reload
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
        # Progress at a glance: the figure over the latest attempts, with the bar.
        self.score_chart = ChartView()
        self.score_chart.setObjectName("scoreChart")
        self.accuracy_chart = ChartView()
        self.accuracy_chart.setObjectName("accuracyChart")
        charts = QHBoxLayout()
        charts.addWidget(self.score_chart)
        charts.addWidget(self.accuracy_chart)
        # The list reads SQLite a page at a time as it scrolls (AttemptsModel),
        # and SQLite sorts it: 100,000 attempts open as fast as ten.
        self.model = AttemptsModel(store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Your attempts")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.modelReset.connect(self._show_damage)
        self.model.rowsInserted.connect(self._show_damage)
        self.table.activated.connect(lambda _index: self.open_selected())

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
        self.export_button = QPushButton("E&xport...")
        self.export_button.setToolTip("Save your results as a CSV, Excel or PDF file")
        self.export_button.clicked.connect(self.open_export)
        self.export_dialog: ExportDialog | None = None
        buttons = button_row(self.open_button, self.delete_button, self.export_button)

        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.kind_box)
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.damage_label)
        layout.addLayout(charts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.delete_bar)
        layout.addLayout(buttons)
        self._update_buttons()

    def open_export(self) -> None:
        """Open the export dialog for the practice results (never a screening's)."""
        self.export_dialog = ExportDialog(self.store, include_screenings=False, parent=self)
        self.export_dialog.open()

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
        """Read the attempts of the chosen kind again: the first page of the
        list, the summary and the charts."""
        kind = self._kind()
        self.model.load(kind, candidate=self.only_candidate)
        best, average, count = self.store.score_summary(kind, self.only_candidate)
        if kind in WPM_KINDS:
            self.summary_label.setText(typing_summary(
                best, average, count, "test" if kind == "typing" else "round"))
        elif kind == "data-entry":
            self.summary_label.setText(data_entry_summary(best, average, count))
        else:
            self.summary_label.setText(
                scored_summary(best, average, count, self.kind_box.currentText()))
        if self.only_candidate is not None:
            whose = (f"under the name {self.only_candidate}" if self.only_candidate
                     else "without a name")
            self.scope_label.setText(f"Practice mode: only the attempts saved {whose} "
                                     "(Settings) are listed.")
        self.scope_label.setVisible(self.only_candidate is not None)
        self._show_charts(kind)
        self._unlisted = self.store.count_of_unknown_kind()
        self._show_damage()

    def _show_damage(self) -> None:
        self.damage_label.setText(damage_report(self.model.damaged_rows(),
                                                self._unlisted))
        self.damage_label.setVisible(bool(self.damage_label.text()))

    def row_count(self) -> int:
        """How many rows the list holds now (more come as it scrolls)."""
        return self.model.rowCount()

    def cell_text(self, row: int, column: int) -> str:
        """What the list shows at ``row``, ``column``."""
        return self.model.data(self.model.index(row, column))

    def select_row(self, row: int) -> None:
        """Pick ``row``, as a click would."""
        self.table.selectRow(row)

    def _show_charts(self, kind: str) -> None:
        """Chart the newest completed attempts of ``kind``: net WPM and accuracy
        against the typing bar; the score of a quiz and the average score per
        topic; or the score of a drill."""
        series = self.store.score_series(kind, self.only_candidate)
        labels = tuple(_short_date(started) for started, _, _ in series)
        if kind in WPM_KINDS:
            # Practice rounds set no bar; the typing test's is drawn for typing tests.
            bar = load_pass_bar(self.store) if kind == "typing" else None
            self.score_chart.set_chart(ChartData(
                "Net WPM", tuple(score for _, score, _ in series), labels,
                bar.min_net_wpm if bar else None))
            self.accuracy_chart.set_chart(ChartData(
                "Accuracy", tuple(accuracy or 0.0 for _, _, accuracy in series), labels,
                bar.min_accuracy if bar else None, unit="%", from_zero=False))
        elif kind == "data-entry":
            entry_bar = load_entry_bar(self.store)
            self.score_chart.set_chart(ChartData(
                "Keystrokes per hour", tuple(score for _, score, _ in series), labels,
                entry_bar.min_kph or None))
            self.accuracy_chart.set_chart(ChartData(
                "Accuracy", tuple(accuracy or 0.0 for _, _, accuracy in series), labels,
                entry_bar.min_accuracy, unit="%", from_zero=False))
        else:
            self.score_chart.set_chart(ChartData(
                "Score", tuple(score for _, score, _ in series), labels, unit="%"))
        if kind == "quiz":  # the second chart: where the quizzes went well, or not
            self.accuracy_chart.set_chart(Bars(
                "Average score per topic", tuple(self.store.topic_scores(self.only_candidate))))
        self.accuracy_chart.setVisible(kind in (*WPM_KINDS, "quiz", "data-entry"))

    def selected_attempt_id(self) -> str | None:
        """The id of the attempt in the picked row, or None."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        return self.model.data(self.model.index(rows.pop(), 0), ATTEMPT_ID_ROLE)

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
        rows = self.table.selectionModel().selectedRows()
        if self.selected_attempt_id() is None or not rows:
            return
        when = self.cell_text(rows[0].row(), 0)
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
