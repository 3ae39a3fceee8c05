"""The Batteries tab of the admin area: the role batteries in words, copied, edited, deleted.

Each battery is shown as HR would explain it to an applicant: its steps in
order, what each asks and its pass rule, the overall rule and the retake
rule. HR edits what a hiring decision turns on (the name, each step's pass
bar, the overall pass score of a weighted battery and the retake rule), adds
a data-entry step (its mode, tasks, time, keypad and bars edited in place,
``entry_step_editor.py``) or removes the last step, and saves with
``screenings.save_battery``, which refuses a broken battery with a message
naming the field. Which drills, passages and quiz topics a step draws from is
edited in the battery file format (README, "Batteries"); the shipped presets
are copied, and the copy edited, like any other battery.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.assets import ContentError
from typing_test.core.screening.batteries import (
    MAX_NET_WPM,
    MAX_RETAKE_DAYS,
    MAX_STEPS,
    Battery,
    BatteryError,
    DataEntryStep,
    DrillStep,
    RetakePolicy,
    Step,
    TypingStep,
)
from typing_test.core.typing.entry_tasks import EntryTask, load_tasks
from typing_test.store import screenings as S
from typing_test.store.database import Store
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.confirmation_bar import confirmation_bar
from typing_test.ui.common.theme import set_role
from typing_test.ui.screening.admin_login import sentence
from typing_test.ui.screening.entry_step_editor import DataEntryStepEditor, new_data_entry_step

BATTERY_ID_ROLE = Qt.ItemDataRole.UserRole
MAX_ATTEMPTS_SHOWN = 99
# The shipped quiz topics as their banks title them; an imported topic shows its id.
TOPIC_NAMES = {"word": "Word", "excel": "Excel", "powerpoint": "PowerPoint",
               "outlook": "Outlook", "general": "general computer skills"}
# A data-entry task of each mode, in a sentence ("one of 3 form tasks").
TASK_KIND_WORDS = {"form": "form", "tenkey": "10-key"}
FIXED_EDIT_ROWS = 4  # name, overall pass score, retake wait, attempts; then one row a step


def _minutes(seconds: float) -> str:
    """A duration in words: '5 minutes', '90 seconds', '1 minute'.

    >>> _minutes(300), _minutes(90), _minutes(60)
    ('5 minutes', '90 seconds', '1 minute')
    """
    if seconds % 60:
        return f"{seconds:g} seconds"
    minutes = int(seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def step_in_words(step: Step, weighted: bool = False) -> str:
    """What a step asks and how it passes, in one sentence.

    >>> step_in_words(TypingStep("Typing", 300, 25, 90, category="account-notes"))
    'Typing: a typing test of 5 minutes (account-notes passages); passes at net WPM >= 25 \
and accuracy >= 90 %.'
    >>> step_in_words(DrillStep("writing", "Email", ("a", "b"), 70, weight=2), weighted=True)
    'Email: one of 2 writing drills; passes at score >= 70 %; weight 2.'
    >>> step_in_words(DataEntryStep("Keypad", "tenkey", 180, 8000, keypad_required=True))
    'Keypad: 10-key entry of 3 minutes (any 10-key task), on the numeric keypad; passes at \
KPH >= 8,000 and accuracy >= 98 %.'
    """
    if isinstance(step, TypingStep):
        content = ", ".join(value for value in (step.category, step.difficulty) if value)
        text = f"a typing test of {_minutes(step.duration_s)}"
        if content:
            text += f" ({content} passages)"
    elif isinstance(step, DrillStep):
        text = f"one of {len(step.drills)} {step.kind} drills"
    elif isinstance(step, DataEntryStep):
        mode = TASK_KIND_WORDS[step.mode]
        tasks = (f"any {mode} task" if step.tasks is None else
                 f"one of {len(step.tasks)} {mode} tasks" if len(step.tasks) > 1 else
                 f"the {mode} task {step.tasks[0]}")
        text = f"{mode} entry of {_minutes(step.duration_s)} ({tasks})"
        if step.mode == "tenkey":
            text += (", on the numeric keypad" if step.keypad_required
                     else ", keypad or number row")
    else:
        formulas = {"none": "", "include": ", with Excel formula tasks",
                    "only": ", Excel formula tasks only"}[step.formula_tasks]
        topics = " and ".join(TOPIC_NAMES.get(topic, topic) for topic in step.topics)
        text = (f"{step.count} questions on {topics} in "
                f"{_minutes(step.time_limit_minutes * 60)}{formulas}")
    text = f"{step.title}: {text}; passes at {step.rule()}"
    if weighted:
        text += f"; weight {step.weight:g}"
        if step.required:
            text += ", must pass"
    return text + "."


def retake_in_words(policy: RetakePolicy) -> str:
    """The retake rule in words.

    >>> retake_in_words(RetakePolicy(30, 3))
    'A candidate may take it again after 30 days, with at most 3 attempts in all.'
    >>> retake_in_words(RetakePolicy(30, 1))
    'A candidate may take it once only.'
    >>> retake_in_words(RetakePolicy(0, None))
    'A candidate may take it again at any time, with no limit.'
    """
    if policy.max_attempts == 1:
        return "A candidate may take it once only."
    wait = (f"after {policy.min_days_between} day{'s' if policy.min_days_between != 1 else ''}"
            if policy.min_days_between else "at any time")
    limit = (f"with at most {policy.max_attempts} attempt"
             f"{'s' if policy.max_attempts != 1 else ''} in all"
             if policy.max_attempts else "with no limit")
    return f"A candidate may take it again {wait}, {limit}."


def battery_in_words(battery: Battery) -> str:
    """A battery's steps, overall rule and retake rule, one line each."""
    weighted = battery.overall == "weighted"
    lines = [f"{number}. {step_in_words(step, weighted)}"
             for number, step in enumerate(battery.steps, start=1)]
    overall = (f"Passed when the weighted score is at least {battery.pass_score:g} % and every "
               "required step passes." if weighted else "Passed when every step passes.")
    shown = ("The candidate sees the results at the end." if battery.show_results
             else "The candidate does not see the results.")
    return "\n".join([*lines, overall, retake_in_words(battery.retake), shown])


@cache
def _entry_tasks() -> tuple[EntryTask, ...]:
    """The shipped data-entry tasks a step may draw on (none when they cannot
    be read: the step then gives any task of its mode, as the file says)."""
    try:
        return tuple(load_tasks())
    except ContentError:
        return ()


def _percent_box(name: str, value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 100)
    box.setDecimals(0)
    box.setSuffix(" %")
    box.setValue(value)
    box.setAccessibleName(name)
    return box


class BatteriesTab(QWidget):
    """Lists the batteries; shows the chosen one in words with its editable bars."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.battery: Battery | None = None  # the battery shown (None: unreadable)
        self._shown_id = ""
        self._rows: dict[str, dict] = {}  # list_batteries' rows by id
        self._bar_boxes: list[tuple[int, list[QDoubleSpinBox]]] = []
        self._steps: list[Step] = []  # the steps being edited, added ones included
        self._entry_editors: dict[int, DataEntryStepEditor] = {}  # by step index

        self.list = QListWidget()
        self.list.setAccessibleName("Batteries")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda item, _old: self._on_picked(item))

        self.heading = QLabel()
        set_role(self.heading, "heading")
        self.heading.setWordWrap(True)
        self.words_label = QLabel()
        self.words_label.setObjectName("batteryInWords")
        self.words_label.setWordWrap(True)
        self.words_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        edit_heading = QLabel("Edit")
        set_role(edit_heading, "strong")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Battery name")
        self.name_edit.setMaxLength(120)
        self.pass_score_box = _percent_box("Overall pass score", 0)
        self.days_box = QSpinBox()
        self.days_box.setRange(0, MAX_RETAKE_DAYS)
        self.days_box.setSuffix(" days")
        self.days_box.setSpecialValueText("No wait")
        self.days_box.setAccessibleName("Days before a retake")
        self.attempts_box = QSpinBox()
        self.attempts_box.setRange(0, MAX_ATTEMPTS_SHOWN)
        self.attempts_box.setSpecialValueText("No limit")
        self.attempts_box.setAccessibleName("Most attempts per candidate")
        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.name_edit.setMinimumWidth(360)
        form.addRow("Name:", self.name_edit)
        self.pass_score_row_label = QLabel("Overall pass score:")
        form.addRow(self.pass_score_row_label, self.pass_score_box)
        form.addRow("Retake after:", self.days_box)
        form.addRow("Attempts at most:", self.attempts_box)

        self.add_entry_button = QPushButton("&Add data-entry step")
        self.add_entry_button.setToolTip("Add a form-entry or 10-key step at the end")
        self.add_entry_button.clicked.connect(self.add_data_entry_step)
        self.remove_step_button = QPushButton("Remo&ve last step")
        self.remove_step_button.clicked.connect(self.remove_last_step)
        self.message_label = QLabel()
        self.message_label.setObjectName("batteryMessage")
        self.message_label.setWordWrap(True)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip("Store a copy of this battery to edit")
        self.copy_button.clicked.connect(self.copy_shown)
        self.delete_button = QPushButton("&Delete...")
        self.delete_button.clicked.connect(self.ask_delete)
        self.save_button = QPushButton("&Save battery")
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        self.delete_question = QLabel()
        self.keep_button = QPushButton("&Keep it")
        self.keep_button.clicked.connect(self._keep)
        self.confirm_delete_button = QPushButton("Delete for &good")
        self.confirm_delete_button.clicked.connect(self.delete_shown)
        self.delete_bar = confirmation_bar("deleteBatteryBar", "warningBar", self.delete_question,
                                           self.keep_button, self.confirm_delete_button)

        details = QWidget()
        layout = QVBoxLayout(details)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.words_label)
        layout.addWidget(edit_heading)
        layout.addLayout(form)
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.add_entry_button)
        step_buttons.addWidget(self.remove_step_button)
        step_buttons.addStretch(1)
        layout.addLayout(step_buttons)
        layout.addStretch(1)
        scroll = self.details_scroll = QScrollArea()
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter, 1)
        outer.addWidget(self.delete_bar)
        footer = QHBoxLayout()
        footer.addWidget(self.message_label, 1)
        footer.addLayout(button_row(self.copy_button, self.delete_button, self.save_button))
        outer.addLayout(footer)

    # Listing -------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the batteries again and show ``select`` (or the one shown, or the first)."""
        wanted = select or (self.battery.id if self.battery else None)
        self.list.blockSignals(True)
        self.list.clear()
        self._rows = {}
        for row in S.list_batteries(self.store):
            label = row["name"] + (" (preset)" if row["preset"] else "")
            if row["battery"] is None:
                label += " (cannot be read)"
            item = QListWidgetItem(label)
            item.setData(BATTERY_ID_ROLE, row["id"])
            self._rows[row["id"]] = row
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [self.list.item(index).data(BATTERY_ID_ROLE) for index in range(self.list.count())]
        index = ids.index(wanted) if wanted in ids else 0
        if ids:
            self.list.setCurrentRow(index)
            self._on_picked(self.list.item(index))

    def listed(self) -> list[str]:
        """The battery names as listed."""
        return [self.list.item(index).text() for index in range(self.list.count())]

    def _on_picked(self, item: QListWidgetItem | None) -> None:
        self.delete_bar.hide()
        self.message_label.clear()
        if item is None:
            return
        row = self._rows[item.data(BATTERY_ID_ROLE)]
        self.battery = row["battery"]
        self.heading.setText(row["name"])
        self._shown_id = row["id"]
        if self.battery is None:
            self.words_label.setText(f"This battery cannot be read: {row['problem']}")
            self._set_editable(False)
            return
        self._set_editable(True)
        self.words_label.setText(battery_in_words(self.battery))
        self._fill_editor(self.battery)

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.name_edit, self.days_box, self.attempts_box, self.save_button,
                       self.copy_button, self.pass_score_box, self.add_entry_button,
                       self.remove_step_button):
            widget.setEnabled(editable)

    # Editing -------------------------------------------------------------------------

    def _fill_editor(self, battery: Battery) -> None:
        self.name_edit.setText(battery.name)
        weighted = battery.overall == "weighted"
        self.pass_score_box.setValue(battery.pass_score or 0)
        self.pass_score_box.setVisible(weighted)
        self.pass_score_row_label.setVisible(weighted)
        self.days_box.setValue(battery.retake.min_days_between)
        self.attempts_box.setValue(battery.retake.max_attempts or 0)
        self._fill_steps(battery.steps)

    def _fill_steps(self, steps: list[Step] | tuple[Step, ...]) -> None:
        """One row a step: its pass bars, or a data-entry step's whole editor."""
        while self.form.rowCount() > FIXED_EDIT_ROWS:
            self.form.removeRow(FIXED_EDIT_ROWS)
        self._steps = list(steps)
        self._bar_boxes = []
        self._entry_editors = {}
        for number, step in enumerate(steps, start=1):
            if isinstance(step, DataEntryStep):
                editor = DataEntryStepEditor(step, number, _entry_tasks())
                label = QLabel(f"{number}. {step.title}:")
                editor.mode_box.currentIndexChanged.connect(
                    lambda _index, label=label, editor=editor, number=number:
                    label.setText(f"{number}. {editor.step().title}:"))
                self.form.addRow(label, editor)
                self._entry_editors[number - 1] = editor
                continue
            row = QHBoxLayout()
            if isinstance(step, TypingStep):
                wpm = QDoubleSpinBox()
                wpm.setRange(1, MAX_NET_WPM)
                wpm.setDecimals(0)
                wpm.setSuffix(" net WPM")
                wpm.setValue(step.min_net_wpm)
                wpm.setAccessibleName(f"Step {number}, least net WPM")
                accuracy = _percent_box(f"Step {number}, least accuracy", step.min_accuracy)
                accuracy.setSpecialValueText("No accuracy bar")
                boxes = [wpm, accuracy]
            else:
                boxes = [_percent_box(f"Step {number}, least score", step.min_score)]
            for box in boxes:
                box.setMinimumWidth(130)
                row.addWidget(box)
            row.addStretch(1)
            self.form.addRow(f"{number}. {step.title}:", row)
            self._bar_boxes.append((number - 1, boxes))
        self.add_entry_button.setEnabled(len(steps) < MAX_STEPS)
        self.remove_step_button.setEnabled(len(steps) > 1)

    def add_data_entry_step(self) -> None:
        """Add a data-entry step at the end (stored only when HR saves)."""
        if self.battery is None:
            return
        steps = [*self._edited_steps(), new_data_entry_step()]
        self._fill_steps(steps)
        editor = self._entry_editors[len(steps) - 1]
        editor.mode_box.setFocus()
        # The new rows are shown, and so laid out, on the next turn of the event loop.
        QTimer.singleShot(0, lambda: self._scroll_to(editor))
        self._say(f"Added step {len(steps)}: choose its mode, tasks, time and bars, then save "
                  "the battery.", "hint")

    def _scroll_to(self, widget: QWidget) -> None:
        """Scroll the edit area to ``widget`` once the layout has placed it."""
        if not widget.isVisible():  # not shown yet: try again on the next turn
            QTimer.singleShot(0, lambda: self._scroll_to(widget))
            return
        details = self.details_scroll.widget()
        details.layout().activate()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.details_scroll.ensureWidgetVisible(widget)

    def remove_last_step(self) -> None:
        """Take the last step out of the edit (stored only when HR saves); a
        battery keeps at least one step."""
        steps = self._edited_steps()
        if self.battery is None or len(steps) < 2:
            return
        removed = steps.pop()
        self._fill_steps(steps)
        self._say(f"Removed step {len(steps) + 1} ({removed.title}): save the battery to keep "
                  "this, or pick it again in the list to undo.", "hint")

    def _edited_steps(self) -> list[Step]:
        """The steps as the editor shows them."""
        steps = list(self._steps)
        for index, editor in self._entry_editors.items():
            steps[index] = editor.step()
        for index, boxes in self._bar_boxes:
            step = steps[index]
            if isinstance(step, TypingStep):
                steps[index] = dataclasses.replace(step, min_net_wpm=boxes[0].value(),
                                                   min_accuracy=boxes[1].value())
            else:
                steps[index] = dataclasses.replace(step, min_score=boxes[0].value())
        return steps

    def edited(self) -> Battery | None:
        """The battery as the editor shows it (None when none is shown)."""
        if self.battery is None:
            return None
        steps = self._edited_steps()
        weighted = self.battery.overall == "weighted"
        return dataclasses.replace(
            self.battery,
            name=" ".join(self.name_edit.text().split()),
            steps=tuple(steps),
            pass_score=self.pass_score_box.value() if weighted else self.battery.pass_score,
            retake=RetakePolicy(self.days_box.value(), self.attempts_box.value() or None),
        )

    def _say(self, text: str, role: str) -> None:
        set_role(self.message_label, role)
        self.message_label.setText(text)

    def save(self) -> None:
        """Store the edit; a broken one is refused with the reason, and nothing stored."""
        battery = self.edited()
        if battery is None:
            return
        if not battery.name:
            self._say("Give the battery a name.", "error")
            self.name_edit.setFocus()
            return
        try:
            S.save_battery(self.store, battery)
        except (BatteryError, ValueError) as error:
            self._say(sentence(str(error)), "error")
            return
        self.reload(battery.id)
        self._say("Saved. Screenings already started keep the battery as it was.", "success")

    def copy_shown(self) -> None:
        """Store a copy of the battery shown, and show the copy to edit."""
        if self.battery is None:
            return
        new_id = S.copy_stored_battery(self.store, self.battery.id)
        self.reload(new_id)
        self._say("Copied: edit the copy and save it.", "success")
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    # Deleting ------------------------------------------------------------------------

    def ask_delete(self) -> None:
        """Ask in the page before deleting the battery shown."""
        self.delete_question.setText(
            f"Delete the battery {self.heading.text()}? A battery a screening used cannot be "
            "deleted (copy and edit it instead).")
        self.delete_bar.show()
        self.keep_button.setFocus()

    def _keep(self) -> None:
        self.delete_bar.hide()
        self.list.setFocus()

    def delete_shown(self) -> None:
        """Delete the battery shown (the confirmed choice), unless a screening used it."""
        self.delete_bar.hide()
        try:
            S.delete_battery(self.store, self._shown_id)
        except S.ScreeningError as error:
            self._say(f"Not deleted: {error}.", "error")
            return
        name = self.heading.text()
        self.battery = None
        self.reload()
        self._say(f"Deleted the battery {name}.", "success")
