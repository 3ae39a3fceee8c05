"""Data-entry scoring (core/typing/data_entry.py), its task files and
`typing-test score-entry`: the examiner's side. Right entries in every form a
competent clerk types pass; plausible slips fail."""

from __future__ import annotations

import json
import re

import pytest

from typing_test.cli import main
from typing_test.core.assets import assets_dir
from typing_test.core.typing.data_entry import (
    FormField,
    amount_value,
    date_value,
    field_is_right,
    score_form,
    score_tenkey,
)
from typing_test.core.typing.entry_tasks import load_task, load_tasks

UK, US, ISO = "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD"


@pytest.mark.parametrize("typed", ["1250", "1,250.00", "1250.0", "1250.00", " 1,250 ", "$1,250"])
def test_every_way_a_clerk_keys_an_amount_is_right(typed):
    assert field_is_right(typed, "1,250.00", "amount", UK)


@pytest.mark.parametrize("typed", ["1205.00", "125.00", "12.50", "12500", "1,250.01",
                                   "-1250", "1.250,00", "12,50", "1250,00", "", "twelve"])
def test_a_slip_in_an_amount_is_wrong(typed):
    assert not field_is_right(typed, "1,250.00", "amount", UK)


@pytest.mark.parametrize("stated, expected, typed", [
    (UK, "03/11/2026", "03/11/2026"), (UK, "03/11/2026", "3/11/2026"),
    (UK, "03/11/2026", "03-11-2026"), (UK, "03/11/2026", "2026-11-03"),
    (UK, "03/11/2026", "3 Nov 2026"), (US, "11/03/2026", "11/3/2026"),
    (US, "11/03/2026", "November 3, 2026"), (ISO, "2026-11-03", "2026-11-3"),
])
def test_a_date_in_the_stated_format_or_an_unambiguous_one_is_right(stated, expected, typed):
    assert field_is_right(typed, expected, "date", stated)


@pytest.mark.parametrize("stated, expected, typed", [
    (UK, "03/11/2026", "11/03/2026"),  # day and month swapped
    (US, "11/03/2026", "03/11/2026"),
    (UK, "03/11/2026", "03/11/2025"), (UK, "03/11/2026", "04/11/2026"),
    (UK, "03/11/2026", "03/11/26"),  # the century is a guess
    (ISO, "2026-11-03", "03/11/2026"),  # no order stated for slashes: ambiguous
    (UK, "03/11/2026", "31/02/2026"), (UK, "03/11/2026", ""),
])
def test_a_wrong_or_ambiguous_date_is_wrong(stated, expected, typed):
    assert not field_is_right(typed, expected, "date", stated)


def test_text_fields_are_exact_but_for_surrounding_spaces():
    assert field_is_right("  PO-7731 ", "PO-7731", "text", UK)
    for slip in ["PO-7713", "PO7731", "po-7731", "PO-77 31"]:
        assert not field_is_right(slip, "PO-7731", "text", UK)


def test_amount_and_date_values():
    assert amount_value("-£42.10") == amount_value("-42.1")
    assert date_value("3rd November 2026", UK) == date_value("03/11/2026", UK)


FIELDS = [FormField("name", "Name"), FormField("due", "Due", "date"),
          FormField("amount", "Amount", "amount")]
RECORDS = [{"name": "Ann Lee", "due": "03/11/2026", "amount": "1,250.00"},
           {"name": "Bo Ito", "due": "14/10/2026", "amount": "75.50"},
           {"name": "Cy Ray", "due": "01/09/2026", "amount": "9.99"}]


def form_log(entries: list[tuple[int, str, str]]) -> list[dict]:
    """Focus events and keys, 200 ms a key; "<" stands for Backspace."""
    log, t = [], 0
    for record, name, keys in entries:
        t += 500
        log.append({"t": t, "record": record, "field": name})
        for key in keys:
            t += 200
            log.append({"t": t, "key": "Backspace" if key == "<" else key})
    return log


def test_a_form_is_scored_per_field_with_the_errors_listed():
    log = form_log([(0, "name", "Ann Lee"), (0, "due", "3/11/2026"), (0, "amount", "1250"),
                    (1, "name", "Bo Itp<o"), (1, "due", "10/14/2026"), (1, "amount", "755.0"),
                    (2, "name", "Cy Ray")])
    result = score_form(FIELDS, RECORDS, log, UK)
    # Record 3 was in progress: only its typed field counts.
    assert (result.records_started, result.fields_scored, result.fields_right) == (3, 7, 5)
    assert result.accuracy == pytest.approx(500 / 7)
    assert [(e.record, e.field, e.typed) for e in result.field_errors] == [
        (1, "due", "10/14/2026"), (1, "amount", "755.0")]
    assert result.keystrokes == 48  # every key but the Backspace
    assert result.kph == pytest.approx(48 * 3600 / (log[-1]["t"] / 1000))
    assert result.character_errors == 2 + 2  # 10/14/2026 -> 14/10/2026, 755.0 -> 75.50


def test_going_back_to_a_field_carries_on_from_what_it_holds_and_a_skipped_field_is_wrong():
    log = form_log([(0, "name", "Ann"), (0, "amount", "1,250"), (0, "name", " Lee"),
                    (1, "name", "Bo Ito")])
    result = score_form(FIELDS, RECORDS, log, UK)
    assert result.fields_right == 3  # name, amount; record 2's name
    assert [(e.record, e.field, e.typed) for e in result.field_errors] == [(0, "due", "")]


def test_ten_key_entries_are_right_only_when_every_digit_is():
    numbers = ["1,250.75", "-16.50", "00417", "907.00"]
    typed = "1250.75\n16.50\n417\n907.00\n"
    log = [{"t": 150 * i, "key": key, "keypad": i % 2 == 0} for i, key in enumerate(typed, 1)]
    result = score_tenkey(numbers, log)
    assert (result.entries, result.entries_right, result.accuracy) == (4, 2, 50.0)
    assert [e.entry for e in result.entry_errors] == [1, 2]
    assert result.digits_from == "both" and result.keystrokes == len(typed)


def test_ten_key_says_where_the_digits_came_from_and_backspace_fixes_an_entry():
    log = [{"t": 100, "key": "5"}, {"t": 200, "key": "3"}, {"t": 300, "key": "Backspace"},
           {"t": 400, "key": "2"}, {"t": 500, "key": "\n"}, {"t": 600, "key": "9"}]
    result = score_tenkey(["52", "9"], log)
    assert (result.entries, result.entries_right, result.digits_from) == (1, 1, "number row")
    assert result.keystrokes == 5


def test_the_built_in_tasks_last_their_time_over_four_documents():
    tasks = load_tasks()
    forms = [task for task in tasks if task.kind == "form"]
    assert all(len(task.records) >= 30 for task in forms)
    assert all(len(task.numbers) >= 250 for task in tasks if task.kind == "tenkey")
    for task in tasks:  # more keys than a 15,000 KPH keyer keys in the time (bars: 8,000+)
        values = [number.replace(",", "") for number in task.numbers] or [
            value for record in task.records for value in record.values()]
        assert sum(len(value) for value in values) > 15_000 * task.time_limit_s / 3600, task.id
    assert {task.document for task in forms} >= {"invoice", "order", "customer record"}
    assert len({task.document for task in forms}) >= 4
    numbers = [n for task in tasks if task.kind == "tenkey" for n in task.numbers]
    assert any(n.startswith("-") for n in numbers) and any("." in n for n in numbers)
    assert any(re.fullmatch(r"0\d+", n) for n in numbers)  # codes with leading zeros
    for task in forms:  # every record's value is right against itself in every type
        for record in task.records:
            for form_field in task.fields:
                value = record[form_field.name]
                assert field_is_right(value, value, form_field.type, task.date_format)


def test_a_broken_task_file_is_named_with_its_problem(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('kind = "form"\ntitle = "T"\ndocument = "invoice"\n'
                    'date_format = "DD/MM/YYYY"\ntime_limit_s = 60\n'
                    '[[fields]]\nname = "due"\nlabel = "Due"\ntype = "date"\n'
                    '[[records]]\ndue = "2026-11-03"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.toml: record 1: due '2026-11-03' is not a date "
                                         r"written DD/MM/YYYY"):
        load_task(path)


# The command line ----------------------------------------------------------------

INVOICES = assets_dir() / "data-entry" / "invoices.toml"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_log(tmp_path, events) -> str:
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(json.dumps(event) for event in events) + "\n", encoding="utf-8")
    return str(path)


def test_score_entry_json_has_the_contract_keys(tmp_path, capsys):
    log = form_log([(0, "supplier", "Harwell Office Supplies"), (0, "amount", "1250"),
                    (0, "invoice_date", "3/11/2026")])
    code, out, err = run(capsys, "score-entry", "--task", str(INVOICES),
                         "--keystrokes", write_log(tmp_path, log), "--json")
    assert (code, err) == (0, "")
    figures = json.loads(out)
    assert list(figures) == ["task", "kind", "kph", "accuracy", "keystrokes", "duration_s",
                             "records_started", "fields_scored", "fields_right",
                             "character_errors", "character_accuracy", "field_errors",
                             "passed"]
    assert (figures["fields_scored"], figures["fields_right"], figures["passed"]) == (3, 3, True)


def test_score_entry_ten_key_in_words(tmp_path, capsys):
    task = assets_dir() / "data-entry" / "tenkey-amounts.toml"
    log = [{"t": 100 * i, "key": key, "keypad": True} for i, key in enumerate("125.40\n3072\n", 1)]
    code, out, _ = run(capsys, "score-entry", "--task", str(task),
                       "--keystrokes", write_log(tmp_path, log))
    assert code == 0
    assert "entries right      1 of 2" in out and "digits from        keypad" in out
    assert "wrong entry        2: typed '3072', expected '3,072.15'" in out
    assert "FAIL" in out


@pytest.mark.parametrize("events, message", [
    ([{"t": 0, "key": "a"}], "a key before any field has the focus"),
    ([{"t": 0, "record": 99, "field": "amount"}], '"record" must be a record number from 0 to 29'),
    ([{"t": 0, "record": 0, "field": "colour"}], "\"field\" must be one of the form's fields"),
    ([{"t": 0, "record": 0, "field": "amount"}, {"t": 5, "key": "Tab"}], '"key" must be one'),
    ([{"t": 0, "record": 0, "field": "amount"}, {"t": 5, "key": "1", "keypad": 1}],
     '"keypad" must be true or false'),
    ([{"t": 9, "record": 0, "field": "amount"}, {"t": 5, "key": "1"}], '"t" goes back in time'),
])
def test_score_entry_refuses_a_bad_log_with_one_line(tmp_path, capsys, events, message):
    code, out, err = run(capsys, "score-entry", "--task", str(INVOICES),
                         "--keystrokes", write_log(tmp_path, events))
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_score_entry_refuses_a_bad_task_and_a_huge_log(tmp_path, capsys):
    task = tmp_path / "task.toml"
    task.write_text('kind = "tenkey"\ntitle = "T"\ntime_limit_s = 60\nnumbers = ["12a"]\n',
                    encoding="utf-8")
    log = write_log(tmp_path, [{"t": 0, "key": "1"}])
    code, _, err = run(capsys, "score-entry", "--task", str(task), "--keystrokes", log)
    assert code == 2 and "'12a' in numbers is not a number" in err
    task.write_text("kind = [", encoding="utf-8")
    code, _, err = run(capsys, "score-entry", "--task", str(task), "--keystrokes", log)
    assert code == 2 and "task file is not valid TOML" in err
    huge = tmp_path / "huge.jsonl"
    huge.write_text('{"t": 0, "key": "1"}\n' * 20_001, encoding="utf-8")
    code, _, err = run(capsys, "score-entry", "--task", str(assets_dir() / "data-entry" /
                       "tenkey-codes.toml"), "--keystrokes", str(huge))
    assert code == 2 and "more than 20,000 events" in err


def test_a_huge_value_typed_into_a_field_is_scored_at_once():
    log = form_log([(0, "name", "x" * 15_000)])
    result = score_form(FIELDS, RECORDS, log, UK)
    assert result.character_errors == 15_000 and result.fields_right == 0


# The numeric keypad, when a test requires it ---------------------------------


def keyed(text: str, keypad: list[bool], start_ms: int = 0) -> list[dict]:
    """A 10-key log of ``text`` (Enter as "\\n", "<" for Backspace), each key
    from the keypad or not as ``keypad`` says."""
    return [{"t": start_ms + 100 * i, "key": "Backspace" if key == "<" else key,
             "keypad": from_keypad} for i, (key, from_keypad) in enumerate(zip(text, keypad,
                                                                              strict=True))]


def test_a_number_row_digit_makes_its_entry_wrong_only_when_the_keypad_is_required():
    log = keyed("125.40\n48.99\n", [True] * 7 + [True, False, True, True, True, True])
    free = score_tenkey(["125.40", "48.99"], log)
    required = score_tenkey(["125.40", "48.99"], log, keypad_required=True)
    assert (free.accuracy, free.entries_off_keypad, free.entry_errors) == (100.0, 1, ())
    assert (required.accuracy, required.entries_off_keypad) == (50.0, 1)
    assert [e.as_json() for e in required.entry_errors] == [
        {"entry": 1, "typed": "48.99", "expected": "48.99", "number_row": True}]
    assert required.as_json()["keypad_required"] is True
    # Nothing else changes: the keys, the speed, where the digits came from.
    assert (required.keystrokes, required.kph, required.digits_from) == (
        free.keystrokes, free.kph, "both")


def test_a_number_row_digit_removed_with_backspace_does_not_count_against_the_entry():
    log = keyed("4<45\n", [False, True, True, True, True])
    result = score_tenkey(["45"], log, keypad_required=True)
    assert (result.accuracy, result.entries_off_keypad, result.number_row_digits) == (100.0, 0, 1)


def test_signs_and_points_from_the_number_row_never_make_an_entry_wrong():
    # A laptop's minus and point keys are not digits; the rule is about digits.
    log = keyed("-16.50\n", [False, True, True, False, True, True, True])
    assert score_tenkey(["-16.50"], log, keypad_required=True).accuracy == 100.0


def test_score_entry_applies_the_keypad_rule_and_the_bar_it_is_given(tmp_path, capsys):
    task = assets_dir() / "data-entry" / "tenkey-amounts.toml"
    log = keyed("125.40\n", [False] * 7)
    path = write_log(tmp_path, log)
    code, out, _ = run(capsys, "score-entry", "--task", str(task), "--keystrokes", path,
                       "--json")
    assert json.loads(out)["accuracy"] == 100.0
    code, out, _ = run(capsys, "score-entry", "--task", str(task), "--keystrokes", path,
                       "--keypad-required", "--json")
    figures = json.loads(out)
    assert (figures["accuracy"], figures["keypad_required"], figures["passed"]) == (
        0.0, True, False)
    code, out, _ = run(capsys, "score-entry", "--task", str(task), "--keystrokes", path,
                       "--keypad-required")
    assert "wrong entry        1: typed '125.40', expected '125.40' (number row)" in out
    code, out, _ = run(capsys, "score-entry", "--task", str(task), "--keystrokes", path,
                       "--min-kph", "99999", "--json")
    assert json.loads(out)["passed"] is False
    code, _, err = run(capsys, "score-entry", "--task", str(task), "--keystrokes", path,
                       "--min-kph", "nan")
    assert code == 2 and "--min-kph" in err


def test_every_built_in_task_survives_being_stored_with_an_attempt():
    from typing_test.core.typing.entry_tasks import task_from_table, task_table

    for task in load_tasks():
        assert task_from_table(task_table(task), task.id, "stored") == task
