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

The countdown, the Submit and Esc bars and the incidents come from
``TimedEmailPage`` (timed_email_page.py), shared with the proofreading page.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.email.drills import WritingScenario
from typing_test.core.email.findings import Finding
from typing_test.core.email.writing import WritingAttempt, assess_reply, reply_word_count
from typing_test.ui.common.review_parts import reading_font
from typing_test.ui.common.theme import GRAMMAR_UNDERLINE, SPELLING_UNDERLINE, set_role
from typing_test.ui.email.checker_loader import CheckerLoader
from typing_test.ui.email.timed_email_page import TimedEmailPage

LIVE_CHECK_DELAY_MS = 600
SPELLING_COLOUR = SPELLING_UNDERLINE
GRAMMAR_COLOUR = GRAMMAR_UNDERLINE

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
        return f"<blockquote><i>{text}</i></blockquote>"
    return f"<p>{text}</p>"


def underline_format(finding: Finding) -> QTextCharFormat:
    """A wavy underline: red for spelling, blue for grammar."""
    char_format = QTextCharFormat()
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    colour = SPELLING_COLOUR if finding.kind == "spelling" else GRAMMAR_COLOUR
    char_format.setUnderlineColor(colour)
    return char_format


class WritingPage(TimedEmailPage):
    """Runs one writing drill. ``finished`` carries a WritingAttempt.

    ``clock`` returns seconds; tests inject a fake one and call :meth:`refresh`
    where the page's timer would. ``checker_source`` checks the reply off the
    UI thread. ``live_check`` turns the underlines while typing on or off.
    """

    SUBMIT_TEXT = "&Submit reply"
    KEEP_TEXT = "&Keep writing"
    ABANDON_QUESTION = (
        "Abandon this drill? It is saved as abandoned with the reply written so far."
    )
    PASTE_NOTICE = (
        "Pasting text from outside your reply is not allowed; this was recorded. "
        "Type your reply."
    )

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        checker_source: CheckerLoader | None = None,
        parent: QWidget | None = None,
        *,
        live_check: bool = True,
    ):
        super().__init__(clock, parent)
        self.checker_source = checker_source if checker_source is not None else CheckerLoader()
        self.live_check = live_check
        self.scenario: WritingScenario | None = None
        self.live_findings: list[Finding] = []
        self._run = 0  # which start() a checker answer belongs to
        self._reported = False  # finished is emitted once per drill

        self.hint_label.setText(
            "Read the situation, then write your email on the right. "
            "Submit when you are done, or press Esc to abandon."
        )
        self.brief_view = QTextBrowser()
        self.brief_view.setAccessibleName("The situation and what to write")
        self.brief_view.setObjectName("brief")
        self.brief_view.setOpenLinks(False)
        reading_font(self.brief_view, scale=1.15)
        self.brief_view.setStyleSheet("QTextBrowser#brief { padding: 6px; }")

        reply_caption = QLabel("Your reply")
        set_role(reply_caption, "strong")
        self.word_count_label = QLabel()
        self.word_count_label.setObjectName("wordCount")
        self.editor.setPlaceholderText("Type your email here.")

        self.live_check_timer = QTimer(self)
        self.live_check_timer.setSingleShot(True)
        self.live_check_timer.setInterval(LIVE_CHECK_DELAY_MS)
        self.live_check_timer.timeout.connect(self.refresh_underlines)

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
        self._lay_out(self.hint_label, splitter)

    def start(self, scenario: WritingScenario) -> None:
        """Show ``scenario`` with an empty reply and start its countdown."""
        self.scenario = scenario
        self.live_findings = []
        self._run += 1
        self._reported = False
        self.title_label.setText(scenario.title)
        self.brief_view.setHtml(brief_html(scenario))
        set_role(self.notice_label, "error")
        self.live_check_timer.stop()
        self.editor.setExtraSelections([])
        self._begin(scenario.time_limit_seconds, "")
        self._show_word_count()
        self.checker_source.start_loading()  # usually done already at app start

    # Writing -------------------------------------------------------------------

    def _edited(self) -> None:
        self._show_word_count()
        if self.live_check:
            self.live_check_timer.start()  # restarts: checks once typing pauses

    def _show_word_count(self) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        words = reply_word_count(self._answer)
        self.word_count_label.setText(
            f"{words} word{'' if words == 1 else 's'} (aim for {scenario.min_words} to "
            f"{scenario.max_words})"
        )
        if words < scenario.min_words:
            role = "hint"
        elif words <= scenario.max_words:
            role = "success"
        else:
            role = "warning"
        if self.word_count_label.property("role") != role:
            set_role(self.word_count_label, role)

    def refresh_underlines(self) -> None:
        """Check the reply as it is now and underline what the checker finds.

        Runs in the worker thread; the answer is shown only if the reply has
        not changed meanwhile (a later change schedules another check).
        """
        if not self._running():
            return
        run, text = self._run, self.editor.toPlainText()

        def show(findings: list[Finding] | None) -> None:
            if run != self._run or self._frozen or findings is None:
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
            char_format = underline_format(finding)
            char_format.setToolTip(finding.message)
            selection.format = char_format
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    # Submitting ----------------------------------------------------------------

    def _confirm_question(self, time_left: str) -> str:
        scenario = self.scenario
        words = reply_word_count(self._answer)
        short = (
            f"Your reply has {words} word{'' if words == 1 else 's'}; "
            f"aim for at least {scenario.min_words}. "
            if words < scenario.min_words
            else ""
        )
        return (
            f"{short}Submit your reply now? You still have {time_left}, "
            "and you cannot change the reply after submitting."
        )

    def _hand_in(self, status: str, answer: str, duration_s: float) -> None:
        """Check ``answer`` in the worker thread; ``finished`` follows when the check is back."""
        scenario = self.scenario
        self.live_check_timer.stop()
        set_role(self.notice_label, "strong")
        self.notice_label.setText("Checking spelling and grammar...")
        run = self._run

        def report(findings: list[Finding] | None) -> None:
            if run != self._run or self._reported:
                return
            self._reported = True
            error = "" if findings is not None else self.checker_source.last_error
            self.notice_label.clear()
            self.finished.emit(
                WritingAttempt(
                    scenario=scenario,
                    text=answer,
                    feedback=assess_reply(scenario, answer, findings or ()),
                    duration_s=duration_s,
                    status=status,
                    timed_out=self.timed_out,
                    incidents=list(self.incidents),
                    check_error=error,
                )
            )

        self.checker_source.check_async(answer, report)
