"""The Progress page: the best, the recent level and how far it is from the
pass bar and from the next role's bar, the keys of the last attempts, the
empty state, practice mode's privacy, and the way to targeted practice."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from test_accessibility import unnamed

from typing_test.core.practice.progress import (
    Distance,
    Level,
    RoleBar,
    distance,
    next_role_bar,
    recent_level,
    role_bars,
    to_go,
)
from typing_test.core.screening import passwords
from typing_test.core.screening.batteries import Battery, TypingStep, load_presets
from typing_test.store.admin import set_admin_password
from typing_test.store.progress import known_batteries, load_progress
from typing_test.store.screenings import save_battery
from typing_test.ui.main_window import MainWindow
from typing_test.ui.practice.progress_page import EMPTY_TEXT

PASSAGE = "Please check the totals on the invoice."


def save_test(store, net_wpm: float, accuracy: float, day: int, candidate: str = "Ana",
              typed: str | None = None, status: str = "completed") -> None:
    """A stored practice typing test of ``candidate`` with its keystroke log."""
    text = PASSAGE if typed is None else typed
    store.save_attempt({
        "kind": "typing", "candidate": candidate, "status": status, "score": net_wpm,
        "accuracy": accuracy, "started_at": f"2026-03-{day:02d}T09:00:00+00:00",
        "details": {"passage_text": PASSAGE},
        "keystrokes": [{"t": index * 200, "key": key} for index, key in enumerate(text)],
    })


# The rules ---------------------------------------------------------------------


def test_the_level_is_the_median_of_the_last_five_tests():
    rows = [("", wpm, acc) for wpm, acc in
            [(40.0, 99.0), (15.5, 92.0), (18.2, 88.0), (22.4, 93.0), (20.8, 91.0), (21.1, 94.0)]]
    level = recent_level(rows)
    assert level == Level(net_wpm=20.8, accuracy=92.0, tests=5)  # 40 is older than the last 5
    assert recent_level(rows[:2]) == Level(27.75, 95.5, 2)
    assert recent_level([]) is None


def test_the_distance_rounds_up_and_a_figure_at_the_bar_has_reached_it():
    assert to_go(24.99, 25) == 0.1  # never "0.0 to go" while under the bar
    assert distance(Level(25.0, 90.0, 5), 25, 90).reached
    assert distance(Level(20.8, 89.96, 5), 25, 90) == Distance(4.2, 0.1)
    assert distance(Level(26.0, None, 5), 25, 90).words() == "speed: reached; accuracy: unknown"
    assert distance(Level(26.0, None, 5), 30, 0).accuracy_to_go == 0.0  # no accuracy bar


def test_the_next_role_is_the_lowest_bar_not_reached():
    bars = role_bars(load_presets())
    assert [(bar.names, bar.min_net_wpm, bar.min_accuracy) for bar in bars] == [
        ("Voice (calls)", 20, 0),
        ("Back office / non-voice, Data entry (non-voice back office) and Team leader", 25,
         90),
        ("Semi-voice (chat and email support)", 30, 0),
    ]
    assert next_role_bar(Level(19.9, 99.0, 5), bars).names == "Voice (calls)"
    assert next_role_bar(Level(20.0, 80.0, 5), bars).min_net_wpm == 25
    assert next_role_bar(Level(31.0, 89.0, 5), bars).min_net_wpm == 25  # accuracy short
    assert next_role_bar(Level(31.0, 90.0, 5), bars) is None
    assert RoleBar(("A",), 25, 90).rule == "25 net WPM at 90 % accuracy"


def test_hr_batteries_and_edited_presets_count(store):
    voice = next(b for b in load_presets() if b.id == "voice")
    edited = Battery(voice.id, voice.name, (TypingStep("Typing", 180, min_net_wpm=22),))
    save_battery(store, edited)
    save_battery(store, Battery("claims", "Claims desk", (
        TypingStep("Typing", 300, min_net_wpm=28, min_accuracy=95),)))
    bars = {bar.names: (bar.min_net_wpm, bar.min_accuracy)
            for bar in role_bars(known_batteries(store))}
    assert bars["Voice (calls)"] == (22, 0)  # HR's edit, not the shipped 20
    assert bars["Claims desk"] == (28, 95)
    store.conn.execute("UPDATE batteries SET definition = '{broken' WHERE id = 'claims'")
    assert "Claims desk" not in {bar.names for bar in role_bars(known_batteries(store))}


def test_only_practice_tests_of_the_person_are_read(store):
    save_test(store, 30.0, 95.0, 1)
    save_test(store, 50.0, 99.0, 2, candidate="Ben")
    save_test(store, 60.0, 99.0, 3, status="abandoned")
    store.save_attempt({"kind": "typing", "candidate": "Ana", "score": 70.0,
                        "screening_id": "s1"})
    data = load_progress(store, "Ana")
    assert (data.count, data.best) == (1, 30.0)
    assert [score for _, score, _ in data.series] == [30.0]
    assert load_progress(store, None).best == 50.0


# The page ----------------------------------------------------------------------


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    window = MainWindow(store, clock=clock, rng=random.Random(4),
                        banks_folder=tmp_path / "question-banks")
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    return window


def open_progress(qtbot, window):
    """Open the page with its shortcut and wait for its figures."""
    page = window.progress_page  # built now, so that its signal can be awaited
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_P,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.currentWidget() is page
    return page


def test_after_saved_tests_the_page_shows_best_level_and_distances(qtbot, window, store):
    store.set_setting("candidate_name", "Ana")
    for day, (wpm, acc) in enumerate([(30.0, 95.0), (15.5, 92.0), (18.2, 88.0),
                                      (22.4, 93.0), (20.8, 91.0), (21.1, 94.0)], start=1):
        # "the totals": the t's typed as r in the slower tests.
        typed = PASSAGE.replace("t", "r") if wpm < 21 else PASSAGE
        save_test(store, wpm, acc, day, typed=typed)
    save_battery(store, Battery("claims", "Claims desk", (
        TypingStep("Typing", 300, min_net_wpm=22, min_accuracy=90),)))
    page = open_progress(qtbot, window)

    assert page.status_label.text() == "6 completed typing tests."
    assert page.best_label.text() == "30.0 net WPM"
    assert page.level_caption.text() == "Your level now (the median of your last 5 tests)"
    assert page.level_label.text() == "20.8 net WPM, 92.0 % accuracy"
    assert page.bar_caption.text() == "To the pass bar: 25 net WPM at 90 % accuracy"
    assert page.bar_label.text() == "Speed: 4.2 WPM to go; accuracy: reached"
    # Voice's 20 is reached; HR's claims desk, at 22, is the lowest bar above.
    assert page.role_caption.text() == (
        "To the next role's bar: Claims desk, 22 net WPM at 90 % accuracy")
    assert page.role_label.text() == "Speed: 1.2 WPM to go; accuracy: reached"
    assert page.wpm_chart.data.values == (30.0, 15.5, 18.2, 22.4, 20.8, 21.1)
    assert page.wpm_chart.data.bar == 25 and page.accuracy_chart.data.bar == 90
    assert "the bar is 25" in page.wpm_chart.accessibleDescription()
    keyboard = page.keys_panel.keyboard
    t_count = PASSAGE.count("t")
    assert keyboard.figures.keys["t"].errors == 3 * t_count  # the three slower tests
    assert keyboard.band_of("t") == "bad"
    assert keyboard.accessibleDescription().startswith("Weakest keys: T 50 % wrong")
    assert page.practise_button.isVisible() and not page.typing_button.isVisible()
    assert unnamed(page) == []
    assert keyboard.accessibleName() == "Keyboard (US (ANSI)) coloured by mistakes"
    # It fits the smallest screen.
    assert page.minimumSizeHint().height() <= window.stack.height()


def test_practise_my_weak_keys_opens_targeted_practice_on_them(qtbot, window, store):
    for day in (1, 2, 3):
        save_test(store, 20.0, 91.0, day, candidate="", typed=PASSAGE.replace("t", "r"))
    page = open_progress(qtbot, window)
    with qtbot.waitSignal(page.practiceRequested, timeout=1000):
        qtbot.mouseClick(page.practise_button, Qt.MouseButton.LeftButton)
    targeted = window.targeted_page
    assert window.stack.currentWidget() is targeted
    # The mistakes on "t" are the weak spot the rounds aim at.
    spots = [targeted.table.item(row, 0).text() for row in range(targeted.table.rowCount())]
    assert "t (key)" in spots and targeted.start_button.hasFocus()


def test_with_no_test_yet_the_page_says_what_to_do(qtbot, window):
    page = open_progress(qtbot, window)
    assert page.status_label.text() == EMPTY_TEXT
    assert not page.details.isVisible() and not page.practise_button.isVisible()
    qtbot.mouseClick(page.typing_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.typing_setup


def test_everyone_reaching_every_bar_is_told_so(qtbot, window, store):
    for day in range(1, 4):
        save_test(store, 45.0, 98.0, day, candidate="")
    page = open_progress(qtbot, window)
    assert page.bar_label.text() == "Reached (speed and accuracy)"
    assert page.role_label.text() == (
        "Every role's bar reached (the highest: Semi-voice (chat and email support), "
        "30 net WPM)")
    assert page.level_caption.text() == "Your level now (the median of your 3 tests)"


def test_in_practice_mode_the_page_shows_only_ones_own_tests(qtbot, window, store,
                                                             monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", passwords.FAST_FOR_DOCTEST)
    set_admin_password(store, "staple battery horse")
    store.set_setting("candidate_name", "Ana")
    save_test(store, 21.0, 93.0, 1)
    save_test(store, 64.0, 99.0, 2, candidate="Ben")
    page = open_progress(qtbot, window)
    assert page.only_candidate == "Ana"
    assert page.best_label.text() == "21.0 net WPM"
    assert page.scope_label.isVisible() and "Ana" in page.scope_label.text()


def test_the_progress_shortcut_is_ctrl_shift_p_and_clashes_with_no_other(window):
    shortcuts = [action.shortcut().toString() for action in window.toolbar.actions()
                 if not action.shortcut().isEmpty()]
    assert window.progress_action.shortcut().toString() == "Ctrl+Shift+P"
    assert len(shortcuts) == len(set(shortcuts))
