"""The data-entry session (core/typing/entry_session.py): the log it writes is
the documented one, and what it says a field holds is what the log scores;
and the stored row (store/records.py) gives the run back."""

from __future__ import annotations

import pytest

from typing_test.core.typing.data_entry import DataEntryBar
from typing_test.core.typing.entry_session import EntrySession
from typing_test.core.typing.entry_tasks import check_event, load_tasks
from typing_test.store.database import Store
from typing_test.store.records import data_entry_attempt, stored_data_entry

TASKS = {task.id: task for task in load_tasks()}


class Clock:
    def __init__(self) -> None:
        self.ms = 5_000.0

    def __call__(self) -> float:
        return self.ms


def test_a_form_log_starts_with_the_focus_at_the_first_key_and_never_goes_back():
    clock = Clock()
    session = EntrySession(TASKS["invoices"], 60, clock=clock)
    session.focus(0, "supplier")
    session.focus(0, "invoice_number")  # moving about before the first key: not logged
    clock.ms += 4000  # reading the document before starting is not timed
    assert session.press("I")
    clock.ms += 250
    session.press("N")
    session.focus(0, "invoice_number")  # the same field again: no new event
    session.focus(0, "amount")
    assert session.events == [{"t": 0, "record": 0, "field": "invoice_number"},
                              {"t": 0, "key": "I"}, {"t": 250, "key": "N"},
                              {"t": 250, "record": 0, "field": "amount"}]
    assert all(check_event(event, session.task) is None for event in session.events)
    assert session.value(0, "invoice_number") == "IN"


def test_what_a_field_holds_is_what_the_log_scores():
    clock = Clock()
    session = EntrySession(TASKS["orders"], 60, clock=clock)
    for name, keys in (("order_number", "SO-104522"), ("customer", "Delgado Dental Grp"),
                       ("order_date", "10/6/2026")):
        session.focus(0, name)
        for key in keys:
            clock.ms += 100
            session.press(key)
    session.focus(0, "customer")
    for key in ["Backspace"] * 2 + list("roup"):
        session.press(key)
    assert session.value(0, "customer") == "Delgado Dental Group"
    result = session.result()
    assert (result.fields_scored, result.fields_right) == (3, 3)
    assert result.keystrokes == len("SO-104522Delgado Dental Grp10/6/2026roup")


def test_keys_are_ignored_once_the_time_is_up_and_without_a_focused_field():
    clock = Clock()
    session = EntrySession(TASKS["invoices"], 10, clock=clock)
    assert not session.press("H")  # no field has the focus yet
    session.focus(0, "supplier")
    assert not session.press("Backspace")  # nothing to remove: not logged
    assert session.press("H") and not session.press("\n")  # Enter is no form key
    clock.ms += 10_000
    assert session.timed_out and not session.press("a")
    assert [event.get("key") for event in session.events] == [None, "H"]
    outcome = session.outcome()
    assert (outcome.status, outcome.timed_out) == ("completed", True)


def test_a_record_is_never_skipped_untouched_and_the_last_one_ends_the_test():
    task = TASKS["customers"]
    session = EntrySession(task, 600, clock=Clock())
    assert not session.next_record()
    for record in range(len(task.records)):
        session.focus(record, "name")
        session.press("x")
        assert session.next_record()
    assert session.completed and session.finished and not session.next_record()


def test_ten_key_keeps_the_entry_and_refuses_what_a_keypad_cannot_key():
    session = EntrySession(TASKS["tenkey-amounts"], 60, keypad_required=True, clock=Clock())
    for key in "12a,5":
        session.press(key, keypad=True)
    assert session.entry == "125"
    session.press("\n", keypad=True)
    assert (session.entry_index, session.entry) == (1, "")
    assert [event["key"] for event in session.events] == ["1", "2", "5", "\n"]
    assert session.outcome().keypad_required is True


def test_a_form_task_never_requires_the_keypad():
    assert not EntrySession(TASKS["invoices"], 60, keypad_required=True).keypad_required


def test_the_stored_row_gives_the_run_back_and_refuses_a_tampered_log():
    clock = Clock()
    session = EntrySession(TASKS["tenkey-codes"], 60, keypad_required=True, clock=clock)
    for key in "40017852\n":
        clock.ms += 90
        session.press(key, keypad=key != "5")
    bar = DataEntryBar(98, 4000)
    store = Store.open(":memory:")
    attempt_id = store.save_attempt(data_entry_attempt(session.outcome(), bar=bar))
    row = store.attempt(attempt_id)
    outcome, stored_bar = stored_data_entry(row)
    assert stored_bar == bar
    assert outcome.result() == session.result()
    assert outcome.result().accuracy == 0.0  # a number-row 5, and the keypad required
    row["keystrokes"] = [{"t": 0, "key": "12"}]
    with pytest.raises(ValueError, match="event 1 of the stored log"):
        stored_data_entry(row)


def test_reports_judge_a_data_entry_attempt_by_its_bar():
    from typing_test.store.reports import candidate_report, cohort_report

    store = Store.open(":memory:")
    session = EntrySession(TASKS["tenkey-codes"], 60, clock=Clock())
    for key in "40017852\n":
        session.press(key, keypad=True)
    store.save_attempt(data_entry_attempt(session.outcome(), bar=DataEntryBar(98, 0),
                                          candidate="Ana"))
    (line,) = candidate_report(store, "Ana").attempts
    assert (line.kind, line.result, line.accuracy) == ("data-entry", "Pass", 100.0)
    assert cohort_report(store).pass_rates == {"data-entry": (1, 1)}
