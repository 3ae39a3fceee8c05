"""The email drill screens driven as a person would: keys and clicks into the real widgets.

The clock is injected (seconds); tests move it forward instead of sleeping and
call ``refresh()`` where the page's QTimer would. The checker runs in the
loader's worker thread; tests wait for its signals, never for the wall clock.
"""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from typing_test.core.email.drills import drills_dir, load_drills
from typing_test.core.email.proofreading import ProofreadingAttempt, grade_answer
from typing_test.core.email.writing import WritingAttempt, assess_reply, reply_word_count
from typing_test.store.records import writing_attempt
from typing_test.ui.email.checker_loader import CheckerLoader
from typing_test.ui.email.drill_list_page import DrillListPage
from typing_test.ui.email.proofreading_page import INSTRUCTIONS, ProofreadingPage
from typing_test.ui.email.proofreading_review import (
    CHANGED_COLOUR,
    FIXED_COLOUR,
    INTRODUCED_COLOUR,
    MISSED_COLOUR,
    ProofreadingReview,
)
from typing_test.ui.email.writing_page import WritingPage
from typing_test.ui.email.writing_review import (
    GRAMMAR_COLOUR,
    RED_FLAG_BACKGROUND,
    SPELLING_COLOUR,
    WRONG_FACT_BACKGROUND,
    WritingReview,
)

CHECK_TIMEOUT_MS = 20_000  # generous: a slow CI machine loading the dictionary

REPLY = """Subject: Refund for order 51877

Dear Emma,

I am sorry that your blender stopped working after only two weeks. Because the item is \
faulty, you will recieve a full refund.

Please send the blender back to us with the free return label attached to this email. \
When it arrives at our warehouse, the money will reach your card within five working days.

Kind regards,
Alex Morgan"""


class FakeClock:
    def __init__(self) -> None:
        self.s = 5_000.0

    def __call__(self) -> float:
        return self.s

    def advance(self, seconds: float) -> None:
        self.s += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture(scope="module")
def drills():
    return load_drills()


@pytest.fixture
def refund_drill(drills):
    return drills.proofreading["refund-confirmation"]


@pytest.fixture
def refund_scenario(drills):
    return drills.writing["refund-request"]


@pytest.fixture
def proofreading(qtbot, clock, refund_drill):
    page = ProofreadingPage(clock=clock)
    qtbot.addWidget(page)
    page.show()
    page.start(refund_drill)
    return page


@pytest.fixture
def loader(qtbot):
    return CheckerLoader()


@pytest.fixture
def writing(qtbot, clock, loader, refund_scenario):
    page = WritingPage(clock=clock, checker_source=loader, live_check=False)
    qtbot.addWidget(page)
    page.show()
    page.start(refund_scenario)
    return page


def select(editor, before: str, word: str) -> None:
    """Put a selection on ``word`` where it follows ``before`` in the editor."""
    text = editor.toPlainText()
    start = text.index(before + word) + len(before)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` key by key, pressing Return for each line break."""
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def char_format_at(view, position: int) -> QTextCharFormat:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    return cursor.charFormat()


def background_at(view, position: int):
    return char_format_at(view, position).background().color()


def finish(qtbot, page, click_confirm: bool = True):
    """Press Submit, then confirm in the bar; return what ``finished`` carried."""
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert page.confirm_bar.isVisible()
    with qtbot.waitSignal(page.finished, timeout=CHECK_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(page.confirm_submit_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


# The drill list -------------------------------------------------------------------


def test_the_list_starts_the_drill_picked_in_each_tab(qtbot, drills):
    page = DrillListPage(drills)
    qtbot.addWidget(page)
    page.show()
    assert page.tabs.tabText(0) == "Proofreading" and page.tabs.tabText(1) == "Writing"
    assert page.proofreading_table.rowCount() == len(drills.proofreading)
    assert page.writing_table.rowCount() == len(drills.writing)
    assert not page.problems_label.isVisible()

    row = list(drills.proofreading).index("refund-confirmation")
    title = page.proofreading_table.item(row, 0).text()
    assert title == "Confirming a refund for a returned jacket"
    assert page.proofreading_table.item(row, 1).text() == "Easy"
    assert page.proofreading_table.item(row, 3).text() == "5 min"
    page.proofreading_table.selectRow(row)
    with qtbot.waitSignal(page.proofreadingChosen) as chosen:
        qtbot.mouseClick(page.proofreading_start_button, Qt.MouseButton.LeftButton)
    assert chosen.args[0] is drills.proofreading["refund-confirmation"]

    qtbot.mouseClick(
        page.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=page.tabs.tabBar().tabRect(1).center()
    )
    assert page.tabs.currentIndex() == 1
    table = page.writing_table
    row = list(drills.writing).index("refund-request")
    cell = table.visualItemRect(table.item(row, 0)).center()
    with qtbot.waitSignal(page.writingChosen) as chosen:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert chosen.args[0] is drills.writing["refund-request"]

    table.setFocus()
    with qtbot.waitSignal(page.writingChosen) as chosen:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert chosen.args[0] is drills.writing["refund-request"]


def test_the_list_names_broken_files_and_keeps_the_good_ones(qtbot, tmp_path):
    (tmp_path / "proofreading").mkdir()
    (tmp_path / "writing").mkdir()
    good = drills_dir() / "proofreading" / "refund-confirmation.toml"
    shutil.copy(good, tmp_path / "proofreading")
    (tmp_path / "writing" / "half-written.toml").write_text('id = "half-written"\ntitle = ')
    page = DrillListPage(load_drills(tmp_path))
    qtbot.addWidget(page)
    page.show()
    assert page.problems_label.isVisible()
    assert "writing/half-written.toml" in page.problems_label.text()
    assert "not valid TOML" in page.problems_label.toolTip()
    assert page.proofreading_table.rowCount() == 1
    assert page.writing_table.rowCount() == 0
    assert not page.writing_start_button.isEnabled()


# Proofreading -----------------------------------------------------------------------


def test_corrections_are_graded_and_marked_in_the_review(qtbot, proofreading, clock, refund_drill):
    page = proofreading
    assert page.instructions_label.text() == INSTRUCTIONS
    assert "5 mistakes" in page.hint_label.text()
    assert page.time_left_label.text() == "5:00 left"
    editor = page.editor
    assert editor.toPlainText() == refund_drill.text

    # Four of the five mistakes fixed, "soon" left without its full stop, and
    # one new mistake typed into a word that was right.
    for before, wrong, right in (
        ("have ", "recieved", "received"),
        ("as ", "you're", "your"),
        ("any ", "questons", "questions"),
        ("email. ", "i", "I"),
        ("for ", "contacting", "contactng"),
    ):
        select(editor, before, wrong)
        qtbot.keyClicks(editor, right)
        clock.advance(20)
    page.refresh()
    assert page.time_left_label.text() == "3:20 left"

    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert page.confirm_bar.isVisible()
    assert "3:20" in page.confirm_label.text()
    qtbot.mouseClick(page.keep_editing_button, Qt.MouseButton.LeftButton)
    assert not page.confirm_bar.isVisible()
    attempt = finish(qtbot, page)

    assert isinstance(attempt, ProofreadingAttempt)
    assert attempt.status == "completed" and not attempt.timed_out
    assert attempt.duration_s == pytest.approx(100.0)
    assert attempt.answer == editor.toPlainText()
    assert "questions about this refund" in attempt.answer
    assert attempt.result.score == 60.0  # (4 fixed - 1 new) / 5
    assert editor.isReadOnly()

    review = ProofreadingReview()
    qtbot.addWidget(review)
    review.show()
    review.show_result(attempt.drill, attempt.answer, attempt.result)
    assert review.score_label.text() == "Score: 60%"
    assert review.summary_label.text() == "Fixed 4 of 5 · missed 1 · new mistakes 1"

    answer = attempt.answer
    view = review.answer_view
    assert view.toPlainText() == answer
    assert background_at(view, answer.index("received")) == FIXED_COLOUR
    assert background_at(view, answer.index(" I will") + 1) == FIXED_COLOUR
    assert background_at(view, answer.index("soon")) == MISSED_COLOUR
    assert background_at(view, answer.index("contactng")) == INTRODUCED_COLOUR
    assert background_at(view, answer.index("Dear")) != FIXED_COLOUR  # untouched text

    table = review.table
    rows = [[table.item(row, c).text() for c in range(5)] for row in range(table.rowCount())]
    assert [row[0] for row in rows] == ["New mistake", "Fixed", "Fixed", "Fixed", "Fixed", "Missed"]
    assert rows[0][1:4] == ["contacting", "contactng", "contacting"]
    assert rows[1][1:4] == ["recieved", "received", "received"]
    assert rows[5][1:4] == ["soon", "(not changed)", '"soon." or "soon!"']
    assert rows[5][4] == "The sentence needs a full stop at the end."

    rect = table.visualItemRect(table.item(5, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.textCursor().selectedText() == "soon"
    review.tabs.setCurrentIndex(1)
    rect = table.visualItemRect(table.item(1, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert review.tabs.currentWidget() is view
    assert view.textCursor().selectedText() == "received"

    reference = review.reference_view
    assert reference.toPlainText() == refund_drill.reference
    assert background_at(reference, refund_drill.reference.index("soon.") + 4) == FIXED_COLOUR

    with qtbot.waitSignal(review.againRequested):
        qtbot.mouseClick(review.again_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(review.homeRequested):
        qtbot.mouseClick(review.home_button, Qt.MouseButton.LeftButton)


def test_a_rewording_is_shown_in_blue_and_costs_nothing(qtbot, proofreading):
    editor = proofreading.editor
    for before, old, new in (
        ("", "Thank you", "Thanks"),
        ("allow ", "five", "5"),
        ("have ", "recieved", "received"),
    ):
        select(editor, before, old)
        qtbot.keyClicks(editor, new)
    attempt = finish(qtbot, proofreading)
    assert attempt.result.introduced == ()
    review = ProofreadingReview()
    qtbot.addWidget(review)
    review.show_result(attempt.drill, attempt.answer, attempt.result)
    assert review.summary_label.text() == "Fixed 1 of 5 · missed 4 · new mistakes 0"
    answer = attempt.answer
    assert background_at(review.answer_view, answer.index("Thanks")) == CHANGED_COLOUR
    assert background_at(review.answer_view, answer.index("5 to")) == CHANGED_COLOUR
    table = review.table
    rows = [[table.item(row, c).text() for c in range(4)] for row in range(table.rowCount())]
    assert rows[0] == ["Reworded (no cost)", "Thank you", "Thanks", "Both are right"]
    assert ["Reworded (no cost)", "five", "5", "Both are right"] in rows


def test_a_deleted_word_is_marked_on_its_neighbours(qtbot, proofreading):
    editor = proofreading.editor
    select(editor, "Thank you for contacting us ", "about ")
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    attempt = finish(qtbot, proofreading)
    (deleted,) = attempt.result.introduced
    assert deleted.start == deleted.end and deleted.expected == "about"
    review = ProofreadingReview()
    qtbot.addWidget(review)
    review.show_result(attempt.drill, attempt.answer, attempt.result)
    assert background_at(review.answer_view, deleted.start - 1) == INTRODUCED_COLOUR
    assert background_at(review.answer_view, deleted.start) == INTRODUCED_COLOUR
    assert review.table.item(0, 2).text() == "(deleted)"
    assert review.score_label.text() == "Score: 0%"  # 0 fixed - 1 new, kept at 0


def test_time_out_submits_the_email_as_it_was_at_the_deadline(qtbot, proofreading, clock):
    page = proofreading
    editor = page.editor
    select(editor, "have ", "recieved")
    qtbot.keyClicks(editor, "received")
    clock.advance(299.5)
    page.refresh()
    assert page.time_left_label.text() == "0:01 left"
    clock.advance(1)
    with qtbot.waitSignal(page.finished) as blocker:
        select(editor, "any ", "questons")
        qtbot.keyClicks(editor, "questions")  # too late: the first key ends the drill
    attempt = blocker.args[0]
    assert attempt.timed_out and attempt.status == "completed"
    assert attempt.duration_s == 300.0
    assert "questons" in attempt.answer and "received" in attempt.answer
    assert attempt.result.score == 20.0
    assert editor.isReadOnly()


def test_time_out_without_typing_submits_on_refresh(qtbot, proofreading, clock, refund_drill):
    clock.advance(301)
    with qtbot.waitSignal(proofreading.finished) as blocker:
        proofreading.refresh()
    assert blocker.args[0].answer == refund_drill.text
    assert blocker.args[0].result.score == 0.0


def test_escape_asks_before_abandoning(qtbot, proofreading, clock):
    page = proofreading
    finished = []
    page.finished.connect(finished.append)
    qtbot.keyClick(page.editor, Qt.Key.Key_Escape)
    assert page.abandon_bar.isVisible()
    qtbot.mouseClick(page.abandon_keep_button, Qt.MouseButton.LeftButton)
    assert not page.abandon_bar.isVisible() and not finished
    select(page.editor, "have ", "recieved")
    qtbot.keyClicks(page.editor, "received")
    clock.advance(42)
    qtbot.keyClick(page.editor, Qt.Key.Key_Escape)
    qtbot.mouseClick(page.abandon_button, Qt.MouseButton.LeftButton)
    (attempt,) = finished
    assert attempt.status == "abandoned" and not attempt.timed_out
    assert attempt.duration_s == pytest.approx(42.0)
    assert attempt.result.score == 20.0
    review = ProofreadingReview()
    qtbot.addWidget(review)
    review.show_result(attempt.drill, attempt.answer, attempt.result, abandoned=True)
    assert review.score_label.text() == "Abandoned: 20%"
    review.table.selectRow(0)  # leaves the caret on the green "received"

    # The next result shows none of the marks of the one before.
    drill = attempt.drill
    review.show_result(drill, drill.text, grade_answer(drill, drill.text))
    view = review.answer_view
    assert char_format_at(view, 0).background().style() == Qt.BrushStyle.NoBrush
    assert background_at(view, drill.text.index("recieved")) == MISSED_COLOUR


def test_paste_and_drop_from_outside_are_refused_and_recorded(qtbot, proofreading, clock):
    page = proofreading
    editor = page.editor
    before = editor.toPlainText()
    QGuiApplication.clipboard().setText(page.drill.reference)
    clock.advance(2)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    editor.paste()  # what the context menu and a middle click call
    mime = QMimeData()
    mime.setText(page.drill.reference)
    drag = (QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(editor.viewport(), QDragEnterEvent(*drag))
    QApplication.sendEvent(editor.viewport(), QDropEvent(QPointF(5, 5), *drag[1:]))
    assert editor.toPlainText() == before
    assert page.incidents == [
        {"t": 2000, "type": "paste-refused", "how": how, "chars": len(page.drill.reference)}
        for how in ("shortcut", "shortcut", "paste", "drop")
    ]
    assert "not allowed" in page.notice_label.text()

    # Moving text within the email is editing, not pasting.
    select(editor, "", "Kind regards,")
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == before + "Kind regards,"
    assert len(page.incidents) == 4


# Writing ------------------------------------------------------------------------------


def test_a_typed_reply_is_checked_scored_and_marked(qtbot, writing, clock, refund_scenario):
    page = writing
    brief = page.brief_view.toPlainText()
    assert "order 51877" in brief
    for point in refund_scenario.points:
        assert point.label in brief
    assert "Start with a Subject: line." in brief
    assert "Write 60 to 160 words." in brief
    assert page.word_count_label.text() == "0 words (aim for 60 to 160)"

    type_text(qtbot, page.editor, REPLY)
    assert page.editor.toPlainText() == REPLY
    assert page.word_count_label.text() == "61 words (aim for 60 to 160)"
    clock.advance(240)
    page.refresh()
    assert page.time_left_label.text() == "6:00 left"

    attempt = finish(qtbot, page)
    assert isinstance(attempt, WritingAttempt)
    assert attempt.status == "completed" and not attempt.timed_out and not attempt.check_error
    assert attempt.duration_s == pytest.approx(240.0)
    assert attempt.text == REPLY
    feedback = attempt.feedback
    assert [f.text for f in feedback.findings] == ["recieve"]
    assert feedback.score == 96  # one spelling finding costs 4 points

    review = WritingReview()
    qtbot.addWidget(review)
    review.show()
    review.show_result(attempt.scenario, attempt.text, feedback)
    assert review.score_label.text() == "Score: 96 / 100"
    assert review.summary_label.text() == (
        "Language 36 of 40 · Structure 30 of 30 · Content 30 of 30 · 61 words"
    )
    table = review.breakdown_table
    rows = [[table.item(row, c).text() for c in range(4)] for row in range(table.rowCount())]
    assert len(rows) == 2 + 4 + len(refund_scenario.points)
    assert rows[0] == ["Language", "Spelling", "16 / 20", "1 spelling problem: 'recieve'."]
    assert rows[1][:3] == ["Language", "Grammar", "20 / 20"]
    assert rows[2][:3] == ["Structure", "Subject line", "6 / 6"]
    assert rows[-1][:3] == ["Content", "Say when the money will reach her card", "7.5 / 7.5"]

    findings = review.findings_table
    assert findings.rowCount() == 1
    assert findings.item(0, 0).text() == "5"  # the line of the reply
    assert findings.item(0, 1).text() == "recieve"
    assert "receive" in findings.item(0, 3).text()
    where = REPLY.index("recieve")
    marked = char_format_at(review.reply_view, where)
    assert marked.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert marked.underlineColor() == SPELLING_COLOUR
    assert char_format_at(review.reply_view, where - 2).underlineStyle() == (
        QTextCharFormat.UnderlineStyle.NoUnderline
    )
    rect = findings.visualItemRect(findings.item(0, 1))
    qtbot.mouseClick(findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert review.reply_view.textCursor().selectedText() == "recieve"
    assert review.tabs.isTabEnabled(1)  # this scenario has an example reply


REFUSING_REPLY = """Subject: Your order 51877

Dear Emma,

I am sorry that your blender stopped working. Unfortunately, we cannot offer you a refund.

Please send the blender back with the free return label attached to this email. \
Please also send us your card number so that we can check your payment. \
Any money due will reach your card within ten working days.

Kind regards,
Alex Morgan"""


def test_red_flags_and_wrong_facts_are_shown_with_their_sentences(
    qtbot, writing, clock, refund_scenario, store
):
    type_text(qtbot, writing.editor, REFUSING_REPLY)
    attempt = finish(qtbot, writing)
    feedback = attempt.feedback
    refusal = "Unfortunately, we cannot offer you a refund."
    card = "Please also send us your card number so that we can check your payment."
    days = "Any money due will reach your card within ten working days."
    assert [(hit.label, hit.quote.sentence) for hit in feedback.red_flags] == [
        ("Refuses the refund the shop gives for faulty items", refusal),
        ("Asks for a password, PIN or card details", card),
    ]
    assert feedback.score <= 50

    review = WritingReview()
    qtbot.addWidget(review)
    review.show()
    review.show_result(attempt.scenario, attempt.text, feedback)
    assert review.summary_label.text().endswith("2 red flags (score capped at 50)")
    assert review.issues_caption.text().startswith("2 red flags, 1 wrong fact")
    issues = review.issues_list
    assert issues.isVisible() and issues.accessibleName() == "Red flags and wrong facts"
    lines = [issues.item(row).text() for row in range(issues.count())]
    assert lines == [
        f'Red flag: Refuses the refund the shop gives for faulty items. In: "{refusal}"',
        f'Red flag: Asks for a password, PIN or card details. In: "{card}"',
        "Wrong duration: the reply gives 'ten working days' for when the refund reaches her "
        f'card; the situation says five working days. In: "{days}"',
    ]
    # What a screen reader says is what the line says.
    assert issues.item(0).data(Qt.ItemDataRole.AccessibleTextRole) == lines[0]
    # The refund and the payment time earn nothing; the breakdown has a row per flag.
    table = review.breakdown_table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert ["Content", "Confirm that she will get a full refund", "0 / 7.5", "Not covered."] in rows
    assert rows[-2:] == [
        [
            "Red flag",
            "Refuses the refund the shop gives for faulty items",
            "-20 / 0",
            f'"{refusal}"',
        ],
        [
            "Red flag",
            "Asks for a password, PIN or card details",
            "-20 / 0",
            f'"{card}"',
        ],
    ]
    when = next(r for r in rows if r[1] == "Say when the money will reach her card")
    assert when[2] == "0 / 7.5" and "'ten working days'" in when[3]
    assert table.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert table.accessibleName() == "How the score was made"
    # The sentences are marked in the reply.
    assert background_at(review.reply_view, REFUSING_REPLY.index(refusal)) == RED_FLAG_BACKGROUND
    assert background_at(review.reply_view, REFUSING_REPLY.index(days)) == WRONG_FACT_BACKGROUND

    # By keyboard: Tab to the list, arrows move through it, each selects its sentence.
    issues.setFocus()
    qtbot.keyClick(issues, Qt.Key.Key_Down)
    assert review.reply_view.textCursor().selectedText() == refusal
    qtbot.keyClick(issues, Qt.Key.Key_Down)
    assert review.reply_view.textCursor().selectedText() == card
    qtbot.keyClick(issues, Qt.Key.Key_Down)
    assert review.reply_view.textCursor().selectedText() == days

    # What lands in the database keeps the flags and the wrong fact with their places.
    saved = store.attempt(store.save_attempt(writing_attempt(attempt)))
    details = saved["details"]["feedback"]
    assert [flag["sentence"] for flag in details["red_flags"]] == [refusal, card]
    assert details["wrong_facts"][0]["found"] == "ten working days"
    start = details["red_flags"][0]["start"]
    assert saved["details"]["text"][start : start + len(refusal)] == refusal
    assert saved["score"] == feedback.score


def test_a_clean_reply_shows_no_red_flag_list(qtbot, refund_scenario):
    review = WritingReview()
    qtbot.addWidget(review)
    review.show()
    reply = refund_scenario.model_reply
    review.show_result(refund_scenario, reply, assess_reply(refund_scenario, reply))
    assert not review.issues_list.isVisible() and not review.issues_caption.isVisible()
    assert "red flag" not in review.summary_label.text()


def test_an_empty_reply_scores_zero(qtbot, writing, clock):
    qtbot.mouseClick(writing.submit_button, Qt.MouseButton.LeftButton)
    assert "0 words" in writing.confirm_label.text()
    with qtbot.waitSignal(writing.finished, timeout=CHECK_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(writing.confirm_submit_button, Qt.MouseButton.LeftButton)
    attempt = blocker.args[0]
    assert attempt.text == "" and attempt.feedback.score == 0
    review = WritingReview()
    qtbot.addWidget(review)
    review.show_result(attempt.scenario, attempt.text, attempt.feedback)
    assert review.score_label.text() == "Score: 0 / 100"
    assert review.findings_table.rowCount() == 0
    assert "no problems" in review.findings_caption.text()


def test_a_writing_drill_times_out_and_can_be_abandoned(qtbot, writing, clock, refund_scenario):
    type_text(qtbot, writing.editor, "Dear Emma,")
    clock.advance(601)
    with qtbot.waitSignal(writing.finished, timeout=CHECK_TIMEOUT_MS) as blocker:
        qtbot.keyClicks(writing.editor, "x")  # after the deadline: ends the drill without it
    attempt = blocker.args[0]
    assert attempt.timed_out and attempt.text == "Dear Emma,"
    assert attempt.duration_s == 600.0

    writing.start(refund_scenario)
    assert writing.editor.toPlainText() == "" and not writing.editor.isReadOnly()
    qtbot.keyClicks(writing.editor, "Dear Emma")
    qtbot.keyClick(writing.editor, Qt.Key.Key_Escape)
    assert writing.abandon_bar.isVisible()
    with qtbot.waitSignal(writing.finished, timeout=CHECK_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(writing.abandon_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].status == "abandoned"
    assert blocker.args[0].text == "Dear Emma"


def test_pasting_into_the_reply_is_refused_and_recorded(qtbot, writing, clock, refund_scenario):
    QGuiApplication.clipboard().setText(refund_scenario.model_reply)
    clock.advance(3)
    qtbot.keyClick(writing.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert writing.editor.toPlainText() == ""
    assert writing.incidents == [{"t": 3000, "type": "paste-refused", "how": "shortcut",
                                  "chars": len(refund_scenario.model_reply)}]
    assert "not allowed" in writing.notice_label.text()


def test_typing_pauses_bring_live_underlines(qtbot, clock, loader, refund_scenario):
    page = WritingPage(clock=clock, checker_source=loader)
    qtbot.addWidget(page)
    page.show()
    page.start(refund_scenario)
    qtbot.keyClicks(page.editor, "Dear Emma, I am sory about the blender.")
    assert page.live_check_timer.isActive()  # the check waits for a pause in typing
    assert page.editor.extraSelections() == []
    page.refresh_underlines()  # what the timer calls after the pause
    qtbot.waitUntil(lambda: len(page.editor.extraSelections()) > 0, timeout=CHECK_TIMEOUT_MS)
    (selection,) = page.editor.extraSelections()
    assert selection.cursor.selectedText() == "sory"
    assert selection.format.underlineColor() == SPELLING_COLOUR
    assert SPELLING_COLOUR != GRAMMAR_COLOUR


def test_the_live_word_count_matches_the_feedback(refund_scenario):
    for text in (
        "",
        REPLY,
        "Subject: Hello there\nDear Emma,\nThanks.",
        "Dear Emma,\nSubject: not a subject line here",
        "\n\n  subject : moved\n\nDon't worry about the 2 invoices.",
    ):
        assert reply_word_count(text) == assess_reply(refund_scenario, text).word_count


# The checker loader ----------------------------------------------------------------------


def test_the_loader_checks_in_a_worker_and_answers_on_the_ui_thread(qtbot):
    loader = CheckerLoader()
    answers = []

    def receive(findings):
        answers.append((threading.current_thread(), findings))

    with qtbot.waitSignal(loader.ready, timeout=CHECK_TIMEOUT_MS):
        loader.check_async("We will recieve it.", receive)  # starts the loading itself
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=CHECK_TIMEOUT_MS)
    ((thread, findings),) = answers
    assert thread is threading.main_thread()
    assert [f.text for f in findings] == ["recieve"]
    assert loader.is_ready
    assert [f.text for f in loader.check_now("Teh end.")] == ["Teh"]


def test_a_failed_load_is_reported_and_the_reply_is_still_scored(qtbot, clock, refund_scenario):
    def broken(variant: str):
        raise OSError("dictionary file missing")

    loader = CheckerLoader(load=broken)
    page = WritingPage(clock=clock, checker_source=loader, live_check=False)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(loader.failed, timeout=CHECK_TIMEOUT_MS) as failure:
        page.start(refund_scenario)
    assert "dictionary file missing" in failure.args[0]
    qtbot.keyClicks(page.editor, "Dear Emma,")
    attempt = finish(qtbot, page)
    assert "dictionary file missing" in attempt.check_error
    assert attempt.feedback.findings == ()


def test_leaving_the_app_during_a_drill_is_recorded(qtbot, proofreading, clock):
    app = QGuiApplication.instance()
    clock.advance(10)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    clock.advance(4)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    attempt = finish(qtbot, proofreading)
    assert attempt.incidents == [
        {"t": 10_000, "type": "focus-lost"},
        {"t": 14_000, "type": "focus-returned"},
    ]
