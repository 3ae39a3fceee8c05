"""Checks on the typing-test passages in assets/passages/.

Each passage is one TOML file holding exactly a title, a category, a difficulty
and the text. The app collapses every run of whitespace in the text to one
space, so lengths here are measured the same way.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from typing_test.core.assets import assets_dir

PASSAGES_DIR = assets_dir() / "passages"
PASSAGE_FILES = sorted(PASSAGES_DIR.glob("*.toml"))

EXPECTED_KEYS = {"title", "category", "difficulty", "text"}
CATEGORIES = {"customer-email", "internal-memo", "account-notes", "policy", "data-entry"}
DIFFICULTIES = {"easy", "medium", "hard"}
MIN_TEXT_CHARS = 1800
MIN_PASSAGES = 30
MIN_PER_CATEGORY = 5
KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def collapse(text: str) -> str:
    """Return text with each run of whitespace replaced by one space, as the app does."""
    return " ".join(text.split())


def non_printable(text: str, allowed_extra: str = "") -> list[str]:
    """Return the characters in text that are not printable ASCII (space to tilde)."""
    return sorted({ch for ch in text if not (" " <= ch <= "~" or ch in allowed_extra)})


@pytest.mark.parametrize("path", PASSAGE_FILES, ids=lambda p: p.stem)
def test_passage_has_exactly_the_expected_keys(path: Path) -> None:
    assert set(load(path)) == EXPECTED_KEYS


@pytest.mark.parametrize("path", PASSAGE_FILES, ids=lambda p: p.stem)
def test_passage_fields_are_valid(path: Path) -> None:
    passage = load(path)
    assert passage["category"] in CATEGORIES
    assert passage["difficulty"] in DIFFICULTIES
    assert isinstance(passage["title"], str) and passage["title"].strip()
    assert KEBAB_CASE.fullmatch(path.stem), "file name must be lower-case kebab-case"


@pytest.mark.parametrize("path", PASSAGE_FILES, ids=lambda p: p.stem)
def test_passage_text_is_long_enough(path: Path) -> None:
    length = len(collapse(load(path)["text"]))
    assert length >= MIN_TEXT_CHARS, f"{path.name}: {length} characters"


@pytest.mark.parametrize("path", PASSAGE_FILES, ids=lambda p: p.stem)
def test_no_line_breaks_inside_a_sentence(path: Path) -> None:
    """A line break is typed with Enter, so it must be where the writer meant one:
    after a greeting, a sentence or a signature line, never before the rest of a
    sentence ("between March 9 and March" / "12. Our records")."""
    lines = load(path)["text"].strip("\n").split("\n")
    broken = [
        (before, after)
        for before, after in zip(lines, lines[1:], strict=False)
        if before.strip() and after.strip()
        and not re.search(r"[.,:;!?)\"]$", before.strip())
        and (after[0].isdigit() or after[0].islower())
    ]
    assert broken == []


@pytest.mark.parametrize("path", PASSAGE_FILES, ids=lambda p: p.stem)
def test_passage_is_printable_ascii(path: Path) -> None:
    passage = load(path)
    # Newlines only wrap the source lines; the app turns them into spaces.
    assert non_printable(passage["text"], allowed_extra="\n") == []
    assert non_printable(passage["title"]) == []


def test_passage_ids_and_titles_are_unique() -> None:
    # Compared in lower case so two files differing only by case cannot both ship.
    ids = Counter(path.stem.lower() for path in PASSAGE_FILES)
    titles = Counter(load(path)["title"].strip().lower() for path in PASSAGE_FILES)
    assert [name for name, count in ids.items() if count > 1] == []
    assert [title for title, count in titles.items() if count > 1] == []


def test_there_are_enough_passages_in_every_category() -> None:
    assert len(PASSAGE_FILES) >= MIN_PASSAGES
    per_category = Counter(load(path)["category"] for path in PASSAGE_FILES)
    for category in CATEGORIES:
        assert per_category[category] >= MIN_PER_CATEGORY, category


def test_collapse_matches_the_app_rule() -> None:
    assert collapse("  Dear Ms. Lane,\n\n\tThank  you. ") == "Dear Ms. Lane, Thank you."


def test_non_printable_flags_typographic_characters() -> None:
    assert non_printable("It\u2019s done \u2014 see below.") == ["\u2014", "\u2019"]
    assert non_printable("line one\nline two") == ["\n"]
    assert non_printable("line one\nline two", allowed_extra="\n") == []
