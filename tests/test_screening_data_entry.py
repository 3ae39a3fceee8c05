"""Data-entry steps in the screening window, driven as a candidate keys them.

A battery with a form-entry step and a 10-key step runs from the
instructions, through the practice, to the stored and sealed steps; a wrong
amount, number-row digits where the keypad is required, a paste and a crash
are each tried. The clock is a fake one (milliseconds) moved by the test.
"""

from __future__ import annotations

import random
import re
from functools import partial

import entry_keying
import pytest
from entry_keying import key_record, time_out, values_of
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from typing_test.core.email.drills import load_drills
from typing_test.core.screening import passwords
from typing_test.core.screening.batteries import (
    Battery,
    DataEntryStep,
    load_catalogue,
    shown_kph,
)
from typing_test.core.screening.candidates import Candidate
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.core.typing.entry_tasks import load_tasks
from typing_test.core.typing.passages import Passage
from typing_test.store import screenings as S
from typing_test.store.admin import log_in, set_admin_password
from typing_test.store.database import Store
from typing_test.store.ledger import verify_all
from typing_test.ui.common.paste_guard import PasteGuard
from typing_test.ui.screening.dashboard_page import DashboardPage
from typing_test.ui.screening.session_window import ScreeningWindow
from typing_test.ui.typing.tenkey_page import NUMBER_ROW_NOTICE, keyed_as

PASSWORD = "staple battery horse"
PASSAGE = Passage("short-note", "A short note", "account-notes", "easy",
                  "Please call the customer back before noon on Friday.")
TASKS = {task.id: task for task in load_tasks()}
INVOICES, AMOUNTS = TASKS["invoices"], TASKS["tenkey-amounts"]
FORM = DataEntryStep("Data entry: form (5 minutes)", "form", 300, min_kph=8000,
                     min_accuracy=98, tasks=("invoices",))
TENKEY = DataEntryStep("Data entry: 10-key (3 minutes)", "tenkey", 180, min_kph=8000,
                       min_accuracy=98, tasks=("tenkey-amounts",))
# The candidate here keys a digit every 150 ms.
key_number = partial(entry_keying.key_number, ms=150)
# The tasks run for the whole time (nobody keys them all), so a test keys
# these many records or numbers and then lets the time run out.
KEYED_RECORDS, KEYED_NUMBERS = 10, 30
TENKEY_ON_KEYPAD = DataEntryStep("Data entry: 10-key on the keypad", "tenkey", 180,
                                 min_kph=8000, min_accuracy=98, tasks=("tenkey-amounts",),
                                 keypad_required=True)


@pytest.fixture
def key(store, monkeypatch):
    """HR's seal key: the password set once, hashed cheaply, and logged in."""
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)
    set_admin_password(store, PASSWORD)
    return log_in(store, PASSWORD)


@pytest.fixture
def candidate(store):
    return S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))


@pytest.fixture
def open_window(qtbot, store, key, candidate, clock):
    """open_window(*steps) starts a screening of a battery of those steps
    (results shown to the candidate) and shows its window at 1366x768."""
    windows = []

    def open_(*steps: DataEntryStep) -> ScreeningWindow:
        battery = Battery("entry-test", "Entry test", steps, show_results=True)
        S.save_battery(store, battery, catalogue=load_catalogue())
        screening_id = S.begin_screening(store, candidate, battery.id)
        window = ScreeningWindow(store, key, screening_id, clock=clock, banks=[],
                                 drills=load_drills(), passages=[PASSAGE],
                                 rng=random.Random(7))
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield open_
    for window in windows:
        if window.phase != "closed":
            window._may_close = True
            window.close()


def to_practice(qtbot, window) -> None:
    assert window.phase == "instructions"
    qtbot.mouseClick(window.practice_button, Qt.MouseButton.LeftButton)
    assert window.phase == "practice"


def to_step(qtbot, window) -> None:
    """From a step's instructions, through its practice, to the real step."""
    to_practice(qtbot, window)
    qtbot.mouseClick(window.start_step_button, Qt.MouseButton.LeftButton)
    assert window.phase == "step"


def stored_steps(store, window) -> list[dict]:
    """Each stored step with its attempt row."""
    return [{**step, "attempt": store.attempt(step["attempt_id"])}
            for step in S.screening(store, window.screening_id)["steps"]]


# A whole battery ---------------------------------------------------------------------


def test_form_and_tenkey_steps_keyed_right_pass_with_their_kph_stored_and_sealed(
        qtbot, store, key, clock, open_window):
    window = open_window(FORM, TENKEY)

    # Step 1: the instructions say what is checked and how, the time and the bars.
    assert window.step_count_label.text() == "Step 1 of 2"
    assert window.instructions_label.text().startswith(
        "Key each record of the document shown into the form")
    assert "Amounts and dates are checked by value" in window.instructions_label.text()
    facts = window.facts_label.text()
    assert "a data-entry test (form entry)" in facts and "5 minutes" in facts
    assert "KPH >= 8,000 and accuracy >= 98 %" in facts
    # The practice is an invoice of its own, keyed on the real page; never stored.
    to_practice(qtbot, window)
    practice_page = window.practice_pages["form-entry"]
    assert practice_page.isVisible() and practice_page.session.task.id == "practice-form"
    assert "Esc" not in practice_page.hint_label.text()
    key_record(qtbot, practice_page, values_of(practice_page.session.task, 0), clock)
    assert re.match(r"Practice over \(6 of 6 fields right, 2\d,\d{3} KPH\); it does not count",
                    window.practice_label.text())
    qtbot.mouseClick(window.start_step_button, Qt.MouseButton.LeftButton)

    # The real step: ten invoices keyed right, one key every 150 ms, then the time is up.
    page = window.pages["form-entry"]
    assert page.isVisible() and page.session.task.id == "invoices"
    assert "Esc" not in page.hint_label.text()
    in_progress = store.attempt(window._attempt_id)
    assert (in_progress["kind"], in_progress["item_id"], in_progress["status"]) == (
        "data-entry", "invoices", "in-progress")
    for record in range(KEYED_RECORDS):
        key_record(qtbot, page, values_of(INVOICES, record), clock)
        assert "Esc" not in page.hint_label.text()
    assert window.step_count_label.text() == "Step 1 of 2"  # more records than the time
    time_out(page, clock)

    # Step 2: 10-key, thirty amounts keyed on the keypad, then the time is up.
    assert window.step_count_label.text() == "Step 2 of 2"
    assert window.instructions_label.text() == (
        "Key each number in the column shown and press Enter after it, as quickly and "
        "accurately as you can. An entry counts only when every digit is right.")
    assert "the numeric keypad or the number row" in window.facts_label.text()
    to_step(qtbot, window)
    page = window.pages["tenkey"]
    assert page.session.task.id == "tenkey-amounts" and "Esc" not in page.hint_label.text()
    for number in AMOUNTS.numbers[:KEYED_NUMBERS]:
        key_number(qtbot, page, keyed_as(number), clock)
    assert window.phase == "step"
    time_out(page, clock)

    # The thank-you screen, the stored steps and their seals.
    assert window.phase == "finished" and window.verdict_label.text() == "Passed"
    stored = S.screening(store, window.screening_id)
    assert (stored["status"], stored["outcome"]) == ("completed", "pass")
    steps = stored_steps(store, window)
    assert [(step["kind"], step["passed"]) for step in steps] == [
        ("data-entry", True), ("data-entry", True)]
    form, tenkey = (step["attempt"] for step in steps)
    # One key every 150 ms is 24,000 KPH over the keys' intervals, a little
    # more over the time from the first key to the last (one interval fewer).
    assert (form["status"], form["item_id"], form["accuracy"]) == (
        "completed", "invoices", 100.0)
    assert 24_000 <= form["score"] < 24_500
    assert form["score"] == pytest.approx(
        form["figures"]["keystrokes"] * 3600 / form["figures"]["duration_s"])
    assert (f"Data entry: form (5 minutes)</b>: passed ({shown_kph(form['score'])} KPH "
            "reaches 8,000") in window.results_label.text()
    fields = KEYED_RECORDS * len(INVOICES.fields)
    assert form["figures"]["fields_right"] == fields and form["figures"]["field_errors"] == []
    assert form["figures"]["timed_out"] is True
    assert form["settings"]["min_kph"] == 8000 and form["settings"]["min_accuracy"] == 98
    assert (tenkey["item_id"], tenkey["accuracy"]) == ("tenkey-amounts", 100.0)
    assert 24_000 <= tenkey["score"] < 24_500
    assert tenkey["figures"]["digits_from"] == "keypad"
    assert tenkey["keystrokes"][0] == {"t": 0, "key": "1", "keypad": True}
    assert steps[0]["figures"]["score"] == form["score"]  # the sealed step row's figures
    assert len(store.attempts(screenings=True)) == 2  # the practices are never stored
    report = verify_all(store, key)
    assert report.ok, report.summary()

    # HR's dashboard shows the figures in KPH, never WPM, and the review of each step.
    dashboard = DashboardPage(store, lambda: None)
    qtbot.addWidget(dashboard)
    dashboard.resize(1366, 768)
    dashboard.show()
    dashboard.show_screening(window.screening_id)
    summary = dashboard.summary_view.toPlainText()
    assert (f"Data entry: form (Supplier invoices): {shown_kph(form['score'])} KPH, 100 % "
            "accuracy") in summary
    assert f"Data entry: 10-key (Ledger amounts): {shown_kph(tenkey['score'])} KPH" in summary
    assert "WPM" not in summary
    dashboard.review.setCurrentIndex(1)
    assert f"{fields} of {fields} fields right" in dashboard.answer_view.toPlainText()
    dashboard.step_box.setCurrentIndex(1)
    assert f"{KEYED_NUMBERS} of {KEYED_NUMBERS} entries right; digits from the keypad" in \
        dashboard.answer_view.toPlainText()


def test_a_wrong_amount_fails_the_form_step_with_the_figures_in_the_reason(
        qtbot, store, key, clock, open_window):
    window = open_window(FORM)
    to_step(qtbot, window)
    page = window.pages["form-entry"]
    for record in range(5):
        changes = {"amount": "3,075.96"} if record == 2 else {}
        assert record != 2 or INVOICES.records[2]["amount"] == "3,075.95"
        key_record(qtbot, page, values_of(INVOICES, record, **changes), clock)
    time_out(page, clock)  # five records in the time: 29 of 30 fields right

    assert window.phase == "finished" and window.verdict_label.text() == "Not passed"
    verdict = S.screening(store, window.screening_id)["verdict"]["steps"][0]
    assert not verdict["passed"]
    assert verdict["reason"] == "accuracy 96.66 % is below the bar of 98 %"
    assert "accuracy 96.66 % is below the bar of 98 %" in window.results_label.text()
    attempt = stored_steps(store, window)[0]["attempt"]
    assert attempt["figures"]["field_errors"] == [
        {"record": 2, "field": "amount", "typed": "3,075.96", "expected": "3,075.95"}]
    assert attempt["figures"]["timed_out"] is True
    assert verify_all(store, key).ok


def test_number_row_digits_fail_a_step_that_requires_the_keypad_and_it_says_so(
        qtbot, store, key, clock, open_window):
    window = open_window(TENKEY_ON_KEYPAD)
    assert window.instructions_label.text().endswith(
        "Use the numeric keypad on the right of the keyboard.")
    assert "digits on the numeric keypad (Num Lock on)" in window.facts_label.text()
    to_step(qtbot, window)
    page = window.pages["tenkey"]
    assert page.keypad_label.text().startswith("Use the numeric keypad (Num Lock on)")
    qtbot.keyClick(page.entry_field, Qt.Key.Key_1)  # the number row: no keypad modifier
    assert page.notice_label.text() == NUMBER_ROW_NOTICE  # told at the digit
    clock.advance(150)
    key_number(qtbot, page, keyed_as(AMOUNTS.numbers[0])[1:], clock, keypad=False)
    for number in AMOUNTS.numbers[1:KEYED_NUMBERS]:
        key_number(qtbot, page, keyed_as(number), clock, keypad=False)
    time_out(page, clock)

    assert window.phase == "finished"
    verdict = S.screening(store, window.screening_id)["verdict"]["steps"][0]
    assert not verdict["passed"]
    assert verdict["reason"] == "accuracy 0 % is below the bar of 98 %"
    attempt = stored_steps(store, window)[0]["attempt"]
    assert attempt["settings"]["keypad_required"] is True
    assert (attempt["figures"]["digits_from"], attempt["figures"]["entries_off_keypad"]) == (
        "number row", KEYED_NUMBERS)
    assert verify_all(store, key).ok


# Paste, Esc, fit --------------------------------------------------------------------------


@pytest.mark.parametrize("step", [FORM, TENKEY], ids=["form", "tenkey"])
def test_a_paste_is_refused_and_recorded_as_an_incident(qtbot, store, clock, open_window,
                                                        step):
    window = open_window(step)
    to_step(qtbot, window)
    page = window.pages["form-entry" if step.mode == "form" else "tenkey"]
    field = page.answer_fields[0]
    assert field in window.answer_fields() and PasteGuard.of(field).isEnabled()
    QGuiApplication.clipboard().setText("1250.00")
    field.setFocus()
    clock.advance(2500)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == ""
    assert [(row["step_position"], row["t"], row["detail"]) for row in
            S.incidents(store, window.screening_id) if row["kind"] == "paste"] == [
        (0, 2500, "shortcut: 7 characters refused")]
    # The practice's fields refuse it too.
    assert all(PasteGuard.of(f).isEnabled() for f in window.answer_fields(practice_too=True))


@pytest.mark.parametrize("step", [FORM, TENKEY], ids=["form", "tenkey"])
def test_esc_in_a_data_entry_step_only_says_how_to_call_hr(qtbot, store, clock, open_window,
                                                          step):
    window = open_window(step)
    to_step(qtbot, window)
    page = window.pages["form-entry" if step.mode == "form" else "tenkey"]
    field = page.answer_fields[0]
    qtbot.keyClicks(field, "4")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert window.notice_bar.isVisible() and "call HR" in window.notice_label.text()
    assert not page.abandon_bar.isVisible() and window.phase == "step"
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.focusWidget() is field  # back where the candidate was keying


def test_data_entry_screens_fit_1024_by_600(qtbot, store, clock, open_window):
    window = open_window(FORM, TENKEY_ON_KEYPAD)
    window.resize(1024, 600)
    for mode in ("form", "tenkey"):
        for where in ("instructions", "practice", "step"):
            QApplication.processEvents()
            hint = window.minimumSizeHint()
            assert hint.width() <= 1024 and hint.height() <= 600, (mode, where, hint)
            if where == "instructions":
                qtbot.mouseClick(window.practice_button, Qt.MouseButton.LeftButton)
            elif where == "practice":
                qtbot.mouseClick(window.start_step_button, Qt.MouseButton.LeftButton)
        page = window.pages["form-entry" if mode == "form" else "tenkey"]
        page.abandon()  # as HR ending the step early: stored as abandoned
    assert window.phase == "finished"
    steps = stored_steps(store, window)
    assert [(step["attempt"]["status"], step["passed"]) for step in steps] == [
        ("abandoned", False), ("abandoned", False)]


def test_hr_ends_a_data_entry_step_early_and_it_is_stored_abandoned(qtbot, store, key, clock,
                                                                    open_window):
    window = open_window(TENKEY, FORM)
    to_step(qtbot, window)
    key_number(qtbot, window.pages["tenkey"], "125.40", clock)
    window.ask_hr("HR: type the admin password.")
    qtbot.keyClicks(window.hr_bar.password_edit, PASSWORD)
    qtbot.keyClick(window.hr_bar.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.hr_options.isVisible(), timeout=5000)
    qtbot.mouseClick(window.end_step_button, Qt.MouseButton.LeftButton)
    assert (window.phase, window.position) == ("instructions", 1)
    step = stored_steps(store, window)[0]
    assert (step["attempt"]["status"], step["passed"]) == ("abandoned", False)
    assert step["attempt"]["figures"]["entries_right"] == 1  # what was keyed is kept
    assert verify_all(store, key).ok


# After a crash ----------------------------------------------------------------------------


def test_a_data_entry_step_cut_off_is_interrupted_and_resumed_from_its_beginning(
        qtbot, tmp_path, store, key, clock, open_window):
    window = open_window(FORM, TENKEY)
    to_step(qtbot, window)
    page = window.pages["form-entry"]
    for record in range(KEYED_RECORDS):
        key_record(qtbot, page, values_of(INVOICES, record), clock)
    time_out(page, clock)
    to_step(qtbot, window)  # step 2 begun...
    key_number(qtbot, window.pages["tenkey"], "125.40", clock)
    cut_off = window._attempt_id
    screening_id = window.screening_id
    window._may_close = True  # ... then the power goes
    window.close()

    from typing_test.ui.main_window import MainWindow

    reopened = Store.open(store.path)
    try:
        assert reopened.attempt(cut_off)["status"] == "interrupted"
        main = MainWindow(reopened, clock=clock, passages=[PASSAGE],
                          banks_folder=tmp_path / "banks")
        qtbot.addWidget(main)
        offer = main.resume_offer
        qtbot.waitUntil(offer.isVisible)
        assert offer.selected()["resume_position"] == 1
        assert "step 2 (Data entry: 10-key (3 minutes)) restarts" in offer.list.item(0).text()
        qtbot.mouseClick(offer.resume_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(offer.hr_bar.password_edit, PASSWORD)
        qtbot.keyClick(offer.hr_bar.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: offer.screening_window is not None, timeout=5000)
        resumed = offer.screening_window
        assert resumed.step_count_label.text() == "Step 2 of 2"
        to_step(qtbot, resumed)
        tenkey_page = resumed.pages["tenkey"]
        assert tenkey_page.session.entry_index == 0  # restarted from its beginning
        for number in AMOUNTS.numbers[:KEYED_NUMBERS]:
            key_number(qtbot, tenkey_page, keyed_as(number), clock)
        time_out(tenkey_page, clock)
        assert resumed.phase == "finished"
        stored = S.screening(reopened, screening_id)
        assert (stored["status"], stored["outcome"]) == ("completed", "pass")
        assert verify_all(reopened, key).ok
        resumed._may_close = True
        resumed.close()
    finally:
        reopened.close()
