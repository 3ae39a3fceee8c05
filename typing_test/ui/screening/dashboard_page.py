"""HR's dashboard: every screening, filtered and sorted, with the review of the
one picked and a check of the seals.

The list is a table model that reads a page of 50 screenings at a time
(``store/dashboard.py``) as the table is scrolled, never all of them. The
picked screening's review has two tabs: the summary (candidate, battery, each
step's figures and its pass or fail in words, the outcome, the incidents and
the automation flags, recomputed from each typing step's keystroke log) and
the answers themselves (the typed text against the passage, the email or
reply, the quiz answers), marked where they went wrong.

"Check seals" runs ``ledger.verify_all`` on a worker thread: a warning bar
names each broken row when a seal does not hold; one line says what holds
when all do. It runs by itself the first time the page is shown, when HR is
logged in (``key_provider()`` gives the seal key, None otherwise).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import cache

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.assets import ContentError
from typing_test.core.screening.batteries import (
    ENTRY_MODE_TITLES,
    DataEntryStep,
    Step,
    shown_figure,
    shown_kph,
)
from typing_test.core.screening.seals import SealKey, Verification
from typing_test.core.typing.automation import automation_flags
from typing_test.core.typing.entry_tasks import load_tasks
from typing_test.core.typing.scoring import word_alignment
from typing_test.store import dashboard as D
from typing_test.store.database import Store
from typing_test.store.screenings import SCREENING_STATUSES
from typing_test.ui.common.background import BackgroundCall
from typing_test.ui.common.review_parts import (
    background_format,
    captioned,
    legend,
    mark_span,
    read_only_view,
    show_plain_text,
    visible_span,
)
from typing_test.ui.common.theme import (
    MARK_BAD,
    MARK_MISSED,
    current_colours,
    page_layout,
    set_role,
)
from typing_test.ui.email.proofreading_review import STATUS_COLOUR, status_format
from typing_test.ui.reports.attempts_model import local_time

SCREENING_ID_ROLE = Qt.ItemDataRole.UserRole
# (heading, the store's sort key, or None when the column does not sort).
COLUMNS = [
    ("Started", "newest"),
    ("Candidate", "candidate"),
    ("Battery", None),
    ("Result", "score"),
    ("Passed", None),
    ("Incidents", None),
]
PERIODS = ["Any time", "Today", "Last 7 days", "Last 30 days", "Last 12 months",
           "Between dates"]
KIND_TITLES = {"typing": "Typing test", "proofreading": "Proofreading drill",
               "writing": "Writing drill", "quiz": "Quiz", "data-entry": "Data entry"}
INCIDENT_WORDS = {"paste": "Paste refused", "focus_lost": "Left the window",
                  "leave_attempt": "Tried to leave"}
TYPING_LEGEND = [("Typed wrong", MARK_BAD), ("Left out or mistyped", MARK_MISSED)]
BROKEN_SEAL = "Seal broken"  # the result column of a screening whose seals do not hold
SHOWN_PROBLEMS = 4  # seal problems named in the warning; the list marks every one
WRITING_LEGEND = [("Spelling or grammar finding", MARK_BAD)]
# The proofreading review's marks, named in a word each to fit beside the answer.
PROOFREADING_LEGEND = [("Fixed", STATUS_COLOUR["fixed"]), ("Missed", STATUS_COLOUR["missed"]),
                       ("New mistake", STATUS_COLOUR["introduced"]),
                       ("Reworded", STATUS_COLOUR["changed"])]


# ---------------------------------------------------------------------------
# What a row and a review say, in words


def result_text(row: dict) -> str:
    """A screening's result as the list shows it.

    >>> result_text({"status": "completed", "outcome": "pass"})
    'Pass'
    >>> result_text({"status": "abandoned", "outcome": "incomplete"})
    'Incomplete (abandoned)'
    >>> result_text({"status": "in_progress", "outcome": None})
    'In progress'
    >>> result_text({"status": "completed", "outcome": "fail", "weighted_score": 61.5})
    'Fail (62 %)'
    >>> result_text({"status": "completed", "outcome": "pass", "unverified": 1, "flagged": 1})
    'Pass, unverified, flagged'
    """
    if row["status"] == "in_progress" or not row["outcome"]:
        text = row["status"].replace("_", " ").capitalize()
    else:
        text = row["outcome"].capitalize()
        if row.get("weighted_score") is not None:
            text += f" ({row['weighted_score']:.0f} %)"
        if row["status"] != "completed":
            text += f" ({row['status']})"
    # Merged from another PC without its password; a typing step to review.
    if row.get("unverified"):
        text += ", unverified"
    if row.get("flagged"):
        text += ", flagged"
    return text


def period_bounds(period: str, today: datetime, first: QDate | None = None,
                  last: QDate | None = None) -> tuple[datetime | None, datetime | None]:
    """(from, before) in local time for one of PERIODS, ``today`` being now
    (aware, local); "Between dates" takes ``first`` and ``last``, both
    included.

    >>> from datetime import timezone
    >>> now = datetime(2026, 3, 10, 15, 0, tzinfo=timezone.utc)
    >>> [moment.isoformat() for moment in period_bounds("Last 7 days", now)]
    ['2026-03-04T00:00:00+00:00', '2026-03-11T00:00:00+00:00']
    >>> period_bounds("Any time", now)
    (None, None)
    """
    midnight = datetime.combine(today.date(), time(), tzinfo=today.tzinfo)
    tomorrow = midnight + timedelta(days=1)
    days = {"Today": 1, "Last 7 days": 7, "Last 30 days": 30, "Last 12 months": 365}
    if period in days:
        return tomorrow - timedelta(days=days[period]), tomorrow
    if period == "Between dates" and first is not None and last is not None:
        start = datetime.combine(first.toPython(), time(), tzinfo=today.tzinfo)
        end = datetime.combine(last.toPython(), time(), tzinfo=today.tzinfo)
        return start, end + timedelta(days=1)
    return None, None


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in re.finditer(r"\S+", text)]


def typing_marks(typed: str, passage: str) -> tuple[list[tuple[int, int]],
                                                     list[tuple[int, int]]]:
    """Where the typed text went wrong, as character spans: in ``typed`` each
    wrong, extra or split word, in ``passage`` each word left out or
    mistyped. The words are matched as the score matches them.

    >>> typing_marks("the cta sat", "the cat sat on")
    ([(4, 7)], [(4, 7)])
    >>> typing_marks("the sat on ", "the cat sat on")
    ([], [(4, 7)])
    """
    typed_spans, passage_spans = _word_spans(typed), _word_spans(passage)
    mid_word = bool(typed) and not typed[-1].isspace()
    steps = word_alignment(typed.split(), passage.split(), mid_word)
    typed_marks, passage_marks = [], []
    for step in steps:
        i_end, j_end = step.after()
        if i_end > step.i:
            typed_marks.append((typed_spans[step.i][0], typed_spans[i_end - 1][1]))
        if j_end > step.j and j_end <= len(passage_spans):
            passage_marks.append((passage_spans[step.j][0], passage_spans[j_end - 1][1]))
    return typed_marks, passage_marks


def _number(value: object, digits: int = 1) -> str:
    return "?" if not isinstance(value, int | float) else f"{value:.{digits}f}"


def _duration(seconds: object) -> str:
    if not isinstance(seconds, int | float):
        return "?"
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def step_figures(step: dict) -> str:
    """One step's figures in a line: net WPM and accuracy for typing,
    keystrokes per hour and accuracy for data entry, the score for a drill or
    quiz, and the time taken.

    >>> step_figures({"kind": "data-entry", "figures": {"score": 8123.9, "accuracy": 98.0,
    ...                                                 "duration_s": 300}})
    '8,123 KPH, 98 % accuracy, 5:00 taken'
    """
    figures = step["figures"]
    if step["kind"] == "typing":
        text = (f"{_number(figures.get('score'))} net WPM, "
                f"{_number(figures.get('accuracy'))} % accuracy")
    elif step["kind"] == "data-entry":
        text = f"{_kph(figures.get('score'))}, {_cut(figures.get('accuracy'))} % accuracy"
    else:
        text = f"score {_number(figures.get('score'), 0)} %"
    if isinstance(figures.get("duration_s"), int | float):
        text += f", {_duration(figures['duration_s'])} taken"
    return text


def step_heading(step: Step) -> str:
    """What kind of step it is, as the review names it (a data-entry step
    with its mode).

    >>> step_heading(DataEntryStep("Keying", "tenkey", 180, 8000))
    'Data entry: 10-key'
    """
    if isinstance(step, DataEntryStep):
        return ENTRY_MODE_TITLES.get(step.mode, KIND_TITLES["data-entry"])
    return KIND_TITLES.get(step.kind, step.kind)


def _kph(value: object) -> str:
    """Keystrokes per hour as the verdict shows them: cut to a whole number."""
    return f"{shown_kph(value)} KPH" if isinstance(value, int | float) else "? KPH"


def _cut(value: object) -> str:
    """A percentage as the verdict shows it: cut, never rounded up to a bar
    (97.996 reads 97.99, not 98.0)."""
    return shown_figure(value) if isinstance(value, int | float) else "?"


def data_entry_text(attempt: dict) -> str:
    """A data-entry step's review: its figures, then every field (form) or
    entry (10-key) keyed wrong, with what was typed and what was expected."""
    details = attempt.get("details")
    details = details if isinstance(details, dict) else {}
    # The scoring's figures (``FormResult``/``TenKeyResult.as_json``), which
    # ``records.data_entry_attempt`` stores as the row's figures.
    result = attempt.get("figures")
    result = result if isinstance(result, dict) else {}
    lines = [f"{_kph(attempt.get('score'))}, {_cut(attempt.get('accuracy'))} % accuracy, "
             f"{result.get('keystrokes', '?')} keystrokes"]
    if "field_errors" in result:
        lines.append(f"{result.get('fields_right', '?')} of {result.get('fields_scored', '?')} "
                     f"fields right over {result.get('records_started', '?')} records; "
                     f"character accuracy {_cut(result.get('character_accuracy'))} %")
        labels = _stored_labels(details) or _field_labels(str(attempt.get("item_id") or ""))
        errors = [f"Record {error.get('record', 0) + 1}, "
                  f"{labels.get(error.get('field'), error.get('field'))}: typed "
                  f"“{error.get('typed', '')}”, expected “{error.get('expected', '')}”"
                  for error in result["field_errors"] if isinstance(error, dict)]
    else:
        lines.append(f"{result.get('entries_right', '?')} of {result.get('entries', '?')} "
                     f"entries right; digits from the {result.get('digits_from', '?')}")
        errors = [f"Entry {error.get('entry', 0) + 1}: typed “{error.get('typed', '')}”, "
                  f"expected “{error.get('expected', '')}”"
                  for error in result.get("entry_errors", []) if isinstance(error, dict)]
    lines += ["", f"{len(errors)} error{'' if len(errors) == 1 else 's'}"
              + (":" if errors else "."), *errors]
    return "\n".join(lines)


def _stored_labels(details: dict) -> dict[str, str]:
    """The labels of the form's fields by field name, from the task stored
    with the attempt (``details["task"]``; {} when it is not there).

    >>> _stored_labels({"task": {"fields": [{"name": "amount", "label": "Amount due"}]}})
    {'amount': 'Amount due'}
    """
    task = details.get("task")
    fields = task.get("fields") if isinstance(task, dict) else None
    return {entry["name"]: entry["label"] for entry in fields or ()
            if isinstance(entry, dict) and isinstance(entry.get("name"), str)
            and isinstance(entry.get("label"), str)}


@cache
def _field_labels(task_id: str) -> dict[str, str]:
    """The labels a shipped form task shows for its fields, by field name
    ({} for a task not shipped with this app, whose names are shown)."""
    try:
        tasks = {task.id: task for task in load_tasks()}
    except ContentError:
        return {}
    task = tasks.get(task_id)
    return {form_field.name: form_field.label for form_field in task.fields} if task else {}


def incident_text(incident: dict) -> str:
    """One incident in words, with the step and the moment in it.

    >>> incident_text({"kind": "focus_lost", "step_position": 0, "t": 65000,
    ...                "duration_ms": 4200, "detail": ""})
    'Left the window, step 1 at 1:05, for 4.2 s'
    """
    words = INCIDENT_WORDS.get(incident["kind"], incident["kind"].replace("_", " ").capitalize())
    if incident["step_position"] is not None:
        words += f", step {incident['step_position'] + 1}"
        if incident["t"] is not None:
            words += f" at {_duration(incident['t'] / 1000)}"
    else:
        words += ", between steps"
    if incident["duration_ms"] is not None:
        words += f", for {incident['duration_ms'] / 1000:.1f} s"
    if incident["detail"]:
        words += f" ({incident['detail']})"
    return words


def step_flags(step: dict) -> list[str]:
    """The automation flags of a typing step, recomputed from its stored
    keystroke log (the messages); [] for other steps or a clean log."""
    attempt = step.get("attempt")
    if step["kind"] != "typing" or not attempt or not attempt.get("keystrokes"):
        return []
    try:
        return [flag.message for flag in automation_flags(attempt["keystrokes"])]
    except (TypeError, ValueError, KeyError) as error:  # a damaged log
        return [f"the keystroke log cannot be read ({error})"]


def summary_html(detail: dict) -> str:
    """The summary of one screening, as the review's rich text (no colours of
    its own: the words say pass and fail)."""
    esc = html.escape
    candidate = detail["candidate"]
    parts = []
    if candidate is None:
        parts.append("<h3>Candidate deleted</h3>")
    else:
        contact = " · ".join(value for value in (candidate["email"], candidate["phone"],
                                                  candidate["hr_reference"]) if value)
        parts.append(f"<h3>{esc(candidate['name'])}</h3>"
                     f"<p>{esc(contact)}<br>Role: {esc(candidate['role'] or 'not given')}</p>")
    battery = detail["battery"]
    parts.append(f"<p><b>Battery:</b> {esc(battery.name)} — pass rule: "
                 f"{esc(battery.rule())}<br>"
                 f"<b>Started:</b> {esc(local_time(detail['started_at']))}"
                 + (f" · <b>finished:</b> {esc(local_time(detail['finished_at']))}"
                    if detail["finished_at"] else "")
                 + f" · <b>status:</b> {esc(detail['status'].replace('_', ' '))}</p>")
    if detail.get("override_reason"):
        parts.append(f"<p><b>Retake rule overridden:</b> {esc(detail['override_reason'])}</p>")
    verdict = detail["verdict"]
    if verdict:
        score = verdict.get("weighted_score")
        parts.append(f"<p><b>Outcome: {esc(verdict['outcome'].upper())}</b>"
                     + (f" (weighted score {score:g} %)" if score is not None else "")
                     + f" — {esc(verdict.get('reason', ''))}</p>")
    else:
        parts.append("<p><b>Outcome:</b> not decided yet (the screening is running)</p>")
    parts.append("<h4>Steps</h4><ol>")
    recorded = {step["position"]: step for step in detail["steps"]}
    for position, planned in enumerate(battery.steps):
        step = recorded.get(position)
        title = esc(step_heading(planned))
        if step is None:
            parts.append(f"<li>{title}: <b>not taken</b></li>")
            continue
        figures = step["figures"]
        mark = "PASS" if step["passed"] else "FAIL"
        item = f" ({esc(figures['item_title'])})" if figures.get("item_title") else ""
        parts.append(f"<li>{title}{item}: {esc(step_figures(step))}.<br><b>{mark}</b> — "
                     f"rule: {esc(figures.get('rule', ''))}; {esc(figures.get('reason', ''))}")
        flags = step_flags(step)
        if flags:
            parts.append("<br><b>Flagged for review</b> (never failed for this):<ul>"
                         + "".join(f"<li>{esc(flag)}</li>" for flag in flags) + "</ul>")
        if step.get("attempt") is None:
            parts.append("<br>The answers of this step cannot be found.")
        parts.append("</li>")
    parts.append("</ol>")
    flagged = any(step_flags(step) for step in detail["steps"])
    if not flagged and any(step["kind"] == "typing" for step in detail["steps"]):
        parts.append("<p>Automation flags: none (the typing looks like a person's).</p>")
    incidents = detail["incidents"]
    parts.append(f"<h4>Incidents ({len(incidents)})</h4>")
    if incidents:
        parts.append("<ul>" + "".join(f"<li>{esc(incident_text(incident))}</li>"
                                      for incident in incidents) + "</ul>")
    else:
        parts.append("<p>None: no paste, no leaving the window, no attempt to leave.</p>")
    return "".join(parts)


def quiz_text(attempt: dict) -> str:
    """The quiz's questions with the candidate's answer and the right one."""
    result = (attempt.get("details") or {}).get("result") or {}
    lines = [f"{result.get('correct', '?')} of {result.get('total', '?')} right "
             f"({_number(result.get('percent'), 0)} %)", ""]
    for number, question in enumerate(result.get("questions", []), start=1):
        given = question.get("given")
        verdict = ("right" if question.get("correct") else
                   "not answered" if not question.get("answered") else "wrong")
        lines.append(f"{number}. [{verdict}] {question.get('prompt', '')}")
        lines.append(f"   Answer given: {_answer(given)}")
        if not question.get("correct"):
            lines.append(f"   Right answer: {_answer(question.get('right_answer'))}")
        lines.append("")
    return "\n".join(lines)


def _answer(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, bool):
        return "True" if value else "False"
    return str(value)


# ---------------------------------------------------------------------------
# The list


class ScreeningTableModel(QAbstractTableModel):
    """The screenings matching a filter, read a page at a time as the view
    asks for more (``canFetchMore``/``fetchMore``)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.filters = D.ScreeningFilter()
        self.sort_key = "newest"
        self.rows: list[dict] = []
        self.total = 0
        self.broken: set[str] = set()  # screenings whose seals the last check found broken
        self._ids: set[str] = set()

    def reload(self, filters: D.ScreeningFilter | None = None, sort: str | None = None) -> None:
        """Start again from the first page, with new filters or sort if given."""
        self.beginResetModel()
        self.filters = filters if filters is not None else self.filters
        self.sort_key = sort or self.sort_key
        page = D.list_screenings(self.store, self.filters, sort=self.sort_key)
        self.rows, self.total = page.rows, page.total
        self._ids = {row["id"] for row in self.rows}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if parent.isValid():
            return
        page = D.list_screenings(self.store, self.filters, sort=self.sort_key,
                                 offset=len(self.rows))
        # A screening begun meanwhile shifts the pages by one: skip what is listed.
        fresh = [row for row in page.rows if row["id"] not in self._ids]
        self.total = page.total
        if not page.rows:
            self.total = len(self.rows)  # the list ended sooner than counted
            return
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
            self.rows.extend(fresh)
            self._ids.update(row["id"] for row in fresh)
            self.endInsertRows()

    def set_broken(self, screening_ids: set[str]) -> None:
        """Mark the screenings whose seals do not hold (from the last check), and
        read the listed rows again: what the check judged is what is shown."""
        self.broken = screening_ids
        fresh = D.screening_rows(self.store, [row["id"] for row in self.rows])
        if len(fresh) != len(self.rows):  # some were deleted meanwhile
            self.beginResetModel()
            self.rows, self._ids = fresh, {row["id"] for row in fresh}
            self.endResetModel()
        elif self.rows:
            self.rows = fresh
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1,
                                                               len(COLUMNS) - 1))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == SCREENING_ID_ROLE:
            return row["id"]
        broken_result = COLUMNS[index.column()][0] == "Result" and row["id"] in self.broken
        if role == Qt.ItemDataRole.DisplayRole:
            # What is stored cannot be relied on: the result is not shown as if it could.
            return BROKEN_SEAL if broken_result else self.cell_text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and broken_result:
            return current_colours().danger_text
        if role == Qt.ItemDataRole.ToolTipRole:
            return ((f"{BROKEN_SEAL}: changed outside the app. " if row["id"] in self.broken
                     else "")
                    + f"{row['candidate_name']} ({row['role'] or 'no role given'}), "
                    f"{row['battery_name']}, started {local_time(row['started_at'])}: "
                    f"{result_text(row)}")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def cell_text(row: dict, column: int) -> str:
        """What column ``column`` shows for ``row``."""
        heading = COLUMNS[column][0]
        if heading == "Started":
            return local_time(row["started_at"])[:10]  # the day; the time is in the tooltip
        if heading == "Candidate":
            return row["candidate_name"]
        if heading == "Battery":
            return row["battery_name"] or ""
        if heading == "Result":
            return result_text(row)
        if heading == "Passed":
            return f"{row['steps_passed']} of {row['planned_steps']}"
        return str(row["incidents"]) if row["incidents"] else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column that sorts (Started, Candidate, Result: by weighted
        score); the others keep the order. Descending Started is newest first;
        ascending Candidate is A to Z."""
        key = COLUMNS[column][1]
        if key is None:
            return
        if key == "newest" and order == Qt.SortOrder.AscendingOrder:
            key = "oldest"
        self.reload(sort=key)


# ---------------------------------------------------------------------------
# The page


class DashboardPage(QWidget):
    """The screenings HR looks back on, with their review and the seal check."""

    def __init__(self, store: Store, key_provider: Callable[[], SealKey | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.key_provider = key_provider
        self._checked_once = False
        self._split_by_hand = False  # HR moved the splitter: keep their widths
        self._check: BackgroundCall | None = None
        self.last_verification: Verification | None = None

        title = QLabel("Screenings")
        set_role(title, "title")
        self.seal_label = QLabel()
        self.seal_label.setWordWrap(True)
        self.seal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.seal_label.hide()
        self.check_button = QPushButton("Check &seals")
        self.check_button.setAccessibleName("Check seals")
        self.check_button.setToolTip("Check that no result was changed, added or removed "
                                     "outside the app")
        self.check_button.clicked.connect(self.check_seals)
        self.refresh_button = QPushButton("Re&load")
        self.refresh_button.setAccessibleName("Refresh the list")
        self.refresh_button.clicked.connect(self.refresh)

        self._build_filters()
        self.model = ScreeningTableModel(store, self)
        self.table = QTableView()
        self.table.setObjectName("screeningTable")
        self.table.setAccessibleName("Screenings")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Widths from the font, not from the rows: measuring every row fetched
        # would slow scrolling through thousands of them.
        for column, sample in ((0, "2026-12-31"), (2, "Voice (calls)"), (3, BROKEN_SEAL),
                               (4, "4 of 4"), (5, "")):
            header.resizeSection(column, 16 + max(
                self.table.fontMetrics().horizontalAdvance(sample),
                header.fontMetrics().horizontalAdvance(COLUMNS[column][0]) + 12))
        header.setSortIndicatorShown(True)
        self._sorted_by = (0, Qt.SortOrder.DescendingOrder)  # newest first
        header.setSortIndicator(*self._sorted_by)
        header.sortIndicatorChanged.connect(self._sort_by)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self._build_review()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.review)
        self.splitter = splitter
        splitter.splitterMoved.connect(lambda _pos, _index: setattr(self, "_split_by_hand", True))

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.refresh_button)
        top.addWidget(self.check_button)
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(top)
        layout.addWidget(self.seal_label)
        layout.addLayout(self.filter_grid)
        layout.addWidget(splitter, 1)
        self.refresh()

    # Filters ---------------------------------------------------------------

    def _build_filters(self) -> None:
        self.period_box = QComboBox()
        self.period_box.addItems(PERIODS)
        self.period_box.setAccessibleName("Period started")
        self.from_date = QDateEdit(QDate.currentDate().addDays(-30))
        self.to_date = QDateEdit(QDate.currentDate())
        for edit, name in ((self.from_date, "From date"), (self.to_date, "To date")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.hide()
            edit.dateChanged.connect(self._apply_filters)
        self.role_box = QComboBox()
        self.role_box.setAccessibleName("Role")
        self.battery_box = QComboBox()
        self.battery_box.setAccessibleName("Battery")
        self.outcome_box = QComboBox()
        self.outcome_box.setAccessibleName("Outcome")
        self.outcome_box.addItem("Any outcome", "")
        for outcome in D.OUTCOMES:
            self.outcome_box.addItem(outcome.capitalize(), outcome)
        self.status_box = QComboBox()
        self.status_box.setAccessibleName("Status")
        self.status_box.addItem("Any status", "")
        for status in SCREENING_STATUSES:
            self.status_box.addItem(status.replace("_", " ").capitalize(), status)
        self.incidents_box = QCheckBox("With &incidents")
        self.incidents_box.setAccessibleName("Only screenings with incidents")
        self.incidents_box.setToolTip("Only screenings with a refused paste, a focus loss or "
                                      "an attempt to leave")
        self.flags_box = QCheckBox("With fla&gs")
        self.flags_box.setAccessibleName("Only screenings with a typing step flagged for review")
        self.flags_box.setToolTip("Only screenings whose typing looked automated or "
                                  "impossibly fast (flagged for review, never failed)")
        self.count_label = QLabel()
        set_role(self.count_label, "hint")

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        # Mnemonics clear of the admin area's tab titles and the toolbar's.
        boxes = [("Perio&d", self.period_box), ("Ro&le", self.role_box),
                 ("B&attery", self.battery_box), ("Out&come", self.outcome_box),
                 ("S&tatus", self.status_box)]
        for column, (caption, box) in enumerate(boxes):
            label = QLabel(caption)
            label.setBuddy(box)
            set_role(label, "hint")
            grid.addWidget(label, 0, column)
            grid.addWidget(box, 1, column)
            grid.setColumnStretch(column, 1)
        checks = QVBoxLayout()
        checks.addWidget(self.incidents_box)
        checks.addWidget(self.flags_box)
        grid.addLayout(checks, 0, len(boxes), 2, 1)
        dates = QHBoxLayout()
        self.date_labels = [QLabel("From"), QLabel("to, included")]
        for label, edit in zip(self.date_labels, (self.from_date, self.to_date), strict=True):
            set_role(label, "hint")
            label.setBuddy(edit)
            label.hide()
            dates.addWidget(label)
            dates.addWidget(edit)
        dates.addStretch(1)
        grid.addLayout(dates, 2, 0, 1, len(boxes) + 1)
        self.filter_grid = grid
        for box in (self.period_box, self.role_box, self.battery_box, self.outcome_box,
                    self.status_box):
            box.currentIndexChanged.connect(self._apply_filters)
        self.incidents_box.toggled.connect(self._apply_filters)
        self.flags_box.toggled.connect(self._apply_filters)
        self._filling = False

    def _fill_choices(self) -> None:
        """The roles and batteries to choose from, keeping what is chosen."""
        self._filling = True
        try:
            for box, any_text, choices in (
                (self.role_box, "Any role", [(role, role) for role in D.roles(self.store)]),
                (self.battery_box, "Any battery",
                 [(name, battery_id) for battery_id, name in D.batteries_screened(self.store)]),
            ):
                chosen = box.currentData()
                box.clear()
                box.addItem(any_text, "")
                for text, value in choices:
                    box.addItem(text, value)
                box.setCurrentIndex(max(0, box.findData(chosen)))
        finally:
            self._filling = False

    def filters(self) -> D.ScreeningFilter:
        """The filter the controls at the top say."""
        between = self.period_box.currentText() == "Between dates"
        started_from, started_before = period_bounds(
            self.period_box.currentText(), datetime.now().astimezone(),
            self.from_date.date(), self.to_date.date())
        for widget in (self.from_date, self.to_date, *self.date_labels):
            widget.setVisible(between)
        return D.ScreeningFilter(
            started_from=started_from, started_before=started_before,
            role=self.role_box.currentData() or "",
            battery_id=self.battery_box.currentData() or "",
            outcome=self.outcome_box.currentData() or "",
            status=self.status_box.currentData() or "",
            with_incidents=self.incidents_box.isChecked(),
            with_flags=self.flags_box.isChecked())

    def _apply_filters(self) -> None:
        if self._filling:
            return
        self.model.reload(self.filters())
        self._after_reload()

    def refresh(self) -> None:
        """Read the choices and the list again (new screenings appear)."""
        self._fill_choices()
        self.model.reload(self.filters())
        self._after_reload()

    def _after_reload(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total:,} screening{'' if total == 1 else 's'}")
        if self.model.rows:
            self.table.selectRow(0)
        else:
            self._show_nothing("No screening matches these filters." if self.model.filters
                               != D.ScreeningFilter() else "No screening yet.")

    def _sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """Sort by a heading clicked; a column that does not sort keeps the
        indicator where it was, so it never claims an order the list is not in."""
        header = self.table.horizontalHeader()
        if COLUMNS[column][1] is None:
            header.blockSignals(True)
            header.setSortIndicator(*self._sorted_by)
            header.blockSignals(False)
            return
        self._sorted_by = (column, order)
        self.model.sort(column, order)
        self._after_reload()

    # The review -----------------------------------------------------------

    def _build_review(self) -> None:
        self.summary_view = QTextBrowser()
        self.summary_view.setObjectName("screeningSummary")
        self.summary_view.setAccessibleName("Screening summary")
        self.summary_view.setOpenLinks(False)
        self.summary_view.setTabChangesFocus(True)
        self.step_box = QComboBox()
        self.step_box.setAccessibleName("Step whose answers are shown")
        self.step_box.currentIndexChanged.connect(self._show_answers)
        step_label = QLabel("Step &number")
        step_label.setBuddy(self.step_box)
        self.answer_caption = QLabel()
        self.answer_caption.setWordWrap(True)
        set_role(self.answer_caption, "hint")
        self.answer_view = read_only_view("answerView", "The candidate's answer")
        self.expected_view = read_only_view("expectedView", "What was expected")
        for view in (self.answer_view, self.expected_view):
            view.setTabChangesFocus(True)
        self.answer_label = QLabel("Answer")
        self.expected_label = QLabel("Expected")
        for label in (self.answer_label, self.expected_label):
            set_role(label, "strong")
        self.legends: dict[str, QWidget] = {}
        for kind, entries in (("typing", TYPING_LEGEND), ("proofreading", PROOFREADING_LEGEND),
                              ("writing", WRITING_LEGEND)):
            box = QWidget()
            row = legend(entries)
            row.setContentsMargins(0, 0, 0, 0)
            box.setLayout(row)
            box.hide()
            self.legends[kind] = box
        views = QSplitter(Qt.Orientation.Vertical)
        views.addWidget(captioned(self.answer_label, self.answer_view))
        self.expected_box = captioned(self.expected_label, self.expected_view)
        views.addWidget(self.expected_box)
        answers = QWidget()
        answers_layout = QVBoxLayout(answers)
        picker = QHBoxLayout()
        picker.addWidget(step_label)
        picker.addWidget(self.step_box, 1)
        answers_layout.addLayout(picker)
        answers_layout.addWidget(self.answer_caption)
        for box in self.legends.values():
            answers_layout.addWidget(box)
        answers_layout.addWidget(views, 1)
        self.review = QTabWidget()
        self.review.setAccessibleName("Review of the screening")
        self.review.addTab(self.summary_view, "Summary")
        self.review.addTab(answers, "Answers")
        self.detail: dict | None = None

    def _show_nothing(self, text: str) -> None:
        self.detail = None
        self.summary_view.setPlainText(text)
        self.step_box.clear()
        show_plain_text(self.answer_view, "")
        show_plain_text(self.expected_view, "")

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self.show_screening(self.model.data(current, SCREENING_ID_ROLE))

    def show_screening(self, screening_id: str) -> None:
        """Fill the review with one screening."""
        try:
            self.detail = D.screening_detail(self.store, screening_id)
        except KeyError:
            self._show_nothing("This screening was deleted meanwhile: refresh the list.")
            return
        except (ValueError, TypeError) as error:  # a damaged row
            self._show_nothing(f"This screening cannot be read: {error}.")
            return
        warning = ""
        if screening_id in self.model.broken:
            warning = ("<p><b>Warning: the seals of this screening do not hold.</b> What "
                       "is shown below was changed outside the app and cannot be relied "
                       "on.</p>")
        self.summary_view.setHtml(warning + summary_html(self.detail))
        self.step_box.blockSignals(True)
        self.step_box.clear()
        planned = self.detail["battery"].steps
        for step in self.detail["steps"]:
            heading = (step_heading(planned[step["position"]]) if step["position"] < len(planned)
                       else KIND_TITLES.get(step["kind"], step["kind"]))
            self.step_box.addItem(f"{step['position'] + 1}. {heading}")
        self.step_box.blockSignals(False)
        self._show_answers()

    def _show_answers(self) -> None:
        detail = self.detail
        index = self.step_box.currentIndex()
        if detail is None or not 0 <= index < len(detail["steps"]):
            show_plain_text(self.answer_view, "")
            show_plain_text(self.expected_view, "")
            self.answer_caption.setText("No step was recorded yet." if detail else "")
            return
        step = detail["steps"][index]
        attempt = step.get("attempt")
        self._set_legend(None)
        if attempt is None:
            self.answer_caption.setText("The answers of this step cannot be found.")
            show_plain_text(self.answer_view, "")
            show_plain_text(self.expected_view, "")
            return
        details = attempt.get("details") or {}
        show = {"typing": self._show_typing, "proofreading": self._show_proofreading,
                "writing": self._show_writing, "quiz": self._show_quiz,
                "data-entry": self._show_data_entry}.get(step["kind"])
        if show is None:  # a kind of step a newer version of the app recorded
            self.answer_caption.setText(f"This app cannot show a {step['kind']} step.")
            self._views("Answer", "", None, "")
            return
        show(attempt, details)

    def _set_legend(self, kind: str | None) -> None:
        """Show the legend of the marks of a ``kind`` of step (None: no legend)."""
        for name, box in self.legends.items():
            box.setVisible(name == kind)

    def _views(self, answer_title: str, answer: str, expected_title: str | None,
               expected: str) -> None:
        self.answer_label.setText(answer_title)
        show_plain_text(self.answer_view, answer)
        self.expected_label.setText(expected_title or "")
        self.expected_box.setVisible(expected_title is not None)
        show_plain_text(self.expected_view, expected)

    def _show_typing(self, attempt: dict, details: dict) -> None:
        typed = details.get("typed_text") or ""
        passage = details.get("passage_text") or ""
        self._views("Typed", typed, "Passage", passage)
        typed_marks, passage_marks = typing_marks(typed, passage)
        for view, marks, colour in ((self.answer_view, typed_marks, MARK_BAD),
                                    (self.expected_view, passage_marks, MARK_MISSED)):
            for start, end in marks:
                mark_span(view.document(), start, end, background_format(colour))
        errors = len(typed_marks)
        keys = len(attempt.get("keystrokes") or [])
        self.answer_caption.setText(
            f"{keys:,} keystrokes replayed; {errors} word error{'' if errors == 1 else 's'}. "
            "The marks show where the typed words differ from the passage.")
        self._set_legend("typing")

    def _show_proofreading(self, attempt: dict, details: dict) -> None:
        answer = details.get("answer") or ""
        self._views("The candidate's corrected email", answer, "The email as given",
                    details.get("email") or "")
        result = details.get("result") or {}
        for status in ("fixed", "missed", "introduced", "changed"):
            for span in result.get(status, []):
                start, end = visible_span(span["start"], span["end"], len(answer))
                mark_span(self.answer_view.document(), start, end, status_format(status))
        self.answer_caption.setText(
            f"Fixed {len(result.get('fixed', []))} of {result.get('seeded', '?')} · missed "
            f"{len(result.get('missed', []))} · new mistakes "
            f"{len(result.get('introduced', []))}")
        self._set_legend("proofreading")

    def _show_writing(self, attempt: dict, details: dict) -> None:
        text = details.get("text") or ""
        feedback = details.get("feedback") or {}
        lines = [f"{item.get('label', '')}: {item.get('earned', 0):g} of "
                 f"{item.get('possible', 0):g} — {item.get('message', '')}"
                 for item in feedback.get("items", [])]
        findings = feedback.get("findings", [])
        lines += ["", f"{len(findings)} spelling or grammar finding"
                  f"{'' if len(findings) == 1 else 's'}:"]
        lines += [f"“{finding.get('text', '')}”: {finding.get('message', '')}"
                  for finding in findings]
        self._views("The candidate's reply", text, "How it was scored", "\n".join(lines))
        for finding in findings:
            start, end = visible_span(finding["start"], finding["end"], len(text))
            mark_span(self.answer_view.document(), start, end, background_format(MARK_BAD))
        self.answer_caption.setText(
            f"Score {_number(feedback.get('score'), 0)} / 100, "
            f"{feedback.get('word_count', '?')} words; spelling and grammar findings marked.")
        self._set_legend("writing")

    def _show_quiz(self, attempt: dict, details: dict) -> None:
        self._views("Questions and answers", quiz_text(attempt), None, "")
        self.answer_caption.setText(attempt.get("item_title") or "")
        self.answer_view.moveCursor(QTextCursor.MoveOperation.Start)

    def _show_data_entry(self, attempt: dict, details: dict) -> None:
        self._views("Figures and errors", data_entry_text(attempt), None, "")
        self.answer_caption.setText(attempt.get("item_title") or "")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._split_by_hand:
            # The list a little wider than the review, whatever the window's size.
            width = self.width()
            self.splitter.setSizes([width * 58 // 100, width - width * 58 // 100])

    # Seals ----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._checked_once and self.key_provider() is not None:
            self._checked_once = True
            self.check_seals()

    def check_seals(self) -> None:
        """Check every seal on a worker thread; the result shows above the filters."""
        key = self.key_provider()
        if key is None:
            self._show_seal_line("Log in as HR to check the seals.", "hint")
            return
        if self._check is not None:
            return  # one check at a time
        self.check_button.setEnabled(False)
        self._show_seal_line("Checking the seals of every result...", "hint")
        self._check = BackgroundCall(D.verify_seals, self.store, key, parent=self)
        self._check.finished.connect(self._seals_checked)
        self._check.failed.connect(self._seal_check_failed)
        self._check.start()

    def _seals_checked(self, verification: Verification) -> None:
        self._check = None
        self.check_button.setEnabled(True)
        self.last_verification = verification
        if verification.ok:
            self.model.set_broken(set())
            self._show_seal_line(f"Seals checked: {verification.summary()}.", "success")
            return
        lines = D.seal_problem_lines(self.store, verification.problems)
        self.model.set_broken({screening_id for screening_id, _line in lines if screening_id})
        shown = "\n".join(f"• {line}" for _screening_id, line in lines[:SHOWN_PROBLEMS])
        more = len(lines) - SHOWN_PROBLEMS
        more_text = f"\n…and {more:,} more (marked in the list)." if more > 0 else ""
        self._show_seal_line(
            f"Warning: {len(lines):,} "
            f"{'seal does not hold' if len(lines) == 1 else 'seals do not hold'}. "
            "These results were changed, added or removed outside the app; do not rely on "
            f"them until this is explained (typing-test verify lists them all):\n{shown}"
            f"{more_text}", "warningBar")
        if self.detail is not None:
            self.show_screening(self.detail["id"])

    def _seal_check_failed(self, message: str) -> None:
        self._check = None
        self.check_button.setEnabled(True)
        self._show_seal_line(f"The seals could not be checked: {message}", "warningBar")

    def _show_seal_line(self, text: str, role: str) -> None:
        self.seal_label.setText(text)
        self.seal_label.setAccessibleName(text)
        set_role(self.seal_label, role)
        self.seal_label.show()

