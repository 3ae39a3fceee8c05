"""Feedback on a written reply: language, structure and content."""

from __future__ import annotations

import json

import pytest

from typing_test.core.email.drills import RequiredPoint, WritingScenario
from typing_test.core.email.findings import Finding
from typing_test.core.email.writing import assess_reply, count_words, point_is_covered


def scenario(subject_required: bool = True, min_words: int = 40, max_words: int = 100):
    return WritingScenario(
        id="refund",
        title="A refund",
        difficulty="easy",
        time_limit_minutes=10,
        situation="A customer asks for a refund.",
        subject_required=subject_required,
        min_words=min_words,
        max_words=max_words,
        points=(
            RequiredPoint("Say sorry", (("sorry", "apolog*"),)),
            RequiredPoint("Confirm the refund", (("refund", "money back"),)),
            RequiredPoint("Say when", (("working days", "week"), ("five", "5"))),
        ),
    )


GOOD = """Subject: Your refund

Dear Emma,

Thank you for your email. I am sorry that the blender stopped working so soon.
We have refunded the full price, and the money will reach your card within
five working days. If you have any other questions about your order, please
reply to this email and I will be glad to help.

Kind regards,
Alex Morgan
"""


def finding(text: str, word: str, kind: str = "spelling") -> Finding:
    start = text.index(word)
    return Finding(start, start + len(word), word, kind, kind, "A problem.")


def item(feedback, label):
    return next(i for i in feedback.items if i.label == label)


def test_good_reply_scores_100():
    feedback = assess_reply(scenario(), GOOD, [])
    assert feedback.score == 100
    assert feedback.word_count == 59
    assert all(i.earned == i.possible for i in feedback.items)
    assert [i.category for i in feedback.items] == ["language"] * 2 + ["structure"] * 4 + [
        "content"
    ] * 3


@pytest.mark.parametrize("subject_required", [True, False])
def test_points_possible_add_up_to_100(subject_required):
    feedback = assess_reply(scenario(subject_required), "", [])
    assert sum(i.possible for i in feedback.items) == pytest.approx(100)
    assert feedback.score == 0


def test_empty_reply_scores_0():
    feedback = assess_reply(scenario(), "", [])
    assert feedback.score == 0 and feedback.word_count == 0
    assert all(i.earned == 0 for i in feedback.items)


def test_findings_cost_4_points_each_and_pass_through_sorted():
    text = GOOD.replace("email", "emial").replace("full", "ful")
    findings = [
        finding(text, "ful"),
        finding(text, "emial"),
        finding(text, "I am", "grammar"),
    ]
    feedback = assess_reply(scenario(), text, findings)
    assert item(feedback, "Spelling").earned == 12
    assert item(feedback, "Grammar").earned == 16
    assert "2 spelling problems: 'emial', 'ful'." == item(feedback, "Spelling").message
    assert feedback.score == 88
    assert [f.text for f in feedback.findings] == ["emial", "I am", "ful"]


def test_language_points_are_floored_at_zero():
    findings = [Finding(0, 1, "x", "spelling", "spelling", "m")] * 9
    feedback = assess_reply(scenario(), GOOD, findings)
    assert item(feedback, "Spelling").earned == 0
    assert "..." in item(feedback, "Spelling").message


def test_short_reply_earns_language_points_in_proportion():
    feedback = assess_reply(scenario(min_words=100, max_words=200), "Dear Emma,\nSorry.", [])
    assert feedback.word_count == 3
    assert item(feedback, "Spelling").earned == pytest.approx(20 * 3 / 100, abs=0.05)
    assert "shorter than the minimum" in item(feedback, "Spelling").message


def test_subject_line_required():
    without = assess_reply(scenario(), GOOD.replace("Subject: Your refund\n\n", ""), [])
    assert item(without, "Subject line").earned == 0
    assert "Start with a subject line" in item(without, "Subject line").message
    empty = assess_reply(scenario(), GOOD.replace("Subject: Your refund", "Subject:"), [])
    assert item(empty, "Subject line").message == "The subject line is empty."
    # Greeting, closing and length then share 24 points.
    assert item(without, "Greeting").possible == 8


def test_subject_line_not_required():
    feedback = assess_reply(scenario(subject_required=False), GOOD, [])
    assert feedback.score == 100
    assert "Subject line" not in [i.label for i in feedback.items]
    assert item(feedback, "Greeting").possible == 10
    # The subject line is not counted as words.
    assert feedback.word_count == 59


@pytest.mark.parametrize(
    ("greeting", "share"),
    [
        ("Dear Emma,", 1.0),
        ("Hello Mr Cruz,", 1.0),
        ("Good morning Emma", 1.0),
        ("Dear Sir or Madam,", 1.0),
        ("Hi,", 0.5),
        ("Hi Emma, thank you for your email about the blender and the refund.", 0.5),
        ("Emma,", 0.0),
        ("Thank you for your email.", 0.0),
    ],
)
def test_greeting(greeting, share):
    feedback = assess_reply(scenario(), GOOD.replace("Dear Emma,", greeting), [])
    assert item(feedback, "Greeting").earned == pytest.approx(8 * share)


@pytest.mark.parametrize(
    ("closing", "share"),
    [
        ("Kind regards,\nAlex Morgan", 1.0),
        ("Best regards,\nAlex Morgan\nCustomer Care", 1.0),
        ("Thank you,\n\nAlex", 1.0),
        ("Kind regards, Alex Morgan", 1.0),
        ("Kind regards,", 0.5),
        ("Alex Morgan", 0.0),
        ("Thank you for your patience, Alex", 0.0),
    ],
)
def test_closing_and_sign_off(closing, share):
    feedback = assess_reply(scenario(), GOOD.replace("Kind regards,\nAlex Morgan", closing), [])
    assert item(feedback, "Closing and sign-off").earned == pytest.approx(8 * share)


@pytest.mark.parametrize(
    ("min_words", "max_words", "share", "hint"),
    [
        (40, 100, 1.0, ""),
        (60, 100, 0.5, "A little short."),
        (90, 200, 0.0, "Too short."),
        (20, 50, 0.5, "A little long."),
        (10, 30, 0.0, "Too long."),
    ],
)
def test_length(min_words, max_words, share, hint):
    feedback = assess_reply(scenario(min_words=min_words, max_words=max_words), GOOD, [])
    length = item(feedback, "Length")
    assert length.earned == pytest.approx(8 * share)
    assert length.message.startswith(f"59 words (aim for {min_words} to {max_words}).")
    assert length.message.endswith(hint)


def test_content_points_and_messages():
    text = GOOD.replace("I am sorry that", "Unfortunately,")
    feedback = assess_reply(scenario(), text, [])
    assert item(feedback, "Say sorry").earned == 0
    assert item(feedback, "Say sorry").message == "Not covered."
    assert item(feedback, "Confirm the refund").message == "Covered (found 'refund')."
    assert feedback.score == 90


@pytest.mark.parametrize(
    ("keywords", "text", "covered"),
    [
        (("refund",), "We refunded it.", True),
        (("refund",), "Two refunds are due.", True),
        (("refund",), "We are REFUNDING it.", True),
        (("refund",), "The prefund is due.", False),
        (("apolog*",), "We apologise.", True),
        (("apolog*",), "We apologize.", True),
        (("apply",), "It applied to you.", True),
        (("ship",), "It was shipped.", True),
        (("arrange",), "We are arranging it.", True),
        (("cover",), "We discovered it.", False),
        (("money back",), "You get your money back.", True),
        (("money back",), "The money is back.", False),
        (("don't share",), "Please don\u2019t share it.", True),
        (("30 june",), "It is due on 30 June.", True),
    ],
)
def test_keyword_matching(keywords, text, covered):
    point = RequiredPoint("P", (keywords,))
    assert (point_is_covered(point, text) is not None) == covered


def test_every_keyword_group_must_match():
    point = RequiredPoint("P", (("thursday",), ("09:00", "morning")))
    assert point_is_covered(point, "On Thursday morning.") == "morning"
    assert point_is_covered(point, "On Thursday.") is None
    assert point_is_covered(point, "At 09:00 on Thursday.") == "09:00"


def test_count_words():
    assert count_words("") == 0
    assert count_words("Don't worry: 2 invoices, INV-1.") == 6
    assert count_words("caf\u00e9 na\u00efve") == 2


def test_crlf_reply():
    feedback = assess_reply(scenario(), GOOD.replace("\n", "\r\n"), [])
    assert feedback.score == 100


def test_as_json():
    text = GOOD.replace("email.", "emial.")
    feedback = assess_reply(scenario(), text, [finding(text, "emial")])
    data = feedback.as_json()
    json.dumps(data)
    assert data["scenario"] == "refund"
    assert data["score"] == 96
    assert data["subtotals"] == {"language": 36, "structure": 30, "content": 30}
    assert data["items"][0] == {
        "category": "language",
        "label": "Spelling",
        "earned": 16,
        "possible": 20,
        "message": "1 spelling problem: 'emial'.",
    }
    assert data["findings"][0]["start"] == text.index("emial")
