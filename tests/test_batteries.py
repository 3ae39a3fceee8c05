"""Role batteries: the shipped presets, the file format's checks, the verdict
as an examiner would check it (at the bar, just below, missing steps, weights),
and the retake rule."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from typing_test.core.quiz import draw_quiz, load_builtin_banks
from typing_test.core.screening.batteries import (
    Battery,
    BatteryError,
    Catalogue,
    DrillStep,
    QuizStep,
    RetakePolicy,
    StepResult,
    TypingStep,
    battery_from_dict,
    battery_to_dict,
    content_problems,
    evaluate_battery,
    evaluate_step,
    load_batteries,
    load_catalogue,
    load_presets,
    parse_batteries,
    quiz_banks_for_step,
)
from typing_test.core.screening.retakes import PreviousScreening, may_take

# --------------------------------------------------------------------- presets


@pytest.fixture(scope="module")
def presets() -> dict[str, Battery]:
    return {battery.id: battery for battery in load_presets()}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_the_five_presets_of_the_issues_are_shipped(presets):
    assert list(presets) == ["back-office", "semi-voice", "voice", "team-leader", "data-entry"]
    assert presets["back-office"].name == "Back office / non-voice"
    assert presets["semi-voice"].name == "Semi-voice (chat and email support)"
    assert presets["voice"].name == "Voice (calls)"
    assert presets["team-leader"].name == "Team leader"
    assert presets["data-entry"].name == "Data entry (non-voice back office)"


def kinds(battery: Battery) -> list[str]:
    return [step.kind for step in battery.steps]


def test_back_office_is_five_minutes_at_25_wpm_and_90_percent_then_drills_and_office(presets):
    battery = presets["back-office"]
    typing = battery.steps[0]
    assert isinstance(typing, TypingStep)
    assert (typing.duration_s, typing.min_net_wpm, typing.min_accuracy) == (300, 25, 90)
    assert kinds(battery).count("proofreading") == 1
    assert kinds(battery).count("writing") == 1
    quizzes = [step for step in battery.steps if isinstance(step, QuizStep)]
    assert {topic for quiz in quizzes for topic in quiz.topics} == {"word", "excel"}
    assert any(quiz.formula_tasks in ("include", "only") and "excel" in quiz.topics
               for quiz in quizzes)
    assert battery.overall == "all-steps"


def test_semi_voice_is_three_minutes_at_30_wpm_two_heavy_writing_drills_and_outlook(presets):
    battery = presets["semi-voice"]
    typing = battery.steps[0]
    assert (typing.kind, typing.duration_s, typing.min_net_wpm) == ("typing", 180, 30)
    writing = [step for step in battery.steps if step.kind == "writing"]
    others = [step for step in battery.steps if step.kind != "writing"]
    assert len(writing) == 2
    assert min(step.weight for step in writing) > max(step.weight for step in others)
    assert battery.overall == "weighted"
    # The typing bar the issue names must hold whatever the drills score.
    assert typing.required
    quiz = battery.steps[-1]
    assert (quiz.kind, quiz.topics) == ("quiz", ("outlook",))


def test_voice_is_three_minutes_at_20_wpm_a_drill_of_each_kind_and_pc_basics(presets):
    battery = presets["voice"]
    typing = battery.steps[0]
    assert (typing.kind, typing.duration_s, typing.min_net_wpm) == ("typing", 180, 20)
    assert kinds(battery) == ["typing", "proofreading", "writing", "quiz"]
    assert battery.steps[-1].topics == ("general",)  # the bank of PC basics


def test_team_leader_is_the_back_office_battery_plus_advanced_excel_tasks(presets):
    back_office, leader = presets["back-office"], presets["team-leader"]
    assert leader.steps[: len(back_office.steps)] == back_office.steps
    extra = leader.steps[len(back_office.steps):]
    assert len(extra) == 1
    assert extra[0].topics == ("excel",) and extra[0].formula_tasks == "only"
    assert "advanced" in extra[0].difficulties


def test_every_preset_refers_only_to_content_that_exists(presets, catalogue):
    for battery in presets.values():
        assert content_problems(battery, catalogue) == [], battery.id


def test_the_content_check_names_what_is_missing(catalogue):
    battery = Battery("b", "B", (
        TypingStep("T", 60, 20, category="policy", difficulty="hard"),
        DrillStep("writing", "W", ("late-delivery", "no-such-scenario"), 70),
        DrillStep("proofreading", "P", ("late-delivery",), 70),  # a writing id, not proofreading
        QuizStep("Q", ("excel", "cooking"), 5, 10, 70),
        QuizStep("Q2", ("excel",), 50, 10, 70, formula_tasks="only", difficulties=("advanced",)),
    ))
    assert content_problems(battery, catalogue) == [
        "battery 'b': step 2 (writing): no writing drill 'no-such-scenario'",
        "battery 'b': step 3 (proofreading): no proofreading drill 'late-delivery'",
        "battery 'b': step 4 (quiz): no quiz topic 'cooking'",
        "battery 'b': step 5 (quiz): asks for 50 questions, but the banks hold only 3 that fit",
    ]


def test_two_steps_of_one_kind_never_share_a_drill(presets):
    for battery in presets.values():
        for kind in ("proofreading", "writing"):
            pools = [set(step.drills) for step in battery.steps if step.kind == kind]
            for index, pool in enumerate(pools):
                for other in pools[index + 1:]:
                    assert not pool & other, (battery.id, kind)


def test_every_preset_quiz_step_draws_a_quiz_of_its_count_and_kind(presets):
    banks = load_builtin_banks(evaluate_formulas=False)
    for battery in presets.values():
        for step in battery.steps:
            if not isinstance(step, QuizStep):
                continue
            quiz = draw_quiz(quiz_banks_for_step(step, banks), step.count, topics=step.topics,
                             seed=7, pass_mark=step.min_score)
            assert len(quiz.items) == step.count
            types = {item.question.type for item in quiz.items}
            if step.formula_tasks == "only":
                assert types == {"formula"}
            if step.formula_tasks == "none":
                assert "formula" not in types
            if step.difficulties:
                assert {item.question.difficulty for item in quiz.items} <= set(
                    step.difficulties)
            assert {item.question.topic for item in quiz.items} == set(step.topics)


def test_a_battery_survives_the_round_trip_through_the_stored_json(presets):
    for battery in presets.values():
        assert battery_from_dict(battery_to_dict(battery)) == battery


# ------------------------------------------------------------------ the format

GOOD = """
[[batteries]]
id = "clerk"
name = "Clerk"

[[batteries.steps]]
kind = "typing"
duration_s = 120
min_net_wpm = 28
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(BatteryError) as raised:
        parse_batteries(text, "hr.toml")
    return raised.value.problems


def test_a_minimal_battery_reads_with_its_defaults():
    (battery,) = parse_batteries(GOOD, "hr.toml")
    assert battery.overall == "all-steps" and battery.show_results is False
    assert battery.retake.min_days_between == 0 and battery.retake.max_attempts is None
    step = battery.steps[0]
    assert (step.title, step.min_accuracy, step.category, step.weight) == (
        "Typing test", 0.0, None, 1.0)


def test_a_misspelt_field_is_named_with_the_file_battery_and_a_hint():
    assert problems_of(GOOD.replace("min_net_wpm", "min_net_wmp")) == [
        "hr.toml: battery 'clerk': step 1 (typing): unknown key 'min_net_wmp' "
        "(did you mean 'min_net_wpm'?)",
        "hr.toml: battery 'clerk': step 1 (typing): min_net_wpm: missing: a number from 0 to 200",
    ]


@pytest.mark.parametrize("line, problem", [
    ('duration_s = 300.5', "duration_s: must be a whole number from 30 to 1800, not 300.5"),
    ('duration_s = 18000', "duration_s: must be a whole number from 30 to 1800, not 18000"),
    ('min_accuracy = 190', "min_accuracy: must be a number from 0 to 100, not 190"),
    ('min_accuracy = "90"', "min_accuracy: must be a number from 0 to 100, not '90'"),
    ('category = "poems"', "category: 'poems' is not one of customer-email, internal-memo, "
     "account-notes, policy, data-entry"),
    ('difficulty = "tough"', "difficulty: 'tough' is not one of easy, medium, hard"),
    ('weight = 0', "weight: must be more than 0"),
    ('required = true', 'required: only used with overall = "weighted" (under "all-steps" '
     'every step is required)'),
])
def test_a_bad_typing_field_is_named(line, problem):
    text = GOOD.replace("duration_s = 120", "") + line + "\n"
    if not line.startswith("duration_s"):
        text += "duration_s = 120\n"
    assert problems_of(text) == [f"hr.toml: battery 'clerk': step 1 (typing): {problem}"]


def test_drill_and_quiz_steps_are_checked_field_by_field():
    text = GOOD + """
[[batteries.steps]]
kind = "writing"
drills = ["late-delivery", "late-delivery"]
min_score = 101

[[batteries.steps]]
kind = "quiz"
topics = []
count = 0
time_limit_minutes = 10
min_score = 70
formula_tasks = "some"
difficulties = ["expert"]

[[batteries.steps]]
kind = "essay"
"""
    assert problems_of(text) == [
        "hr.toml: battery 'clerk': step 2 (writing): drills: listed twice: late-delivery",
        "hr.toml: battery 'clerk': step 2 (writing): min_score: must be a number from 0 to 100, "
        "not 101",
        "hr.toml: battery 'clerk': step 3 (quiz): difficulties: 'expert' is not one of basic, "
        "intermediate, advanced",
        "hr.toml: battery 'clerk': step 3 (quiz): topics: must be a non-empty list of ids, not []",
        "hr.toml: battery 'clerk': step 3 (quiz): count: must be a whole number from 1 to 100, "
        "not 0",
        "hr.toml: battery 'clerk': step 3 (quiz): formula_tasks: 'some' is not one of none, "
        "include, only",
        "hr.toml: battery 'clerk': step 4: kind: 'essay' is not one of typing, proofreading, "
        "writing, quiz, data-entry",
    ]


def test_battery_level_problems_are_named():
    assert problems_of(GOOD.replace('name = "Clerk"', 'overall = "weighted"')) == [
        "hr.toml: battery 'clerk': name: missing",
        "hr.toml: battery 'clerk': pass_score: missing: a number from 0 to 100",
    ]
    assert problems_of(GOOD.replace('name = "Clerk"', 'name = "Clerk"\npass_score = 70')) == [
        "hr.toml: battery 'clerk': pass_score: only used with overall = \"weighted\""]
    assert problems_of(GOOD + GOOD) == ["hr.toml: battery 'clerk': id: used twice in the file"]
    assert problems_of('[[batteries]]\nname = "X"\nsteps = []') == [
        "hr.toml: battery #1: id: missing",
        "hr.toml: battery #1: steps: a battery needs at least one step",
    ]
    assert problems_of("title = 'x'") == ["hr.toml: unknown key 'title'",
                                          "hr.toml: no [[batteries]] table"]
    assert problems_of(GOOD.replace("max_attempts", "").replace(
        'name = "Clerk"', 'name = "Clerk"\nmax_attempts = 0')) == [
        "hr.toml: battery 'clerk': max_attempts: must be a whole number from 1 to 1000, not 0"]


def test_a_file_that_is_not_toml_or_not_there_is_one_clear_problem(tmp_path):
    assert problems_of("[[batteries]\n")[0].startswith("hr.toml: not valid TOML: ")
    with pytest.raises(BatteryError, match="^missing.toml: file not found$"):
        load_batteries(tmp_path / "missing.toml")
    bad = tmp_path / "latin.toml"
    bad.write_bytes(b'[[batteries]]\nname = "Caf\xe9"\n')
    with pytest.raises(BatteryError, match="^latin.toml: cannot read the file"):
        load_batteries(bad)


def test_a_stored_definition_is_checked_like_a_file():
    data = battery_to_dict(load_presets()[0])
    data["steps"][0]["min_net_wpm"] = -5
    with pytest.raises(BatteryError, match="battery 'back-office': step 1 .typing.: min_net_wpm"):
        battery_from_dict(data)


# ----------------------------------------------------------------- the verdict

TYPING = TypingStep("Typing", 300, min_net_wpm=25, min_accuracy=90)
PROOF = DrillStep("proofreading", "Proofreading", ("a",), min_score=70)
QUIZ = QuizStep("Quiz", ("excel",), 20, 20, min_score=70)
ALL_STEPS = Battery("all", "All", (TYPING, PROOF, QUIZ))


def completed(score: float, accuracy: float | None = None) -> StepResult:
    return StepResult("completed", score, accuracy)


def test_a_typing_test_exactly_at_both_bars_passes():
    verdict = evaluate_step(TYPING, completed(25.0, 90.0))
    assert verdict.passed and verdict.percent == 100.0
    assert verdict.reason == "net 25 WPM reaches 25 and accuracy 90 % reaches 90 %"


@pytest.mark.parametrize("net, accuracy, reason", [
    (24.999, 97.0, "net 24.99 WPM is below the bar of 25"),
    (40.0, 89.99, "accuracy 89.99 % is below the bar of 90 %"),
    (24.0, 85.0, "net 24 WPM is below the bar of 25; accuracy 85 % is below the bar of 90 %"),
])
def test_a_typing_test_just_below_a_bar_fails_and_says_which(net, accuracy, reason):
    verdict = evaluate_step(TYPING, completed(net, accuracy))
    assert not verdict.passed and verdict.reason == reason


def test_a_figure_just_below_the_bar_never_reads_as_reaching_it():
    # 24.996 rounds to 25.00: the reason must not say "25 is below the bar of 25".
    assert evaluate_step(TYPING, completed(24.996, 95.0)).reason == (
        "net 24.99 WPM is below the bar of 25")


def test_drill_and_quiz_scores_pass_at_the_bar_and_fail_below():
    assert evaluate_step(PROOF, completed(70.0)).passed
    assert not evaluate_step(PROOF, completed(69.99)).passed
    assert evaluate_step(QUIZ, completed(70.0)).reason == "score 70 % reaches 70 %"
    assert evaluate_step(QUIZ, completed(65.0)).reason == "score 65 % is below the bar of 70 %"


@pytest.mark.parametrize("result, reason", [
    (None, "not taken"),
    (StepResult("abandoned", 100.0), "not finished (abandoned)"),
    (StepResult("interrupted", 100.0), "not finished (interrupted)"),
    (StepResult("completed", None), "no score recorded"),
    (StepResult("completed", math.nan), "no score recorded"),
])
def test_a_step_not_finished_or_without_a_score_fails_whatever_it_scored(result, reason):
    verdict = evaluate_step(PROOF, result)
    assert (verdict.passed, verdict.percent, verdict.reason) == (False, 0.0, reason)


def test_a_typing_test_without_an_accuracy_fails_when_there_is_an_accuracy_bar():
    assert evaluate_step(TYPING, completed(60.0)).reason == "no accuracy recorded"
    no_bar = TypingStep("Typing", 180, min_net_wpm=30)
    assert evaluate_step(no_bar, completed(30.0)).passed


def test_every_step_passing_passes_the_battery():
    outcome = evaluate_battery(ALL_STEPS, [completed(25, 90), completed(70), completed(70)])
    assert (outcome.passed, outcome.outcome, outcome.reason) == (True, "pass", "every step passed")


def test_one_step_below_its_bar_fails_an_all_steps_battery_and_is_named():
    outcome = evaluate_battery(ALL_STEPS, [completed(40, 99), completed(100), completed(69.5)])
    assert (outcome.passed, outcome.outcome) == (False, "fail")
    assert outcome.reason == "step 3 (Quiz) did not pass"
    assert [verdict.passed for verdict in outcome.steps] == [True, True, False]


def test_a_missing_or_abandoned_step_fails_the_battery_as_incomplete():
    missing = evaluate_battery(ALL_STEPS, [completed(40, 99), completed(100)])
    assert (missing.passed, missing.complete, missing.outcome) == (False, False, "incomplete")
    assert missing.reason == "step 3 (Quiz) was not taken"
    abandoned = evaluate_battery(
        ALL_STEPS, [completed(40, 99), StepResult("abandoned", 100.0), completed(100)])
    assert abandoned.reason == "step 2 (Proofreading) was not finished"
    assert not abandoned.passed


def test_more_results_than_steps_is_a_programming_error():
    with pytest.raises(ValueError, match="4 results for the 3 steps"):
        evaluate_battery(ALL_STEPS, [completed(40, 99)] * 4)


def weighted(*steps, pass_score: float = 70) -> Battery:
    return Battery("w", "W", steps, overall="weighted", pass_score=pass_score)


def test_a_weighted_score_counts_each_step_by_its_weight():
    battery = weighted(DrillStep("writing", "W1", ("a",), 70, weight=3),
                       DrillStep("writing", "W2", ("b",), 70, weight=1))
    # (3 * 80 + 1 * 40) / 4 = 70: at the bar, so it passes though W2 failed its own bar.
    outcome = evaluate_battery(battery, [completed(80), completed(40)])
    assert outcome.weighted_score == 70.0 and outcome.passed
    assert outcome.reason == "weighted score 70 % reaches 70 %"
    # (3 * 40 + 1 * 80) / 4 = 50: the same scores, the other way round, fail.
    outcome = evaluate_battery(battery, [completed(40), completed(80)])
    assert outcome.weighted_score == 50.0 and not outcome.passed
    assert outcome.reason == "weighted score 50 % is below the bar of 70 %"


def test_float_rounding_never_fails_a_weighted_score_exactly_at_the_bar():
    battery = weighted(*(DrillStep("writing", f"W{n}", ("a",), 70, weight=0.1)
                         for n in range(3)))
    assert (0.1 * 70 * 3) / (0.1 * 3) < 70  # the trap: 69.99999999999999 in floats
    outcome = evaluate_battery(battery, [completed(70)] * 3)
    assert outcome.passed and outcome.weighted_score == 70.0


def test_a_required_step_must_pass_whatever_the_weighted_score():
    typing = TypingStep("Typing", 180, min_net_wpm=30, required=True)
    battery = weighted(typing, DrillStep("writing", "W", ("a",), 70, weight=3))
    outcome = evaluate_battery(battery, [completed(29.5), completed(100)])
    # Typing counts 29.5 / 30 of its bar: (98.33 + 3 * 100) / 4 = 99.58, far above 70.
    assert outcome.weighted_score > 99
    assert not outcome.passed
    assert outcome.reason == ("required step 1 (Typing) failed: net 29.5 WPM is below the bar "
                              "of 30")


def test_a_typing_step_counts_its_share_of_the_bar_in_a_weighted_score():
    battery = weighted(TypingStep("Typing", 180, min_net_wpm=30, min_accuracy=90),
                       pass_score=50)
    assert evaluate_battery(battery, [completed(15, 95)]).weighted_score == 50.0
    assert evaluate_battery(battery, [completed(60, 45)]).weighted_score == 50.0
    assert evaluate_battery(battery, [completed(90, 99)]).weighted_score == 100.0  # capped


def test_an_unfinished_step_fails_a_weighted_battery_even_above_the_score():
    battery = weighted(DrillStep("writing", "W1", ("a",), 70, weight=9),
                       DrillStep("writing", "W2", ("b",), 70, weight=1))
    outcome = evaluate_battery(battery, [completed(100), StepResult("abandoned", 0.0)])
    assert outcome.weighted_score == 90.0
    assert (outcome.passed, outcome.outcome) == (False, "incomplete")


def test_the_outcome_as_json_holds_every_step_and_its_rule():
    data = evaluate_battery(ALL_STEPS, [completed(25, 90), completed(70)]).as_json()
    assert data["outcome"] == "incomplete" and data["rule"] == "every step passes"
    assert [step["rule"] for step in data["steps"]] == [
        "net WPM >= 25 and accuracy >= 90 %", "score >= 70 %", "score >= 70 %"]


def test_the_readme_example_is_a_valid_battery_of_real_content(catalogue):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[\[batteries\]\].*?)```", readme, re.S).group(1)
    (battery,) = parse_batteries(example, "README.md")
    assert [step.kind for step in battery.steps] == ["typing", "proofreading", "quiz",
                                                     "data-entry"]
    assert battery.steps[0].required and battery.retake.max_attempts == 2
    assert content_problems(battery, catalogue) == []


# --------------------------------------------------------------------- retakes

POLICY = RetakePolicy(min_days_between=30, max_attempts=3)
TAKEN = datetime(2026, 1, 1, 23, 0, tzinfo=UTC)


def taken(status: str = "completed", when: datetime = TAKEN) -> PreviousScreening:
    return PreviousScreening(when, status)


def test_a_first_attempt_is_always_allowed():
    decision = may_take(POLICY, [], TAKEN)
    assert (decision.allowed, decision.attempts_used, decision.overridden) == (True, 0, False)


def test_the_waiting_period_counts_calendar_days_from_the_last_attempt():
    day_29 = may_take(POLICY, [taken()], datetime(2026, 1, 30, 23, 59, tzinfo=UTC))
    assert not day_29.allowed
    assert day_29.reason == ("the last attempt was on 2026-01-01; the next may start on "
                             "2026-01-31")
    assert day_29.next_allowed_at == datetime(2026, 1, 31, tzinfo=UTC)
    # Taken late on 1 January: the whole of 31 January is open, from midnight.
    assert may_take(POLICY, [taken()], datetime(2026, 1, 31, 0, 0, tzinfo=UTC)).allowed


def test_days_are_counted_in_the_time_zone_of_the_attempts():
    manila = timezone(timedelta(hours=8))
    late_evening = datetime(2026, 1, 1, 23, 30, tzinfo=manila)  # 15:30 UTC
    just_after_midnight = datetime(2026, 1, 31, 0, 30, tzinfo=manila)  # 30 January, UTC
    assert may_take(POLICY, [taken(when=late_evening)], just_after_midnight).allowed


def test_completed_and_abandoned_attempts_count_and_interrupted_ones_do_not():
    long_ago = TAKEN - timedelta(days=400)
    previous = [taken("completed", long_ago), taken("abandoned", long_ago + timedelta(days=40)),
                taken("interrupted", long_ago + timedelta(days=80))]
    decision = may_take(POLICY, previous, TAKEN)
    assert (decision.allowed, decision.attempts_used) == (True, 2)
    previous.append(taken("completed", long_ago + timedelta(days=120)))
    decision = may_take(POLICY, previous, TAKEN)
    assert (decision.allowed, decision.reason) == (False, "3 attempts already taken; the "
                                                   "battery allows 3")


def test_an_interrupted_attempt_does_not_start_the_waiting_period():
    assert may_take(POLICY, [taken("interrupted")], TAKEN + timedelta(hours=1)).allowed


def test_no_waiting_and_no_limit_allow_every_attempt():
    free = RetakePolicy()
    assert may_take(free, [taken()] * 50, TAKEN).allowed


def test_an_override_needs_a_reason_and_is_recorded_as_such():
    with pytest.raises(ValueError, match="an override needs a reason"):
        may_take(POLICY, [taken()], TAKEN, override_reason="   ")
    decision = may_take(POLICY, [taken()], TAKEN + timedelta(days=2),
                        override_reason="  power cut in the first attempt  ")
    assert (decision.allowed, decision.overridden) == (True, True)
    assert decision.reason == ("the last attempt was on 2026-01-01; the next may start on "
                               "2026-01-31; overridden: power cut in the first attempt")
    not_needed = may_take(POLICY, [], TAKEN, override_reason="just in case")
    assert (not_needed.allowed, not_needed.overridden) == (True, False)


def test_an_unfinished_screening_blocks_a_new_one_even_with_an_override():
    decision = may_take(POLICY, [taken("in_progress")], TAKEN + timedelta(days=90),
                        override_reason="HR says so")
    assert not decision.allowed and "still unfinished" in decision.reason
