"""Measured quality of the checker on a labelled corpus of business emails.

The corpus is ``tests/corpus/*.toml``. Each file holds ``[[email]]`` tables:

    [[email]]
    id = "refund-delay"          # unique across the corpus
    variant = "us"               # optional: "both" (default), "us" or "uk"
    text = '''
    Hi Priya,

    We {{recieved|received}} {{a|an|a-an}} email from you ...
    '''

Errors are marked inline as ``{{wrong|right}}`` (a spelling error) or
``{{wrong|right|rule-id}}`` (any other rule id of ``grammar.RULES``, or
``us-spelling`` / ``uk-spelling``). From one marked text the test derives the
faulty email (every ``wrong`` part, with the error's offsets) and the clean
email (every ``right`` part). An email with no marks is a clean email only.

Two figures are printed and checked:

* recall: the share of labelled errors that some finding overlaps, on the
  faulty emails (floor 90%);
* false findings per 300 words: every finding on a clean email is false
  (ceiling 1 per 300 words).

Run with ``pytest tests/test_checker_quality.py -s`` to see every miss and
every false finding as well.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from typing_test.core.email.checker import load_checker
from typing_test.core.email.findings import Finding
from typing_test.core.email.grammar import RULES

CORPUS = Path(__file__).parent / "corpus"
MARK = re.compile(r"\{\{(?P<wrong>[^|{}]*)\|(?P<right>[^|{}]*)(?:\|(?P<rule>[a-z-]+))?\}\}")
KNOWN_RULES = {rule.id for rule in RULES} | {"spelling", "us-spelling", "uk-spelling"}


@dataclass(frozen=True)
class LabelledError:
    start: int
    end: int
    wrong: str
    right: str
    rule: str


@dataclass(frozen=True)
class Email:
    id: str
    variant: str
    faulty: str
    clean: str
    errors: tuple[LabelledError, ...]


def parse_marked(text: str) -> tuple[str, str, list[LabelledError]]:
    """Split a marked text into (faulty text, clean text, labelled errors)."""
    faulty: list[str] = []
    clean: list[str] = []
    errors = []
    position = 0
    length = 0
    for mark in MARK.finditer(text):
        plain = text[position : mark.start()]
        faulty.append(plain)
        clean.append(plain)
        length += len(plain)
        wrong, right, rule = mark["wrong"], mark["right"], mark["rule"] or "spelling"
        if not wrong or wrong == right or rule not in KNOWN_RULES:
            raise ValueError(f"bad mark {mark.group()!r}")
        errors.append(LabelledError(length, length + len(wrong), wrong, right, rule))
        faulty.append(wrong)
        clean.append(right)
        length += len(wrong)
        position = mark.end()
    faulty.append(text[position:])
    clean.append(text[position:])
    faulty_text, clean_text = "".join(faulty), "".join(clean)
    if "{{" in faulty_text or "}}" in faulty_text:
        raise ValueError(f"unclosed mark near {faulty_text[faulty_text.find('{{'):][:40]!r}")
    return faulty_text, clean_text, errors


def load_corpus() -> list[Email]:
    emails = []
    for path in sorted(CORPUS.glob("*.toml")):
        with path.open("rb") as file:
            for entry in tomllib.load(file)["email"]:
                faulty, clean, errors = parse_marked(entry["text"])
                emails.append(
                    Email(entry["id"], entry.get("variant", "both"), faulty, clean, tuple(errors))
                )
    return emails


def overlaps(finding: Finding, error: LabelledError) -> bool:
    return finding.start < error.end and error.start < finding.end


@dataclass
class Measure:
    errors: int = 0
    found: int = 0
    clean_words: int = 0
    false_findings: int = 0
    unlabelled_on_faulty: int = 0


@pytest.fixture(scope="module")
def corpus() -> list[Email]:
    return load_corpus()


@pytest.fixture(scope="module")
def measure(corpus: list[Email]) -> tuple[Measure, Counter, Counter, list[str]]:
    result = Measure()
    per_rule_total: Counter = Counter()
    per_rule_found: Counter = Counter()
    notes = []
    for email in corpus:
        checker = load_checker(email.variant)
        if email.errors:
            findings = checker.check(email.faulty)
            for error in email.errors:
                hit = any(overlaps(f, error) for f in findings)
                result.errors += 1
                result.found += hit
                per_rule_total[error.rule] += 1
                per_rule_found[error.rule] += hit
                if not hit:
                    notes.append(f"missed  {email.id}: {error.wrong!r} ({error.rule})")
            result.unlabelled_on_faulty += sum(
                not any(overlaps(f, e) for e in email.errors) for f in findings
            )
        result.clean_words += len(email.clean.split())
        for finding in checker.check(email.clean):
            result.false_findings += 1
            notes.append(f"false   {email.id}: {finding.text!r} ({finding.rule})")
    return result, per_rule_total, per_rule_found, notes


def test_parse_marked_derives_offsets_and_both_versions():
    faulty, clean, errors = parse_marked("We {{recieved|received}} {{a|an|a-an}} email.")
    assert faulty == "We recieved a email."
    assert clean == "We received an email."
    assert [(faulty[e.start : e.end], e.rule) for e in errors] == [
        ("recieved", "spelling"),
        ("a", "a-an"),
    ]


def test_parse_marked_rejects_broken_marks():
    with pytest.raises(ValueError):
        parse_marked("We {{recieved|received.")
    with pytest.raises(ValueError):
        parse_marked("We {{recieved|received|no-such-rule}}.")


def test_corpus_is_large_and_varied(corpus: list[Email]):
    ids = [email.id for email in corpus]
    assert len(ids) == len(set(ids)), "email ids must be unique"
    faulty = [email for email in corpus if email.errors]
    assert len(faulty) >= 30
    assert len(corpus) >= 30  # every email has a clean version
    labelled_rules = {error.rule for email in corpus for error in email.errors}
    assert {rule.id for rule in RULES} <= labelled_rules, "every grammar rule is exercised"


def test_recall_of_labelled_errors(measure, capsys):
    result, per_rule_total, per_rule_found, notes = measure
    recall = result.found / result.errors
    with capsys.disabled():
        print(f"\nchecker recall: {result.found}/{result.errors} labelled errors = {recall:.1%}")
        for rule in sorted(per_rule_total):
            print(f"  {rule:26} {per_rule_found[rule]:3}/{per_rule_total[rule]:3}")
        for note in notes:
            if note.startswith("missed"):
                print("  " + note)
    assert recall >= 0.90


def test_false_findings_on_clean_email(measure, capsys):
    result, _, _, notes = measure
    rate = result.false_findings / result.clean_words * 300
    with capsys.disabled():
        print(
            f"\nchecker false findings: {result.false_findings} in {result.clean_words} words"
            f" of clean email = {rate:.2f} per 300 words"
            f" (unlabelled findings on the faulty emails: {result.unlabelled_on_faulty})"
        )
        for note in notes:
            if note.startswith("false"):
                print("  " + note)
    assert rate <= 1.0
