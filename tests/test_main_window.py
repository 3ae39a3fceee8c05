"""The whole app through its main window: each activity from the home screen
to a stored attempt and back, as a person would go through it."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from typing_test.core.typing.passages import Passage
from typing_test.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
HR_BANK = """
[bank]
topic = "hr-rules"
title = "Office rules"

[[questions]]
id = "hr-rules-1"
type = "truefalse"
difficulty = "basic"
prompt = "You must lock your screen when you leave your desk."
answer = true
explanation = "Press Win+L before you walk away."

[[questions]]
id = "hr-rules-2"
type = "single"
difficulty = "basic"
prompt = "Who approves overtime?"
options = ["Your team leader", "The customer", "Nobody"]
answer = "Your team leader"
explanation = "Overtime needs your team leader's approval in advance."
"""



@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    passages = [Passage("p", "P", "policy", "easy", "Thank you for calling.")]
    window = MainWindow(store, clock=clock, passages=passages, rng=random.Random(2),
                        banks_folder=tmp_path / "question-banks")
    qtbot.addWidget(window)
    window.resize(1040, 720)
    window.show()
    return window


def click(qtbot, widget) -> None:
    QApplication.processEvents()  # lay out widgets shown since the last click
    qtbot.mouseClick(widget, LEFT)


def test_home_offers_every_activity_that_works(window):
    assert set(window.home_page.cards) >= {"typing", "quiz"}


def test_an_imported_bank_can_be_taken_as_a_quiz_and_is_stored(qtbot, window, store, clock,
                                                                tmp_path):
    bank_file = tmp_path / "office-rules.toml"
    bank_file.write_text(HR_BANK, encoding="utf-8")
    click(qtbot, window.home_page.cards["quiz"])
    setup = window.quiz_setup
    assert window.stack.currentWidget() is setup
    report = setup.import_bank(bank_file)
    assert report.ok
    assert (tmp_path / "question-banks" / "office-rules.toml").exists()
    for topic, box in setup.topic_boxes.items():
        if box.isChecked() != (topic == "hr-rules"):
            click(qtbot, box)
    click(qtbot, setup.start_button)
    page = window.quiz_page
    assert window.stack.currentWidget() is page
    assert not window.toolbar.isEnabled()
    for _ in range(2):
        prompt = page.prompt_label.text()
        wanted = "True" if "lock your screen" in prompt else "Your team leader"
        (button,) = [b for b in page.option_buttons if b.text() == wanted]
        click(qtbot, button)
        clock.advance(20_000)
        if page.next_button.isEnabled():
            click(qtbot, page.next_button)
    click(qtbot, page.submit_button)
    assert window.stack.currentWidget() is window.quiz_result_page
    (row,) = store.attempts(kind="quiz")
    assert row["status"] == "completed" and row["passed"] is True
    assert row["score"] == 100.0
    assert row["settings"]["topics"] == ["hr-rules"]
    assert row["duration_s"] == pytest.approx(40.0)
    assert row["details"]["result"]["answers"]["hr-rules-1"] is True

    # A fresh window (the next day, the same PC) still offers the imported bank.
    again = MainWindow(store, clock=clock, banks_folder=tmp_path / "question-banks")
    qtbot.addWidget(again)
    assert "hr-rules" in again.quiz_setup.topic_boxes
    window.show_history()
    window.history_page.show_kind("quiz")
    assert window.history_page.row_count() == 1
    assert window.history_page.cell_text(0, 4) == "Pass"


def test_a_broken_imported_bank_is_skipped_and_reported(qtbot, store, tmp_path):
    folder = tmp_path / "question-banks"
    folder.mkdir()
    (folder / "broken.toml").write_text("[bank\n", encoding="utf-8")
    window = MainWindow(store, banks_folder=folder)
    qtbot.addWidget(window)
    assert "quiz" in window.home_page.cards
    # The banks are read when the quizzes are first opened; the problem is said then.
    qtbot.mouseClick(window.home_page.cards["quiz"], Qt.MouseButton.LeftButton)
    assert "broken.toml" in window.statusBar().currentMessage()
    assert window.quiz_setup.topic_boxes  # the built-in banks still work


def test_the_start_up_builds_only_the_home_page(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.stack.count() == 1
    assert "banks" not in vars(window) and "drills" not in vars(window)
    window.show_history()
    assert window.stack.count() == 2 and window.stack.currentWidget() is window.history_page


def select_text(editor, text: str) -> None:
    from PySide6.QtGui import QTextCursor

    start = editor.toPlainText().index(text)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_a_proofreading_drill_from_home_to_the_stored_review(qtbot, window, store, clock):
    click(qtbot, window.home_page.cards["drills"])
    assert window.stack.currentWidget() is window.drill_list_page
    drill = window.drills.proofreading["refund-confirmation"]
    table = window.drill_list_page.proofreading_table
    table.selectRow(list(window.drills.proofreading).index(drill.id))
    click(qtbot, window.drill_list_page.proofreading_start_button)
    page = window.proofreading_page
    assert window.stack.currentWidget() is page and not window.toolbar.isEnabled()
    first = drill.mistakes[0]
    select_text(page.editor, drill.text[first.start - 12:first.end])
    qtbot.keyClicks(page.editor, drill.text[first.start - 12:first.start] + first.corrections[0])
    clock.advance(90_000)
    click(qtbot, page.submit_button)
    click(qtbot, page.confirm_submit_button)
    assert window.stack.currentWidget() is window.proofreading_review
    (row,) = store.attempts(kind="proofreading")
    assert row["status"] == "completed"
    assert row["figures"]["fixed"] == 1
    assert row["figures"]["missed"] == len(drill.mistakes) - 1
    assert row["score"] == pytest.approx(round(100 / len(drill.mistakes), 1))
    assert row["duration_s"] == pytest.approx(90.0)
    assert first.corrections[0] in row["details"]["answer"]
    window.show_history()
    window.history_page.show_kind("proofreading")
    assert window.history_page.row_count() == 1
    # A drill sets no pass bar: it is completed, never "Fail".
    assert window.history_page.cell_text(0, 4) == "Completed"
    # Opened again, the review is graded afresh from the stored answer.
    window.history_page.table.selectRow(0)
    click(qtbot, window.history_page.open_button)
    assert window.stack.currentWidget() is window.proofreading_review
    assert window.proofreading_review.table.rowCount() == len(drill.mistakes)
    assert window.proofreading_review.table.item(0, 0).text() == "Fixed"


def test_a_writing_drill_is_checked_scored_and_stored(qtbot, window, store, clock):
    window.open_drills("writing")
    scenario = next(iter(window.drills.writing.values()))
    window.drill_list_page.writing_table.selectRow(0)
    click(qtbot, window.drill_list_page.writing_start_button)
    page = window.writing_page
    assert window.stack.currentWidget() is page
    assert page.live_check is False  # off unless Settings turns it on
    qtbot.keyClicks(page.editor, "Dear customer, we will recieve it. Kind regards, Anna")
    clock.advance(60_000)
    click(qtbot, page.submit_button)
    with qtbot.waitSignal(page.finished, timeout=10_000):
        click(qtbot, page.confirm_submit_button)
    assert window.stack.currentWidget() is window.writing_review
    (row,) = store.attempts(kind="writing")
    assert row["item_id"] == scenario.id
    findings = row["details"]["feedback"]["findings"]
    assert any(f["text"] == "recieve" and f["kind"] == "spelling" for f in findings)
    assert 0 <= row["score"] < 100
    # Opened again from History, the reply is checked again and its review shown.
    window.show_home()
    window.show_history()
    window.history_page.show_kind("writing")
    window.history_page.table.selectRow(0)
    assert window.history_page.open_button.isVisible()
    click(qtbot, window.history_page.open_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.writing_review,
                    timeout=10_000)
    assert window.writing_review.score_label.text() == f"Score: {row['score']:g} / 100"
    assert any(window.writing_review.findings_table.item(r, 1).text() == "recieve"
               for r in range(window.writing_review.findings_table.rowCount()))


def test_settings_choose_the_spelling_the_checker_accepts(qtbot, window, store):
    window.show_settings()
    page = window.settings_page
    page.spelling_box.setCurrentIndex(page.spelling_box.findData("us"))
    click(qtbot, page.live_check_box)
    click(qtbot, page.save_button)
    assert store.get_setting("spelling_variant") == "us"
    assert window.checker_loader.variant == "us"
    assert window.writing_page.checker_source is window.checker_loader
    assert window.checker_loader.check_now("The colour is fine.")[0].suggestions == ("color",)
    window.open_drills("writing")
    window.start_writing(next(iter(window.drills.writing.values())))
    assert window.writing_page.live_check is True


def test_the_window_uses_the_product_name(window):
    assert window.windowTitle() == "Typing Test"


def test_help_opens_the_bundled_formats(qtbot, window):
    titles = [action.text() for action in window.help_menu.actions() if action.text()]
    assert titles == ["Question bank format...", "Drill file format...", "About Typing Test..."]
    window.help_menu.actions()[0].trigger()
    dialog = window.document_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Question bank format"
    assert "[[questions]]" in dialog.browser.toPlainText()
    assert dialog.browser.accessibleName() == "Question bank format"
    window.help_menu.actions()[1].trigger()
    assert "proofreading" in window.document_dialog.browser.toPlainText().lower()


def test_about_says_the_version_and_where_results_are_kept(window, store):
    window.help_menu.actions()[-1].trigger()
    text = window.about_box.text()
    assert window.about_box.isVisible()
    assert "Typing Test 0.1.0" in text and str(store.path) in text


def test_history_has_a_shortcut_that_is_not_redo(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is not window.history_page
    qtbot.keyClick(window, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.currentWidget() is window.history_page


def test_esc_in_a_quiz_asks_and_leaving_saves_it_as_abandoned(qtbot, window, store):
    from typing_test.core.quiz.banks import load_builtin_banks
    from typing_test.core.quiz.session import draw_quiz

    window.start_quiz(draw_quiz(load_builtin_banks(), 3, topics=["word"], seed=4), 600)
    page = window.quiz_page
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert page.leave_bar.isVisible()
    click(qtbot, page.stay_button)
    assert not page.leave_bar.isVisible()
    assert window.stack.currentWidget() is page
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    click(qtbot, page.leave_button)
    assert window.stack.currentWidget() is window.home_page
    assert "saved as abandoned" in window.statusBar().currentMessage()
    (row,) = store.attempts()
    assert row["kind"] == "quiz" and row["status"] == "abandoned" and row["passed"] is False


def test_home_shows_the_latest_results_and_the_best_speed_against_the_bar(qtbot, window,
                                                                          clock):
    home = window.home_page
    assert "No typing test finished yet. The bar is 25 net words per minute." in (
        home.best_label.text())
    assert not home.results_table.isVisible()
    window.start_typing_test(60, "", "")
    for character in "Thank you for calling.":
        qtbot.keyClicks(window.typing_page.typing_area, character)
        clock.advance(150)
    click(qtbot, window.result_page.home_button)
    assert window.stack.currentWidget() is home
    assert home.best_label.text() == "Best typing speed: 83.8 net WPM, at or above the bar of 25."
    assert home.results_table.isVisible() and home.results_table.rowCount() == 1
    assert home.results_table.item(0, 1).text() == "Typing test: P"
    assert home.results_table.item(0, 2).text() == "83.8 net WPM: pass"  # 22 keys in 3.15 s


def test_a_past_quiz_opens_its_result_page_again(qtbot, window, store):
    from typing_test.core.quiz.banks import load_builtin_banks
    from typing_test.core.quiz.session import draw_quiz

    window.start_quiz(draw_quiz(load_builtin_banks(), 3, topics=["word"], seed=8), 600)
    page = window.quiz_page
    click(qtbot, page.option_buttons[0])
    page.submit()
    first_score = window.quiz_result_page.score_label.text()
    window.show_history()
    history = window.history_page
    history.show_kind("quiz")
    history.table.selectRow(0)
    assert history.open_button.isVisible() and history.open_button.isEnabled()
    click(qtbot, history.open_button)
    assert window.stack.currentWidget() is window.quiz_result_page
    assert window.quiz_result_page.score_label.text() == first_score
