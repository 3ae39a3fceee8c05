"""Targeted practice from the home screen to stored rounds, by keyboard alone:
the weak spots found in past typing tests, rounds aimed at them typed in the
real typing area, each spot measured again, the rounds in the History."""

from __future__ import annotations

import csv
import io
import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from typing_test.cli import main
from typing_test.core.practice.practice_text import WeakSpots, practice_text
from typing_test.core.practice.targeted import round_words
from typing_test.core.typing.scoring import score
from typing_test.store.database import Store
from typing_test.store.practice import practice_key_stats
from typing_test.store.records import targeted_attempt
from typing_test.store.reports import KIND_NAMES, candidate_report, cohort_report
from typing_test.ui.main_window import MainWindow

# Every "e" of these tests was typed as "r" and never put right.
PASSAGE = "the sheep were here when we went there every evening to see them " * 3


def mistyped_e_log(passage: str = PASSAGE, ms_per_key: int = 180) -> list[dict]:
    return [{"t": index * ms_per_key, "key": "r" if character == "e" else character}
            for index, character in enumerate(passage)]


def save_typing_tests(store: Store, count: int = 3) -> None:
    for day in range(1, count + 1):
        store.save_attempt({"kind": "typing", "status": "completed", "score": 30.0,
                            "accuracy": 80.0, "started_at": f"2026-03-0{day}T09:00:00+00:00",
                            "details": {"passage_text": PASSAGE},
                            "keystrokes": mistyped_e_log()})


@pytest.fixture
def window(qtbot, store, clock):
    window = MainWindow(store, clock=clock, rng=random.Random(7))
    qtbot.addWidget(window)
    window.resize(1040, 720)
    window.show()
    return window


def press(qtbot, widget, key: Qt.Key) -> None:
    """Press ``key`` on ``widget``, which has the keyboard focus."""
    QGuiApplication.processEvents()
    assert widget.hasFocus(), widget
    qtbot.keyClick(widget, key)


def open_targeted(qtbot, window) -> None:
    """From the home page by keyboard: the card has the focus, Space opens it."""
    card = window.home_page.cards["targeted"]
    card.setFocus()
    press(qtbot, card, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.targeted_page


def start_round(qtbot, window) -> None:
    """Enter on the page's focused start button."""
    press(qtbot, window.targeted_page.start_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.targeted_round_page


def type_text(qtbot, window, clock, text: str, ms_per_key: float = 150) -> None:
    area = window.targeted_round_page.typing_area
    for character in text:
        qtbot.keyClicks(area, character)
        clock.advance(ms_per_key)


def run_out_of_time(window, clock) -> None:
    clock.advance(window.targeted_round_page.session.duration_s * 1000)
    window.targeted_round_page.refresh()  # the page's timer tick


def cells(page, row: int) -> list[str]:
    return [page.table.item(row, column).text() for column in range(page.table.columnCount())]


def e_share(text: str) -> float:
    letters = [character for character in text.lower() if character.isalpha()]
    return letters.count("e") / len(letters)


def test_a_key_always_mistyped_is_shown_as_weak_and_the_round_is_full_of_it(
        qtbot, window, store):
    save_typing_tests(store)
    open_targeted(qtbot, window)
    page = window.targeted_page
    assert page.lead_label.text().startswith(
        "These are the weak spots of your last 3 typing attempts.")
    assert page.table.isVisible()
    # e was typed 19 times per copy of the passage, 3 copies, 3 tests: all wrong.
    assert cells(page, 0) == ["e (key)", "100 % (171 of 171)", "-", "171 times"]
    pairs = [cells(page, row)[0] for row in range(1, page.table.rowCount())]
    assert pairs and all(pair.endswith("(pair)") and "e" in pair for pair in pairs)

    start_round(qtbot, window)
    practice_round = page.current_round
    assert practice_round.spots.keys == ("e",)
    assert window.targeted_round_page.title_label.text().startswith("Round 1 · Aimed at e")
    # Aimed at e: far more e than a general round of the same length and seed.
    general = practice_text(WeakSpots(), practice_round.seed, round_words(60))
    assert e_share(practice_round.text) > 1.5 * e_share(general)
    assert e_share(practice_round.text) > 0.2


def test_typing_a_round_right_saves_it_and_the_weak_key_measures_better(
        qtbot, window, store, clock):
    save_typing_tests(store)
    before = practice_key_stats(store, "").keys["e"].error_rate
    open_targeted(qtbot, window)
    page = window.targeted_page
    start_round(qtbot, window)
    text = page.current_round.text
    round_page = window.targeted_round_page
    assert round_page.hint_label.text().startswith("The timer starts on your first keystroke")
    type_text(qtbot, window, clock, text[:120])
    round_page.refresh()
    assert round_page.wpm_label.text() == "80 net WPM"  # 120 chars in 18 s, no error
    assert not window.toolbar.isEnabled()
    run_out_of_time(window, clock)

    assert window.stack.currentWidget() is page
    (row,) = store.attempts(kind="targeted")
    assert row["id"] == window.last_attempt_id
    assert row["status"] == "completed" and row["passed"] is False
    # Its key counts are kept as it is saved: no later read counts its log.
    assert store.conn.execute("SELECT count(*) FROM key_tallies WHERE attempt_id = ?",
                              [row["id"]]).fetchone() == (1,)
    assert "".join(event["key"] for event in row["keystrokes"]) == text[:120]
    assert row["details"]["passage_text"] == text
    # 120 characters, no error, over the round's minute: 24 net WPM.
    assert row["score"] == pytest.approx(row["figures"]["net_wpm"]) == pytest.approx(24.0)
    assert row["accuracy"] == 100.0 and row["duration_s"] == 60.0
    assert row["settings"]["targets"]["keys"] == ["e"]
    assert row["settings"]["seed"] == page.current_round.seed
    assert row["item_title"].startswith("Aimed at e")

    # The figures of the round, and e this round against before.
    assert page.figure_labels["net_wpm"].text() == "24.0"
    assert page.figure_labels["accuracy"].text() == "100.0%"
    assert "Round 1 is done" in page.lead_label.text()
    typed_e = text[:120].lower().count("e")
    assert cells(page, 0) == ["e", "100 %", f"0 %, 150 ms ({typed_e} times)", "fewer mistakes"]
    assert page.table.item(0, 0).toolTip() == (
        f"e: 100 % before, 0 % this round (typed {typed_e} times): fewer mistakes.")
    # Measured again with the round: e is still weak, less so, over 4 attempts.
    after = practice_key_stats(store, "")
    assert after.attempts_used == 4 and after.keys["e"].error_rate < before
    assert page.next_label.text().startswith("Measured again with this round, over your "
                                             "last 4 typing attempts: the next round aims at e")

    # Next round: aimed at the spots as measured now, with a new seed.
    assert page.start_button.text() == "&Next round"
    first_seed = page.current_round.seed
    start_round(qtbot, window)
    second = page.current_round
    assert second.number == 2 and second.seed != first_seed
    assert second.before.attempts_used == 4
    assert second.before.keys["e"].error_rate == pytest.approx(after.keys["e"].error_rate)


def test_a_new_user_is_offered_a_general_round_that_gives_the_first_measurement(
        qtbot, window, store, clock):
    open_targeted(qtbot, window)
    page = window.targeted_page
    assert "no typing history yet" in page.lead_label.text()
    assert "general round of common words" in page.lead_label.text()
    assert not page.table.isVisible()
    # A shorter round, picked by keyboard: Tab to the length box, Up to 30 seconds.
    page.length_box.setFocus()
    press(qtbot, page.length_box, Qt.Key.Key_Up)
    assert page.length_box.currentData() == 30
    page.start_button.setFocus()
    start_round(qtbot, window)
    practice_round = page.current_round
    assert practice_round.spots == WeakSpots()
    assert practice_round.text == practice_text(WeakSpots(), practice_round.seed, 55)
    assert window.targeted_round_page.title_label.text() == (
        "Round 1 · General round: common words")
    # Every "e" typed wrong: the first measurement finds it.
    type_text(qtbot, window, clock, "".join(
        "r" if character == "e" else character for character in practice_round.text[:200]))
    run_out_of_time(window, clock)
    assert "your first measurement" in page.lead_label.text()
    assert cells(page, 0)[0] == "e (key)"
    assert "the next round aims at e" in page.next_label.text()
    (row,) = store.attempts(kind="targeted")
    assert row["settings"]["targets"] == {"keys": [], "pairs": []}
    assert row["item_title"] == "General round: common words"
    assert row["settings"]["test_length_s"] == 30


def test_too_few_keystrokes_also_give_a_general_round(qtbot, window, store):
    store.save_attempt({"kind": "typing", "details": {"passage_text": "the end"},
                        "keystrokes": mistyped_e_log("the end")})
    open_targeted(qtbot, window)
    assert "too few keystrokes to find a weak spot" in window.targeted_page.lead_label.text()
    start_round(qtbot, window)
    assert window.targeted_page.current_round.spots == WeakSpots()


def test_rounds_are_listed_as_targeted_practice_never_as_typing_tests(
        qtbot, window, store, clock):
    save_typing_tests(store)
    open_targeted(qtbot, window)
    start_round(qtbot, window)
    type_text(qtbot, window, clock, window.targeted_page.current_round.text[:150], 100)
    run_out_of_time(window, clock)
    (row,) = store.attempts(kind="targeted")

    # Not a typing test: no best net WPM, no point on the typing chart.
    assert store.best_net_wpm("") == 30.0  # the typing tests saved above, not the round
    assert [score for _, score, _ in store.score_series("typing")] == [30.0, 30.0, 30.0]
    assert store.score_series("targeted") == [(row["started_at"], row["score"], 100.0)]
    window.show_home()
    assert window.home_page.results_table.item(0, 1).text().startswith(
        "Targeted practice: Aimed at e")
    assert window.home_page.results_table.item(0, 2).text() == f"{row['score']:.1f} net WPM"

    window.show_history()
    history = window.history_page
    history.show_kind("typing")
    assert history.row_count() == 3
    history.show_kind("targeted")
    assert history.kind_box.currentText() == "Targeted practice"
    assert history.row_count() == 1
    assert history.cell_text(0, 3) == f"{row['score']:.1f}"
    assert history.cell_text(0, 5) == "Completed"
    assert history.summary_label.text().endswith("over 1 completed round")

    # Reopened: the typing result page, without a verdict; again goes to practice.
    history.select_row(0)
    history.table.setFocus()
    press(qtbot, history.table, Qt.Key.Key_Return)
    result = window.result_page
    assert window.stack.currentWidget() is result
    assert result.verdict_label.text() == "PRACTICE ROUND"
    assert result.figure_labels["net_wpm"].text() == f"{row['score']:.1f}"
    assert result.again_button.text() == "&Practise again"
    result.again_button.click()
    assert window.stack.currentWidget() is window.targeted_page


def test_a_round_with_no_history_is_not_a_best_speed(qtbot, window, store, clock):
    open_targeted(qtbot, window)
    start_round(qtbot, window)
    type_text(qtbot, window, clock, window.targeted_page.current_round.text[:100], 100)
    run_out_of_time(window, clock)
    window.show_home()
    assert store.best_net_wpm("") is None
    assert window.home_page.best_label.text().startswith("No typing test finished yet")


def test_esc_stops_a_round_as_abandoned_and_paste_is_refused(qtbot, window, store, clock):
    save_typing_tests(store)
    open_targeted(qtbot, window)
    start_round(qtbot, window)
    page = window.targeted_round_page
    area = page.typing_area
    QGuiApplication.clipboard().setText(window.targeted_page.current_round.text)
    type_text(qtbot, window, clock, window.targeted_page.current_round.text[:20])
    qtbot.keyClick(area, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.session.position == 20
    assert "Pasting is not allowed" in page.notice_label.text()
    press(qtbot, area, Qt.Key.Key_Escape)
    assert page.abandon_bar.isVisible()
    assert page.abandon_button.text() == "&Stop round"
    qtbot.keyClick(page.abandon_button, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.targeted_page
    assert "You stopped it early; it is saved as abandoned" in (
        window.targeted_page.lead_label.text())
    (row,) = store.attempts(kind="targeted")
    assert row["status"] == "abandoned" and row["passed"] is False
    assert len(row["keystrokes"]) == 20
    assert [event["type"] for event in row["events"]] == ["paste-refused"]


def test_a_crash_mid_round_leaves_it_interrupted(qtbot, tmp_path, clock):
    path = tmp_path / "crash.db"
    store = Store.open(path)
    save_typing_tests(store)
    window = MainWindow(store, clock=clock, rng=random.Random(1))
    qtbot.addWidget(window)
    window.show()
    open_targeted(qtbot, window)
    start_round(qtbot, window)
    type_text(qtbot, window, clock, window.targeted_page.current_round.text[:10])
    store.db.conn.close()  # the app dies here, mid-round

    reopened = Store.open(path)
    after = MainWindow(reopened, clock=clock)
    qtbot.addWidget(after)
    assert "stopped when the app closed unexpectedly" in after.statusBar().currentMessage()
    (row,) = reopened.attempts(kind="targeted")
    assert row["status"] == "interrupted"
    assert row["settings"]["targets"]["keys"] == ["e"]
    after.show_history()
    after.history_page.show_kind("targeted")
    assert after.history_page.cell_text(0, 5) == "Interrupted"
    reopened.close()


def test_exports_and_reports_name_a_round_and_never_call_it_a_fail(store, tmp_path, capsys):
    save_typing_tests(store, count=1)
    log = [{"t": index * 200, "key": character} for index, character in enumerate("we see")]
    store.save_attempt(targeted_attempt(
        score("we see", log, 60.0), title="Aimed at e", passage_text="we see", keystrokes=log,
        incidents=[], test_length_s=60, targets={"keys": ["e"], "pairs": []}, seed=3,
        started_at="2026-03-05T09:00:00+00:00"))

    out = tmp_path / "rounds.csv"
    assert main(["export", "--db", str(store.path), "--format", "csv", "--out", str(out),
                 "--kind", "targeted"]) == 0
    (line,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert (line["Activity"], line["Item"], line["Result"]) == (
        "targeted", "Aimed at e", "Completed")

    report = candidate_report(store, "")
    assert [(KIND_NAMES[row.kind], row.result) for row in report.attempts] == [
        ("Targeted practice", "Completed"), ("Typing test", "Fail")]
    assert [score for _, score, _ in report.typing_series] == [30.0]
    cohort = cohort_report(store)
    assert set(cohort.pass_rates) == {"typing"}  # a practice round has no pass rate
    assert cohort.candidates[0].best_net_wpm == 30.0


def test_the_page_after_a_round_fits_a_small_laptop(qtbot, window, store, clock):
    window.resize(1024, 600)
    save_typing_tests(store)
    open_targeted(qtbot, window)
    start_round(qtbot, window)
    type_text(qtbot, window, clock, window.targeted_page.current_round.text[:60])
    run_out_of_time(window, clock)
    page = window.targeted_page
    qtbot.wait(1)
    assert page.figures.isVisible() and page.table.rowCount() == 4
    needed, room = page.minimumSizeHint(), window.stack.size()
    assert needed.width() <= room.width() and needed.height() <= room.height()


def test_on_an_hr_pc_the_weak_spots_are_only_the_persons_own(qtbot, window, store):
    from typing_test.store.admin import set_admin_password
    from typing_test.store.settings import CANDIDATE_NAME

    save_typing_tests(store)  # saved before a name was set in Settings
    store.set_setting(CANDIDATE_NAME, "Ana")
    # A home PC: every practice test in the file counts, as in History and Progress.
    open_targeted(qtbot, window)
    assert "e (key)" in [window.targeted_page.table.item(row, 0).text()
                         for row in range(window.targeted_page.table.rowCount())]
    set_admin_password(store, "staple battery horse")
    window.show_home()
    open_targeted(qtbot, window)
    assert window.targeted_page.table.rowCount() == 0  # nothing of Ana's yet
    assert "no typing" in window.targeted_page.lead_label.text().lower()
