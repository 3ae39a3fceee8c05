"""The editor of one data-entry step of a battery, in the Batteries tab.

HR chooses the mode (form entry or 10-key), which tasks a candidate may be
given (none ticked: any task of the mode), the time, whether the numeric
keypad is required (10-key only; off by default, as many office PCs are
laptops) and the two bars: keystrokes per hour (KPH) and accuracy.
:meth:`DataEntryStepEditor.step` gives the step as edited; the tab saves it
with the rest of the battery.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from typing_test.core.screening.batteries import (
    ENTRY_MODE_TITLES,
    ENTRY_MODES,
    MAX_ENTRY_S,
    MAX_KPH,
    MIN_ENTRY_S,
    DataEntryStep,
)
from typing_test.core.typing.entry_tasks import EntryTask
from typing_test.ui.common.theme import set_role

MODE_LABELS = {"form": "Form entry", "tenkey": "10-key"}
TASK_ID_ROLE = Qt.ItemDataRole.UserRole
KPH_STEP = 500  # the arrow keys move the KPH bar by this much
TASK_ROWS_SHOWN = 6


def new_data_entry_step(mode: str = "form") -> DataEntryStep:
    """The step HR starts from when adding one: the shipped "Data entry"
    preset's figures for the mode (5 minutes of forms, 3 of 10-key, 8,000 KPH
    at 98 %), any task of the mode, shown in the editor to change before saving.

    >>> new_data_entry_step("tenkey").rule()
    'KPH >= 8,000 and accuracy >= 98 %'
    """
    return DataEntryStep(ENTRY_MODE_TITLES[mode], mode, 300 if mode == "form" else 180,
                         min_kph=8000)


class DataEntryStepEditor(QWidget):
    """The fields of one data-entry step; ``number`` (from 1) names them for
    screen readers ("Step 3, least KPH")."""

    def __init__(self, step: DataEntryStep, number: int, tasks: Sequence[EntryTask],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._original = step
        self._tasks = list(tasks)
        name = f"Step {number}"

        self.mode_box = QComboBox()
        for mode in ENTRY_MODES:
            self.mode_box.addItem(MODE_LABELS[mode], mode)
        self.mode_box.setAccessibleName(f"{name}, data-entry mode")
        self.tasks_list = QListWidget()
        self.tasks_list.setAccessibleName(f"{name}, tasks a candidate may be given")
        self.tasks_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tasks_hint = QLabel("None ticked: any task of the mode. Space ticks a task.")
        set_role(self.tasks_hint, "hint")
        self.duration_box = QSpinBox()
        self.duration_box.setRange(MIN_ENTRY_S, MAX_ENTRY_S)
        self.duration_box.setSingleStep(30)
        self.duration_box.setSuffix(" seconds")
        self.duration_box.setAccessibleName(f"{name}, time in seconds")
        self.keypad_box = QCheckBox("Numeric keypad required")
        self.keypad_box.setAccessibleName(f"{name}, numeric keypad required")
        self.keypad_box.setToolTip("Off: digits from the number row count too (laptops "
                                   "have no keypad)")
        self.kph_box = QDoubleSpinBox()
        self.kph_box.setRange(0, MAX_KPH)
        self.kph_box.setDecimals(0)
        self.kph_box.setSingleStep(KPH_STEP)
        self.kph_box.setGroupSeparatorShown(True)
        self.kph_box.setSuffix(" KPH")
        self.kph_box.setSpecialValueText("No KPH bar")
        self.kph_box.setAccessibleName(f"{name}, least keystrokes per hour")
        self.accuracy_box = QDoubleSpinBox()
        self.accuracy_box.setRange(0, 100)
        self.accuracy_box.setDecimals(1)
        self.accuracy_box.setSuffix(" %")
        self.accuracy_box.setAccessibleName(f"{name}, least accuracy")
        for box in (self.duration_box, self.kph_box, self.accuracy_box):
            box.setMinimumWidth(130)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Mode:", self.mode_box)
        form.addRow("Tasks:", self.tasks_list)
        form.addRow("", self.tasks_hint)
        form.addRow("Time:", self.duration_box)
        form.addRow("", self.keypad_box)
        form.addRow("Least KPH:", self.kph_box)
        form.addRow("Least accuracy:", self.accuracy_box)

        self.mode_box.setCurrentIndex(ENTRY_MODES.index(step.mode))
        self._list_tasks(step.mode, step.tasks or ())
        self.duration_box.setValue(step.duration_s)
        self.keypad_box.setChecked(step.keypad_required)
        self.keypad_box.setEnabled(step.mode == "tenkey")
        self.kph_box.setValue(step.min_kph)
        self.accuracy_box.setValue(step.min_accuracy)
        self.mode_box.currentIndexChanged.connect(self._mode_changed)

    @property
    def mode(self) -> str:
        return self.mode_box.currentData()

    def _list_tasks(self, mode: str, ticked: Sequence[str]) -> None:
        self.tasks_list.clear()
        for task in self._tasks:
            if task.kind != mode:
                continue
            item = QListWidgetItem(f"{task.title} ({task.id})")
            item.setData(TASK_ID_ROLE, task.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if task.id in ticked
                               else Qt.CheckState.Unchecked)
            self.tasks_list.addItem(item)
        if self.tasks_list.count():
            self.tasks_list.setCurrentRow(0)
        # As tall and wide as its tasks (up to TASK_ROWS_SHOWN rows), no scroll bar to hide one.
        rows = min(max(self.tasks_list.count(), 1), TASK_ROWS_SHOWN)
        frame = 2 * self.tasks_list.frameWidth()
        row_height = max(self.tasks_list.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.tasks_list.setFixedHeight(row_height * rows + frame + 2)
        self.tasks_list.setMinimumWidth(self.tasks_list.sizeHintForColumn(0) + frame + 8)

    def _mode_changed(self) -> None:
        mode = self.mode
        self._list_tasks(mode, ())
        self.keypad_box.setEnabled(mode == "tenkey")
        if mode != "tenkey":
            self.keypad_box.setChecked(False)
        # A new mode's usual time, unless HR already chose another one.
        if self.duration_box.value() == new_data_entry_step(_other(mode)).duration_s:
            self.duration_box.setValue(new_data_entry_step(mode).duration_s)

    def ticked_tasks(self) -> tuple[str, ...]:
        """The ids of the tasks ticked: those the step had in its own order
        (so a save changes nothing HR did not change), then the others."""
        ticked = [self.tasks_list.item(row).data(TASK_ID_ROLE)
                  for row in range(self.tasks_list.count())
                  if self.tasks_list.item(row).checkState() == Qt.CheckState.Checked]
        kept = [task_id for task_id in self._original.tasks or () if task_id in ticked]
        return tuple(kept + [task_id for task_id in ticked if task_id not in kept])

    def step(self) -> DataEntryStep:
        """The step as edited. A title that starts with a mode's default title
        ("Data entry: form (5 minutes)") follows the mode; any other title HR
        wrote in the battery file is kept."""
        mode = self.mode
        title = self._original.title
        for default in ENTRY_MODE_TITLES.values():
            if title.startswith(default):
                title = ENTRY_MODE_TITLES[mode] + title[len(default):]
                break
        return dataclasses.replace(
            self._original,
            title=title,
            mode=mode,
            tasks=self.ticked_tasks() or None,
            duration_s=self.duration_box.value(),
            keypad_required=mode == "tenkey" and self.keypad_box.isChecked(),
            min_kph=self.kph_box.value(),
            min_accuracy=self.accuracy_box.value(),
        )


def _other(mode: str) -> str:
    return "tenkey" if mode == "form" else "form"
