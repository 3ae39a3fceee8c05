"""The email drills: proofreading drills and writing scenarios, loaded from TOML.

Proofreading drills live in ``assets/drills/proofreading/<id>.toml``, writing
scenarios in ``assets/drills/writing/<id>.toml``; ``docs/drills.md`` documents
both formats with full examples.

A proofreading drill writes its email with inline markers: ``{{recieve|receive}}``
or ``{{teh|the|a}}`` -- the first part is the mistake the candidate sees, the
rest are the accepted corrections. One ``[[mistakes]]`` table per marker, in
the same order, gives the kind, a one-line reason and, optionally, more
accepted corrections (``also_accept``). The loader derives the
text with mistakes, each mistake's offsets and the clean reference text, so an
author never counts characters.

:func:`load_proofreading_drill` and :func:`load_writing_scenario` raise
:class:`ContentError` for a broken file; :func:`load_drills` loads a whole
folder, keeps the good drills and lists the problems.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from typing_test.core.assets import ContentError, assets_dir, read_toml
from typing_test.core.email.directives import RED_FLAG_KINDS
from typing_test.core.email.equivalents import keys_match
from typing_test.core.email.facts import FACT_KINDS, FactKind, fact_value
from typing_test.core.email.tokens import keys_in_place, tokenize

Difficulty = Literal["easy", "medium", "hard"]
MistakeKind = Literal["spelling", "grammar", "punctuation", "capitalisation", "word-choice"]

DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
MISTAKE_KINDS: tuple[str, ...] = (
    "spelling",
    "grammar",
    "punctuation",
    "capitalisation",
    "word-choice",
)
MIN_MISTAKES, MAX_MISTAKES = 5, 12
MAX_POINTS = 8
MAX_RED_FLAGS = 12
MAX_FACTS = 16
# The groups of a red flag must match within this many words of each other.
RED_FLAG_WINDOW = 6
DEFAULT_PROOFREADING_MINUTES = 5
DEFAULT_WRITING_MINUTES = 10

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MARKER = re.compile(r"\{\{(.*?)\}\}")


@dataclass(frozen=True)
class SeededMistake:
    """One seeded mistake of a proofreading drill.

    ``start``/``end`` are offsets in the drill's ``text`` (the email with
    mistakes), so ``text[start:end] == mistake``. ``corrections`` are the
    corrections written in the marker, the first being the one used in
    ``reference``; ``also_accepted`` are the other right corrections from the
    table's ``also_accept``. Grading accepts any of :attr:`accepted`.
    """

    start: int
    end: int
    mistake: str
    corrections: tuple[str, ...]
    kind: MistakeKind
    reason: str
    also_accepted: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every accepted correction: the marker's, then ``also_accepted``."""
        return self.corrections + self.also_accepted


@dataclass(frozen=True)
class ProofreadingDrill:
    """An email with seeded mistakes for the candidate to correct in place.

    ``text`` is what the candidate sees and edits; ``reference`` is the same
    email with every mistake replaced by its first correction. ``mistakes`` are
    in text order.
    """

    id: str
    title: str
    difficulty: Difficulty
    time_limit_minutes: float
    text: str
    reference: str
    mistakes: tuple[SeededMistake, ...]
    path: Path | None = None

    @property
    def time_limit_seconds(self) -> int:
        """The time limit in whole seconds."""
        return round(self.time_limit_minutes * 60)


@dataclass(frozen=True)
class RequiredPoint:
    """Something a written reply must cover.

    ``label`` is shown to the candidate. ``keywords`` holds groups of words or
    phrases: the point is covered when every group has at least one match in
    the reply (most points have a single group) that is not negated, refused or
    contradicted (``core/email/meaning.py`` has the rules). Matching ignores
    case; a word also matches its simple inflections ("refund" matches
    "refunds", "refunded", "refunding"), and a word ending in ``*`` matches any
    word starting with it. A keyword written ``"not share"`` matches only where
    the words *are* negated ("never share your password", "don't share it"); one
    written ``"~tuesday"`` only names something and matches negated or not
    ("I can't make our Tuesday meeting").

    ``facts`` are labels of the scenario's facts this point states: a reply that
    gives a different value for one of them earns nothing for the point. A point
    with facts may have no keywords; it is then covered when the reply states
    each of its facts.
    """

    label: str
    keywords: tuple[tuple[str, ...], ...]
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class RedFlag:
    """Something a reply must not say, such as asking for the customer's password.

    ``keywords`` are groups as in :class:`RequiredPoint` (``"not refund*"``
    for a refusal), but every group must match in the same clause, each within
    :data:`RED_FLAG_WINDOW` words of the others, and not negated ("we will never
    ask for your password" raises nothing). A clause opened by "if" or "unless"
    raises nothing. A match that lies inside one of the ``ignore`` phrases does
    not count ("your password reset link").
    """

    label: str
    keywords: tuple[tuple[str, ...], ...]
    ignore: tuple[str, ...] = ()
    # One of ``directives.RED_FLAG_KINDS`` ("asks-for-secret"...): the flag is
    # raised by that shared rule, and ``keywords`` and ``ignore`` are empty.
    kind: str = ""


@dataclass(frozen=True)
class Fact:
    """A value the situation states, which a reply must not contradict.

    ``kind`` is one of :data:`FACT_KINDS` (``core/email/facts.py`` says how each
    is read); ``value`` is written as in the situation ("$25.00", "30 June").
    ``near`` are words that show a sentence is about this fact ("link" for the
    30 minutes the link works, "spam" for the ten minutes to wait): a value
    that agrees with no fact is wrong for the fact whose near words are
    closest to it. Every kind but ``reference`` needs them.
    """

    label: str
    kind: FactKind
    value: str
    near: tuple[str, ...] = ()


@dataclass(frozen=True)
class WritingScenario:
    """A situation the candidate answers with an email.

    ``situation`` is shown to the candidate with the ``points`` labels;
    ``model_reply`` (may be empty) is an example answer that covers every point.
    ``red_flags`` and ``facts`` are for the assessment only.
    """

    id: str
    title: str
    difficulty: Difficulty
    time_limit_minutes: float
    situation: str
    subject_required: bool
    min_words: int
    max_words: int
    points: tuple[RequiredPoint, ...]
    model_reply: str = ""
    path: Path | None = None
    red_flags: tuple[RedFlag, ...] = ()
    facts: tuple[Fact, ...] = ()

    @property
    def time_limit_seconds(self) -> int:
        """The time limit in whole seconds."""
        return round(self.time_limit_minutes * 60)


@dataclass(frozen=True)
class ContentProblem:
    """A drill file that did not load. ``message`` is the ContentError text, naming the file."""

    path: Path
    message: str


@dataclass
class DrillSet:
    """Every drill that loaded, by id, and the files that did not.

    Both dicts are ordered by difficulty (easy first), then id.
    """

    proofreading: dict[str, ProofreadingDrill] = field(default_factory=dict)
    writing: dict[str, WritingScenario] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)

    def get(self, drill_id: str) -> ProofreadingDrill | WritingScenario:
        """The drill or scenario with ``drill_id``; raise KeyError if there is none."""
        if drill_id in self.proofreading:
            return self.proofreading[drill_id]
        if drill_id in self.writing:
            return self.writing[drill_id]
        raise KeyError(drill_id)


class _Problem(Exception):
    """What is wrong with a file; the public loaders add the file name."""


def drills_dir() -> Path:
    """The folder holding the bundled drills (``proofreading/`` and ``writing/``)."""
    return assets_dir() / "drills"


def load_drills(folder: Path | None = None) -> DrillSet:
    """Load every drill under ``folder`` (default: the bundled drills).

    Reads ``folder/proofreading/*.toml`` and ``folder/writing/*.toml``. A
    broken file, or one whose id is already taken, goes to ``problems`` and
    never stops the others from loading.
    """
    folder = folder if folder is not None else drills_dir()
    drills = DrillSet()
    if not folder.is_dir():
        drills.problems.append(ContentProblem(folder, f"{folder}: drill folder not found"))
        return drills
    loaded: list[ProofreadingDrill | WritingScenario] = []
    for subfolder, loader in (
        ("proofreading", load_proofreading_drill),
        ("writing", load_writing_scenario),
    ):
        for path in sorted((folder / subfolder).glob("*.toml")):
            try:
                loaded.append(loader(path))
            except ContentError as error:
                drills.problems.append(ContentProblem(path, str(error)))

    loaded.sort(key=lambda d: (DIFFICULTIES.index(d.difficulty), d.id))
    seen: dict[str, Path | None] = {}
    for drill in loaded:
        if drill.id in seen:
            message = (
                f"{_name(drill.path)}: id {drill.id!r} is already used by {_name(seen[drill.id])}"
            )
            drills.problems.append(ContentProblem(drill.path or folder, message))
            continue
        seen[drill.id] = drill.path
        if isinstance(drill, ProofreadingDrill):
            drills.proofreading[drill.id] = drill
        else:
            drills.writing[drill.id] = drill
    return drills


def load_proofreading_drill(path: Path) -> ProofreadingDrill:
    """Read and check one proofreading drill file; raise ContentError if it is broken."""
    try:
        return _proofreading_drill(path, _read_toml(path))
    except _Problem as problem:
        raise ContentError(f"{_name(path)}: {problem}") from None


def load_writing_scenario(path: Path) -> WritingScenario:
    """Read and check one writing scenario file; raise ContentError if it is broken."""
    try:
        return _writing_scenario(path, _read_toml(path))
    except _Problem as problem:
        raise ContentError(f"{_name(path)}: {problem}") from None


def _name(path: Path | None) -> str:
    """How messages name a file: its folder and file name."""
    if path is None:
        return "<no file>"
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path)
    except OSError as error:
        raise _Problem(f"cannot read the file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise _Problem("the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise _Problem(f"not valid TOML: {error}") from None


# --- proofreading drills ---------------------------------------------------

_PROOFREADING_KEYS = {"id", "title", "difficulty", "time_limit_minutes", "text", "mistakes"}
_MISTAKE_KEYS = {"kind", "reason", "mistake", "also_accept"}


@dataclass(frozen=True)
class _Marker:
    start: int  # offsets in the text with mistakes
    end: int
    line: int  # line number within the text, for messages
    mistake: str
    corrections: tuple[str, ...]


def _proofreading_drill(path: Path, data: dict[str, Any]) -> ProofreadingDrill:
    _reject_unknown_keys(data, _PROOFREADING_KEYS, "")
    drill_id = _check_id(path, data)
    title = _required_text(data, "title")
    difficulty = _check_difficulty(data)
    minutes = _check_minutes(data, DEFAULT_PROOFREADING_MINUTES)
    marked = _tidy_lines(_required_text(data, "text"))
    text, reference, markers = _parse_markers(marked)

    tables = data.get("mistakes")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise _Problem("missing the [[mistakes]] tables (one per {{mistake|correction}} marker)")
    if len(markers) != len(tables):
        raise _Problem(
            f"the text has {len(markers)} {{{{...}}}} markers but there are "
            f"{len(tables)} [[mistakes]] tables; there must be one table per marker, in order"
        )
    if not MIN_MISTAKES <= len(markers) <= MAX_MISTAKES:
        raise _Problem(
            f"a drill needs {MIN_MISTAKES} to {MAX_MISTAKES} mistakes, this one has {len(markers)}"
        )

    mistakes = []
    for number, (marker, table) in enumerate(zip(markers, tables, strict=True), start=1):
        where = f"mistake {number} ({{{{{marker.mistake}|...}}}} on text line {marker.line})"
        _reject_unknown_keys(table, _MISTAKE_KEYS, f"{where}: ")
        kind = table.get("kind")
        if kind not in MISTAKE_KINDS:
            raise _Problem(
                f"{where}: 'kind' must be one of {', '.join(MISTAKE_KINDS)}, not {kind!r}"
            )
        reason = table.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise _Problem(f"{where}: 'reason' is missing or empty")
        if "\n" in reason.strip():
            raise _Problem(f"{where}: 'reason' must be one line")
        if "mistake" in table and table["mistake"] != marker.mistake:
            raise _Problem(
                f"{where}: the table says mistake = {table['mistake']!r} but marker {number} "
                f"is {marker.mistake!r}; the tables must follow the order of the markers"
            )
        also = _also_accepted(table, where, marker, text)
        mistakes.append(
            SeededMistake(
                start=marker.start,
                end=marker.end,
                mistake=marker.mistake,
                corrections=marker.corrections,
                kind=kind,
                reason=reason.strip(),
                also_accepted=also,
            )
        )

    return ProofreadingDrill(
        id=drill_id,
        title=title,
        difficulty=difficulty,
        time_limit_minutes=minutes,
        text=text,
        reference=reference,
        mistakes=tuple(mistakes),
        path=path,
    )


def _also_accepted(
    table: dict[str, Any], where: str, marker: _Marker, text: str
) -> tuple[str, ...]:
    """The table's ``also_accept`` list, checked like the marker's own corrections."""
    also = table.get("also_accept", [])
    if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
        raise _Problem(f"{where}: 'also_accept' must be a list of corrections (strings)")
    if not also:
        return ()
    for alternative in also:
        if "\n" in alternative or "{" in alternative or "}" in alternative:
            raise _Problem(
                f"{where}: 'also_accept' entry {alternative!r} must be one line without braces"
            )
    _check_parts(f"{where}: 'also_accept'", marker.mistake, (*marker.corrections, *also))
    _check_in_place(text, marker, also, f"{where}: 'also_accept' entry")
    return tuple(also)


def _tidy_lines(text: str) -> str:
    """Unix line ends, no trailing spaces, no blank lines at the start or end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _parse_markers(marked: str) -> tuple[str, str, list[_Marker]]:
    """Split marked-up text into (text with mistakes, reference text, markers)."""
    shown: list[str] = []
    clean: list[str] = []
    markers: list[_Marker] = []
    shown_length = 0
    position = 0
    for match in _MARKER.finditer(marked):
        plain = marked[position : match.start()]
        _check_plain(plain, marked, position)
        line = marked.count("\n", 0, match.start()) + 1
        parts = match.group(1).split("|")
        mistake, corrections = parts[0], tuple(parts[1:])
        _check_marker(match.group(0), line, mistake, corrections)
        if markers and not plain:
            raise _Problem(
                f"text line {line}: markers {len(markers)} and {len(markers) + 1} touch; "
                "put a space or a word between them, or make them one mistake"
            )
        shown.append(plain)
        clean.append(plain)
        start = shown_length + len(plain)
        markers.append(_Marker(start, start + len(mistake), line, mistake, corrections))
        shown.append(mistake)
        clean.append(corrections[0])
        shown_length = start + len(mistake)
        position = match.end()
    _check_plain(marked[position:], marked, position)
    shown.append(marked[position:])
    clean.append(marked[position:])
    text = "".join(shown)
    for number, marker in enumerate(markers, start=1):
        where = f"text line {marker.line}: marker {number} ({{{{{marker.mistake}|...}}}})"
        _check_in_place(text, marker, marker.corrections, where)
    return text, "".join(clean), markers


def _check_plain(plain: str, marked: str, offset: int) -> None:
    """Text outside the markers must not hold stray braces (a half-typed marker)."""
    for brace in ("{", "}"):
        index = plain.find(brace)
        if index >= 0:
            line = marked.count("\n", 0, offset + index) + 1
            raise _Problem(
                f"text line {line}: stray {brace!r}; a marker is written "
                "{{mistake|correction}} on one line"
            )


def _check_marker(marker: str, line: int, mistake: str, corrections: tuple[str, ...]) -> None:
    where = f"text line {line}: marker {marker}"
    if "{" in mistake or any("{" in c for c in corrections):
        raise _Problem(f"{where} holds a brace; markers cannot be nested")
    if not mistake:
        raise _Problem(f"{where} has an empty mistake; include a word next to it")
    if not corrections:
        raise _Problem(f"{where} has no correction; write {{{{mistake|correction}}}}")
    _check_parts(where, mistake, corrections)


def _check_parts(where: str, mistake: str, corrections: tuple[str, ...]) -> None:
    """No correction is empty, padded or listed twice.

    Whether a correction grades the same as the mistake depends on the words
    around it ("it's" before "been" is "it has"): :func:`_check_in_place`
    checks that.
    """
    for part in (mistake, *corrections):
        if not part:
            raise _Problem(f"{where} has an empty correction; include a word next to it")
        if part != part.strip():
            raise _Problem(f"{where}: {part!r} starts or ends with a space; move it outside")
    seen = set()
    for correction in corrections:
        # Written forms, not grading keys: listing both "don't" and "do not" is
        # harmless (grading treats them as one) and shows the candidate both.
        written = tuple(token.key for token in tokenize(correction))
        if written in seen:
            raise _Problem(f"{where} lists the correction {correction!r} twice")
        seen.add(written)


def _check_in_place(text: str, marker: _Marker, corrections: Sequence[str], where: str) -> None:
    """The mistake and each correction in the marker's place must be whole words.

    ``re{{cieve|ceive}}`` would split a word, and grading compares whole words;
    ``{{Their|There}}'s`` would turn the "'s" after it into "is", a change
    outside the marker.
    """
    shown = None
    for part in (marker.mistake, *corrections):
        keys = keys_in_place(text, marker.start, marker.end, part)
        if keys is None:
            raise _Problem(
                f"{where} splits a word or a contraction when it reads {part!r}; "
                "put the whole word inside the marker"
            )
        if shown is None:
            shown = keys
            continue
        if (keys[0], keys[2]) != (shown[0], shown[2]):
            raise _Problem(
                f"{where} changes the word next to it when it reads {part!r} (a contraction "
                'such as "it\'s" reads differently); put the whole contraction inside the marker'
            )
        if keys_match(keys[1], shown[1]):
            raise _Problem(
                f"{where}: the correction {part!r} is the same as the mistake (grading "
                "ignores extra spaces, line breaks and curly quotes, and reads a contraction "
                "as its expansion)"
            )


# --- writing scenarios -----------------------------------------------------

_WRITING_KEYS = {
    "id",
    "title",
    "difficulty",
    "time_limit_minutes",
    "situation",
    "subject_required",
    "min_words",
    "max_words",
    "points",
    "model_reply",
    "red_flags",
    "facts",
}
_POINT_KEYS = {"label", "keywords", "facts"}
_RED_FLAG_KEYS = {"label", "keywords", "ignore", "kind"}
_FACT_KEYS = {"label", "kind", "value", "near"}


def _writing_scenario(path: Path, data: dict[str, Any]) -> WritingScenario:
    _reject_unknown_keys(data, _WRITING_KEYS, "")
    drill_id = _check_id(path, data)
    title = _required_text(data, "title")
    difficulty = _check_difficulty(data)
    minutes = _check_minutes(data, DEFAULT_WRITING_MINUTES)
    situation = _tidy_lines(_required_text(data, "situation"))

    subject_required = data.get("subject_required", False)
    if not isinstance(subject_required, bool):
        raise _Problem("'subject_required' must be true or false")

    min_words, max_words = data.get("min_words"), data.get("max_words")
    for key, value in (("min_words", min_words), ("max_words", max_words)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise _Problem(f"{key!r} must be a positive whole number, not {value!r}")
    if min_words >= max_words:
        raise _Problem(f"'min_words' ({min_words}) must be less than 'max_words' ({max_words})")

    facts = tuple(
        _fact(table, number)
        for number, table in enumerate(_tables(data, "facts", MAX_FACTS, required=False), 1)
    )
    labels = [fact.label for fact in facts]
    for label in labels:
        if labels.count(label) > 1:
            raise _Problem(f"two facts have the label {label!r}; labels must differ")
    points = tuple(
        _required_point(table, number, set(labels))
        for number, table in enumerate(_tables(data, "points", MAX_POINTS, required=True), 1)
    )
    red_flags = tuple(
        _red_flag(table, number)
        for number, table in enumerate(_tables(data, "red_flags", MAX_RED_FLAGS, required=False), 1)
    )

    model_reply = data.get("model_reply", "")
    if not isinstance(model_reply, str):
        raise _Problem("'model_reply' must be a string")

    return WritingScenario(
        id=drill_id,
        title=title,
        difficulty=difficulty,
        time_limit_minutes=minutes,
        situation=situation,
        subject_required=subject_required,
        min_words=min_words,
        max_words=max_words,
        points=points,
        model_reply=_tidy_lines(model_reply),
        path=path,
        red_flags=red_flags,
        facts=facts,
    )


_TABLE_PURPOSE = {
    "points": "what the reply must cover",
    "red_flags": "what the reply must not say",
    "facts": "the values the situation states",
}


def _tables(data: dict[str, Any], key: str, most: int, *, required: bool) -> list[dict]:
    """The ``[[key]]`` tables of a scenario, checked for number and type."""
    tables = data.get(key, None if required else [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables) or (
        required and not tables
    ):
        raise _Problem(f"missing the [[{key}]] tables ({_TABLE_PURPOSE[key]})")
    if len(tables) > most:
        noun = key.replace("_", " ")
        raise _Problem(f"a scenario has at most {most} {noun}, this one has {len(tables)}")
    return tables


def _label(table: dict[str, Any], where: str) -> str:
    label = table.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _Problem(f"{where}: 'label' is missing or empty")
    return label.strip()


def _required_point(table: dict[str, Any], number: int, fact_labels: set[str]) -> RequiredPoint:
    where = f"point {number}"
    _reject_unknown_keys(table, _POINT_KEYS, f"{where}: ")
    label = _label(table, where)
    facts = _strings(table, "facts", f"{where} ({label!r})")
    for fact in facts:
        if fact not in fact_labels:
            known = ", ".join(repr(f) for f in sorted(fact_labels)) or "none"
            raise _Problem(f"{where} ({label!r}): no [[facts]] table has the label {fact!r} "
                           f"(facts: {known})")
    if "keywords" not in table and facts:
        return RequiredPoint(label=label, keywords=(), facts=facts)
    keywords = _keywords(table, f"{where} ({label!r})")
    return RequiredPoint(label=label, keywords=keywords, facts=facts)


def _red_flag(table: dict[str, Any], number: int) -> RedFlag:
    where = f"red flag {number}"
    _reject_unknown_keys(table, _RED_FLAG_KEYS, f"{where}: ")
    label = _label(table, where)
    where = f"{where} ({label!r})"
    if "kind" in table:
        kind = table["kind"]
        if kind not in RED_FLAG_KINDS:
            raise _Problem(f"{where}: 'kind' must be one of {', '.join(RED_FLAG_KINDS)}, "
                           f"not {kind!r}")
        if "keywords" in table or "ignore" in table:
            raise _Problem(f"{where}: a red flag with a 'kind' takes no 'keywords' or "
                           "'ignore' (the kind's rule has its own words)")
        return RedFlag(label=label, keywords=(), kind=kind)
    keywords = _keywords(table, where)
    ignore = tuple(phrase.lower() for phrase in _strings(table, "ignore", where))
    return RedFlag(label=label, keywords=keywords, ignore=ignore)


def _fact(table: dict[str, Any], number: int) -> Fact:
    where = f"fact {number}"
    _reject_unknown_keys(table, _FACT_KEYS, f"{where}: ")
    label = _label(table, where)
    where = f"{where} ({label!r})"
    kind = table.get("kind")
    if kind not in FACT_KINDS:
        raise _Problem(f"{where}: 'kind' must be one of {', '.join(FACT_KINDS)}, not {kind!r}")
    value = table.get("value")
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"{where}: 'value' is missing or empty")
    try:
        fact_value(kind, value.strip())
    except ValueError as error:
        raise _Problem(f"{where}: {error}") from None
    near = tuple(word.lower() for word in _strings(table, "near", where))
    if not near and kind != "reference":
        raise _Problem(
            f"{where}: 'near' must list words that show a sentence is about this fact, "
            "so that a wrong value can be told (for example near = [\"delivery\", \"charge\"])"
        )
    return Fact(label=label, kind=kind, value=value.strip(), near=near)


def _strings(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """An optional list of non-empty strings."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(item, str) and re.search(r"[^\W_]", item) for item in value
    ):
        raise _Problem(f"{where}: {key!r} must be a list of words or phrases")
    return tuple(item.strip() for item in value)


def _keywords(table: dict[str, Any], where: str) -> tuple[tuple[str, ...], ...]:
    keywords = table.get("keywords")
    problem = (
        f"{where}: 'keywords' must be a list of words or phrases, or a list of such lists"
    )
    if not isinstance(keywords, list) or not keywords:
        raise _Problem(problem)
    if all(isinstance(k, str) for k in keywords):
        groups = [keywords]
    elif all(isinstance(k, list) for k in keywords):
        groups = keywords
    else:
        raise _Problem(problem)
    for group in groups:
        if not group or not all(
            isinstance(k, str)
            and re.search(r"[^\W_]", k.strip().lower().removeprefix("not ").removeprefix("~"))
            for k in group
        ):
            raise _Problem(f"{problem}; every keyword needs a letter or digit")
    return tuple(tuple(k.strip().lower() for k in group) for group in groups)


# --- checks shared by both kinds -------------------------------------------


def _reject_unknown_keys(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise _Problem(f"{where}unknown key {unknown[0]!r} (expected: {', '.join(sorted(known))})")


def _required_text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"{key!r} is missing or empty")
    return value.strip()


def _check_id(path: Path, data: dict[str, Any]) -> str:
    drill_id = _required_text(data, "id")
    if not _ID.fullmatch(drill_id):
        raise _Problem(f"id {drill_id!r} must be lower-case words joined by hyphens")
    if drill_id != path.stem:
        raise _Problem(f"id {drill_id!r} must match the file name ({path.stem}.toml)")
    return drill_id


def _check_difficulty(data: dict[str, Any]) -> Difficulty:
    difficulty = data.get("difficulty")
    if difficulty not in DIFFICULTIES:
        raise _Problem(f"'difficulty' must be one of {', '.join(DIFFICULTIES)}, not {difficulty!r}")
    return difficulty


def _check_minutes(data: dict[str, Any], default: float) -> float:
    minutes = data.get("time_limit_minutes", default)
    valid = isinstance(minutes, int | float) and not isinstance(minutes, bool)
    if not valid or not math.isfinite(minutes) or minutes <= 0:
        raise _Problem(f"'time_limit_minutes' must be a positive number, not {minutes!r}")
    return float(minutes)
