"""The `typing-test` command: the GUI with no argument, headless jobs as subcommands.

Every failure a person can cause (a missing or malformed file, a bad
argument, a damaged database) ends with one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from typing_test import __version__
from typing_test.core.assets import ContentError, parse_toml, read_text
from typing_test.store.database import ATTEMPT_KINDS

EXIT_USAGE = 2
# `verify`: a seal does not hold (a result was changed, added or removed).
EXIT_SEALS_BROKEN = 1
# The reader of our output went away (`typing-test drill list | head -1`):
# 128 + SIGPIPE, what a shell reports for a program stopped that way.
EXIT_BROKEN_PIPE = 141

# Inputs far larger than their purpose are refused with the limit in the
# message: past these, the checker and the scoring take seconds, not milliseconds.
MAX_TEXT_CHARS = 50_000  # a text to check or an answer: a long email is 3,000
MAX_PASSAGE_CHARS = 50_000  # a 5-minute test at 200 WPM types 5,000 characters
MAX_LOG_EVENTS = 20_000  # a 5-minute test at 200 WPM is about 5,500 keystrokes
MAX_EVENT_CHARS = 500  # one event is a short line like {"t": 1250, "key": "a"}
MAX_EVENT_MS = 86_400_000  # one day; a test lasts minutes
MAX_PASSWORD_INPUT_CHARS = 10_000  # two passwords of at most 1,000 characters, and room


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
    entry = commands.add_parser("score-entry",
                                help="score a data-entry keystroke log against its task")
    entry.add_argument("--task", required=True, metavar="FILE",
                       help="the task: a form or 10-key task .toml file")
    entry.add_argument("--keystrokes", required=True, metavar="FILE",
                       help="JSON Lines: keys, and for a form the focus events")
    entry.add_argument("--keypad-required", action="store_true",
                       help="10-key: the test required the numeric keypad (an entry with a "
                       "digit from the number row is wrong)")
    entry.add_argument("--min-kph", type=float, default=0.0, metavar="KPH",
                       help="the KPH bar for passed (default 0: HR's to set)")
    entry.add_argument("--min-accuracy", type=float, default=98.0, metavar="PERCENT",
                       help="the accuracy bar for passed (default 98)")
    entry.add_argument("--json", action="store_true", help="print one JSON object")
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
    show = drill_commands.add_parser(
        "show", help="print a drill as the candidate sees it: the email to correct, or the "
        "situation to answer"
    )
    show.add_argument("drill_id", metavar="DRILL_ID")
    show.add_argument("--json", action="store_true", help="print the drill as JSON")
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

    admin = commands.add_parser("admin", help="the admin area")
    admin_commands = admin.add_subparsers(dest="admin_command", required=True,
                                          parser_class=_Parser)
    admin_commands.add_parser(
        "set-password", help="set the admin password (the new one on standard input), or "
        "change it (the current one on the first line, the new one on the second); changing "
        "it re-seals the results"
    )
    export = commands.add_parser(
        "export", help="export attempts to a CSV or Excel file, one row per attempt"
    )
    export.add_argument("--format", required=True, choices=("csv", "xlsx", "pdf"),
                        help="csv (UTF-8, opens in Excel), xlsx, or pdf: a one-page report "
                        "of --candidate, or else a summary of the cohort")
    export.add_argument("--out", required=True, metavar="PATH", help="the file to write")
    export.add_argument("--candidate", metavar="ID",
                        help="only this candidate (a screened candidate's id, or a name)")
    export.add_argument("--role", help="only candidates screened for this role")
    export.add_argument("--kind", choices=ATTEMPT_KINDS,
                        help="only this activity")
    export.add_argument("--since", metavar="DATE", help="from this day (YYYY-MM-DD)")
    export.add_argument("--until", metavar="DATE", help="to this day, included (YYYY-MM-DD)")
    export.add_argument("--per", choices=("attempt", "screening"), default="attempt",
                        help="csv and xlsx: one row per attempt (the default) or per HR "
                        "screening, its steps summed up in one cell")
    merge = commands.add_parser(
        "merge", help="bring the results of other PCs' databases into this one, matched by "
        "UUID; passwords on standard input: this database's admin password on the first line, "
        "then each FILE's (an empty or missing line: the same as this one's)"
    )
    merge.add_argument("files", nargs="+", metavar="FILE", help="a database to merge in")
    merge.add_argument("--unverified", action="store_true",
                       help="merge a file whose admin password is not known, its results "
                       "marked unverified (a damaged or tampered file is still refused)")
    backup_command = commands.add_parser(
        "backup", help="copy the database to PATH, checked and consistent even while the app "
        "is running"
    )
    backup_command.add_argument("path", metavar="PATH", help="the backup file to write")
    commands.add_parser(
        "check-db", help="read the whole database file and report any damage (exit 0 sound, "
        "1 damaged, 2 missing or not a database); the file is opened read-only"
    )
    verify = commands.add_parser(
        "verify", help="check every seal in the database (the admin password on standard "
        "input): exit 0 when all hold, 1 naming each broken row, 2 for a wrong password"
    )
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    demo = commands.add_parser(
        "demo-data", help="fill the database with made-up candidates and sealed screenings "
        "across every preset and outcome, for demonstrations (the admin password on "
        "standard input)"
    )
    demo.add_argument("--candidates", type=int, required=True, metavar="N",
                      help="how many demo candidates to add (1 to 100,000)")
    demo.add_argument("--seed", type=int, default=0, metavar="S",
                      help="the same seed gives the same candidates and results (default 0)")
    demo.add_argument("--force", action="store_true",
                      help="add demo data even to a database that holds real results")
    candidates = commands.add_parser("candidates", help="HR screening candidates")
    candidate_commands = candidates.add_subparsers(dest="candidates_command", required=True,
                                                   parser_class=_Parser)
    import_candidates = candidate_commands.add_parser(
        "import", help="import candidates from a CSV file (an applicant list saved from a "
        "spreadsheet), reporting every row it cannot read"
    )
    import_candidates.add_argument("file", metavar="FILE.csv",
                                   help="a header row (Name, Email, Phone, HR reference, Role, "
                                   "Notes, in any order) and one candidate a row")
    import_candidates.add_argument("--dry-run", action="store_true",
                                   help="only report what would be imported; store nothing")
    import_candidates.add_argument("--json", action="store_true",
                                   help="print the report as one JSON object")
    _accept_after_every_command(parser, "--db")
    return parser


def _accept_after_every_command(
    parser: argparse.ArgumentParser, option: str, original: argparse.Action | None = None
) -> None:
    """Let ``option`` of ``parser`` also be given after any (sub)command name.

    The copies default to SUPPRESS, so a subcommand that does not see the
    option leaves the value given before it alone.
    """
    original = original or parser._option_string_actions[option]
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for command in action.choices.values():
            if option not in command._option_string_actions:
                command.add_argument(option, metavar=original.metavar, help=original.help,
                                     default=argparse.SUPPRESS)
            _accept_after_every_command(command, option, original)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    # A file name given on the command line may hold bytes that are not UTF-8
    # (Python keeps them as lone surrogates): print them escaped, never fail on them.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from typing_test.app import run_gui

            return run_gui(args.db, smoke_test=args.smoke_test)
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows up here, where it is handled
        return code
    except BrokenPipeError:
        _discard_further_output()
        return EXIT_BROKEN_PIPE
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


def _discard_further_output() -> None:
    """Point stdout at the null device, so that Python's last flush at exit does
    not fail again on the closed pipe and print "Exception ignored"."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (e.g. captured in a test)
        pass


# score -------------------------------------------------------------------------


def read_text_file(path: str, what: str, max_chars: int | None = None) -> str:
    """The text of ``path`` (without a byte-order mark); UsageError with one
    clear line when it cannot be read or is longer than ``max_chars``."""
    try:
        # UTF-8 takes at most 4 bytes a character: refuse a huge file unread.
        if max_chars is not None and os.stat(path).st_size > 4 * max_chars:
            raise UsageError(_too_long(what, path, os.stat(path).st_size, max_chars, "bytes"))
        text = read_text(Path(path))
    except FileNotFoundError:
        raise UsageError(f"{what} file not found: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{what} file is a folder: {path}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{what} file is not UTF-8 text: {path}") from None
    except OSError as error:
        raise UsageError(f"cannot read {what} file {path}: {error.strerror}") from None
    if max_chars is not None and len(text) > max_chars:
        raise UsageError(_too_long(what, path, len(text), max_chars, "characters"))
    return text


def _too_long(what: str, path: str, size: int, limit: int, unit: str) -> str:
    return (f"{what} file is too long: {path} has {size:,} {unit}; the limit is "
            f"{limit:,} characters")


def read_passage(path: str) -> tuple[str, str, str]:
    """(id, title, text) of a passage given as plain text or as a passage .toml.

    A plain-text passage is named by its file name (see ``built_in_name``).
    """
    from typing_test.core.typing import load_passage, normalise_text

    if path.endswith(".toml"):
        # The same clear messages for a missing or huge file (the file holds
        # the title and the other fields besides the text, hence twice).
        read_text_file(path, "passage", 2 * MAX_PASSAGE_CHARS)
        passage = load_passage(Path(path))
        passage_id, title, text = passage.id, passage.title, passage.text
    else:
        text = normalise_text(read_text_file(path, "passage", MAX_PASSAGE_CHARS))
        if not text:
            raise UsageError(f"passage file is empty: {path}")
        passage_id = title = Path(path).stem
    # The id comes from the file name, which may hold bytes that are not UTF-8
    # (lone surrogates, not storable as text): those become U+FFFD.
    passage_id = os.fsencode(passage_id).decode("utf-8", "replace")
    title = os.fsencode(title).decode("utf-8", "replace")
    if len(text) > MAX_PASSAGE_CHARS:
        raise UsageError(_too_long("passage", path, len(text), MAX_PASSAGE_CHARS, "characters"))
    return passage_id, title, text


def built_in_name(text: str) -> tuple[str, str] | None:
    """(id, title) of the built-in passage whose text is ``text``, if one is.

    A passage saved as plain text from the app's own passages is then stored
    under its real name, as the app stores it, not under the file's name.
    """
    from typing_test.core.typing import load_passages

    return next(((p.id, p.title) for p in load_passages()[0] if p.text == text), None)


def read_keystrokes(path: str) -> list[dict]:
    """Parse a JSON Lines keystroke log, checking every event (see ``_log_events``)."""
    from typing_test.core.typing import BACKSPACE

    events: list[dict] = []
    previous_t = 0
    for where, event in _log_events(path, "keystrokes, far more than any test (a 5-minute "
                                          "test at 200 WPM is about 5,500)"):
        if not isinstance(event, dict) or "t" not in event or "key" not in event:
            raise UsageError(f'{where}: expected an object with "t" and "key"')
        t, key = event["t"], event["key"]
        _check_time(t, previous_t, where)
        if not isinstance(key, str) or (key != BACKSPACE and len(key) != 1):
            raise UsageError(f'{where}: "key" must be one character or "Backspace"')
        if "\ud800" <= key <= "\udfff":  # half of a surrogate pair: not a character
            raise UsageError(f'{where}: "key" is a lone surrogate {key!r}, not a character')
        previous_t = t
        events.append({"t": t, "key": key})
    return events


def _log_events(path: str, too_many: str) -> Iterator[tuple[str, object]]:
    """``(where, event)`` for each JSON line of the log at ``path``, with the
    checks every log gets (its size, each line's length, the number of
    events); ``too_many`` ends the message when there are too many.

    Lines end at a newline only: a JSON string may hold U+2028, U+2029 or
    U+0085, which ``str.splitlines`` would treat as line breaks too.
    """
    text = read_text_file(path, "keystrokes", MAX_LOG_EVENTS * MAX_EVENT_CHARS)
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        if len(line) > MAX_EVENT_CHARS:
            raise UsageError(f"{where}: {len(line):,} characters is too long for one event "
                             f"(the limit is {MAX_EVENT_CHARS})")
        if count == MAX_LOG_EVENTS:
            raise UsageError(f"{path}: more than {MAX_LOG_EVENTS:,} {too_many}")
        count += 1
        yield where, _parse_json_line(line, where)


def _parse_json_line(line: str, where: str) -> object:
    """One line of a JSON Lines log, parsed; UsageError naming ``where``."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise UsageError(f"{where}: not valid JSON ({error.msg})") from None
    except RecursionError:
        raise UsageError(f"{where}: not valid JSON (nested too deeply)") from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise UsageError(f"{where}: not valid JSON ({error})") from None


def _check_time(t: object, previous_t: float, where: str) -> None:
    """An event's "t": milliseconds within a day, never before the event before."""
    if (isinstance(t, bool) or not isinstance(t, int | float) or not math.isfinite(t)
            or not 0 <= t <= MAX_EVENT_MS):
        raise UsageError(f'{where}: "t" must be a number of milliseconds from 0 to '
                         f"{MAX_EVENT_MS:,} (one day)")
    if t < previous_t:
        raise UsageError(f'{where}: "t" goes back in time ({t} after {previous_t})')


def keystrokes_before(events: list[dict], seconds: float) -> list[dict]:
    """The events of a test that lasted ``seconds``: those typed before its end.

    The app takes no keystroke once the time is up, so neither does scoring.

    >>> keystrokes_before([{"t": 0, "key": "a"}, {"t": 1000, "key": "b"}], 1.0)
    [{'t': 0, 'key': 'a'}]
    """
    return [event for event in events if event["t"] < seconds * 1000]


def run_score(args: argparse.Namespace) -> int:
    from typing_test.core.typing import log_duration_s, score
    from typing_test.core.typing.automation import automation_flags
    from typing_test.core.typing.scoring import MAX_TYPED_WORDS, final_text

    if args.seconds is not None and not (args.seconds > 0 and args.seconds < 10**7):
        raise UsageError("--seconds must be a positive number")
    if args.save and not (args.candidate and args.candidate.strip()):
        raise UsageError("--save needs --candidate NAME")
    if args.candidate is not None and not args.save:
        raise UsageError("--candidate is only used with --save")
    if args.candidate is not None and not _is_text(args.candidate):
        raise UsageError("--candidate holds bytes that are not UTF-8 text")
    passage_id, title, passage = read_passage(args.passage)
    events = read_keystrokes(args.keystrokes)
    if args.seconds is not None:
        counted = keystrokes_before(events, args.seconds)
        if len(counted) < len(events):
            dropped = len(events) - len(counted)
            print(f"typing-test: note: {dropped} keystroke{'s' if dropped > 1 else ''} at or "
                  f"after {args.seconds:g} s not counted: the test ended then",
                  file=sys.stderr)
        events = counted
    typed_words = len(final_text(events).split())
    if typed_words > MAX_TYPED_WORDS:
        raise UsageError(f"{args.keystrokes}: the keystrokes leave {typed_words:,} words, far "
                         f"more than any test (the limit is {MAX_TYPED_WORDS:,})")
    duration_s = args.seconds if args.seconds is not None else log_duration_s(events)
    result = score(passage, events, duration_s)

    store = None
    if args.save or args.db:
        store = open_store(args.db)
    from typing_test.store.settings import load_pass_bar

    bar = load_pass_bar(store) if store else _default_bar()
    if args.save:
        from typing_test.store.records import typing_attempt

        passage_id, title = built_in_name(passage) or (passage_id, title)

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
    # Flagged for a person to review, never failed: see core/typing/automation.py.
    flags = automation_flags(events)
    if args.json:
        print(json.dumps({**result.as_json(bar), "flags": [flag.as_json() for flag in flags]}))
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
        for flag in flags:
            print(f"flag for review    {flag.code}: {flag.message}")
    if args.save:
        print(f"saved attempt {attempt_id}", file=sys.stderr)
    return 0


# score-entry -------------------------------------------------------------------

MAX_TASK_CHARS = 200_000  # a task of 40 records is 5,000 characters


def read_entry_task(path: str):
    """The data-entry task in ``path``; UsageError with one clear line."""
    import tomllib

    from typing_test.core.typing.entry_tasks import task_from_table

    text = read_text_file(path, "task", MAX_TASK_CHARS)
    try:
        table = parse_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"task file is not valid TOML: {path}: {error}") from None
    try:
        return task_from_table(table, Path(path).stem, path)
    except ContentError as error:
        raise UsageError(str(error)) from None


def read_entry_log(path: str, task) -> list[dict]:
    """Parse a data-entry keystroke log, checking every event against ``task``."""
    from typing_test.core.typing.entry_tasks import check_event

    events: list[dict] = []
    previous_t = 0
    focused = False
    for where, event in _log_events(path, "events, far more than any test"):
        problem = check_event(event, task)
        if problem:
            raise UsageError(f"{where}: {problem}")
        _check_time(event["t"], previous_t, where)
        if task.kind == "form" and "record" in event:
            focused = True
        elif task.kind == "form" and not focused:
            raise UsageError(f'{where}: a key before any field has the focus (a focus event '
                             '{"t": ms, "record": 0, "field": NAME} comes first)')
        previous_t = event["t"]
        events.append(event)
    return events


def run_score_entry(args: argparse.Namespace) -> int:
    from typing_test.core.typing.data_entry import DataEntryBar
    from typing_test.core.typing.entry_tasks import score_task

    if not 0 <= args.min_kph < float("inf"):  # also refuses nan
        raise UsageError(f"--min-kph must be a number of keystrokes per hour, 0 or more, "
                         f"not {args.min_kph:g}")
    if not 0 <= args.min_accuracy <= 100:
        raise UsageError(f"--min-accuracy must be a percentage from 0 to 100, "
                         f"not {args.min_accuracy:g}")
    task = read_entry_task(args.task)
    events = read_entry_log(args.keystrokes, task)
    result = score_task(task, events, keypad_required=args.keypad_required)
    bar = DataEntryBar(min_accuracy=args.min_accuracy, min_kph=args.min_kph)
    figures = result.as_json(bar)
    if args.json:
        print(json.dumps({"task": task.id, **figures}))
        return 0
    print(f"task               {task.title} ({task.kind})")
    print(f"keystrokes/hour    {figures['kph']}")
    print(f"accuracy           {figures['accuracy']}%")
    if task.kind == "form":
        print(f"fields right       {figures['fields_right']} of {figures['fields_scored']} "
              f"({figures['records_started']} records started)")
        print(f"character accuracy {figures['character_accuracy']}%")
        for error in result.field_errors:
            print(f"wrong field        record {error.record + 1} {error.field}: typed "
                  f"{error.typed!r}, expected {error.expected!r}")
    else:
        print(f"entries right      {figures['entries_right']} of {figures['entries']}")
        print(f"digits from        {figures['digits_from']}"
              + (" (numeric keypad required)" if result.keypad_required else ""))
        for error in result.entry_errors:
            print(f"wrong entry        {error.entry + 1}: typed {error.typed!r}, "
                  f"expected {error.expected!r}"
                  + (" (number row)" if error.number_row and result.keypad_required else ""))
    print(f"duration           {figures['duration_s']} s")
    print(f"result             {'PASS' if figures['passed'] else 'FAIL'} "
          f"(bar: {bar.min_accuracy:g}% accuracy, {bar.min_kph:g} KPH)")
    return 0


def _is_text(value: str) -> bool:
    """False when ``value`` holds lone surrogates (bytes of an argument that were
    not UTF-8): such a string cannot be stored or printed as text."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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

    text = read_text_file(args.file, "text", MAX_TEXT_CHARS)
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
    if args.drill_command == "show":
        return _show_drill(drills, drill, args.json)
    answer = read_text_file(args.answer, "answer", MAX_TEXT_CHARS)
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


def _show_drill(drills, drill, as_json: bool) -> int:
    """Print a drill as the candidate is given it, never its key.

    For a proofreading drill stdout is exactly the email to correct, so
    ``drill show ID > answer.txt`` gives the file to edit and then grade; what
    the drill asks goes to stderr. A writing scenario prints its situation,
    what the reply must do and the rules of the reply.
    """
    if drill.id in drills.proofreading:
        if as_json:
            print(json.dumps({
                "id": drill.id, "type": "proofreading", "title": drill.title,
                "difficulty": drill.difficulty, "time_limit_minutes": drill.time_limit_minutes,
                "mistakes": len(drill.mistakes), "text": drill.text,
            }, ensure_ascii=False))
            return 0
        print(f"{drill.title}: this email has {len(drill.mistakes)} mistakes; correct them in "
              f"place and grade the result with 'typing-test drill grade {drill.id} FILE'",
              file=sys.stderr)
        print(drill.text, end="" if drill.text.endswith("\n") else "\n")
        return 0
    rules = ["Start with a Subject: line."] if drill.subject_required else []
    rules += [f"Write {drill.min_words} to {drill.max_words} words.",
              "Write a complete email: a greeting, your message, a closing and your name."]
    if as_json:
        print(json.dumps({
            "id": drill.id, "type": "writing", "title": drill.title,
            "difficulty": drill.difficulty, "time_limit_minutes": drill.time_limit_minutes,
            "situation": drill.situation.strip(), "points": [p.label for p in drill.points],
            "subject_required": drill.subject_required,
            "words": [drill.min_words, drill.max_words], "rules": rules,
        }, ensure_ascii=False))
        return 0
    print(f"{drill.title} ({drill.time_limit_minutes:g} min)\n")
    print("The situation\n")
    print(drill.situation.strip() + "\n")
    print("Your reply must")
    for point in drill.points:
        print(f"  - {point.label}")
    print("\nAlso")
    for rule in rules:
        print(f"  - {rule}")
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


# admin, verify ------------------------------------------------------------------


def read_passwords(prompts: list[str]) -> list[str]:
    """One password per prompt, from standard input, never from an argument.

    From a pipe or a file: one password a line (a line ends at a newline; a
    trailing "\r" is dropped; the rest of the line, spaces included, is the
    password). At a terminal: asked without echo, the new password twice.
    A wrong number of lines is a UsageError naming what was expected.
    """
    if sys.stdin is None:
        raise UsageError("no standard input to read the password from")
    if sys.stdin.isatty():
        return _ask_passwords(prompts)
    raw = sys.stdin.buffer.read(MAX_PASSWORD_INPUT_CHARS * 4 + 1) if hasattr(
        sys.stdin, "buffer") else sys.stdin.read(MAX_PASSWORD_INPUT_CHARS + 1)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise UsageError("standard input is not UTF-8 text") from None
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_PASSWORD_INPUT_CHARS:
        raise UsageError(f"standard input is too long for passwords (over "
                         f"{MAX_PASSWORD_INPUT_CHARS:,} characters)")
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    while lines and lines[-1] == "":  # the newline after the last password
        lines.pop()
    if len(lines) != len(prompts) or "" in lines:
        expected = " and ".join(f"the {prompt.lower()} on line {number}"
                                for number, prompt in enumerate(prompts, start=1))
        found = "nothing" if not lines else f"{len(lines)} line{'s' if len(lines) != 1 else ''}"
        empty = " (an empty line)" if lines and "" in lines else ""
        raise UsageError(f"standard input should hold {expected}; it holds {found}{empty}")
    return lines


def _ask_passwords(prompts: list[str]) -> list[str]:
    """Ask at the terminal, without echo; a new password is asked twice."""
    import getpass

    answers = []
    for prompt in prompts:
        answer = getpass.getpass(f"{prompt}: ")
        if prompt.startswith("New") and getpass.getpass("Repeat the new password: ") != answer:
            raise UsageError("the two new passwords differ; nothing was changed")
        if not answer:
            raise UsageError("no password given")
        answers.append(answer)
    return answers


def run_admin(args: argparse.Namespace) -> int:
    from typing_test.core.screening.passwords import PasswordRejected
    from typing_test.store.admin import AdminError, has_admin_password, set_admin_password
    from typing_test.store.ledger import SealsBroken, seal_count

    store = open_store(args.db)
    changing = has_admin_password(store)
    try:
        if changing:
            old, new = read_passwords(["Current admin password", "New admin password"])
        else:
            (new,), old = read_passwords(["New admin password"]), None
        set_admin_password(store, new, old)
    except (PasswordRejected, AdminError) as error:
        message = str(error)
        if "nothing was changed" not in message:
            message += "; nothing was changed"
        raise UsageError(message) from None
    except SealsBroken as error:
        print(f"typing-test: error: {error}", file=sys.stderr)
        return EXIT_SEALS_BROKEN
    if changing:
        count = seal_count(store)
        print(f"admin password changed; {count:,} seal{'s' if count != 1 else ''} re-sealed "
              "with the new password")
    else:
        print("admin password set")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from typing_test.store.admin import AdminError, has_admin_password, log_in
    from typing_test.store.ledger import ledger_in_use, verify_all

    store = open_store(args.db)
    if not has_admin_password(store):
        if ledger_in_use(store):
            print("the admin password record is missing, yet seals or sealed results are "
                  "stored: it was deleted, so none of them can be checked; restore the "
                  "database from a backup")
            return EXIT_SEALS_BROKEN
        raise UsageError("no admin password is set, so nothing has been sealed yet: set one "
                         "with 'typing-test admin set-password'")
    (password,) = read_passwords(["Admin password"])
    try:
        key = log_in(store, password)
    except AdminError as error:
        raise UsageError(str(error)) from None
    verification = verify_all(store, key)
    if args.json:
        print(json.dumps({
            "ok": verification.ok,
            "problems": [
                {"kind": problem.kind, "table": problem.table, "row_id": problem.row_id,
                 "seal": problem.seq, "message": problem.message}
                for problem in verification.problems
            ],
            "seals": verification.entries,
            "rows": verification.rows_by_table,
            "erased_rows": verification.erased_rows,
            "erasures": verification.erasures,
            "deletions": [
                {"who": record.who, "at": record.at, "what": record.what,
                 "total_rows": record.total_rows}
                for record in verification.deletions
            ],
            "chain_head": verification.head.fingerprint if verification.head else None,
        }, ensure_ascii=False))
    else:
        for problem in verification.problems:
            print(problem)
        print(verification.summary())
        for record in verification.deletions:
            print(f"  deleted on {record}")
    return 0 if verification.ok else EXIT_SEALS_BROKEN



def run_demo_data(args: argparse.Namespace) -> int:
    """``demo-data``: made-up candidates with sealed screenings, sealed with the
    key of the admin password read from standard input."""
    from typing_test.store.admin import AdminError, has_admin_password, log_in
    from typing_test.store.demo_data import (
        MAX_CANDIDATES,
        DemoDataRefused,
        fill_demo_data,
        real_results,
    )

    if not 1 <= args.candidates <= MAX_CANDIDATES:
        raise UsageError(f"--candidates is a whole number from 1 to {MAX_CANDIDATES:,}, "
                         f"not {args.candidates}")
    store = open_store(args.db)
    if not has_admin_password(store):
        raise UsageError("no admin password is set, and demo results are sealed with it: set "
                         "one first with 'typing-test admin set-password'")
    # Refused before the password is asked for: nothing to type in vain.
    found = 0 if args.force else real_results(store)
    if found:
        raise UsageError(str(DemoDataRefused(found)))
    (password,) = read_passwords(["Admin password"])
    try:
        key = log_in(store, password)
    except AdminError as error:
        raise UsageError(str(error)) from None
    try:
        report = fill_demo_data(store, key, args.candidates, args.seed, force=args.force)
    except ValueError as error:  # DemoDataRefused, or a preset battery that no longer reads
        raise UsageError(str(error)) from None
    print(report.summary())
    return 0


# candidates --------------------------------------------------------------------


def run_candidates(args: argparse.Namespace) -> int:
    """``candidates import``: preview a CSV applicant list and import its good rows.

    Rows that cannot be read are reported with their row number (the header
    is row 1, as a spreadsheet numbers them) and never stop the others; the
    good rows are stored in one transaction, all or none.
    """
    from typing_test.core.screening.candidates import (
        MAX_IMPORT_BYTES,
        CandidateImportError,
        read_candidates_csv,
    )
    from typing_test.store.screenings import (
        DuplicateCandidateError,
        import_candidates,
        known_contacts,
    )

    data = _read_bytes(args.file, "candidates", MAX_IMPORT_BYTES)
    store = open_store(args.db)
    try:
        preview = read_candidates_csv(data, known_contacts(store))
    except CandidateImportError as error:
        raise UsageError(f"{args.file}: {error}") from None
    imported = 0
    if not args.dry_run and preview.good:
        try:
            imported = len(import_candidates(store, [row.candidate for row in preview.good]))
        except DuplicateCandidateError as error:  # someone added one since the preview
            raise UsageError(str(error)) from None
    if args.json:
        report = preview.as_json() | {"dry_run": args.dry_run, "imported": imported}
        print(json.dumps(report, ensure_ascii=False))
        return 0
    print(f"read {args.file} as {preview.encoding}, "
          f"{_DELIMITER_NAMES[preview.delimiter]}-separated")
    for name, header in preview.columns.items():
        print(f"  {name:<12} <- {header!r}")
    if preview.ignored_columns:
        print(f"  ignored columns: {', '.join(repr(c) for c in preview.ignored_columns)}")
    print(f"rows read      {preview.rows_read}")
    verb = "to import" if args.dry_run else "imported"
    print(f"rows {verb:<9} {len(preview.good) if args.dry_run else imported}")
    print(f"rows refused   {len(preview.refused)}")
    for row in preview.refused:
        print(f"  row {row.row}: {'; '.join(row.reasons)}")
    if args.dry_run:
        print("dry run: nothing was stored", file=sys.stderr)
    return 0


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def _read_bytes(path: str, what: str, max_bytes: int) -> bytes:
    """The bytes of ``path``; UsageError with one clear line when it cannot be read."""
    try:
        if os.stat(path).st_size > max_bytes:
            raise UsageError(f"{what} file is too large: {path} has "
                             f"{os.stat(path).st_size:,} bytes; the limit is {max_bytes:,}")
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{what} file not found: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{what} file is a folder: {path}") from None
    except OSError as error:
        raise UsageError(f"cannot read {what} file {path}: {error.strerror}") from None


def run_export(args: argparse.Namespace) -> int:
    """Write the chosen attempts to --out; print how many."""
    from datetime import date

    from typing_test.store.export import Filters, export

    for name in ("since", "until"):
        value = getattr(args, name)
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise UsageError(f"--{name} {value!r} is not a date like 2026-03-31") from None
    out = Path(args.out)
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise UsageError(f"--out {out}: the folder {out.parent} does not exist")
    store = open_store(args.db)
    filters = Filters(candidate=args.candidate, role=args.role, kind=args.kind,
                      since=args.since, until=args.until)
    try:
        if args.format == "pdf":
            what = _export_pdf(store, out, filters)
        else:
            written = export(store, out, args.format, filters, per=args.per)
            what = f"{written:,} {args.per}{'' if written == 1 else 's'}"
    except OSError as error:
        raise UsageError(f"cannot write {out}: {error.strerror or error}") from None
    finally:
        store.close()
    print(f"wrote {what} to {out}")
    return 0


def _export_pdf(store, out: Path, filters) -> str:
    """A candidate's one-page report, or the cohort's summary; what was written."""
    from typing_test.ui.reports.pdf_report import NoResults, write_report

    try:
        return write_report(store, out, filters)
    except NoResults as error:
        raise UsageError(str(error)) from None


def run_merge(args: argparse.Namespace) -> int:
    """Merge each FILE; exit 0 when all were merged, 1 when one was refused."""
    from typing_test.store.admin import AdminError, has_admin_password, log_in
    from typing_test.store.merge import MergeRefused, merge_file

    for name in args.files:
        if not Path(name).is_file():
            raise UsageError(f"{name}: no such file")
    store = open_store(args.db)
    lines = _optional_passwords(["This database's admin password"]
                                + [f"Admin password of {name}" for name in args.files])
    own = lines[0] if lines else ""
    key = None
    if has_admin_password(store) and own:
        try:
            key = log_in(store, own)
        except AdminError as error:
            raise UsageError(str(error)) from None
    refused = 0
    for index, name in enumerate(args.files, start=1):
        password = (lines[index] if index < len(lines) else "") or own or None
        try:
            summary = merge_file(store, key, name, password,
                                 allow_unverified=args.unverified)
        except MergeRefused as error:
            print(f"typing-test: refused: {error}; nothing of it was merged", file=sys.stderr)
            refused += 1
            continue
        for line in summary.lines():
            print(line)
    store.close()
    return 1 if refused else 0


def _optional_passwords(prompts: list[str]) -> list[str]:
    """Passwords a line each from standard input (none is fine: a merge of
    practice results needs none); at a terminal, asked without echo."""
    if sys.stdin is None:
        return []
    if sys.stdin.isatty():
        import getpass

        return [getpass.getpass(f"{prompt} (Enter if none or the same): ")
                for prompt in prompts]
    text = sys.stdin.read(MAX_PASSWORD_INPUT_CHARS + 1).removeprefix("\ufeff")
    if len(text) > MAX_PASSWORD_INPUT_CHARS:
        raise UsageError("standard input is too long for passwords")
    return [line.removesuffix("\r") for line in text.split("\n")]


def run_backup(args: argparse.Namespace) -> int:
    """Copy the database to PATH."""
    from typing_test.store.database import DatabaseError, backup, default_db_path

    source = args.db or str(default_db_path())
    target = Path(args.path)
    if not target.parent.is_dir():
        raise UsageError(f"{target}: the folder {target.parent} does not exist")
    if target.resolve() == Path(source).resolve():
        raise UsageError("the backup cannot be the database itself")
    try:
        size = backup(source, target)
    except DatabaseError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"backed up {source} to {target} ({size / 1e6:.1f} MB)")
    return 0


def run_check_db(args: argparse.Namespace) -> int:
    """Read the whole file with SQLite's integrity check, writing nothing."""
    from typing_test.store.database import DatabaseError, default_db_path, integrity_problems

    path = args.db or str(default_db_path())
    try:
        problems = integrity_problems(path)
    except DatabaseError as error:
        raise UsageError(str(error)) from None
    if not problems:
        print(f"{path}: ok, no damage found")
        return 0
    print(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''} found:")
    for problem in problems:
        print(f"  {problem}")
    return 1


COMMANDS = {"score": run_score, "score-entry": run_score_entry, "check": run_check,
            "drill": run_drill, "bank": run_bank,
            "admin": run_admin, "verify": run_verify, "demo-data": run_demo_data,
            "candidates": run_candidates, "check-db": run_check_db, "export": run_export,
            "backup": run_backup, "merge": run_merge}
