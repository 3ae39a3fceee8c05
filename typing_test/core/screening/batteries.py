"""Role batteries: the ordered steps of a screening, their pass rules, and the verdict.

A battery is what HR gives one candidate for one role: a typing test, email
drills and quizzes, in order, each with its own pass rule, and one overall
rule. It is written in TOML (the shipped presets are in
``assets/batteries/presets.toml``; the format is in the README)::

    [[batteries]]
    id = "voice"
    name = "Voice (calls)"
    overall = "all-steps"        # or "weighted", with pass_score
    show_results = false         # does the candidate see the results at the end?
    retake_after_days = 30       # the least time between two attempts
    max_attempts = 3             # optional: no limit when left out

    [[batteries.steps]]
    kind = "typing"
    duration_s = 180
    category = "account-notes"   # optional: any category when left out
    difficulty = "easy"          # optional: any difficulty when left out
    min_net_wpm = 20
    min_accuracy = 90            # optional: no accuracy bar when left out

A ``proofreading`` or ``writing`` step names its ``drills``: one of them is
given to each candidate. A ``quiz`` step has ``topics``, ``count``,
``time_limit_minutes`` and ``formula_tasks`` ("none", "include" or "only"),
optionally ``difficulties``. Drill and quiz steps pass at ``min_score`` percent.
A ``data-entry`` step has a ``mode`` ("form" or "tenkey"), ``duration_s``,
``min_kph`` (keystrokes per hour: HR's bar, always written out) and
``min_accuracy`` (default 98), optionally ``tasks`` (one is given to each
candidate; any task of the mode when left out) and, for 10-key,
``keypad_required``.
Every step may carry a ``weight`` (default 1) for a weighted overall rule, and
``required = true`` when, under that rule, it must pass whatever the others score.

The verdict (:func:`evaluate_battery`) is a pure function of the battery and
the step results, so HR can defend it line by line: a figure exactly at a
bar passes, anything below it fails, and a step not finished fails, as does a
battery with any step not finished, whatever the overall rule.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from typing_test.core.assets import ContentError, assets_dir, parse_toml, read_text

STEP_KINDS = ("typing", "proofreading", "writing", "quiz", "data-entry")
OVERALL_RULES = ("all-steps", "weighted")
FORMULA_TASKS = ("none", "include", "only")
PASSAGE_DIFFICULTIES = ("easy", "medium", "hard")
QUIZ_DIFFICULTIES = ("basic", "intermediate", "advanced")
DEFAULT_TITLES = {
    "typing": "Typing test",
    "proofreading": "Proofreading drill",
    "writing": "Writing drill",
    "quiz": "Quiz",
    "data-entry": "Data entry",
}
# A data-entry step's mode: records keyed into a form, or numbers on the keypad.
ENTRY_MODES = ("form", "tenkey")
ENTRY_MODE_TITLES = {"form": "Data entry: form", "tenkey": "Data entry: 10-key"}
ENTRY_MODE_NAMES = {"form": "form entry", "tenkey": "10-key"}
# Bounds that catch a typing slip (300 minutes for 300 seconds) without
# standing in the way of any real battery.
MIN_TYPING_S, MAX_TYPING_S = 30, 1800
MAX_NET_WPM = 200
# Under a minute a data-entry test is a record or two: too few keys for a
# keystrokes-per-hour figure to mean much. A bar above 30,000 KPH (more than
# 8 keys a second, held for minutes) is a slip of the keyboard (80000 for 8000).
MIN_ENTRY_S, MAX_ENTRY_S = 60, 1800
MAX_KPH = 30_000
DEFAULT_ENTRY_ACCURACY = 98.0
MAX_QUIZ_COUNT = 100
MAX_QUIZ_MINUTES = 180
MAX_RETAKE_DAYS = 3650
MAX_STEPS = 20
# A weighted score is compared at this many decimals, so that float rounding
# (70 stored as 69.99999999999999) can never fail a candidate exactly at the bar.
SCORE_DECIMALS = 6


class BatteryError(ContentError):
    """A battery definition is broken. ``problems`` holds one line per problem,
    each naming the file, the battery and the field; the message joins them."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class RetakePolicy:
    """How soon and how often the same candidate may take a battery again.

    ``max_attempts`` None means no limit; ``min_days_between`` 0 means no wait.
    """

    min_days_between: int = 0
    max_attempts: int | None = None


@dataclass(frozen=True)
class TypingStep:
    """A timed typing test: net WPM and accuracy must both reach their bar."""

    title: str
    duration_s: int
    min_net_wpm: float
    min_accuracy: float = 0.0
    category: str | None = None
    difficulty: str | None = None
    weight: float = 1.0
    required: bool = False
    kind: str = field(default="typing", init=False)

    def rule(self) -> str:
        """The pass rule in words, e.g. 'net WPM >= 25 and accuracy >= 90 %'."""
        text = f"net WPM >= {_number(self.min_net_wpm)}"
        if self.min_accuracy > 0:
            text += f" and accuracy >= {_number(self.min_accuracy)} %"
        return text


@dataclass(frozen=True)
class DrillStep:
    """A proofreading or writing drill, one drawn from ``drills`` for each candidate."""

    kind: str
    title: str
    drills: tuple[str, ...]
    min_score: float
    weight: float = 1.0
    required: bool = False

    def rule(self) -> str:
        """The pass rule in words, e.g. 'score >= 70 %'."""
        return f"score >= {_number(self.min_score)} %"


@dataclass(frozen=True)
class QuizStep:
    """An Office-skills quiz of ``count`` questions drawn from ``topics``.

    ``formula_tasks`` says whether Excel formula tasks are left out ("none"),
    drawn with the other questions ("include") or the only questions ("only").
    ``difficulties`` None means every difficulty.
    """

    title: str
    topics: tuple[str, ...]
    count: int
    time_limit_minutes: float
    min_score: float
    formula_tasks: str = "none"
    difficulties: tuple[str, ...] | None = None
    weight: float = 1.0
    required: bool = False
    kind: str = field(default="quiz", init=False)

    def rule(self) -> str:
        """The pass rule in words, e.g. 'score >= 70 %'."""
        return f"score >= {_number(self.min_score)} %"

    def asks(self, question: Any) -> bool:
        """Whether a bank question (with ``topic``, ``type`` and ``difficulty``)
        may be drawn for this step.

        >>> from types import SimpleNamespace as Q
        >>> step = QuizStep("Excel", ("excel",), 5, 10, 70, formula_tasks="only")
        >>> step.asks(Q(topic="excel", type="formula", difficulty="basic"))
        True
        >>> step.asks(Q(topic="excel", type="single", difficulty="basic"))
        False
        """
        if question.topic not in self.topics:
            return False
        is_formula = question.type == "formula"
        if (self.formula_tasks == "none" and is_formula) or (
            self.formula_tasks == "only" and not is_formula
        ):
            return False
        return self.difficulties is None or question.difficulty in self.difficulties


@dataclass(frozen=True)
class DataEntryStep:
    """A timed data-entry test: keystrokes per hour (KPH) and accuracy must
    both reach their bar.

    ``mode`` is "form" (records keyed from source documents into a form) or
    "tenkey" (a column of numbers, Enter after each). One of ``tasks`` (ids of
    the task files in ``assets/data-entry``) is given to each candidate; None
    means any task of the mode. ``keypad_required`` (10-key only) asks for
    the digits on the numeric keypad; it is off by default because many
    office PCs are laptops without one.
    """

    title: str
    mode: str
    duration_s: int
    min_kph: float
    min_accuracy: float = DEFAULT_ENTRY_ACCURACY
    tasks: tuple[str, ...] | None = None
    keypad_required: bool = False
    weight: float = 1.0
    required: bool = False
    kind: str = field(default="data-entry", init=False)

    def rule(self) -> str:
        """The pass rule in words.

        >>> DataEntryStep("Entry", "form", 300, min_kph=8000).rule()
        'KPH >= 8,000 and accuracy >= 98 %'
        """
        return f"KPH >= {_kph_bar(self.min_kph)} and accuracy >= {_number(self.min_accuracy)} %"

    def offers(self, task: Any) -> bool:
        """Whether a data-entry task (with ``id`` and ``kind``) may be given
        for this step.

        >>> from types import SimpleNamespace as T
        >>> step = DataEntryStep("Entry", "tenkey", 180, 8000)
        >>> step.offers(T(id="tenkey-codes", kind="tenkey"))
        True
        >>> step.offers(T(id="orders", kind="form"))
        False
        """
        return task.kind == self.mode and (self.tasks is None or task.id in self.tasks)


Step = TypingStep | DrillStep | QuizStep | DataEntryStep


@dataclass(frozen=True)
class Battery:
    """A role battery: ordered steps, the overall rule and the retake policy.

    ``overall`` is "all-steps" (every step must pass) or "weighted" (the
    weighted mean of the steps' percentages must reach ``pass_score``, and
    every ``required`` step must pass).
    """

    id: str
    name: str
    steps: tuple[Step, ...]
    overall: str = "all-steps"
    pass_score: float | None = None
    show_results: bool = False
    retake: RetakePolicy = RetakePolicy()
    description: str = ""

    def rule(self) -> str:
        """The overall rule in words."""
        if self.overall == "weighted":
            return f"weighted score >= {_number(self.pass_score or 0)} %"
        return "every step passes"


# ---------------------------------------------------------------------------
# The verdict


@dataclass(frozen=True)
class StepResult:
    """How a step ended, as the attempts table stores it.

    ``status`` is "completed" for a step the candidate finished (a quiz that
    ran out of time is completed); anything else ("abandoned", "interrupted")
    earns nothing. ``score`` is net WPM for a typing test, keystrokes per
    hour (KPH) for a data-entry test and a percentage for a drill or quiz;
    ``accuracy`` is the typing or data-entry test's accuracy percentage.
    """

    status: str
    score: float | None = None
    accuracy: float | None = None


@dataclass(frozen=True)
class StepVerdict:
    """One step's verdict: ``percent`` (0 to 100) is what the step counts in a
    weighted score; ``reason`` says in one line why it passed or failed."""

    position: int
    kind: str
    title: str
    passed: bool
    percent: float
    weight: float
    rule: str
    reason: str

    def as_json(self) -> dict:
        """The verdict as JSON data."""
        return {
            "position": self.position,
            "kind": self.kind,
            "title": self.title,
            "passed": self.passed,
            "percent": round(self.percent, 2),
            "weight": self.weight,
            "rule": self.rule,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class BatteryOutcome:
    """The verdict of a whole battery.

    ``complete`` is False when a step has no completed result; such a battery
    never passes. ``weighted_score`` is set under the weighted rule only.
    """

    passed: bool
    complete: bool
    rule: str
    reason: str
    steps: tuple[StepVerdict, ...]
    weighted_score: float | None = None

    @property
    def outcome(self) -> str:
        """"pass", "fail", or "incomplete" when a step was not finished (which
        never passes either), as stored in the screenings table."""
        if not self.complete:
            return "incomplete"
        return "pass" if self.passed else "fail"

    def as_json(self) -> dict:
        """The outcome as JSON data."""
        return {
            "outcome": self.outcome,
            "complete": self.complete,
            "rule": self.rule,
            "reason": self.reason,
            "weighted_score": (
                None if self.weighted_score is None else round(self.weighted_score, 2)
            ),
            "steps": [verdict.as_json() for verdict in self.steps],
        }


def evaluate_step(step: Step, result: StepResult | None, position: int = 0) -> StepVerdict:
    """The verdict of one step from its result (None: the step was not taken).

    >>> step = TypingStep("Typing", 300, min_net_wpm=25, min_accuracy=90)
    >>> evaluate_step(step, StepResult("completed", 25.0, 90.0)).passed
    True
    >>> evaluate_step(step, StepResult("completed", 24.99, 97.0)).reason
    'net 24.99 WPM is below the bar of 25'
    >>> evaluate_step(step, StepResult("abandoned", 40.0, 99.0)).reason
    'not finished (abandoned)'
    """

    def verdict(passed: bool, percent: float, reason: str) -> StepVerdict:
        return StepVerdict(position, step.kind, step.title, passed, percent, step.weight,
                           step.rule(), reason)

    if result is None:
        return verdict(False, 0.0, "not taken")
    if result.status != "completed":
        return verdict(False, 0.0, f"not finished ({result.status})")
    if not _finite(result.score):
        return verdict(False, 0.0, "no score recorded")
    if isinstance(step, TypingStep):
        return verdict(*_typing_verdict(step, result))
    if isinstance(step, DataEntryStep):
        return verdict(*_data_entry_verdict(step, result))
    score = result.score
    percent = min(100.0, max(0.0, score))
    if score >= step.min_score:
        return verdict(True, percent,
                       f"score {shown_figure(score)} % reaches {_number(step.min_score)} %")
    return verdict(False, percent,
                   f"score {shown_figure(score)} % is below the bar of {_number(step.min_score)} %")


def _typing_verdict(step: TypingStep, result: StepResult) -> tuple[bool, float, str]:
    """(passed, percent, reason) of a completed typing test."""
    if step.min_accuracy > 0 and not _finite(result.accuracy):
        return False, 0.0, "no accuracy recorded"
    bars = [_Bar(result.score, step.min_net_wpm, f"net {shown_figure(result.score)} WPM",
                 _number(step.min_net_wpm))]
    if step.min_accuracy > 0:
        bars.append(_Bar(result.accuracy, step.min_accuracy,
                         f"accuracy {shown_figure(result.accuracy)} %",
                         f"{_number(step.min_accuracy)} %"))
    return _bars_verdict(bars)


def _data_entry_verdict(step: DataEntryStep, result: StepResult) -> tuple[bool, float, str]:
    """(passed, percent, reason) of a completed data-entry test: KPH and
    accuracy must both reach their bar."""
    if not _finite(result.accuracy):
        return False, 0.0, "no accuracy recorded"
    return _bars_verdict([
        _Bar(result.score, step.min_kph, f"{shown_kph(result.score)} KPH",
             _kph_bar(step.min_kph)),
        _Bar(result.accuracy, step.min_accuracy, f"accuracy {shown_figure(result.accuracy)} %",
             f"{_number(step.min_accuracy)} %"),
    ])


@dataclass(frozen=True)
class _Bar:
    """A candidate's figure against its bar, with both as a reason shows them."""

    figure: float
    bar: float
    figure_text: str  # "net 24.99 WPM"
    bar_text: str  # "25"

    @property
    def reached(self) -> bool:
        # Compared at SCORE_DECIMALS, so that float rounding never fails a
        # figure exactly at the bar (603 keys in 271.35 s is 8,000 KPH, but
        # 7999.999999999999 in floats).
        return round(self.figure, SCORE_DECIMALS) >= self.bar


def _bars_verdict(bars: Sequence[_Bar]) -> tuple[bool, float, str]:
    """(passed, percent, reason) of a test that must reach every one of ``bars``.

    Its percentage is the share of its bars reached, capped at 100: a test at
    the bars counts fully, one at half a bar counts 50 (a bar of 0 counts
    nothing).

    >>> _bars_verdict([_Bar(12.5, 25, "net 12.5 WPM", "25")])
    (False, 50.0, 'net 12.5 WPM is below the bar of 25')
    """
    shares = [1.0] + [max(0.0, bar.figure) / bar.bar for bar in bars if bar.bar > 0]
    percent = 100.0 * min(shares)
    failures = [f"{bar.figure_text} is below the bar of {bar.bar_text}"
                for bar in bars if not bar.reached]
    if failures:
        return False, percent, "; ".join(failures)
    return True, percent, " and ".join(f"{bar.figure_text} reaches {bar.bar_text}"
                                       for bar in bars)


def evaluate_battery(battery: Battery, results: Sequence[StepResult | None]) -> BatteryOutcome:
    """The verdict of ``battery`` from the results of its steps, in order.

    ``results[i]`` is the result of step i (None, or a shorter list, for a
    step not taken). A battery with any step not completed fails under either
    rule: a candidate who leaves a step cannot pass on the strength of others.

    >>> battery = Battery("b", "B", (DrillStep("writing", "Write", ("x",), 70),
    ...                              DrillStep("writing", "Write", ("y",), 70)))
    >>> evaluate_battery(battery, [StepResult("completed", 70.0),
    ...                            StepResult("completed", 90.0)]).outcome
    'pass'
    >>> outcome = evaluate_battery(battery, [StepResult("completed", 95.0)])
    >>> outcome.passed, outcome.outcome, outcome.reason
    (False, 'incomplete', 'step 2 (Write) was not taken')
    """
    if len(results) > len(battery.steps):
        raise ValueError(f"{len(results)} results for the {len(battery.steps)} steps of "
                         f"battery {battery.id!r}")
    padded = list(results) + [None] * (len(battery.steps) - len(results))
    verdicts = tuple(
        evaluate_step(step, result, position)
        for position, (step, result) in enumerate(zip(battery.steps, padded, strict=True))
    )
    unfinished = [v for v, r in zip(verdicts, padded, strict=True)
                  if r is None or r.status != "completed"]
    failed = [v for v in verdicts if not v.passed]
    weighted = None
    if battery.overall == "weighted":
        total_weight = sum(v.weight for v in verdicts)
        weighted = round(sum(v.weight * v.percent for v in verdicts) / total_weight,
                         SCORE_DECIMALS)

    if unfinished:
        first = unfinished[0]
        what = "was not taken" if padded[first.position] is None else "was not finished"
        reason = f"step {first.position + 1} ({first.title}) {what}"
        return BatteryOutcome(False, False, battery.rule(), reason, verdicts, weighted)
    if battery.overall == "weighted":
        required_failed = [
            v for v, step in zip(verdicts, battery.steps, strict=True)
            if step.required and not v.passed
        ]
        bar = battery.pass_score or 0.0
        if required_failed:
            first = required_failed[0]
            reason = (f"required step {first.position + 1} ({first.title}) failed: "
                      f"{first.reason}")
            return BatteryOutcome(False, True, battery.rule(), reason, verdicts, weighted)
        if weighted >= bar:
            reason = f"weighted score {shown_figure(weighted)} % reaches {_number(bar)} %"
            return BatteryOutcome(True, True, battery.rule(), reason, verdicts, weighted)
        reason = f"weighted score {shown_figure(weighted)} % is below the bar of {_number(bar)} %"
        return BatteryOutcome(False, True, battery.rule(), reason, verdicts, weighted)
    if failed:
        names = ", ".join(f"{v.position + 1} ({v.title})" for v in failed)
        noun = "step" if len(failed) == 1 else "steps"
        reason = f"{noun} {names} did not pass"
        return BatteryOutcome(False, True, battery.rule(), reason, verdicts)
    return BatteryOutcome(True, True, battery.rule(), "every step passed", verdicts)


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _number(value: float) -> str:
    """A bar as written: 25, 90, 72.5.

    >>> _number(25.0), _number(72.5)
    ('25', '72.5')
    """
    return f"{value:g}"


def _kph_bar(value: float) -> str:
    """A KPH bar as written, with thousands separators.

    >>> _kph_bar(8000.0), _kph_bar(10500.5)
    ('8,000', '10,500.5')
    """
    return f"{value:,g}"


def shown_kph(value: float) -> str:
    """A candidate's KPH cut (not rounded) to a whole number, so a figure
    below a bar never reads as reaching it; within a millionth of a whole
    number it is that number (7999.999999999999 is 8,000 in floats).

    >>> shown_kph(7999.6), shown_kph(7999.999999999999), shown_kph(12345.0)
    ('7,999', '8,000', '12,345')
    """
    return f"{math.floor(round(max(0.0, value), SCORE_DECIMALS)):,d}"


def shown_figure(value: float) -> str:
    """A candidate's figure cut (not rounded) to two decimals, so a figure
    below a bar never reads as reaching it (24.996 shows as 24.99, not 25.00);
    within a millionth of a figure it is that figure, as the verdict compares
    it (24.999999999999996 is 25 in floats).

    >>> shown_figure(24.996), shown_figure(31.0), shown_figure(-0.0)
    ('24.99', '31', '0')
    >>> shown_figure(24.999999999999996), shown_figure(97.9999999)
    ('25', '98')
    """
    cut = math.floor(round(abs(value), SCORE_DECIMALS) * 100) / 100
    text = f"{cut:.2f}".rstrip("0").rstrip(".")
    return ("-" if value < 0 and cut else "") + text


# ---------------------------------------------------------------------------
# Reading and writing battery definitions


def presets_path() -> Path:
    """The shipped presets file."""
    return assets_dir() / "batteries" / "presets.toml"


def load_presets() -> list[Battery]:
    """The shipped presets, in file order.

    >>> [battery.id for battery in load_presets()]
    ['back-office', 'semi-voice', 'voice', 'team-leader', 'data-entry']
    """
    return load_batteries(presets_path())


def load_batteries(path: Path | str) -> list[Battery]:
    """Every battery of a TOML file; BatteryError listing every problem.

    A file that cannot be read or parsed raises BatteryError too, naming the file.
    """
    path = Path(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise BatteryError([f"{path.name}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BatteryError([f"{path.name}: cannot read the file: {error}"]) from None
    return parse_batteries(text, path.name)


def parse_batteries(text: str, source: str) -> list[Battery]:
    """The batteries of TOML ``text``; ``source`` names it in messages.

    >>> parse_batteries('[[batteries]]\\nid = "x"\\nname = "X"\\nstep = []', "my.toml")
    Traceback (most recent call last):
    ...
    typing_test.core.screening.batteries.BatteryError: my.toml: battery 'x': unknown key \
'step' (did you mean 'steps'?)
    my.toml: battery 'x': steps: a battery needs at least one step
    """
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise BatteryError([f"{source}: not valid TOML: {error}"]) from None
    problems: list[str] = []
    _reject_unknown(data, {"batteries"}, f"{source}", problems)
    tables = data.get("batteries")
    if not isinstance(tables, list) or not tables:
        problems.append(f"{source}: no [[batteries]] table")
        raise BatteryError(problems)
    batteries: list[Battery] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        try:
            battery = battery_from_dict(table, f"{source}: battery #{number}", source)
        except BatteryError as error:
            problems.extend(error.problems)
            continue
        if battery.id in seen:
            problems.append(f"{source}: battery {battery.id!r}: id: used twice in the file")
        seen.add(battery.id)
        batteries.append(battery)
    if problems:
        raise BatteryError(problems)
    return batteries


def battery_from_dict(data: object, where: str = "battery", source: str = "") -> Battery:
    """A battery from its TOML table or its stored JSON; BatteryError when broken.

    ``where`` names it in messages until its id is known; then messages read
    ``<source>: battery '<id>': <field>: <problem>``.
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        raise BatteryError([f"{where}: must be a table"])
    battery_id = data.get("id")
    if isinstance(battery_id, str) and battery_id.strip():
        where = f"{source + ': ' if source else ''}battery {battery_id.strip()!r}"
    reader = _Reader(data, where, problems)
    reader.reject_unknown({"id", "name", "description", "overall", "pass_score",
                           "show_results", "retake_after_days", "max_attempts", "steps"})
    battery_id = reader.text("id", required=True)
    name = reader.text("name", required=True)
    description = reader.text("description") or ""
    overall = reader.choice("overall", OVERALL_RULES, default="all-steps")
    pass_score = reader.number("pass_score", 0, 100, required=overall == "weighted")
    if overall != "weighted" and "pass_score" in data:
        problems.append(f"{where}: pass_score: only used with overall = \"weighted\"")
    show_results = reader.boolean("show_results", default=False)
    retake_days = reader.integer("retake_after_days", 0, MAX_RETAKE_DAYS, default=0)
    max_attempts = reader.integer("max_attempts", 1, 1000, default=None)

    steps: list[Step] = []
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.append(f"{where}: steps: a battery needs at least one step")
    elif len(raw_steps) > MAX_STEPS:
        problems.append(f"{where}: steps: {len(raw_steps)} steps; the most is {MAX_STEPS}")
    else:
        for number, raw in enumerate(raw_steps, start=1):
            step = _step(raw, f"{where}: step {number}", overall, problems)
            if step is not None:
                steps.append(step)
    if problems:
        raise BatteryError(problems)
    return Battery(
        id=battery_id,
        name=name,
        steps=tuple(steps),
        overall=overall,
        pass_score=pass_score,
        show_results=show_results,
        retake=RetakePolicy(retake_days, max_attempts),
        description=description,
    )


def _step(raw: object, where: str, overall: str, problems: list[str]) -> Step | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a table")
        return None
    before = len(problems)
    kind = raw.get("kind")
    if kind not in STEP_KINDS:
        problems.append(f"{where}: kind: {_short(kind)} is not one of {', '.join(STEP_KINDS)}")
        return None
    where = f"{where} ({kind})"
    reader = _Reader(raw, where, problems)
    common = {"kind", "title", "weight", "required"}
    title = reader.text("title")
    weight = reader.number("weight", 0, 1000, default=1.0)
    if weight is not None and weight <= 0:
        problems.append(f"{where}: weight: must be more than 0")
    required = reader.boolean("required", default=False)
    if required and overall != "weighted":
        problems.append(f"{where}: required: only used with overall = \"weighted\" "
                        "(under \"all-steps\" every step is required)")
    step: Step | None
    if kind == "typing":
        reader.reject_unknown(common | {"duration_s", "category", "difficulty", "min_net_wpm",
                                        "min_accuracy"})
        from typing_test.core.typing.passages import CATEGORIES

        step = TypingStep(
            title=title or DEFAULT_TITLES[kind],
            duration_s=reader.integer("duration_s", MIN_TYPING_S, MAX_TYPING_S, required=True),
            min_net_wpm=reader.number("min_net_wpm", 0, MAX_NET_WPM, required=True),
            min_accuracy=reader.number("min_accuracy", 0, 100, default=0.0),
            category=reader.choice("category", tuple(CATEGORIES), default=None),
            difficulty=reader.choice("difficulty", PASSAGE_DIFFICULTIES, default=None),
            weight=weight,
            required=required,
        )
    elif kind in ("proofreading", "writing"):
        reader.reject_unknown(common | {"drills", "min_score"})
        step = DrillStep(
            kind=kind,
            title=title or DEFAULT_TITLES[kind],
            drills=reader.names("drills"),
            min_score=reader.number("min_score", 0, 100, required=True),
            weight=weight,
            required=required,
        )
    elif kind == "data-entry":
        reader.reject_unknown(common | {"mode", "tasks", "duration_s", "keypad_required",
                                        "min_kph", "min_accuracy"})
        mode = reader.choice("mode", ENTRY_MODES, default=None, required=True)
        keypad_required = reader.boolean("keypad_required", default=False)
        if keypad_required and mode == "form":
            problems.append(f"{where}: keypad_required: only used with mode = \"tenkey\" "
                            "(a form is keyed on the whole keyboard)")
        step = DataEntryStep(
            title=title or ENTRY_MODE_TITLES.get(mode or "", DEFAULT_TITLES[kind]),
            mode=mode or "",
            duration_s=reader.integer("duration_s", MIN_ENTRY_S, MAX_ENTRY_S, required=True),
            min_kph=reader.number("min_kph", 0, MAX_KPH, required=True),
            min_accuracy=reader.number("min_accuracy", 0, 100, default=DEFAULT_ENTRY_ACCURACY),
            tasks=reader.names("tasks", required=False) or None,
            keypad_required=keypad_required,
            weight=weight,
            required=required,
        )
    else:
        reader.reject_unknown(common | {"topics", "count", "time_limit_minutes", "min_score",
                                        "formula_tasks", "difficulties"})
        difficulties = reader.names("difficulties", required=False)
        for difficulty in difficulties or ():
            if difficulty not in QUIZ_DIFFICULTIES:
                problems.append(f"{where}: difficulties: {difficulty!r} is not one of "
                                f"{', '.join(QUIZ_DIFFICULTIES)}")
        step = QuizStep(
            title=title or DEFAULT_TITLES[kind],
            topics=reader.names("topics"),
            count=reader.integer("count", 1, MAX_QUIZ_COUNT, required=True),
            time_limit_minutes=reader.number("time_limit_minutes", 1, MAX_QUIZ_MINUTES,
                                             required=True),
            min_score=reader.number("min_score", 0, 100, required=True),
            formula_tasks=reader.choice("formula_tasks", FORMULA_TASKS, default="none"),
            difficulties=difficulties or None,
            weight=weight,
            required=required,
        )
    return step if len(problems) == before else None


class _Reader:
    """Reads the fields of one table, adding one line per problem to ``problems``."""

    def __init__(self, data: dict, where: str, problems: list[str]):
        self.data, self.where, self.problems = data, where, problems

    def _problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.where}: {key}: {message}")

    def reject_unknown(self, known: set[str]) -> None:
        _reject_unknown(self.data, known, self.where, self.problems)

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self._problem(key, "missing")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self._problem(key, f"must be {'non-empty ' if required else ''}text, "
                          f"not {_short(value)}")
            return None
        return value.strip()

    def number(self, key: str, low: float, high: float, *, required: bool = False,
               default: float | None = None) -> float | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self._problem(key, f"missing: a number from {low:g} to {high:g}")
            return default
        if (isinstance(value, bool) or not isinstance(value, int | float)
                or not math.isfinite(value) or not low <= value <= high):
            self._problem(key, f"must be a number from {low:g} to {high:g}, not {_short(value)}")
            return default
        return float(value)

    def integer(self, key: str, low: int, high: int, *, required: bool = False,
                default: int | None = None) -> int | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self._problem(key, f"missing: a whole number from {low} to {high}")
            return default
        # JSON read back from the store may give 300.0 for 300.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self._problem(key, f"must be a whole number from {low} to {high}, "
                          f"not {_short(value)}")
            return default
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self._problem(key, f"must be true or false, not {_short(value)}")
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None,
               required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self._problem(key, f"missing: one of {', '.join(choices)}")
            return default
        if value not in choices:
            self._problem(key, f"{_short(value)} is not one of {', '.join(choices)}")
            return default
        return value

    def names(self, key: str, required: bool = True) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            if required:
                self._problem(key, "missing: a list of ids")
            return ()
        if (not isinstance(value, list) or not value
                or not all(isinstance(item, str) and item.strip() for item in value)):
            self._problem(key, f"must be a non-empty list of ids, not {_short(value)}")
            return ()
        names = tuple(item.strip() for item in value)
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            self._problem(key, f"listed twice: {', '.join(twice)}")
        return tuple(dict.fromkeys(names))


def _reject_unknown(data: dict, known: set[str], where: str, problems: list[str]) -> None:
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(str(key), sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{where}: unknown key {str(key)!r}{hint}")


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def battery_to_dict(battery: Battery) -> dict:
    """The battery as the JSON the store keeps; ``battery_from_dict`` reads it back.

    >>> preset = load_presets()[0]
    >>> battery_from_dict(battery_to_dict(preset)) == preset
    True
    """
    data: dict[str, Any] = {"id": battery.id, "name": battery.name}
    if battery.description:
        data["description"] = battery.description
    data["overall"] = battery.overall
    if battery.overall == "weighted":
        data["pass_score"] = battery.pass_score
    data["show_results"] = battery.show_results
    data["retake_after_days"] = battery.retake.min_days_between
    if battery.retake.max_attempts is not None:
        data["max_attempts"] = battery.retake.max_attempts
    data["steps"] = [_step_to_dict(step) for step in battery.steps]
    return data


def _step_to_dict(step: Step) -> dict:
    data: dict[str, Any] = {"kind": step.kind, "title": step.title, "weight": step.weight}
    if step.required:
        data["required"] = True
    if isinstance(step, TypingStep):
        data |= {"duration_s": step.duration_s, "min_net_wpm": step.min_net_wpm,
                 "min_accuracy": step.min_accuracy}
        if step.category is not None:
            data["category"] = step.category
        if step.difficulty is not None:
            data["difficulty"] = step.difficulty
    elif isinstance(step, DrillStep):
        data |= {"drills": list(step.drills), "min_score": step.min_score}
    elif isinstance(step, DataEntryStep):
        data |= {"mode": step.mode, "duration_s": step.duration_s, "min_kph": step.min_kph,
                 "min_accuracy": step.min_accuracy}
        if step.tasks is not None:
            data["tasks"] = list(step.tasks)
        if step.keypad_required:
            data["keypad_required"] = True
    else:
        data |= {"topics": list(step.topics), "count": step.count,
                 "time_limit_minutes": step.time_limit_minutes, "min_score": step.min_score,
                 "formula_tasks": step.formula_tasks}
        if step.difficulties is not None:
            data["difficulties"] = list(step.difficulties)
    return data


def copy_battery(battery: Battery, new_id: str, name: str | None = None) -> Battery:
    """A copy of ``battery`` under a new id (and name: "Copy of ..." by default)."""
    return replace(battery, id=new_id, name=name or f"Copy of {battery.name}")


# ---------------------------------------------------------------------------
# Does a battery ask only for content that exists?


@dataclass(frozen=True)
class Catalogue:
    """The content a battery may draw on: drill ids by kind, passages as
    (category, difficulty) pairs, quiz questions (with ``topic``, ``type``
    and ``difficulty``) and data-entry tasks as (id, kind) pairs."""

    proofreading: frozenset[str]
    writing: frozenset[str]
    passages: tuple[tuple[str, str], ...]
    questions: tuple[Any, ...]
    entry_tasks: tuple[tuple[str, str], ...] = ()


def load_catalogue(extra_banks: Iterable[Any] = ()) -> Catalogue:
    """The catalogue of the shipped content (passages, drills, question banks,
    data-entry tasks), with the questions of ``extra_banks`` (the banks HR
    imported) too."""
    from typing_test.core.email.drills import load_drills
    from typing_test.core.quiz.banks import load_builtin_banks
    from typing_test.core.typing.entry_tasks import load_tasks
    from typing_test.core.typing.passages import load_passages

    drills = load_drills()
    passages, _problems = load_passages()
    banks = load_builtin_banks(evaluate_formulas=False)
    return Catalogue(
        proofreading=frozenset(drills.proofreading),
        writing=frozenset(drills.writing),
        passages=tuple((p.category, p.difficulty) for p in passages),
        questions=tuple(question for bank in [*banks, *extra_banks]
                        for question in bank.questions),
        entry_tasks=tuple((task.id, task.kind) for task in load_tasks()),
    )


def content_problems(battery: Battery, catalogue: Catalogue) -> list[str]:
    """What ``battery`` asks for that the content does not have, one line each
    (empty when every step can be given).

    >>> catalogue = Catalogue(frozenset({"a"}), frozenset(), (("policy", "easy"),), ())
    >>> content_problems(Battery("b", "B", (DrillStep("proofreading", "P", ("a", "z"), 70),)),
    ...                  catalogue)
    ["battery 'b': step 1 (proofreading): no proofreading drill 'z'"]
    """
    problems = []
    for number, step in enumerate(battery.steps, start=1):
        where = f"battery {battery.id!r}: step {number} ({step.kind})"
        if isinstance(step, TypingStep):
            if not any((step.category in (None, category))
                       and (step.difficulty in (None, difficulty))
                       for category, difficulty in catalogue.passages):
                problems.append(f"{where}: no passage of category {step.category or 'any'} "
                                f"and difficulty {step.difficulty or 'any'}")
        elif isinstance(step, DrillStep):
            known = catalogue.proofreading if step.kind == "proofreading" else catalogue.writing
            problems.extend(f"{where}: no {step.kind} drill {drill_id!r}"
                            for drill_id in step.drills if drill_id not in known)
        elif isinstance(step, DataEntryStep):
            problems.extend(f"{where}: {problem}"
                            for problem in _entry_task_problems(step, catalogue.entry_tasks))
        else:
            topics = {question.topic for question in catalogue.questions}
            fitting = {question.topic for question in catalogue.questions if step.asks(question)}
            for topic in step.topics:
                if topic not in topics:
                    problems.append(f"{where}: no quiz topic {topic!r}")
                elif topic not in fitting:
                    problems.append(f"{where}: topic {topic!r} has no question that fits "
                                    "formula_tasks and difficulties")
            available = sum(1 for question in catalogue.questions if step.asks(question))
            if available < step.count:
                problems.append(f"{where}: asks for {step.count} questions, but the banks hold "
                                f"only {available} that fit")
    return problems


def _entry_task_problems(step: DataEntryStep,
                         entry_tasks: Sequence[tuple[str, str]]) -> list[str]:
    """What a data-entry step asks for that the tasks (id, kind) do not have.

    >>> tasks = [("invoices", "form"), ("tenkey-codes", "tenkey")]
    >>> _entry_task_problems(DataEntryStep("E", "form", 300, 8000, tasks=("invoice",
    ...                      "tenkey-codes")), tasks)
    ["no data-entry task 'invoice' (did you mean 'invoices'?)", "task 'tenkey-codes' is a \
10-key task, not a form entry task"]
    """
    kinds = dict(entry_tasks)
    if step.tasks is None:
        if step.mode not in kinds.values():
            return [f"no data-entry task of mode {step.mode}"]
        return []
    problems = []
    for task_id in step.tasks:
        if task_id not in kinds:
            close = difflib.get_close_matches(task_id, sorted(kinds), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"no data-entry task {task_id!r}{hint}")
        elif kinds[task_id] != step.mode:
            problems.append(f"task {task_id!r} is a {ENTRY_MODE_NAMES.get(kinds[task_id])} "
                            f"task, not a {ENTRY_MODE_NAMES[step.mode]} task")
    return problems


def quiz_banks_for_step(step: QuizStep, banks: Iterable[Any]) -> list[Any]:
    """The banks with only the questions ``step`` may ask, for ``draw_quiz``:
    ``draw_quiz(quiz_banks_for_step(step, banks), step.count, topics=step.topics,
    pass_mark=step.min_score)``. Banks left with no question are dropped."""
    kept = []
    for bank in banks:
        questions = tuple(question for question in bank.questions if step.asks(question))
        if questions:
            kept.append(replace(bank, questions=questions))
    return kept

