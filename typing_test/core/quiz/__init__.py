"""Office quizzes: question banks, Excel formula tasks, drawing and grading quizzes.

The public names live here, so callers need not know which module holds them:

>>> from typing_test.core.quiz import evaluate_formula
>>> evaluate_formula(((2,), (3,), (None,)), "A3", "=SUM(A1:A2)").display()
'5'
"""

from typing_test.core.quiz.banks import (
    Bank,
    BankReport,
    Problem,
    Question,
    load_bank,
    load_builtin_banks,
    validate_bank_file,
)
from typing_test.core.quiz.formulas import FormulaCheck, Grid, check_formula, evaluate_formula
from typing_test.core.quiz.session import (
    DEFAULT_PASS_MARK,
    Quiz,
    QuizResult,
    QuizSession,
    draw_quiz,
    grade_quiz,
    rebuild_quiz,
)

__all__ = [
    "DEFAULT_PASS_MARK",
    "Bank",
    "BankReport",
    "FormulaCheck",
    "Grid",
    "Problem",
    "Question",
    "Quiz",
    "QuizResult",
    "QuizSession",
    "check_formula",
    "draw_quiz",
    "evaluate_formula",
    "grade_quiz",
    "load_bank",
    "load_builtin_banks",
    "rebuild_quiz",
    "validate_bank_file",
]
