"""The history page with a damaged database: one bad row never hides the others."""

from __future__ import annotations

from PySide6.QtCore import Qt

from typing_test.core.typing import PassBar, score
from typing_test.store.records import typing_attempt
from typing_test.ui.reports.history_page import HistoryPage

PASSAGE = "The parcel left our warehouse on Monday and will arrive on Friday."


def save_typing_test(store, typed: str, ms_per_key: int, started_at: str) -> str:
    log = [{"t": i * ms_per_key, "key": key} for i, key in enumerate(typed)]
    result = score(PASSAGE, log, len(log) * ms_per_key / 1000)
    return store.save_attempt(typing_attempt(
        result, bar=PassBar(), passage_id="parcel", passage_title="Parcel notice",
        passage_text=PASSAGE, keystrokes=log, incidents=[], test_length_s=60,
        started_at=started_at,
    ))


def shown(page: HistoryPage) -> list[list[str]]:
    columns = page.model.columnCount()
    return [[page.cell_text(row, column) for column in range(columns)]
            for row in range(page.row_count())]


def test_a_row_with_undecodable_json_is_shown_as_damaged_and_the_rest_stay(qtbot, store):
    save_typing_test(store, PASSAGE, 100, "2026-11-02T09:00:00+00:00")
    damaged = save_typing_test(store, PASSAGE, 200, "2026-11-03T09:00:00+00:00")
    save_typing_test(store, PASSAGE, 300, "2026-11-04T09:00:00+00:00")
    # What one flipped bit on disk did in the probe: a JSON column no longer
    # decodes, and a number column holds bytes.
    store.db.conn.execute("UPDATE attempts SET figures = '{\"net_wpm\": 3\x13' WHERE id = ?",
                          [damaged])
    store.db.conn.execute("UPDATE attempts SET accuracy = x'ff00' WHERE id = ?", [damaged])

    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.show()
    page.reload()

    rows = shown(page)
    assert len(rows) == 3
    by_date = {row[0][:10]: row for row in rows}
    assert by_date["2026-11-03"][1:] == ["Parcel notice", "0:13", "60.0", "?",
                                         "Pass (damaged)"]
    assert by_date["2026-11-02"][3:] == ["120.0", "100.0%", "Pass"]
    assert by_date["2026-11-04"][3:] == ["40.0", "100.0%", "Pass"]
    assert page.damage_label.isVisible()
    assert page.damage_label.text().startswith(
        "The database is damaged: 1 attempt could not be read in full.")
    assert page.summary_label.text() == (
        "Best 120.0 net WPM · average 73.3 over 3 completed tests")


def test_a_row_whose_score_and_status_cannot_be_read_is_left_out_of_the_best(qtbot, store):
    save_typing_test(store, PASSAGE, 100, "2026-11-02T09:00:00+00:00")
    damaged = save_typing_test(store, PASSAGE, 50, "2026-11-03T09:00:00+00:00")
    store.db.conn.execute(
        "UPDATE attempts SET score = CAST(x'ff' AS TEXT), status = CAST(x'636fff' AS TEXT) "
        "WHERE id = ?", [damaged])
    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.reload()
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [row[3:] for row in shown(page)] == [["120.0", "100.0%", "Pass"],
                                                 ["?", "100.0%", "Damaged"]]
    assert page.summary_label.text() == "Best 120.0 net WPM · average 120.0 over 1 completed test"


def test_a_sound_history_shows_no_damage_line(qtbot, store):
    save_typing_test(store, PASSAGE, 100, "2026-11-02T09:00:00+00:00")
    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    assert not page.damage_label.isVisible()
    assert shown(page)[0][-1] == "Pass"


def test_a_row_whose_kind_cannot_be_read_is_reported_though_no_list_shows_it(qtbot, store):
    save_typing_test(store, PASSAGE, 100, "2026-11-02T09:00:00+00:00")
    damaged = save_typing_test(store, PASSAGE, 100, "2026-11-03T09:00:00+00:00")
    store.db.conn.execute("UPDATE attempts SET kind = CAST(x'747970696e67ff' AS TEXT) "
                          "WHERE id = ?", [damaged])
    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    assert len(shown(page)) == 1
    assert page.damage_label.isVisible()
    assert page.damage_label.text() == (
        "The database is damaged: 1 attempt cannot be listed (its kind is unreadable). "
        "Keep a copy of the database file before anything else is saved.")


def test_a_past_typing_test_opens_in_full_and_can_be_deleted(qtbot, store, clock):
    import random

    from PySide6.QtCore import Qt

    from typing_test.core.typing.passages import Passage
    from typing_test.ui.main_window import MainWindow

    passage = Passage("note", "Short note", "policy", "easy", "Please call me back.")
    window = MainWindow(store, clock=clock, passages=[passage], rng=random.Random(1))
    qtbot.addWidget(window)
    window.show()
    window.start_typing_test(60, "", "")
    for character in "Please cal me back.":
        qtbot.keyClicks(window.typing_page.typing_area, character)
        clock.advance(200)
    window.typing_page.abandon()
    window.show_history()
    page = window.history_page
    assert not page.open_button.isEnabled() and not page.delete_button.isEnabled()
    page.table.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.result_page
    assert window.result_page.errors_table.item(0, 0).text() == "cal"
    assert window.result_page.verdict_label.text() == "ABANDONED"
    window.show_history()
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.delete_bar.isVisible()
    qtbot.mouseClick(page.keep_button, Qt.MouseButton.LeftButton)
    assert len(store.attempts()) == 1
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.confirm_delete_button, Qt.MouseButton.LeftButton)
    assert store.attempts() == [] and page.row_count() == 0
