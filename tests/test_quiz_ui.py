"""The Office-skills quiz screens driven as a person would: clicks and keys into real widgets.

The clock is injected (seconds, like QuizSession); tests move it forward
instead of sleeping, and call ``refresh()`` where the page's QTimer would.
Question order is fixed with ``rebuild_quiz`` so a test knows which question
it is on; the setup page's own random draw is tested separately.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from typing_test.core.quiz.banks import Bank, load_bank, load_builtin_banks, validate_bank_file
from typing_test.core.quiz.session import Quiz, QuizResult, grade_quiz, rebuild_quiz
from typing_test.ui.quiz.formula_grid import TARGET_BACKGROUND, FormulaGrid
from typing_test.ui.quiz.quiz_page import QuizPage
from typing_test.ui.quiz.quiz_result_page import QuizResultPage, percent_text
from typing_test.ui.quiz.quiz_setup import QuizSetup

LEFT = Qt.MouseButton.LeftButton

CRM_BANK = """
[bank]
topic = "crm"
title = "CRM basics"

[[questions]]
id = "uitest-crm-single"
type = "single"
difficulty = "basic"
prompt = "Where do you log a customer's call?"
options = ["In the contact's activity history", "In a sticky note", "Nowhere"]
answer = "In the contact's activity history"
explanation = "The activity history keeps every contact with the customer in one place."

[[questions]]
id = "uitest-crm-multiple"
type = "multiple"
difficulty = "intermediate"
prompt = "Which of these belong in a case record? Select all that apply."
options = ["Case number", "Your lunch order", "Customer name", "Your password"]
answer = ["Case number", "Customer name"]
explanation = "A case record identifies the case and the customer, never private data of yours."

[[questions]]
id = "uitest-crm-truefalse"
type = "truefalse"
difficulty = "basic"
prompt = "A closed case can never be reopened."
answer = false
explanation = "Most CRM systems let you reopen a case when the customer calls back."

[[questions]]
id = "uitest-crm-formula"
type = "formula"
difficulty = "basic"
prompt = "Enter a formula in B5 that adds up the cases handled by the three teams."
target = "B5"
grid = [["Team", "Cases"], ["North", 1200], ["South", 1500], ["West", 1137], ["Total", ""]]
variant = [["Team", "Cases"], ["North", 900], ["South", 1450], ["West", 1210], ["Total", ""]]
answer = "=SUM(B2:B4)"
explanation = "=SUM(B2:B4) adds the three cells above the total."
"""

DESK_BANK = """
[bank]
topic = "desk"
title = "Help desk"

[[questions]]
id = "uitest-desk-1"
type = "single"
difficulty = "basic"
prompt = "What do you ask a caller first?"
options = ["Their name", "Their age"]
answer = "Their name"
explanation = "You identify the caller first."

[[questions]]
id = "uitest-desk-2"
type = "truefalse"
difficulty = "basic"
prompt = "You may share a password over the phone."
answer = false
explanation = "Never share a password."
"""

# Four problems: an unknown difficulty, an answer that is not an option, a
# quoted true/false answer and an id the built-in Word bank already uses.
BROKEN_BANK = """
[bank]
topic = "crm"
title = "CRM basics"

[[questions]]
id = "uitest-broken-1"
type = "single"
difficulty = "easy"
prompt = "Which?"
options = ["Yes", "No"]
answer = "yes"
explanation = "Yes."

[[questions]]
id = "word-001"
type = "truefalse"
difficulty = "basic"
prompt = "True?"
answer = "true"
explanation = "True."
"""

ORDER = ["uitest-crm-single", "uitest-crm-multiple", "uitest-crm-truefalse", "uitest-crm-formula"]


class FakeClock:
    def __init__(self) -> None:
        self.seconds = 5_000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def banks(tmp_path) -> list[Bank]:
    source = tmp_path / "banks"
    return [load_bank(write(source, "crm.toml", CRM_BANK)),
            load_bank(write(source, "desk.toml", DESK_BANK))]


@pytest.fixture
def quiz(banks) -> Quiz:
    return rebuild_quiz(banks, ORDER, seed=11, pass_mark=75)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def page(qtbot, clock) -> QuizPage:
    page = QuizPage(clock=clock)
    qtbot.addWidget(page)
    page.resize(1040, 690)
    page.show()
    return page


@pytest.fixture
def setup(qtbot, banks, tmp_path) -> QuizSetup:
    setup = QuizSetup(banks, tmp_path / "imported")
    qtbot.addWidget(setup)
    setup.show()
    return setup


def click(qtbot, widget) -> None:
    """Click ``widget`` once the widgets shown since the last click are laid out.

    In the app the event loop lays out new widgets before a person can click
    them; here the pending layout requests are handled first (no waiting).
    """
    QApplication.processEvents()
    qtbot.mouseClick(widget, LEFT)


def option(page: QuizPage, text: str):
    (button,) = [button for button in page.option_buttons if button.text() == text]
    return button


def answer_everything_right(qtbot, page: QuizPage, formula: str = "=B2+B3+B4") -> None:
    click(qtbot, option(page, "In the contact's activity history"))
    click(qtbot, page.next_button)
    click(qtbot, option(page, "Case number"))
    click(qtbot, option(page, "Customer name"))
    click(qtbot, page.next_button)
    click(qtbot, option(page, "False"))
    click(qtbot, page.next_button)
    qtbot.keyClicks(page.formula_edit, formula)


def review_text(result_page: QuizResultPage) -> str:
    """The review as plain text, each "Label:" joined to its value (table cells are lines)."""
    return result_page.review_view.toPlainText().replace(":\n", ": ")


def finish(qtbot, page: QuizPage, button) -> QuizResult:
    with qtbot.waitSignal(page.finished, timeout=1000) as blocker:
        click(qtbot, button)
    return blocker.args[0]


# Setup ---------------------------------------------------------------------------


def test_setup_shows_each_topic_with_its_count_and_caps_the_length(qtbot, setup):
    boxes = setup.topic_boxes
    assert boxes["crm"].text() == "CRM basics (4 questions)"
    assert boxes["desk"].text() == "Help desk (2 questions)"
    assert setup.time_box.value() == 20 and setup.pass_mark_box.value() == 70
    # 20 wanted, only 6 available: capped, and back to 6 when a topic returns.
    assert (setup.count_box.value(), setup.count_box.maximum()) == (6, 6)
    click(qtbot, boxes["desk"])
    assert (setup.count_box.value(), setup.count_box.maximum()) == (4, 4)
    click(qtbot, boxes["desk"])
    assert setup.count_box.value() == 6
    click(qtbot, boxes["desk"])
    click(qtbot, boxes["crm"])
    assert not setup.start_button.isEnabled()
    assert "Tick at least one topic" in setup.available_label.text()


def test_start_draws_a_new_quiz_from_the_ticked_topics(qtbot, setup):
    click(qtbot, setup.topic_boxes["desk"])
    setup.pass_mark_box.selectAll()
    qtbot.keyClicks(setup.pass_mark_box, "50")
    setup.time_box.selectAll()
    qtbot.keyClicks(setup.time_box, "5")
    seeds = []
    for _ in range(2):
        with qtbot.waitSignal(setup.startRequested, timeout=1000) as blocker:
            click(qtbot, setup.start_button)
        drawn, time_limit_s = blocker.args
        assert sorted(drawn.question_ids()) == sorted(ORDER)
        assert drawn.topics == ("crm",) and drawn.pass_mark == 50
        assert time_limit_s == 300
        seeds.append(drawn.seed)
    assert seeds[0] != seeds[1]


# Taking the quiz -----------------------------------------------------------------


def test_each_question_type_is_shown_and_answers_survive_navigation(qtbot, page, quiz):
    page.start(quiz, 20 * 60)
    assert page.progress_label.text() == "Question 1 of 4"
    assert page.topic_label.text() == "CRM basics"
    assert page.prompt_label.text() == "Where do you log a customer's call?"
    assert not page.previous_button.isEnabled()
    click(qtbot, option(page, "In the contact's activity history"))

    click(qtbot, page.next_button)
    assert page.instruction_label.text() == "Select all that apply."
    assert sorted(button.text() for button in page.option_buttons) == [
        "Case number", "Customer name", "Your lunch order", "Your password"]
    click(qtbot, option(page, "Case number"))
    click(qtbot, option(page, "Customer name"))

    click(qtbot, page.next_button)
    assert [button.text() for button in page.option_buttons] == ["True", "False"]
    click(qtbot, option(page, "False"))

    click(qtbot, page.next_button)
    assert page.formula_panel.isVisible()
    assert page.formula_label.text() == "Type a formula for cell B5:"
    assert page.formula_grid.cell_text("B2") == "1200"
    qtbot.keyClicks(page.formula_edit, "=B2+B3+B4")
    assert not page.next_button.isEnabled()  # the last question

    for _ in range(3):
        click(qtbot, page.previous_button)
    assert option(page, "In the contact's activity history").isChecked()
    click(qtbot, page.next_button)
    checked = [button.text() for button in page.option_buttons if button.isChecked()]
    assert checked == ["Case number", "Customer name"] or checked == [
        "Customer name", "Case number"]
    click(qtbot, page.next_button)
    assert option(page, "False").isChecked() and not option(page, "True").isChecked()
    click(qtbot, page.next_button)
    assert page.formula_edit.text() == "=B2+B3+B4"
    assert page.answered_label.text() == "4 of 4 answered"
    assert all(button.property("answered") for button in page.question_buttons)


def test_enter_in_the_formula_box_goes_to_the_next_question(qtbot, page, banks):
    quiz = rebuild_quiz(banks, ["uitest-crm-formula", "uitest-crm-single"], seed=3)
    page.start(quiz, 600)
    assert page.formula_grid.target == "B5"
    qtbot.keyClicks(page.formula_edit, "=SUM(B2:B4)")
    qtbot.keyClick(page.formula_edit, Qt.Key.Key_Return)
    assert page.progress_label.text() == "Question 2 of 2"
    assert page.session.answer_of("uitest-crm-formula") == "=SUM(B2:B4)"


def test_changing_a_single_choice_keeps_only_the_last_one(qtbot, page, quiz):
    page.start(quiz, 600)
    click(qtbot, option(page, "Nowhere"))
    click(qtbot, option(page, "In a sticky note"))
    assert page.session.answer_of("uitest-crm-single") == "In a sticky note"
    assert not option(page, "Nowhere").isChecked()


def test_flag_for_review_and_jump_with_the_question_strip(qtbot, page, quiz):
    page.start(quiz, 600)
    click(qtbot, page.question_buttons[1])
    assert page.progress_label.text() == "Question 2 of 4"
    click(qtbot, page.flag_button)
    assert page.flag_button.isChecked()
    assert page.flag_button.text().replace("&", "") == "Flagged for review"
    strip = page.question_buttons
    assert strip[1].property("flagged") and strip[1].property("current")
    assert strip[1].toolTip() == "Question 2: not answered, flagged for review"
    assert page.answered_label.text() == "0 of 4 answered, 1 flagged"

    click(qtbot, strip[3])
    assert page.progress_label.text() == "Question 4 of 4"
    assert not page.flag_button.isChecked()
    assert strip[3].property("current") and not strip[1].property("current")
    click(qtbot, strip[1])
    assert page.flag_button.isChecked()
    click(qtbot, page.flag_button)
    assert not strip[1].property("flagged") and page.session.flagged_ids() == []


def test_all_answered_submits_at_once_and_a_rewritten_sum_is_right(qtbot, page, quiz, clock):
    page.start(quiz, 20 * 60)
    clock.advance(95)
    answer_everything_right(qtbot, page, formula="=B2+B3+B4")
    result = finish(qtbot, page, page.submit_button)  # no confirmation needed
    assert (result.correct, result.total, result.verdict) == (4, 4, "PASS")
    assert result.duration_seconds == 95
    assert page.timed_out is False


def test_a_typed_in_value_is_wrong(qtbot, page, quiz):
    page.start(quiz, 600)
    answer_everything_right(qtbot, page, formula="=3837")  # the total on the sheet shown
    result = finish(qtbot, page, page.submit_button)
    formula = result.questions[3]
    assert formula.given == "=3837" and not formula.correct
    assert "use cell references" in formula.feedback
    assert (result.correct, result.verdict) == (3, "PASS")  # 75% meets the 75% mark


def test_submit_with_unanswered_questions_asks_first(qtbot, page, quiz):
    page.start(quiz, 600)
    click(qtbot, page.question_buttons[2])
    click(qtbot, option(page, "False"))
    with qtbot.assertNotEmitted(page.finished):
        click(qtbot, page.submit_button)
    assert page.confirm_bar.isVisible()
    assert page.confirm_label.text() == (
        "3 questions are unanswered; they count as wrong. Submit anyway?"
    )
    click(qtbot, page.keep_answering_button)
    assert not page.confirm_bar.isVisible()
    assert page.progress_label.text() == "Question 1 of 4"  # the first unanswered one

    click(qtbot, page.submit_button)
    result = finish(qtbot, page, page.confirm_submit_button)
    assert (result.correct, result.total, result.verdict) == (1, 4, "FAIL")
    assert [question.answered for question in result.questions] == [False, False, True, False]


def test_one_unanswered_question_is_named_in_the_singular(qtbot, page, banks):
    page.start(rebuild_quiz(banks, ["uitest-desk-1"], seed=1), 600)
    click(qtbot, page.submit_button)
    assert page.confirm_label.text() == (
        "1 question is unanswered; it counts as wrong. Submit anyway?"
    )


def test_time_out_submits_by_itself(qtbot, page, quiz, clock):
    page.start(quiz, 60)
    assert page.time_left_label.text() == "1:00 left"
    clock.advance(15.2)
    page.refresh()
    assert page.time_left_label.text() == "0:45 left"
    click(qtbot, option(page, "In the contact's activity history"))
    clock.advance(44.0)
    with qtbot.assertNotEmitted(page.finished):
        page.refresh()
    assert page.time_left_label.text() == "0:01 left"
    clock.advance(3.0)
    with qtbot.waitSignal(page.finished, timeout=1000) as blocker:
        page.refresh()
    result = blocker.args[0]
    assert page.timed_out is True
    assert result.duration_seconds == 60  # the limit, though noticed 2.2 s late
    assert (result.correct, result.total) == (1, 4)


def test_an_answer_after_the_deadline_is_not_counted(qtbot, page, quiz, clock):
    page.start(quiz, 60)
    clock.advance(61)
    with qtbot.waitSignal(page.finished, timeout=1000) as blocker:
        click(qtbot, option(page, "In the contact's activity history"))
    assert blocker.args[0].correct == 0
    assert page.timed_out is True


# The sheet -----------------------------------------------------------------------


def test_the_sheet_has_excel_headers_alignment_and_a_highlighted_target(qtbot):
    grid = FormulaGrid()
    qtbot.addWidget(grid)
    sheet = (
        ("Item", "Due", "Paid", "Amount"),
        ("Rent", datetime.date(2024, 3, 1), True, 1250.5),
        ("Total", None, None, None),
    )
    grid.show_grid(sheet, "D3")
    headers = [grid.horizontalHeaderItem(column).text() for column in range(4)]
    assert headers == ["A", "B", "C", "D"]
    assert [grid.verticalHeaderItem(row).text() for row in range(3)] == ["1", "2", "3"]
    assert grid.horizontalHeaderItem(3).font().bold()
    assert not grid.horizontalHeaderItem(0).font().bold()
    assert grid.cell_text("B2") == "2024-03-01"
    assert grid.cell_text("D2") == "1250.5"
    assert grid.cell_text("C2") == "TRUE"

    def alignment(row: int, column: int) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag(grid.item(row, column).textAlignment())

    assert alignment(1, 0) & Qt.AlignmentFlag.AlignLeft
    assert alignment(1, 1) & Qt.AlignmentFlag.AlignRight
    assert alignment(1, 3) & Qt.AlignmentFlag.AlignRight
    assert alignment(1, 2) & Qt.AlignmentFlag.AlignHCenter
    assert grid.item(2, 3).background().color() == TARGET_BACKGROUND
    assert grid.item(1, 3).background().color() != TARGET_BACKGROUND
    assert grid.editTriggers() == FormulaGrid.EditTrigger.NoEditTriggers


# The result ----------------------------------------------------------------------


@pytest.fixture
def result_page(qtbot) -> QuizResultPage:
    result_page = QuizResultPage()
    qtbot.addWidget(result_page)
    result_page.show()
    return result_page


def test_result_page_shows_verdict_topic_scores_and_the_review(qtbot, page, banks,
                                                               result_page, clock):
    quiz = rebuild_quiz(banks, [*ORDER, "uitest-desk-1", "uitest-desk-2"], seed=5)
    page.start(quiz, 600)
    answer_everything_right(qtbot, page, formula="=3837")
    click(qtbot, page.next_button)
    click(qtbot, option(page, "Their age"))
    clock.advance(125)
    click(qtbot, page.submit_button)
    result = finish(qtbot, page, page.confirm_submit_button)
    result_page.show_result(result)

    assert result_page.verdict_label.text() == "FAIL"  # 3 of 6 is under 70%
    assert result_page.score_label.text() == (
        "3 of 6 correct: 50% (the pass mark is 70%). Time taken 2:05."
    )
    table = result_page.topic_table
    rows = [[table.item(row, column).text() for column in range(3)] for row in range(2)]
    assert rows == [["CRM basics", "3 / 4", "75%"], ["Help desk", "0 / 2", "0%"]]

    review = review_text(result_page)
    assert "Question 4 - CRM basics - Wrong" in review
    assert "Your formula: =3837" in review
    assert "A right formula: =SUM(B2:B4)" in review
    assert (
        "Value expected: 3837 on the sheet shown; 3560 on the hidden sheet with other numbers"
        in review
    )
    assert (
        "Your formula gives: 3837 on the sheet shown; 3837 on the hidden sheet with other numbers"
        in review
    )
    assert "use cell references" in review
    assert "Your answer: Their age" in review and "Right answer: Their name" in review
    assert "Question 6 - Help desk - Not answered" in review
    assert "Your answer: (not answered)" in review
    assert "Explanation: Never share a password." in review
    assert "Question 1 - CRM basics - Right" in review

    click(qtbot, result_page.wrong_only_box)
    wrong_only = review_text(result_page)
    assert "Question 1 " not in wrong_only and "Question 4 " in wrong_only
    with qtbot.waitSignal(result_page.againRequested, timeout=1000):
        click(qtbot, result_page.again_button)
    with qtbot.waitSignal(result_page.homeRequested, timeout=1000):
        click(qtbot, result_page.home_button)


def test_the_review_lists_the_values_on_every_hidden_sheet(result_page):
    quiz = rebuild_quiz(load_builtin_banks(), ["xlf-010", "xlf-011"], seed=3)
    answers = {"xlf-010": "=IF(B4>=95,500,0)", "xlf-011": '=IF(B2<20,"Reorder","OK")'}
    result_page.show_result(grade_quiz(quiz, answers))
    review = review_text(result_page)
    assert (
        "Value expected: 500 on the sheet shown; 0, 0, 500 and 0 on the 4 hidden sheets "
        "with other numbers" in review
    )
    assert (
        "Your formula gives: 500 on the sheet shown; 0, 500, 500 and 500 on the 4 hidden "
        "sheets with other numbers" in review
    )
    assert "(wrong on 2 of 4 hidden sheets)" in review
    # Text values are in quotes, as in a formula.
    assert (
        'Value expected: "Reorder" on the sheet shown; "OK", "Reorder" and "OK" on the 3 '
        "hidden sheets with other numbers" in review
    )
    assert (
        'Your formula gives: "Reorder" on the sheet shown; "OK", "OK" and "OK" on the 3'
        in review
    )


def test_the_review_tells_text_from_number_and_shows_a_trailing_space(result_page):
    quiz = rebuild_quiz(load_builtin_banks(), ["xlf-010", "xlf-011"], seed=3)
    answers = {"xlf-010": '=IF(B4>=95,"500",0)', "xlf-011": '=IF(B2<20,"Reorder ","OK")'}
    result_page.show_result(grade_quiz(quiz, answers))
    review = review_text(result_page)
    assert (
        'The formula gives the text "500" on the sheet shown; the right value is the number 500.'
        in review
    )
    assert 'Your formula gives: "Reorder␣" on the sheet shown; "OK"' in review
    assert (
        'The formula gives "Reorder␣" on the sheet shown; the right value is "Reorder".' in review
    )


def test_a_pass_is_shown_as_pass(qtbot, page, quiz, result_page):
    page.start(quiz, 600)
    answer_everything_right(qtbot, page, formula="=SUM(B2:B4)")
    result_page.show_result(finish(qtbot, page, page.submit_button))
    assert result_page.verdict_label.text() == "PASS"
    assert "4 of 4 correct: 100% (the pass mark is 75%)" in result_page.score_label.text()
    assert not result_page.wrong_only_box.isEnabled()


def test_percentages_are_never_rounded_up_to_the_mark():
    assert [percent_text(p) for p in (80.0, 69.5, 200 / 3, 0.0)] == [
        "80%", "69.5%", "66.7%", "0%"]


# Importing a bank ----------------------------------------------------------------


def test_a_valid_bank_is_imported_and_its_topic_appears(qtbot, setup, tmp_path, monkeypatch):
    source = write(tmp_path / "downloads", "crm-extra.toml",
                   CRM_BANK.replace("uitest-crm", "uitest-extra").replace('"crm"', '"crm2"')
                   .replace("CRM basics", "CRM advanced"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(source), "Question banks (*.toml)"))
    with qtbot.waitSignal(setup.bankImported, timeout=20_000) as blocker:
        click(qtbot, setup.import_button)
        # The check runs on a worker thread: the window stays responsive.
        assert setup.import_status_label.text() == "Checking crm-extra.toml..."
        assert not setup.import_button.isEnabled()
    assert blocker.args == ["crm2"]
    assert setup.import_button.isEnabled()
    copied = tmp_path / "imported" / "crm-extra.toml"
    assert copied.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert setup.topic_boxes["crm2"].text() == "CRM advanced (4 questions)"
    assert setup.topic_boxes["crm2"].isChecked()
    assert setup.import_status_label.text() == (
        'Imported "CRM advanced" from crm-extra.toml: 4 questions (1 single-choice question, '
        "1 multiple-select question, 1 true/false question, 1 formula task). "
        "Its topic is in the list above."
    )
    assert not setup.problem_list.isVisible()
    assert setup.count_box.maximum() == 10
    # Tab meets the new topic with the others, before the fields below them.
    boxes = list(setup.topic_boxes.values())
    chain = [boxes[0]]
    while len(chain) <= len(boxes):
        chain.append(chain[-1].nextInFocusChain())
    assert chain[:len(boxes)] == boxes
    assert chain[len(boxes)] in (setup.count_box, setup.count_box.findChild(QLineEdit))


def test_a_broken_bank_shows_every_problem_and_nothing_is_copied(qtbot, setup, tmp_path):
    broken = write(tmp_path / "downloads", "crm.toml", BROKEN_BANK)
    with qtbot.assertNotEmitted(setup.bankImported):
        report = setup.import_bank(broken)
    assert not report.ok
    assert len(report.problems) == len(validate_bank_file(broken, against_builtin=True).problems)
    shown = [setup.problem_list.item(row).text() for row in range(setup.problem_list.count())]
    assert len(shown) == 4
    assert any(line.startswith("uitest-broken-1: unknown difficulty 'easy'") for line in shown)
    assert any("did you mean 'Yes'?" in line for line in shown)
    assert any(line.startswith("word-001: answer of a truefalse question") for line in shown)
    assert any("id already used in the built-in bank word.toml" in line for line in shown)
    assert setup.problem_list.isVisible()
    assert "crm.toml was not imported: it has 4 problems" in setup.import_status_label.text()
    assert not (tmp_path / "imported").exists() or not any((tmp_path / "imported").iterdir())
    assert set(setup.topic_boxes) == {"crm", "desk"}


def test_a_broken_file_never_replaces_an_imported_one_of_the_same_name(qtbot, setup, tmp_path):
    good = write(tmp_path / "v1", "team.toml", DESK_BANK.replace('"desk"', '"team"')
                 .replace("uitest-desk", "uitest-team"))
    assert setup.import_bank(good).ok
    broken = write(tmp_path / "v2", "team.toml", BROKEN_BANK)
    assert not setup.import_bank(broken).ok
    assert (tmp_path / "imported" / "team.toml").read_text(encoding="utf-8") == good.read_text(
        encoding="utf-8")
    assert "team" in setup.topic_boxes
    # A valid new version of the same file replaces it, without counting its own ids twice.
    fixed = write(tmp_path / "v3", "team.toml", good.read_text(encoding="utf-8").replace(
        "Help desk", "Team desk"))
    assert setup.import_bank(fixed).ok
    assert setup.topic_boxes["team"].text() == "Team desk (2 questions)"
    assert sorted(path.name for path in (tmp_path / "imported").iterdir()) == ["team.toml"]


def test_ids_already_used_by_an_imported_bank_are_refused(qtbot, setup, tmp_path):
    first = write(tmp_path / "downloads", "first.toml", DESK_BANK.replace('"desk"', '"team"')
                  .replace("uitest-desk", "uitest-team"))
    assert setup.import_bank(first).ok
    second = write(tmp_path / "downloads", "second.toml", first.read_text(encoding="utf-8"))
    report = setup.import_bank(second)
    assert [problem.question_id for problem in report.problems] == [
        "uitest-team-1", "uitest-team-2"]
    assert "id already used in the imported bank first.toml" in setup.problem_list.item(0).text()
    assert not (tmp_path / "imported" / "second.toml").exists()


def test_a_check_that_crashes_is_reported_and_nothing_is_imported(qtbot, setup, tmp_path,
                                                                   monkeypatch):
    from typing_test.ui.quiz import quiz_setup

    def crashing(path, folder):
        raise MemoryError("out of memory")

    monkeypatch.setattr(quiz_setup, "check_bank_import", crashing)
    source = write(tmp_path / "downloads", "big.toml", DESK_BANK)
    with qtbot.waitSignal(setup.importFinished, timeout=20_000) as blocker:
        setup.start_import(source)
    assert blocker.args == [None]
    assert "big.toml was not imported: checking it failed (MemoryError: out of memory)" in (
        setup.import_status_label.text())
    assert setup.import_button.isEnabled()
    assert not (tmp_path / "imported").exists() or not any((tmp_path / "imported").iterdir())


def test_the_quiz_is_driven_by_keyboard_shortcuts(qtbot, page, quiz):
    page.start(quiz, 600)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    assert page.current_index == 0
    qtbot.keyClick(page, Qt.Key.Key_PageDown)
    assert page.current_index == 1
    # A mnemonic "clicks" its button with Qt's 100 ms press animation.
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.current_index == 2)
    qtbot.keyClick(page, Qt.Key.Key_PageUp)
    assert page.current_index == 1
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.flag_button.isChecked)
    assert page.question_buttons[1].accessibleName().startswith("Question 2, not answered, flagged")
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.current_index == 0)


def test_the_question_strip_marks_states_with_symbols_not_only_colour(qtbot, page, quiz):
    page.start(quiz, 600)
    click(qtbot, option(page, "In the contact's activity history"))
    click(qtbot, page.next_button)
    click(qtbot, page.flag_button)
    assert page.question_buttons[0].text() == "1\u2713"
    assert page.question_buttons[1].text() == "2\u2691"
    assert page.question_buttons[2].text() == "3"
