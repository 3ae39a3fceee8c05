"""Grammar rules: each rule's examples, plus the cases that need exact answers."""

from __future__ import annotations

import pytest

from typing_test.core.grammar import RULES, check_grammar, starts_with_vowel_sound

RULES_BY_ID = {rule.id: rule for rule in RULES}
CATCHES = [(rule.id, text) for rule in RULES for text in rule.catches]
PASSES = [(rule.id, text) for rule in RULES for text in rule.passes]


def hits(text: str, rule_id: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(flagged text, suggestions) of the findings, for one rule or all."""
    return [
        (f.text, f.suggestions) for f in check_grammar(text) if rule_id in (None, f.rule)
    ]


def test_rule_table_is_well_formed():
    assert len(RULES_BY_ID) == len(RULES), "rule ids are unique"
    for rule in RULES:
        assert rule.id and rule.message and rule.catches and rule.passes


@pytest.mark.parametrize(("rule_id", "text"), CATCHES)
def test_rule_catches_its_examples(rule_id, text):
    assert hits(text, rule_id), f"{rule_id} should flag {text!r}"


@pytest.mark.parametrize(("rule_id", "text"), PASSES)
def test_rule_leaves_its_counterexamples_alone(rule_id, text):
    assert hits(text, rule_id) == []


def test_findings_locate_the_text_they_flag():
    text = "Hi Sam,\n\nim sorry , their is  alot to do then usual\n\nBest,\nJo"
    findings = check_grammar(text)
    assert findings, "the text is full of errors"
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.kind == "grammar"
        assert finding.rule in RULES_BY_ID
    assert findings == sorted(findings, key=lambda f: f.start)


def test_curly_apostrophes_count_as_straight_ones():
    text = "Its been a week and it\u2019s own team is on it\u2019s way."
    assert hits(text, "its-confusion") == [
        ("Its", ("It's",)),
        ("it\u2019s", ("its",)),
        ("it\u2019s", ("its",)),
    ]


def test_overlapping_findings_keep_the_first_rule():
    # "im" starts a sentence in lower case and lacks its apostrophe: one finding.
    assert hits("im sorry.") == [("im", ("I'm",))]


# --- a / an --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "vowel"),
    [
        ("hour", True), ("honest", True), ("honour", True), ("heir", True), ("house", False),
        ("user", False), ("unit", False), ("university", False), ("European", False),
        ("one-time", False), ("once", False), ("onerous", True), ("umbrella", True),
        ("unusual", True), ("uninstalled", True), ("unanimous", False), ("Uber", True),
        ("SLA", True), ("MBA", True), ("NDA", True), ("HR", True), ("FYI", True), ("X-ray", True),
        ("KPI", False), ("URL", False), ("USB", False), ("CRM", False), ("UI", False),
        ("LAN", False), ("NASA", False), ("SaaS", False), ("HTML", True), ("MSc", True),
        ("iPhone", True), ("eBay", True), ("e-invoice", True), ("T-shirt", False),
        ("A4", True), ("B2B", False), ("8-hour", True), ("11", True), ("18,000", True),
        ("80%", True), ("100", False), ("1-hour", False), ("110", False),
        ("FAQ", None), ("SQL", None), ("herb", None), ("historic", None), ("1800", None),
        ("xterm", None), ("XML", True),
        ("$5", None),
    ],
)
def test_starts_with_vowel_sound(word, vowel):
    assert starts_with_vowel_sound(word) is vowel


def test_a_an_suggests_the_other_article_in_the_same_case():
    assert hits("An user called. AN KPI is due. A hour ago.", "a-an") == [
        ("An", ("A",)), ("AN", ("A",)), ("A", ("An",)),
    ]


def test_a_an_ignores_letters_and_labels():
    assert hits("Choose a or b. Plan A is an option; grade A is a pass.", "a-an") == []
    assert hits("Meet at 9 a.m. on Monday.", "a-an") == []


# --- Sentences, paragraphs and spacing --------------------------------------------


def test_sentence_start_after_abbreviations_and_in_lists():
    text = (
        "We use tools, e.g. excel and word. We meet at 10 a.m. tomorrow, approx. one hour.\n"
        "Notes:\n- check the file\n1. call the client\nOur email is\nsam@example.com today.\n"
    )
    assert hits(text, "sentence-start-case") == []


def test_sentence_start_flags_each_new_sentence():
    text = "Done. next we call. Really? yes!\n\nthe end."
    assert [t for t, _ in hits(text, "sentence-start-case")] == ["next", "yes", "the"]


def test_lowercase_i_suggests_capital_i():
    assert hits("Yesterday i'm sure i said so.", "lowercase-i") == [("i", ("I",)), ("i", ("I",))]


@pytest.mark.parametrize(
    "text",
    [
        "Dear Ms Patel,\n\nThank you.\n\nKind regards,\nPriya Sharma\nBilling Team\n",
        "Hi Sam\n\nThanks for calling.\n\nThanks\nJo",
        "Subject: Your refund for order 2041\n\nIt is done.",
        "Hello team,\n\nCan you help?\n\nGreat news!\n\nCheers,\nJo",
        "Agenda\n\n- budget\n- hiring\n\nSee you then.",
        "Our new address is:\n\nsupport@example.com",
        "Phone: 0800 123 456\n+44 20 7946 0000",
        "It is done (see the note.)\n\nShe said \u201cyes.\u201d",
        "Thanks so much,\nJo",
    ],
)
def test_missing_full_stop_leaves_headers_greetings_and_signatures_alone(text):
    assert hits(text, "missing-full-stop") == []


def test_missing_full_stop_flags_the_last_word_of_each_unfinished_paragraph():
    text = "Hi Sam,\n\nThe refund is done\nand paid\n\nThe invoice is attached\n\nBest,\nJo"
    assert hits(text, "missing-full-stop") == [("paid", ("paid.",)), ("attached", ("attached.",))]


def test_space_before_punctuation_covers_the_space():
    assert hits("Thanks , Sam !", "space-before-punctuation") == [(" ,", (",",)), (" !", ("!",))]


def test_double_space_between_words_only():
    text = "Please  call.  Then   wait.\n    Indented.\nPhone:    0800"
    assert hits(text, "double-space") == [("  ", (" ",)), ("   ", (" ",))]


# --- Confused words and agreement --------------------------------------------------


def test_repeated_word_suggests_one_copy():
    assert hits("Send the the file.", "repeated-word") == [("the the", ("the",))]


def test_missing_apostrophe_suggestions():
    text = "Im sure we cant and he dont, but Youre right and thats fine."
    assert hits(text, "missing-apostrophe") == [
        ("Im", ("I'm",)), ("cant", ("can't",)), ("dont", ("doesn't",)),
        ("Youre", ("You're",)), ("thats", ("that's",)),
    ]


def test_subject_verb_suggestions():
    text = "He have it. She don't. It were late. They was here. We is ready. They has one."
    assert [s for _, s in hits(text, "subject-verb")] == [
        ("has",), ("doesn't",), ("was",), ("were",), ("are",), ("have",),
    ]


def test_subject_verb_leaves_questions_and_subjunctives_alone():
    text = (
        "Does she have it? Would it have helped? If he were here, as it were, I wish she "
        "were. Let it have a rest. Did they want it? Make sure it has one."
    )
    assert hits(text, "subject-verb") == []


def test_there_their_theyre():
    text = "Their is a fee. Their going to call. Reset there password. Check they're account."
    assert hits(text, "there-confusion") == [
        ("Their", ("There",)), ("Their", ("They're",)), ("there", ("their",)),
        ("they're", ("their",)),
    ]


def test_then_than_both_ways():
    text = "It is more then $5. Since than we wait. Than we left."
    assert hits(text, "then-than") == [
        ("then", ("than",)), ("than", ("then",)), ("Than", ("Then",)),
    ]


def test_modal_of_flags_only_of():
    assert hits("You should of known.", "modal-of") == [("of", ("have",))]


def test_documented_examples_hold():
    import doctest

    from typing_test.core import grammar

    assert doctest.testmod(grammar).failed == 0
