"""A screening with data-entry steps, everywhere HR sees it: the dashboard's
list, summary and review, the per-screening export and the candidate's
printed page. Keystrokes per hour read "KPH", never WPM.

The steps' attempts are scored by the app's own data-entry code from real
task files, as the screening window stores them: score = KPH, accuracy = %.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest

from typing_test.core.screening.batteries import Battery, DataEntryStep, load_catalogue
from typing_test.core.screening.candidates import Candidate
from typing_test.core.typing.data_entry import score_form, score_tenkey
from typing_test.core.typing.entry_tasks import load_tasks, task_table
from typing_test.store import screenings as S
from typing_test.store.export import export
from typing_test.store.reports import candidate_report
from typing_test.ui.reports.pdf_report import score_text
from typing_test.ui.screening.dashboard_page import DashboardPage

JAN = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
BATTERY = Battery("entry", "Entry clerks", (
    DataEntryStep("Data entry: form", "form", 300, min_kph=8000, tasks=("invoices",)),
    DataEntryStep("Data entry: 10-key", "tenkey", 180, min_kph=8000,
                  tasks=("tenkey-amounts",)),
))


def form_row() -> dict:
    """Five invoices keyed one key every 400 ms (9,000 KPH), the third
    one's amount with a slipped digit: 29 of 30 fields right."""
    task = {task.id: task for task in load_tasks()}["invoices"]
    log, t = [], 0
    for record_index, record in enumerate(task.records[:5]):
        for form_field in task.fields:
            log.append({"t": t, "record": record_index, "field": form_field.name})
            value = record[form_field.name]
            if record_index == 2 and form_field.type == "amount":
                value = value[:-1] + str((int(value[-1]) + 1) % 10)  # 3,075.95 keyed 3,075.96
            for key in value:
                t += 400
                log.append({"t": t, "key": key})
    result = score_form(task.fields, task.records, log, task.date_format)
    return {"kind": "data-entry", "score": result.kph, "accuracy": result.accuracy,
            "duration_s": result.duration_s, "item_id": task.id, "item_title": task.title,
            "keystrokes": log, "status": "completed",
            "settings": {"mode": "form", "duration_s": 300, "keypad_required": False,
                         "min_kph": 8000, "min_accuracy": 98},
            # As records.data_entry_attempt stores them: the figures, and the task.
            "figures": result.as_json(), "details": {"task": task_table(task)}}


def tenkey_row() -> dict:
    """Ten amounts keyed right on the keypad, one key every 300 ms (12,000 KPH)."""
    task = {task.id: task for task in load_tasks()}["tenkey-amounts"]
    keys = [key for number in task.numbers[:10] for key in (*number.replace(",", ""), "\n")]
    log = [{"t": 300 * (index + 1), "key": key, "keypad": True} for index, key in enumerate(keys)]
    result = score_tenkey(task.numbers, log)
    return {"kind": "data-entry", "score": result.kph, "accuracy": result.accuracy,
            "duration_s": result.duration_s, "item_id": task.id, "item_title": task.title,
            "keystrokes": log, "status": "completed",
            "settings": {"mode": "tenkey", "duration_s": 180, "keypad_required": False,
                         "min_kph": 8000, "min_accuracy": 98},
            # As records.data_entry_attempt stores them: the figures, and the task.
            "figures": result.as_json(), "details": {"task": task_table(task)}}


@pytest.fixture
def screened(store) -> tuple[str, str]:
    """(candidate id, screening id) of a finished data-entry screening."""
    S.save_battery(store, BATTERY, catalogue=load_catalogue())
    candidate = S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com",
                                                 role="Data entry"), now=JAN)
    screening_id = S.begin_screening(store, candidate, "entry", now=JAN)
    for position, row in enumerate((form_row(), tenkey_row())):
        attempt_id = S.begin_step(store, screening_id, position, {"kind": "data-entry"})
        S.record_step(store, screening_id, position, {**row, "id": attempt_id},
                      now=JAN + timedelta(minutes=6 * (position + 1)))
    S.finish_screening(store, screening_id, now=JAN + timedelta(minutes=15))
    return candidate, screening_id


def test_the_rows_are_the_scorings_own_figures():
    form, tenkey = form_row(), tenkey_row()
    assert round(form["score"]) == 9000 and round(form["accuracy"], 2) == 96.67
    assert round(tenkey["score"]) == 12000 and tenkey["accuracy"] == 100.0


def test_the_dashboard_review_shows_kph_accuracy_and_each_wrong_field(qtbot, store, screened):
    _candidate, screening_id = screened
    page = DashboardPage(store, lambda: None)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.show_screening(screening_id)
    summary = page.summary_view.toPlainText()
    assert "Outcome: FAIL" in summary
    assert ("Data entry: form (Supplier invoices): 8,999 KPH, 96.66 % accuracy" in summary
            or "Data entry: form (Supplier invoices): 9,000 KPH, 96.66 % accuracy" in summary)
    assert "FAIL — rule: KPH >= 8,000 and accuracy >= 98 %; accuracy 96.66 % is below the " \
           "bar of 98 %" in summary
    assert "Data entry: 10-key (Ledger amounts): " in summary and "100 % accuracy" in summary
    assert "WPM" not in summary

    page.review.setCurrentIndex(1)
    assert [page.step_box.itemText(index) for index in range(page.step_box.count())] == [
        "1. Data entry: form", "2. Data entry: 10-key"]
    review = page.answer_view.toPlainText()
    assert "29 of 30 fields right over 5 records" in review
    assert "1 error:" in review
    assert "Record 3, Amount due: typed “3,075.96”, expected “3,075.95”" in review
    assert page.answer_caption.text() == "Supplier invoices"
    page.step_box.setCurrentIndex(1)
    review = page.answer_view.toPlainText()
    assert "10 of 10 entries right; digits from the keypad" in review and "0 errors." in review


def test_the_per_screening_export_names_kph_and_accuracy(store, screened, tmp_path):
    out = tmp_path / "screenings.csv"
    assert export(store, out, "csv", per="screening") == 1
    with out.open(encoding="utf-8-sig", newline="") as file:
        (row,) = list(csv.DictReader(file))
    steps = row["Steps (number, activity, score, result)"]
    assert steps.startswith("1 data-entry 8,99") or steps.startswith("1 data-entry 9,000")
    assert " KPH 96.66% fail; " in steps and steps.endswith("2 data-entry 12,000 KPH 100% pass")
    assert row["Outcome"] == "fail"


def test_the_candidates_printed_page_shows_kph_and_the_verdict(store, screened):
    candidate, _screening_id = screened
    report = candidate_report(store, candidate)
    lines = {line.item_title: line for line in report.attempts}
    assert [line.kind for line in report.attempts] == ["data-entry", "data-entry"]
    assert (lines["Ledger amounts"].result, lines["Supplier invoices"].result) == ("Pass", "Fail")
    assert score_text("data-entry", lines["Ledger amounts"].score) == "12,000 KPH"
