"""The data-entry test screens driven as a person would: keys into the real
fields, keypad digits with Qt's keypad modifier, the clock injected.

What the pages show and what lands in the database are both checked against
the core's scoring of the stored log (and `typing-test score-entry`).
"""

from __future__ import annotations

import csv
import json
import random

import pytest
from entry_keying import KEYPAD, key_number, key_record, time_out, values_of
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from typing_test.cli import main as cli_main
from typing_test.core.assets import assets_dir
from typing_test.core.screening import passwords
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.core.typing.entry_tasks import load_task
from typing_test.store.admin import set_admin_password
from typing_test.store.database import Store
from typing_test.store.export import export
from typing_test.store.settings import load_entry_bar
from typing_test.ui.main_window import MainWindow
from typing_test.ui.typing.form_entry_page import FormEntryPage
from typing_test.ui.typing.tenkey_page import NUMBER_ROW_NOTICE, TenKeyPage

TASKS = assets_dir() / "data-entry"
INVOICES = load_task(TASKS / "invoices.toml")
AMOUNTS = load_task(TASKS / "tenkey-amounts.toml")


@pytest.fixture
def window(qtbot, store, clock):
    window = MainWindow(store, clock=clock, rng=random.Random(1))
    qtbot.addWidget(window)
    window.show()
    return window


def open_setup(qtbot, window, task_id: str, keypad_required: bool = False, minutes=None):
    """Click the home card and pick the task, as a person would."""
    qtbot.mouseClick(window.home_page.cards["data-entry"], Qt.MouseButton.LeftButton)
    setup = window.entry_setup
    assert window.stack.currentWidget() is setup
    task = next(task for task in setup.tasks if task.id == task_id)
    setup.mode_box.setCurrentIndex(setup.mode_box.findData(task.kind))
    setup.task_box.setCurrentIndex(setup.task_box.findData(task_id))
    if minutes is not None:
        setup.length_box.setCurrentIndex(setup.length_box.findData(minutes * 60))
    setup.keypad_box.setChecked(keypad_required)
    return setup


def start(qtbot, window, task_id: str, **choices):
    setup = open_setup(qtbot, window, task_id, **choices)
    qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
    page = window.form_entry_page if task_id in ("invoices", "orders", "customers",
                                                  "expense-claims") else window.tenkey_page
    assert window.stack.currentWidget() is page
    return page


def review_rows(window) -> list[tuple[str, ...]]:
    table = window.entry_result_page.errors_table
    return [tuple(table.item(row, column).text() for column in range(table.columnCount()))
            for row in range(table.rowCount())]


def rescore(tmp_path, capsys, task_file, keystrokes, *flags) -> dict:
    log = tmp_path / "saved-log.jsonl"
    log.write_text("".join(json.dumps(event) + "\n" for event in keystrokes), encoding="utf-8")
    capsys.readouterr()
    assert cli_main(["score-entry", "--task", str(task_file), "--keystrokes", str(log),
                     "--json", *flags]) == 0
    return json.loads(capsys.readouterr().out)


# Form entry -----------------------------------------------------------------


def test_records_keyed_right_until_the_time_ends_pass_and_are_stored_with_their_log(
        qtbot, window, store, clock):
    page = start(qtbot, window, "invoices")
    assert page.record_label.text() == f"Record 1 of {len(INVOICES.records)}"
    assert "INVOICE" in page.document_label.text()
    keyed = 10  # the task holds more records than anyone keys in its time
    for record in range(keyed):
        assert INVOICES.records[record]["invoice_number"] in page.document_label.text()
        key_record(qtbot, page, values_of(INVOICES, record), clock)
    assert page.record_label.text() == f"Record {keyed + 1} of {len(INVOICES.records)}"
    time_out(page, clock)  # the time running out ends the test
    result_page = window.entry_result_page
    assert window.stack.currentWidget() is result_page
    assert result_page.verdict_label.text() == "PASS"
    assert result_page.figure_labels["accuracy"].text() == "100.0%"
    fields = keyed * len(INVOICES.fields)
    assert result_page.figure_labels["right"].text() == f"{fields} of {fields}"
    assert result_page.errors_caption.text() == "Fields keyed wrong: none"
    (row,) = store.attempts()
    assert (row["kind"], row["status"], row["passed"]) == ("data-entry", "completed", True)
    assert (row["item_id"], row["item_title"]) == ("invoices", "Supplier invoices")
    assert row["accuracy"] == 100.0 and row["score"] == pytest.approx(row["figures"]["kph"], 0.01)
    assert row["settings"] == {"mode": "form", "duration_s": 300, "keypad_required": False,
                               "min_kph": 0.0, "min_accuracy": 98.0}
    log = row["keystrokes"]
    assert log[0] == {"t": 0, "record": 0, "field": "supplier"}
    assert log[1] == {"t": 0, "key": INVOICES.records[0]["supplier"][0]}
    assert {"t": log[2]["t"], "key": INVOICES.records[0]["supplier"][1]} == log[2]
    keys = sum(len(value) for record in INVOICES.records[:keyed] for value in record.values())
    assert row["figures"]["keystrokes"] == keys
    assert sum("key" in event for event in log) == keys
    # The KPH shown is the core's, over the time of the last key.
    assert result_page.figure_labels["kph"].text() == f"{row['figures']['kph']:,.0f}"


def test_a_wrong_amount_fails_and_the_review_lists_that_field(qtbot, window, store, clock):
    page = start(qtbot, window, "invoices")
    key_record(qtbot, page, values_of(INVOICES, 0, amount="1,205.00"), clock)
    key_record(qtbot, page, values_of(INVOICES, 1), clock)
    time_out(page, clock)
    result_page = window.entry_result_page
    assert result_page.verdict_label.text() == "FAIL"
    assert "below the 98% bar" in result_page.reason_label.text()
    assert review_rows(window) == [("1", "Amount due", "1,205.00", "1,250.00")]
    (row,) = store.attempts()
    assert row["passed"] is False or row["passed"] == 0
    assert row["figures"]["field_errors"] == [
        {"record": 0, "field": "amount", "typed": "1,205.00", "expected": "1,250.00"}]
    assert row["accuracy"] == pytest.approx(100 * 11 / 12)


def test_an_amount_keyed_without_commas_or_decimals_counts_right(qtbot, window, store, clock):
    page = start(qtbot, window, "invoices")
    assert INVOICES.records[0]["amount"] == "1,250.00"
    key_record(qtbot, page, values_of(INVOICES, 0, amount="1250"), clock)
    time_out(page, clock)
    assert window.entry_result_page.verdict_label.text() == "PASS"
    assert review_rows(window) == []
    assert store.attempts()[0]["accuracy"] == 100.0


def test_moving_back_a_field_carries_on_from_what_it_holds(qtbot, window, store, clock):
    page = start(qtbot, window, "invoices")
    supplier, number = page.answer_fields[:2]
    qtbot.keyClicks(supplier, "Harwell Office")
    qtbot.keyClick(supplier, Qt.Key.Key_Tab)
    qtbot.keyClicks(number, "INV-20431")
    qtbot.keyClick(number, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(supplier, " Supplies")
    assert supplier.text() == "Harwell Office Supplies"
    # Keys that would edit elsewhere in the field do nothing: the field is the log.
    qtbot.keyClick(supplier, Qt.Key.Key_Home)
    qtbot.keyClicks(supplier, "X")
    qtbot.keyClick(supplier, Qt.Key.Key_Backspace)
    assert supplier.text() == "Harwell Office Supplies"
    log = page.session.events
    focus = [(event["record"], event["field"]) for event in log if "record" in event]
    assert focus == [(0, "supplier"), (0, "invoice_number"), (0, "supplier")]
    clock.advance(1000)
    page.abandon()
    assert store.attempts()[0]["figures"]["fields_right"] == 2


def test_the_next_record_waits_until_this_one_is_keyed(qtbot, window, clock):
    page = start(qtbot, window, "orders")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.record_label.text().startswith("Record 1 ")
    assert page.notice_label.text() == "Key this record before going on to the next one."
    qtbot.keyClicks(page.answer_fields[0], "SO-104522")
    assert page.next_button.shortcut() == QKeySequence("Alt+N")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.record_label.text().startswith("Record 2 ")
    # Enter in the last field brings the next document too.
    last = page.answer_fields[len(window.entry_setup.chosen_task().fields) - 1]
    qtbot.keyClicks(last, "218.00")
    qtbot.keyClick(last, Qt.Key.Key_Return)
    assert page.record_label.text().startswith("Record 3 ")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.record_label.text().startswith("Record 3 ")
    page.abandon()
    page = start(qtbot, window, "orders")
    qtbot.keyClicks(page.answer_fields[0], "SO-104522")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.answer_fields[0].text() == ""
    assert page.answer_fields[0].hasFocus() or not QApplication.activeWindow()
    assert "SO-104523" in page.document_label.text()
    assert "Order date (MM/DD/YYYY)" in page.answer_fields[2].accessibleName()


def test_esc_asks_then_abandons_and_it_is_stored_as_abandoned(qtbot, window, store, clock):
    page = start(qtbot, window, "invoices")
    qtbot.keyClicks(page.answer_fields[0], "Harwell")
    qtbot.keyClick(page.answer_fields[0], Qt.Key.Key_Escape)
    assert page.abandon_bar.isVisible()
    qtbot.mouseClick(page.abandon_button, Qt.MouseButton.LeftButton)
    assert window.entry_result_page.verdict_label.text() == "ABANDONED"
    (row,) = store.attempts()
    assert (row["status"], row["passed"]) == ("abandoned", False)
    page.abandon()  # over already: nothing more
    assert len(store.attempts()) == 1


def test_a_huge_paste_is_refused_and_recorded(qtbot, window, store, clock):
    page = start(qtbot, window, "invoices")
    field = page.answer_fields[0]
    QGuiApplication.clipboard().setText("Harwell Office Supplies " * 400)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # A key event carrying a passage (another route in) is refused too.
    QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                            Qt.KeyboardModifier.NoModifier, "x" * 5000))
    assert field.text() == ""
    assert page.session.events == []
    assert page.notice_label.text() == "Pasting is not allowed in this test; this was recorded."
    qtbot.keyClicks(field, "H")
    page.abandon()
    incidents = store.attempts()[0]["events"]
    assert [(incident["type"], incident["how"]) for incident in incidents] == [
        ("paste-refused", "shortcut"), ("paste-refused", "key-event")]
    assert incidents[0]["chars"] == len("Harwell Office Supplies " * 400)


# 10-key ---------------------------------------------------------------------


def test_keypad_digits_are_logged_as_keypad_and_each_entry_scored(qtbot, window, store,
                                                                  clock):
    page = start(qtbot, window, "tenkey-amounts")
    assert page.current_label.text() == "125.40"
    key_number(qtbot, page, "125.40", clock)
    assert page.current_label.text() == "3072.15"  # shown as keyed: no comma
    qtbot.keyClick(page.entry_field, Qt.Key.Key_3, KEYPAD)
    qtbot.keyClicks(page.entry_field, ",")
    assert page.notice_label.text() == "Leave the commas out: a numeric keypad has none."
    qtbot.keyClick(page.entry_field, Qt.Key.Key_Backspace)
    assert page.entry_field.text() == ""
    key_number(qtbot, page, "3072.51", clock)  # two digits swapped
    key_number(qtbot, page, "48.99", clock)
    log = page.session.events
    assert log[0] == {"t": 0, "key": "1", "keypad": True}
    assert log[6] == {"t": 720, "key": "\n", "keypad": True}
    time_out(page, clock, 200)
    result_page = window.entry_result_page
    assert result_page.figure_labels["right"].text() == "2 of 3"
    assert result_page.figure_labels["detail"].text() == "Keypad"
    assert result_page.keys_label.text() == "Every digit was keyed on the numeric keypad."
    assert review_rows(window) == [("2", "3072.51", "3072.15", "Digits wrong")]
    (row,) = store.attempts()
    assert row["figures"]["digits_from"] == "keypad"
    assert row["settings"]["mode"] == "tenkey"


def test_number_row_digits_with_the_keypad_required_are_pointed_out_and_count_wrong(
        qtbot, window, store, clock):
    page = start(qtbot, window, "tenkey-amounts", keypad_required=True)
    assert page.keypad_label.text().startswith("Use the numeric keypad (Num Lock on)")
    key_number(qtbot, page, "125.40", clock, keypad=False)
    assert page.notice_label.text() == ""  # Enter moved on; it was said at the digit
    qtbot.keyClick(page.entry_field, Qt.Key.Key_3)  # number row
    assert page.notice_label.text() == NUMBER_ROW_NOTICE
    qtbot.keyClick(page.entry_field, Qt.Key.Key_Backspace)
    for character in "3072.15":
        qtbot.keyClick(page.entry_field, Qt.Key(ord(character)), KEYPAD)
    assert page.notice_label.text() == ""
    qtbot.keyClick(page.entry_field, Qt.Key.Key_Enter, KEYPAD)
    time_out(page, clock, 200)
    result_page = window.entry_result_page
    assert result_page.verdict_label.text() == "FAIL"
    assert result_page.figure_labels["detail"].text() == "Both"
    assert ("The numeric keypad was required: 1 entry keyed on the number row counts as "
            "wrong.") in result_page.keys_label.text()
    assert review_rows(window) == [("1", "125.40", "125.40", "Number row used")]
    (row,) = store.attempts()
    assert row["settings"]["keypad_required"] is True
    assert row["accuracy"] == 50.0
    assert (row["figures"]["entries_off_keypad"], row["figures"]["number_row_digits"]) == (1, 6)


def test_the_number_row_is_fine_when_the_keypad_is_not_required(qtbot, window, store, clock):
    page = start(qtbot, window, "tenkey-amounts")
    assert page.keypad_label.text().startswith("Use the numeric keypad or the number row")
    key_number(qtbot, page, "125.40", clock, keypad=False)
    assert page.notice_label.text() == ""
    time_out(page, clock, 200)
    assert window.entry_result_page.verdict_label.text() == "PASS"
    assert window.entry_result_page.keys_label.text() == (
        "Every digit was keyed on the number row.")
    assert store.attempts()[0]["figures"]["digits_from"] == "number row"


# Stored: the log scores the same again, in the CLI and in History ----------


def test_the_saved_logs_rescored_by_score_entry_give_the_figures_shown(
        qtbot, window, store, clock, tmp_path, capsys):
    page = start(qtbot, window, "invoices")
    key_record(qtbot, page, values_of(INVOICES, 0, invoice_date="3/11/2026"), clock, 210)
    key_record(qtbot, page, values_of(INVOICES, 1, reference="PO-7654"), clock, 190)
    qtbot.keyClicks(page.answer_fields[0], "Northgate")
    time_out(page, clock)
    form_row = store.attempts()[0]
    shown = window.entry_result_page.figure_labels
    again = rescore(tmp_path, capsys, TASKS / "invoices.toml", form_row["keystrokes"])
    assert {key: again[key] for key in again if key not in ("task", "passed")} == {
        key: form_row["figures"][key] for key in again if key not in ("task", "passed")}
    assert shown["kph"].text() == f"{again['kph']:,.0f}"
    assert shown["accuracy"].text() == f"{again['accuracy']:.1f}%"
    assert shown["right"].text() == f"{again['fields_right']} of {again['fields_scored']}"

    page = start(qtbot, window, "tenkey-codes", keypad_required=True)
    key_number(qtbot, page, "40017852", clock)
    key_number(qtbot, page, "00417", clock, keypad=False)
    key_number(qtbot, page, "3390", clock)
    time_out(page, clock, 200)
    tenkey_row = store.attempts()[0]
    again = rescore(tmp_path, capsys, TASKS / "tenkey-codes.toml", tenkey_row["keystrokes"],
                    "--keypad-required")
    assert (again["accuracy"], again["entries_off_keypad"]) == (
        pytest.approx(200 / 3, abs=0.01), 1)
    for key in ("kph", "accuracy", "keystrokes", "entries", "entries_right", "digits_from",
                "entry_errors", "keypad_required"):
        assert again[key] == tenkey_row["figures"][key], key
    assert window.entry_result_page.figure_labels["kph"].text() == f"{again['kph']:,.0f}"


def test_history_lists_data_entry_and_reopens_the_review(qtbot, window, store, clock):
    page = start(qtbot, window, "invoices")
    key_record(qtbot, page, values_of(INVOICES, 0, account_number="40017582"), clock)
    time_out(page, clock)
    kph = store.attempts()[0]["score"]
    window.show_history()
    history = window.history_page
    history.show_kind("data-entry")
    assert history.kind_box.currentText() == "Data entry"
    assert history.row_count() == 1
    headings = [history.model.headerData(column, Qt.Orientation.Horizontal)
                for column in range(history.model.columnCount())]
    assert headings == ["Date", "Task", "Duration", "KPH", "Accuracy", "Result"]
    assert history.cell_text(0, 3) == f"{kph:,.0f}"
    assert history.cell_text(0, 5) == "Fail"
    assert history.summary_label.text() == (
        f"Best {kph:,.0f} KPH · average {kph:,.0f} over 1 completed test")
    window.entry_result_page.errors_table.setRowCount(0)  # so the reopening must fill it
    history.select_row(0)
    history.open_selected()
    assert window.statusBar().currentMessage() == ""
    assert window.stack.currentWidget() is window.entry_result_page
    assert window.entry_result_page.verdict_label.text() == "FAIL"
    assert review_rows(window) == [("1", "Account number", "40017582", "40017852")]


@pytest.mark.parametrize("damage", [
    "details = '{\"task\": 7}'",  # the stored task
    "keystrokes = '[{\"t\": 0, \"key\": 5}]'",  # an event of the log
    "keystrokes = '{\"t\": 0}'",  # the log itself
    "settings = '[]'",  # the bar it was judged on
])
def test_a_damaged_stored_test_reopens_with_a_clear_message_not_a_crash(
        qtbot, window, store, clock, damage):
    page = start(qtbot, window, "invoices")
    key_record(qtbot, page, values_of(INVOICES, 0), clock)
    time_out(page, clock)
    (row,) = store.attempts()
    # A damaged file: part of the stored test can no longer be read.
    store.conn.execute(f"UPDATE attempts SET {damage} WHERE id = ?", [row["id"]])
    window.show_history()
    window.history_page.show_kind("data-entry")
    window.history_page.select_row(0)
    window.history_page.open_selected()
    assert window.statusBar().currentMessage().startswith("This attempt cannot be shown in full")
    assert store.attempt(row["id"])["score"] == row["score"]  # nothing saved is lost


def test_a_crash_mid_test_shows_as_interrupted(qtbot, tmp_path, clock):
    path = tmp_path / "crash.db"
    store = Store.open(path)
    window = MainWindow(store, clock=clock)
    qtbot.addWidget(window)
    window.show()
    page = start(qtbot, window, "tenkey-amounts")
    key_number(qtbot, page, "125.40", clock)
    store.db.conn.close()  # the app dies here, mid-test

    reopened = Store.open(path)
    after = MainWindow(reopened, clock=clock)
    qtbot.addWidget(after)
    assert "stopped when the app closed unexpectedly" in after.statusBar().currentMessage()
    (row,) = reopened.attempts()
    assert (row["kind"], row["status"], row["item_id"]) == (
        "data-entry", "interrupted", "tenkey-amounts")
    after.show_history()
    after.history_page.show_kind("data-entry")
    assert after.history_page.cell_text(0, 5) == "Interrupted"
    reopened.close()


def test_the_csv_export_names_the_kind_and_gives_its_kph(qtbot, window, store, clock,
                                                         tmp_path):
    page = start(qtbot, window, "invoices")
    key_record(qtbot, page, values_of(INVOICES, 0), clock)
    time_out(page, clock)
    kph = store.attempts()[0]["figures"]["kph"]
    out = tmp_path / "results.csv"
    assert export(store, out, "csv") == 1
    (line,) = csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())
    assert (line["Activity"], line["Item"], line["Result"]) == (
        "data-entry", "Supplier invoices", "Pass")
    assert float(line["Keystrokes per hour"]) == kph
    assert float(line["Score"]) == pytest.approx(kph, 0.01)
    assert float(line["Accuracy %"]) == 100.0
    assert line["Net WPM"] == ""
    window.show_home()
    table = window.home_page.results_table
    assert table.item(0, 1).text() == "Data entry: Supplier invoices"
    assert table.item(0, 2).text() == f"{kph:,.0f} KPH: pass"


# The bar --------------------------------------------------------------------


def test_the_kph_bar_is_kept_and_judges_the_next_test(qtbot, window, store, clock):
    setup = open_setup(qtbot, window, "invoices")
    assert (setup.accuracy_box.value(), setup.kph_box.value()) == (98, 0)
    assert setup.bar_note.text().startswith("To pass: at least 98% accuracy (no speed bar")
    setup.kph_box.setValue(20_000)
    qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
    assert load_entry_bar(store).min_kph == 20_000
    key_record(qtbot, window.form_entry_page, values_of(INVOICES, 0), clock, 400)
    time_out(window.form_entry_page, clock)
    result_page = window.entry_result_page
    assert result_page.verdict_label.text() == "FAIL"
    assert "below the 20,000 KPH bar" in result_page.reason_label.text()
    assert store.attempts()[0]["settings"]["min_kph"] == 20_000


def test_on_an_hr_pc_the_bar_is_hrs(qtbot, window, store, clock, monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)
    set_admin_password(store, "a long admin password")
    setup = open_setup(qtbot, window, "tenkey-amounts")
    assert not setup.kph_box.isEnabled() and not setup.accuracy_box.isEnabled()
    assert "HR sets this bar (Admin)." in setup.bar_note.text()
    setup.kph_box.setValue(1)  # not through the closed box, but even so: never saved
    qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
    assert load_entry_bar(store).min_kph == 0.0


# The pages on their own, as the screening window will use them -------------


@pytest.mark.parametrize("page_class, task", [(FormEntryPage, INVOICES),
                                              (TenKeyPage, AMOUNTS)])
def test_a_page_reports_once_and_abandon_does_nothing_once_over(qtbot, clock, page_class,
                                                                task):
    page = page_class(clock=clock)
    qtbot.addWidget(page)
    page.show()
    outcomes = []
    page.finished.connect(outcomes.append)
    page.start(task, 60)
    assert all(field in page.answer_fields for field in page.findChildren(type(
        page.answer_fields[0])) if field.isVisible())
    qtbot.keyClicks(page.answer_fields[0], "1")
    clock.advance(61_000)
    page.refresh()
    page.abandon()
    assert [outcome.status for outcome in outcomes] == ["completed"]
    assert outcomes[0].timed_out and outcomes[0].events[-1]["key"] == "1"
    with pytest.raises(ValueError):
        page.start(AMOUNTS if task is INVOICES else INVOICES, 60)


@pytest.mark.parametrize("task_id", ["invoices", "orders", "customers", "expense-claims",
                                     "tenkey-amounts", "tenkey-codes"])
def test_every_built_in_task_fits_1024_by_600(qtbot, window, clock, task_id):
    window.resize(1024, 600)
    page = start(qtbot, window, task_id)
    qtbot.wait(1)
    needed, room = page.minimumSizeHint(), window.stack.size()
    assert needed.width() <= room.width() and needed.height() <= room.height()
