"""One data-entry test in progress: the keystroke log, the clock and the end rules.

The session knows nothing of widgets. A page tells it where the focus is and
which keys were pressed; it writes the log in the format of
docs/data-entry.md and keeps what each field (or the 10-key entry) holds, so
the page can show it. The result is always scored from the log by
``entry_tasks.score_task``, never from what a page shows. Time comes from an
injected clock in milliseconds, like ``TypingSession``'s.

The timer starts on the first key. A form's first focus event is written
then, at t = 0, naming the field the key goes into.

>>> from typing_test.core.typing.entry_tasks import EntryTask
>>> now = [0.0]
>>> task = EntryTask("t", "tenkey", "T", 60, numbers=("12", "3"))
>>> session = EntrySession(task, 60, clock=lambda: now[0])
>>> session.press("1", keypad=True); now[0] = 150; session.press("2", keypad=True)
True
True
>>> now[0] = 300; session.press(ENTER, keypad=True); session.entry_index
True
1
>>> session.events[-1]
{'t': 300, 'key': '\\n', 'keypad': True}
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typing_test.core.typing.data_entry import ENTER, FormResult, TenKeyResult
from typing_test.core.typing.entry_tasks import EntryTask, score_task
from typing_test.core.typing.scoring import BACKSPACE
from typing_test.core.typing.session import Clock, monotonic_ms

# What a 10-key entry holds: digits, the decimal point and the minus sign (a
# numeric keypad has no comma).
TENKEY_CHARACTERS = frozenset("0123456789.-")


@dataclass(frozen=True)
class EntryOutcome:
    """A finished data-entry test, as a page reports it: what
    ``store.records.data_entry_attempt`` builds the attempts row from.

    ``duration_s`` is the time allowed; ``status`` "completed" (the time ran
    out, or every record or number was keyed) or "abandoned".
    """

    task: EntryTask
    events: list[dict]
    duration_s: float
    keypad_required: bool
    status: str
    timed_out: bool = False
    incidents: list[dict] = field(default_factory=list)

    def result(self) -> FormResult | TenKeyResult:
        """Score the log (the same as ``typing-test score-entry`` does)."""
        return score_task(self.task, self.events, keypad_required=self.keypad_required)


class EntrySession:
    """A timed data-entry test of ``task`` lasting at most ``duration_s``.

    A form: ``focus(record, field)`` says where keys go, ``press(key)`` types
    one character or "Backspace", ``next_record()`` moves to the next
    document. 10-key: ``press(key, keypad=...)`` with a digit, ".", "-",
    "Backspace" or ENTER (which ends the entry). The test ends when the time
    runs out, when the last record or number is done, or when abandoned.
    """

    def __init__(self, task: EntryTask, duration_s: float, keypad_required: bool = False,
                 clock: Clock = monotonic_ms):
        self.task = task
        self.duration_s = duration_s
        self.keypad_required = keypad_required and task.kind == "tenkey"
        self._clock = clock
        self._start_ms: float | None = None
        self.events: list[dict] = []
        self.incidents: list[dict] = []  # refused pastes, focus losses
        self.abandoned = False
        # A form: the record shown, the field with the focus (record, name),
        # the focus last written to the log, and what every field holds.
        self.record = 0
        self._focus: tuple[int, str] | None = None
        self._logged_focus: tuple[int, str] | None = None
        self._values: dict[tuple[int, str], str] = {}
        # 10-key: how many entries are done, and what the current one holds.
        self.entry_index = 0
        self.entry = ""

    # State ---------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._start_ms is not None

    def elapsed_ms(self) -> float:
        """Milliseconds since the first key (0 before it)."""
        return 0.0 if self._start_ms is None else self._clock() - self._start_ms

    def time_left_s(self) -> float:
        """Seconds left on the timer, never below 0."""
        return max(0.0, self.duration_s - self.elapsed_ms() / 1000)

    @property
    def timed_out(self) -> bool:
        return self.started and self.elapsed_ms() >= self.duration_s * 1000

    @property
    def completed(self) -> bool:
        """Every record (form) or every number (10-key) is done."""
        if self.task.kind == "form":
            return self.record >= len(self.task.records)
        return self.entry_index >= len(self.task.numbers)

    @property
    def finished(self) -> bool:
        return self.completed or self.timed_out or self.abandoned

    def value(self, record: int, field_name: str) -> str:
        """What a form field holds: its keys so far, Backspace applied."""
        return self._values.get((record, field_name), "")

    def record_started(self, record: int) -> bool:
        """Whether anything was typed into ``record`` (a record never typed
        into is not scored, so it may not be skipped: see ``next_record``)."""
        return any(key[0] == record for key in self._values)

    # Input ---------------------------------------------------------------

    def focus(self, record: int, field_name: str) -> None:
        """The focus moved to ``field_name`` of ``record``: a focus event, once
        the test has started and when the focus is somewhere new."""
        self._focus = (record, field_name)
        if self.started and not self.finished:
            self._log_focus()

    def _log_focus(self) -> None:
        if self._focus is not None and self._focus != self._logged_focus:
            record, field_name = self._focus
            self.events.append({"t": self._t(), "record": record, "field": field_name})
            self._logged_focus = self._focus

    def _t(self) -> int:
        # Rounded milliseconds; never before the previous event (the log's rule).
        t = round(self.elapsed_ms())
        return max(t, int(self.events[-1]["t"])) if self.events else t

    def press(self, key: str, keypad: bool = False) -> bool:
        """Record one key; False when it was ignored (the test is over, a
        Backspace with nothing to remove, a form key with no field focused,
        a 10-key character that is not a digit, "." or "-")."""
        if self.task.kind == "form":
            if key == ENTER or (key != BACKSPACE and len(key) != 1) or self._focus is None:
                return False
        elif key not in TENKEY_CHARACTERS and key not in (ENTER, BACKSPACE):
            return False
        if self.finished:
            return False
        if key == BACKSPACE and not (self._values.get(self._focus) if self.task.kind == "form"
                                     else self.entry):
            return False
        if self._start_ms is None:
            self._start_ms = self._clock()
        if self.task.kind == "form":
            self._log_focus()
            self.events.append({"t": self._t(), "key": key})
            held = self._values.get(self._focus, "")
            self._values[self._focus] = held[:-1] if key == BACKSPACE else held + key
            return True
        self.events.append({"t": self._t(), "key": key, "keypad": bool(keypad)})
        if key == ENTER:
            self.entry_index += 1
            self.entry = ""
        elif key == BACKSPACE:
            self.entry = self.entry[:-1]
        else:
            self.entry += key
        return True

    def next_record(self) -> bool:
        """Move to the next record; False (staying) when nothing was typed
        into this one yet, or the test is over."""
        if self.finished or not self.record_started(self.record):
            return False
        self.record += 1
        return True

    def record_incident(self, kind: str, **details: object) -> None:
        """Note something that happened during the test, e.g. a refused paste."""
        self.incidents.append({"t": round(self.elapsed_ms()), "type": kind, **details})

    def abandon(self) -> None:
        """End the test without a result; it is stored as abandoned."""
        self.abandoned = True

    # The end ---------------------------------------------------------------

    def result(self) -> FormResult | TenKeyResult:
        """Score the log as it stands."""
        return score_task(self.task, self.events, keypad_required=self.keypad_required)

    def outcome(self) -> EntryOutcome:
        """What the page reports once the test is over."""
        return EntryOutcome(
            task=self.task, events=list(self.events), duration_s=self.duration_s,
            keypad_required=self.keypad_required,
            status="abandoned" if self.abandoned else "completed",
            timed_out=self.timed_out and not self.abandoned and not self.completed,
            incidents=list(self.incidents),
        )
