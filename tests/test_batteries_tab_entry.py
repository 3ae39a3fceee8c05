"""HR adds and edits a data-entry step in the Batteries tab, by keyboard and
clicks, and what lands in the database is what the tab showed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from typing_test.core.screening import passwords
from typing_test.core.screening.batteries import DataEntryStep
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.store import screenings as S
from typing_test.store.admin import set_admin_password
from typing_test.ui.screening.admin_page import AdminPage

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def tab(qtbot, store, monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)
    key = set_admin_password(store, "staple battery horse")
    page = AdminPage(store, lambda: key, now=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    page.reload()
    page.tabs.setCurrentWidget(page.batteries_tab)
    yield page.batteries_tab  # the page stays referenced until the test ends


def click(qtbot, widget) -> None:
    QApplication.processEvents()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def replace_text(qtbot, box, text: str) -> None:
    """Select what a spin box holds and type ``text`` over it, as a person does."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def test_hr_adds_a_10_key_step_by_keyboard_and_it_is_saved_and_read_back(qtbot, tab, store):
    tab.reload("voice")
    assert len(S.get_battery(store, "voice").steps) == 4
    qtbot.keyClick(tab.add_entry_button, Qt.Key.Key_Space)  # a focused button: Space presses it
    editor = tab._entry_editors[4]
    assert tab.message_label.text().startswith("Added step 5: choose its mode")
    # The new step is scrolled into view, below the others.
    qtbot.waitUntil(lambda: tab.details_scroll.verticalScrollBar().value() > 0, timeout=1000)
    top = editor.mapTo(tab.details_scroll.viewport(), editor.rect().topLeft()).y()
    assert 0 <= top < tab.details_scroll.viewport().height()
    # It starts from the preset's figures, in plain view before anything is saved.
    assert (editor.mode_box.currentText(), editor.duration_box.value(),
            editor.kph_box.value(), editor.accuracy_box.value()) == ("Form entry", 300, 8000, 98)
    assert not editor.keypad_box.isEnabled()  # a form is keyed on the whole keyboard

    qtbot.keyClick(editor.mode_box, Qt.Key.Key_Down)
    assert editor.mode_box.currentText() == "10-key" and editor.keypad_box.isEnabled()
    assert editor.duration_box.value() == 180  # 10-key's usual time follows the mode
    listed = [editor.tasks_list.item(row).text() for row in range(editor.tasks_list.count())]
    assert listed == ["Ledger amounts (tenkey-amounts)", "Codes and unit counts (tenkey-codes)"]
    editor.tasks_list.setFocus()
    qtbot.keyClick(editor.tasks_list, Qt.Key.Key_Down)
    qtbot.keyClick(editor.tasks_list, Qt.Key.Key_Space)
    assert editor.ticked_tasks() == ("tenkey-codes",)
    replace_text(qtbot, editor.duration_box, "240")
    qtbot.keyClick(editor.keypad_box, Qt.Key.Key_Space)
    replace_text(qtbot, editor.kph_box, "9500")
    replace_text(qtbot, editor.accuracy_box, "97.5")
    click(qtbot, tab.save_button)

    assert tab.message_label.text().startswith("Saved.")
    saved = S.get_battery(store, "voice")
    assert len(saved.steps) == 5
    assert saved.steps[4] == DataEntryStep("Data entry: 10-key", "tenkey", 240, 9500.0, 97.5,
                                           ("tenkey-codes",), keypad_required=True)
    assert saved.steps[:4] == S.get_battery(store, "voice").steps[:4]
    assert ("5. Data entry: 10-key: 10-key entry of 4 minutes (the 10-key task tenkey-codes), "
            "on the numeric keypad; passes at KPH >= 9,500 and accuracy >= 97.5 %."
            ) in tab.words_label.text()

    # Read back from the database into the editor, as HR finds it next time.
    tab.reload("voice")
    editor = tab._entry_editors[4]
    assert (editor.mode_box.currentText(), editor.ticked_tasks(), editor.duration_box.value(),
            editor.keypad_box.isChecked(), editor.kph_box.text(), editor.accuracy_box.value()
            ) == ("10-key", ("tenkey-codes",), 240, True, "9,500 KPH", 97.5)

    click(qtbot, tab.remove_step_button)
    assert 4 not in tab._entry_editors
    assert len(S.get_battery(store, "voice").steps) == 5  # nothing stored before saving
    click(qtbot, tab.save_button)
    assert len(S.get_battery(store, "voice").steps) == 4


def test_the_data_entry_preset_shows_its_steps_and_hr_raises_a_bar(qtbot, tab, store):
    assert "Data entry (non-voice back office) (preset)" in tab.listed()
    tab.reload("data-entry")
    words = tab.words_label.text()
    assert ("2. Data entry: form (5 minutes): form entry entry of 5 minutes" not in words)
    assert ("2. Data entry: form (5 minutes): form entry of 5 minutes (one of 3 form tasks); "
            "passes at KPH >= 8,000 and accuracy >= 98 %.") in words
    assert ("3. Data entry: 10-key (3 minutes): 10-key entry of 3 minutes (the 10-key task "
            "tenkey-amounts), keypad or number row; passes at KPH >= 8,000 and accuracy >= "
            "98 %.") in words
    form = tab._entry_editors[1]
    assert form.ticked_tasks() == ("invoices", "orders", "expense-claims")  # the file's order
    replace_text(qtbot, form.kph_box, "10000")
    # Unticking every task leaves the step to any form task.
    for row in range(form.tasks_list.count()):
        if form.tasks_list.item(row).checkState() == Qt.CheckState.Checked:
            form.tasks_list.setCurrentRow(row)
            qtbot.keyClick(form.tasks_list, Qt.Key.Key_Space)
    click(qtbot, tab.save_button)
    step = S.get_battery(store, "data-entry").steps[1]
    assert (step.min_kph, step.min_accuracy, step.tasks) == (10000, 98, None)
    assert "form entry of 5 minutes (any form task); passes at KPH >= 10,000" in (
        tab.words_label.text())


def test_a_battery_keeps_at_least_one_step(qtbot, tab, store):
    for step in S.get_battery(store, "voice").steps[1:]:
        assert tab.remove_step_button.isEnabled(), step
    tab.reload("voice")
    for _ in range(3):
        click(qtbot, tab.remove_step_button)
    assert not tab.remove_step_button.isEnabled()
    click(qtbot, tab.save_button)
    assert [step.kind for step in S.get_battery(store, "voice").steps] == ["typing"]
