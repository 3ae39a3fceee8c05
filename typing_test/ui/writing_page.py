"""A writing drill in progress: the situation, what to cover, a countdown, the reply.

The candidate reads the situation on the left and writes the email on the
right. On Submit (after a confirmation while time remains), on time-out, or
on abandoning, the page freezes the reply, has the checker find spelling and
grammar problems in the worker thread, scores the reply with
``core.writing.assess_reply`` and emits ``finished`` with a
:class:`WritingAttempt`.

While the candidate types, the page can underline spelling (red) and grammar
(blue) problems: 600 ms after the last change it checks the text in the worker
thread and shows the findings only if the text has not changed since.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.drills import WritingScenario
from typing_test.core.findings import Finding
from typing_test.core.writing import WritingAttempt, assess_reply, count_words
from typing_test.ui.checker_loader import CheckerLoader
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

LIVE_CHECK_DELAY_MS = 600
SPELLING_COLOUR = QColor("#d93025")
GRAMMAR_COLOUR = QColor("#1a73e8")
WORDS_SHORT_STYLE = "color: #5f6368;"
WORDS_OK_STYLE = "color: #1e8e3e; font-weight: 600;"
WORDS_LONG_STYLE = "color: #e37400; font-weight: 600;"
CHECKING_STYLE = "color: #1a73e8; font-weight: 600;"

# The same subject-line rule as core.writing: the first non-empty line,
# "Subject: ...", is not counted as words of the reply.
_SUBJECT = re.compile(r"subject\s*:(.*)", re.IGNORECASE)


def reply_word_count(text: str) -> int:
    """The words of a reply as the feedback counts them: all but a subject line."""
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        if line:
            if _SUBJECT.fullmatch(line):
                lines = lines[index + 1 :]
            break
    return count_words("\n".join(lines))


def brief_html(scenario: WritingScenario) -> str:
    """The situation and the checklist of what the reply must do, as HTML."""
    paragraphs = [p.strip() for p in scenario.situation.strip().split("\n\n") if p.strip()]
    situation = "".join(_paragraph_html(p) for p in paragraphs)
    points = "".join(f"<li>{html.escape(point.label)}</li>" for point in scenario.points)
    rules = []
    if scenario.subject_required:
        rules.append("Start with a <b>Subject:</b> line.")
    rules.append(f"Write {scenario.min_words} to {scenario.max_words} words.")
    rules.append("Write a complete email: a greeting, your message, a closing and your name.")
    return (
        "<h3>The situation</h3>"
        f"{situation}"
        "<h3>Your reply must</h3>"
        f"<ul>{points}</ul>"
        "<h3>Also</h3>"
        f"<ul>{''.join(f'<li>{rule}</li>' for rule in rules)}</ul>"
    )


def _paragraph_html(paragraph: str) -> str:
    """One paragraph of a situation; a quoted message is set apart, as in a mail client."""
    text = html.escape(paragraph, quote=False).replace("\n", "<br>")
    if paragraph.startswith('"'):
        return f'<blockquote style="color: #3c4043;"><i>{text}</i></blockquote>'
    return f"<p>{text}</p>"


def underline_format(finding: Finding) -> QTextCharFormat:
    """A wavy underline: red for spelling, blue for grammar."""
    char_format = QTextCharFormat()
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    colour = SPELLING_COLOUR if finding.kind == "spelling" else GRAMMAR_COLOUR
    char_format.setUnderlineColor(colour)
    char_format.setToolTip(finding.message)
    return char_format


class WritingPage(QWidget):
    """Runs one writing drill. ``finished`` carries a WritingAttempt.

    ``clock`` returns seconds; tests inject a fake one and call :meth:`refresh`
    where the page's timer would. ``checker_source`` checks the reply off the
    UI thread. ``live_check`` turns the underlines while typing on or off.
    """

    finished = Signal(object)  # a WritingAttempt

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        checker_source: CheckerLoader | None = None,
        parent: QWidget | None = None,
        *,
        live_check: bool = True,
    ):
        super().__init__(parent)
        self._clock = clock
        self.checker_source = checker_source if checker_source is not None else CheckerLoader()
        self.live_check = live_check
        self.scenario: WritingScenario | None = None
        self.incidents: list[dict] = []
        self.timed_out = False
        self.live_findings: list[Finding] = []
        self._started_at = 0.0
        self._text = ""  # the reply as it was when the time last had not run out
        self._run = 0  # which start() a checker answer belongs to
        self._submitted = False  # the reply is frozen and being checked
        self._reported = False  # finished is emitted once per drill

        self.title_label = QLabel()
        self.title_label.setStyleSheet(TITLE_STYLE)
        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        self.time_left_label.setStyleSheet(TIME_STYLE)
        self.hint_label = QLabel(
            "Read the situation, then write your email on the right. "
            "Submit when you are done, or press Esc to abandon."
        )
        self.hint_label.setStyleSheet(HINT_STYLE)
        self.hint_label.setWordWrap(True)

        self.brief_view = QTextBrowser()
        self.brief_view.setObjectName("brief")
        self.brief_view.setOpenLinks(False)
        self.brief_view.setStyleSheet(
            "QTextBrowser#brief { font-size: 11pt; padding: 6px; background: #ffffff; "
            "border: 1px solid #dadce0; border-radius: 6px; }"
        )

        reply_caption = QLabel("Your reply")
        reply_caption.setStyleSheet("font-weight: 600; font-size: 12pt;")
        self.word_count_label = QLabel()
        self.word_count_label.setObjectName("wordCount")
        self.editor = EmailEditor()
        self.editor.setPlaceholderText("Type your email here.")
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.pasteRefused.connect(self._on_paste_refused)
        self.editor.escapePressed.connect(self._ask_abandon)

        self.notice_label = QLabel()
        self.notice_label.setStyleSheet(NOTICE_STYLE)
        self.notice_label.setWordWrap(True)
        self.submit_button = QPushButton("Submit reply")
        self.submit_button.setMinimumSize(180, 36)
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.request_submit)

        self.confirm_label = QLabel()
        self.keep_writing_button = QPushButton("Keep writing")
        self.keep_writing_button.clicked.connect(self._keep_writing)
        self.confirm_submit_button = QPushButton("Submit now")
        self.confirm_submit_button.clicked.connect(self.submit)
        self.confirm_bar = confirmation_bar(
            "confirmBar",
            CONFIRM_BAR_STYLE,
            self.confirm_label,
            self.keep_writing_button,
            self.confirm_submit_button,
        )
        self.abandon_question = QLabel(
            "Abandon this drill? It is saved as abandoned with the reply written so far."
        )
        self.abandon_keep_button = QPushButton("Keep writing")
        self.abandon_keep_button.clicked.connect(self._keep_writing)
        self.abandon_button = QPushButton("Abandon drill")
        self.abandon_button.clicked.connect(self.abandon)
        self.abandon_bar = confirmation_bar(
            "abandonBar",
            ABANDON_BAR_STYLE,
            self.abandon_question,
            self.abandon_keep_button,
            self.abandon_button,
        )

        self.live_check_timer = QTimer(self)
        self.live_check_timer.setSingleShot(True)
        self.live_check_timer.setInterval(LIVE_CHECK_DELAY_MS)
        self.live_check_timer.timeout.connect(self.refresh_underlines)

        self._build_layout(reply_caption)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)

    def _build_layout(self, reply_caption: QLabel) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.time_left_label)

        reply_header = QHBoxLayout()
        reply_header.addWidget(reply_caption)
        reply_header.addStretch(1)
        reply_header.addWidget(self.word_count_label)
        reply_box = QWidget()
        reply_layout = QVBoxLayout(reply_box)
        reply_layout.setContentsMargins(0, 0, 0, 0)
        reply_layout.addLayout(reply_header)
        reply_layout.addWidget(self.editor, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.brief_view)
        splitter.addWidget(reply_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        footer = QHBoxLayout()
        footer.addWidget(self.notice_label, 1)
        footer.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(header)
        layout.addWidget(self.hint_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.confirm_bar)
        layout.addWidget(self.abandon_bar)
        layout.addLayout(footer)

    # Starting ------------------------------------------------------------------

    def start(self, scenario: WritingScenario) -> None:
        """Show ``scenario`` with an empty reply and start its countdown."""
        self.scenario = scenario
        self.incidents = []
        self.timed_out = False
        self.live_findings = []
        self._run += 1
        self._submitted = False
        self._reported = False
        self._started_at = self._clock()
        self.title_label.setText(scenario.title)
        self.brief_view.setHtml(brief_html(scenario))
        self.notice_label.clear()
        self.notice_label.setStyleSheet(NOTICE_STYLE)
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.live_check_timer.stop()
        self.editor.setReadOnly(False)
        self.editor.set_email("")
        self.editor.setExtraSelections([])
        self._text = ""
        self.submit_button.setEnabled(True)
        self._show_word_count()
        self.refresh()
        self._timer.start()
        self.checker_source.start_loading()  # usually done already at app start
        self.editor.setFocus()

    # Time ----------------------------------------------------------------------

    def time_left_s(self) -> float:
        """Seconds left on the countdown (0 when the time is up)."""
        if self.scenario is None:
            return 0.0
        elapsed = self._clock() - self._started_at
        return max(0.0, self.scenario.time_limit_seconds - elapsed)

    def refresh(self) -> None:
        """Update the countdown; submit the reply when the time is up."""
        if self.scenario is None or self._submitted:
            return
        left = self.time_left_s()
        self.time_left_label.setText(f"{minutes_seconds(left)} left")
        self.time_left_label.setStyleSheet(LOW_TIME_STYLE if left <= LOW_TIME_S else TIME_STYLE)
        if left <= 0:
            self.timed_out = True
            self._end("completed")

    # Writing -------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        if self.scenario is None or self._submitted:
            return
        if self.time_left_s() <= 0:
            self.refresh()  # this edit came after the time ran out: end without it
            return
        self._text = self.editor.toPlainText()
        self.confirm_bar.hide()
        self._show_word_count()
        if self.live_check:
            self.live_check_timer.start()  # restarts: checks once typing pauses

    def _show_word_count(self) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        words = reply_word_count(self._text)
        self.word_count_label.setText(
            f"{words} word{'' if words == 1 else 's'} (aim for {scenario.min_words} to "
            f"{scenario.max_words})"
        )
        if words < scenario.min_words:
            style = WORDS_SHORT_STYLE
        elif words <= scenario.max_words:
            style = WORDS_OK_STYLE
        else:
            style = WORDS_LONG_STYLE
        self.word_count_label.setStyleSheet(style)

    def refresh_underlines(self) -> None:
        """Check the reply as it is now and underline what the checker finds.

        Runs in the worker thread; the answer is shown only if the reply has
        not changed meanwhile (a later change schedules another check).
        """
        if self.scenario is None or self._submitted:
            return
        run, text = self._run, self.editor.toPlainText()

        def show(findings: list[Finding] | None) -> None:
            if run != self._run or self._submitted or findings is None:
                return
            if self.editor.toPlainText() != text:
                return
            self._underline(findings)

        self.checker_source.check_async(text, show, suggestions=False)

    def _underline(self, findings: list[Finding]) -> None:
        self.live_findings = list(findings)
        selections = []
        for finding in findings:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(finding.start)
            cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = underline_format(finding)
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _on_paste_refused(self, how: str) -> None:
        if self.scenario is None or self._submitted:
            return
        self._record("paste-refused", how=how)
        self.notice_label.setText(
            "Pasting text from outside your reply is not allowed; this was recorded. "
            "Type your reply."
        )

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if self.scenario is None or self._submitted or not self.isVisible():
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
        scenario = self.scenario
        if scenario is None or self._submitted:
            return
        left = self.time_left_s()
        if left <= 0:
            self.refresh()
            return
        self.abandon_bar.hide()
        words = reply_word_count(self._text)
        short = (
            f"Your reply has {words} word{'' if words == 1 else 's'}; "
            f"aim for at least {scenario.min_words}. "
            if words < scenario.min_words
            else ""
        )
        self.confirm_label.setText(
            f"{short}Submit your reply now? You still have {minutes_seconds(left)}, "
            "and you cannot change the reply after submitting."
        )
        self.confirm_bar.show()
        self.confirm_submit_button.setFocus()

    def submit(self) -> None:
        """Check and score the reply as it is now, ending the drill."""
        if self.scenario is not None and not self._submitted:
            if self.time_left_s() <= 0:
                self.refresh()  # the time ran out first: submitted as it was then
                return
            self._end("completed")

    def _ask_abandon(self) -> None:
        if self.scenario is not None and not self._submitted:
            self.confirm_bar.hide()
            self.abandon_bar.show()
            self.abandon_keep_button.setFocus()

    def _keep_writing(self) -> None:
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.editor.setFocus()

    def abandon(self) -> None:
        """End the drill as abandoned (the confirmed choice of the candidate)."""
        if self.scenario is not None and not self._submitted:
            self._end("abandoned")

    def _end(self, status: str) -> None:
        """Freeze the reply, then check it; ``finished`` follows when the check is back."""
        scenario = self.scenario
        if scenario is None or self._submitted:
            return
        self._submitted = True
        self._timer.stop()
        self.live_check_timer.stop()
        self.confirm_bar.hide()
        self.abandon_bar.hide()
        self.editor.setReadOnly(True)
        self.submit_button.setEnabled(False)
        self.notice_label.setStyleSheet(CHECKING_STYLE)
        self.notice_label.setText("Checking spelling and grammar...")
        run, text = self._run, self._text
        duration = min(float(scenario.time_limit_seconds), self._clock() - self._started_at)

        def report(findings: list[Finding] | None) -> None:
            if run != self._run or self._reported:
                return
            self._reported = True
            error = "" if findings is not None else self.checker_source.last_error
            self.notice_label.clear()
            self.finished.emit(
                WritingAttempt(
                    scenario=scenario,
                    text=text,
                    feedback=assess_reply(scenario, text, findings or ()),
                    duration_s=duration,
                    status=status,
                    timed_out=self.timed_out,
                    incidents=list(self.incidents),
                    check_error=error,
                )
            )

        self.checker_source.check_async(text, report)
