"""A finding of the spelling and grammar checker."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

FindingKind = Literal["spelling", "grammar"]


@dataclass(frozen=True)
class Finding:
    """One problem in a text, located by character offsets.

    ``text[start:end]`` is the flagged span. ``rule`` is a stable id such as
    ``"spelling"`` or ``"a-an"``; ``suggestions`` may be empty.

    >>> finding = Finding(0, 3, "teh", "spelling", "spelling", "Unknown word", ("the",))
    >>> finding.as_json()["suggestions"]
    ['the']
    """

    start: int
    end: int
    text: str
    kind: FindingKind
    rule: str
    message: str
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    def as_json(self) -> dict:
        """The finding as the JSON object `typing-test check --json` prints."""
        data = asdict(self)
        data["suggestions"] = list(self.suggestions)
        return data
