"""The rewording rules: which changes keep an email's meaning (core/email/rewordings.py)."""

from __future__ import annotations

import pytest

from typing_test.core.email.rewordings import START, SYNONYMS, same_meaning
from typing_test.core.email.tokens import comparison_keys


def rewords(before: str, after: str, left: str = "", right: str = "", **options) -> bool:
    context = [START, *comparison_keys(left)] if not left.startswith("...") else list(
        comparison_keys(left[3:])
    )
    return same_meaning(
        list(comparison_keys(before)),
        list(comparison_keys(after)),
        context,
        list(comparison_keys(right)),
        **options,
    )


@pytest.mark.parametrize(
    ("before", "after", "left", "right"),
    [
        ("notice", "spot", "If you", " a mistake"),
        ("a mistake", "an error", "If you notice", " in your details"),
        ("are very sorry", "apologise", "We", " for the delay"),
        ("am sorry", "apologize", "I", " for the delay"),
        ("Kind regards", "Best wishes", "...thanks.", ""),
        ("In the meantime,", "Meanwhile,", "", " please keep"),
        ("In the meantime,", "Until then", "", " please keep"),
        (", so it", ". It", "...the change", " may still go"),
        (", so it", "; it", "...the change", " may still go"),
        (", and we", ". We", "...the account", " will close it"),
        (", which", ". This", "...$119.00", " is the same"),
        (", which", ". That", "...$119.00", " is the same"),
        ("you, because", "you because", "...with", " we will"),
        ("Saturday, 12", "Saturday 12", "...on", " October"),
        ("Otherwise, we", "Otherwise we", "...read.", " may"),
        ("Dear Samuel,", "Dear Samuel", "...account", " We have"),
        ("regards,", "regards", "...help. Kind", " Michael"),
    ],
)
def test_rewordings_that_keep_the_meaning(before, after, left, right):
    assert rewords(before, after, left, right)


@pytest.mark.parametrize(
    ("before", "after", "left", "right"),
    [
        # Meaning-bearing words never change for free.
        ("will", "would", "I", " be glad"),
        ("will not", "will", "You", " lose"),
        ("five", "six", "...allow", " days"),
        ("08:00", "8 p.m.", "...from", " to"),
        # Part of speech: "notice" the noun is not "spot".
        ("notice", "spot", "...the privacy", " on our website"),
        ("end", "finish", "...by the", " of this week"),
        # Person: "am sorry" is not "are sorry".
        ("are sorry", "am sorry", "We", " for"),
        # Links that carry meaning, and a comma that joins two clauses.
        (", but it", ". It", "...the change", " may"),
        (", because", ". Because", "...with you", " we will"),
        (", and all", " and all", "...your account", " future letters"),
        ("However, we", "However we", "...read.", " may"),
        # A comma splice, a lower-case sentence start, a fragment.
        (". It", ", it", "...the change", " may"),
        (", so it", ". it", "...the change", " may"),
        (", which", ". Which", "...$119.00", " is"),
        # "this" and "that" are not one another.
        ("This", "That", "...service.", " happened"),
        # A vocative comma is not a salutation's.
        ("you, Maria", "you Maria", "...x. Thank", "."),
        # A word the tables do not list.
        ("notice", "see", "If you", " a mistake"),
        ("a mistake", "the mistake", "If you notice", " in"),
    ],
)
def test_changes_of_meaning_are_not_rewordings(before, after, left, right):
    assert not rewords(before, after, left, right)


def test_another_article_only_at_a_mistake():
    assert not rewords("an account", "the account", "...to", " at")
    assert rewords("an account", "the account", "...to", " at", at_mistake=True)


def test_long_changes_are_never_rewordings():
    before = " ".join(["word"] * 30)
    assert not rewords(before, before.replace("word", "words", 1))


def test_the_synonym_table_lists_each_phrase_in_lower_case_words():
    assert SYNONYMS
    for words, groups in SYNONYMS.items():
        assert words and groups
        assert all(word == word.lower() and " " not in word for word in words)
