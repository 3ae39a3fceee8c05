"""The typing passages: one TOML file each in ``assets/passages/``.

A passage file holds ``title``, ``category``, ``difficulty`` and ``text``.
Its id is the file name without ``.toml``. Each line of the text is a line the
candidate types (a greeting, a paragraph, a line of a signature), ended with
Enter; blank lines between paragraphs are for the author's eyes and are not
typed. Runs of spaces inside a line become one space.
"""

from __future__ import annotations

import random
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from typing_test.core.assets import ContentError, assets_dir, read_toml

CATEGORIES = {
    "customer-email": "Customer emails",
    "internal-memo": "Internal memos",
    "account-notes": "Account notes",
    "policy": "Policies and procedures",
    "data-entry": "Data entry (numbers)",
}
DIFFICULTIES = ("easy", "medium", "hard")
MIN_LENGTH = 1800


@dataclass(frozen=True)
class Passage:
    """A passage to type. ``text`` is NFC-normalised: lines joined by "\\n",
    single spaces inside a line, no blank line."""

    id: str
    title: str
    category: str
    difficulty: str
    text: str


def normalise_text(text: str) -> str:
    """Normalise to NFC, keep one line break between lines, drop blank lines,
    and collapse the spaces inside a line.

    >>> normalise_text("  Dear  customer,\\r\\n\\nThank you.\\n  Ann ")
    'Dear customer,\\nThank you.\\nAnn'
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def load_passage(path: Path) -> Passage:
    """Read one passage file; raise ContentError naming the file and the problem."""
    try:
        data = read_toml(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: cannot read passage: {error}") from error
    for key in ("title", "category", "difficulty", "text"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ContentError(f"{path.name}: '{key}' is missing or empty")
    if data["category"] not in CATEGORIES:
        raise ContentError(f"{path.name}: unknown category {data['category']!r}")
    if data["difficulty"] not in DIFFICULTIES:
        raise ContentError(f"{path.name}: unknown difficulty {data['difficulty']!r}")
    return Passage(
        id=path.stem,
        title=data["title"].strip(),
        category=data["category"],
        difficulty=data["difficulty"],
        text=normalise_text(data["text"]),
    )


def load_passages(folder: Path | None = None) -> tuple[list[Passage], list[str]]:
    """Load every passage in ``folder`` (default: the bundled ones).

    Returns the passages sorted by id and a list of problems, one line per
    broken file; a broken file never stops the others from loading.
    """
    folder = folder or assets_dir() / "passages"
    passages: list[Passage] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            passages.append(load_passage(path))
        except ContentError as error:
            problems.append(str(error))
    return passages, problems


def choose_passage(
    passages: list[Passage],
    category: str | None,
    rng: random.Random | None = None,
    difficulty: str | None = None,
) -> Passage:
    """Pick a passage at random, from ``category`` and of ``difficulty``; None
    for either means any.

    >>> p = Passage("a", "A", "policy", "easy", "Text.")
    >>> choose_passage([p], "policy", difficulty="easy").id
    'a'
    >>> choose_passage([p], None, difficulty="hard")
    Traceback (most recent call last):
    ...
    typing_test.core.assets.ContentError: no hard passages in any category
    """
    pool = [
        p
        for p in passages
        if (category is None or p.category == category)
        and (difficulty is None or p.difficulty == difficulty)
    ]
    if not pool:
        where = f"category {category!r}" if category else "any category"
        raise ContentError(f"no {difficulty + ' ' if difficulty else ''}passages in {where}")
    return (rng or random.Random()).choice(pool)
