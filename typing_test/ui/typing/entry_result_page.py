"""The result of a data-entry test: KPH, accuracy, the verdict in words, and
every field (form entry) or entry (10-key) keyed wrong.

The page shows a result the core scored from the log; it never scores
anything itself. The same page reopens a stored attempt from the history.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.data_entry import DataEntryBar, FormResult, TenKeyResult
from typing_test.core.typing.entry_tasks import EntryTask
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.confirmation_bar import minutes_seconds
from typing_test.ui.common.review_parts import figures_grid, show_banner
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.typing.tenkey_page import keyed_as

FIGURES = (("kph", "Keystrokes per hour"), ("accuracy", "Accuracy"), ("right", "Right"),
           ("detail", ""), ("keystrokes", "Keystrokes"), ("duration", "Duration"))


def verdict_reason(result: FormResult | TenKeyResult, bar: DataEntryBar) -> str:
    """Why the run passed or failed, in words.

    >>> from typing_test.core.typing.data_entry import score_tenkey
    >>> result = score_tenkey(["1"], [{"t": 1000, "key": "1"}, {"t": 2000, "key": "\\n"}])
    >>> verdict_reason(result, DataEntryBar(98, 8000))
    'Speed 3,600 KPH (below the 8,000 KPH bar); accuracy 100.0% (meets the 98% bar).'
    """
    if bar.min_kph:
        speed = (f"Speed {result.kph:,.0f} KPH ({'meets' if result.kph >= bar.min_kph else 'below'}"
                 f" the {bar.min_kph:,.0f} KPH bar)")
    else:
        speed = f"Speed {result.kph:,.0f} KPH (no speed bar is set)"
    accuracy = (f"accuracy {result.accuracy:.1f}% "
                f"({'meets' if result.accuracy >= bar.min_accuracy else 'below'} the "
                f"{bar.min_accuracy:g}% bar)")
    return f"{speed}; {accuracy}."


def keys_used(result: TenKeyResult) -> str:
    """Which keys the digits came from, in words.

    >>> from typing_test.core.typing.data_entry import score_tenkey
    >>> keys_used(score_tenkey(["12"], [{"t": 1, "key": "1", "keypad": True},
    ...                                 {"t": 2, "key": "2", "keypad": False}]))
    'Digits keyed on both: 1 on the numeric keypad, 1 on the number row.'
    """
    if result.digits_from == "none":
        return "No digits were keyed."
    if result.digits_from != "both":
        where = "the numeric keypad" if result.digits_from == "keypad" else "the number row"
        return f"Every digit was keyed on {where}."
    return (f"Digits keyed on both: {result.keypad_digits} on the numeric keypad, "
            f"{result.number_row_digits} on the number row.")


class EntryResultPage(QWidget):
    """Shows one data-entry result. ``againRequested`` and ``homeRequested`` navigate."""

    againRequested = Signal()
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("reason")
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason_label.setWordWrap(True)
        self.task_label = QLabel()
        set_role(self.task_label, "hint")
        self.keys_label = QLabel()
        self.keys_label.setObjectName("keysUsed")
        self.keys_label.setWordWrap(True)

        grid, self.figure_labels, self.caption_labels = figures_grid(FIGURES, columns=3)

        self.errors_caption = QLabel()
        set_role(self.errors_caption, "strong")
        self.errors_table = QTableWidget(0, 4)
        self.errors_table.setAccessibleName("Keyed wrong")
        self.errors_table.setTabKeyNavigation(False)
        self.errors_table.verticalHeader().hide()
        self.errors_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.errors_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.again_button = QPushButton("Take &another test")
        self.again_button.clicked.connect(self.againRequested)
        set_role(self.again_button, "primary")
        self.home_button = QPushButton("H&ome")
        self.home_button.clicked.connect(self.homeRequested)

        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.task_label)
        layout.addLayout(grid)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.errors_caption)
        layout.addWidget(self.errors_table, 1)
        layout.addLayout(button_row(self.home_button, self.again_button))

    def show_result(self, task: EntryTask, result: FormResult | TenKeyResult,
                    bar: DataEntryBar, abandoned: bool = False) -> None:
        """Fill the page from ``result`` of ``task`` judged against ``bar``."""
        if abandoned:
            show_banner(self.verdict_label, "ABANDONED", "none")
            self.reason_label.setText("The test was abandoned; it is saved, and it is not a "
                                      "pass. " + verdict_reason(result, bar))
        else:
            passed = result.passed(bar)
            show_banner(self.verdict_label, "PASS" if passed else "FAIL",
                        "pass" if passed else "fail")
            self.reason_label.setText(verdict_reason(result, bar))
        mode = "form entry" if task.kind == "form" else "10-key"
        self.task_label.setText(f"Task: {task.title} ({mode})")
        values = {"kph": f"{result.kph:,.0f}", "accuracy": f"{result.accuracy:.1f}%",
                  "keystrokes": f"{result.keystrokes:,}",
                  "duration": minutes_seconds(result.duration_s)}
        if isinstance(result, FormResult):
            self._show_form(task, result, values)
        else:
            self._show_tenkey(task, result, values)
        for key, text in values.items():
            self.figure_labels[key].setText(text)

    def _show_form(self, task: EntryTask, result: FormResult, values: dict) -> None:
        self.caption_labels["right"].setText("Fields right")
        values["right"] = f"{result.fields_right} of {result.fields_scored}"
        self.caption_labels["detail"].setText("Character accuracy")
        values["detail"] = f"{result.character_accuracy:.1f}%"
        self.keys_label.setText(
            f"{result.records_started} record{'s' if result.records_started != 1 else ''} "
            "started (in the last one, only the fields typed into count). Amounts and dates "
            "count by value; text must match exactly.")
        labels = {form_field.name: form_field.label for form_field in task.fields}
        rows = [(str(error.record + 1), labels.get(error.field, error.field),
                 error.typed or "(empty)", error.expected) for error in result.field_errors]
        self._fill(["Record", "Field", "You typed", "Expected"], rows,
                   "Fields keyed wrong")

    def _show_tenkey(self, task: EntryTask, result: TenKeyResult, values: dict) -> None:
        self.caption_labels["right"].setText("Entries right")
        values["right"] = f"{result.entries_right} of {result.entries}"
        self.caption_labels["detail"].setText("Keys used")
        values["detail"] = {"keypad": "Keypad", "number row": "Number row",
                            "both": "Both", "none": "None"}[result.digits_from]
        words = keys_used(result)
        if result.keypad_required:
            off = result.entries_off_keypad
            words += " The numeric keypad was required: " + (
                "every entry was keyed on it." if not off else
                "1 entry keyed on the number row counts as wrong." if off == 1 else
                f"{off} entries keyed on the number row count as wrong.")
        self.keys_label.setText(words)
        rows = [(str(error.entry + 1), error.typed or "(empty)",
                 keyed_as(error.expected) or "(no number)",
                 "Digits wrong" if keyed_as(error.typed) != keyed_as(error.expected)
                 else "Number row used") for error in result.entry_errors]
        self._fill(["Entry", "You typed", "Expected", "Why"], rows, "Entries keyed wrong")

    def _fill(self, headings: list[str], rows: list[tuple[str, ...]], caption: str) -> None:
        self.errors_table.setHorizontalHeaderLabels(headings)
        self.errors_table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.errors_table.setItem(row, column, QTableWidgetItem(text))
        self.errors_caption.setText(f"{caption} ({len(rows)})" if rows else f"{caption}: none")
