"""docs/make_british_words.py: how British words are paired with their US twins."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "docs" / "make_british_words.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("make_british_words", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scowl(folder: Path, lists: dict[str, str]) -> Path:
    """A SCOWL folder whose size-35 lists hold ``lists`` (category: words);
    every other list the tool reads is there and empty."""
    for category in ("british", "british_variant_1", "british_variant_2", "american", "english"):
        for size in (10, 20, 35, 40, 50, 55, 60, 70, 80):
            words = lists.get(category, "") if size == 35 else ""
            (folder / f"{category}-words.{size}").write_text("\n".join(words.split()) + "\n")
    return folder


def test_british_words_are_paired_by_the_fewest_correspondences(tool, tmp_path):
    folder = scowl(tmp_path, {
        "british": "colourised programme formulae prise fourty centre preacid sulphide",
        "american": "colorized center sulfide perac",
        "english": "program formula price forty peracid",
    })
    lines, left_out = tool.british_pairs(folder)
    assert lines == [
        "centre center",
        "colourised colorized",  # two changes: -our and -ise
        "programme program also-british",
        "sulphide sulfide",
    ]
    # formulae is a plural, prise is not price, -re/-er only at a word's end:
    # none is paired; "fourty" is not -our after two letters.
    assert left_out == ["formulae", "fourty", "preacid"]


def test_the_shipped_list_is_what_the_tool_writes(tool):
    shipped = Path(__file__).resolve().parent.parent / "assets" / "vocabulary" / "british.txt"
    assert tool.OUTPUT == shipped
    pairs = [line for line in shipped.read_text().splitlines() if not line.startswith("#")]
    assert pairs == sorted(pairs) and len(pairs) == len(set(pairs))
