"""The admin area's tabs, driven as HR uses them: candidates (search, add, edit,
import, delete), batteries (read, edit, copy, delete) and starting a screening."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from typing_test.core.screening import passwords
from typing_test.core.screening.candidates import Candidate
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.store import ledger
from typing_test.store import screenings as S
from typing_test.store.admin import set_admin_password
from typing_test.ui.screening.admin_page import AdminPage
from typing_test.ui.screening.candidates_tab import PAGE_SIZE

LEFT = Qt.MouseButton.LeftButton
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def key(store, monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)
    return set_admin_password(store, "staple battery horse")


@pytest.fixture
def page(qtbot, store, key):
    page = AdminPage(store, lambda: key, now=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1000, 560)
    page.show()
    page.reload()
    return page


def click(qtbot, widget) -> None:
    QApplication.processEvents()
    qtbot.mouseClick(widget, LEFT)


def type_into(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def add(store, name: str, email: str = "", phone: str = "", **fields) -> str:
    return S.add_candidate(store, Candidate(name, email=email, phone=phone, **fields))


# Candidates ------------------------------------------------------------------------


def test_the_search_lists_a_page_at_a_time_never_everyone(qtbot, page, store):
    for number in range(PAGE_SIZE + 12):
        add(store, f"Applicant {number:03d}", email=f"a{number}@example.com")
    add(store, "Zoë O'Brien", email="zoe@example.org", hr_reference="HR-2026-114")
    tab = page.candidates_tab
    tab.search()
    assert tab.table.rowCount() == PAGE_SIZE
    assert tab.count_label.text() == f"1-{PAGE_SIZE} of {PAGE_SIZE + 13} candidates"
    click(qtbot, tab.next_button)
    assert tab.table.rowCount() == 13 and not tab.next_button.isEnabled()
    assert tab.listed_names()[-1] == "Zoë O'Brien"
    qtbot.keyClicks(tab.search_edit, "zoe")
    assert tab.listed_names() == ["Zoë O'Brien"]
    type_into(qtbot, tab.search_edit, "hr-2026")
    assert tab.listed_names() == ["Zoë O'Brien"]
    type_into(qtbot, tab.search_edit, "nobody here")
    assert tab.listed_names() == [] and tab.count_label.text() == (
        "No candidate matches this search.")


def test_a_new_candidate_is_checked_then_stored(qtbot, page, store):
    tab = page.candidates_tab
    click(qtbot, tab.new_button)
    type_into(qtbot, tab.fields["name"], "Ana Cruz")
    type_into(qtbot, tab.fields["email"], "ana.cruz@example")
    click(qtbot, tab.save_button)
    assert tab.error_label.isVisible()
    assert tab.error_label.text() == (
        "Email 'ana.cruz@example' is not an address like name@example.com.")
    assert S.search_candidates(store).total == 0

    type_into(qtbot, tab.fields["email"], "ana.cruz@example.com")
    type_into(qtbot, tab.fields["role"], "Back office")
    click(qtbot, tab.save_button)
    assert not tab.error_label.isVisible()
    assert tab.status_label.text() == "Added Ana Cruz."
    (row,) = S.search_candidates(store, "ana").rows
    assert row["role"] == "Back office" and tab.candidate_id == row["id"]
    assert tab.listed_names() == ["Ana Cruz"]

    # Edited in place.
    type_into(qtbot, tab.fields["role"], "Voice")
    click(qtbot, tab.save_button)
    assert S.get_candidate(store, row["id"])["role"] == "Voice"
    assert tab.status_label.text() == "Saved."


def test_a_possible_duplicate_is_asked_about_and_may_be_added_anyway(qtbot, page, store):
    add(store, "Ana Cruz", phone="0917 555 0101")
    tab = page.candidates_tab
    click(qtbot, tab.new_button)
    type_into(qtbot, tab.fields["name"], "Ben Cruz")
    type_into(qtbot, tab.fields["phone"], "09175550101")  # the family's phone
    click(qtbot, tab.save_button)
    assert tab.duplicate_bar.isVisible()
    assert tab.duplicate_question.text().startswith("Ana Cruz already has this phone.")
    assert S.search_candidates(store).total == 1
    click(qtbot, tab.anyway_button)
    assert S.search_candidates(store).total == 2
    assert not tab.duplicate_bar.isVisible()


def test_the_candidates_screenings_are_listed_and_deleting_is_recorded_and_sealed(
        qtbot, page, store, key):
    ana = add(store, "Ana Cruz", email="ana@example.com")
    screening = S.begin_screening(store, ana, "voice", now=NOW - timedelta(days=2))
    tab = page.candidates_tab
    tab.search()
    tab.table.selectRow(0)
    assert tab.screenings_shown() == [[tab.screenings_shown()[0][0], "Voice (calls)",
                                       "In progress"]]
    click(qtbot, tab.delete_button)
    assert tab.delete_bar.isVisible()
    type_into(qtbot, tab.reason_edit, "applicant's request by email")
    click(qtbot, tab.confirm_delete_button)
    assert tab.delete_question.text() == "Say who is deleting: the record of the deletion " \
                                         "needs a name."
    type_into(qtbot, tab.who_edit, "M. Reyes (HR)")
    click(qtbot, tab.confirm_delete_button)
    # A screening in progress must be closed first: the page says so, nothing is deleted.
    assert tab.delete_question.text().startswith("A screening of this candidate is in progress")
    assert S.get_candidate(store, ana)["name"] == "Ana Cruz"

    S.finish_screening(store, screening, "interrupted", sealer=ledger.sealer_for(store, key))
    tab.show_candidate(ana)
    assert tab.screenings_shown()[0][2] == "Interrupted"
    click(qtbot, tab.delete_button)
    type_into(qtbot, tab.reason_edit, "applicant's request by email")
    type_into(qtbot, tab.who_edit, "M. Reyes (HR)")
    click(qtbot, tab.confirm_delete_button)
    with pytest.raises(KeyError):
        S.get_candidate(store, ana)
    assert tab.status_label.text().startswith("Deleted Ana Cruz")
    (deletion,) = S.deletions(store)
    assert deletion["who"] == "M. Reyes (HR)" and "applicant's request" in deletion["detail"]
    # The record of the deletion is itself sealed in the chain, and the erased
    # screening is recorded as an erasure: every seal still holds.
    sealed = store.db.conn.execute(
        "SELECT count(*) FROM seal_ledger WHERE table_name = 'deletions' AND row_id = ?",
        [str(deletion["id"])]).fetchone()[0]
    assert sealed == 1
    assert ledger.verify_all(store, key).ok
    assert tab.listed_names() == []


def test_a_csv_list_is_previewed_with_each_refused_row_then_imported(qtbot, page, store,
                                                                     tmp_path):
    add(store, "Ana Cruz", email="ana@example.com")
    csv_file = tmp_path / "drive.csv"
    csv_file.write_text(
        "Full name,E-mail,Mobile,Position\n"
        "Mia Flores,mia@example.com,,Voice\n"
        "Bo,,12,\n"
        "Ana Again,ana@example.com,,\n"
        "Noel Cruz,,0917 555 0999,Chat\n", encoding="utf-8")
    tab = page.candidates_tab
    with qtbot.waitSignal(tab.previewReady, timeout=10_000):
        tab.preview_csv(csv_file)
    assert tab.stack.currentIndex() == 1
    assert tab.good_table.rowCount() == 2
    assert [tab.good_table.item(row, 1).text() for row in range(2)] == ["Mia Flores",
                                                                       "Noel Cruz"]
    assert tab.refused_shown() == [
        "Row 3: phone '12' has 2 digits; a phone number has 7 to 15",
        "Row 4: the same email as Ana Cruz, already a candidate",
    ]
    assert tab.import_summary.text().startswith("4 rows read (UTF-8): 2 to import, 2 refused.")
    assert S.search_candidates(store).total == 1  # nothing stored by the preview
    assert tab.confirm_import_button.text() == "&Import 2 candidates"
    click(qtbot, tab.confirm_import_button)
    assert tab.stack.currentIndex() == 0
    assert S.search_candidates(store).total == 3
    assert tab.status_label.text() == "Imported 2 candidates."


def test_a_file_that_cannot_be_read_is_refused_in_one_line(qtbot, page, tmp_path):
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\x00\x00")
    tab = page.candidates_tab
    with qtbot.waitSignal(tab.previewReady, timeout=10_000):
        tab.preview_csv(binary)
    assert tab.import_error.text().startswith("This file cannot be imported: The file is not "
                                              "a text file")
    assert not tab.confirm_import_button.isEnabled()
    click(qtbot, tab.cancel_import_button)
    assert tab.stack.currentIndex() == 0


# Batteries -------------------------------------------------------------------------


def test_batteries_are_shown_in_words_and_edited(qtbot, page, store):
    page.tabs.setCurrentWidget(page.batteries_tab)
    tab = page.batteries_tab
    assert tab.listed() == ["Back office / non-voice (preset)",
                            "Data entry (non-voice back office) (preset)",
                            "Semi-voice (chat and email support) (preset)",
                            "Team leader (preset)", "Voice (calls) (preset)"]
    words = tab.words_label.text()
    assert ("1. Typing test (5 minutes): a typing test of 5 minutes (account-notes, medium "
            "passages); passes at net WPM >= 25 and accuracy >= 90 %.") in words
    assert "A candidate may take it again after 30 days, with at most 3 attempts in all." in words

    wpm_box, accuracy_box = tab._bar_boxes[0][1]
    wpm_box.setValue(28)
    tab.days_box.setValue(14)
    tab.attempts_box.setValue(0)  # "No limit"
    type_into(qtbot, tab.name_edit, "Back office 2026")
    click(qtbot, tab.save_button)
    battery = S.get_battery(store, "back-office")
    assert battery.name == "Back office 2026"
    assert battery.steps[0].min_net_wpm == 28 and battery.steps[0].min_accuracy == 90
    assert battery.retake.min_days_between == 14 and battery.retake.max_attempts is None
    assert "net WPM >= 28" in tab.words_label.text()
    assert tab.message_label.text().startswith("Saved.")

    tab.name_edit.clear()
    click(qtbot, tab.save_button)
    assert tab.message_label.text() == "Give the battery a name."
    assert S.get_battery(store, "back-office").name == "Back office 2026"


def test_a_battery_is_copied_and_a_used_one_is_not_deleted(qtbot, page, store, key):
    page.tabs.setCurrentWidget(page.batteries_tab)
    tab = page.batteries_tab
    click(qtbot, tab.copy_button)
    assert "Copy of Back office / non-voice" in tab.listed()
    assert tab.name_edit.text() == "Copy of Back office / non-voice"
    copy_id = tab._shown_id
    click(qtbot, tab.delete_button)
    click(qtbot, tab.confirm_delete_button)
    assert "Copy of Back office / non-voice" not in tab.listed()
    with pytest.raises(KeyError):
        S.get_battery(store, copy_id)

    ana = add(store, "Ana Cruz", email="ana@example.com")
    S.begin_screening(store, ana, "voice")
    tab.reload("voice")
    click(qtbot, tab.delete_button)
    click(qtbot, tab.confirm_delete_button)
    assert tab.message_label.text() == ("Not deleted: 1 screening used this battery; copy it "
                                        "and edit the copy instead.")
    assert S.get_battery(store, "voice").name == "Voice (calls)"


# Starting a screening --------------------------------------------------------------


def test_start_screening_emits_the_chosen_candidate_and_battery(qtbot, page, store):
    ana = add(store, "Ana Cruz", email="ana@example.com")
    page.candidates_tab.search()
    page.candidates_tab.table.selectRow(0)
    click(qtbot, page.candidates_tab.start_button)
    tab = page.start_tab
    assert page.tabs.currentWidget() is tab and tab.candidate_id() == ana
    tab.battery_box.setCurrentIndex(tab.battery_box.findData("voice"))
    assert tab.decision_label.text() == "Allowed: a first attempt"
    assert not tab.override_edit.isVisible()
    with qtbot.waitSignal(page.screeningRequested) as requested:
        click(qtbot, tab.start_button)
    assert requested.args == [ana, "voice", ""]


def test_a_retake_too_soon_needs_a_reason_to_override(qtbot, page, store, key):
    ana = add(store, "Ana Cruz", email="ana@example.com")
    earlier = S.begin_screening(store, ana, "voice", now=NOW - timedelta(days=5))
    S.finish_screening(store, earlier, "completed", sealer=ledger.sealer_for(store, key))
    tab = page.start_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.search_edit, "ana")
    tab.battery_box.setCurrentIndex(tab.battery_box.findData("voice"))
    assert tab.candidate_id() == ana
    assert tab.decision_label.text().startswith("The last attempt was on 2026-03-05; the next "
                                                "may start on 2026-04-04.")
    assert tab.override_edit.isVisible()
    requests = []
    page.screeningRequested.connect(lambda *args: requests.append(args))
    click(qtbot, tab.start_button)
    assert requests == []
    assert tab.error_label.text() == ("The retake rule refuses this screening: give a reason "
                                      "to override it.")
    qtbot.keyClicks(tab.override_edit, "first attempt cut short by a power cut")
    click(qtbot, tab.start_button)
    assert requests == [(ana, "voice", "first attempt cut short by a power cut")]


def test_an_unfinished_screening_cannot_be_overridden(qtbot, page, store):
    ana = add(store, "Ana Cruz", email="ana@example.com")
    S.begin_screening(store, ana, "voice", now=NOW - timedelta(days=1))
    tab = page.start_tab
    page.tabs.setCurrentWidget(tab)
    tab.select_candidate(ana)
    tab.battery_box.setCurrentIndex(tab.battery_box.findData("voice"))
    assert tab.decision_label.text().startswith("A screening of this battery is still "
                                                "unfinished")
    assert not tab.override_edit.isVisible() and not tab.start_button.isEnabled()


# Keys ------------------------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    """The letter after a single "&", lower case."""
    text = text.replace("&&", "")
    index = text.find("&")
    return text[index + 1].lower() if index >= 0 else None


def test_every_tab_has_its_own_mnemonics_clear_of_the_toolbar_and_tab_titles(
        qtbot, store, key, tmp_path):
    from PySide6.QtWidgets import QPushButton

    from typing_test.ui.main_window import MainWindow

    window = MainWindow(store, banks_folder=tmp_path / "banks")
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    window._set_admin_key(key)
    window.open_admin()
    page = window.admin_page
    ana = add(store, "Ana Cruz", email="ana@example.com")
    toolbar = {mnemonic(window.help_button.text())} | {
        mnemonic(window.toolbar.widgetForAction(action).text())
        for action in (window.admin_action, window.log_out_action)}
    assert toolbar == {"h", "m", "u"}
    tabs = [mnemonic(page.tabs.tabText(index)) for index in range(page.tabs.count())]
    assert None not in tabs and len(set(tabs)) == len(tabs)
    reserved = toolbar | set(tabs)

    def check() -> None:
        QApplication.processEvents()
        buttons = [b for b in page.findChildren(QPushButton) if b.isVisible() and b.text()]
        keys = [mnemonic(b.text()) for b in buttons]
        assert None not in keys, [b.text() for b in buttons]
        assert len(set(keys)) == len(keys), keys
        assert not set(keys) & reserved, keys

    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        check()
    # With every question bar of the candidates tab open at once.
    page.tabs.setCurrentWidget(page.candidates_tab)
    page.candidates_tab.show_candidate(ana)
    page.candidates_tab.ask_delete()
    page.candidates_tab.duplicate_bar.show()
    check()
    page.tabs.setCurrentWidget(page.batteries_tab)
    page.batteries_tab.ask_delete()
    check()


# Personal data ---------------------------------------------------------------------


def test_old_screenings_are_purged_after_asking_and_the_purge_is_listed(qtbot, page, store,
                                                                       key):
    ana = add(store, "Ana Cruz", email="ana@example.com")
    bo = add(store, "Bo Reyes", email="bo@example.com")
    old = S.begin_screening(store, ana, "voice", now=NOW - timedelta(days=430))
    S.finish_screening(store, old, "completed", sealer=ledger.sealer_for(store, key))
    recent = S.begin_screening(store, bo, "voice", now=NOW - timedelta(days=60))
    S.finish_screening(store, recent, "completed", sealer=ledger.sealer_for(store, key))
    tab = page.personal_data_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.months_box.value() == 12
    assert tab.cutoff_label.text() == "Screenings started before 2025-03-10 are purged."
    click(qtbot, tab.purge_button)
    assert tab.purge_bar.isVisible()
    assert "started before 2025-03-10" in tab.purge_question.text()
    click(qtbot, tab.confirm_button)
    assert tab.message_label.text() == ("Say who is deleting: the deletion record needs a "
                                        "name.")
    assert len(S.candidate_screenings(store, ana)) == 1  # nothing deleted

    qtbot.keyClicks(tab.who_edit, "M. Reyes (HR)")
    click(qtbot, tab.purge_button)
    click(qtbot, tab.confirm_button)
    assert tab.message_label.text() == "Deleted 1 screening; the purge is recorded."
    assert S.candidate_screenings(store, ana) == []
    assert len(S.candidate_screenings(store, bo)) == 1
    assert store.get_setting("screening_retention_months") == 12
    (deletion,) = S.deletions(store)
    assert deletion["what"] == "retention-purge" and deletion["who"] == "M. Reyes (HR)"
    assert tab.log_table.rowCount() == 1
    assert [tab.log_table.item(0, column).text() for column in (1, 2, 3)] == [
        "M. Reyes (HR)", "retention purge", "1 screening"]


def test_every_tab_and_the_login_name_each_focus_stop(qtbot, store, key, tmp_path):
    from test_accessibility import focus_stops, unnamed

    from typing_test.ui.main_window import MainWindow

    window = MainWindow(store, banks_folder=tmp_path / "banks")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window._set_admin_key(key)
    window.open_admin()
    page = window.admin_page
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        assert focus_stops(page), page.tabs.tabText(index)
        assert unnamed(page) == [], page.tabs.tabText(index)
    window.log_out_admin()
    window.open_admin()
    qtbot.wait(1)
    assert focus_stops(window.admin_login) and unnamed(window.admin_login) == []
