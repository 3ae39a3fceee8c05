"""What the two data-entry test pages share: the session, its clock and its end.

``FormEntryPage`` and ``TenKeyPage`` differ in what they show and how keys
reach the ``EntrySession``; the rest is the same and lives here: the title,
time-left, hint and notice labels, the countdown's QTimer, Esc asking whether
to abandon (the in-page abandon bar), refused pastes and focus changes
recorded as incidents, and ``finished`` emitted once with the EntryOutcome.

A page builds its own widgets, then calls ``_make_abandon_bar()`` (so the
bar's buttons come after its fields in the tab order) and ``_page_layout()``
with its count label and body, and adds what goes below them;
its ``start()`` makes the session, calls ``_begin()``, shows the task, then
``_run_clock()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.entry_session import EntrySession
from typing_test.core.typing.session import Clock, monotonic_ms
from typing_test.ui.common.confirmation_bar import confirmation_bar, show_time_left
from typing_test.ui.common.styles import REFRESH_MS, TYPING_LOW_TIME_S
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.typing.entry_field import EntryField


class TimedEntryPage(QWidget):
    """Runs one EntrySession against the clock. ``finished`` carries its EntryOutcome."""

    finished = Signal(object)  # the EntryOutcome
    pasteRefused = Signal(str, int)  # how, characters: any field's refusal

    def __init__(self, clock: Clock = monotonic_ms, parent: QWidget | None = None):
        super().__init__(parent)
        self._clock = clock
        self.session: EntrySession | None = None
        self._reported = False  # finished is emitted once per session
        self.answer_fields: list[EntryField] = []  # filled by the page
        self._current = 0  # the field the keys go into (Keep going returns there)

        self.title_label = QLabel()
        set_role(self.title_label, "timer")
        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        set_role(self.time_left_label, "timer", low=False)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        set_role(self.hint_label, "hint")
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        set_role(self.notice_label, "error")

        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._ask_abandon)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)

    def _make_abandon_bar(self) -> QFrame:
        """Build the hidden abandon bar (``self.abandon_bar``) and its buttons."""
        self.abandon_question = QLabel(
            "Abandon this test? It is saved as abandoned and never counts as a pass.")
        self.abandon_button = QPushButton("&Abandon test")
        self.abandon_button.clicked.connect(self.abandon)
        self.keep_going_button = QPushButton("&Keep going")
        self.keep_going_button.clicked.connect(self._keep_going)
        self.abandon_bar = confirmation_bar("abandonBar", "warningBar", self.abandon_question,
                                            self.keep_going_button, self.abandon_button)
        return self.abandon_bar

    def _page_layout(self, count_label: QLabel, body: QBoxLayout) -> QVBoxLayout:
        """The page's layout: a header (title, ``count_label``, time left), the
        hint, then ``body`` taking the room; the page adds what goes below."""
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(count_label)
        header.addWidget(self.time_left_label)
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(header)
        layout.addWidget(self.hint_label)
        layout.addLayout(body, 1)
        return layout

    # Starting ------------------------------------------------------------------

    def _begin(self, session: EntrySession) -> None:
        """Take ``session`` as the one running and reset what the last one showed."""
        self.session = session
        self._reported = False
        self.title_label.setText(session.task.title)
        self.hint_label.setText(self.before_start_hint)
        self.notice_label.clear()
        self.abandon_bar.hide()

    def _run_clock(self) -> None:
        """Show the time left and keep it up to date (it runs from the first key)."""
        self.refresh()
        self._timer.start()

    # Input ---------------------------------------------------------------------

    def _running(self) -> bool:
        """Whether a key may go into the session now (ends it if the time ran out)."""
        if self.session is None or self._reported:
            return False
        if self.session.timed_out:
            self.refresh()  # the time ran out before this: end, ignoring it
            return False
        return True

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
        self.answer_fields[self._current].setFocus()

    def abandon(self) -> None:
        """End the test as abandoned (nothing if it is over): ``finished`` still
        carries the log, stored but never a pass."""
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
        show_time_left(self.time_left_label, time_left_s,
                       low=session.started and time_left_s <= TYPING_LOW_TIME_S)
        if session.timed_out:
            self._finish()

    def _finish(self) -> None:
        if self.session is None or self._reported:
            return
        self._reported = True
        self._timer.stop()
        self.abandon_bar.hide()
        self.finished.emit(self.session.outcome())
