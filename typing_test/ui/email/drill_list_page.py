"""Choosing an email drill: a proofreading drill or a writing scenario.

Two tabs, each a table of drills with their title, difficulty and time limit.
Start (or a double click, or Enter on a row) emits ``proofreadingChosen`` or
``writingChosen`` with the drill; the main window starts it. Drill files that
did not load are named in a notice above the tabs; the others work as usual.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.email.drills import DrillSet, ProofreadingDrill, WritingScenario
from typing_test.ui.common.theme import page_layout, set_role

PROOFREADING_INTRO = (
    "Correct the mistakes in a business email before the time runs out: spelling, grammar, "
    "punctuation, capital letters and wrong words. Changing text that is already right "
    "counts against you."
)
WRITING_INTRO = (
    "Read a work situation and write the email reply before the time runs out. Your reply is "
    "scored out of 100 for spelling and grammar, email structure, and covering the points "
    "the situation asks for."
)


def time_limit_text(minutes: float) -> str:
    """A time limit as the lists show it: "5 min", or "7:30 min" for part minutes."""
    seconds = round(minutes * 60)
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds // 60}:{seconds % 60:02d} min"


def _table(columns: list[str], accessible_name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(accessible_name)
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the Start button
    header = table.horizontalHeader()
    header.setMinimumSectionSize(96)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(columns)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _selected_row(table: QTableWidget) -> int:
    """The selected row of ``table``, or -1."""
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(row, column, item)
    if rows:
        table.selectRow(0)


class DrillListPage(QWidget):
    """The drills of ``drills`` in two tabs, "Proofreading" and "Writing".

    ``proofreadingChosen(ProofreadingDrill)`` and ``writingChosen(WritingScenario)``
    say which drill the candidate started.
    """

    proofreadingChosen = Signal(object)
    writingChosen = Signal(object)

    def __init__(self, drills: DrillSet, parent: QWidget | None = None):
        super().__init__(parent)
        self.proofreading_drills: list[ProofreadingDrill] = list(drills.proofreading.values())
        self.writing_scenarios: list[WritingScenario] = list(drills.writing.values())

        heading = QLabel("Email drills")
        set_role(heading, "title")
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setWordWrap(True)
        set_role(self.problems_label, "notice")
        if drills.problems:
            names = [f"{p.path.parent.name}/{p.path.name}" for p in drills.problems]
            self.problems_label.setText(
                f"{len(names)} drill file{'s' if len(names) > 1 else ''} could not be loaded "
                f"and {'are' if len(names) > 1 else 'is'} not listed: {', '.join(names)}. "
                "The other drills work as usual."
            )
            self.problems_label.setToolTip("\n".join(p.message for p in drills.problems))
        else:
            self.problems_label.hide()

        self.proofreading_table = _table(["Drill", "Difficulty", "Mistakes", "Time limit"],
                                         "Proofreading drills")
        _fill(
            self.proofreading_table,
            [
                (
                    drill.title,
                    drill.difficulty.capitalize(),
                    str(len(drill.mistakes)),
                    time_limit_text(drill.time_limit_minutes),
                )
                for drill in self.proofreading_drills
            ],
        )
        self.writing_table = _table(["Situation", "Difficulty", "Length", "Time limit"],
                                    "Writing scenarios")
        _fill(
            self.writing_table,
            [
                (
                    scenario.title,
                    scenario.difficulty.capitalize(),
                    f"{scenario.min_words}-{scenario.max_words} words",
                    time_limit_text(scenario.time_limit_minutes),
                )
                for scenario in self.writing_scenarios
            ],
        )
        self.proofreading_start_button = QPushButton("Start &proofreading drill")
        self.writing_start_button = QPushButton("Start &writing drill")

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Kind of drill")
        for name, intro, table, button, start in (
            (
                "Proofreading",
                PROOFREADING_INTRO,
                self.proofreading_table,
                self.proofreading_start_button,
                self.start_proofreading,
            ),
            (
                "Writing",
                WRITING_INTRO,
                self.writing_table,
                self.writing_start_button,
                self.start_writing,
            ),
        ):
            self.tabs.addTab(self._section(intro, table, button, start), name)

        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(heading)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.tabs, 1)

    def _section(self, intro: str, table: QTableWidget, button: QPushButton, start) -> QWidget:
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        set_role(intro_label, "lead")
        how = QLabel("Choose a drill, then press Start (or double-click it).")
        set_role(how, "hint")
        set_role(button, "primary")
        button.setEnabled(table.rowCount() > 0)
        button.clicked.connect(start)
        # "Activated" is a double click or Enter (a single click where the
        # platform style says so), as in a file manager.
        table.activated.connect(lambda _index: start())
        table.itemSelectionChanged.connect(
            lambda: button.setEnabled(bool(table.selectedIndexes()))
        )
        footer = QHBoxLayout()
        footer.addWidget(how, 1)
        footer.addWidget(button)
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.addWidget(intro_label)
        layout.addWidget(table, 1)
        layout.addLayout(footer)
        return section

    def show_section(self, kind: str) -> None:
        """Bring the "proofreading" or "writing" tab to the front."""
        self.tabs.setCurrentIndex(1 if kind == "writing" else 0)

    def start_proofreading(self) -> None:
        """Emit ``proofreadingChosen`` with the selected proofreading drill."""
        row = _selected_row(self.proofreading_table)
        if 0 <= row < len(self.proofreading_drills):
            self.proofreadingChosen.emit(self.proofreading_drills[row])

    def start_writing(self) -> None:
        """Emit ``writingChosen`` with the selected writing scenario."""
        row = _selected_row(self.writing_table)
        if 0 <= row < len(self.writing_scenarios):
            self.writingChosen.emit(self.writing_scenarios[row])
