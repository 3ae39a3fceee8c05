"""A proofreading drill in progress: the email to correct, a countdown, Submit.

The candidate edits the email in place, as in any editor. The page grades the
email with ``core.proofreading.grade_answer`` when the candidate submits (after
a confirmation while time remains), when the time runs out, or when they
abandon, and emits ``finished`` with a :class:`ProofreadingAttempt`; the main
window stores it and shows the review.

Text from outside the email cannot be pasted or dropped in, so nobody can
paste a corrected copy; each attempt is refused and recorded in ``incidents``.
``EmailEditor`` (email_editor.py), the editor doing that, is shared with the
writing page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QGuiApplication,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.drills import ProofreadingDrill
from typing_test.core.proofreading import ProofreadingAttempt, grade_answer
from typing_test.ui.confirmation_bar import confirmation_bar, minutes_seconds
from typing_test.ui.email_editor import EmailEditor
from typing_test.ui.styles import (
    ABANDON_BAR_STYLE,
    CONFIRM_BAR_STYLE,
    HINT_STYLE,
    LOW_TIME_S,
    LOW_TIME_STYLE,
    NOTICE_STYLE,
    REFRESH_MS,
    TIME_STYLE,
    TITLE_STYLE,
)

INSTRUCTIONS = "Correct every mistake in this email. Don't rewrite sentences that are right."

INSTRUCTION_STYLE = "font-size: 12pt;"


class ProofreadingPage(QWidget):
    """Runs one proofreading drill. ``finished`` carries a ProofreadingAttempt.

    ``clock`` returns seconds; tests inject a fake one and call :meth:`refresh`
    where the page's timer would.
    """

    finished = Signal(object)  # a ProofreadingAttempt

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._clock = clock
        self.drill: ProofreadingDrill | None = None
        self.incidents: list[dict] = []
        self.timed_out = False
        self._started_at = 0.0
        self._answer = ""  # the email as it was when the time last had not run out
        self._reported = False  # finished is emitted once per drill

        self.title_label = QLabel()
        self.title_label.setStyleSheet(TITLE_STYLE)
        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        self.time_left_label.setStyleSheet(TIME_STYLE)
        self.instructions_label = QLabel(INSTRUCTIONS)
        self.instructions_label.setStyleSheet(INSTRUCTION_STYLE)
        self.instructions_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setStyleSheet(HINT_STYLE)
        self.hint_label.setWordWrap(True)

        self.editor = EmailEditor()
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.pasteRefused.connect(self._on_paste_refused)
        self.editor.escapePressed.connect(self._ask_abandon)

        self.notice_label = QLabel()
        self.notice_label.setStyleSheet(NOTICE_STYLE)
        self.notice_label.setWordWrap(True)
        self.submit_button = QPushButton("Submit corrections")
        self.submit_button.setMinimumSize(180, 36)
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.request_submit)

        self.confirm_label = QLabel()
        self.keep_editing_button = QPushButton("Keep editing")
        self.keep_editing_button.clicked.connect(self._keep_editing)
        self.confirm_submit_button = QPushButton("Submit now")
        self.confirm_submit_button.clicked.connect(self.submit)
        self.confirm_bar = confirmation_bar(
            "confirmBar",
            CONFIRM_BAR_STYLE,
            self.confirm_label,
            self.keep_editing_button,
            self.confirm_submit_button,
        )
        self.abandon_question = QLabel(
            "Abandon this drill? It is saved as abandoned with the corrections made so far."
        )
        self.abandon_keep_button = QPushButton("Keep editing")
        self.abandon_keep_button.clicked.connect(self._keep_editing)
        self.abandon_button = QPushButton("Abandon drill")
        self.abandon_button.clicked.connect(self.abandon)
        self.abandon_bar = confirmation_bar(
            "abandonBar",
            ABANDON_BAR_STYLE,
            self.abandon_question,
            self.abandon_keep_button,
            self.abandon_button,
        )

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.time_left_label)
        footer = QHBoxLayout()
        footer.addWidget(self.notice_label, 1)
        footer.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(header)
        layout.addWidget(self.instructions_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.confirm_bar)
        layout.addWidget(self.abandon_bar)
        layout.addLayout(footer)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)

    # Starting ------------------------------------------------------------------

    def start(self, drill: ProofreadingDrill) -> None:
        """Show ``drill``'s email for editing and start its countdown."""
        self.drill = drill
        self.incidents = []
        self.timed_out = False
        self._reported = False
        self._started_at = self._clock()
        self.title_label.setText(drill.title)
        count = len(drill.mistakes)
        self.hint_label.setText(
            f"This email has {count} mistakes. Click in the email and edit it as in any "
            "editor; changing text that was already right counts against you. "
            "Submit when you are done, or press Esc to abandon."
        )
        self.notice_label.clear()
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.editor.setReadOnly(False)
        self.editor.set_email(drill.text)
        self._answer = drill.text
        self.submit_button.setEnabled(True)
        self.refresh()
        self._timer.start()
        self.editor.setFocus()

    # Time ----------------------------------------------------------------------

    def time_left_s(self) -> float:
        """Seconds left on the countdown (0 when the time is up)."""
        if self.drill is None:
            return 0.0
        elapsed = self._clock() - self._started_at
        return max(0.0, self.drill.time_limit_seconds - elapsed)

    def refresh(self) -> None:
        """Update the countdown; submit the email when the time is up."""
        if self.drill is None or self._reported:
            return
        left = self.time_left_s()
        self.time_left_label.setText(f"{minutes_seconds(left)} left")
        self.time_left_label.setStyleSheet(LOW_TIME_STYLE if left <= LOW_TIME_S else TIME_STYLE)
        if left <= 0:
            self.timed_out = True
            self._finish("completed")

    # Editing -------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        if self.drill is None or self._reported:
            return
        if self.time_left_s() <= 0:
            self.refresh()  # this edit came after the time ran out: end without it
            return
        self._answer = self.editor.toPlainText()
        self.confirm_bar.hide()

    def _on_paste_refused(self, how: str) -> None:
        if self.drill is None or self._reported:
            return
        self._record("paste-refused", how=how)
        self.notice_label.setText(
            "Pasting text from outside the email is not allowed; this was recorded. "
            "Type your corrections."
        )

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if self.drill is None or self._reported or not self.isVisible():
            return
        if state == Qt.ApplicationState.ApplicationActive:
            self._record("focus-returned")
        else:
            self._record("focus-lost")

    def _record(self, kind: str, **details: str) -> None:
        milliseconds = round((self._clock() - self._started_at) * 1000)
        self.incidents.append({"t": milliseconds, "type": kind, **details})

    # Submitting and abandoning ---------------------------------------------------

    def request_submit(self) -> None:
        """Ask for confirmation before submitting while time remains."""
        if self.drill is None or self._reported:
            return
        left = self.time_left_s()
        if left <= 0:
            self.refresh()
            return
        self.abandon_bar.hide()
        unchanged = self.editor.toPlainText() == self.drill.text
        first = "You have not changed the email yet. " if unchanged else ""
        self.confirm_label.setText(
            f"{first}Submit your corrections now? You still have {minutes_seconds(left)}, "
            "and you cannot change the email after submitting."
        )
        self.confirm_bar.show()
        self.confirm_submit_button.setFocus()

    def submit(self) -> None:
        """Grade the email as it is now and end the drill."""
        if self.drill is not None and not self._reported:
            if self.time_left_s() <= 0:
                self.refresh()  # the time ran out first: submitted as it was then
                return
            self._finish("completed")

    def _ask_abandon(self) -> None:
        if self.drill is not None and not self._reported:
            self.confirm_bar.hide()
            self.abandon_bar.show()
            self.abandon_keep_button.setFocus()

    def _keep_editing(self) -> None:
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.editor.setFocus()

    def abandon(self) -> None:
        """End the drill as abandoned (the confirmed choice of the candidate)."""
        if self.drill is not None and not self._reported:
            self._finish("abandoned")

    def _finish(self, status: str) -> None:
        drill = self.drill
        if drill is None or self._reported:
            return
        self._reported = True
        self._timer.stop()
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.editor.setReadOnly(True)
        self.submit_button.setEnabled(False)
        duration = min(float(drill.time_limit_seconds), self._clock() - self._started_at)
        answer = self._answer
        self.finished.emit(
            ProofreadingAttempt(
                drill=drill,
                answer=answer,
                result=grade_answer(drill, answer),
                duration_s=duration,
                status=status,
                timed_out=self.timed_out,
                incidents=list(self.incidents),
            )
        )
