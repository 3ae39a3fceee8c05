"""The data-entry step of a battery, as an examiner would check it: the preset
and what its bars rest on, the file format's checks, the content check, and
the verdict at the bars, just below them, unfinished, and in a weighted battery.

A data-entry step's result is stored as score = keystrokes per hour (KPH) and
accuracy = per cent, so ``StepResult(status, kph, accuracy)`` is what it is
judged on.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

import pytest

from typing_test.core.screening.batteries import (
    Battery,
    BatteryError,
    Catalogue,
    DataEntryStep,
    DrillStep,
    StepResult,
    TypingStep,
    battery_from_dict,
    battery_to_dict,
    content_problems,
    evaluate_battery,
    evaluate_step,
    load_catalogue,
    load_presets,
    parse_batteries,
)
from typing_test.core.screening.candidates import Candidate
from typing_test.core.typing.data_entry import score_tenkey
from typing_test.core.typing.entry_tasks import load_tasks
from typing_test.store import screenings as S

FORM = DataEntryStep("Form entry", "form", 300, min_kph=8000, min_accuracy=98)
TENKEY = DataEntryStep("10-key", "tenkey", 180, min_kph=8000, keypad_required=True)


def completed(kph: float, accuracy: float | None = None) -> StepResult:
    return StepResult("completed", kph, accuracy)


# ---------------------------------------------------------------------- the preset


@pytest.fixture(scope="module")
def preset() -> Battery:
    return {battery.id: battery for battery in load_presets()}["data-entry"]


def test_the_data_entry_preset_types_then_keys_a_form_and_a_column_at_98_percent(preset):
    assert preset.overall == "all-steps" and preset.rule() == "every step passes"
    typing, form, tenkey = preset.steps
    assert isinstance(typing, TypingStep)
    assert (typing.duration_s, typing.min_net_wpm, typing.min_accuracy) == (300, 25, 90)
    assert isinstance(form, DataEntryStep) and isinstance(tenkey, DataEntryStep)
    assert (form.mode, form.min_accuracy, form.min_kph) == ("form", 98, 8000)
    assert (tenkey.mode, tenkey.min_accuracy, tenkey.min_kph) == ("tenkey", 98, 8000)
    assert tenkey.keypad_required is False  # many office PCs are laptops
    assert form.rule() == "KPH >= 8,000 and accuracy >= 98 %"
    assert (preset.retake.min_days_between, preset.retake.max_attempts) == (30, 3)


def test_every_task_the_preset_may_give_exists_and_is_of_its_steps_mode(preset):
    tasks = load_tasks()
    for step in preset.steps[1:]:
        offered = [task for task in tasks if step.offers(task)]
        assert offered and sorted(task.id for task in offered) == sorted(step.tasks)
        assert {task.kind for task in offered} == {step.mode}
    assert content_problems(preset, load_catalogue()) == []


# ---------------------------------------------------------------------- the format

BATTERY = """
[[batteries]]
id = "clerk"
name = "Clerk"

[[batteries.steps]]
kind = "data-entry"
"""


def problems_of(step_lines: str) -> list[str]:
    with pytest.raises(BatteryError) as raised:
        parse_batteries(BATTERY + step_lines, "hr.toml")
    return raised.value.problems


def test_a_minimal_data_entry_step_reads_with_its_defaults():
    (battery,) = parse_batteries(BATTERY + 'mode = "tenkey"\nduration_s = 180\nmin_kph = 9000\n',
                                 "hr.toml")
    (step,) = battery.steps
    assert step == DataEntryStep("Data entry: 10-key", "tenkey", 180, 9000.0, 98.0, None,
                                 False, 1.0, False)
    (battery,) = parse_batteries(BATTERY + 'mode = "form"\nduration_s = 300\nmin_kph = 0\n',
                                 "hr.toml")
    assert (battery.steps[0].title, battery.steps[0].min_kph) == ("Data entry: form", 0.0)


WHERE = "hr.toml: battery 'clerk': step 1 (data-entry): "


@pytest.mark.parametrize("lines, problems", [
    ('duration_s = 300\nmin_kph = 8000\n', ["mode: missing: one of form, tenkey"]),
    ('mode = "form"\nduration_s = 300\n',
     ["min_kph: missing: a number from 0 to 30000"]),
    ('mode = "numbers"\nduration_s = 300\nmin_kph = 8000\n',
     ["mode: 'numbers' is not one of form, tenkey"]),
    ('mode = "form"\nduration_s = 30\nmin_kph = 8000\n',
     ["duration_s: must be a whole number from 60 to 1800, not 30"]),
    ('mode = "form"\nduration_s = 300\nmin_kph = 80000\n',
     ["min_kph: must be a number from 0 to 30000, not 80000"]),
    ('mode = "form"\nduration_s = 300\nmin_kph = 8000\nmin_accuracy = 980\n',
     ["min_accuracy: must be a number from 0 to 100, not 980"]),
    ('mode = "form"\nduration_s = 300\nmin_kph = 8000\nkeypad_required = true\n',
     ['keypad_required: only used with mode = "tenkey" (a form is keyed on the whole '
      'keyboard)']),
    ('mode = "tenkey"\nduration_s = 300\nmin_kph = 8000\nkeypad_required = "yes"\n',
     ["keypad_required: must be true or false, not 'yes'"]),
    ('mode = "tenkey"\nduration_s = 300\nmin_kph = 8000\ntasks = ["a", "a"]\n',
     ["tasks: listed twice: a"]),
    ('mode = "tenkey"\nduration_s = 300\nmin_khp = 8000\n',
     ["unknown key 'min_khp' (did you mean 'min_kph'?)",
      "min_kph: missing: a number from 0 to 30000"]),
])
def test_a_bad_data_entry_field_is_named_on_its_own_line(lines, problems):
    assert problems_of(lines) == [WHERE + problem for problem in problems]


def test_a_data_entry_step_survives_the_round_trip_through_the_stored_json(preset):
    battery = Battery("b", "B", (FORM, TENKEY, DataEntryStep(
        "Any form", "form", 600, 9500.5, 99.5, tasks=("orders",), weight=2.5, required=True)),
        overall="weighted", pass_score=80)
    stored = json.loads(json.dumps(battery_to_dict(battery)))
    assert battery_from_dict(stored) == battery
    assert stored["steps"][1]["keypad_required"] is True
    assert "keypad_required" not in stored["steps"][0] and "tasks" not in stored["steps"][0]
    assert battery_from_dict(battery_to_dict(preset)) == preset


def test_the_content_check_names_a_missing_task_with_a_suggestion_and_a_wrong_mode():
    catalogue = load_catalogue()
    battery = Battery("b", "B", (
        DataEntryStep("F", "form", 300, 8000, tasks=("invoice", "tenkey-codes", "orders")),
        DataEntryStep("T", "tenkey", 180, 8000, tasks=("tenkey-amount",)),
    ))
    assert content_problems(battery, catalogue) == [
        "battery 'b': step 1 (data-entry): no data-entry task 'invoice' (did you mean "
        "'invoices'?)",
        "battery 'b': step 1 (data-entry): task 'tenkey-codes' is a 10-key task, not a form "
        "entry task",
        "battery 'b': step 2 (data-entry): no data-entry task 'tenkey-amount' (did you mean "
        "'tenkey-amounts'?)",
    ]
    forms_only = Catalogue(frozenset(), frozenset(), (), (), (("orders", "form"),))
    assert content_problems(Battery("b", "B", (TENKEY,)), forms_only) == [
        "battery 'b': step 1 (data-entry): no data-entry task of mode tenkey"]
    assert content_problems(Battery("b", "B", (FORM,)), forms_only) == []


# --------------------------------------------------------------------- the verdict


def test_exactly_at_both_bars_passes_and_says_both_figures():
    verdict = evaluate_step(FORM, completed(8000.0, 98.0))
    assert (verdict.passed, verdict.percent, verdict.kind) == (True, 100.0, "data-entry")
    assert verdict.reason == "8,000 KPH reaches 8,000 and accuracy 98 % reaches 98 %"
    assert verdict.rule == "KPH >= 8,000 and accuracy >= 98 %"


def test_float_rounding_never_fails_a_kph_exactly_at_the_bar():
    # 67 entries of 8 digits and Enter: 603 keystrokes in 271.35 s, which is
    # 8,000 KPH exactly, but 7999.999999999999 as the scoring's floats make it.
    numbers = [f"{n:08d}" for n in range(10_000_000, 10_000_067)]
    keys = [key for number in numbers for key in (*number, "\n")]
    log = [{"t": round(271_350 * (index + 1) / len(keys)), "key": key, "keypad": True}
           for index, key in enumerate(keys)]
    result = score_tenkey(numbers, log)
    assert result.keystrokes == 603 and result.kph < 8000  # the trap
    verdict = evaluate_step(TENKEY, completed(result.kph, 98.0))
    assert verdict.passed
    assert verdict.reason == "8,000 KPH reaches 8,000 and accuracy 98 % reaches 98 %"


def test_a_figure_within_float_rounding_of_a_bar_is_at_the_bar_in_the_verdict_and_its_words():
    typing = TypingStep("Typing", 300, min_net_wpm=25, min_accuracy=90)
    verdict = evaluate_step(typing, completed(24.999999999999996, 89.99999999999999))
    assert verdict.passed
    assert verdict.reason == "net 25 WPM reaches 25 and accuracy 90 % reaches 90 %"
    verdict = evaluate_step(FORM, completed(8000.0, 97.99999999999999))
    assert verdict.passed
    assert verdict.reason == "8,000 KPH reaches 8,000 and accuracy 98 % reaches 98 %"
    # A real shortfall, however small past a millionth, still fails.
    assert not evaluate_step(FORM, completed(8000.0, 97.99999)).passed
    assert not evaluate_step(FORM, completed(7999.99999, 98.0)).passed


@pytest.mark.parametrize("kph, accuracy, reason", [
    (7999.99, 99.0, "7,999 KPH is below the bar of 8,000"),
    (7999.6, 100.0, "7,999 KPH is below the bar of 8,000"),  # cut, never rounded up to 8,000
    (12000.0, 97.99, "accuracy 97.99 % is below the bar of 98 %"),
    (6000.0, 90.0, "6,000 KPH is below the bar of 8,000; accuracy 90 % is below the bar of 98 %"),
])
def test_just_under_either_bar_fails_and_says_which(kph, accuracy, reason):
    verdict = evaluate_step(FORM, completed(kph, accuracy))
    assert not verdict.passed and verdict.reason == reason


@pytest.mark.parametrize("result, reason", [
    (None, "not taken"),
    (StepResult("abandoned", 15000.0, 100.0), "not finished (abandoned)"),
    (StepResult("interrupted", 15000.0, 100.0), "not finished (interrupted)"),
    (StepResult("in-progress", 15000.0, 100.0), "not finished (in-progress)"),
    (StepResult("completed", None, 100.0), "no score recorded"),
    (StepResult("completed", math.inf, 100.0), "no score recorded"),
    (StepResult("completed", 15000.0, None), "no accuracy recorded"),
])
def test_an_unfinished_step_fails_whatever_its_figures(result, reason):
    verdict = evaluate_step(TENKEY, result)
    assert (verdict.passed, verdict.percent, verdict.reason) == (False, 0.0, reason)


def test_an_all_steps_battery_with_data_entry_passes_only_when_every_step_does(preset):
    assert evaluate_battery(preset, [completed(25, 90), completed(8000, 98),
                                     completed(8000, 98)]).outcome == "pass"
    outcome = evaluate_battery(preset, [completed(40, 99), completed(12000, 100),
                                        completed(7900, 100)])
    assert outcome.outcome == "fail"
    assert outcome.reason == "step 3 (Data entry: 10-key (3 minutes)) did not pass"
    abandoned = evaluate_battery(preset, [completed(40, 99), completed(12000, 100),
                                          StepResult("abandoned", 12000, 100)])
    assert (abandoned.passed, abandoned.outcome) == (False, "incomplete")


def test_a_weighted_battery_counts_a_data_entry_step_by_its_share_of_the_bars():
    battery = Battery("w", "W", (
        TypingStep("Typing", 180, min_net_wpm=30, min_accuracy=90, weight=1),
        DataEntryStep("Form", "form", 300, min_kph=8000, min_accuracy=98, weight=2),
        DrillStep("writing", "Email", ("a",), 70, weight=1),
    ), overall="weighted", pass_score=75)
    # Form at 6,000 KPH and 99 %: 6000 / 8000 = 75 % of its speed bar (its
    # accuracy share is capped at 100). (1 * 100 + 2 * 75 + 1 * 50) / 4 = 75.
    outcome = evaluate_battery(battery, [completed(36, 95), completed(6000, 99), completed(50)])
    assert [round(verdict.percent, 6) for verdict in outcome.steps] == [100.0, 75.0, 50.0]
    assert outcome.weighted_score == 75.0 and outcome.passed
    assert outcome.reason == "weighted score 75 % reaches 75 %"
    # Accuracy 49 % is half of the 98 % bar: the step counts 50 and the battery fails.
    outcome = evaluate_battery(battery, [completed(36, 95), completed(9000, 49), completed(50)])
    assert outcome.steps[1].percent == 50.0
    assert outcome.weighted_score == 62.5 and not outcome.passed


def test_a_required_data_entry_step_must_pass_whatever_the_weighted_score():
    battery = Battery("w", "W", (
        DataEntryStep("10-key", "tenkey", 180, min_kph=8000, required=True),
        DrillStep("writing", "Email", ("a",), 70, weight=9),
    ), overall="weighted", pass_score=70)
    outcome = evaluate_battery(battery, [completed(9000, 97.5), completed(100)])
    assert outcome.weighted_score > 99 and not outcome.passed
    assert outcome.reason == ("required step 1 (10-key) failed: accuracy 97.5 % is below the "
                              "bar of 98 %")


# ------------------------------------------------------ through the screening store


def test_a_screening_stores_the_data_entry_verdict_from_kph_and_accuracy(store):
    battery = Battery("entry-only", "Entry only", (FORM, TENKEY))
    S.save_battery(store, battery, catalogue=load_catalogue())
    candidate = S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    moment = datetime(2026, 3, 2, 9, tzinfo=UTC)
    screening_id = S.begin_screening(store, candidate, "entry-only", now=moment)
    rows = [
        {"kind": "data-entry", "score": 8000.0, "accuracy": 98.0, "status": "completed",
         "item_id": "invoices", "item_title": "Supplier invoices", "duration_s": 300.0,
         "settings": {"mode": "form", "duration_s": 300, "keypad_required": False,
                      "min_kph": 8000, "min_accuracy": 98}},
        {"kind": "data-entry", "score": 9100.0, "accuracy": 96.0, "status": "completed",
         "item_id": "tenkey-amounts", "item_title": "Ledger amounts", "duration_s": 180.0,
         "settings": {"mode": "tenkey", "duration_s": 180, "keypad_required": True,
                      "min_kph": 8000, "min_accuracy": 98}},
    ]
    for position, row in enumerate(rows):
        S.record_step(store, screening_id, position, row, now=moment)
    outcome = S.finish_screening(store, screening_id, now=moment)
    assert outcome.outcome == "fail"
    stored = S.screening(store, screening_id)
    first, second = stored["steps"]
    assert first["passed"] and not second["passed"]
    assert first["figures"]["reason"] == "8,000 KPH reaches 8,000 and accuracy 98 % reaches 98 %"
    assert second["figures"]["reason"] == "accuracy 96 % is below the bar of 98 %"
    assert stored["battery"].steps == (FORM, TENKEY)
