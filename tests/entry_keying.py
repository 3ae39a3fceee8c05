"""Keying a data-entry page as a person would, for the data-entry UI tests and
the screening's data-entry tests: field by field with Tab, numbers with Enter,
keypad digits with Qt's keypad modifier, the fake clock moved between keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from typing_test.core.typing.entry_tasks import EntryTask

KEYPAD = Qt.KeyboardModifier.KeypadModifier


def key_record(qtbot, page, values: list[str], clock, ms: float = 150) -> None:
    """Key one record field by field, Tab after each (the last Tab brings the next)."""
    for index, text in enumerate(values):
        field = page.answer_fields[index]
        for character in text:
            qtbot.keyClicks(field, character)
            clock.advance(ms)
        qtbot.keyClick(field, Qt.Key.Key_Tab)


def values_of(task: EntryTask, record: int, **changes: str) -> list[str]:
    """The values of ``record`` in the task's field order, some ``changes`` made."""
    return [changes.get(field.name, task.records[record][field.name]) for field in task.fields]


def key_number(qtbot, page, text: str, clock, keypad: bool = True, ms: float = 120) -> None:
    """Key ``text`` then Enter into the 10-key field, on the keypad or the number
    row, ``ms`` apart."""
    modifier = KEYPAD if keypad else Qt.KeyboardModifier.NoModifier
    for character in text:
        qtbot.keyClick(page.entry_field, Qt.Key(ord(character)), modifier)
        clock.advance(ms)
    qtbot.keyClick(page.entry_field, Qt.Key.Key_Enter if keypad else Qt.Key.Key_Return,
                   modifier)
    clock.advance(ms)


def time_out(page, clock, seconds: float = 400) -> None:
    """Let ``seconds`` pass (longer than any test by default) and refresh the page."""
    clock.advance(seconds * 1000)
    page.refresh()  # what the page's QTimer does
