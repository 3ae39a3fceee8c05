"""The `typing-test` command: the GUI with no argument, headless jobs as subcommands.

Every failure a person can cause (a missing or malformed file, a bad
argument, a damaged database) ends with one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from typing_test import __version__
from typing_test.core.assets import ContentError

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad argument or input file; the message is the one line to print."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not the usage block
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="typing-test",
        description="Typing, email and Office-skills tests for back-office job applicants.",
    )
    parser.add_argument("--version", action="version", version=f"typing-test {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="the database file (default: $TYPING_TEST_DB or the "
        "user data folder)"
    )
    parser.add_argument(
        "--smoke-test", action="store_true",
        help="open the main window, exit 0 after its first paint",
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    score = commands.add_parser("score", help="score a keystroke log against a passage")
    score.add_argument("--passage", required=True, metavar="FILE",
                       help="the passage: a text file, or a passage .toml file")
    score.add_argument("--keystrokes", required=True, metavar="FILE",
                       help='JSON Lines, one {"t": ms, "key": char or "Backspace"} per line')
    score.add_argument("--seconds", type=float, metavar="S",
                       help="the test length (default: the last keystroke's time)")
    score.add_argument("--json", action="store_true", help="print one JSON object")
    score.add_argument("--save", action="store_true", help="store the result as an attempt")
    score.add_argument("--candidate", metavar="NAME", help="whose attempt it is (with --save)")
    check = commands.add_parser("check", help="spelling and grammar findings for a text file")
    check.add_argument("file", metavar="FILE", help="a UTF-8 text file")
    check.add_argument("--json", action="store_true", help="print a JSON list of findings")
    check.add_argument("--spelling", choices=("both", "us", "uk"), default="both",
                       help="accept US and British spelling (default), or require one")

    drill = commands.add_parser("drill", help="email drills")
    drill_commands = drill.add_subparsers(dest="drill_command", required=True,
                                          parser_class=_Parser)
    drill_list = drill_commands.add_parser("list", help="list the drills")
    drill_list.add_argument("--json", action="store_true", help="print a JSON list")
    grade = drill_commands.add_parser("grade", help="grade an answer to a drill")
    grade.add_argument("drill_id", metavar="DRILL_ID")
    grade.add_argument("answer", metavar="ANSWER_FILE", help="the corrected email or the reply")
    grade.add_argument("--json", action="store_true", help="print the grade as JSON")

    bank = commands.add_parser("bank", help="question banks")
    bank_commands = bank.add_subparsers(dest="bank_command", required=True,
                                        parser_class=_Parser)
    validate = bank_commands.add_parser(
        "validate", help="check a question bank file and report every problem"
    )
    validate.add_argument("file", metavar="FILE", help="the bank (.toml)")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    try_formulas = bank_commands.add_parser(
        "try", help="grade formulas against a formula task, as the quiz would"
    )
    try_formulas.add_argument("task_id", metavar="TASK_ID",
                              help="a formula task of the built-in or imported banks")
    try_formulas.add_argument("formulas", metavar="FORMULA", nargs="+",
                              help="a formula to grade, e.g. '=SUM(B2:B5)'")
    try_formulas.add_argument("--json", action="store_true",
                              help="print a JSON list, one object per formula")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from typing_test.app import run_gui

            return run_gui(args.db, smoke_test=args.smoke_test)
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(f"typing-test: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as error:
        print(f"typing-test: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # a disk or permission failure while writing output
        print(f"typing-test: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:
        # A bug of ours, not the person's input: still one line, not a traceback,
        # unless TYPING_TEST_DEBUG asks for the full story.
        if os.environ.get("TYPING_TEST_DEBUG"):
            raise
        print(
            f"typing-test: internal error: {type(error).__name__}: {error} "
            "(set TYPING_TEST_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return 1


# score -------------------------------------------------------------------------


def read_text_file(path: str, what: str) -> str:
    """The text of ``path``; UsageError with one clear line when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{what} file not found: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{what} file is a folder: {path}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{what} file is not UTF-8 text: {path}") from None
    except OSError as error:
        raise UsageError(f"cannot read {what} file {path}: {error.strerror}") from None


def read_passage(path: str) -> tuple[str, str, str]:
    """(id, title, text) of a passage given as plain text or as a passage .toml."""
    from typing_test.core.typing import load_passage, normalise_text

    if path.endswith(".toml"):
        read_text_file(path, "passage")  # the same clear messages for a missing file
        passage = load_passage(Path(path))
        return passage.id, passage.title, passage.text
    text = normalise_text(read_text_file(path, "passage"))
    if not text:
        raise UsageError(f"passage file is empty: {path}")
    return Path(path).stem, Path(path).stem, text


def read_keystrokes(path: str) -> list[dict]:
    """Parse a JSON Lines keystroke log, checking every event."""
    events: list[dict] = []
    previous_t = 0
    for number, line in enumerate(read_text_file(path, "keystrokes").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            event = json.loads(line)
        except json.JSONDecodeError as error:
            raise UsageError(f"{where}: not valid JSON ({error.msg})") from None
        if not isinstance(event, dict) or "t" not in event or "key" not in event:
            raise UsageError(f'{where}: expected an object with "t" and "key"')
        t, key = event["t"], event["key"]
        if isinstance(t, bool) or not isinstance(t, int | float) or t != t or t < 0:
            raise UsageError(f'{where}: "t" must be a number of milliseconds >= 0')
        if t < previous_t:
            raise UsageError(f'{where}: "t" goes back in time ({t} after {previous_t})')
        if not isinstance(key, str) or (key != "Backspace" and len(key) != 1):
            raise UsageError(f'{where}: "key" must be one character or "Backspace"')
        previous_t = t
        events.append({"t": t, "key": key})
    return events


def run_score(args: argparse.Namespace) -> int:
    from typing_test.core.typing import log_duration_s, score

    passage_id, title, passage = read_passage(args.passage)
    events = read_keystrokes(args.keystrokes)
    if args.seconds is not None and not (args.seconds > 0 and args.seconds < 10**7):
        raise UsageError("--seconds must be a positive number")
    if args.save and not (args.candidate and args.candidate.strip()):
        raise UsageError("--save needs --candidate NAME")
    duration_s = args.seconds if args.seconds is not None else log_duration_s(events)
    result = score(passage, events, duration_s)

    store = None
    if args.save or args.db:
        store = open_store(args.db)
    from typing_test.store.settings import load_pass_bar

    bar = load_pass_bar(store) if store else _default_bar()
    if args.save:
        from typing_test.store.records import typing_attempt

        attempt_id = store.save_attempt(
            typing_attempt(
                result,
                bar=bar,
                passage_id=passage_id,
                passage_title=title,
                passage_text=passage,
                keystrokes=events,
                incidents=[],
                test_length_s=duration_s,
                candidate=args.candidate.strip(),
            )
        )
    if args.json:
        print(json.dumps(result.as_json(bar)))
    else:
        figures = result.as_json(bar)
        print(f"net WPM            {figures['net_wpm']}")
        print(f"gross WPM          {figures['gross_wpm']}")
        print(f"accuracy           {figures['accuracy']}%")
        print(f"uncorrected errors {figures['uncorrected_errors']}")
        print(f"corrected errors   {figures['corrected_errors']}")
        print(f"keystrokes/hour    {figures['kph']}")
        print(f"duration           {figures['duration_s']} s")
        print(f"result             {'PASS' if figures['passed'] else 'FAIL'} "
              f"(bar: {bar.min_net_wpm:g} net WPM, {bar.min_accuracy:g}% accuracy)")
    if args.save:
        print(f"saved attempt {attempt_id}", file=sys.stderr)
    return 0


def _default_bar():
    from typing_test.core.typing import PassBar

    return PassBar()


def open_store(db: str | None):
    """Open the database, turning any failure into a one-line UsageError."""
    from typing_test.store.database import DatabaseError, Store

    try:
        return Store.open(db)
    except DatabaseError as error:
        raise UsageError(str(error)) from None


# check -------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    from typing_test.core.email import load_checker

    text = read_text_file(args.file, "text")
    findings = load_checker(args.spelling).check(text)
    if args.json:
        print(json.dumps([finding.as_json() for finding in findings], ensure_ascii=False))
        return 0
    for finding in findings:
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        suggestion = f" (try: {', '.join(finding.suggestions)})" if finding.suggestions else ""
        print(f"{args.file}:{line}:{column}: {finding.kind} [{finding.rule}] "
              f"{finding.message}: {finding.text!r}{suggestion}")
    noun = "finding" if len(findings) == 1 else "findings"
    print(f"{len(findings)} {noun}", file=sys.stderr)
    return 0


# drill -------------------------------------------------------------------------


def run_drill(args: argparse.Namespace) -> int:
    from typing_test.core.email import load_drills

    drills = load_drills()
    for problem in drills.problems:  # a broken file never hides the good ones
        print(f"typing-test: warning: {problem.message}", file=sys.stderr)
    if args.drill_command == "list":
        return _list_drills(drills, args.json)
    try:
        drill = drills.get(args.drill_id)
    except KeyError:
        raise UsageError(
            f"no drill with id {args.drill_id!r}; 'typing-test drill list' shows them"
        ) from None
    answer = read_text_file(args.answer, "answer")
    if args.drill_id in drills.proofreading:
        from typing_test.core.email import grade_answer

        result = grade_answer(drill, answer)
        if args.json:
            print(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            print(f"score {result.score:g}%: fixed {len(result.fixed)} of {result.seeded}, "
                  f"missed {len(result.missed)}, introduced {len(result.introduced)}")
            for label, spans in (("missed", result.missed), ("introduced", result.introduced)):
                for span in spans:
                    print(f"  {label} at {span.start}: found {span.found!r}, "
                          f"expected {span.expected!r}: {span.reason}")
            for span in result.changed:
                print(f"  changed at {span.start} (no cost): found {span.found!r}, "
                      f"was {span.expected!r}: {span.reason}")
        return 0

    from typing_test.core.email import assess_reply, load_checker

    feedback = assess_reply(drill, answer, load_checker().check(answer))
    if args.json:
        print(json.dumps(feedback.as_json(), ensure_ascii=False))
    else:
        print(f"score {feedback.score}/100")
        for item in feedback.items:
            print(f"  {item.category:<9} {item.label}: {item.earned:g}/{item.possible:g} "
                  f"{item.message}")
    return 0


def _list_drills(drills, as_json: bool) -> int:
    rows = [
        {"id": drill.id, "type": "proofreading", "title": drill.title,
         "difficulty": drill.difficulty, "time_limit_minutes": drill.time_limit_minutes,
         "mistakes": len(drill.mistakes)}
        for drill in drills.proofreading.values()
    ] + [
        {"id": scenario.id, "type": "writing", "title": scenario.title,
         "difficulty": scenario.difficulty, "time_limit_minutes": scenario.time_limit_minutes,
         "words": [scenario.min_words, scenario.max_words]}
        for scenario in drills.writing.values()
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        print(f"{row['id']:<36} {row['type']:<12} {row['difficulty']:<7} "
              f"{row['time_limit_minutes']:g} min  {row['title']}")
    return 0


# bank --------------------------------------------------------------------------


def run_bank(args: argparse.Namespace) -> int:
    if args.bank_command == "try":
        return _try_formulas(args)
    from typing_test.core.quiz import validate_bank_file

    path = Path(args.file)
    read_text_file(args.file, "bank")  # missing or unreadable: one line, exit 2
    # Checked against the built-in banks too: an HR bank that reuses one of
    # their ids could not be loaded beside them. A file with the name and
    # topic of a built-in bank is an edit of it, checked as its replacement.
    report = validate_bank_file(path, against_builtin=True, replacing_builtin=True)
    if args.json:
        print(json.dumps(report.as_json(), indent=2))
    else:
        print(report.format())
    return 0 if report.ok else EXIT_USAGE


def _try_formulas(args: argparse.Namespace) -> int:
    """``bank try``: grade each formula against one task, as the quiz grades an answer."""
    from typing_test.core.quiz.banks import (
        MAX_FORMULA_LENGTH,
        imported_banks_folder,
        load_builtin_banks,
        load_imported_banks,
        questions_by_id,
    )
    from typing_test.store.database import default_db_path

    builtin = load_builtin_banks()
    taken = questions_by_id(builtin)
    database = args.db or str(default_db_path())
    imported, left_out = load_imported_banks(imported_banks_folder(database), taken)
    for message in left_out:  # a broken import never hides the good banks
        print(f"typing-test: warning: {message.splitlines()[-1]}", file=sys.stderr)
    questions = questions_by_id([*builtin, *imported])
    question = questions.get(args.task_id)
    if question is None:
        import difflib

        close = difflib.get_close_matches(args.task_id, list(questions), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise UsageError(f"no question with id {args.task_id!r}{hint}")
    if question.formula is None:
        raise UsageError(f"{question.id} is a {question.type} question, not a formula task")
    for formula in args.formulas:
        if len(formula) > MAX_FORMULA_LENGTH:
            raise UsageError(
                f"a formula of {len(formula)} characters: Excel allows {MAX_FORMULA_LENGTH}"
            )
        if any("\ud800" <= char <= "\udfff" for char in formula):
            # Bytes the terminal could not decode: nothing a person typed in Excel.
            raise UsageError(f"the formula {formula!r} is not valid text (undecodable bytes)")

    task = question.formula
    checks = [task.check(formula) for formula in args.formulas]
    if args.json:
        graded = [
            {
                "formula": formula,
                "correct": check.correct,
                "values": [None if value is None else value.as_json() for value in check.given],
                "feedback": check.message,
            }
            for formula, check in zip(args.formulas, checks, strict=True)
        ]
        print(json.dumps(graded, ensure_ascii=False))
        return 0
    print(f"{question.id}: right value {_sheet_values(task.expected)}")
    for formula, check in zip(args.formulas, checks, strict=True):
        verdict = "right" if check.correct else "WRONG"
        gives = (
            "does not evaluate" if check.given[0] is None else f"gives {_sheet_values(check.given)}"
        )
        print(f"{verdict:<5} {formula}  {gives}")
        if check.message:
            print(f"      {check.message}")
    return 0


def _sheet_values(values) -> str:
    """Values per sheet as one line: the sheet shown, then the hidden sheets."""
    def shown(value) -> str:
        if value is None:
            return "-"
        if value.kind == "text":
            return json.dumps(value.value, ensure_ascii=False)
        return value.display()

    first, *hidden = values
    return f"{shown(first)} on the sheet shown, {', '.join(map(shown, hidden))} hidden"


COMMANDS = {"score": run_score, "check": run_check, "drill": run_drill, "bank": run_bank}
