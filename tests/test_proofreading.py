"""Grading a proofreading answer: fixed, missed and introduced mistakes."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typing_test.core.email.drills import ProofreadingDrill, load_drills, load_proofreading_drill
from typing_test.core.email.proofreading import ProofreadingResult, grade_answer
from typing_test.core.email.tokens import comparison_keys, comparison_tokens, tokenize

SAMPLE = '''
id = "sample"
title = "Sample drill"
difficulty = "easy"
text = """
Dear Ana,

Thank you for your email. We {{recieve|receive}} many requests every day,
and {{its|it's|it is}} our job to answer them.
Please {{sned|send}} us the form by {{monday|Monday}}. This is {{teh|the}} last step.

Kind regards,
Ben
"""

[[mistakes]]
kind = "spelling"
reason = "i before e"

[[mistakes]]
kind = "word-choice"
reason = "it is"

[[mistakes]]
kind = "spelling"
reason = "send"

[[mistakes]]
kind = "capitalisation"
reason = "days"

[[mistakes]]
kind = "spelling"
reason = "the"
'''


@pytest.fixture
def drill(tmp_path: Path) -> ProofreadingDrill:
    path = tmp_path / "sample.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return load_proofreading_drill(path)


def check_spans(result: ProofreadingResult, drill: ProofreadingDrill, answer: str) -> None:
    """Every span's offsets point at its text in the answer and in the original."""
    for span in result.fixed + result.missed + result.introduced + result.changed:
        assert 0 <= span.start <= span.end <= len(answer)
        assert answer[span.start : span.end] == span.found
        assert 0 <= span.original_start <= span.original_end <= len(drill.text)
    for span in result.fixed + result.missed:
        assert drill.text[span.original_start : span.original_end] in {
            m.mistake for m in drill.mistakes
        }
    for span in result.introduced + result.changed:
        assert drill.text[span.original_start : span.original_end] == span.expected
    assert {span.kind for span in result.changed} <= {"changed"}
    assert len(result.fixed) + len(result.missed) == result.seeded == len(drill.mistakes)


def grade(drill: ProofreadingDrill, answer: str) -> ProofreadingResult:
    result = grade_answer(drill, answer)
    check_spans(result, drill, answer)
    return result


def test_perfect_answer_scores_100(drill):
    result = grade(drill, drill.reference)
    assert result.score == 100
    assert [s.found for s in result.fixed] == ["receive", "it's", "send", "Monday", "the"]
    assert result.missed == () and result.introduced == ()


def test_untouched_text_scores_0(drill):
    result = grade(drill, drill.text)
    assert result.score == 0
    assert result.fixed == () and result.introduced == ()
    assert [s.found for s in result.missed] == ["recieve", "its", "sned", "monday", "teh"]
    assert [s.expected for s in result.missed] == ["receive", "it's", "send", "Monday", "the"]
    assert result.missed[0].reason == "i before e"
    assert result.missed[1].accepted == ("it's", "it is")


def test_alternative_correction_counts_as_fixed(drill):
    result = grade(drill, drill.reference.replace("it's", "it is"))
    assert result.score == 100
    assert result.fixed[1].found == "it is"


def test_wrong_correction_is_missed(drill):
    result = grade(drill, drill.reference.replace("Monday", "MONDAY"))
    assert result.score == 80
    assert [(s.found, s.expected) for s in result.missed] == [("MONDAY", "Monday")]
    assert result.introduced == ()


def test_partial_fix_scores_the_share_fixed(drill):
    answer = drill.text.replace("recieve", "receive").replace("sned", "send")
    result = grade(drill, answer)
    assert result.score == 40
    assert len(result.fixed) == 2 and len(result.missed) == 3


def test_rewording_a_correct_sentence_is_introduced(drill):
    answer = drill.reference.replace("Thank you for your email.", "Cheers!")
    result = grade(drill, answer)
    assert len(result.fixed) == 5
    assert [(s.expected, s.found) for s in result.introduced] == [
        ("Thank you for your email.", "Cheers!")
    ]
    assert result.introduced[0].kind == "introduced"
    assert result.introduced[0].reason == "Changed text that was already correct."
    assert result.score == 80


def test_two_separate_rewordings_count_twice(drill):
    answer = drill.reference.replace("many", "lots of").replace("every day", "daily")
    result = grade(drill, answer)
    assert [(s.expected, s.found) for s in result.introduced] == [
        ("many", "lots of"),
        ("every day", "daily"),
    ]
    assert result.score == 60


def test_fix_with_an_edit_next_to_it(drill):
    result = grade(drill, drill.text.replace("sned us", "send me"))
    assert [s.found for s in result.fixed] == ["send"]
    assert [(s.expected, s.found) for s in result.introduced] == [("us", "me")]
    assert result.score == 0  # (1 fixed - 1 introduced) / 5


def test_wrong_fix_with_an_edit_next_to_it(drill):
    result = grade(drill, drill.text.replace("recieve many", "get lots of"))
    assert result.missed[0].found == "get"
    assert [(s.expected, s.found) for s in result.introduced] == [("many", "lots of")]


def test_word_added_next_to_a_fixed_mistake(drill):
    answer = drill.reference.replace("by Monday", "by next Monday")
    result = grade(drill, answer)
    assert len(result.fixed) == 5
    assert [(s.expected, s.found) for s in result.introduced] == [("", "next")]
    assert result.introduced[0].reason.startswith("Added")


def test_word_added_next_to_a_mistake_left_as_it_was(drill):
    result = grade(drill, drill.text.replace("by monday", "by next monday"))
    assert result.missed[3].found == "monday"
    assert [(s.expected, s.found) for s in result.introduced] == [("", "next")]


def test_one_edit_over_a_mistake_and_its_neighbour_is_just_a_miss(drill):
    # The candidate tried to fix "sned" and rewrote the word after it too.
    result = grade(drill, drill.text.replace("sned us", "mail to us"))
    assert result.missed[2].found in {"mail to", "mail to us"}
    assert result.introduced == ()


def test_deleting_a_sentence_with_a_mistake(drill):
    answer = drill.reference.replace(" This is the last step.", "")
    result = grade(drill, answer)
    assert [s.expected for s in result.missed] == ["the"]
    assert result.missed[0].found == ""
    # One deletion is one introduced mistake, even though it spans the slot.
    assert len(result.introduced) == 1
    # Either full stop may go with the deleted sentence; both are the same edit.
    assert result.introduced[0].expected.strip(". ") == "This is teh last step"
    assert result.introduced[0].found == ""
    assert result.introduced[0].reason.startswith("Deleted")
    assert result.score == 60


def test_empty_answer(drill):
    for answer in ("", "   \n\n "):
        result = grade(drill, answer)
        assert result.score == 0
        assert result.fixed == ()
        assert all(s.found == "" for s in result.missed)
        assert len(result.introduced) == 1


def test_crlf_line_endings_and_trailing_spaces_do_not_count(drill):
    answer = drill.reference.replace("\n", "  \r\n") + "\r\n"
    result = grade(drill, answer)
    assert result.score == 100 and result.introduced == ()
    # Offsets refer to the answer exactly as given, CRLF included.
    assert answer[result.fixed[-1].start : result.fixed[-1].end] == "the"


def test_doubled_spaces_and_rewrapped_lines_do_not_count(drill):
    answer = drill.reference.replace("many requests", "many  requests")
    answer = answer.replace("every day,\nand", "every day, and").replace("the form", "the\nform")
    assert answer != drill.reference
    result = grade(drill, "\n\n\t" + answer)
    assert result.score == 100 and result.introduced == ()


def test_removing_a_space_between_words_counts(drill):
    result = grade(drill, drill.reference.replace("Thank you", "Thankyou"))
    assert [(s.expected, s.found) for s in result.introduced] == [("Thank you", "Thankyou")]


def test_space_before_a_comma_counts(drill):
    result = grade(drill, drill.reference.replace("Dear Ana,", "Dear Ana ,"))
    assert len(result.introduced) == 1


def test_curly_apostrophe_is_accepted(drill):
    assert grade(drill, drill.reference.replace("it's", "it\u2019s")).score == 100


def test_unicode_in_the_answer(drill):
    result = grade(drill, drill.reference.replace("Dear Ana", "Dear Ana\u00efs"))
    assert [(s.expected, s.found) for s in result.introduced] == [("Ana", "Ana\u00efs")]
    # The same letters in decomposed form (NFD) are the same text.
    composed = drill.reference.replace("Ana", "Jos\u00e9")
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert [s.found for s in grade(drill, decomposed).introduced] == ["Jose\u0301"]
    assert [s.found for s in grade(drill, composed).introduced] == ["Jos\u00e9"]


def test_unicode_in_the_drill(tmp_path):
    text = "Estimada Mar\u00eda,\\n\\n{{Gracais|Gracias}} por su {{mesaje|mensaje}}"
    text += " de {{ayer|ayer.}} {{Le|Les}} escribo {{hoy|hoy.}} Saludos, Jos\u00e9"
    tables = "".join(f'[[mistakes]]\nkind = "spelling"\nreason = "r{n}"\n' for n in range(5))
    path = tmp_path / "es.toml"
    path.write_text(
        f'id = "es"\ntitle = "T"\ndifficulty = "easy"\ntext = "{text}"\n{tables}', encoding="utf-8"
    )
    drill = load_proofreading_drill(path)
    assert drill.mistakes[0].mistake == "Gracais"
    nfd = unicodedata.normalize("NFD", drill.reference)
    assert grade(drill, nfd).score == 100


def test_score_is_floored_at_zero(drill):
    answer = drill.text.replace("Dear", "Hi").replace("Thank you", "Cheers").replace("Ben", "B.")
    result = grade(drill, answer)
    assert len(result.introduced) == 3
    assert result.score == 0


def test_rewritten_email_is_graded_quickly_and_sanely(drill):
    # A long replacement exercises the path that limits boundary positions.
    filler = " ".join(f"word{n}" for n in range(200))
    answer = drill.text.replace("Thank you for your email.", filler).replace("teh", "the")
    result = grade(drill, answer)
    assert [s.found for s in result.fixed] == ["the"]
    assert len(result.introduced) == 1


def test_as_json(drill):
    answer = drill.reference.replace("many", "lots of").replace("Monday", "monday")
    data = grade(drill, answer).as_json()
    json.dumps(data)
    assert set(data) >= {"score", "fixed", "missed", "introduced"}
    assert data["score"] == 60
    for key in ("fixed", "missed", "introduced"):
        for item in data[key]:
            assert set(item) >= {
                "start",
                "end",
                "original_start",
                "original_end",
                "expected",
                "found",
                "reason",
            }
    assert data["missed"][0]["found"] == "monday"
    assert data["missed"][0]["expected"] == "Monday"
    assert data["introduced"][0]["expected"] == "many"


def test_tokenize_keeps_offsets_and_notes_whitespace():
    text = "\n Hello,  world\u2019s\r\n"
    tokens = tokenize(text)
    assert [t.key for t in tokens] == ["Hello", ",", " world", "'", "s"]
    assert [text[t.start : t.end] for t in tokens] == ["Hello", ",", "world", "\u2019", "s"]
    assert comparison_keys("a\tb") == comparison_keys("a \n b")
    assert comparison_keys("ab") != comparison_keys("a b")
    assert comparison_keys("a ,") != comparison_keys("a,")


BUNDLED = load_drills()


@pytest.mark.parametrize("drill_id", sorted(BUNDLED.proofreading))
def test_bundled_reference_and_every_alternative(drill_id):
    drill = BUNDLED.proofreading[drill_id]
    assert grade(drill, drill.reference).score == 100
    assert grade(drill, drill.text).score == 0
    for number, mistake in enumerate(drill.mistakes):
        for correction in mistake.accepted:
            answer = drill.text[: mistake.start] + correction + drill.text[mistake.end :]
            result = grade(drill, answer)
            assert [s.original_start for s in result.fixed] == [mistake.start], (number, correction)
            assert result.introduced == ()


@settings(derandomize=True, max_examples=60, deadline=None)
@given(data=st.data())
def test_any_mix_of_fixes_scores_exactly(data):
    drill = data.draw(st.sampled_from(sorted(BUNDLED.proofreading.values(), key=lambda d: d.id)))
    choices = [
        data.draw(st.sampled_from((None, *m.accepted)), label=f"mistake {n}")
        for n, m in enumerate(drill.mistakes)
    ]
    answer, position = [], 0
    for mistake, choice in zip(drill.mistakes, choices, strict=True):
        answer.append(drill.text[position : mistake.start])
        answer.append(mistake.mistake if choice is None else choice)
        position = mistake.end
    answer.append(drill.text[position:])
    result = grade(drill, "".join(answer))
    fixed = sum(choice is not None for choice in choices)
    assert len(result.fixed) == fixed
    assert result.introduced == ()
    assert result.score == round(fixed / len(drill.mistakes) * 100, 1)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(data=st.data())
def test_each_edit_to_correct_text_counts_once(data):
    """Edits to correct words, away from the mistakes and each other, are each one introduced."""
    drill = data.draw(st.sampled_from(sorted(BUNDLED.proofreading.values(), key=lambda d: d.id)))
    tokens = tokenize(drill.text)
    near_a_mistake = {
        i + step
        for i, t in enumerate(tokens)
        for m in drill.mistakes
        if m.start <= t.start < m.end
        for step in (-1, 0, 1)
    }
    free = [i for i in range(len(tokens)) if i not in near_a_mistake]
    wanted = data.draw(st.lists(st.sampled_from(free), min_size=1, max_size=4, unique=True))
    chosen = [i for n, i in enumerate(wanted) if all(abs(i - j) > 2 for j in wanted[:n])]
    edits = []
    for i in chosen:
        how = data.draw(st.sampled_from(("replace", "delete", "insert")))
        token = tokens[i]
        if how == "replace":
            edits.append((token.start, token.end, "zzz"))
        elif how == "delete":
            edits.append((token.start, token.end, ""))
        else:
            edits.append((token.start, token.start, "qqq "))
    answer = drill.text
    for start, end, replacement in sorted(edits, reverse=True):
        answer = answer[:start] + replacement + answer[end:]
    result = grade(drill, answer)
    assert len(result.introduced) == len(chosen)
    assert result.fixed == ()


# --- an examiner's view: right answers in every form pass, wrong ones fail ----------


def answer_from_reference(drill: ProofreadingDrill, *edits: tuple[str, str]) -> str:
    """The drill's reference with each (old, new) edit made; each old text occurs once."""
    answer = drill.reference
    for old, new in edits:
        assert answer.count(old) == 1, (drill.id, old)
        answer = answer.replace(old, new)
    return answer


# A competent proofreader's right answers, each written as edits to the key.
RIGHT_ANSWERS = [
    ("password-reset-help", [("There is no need", "There's no need")]),
    ("password-reset-help", [("does not include", "doesn't include"), ("will expire", "expires")]),
    ("payment-plan-agreement", [("There is no charge", "There's no charge")]),
    ("payment-plan-agreement", [("agreement. Please", "agreement; please")]),
    ("payment-plan-agreement", [("agreement. Please", "agreement, so please")]),
    ("payment-plan-agreement", [("agreement. Please", "agreement: please")]),
    ("payment-plan-agreement", [("straight away", "immediately"), ("You're", "You are")]),
    ("training-schedule-reminder", [("one of them", "one of these")]),
    ("training-schedule-reminder", [("one of them", "one of those")]),
    ("training-schedule-reminder", [("It's best", "It is best")]),
    ("training-schedule-reminder", [("Anyone who has not", "Anyone that has not")]),
    ("training-schedule-reminder", [("Anyone who has not", "Anyone who hasn't")]),
    ("training-schedule-reminder", [("takes place", "is held"), ("don't leave", "do not leave")]),
    ("insurance-claim-documents", [("is an invoice", "is the invoice")]),
    ("insurance-claim-documents", [("report that explains", "report explaining")]),
    ("insurance-claim-documents", [("report that explains", "report which explained")]),
    ("system-outage-update", [("the system has been", "the system's been")]),
    ("system-outage-update", [("customers received", "customers saw")]),
    ("meeting-room-change", [("will still start", "still starts")]),
    ("meeting-room-change", [("if you're not able", "if you aren't able")]),
    ("meeting-room-change", [("if you're not able", "if you are not able")]),
    ("invoice-copy-request", [("I have attached", "I've attached")]),
    ("invoice-copy-request", [("I have attached", "I attach"), ("another", "a different")]),
    ("new-starter-welcome", [("Carlos, who has worked", "Carlos, who's worked")]),
    ("damaged-item-replacement", [("we have refunded", "we've refunded"), ("didn't", "did not")]),
    ("quality-audit-results", [("does not happen", "doesn't happen"), ("it's only", "it is only")]),
    ("quality-audit-results", [("proud of everybody", "proud of all of you")]),
    ("overtime-policy-update", [("you don't need", "you do not need")]),
    ("overtime-policy-update", [("will reply", "will respond"), ("no effect", "no impact")]),
    ("vendor-contract-query", [("if it's an error", "if this is an error")]),
    ("escalation-to-team-leader", [("by Thursday whether", "by Thursday if")]),
    ("late-payment-reminder", [("I hope you're well", "I hope you are well")]),
    ("subscription-renewal-notice", [("will continue", "continues"), ("don't", "do not")]),
]


@pytest.mark.parametrize(("drill_id", "edits"), RIGHT_ANSWERS)
def test_right_answers_in_other_forms_score_100(drill_id, edits):
    drill = BUNDLED.proofreading[drill_id]
    result = grade(drill, answer_from_reference(drill, *edits))
    assert [(s.expected, s.found) for s in result.introduced] == []
    assert result.missed == ()
    assert result.score == 100


# Plausible wrong corrections: each leaves the mistake it touches missed.
WRONG_ANSWERS = [
    ("overtime-policy-update", "plan their budgets", "plan they're budgets", "they're"),
    ("system-outage-update", "share their findings", "share they're findings", "they're"),
    ("password-reset-help", "There is no need", "They're is no need", "They're"),
    ("delivery-delay-notice", "on its way", "on it is way", "it is"),
    ("training-schedule-reminder", "It's best", "It has best", "It has"),
    ("training-schedule-reminder", "one of them", "one of they", "they"),
    ("refund-confirmation", "as your bank", "as you are bank", "you are"),
    ("quality-audit-results", "each customer's question", "each customer is question", "is"),
    ("quality-audit-results", "each customer's question", "each customers' question", "customers"),
    ("escalation-to-team-leader", "whose case", "who is case", "who is"),
    ("data-privacy-request", "like yours", "like you're", "you're"),
    ("insurance-claim-documents", "need two more", "need too more", "too"),
    ("vendor-contract-query", "fewer people", "lesser people", "lesser"),
    ("account-closure-request", "whether the", "wether the", "wether"),
    ("payment-plan-agreement", "agreement. Please keep", "agreement please keep", "agreement"),
    ("subscription-renewal-notice", "last year's price", "last years' price", "years"),
    ("shift-swap-approval", "affects your", "effect your", "effect"),
    ("system-outage-update", "a lot of you", "allot of you", "allot"),
    ("meeting-room-change", "will still start", "still start", "still start"),
    ("late-payment-reminder", "I hope you're well", "I hope you were well", "were"),
]


@pytest.mark.parametrize(("drill_id", "old", "new", "found"), WRONG_ANSWERS)
def test_plausible_wrong_corrections_are_missed(drill_id, old, new, found):
    drill = BUNDLED.proofreading[drill_id]
    result = grade(drill, answer_from_reference(drill, (old, new)))
    assert len(result.missed) == 1
    assert found in result.missed[0].found
    assert result.score < 100


def test_deleting_the_sentence_with_the_mistake_is_not_a_fix():
    drill = BUNDLED.proofreading["password-reset-help"]
    sentence = (
        " There is no need to create a new account, because all of your details are still saved."
    )
    result = grade(drill, answer_from_reference(drill, (sentence, "")))
    assert [s.expected for s in result.missed] == ["There", "are"]
    assert len(result.introduced) == 1
    assert result.score < 100


CONTRACTIONS = [
    ("do not", "don't"),
    ("does not", "doesn't"),
    ("did not", "didn't"),
    ("has not", "hasn't"),
    ("have not", "haven't"),
    ("were not", "weren't"),
    ("will not", "won't"),
    ("cannot", "can't"),
    ("I am", "I'm"),
    ("I have", "I've"),
    ("I will", "I'll"),
    ("we are", "we're"),
    ("we have", "we've"),
    ("we will", "we'll"),
    ("you are", "you're"),
    ("you will", "you'll"),
    ("it is", "it's"),
    ("there is", "there's"),
    ("they are", "they're"),
]


def swap_forms(text: str, pairs: list[tuple[str, str]]) -> tuple[str, int]:
    """``text`` with every ``old`` form written as ``new`` (keeping a capital), and the count."""
    count = 0

    def replace(match: re.Match, new: str) -> str:
        nonlocal count
        count += 1
        return new[0].upper() + new[1:] if match.group(0)[0].isupper() else new

    for old, new in pairs:
        pattern = re.compile(rf"\b{re.escape(old)}\b", re.IGNORECASE)
        text = pattern.sub(lambda match, new=new: replace(match, new), text)
    return text, count


@pytest.mark.parametrize("drill_id", sorted(BUNDLED.proofreading))
def test_contracting_or_expanding_the_key_changes_nothing(drill_id):
    drill = BUNDLED.proofreading[drill_id]
    contracted, contractions = swap_forms(drill.reference, CONTRACTIONS)
    expanded, expansions = swap_forms(drill.reference, [(b, a) for a, b in CONTRACTIONS])
    can_not, _ = swap_forms(drill.reference, [("cannot", "can not")])
    assert contractions + expansions > 0
    for answer in (contracted, expanded, can_not):
        result = grade(drill, answer)
        assert [(s.expected, s.found) for s in result.introduced] == []
        assert result.score == 100


FORMS = '''
id = "forms"
title = "Forms that mean the same"
difficulty = "easy"
text = """
Dear Ana,

We {{recieve|receive}} many requests, and it's been a busy week. I'd sent the form before you
called, so please let us know if it's closed. The customer's order will not arrive
{{untill|until}} Monday, and we cannot change that.

We will organise a new delivery in the colour you chose and {{sned|send}} you the details.
Please check the {{adress|address}} on the form. {{teh|The}} driver will call you.

Kind regards,
Ben
"""
'''
FORMS += '[[mistakes]]\nkind = "spelling"\nreason = "A reason."\n' * 5


@pytest.fixture(scope="session")
def forms_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("forms") / "forms.toml"
    path.write_text(FORMS, encoding="utf-8")
    return path


@pytest.fixture
def forms(forms_path: Path) -> ProofreadingDrill:
    return load_proofreading_drill(forms_path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("it's been", "it has been"),  # "been" decides: has
        ("I'd sent", "I had sent"),  # a participle decides: had
        ("if it's closed", "if it is closed"),  # undecided: either expansion
        ("if it's closed", "if it has closed"),
        ("will not arrive", "won't arrive"),
        ("we cannot", "we can't"),
        ("we cannot", "we can not"),
        ("We will organise", "We'll organise"),
        ("organise", "organize"),  # American and British spellings
        ("colour", "color"),
        ("it's been", "it\u2019s been"),  # curly apostrophe
    ],
)
def test_equal_forms_in_correct_text_are_not_new_mistakes(forms, old, new):
    result = grade(forms, answer_from_reference(forms, (old, new)))
    assert result.introduced == () and result.score == 100


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("it's been", "it is been"),  # "been" needs "has"
        ("I'd sent", "I would sent"),  # a participle needs "had"
        ("if it's closed", "if its closed"),  # "its" is not "it's"
        ("let us know", "let's know"),  # "let's" is not "let us"
        ("The customer's order", "The customer is order"),  # a possessive, not "is"
        ("will not arrive", "wont arrive"),
        ("we cannot", "we cant"),
        ("organise", "orgainse"),  # a misspelling is no variant
        ("colour", "coulour"),
        ("Please check", "Please cheque"),  # a different word in British English
    ],
)
def test_different_forms_in_correct_text_are_new_mistakes(forms, old, new):
    result = grade(forms, answer_from_reference(forms, (old, new)))
    assert len(result.introduced) == 1
    assert result.introduced[0].found in new
    assert result.score == 80


def test_a_contraction_can_fix_a_mistake_whose_key_is_expanded(forms):
    # The key says "The"; "teh driver will" -> "The driver'll" is the same fix
    # only if 'll after a noun were a contraction: it is not, so it is a change.
    result = grade(forms, answer_from_reference(forms, ("The driver will", "The driver'll")))
    assert [s.expected for s in result.fixed][-1] == "The"
    assert len(result.introduced) == 1


def test_offsets_of_a_contraction_point_at_what_the_candidate_wrote(forms):
    answer = answer_from_reference(forms, ("We will organise", "We'll organize"))
    answer = answer.replace("details", "detials")
    result = grade(forms, answer)
    assert [s.found for s in result.introduced] == ["detials"]
    assert [s.found for s in result.fixed] == ["receive", "until", "send", "address", "The"]


PIECES = [
    "don't",
    "can't",
    "cannot",
    "won't",
    "it's",
    "its",
    "It's",
    "he'd",
    "we'll",
    "I'm",
    "let's",
    "customer's",
    "system's been",
    "There's",
    "colour",
    "been",
    "sent",
    "like",
    "'",
    "\u2019",
    "s",
    "t",
    "n't",
    " ",
    "  ",
    "\n",
    ",",
    ".",
    "a",
    "the",
    "DON'T",
]


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_comparison_tokens_cover_the_text_in_order(pieces):
    text = "".join(pieces)
    tokens = comparison_tokens(text)
    previous_end = 0
    for token in tokens:
        assert previous_end <= token.start < token.end <= len(text)
        assert not text[token.start : token.end].isspace()
        previous_end = token.end
    # Every non-space character belongs to a token.
    covered = {i for t in tokens for i in range(t.start, t.end)}
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


@settings(derandomize=True, max_examples=60, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=40), where=st.integers(0, 400))
def test_any_answer_with_contractions_grades_with_sound_spans(forms_path, pieces, where):
    drill = load_proofreading_drill(forms_path)
    answer = drill.reference[:where] + "".join(pieces) + drill.reference[where:]
    result = grade(drill, answer)
    assert 0 <= result.score <= 100


def test_a_mark_typed_onto_a_mistake_goes_with_it(drill):
    # "its'" is one wrong fix of "its", not the mistake left plus a new apostrophe.
    result = grade(drill, drill.reference.replace("it's", "its'"))
    assert [(s.expected, s.found) for s in result.missed] == [("it's", "its'")]
    assert result.introduced == ()
    bundled = BUNDLED.proofreading["billing-error-apology"]
    result = grade(bundled, answer_from_reference(bundled, ("month's", "months'")))
    assert [s.found for s in result.missed] == ["months'"]
    assert result.introduced == ()


# --- right answers in the forms a proofreader writes, wrong ones that must fail ------

def graded(drill_id: str, *replacements: tuple[str, str]) -> ProofreadingResult:
    """The bundled drill's key with each (old, new) replaced once, graded."""
    drill = load_drills().proofreading[drill_id]
    answer = drill.reference
    for old, new in replacements:
        assert old in answer, old
        answer = answer.replace(old, new, 1)
    return grade(drill, answer)


@pytest.mark.parametrize(
    ("drill_id", "old", "new"),
    [
        # Numbers, times and "thanks": the same value in another form.
        ("refund-confirmation", "five to seven", "5 to 7"),
        ("billing-error-apology", "from 08:00 to 20:00", "from 8 a.m. to 8 p.m."),
        ("billing-error-apology", "from 08:00 to 20:00", "from 8am to 8pm"),
        ("billing-error-apology", "from 08:00 to 20:00", "from 8:00 AM to 8:00 PM"),
        ("shift-swap-approval", "Thank you for arranging", "Thanks for arranging"),
        # Optional commas.
        ("shift-swap-approval", "Saturday, 12 October", "Saturday 12 October"),
        ("meeting-room-change", "with you, because", "with you because"),
        ("insurance-claim-documents", "Otherwise, we may", "Otherwise we may"),
        ("account-closure-request", "Dear Samuel,", "Dear Samuel"),
        ("account-closure-request", "Kind regards,", "Kind regards"),
        ("shift-swap-approval", "Saturday, 12 October", "Saturday, 12th October"),
        # Synonyms from the table, and a sentence split where "so" joined two clauses.
        ("address-update-confirmation", "If you notice a mistake", "If you spot a mistake"),
        ("address-update-confirmation", "If you notice a mistake", "If you notice an error"),
        ("account-closure-request", "Kind regards", "Best regards"),
        ("delivery-delay-notice", "We are very sorry for", "We apologise for"),
        ("address-update-confirmation", "change, so it", "change. It"),
    ],
)
def test_a_harmless_change_to_correct_text_costs_nothing(drill_id, old, new):
    result = graded(drill_id, (old, new))
    assert result.score == 100
    assert result.introduced == ()
    assert result.changed, "the change must still be shown"
    assert all(span.kind == "changed" for span in result.changed)


@pytest.mark.parametrize(
    ("drill_id", "old", "new"),
    [
        # A correction no drill lists, read with the change next to it.
        ("subscription-renewal-notice", "$119.00, which is", "$119.00. This is"),
        ("subscription-renewal-notice", "$119.00, which is", "$119.00. It is"),
        ("account-closure-request", "Samuel", "Samuel"),  # the key itself
        # A synonym of an accepted correction ("really").
        ("new-starter-welcome", "really happy", "so happy"),
        # Another article at an article mistake, where the checker finds nothing.
        ("data-privacy-request", "an identity document", "the identity document"),
        # A phrase of the table covering a mistake and the words after it.
        ("damaged-item-replacement", "throw it away", "dispose of it"),
    ],
)
def test_an_unlisted_right_correction_is_fixed(drill_id, old, new):
    result = graded(drill_id, (old, new))
    assert result.missed == () and result.introduced == ()
    assert result.score == 100


@pytest.mark.parametrize(
    ("drill_id", "old", "new"),
    [
        # Meaning-bearing content: numbers, times, dates, negation, modals.
        ("refund-confirmation", "five to seven", "five to eight"),
        ("refund-confirmation", "five to seven", "5 to 8"),
        ("refund-confirmation", "$84.50", "$84.05"),
        ("billing-error-apology", "from 08:00 to 20:00", "from 8 a.m. to 8 a.m."),
        ("billing-error-apology", "from 08:00 to 20:00", "from 9am to 8pm"),
        ("shift-swap-approval", "Saturday, 12 October", "Saturday, 13 October"),
        ("shift-swap-approval", "Saturday, 12 October", "Saturday 12 November"),
        ("billing-error-apology", "You do not need", "You need"),
        ("account-closure-request", "You will not lose", "You will lose"),
        ("account-closure-request", "will stop once", "may stop once"),
        # Wrong homophones and other real words the checker cannot judge.
        ("refund-confirmation", "appear in your account", "appear in you're account"),
        ("address-update-confirmation", "If you notice a mistake", "If you notice a mistake there"),
        # A synonym that breaks the grammar, caught by the checker.
        ("address-update-confirmation", "If you notice a mistake", "If you notice a error"),
        # A word form the table does not list, a sign-off that is not one.
        ("address-update-confirmation", "If you notice a mistake", "If you spotted a mistake"),
        ("account-closure-request", "Kind regards", "Kind regard"),
        ("shift-swap-approval", "Thank you for arranging", "Thanks you for arranging"),
        # A comma that is not optional, and a boundary that changes the link.
        ("shift-swap-approval", "October, and Joel", "October, and, Joel"),
        ("address-update-confirmation", "change, so it", "change. But it"),
        ("address-update-confirmation", "change, so it", "change. it"),
        # An article changed in correct text.
        ("invoice-copy-request", "I have attached a copy", "I have attached the copy"),
    ],
)
def test_a_change_of_meaning_or_grammar_still_counts(drill_id, old, new):
    result = graded(drill_id, (old, new))
    assert result.score < 100
    assert len(result.introduced) == 1
    assert result.missed == ()


@pytest.mark.parametrize(
    ("drill_id", "old", "new"),
    [
        # Not a rewording of an accepted correction.
        ("subscription-renewal-notice", "$119.00, which is", "$119.00. Which is"),
        ("subscription-renewal-notice", "$119.00, which is", "$119.00, witch is"),
        ("new-starter-welcome", "really happy", "not happy"),
        ("new-starter-welcome", "really happy", "realy happy"),
        # The mistaken article itself, or a real word in the wrong place.
        ("data-privacy-request", "an identity document", "a identity document"),
        ("overtime-policy-update", "plan their budgets", "plan there budgets"),
        ("overtime-policy-update", "plan their budgets", "plan they're budgets"),
    ],
)
def test_a_wrong_correction_is_still_missed(drill_id, old, new):
    result = graded(drill_id, (old, new))
    assert result.score < 100
    assert len(result.missed) == 1


def test_changes_that_cost_nothing_are_listed_in_json():
    result = graded(
        "refund-confirmation",
        ("Thank you for contacting", "Thanks for contacting"),
        ("five to seven", "5 to 7"),
        ("I am writing", "I'm writing"),
    )
    data = result.as_json()
    assert data["score"] == 100 and data["introduced"] == []
    assert [(item["expected"], item["found"]) for item in data["changed"]] == [
        ("Thank you", "Thanks"),
        ("I am", "I'm"),
        ("five", "5"),
        ("seven", "7"),
    ]
    assert {item["kind"] for item in data["changed"]} == {"changed"}


def test_equal_keys_for_values_in_another_form():
    same = [
        ("08:00 on", "8 a.m. on"), ("8:00", "08:00"), ("20:00", "8pm"), ("09:30", "9.30 am"),
        ("12:00 on", "12 p.m. on"), ("five", "5"), ("fourth", "4th"), ("Thank you", "Thanks"),
        ("open until 20:00.", "open until 8 p.m."),
    ]
    for a, b in same:
        assert comparison_keys(a) == comparison_keys(b), (a, b)
    different = [
        ("20:00", "8 a.m."), ("10.15", "10:15"), ("Second", "2nd"), ("one", "1"),
        ("Five", "5"), ("five", "6"), ("thanks", "thank"), ("8 a.m.", "8 a.m. ."),
        ("the 4th floor", "the 4 floor"), ("12 October", "13th October"),
    ]
    for a, b in different:
        assert comparison_keys(a) != comparison_keys(b), (a, b)
