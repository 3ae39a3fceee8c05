"""Feedback on a written reply: language, structure and content."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from typing_test.core.email.drills import Fact, RequiredPoint, WritingScenario, load_drills
from typing_test.core.email.facts import fact_value, mentions
from typing_test.core.email.findings import Finding
from typing_test.core.email.meaning import Reading
from typing_test.core.email.writing import (
    CATEGORIES,
    RED_FLAG_CAP,
    RED_FLAG_PENALTY,
    assess_reply,
    count_words,
    point_is_covered,
)


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
    assert item(feedback, "Confirm the refund").message == "Covered (found 'refunded')."
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


# --- meaning, not keywords: what an examiner would credit ---------------------------

BUNDLED = load_drills().writing


def bundled_item(scenario_id: str, label_start: str, text: str):
    feedback = assess_reply(BUNDLED[scenario_id], text, [])
    return next(i for i in feedback.items if i.label.startswith(label_start))


@pytest.mark.parametrize(
    ("scenario_id", "point", "sentence"),
    [
        ("refund-request", "Confirm", "You will get your money back in full."),
        ("refund-request", "Confirm", "We will refund the full price of the blender."),
        (
            "refund-request",
            "Confirm",
            "I'm happy to confirm that you are entitled to a full refund.",
        ),
        ("refund-request", "Confirm", "We'll reimburse you as soon as the blender reaches us."),
        # A condition, not a refusal.
        ("refund-request", "Confirm", "We can't refund you until the blender is back with us."),
        ("refund-request", "Say sorry", "I'm sorry your blender has stopped working so soon."),
        ("refund-request", "Say sorry", "We apologise that the blender didn't last."),
        ("refund-request", "Say sorry", "I can't tell you how sorry I am."),
        (
            "refund-request",
            "Say when",
            "The money will be back on your card within 5 business days.",
        ),
        ("password-reset", "Warn", "Never share your password with anyone, even our staff."),
        ("password-reset", "Warn", "Please do not give your password to anyone."),
        ("password-reset", "Warn", "Your password should never be shared with anyone."),
        ("password-reset", "Warn", "We will never ask you for your password."),
        ("password-reset", "Warn", "Keep your password private."),
        ("password-reset", "Warn", "Don't tell anybody your password, not even us."),
        ("password-reset", "Say that the link", "The link will expire after half an hour."),
        ("password-reset", "Say that the link", "The link will not work after 30 minutes."),
        (
            "password-reset",
            "Say what",
            "If the email has not arrived within ten minutes, please look in your junk folder.",
        ),
        (
            "password-reset",
            "Say what",
            "Don't forget to check your spam folder if it doesn't come.",
        ),
        (
            "password-reset",
            "Say what",
            "If it hasn't come, please do not hesitate to call us on 0800 555 0110.",
        ),
        ("late-delivery", "Tell him", "We will refund the $25 delivery charge."),
        ("late-delivery", "Tell him", "You won't have to pay the delivery charge."),
        ("late-delivery", "Tell him", "We have waived the delivery fee of $25.00."),
        ("late-delivery", "Give the new", "They will arrive on Thursday between 9 am and 1 pm."),
        ("late-delivery", "Say sorry", "I am sorry that your chairs did not arrive last Friday."),
        ("invoice-error", "Confirm that the payment", "The date has not changed: still 30 June."),
        ("invoice-error", "Confirm that the payment", "Payment is still due on June 30th."),
        ("invoice-error", "Confirm that the payment", "Payment is still due on 30/06."),
        ("invoice-error", "Give the correct", "The new total is 180.00 dollars."),
        ("meeting-reschedule", "Suggest", "Would Wednesday at 2 pm work for you instead?"),
        ("meeting-reschedule", "Suggest", "Could we meet on Wednesday at 2:00 instead?"),
        (
            "payment-reminder",
            "Explain what",
            "If we do not receive payment, we will not be able to accept new orders.",
        ),
        (
            "payment-reminder",
            "Ask him",
            "If payment is not received within seven days, your account will be put on hold.",
        ),
        (
            "service-outage-complaint",
            "Explain how",
            "We have made sure it will never happen again.",
        ),
        (
            "case-escalation",
            "Explain the problem",
            "Grace's connection keeps dropping and nobody has called her back.",
        ),
        (
            "case-escalation",
            "Ask him to approve",
            "I cannot book one myself, so could you approve a visit?",
        ),
        ("complaint-about-agent", "Confirm", "You will not be charged the $12.50."),
        # Words that only name something count negated or not ("~" keywords).
        ("meeting-reschedule", "Say which", "Sadly I can't make our one-to-one on Tuesday."),
        ("meeting-reschedule", "Give the reason", "I cannot come due to fire safety training."),
        (
            "case-escalation",
            "Ask him to approve",
            "As I can't book an engineer visit myself, could you please approve one?",
        ),
        ("data-access-request", "Give the time", "We will reply within 30 days of receiving them."),
    ],
)
def test_right_answers_in_other_words_earn_the_point(scenario_id, point, sentence):
    item = bundled_item(scenario_id, point, sentence)
    assert item.earned == item.possible, item.message


@pytest.mark.parametrize(
    ("scenario_id", "point", "sentence"),
    [
        ("refund-request", "Confirm", "Unfortunately, we cannot offer a refund for this item."),
        ("refund-request", "Confirm", "I'm afraid a refund is not possible."),
        ("refund-request", "Confirm", "We regret that we are not able to refund you."),
        ("refund-request", "Confirm", "We would like to refund you, but we can't."),
        ("refund-request", "Confirm", "Your refund request has been declined."),
        ("refund-request", "Confirm", "No refund can be given for this item."),
        ("refund-request", "Confirm", "We will send you a voucher instead of a refund."),
        ("refund-request", "Confirm", "We won't be refunding this order."),
        ("password-reset", "Warn", "Please share your password with the agent when they call."),
        ("password-reset", "Warn", "Call us and share your password with the agent."),
        ("late-delivery", "Tell him", "The delivery charge will not be refunded."),
        ("late-delivery", "Tell him", "Unfortunately we cannot refund the delivery charge."),
        ("invoice-error", "Agree", "There is no mistake on the invoice."),
        ("payment-reminder", "Offer", "We cannot offer a payment plan."),
        ("service-outage-complaint", "Offer", "We are unable to cover the fee."),
        (
            "case-escalation",
            "Ask him to approve",
            "I will not ask you to approve an engineer visit.",
        ),
        ("complaint-about-agent", "Confirm", "The $12.50 charge has not been removed."),
    ],
)
def test_negated_refused_or_contradicted_points_earn_nothing(scenario_id, point, sentence):
    assert bundled_item(scenario_id, point, sentence).earned == 0


@pytest.mark.parametrize(
    ("scenario_id", "sentence", "fact", "found"),
    [
        ("late-delivery", "We will refund the $35 delivery charge.", "the delivery charge", "$35"),
        (
            "late-delivery",
            "They will arrive on Thursday between 9 am and 2 pm.",
            "the end of the delivery window",
            "2 pm",
        ),
        (
            "password-reset",
            "The link is valid for 15 minutes.",
            "how long the link works",
            "15 minutes",
        ),
        (
            "password-reset",
            "If it hasn't come, call us on 0800 555 0199.",
            "the help desk number",
            "0800 555 0199",
        ),
        ("invoice-error", "Payment is now due on 30 July.", "the payment date", "30 July"),
        (
            "invoice-error",
            "The corrected invoice is for $198.00.",
            "the corrected total",
            "$198.00",
        ),
        (
            "meeting-reschedule",
            "Could we meet on Thursday at 14:00 instead?",
            "the day you suggest",
            "Thursday",
        ),
        ("payment-reminder", "Please pay within 14 days.", "the time to pay", "14 days"),
        (
            "refund-request",
            "The money will be on your card within ten working days.",
            "when the refund reaches her card",
            "ten working days",
        ),
        ("service-outage-complaint", "We will refund the $57 fee.", "the late payment fee", "$57"),
        (
            "shift-cover-request",
            "Could you let me know by Friday?",
            "the day to answer by",
            "Friday",
        ),
        (
            "data-access-request",
            "We will reply in full within two weeks.",
            "the time to answer",
            "two weeks",
        ),
        (
            "address-change",
            "Your address is now 41 Oak Street, Riverton.",
            "the new address",
            "41 Oak Street",
        ),
    ],
)
def test_a_wrong_fact_is_named_and_earns_nothing(scenario_id, sentence, fact, found):
    scenario = BUNDLED[scenario_id]
    point = next(p for p in scenario.points if fact in p.facts)
    feedback = assess_reply(scenario, sentence, [])
    wrong = [w for w in feedback.wrong_facts if w.fact == fact]
    assert [w.found for w in wrong] == [found]
    assert wrong[0].quote.sentence == sentence
    expected = next(f.value for f in scenario.facts if f.label == fact)
    item = next(i for i in feedback.items if i.label == point.label)
    assert item.earned == 0
    assert f"the reply gives {found!r} for {fact}; the situation says {expected}." in item.message


@pytest.mark.parametrize(
    ("scenario_id", "sentence"),
    [
        ("password-reset", "Please send us your password so we can unlock the account."),
        ("password-reset", "To confirm it is you, please tell us your PIN."),
        ("password-reset", "Reply with your current password and we will look into it."),
        ("password-reset", "Call us and share your password with the agent."),
        ("password-reset", "This happened because you forgot to check your password."),
        ("password-reset", "Could you confirm your date of birth and password?"),
        ("late-delivery", "We would like to offer you a 10% discount on your next order."),
        ("refund-request", "Unfortunately, we cannot give you a refund."),
        ("refund-request", "I'm afraid a refund is not possible."),
        ("refund-request", "We can offer you store credit."),
        ("refund-request", "Please send us your card number so that we can refund you."),
        ("refund-request", "The blender must have been misused."),
        ("late-delivery", "We are unable to refund the delivery charge."),
        ("late-delivery", "We will give you a full refund."),
        ("late-delivery", "You gave us the wrong address."),
        ("invoice-error", "You ordered 12 boxes, so the invoice is correct."),
        ("invoice-error", "Please pay the original invoice by 30 June."),
        ("complaint-about-agent", "The agent has been given a formal warning."),
        ("complaint-about-agent", "The agent was not rude; he followed our process."),
        ("service-outage-complaint", "We cannot pay back the fee."),
        ("service-outage-complaint", "We will cover all your losses from the outage."),
        ("service-outage-complaint", "You could have paid the supplier earlier."),
        ("shift-cover-request", "We don't need to ask our team leader."),
        ("meeting-reschedule", "I will skip the training."),
        ("data-access-request", "Please find attached a copy of your personal data."),
        ("data-access-request", "The password is in this email."),
        ("address-change", "Your address has not been updated yet."),
        ("case-escalation", "I have booked an engineer visit for Grace."),
    ],
)
def test_red_flags_fire_cost_and_cap_the_score(scenario_id, sentence):
    scenario = BUNDLED[scenario_id]
    text = scenario.model_reply.replace("\n\n", f"\n\n{sentence}\n\n", 2)
    feedback = assess_reply(scenario, text, [])
    assert [hit.quote.sentence for hit in feedback.red_flags] == [sentence]
    assert text[feedback.red_flags[0].quote.start : feedback.red_flags[0].quote.end] == sentence
    flag = next(i for i in feedback.items if i.category == "red flag")
    assert (flag.earned, flag.possible, flag.message) == (-RED_FLAG_PENALTY, 0, f'"{sentence}"')
    assert feedback.score <= RED_FLAG_CAP


@pytest.mark.parametrize(
    ("scenario_id", "sentence"),
    [
        ("password-reset", "We will never ask for your password."),
        ("password-reset", "Please never share your password or PIN with anyone."),
        ("password-reset", "I have sent you a link to reset your password."),
        ("password-reset", "We have sent a password reset link to your email."),
        ("password-reset", "If you share your password, someone could use your account."),
        ("password-reset", "This is not your fault."),
        ("refund-request", "We can't refund you until the blender reaches our warehouse."),
        ("refund-request", "The refund will go back to the card you paid with."),
        ("late-delivery", "Please feel free to contact me."),
        ("late-delivery", "We will give you a full refund of the $25.00 delivery charge."),
        ("password-reset", "We will email you a link to change your password."),
        ("password-reset", "Once you click the link, enter and confirm a new password."),
        ("invoice-error", "You do not need to pay the old amount."),
        ("complaint-about-agent", "I cannot tell you what action will be taken with the agent."),
        ("complaint-about-agent", "I am sorry the agent was rude to you."),
        ("service-outage-complaint", "We will pay back the $75.00 fee within five working days."),
        ("shift-cover-request", "Our team leader needs to approve any swap."),
        ("meeting-reschedule", "I have to attend a compulsory fire safety training session."),
        (
            "data-access-request",
            "Your data will be sent as a password-protected file attached to an email.",
        ),
        ("address-change", "I have updated your address and haven't changed anything else."),
    ],
)
def test_no_red_flag_for_what_a_careful_writer_says(scenario_id, sentence):
    scenario = BUNDLED[scenario_id]
    text = scenario.model_reply.replace("\n\n", f"\n\n{sentence}\n\n", 2)
    assert assess_reply(scenario, text, []).red_flags == ()


def test_the_two_replies_from_the_issue_no_longer_pass():
    scenario = BUNDLED["password-reset"]
    text = scenario.model_reply.replace(
        "Please remember never to share your password with anyone, including our staff. "
        "We will never ask you for it.",
        "If you have any trouble, call us and share your password with the agent.",
    )
    feedback = assess_reply(scenario, text, [])
    assert bundled_item("password-reset", "Warn", text).earned == 0
    assert [hit.label for hit in feedback.red_flags] == ["Asks for a password, PIN or card details"]
    assert feedback.score == RED_FLAG_CAP

    scenario = BUNDLED["refund-request"]
    text = scenario.model_reply.replace(
        "you will receive a full refund of the price you paid",
        "we are unable to give you a refund, but we can repair it",
    ).replace("the refund will reach", "the repaired blender will reach")
    feedback = assess_reply(scenario, text, [])
    # "Subject: Refund for order 51877" is a title, not an offer.
    assert bundled_item("refund-request", "Confirm", text).earned == 0
    assert [hit.label for hit in feedback.red_flags] == [
        "Refuses the refund the shop gives for faulty items"
    ]
    assert feedback.score <= RED_FLAG_CAP


def test_a_wrong_value_outside_the_points_is_reported_without_cost():
    scenario = BUNDLED["invoice-error"]
    text = scenario.model_reply.replace("If you have any", "Each box costs $20.00. If you have any")
    feedback = assess_reply(scenario, text, [])
    assert [(w.fact, w.found) for w in feedback.wrong_facts] == [("the price of a box", "$20.00")]
    assert feedback.score == 100  # the box price is in no required point
    # A value that no fact's words point to, when several facts have its kind.
    text = scenario.model_reply.replace("If you have any", "Toner is $45.00. If you have any")
    feedback = assess_reply(scenario, text, [])
    assert [(w.fact, w.found) for w in feedback.wrong_facts] == [("", "$45.00")]
    assert feedback.wrong_facts[0].message == "'$45.00' is not in the situation: check it."
    assert feedback.score == 100


def dated_scenario() -> WritingScenario:
    point = RequiredPoint("Give the payment date", (), facts=("the payment date",))
    return replace(
        scenario(), points=(point,), facts=(Fact("the payment date", "date", "5 March"),)
    )


@pytest.mark.parametrize(
    ("written", "covered", "wrong"),
    [
        ("5 March", True, False),
        ("March 5th", True, False),
        ("the 5th of March", True, False),
        ("2026-03-05", True, False),
        ("5 April", False, True),
        # Day first (Britain) or month first (the United States): either is
        # right, so it is not wrong; but it does not state the date either.
        ("05/03", False, False),
        ("03/05/2026", False, False),
        ("05/04", False, True),
    ],
)
def test_dates_are_compared_by_value(written, covered, wrong):
    feedback = assess_reply(dated_scenario(), GOOD + f"\nPlease pay by {written}.", [])
    item = feedback.items[-1]
    assert (item.earned > 0) == covered, item.message
    assert bool(feedback.wrong_facts) == wrong


def test_several_red_flags_add_up_and_the_score_never_goes_below_zero():
    scenario = BUNDLED["refund-request"]
    text = "We cannot refund you. Please send us your card number. It was your fault."
    feedback = assess_reply(scenario, text, [])
    assert len(feedback.red_flags) == 3
    assert feedback.score == 0
    assert feedback.as_json()["red_flags"][0]["sentence"] == "We cannot refund you."


def test_subtotals_never_exceed_their_maximum():
    points = tuple(RequiredPoint(f"Point {n}", ((f"word{n}",),)) for n in range(7))
    seven = replace(scenario(), points=points)
    text = GOOD + " ".join(f"word{n}" for n in range(7))
    feedback = assess_reply(seven, text, [])
    # 7 x 30/7 shown as 4.3 each used to add up to 30.1.
    assert feedback.subtotal("content") == 30 == feedback.possible("content")
    assert feedback.as_json()["subtotals"]["content"] == 30
    assert all(feedback.subtotal(c) <= feedback.possible(c) for c in CATEGORIES)


# --- the negation rules (core/email/meaning.py) ---------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "negated"),
    [
        ("We cannot offer you a refund.", "refund", True),
        ("Unfortunately we are unable to refund the delivery charge.", "refund", True),
        ("I regret that we can't refund it.", "refund", True),
        ("I regret that we can't refund it.", "regret", False),
        ("No refund will be given.", "refund", True),
        ("I'm sorry, but we won't refund it.", "sorry", False),
        ("I'm so sorry the chairs haven't arrived.", "sorry", False),
        ("I am sorry that your chairs did not arrive.", "sorry", False),
        ("The delivery charge will not be refunded.", "delivery charge", True),
        ("A refund is not possible.", "refund", True),
        ("Your refund request has been declined.", "refund", True),
        ("The payment date of 30 June has not changed.", "30 june", False),
        ("Please do not hesitate to call us.", "call", False),
        ("Don't forget to check your spam folder.", "spam", False),
        (
            "If the link does not arrive within ten minutes please check your spam folder.",
            "spam",
            False,
        ),
        ("If the link does not arrive within ten minutes check your spam folder.", "spam", False),
        ("The link will not work after 30 minutes.", "30 minutes", False),
        ("Please reply no later than Thursday.", "thursday", False),
        ("We would like to refund you, but we can't.", "refund", True),
        ("Although we would normally refund you, this is not possible.", "refund", True),
        ("We can't refund you until the blender arrives at our warehouse.", "refund", False),
        ("We will refund the delivery charge, but not the chairs.", "refund", False),
        ("We will not refund the fee and the delivery charge.", "delivery charge", True),
        ("We won't charge you and we will refund the fee.", "refund", False),
        ("Please never share your password with anyone.", "share", True),
        ("Call us and share your password with the agent.", "share", False),
        ("We will never ask for your password.", "ask", True),
        ("We will send a voucher instead of a refund.", "refund", True),
        ("I wish we could refund you.", "refund", True),
        ("Order no. 51877 will be refunded.", "refund", False),
        ("We will not be able to accept any new orders.", "new orders", True),
        ("We will accept no new orders.", "no new orders", False),
        ("Nobody has called her back.", "call", True),
        ("We cannot send your data without proof of identity.", "send", False),
        ("Your address has not been updated yet.", "address", True),
        ("I can't tell you how sorry I am.", "sorry", False),
        (
            "We're not able to book an engineer visit ourselves and would like you to approve one.",
            "approve",
            False,
        ),
    ],
)
def test_negation_scope(sentence, words, negated):
    reading = Reading(sentence)
    matches = reading.find(words)
    assert matches, words
    assert reading.negated(matches[0]) == negated


def test_sentences_end_at_full_stops_and_new_lines_but_not_after_abbreviations():
    reading = Reading("Dear Ms. Lee,\nWe refund it at 9 a.m. on Monday. Thanks!\nAlex")
    spans = [reading.sentence_text(n) for n in range(4)]
    assert spans == ["Dear Ms. Lee,", "We refund it at 9 a.m. on Monday.", "Thanks!", "Alex"]
    # A wrapped line goes on in lower case: still one sentence.
    assert Reading("We will refund\nthe fee.").sentence_text(0) == "We will refund the fee."


def test_a_long_sentence_is_quoted_in_part():
    sentence = "We cannot refund you " + "and more words " * 40 + "today."
    feedback = assess_reply(BUNDLED["refund-request"], sentence, [])
    quote = feedback.red_flags[0].quote
    assert len(quote.sentence) == 300 and quote.sentence.endswith("\u2026")
    assert (quote.start, quote.end) == (0, len(sentence))


# --- values read from text (core/email/facts.py) --------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "written"),
    [
        ("amount", "$45.00", ["$45", "$45.00", "45.00 dollars", "USD 45", "45 USD", "US$45"]),
        ("amount", "$1,350.00", ["$1,350", "1350 dollars", "$1350.00"]),
        ("date", "5 March", ["5 March", "5th March", "5th of March", "March 5", "2026-03-05"]),
        ("date", "30 June", ["30/06", "06/30", "June 30th", "30th June"]),
        ("day", "Thursday", ["Thursday", "thursday", "Thu", "Thurs"]),
        ("time", "09:00", ["09:00", "9:00", "9.00", "9am", "9 a.m.", "9 AM"]),
        ("time", "14:00", ["14:00", "2 pm", "2pm", "2 p.m.", "2:00", "two o'clock"]),
        ("time", "12:00", ["noon", "midday", "12 pm", "12:00"]),
        ("duration", "five working days", ["5 working days", "five business days", "5 days"]),
        ("duration", "seven days", ["a week", "one week", "7 days"]),
        ("duration", "30 minutes", ["half an hour", "30 mins", "thirty minutes"]),
        ("duration", "one month", ["a month", "1 month", "30 days"]),
    ],
)
def test_values_agree_in_every_form(kind, value, written):
    expected = fact_value(kind, value)
    for text in written:
        found = mentions(kind, f"It is {text}, as agreed.")
        assert len(found) == 1 and found[0].agrees_with(expected), text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("amount", "We sent 45 boxes."),  # a bare number is not an amount
        ("time", "The fee was $12.50."),  # an amount is not ten to one
        ("time", "The total is 1,350.00 dollars."),
        ("date", "Our help desk is open 24/7."),
        ("date", "It was 31/02."),  # no such date
        ("day", "I sat in the sun."),
    ],
)
def test_what_is_not_a_value(kind, text):
    assert mentions(kind, text) == []


def test_references_keep_their_words_and_compare_digits():
    found = mentions("reference", "Order no. 51878, order #51877 and INV-44120.", "order 51877")
    assert [(m.text, sorted(m.readings)) for m in found] == [
        ("Order no. 51878", ["51878"]),
        ("order #51877", ["51877"]),
    ]
    phone = mentions("reference", "Call 0800-555-0199 or 3 4 5.", "0800 555 0110")
    assert [m.text for m in phone] == ["0800-555-0199"]


# --- rules added after the held-out replies (tests/writing_heldout/README.md) ---------


@pytest.mark.parametrize(
    ("sentence", "words", "negated"),
    [
        # Rule 7: a negated verb of saying or promising turns the "that" clause over.
        ("We cannot promise that we will refund the fee.", "refund", True),
        ("I can't confirm that the refund has been sent.", "refund", True),
        ("We can promise that we will refund the fee.", "refund", False),
        # A bare refusal after a dash or a semicolon contradicts.
        ("We said we would refund you - we won't.", "refund", True),
        ("We said we would refund you; sadly we cannot.", "refund", True),
        ("We will refund you - no need to send a receipt.", "refund", False),
    ],
)
def test_negation_raised_or_contradicted(sentence, words, negated):
    reading = Reading(sentence)
    assert reading.negated(reading.find(words)[0]) == negated


def test_a_negation_on_a_condition_counts_for_a_point_not_for_a_red_flag():
    reading = Reading("We won't accept any new orders until the invoice is paid.")
    accept = reading.find("accept")[0]
    assert not reading.negated(accept)
    assert reading.negated(accept, on_condition=True)
    item = bundled_item(
        "payment-reminder",
        "Explain what happens",
        "We won't accept any new orders until the invoice is paid.",
    )
    assert item.earned == item.possible
    # The same shape in a refusal red flag promises, it does not refuse.
    text = "We cannot refund you until the blender reaches us."
    assert assess_reply(BUNDLED["refund-request"], text, []).red_flags == ()


def test_a_not_keyword_must_be_close_to_its_cue():
    text = "I have not had the time to write to you at your old home about the change."
    feedback = assess_reply(BUNDLED["address-change"], text, [])
    assert feedback.red_flags == ()
    text = "I'm afraid your address has not been changed."
    assert [h.label for h in assess_reply(BUNDLED["address-change"], text, []).red_flags] == [
        "Says the address has not been changed"
    ]


@pytest.mark.parametrize(
    ("scenario_id", "sentence"),
    [
        # A value that agrees with any fact of the situation is not wrong, even
        # when the nearest words belong to another fact.
        ("invoice-error", "That is 10 boxes, which at $18.00 each makes $180.00."),
        ("shift-cover-request", "Could you cover my early shift on Saturday (07:00 to 15:00)?"),
        # A value no fact's words point to is a check, never a cost.
        ("complaint-about-agent", "As a goodwill gesture you will get a $50 voucher."),
    ],
)
def test_no_wrong_fact_for_right_or_unrelated_values(scenario_id, sentence):
    feedback = assess_reply(BUNDLED[scenario_id], sentence, [])
    assert not any(w.fact for w in feedback.wrong_facts)


def test_a_range_is_read_start_then_end():
    text = "Could you cover my shift on Saturday, 08:00 to 15:00?"
    feedback = assess_reply(BUNDLED["shift-cover-request"], text, [])
    # "to" belongs to the end of the range, so 08:00 is not taken for the end.
    assert [(w.fact, w.found) for w in feedback.wrong_facts] == [("", "08:00")]
    text = "Could you cover my shift on Saturday, from 08:00 to 15:00?"
    feedback = assess_reply(BUNDLED["shift-cover-request"], text, [])
    assert [(w.fact, w.found) for w in feedback.wrong_facts] == [
        ("the start of the shift", "08:00")
    ]


def test_the_password_and_card_red_flag_is_in_every_scenario():
    for scenario_id, scenario in BUNDLED.items():
        text = scenario.model_reply.replace(
            "\n\n", "\n\nPlease reply with your full card number and the security code.\n\n", 1
        )
        labels = [hit.label for hit in assess_reply(scenario, text, []).red_flags]
        assert labels == ["Asks for a password, PIN or card details"], scenario_id


def test_empathy_is_not_blame():
    text = "You shouldn't have had to wait so long, and I'm sorry."
    assert assess_reply(BUNDLED["late-delivery"], text, []).red_flags == ()
    text = "You should not have ordered the wrong chairs."
    assert assess_reply(BUNDLED["late-delivery"], text, []).red_flags != ()


def test_within_the_next_week_is_seven_days():
    item = bundled_item("payment-reminder", "Ask him", "Please pay within the next week.")
    assert item.earned == item.possible


# --- rules added after the second held-out set (tests/writing_heldout2/README.md) ----


@pytest.mark.parametrize(
    ("scenario_id", "sentence"),
    [
        # Requests for a secret, the verb and the secret apart or in a question.
        (
            "address-change",
            "Could you also reply to this email with the password you use to sign in online?",
        ),
        ("shift-cover-request", "If it's easier, just send me your password for the rota system."),
        ("password-reset", "Once you have chosen your new password, please reply with it."),
        (
            "late-delivery",
            "Please reply with the long number on the front of your card and the three digits "
            "on the back.",
        ),
        (
            "payment-reminder",
            "The quickest way is to reply with your card number, the expiry date and the code "
            "on the back.",
        ),
        ("meeting-reschedule", "What is your calendar password?"),
        ("meeting-reschedule", "Can I have your calendar password?"),
        ("meeting-reschedule", "We'd be grateful if you could send us your login details."),
        ("meeting-reschedule", "Would you mind sending me your login details?"),
        ("meeting-reschedule", "Would you be able to email me your login details?"),
        ("invoice-error", "If you reply with your card number, I will take the payment today."),
        ("data-access-request", "We need your card number and expiry date to check who you are."),
        (
            "service-outage-complaint",
            "Please send the supplier's invoice, together with your online banking password.",
        ),
        # Next-time advice where the fault was ours.
        ("invoice-error", "In future, please double-check the quantities before you order."),
        ("refund-request", "For your next blender, it is worth reading the instructions first."),
        (
            "service-outage-complaint",
            "It may be wise to pay your suppliers a few days early in future.",
        ),
        ("late-delivery", "Next time, you should check the delivery address more carefully."),
        # Promises the situation does not allow, across "told her that ...".
        ("case-escalation", "I have let her know that an engineer will be with her tomorrow."),
        ("complaint-about-agent", "The agent concerned will face the consequences."),
        ("shift-cover-request", "I've already told our team leader that you've agreed to do it."),
        # Refusals written as "isn't something we can do" or "won't be possible".
        (
            "late-delivery",
            "I'm afraid returning the $25.00 delivery fee isn't something we're able to do.",
        ),
        ("refund-request", "Unfortunately, a full refund won't be possible in this case."),
    ],
)
def test_indirect_red_flags_fire(scenario_id, sentence):
    scenario = BUNDLED[scenario_id]
    text = scenario.model_reply.replace("\n\n", f"\n\n{sentence}\n\n", 2)
    feedback = assess_reply(scenario, text, [])
    assert [hit.quote.sentence for hit in feedback.red_flags] == [sentence]
    assert feedback.score <= RED_FLAG_CAP


@pytest.mark.parametrize(
    ("scenario_id", "sentence"),
    [
        ("password-reset", "We will never ask you to send your password, so do not reply with it."),
        ("password-reset", "No one from the bank will ever ask you to tell them your PIN."),
        ("password-reset", "We will text you a new password today."),
        ("password-reset", "I have sent you an email with a link to reset your password."),
        ("password-reset", "If anyone asks you for your PIN, please hang up."),
        ("password-reset", "If you share your password with anyone, they could use your account."),
        ("password-reset", "Once you log in with your new password, let us know it worked."),
        ("password-reset", "Please choose a new password that you have not used before."),
        ("data-access-request", "We will send the password separately by text message."),
        ("data-access-request", "Please use the password we text you to open the file."),
        ("data-access-request", "You will need the password to open the file."),
        ("payment-reminder", "You can pay by card on our website."),
        ("payment-reminder", "Please do not send your card details by email."),
        ("payment-reminder", "Please tell your manager before you send any card details."),
        ("payment-reminder", "Please have your card number ready when you call."),
        ("invoice-error", "If you have any questions in future, please contact us."),
        ("invoice-error", "We will check every invoice more carefully in future."),
        ("late-delivery", "In future, your orders will go through a different depot."),
        ("service-outage-complaint", "We added checks so this does not happen in future."),
        ("refund-request", "Next time you need help, please reply to this email."),
        ("complaint-about-agent", "In future, please make sure you never share your password."),
        ("case-escalation", "Once you approve the visit, I will let her know the date."),
        ("shift-cover-request", "Please let me know by Thursday whether you can do it."),
    ],
)
def test_no_indirect_red_flag_for_what_a_careful_writer_says(scenario_id, sentence):
    scenario = BUNDLED[scenario_id]
    text = scenario.model_reply.replace("\n\n", f"\n\n{sentence}\n\n", 2)
    assert assess_reply(scenario, text, []).red_flags == ()


@pytest.mark.parametrize(
    ("sentence", "words", "negated"),
    [
        # A gerund subject with its object, refused after it.
        ("Attaching it here unfortunately isn't possible.", "attaching", True),
        ("Password-protecting the file won't be possible.", "password", True),
        ("I'm afraid returning the delivery fee isn't possible.", "returning", True),
        # "is not something we can ...".
        ("A refund isn't something we're able to offer.", "refund", True),
        ("Going over call recordings isn't something we're able to do.", "recordings", True),
        ("The fee is not something you need to worry about.", "fee", False),
        # A negated verb of saying with its person after it.
        ("I can't assure you that it will be fixed.", "fixed", True),
        ("I'm not in a position to assure you that something similar won't happen again.",
         "happen again", False),
        ("Attaching the invoice was easy.", "attaching", False),
    ],
)
def test_refusals_found_in_more_forms(sentence, words, negated):
    reading = Reading(sentence)
    assert reading.negated(reading.find(words)[0]) == negated


def test_a_phrase_named_only_to_be_refused_is_not_covered_by_its_shorter_words():
    text = (
        "Unfortunately, a full refund won't be possible. "
        "Your refund will reach your card within five working days."
    )
    assert bundled_item("refund-request", "Confirm", text).earned == 0
    text = "We can't refund the postage, but your refund will reach your card in five days."
    assert bundled_item("refund-request", "Confirm", text).earned > 0


def test_the_sign_off_is_not_read_for_content():
    scenario = BUNDLED["password-reset"]
    body = "Dear Peter,\n\nI have sent you a reset link. It works for 30 minutes.\n\n"
    signed = body + "Kind regards,\nOwen Marsh\nHelp Desk"
    assert bundled_item("password-reset", "Say what to do", signed).earned == 0
    # A sentence the writer adds under the name is still read.
    added = signed + "\nIf it does not arrive, call the help desk on 0800 555 0110."
    assert bundled_item("password-reset", "Say what to do", added).earned > 0
    assert assess_reply(scenario, signed, []).word_count == 20  # its words still count


def test_a_wrong_value_in_the_subject_line_is_reported():
    scenario = BUNDLED["refund-request"]
    text = scenario.model_reply.replace("order 51877", "order 51787", 1)
    assert text.startswith("Subject:") and "51787" in text.splitlines()[0]
    wrong = assess_reply(scenario, text, []).wrong_facts
    assert [(w.fact, w.found) for w in wrong] == [("the order number", "order 51787")]
