"""Every content file is read through one helper: no byte-order mark, no
hostile TOML escaping as anything but a clear problem (issue 7)."""

from __future__ import annotations

import tomllib

import pytest

from typing_test.core.assets import ContentError, assets_dir, parse_toml, read_text, read_toml
from typing_test.core.email.drills import load_proofreading_drill, load_writing_scenario
from typing_test.core.typing import load_passage

BOM = b"\xef\xbb\xbf"


def with_bom(source, folder):
    copy = folder / source.name
    copy.write_bytes(BOM + source.read_bytes())
    return copy


def test_read_text_drops_one_byte_order_mark_and_nothing_else(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(BOM + "\ufeffcafé\n".encode())
    assert read_text(path) == "\ufeffcafé\n"  # a second mark is text: only the first goes


def test_a_passage_file_with_a_byte_order_mark_loads(tmp_path):
    source = sorted((assets_dir() / "passages").glob("*.toml"))[0]
    assert load_passage(with_bom(source, tmp_path)) == load_passage(source)


def test_drill_files_with_a_byte_order_mark_load(tmp_path):
    proofreading = sorted((assets_dir() / "drills" / "proofreading").glob("*.toml"))[0]
    writing = sorted((assets_dir() / "drills" / "writing").glob("*.toml"))[0]
    assert load_proofreading_drill(with_bom(proofreading, tmp_path)).text == (
        load_proofreading_drill(proofreading).text)
    assert load_writing_scenario(with_bom(writing, tmp_path)).situation == (
        load_writing_scenario(writing).situation)


@pytest.mark.parametrize("value, message", [
    ("[" * 5000, "nested too deeply"),
    ("{a = " * 2000, "nested too deeply"),
    ("1" * 5000, "Exceeds the limit"),
])
def test_hostile_toml_is_a_toml_error(value, message):
    with pytest.raises(tomllib.TOMLDecodeError, match=message):
        parse_toml(f"x = {value}")


@pytest.mark.parametrize("value", ["[" * 5000, "1" * 5000])
def test_a_hostile_passage_file_is_a_content_error(tmp_path, value):
    path = tmp_path / "p.toml"
    path.write_text(f'title = "T"\ncategory = "policy"\ndifficulty = "easy"\ntext = "x"\n'
                    f"other = {value}\n", encoding="utf-8")
    with pytest.raises(ContentError, match="p.toml: cannot read passage"):
        load_passage(path)


def test_read_toml_reads_a_bank_like_file_with_a_mark(tmp_path):
    path = tmp_path / "bank.toml"
    path.write_bytes(BOM + b'[bank]\ntopic = "word"\n')
    assert read_toml(path) == {"bank": {"topic": "word"}}
