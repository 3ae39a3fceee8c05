"""The typing test in progress: passage, timer, live net WPM, abandon bar.

A keystroke from the TypingArea goes to the core TypingSession; what the
session answers is drawn back onto the TypingArea. When the session ends
(time-out, passage completed or abandoned) the page emits ``finished`` with
the session, and the main window scores and stores it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.session import Clock, TypingSession, monotonic_ms
from typing_test.ui.common.confirmation_bar import confirmation_bar, show_time_left
from typing_test.ui.common.styles import REFRESH_MS, TYPING_LOW_TIME_S
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.typing.typing_area import LINE_BREAK_MARK, TypingArea

BEFORE_START_HINT = (
    f"The timer starts on your first keystroke. At {LINE_BREAK_MARK} press Enter"
    " (Space works too). Press Esc to abandon."
)
RUNNING_HINT = f"At {LINE_BREAK_MARK} press Enter (Space works too). Press Esc to abandon."


class TypingTestPage(QWidget):
    """Runs one TypingSession. ``finished`` carries it once it is over."""

    finished = Signal(object)  # the TypingSession

    def __init__(self, clock: Clock = monotonic_ms, parent: QWidget | None = None):
        super().__init__(parent)
        self._clock = clock
        self.session: TypingSession | None = None
        self.passage_id = ""
        self.passage_title = ""
        self._reported = False  # finished is emitted once per session
        # What the hint says before and after the first keystroke (a screening,
        # where Esc does not abandon, says otherwise).
        self.before_start_hint = BEFORE_START_HINT
        self.running_hint = RUNNING_HINT

        self.title_label = QLabel()
        set_role(self.title_label, "timer")
        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        self.wpm_label = QLabel()
        self.wpm_label.setObjectName("liveWpm")
        for label in (self.time_left_label, self.wpm_label):
            set_role(label, "timer", low=False)
        self.hint_label = QLabel(self.before_start_hint)
        set_role(self.hint_label, "hint")
        self.notice_label = QLabel()
        set_role(self.notice_label, "error")

        self.typing_area = TypingArea()
        self.typing_area.keyTyped.connect(self._on_key)
        self.typing_area.pasteRefused.connect(self._on_paste_refused)
        self.typing_area.escapePressed.connect(self._ask_abandon)

        self.abandon_question = QLabel(
            "Abandon this test? It is saved as abandoned and never counts as a pass."
        )
        self.abandon_button = QPushButton("&Abandon test")
        self.abandon_button.clicked.connect(self.abandon)
        self.keep_typing_button = QPushButton("&Keep typing")
        self.keep_typing_button.clicked.connect(self._keep_typing)
        self.abandon_bar = confirmation_bar(
            "abandonBar",
            "warningBar",
            self.abandon_question,
            self.keep_typing_button,
            self.abandon_button,
        )

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.time_left_label)
        header.addWidget(self.wpm_label)
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(header)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.typing_area, 1)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.abandon_bar)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)

    # Starting ------------------------------------------------------------------

    def start_passage(self, text: str, duration_s: float, passage_id: str, title: str) -> None:
        """Show a new passage and wait for the first keystroke."""
        self.session = TypingSession(text, duration_s, clock=self._clock)
        self.passage_id, self.passage_title = passage_id, title
        self._reported = False
        self.title_label.setText(title)
        self.notice_label.clear()
        self.hint_label.setText(self.before_start_hint)
        self.abandon_bar.hide()
        self.typing_area.set_passage(text)
        self.refresh()
        self._timer.start()
        self.typing_area.setFocus()

    # Input ---------------------------------------------------------------------

    def _on_key(self, key: str) -> None:
        session = self.session
        if session is None or session.finished:
            return
        if session.timed_out:
            self.refresh()  # the time ran out before this key: end, ignoring it
            return
        outcome = session.press(key)
        if outcome is None:
            return
        if len(session.events) == 1:
            self.hint_label.setText(self.running_hint)  # the timer has started
        if outcome.correct is None:
            self.typing_area.unmark(outcome.position)
        else:
            self.typing_area.mark(outcome.position, outcome.correct)
        self.typing_area.show_position(session.position)
        if session.completed:
            self._finish()

    def _on_paste_refused(self, how: str, chars: int) -> None:
        if self.session is not None and not self.session.finished:
            self.session.record_incident("paste-refused", how=how, chars=chars)
            self.notice_label.setText("Pasting is not allowed in a typing test; this was recorded.")

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        session = self.session
        if session is None or session.finished or not self.isVisible():
            return
        if state != Qt.ApplicationState.ApplicationActive:
            session.record_incident("focus-lost")
        else:
            session.record_incident("focus-returned")

    # Abandoning ----------------------------------------------------------------

    def _ask_abandon(self) -> None:
        if self.session is not None and not self.session.finished:
            self.abandon_bar.show()
            self.keep_typing_button.setFocus()

    def _keep_typing(self) -> None:
        self.abandon_bar.hide()
        self.typing_area.setFocus()

    def abandon(self) -> None:
        """End the test without a result (the confirmed choice of the person)."""
        if self.session is not None and not self.session.finished:
            self.session.abandon()
            self._finish()

    # Time ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Update the time left and live net WPM; end the test on time-out."""
        session = self.session
        if session is None:
            return
        time_left_s = session.time_left_s()
        show_time_left(self.time_left_label, time_left_s,
                       low=session.started and time_left_s <= TYPING_LOW_TIME_S)
        net_wpm = session.live_net_wpm() if session.started else 0.0
        self.wpm_label.setText(f"{net_wpm:.0f} net WPM")
        if session.timed_out:
            self._finish()

    def _finish(self) -> None:
        if self.session is None or self._reported:
            return
        self._reported = True
        self._timer.stop()
        self.abandon_bar.hide()
        self.finished.emit(self.session)
