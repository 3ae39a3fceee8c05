"""An independent, held-out measurement of the spelling and grammar checker.

The emails in ``tests/corpus_heldout/`` were written without reading the
checker's rules, its tests or its own corpus, so the figures here are not
flattered by the rules' author. Two kinds of email live there:

* ``errors/*.txt``: applicants' emails with realistic mistakes, each marked
  inline as ``{{wrong text|family}}``. The marker is removed to get the text the
  checker sees; the marked span is the labelled error. A labelled error counts
  as found when any finding overlaps its span.
* ``clean/*.txt``: correct professional emails. Every finding in them is false.

Issue 7 sets two floors: recall of at least 95% over the labelled errors,
and at most 0.5 false findings per 300 words of clean email (the first
product issue asked for 90% and 1). The test prints the figures, every miss
and every false finding, then asserts the floors.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from typing_test.core.email.checker import load_checker
from typing_test.core.email.findings import Finding

CORPUS_DIR = Path(__file__).parent / "corpus_heldout"

# The rule families of the product issue, in the order the report prints them.
FAMILIES = (
    "spelling",
    "a-an",
    "repeated-word",
    "sentence-case",
    "lowercase-i",
    "its",
    "your",
    "there",
    "then-than",
    "modal-of",
    "subject-verb",
    "full-stop",
    "space-punct",
    "double-space",
    "alot",
    "apostrophe",
    "whose",
)
# Each family has enough labels to measure; "whose" came with the extra
# emails (h-*.txt), which label it three times.
MIN_LABELS = {family: 6 for family in FAMILIES} | {"whose": 3}

MIN_RECALL = 0.95
MAX_FALSE_PER_300_WORDS = 0.5

# "{{wrong text|family}}"; the wrong text may be only spaces ("{{  |double-space}}").
_MARKER = re.compile(r"\{\{(.+?)\|([a-z-]+)\}\}", re.DOTALL)


@dataclass(frozen=True)
class Label:
    """One labelled error: ``text[start:end]`` of its email is the wrong text."""

    start: int
    end: int
    wrong: str
    family: str


@dataclass(frozen=True)
class Email:
    """One corpus email: the plain text the checker sees and its labelled errors."""

    name: str
    text: str
    labels: tuple[Label, ...]


def parse_marked(marked: str) -> tuple[str, tuple[Label, ...]]:
    """The plain text of ``marked`` and its labels, from ``{{wrong|family}}`` markers.

    >>> parse_marked("We {{recieve|spelling}} it.")
    ('We recieve it.', (Label(start=3, end=10, wrong='recieve', family='spelling'),))
    """
    pieces: list[str] = []
    labels: list[Label] = []
    length = 0
    previous_end = 0
    for match in _MARKER.finditer(marked):
        before = marked[previous_end : match.start()]
        wrong, family = match.group(1), match.group(2)
        if family not in FAMILIES:
            raise ValueError(f"unknown rule family {family!r} in {match.group(0)!r}")
        pieces.append(before)
        length += len(before)
        labels.append(Label(length, length + len(wrong), wrong, family))
        pieces.append(wrong)
        length += len(wrong)
        previous_end = match.end()
    pieces.append(marked[previous_end:])
    text = "".join(pieces)
    if "{{" in text or "}}" in text or "|" in text:
        raise ValueError("a marker is malformed: '{{', '}}' or '|' is left in the text")
    return text, tuple(labels)


def load_emails(folder: Path) -> list[Email]:
    """Every ``*.txt`` email in ``folder``, sorted by file name."""
    emails = []
    for path in sorted(folder.glob("*.txt")):
        text, labels = parse_marked(path.read_text(encoding="utf-8"))
        emails.append(Email(path.name, text, labels))
    return emails


def overlaps(finding: Finding, label: Label) -> bool:
    """Whether ``finding`` covers any of ``label``'s characters.

    An empty finding (a point, such as "a full stop belongs here") overlaps a
    label when it sits inside the label or at either edge of it.
    """
    if finding.start == finding.end:
        return label.start <= finding.start <= label.end
    return finding.start < label.end and label.start < finding.end


@dataclass(frozen=True)
class Measurement:
    """What the checker found on the whole corpus."""

    found: Counter[str]
    total: Counter[str]
    misses: list[tuple[str, Label, str]]
    false_findings: list[tuple[str, Finding, str]]
    unlabelled_in_error_emails: list[tuple[str, Finding, str]]
    clean_words: int

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / sum(self.total.values())

    @property
    def false_per_300_words(self) -> float:
        return len(self.false_findings) * 300 / self.clean_words


def _context(text: str, start: int, end: int, width: int = 25) -> str:
    """The finding or label in its line, with the span in [brackets], on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"{left}[{text[start:end]}]{right}".replace("\n", "\\n")


def measure(check, error_emails: list[Email], clean_emails: list[Email]) -> Measurement:
    """Run ``check(text) -> list[Finding]`` over the corpus and count hits and misses."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    unlabelled = []
    for email in error_emails:
        findings = check(email.text)
        for label in email.labels:
            total[label.family] += 1
            if any(overlaps(finding, label) for finding in findings):
                found[label.family] += 1
            else:
                misses.append((email.name, label, _context(email.text, label.start, label.end)))
        for finding in findings:
            if not any(overlaps(finding, label) for label in email.labels):
                context = _context(email.text, finding.start, finding.end)
                unlabelled.append((email.name, finding, context))
    false_findings = []
    clean_words = 0
    for email in clean_emails:
        clean_words += len(email.text.split())
        for finding in check(email.text):
            context = _context(email.text, finding.start, finding.end)
            false_findings.append((email.name, finding, context))
    return Measurement(found, total, misses, false_findings, unlabelled, clean_words)


def report(result: Measurement) -> str:
    """The measurement as the plain-text report the test prints."""
    lines = [
        "",
        "Held-out checker measurement (tests/corpus_heldout/)",
        f"  recall overall: {sum(result.found.values())}/{sum(result.total.values())}"
        f" = {result.recall:.1%}  (floor {MIN_RECALL:.0%})",
    ]
    for family in FAMILIES:
        found, total = result.found[family], result.total[family]
        lines.append(f"    {family:<14} {found:>3}/{total:<3} = {found / total:.0%}")
    lines.append(
        f"  false findings on clean email: {len(result.false_findings)} in"
        f" {result.clean_words} words = {result.false_per_300_words:.2f} per 300 words"
        f"  (ceiling {MAX_FALSE_PER_300_WORDS:g})"
    )
    lines.append(f"  misses ({len(result.misses)}):")
    for name, label, context in result.misses:
        lines.append(f"    {name}  {label.family:<13} {context}")
    lines.append(f"  false findings ({len(result.false_findings)}):")
    for name, finding, context in result.false_findings:
        lines.append(f"    {name}  {finding.rule:<13} {context}")
    lines.append(
        f"  unlabelled findings in error emails, not counted"
        f" ({len(result.unlabelled_in_error_emails)}):"
    )
    for name, finding, context in result.unlabelled_in_error_emails:
        lines.append(f"    {name}  {finding.rule:<13} {context}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def error_emails() -> list[Email]:
    return load_emails(CORPUS_DIR / "errors")


@pytest.fixture(scope="module")
def clean_emails() -> list[Email]:
    return load_emails(CORPUS_DIR / "clean")


def test_parse_marked_finds_spans_and_rejects_broken_markers():
    text, labels = parse_marked("Hi,{{  |double-space}}we {{could of|modal-of}} {{i|lowercase-i}}.")
    assert text == "Hi,  we could of i."
    assert [(text[label.start : label.end], label.family) for label in labels] == [
        ("  ", "double-space"),
        ("could of", "modal-of"),
        ("i", "lowercase-i"),
    ]
    with pytest.raises(ValueError, match="unknown rule family"):
        parse_marked("{{teh|typo}}")
    with pytest.raises(ValueError, match="malformed"):
        parse_marked("{{teh spelling}}")


def test_overlaps_counts_touching_points_but_not_neighbouring_words():
    label = Label(10, 15, "dont.", "apostrophe")
    assert overlaps(Finding(14, 20, "x", "grammar", "r", "m"), label)
    assert not overlaps(Finding(15, 20, "x", "grammar", "r", "m"), label)
    assert overlaps(Finding(15, 15, "", "grammar", "r", "m"), label)
    assert not overlaps(Finding(16, 16, "", "grammar", "r", "m"), label)


def test_heldout_corpus_is_large_and_balanced(error_emails, clean_emails):
    assert len(error_emails) >= 30
    assert len(clean_emails) >= 30
    assert all(email.labels for email in error_emails)
    assert not any(email.labels for email in clean_emails)
    per_family = Counter(label.family for email in error_emails for label in email.labels)
    assert {f: per_family[f] for f in FAMILIES if per_family[f] < MIN_LABELS[f]} == {}
    assert per_family["spelling"] > max(per_family[f] for f in FAMILIES if f != "spelling")
    for email in clean_emails:
        assert 100 <= len(email.text.split()) <= 250, email.name


def test_checker_meets_issue_floors_on_heldout_corpus(error_emails, clean_emails, capsys):
    checker = load_checker()
    result = measure(
        lambda text: checker.check(text, suggestions=False), error_emails, clean_emails
    )
    with capsys.disabled():
        print(report(result))
    assert result.recall >= MIN_RECALL
    assert result.false_per_300_words <= MAX_FALSE_PER_300_WORDS
