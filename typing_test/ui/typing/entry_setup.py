"""Choosing a data-entry test: form entry or 10-key, the task, the length,
whether the numeric keypad is required, and the bar it is judged against.

The bar (accuracy, 98 % by default, and keystrokes per hour, HR's to set)
is stored as settings. On a PC where HR has set an admin password the bar
is HR's: its boxes are closed (``set_hr_controls_open(False)``) and show the
stored bar, as the typing test's pass bar is in Settings.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.data_entry import DataEntryBar
from typing_test.core.typing.entry_tasks import EntryTask
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import page_layout, set_role

MODES = {"form": "Form entry: records from documents", "tenkey": "10-key: columns of numbers"}
LENGTHS_MIN = (1, 2, 3, 5, 10)


def bar_in_words(bar: DataEntryBar) -> str:
    """What it takes to pass, as the setup and the result say it.

    >>> bar_in_words(DataEntryBar(98, 0))
    'at least 98% accuracy (no speed bar is set)'
    >>> bar_in_words(DataEntryBar(98, 8000))
    'at least 98% accuracy and 8,000 keystrokes per hour'
    """
    if bar.min_kph:
        return f"at least {bar.min_accuracy:g}% accuracy and {bar.min_kph:,.0f} keystrokes per hour"
    return f"at least {bar.min_accuracy:g}% accuracy (no speed bar is set)"


class EntrySetup(QWidget):
    """Mode, task, length, keypad and bar pickers.

    ``startRequested(task, seconds, keypad_required)``; ``bar()`` is the bar
    the boxes show.
    """

    startRequested = Signal(object, int, bool)

    def __init__(self, tasks: Sequence[EntryTask], parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = list(tasks)
        heading = QLabel("Data entry test")
        set_role(heading, "title")
        self.lead_label = QLabel()
        self.lead_label.setWordWrap(True)
        self.lead_label.setMaximumWidth(760)
        set_role(self.lead_label, "lead")

        self.mode_box = QComboBox()
        for mode, label in MODES.items():
            self.mode_box.addItem(label, mode)
        self.task_box = QComboBox()
        self.length_box = QComboBox()
        self.keypad_box = QCheckBox("Numeric keypad required (10-key)")
        self.keypad_box.setToolTip("Off suits a laptop without a keypad. On: an entry keyed "
                                   "on the number row counts as wrong.")
        self.accuracy_box = QDoubleSpinBox()
        self.accuracy_box.setRange(1, 100)
        self.accuracy_box.setDecimals(0)
        self.accuracy_box.setSuffix(" %")
        self.kph_box = QDoubleSpinBox()
        self.kph_box.setRange(0, 30000)
        self.kph_box.setDecimals(0)
        self.kph_box.setSingleStep(500)
        self.kph_box.setSpecialValueText("no speed bar")
        self.kph_box.setSuffix(" KPH")
        for box, name in ((self.mode_box, "Kind of test"), (self.task_box, "Task"),
                          (self.length_box, "Length"), (self.accuracy_box, "Accuracy bar"),
                          (self.kph_box, "Speed bar, keystrokes per hour")):
            box.setAccessibleName(name)
        self.bar_note = QLabel()
        self.bar_note.setObjectName("entryBarNote")
        self.bar_note.setWordWrap(True)
        set_role(self.bar_note, "hint")
        self.hr_controls_open = True

        self.start_button = QPushButton("&Start test")
        self.start_button.setDefault(True)
        set_role(self.start_button, "primary")
        self.start_button.clicked.connect(self._request_start)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("&Kind:", self.mode_box)
        form.addRow("&Task:", self.task_box)
        form.addRow("&Length:", self.length_box)
        form.addRow("", self.keypad_box)
        form.addRow("Bar, a&ccuracy:", self.accuracy_box)
        form.addRow("Bar, s&peed:", self.kph_box)
        self.form = form
        self.bar_note.setMaximumWidth(760)
        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(heading)
        layout.addWidget(self.lead_label)
        layout.addLayout(form)
        layout.addWidget(self.bar_note)
        layout.addStretch(1)
        layout.addLayout(button_row(self.start_button))

        self.mode_box.currentIndexChanged.connect(self._on_mode_changed)
        self.task_box.currentIndexChanged.connect(self._on_task_changed)
        self.accuracy_box.valueChanged.connect(self._say_bar)
        self.kph_box.valueChanged.connect(self._say_bar)
        self._on_mode_changed()

    # The bar -------------------------------------------------------------------

    def show_bar(self, bar: DataEntryBar) -> None:
        """Show the stored bar in the boxes and in words."""
        self.accuracy_box.setValue(bar.min_accuracy)
        self.kph_box.setValue(bar.min_kph)
        self._say_bar()

    def bar(self) -> DataEntryBar:
        """The bar the boxes show."""
        return DataEntryBar(min_accuracy=self.accuracy_box.value(),
                            min_kph=self.kph_box.value())

    def set_hr_controls_open(self, open_: bool) -> None:
        """Let the bar be changed here (no admin password set, or HR logged in),
        or show it as HR's."""
        self.hr_controls_open = open_
        self.accuracy_box.setEnabled(open_)
        self.kph_box.setEnabled(open_)
        self._say_bar()

    def _say_bar(self) -> None:
        whose = ("HR sets this bar (Admin)." if not self.hr_controls_open
                 else "Set the speed bar to the one the job asks for (entry-level data-entry "
                      "jobs often ask about 8,000 KPH); it is kept for next time.")
        self.bar_note.setText(f"To pass: {bar_in_words(self.bar())}. {whose}")

    # Choices -------------------------------------------------------------------

    def mode(self) -> str:
        return self.mode_box.currentData()

    def _on_mode_changed(self) -> None:
        mode = self.mode()
        self.task_box.blockSignals(True)
        self.task_box.clear()
        for task in self.tasks:
            if task.kind == mode:
                self.task_box.addItem(task.title, task.id)
        self.task_box.blockSignals(False)
        self.form.setRowVisible(self.keypad_box, mode == "tenkey")
        if mode == "form":
            self.lead_label.setText(
                "Key invoices, orders, customer records or expense claims into a form, one "
                "after another, as fast and as accurately as you can. Every field is checked: "
                "text exactly, amounts and dates by value. Scored in keystrokes per hour (KPH) "
                "and accuracy.")
        else:
            self.lead_label.setText(
                "Key a column of numbers (amounts, codes, some negative), Enter after each. "
                "An entry is right only when every digit is. Scored in keystrokes per hour "
                "(KPH) and accuracy.")
        self.start_button.setEnabled(self.task_box.count() > 0)
        self._on_task_changed()

    def chosen_task(self) -> EntryTask | None:
        task_id = self.task_box.currentData()
        return next((task for task in self.tasks if task.id == task_id), None)

    def _on_task_changed(self) -> None:
        task = self.chosen_task()
        self.length_box.clear()
        if task is not None:
            self.length_box.addItem(f"The task's time ({_minutes(task.time_limit_s)})",
                                    task.time_limit_s)
        for minutes in LENGTHS_MIN:
            if task is None or minutes * 60 != task.time_limit_s:
                self.length_box.addItem(_minutes(minutes * 60), minutes * 60)

    def _request_start(self) -> None:
        task = self.chosen_task()
        if task is None:
            return
        self.startRequested.emit(task, int(self.length_box.currentData()),
                                 task.kind == "tenkey" and self.keypad_box.isChecked())


def _minutes(seconds: int) -> str:
    """'5 minutes', '1 minute', '90 seconds'.

    >>> _minutes(300), _minutes(60), _minutes(90)
    ('5 minutes', '1 minute', '90 seconds')
    """
    if seconds % 60:
        return f"{seconds} seconds"
    minutes = seconds // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
