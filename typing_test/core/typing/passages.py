"""The typing passages: one TOML file each in ``assets/passages/``.

A passage file holds ``title``, ``category``, ``difficulty`` and ``text``.
Its id is the file name without ``.toml``. Every run of whitespace in the
text becomes one space, so authors may wrap lines freely.
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
    """A passage to type. ``text`` is NFC-normalised with single spaces."""

    id: str
    title: str
    category: str
    difficulty: str
    text: str


def normalise_text(text: str) -> str:
    """Collapse whitespace runs to one space and normalise to NFC.

    >>> normalise_text("  Dear  customer,\\n\\nThank you. ")
    'Dear customer, Thank you.'
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


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
    passages: list[Passage], category: str | None, rng: random.Random | None = None
) -> Passage:
    """Pick a passage at random, from ``category`` or from all when it is None.

    >>> p = Passage("a", "A", "policy", "easy", "Text.")
    >>> choose_passage([p], "policy").id
    'a'
    """
    pool = [p for p in passages if category is None or p.category == category]
    if not pool:
        raise ContentError(f"no passages in category {category!r}")
    return (rng or random.Random()).choice(pool)
