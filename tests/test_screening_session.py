"""The screening session, driven through the real widgets as a candidate and HR would.

A candidate goes through instructions, practice and the real step, step after
step; what lands in the database is checked (steps, verdicts, incidents,
seals). Pastes, focus losses, Esc and closing are tried in every step. The
clock is a fake one (milliseconds) moved by the test; the admin password is
hashed with cheap scrypt parameters (the stored string names them, so every
check works as at the real ones).
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QInputMethodEvent,
)
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton

from typing_test.core.email.drills import load_drills
from typing_test.core.quiz.banks import load_builtin_banks
from typing_test.core.screening import passwords
from typing_test.core.screening.batteries import Battery, DrillStep, QuizStep, TypingStep
from typing_test.core.screening.candidates import Candidate
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.core.typing.passages import Passage
from typing_test.store import screenings as S
from typing_test.store.admin import log_in, login_failures, set_admin_password
from typing_test.store.database import Store
from typing_test.store.ledger import verify_all
from typing_test.ui.common.paste_guard import PasteGuard
from typing_test.ui.email.checker_loader import CheckerLoader
from typing_test.ui.screening.session_window import ScreeningWindow

PASSWORD = "staple battery horse"
PASSAGE = Passage("short-note", "A short note", "account-notes", "easy",
                  "Please call the customer back before noon on Friday.")
CLIPBOARD = "Text copied from somewhere else, to be pasted into an answer."
CHECK_TIMEOUT_MS = 20_000
ACTIVE = Qt.ApplicationState.ApplicationActive
INACTIVE = Qt.ApplicationState.ApplicationInactive

STEPS = {
    "typing": TypingStep("Typing test", 60, min_net_wpm=20, min_accuracy=90,
                         category="account-notes"),
    "proofreading": DrillStep("proofreading", "Proofreading drill", ("refund-confirmation",), 70),
    "writing": DrillStep("writing", "Writing drill", ("refund-request",), 70),
    "quiz": QuizStep("Word quiz", ("word",), 2, 5, 50),
    "formula": QuizStep("Excel formula task", ("excel",), 1, 5, 50, formula_tasks="only",
                        difficulties=("basic",)),
}


@pytest.fixture(scope="module")
def drills():
    return load_drills()


@pytest.fixture(scope="module")
def banks():
    return load_builtin_banks(evaluate_formulas=False)


@pytest.fixture(scope="module")
def checker():
    return CheckerLoader()


@pytest.fixture
def key(store, monkeypatch):
    """HR's seal key: the password set once, hashed cheaply, and logged in."""
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)
    set_admin_password(store, PASSWORD)
    return log_in(store, PASSWORD)


@pytest.fixture
def candidate(store):
    return S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))


def battery_of(store, *kinds: str, show_results: bool = True) -> str:
    battery = Battery(id="test-" + "-".join(kinds), name="Test battery",
                      steps=tuple(STEPS[kind] for kind in kinds), show_results=show_results)
    S.save_battery(store, battery)
    return battery.id


@pytest.fixture
def open_window(qtbot, store, key, candidate, clock, drills, banks, checker):
    """open_window(*kinds) starts a screening of a battery of those steps and
    shows its window."""
    windows = []

    def open_(*kinds: str, show_results: bool = True, start_position: int = 0,
              screening_id: str | None = None) -> ScreeningWindow:
        if screening_id is None:
            battery_id = battery_of(store, *kinds, show_results=show_results)
            screening_id = S.begin_screening(store, candidate, battery_id)
        window = ScreeningWindow(store, key, screening_id, clock=clock, banks=banks,
                                 drills=drills, passages=[PASSAGE],
                                 start_position=start_position, checker_source=checker,
                                 rng=random.Random(7))
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield open_
    # Each window deletes itself on closing: close for good those still open.
    for window in windows:
        if window.phase != "closed":
            window._may_close = True
            window.close()


def start_step(qtbot, window) -> None:
    """From a step's instructions, through its practice, to the real step."""
    assert window.phase == "instructions"
    qtbot.mouseClick(window.practice_button, Qt.MouseButton.LeftButton)
    assert window.phase == "practice"
    qtbot.mouseClick(window.start_step_button, Qt.MouseButton.LeftButton)
    assert window.phase == "step"


def type_slowly(qtbot, widget, text: str, clock) -> None:
    """Type ``text`` key by key at a person's uneven pace (about 60 WPM)."""
    pace = random.Random(1)
    for char in text:
        clock.advance(pace.uniform(120, 280))
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(widget, char)


def type_text(qtbot, widget, text: str) -> None:
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def answer_quiz(qtbot, page) -> None:
    """Answer every question right, as a candidate who knows them would."""
    for index, item in enumerate(page.session.quiz.items):
        page.show_question(index)
        question = item.question
        if question.type == "formula":
            qtbot.keyClicks(page.formula_edit, question.answer)
            continue
        wanted = question.answer
        if question.type == "truefalse":
            wanted = "True" if question.answer else "False"
        for button in page.option_buttons:
            right = (button.text() in wanted if isinstance(wanted, tuple)
                     else button.text() == wanted)
            if right and not button.isChecked():
                QApplication.processEvents()  # laid out, as before a person's click
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                assert isinstance(button, QCheckBox | QRadioButton) and button.isChecked()


def submit_drill(qtbot, page) -> None:
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.confirm_submit_button, Qt.MouseButton.LeftButton)


def unlock(qtbot, window, password: str = PASSWORD) -> None:
    """Type the password in the HR bar and wait for the check (off the UI thread)."""
    assert window.hr_bar.isVisible()
    qtbot.keyClicks(window.hr_bar.password_edit, password)
    qtbot.keyClick(window.hr_bar.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.hr_bar.checking, timeout=5000)


def incidents(store, window, kind: str) -> list[dict]:
    return [row for row in S.incidents(store, window.screening_id) if row["kind"] == kind]


# A whole battery ---------------------------------------------------------------------


def test_a_candidate_takes_a_whole_battery_and_every_step_is_stored_and_sealed(
        qtbot, store, key, clock, open_window, drills):
    window = open_window("typing", "proofreading", "writing", "quiz")
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.windowModality() == Qt.WindowModality.ApplicationModal

    # Step 1: the instructions say what, how long and the pass rule (results are shown).
    assert window.step_count_label.text() == "Step 1 of 4"
    facts = window.facts_label.text()
    assert "1 minute" in facts and "net WPM >= 20 and accuracy >= 90 %" in facts
    # The practice is a sentence of its own, typed on the real page; it is never stored.
    qtbot.mouseClick(window.practice_button, Qt.MouseButton.LeftButton)
    practice_page = window.practice_pages["typing"]
    assert practice_page.isVisible() and "does not count" in window.practice_label.text()
    type_slowly(qtbot, practice_page.typing_area, practice_page.session.passage, clock)
    assert "Practice over" in window.practice_label.text()
    qtbot.mouseClick(window.start_step_button, Qt.MouseButton.LeftButton)
    page = window.pages["typing"]
    assert page.isVisible() and page.session.passage == PASSAGE.text
    assert "Esc" not in page.hint_label.text()
    type_slowly(qtbot, page.typing_area, PASSAGE.text, clock)

    # Step 2: a proofreading drill from the step's pool, every mistake corrected.
    assert window.step_count_label.text() == "Step 2 of 4"
    start_step(qtbot, window)
    page = window.pages["proofreading"]
    assert page.drill.id == "refund-confirmation"
    qtbot.keyClick(page.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, page.editor, page.drill.reference)
    clock.advance(90_000)
    submit_drill(qtbot, page)

    # Step 3: a writing drill, checked on the checker's worker thread.
    start_step(qtbot, window)
    page = window.pages["writing"]
    type_text(qtbot, page.editor, drills.writing["refund-request"].model_reply)
    clock.advance(300_000)
    with qtbot.waitSignal(page.finished, timeout=CHECK_TIMEOUT_MS):
        submit_drill(qtbot, page)

    # Step 4: the quiz, drawn from the step's topic, every answer right.
    start_step(qtbot, window)
    page = window.pages["quiz"]
    assert {item.question.topic for item in page.session.quiz.items} == {"word"}
    assert page.time_limit_s == 300
    answer_quiz(qtbot, page)
    clock.advance(60_000)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)

    # The thank-you screen shows the results, as this battery says.
    assert window.phase == "finished" and window.thanks_screen.isVisible()
    assert window.verdict_label.text() == "Passed"
    assert "Typing test</b>: passed" in window.results_label.text()
    stored = S.screening(store, window.screening_id)
    assert (stored["status"], stored["outcome"]) == ("completed", "pass")
    assert [(step["kind"], step["passed"]) for step in stored["steps"]] == [
        ("typing", True), ("proofreading", True), ("writing", True), ("quiz", True)]
    typing = store.attempt(stored["steps"][0]["attempt_id"])
    assert typing["screening_id"] == window.screening_id
    assert typing["details"]["typed_text"] == PASSAGE.text
    assert typing["figures"]["flags"] == []  # a person's uneven pace raises no flag
    assert store.attempt(stored["steps"][1]["attempt_id"])["score"] == 100
    # Only the four real steps are stored: the practices never are.
    assert len(store.attempts(screenings=True)) == 4
    report = verify_all(store, key)
    assert report.ok, report.summary()


def test_results_stay_hidden_when_the_battery_says_so(qtbot, store, clock, open_window):
    window = open_window("typing", show_results=False)
    assert "To pass" not in window.facts_label.text()
    start_step(qtbot, window)
    type_slowly(qtbot, window.pages["typing"].typing_area, PASSAGE.text, clock)
    assert window.phase == "finished"
    assert window.verdict_label.isHidden() and "HR will tell you" in window.results_label.text()
    assert "call HR" in window.call_hr_label.text()


# Paste, focus, Esc and closing ---------------------------------------------------------


FIELDS = {
    "typing": lambda window: window.pages["typing"].typing_area,
    "proofreading": lambda window: window.pages["proofreading"].editor,
    "writing": lambda window: window.pages["writing"].editor,
    "formula": lambda window: window.pages["quiz"].formula_edit,
}


@pytest.mark.parametrize("kind", list(FIELDS))
def test_a_paste_is_refused_four_ways_and_recorded_in_every_answer_field(
        qtbot, store, clock, open_window, kind):
    window = open_window(kind)
    start_step(qtbot, window)
    field = FIELDS[kind](window)
    target = field.viewport() if hasattr(field, "viewport") else field
    assert PasteGuard.of(field).isEnabled()
    QGuiApplication.clipboard().setText(CLIPBOARD)
    field.setFocus()
    # 1. The shortcut.
    clock.advance(2500)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # 2. Paste from the context menu (the typing area has none: a right click is refused).
    clock.advance(1000)
    where = QPoint(5, 5)
    QApplication.sendEvent(target, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                     target.mapToGlobal(where)))
    menu = PasteGuard.of(field).menu
    if menu is not None:
        next(a for a in menu.actions() if a.objectName() == "edit-paste").trigger()
        menu.close()
    # 3. A drop from another window.
    clock.advance(1000)
    mime = QMimeData()
    mime.setText(CLIPBOARD)
    drag = (where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, QDragEnterEvent(*drag))
    QApplication.sendEvent(target, QDropEvent(QPointF(where), *drag[1:]))
    # 4. The whole text in one input-method commit.
    clock.advance(1000)
    commit = QInputMethodEvent()
    commit.setCommitString(CLIPBOARD)
    QApplication.sendEvent(field, commit)

    text = field.text() if kind == "formula" else field.toPlainText()
    assert CLIPBOARD not in text
    chars = len(CLIPBOARD)
    assert [(row["step_position"], row["t"], row["detail"]) for row in
            incidents(store, window, "paste")] == [
        (0, 2500, f"shortcut: {chars} characters refused"),
        (0, 3500, f"context-menu: {chars} characters refused"),
        (0, 4500, f"drop: {chars} characters refused"),
        (0, 5500, f"input-method: {chars} characters refused"),
    ]


def test_a_loss_of_focus_is_recorded_with_its_length(qtbot, store, clock, open_window):
    window = open_window("proofreading")
    start_step(qtbot, window)
    application = QGuiApplication.instance()
    clock.advance(10_000)
    application.applicationStateChanged.emit(INACTIVE)  # Alt+Tab, the Windows key...
    clock.advance(4_500)
    application.applicationStateChanged.emit(ACTIVE)
    assert [(row["step_position"], row["t"], row["duration_ms"]) for row in
            incidents(store, window, "focus_lost")] == [(0, 10_000, 4_500)]


@pytest.mark.parametrize("kind", ["typing", "writing", "quiz"])
def test_esc_only_says_how_to_call_hr(qtbot, store, open_window, kind):
    window = open_window(kind)
    start_step(qtbot, window)
    page = window.pages[kind]
    target = {"typing": lambda: page.typing_area, "writing": lambda: page.editor,
              "quiz": lambda: page.option_buttons[0]}[kind]()
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    assert window.notice_bar.isVisible() and "call HR" in window.notice_label.text()
    bar = page.leave_bar if kind == "quiz" else page.abandon_bar
    assert not bar.isVisible()  # the page's own way out never shows
    assert window.phase == "step" and page.isVisible()
    assert [row["detail"] for row in incidents(store, window, "leave_attempt")] == ["pressed Esc"]
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert not window.notice_bar.isVisible()


def test_closing_needs_the_hr_password_and_a_wrong_one_counts(qtbot, store, open_window):
    window = open_window("typing", "quiz")
    start_step(qtbot, window)
    window.close()  # Alt+F4, or the window manager's close
    assert window.isVisible() and window.phase == "step"
    assert window.hr_bar.isVisible()
    unlock(qtbot, window, "not the password")
    assert window.isVisible() and not window.hr_options.isVisible()
    assert login_failures(store).count == 1  # toward the lockout, like any login
    assert "wrong admin password" in window.hr_bar.message_label.text()
    kinds = [row["kind"] for row in S.incidents(store, window.screening_id)]
    assert kinds == ["leave_attempt", "hr_password_refused"]
    assert window.hr_bar.password_edit.text() == ""  # never left on the screen


def test_hr_ends_a_step_early_then_stops_the_screening(qtbot, store, key, open_window):
    window = open_window("typing", "quiz")
    start_step(qtbot, window)
    qtbot.keyClicks(window.pages["typing"].typing_area, "Ple")
    window.ask_hr("HR: type the admin password.")
    unlock(qtbot, window)
    assert window.hr_options.isVisible() and window.end_step_button.isVisible()
    qtbot.mouseClick(window.end_step_button, Qt.MouseButton.LeftButton)
    assert window.phase == "instructions" and window.position == 1  # no going back
    step = S.screening_steps(store, window.screening_id)[0]
    assert (step["figures"]["status"], step["passed"]) == ("abandoned", False)

    finished = []
    window.finished.connect(finished.append)
    window.close()
    unlock(qtbot, window)
    assert not window.end_step_button.isVisible()
    qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert finished == [window.screening_id] and not window.isVisible()
    stored = S.screening(store, window.screening_id)
    assert (stored["status"], stored["outcome"]) == ("abandoned", "incomplete")
    assert verify_all(store, key).ok


def test_the_thank_you_screen_closes_only_with_the_password_and_leaves_nothing(
        qtbot, store, clock, open_window):
    window = open_window("typing")
    start_step(qtbot, window)
    type_slowly(qtbot, window.pages["typing"].typing_area, PASSAGE.text, clock)
    assert window.phase == "finished"
    qtbot.mouseClick(window.hr_close_button, Qt.MouseButton.LeftButton)
    unlock(qtbot, window)
    assert window.close_button.isVisible() and not window.stop_button.isVisible()
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert window.phase == "closed" and not window.isVisible()
    assert window.thanks_title.text() == "" and window.results_label.text() == ""
    assert window.pages["typing"].typing_area.toPlainText() == ""


# After a crash ---------------------------------------------------------------------------


def test_an_interrupted_screening_is_offered_and_resumed_at_its_step(
        qtbot, tmp_path, monkeypatch, candidate, store, key, clock, open_window):
    window = open_window("typing", "proofreading")
    start_step(qtbot, window)
    type_slowly(qtbot, window.pages["typing"].typing_area, PASSAGE.text, clock)
    start_step(qtbot, window)  # step 2 begun... then the power goes
    screening_id = window.screening_id
    window._may_close = True
    window.close()

    from typing_test.ui.main_window import MainWindow

    reopened = Store.open(store.path)
    try:
        main = MainWindow(reopened, clock=clock, passages=[PASSAGE],
                          banks_folder=tmp_path / "banks")
        qtbot.addWidget(main)
        offer = main.resume_offer
        assert offer is not None
        qtbot.waitUntil(offer.isVisible)  # opened as the event loop runs
        row = offer.selected()
        assert (row["id"], row["resume_position"]) == (screening_id, 1)
        assert "step 2 (Proofreading drill) restarts" in offer.list.item(0).text()
        qtbot.mouseClick(offer.resume_button, Qt.MouseButton.LeftButton)
        assert offer.hr_bar.isVisible()
        qtbot.keyClicks(offer.hr_bar.password_edit, PASSWORD)
        qtbot.keyClick(offer.hr_bar.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: offer.screening_window is not None, timeout=5000)
        resumed = offer.screening_window
        assert resumed.isFullScreen() and not main.isVisible()
        assert (resumed.position, resumed.step_count_label.text()) == (1, "Step 2 of 2")
        start_step(qtbot, resumed)
        page = resumed.pages["proofreading"]
        clock.advance(30_000)
        submit_drill(qtbot, page)
        assert resumed.phase == "finished"
        stored = S.screening(reopened, screening_id)
        assert stored["status"] == "completed" and len(stored["steps"]) == 2
        assert verify_all(reopened, key).ok
        resumed._may_close = True
        resumed.close()
        assert main.isVisible()  # back to HR
    finally:
        reopened.close()


def test_an_interrupted_screening_can_be_closed_as_interrupted(
        qtbot, tmp_path, candidate, store, key, clock):
    battery_id = battery_of(store, "typing", "quiz")
    screening_id = S.begin_screening(store, candidate, battery_id)

    from typing_test.ui.main_window import MainWindow

    main = MainWindow(store, clock=clock, passages=[PASSAGE], banks_folder=tmp_path / "banks")
    qtbot.addWidget(main)
    offer = main.resume_offer
    qtbot.waitUntil(offer.isVisible)
    qtbot.mouseClick(offer.close_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(offer.hr_bar.password_edit, PASSWORD)
    qtbot.keyClick(offer.hr_bar.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: offer.list.count() == 0, timeout=5000)
    stored = S.screening(store, screening_id)
    assert (stored["status"], stored["outcome"]) == ("interrupted", "incomplete")
    assert S.unfinished_screenings(store) == []
    assert verify_all(store, key).ok


def test_no_offer_when_nothing_was_cut_off(qtbot, store, tmp_path, clock):
    from typing_test.ui.main_window import MainWindow

    main = MainWindow(store, clock=clock, passages=[PASSAGE], banks_folder=tmp_path / "banks")
    qtbot.addWidget(main)
    assert main.resume_offer is None


# From the main window ----------------------------------------------------------------------


def test_the_main_window_starts_a_screening_full_screen_only_for_hr(
        qtbot, store, key, candidate, tmp_path, clock):
    from typing_test.ui.main_window import MainWindow

    main = MainWindow(store, clock=clock, passages=[PASSAGE], banks_folder=tmp_path / "banks")
    qtbot.addWidget(main)
    main.show()
    battery_id = battery_of(store, "typing")
    main.admin_key = None  # practice mode: no screening
    assert main.start_screening(candidate, battery_id) is None
    assert "Log in as HR" in main.statusBar().currentMessage()
    main.admin_key = key
    window = main.start_screening(candidate, battery_id)
    assert window is not None and window.isFullScreen() and not main.isVisible()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    # The retake rule of the battery (none here) would refuse a second one without a reason.
    window._may_close = True
    window.close()
    assert main.isVisible()


# Fit, names and keys ---------------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else None


def check_screen(qtbot, window, where: str) -> None:
    """What is on the screen now fits 1024x600, names each focus stop, and has
    a mnemonic on each button, none twice."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QPushButton

    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600, (where, hint)
    buttons = [b for b in window.findChildren(QPushButton)
               if b.isVisible() and b.text() and not b.text()[0].isdigit()]
    keys = [mnemonic(b.text()) for b in buttons]
    assert None not in keys and len(set(keys)) == len(keys), (where, [b.text() for b in buttons])
    widget, unnamed = window.nextInFocusChain(), []
    for _ in range(2000):
        if widget is window:
            break
        if (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None):
            interface = QAccessible.queryAccessibleInterface(widget)
            if not interface or not interface.text(QAccessible.Text.Name).strip():
                unnamed.append(type(widget).__name__)
        widget = widget.nextInFocusChain()
    assert unnamed == [], where


def test_every_screen_fits_1024_by_600_with_named_stops_and_distinct_keys(
        qtbot, store, clock, open_window):
    window = open_window("typing", "proofreading", "writing", "formula", "quiz")
    window.resize(1024, 600)
    for kind in ("typing", "proofreading", "writing", "formula", "quiz"):
        check_screen(qtbot, window, f"{kind} instructions")
        qtbot.mouseClick(window.practice_button, Qt.MouseButton.LeftButton)
        check_screen(qtbot, window, f"{kind} practice")
        qtbot.mouseClick(window.start_step_button, Qt.MouseButton.LeftButton)
        check_screen(qtbot, window, f"{kind} step")
        window.escape_pressed()
        check_screen(qtbot, window, f"{kind} step, Esc")
        qtbot.mouseClick(window.hr_button, Qt.MouseButton.LeftButton)
        check_screen(qtbot, window, f"{kind} step, password")
        unlock(qtbot, window)
        check_screen(qtbot, window, f"{kind} step, HR")
        with qtbot.waitSignal(window.pages["quiz" if kind == "formula" else kind].finished,
                              timeout=CHECK_TIMEOUT_MS):
            qtbot.mouseClick(window.end_step_button, Qt.MouseButton.LeftButton)
    assert window.phase == "finished"
    window.escape_pressed()
    check_screen(qtbot, window, "thank-you, Esc")
    qtbot.mouseClick(window.hr_close_button, Qt.MouseButton.LeftButton)
    check_screen(qtbot, window, "thank-you, password")
