"""What the proofreading and writing pages do alike: a timed email in an editor.

``TimedEmailPage`` owns the countdown and its time-out, the Submit button and
its confirmation bar, Esc and its abandon bar, the incidents (focus lost or
returned, pastes refused), and freezing the editor at the end. A page builds
its own widgets around these, sets the wording below, calls :meth:`_begin`
from its ``start()``, and fills in the hooks:

- ``_confirm_question(time_left)``: the question the confirmation bar asks;
- ``_edited()``: anything more to do after each edit (optional);
- ``_hand_in(status, answer, duration_s)``: what becomes of the frozen email
  (graded, or checked then assessed), ending with ``finished``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from typing_test.ui.common.confirmation_bar import confirmation_bar, minutes_seconds, show_time_left
from typing_test.ui.common.styles import LOW_TIME_S, REFRESH_MS
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.email.email_editor import EmailEditor


class TimedEmailPage(QWidget):
    """An email edited against a countdown; ``finished`` carries the attempt.

    ``clock`` returns seconds; tests inject a fake one and call :meth:`refresh`
    where the page's timer would.
    """

    finished = Signal(object)  # the page's attempt

    # The wording, which each page sets.
    SUBMIT_TEXT: str  # the Submit button
    KEEP_TEXT: str  # the button on either bar that goes back to the email
    ABANDON_QUESTION: str  # what the abandon bar asks
    PASTE_NOTICE: str  # shown when a paste or drop is refused

    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None):
        super().__init__(parent)
        self._clock = clock
        self.incidents: list[dict] = []
        self.timed_out = False
        self._time_limit_s: float | None = None  # None until the first start
        self._started_at = 0.0
        self._answer = ""  # the email as it was when the time last had not run out
        self._frozen = False  # submitted, timed out or abandoned: no more edits

        self.title_label = QLabel()
        set_role(self.title_label, "timer")
        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        set_role(self.time_left_label, "timer", low=False)
        self.hint_label = QLabel()
        set_role(self.hint_label, "hint")
        self.hint_label.setWordWrap(True)

        self.editor = EmailEditor()
        self.editor.setAccessibleName("Your email")
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.pasteRefused.connect(self._on_paste_refused)
        self.editor.escapePressed.connect(self._ask_abandon)

        self.notice_label = QLabel()
        set_role(self.notice_label, "error")
        self.notice_label.setWordWrap(True)
        self.submit_button = QPushButton(self.SUBMIT_TEXT)
        set_role(self.submit_button, "primary")
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.request_submit)

        self.confirm_label = QLabel()
        self.keep_editing_button = QPushButton(self.KEEP_TEXT)
        self.keep_editing_button.clicked.connect(self._keep_editing)
        self.confirm_submit_button = QPushButton("Submit &now")
        self.confirm_submit_button.clicked.connect(self.submit)
        self.confirm_bar = confirmation_bar(
            "confirmBar",
            "infoBar",
            self.confirm_label,
            self.keep_editing_button,
            self.confirm_submit_button,
        )
        self.abandon_question = QLabel(self.ABANDON_QUESTION)
        self.abandon_keep_button = QPushButton(self.KEEP_TEXT)
        self.abandon_keep_button.clicked.connect(self._keep_editing)
        self.abandon_button = QPushButton("&Abandon drill")
        self.abandon_button.clicked.connect(self.abandon)
        self.abandon_bar = confirmation_bar(
            "abandonBar",
            "warningBar",
            self.abandon_question,
            self.abandon_keep_button,
            self.abandon_button,
        )

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)

    def _lay_out(self, *rows: QWidget) -> None:
        """Stack the page: the title and countdown, ``rows`` (the last one takes
        the spare height), the two bars, then the notice and Submit."""
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.time_left_label)
        footer = QHBoxLayout()
        footer.addWidget(self.notice_label, 1)
        footer.addWidget(self.submit_button)
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(header)
        for row in rows[:-1]:
            layout.addWidget(row)
        layout.addWidget(rows[-1], 1)
        layout.addWidget(self.confirm_bar)
        layout.addWidget(self.abandon_bar)
        layout.addLayout(footer)

    # The hooks a page fills in -----------------------------------------------------

    def _confirm_question(self, time_left: str) -> str:
        """The question before submitting with ``time_left`` (m:ss) still to go."""
        raise NotImplementedError

    def _edited(self) -> None:
        """Called after each edit made in time, once ``_answer`` holds it."""

    def _hand_in(self, status: str, answer: str, duration_s: float) -> None:
        """Turn the frozen ``answer`` into the attempt and emit ``finished`` with it."""
        raise NotImplementedError

    # Starting ------------------------------------------------------------------

    def _begin(self, time_limit_s: float, email: str) -> None:
        """Put ``email`` in the editor, editable, and start a countdown of ``time_limit_s``."""
        self.incidents = []
        self.timed_out = False
        self._frozen = False
        self._time_limit_s = float(time_limit_s)
        self._started_at = self._clock()
        self.notice_label.clear()
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.editor.setReadOnly(False)
        self.editor.set_email(email)
        self._answer = email
        self.submit_button.setEnabled(True)
        self.refresh()
        self._timer.start()
        self.editor.setFocus()

    def _running(self) -> bool:
        """True from the start of a drill until its email is frozen."""
        return self._time_limit_s is not None and not self._frozen

    # Time ----------------------------------------------------------------------

    def time_left_s(self) -> float:
        """Seconds left on the countdown (0 when the time is up)."""
        if self._time_limit_s is None:
            return 0.0
        elapsed = self._clock() - self._started_at
        return max(0.0, self._time_limit_s - elapsed)

    def refresh(self) -> None:
        """Update the countdown; submit the email when the time is up."""
        if not self._running():
            return
        left = self.time_left_s()
        show_time_left(self.time_left_label, left, low=left <= LOW_TIME_S)
        if left <= 0:
            self.timed_out = True
            self._finish("completed")

    # Editing and incidents -------------------------------------------------------

    def _on_text_changed(self) -> None:
        if not self._running():
            return
        if self.time_left_s() <= 0:
            self.refresh()  # this edit came after the time ran out: end without it
            return
        self._answer = self.editor.toPlainText()
        self.confirm_bar.hide()
        self._edited()

    def _on_paste_refused(self, how: str, chars: int) -> None:
        if not self._running():
            return
        self._record("paste-refused", how=how, chars=chars)
        self.notice_label.setText(self.PASTE_NOTICE)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if not self._running() or not self.isVisible():
            return
        if state == Qt.ApplicationState.ApplicationActive:
            self._record("focus-returned")
        else:
            self._record("focus-lost")

    def _record(self, kind: str, **details: object) -> None:
        milliseconds = round((self._clock() - self._started_at) * 1000)
        self.incidents.append({"t": milliseconds, "type": kind, **details})

    # Submitting and abandoning ---------------------------------------------------

    def request_submit(self) -> None:
        """Ask for confirmation before submitting while time remains."""
        if not self._running():
            return
        left = self.time_left_s()
        if left <= 0:
            self.refresh()
            return
        self.abandon_bar.hide()
        self.confirm_label.setText(self._confirm_question(minutes_seconds(left)))
        self.confirm_bar.show()
        self.confirm_submit_button.setFocus()

    def submit(self) -> None:
        """Hand in the email as it is now, ending the drill."""
        if self._running():
            if self.time_left_s() <= 0:
                self.refresh()  # the time ran out first: submitted as it was then
                return
            self._finish("completed")

    def _ask_abandon(self) -> None:
        if self._running():
            self.confirm_bar.hide()
            self.abandon_bar.show()
            self.abandon_keep_button.setFocus()

    def _keep_editing(self) -> None:
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.editor.setFocus()

    def abandon(self) -> None:
        """End the drill as abandoned (the confirmed choice of the candidate)."""
        if self._running():
            self._finish("abandoned")

    def _finish(self, status: str) -> None:
        """Stop the clock, freeze the email, and hand it in as ``status``."""
        if not self._running():
            return
        self._frozen = True
        self._timer.stop()
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.editor.setReadOnly(True)
        self.submit_button.setEnabled(False)
        duration = min(self._time_limit_s, self._clock() - self._started_at)
        self._hand_in(status, self._answer, duration)
