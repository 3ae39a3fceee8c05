"""Load and validate the Office-skills question banks (TOML files in ``assets/quizzes/``).

A bank is one TOML file: a ``[bank]`` table (``topic``, ``title``) and a list of
``[[questions]]``. The format, with an example of every question type, is in
``docs/question-banks.md``.

Validation reports every problem in a file, not just the first, each with the
file, the question id and what to fix (:func:`validate_bank_file`). It also
runs the mutation analysis of every formula task (``mutations.py``): a
plausible wrong formula that the task's sheets grade right is a problem.
Loading runs the same checks but the mutation analysis, which is for authors
(it takes tens of milliseconds a task), and refuses a bank with any problem,
so a broken bank never half-loads (:func:`load_bank`,
:func:`load_builtin_banks`).

Hostile files get a problem, never an exception: a file larger than
``MAX_BANK_BYTES``, nesting too deep for the TOML reader, a number with
thousands of digits, a file name that is not valid text, a value outside
what a spreadsheet cell holds.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from typing_test.core.assets import ContentError, assets_dir
from typing_test.core.quiz import mutations
from typing_test.core.quiz.formulas import (
    FormulaCheck,
    FormulaError,
    FormulaValue,
    Grid,
    cell_address,
    check_formula,
    evaluate_formula,
    parse_address,
    values_match,
)

QuestionType = Literal["single", "multiple", "truefalse", "formula"]
Difficulty = Literal["basic", "intermediate", "advanced"]

QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "formula")
DIFFICULTIES: tuple[str, ...] = ("basic", "intermediate", "advanced")

# A formula task's grid is shown on screen whole, so it stays small.
MAX_GRID_ROWS = 40
MAX_GRID_COLUMNS = 12

# Limits far above any real bank (the largest built-in bank is 35 KB with 64
# questions), so that a hostile or mistaken file is refused quickly with a
# clear message instead of keeping the validator busy for minutes.
MAX_BANK_BYTES = 2_000_000
MAX_QUESTIONS = 500
MAX_FORMULA_TASKS = 100
MAX_HIDDEN_SHEETS = 20
MAX_ALTERNATIVES = 20
# Excel's own limits: a formula of 8,192 characters, a cell of 32,767
# characters, numbers up to 9.99999999999999E+307 kept to 15 digits (a longer
# whole number, such as an account number, belongs in quotes as text), and
# dates from 1900 on (1 March 1900, after Excel's non-existent 29 February).
MAX_FORMULA_LENGTH = 8192
MAX_CELL_TEXT = 32767
MAX_CELL_NUMBER = 9.99999999999999e307
MAX_WHOLE_NUMBER = 10**15
FIRST_DATE = datetime.date(1900, 3, 1)

# Functions whose value changes from one calculation to the next: a reference
# formula using one could not be matched reliably.
VOLATILE_FUNCTIONS = frozenset({"TODAY", "NOW", "RAND", "RANDBETWEEN", "RANDARRAY"})

_TOPIC_ID = re.compile(r"[a-z][a-z0-9-]*")
_QUESTION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

_BANK_KEYS = ("topic", "title", "description")
_COMMON_KEYS = ("id", "type", "difficulty", "prompt", "explanation", "answer")
_KEYS_BY_TYPE = {
    "single": _COMMON_KEYS + ("options",),
    "multiple": _COMMON_KEYS + ("options",),
    "truefalse": _COMMON_KEYS,
    "formula": _COMMON_KEYS
    + ("target", "grid", "variant", "more_variants", "alternatives", "match_case"),
}
_ALL_QUESTION_KEYS = tuple(dict.fromkeys(key for keys in _KEYS_BY_TYPE.values() for key in keys))


@dataclass(frozen=True)
class FormulaTask:
    """The sheet of a formula question.

    ``grid`` is shown to the candidate; ``variant`` and each grid of
    ``more_variants`` have the same shape and other numbers and are never
    shown. ``target`` (e.g. ``"B6"``) is the empty cell the formula goes in;
    ``reference`` is the author's formula. ``alternatives`` are other formulas
    the author checked to be right; ``match_case`` makes text answers compare
    with exact letter case.
    """

    target: str
    grid: Grid
    variant: Grid
    reference: str
    alternatives: tuple[str, ...] = ()
    match_case: bool = False
    more_variants: tuple[Grid, ...] = ()

    @cached_property
    def expected(self) -> tuple[FormulaValue, ...]:
        """The reference formula's values, one per grid: on ``grid``, on
        ``variant``, then on each of ``more_variants`` in order.

        Worked out on first use, not when the bank loads, so that starting the
        app does not evaluate every task; a bank that passed validation
        always evaluates here.
        """
        return tuple(
            evaluate_formula(sheet, self.target, self.reference)
            for sheet in (self.grid, *self.hidden_grids())
        )

    def hidden_grids(self) -> tuple[Grid, ...]:
        """The grids never shown, in grading order: ``variant``, then ``more_variants``."""
        return (self.variant, *self.more_variants)

    def check(self, answer: str) -> FormulaCheck:
        """Grade a typed formula on every grid of the task (see ``check_formula``)."""
        return check_formula(
            self.grid,
            self.variant,
            self.target,
            self.expected,
            answer,
            match_case=self.match_case,
            more_variants=self.more_variants,
        )

    def as_json(self) -> dict:
        """The task as JSON data; dates in the grids become ISO strings."""
        return {
            "target": self.target,
            "grid": _grid_json(self.grid),
            "variant": _grid_json(self.variant),
            "more_variants": [_grid_json(sheet) for sheet in self.more_variants],
            "expected": [value.as_json() for value in self.expected],
            "alternatives": list(self.alternatives),
            "match_case": self.match_case,
        }


@dataclass(frozen=True)
class Question:
    """One question of a bank.

    ``answer`` depends on ``type``: ``single``, the text of the right option;
    ``multiple``, a tuple of the texts of every right option; ``truefalse``, a
    bool; ``formula``, the reference formula (``formula`` then holds the sheet).
    ``options`` is empty for ``truefalse`` and ``formula`` questions.
    """

    id: str
    topic: str
    type: QuestionType
    difficulty: Difficulty
    prompt: str
    explanation: str
    answer: str | tuple[str, ...] | bool
    options: tuple[str, ...] = ()
    formula: FormulaTask | None = None

    def as_json(self) -> dict:
        """The question as JSON data."""
        return {
            "id": self.id,
            "topic": self.topic,
            "type": self.type,
            "difficulty": self.difficulty,
            "prompt": self.prompt,
            "explanation": self.explanation,
            "answer": list(self.answer) if isinstance(self.answer, tuple) else self.answer,
            "options": list(self.options),
            "formula": None if self.formula is None else self.formula.as_json(),
        }


@dataclass(frozen=True)
class Bank:
    """A loaded, valid question bank: one TOML file."""

    topic: str
    title: str
    path: Path
    questions: tuple[Question, ...]

    def counts(self) -> dict[str, int]:
        """How many questions of each type, e.g. ``{"single": 12, "formula": 0, ...}``."""
        return _count_types(question.type for question in self.questions)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank file.

    ``question_id`` is the question's id, ``"#3"`` for a third question that has
    no usable id, or ``""`` for a problem of the file or its ``[bank]`` table.
    """

    file: str
    question_id: str
    message: str

    def __str__(self) -> str:
        if self.question_id:
            return f"{self.file}: {self.question_id}: {self.message}"
        return f"{self.file}: {self.message}"

    def as_json(self) -> dict:
        """The problem as JSON data."""
        return {"file": self.file, "question_id": self.question_id, "message": self.message}


@dataclass(frozen=True)
class BankReport:
    """What :func:`validate_bank_file` found in one file.

    ``counts`` is the number of questions per type as written (a question of
    an unknown type counts under ``"unknown"``); ``topic`` and ``title`` are
    ``""`` when missing.
    """

    path: Path
    topic: str
    title: str
    problems: tuple[Problem, ...]
    counts: dict[str, int] = field(default_factory=dict)
    mutants: MutantCounts | None = None
    replaces: str = ""

    @property
    def ok(self) -> bool:
        """True when the file has no problem."""
        return not self.problems

    def format(self) -> str:
        """A human-readable report: one line per problem, then a summary line."""
        lines = [str(problem) for problem in self.problems]
        name = display_path(self.path)
        if self.replaces:
            lines.insert(
                0, f"{name}: checked as the new version of the built-in bank {self.replaces}"
            )
        if self.mutants is not None and self.mutants.tasks:
            lines.append(f"{name}: {self.mutants.describe()}")
        total = sum(self.counts.values())
        per_type = ", ".join(f"{count} {kind}" for kind, count in self.counts.items() if count)
        summary = f"{display_path(self.path)}: {total} questions ({per_type or 'none'})"
        if self.problems:
            noun = "problem" if len(self.problems) == 1 else "problems"
            summary += f", {len(self.problems)} {noun}"
        else:
            summary += ", OK"
        return "\n".join([*lines, summary])

    def as_json(self) -> dict:
        """The report as JSON data, for ``typing-test bank validate --json``."""
        return {
            "path": display_path(self.path),
            "topic": self.topic,
            "title": self.title,
            "ok": self.ok,
            "counts": dict(self.counts),
            "problems": [problem.as_json() for problem in self.problems],
            "replaces": self.replaces or None,
            "mutants": None if self.mutants is None else self.mutants.as_json(),
        }


@dataclass(frozen=True)
class MutantCounts:
    """The mutation analysis of a file's formula tasks, added up.

    ``tried`` plausible wrong formulas were graded; ``caught`` were graded
    wrong; ``equivalent`` passed but equal the reference on every plausible
    sheet (right answers written another way, not problems); ``surviving``
    passed and are wrong, each a problem of the report. ``not_analysed``
    tasks had a formula too long to analyse (``mutations.MAX_ANALYSED_FORMULA_LENGTH``).
    """

    tasks: int
    tried: int
    caught: int
    equivalent: int
    surviving: int
    not_analysed: int = 0

    def describe(self) -> str:
        """One line, e.g. "1234 plausible wrong formulas tried on 30 formula tasks: ..."."""
        tasks = "1 formula task" if self.tasks == 1 else f"{self.tasks} formula tasks"
        line = (
            f"{self.tried} plausible wrong formulas tried on {tasks}: "
            f"{self.caught} graded wrong, {self.surviving} graded right "
            f"({self.equivalent} more are right answers written another way)"
        )
        if self.not_analysed:
            line += (
                f"; {self.not_analysed} not analysed, their formulas being over "
                f"{mutations.MAX_ANALYSED_FORMULA_LENGTH} characters"
            )
        return line

    def as_json(self) -> dict:
        """The counts as JSON data."""
        return {
            "tasks": self.tasks,
            "tried": self.tried,
            "caught": self.caught,
            "equivalent": self.equivalent,
            "surviving": self.surviving,
            "not_analysed": self.not_analysed,
        }


# ---------------------------------------------------------------------------
# Public entry points


def quizzes_dir() -> Path:
    """The folder of the built-in question banks."""
    return assets_dir() / "quizzes"


def validate_bank_file(
    path: Path | str,
    *,
    against_builtin: bool = False,
    replacing_builtin: bool = False,
    mutation_analysis: bool = True,
) -> BankReport:
    """Check one bank file and report every problem found in it.

    With ``against_builtin``, question ids are also checked against the
    built-in banks (the file itself excepted, when it is one of them). With
    ``replacing_builtin`` too, a file with the topic and the file name of a
    built-in bank is checked as its new version, as an author editing
    ``assets/quizzes/word.toml`` means it: that built-in bank's ids are not
    counted as taken (``BankReport.replaces`` names it). With
    ``mutation_analysis`` (the default) every formula task is checked for
    plausible wrong formulas that its sheets grade right (see ``mutations.py``).
    Never raises for a broken file; an unreadable file is a problem too.
    """
    path = Path(path)
    reading = _read_bank_file(path)
    problems = list(reading.problems)
    replaces = _builtin_bank_replaced(path, reading.topic) if replacing_builtin else None
    counts = None
    if mutation_analysis:
        counts = _analyse_formula_tasks(path, reading.questions, problems)
    if against_builtin:
        taken = _builtin_ids(exclude=path if replaces is None else replaces)
        for question_id in reading.ids:
            if question_id in taken:
                problems.append(
                    _problem(
                        path,
                        question_id,
                        f"id already used in the built-in bank {taken[question_id].name}: "
                        "choose another id",
                    )
                )
    return BankReport(
        path,
        reading.topic,
        reading.title,
        tuple(problems),
        reading.counts,
        mutants=counts,
        replaces="" if replaces is None else replaces.name,
    )


def _analyse_formula_tasks(
    path: Path, questions: Iterable[Question], problems: list[Problem]
) -> MutantCounts:
    """Run the mutation analysis on every valid formula task, adding a problem per survivor."""
    tasks = tried = caught = equivalent = surviving = not_analysed = 0
    for question in questions:
        if question.formula is None or not isinstance(question.answer, str):
            continue
        report = mutations.analyse_task(question.formula, question.answer)
        tasks += 1
        not_analysed += bool(report.skipped)
        tried += report.tried
        caught += report.caught
        equivalent += len(report.equivalent)
        surviving += len(report.survivors)
        for survivor in report.survivors:
            mutant = survivor.mutant
            problems.append(
                _problem(
                    path,
                    question.id,
                    f"the wrong formula {mutant.formula} ({mutant.how}) gives the reference's "
                    "value on every sheet, so it is graded right: add a sheet to more_variants "
                    f"on which it differs, like {survivor.sheet}",
                )
            )
    return MutantCounts(tasks, tried, caught, equivalent, surviving, not_analysed)


def builtin_bank_replaced(path: Path | str) -> Path | None:
    """The built-in bank that the bank file at ``path`` is a new version of, if any.

    That is the built-in bank with the same file name and the same topic: an
    author editing ``assets/quizzes/word.toml``, or a copy of it, means to
    replace the built-in Word bank, not to add a second one beside it.
    """
    path = Path(path)
    return _builtin_bank_replaced(path, _read_bank_file(path).topic)


def _builtin_bank_replaced(path: Path, topic: str) -> Path | None:
    if not topic:
        return None
    builtin = quizzes_dir() / path.name
    if not builtin.is_file():
        return None
    try:
        data = tomllib.loads(_strip_bom(builtin.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    table = data.get("bank")
    if isinstance(table, dict) and table.get("topic") == topic:
        return builtin
    return None


def load_bank(path: Path | str) -> Bank:
    """Load one bank file. Raises :class:`ContentError` listing every problem."""
    path = Path(path)
    reading = _read_bank_file(path)
    if reading.bank is None:
        raise ContentError(_problems_message(reading.problems))
    return reading.bank


def load_builtin_banks(
    folder: Path | str | None = None, *, evaluate_formulas: bool = True
) -> list[Bank]:
    """Load every ``*.toml`` bank in ``folder`` (default: the built-in quizzes folder).

    Banks come back sorted by file name. Raises :class:`ContentError` listing
    every problem in every file, duplicate ids across files included. The app
    passes ``evaluate_formulas=False`` for the banks it ships: the tests
    evaluate every formula task of those, so start-up need not.
    """
    folder = quizzes_dir() if folder is None else Path(folder)
    problems: list[Problem] = []
    banks: list[Bank] = []
    first_file_of_id: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        reading = _read_bank_file(path, evaluate_formulas)
        problems.extend(reading.problems)
        if reading.bank is not None:
            banks.append(reading.bank)
        for question_id in reading.ids:
            if question_id in first_file_of_id:
                other = first_file_of_id[question_id].name
                problems.append(
                    _problem(path, question_id, f"id already used in {other}: choose another id")
                )
            else:
                first_file_of_id[question_id] = path
    if problems:
        raise ContentError(_problems_message(problems))
    return banks


def imported_banks_folder(database: Path | str) -> Path:
    """The folder of the banks HR imported: ``question-banks/`` beside the database file."""
    return Path(database).expanduser().resolve().parent / "question-banks"


def load_imported_banks(
    folder: Path | str, taken_ids: Iterable[str]
) -> tuple[list[Bank], list[str]]:
    """The valid banks of an import folder, and a message for each file left out.

    A broken file, or one reusing an id of ``taken_ids`` (the built-in banks')
    or of an earlier file, is left out and reported; it never takes the
    others down with it. Files load in file-name order.
    """
    folder = Path(folder)
    known = set(taken_ids)
    banks: list[Bank] = []
    left_out: list[str] = []
    if not folder.is_dir():
        return banks, left_out
    for path in sorted(folder.glob("*.toml")):
        try:
            bank = load_bank(path)
        except ContentError as error:
            left_out.append(str(error))
            continue
        ids = {question.id for question in bank.questions}
        clashes = known & ids
        if clashes:
            left_out.append(f"{path.name}: question ids already used: {', '.join(sorted(clashes))}")
            continue
        known |= ids
        banks.append(bank)
    return banks, left_out


def topic_titles(banks: Iterable[Bank]) -> dict[str, str]:
    """Each topic id with its title, in the order first seen.

    Several banks may share a topic (``excel.toml`` and ``excel-formulas.toml``);
    the first bank's title names it.
    """
    titles: dict[str, str] = {}
    for bank in banks:
        titles.setdefault(bank.topic, bank.title)
    return titles


def questions_by_id(banks: Iterable[Bank]) -> dict[str, Question]:
    """Every question of the banks, by id."""
    return {question.id: question for bank in banks for question in bank.questions}


# ---------------------------------------------------------------------------
# Reading one file


@dataclass
class _Reading:
    """Everything learnt from one file; ``bank`` is None when there are problems."""

    path: Path
    topic: str = ""
    title: str = ""
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    bank: Bank | None = None
    # The questions without a problem, even when others have one.
    questions: list[Question] = field(default_factory=list)


def _read_bank_file(path: Path, evaluate_formulas: bool = True) -> _Reading:
    reading = _Reading(path)
    data, problem = _parse_bank_file(path)
    if data is None:
        reading.problems.append(_problem(path, "", problem))
        return reading

    problems = reading.problems
    for key in data:
        if key not in ("bank", "questions"):
            problems.append(
                _problem(path, "", f"unknown top-level key {key!r}: {_key_hint(key, ('bank',))}")
            )

    reading.topic, reading.title = _check_bank_table(path, data.get("bank"), problems)

    raw_questions = data.get("questions")
    if raw_questions is None:
        problems.append(_problem(path, "", "no [[questions]]: add at least one question"))
        raw_questions = []
    elif not isinstance(raw_questions, list) or not raw_questions:
        problems.append(_problem(path, "", "questions must be [[questions]] tables"))
        raw_questions = []

    formula_count = sum(isinstance(q, dict) and q.get("type") == "formula" for q in raw_questions)
    if len(raw_questions) > MAX_QUESTIONS or formula_count > MAX_FORMULA_TASKS:
        problems.append(
            _problem(
                path,
                "",
                f"{len(raw_questions)} questions, {formula_count} of them formula tasks: a bank "
                f"holds at most {MAX_QUESTIONS} questions and {MAX_FORMULA_TASKS} formula tasks; "
                "split it into several banks",
            )
        )
        return reading

    questions: list[Question] = []
    seen_ids: set[str] = set()
    types_written: list[str] = []
    for position, raw in enumerate(raw_questions, start=1):
        if not isinstance(raw, dict):
            problems.append(
                _problem(path, f"#{position}", "a question must be a [[questions]] table")
            )
            continue
        label = _question_label(raw, position)
        raw_type = raw.get("type")
        types_written.append(raw_type if raw_type in QUESTION_TYPES else "unknown")
        question_id = raw.get("id")
        if isinstance(question_id, str) and question_id:
            if question_id in seen_ids:
                problems.append(
                    _problem(path, label, "duplicate id in this file: make each id unique")
                )
            else:
                seen_ids.add(question_id)
                reading.ids.append(question_id)
        question_problems: list[str] = []
        question = _check_question(raw, reading.topic, question_problems, evaluate_formulas)
        problems.extend(_problem(path, label, message) for message in question_problems)
        if question is not None:
            questions.append(question)

    reading.counts = _count_types(types_written)
    reading.questions = questions
    if not problems:
        reading.bank = Bank(reading.topic, reading.title, path, tuple(questions))
    return reading


def _parse_bank_file(path: Path) -> tuple[dict | None, str]:
    """The TOML data of a bank file, or None and the problem that stops reading it."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BANK_BYTES + 1)
    except FileNotFoundError:
        return None, "file not found"
    except IsADirectoryError:
        return None, "is a folder, not a bank file"
    except OSError as error:
        return None, f"cannot read the file ({error.strerror})"
    if len(raw) > MAX_BANK_BYTES:
        return None, (
            f"the file is larger than {MAX_BANK_BYTES // 1_000_000} MB, far larger than any "
            "question bank: split it or check that it is the right file"
        )
    try:
        text = _strip_bom(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8 text: save the file as UTF-8"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, f"invalid TOML: {error}: fix the syntax there"
    except RecursionError:
        return None, "invalid TOML: lists or tables are nested too deeply to read"
    except ValueError as error:  # e.g. a whole number of more than 4300 digits
        return None, f"invalid TOML: {_short_text(str(error), 100)}"
    return data, ""


def _strip_bom(text: str) -> str:
    """The text without the byte-order mark some editors put at the start of a UTF-8 file."""
    return text[1:] if text.startswith("\ufeff") else text


def _check_bank_table(path: Path, table: object, problems: list[Problem]) -> tuple[str, str]:
    if table is not None and not isinstance(table, dict):
        problems.append(
            _problem(path, "", 'bank must be a table: write [bank] on its own line, then topic')
        )
        return "", ""
    if not isinstance(table, dict):
        problems.append(
            _problem(path, "", 'missing [bank] table: add [bank] with topic = "..." and title')
        )
        return "", ""
    for key in table:
        if key not in _BANK_KEYS:
            problems.append(
                _problem(
                    path, "", f"unknown key {_short(key)} in [bank]: {_key_hint(key, _BANK_KEYS)}"
                )
            )
    for key in _BANK_KEYS:
        if key in table and not isinstance(table[key], str):
            problems.append(
                _problem(path, "", f'{key} in [bank] must be text in quotes: {key} = "..."')
            )
    description = table.get("description")
    if isinstance(description, str) and not description.strip():
        problems.append(_problem(path, "", "description in [bank] is empty: write it or remove it"))
    topic = table.get("topic")
    if not isinstance(topic, str):
        if topic is None:
            problems.append(
                _problem(path, "", 'missing topic in [bank]: add e.g. topic = "word"')
            )
        topic = ""
    elif not topic:
        problems.append(_problem(path, "", 'missing topic in [bank]: add e.g. topic = "word"'))
    elif not _TOPIC_ID.fullmatch(topic):
        problems.append(
            _problem(
                path,
                "",
                f"topic {_short(topic)} is not a short id: use lowercase letters, digits and "
                "hyphens, starting with a letter",
            )
        )
    title = table.get("title")
    if not isinstance(title, str):
        if title is None:
            problems.append(
                _problem(path, "", 'missing title in [bank]: add e.g. title = "Microsoft Word"')
            )
        title = ""
    elif not title.strip():
        problems.append(
            _problem(path, "", 'missing title in [bank]: add e.g. title = "Microsoft Word"')
        )
        title = ""
    return topic, title


def _check_question(
    raw: dict, topic: str, problems: list[str], evaluate_formulas: bool = True
) -> Question | None:
    """Check one question table, adding a message per problem; the Question if none.

    With ``evaluate_formulas`` False a formula task's formulas are not run
    (see ``load_builtin_banks``); everything else is checked."""
    question_type = raw.get("type")
    if question_type is None:
        problems.append(f"missing type: use one of {_or_list(QUESTION_TYPES)}")
    elif question_type not in QUESTION_TYPES:
        problems.append(
            f"unknown type {_short(question_type)}: use one of {_or_list(QUESTION_TYPES)}"
        )

    known = question_type if isinstance(question_type, str) else ""
    allowed = _KEYS_BY_TYPE.get(known, _ALL_QUESTION_KEYS)
    for key in raw:
        if key not in allowed:
            if key in _ALL_QUESTION_KEYS:
                problems.append(f"a {question_type} question has no {key}: remove {key}")
            else:
                problems.append(
                    f"unknown field {_short(key)}: {_key_hint(key, _ALL_QUESTION_KEYS)}"
                )

    question_id = raw.get("id")
    if question_id is None:
        problems.append('missing id: add a unique id such as id = "word-001"')
    elif not isinstance(question_id, str) or not _QUESTION_ID.fullmatch(question_id):
        problems.append(
            f"id {_short(question_id)} is not usable: use letters, digits, '-', '_' or '.', "
            "no spaces"
        )

    difficulty = raw.get("difficulty")
    if difficulty is None:
        problems.append(f"missing difficulty: use one of {_or_list(DIFFICULTIES)}")
    elif difficulty not in DIFFICULTIES:
        problems.append(
            f"unknown difficulty {_short(difficulty)}: use one of {_or_list(DIFFICULTIES)}"
        )

    prompt = _required_text(raw, "prompt", problems)
    explanation = _required_text(raw, "explanation", problems)

    options: tuple[str, ...] = ()
    answer: str | tuple[str, ...] | bool | None = None
    formula: FormulaTask | None = None
    if "answer" not in raw:
        problems.append("missing answer")
    if question_type in ("single", "multiple"):
        options = _check_options(raw.get("options"), problems)
        if "answer" in raw:
            answer = _check_choice_answer(question_type, raw["answer"], options, problems)
    elif question_type == "truefalse":
        if "answer" in raw:
            if isinstance(raw["answer"], bool):
                answer = raw["answer"]
            else:
                problems.append("answer of a truefalse question must be true or false (no quotes)")
    elif question_type == "formula":
        formula = _check_formula_task(raw, problems, evaluate_formulas)
        answer = raw["answer"] if formula is not None else None

    if problems or answer is None:
        return None
    return Question(
        id=str(question_id),
        topic=topic,
        type=question_type,
        difficulty=difficulty,
        prompt=prompt,
        explanation=explanation,
        answer=answer,
        options=options,
        formula=formula,
    )


def _required_text(raw: dict, key: str, problems: list[str]) -> str:
    value = raw.get(key)
    if value is None:
        problems.append(f'missing {key}: add {key} = "..."')
        return ""
    if not isinstance(value, str):
        problems.append(f'{key} must be text in quotes: {key} = "..."')
        return ""
    if not value.strip():
        problems.append(f"{key} is empty: write the {key} as text")
        return ""
    return value.strip()


def _check_options(raw_options: object, problems: list[str]) -> tuple[str, ...]:
    if raw_options is None:
        problems.append('missing options: add options = ["...", "..."]')
        return ()
    if not isinstance(raw_options, list) or not all(isinstance(o, str) for o in raw_options):
        problems.append('options must be a list of texts: options = ["...", "..."]')
        return ()
    options = tuple(raw_options)
    if len(options) < 2:
        problems.append(f"only {len(options)} option: give at least 2 options")
    for number, option in enumerate(options, start=1):
        if not option.strip():
            problems.append(f"option {number} is empty: write it or remove it")
    seen: dict[str, int] = {}
    for number, option in enumerate(options, start=1):
        key = " ".join(option.split()).casefold()
        if key and key in seen:
            problems.append(
                f"options {seen[key]} and {number} are the same ({_short(option)}): "
                "make them differ"
            )
        else:
            seen.setdefault(key, number)
    return options


def _check_choice_answer(
    question_type: str, raw_answer: object, options: tuple[str, ...], problems: list[str]
) -> str | tuple[str, ...] | None:
    if question_type == "single":
        if not isinstance(raw_answer, str):
            problems.append("answer of a single question must be the text of one option")
            return None
        if options and raw_answer not in options:
            problems.append(_not_an_option(raw_answer, options))
            return None
        return raw_answer
    if not isinstance(raw_answer, list) or not all(isinstance(a, str) for a in raw_answer):
        problems.append('answer of a multiple question must be a list of option texts: ["..."]')
        return None
    if not raw_answer:
        problems.append("answer is empty: list every right option")
        return None
    wrong = [text for text in raw_answer if options and text not in options]
    for text in wrong:
        problems.append(_not_an_option(text, options))
    for text, count in Counter(raw_answer).items():
        if count > 1:
            problems.append(f"answer lists {_short(text)} {count} times: list it once")
    if options and not wrong and set(raw_answer) >= set(options):
        problems.append("every option is in the answer: add at least one wrong option")
    if wrong:
        return None
    return tuple(raw_answer)


def _not_an_option(text: str, options: tuple[str, ...]) -> str:
    message = f"answer {_short(text)} is not among the options"
    close = [option for option in options if option.strip().casefold() == text.strip().casefold()]
    if close:
        return (
            f"{message}: did you mean {_short(close[0])}? The answer must match an option exactly"
        )
    return f"{message}: copy the right option's text exactly"


# ---------------------------------------------------------------------------
# Formula tasks


def _check_formula_task(
    raw: dict, problems: list[str], evaluate_formulas: bool = True
) -> FormulaTask | None:
    start = len(problems)
    target = raw.get("target")
    target_cell: tuple[int, int] | None = None
    if target is None:
        problems.append('missing target: add the cell the formula goes in, e.g. target = "B6"')
    elif not isinstance(target, str):
        problems.append('target must be a cell address in quotes, e.g. target = "B6"')
    else:
        try:
            target_cell = parse_address(target)
        except ValueError:
            problems.append(f'target {_short(target)} is not a cell address: write it like "B6"')
        else:
            target = cell_address(*target_cell)

    # Every sheet is kept as (name, grid), the grid None once it has a problem;
    # the name says in each problem which sheet it is about.
    grid = _check_grid(raw.get("grid"), "grid", problems)
    hidden = [("variant", _check_grid(raw.get("variant"), "variant", problems))]
    raw_more = raw.get("more_variants")
    more = [] if raw_more is None else _more_variants_list(raw_more, problems)
    for number, raw_sheet in enumerate(more, start=1):
        name = f"more_variants[{number}]"
        hidden.append((name, _check_grid(raw_sheet, name, problems)))
    if grid is not None:
        grid_shape = _grid_shape(grid)
        for position, (name, sheet) in enumerate(hidden):
            if sheet is not None and _grid_shape(sheet) != grid_shape:
                problems.append(
                    f"{name} is {_shape(_grid_shape(sheet))} but grid is {_shape(grid_shape)}: "
                    f"give {_the(name)} the same layout as the grid"
                )
                hidden[position] = (name, None)  # its target cell would only repeat the problem
    # A variant equal to the grid is caught below, by its reference value.
    seen: dict[Grid, str] = {} if grid is None else {grid: "grid"}
    for name, sheet in hidden:
        if sheet is None:
            continue
        if sheet in seen and name != "variant":
            problems.append(
                f"{name} is the same as {_the(seen[sheet])}, so it checks nothing more: "
                "change its numbers or remove it"
            )
        seen.setdefault(sheet, name)
    sheets = [("grid", grid), *hidden]
    if target_cell is not None:
        for name, sheet in sheets:
            if sheet is None:
                continue
            row, column = target_cell
            if row > len(sheet) or column > len(sheet[0]):
                problems.append(
                    f"target {target} is outside {_the(name)} "
                    f"({_shape(_grid_shape(sheet))}): make it include the target cell"
                )
            elif sheet[row - 1][column - 1] is not None:
                problems.append(
                    f'target {target} is not empty in {_the(name)}: put "" in that cell'
                )

    match_case = raw.get("match_case", False)
    if not isinstance(match_case, bool):
        problems.append("match_case must be true or false (no quotes)")
    alternatives = raw.get("alternatives", [])
    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        problems.append('alternatives must be a list of formulas: alternatives = ["=..."]')
        alternatives = []
    elif len(alternatives) > MAX_ALTERNATIVES:
        problems.append(
            f"{len(alternatives)} alternatives: keep the {MAX_ALTERNATIVES} that matter most"
        )
        alternatives = []
    for alternative in alternatives:
        if len(alternative) > MAX_FORMULA_LENGTH:
            problems.append(
                f"alternative {_short(alternative)} is {len(alternative)} characters long: "
                f"Excel allows {MAX_FORMULA_LENGTH}"
            )

    reference = raw.get("answer")
    if reference is None:
        return None  # "missing answer" is already reported
    if not isinstance(reference, str) or not reference.strip().startswith("="):
        problems.append('answer of a formula task must be the reference formula: "=SUM(B2:B4)"')
        return None
    if len(reference) > MAX_FORMULA_LENGTH:
        problems.append(
            f"the reference formula is {len(reference)} characters long: Excel allows "
            f"{MAX_FORMULA_LENGTH}"
        )
        return None
    volatile = _volatile_functions(reference)
    if volatile:
        problems.append(
            f"the reference formula uses {', '.join(volatile)}, which changes on every "
            "calculation: put the date or number in a cell and refer to it"
        )
    # A sheet is None only after a problem about it, so past this point none is.
    if len(problems) > start or target_cell is None:
        return None
    if not evaluate_formulas:
        return _formula_task(target, grid, hidden, reference, alternatives, match_case)

    expected = []
    for name, sheet in sheets:
        try:
            value = evaluate_formula(sheet, target, reference)
        except FormulaError as error:
            problems.append(f"the reference formula does not evaluate on {_the(name)}: {error}")
            continue
        if value.kind == "error":
            problems.append(
                f"the reference formula gives {value.display()} on {_the(name)}: fix the "
                "formula or the cells it uses"
            )
            continue
        expected.append(value)
    if len(expected) < len(sheets):
        return None
    if values_match(expected[0], expected[1], match_case=match_case):
        problems.append(
            f"the reference formula gives {expected[0].display()} on both the grid and the "
            "variant, so a typed-in value would pass: change the variant's numbers"
        )
        return None

    for alternative in alternatives:
        for (name, sheet), value in zip(sheets, expected, strict=True):
            try:
                got = evaluate_formula(sheet, target, alternative)
            except FormulaError as error:
                problems.append(f"alternative {alternative!r} fails on {_the(name)}: {error}")
                break
            if not values_match(value, got, match_case=match_case):
                problems.append(
                    f"alternative {alternative!r} gives {got.display()} on {_the(name)}, the "
                    f"reference gives {value.display()}: fix or remove the alternative"
                )
                break
    if len(problems) > start:
        return None
    return _formula_task(target, grid, hidden, reference, alternatives, match_case)


def _formula_task(
    target: str,
    grid: Grid,
    hidden: list[tuple[str, Grid | None]],
    reference: str,
    alternatives: list[str],
    match_case: bool,
) -> FormulaTask:
    """The checked task: ``hidden`` holds the variant first, then ``more_variants``."""
    return FormulaTask(
        target=target,
        grid=grid,
        variant=hidden[0][1],
        reference=reference,
        alternatives=tuple(alternatives),
        match_case=match_case,
        more_variants=tuple(sheet for _, sheet in hidden[1:]),
    )


def _more_variants_list(raw: object, problems: list[str]) -> list[object]:
    """The grids of ``more_variants``, each still to be checked; [] after a problem."""
    how = "more_variants must be a list of grids: more_variants = [ [[...], [...]], ... ]"
    if not isinstance(raw, list):
        problems.append(how)
        return []
    if not raw:
        problems.append("more_variants is empty: add a grid or remove more_variants")
        return []
    if len(raw) > MAX_HIDDEN_SHEETS:
        problems.append(
            f"more_variants holds {len(raw)} grids: keep it within {MAX_HIDDEN_SHEETS}, each "
            "catching a wrong formula the others miss"
        )
        return []
    # One grid written without the outer brackets is a list of rows of cells.
    if all(isinstance(row, list) and not any(isinstance(c, list) for c in row) for row in raw):
        problems.append(f"{how}, with even a single grid inside [ ]")
        return []
    return raw


def _check_grid(raw_grid: object, name: str, problems: list[str]) -> Grid | None:
    if raw_grid is None:
        problems.append(f"missing {name}: add {name} = [[...], [...]], one list per row")
        return None
    if (
        not isinstance(raw_grid, list)
        or not raw_grid
        or not all(isinstance(row, list) and row for row in raw_grid)
    ):
        problems.append(f"{name} must be a list of rows, each a list of cells: [[...], [...]]")
        return None
    start = len(problems)
    width = len(raw_grid[0])
    if len(raw_grid) > MAX_GRID_ROWS or width > MAX_GRID_COLUMNS:
        problems.append(
            f"{name} is {_shape((len(raw_grid), width))}: keep it within {MAX_GRID_ROWS} rows "
            f"and {MAX_GRID_COLUMNS} columns"
        )
        return None  # its cells would only add problems, maybe thousands
    rows = []
    for row_number, raw_row in enumerate(raw_grid, start=1):
        if len(raw_row) != width:
            problems.append(
                f"{name} row {row_number} has {len(raw_row)} cells, row 1 has {width}: "
                'give every row the same number of cells ("" for an empty cell)'
            )
        cells = []
        for column_number, raw_cell in enumerate(raw_row, start=1):
            cell, problem = _grid_cell(raw_cell)
            if problem:
                where = cell_address(row_number, column_number)
                problems.append(f"{name} cell {where} {problem}")
            cells.append(cell)
        rows.append(tuple(cells))
    if len(problems) > start:
        return None
    return tuple(rows)


def _grid_cell(raw: object) -> tuple[object, str]:
    """A TOML value as a grid cell, or a problem: "" is an empty cell."""
    if isinstance(raw, str):
        if len(raw) > MAX_CELL_TEXT:
            return None, f"holds {len(raw)} characters: a cell holds at most {MAX_CELL_TEXT}"
        return (raw if raw != "" else None), ""
    if isinstance(raw, bool):
        return raw, ""
    if isinstance(raw, int):
        if abs(raw) >= MAX_WHOLE_NUMBER:
            return None, (
                "is a whole number of more than 15 digits, more than Excel keeps: write a "
                'code or account number as text in quotes ("...")'
            )
        return raw, ""
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return None, "is not a finite number: write a number"
        if abs(raw) > MAX_CELL_NUMBER:
            return None, "is a number larger than Excel allows (9.99999999999999E+307)"
        return raw, ""
    if isinstance(raw, datetime.datetime | datetime.time):
        return None, "has a time of day: write a date only, e.g. 2024-03-01"
    if isinstance(raw, datetime.date):
        if raw < FIRST_DATE:
            return None, f"is a date before {FIRST_DATE.isoformat()}, which Excel cannot show"
        return raw, ""
    return None, 'holds a list or table: write text, a number, true/false, a date or ""'


# ---------------------------------------------------------------------------
# Small helpers


def _builtin_ids(exclude: Path) -> dict[str, Path]:
    """Ids used in the built-in banks, read leniently (a broken bank still has ids)."""
    folder = quizzes_dir()
    ids: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.resolve() == exclude.resolve():
            continue
        data, _ = _parse_bank_file(path)
        if data is None:
            continue
        raw_questions = data.get("questions")
        if not isinstance(raw_questions, list):
            continue
        for raw in raw_questions:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                ids.setdefault(raw["id"], path)
    return ids


def _volatile_functions(formula: str) -> list[str]:
    names = re.findall(r"([A-Za-z][A-Za-z0-9.]*)\s*\(", re.sub(r'"[^"]*"', '""', formula))
    return sorted({name.upper() for name in names} & VOLATILE_FUNCTIONS)


def _short(value: object, limit: int = 60) -> str:
    """A value as written in a message: its repr, cut short when long.

    >>> _short("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (100 characters)"
    """
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}"[:-1] + f"...' ({len(value)} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**limit:
        return "a number of more than 60 digits"
    return _short_text(repr(value), limit + 20)


def _short_text(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _question_label(raw: dict, position: int) -> str:
    question_id = raw.get("id")
    # A very long id would be repeated in every message: the position says enough.
    if isinstance(question_id, str) and question_id.strip() and len(question_id) <= 100:
        return question_id
    return f"#{position}"


def _problem(path: Path, question_id: str, message: str) -> Problem:
    return Problem(display_path(path), question_id, message)


def display_path(path: Path) -> str:
    """A path as text that can be printed: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) are shown as U+FFFD."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _problems_message(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    noun = "problem" if len(problems) == 1 else "problems"
    return "\n".join([f"{len(problems)} {noun} in question banks:", *map(str, problems)])


def _count_types(types: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(QUESTION_TYPES, 0)
    for question_type in types:
        counts[question_type] = counts.get(question_type, 0) + 1
    return counts


def _key_hint(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "remove it"


def _or_list(words: Iterable[str]) -> str:
    words = list(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _the(sheet_name: str) -> str:
    """A sheet's name as it reads in a sentence: "the grid", but "more_variants[2]"."""
    return sheet_name if sheet_name.startswith("more_variants") else f"the {sheet_name}"


def _grid_shape(grid: Grid) -> tuple[int, int]:
    return len(grid), len(grid[0])


def _shape(shape: tuple[int, int]) -> str:
    rows, columns = shape
    return f"{rows} rows x {columns} columns"


def _grid_json(grid: Grid) -> list[list[object]]:
    return [[_cell_json(cell) for cell in row] for row in grid]


def _cell_json(cell: object) -> object:
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return cell
