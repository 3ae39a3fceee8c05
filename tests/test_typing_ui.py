"""The typing test driven as a person would: keys into the real widget.

The clock is injected; tests move it forward instead of sleeping, and call
``refresh()`` where the page's QTimer would.
"""

from __future__ import annotations

import random
import sqlite3

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QPalette,
)
from PySide6.QtWidgets import QApplication

from typing_test.core.typing.passages import Passage
from typing_test.store.database import Store
from typing_test.ui.common.theme import MARK_CURRENT, MARK_INK, current_colours
from typing_test.ui.common.theme import TYPED_WRONG_FILL as WRONG_BACKGROUND
from typing_test.ui.main_window import MainWindow
from typing_test.ui.typing.typing_area import TypingArea

SHORT = Passage("short-note", "Short note", "policy", "easy", "Please call me back today.")



@pytest.fixture
def window(qtbot, store, clock):
    window = MainWindow(store, clock=clock, passages=[SHORT], rng=random.Random(1))
    qtbot.addWidget(window)
    window.show()
    return window


def start(qtbot, window, minutes: int = 1) -> None:
    qtbot.mouseClick(window.home_page.cards["typing"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.typing_setup
    setup = window.typing_setup
    setup.duration_box.setCurrentIndex(setup.duration_box.findData(minutes))
    qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.typing_page


def type_slowly(qtbot, widget, text: str, clock, ms_per_key: float) -> None:
    for character in text:
        qtbot.keyClicks(widget, character)
        clock.advance(ms_per_key)


def char_format_at(area, position):
    """The format of passage character ``position`` as the area shows it."""
    cursor = area.textCursor()
    cursor.setPosition(area.document_position(position))
    cursor.setPosition(area.document_position(position) + 1, cursor.MoveMode.KeepAnchor)
    return cursor.charFormat()


def test_typing_the_whole_passage_shows_a_pass_and_stores_it(qtbot, window, store, clock):
    start(qtbot, window)
    area = window.typing_page.typing_area
    # 26 characters, one key every 200 ms: the last key lands at 5.0 s.
    type_slowly(qtbot, area, SHORT.text, clock, 200)
    assert window.stack.currentWidget() is window.result_page
    labels = window.result_page.figure_labels
    assert window.result_page.verdict_label.text() == "PASS"
    assert labels["net_wpm"].text() == "62.4"  # 26 / 5 / (5.0 / 60)
    assert labels["accuracy"].text() == "100.0%"
    assert labels["uncorrected_errors"].text() == "0"
    assert labels["duration"].text() == "0:05"
    (row,) = store.attempts()
    assert row["id"] == window.last_attempt_id
    assert row["status"] == "completed" and row["passed"] is True
    assert row["item_id"] == "short-note"
    assert row["score"] == pytest.approx(62.4)
    assert row["duration_s"] == pytest.approx(5.0)
    assert "".join(event["key"] for event in row["keystrokes"]) == SHORT.text
    assert row["keystrokes"][0]["t"] == 0
    # Its key counts are kept as it is saved, for Progress and targeted practice.
    assert store.conn.execute("SELECT count(*) FROM key_tallies WHERE attempt_id = ?",
                              [row["id"]]).fetchone() == (1,)


def test_mistakes_are_marked_and_backspace_unmarks(qtbot, window, clock):
    start(qtbot, window)
    area = window.typing_page.typing_area
    qtbot.keyClicks(area, "Px")
    assert char_format_at(area, 0).foreground().color() == area.colours.typed_right_text
    assert char_format_at(area, 1).background().color() == WRONG_BACKGROUND
    qtbot.keyClick(area, Qt.Key.Key_Backspace)
    # The unmarked letter is the next to type again: dark ink on the caret's yellow.
    assert char_format_at(area, 1).background().color() == MARK_CURRENT
    assert char_format_at(area, 1).foreground().color() == MARK_INK
    assert window.typing_page.session.position == 1


def test_time_out_ends_the_test_with_the_full_duration(qtbot, window, store, clock):
    start(qtbot, window, minutes=1)
    area = window.typing_page.typing_area
    type_slowly(qtbot, area, "Please cal me", clock, 1000)
    window.typing_page.refresh()
    assert window.typing_page.time_left_label.text() == "0:47 left"
    clock.advance(60_000)
    qtbot.keyClicks(area, "b")  # after the deadline: ignored
    window.typing_page.refresh()
    assert window.stack.currentWidget() is window.result_page
    assert window.result_page.figure_labels["duration"].text() == "1:00"
    assert window.result_page.verdict_label.text() == "FAIL"
    assert window.result_page.errors_table.item(0, 0).text() == "cal"
    assert window.result_page.errors_table.item(0, 1).text() == "call"
    (row,) = store.attempts()
    assert row["duration_s"] == 60.0
    assert row["figures"]["uncorrected_errors"] == 1
    assert row["keystrokes"][-1]["key"] == "e"


def test_live_figures_update(qtbot, window, clock):
    start(qtbot, window)
    page = window.typing_page
    assert page.time_left_label.text() == "1:00 left"
    type_slowly(qtbot, page.typing_area, "Please ", clock, 500)
    page.refresh()
    # 7 characters in 3.5 s: 24 gross WPM, no errors.
    assert page.wpm_label.text() == "24 net WPM"
    assert page.time_left_label.text() == "0:57 left"


def test_escape_asks_and_abandoning_stores_an_abandoned_attempt(qtbot, window, store, clock):
    start(qtbot, window)
    area = window.typing_page.typing_area
    type_slowly(qtbot, area, "Please call me back", clock, 50)
    qtbot.keyClick(area, Qt.Key.Key_Escape)
    assert window.typing_page.abandon_bar.isVisible()
    qtbot.mouseClick(window.typing_page.keep_typing_button, Qt.MouseButton.LeftButton)
    assert not window.typing_page.abandon_bar.isVisible()
    assert window.stack.currentWidget() is window.typing_page
    qtbot.keyClick(area, Qt.Key.Key_Escape)
    qtbot.mouseClick(window.typing_page.abandon_button, Qt.MouseButton.LeftButton)
    assert window.result_page.verdict_label.text() == "ABANDONED"
    (row,) = store.attempts()
    assert row["status"] == "abandoned"
    assert row["passed"] is False


def test_paste_drop_and_context_menu_are_refused_and_recorded(qtbot, window, store, clock):
    start(qtbot, window)
    area = window.typing_page.typing_area
    QGuiApplication.clipboard().setText(SHORT.text)
    qtbot.keyClicks(area, "P")
    qtbot.keyClick(area, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(area, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    viewport = area.viewport()
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    )
    mime = QMimeData()
    mime.setText("dropped text")
    drag = (QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, QDragEnterEvent(*drag))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(5, 5), *drag[1:]))
    assert window.typing_page.session.position == 1  # nothing but the "P" arrived
    assert "not allowed" in window.typing_page.notice_label.text()
    assert area.toPlainText().replace("\n", "") == SHORT.text  # the passage is intact
    type_slowly(qtbot, area, SHORT.text[1:], clock, 100)
    (row,) = store.attempts()
    refused = [event["how"] for event in row["events"] if event["type"] == "paste-refused"]
    assert refused == ["shortcut", "shortcut", "context-menu", "drop"]


def test_losing_focus_during_a_test_is_recorded(qtbot, window, store, clock):
    start(qtbot, window)
    area = window.typing_page.typing_area
    qtbot.keyClicks(area, "Pl")
    app = QGuiApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    clock.advance(4000)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    type_slowly(qtbot, area, SHORT.text[2:], clock, 100)
    (row,) = store.attempts()
    assert [event["type"] for event in row["events"]] == ["focus-lost", "focus-returned"]


def test_composed_characters_are_one_keystroke(qtbot, store, clock):
    passage = Passage("cafe", "Café", "policy", "easy", "Café à")
    window = MainWindow(store, clock=clock, passages=[passage])
    qtbot.addWidget(window)
    window.show()
    start(qtbot, window)
    area = window.typing_page.typing_area
    qtbot.keyClicks(area, "Caf")
    # A dead key then "e": the input method sends only the composed "é".
    composing = QInputMethodEvent("´", [])
    QApplication.sendEvent(area, composing)
    committed = QInputMethodEvent()
    committed.setCommitString("é")
    QApplication.sendEvent(area, committed)
    qtbot.keyClicks(area, " ")
    # AltGr arrives (on Windows) as Ctrl+Alt on a key press carrying the text.
    altgr = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    QApplication.sendEvent(area, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_A, altgr, "à"))
    # A plain Ctrl shortcut is not typing.
    qtbot.keyClick(area, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    (row,) = store.attempts()
    assert [event["key"] for event in row["keystrokes"]] == list("Café à")
    assert row["accuracy"] == 100.0


def test_history_lists_attempts_with_best_and_average(qtbot, window, store, clock):
    for ms_per_key in (200, 400):
        start(qtbot, window)
        type_slowly(qtbot, window.typing_page.typing_area, SHORT.text, clock, ms_per_key)
    qtbot.mouseClick(
        window.toolbar.widgetForAction(window.history_action), Qt.MouseButton.LeftButton
    )
    assert window.stack.currentWidget() is window.history_page
    history = window.history_page
    assert history.row_count() == 2
    assert history.model.headerData(3, Qt.Orientation.Horizontal) == "Net WPM"
    history.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [history.cell_text(row, 3) for row in range(2)] == ["62.4", "31.2"]
    history.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert [history.cell_text(row, 3) for row in range(2)] == ["31.2", "62.4"]
    assert window.history_page.summary_label.text() == (
        "Best 62.4 net WPM · average 46.8 over 2 completed tests"
    )


def test_settings_change_the_pass_bar(qtbot, window, store, clock):
    qtbot.mouseClick(
        window.toolbar.widgetForAction(window.settings_action), Qt.MouseButton.LeftButton
    )
    page = window.settings_page
    page.wpm_box.selectAll()
    qtbot.keyClicks(page.wpm_box, "70")
    qtbot.keyClicks(page.name_edit, "Maria Santos")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status_label.text() == "Saved."
    window.show_home()
    assert "Maria Santos" in window.home_page.greeting_label.text()
    start(qtbot, window)
    type_slowly(qtbot, window.typing_page.typing_area, SHORT.text, clock, 200)
    assert window.result_page.verdict_label.text() == "FAIL"  # 62.4 < 70
    (row,) = store.attempts()
    assert row["candidate"] == "Maria Santos"
    assert row["settings"]["min_net_wpm"] == 70


def test_navigation_is_locked_during_a_test(qtbot, window, clock):
    start(qtbot, window)
    assert not window.toolbar.isEnabled()
    type_slowly(qtbot, window.typing_page.typing_area, SHORT.text, clock, 100)
    assert window.toolbar.isEnabled()


def test_the_passage_wraps_without_shifting_positions(qtbot, window):
    start(qtbot, window)
    area = window.typing_page.typing_area
    long_text = " ".join(["accountability"] * 200)
    area.set_passage(long_text)
    assert area.document().blockCount() > 1
    # Each shown line keeps the space it wraps at, so every character is on screen.
    lines = area.toPlainText().split("\n")
    assert "".join(lines) == long_text
    assert all(line.endswith(" ") for line in lines[:-1])
    area.mark(len(long_text) - 1, False)
    assert char_format_at(area, len(long_text) - 1).background().color() == WRONG_BACKGROUND


def test_no_passages_means_no_typing_card(qtbot, store):
    window = MainWindow(store, passages=[])
    qtbot.addWidget(window)
    assert "typing" not in window.home_page.cards


def test_colours_are_distinct(qtbot):
    area = TypingArea()
    qtbot.addWidget(area)
    assert len({area.colours.typed_right_text.name(), area.colours.base_text.name(),
                WRONG_BACKGROUND.name(), QColor("white").name()}) == 4


def test_a_crash_mid_test_keeps_earlier_results_and_says_so(qtbot, tmp_path, clock):
    path = tmp_path / "crash.db"
    store = Store.open(path)
    window = MainWindow(store, clock=clock, passages=[SHORT])
    qtbot.addWidget(window)
    window.show()
    start(qtbot, window)
    type_slowly(qtbot, window.typing_page.typing_area, SHORT.text, clock, 200)
    start(qtbot, window)
    qtbot.keyClicks(window.typing_page.typing_area, "Plea")
    store.db.conn.close()  # the app dies here, mid-test

    reopened = Store.open(path)
    after = MainWindow(reopened, clock=clock, passages=[SHORT])
    qtbot.addWidget(after)
    assert "stopped when the app closed unexpectedly" in after.statusBar().currentMessage()
    statuses = sorted(row["status"] for row in reopened.attempts())
    assert statuses == ["completed", "interrupted"]
    after.show_history()
    results = {after.history_page.cell_text(row, 5) for row in range(2)}
    assert results == {"Pass", "Interrupted"}


def test_a_failed_save_is_reported_and_the_result_still_shown(qtbot, window, store, clock,
                                                              monkeypatch):
    start(qtbot, window)

    def disk_full(row):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "save_attempt", disk_full)
    type_slowly(qtbot, window.typing_page.typing_area, SHORT.text, clock, 200)
    assert window.stack.currentWidget() is window.result_page
    assert window.result_page.verdict_label.text() == "PASS"
    assert "could not be saved" in window.statusBar().currentMessage()


LETTER = Passage("letter", "Letter", "customer-email", "easy",
                 "Dear Ann,\nThank you for your call.\nBest regards,\nBo Lind")


@pytest.fixture
def letter_window(qtbot, store, clock):
    window = MainWindow(store, clock=clock, passages=[LETTER], rng=random.Random(1))
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_passage_keeps_its_lines_and_enter_types_a_line_break(qtbot, letter_window, store,
                                                                 clock):
    start(qtbot, letter_window)
    area = letter_window.typing_page.typing_area
    shown_lines = area.toPlainText().split("\n")
    assert shown_lines == ["Dear Ann,\u21b5", "Thank you for your call.\u21b5",
                           "Best regards,\u21b5", "Bo Lind"]
    for line in LETTER.text.split("\n"):
        type_slowly(qtbot, area, line, clock, 150)
        if not letter_window.typing_page.session.finished:
            qtbot.keyClick(area, Qt.Key.Key_Return)
            clock.advance(150)
    assert letter_window.result_page.verdict_label.text() == "PASS"
    assert letter_window.result_page.figure_labels["accuracy"].text() == "100.0%"
    (row,) = store.attempts()
    assert [event["key"] for event in row["keystrokes"]].count("\n") == 3


def test_space_at_a_line_break_is_right_too(qtbot, letter_window, store, clock):
    start(qtbot, letter_window)
    area = letter_window.typing_page.typing_area
    type_slowly(qtbot, area, LETTER.text.replace("\n", " "), clock, 150)
    assert letter_window.result_page.figure_labels["accuracy"].text() == "100.0%"
    assert letter_window.result_page.figure_labels["uncorrected_errors"].text() == "0"


def test_a_wrong_space_is_marked_as_visibly_as_a_wrong_letter(qtbot, window, clock):
    start(qtbot, window)
    area = window.typing_page.typing_area
    qtbot.keyClicks(area, "Pleasex")  # "x" where the space after "Please" belongs
    assert area.shown_character(6) == "\u2423"
    assert char_format_at(area, 6).background().color() == WRONG_BACKGROUND
    qtbot.keyClick(area, Qt.Key.Key_Backspace)
    assert area.shown_character(6) == " "
    assert char_format_at(area, 6).background().color() != WRONG_BACKGROUND


def test_tab_never_types_it_moves_the_focus(qtbot, window, clock):
    start(qtbot, window)
    area = window.typing_page.typing_area
    qtbot.keyClicks(area, "Pl")
    qtbot.keyClick(area, Qt.Key.Key_Tab)
    assert window.typing_page.session.position == 2
    assert [event["key"] for event in window.typing_page.session.events] == ["P", "l"]


def shows_warning_colour(label) -> bool:
    """Whether ``label`` is drawn in the theme's warning (danger) colour."""
    return label.palette().color(QPalette.ColorRole.WindowText) == current_colours().danger_text


def test_the_countdown_turns_red_in_the_last_ten_seconds(qtbot, window, clock):
    start(qtbot, window, minutes=1)
    page = window.typing_page
    assert "timer starts" in page.hint_label.text()
    qtbot.keyClicks(page.typing_area, "P")
    assert "timer starts" not in page.hint_label.text()
    clock.advance(49_000)
    page.refresh()
    assert page.time_left_label.text() == "0:11 left"
    assert not shows_warning_colour(page.time_left_label)
    clock.advance(1_000)
    page.refresh()
    assert page.time_left_label.text() == "0:10 left"
    assert shows_warning_colour(page.time_left_label)


def answer_leave_confirmation(qtbot, window, button_text: str) -> None:
    """Click ``button_text`` in the close confirmation, which must be showing."""
    box = window.leave_confirmation
    assert box is not None and box.isVisible()
    (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_closing_the_window_during_a_test_asks_first(qtbot, window, store, clock):
    start(qtbot, window)
    qtbot.keyClicks(window.typing_page.typing_area, "Ple")
    window.close()
    answer_leave_confirmation(qtbot, window, "Keep going")
    assert window.isVisible()
    assert window.stack.currentWidget() is window.typing_page
    window.close()
    answer_leave_confirmation(qtbot, window, "Close and end the test")
    assert not window.isVisible()
    (row,) = store.attempts()
    assert row["status"] == "abandoned" and row["passed"] is False


def test_closing_the_window_outside_a_test_does_not_ask(qtbot, window):
    window.close()
    assert not window.isVisible()


def test_difficulty_can_be_chosen(qtbot, store, clock):
    easy = Passage("easy-one", "Easy one", "policy", "easy", "Short and plain.")
    hard = Passage("hard-one", "Hard one", "policy", "hard", "Reconciliation of escrow.")
    window = MainWindow(store, clock=clock, passages=[easy, hard], rng=random.Random(1))
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.home_page.cards["typing"], Qt.MouseButton.LeftButton)
    setup = window.typing_setup
    setup.difficulty_box.setCurrentIndex(setup.difficulty_box.findText("Hard"))
    qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
    assert window.typing_page.title_label.text() == "Hard one"
    (row,) = store.attempts()
    assert row["settings"]["difficulty"] == "hard"


def test_a_choice_with_no_passage_says_so_and_stays(qtbot, store, clock):
    easy = Passage("easy-one", "Easy one", "policy", "easy", "Short and plain.")
    window = MainWindow(store, clock=clock, passages=[easy], rng=random.Random(1))
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.home_page.cards["typing"], Qt.MouseButton.LeftButton)
    setup = window.typing_setup
    setup.difficulty_box.setCurrentIndex(setup.difficulty_box.findText("Hard"))
    qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is setup
    assert "no hard passages" in window.statusBar().currentMessage()
