"""The form-entry test in progress: the source document beside the form.

The candidate keys record after record from the documents shown, for the
task's time (or the time chosen): Tab or Enter goes to the next field,
Shift+Tab back; after a record's last field, Tab or Enter (or Next record,
Alt+N) brings the next document. Every key and every move between fields
goes into the ``EntrySession``'s log (docs/data-entry.md); the fields show
what the log says. When the test is over the page emits ``finished`` with
the ``EntryOutcome``, which ``store.records.data_entry_attempt`` turns into
a row. Pasting is refused and recorded.

Reusable: ``start(task, duration_s)``, ``abandon()``, ``answer_fields`` (the
fields, each with its PasteGuard) and ``pasteRefused`` (any field's refusal).
Esc asks whether to abandon; a screening that wants otherwise filters Esc
out before it gets here and sets ``before_start_hint``/``running_hint``.
What it shares with the 10-key page (the clock, abandoning, incidents, the
end) is in ``entry_page.TimedEntryPage``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.entry_session import EntrySession
from typing_test.core.typing.entry_tasks import EntryTask
from typing_test.core.typing.session import Clock, monotonic_ms
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import set_role
from typing_test.ui.typing.entry_documents import document_html
from typing_test.ui.typing.entry_field import EntryField
from typing_test.ui.typing.entry_page import TimedEntryPage

# Enough fields for every built-in task; a task with more adds fields (kept
# afterwards, so a guard connected once stays connected).
INITIAL_FIELDS = 8
MOVES = "Tab or Enter: next field. Shift+Tab: back. After the last field, the next document."
BEFORE_START_HINT = f"Key the document into the form. {MOVES} The timer starts on your " \
                    "first key. Esc abandons."
RUNNING_HINT = f"{MOVES} Esc abandons."


class FormEntryPage(TimedEntryPage):
    """Runs one form-entry EntrySession. ``finished`` carries its EntryOutcome."""

    def __init__(self, clock: Clock = monotonic_ms, parent: QWidget | None = None):
        super().__init__(clock, parent)
        self._field_names: list[str] = []
        self.before_start_hint = BEFORE_START_HINT
        self.running_hint = RUNNING_HINT

        self.record_label = QLabel()
        self.record_label.setObjectName("recordCount")
        set_role(self.record_label, "timer", low=False)

        self.document_label = QLabel()
        self.document_label.setObjectName("sourceDocument")
        self.document_label.setTextFormat(Qt.TextFormat.RichText)
        self.document_label.setWordWrap(True)
        self.document_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.document_panel = QFrame()
        set_role(self.document_panel, "panel")
        panel_layout = QVBoxLayout(self.document_panel)
        panel_layout.setContentsMargins(18, 12, 18, 12)
        panel_layout.addWidget(self.document_label)
        panel_layout.addStretch(1)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._field_labels: list[QLabel] = []
        for _ in range(INITIAL_FIELDS):
            self._add_field()
        self.date_hint = QLabel()
        set_role(self.date_hint, "hint")
        self.date_hint.setWordWrap(True)
        form_box = QVBoxLayout()
        form_box.addLayout(self.form)
        form_box.addWidget(self.date_hint)
        form_box.addStretch(1)

        self.next_button = QPushButton("&Next record")
        self.next_button.setToolTip("The next document (Tab or Enter in the last field)")
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(self.next_record)

        self._make_abandon_bar()

        body = QHBoxLayout()
        body.addWidget(self.document_panel, 1)
        body.addSpacing(12)
        body.addLayout(form_box, 1)
        layout = self._page_layout(self.record_label, body)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.abandon_bar)
        layout.addLayout(button_row(self.next_button))

    def _add_field(self) -> EntryField:
        index = len(self.answer_fields)
        field = EntryField()
        field.setObjectName(f"entryField{index}")
        field.keyPressed.connect(lambda key, keypad, index=index: self._on_key(index, key))
        field.advanceRequested.connect(lambda index=index: self._advance(index))
        field.backRequested.connect(lambda index=index: self._back(index))
        field.focused.connect(lambda index=index: self._on_focus(index))
        field.guard.pasteRefused.connect(self._on_paste_refused)
        label = QLabel()
        label.setBuddy(field)
        field.setAccessibleName(f"Field {index + 1}")  # named after its label by start()
        self.form.addRow(label, field)
        self.form.setRowVisible(field, False)  # shown by start() when the task has it
        self.answer_fields.append(field)
        self._field_labels.append(label)
        return field

    # Starting ------------------------------------------------------------------

    def start(self, task: EntryTask, duration_s: float, keypad_required: bool = False) -> None:
        """Show the form of ``task`` and its first document; the timer starts
        on the first key. (``keypad_required`` is for 10-key; a form ignores it.)"""
        if task.kind != "form":
            raise ValueError(f"{task.id} is a {task.kind} task, not a form")
        self._begin(EntrySession(task, duration_s, clock=self._clock))
        self._field_names = [form_field.name for form_field in task.fields]
        while len(self.answer_fields) < len(task.fields):
            self._add_field()
        for index, field in enumerate(self.answer_fields):
            used = index < len(task.fields)
            self.form.setRowVisible(field, used)
            if used:
                form_field = task.fields[index]
                stated = f" ({task.date_format})" if form_field.type == "date" else ""
                self._field_labels[index].setText(f"{form_field.label}{stated}:")
                field.setAccessibleName(f"{form_field.label}{stated}")
        self.date_hint.setText(
            f"Dates are written {task.date_format}. Amounts: the number as shown "
            "(the thousands commas may be left out).")
        self._show_record()
        self._run_clock()

    def _show_record(self) -> None:
        session = self.session
        task = session.task
        self.document_label.setText(document_html(task, task.records[session.record]))
        self.record_label.setText(f"Record {session.record + 1} of {len(task.records)}")
        for index, name in enumerate(self._field_names):
            self.answer_fields[index].show_value(session.value(session.record, name))
        self._focus_field(0)

    # Input ---------------------------------------------------------------------

    def _focus_field(self, index: int) -> None:
        """Put the focus in field ``index`` of the record shown (a focus event)."""
        self._current = index
        self.answer_fields[index].setFocus()
        self.session.focus(self.session.record, self._field_names[index])

    def _on_focus(self, index: int) -> None:
        if self._running() and index < len(self._field_names):
            self._current = index
            self.session.focus(self.session.record, self._field_names[index])

    def _on_key(self, index: int, key: str) -> None:
        if not self._running() or index >= len(self._field_names):
            return
        session = self.session
        name = self._field_names[index]
        self._current = index
        session.focus(session.record, name)  # the key goes where it was typed
        was_started = session.started
        if session.press(key):
            self.answer_fields[index].show_value(session.value(session.record, name))
            if not was_started:
                self.hint_label.setText(self.running_hint)
            self.notice_label.clear()

    def _advance(self, index: int) -> None:
        if not self._running():
            return
        if index + 1 < len(self._field_names):
            self._focus_field(index + 1)
        else:
            self.next_record()

    def _back(self, index: int) -> None:
        if self._running() and index > 0:
            self._focus_field(index - 1)

    def next_record(self) -> None:
        """Go on to the next document (the last one done ends the test)."""
        if not self._running():
            return
        if not self.session.next_record():
            self.notice_label.setText("Key this record before going on to the next one.")
            return
        self.notice_label.clear()
        if self.session.completed:
            self._finish()
        else:
            self._show_record()
