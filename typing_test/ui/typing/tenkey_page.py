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
``pasteRefused``; Esc asks whether to abandon.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.entry_session import TENKEY_CHARACTERS, EntrySession
from typing_test.core.typing.entry_tasks import EntryTask
from typing_test.core.typing.scoring import BACKSPACE
from typing_test.core.typing.session import Clock, monotonic_ms
from typing_test.ui.common.confirmation_bar import confirmation_bar, minutes_seconds
from typing_test.ui.common.styles import REFRESH_MS, TYPING_LOW_TIME_S
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.typing.entry_field import EntryField

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


class TenKeyPage(QWidget):
    """Runs one 10-key EntrySession. ``finished`` carries its EntryOutcome."""

    finished = Signal(object)  # the EntryOutcome
    pasteRefused = Signal(str, int)

    def __init__(self, clock: Clock = monotonic_ms, parent: QWidget | None = None):
        super().__init__(parent)
        self._clock = clock
        self.session: EntrySession | None = None
        self._reported = False
        self.before_start_hint = ("Key each number as shown, without commas, and press "
                                  "Enter. The timer starts on your first key. Esc abandons.")
        self.running_hint = "Key the number, then Enter. Esc abandons."

        self.title_label = QLabel()
        set_role(self.title_label, "timer")
        self.count_label = QLabel()
        self.count_label.setObjectName("numberCount")
        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        for label in (self.count_label, self.time_left_label):
            set_role(label, "timer", low=False)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        set_role(self.hint_label, "hint")
        self.keypad_label = QLabel()
        self.keypad_label.setObjectName("keypadRule")
        self.keypad_label.setWordWrap(True)
        set_role(self.keypad_label, "strong")
        self.notice_label = QLabel()
        self.notice_label.setObjectName("keypadNotice")
        self.notice_label.setWordWrap(True)
        set_role(self.notice_label, "error")

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

        self.abandon_question = QLabel(
            "Abandon this test? It is saved as abandoned and never counts as a pass.")
        self.abandon_button = QPushButton("&Abandon test")
        self.abandon_button.clicked.connect(self.abandon)
        self.keep_going_button = QPushButton("&Keep going")
        self.keep_going_button.clicked.connect(self._keep_going)
        self.abandon_bar = confirmation_bar("abandonBar", "warningBar", self.abandon_question,
                                            self.keep_going_button, self.abandon_button)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._ask_abandon)

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.count_label)
        header.addWidget(self.time_left_label)
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
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(header)
        layout.addWidget(self.hint_label)
        layout.addLayout(body, 1)
        layout.addWidget(self.abandon_bar)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)

    # Starting ------------------------------------------------------------------

    def start(self, task: EntryTask, duration_s: float, keypad_required: bool = False) -> None:
        """Show the column of ``task``; the timer starts on the first key."""
        if task.kind != "tenkey":
            raise ValueError(f"{task.id} is a {task.kind} task, not 10-key")
        self.session = EntrySession(task, duration_s, keypad_required, clock=self._clock)
        self._reported = False
        self.title_label.setText(task.title)
        self.hint_label.setText(self.before_start_hint)
        self.keypad_label.setText(KEYPAD_WORDS[keypad_required])
        self.notice_label.clear()
        self.abandon_bar.hide()
        self._show_column()
        self.refresh()
        self._timer.start()
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
        session = self.session
        if session is None or self._reported:
            return
        if session.timed_out:
            self.refresh()  # the time ran out before this key: end, ignoring it
            return
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

    def _on_paste_refused(self, how: str, chars: int) -> None:
        if self.session is not None and not self._reported:
            self.session.record_incident("paste-refused", how=how, chars=chars)
            self.notice_label.setText("Pasting is not allowed in this test; this was recorded.")
        self.pasteRefused.emit(how, chars)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if self.session is None or self._reported or not self.isVisible():
            return
        self.session.record_incident(
            "focus-returned" if state == Qt.ApplicationState.ApplicationActive
            else "focus-lost")

    # Abandoning ----------------------------------------------------------------

    def _ask_abandon(self) -> None:
        if self.session is not None and not self._reported:
            self.abandon_bar.show()
            self.keep_going_button.setFocus()

    def _keep_going(self) -> None:
        self.abandon_bar.hide()
        self.entry_field.setFocus()

    def abandon(self) -> None:
        """End the test as abandoned (nothing if it is over)."""
        if self.session is not None and not self._reported:
            self.session.abandon()
            self._finish()

    # Time ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Update the time left; end the test on time-out."""
        session = self.session
        if session is None or self._reported:
            return
        time_left_s = session.time_left_s()
        self.time_left_label.setText(f"{minutes_seconds(time_left_s)} left")
        low = session.started and time_left_s <= TYPING_LOW_TIME_S
        if self.time_left_label.property("low") != ("true" if low else "false"):
            set_role(self.time_left_label, "timer", low=low)
        if session.timed_out:
            self._finish()

    def _finish(self) -> None:
        if self.session is None or self._reported:
            return
        self._reported = True
        self._timer.stop()
        self.abandon_bar.hide()
        self.finished.emit(self.session.outcome())
