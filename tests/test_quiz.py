"""Tests for drawing and grading quizzes (typing_test.core.quiz.session)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from typing_test.core.quiz.banks import Bank, load_bank, load_builtin_banks
from typing_test.core.quiz.session import (
    QuizSession,
    draw_quiz,
    grade_question,
    grade_quiz,
    rebuild_quiz,
    shuffled_options,
)


def single(qid: str, difficulty: str = "basic") -> str:
    return f"""
[[questions]]
id = "{qid}"
type = "single"
difficulty = "{difficulty}"
prompt = "Question {qid}?"
options = ["Right", "Wrong one", "Wrong two", "Wrong three"]
answer = "Right"
explanation = "Right is right."
"""


MULTIPLE = """
[[questions]]
id = "m-1"
type = "multiple"
difficulty = "intermediate"
prompt = "Pick the right ones."
options = ["A", "B", "C", "D"]
answer = ["A", "C"]
explanation = "A and C."
"""

TRUEFALSE = """
[[questions]]
id = "tf-1"
type = "truefalse"
difficulty = "basic"
prompt = "True?"
answer = false
explanation = "False."
"""

FORMULA = """
[[questions]]
id = "f-1"
type = "formula"
difficulty = "basic"
prompt = "Total in B4."
target = "B4"
grid = [["Item", "Amount"], ["Pens", 12], ["Paper", 30], ["Total", ""]]
variant = [["Item", "Amount"], ["Pens", 15], ["Paper", 22], ["Total", ""]]
answer = "=SUM(B2:B3)"
explanation = "SUM adds the range."
"""


def make_bank(tmp_path: Path, topic: str, body: str) -> Bank:
    path = tmp_path / f"{topic}.toml"
    path.write_text(f'[bank]\ntopic = "{topic}"\ntitle = "{topic.title()}"\n{body}', "utf-8")
    return load_bank(path)


@pytest.fixture
def banks(tmp_path) -> list[Bank]:
    word = make_bank(
        tmp_path,
        "word",
        "".join(single(f"w-{n:02}", "advanced" if n % 3 == 0 else "basic") for n in range(1, 13)),
    )
    excel = make_bank(tmp_path, "excel", single("x-01") + MULTIPLE + TRUEFALSE + FORMULA)
    outlook = make_bank(tmp_path, "outlook", single("o-01") + single("o-02"))
    return [word, excel, outlook]


def all_right(quiz) -> dict:
    return {item.question.id: item.question.answer for item in quiz.items}


# ---------------------------------------------------------------------------
# Drawing


def test_same_seed_same_quiz(banks):
    first = draw_quiz(banks, 10, seed=1234)
    second = draw_quiz(list(reversed(banks)), 10, seed=1234, topics=["word", "excel", "outlook"])
    assert first.question_ids() == second.question_ids()
    assert [i.options for i in first.items] == [i.options for i in second.items]
    assert first.seed == 1234


def test_different_seeds_draw_differently(banks):
    draws = {tuple(draw_quiz(banks, 8, seed=seed).question_ids()) for seed in range(10)}
    assert len(draws) > 1


def test_questions_spread_evenly_and_grouped_by_topic(banks):
    quiz = draw_quiz(banks, 6, topics=["word", "excel"], seed=7)
    topics = [item.question.topic for item in quiz.items]
    assert topics == ["word"] * 3 + ["excel"] * 3
    assert quiz.topics == ("word", "excel")
    assert quiz.titles == {"word": "Word", "excel": "Excel"}
    assert len(set(quiz.question_ids())) == 6


def test_a_small_topic_gives_its_share_to_the_others(banks):
    quiz = draw_quiz(banks, 15, seed=3)
    counts = Counter(item.question.topic for item in quiz.items)
    assert counts == {"outlook": 2, "excel": 4, "word": 9}


def test_draw_errors(banks):
    with pytest.raises(ValueError, match="unknown topic powerpoint"):
        draw_quiz(banks, 5, topics=["powerpoint"])
    with pytest.raises(ValueError, match="only 18 questions"):
        draw_quiz(banks, 19)
    with pytest.raises(ValueError, match="at least 1 question"):
        draw_quiz(banks, 0)
    with pytest.raises(ValueError, match="pass mark"):
        draw_quiz(banks, 5, pass_mark=170)


def test_difficulty_filter(banks):
    quiz = draw_quiz(banks, 4, topics=["word"], difficulties=["advanced"], seed=5)
    assert {item.question.difficulty for item in quiz.items} == {"advanced"}
    with pytest.raises(ValueError):
        draw_quiz(banks, 5, topics=["word"], difficulties=["advanced"])


def test_no_seed_picks_one_and_stores_it(banks):
    quiz = draw_quiz(banks, 5)
    again = draw_quiz(banks, 5, seed=quiz.seed)
    assert again.question_ids() == quiz.question_ids()


def test_options_are_shuffled_reproducibly(banks):
    question = banks[0].questions[0]
    orders = {shuffled_options(question, seed) for seed in range(20)}
    assert len(orders) > 1
    assert all(sorted(order) == sorted(question.options) for order in orders)
    assert shuffled_options(question, 11) == shuffled_options(question, 11)
    truefalse = next(q for q in banks[1].questions if q.type == "truefalse")
    assert shuffled_options(truefalse, 11) == ()


def test_rebuild_quiz_from_ids_and_seed(banks):
    quiz = draw_quiz(banks, 9, seed=99, pass_mark=80)
    rebuilt = rebuild_quiz(banks, quiz.question_ids(), 99, pass_mark=80)
    assert rebuilt.items == quiz.items
    assert rebuilt.topics == quiz.topics
    with pytest.raises(KeyError, match="gone-1"):
        rebuild_quiz(banks, ["gone-1"], 99)


def test_quiz_json(banks):
    quiz = draw_quiz(banks, 5, seed=1)
    data = json.loads(json.dumps(quiz.as_json()))
    assert data["seed"] == 1 and data["question_ids"] == quiz.question_ids()


# ---------------------------------------------------------------------------
# Grading one question


def question(banks, qid):
    return next(q for bank in banks for q in bank.questions if q.id == qid)


@pytest.mark.parametrize(
    ("qid", "answer", "correct"),
    [
        ("x-01", "Right", True),
        ("x-01", "Wrong one", False),
        ("x-01", "right", False),
        ("x-01", ["Right"], False),
        ("m-1", ["A", "C"], True),
        ("m-1", ("C", "A"), True),
        ("m-1", {"A", "C"}, True),
        ("m-1", ["A"], False),
        ("m-1", ["A", "C", "D"], False),
        ("m-1", "A", False),
        ("tf-1", False, True),
        ("tf-1", True, False),
        ("tf-1", "false", False),
        ("f-1", "=SUM(B2:B3)", True),
        ("f-1", "=B2+B3", True),
        ("f-1", "=B2*B3", False),
        ("f-1", "=SUM(B2;B3)", True),
        ("f-1", "=42", False),
        ("f-1", "42", False),
    ],
)
def test_grade_question(banks, qid, answer, correct):
    result = grade_question(question(banks, qid), answer)
    assert result.correct is correct
    assert result.answered
    json.dumps(result.as_json())


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("x-01", None),
        ("x-01", ""),
        ("m-1", []),
        ("tf-1", None),
        ("f-1", "  "),
    ],
)
def test_unanswered_counts_as_wrong(banks, qid, answer):
    result = grade_question(question(banks, qid), answer)
    assert not result.correct and not result.answered
    assert result.given is None
    assert result.feedback == "Not answered."


def test_formula_review_data(banks):
    result = grade_question(question(banks, "f-1"), "=42")
    assert result.right_answer == "=SUM(B2:B3)"
    assert result.right_value == "42"
    assert "not when the numbers change" in result.feedback
    assert result.formula_check is not None and result.formula_check.given[0].display() == "42"


FORMULA_MORE = """
[[questions]]
id = "f-2"
type = "formula"
difficulty = "intermediate"
prompt = "B3 shows Pass when the score in B1 is at least the pass mark in B2, and Fail otherwise."
target = "B3"
grid = [["Score", 80], ["Pass mark", 70], ["Result", ""]]
variant = [["Score", 65], ["Pass mark", 70], ["Result", ""]]
more_variants = [
  [["Score", 75], ["Pass mark", 80], ["Result", ""]],
  [["Score", 60], ["Pass mark", 55], ["Result", ""]],
]
answer = '=IF(B1>=B2,"Pass","Fail")'
explanation = "Compare the score with the pass mark's cell."
"""


def test_a_formula_is_graded_on_every_hidden_grid(tmp_path):
    task_question = make_bank(tmp_path, "excel", FORMULA_MORE).questions[0]
    right = grade_question(task_question, '=IF(B2<=B1;"pass";"fail")')
    assert right.correct and right.feedback == ""
    # The pass mark typed in: right on the grid shown and the variant only.
    typed_in = grade_question(task_question, '=IF(B1>=70,"Pass","Fail")')
    assert not typed_in.correct and typed_in.answered
    assert "(wrong on 2 of 3 hidden sheets)" in typed_in.feedback
    assert typed_in.right_value == "Pass"
    check = typed_in.formula_check
    assert [value.display() for value in check.expected] == ["Pass", "Fail", "Fail", "Pass"]
    assert [value.display() for value in check.given] == ["Pass", "Fail", "Pass", "Fail"]
    data = json.loads(json.dumps(typed_in.as_json()))
    assert len(data["formula_check"]["given"]) == 4


def test_half_right_builtin_answers_fail_and_right_ones_pass():
    half_right = {
        "xlf-010": "=IF(B4>=95,500,0)",  # attendance only
        "xlf-011": '=IF(B2<20,"Reorder","OK")',  # stock only
        "xlf-012": '=IF(B1>=60,"Fast","Average")',  # no Slow band
    }
    right = {
        "xlf-010": "=IF(AND($B$2>=$B$3;$B$4>=95);500;0)",
        "xlf-011": '=IF(B2<20,"Reorder",IF(B3>60,"Reorder","OK"))',
        "xlf-012": '=IFS(B1>=60,"Fast",B1>=40,"Average",TRUE,"Slow")',
    }
    quiz = rebuild_quiz(load_builtin_banks(), list(half_right), seed=9)
    wrong_result = grade_quiz(quiz, half_right)
    assert wrong_result.correct == 0
    assert all("not when the numbers change" in q.feedback for q in wrong_result.questions)
    assert grade_quiz(quiz, right).correct == 3


# ---------------------------------------------------------------------------
# Grading a quiz


def test_all_right_passes_with_full_marks(banks):
    quiz = draw_quiz(banks, 18, seed=2)
    result = grade_quiz(quiz, all_right(quiz), duration_seconds=312.5)
    assert (result.correct, result.total, result.percent) == (18, 18, 100.0)
    assert result.passed and result.verdict == "PASS"
    assert all(score.percent == 100.0 for score in result.topics)


def test_pass_mark_boundary_and_topic_scores(banks):
    quiz = draw_quiz(banks, 10, topics=["word"], seed=4)
    answers = all_right(quiz)
    for question_id in quiz.question_ids()[:3]:
        answers[question_id] = "Wrong one"
    result = grade_quiz(quiz, answers)
    assert result.percent == 70.0 and result.passed
    del answers[quiz.question_ids()[3]]
    result = grade_quiz(quiz, answers)
    assert result.percent == 60.0 and not result.passed and result.verdict == "FAIL"
    assert [(s.topic, s.correct, s.total) for s in result.topics] == [("word", 6, 10)]


def test_scores_per_topic(banks):
    quiz = draw_quiz(banks, 6, topics=["excel", "outlook"], seed=8)
    answers = {
        item.question.id: item.question.answer
        for item in quiz.items
        if item.question.topic == "outlook"
    }
    result = grade_quiz(quiz, answers)
    scores = {score.topic: (score.correct, score.total, score.percent) for score in result.topics}
    assert scores == {"excel": (0, 4, 0.0), "outlook": (2, 2, 100.0)}
    assert result.percent == pytest.approx(100 * 2 / 6)


def test_result_json_holds_the_attempt(banks):
    quiz = draw_quiz(banks, 8, seed=21, topics=["excel", "word"])
    answers = {"m-1": ["C", "A"], "f-1": "=B2+B3", "tf-1": True}
    result = grade_quiz(quiz, answers, duration_seconds=95.0)
    data = json.loads(json.dumps(result.as_json()))
    assert data["seed"] == 21
    assert data["question_ids"] == quiz.question_ids()
    assert data["answers"]["m-1"] == ["A", "C"]
    assert data["duration_seconds"] == 95.0
    assert data["verdict"] == result.verdict
    formula = next(q for q in data["questions"] if q["question_id"] == "f-1")
    assert formula["correct"] is True and formula["right_value"] == "42"
    assert formula["formula_check"]["given"][1]["display"] == "37"


def test_answers_to_questions_not_asked_are_refused(banks):
    quiz = draw_quiz(banks, 2, topics=["outlook"], seed=1)
    with pytest.raises(ValueError, match="w-01"):
        grade_quiz(quiz, {"w-01": "Right"})


def test_builtin_quiz_of_40_grades(banks):
    builtin = load_builtin_banks()
    quiz = draw_quiz(builtin, 40, seed=2024)
    assert len(quiz.items) == 40
    result = grade_quiz(quiz, all_right(quiz))
    assert result.correct == 40, [q.question_id for q in result.questions if not q.correct]


# ---------------------------------------------------------------------------
# Taking a quiz


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_session_answers_flags_and_duration(banks):
    quiz = draw_quiz(banks, 4, topics=["excel"], seed=3)
    clock = FakeClock()
    session = QuizSession(quiz, clock=clock)
    ids = quiz.question_ids()
    assert session.unanswered() == ids

    session.set_answer("m-1", ["A", "C"])
    session.set_answer("f-1", "=SUM(B2:B3)")
    session.set_answer("tf-1", True)
    session.set_answer("tf-1", None)
    assert session.is_answered("m-1") and not session.is_answered("tf-1")
    assert session.unanswered() == [i for i in ids if i not in ("m-1", "f-1")]

    assert session.toggle_flag("f-1") is True
    assert session.toggle_flag("x-01") is True
    assert session.toggle_flag("f-1") is False
    assert session.flagged_ids() == ["x-01"]

    clock.now += 125.0
    assert session.elapsed_seconds() == 125.0
    result = session.finish()
    assert result.duration_seconds == 125.0
    assert (result.correct, result.total) == (2, 4)
    with pytest.raises(KeyError):
        session.set_answer("w-01", "Right")
