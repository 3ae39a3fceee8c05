"""The unscored practice items a candidate tries before each screening step.

Each is small and written for this purpose only, so it never gives away a
real item: one sentence to type, a two-sentence email with two mistakes, a
one-point reply to write, one quiz question (an Excel formula for a step of
formula tasks, a Word shortcut otherwise), one invoice to key into a form and
five numbers to key on 10-key. They run on the same
pages as the real steps, so the candidate meets the real controls, and their
results are never stored.

>>> print(practice_drill().text)
Thank you for you're email about the delivery. We will send the parcel on monday.
>>> print(practice_drill().reference)
Thank you for your email about the delivery. We will send the parcel on Monday.
>>> [item.question.type for item in practice_quiz(formula=True).items]
['formula']
>>> practice_entry_task("tenkey").numbers
('42.50', '-7.25', '1,308.00', '96', '250.10')
"""

from __future__ import annotations

from typing_test.core.email.drills import (
    ProofreadingDrill,
    RequiredPoint,
    SeededMistake,
    WritingScenario,
)
from typing_test.core.quiz.banks import FormulaTask, Question
from typing_test.core.quiz.session import Quiz, QuizItem
from typing_test.core.typing.data_entry import FormField
from typing_test.core.typing.entry_tasks import EntryTask

PRACTICE_PASSAGE = "Please check the account number before you save the note."
PRACTICE_TYPING_S = 60
PRACTICE_QUIZ_S = 120
PRACTICE_ENTRY_S = 60

# The practice email, with each mistake and its correction, in text order.
_EMAIL_PARTS = (
    "Thank you for ",
    ("you're", "your", "grammar", "'your' owns the email; 'you're' is 'you are'."),
    " email about the delivery. We will send the parcel on ",
    ("monday", "Monday", "capitalisation", "Days of the week start with a capital letter."),
    ".",
)


def practice_passage() -> str:
    """The one sentence typed in the typing practice."""
    return PRACTICE_PASSAGE


def practice_drill() -> ProofreadingDrill:
    """A two-sentence email with two mistakes, to correct in two minutes."""
    text, reference, mistakes = "", "", []
    for part in _EMAIL_PARTS:
        if isinstance(part, str):
            text += part
            reference += part
            continue
        wrong, right, kind, reason = part
        mistakes.append(SeededMistake(len(text), len(text) + len(wrong), wrong, (right,), kind,
                                      reason))
        text += wrong
        reference += right
    return ProofreadingDrill(
        id="practice-proofreading", title="Practice: correct this email", difficulty="easy",
        time_limit_minutes=2, text=text, reference=reference, mistakes=tuple(mistakes),
    )


def practice_scenario() -> WritingScenario:
    """A short reply to a colleague, to write in three minutes."""
    return WritingScenario(
        id="practice-writing", title="Practice: a short reply", difficulty="easy",
        time_limit_minutes=3,
        situation=("Your colleague Sam writes: \"Can you join the team meeting on Thursday "
                   "at 10 am?\"\n\nReply to Sam with a short email."),
        subject_required=False, min_words=5, max_words=60,
        points=(RequiredPoint("Say whether you can join the meeting",
                              (("join", "attend", "come", "be there", "can't", "cannot"),)),),
    )


def practice_quiz(formula: bool = False) -> Quiz:
    """One practice question: an Excel formula when ``formula``, else a Word shortcut."""
    if formula:
        question = Question(
            id="practice-formula", topic="practice", type="formula", difficulty="basic",
            prompt="The sheet lists two costs. Enter a formula in B4 that adds them up.",
            explanation="=B2+B3 adds the two cells; =SUM(B2:B3) does the same.",
            answer="=B2+B3",
            formula=FormulaTask(
                target="B4",
                grid=(("Item", "Cost"), ("Pens", 4), ("Paper", 9), ("Total", "")),
                variant=(("Item", "Cost"), ("Pens", 6), ("Paper", 13), ("Total", "")),
                reference="=B2+B3",
                alternatives=("=SUM(B2:B3)", "=SUM(B2,B3)"),
            ),
        )
        options: tuple[str, ...] = ()
    else:
        options = ("Ctrl+B", "Ctrl+I", "Ctrl+U", "Ctrl+P")
        question = Question(
            id="practice-word", topic="practice", type="single", difficulty="basic",
            prompt="In Microsoft Word, which keys make the selected text bold?",
            explanation="Ctrl+B is bold; Ctrl+I italic, Ctrl+U underline, Ctrl+P prints.",
            answer="Ctrl+B", options=options,
        )
    return Quiz(seed=0, topics=("practice",), titles={"practice": "Practice"},
                items=(QuizItem(question, options),))


def practice_entry_task(mode: str) -> EntryTask:
    """A data-entry practice task of ``mode``: one made-up invoice to key into
    a form ("form"), or five numbers to key with Enter after each ("tenkey")."""
    if mode == "tenkey":
        return EntryTask("practice-tenkey", "tenkey", "Practice: key these numbers",
                         PRACTICE_ENTRY_S, numbers=("42.50", "-7.25", "1,308.00", "96", "250.10"))
    fields = (FormField("supplier", "Supplier"),
              FormField("invoice_number", "Invoice number"),
              FormField("account_number", "Account number"),
              FormField("invoice_date", "Invoice date", "date"),
              FormField("amount", "Amount due", "amount"),
              FormField("reference", "PO reference"))
    record = {"supplier": "Practice Stationers", "invoice_number": "PR-100",
              "account_number": "10020030", "invoice_date": "02/03/2026",
              "amount": "64.20", "reference": "PO-1"}
    return EntryTask("practice-form", "form", "Practice: key this invoice", PRACTICE_ENTRY_S,
                     document="invoice", date_format="DD/MM/YYYY", fields=fields,
                     records=(record,))
