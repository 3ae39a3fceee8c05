"""Email drills: the offline spelling and grammar checker, proofreading and writing.

The public names live here, so callers need not know which module holds them:

>>> from typing_test.core.email import check_grammar
>>> [finding.rule for finding in check_grammar("They was late.")]
['subject-verb']
"""

from typing_test.core.email.checker import Checker, load_checker
from typing_test.core.email.drills import (
    DrillSet,
    ProofreadingDrill,
    RequiredPoint,
    WritingScenario,
    load_drills,
)
from typing_test.core.email.findings import Finding
from typing_test.core.email.grammar import RULES, check_grammar
from typing_test.core.email.proofreading import (
    ProofreadingAttempt,
    ProofreadingResult,
    grade_answer,
)
from typing_test.core.email.writing import (
    WritingAttempt,
    WritingFeedback,
    assess_reply,
    reply_word_count,
)

__all__ = [
    "RULES",
    "Checker",
    "DrillSet",
    "Finding",
    "ProofreadingAttempt",
    "ProofreadingDrill",
    "ProofreadingResult",
    "RequiredPoint",
    "WritingAttempt",
    "WritingFeedback",
    "WritingScenario",
    "assess_reply",
    "check_grammar",
    "grade_answer",
    "load_checker",
    "load_drills",
    "reply_word_count",
]
