"""The admin login, what it opens and what stays closed without it, driven
through the real widgets as HR and an applicant would use them."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from typing_test.core.screening import passwords
from typing_test.core.screening.candidates import Candidate
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.core.screening.seals import SealKey
from typing_test.core.typing.passages import Passage
from typing_test.core.typing.scoring import PassBar
from typing_test.store import screenings as S
from typing_test.store.admin import has_admin_password, set_admin_password
from typing_test.store.settings import CANDIDATE_NAME, load_pass_bar, save_pass_bar
from typing_test.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PASSWORD = "staple battery horse"


class Seconds:
    """The login's clock (seconds since the epoch), moving only when a test says so."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    """scrypt at N=1024 for passwords set here: the stored string names its
    parameters, so the login checks them the same way, 150 times faster."""
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)


@pytest.fixture
def seconds():
    return Seconds()


@pytest.fixture
def window(qtbot, store, clock, seconds, tmp_path):
    passages = [Passage("p", "P", "policy", "easy", "Thank you for calling.")]
    window = MainWindow(store, clock=clock, passages=passages, rng=random.Random(2),
                        banks_folder=tmp_path / "question-banks", admin_clock=seconds)
    qtbot.addWidget(window)
    window.resize(1040, 720)
    window.show()
    return window


@pytest.fixture
def key(store) -> SealKey:
    """An admin password set (as HR would, from the command line)."""
    return set_admin_password(store, PASSWORD)


def same_key(first: SealKey, second: SealKey) -> bool:
    """Whether two seal keys are the same key (they never show their bytes)."""
    return first.mac("test", 1) == second.mac("test", 1)


def click(qtbot, widget) -> None:
    QApplication.processEvents()  # lay out widgets shown since the last click
    qtbot.mouseClick(widget, LEFT)


def toolbar_button(window, action):
    return window.toolbar.widgetForAction(action)


def try_password(qtbot, window, password: str) -> bool:
    """Type ``password`` in the open login dialog and submit it; whether it was right."""
    dialog = window.admin_login
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    with qtbot.waitSignal(dialog.tryFinished, timeout=10_000) as finished:
        click(qtbot, dialog.ok_button)
    return finished.args[0]


# First use -------------------------------------------------------------------------


def test_first_use_asks_hr_to_set_a_password_typed_twice(qtbot, window, store):
    changes = []
    window.adminChanged.connect(changes.append)
    click(qtbot, toolbar_button(window, window.admin_action))
    dialog = window.admin_login
    assert dialog.isVisible() and dialog.setting_password
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert dialog.repeat_edit.echoMode() == dialog.repeat_edit.EchoMode.Password
    assert dialog.password_edit.accessibleName() == "New admin password"

    qtbot.keyClicks(dialog.password_edit, "too short")
    qtbot.keyClicks(dialog.repeat_edit, "too short")
    click(qtbot, dialog.ok_button)
    assert "at least 10 characters" in dialog.message_label.text()
    assert not has_admin_password(store)

    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    dialog.repeat_edit.clear()
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD + "!")
    click(qtbot, dialog.ok_button)
    assert dialog.message_label.text() == "The two passwords differ: type them again."
    assert not has_admin_password(store)

    qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
    with qtbot.waitSignal(dialog.tryFinished, timeout=10_000):
        click(qtbot, dialog.ok_button)
    assert has_admin_password(store)
    assert isinstance(window.admin_key, SealKey)
    assert changes == [True]
    assert not dialog.isVisible()
    assert window.stack.currentWidget() is window.admin_page
    assert window.log_out_action.isVisible()
    # The password is kept with its spaces: it logs in as typed.
    from typing_test.store.admin import log_in

    assert isinstance(log_in(store, PASSWORD), SealKey)


# Logging in and out ----------------------------------------------------------------


def test_a_wrong_password_says_so_and_opens_nothing(qtbot, window, key):
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL_SHIFT)
    dialog = window.admin_login
    assert dialog.isVisible() and not dialog.setting_password
    assert dialog.password_edit.accessibleName() == "Admin password"
    assert not try_password(qtbot, window, "not the password")
    assert dialog.message_label.text() == (
        "Wrong admin password (4 tries left before the login locks).")
    assert window.admin_key is None
    assert "admin_page" not in window.__dict__  # never even built
    assert try_password(qtbot, window, PASSWORD)
    assert same_key(window.admin_key, key)
    assert window.stack.currentWidget() is window.admin_page


def test_five_wrong_passwords_lock_the_login_and_the_lock_outlives_the_window(
        qtbot, window, key, store, seconds, clock, tmp_path):
    window.open_admin()
    for _ in range(5):
        assert not try_password(qtbot, window, "guessing again")
    dialog = window.admin_login
    assert dialog.message_label.text() == (
        "Wrong admin password; after 5 wrong tries the login is locked for 30 seconds.")
    assert not try_password(qtbot, window, PASSWORD)  # right, but locked: not even tried
    assert dialog.message_label.text() == (
        "Too many wrong admin passwords: the login is locked for another 30 seconds.")
    assert window.admin_key is None

    # A new window (the app restarted) says so before anyone types.
    again = MainWindow(store, clock=clock, banks_folder=tmp_path / "banks",
                       admin_clock=seconds)
    qtbot.addWidget(again)
    seconds.now += 12
    again.open_admin()
    assert again.admin_login.message_label.text() == (
        "Too many wrong passwords: the login is locked for another 18 seconds.")
    seconds.now += 18
    assert try_password(qtbot, again, PASSWORD)
    assert same_key(again.admin_key, key)


def test_log_out_forgets_the_key_and_what_the_admin_area_showed(qtbot, window, key, store):
    ana = S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    window.open_admin()
    assert try_password(qtbot, window, PASSWORD)
    tab = window.admin_page.candidates_tab
    tab.table.selectRow(0)
    assert tab.candidate_id == ana and tab.fields["email"].text() == "ana@example.com"
    changes = []
    window.adminChanged.connect(changes.append)
    click(qtbot, toolbar_button(window, window.log_out_action))
    assert window.admin_key is None and changes == [False]
    assert window.stack.currentWidget() is window.home_page
    assert not window.log_out_action.isVisible()
    assert tab.table.rowCount() == 0 and tab.fields["email"].text() == ""
    # Back in, the password is asked again.
    window.open_admin()
    assert window.admin_login.isVisible()
    assert window.stack.currentWidget() is window.home_page


# What practice mode keeps and what it closes -------------------------------------------


def test_with_a_password_set_no_button_shortcut_or_menu_reaches_hr_parts(qtbot, window, key,
                                                                        store):
    save_pass_bar(store, PassBar(30, 92))
    # Every toolbar button, every shortcut and the Help menu's entries (the
    # Help button itself only pops that menu up).
    for action in window.toolbar.actions():
        button = toolbar_button(window, action)
        if action.isVisible() and button is not None and button is not window.help_button:
            click(qtbot, button)
            assert window.stack.currentWidget() is not window.__dict__.get("admin_page")
            if window.admin_login is not None:
                window.admin_login.reject()
    for letter in (Qt.Key.Key_A, Qt.Key.Key_H, Qt.Key.Key_L):
        qtbot.keyClick(window, letter, CTRL_SHIFT)
        if window.admin_login is not None:
            window.admin_login.reject()
    # Alt+M clicks Admin (a mnemonic "animates" the click: it lands a moment later);
    # Alt+U belongs to Log out, hidden while nobody is logged in.
    asked_before = window.admin_login
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.admin_login is not asked_before, timeout=5_000)
    assert window.admin_login.isVisible() and not window.admin_login.setting_password
    window.admin_login.reject()
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    for action in window.help_menu.actions():
        action.trigger()
        for dialog in (window.document_dialog, window.about_box):
            if dialog is not None:
                dialog.close()
    assert window.admin_login is not None  # Admin asked for the password...
    assert window.admin_key is None  # ...and nothing opened without it
    assert "admin_page" not in window.__dict__
    assert not window.log_out_action.isVisible()

    # Settings: the applicant's own settings stay; the pass bar is only shown.
    click(qtbot, toolbar_button(window, window.settings_action))
    settings = window.settings_page
    assert window.stack.currentWidget() is settings
    assert not settings.wpm_box.isVisible() and not settings.accuracy_box.isVisible()
    assert settings.pass_bar_note.text() == ("The typing test passes at 30 net WPM and 92 % "
                                             "accuracy. HR sets the pass bars (Admin).")
    settings.wpm_box.setValue(1)  # even if the hidden field changed, Save leaves the bar
    settings.name_edit.clear()
    qtbot.keyClicks(settings.name_edit, "Bo")
    click(qtbot, settings.save_button)
    assert load_pass_bar(store) == PassBar(30, 92)
    assert store.get_setting(CANDIDATE_NAME) == "Bo"

    # Quizzes: the pass mark is fixed and the bank import is not offered.
    window.open_activity("quiz")
    setup = window.quiz_setup
    assert not setup.pass_mark_box.isEnabled() and setup.pass_mark_box.value() == 70
    assert not setup.import_button.isVisible() and setup.hr_note.isVisible()


def test_practice_history_lists_only_the_attempts_under_ones_own_name(qtbot, window, key,
                                                                     store):
    for name in ("Bo", "Cy"):
        store.save_attempt({"kind": "typing", "candidate": name, "status": "completed",
                            "score": 40.0, "accuracy": 97.0, "passed": True,
                            "started_at": "2026-03-01T09:00:00+00:00", "duration_s": 60})
    store.set_setting(CANDIDATE_NAME, "Bo")
    window.show_history()
    page = window.history_page
    assert page.row_count() == 1
    assert page.scope_label.text() == ("Practice mode: only the attempts saved under the name "
                                       "Bo (Settings) are listed.")
    window.open_admin()
    assert try_password(qtbot, window, PASSWORD)
    window.show_history()
    assert page.row_count() == 2 and not page.scope_label.isVisible()


def test_without_a_password_the_app_is_a_home_pc_with_everything_open(qtbot, window, store):
    window.show_settings()
    assert window.settings_page.wpm_box.isVisible()
    assert not window.settings_page.pass_bar_note.isVisible()
    window.open_activity("quiz")
    assert window.quiz_setup.pass_mark_box.isEnabled()
    assert window.quiz_setup.import_button.isVisible()
    store.save_attempt({"kind": "typing", "candidate": "Cy", "status": "completed",
                        "score": 40.0, "started_at": "2026-03-01T09:00:00+00:00",
                        "duration_s": 60})
    window.show_history()
    assert window.history_page.row_count() == 1


def test_logged_in_hr_edits_the_pass_bar_and_quiz_pass_mark(qtbot, window, key, store):
    window.show_settings()
    window.open_admin()
    assert try_password(qtbot, window, PASSWORD)
    window.show_settings()
    settings = window.settings_page
    assert settings.wpm_box.isVisible()
    settings.wpm_box.setValue(35)
    click(qtbot, settings.save_button)
    assert load_pass_bar(store).min_net_wpm == 35
    window.open_activity("quiz")
    assert window.quiz_setup.pass_mark_box.isEnabled()
    assert window.quiz_setup.import_button.isVisible()
    window.log_out_admin()
    window.open_activity("quiz")
    assert not window.quiz_setup.pass_mark_box.isEnabled()


def test_the_password_is_checked_off_the_screens_thread(qtbot, window, key, monkeypatch):
    import threading

    from typing_test.ui.screening import admin_login

    threads = []
    real_log_in = admin_login.log_in

    def watched_log_in(*args):
        threads.append(threading.current_thread())
        return real_log_in(*args)

    monkeypatch.setattr(admin_login, "log_in", watched_log_in)
    window.open_admin()
    dialog = window.admin_login
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.tryFinished, timeout=10_000):
        click(qtbot, dialog.ok_button)
        # Until the answer comes, the dialog says it is checking and takes no second try.
        assert dialog.message_label.text() == "Checking the password..."
        assert not dialog.ok_button.isEnabled() and not dialog.password_edit.isEnabled()
    assert threads and threads[0] is not threading.main_thread()
    assert window.admin_key is not None
