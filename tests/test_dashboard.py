"""HR's dashboard: the queries (filters, sorts, pages, one screening's detail)
and the page driven as HR uses it (filters, scrolling for more, a picked
screening's review, the seal check and its warning)."""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from typing_test.core.screening.candidates import Candidate
from typing_test.core.screening.seals import SealKey
from typing_test.store import dashboard as D
from typing_test.store import screenings as S
from typing_test.store.ledger import sealer_for, start_chain
from typing_test.ui.common.theme import MARK_BAD, MARK_MISSED
from typing_test.ui.screening.dashboard_page import DashboardPage, typing_marks

sys.path.insert(0, str(Path(__file__).parent))
from screening_examples import PASSAGE, record_voice_screening  # noqa: E402

JAN = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
VOICE_ROWS = [{"kind": "typing", "score": 31.0, "accuracy": 97.0},
              {"kind": "proofreading", "score": 90.0}, {"kind": "writing", "score": 85.0},
              {"kind": "quiz", "score": 80.0}]


@pytest.fixture
def key(store):
    """A seal key as logging in gives one, without the login's deliberate
    half second of hashing (tests/test_screening_seals.py logs in for real)."""
    key = SealKey(bytes(range(32)))
    start_chain(store, key)
    return key


def person(store, name: str, role: str = "Voice") -> str:
    email = f"{name.replace(' ', '.').lower()}@example.com"
    return S.add_candidate(store, Candidate(name, email=email, role=role))


def quick_screening(store, candidate_id: str, *, battery: str = "voice", now: datetime = JAN,
                    scores: tuple[float, ...] = (31.0, 90.0, 85.0, 80.0), steps: int = 4,
                    status: str = "completed", incident: bool = False, sealer=None) -> str:
    """A screening with plain step rows (enough for the list's figures)."""
    screening_id = S.begin_screening(store, candidate_id, battery, now=now)
    for position, (row, value) in enumerate(zip(VOICE_ROWS[:steps], scores, strict=False)):
        attempt_id = S.begin_step(store, screening_id, position, {"kind": row["kind"]})
        S.record_step(store, screening_id, position, {**row, "score": value, "id": attempt_id},
                      sealer=sealer, now=now)
    if incident:
        S.record_incident(store, screening_id, "focus_lost", step_position=0, t=5000,
                          duration_ms=3000)
    if status != "in_progress":
        S.finish_screening(store, screening_id, status, sealer=sealer,
                           now=now + timedelta(minutes=40))
    return screening_id


@pytest.fixture
def mixed(store):
    """Four screenings: Ana passes (Voice, January, with an incident), Bo
    fails (Back office role, February), Cy's is abandoned after one step
    (incomplete, March), Di's still runs."""
    ana, bo = person(store, "Ana Cruz"), person(store, "Bo Tan", "Back office")
    cy, di = person(store, "Cy Reyes", "voice"), person(store, "Di Lim", "Team leader")
    return {
        "ana": quick_screening(store, ana, incident=True),
        "bo": quick_screening(store, bo, now=JAN + timedelta(days=31),
                              scores=(10.0, 90.0, 85.0, 80.0)),
        "cy": quick_screening(store, cy, now=JAN + timedelta(days=60), steps=1,
                              status="abandoned"),
        "di": quick_screening(store, di, now=JAN + timedelta(days=61), steps=2,
                              status="in_progress"),
    }


def listed(store, **filters) -> list[str]:
    return [row["id"] for row in D.list_screenings(store, D.ScreeningFilter(**filters)).rows]


# ------------------------------------------------------------------ the queries


def test_each_filter_keeps_only_its_screenings(store, mixed):
    ana, bo, cy, di = mixed["ana"], mixed["bo"], mixed["cy"], mixed["di"]
    assert listed(store) == [di, cy, bo, ana]  # newest first
    assert listed(store, outcome="pass") == [ana]
    assert listed(store, outcome="fail") == [bo]
    assert listed(store, outcome="incomplete") == [cy]
    assert listed(store, status="in_progress") == [di]
    assert listed(store, status="abandoned") == [cy]
    assert listed(store, role="VOICE") == [cy, ana]  # the role, case aside
    assert listed(store, role="Back office") == [bo]
    assert listed(store, with_incidents=True) == [ana]
    assert listed(store, battery_id="voice") == [di, cy, bo, ana]
    assert listed(store, battery_id="back-office") == []
    february = datetime(2026, 2, 1, tzinfo=UTC)
    assert listed(store, started_from=february) == [di, cy, bo]
    assert listed(store, started_from=february, started_before=february + timedelta(days=28)) \
        == [bo]
    assert listed(store, role="Voice", outcome="pass", with_incidents=True,
                  started_before=february) == [ana]
    assert D.count_screenings(store, D.ScreeningFilter(role="voice")) == 2


def test_a_day_is_hr_s_calendar_day_not_utc_s(store):
    # 23:30 UTC on 4 January is already 5 January in Manila (UTC+8).
    ana = person(store, "Ana Cruz")
    late = quick_screening(store, ana, now=datetime(2026, 1, 4, 23, 30, tzinfo=UTC))
    fifth = datetime(2026, 1, 5, tzinfo=timezone(timedelta(hours=8)))
    assert listed(store, started_from=fifth, started_before=fifth + timedelta(days=1)) == [late]
    with pytest.raises(ValueError, match="time zone"):
        listed(store, started_from=datetime(2026, 1, 5))


def test_the_rows_carry_what_the_list_shows(store, mixed):
    rows = {row["id"]: row for row in D.list_screenings(store).rows}
    ana, cy = rows[mixed["ana"]], rows[mixed["cy"]]
    assert (ana["candidate_name"], ana["role"], ana["battery_name"], ana["status"],
            ana["outcome"], ana["planned_steps"], ana["steps"], ana["steps_passed"],
            ana["incidents"]) == ("Ana Cruz", "Voice", "Voice (calls)", "completed", "pass",
                                  4, 4, 4, 1)
    assert (cy["outcome"], cy["steps"], cy["incidents"]) == ("incomplete", 1, 0)
    assert rows[mixed["bo"]]["steps_passed"] == 3


def test_pages_follow_each_other_without_gaps_or_repeats_in_every_sort(store):
    for n in range(23):
        candidate = person(store, f"Person{n:02d} X{(n * 7) % 23:02d}")
        quick_screening(store, candidate, now=JAN + timedelta(hours=n * 5 % 23), steps=0,
                        status="abandoned")
    for sort in D.SORTS:
        seen = []
        for offset in range(0, 30, 10):
            page = D.list_screenings(store, sort=sort, limit=10, offset=offset)
            assert page.total == 23
            seen += [row["id"] for row in page.rows]
        assert len(seen) == len(set(seen)) == 23, sort
    names = [row["candidate_name"] for row in D.list_screenings(store, sort="candidate").rows]
    assert names == sorted(names)
    starts = [row["started_at"] for row in D.list_screenings(store, sort="oldest").rows]
    assert starts == sorted(starts)
    with pytest.raises(ValueError, match="sorted by"):
        D.list_screenings(store, sort="fastest")
    with pytest.raises(ValueError, match="outcome"):
        D.list_screenings(store, D.ScreeningFilter(outcome="passed"))


def test_counts_read_the_dashboard_index_alone(store, mixed):
    query = ("EXPLAIN QUERY PLAN SELECT count(*) FROM screenings s WHERE s.started_at >= ? "
             "AND s.battery_id = ? AND s.outcome = ?")
    plan = " ".join(str(row) for row in store.conn.execute(query, ["2026", "voice", "pass"]))
    assert "COVERING INDEX screenings_for_dashboard" in plan


def test_roles_and_batteries_to_choose_from(store, mixed):
    assert D.roles(store) == ["Back office", "Team leader", "Voice"]
    batteries = dict(D.batteries_screened(store))
    assert batteries["voice"] == "Voice (calls)" and "back-office" in batteries


def test_a_screening_s_detail_has_its_candidate_and_each_step_s_answers(store, key):
    ana = person(store, "Ana Cruz")
    screening_id = record_voice_screening(store, ana, sealer=sealer_for(store, key),
                                          rng=random.Random(1), incidents=True)
    detail = D.screening_detail(store, screening_id)
    assert detail["candidate"]["name"] == "Ana Cruz"
    assert [step["attempt"]["kind"] for step in detail["steps"]] == [
        "typing", "proofreading", "writing", "quiz"]
    assert detail["steps"][0]["attempt"]["details"]["passage_text"] == PASSAGE
    assert [incident["kind"] for incident in detail["incidents"]] == ["paste", "focus_lost"]
    with pytest.raises(KeyError):
        D.screening_detail(store, "no-such-screening")


def test_the_seals_are_checked_on_a_connection_of_their_own(store, key):
    ana = person(store, "Ana Cruz")
    screening_id = quick_screening(store, ana, sealer=sealer_for(store, key))
    report = D.verify_seals(store, key)
    assert report.ok, report.summary()
    store.conn.execute("UPDATE screenings SET outcome = 'fail' WHERE id = ?", [screening_id])
    problems = D.verify_seals(store, key).problems
    assert [(problem.table, problem.row_id) for problem in problems] == [
        ("screenings", screening_id)]
    assert not store.conn.in_transaction


def test_typing_marks_point_at_the_wrong_words_on_both_sides():
    typed, passage = "Thank yuo for our support ", "Thank you for contacting our support"
    typed_marks, passage_marks = typing_marks(typed, passage)
    assert [typed[a:b] for a, b in typed_marks] == ["yuo"]
    assert [passage[a:b] for a, b in passage_marks] == ["you", "contacting"]


# ------------------------------------------------------------------ the page


@pytest.fixture
def page_for(qtbot):
    def build(store, key=None):
        page = DashboardPage(store, lambda: key)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        return page

    return build


def visible_rows(page) -> list[str]:
    model = page.model
    return [model.data(model.index(row, 1)) for row in range(model.rowCount())]


def background_at(view, position: int):
    cursor = view.textCursor()
    cursor.setPosition(position + 1)
    return cursor.charFormat().background().color()


def test_picking_a_screening_shows_its_review(qtbot, store, key, page_for):
    rng = random.Random(2)
    sealer = sealer_for(store, key)
    ana, bo = person(store, "Ana Cruz"), person(store, "Bo Tan", "Back office")
    record_voice_screening(store, ana, sealer=sealer, rng=rng, robot=True, incidents=True)
    record_voice_screening(store, bo, sealer=sealer, rng=rng, good=False,
                           now=JAN + timedelta(days=1))
    page = page_for(store, key)
    page.show()
    assert visible_rows(page) == ["Bo Tan", "Ana Cruz"]
    assert page.count_label.text() == "2 screenings"
    # The newest is picked at once: Bo failed the proofreading, writing and quiz.
    summary = page.summary_view.toPlainText()
    assert "Bo Tan" in summary and "Outcome: FAIL" in summary
    assert "Automation flags: none" in summary and "Incidents (0)" in summary

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    summary = page.summary_view.toPlainText()
    assert "Ana Cruz" in summary and "Outcome: PASS" in summary
    assert "PASS — rule: net WPM >= 20" in summary
    assert "Flagged for review" in summary and "almost the same interval" in summary
    assert "Paste refused, step 1 at 0:42 (97 characters by shortcut)" in summary
    assert "Left the window, step 1 at 1:05, for 4.2 s" in summary

    page.review.setCurrentIndex(1)
    assert page.step_box.currentText() == "1. Typing test"
    typed = page.answer_view.toPlainText()
    assert page.expected_view.toPlainText() == PASSAGE
    (first_wrong, _end), *_ = typing_marks(typed, PASSAGE)[0]
    assert background_at(page.answer_view, first_wrong) == MARK_BAD
    (first_missed, _end), *_ = typing_marks(typed, PASSAGE)[1]
    assert background_at(page.expected_view, first_missed) == MARK_MISSED
    assert background_at(page.answer_view, 0) != MARK_BAD  # "Thank" was typed right

    page.step_box.setCurrentIndex(2)
    assert "14 Oak Street" in page.answer_view.toPlainText()
    assert "Confirm the new address" in page.expected_view.toPlainText()
    page.step_box.setCurrentIndex(3)
    quiz = page.answer_view.toPlainText()
    assert "15 of 15 right" in quiz and "Answer given:" in quiz
    assert not page.expected_view.isVisible()


def test_the_filters_narrow_the_list(qtbot, store, mixed, page_for):
    page = page_for(store)
    page.show()
    assert visible_rows(page) == ["Di Lim", "Cy Reyes", "Bo Tan", "Ana Cruz"]
    page.outcome_box.setCurrentIndex(page.outcome_box.findData("fail"))
    assert visible_rows(page) == ["Bo Tan"]
    assert page.count_label.text() == "1 screening"
    page.outcome_box.setCurrentIndex(0)
    page.role_box.setCurrentIndex(page.role_box.findText("Voice"))
    assert visible_rows(page) == ["Cy Reyes", "Ana Cruz"]
    qtbot.mouseClick(page.incidents_box, Qt.MouseButton.LeftButton)
    assert visible_rows(page) == ["Ana Cruz"]
    page.incidents_box.setChecked(False)
    page.role_box.setCurrentIndex(0)
    page.status_box.setCurrentIndex(page.status_box.findData("in_progress"))
    assert visible_rows(page) == ["Di Lim"]
    page.status_box.setCurrentIndex(0)
    page.period_box.setCurrentText("Between dates")
    assert page.from_date.isVisible() and page.to_date.isVisible()
    page.from_date.setDate(QDate(2026, 2, 1))
    page.to_date.setDate(QDate(2026, 3, 6))  # Cy began on 6 March, Di on the 7th
    assert visible_rows(page) == ["Cy Reyes", "Bo Tan"]
    page.battery_box.setCurrentIndex(page.battery_box.findData("back-office"))
    assert visible_rows(page) == []
    assert page.summary_view.toPlainText() == "No screening matches these filters."
    page.period_box.setCurrentText("Any time")
    page.battery_box.setCurrentIndex(0)
    # A screening recorded meanwhile appears on Refresh.
    quick_screening(store, person(store, "Eve Ong"), now=JAN + timedelta(days=90))
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert visible_rows(page)[0] == "Eve Ong"
    # Sorting by candidate from the header; a column that does not sort keeps the order.
    header = page.table.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    assert visible_rows(page) == ["Ana Cruz", "Bo Tan", "Cy Reyes", "Di Lim", "Eve Ong"]
    assert "Ana Cruz" in page.summary_view.toPlainText()  # the first is picked
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == 1
    assert visible_rows(page) == ["Ana Cruz", "Bo Tan", "Cy Reyes", "Di Lim", "Eve Ong"]
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # oldest first
    assert visible_rows(page) == ["Ana Cruz", "Bo Tan", "Cy Reyes", "Di Lim", "Eve Ong"]
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert visible_rows(page) == ["Eve Ong", "Di Lim", "Cy Reyes", "Bo Tan", "Ana Cruz"]


def test_the_table_reads_a_page_at_a_time_as_it_is_scrolled(qtbot, store, page_for):
    for n in range(120):
        candidate = person(store, f"Person {n:03d}")
        quick_screening(store, candidate, now=JAN + timedelta(minutes=n), steps=0,
                        status="abandoned")
    page = page_for(store)
    page.show()
    assert page.model.rowCount() == D.PAGE_SIZE and page.model.total == 120
    assert page.count_label.text() == "120 screenings"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 * D.PAGE_SIZE)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 120)
    assert not page.model.canFetchMore(page.model.index(-1, -1).parent())
    names = visible_rows(page)
    assert names[0] == "Person 119" and names[-1] == "Person 000" and len(set(names)) == 120


def test_the_seals_are_checked_when_the_page_first_shows_and_tampering_warns(
        qtbot, store, key, page_for):
    sealer = sealer_for(store, key)
    ana, bo = person(store, "Ana Cruz"), person(store, "Bo Tan")
    first = quick_screening(store, ana, sealer=sealer)
    quick_screening(store, bo, sealer=sealer, now=JAN + timedelta(days=1))
    page = page_for(store, key)
    page.show()
    qtbot.waitUntil(lambda: page.last_verification is not None)
    assert page.seal_label.isVisible()
    assert page.seal_label.text().startswith("Seals checked: all seals hold: 10 rows")
    assert page.seal_label.property("role") == "success"

    store.conn.execute("UPDATE screenings SET outcome = 'fail' WHERE id = ?", [first])
    page.last_verification = None
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_verification is not None)
    text = page.seal_label.text()
    assert text.startswith("Warning: 1 seal does not hold. These results were changed")
    day = JAN.astimezone().strftime("%Y-%m-%d %H:%M")
    assert (f"Ana Cruz's screening of {day} (Voice (calls)): its content changed since it was "
            f"sealed (outcome) [screenings row {first[:8]}]") in text
    assert page.seal_label.property("role") == "warningBar"
    assert page.check_button.isEnabled()
    # The list marks the screening, and its review says not to rely on it.
    results = [page.model.data(page.model.index(row, 3)) for row in range(2)]
    assert results == ["Pass", "Seal broken"]
    page.table.selectRow(1)
    assert page.summary_view.toPlainText().startswith(
        "Warning: the seals of this screening do not hold.")
    page.table.selectRow(0)
    assert "Warning" not in page.summary_view.toPlainText()

    # A changed step is traced to its screening, and put right, the warning goes.
    store.conn.execute("UPDATE screenings SET outcome = 'pass' WHERE id = ?", [first])
    store.conn.execute("UPDATE screening_steps SET passed = 0 WHERE screening_id = ? AND "
                       "position = 2", [first])
    page.last_verification = None
    page.check_button.click()
    qtbot.waitUntil(lambda: page.last_verification is not None)
    assert f"Ana Cruz's screening of {day} (Voice (calls)), a step: " in page.seal_label.text()
    store.conn.execute("UPDATE screening_steps SET passed = 1 WHERE screening_id = ? AND "
                       "position = 2", [first])
    page.last_verification = None
    page.check_button.click()
    qtbot.waitUntil(lambda: page.last_verification is not None)
    assert page.seal_label.property("role") == "success"
    assert page.model.data(page.model.index(1, 3)) == "Pass"


def test_without_a_key_no_check_runs_and_the_button_says_to_log_in(qtbot, store, mixed,
                                                                    page_for):
    page = page_for(store, None)
    page.show()
    qtbot.wait(1)
    assert not page.seal_label.isVisible()
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert page.seal_label.text() == "Log in as HR to check the seals."


def test_tab_leaves_the_table_and_every_stop_is_named(qtbot, store, mixed, page_for):
    page = page_for(store)
    page.show()
    for view in (page.table, page.summary_view):
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not view
    stops, widget = [], page.nextInFocusChain()
    for _ in range(500):
        if widget is page:
            break
        if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    assert page.table in stops and page.summary_view in stops
    unnamed = [type(stop).__name__ for stop in stops
               if not QAccessible.queryAccessibleInterface(stop).text(
                   QAccessible.Text.Name).strip()]
    assert unnamed == []


def test_the_page_fits_1024_by_600(qtbot, store, key, page_for):
    record_voice_screening(store, person(store, "Ana Cruz"), sealer=sealer_for(store, key),
                           rng=random.Random(3))
    page = page_for(store, key)
    page.resize(1024, 600)
    page.show()
    for tab in (0, 1):
        page.review.setCurrentIndex(tab)
        qtbot.wait(1)
        hint = page.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 560, hint  # room for the tabs above
