"""The 10-key test in progress: a column of numbers, keyed one by one with Enter.

The number to key stands out in the column, the ones done above it and the
next ones below; the candidate keys it into the field and presses Enter, and
the next one comes. Every key goes into the ``EntrySession``'s log with
whether it came from the numeric keypad (Qt's keypad modifier) or the number
row (docs/data-entry.md). When the test requires the keypad, a digit from
the number row is pointed out at once, in words: an entry keyed that way
counts as wrong (README, "Data-entry scoring").

Reusable like the form page: ``start(task, duration_s, keypad_required)``,
``abandon()``, ``finished`` (the EntryOutcome), ``answer_fields`` and
``pasteRefused``; Esc asks whether to abandon (``entry_page.TimedEntryPage``,
shared with the form page).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.entry_session import TENKEY_CHARACTERS, EntrySession
from typing_test.core.typing.entry_tasks import EntryTask
from typing_test.core.typing.scoring import BACKSPACE
from typing_test.core.typing.session import Clock, monotonic_ms
from typing_test.ui.common.theme import set_role
from typing_test.ui.typing.entry_field import EntryField
from typing_test.ui.typing.entry_page import TimedEntryPage

# How many numbers of the column show above and below the one to key.
ABOVE, BELOW = 3, 4
KEYPAD_WORDS = {
    True: "Use the numeric keypad (Num Lock on): this test requires it.",
    False: "Use the numeric keypad or the number row above the letters.",
}
NUMBER_ROW_NOTICE = (
    "That digit came from the number row above the letters, not the numeric keypad. "
    "This test requires the keypad (switch Num Lock on): an entry keyed on the number "
    "row counts as wrong. Backspace removes it.")


def keyed_as(number: str) -> str:
    """A number as it is keyed: without its thousands commas.

    >>> keyed_as("3,072.15"), keyed_as("-16.50")
    ('3072.15', '-16.50')
    """
    return number.replace(",", "")


class TenKeyPage(TimedEntryPage):
    """Runs one 10-key EntrySession. ``finished`` carries its EntryOutcome."""

    def __init__(self, clock: Clock = monotonic_ms, parent: QWidget | None = None):
        super().__init__(clock, parent)
        self.before_start_hint = ("Key each number as shown, without commas, and press "
                                  "Enter. The timer starts on your first key. Esc abandons.")
        self.running_hint = "Key the number, then Enter. Esc abandons."

        self.count_label = QLabel()
        self.count_label.setObjectName("numberCount")
        set_role(self.count_label, "timer", low=False)
        self.keypad_label = QLabel()
        self.keypad_label.setObjectName("keypadRule")
        self.keypad_label.setWordWrap(True)
        set_role(self.keypad_label, "strong")
        self.notice_label.setObjectName("keypadNotice")

        # The column: numbers done (muted), the one to key (big), the next ones.
        self.column_panel = QFrame()
        set_role(self.column_panel, "panel")
        column = QVBoxLayout(self.column_panel)
        column.setContentsMargins(24, 10, 24, 10)
        self.column_labels: list[QLabel] = []
        for row in range(ABOVE + 1 + BELOW):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            set_role(label, "figure" if row == ABOVE else "hint")
            column.addWidget(label)
            self.column_labels.append(label)
        self.current_label = self.column_labels[ABOVE]
        self.current_label.setObjectName("currentNumber")

        self.entry_field = EntryField(enter_is_key=True)
        self.entry_field.setObjectName("tenKeyEntry")
        self.entry_field.setAccessibleName("The number, then Enter")
        self.entry_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.entry_field.keyPressed.connect(self._on_key)
        self.entry_field.guard.pasteRefused.connect(self._on_paste_refused)
        self.answer_fields = [self.entry_field]
        field_caption = QLabel("&Your entry:")
        field_caption.setBuddy(self.entry_field)

        self._make_abandon_bar()

        entry_box = QVBoxLayout()
        entry_box.addStretch(1)
        entry_box.addWidget(field_caption)
        entry_box.addWidget(self.entry_field)
        entry_box.addWidget(self.keypad_label)
        entry_box.addWidget(self.notice_label)
        entry_box.addStretch(1)
        body = QHBoxLayout()
        body.addStretch(1)
        body.addWidget(self.column_panel, 2)
        body.addSpacing(24)
        body.addLayout(entry_box, 3)
        body.addStretch(1)
        layout = self._page_layout(self.count_label, body)
        layout.addWidget(self.abandon_bar)

    # Starting ------------------------------------------------------------------

    def start(self, task: EntryTask, duration_s: float, keypad_required: bool = False) -> None:
        """Show the column of ``task``; the timer starts on the first key."""
        if task.kind != "tenkey":
            raise ValueError(f"{task.id} is a {task.kind} task, not 10-key")
        self._begin(EntrySession(task, duration_s, keypad_required, clock=self._clock))
        self.keypad_label.setText(KEYPAD_WORDS[keypad_required])
        self._show_column()
        self._run_clock()
        self.entry_field.setFocus()

    def _show_column(self) -> None:
        session = self.session
        numbers = session.task.numbers
        for row, label in enumerate(self.column_labels):
            index = session.entry_index - ABOVE + row
            label.setText(keyed_as(numbers[index]) if 0 <= index < len(numbers) else "")
        self.count_label.setText(
            f"Number {min(session.entry_index + 1, len(numbers))} of {len(numbers)}")
        self.entry_field.show_value(session.entry)

    # Input ---------------------------------------------------------------------

    def _on_key(self, key: str, keypad: bool) -> None:
        if not self._running():
            return
        session = self.session
        if key not in TENKEY_CHARACTERS and key not in ("\n", BACKSPACE):
            self.notice_label.setText(
                "Leave the commas out: a numeric keypad has none." if key == "," else
                f"{key!r} is not part of a number here: key digits, the point and the "
                "minus sign.")
            return
        was_started = session.started
        if not session.press(key, keypad=keypad):
            return
        if not was_started:
            self.hint_label.setText(self.running_hint)
        if key.isdigit():
            off_keypad = session.keypad_required and not keypad
            self.notice_label.setText(NUMBER_ROW_NOTICE if off_keypad else "")
        elif key == "\n":
            self.notice_label.clear()
        if session.completed:
            self._finish()
            return
        self._show_column()
