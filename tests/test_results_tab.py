"""The admin area's results files: the dashboard and the results tab are in
it, a backup is taken and other PCs' results are imported from it, and a
screening asked for there opens the locked-down window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from typing_test.core.screening import passwords
from typing_test.store.database import Store
from typing_test.ui.main_window import MainWindow

PASSWORD = "correct horse battery"


@pytest.fixture
def window(qtbot, store, monkeypatch, tmp_path):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", passwords.ScryptParams(n=1024))
    from typing_test.store.admin import set_admin_password

    key = set_admin_password(store, PASSWORD)
    window = MainWindow(store, banks_folder=tmp_path / "banks")
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    window._set_admin_key(key)
    window.open_admin()
    return window


def test_the_dashboard_and_the_results_files_are_tabs_of_the_admin_area(window):
    tabs = window.admin_page.tabs
    titles = [tabs.tabText(index) for index in range(tabs.count())]
    assert "Dashb&oard" in titles and "Results &files" in titles
    assert tabs.widget(titles.index("Dashb&oard")) is window.dashboard_page


def test_a_backup_is_taken_from_the_results_tab(qtbot, window, tmp_path):
    tab = window.results_tab
    copy = tmp_path / "backup.db"
    tab.back_up_to(str(copy))
    qtbot.waitUntil(lambda: tab.status_label.text() == "Done.", timeout=10_000)
    assert "Backed up to" in tab.report_view.toPlainText()
    assert Store.open(copy).schema_version == window.store.schema_version


def test_another_pcs_screenings_are_imported_and_listed(qtbot, window, tmp_path,
                                                        monkeypatch):
    from test_merge import other_pc

    path, screening_id = other_pc(tmp_path, password=PASSWORD)
    tab = window.results_tab
    qtbot.keyClicks(tab.password_edit, PASSWORD)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileNames",
                        lambda *args, **kwargs: ([path], ""))
    with qtbot.waitSignal(tab.imported, timeout=20_000):
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert "its seals checked and holding" in tab.report_view.toPlainText()
    assert tab.password_edit.text() == ""  # never kept on screen
    from typing_test.store import screenings as S

    assert S.screening(window.store, screening_id)["outcome"] == "pass"


def test_a_screening_asked_for_in_the_admin_area_opens_its_window(qtbot, window,
                                                                   monkeypatch):
    from typing_test.core.screening.candidates import Candidate
    from typing_test.store import screenings as S

    ana = S.add_candidate(window.store, Candidate("Ana Cruz", email="ana@example.com"))
    launched = []
    # The window itself is the session's tests' (it goes full screen, on top).
    monkeypatch.setattr("typing_test.ui.screening.session_window.launch_screening",
                        lambda main_window, key, screening_id: launched.append(screening_id))
    window.admin_page.screeningRequested.emit(ana, "voice", "")
    (screening_id,) = launched
    assert S.screening(window.store, screening_id)["candidate_id"] == ana


def test_the_dashboard_shows_unverified_and_flagged_screenings_and_filters_the_flagged(
        qtbot, window, tmp_path):
    import json

    from test_merge import OTHER_PASSWORD, other_pc

    from typing_test.store import dashboard as D
    from typing_test.store.merge import merge_file

    path, screening_id = other_pc(tmp_path, password=OTHER_PASSWORD)
    merge_file(window.store, window.admin_key, path, PASSWORD, allow_unverified=True)
    dashboard = window.dashboard_page
    dashboard.refresh()
    assert D.list_screenings(window.store).total == 1
    assert not D.list_screenings(window.store, D.ScreeningFilter(with_flags=True)).rows
    # A typing step whose log looked automated carries its flags.
    window.store.conn.execute(
        "UPDATE attempts SET figures = ? WHERE screening_id = ? AND kind = 'typing'",
        [json.dumps({"flags": [{"code": "regular-intervals"}]}), screening_id])
    (row,) = D.list_screenings(window.store, D.ScreeningFilter(with_flags=True)).rows
    assert row["id"] == screening_id
    dashboard.refresh()
    qtbot.mouseClick(dashboard.flags_box, Qt.MouseButton.LeftButton)
    assert dashboard.model.rowCount() == 1
    assert dashboard.model.data(dashboard.model.index(0, 3)).startswith(
        "Pass, unverified, flagged")


def test_the_cohort_chart_shows_every_candidates_best_net_wpm(qtbot, window):
    for name, wpm in (("Ana", 31.0), ("Ben", 22.0), ("Ana", 28.0)):
        window.store.save_attempt({"kind": "typing", "candidate": name, "score": wpm})
    tab = window.results_tab
    window.admin_page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.cohort_chart.data.title == "Candidates by best net WPM",
                    timeout=10_000)
    assert sum(tab.cohort_chart.data.counts) == 2 and tab.cohort_chart.data.bar == 25.0
    assert "the bar is 25" in tab.cohort_chart.accessibleDescription()


def test_duplicates_found_by_an_import_are_joined_from_the_tab(qtbot, window, tmp_path):
    from test_merge import other_pc

    from typing_test.core.screening.candidates import Candidate
    from typing_test.store import screenings as S

    local = S.add_candidate(window.store, Candidate("Ana Cruz", email="ana@example.com"))
    path, screening_id = other_pc(tmp_path, password=PASSWORD)
    tab = window.results_tab
    window.admin_page.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.password_edit, PASSWORD)
    with qtbot.waitSignal(tab.imported, timeout=20_000):
        tab.import_from([path])
    assert tab.duplicates_box.isVisible() and tab.duplicates_list.count() == 1
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    assert "Say who is joining" in tab.status_label.text()
    qtbot.keyClicks(tab.joined_by_edit, "M. Reyes")
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    assert tab.status_label.text().startswith("Joined: 1 screening(s)")
    assert S.screening(window.store, screening_id)["candidate_id"] == local
    assert not tab.duplicates_box.isVisible()
