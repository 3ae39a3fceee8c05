"""A text field of the data-entry test that reports keys instead of editing itself.

The test is scored from its keystroke log (docs/data-entry.md), where a key
adds one character at the end of the field and Backspace removes the last
one. So that the field shows exactly what the log says, ``EntryField`` never
edits its own text: each character key and Backspace is reported as
``keyPressed(key, keypad)`` and the page sets the text from the session.
Keys that would edit elsewhere (arrows, Home, Delete, Ctrl+Z, Ctrl+A) do
nothing. ``keypad`` is True for a key from the numeric keypad (Qt's keypad
modifier).

Tab and Enter: in a form field (``enter_is_key=False``) Tab and Enter ask
for the next field (``advanceRequested``) and Shift+Tab for the one before
(``backRequested``); in the 10-key field Enter is a key like any other.
Pasting is refused by the ``PasteGuard`` installed on every field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontDatabase, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from typing_test.core.typing.data_entry import ENTER
from typing_test.core.typing.scoring import BACKSPACE
from typing_test.ui.common.paste_guard import PasteGuard
from typing_test.ui.common.theme import base_point_size

_EDITING_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


class EntryField(QLineEdit):
    """A field whose text only the data-entry page sets (see the module docstring)."""

    keyPressed = Signal(str, bool)  # one character, "Backspace" or "\n"; from the keypad
    advanceRequested = Signal()
    backRequested = Signal()
    focused = Signal()

    def __init__(self, enter_is_key: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.enter_is_key = enter_is_key
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(base_point_size(QApplication.instance()) * 1.15)
        self.setFont(font)
        # No context menu: its Undo, Cut and Delete would edit the field
        # behind the log's back; a right click counts as a refused paste.
        self.guard = PasteGuard(self, menu=False)

    def show_value(self, text: str) -> None:
        """Show what the field holds, the cursor at its end (where keys go)."""
        if self.text() != text:
            self.setText(text)
        self.setCursorPosition(len(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        keypad = bool(event.modifiers() & Qt.KeyboardModifier.KeypadModifier)
        if key == Qt.Key.Key_Escape:
            event.ignore()  # the page's Esc shortcut, or the screening's, decides
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.enter_is_key:
                self.keyPressed.emit(ENTER, keypad)
            else:
                self.advanceRequested.emit()
            return
        if key == Qt.Key.Key_Backspace and not event.modifiers() & _EDITING_MODIFIERS:
            self.keyPressed.emit(BACKSPACE, keypad)
            return
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
        ):
            for character in text:  # a dead key may give two
                self.keyPressed.emit(character, keypad)
            return
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            event.ignore()  # a button's mnemonic
            return
        event.accept()  # arrows, Home, Delete, Ctrl+Z...: nothing to do here

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        # A composed character (the guard has refused anything long already).
        for character in event.commitString():
            if character.isprintable():
                self.keyPressed.emit(character, False)
        event.accept()

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802
        if self.enter_is_key:
            return super().focusNextPrevChild(next_)
        (self.advanceRequested if next_ else self.backRequested).emit()
        return True

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.setCursorPosition(len(self.text()))
        self.focused.emit()
