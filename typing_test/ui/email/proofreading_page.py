"""A proofreading drill in progress: the email to correct, a countdown, Submit.

The candidate edits the email in place, as in any editor. The page grades the
email with ``core.proofreading.grade_answer`` when the candidate submits (after
a confirmation while time remains), when the time runs out, or when they
abandon, and emits ``finished`` with a :class:`ProofreadingAttempt`; the main
window stores it and shows the review.

Text from outside the email cannot be pasted or dropped in, so nobody can
paste a corrected copy; each attempt is refused and recorded in ``incidents``.
The countdown, the Submit and Esc bars and that recording come from
``TimedEmailPage`` (timed_email_page.py), shared with the writing page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from typing_test.core.email.drills import ProofreadingDrill
from typing_test.core.email.proofreading import ProofreadingAttempt, grade_answer
from typing_test.ui.common.theme import set_role
from typing_test.ui.email.timed_email_page import TimedEmailPage

INSTRUCTIONS = "Correct every mistake in this email. Don't rewrite sentences that are right."

class ProofreadingPage(TimedEmailPage):
    """Runs one proofreading drill. ``finished`` carries a ProofreadingAttempt.

    ``clock`` returns seconds; tests inject a fake one and call :meth:`refresh`
    where the page's timer would.
    """

    SUBMIT_TEXT = "&Submit corrections"
    KEEP_TEXT = "&Keep editing"
    ABANDON_QUESTION = (
        "Abandon this drill? It is saved as abandoned with the corrections made so far."
    )
    PASTE_NOTICE = (
        "Pasting text from outside the email is not allowed; this was recorded. "
        "Type your corrections."
    )

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None
    ):
        super().__init__(clock, parent)
        self.drill: ProofreadingDrill | None = None
        self.instructions_label = QLabel(INSTRUCTIONS)
        set_role(self.instructions_label, "lead")
        self.instructions_label.setWordWrap(True)
        self._lay_out(self.instructions_label, self.hint_label, self.editor)

    def start(self, drill: ProofreadingDrill) -> None:
        """Show ``drill``'s email for editing and start its countdown."""
        self.drill = drill
        self.title_label.setText(drill.title)
        count = len(drill.mistakes)
        self.hint_label.setText(
            f"This email has {count} mistakes. Click in the email and edit it as in any "
            "editor; changing text that was already right counts against you. "
            "Submit when you are done, or press Esc to abandon."
        )
        self._begin(drill.time_limit_seconds, drill.text)

    def _confirm_question(self, time_left: str) -> str:
        unchanged = self.editor.toPlainText() == self.drill.text
        first = "You have not changed the email yet. " if unchanged else ""
        return (
            f"{first}Submit your corrections now? You still have {time_left}, "
            "and you cannot change the email after submitting."
        )

    def _hand_in(self, status: str, answer: str, duration_s: float) -> None:
        """Grade ``answer`` and report the attempt."""
        drill = self.drill
        self.finished.emit(
            ProofreadingAttempt(
                drill=drill,
                answer=answer,
                result=grade_answer(drill, answer),
                duration_s=duration_s,
                status=status,
                timed_out=self.timed_out,
                incidents=list(self.incidents),
            )
        )
