"""The passage the candidate types over, marked character by character.

The widget shows the passage and turns keyboard input into keystrokes; it
does not score. Typed characters are never inserted: each keystroke only
re-formats the one passage character it landed on (a wrong space is swapped
for a visible mark of the same length), so a key costs the same on a
5,000-character passage as on a short one. A line break in the passage is
shown as a mark at the end of its line and typed with Enter.

Paste (shortcut, context menu, middle click), drag-and-drop and text that
arrives in one piece are refused by its ``PasteGuard`` (always on: pasting a
passage is not typing) and reported through ``pasteRefused`` so the attempt
can record them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from typing_test.core.typing.scoring import BACKSPACE
from typing_test.ui.common.paste_guard import PasteGuard
from typing_test.ui.common.theme import (
    MARK_CURRENT,
    MARK_INK,
    ON_FILL,
    TYPED_WRONG_FILL,
    base_point_size,
    current_colours,
)

# The passage is shown this much larger than the application font.
PASSAGE_FONT_SCALE = 1.9
_PENDING, _CORRECT, _WRONG, _CURRENT = range(4)


def _format(foreground: QColor, background: QColor | None = None) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setForeground(foreground)
    if background is not None:
        text_format.setBackground(background)
    else:
        text_format.clearBackground()
    return text_format


LINE_BREAK_MARK = "\u21b5"  # ↵ where the passage has a line break: press Enter
WRONG_SPACE_MARK = "\u2423"  # ␣ a space typed wrong, as wide as a letter


def wrap_lines(text: str, metrics: QFontMetrics, width: int) -> list[int]:
    """The passage index where each displayed line of ``text`` starts.

    A line of the passage (ended by "\\n") is broken greedily at spaces, like
    a word processor: a word goes on the line when it fits. The space or line
    break that ends a displayed line stays on that line, so every passage
    character is shown. A word wider than the whole line stays on a line of
    its own.
    """
    starts = [0]
    space = metrics.horizontalAdvance(" ")
    line_width = 0
    position = 0
    for line_index, line in enumerate(text.split("\n")):
        if line_index:
            starts.append(position)
            line_width = 0
        for word_index, word in enumerate(line.split(" ")):
            word_width = metrics.horizontalAdvance(word)
            if word_index == 0:
                line_width = word_width
            elif line_width + space + word_width <= width:
                line_width += space + word_width
            else:
                starts.append(position)
                line_width = word_width
            position += len(word) + 1  # the word and the space or break after it
    return starts


def document_position(line_starts: list[int], index: int) -> int:
    """Where passage character ``index`` stands in the shown document.

    Each displayed line is followed by a block separator that is not in the
    passage, so an index moves on by one per line before its own.

    >>> [document_position([0, 6, 12], i) for i in (0, 5, 6, 12)]
    [0, 5, 7, 14]
    """
    return index + bisect_right(line_starts, index) - 1


class TypingArea(QPlainTextEdit):
    """Shows a passage and emits one ``keyTyped`` per keystroke.

    ``keyTyped`` carries one character ("\\n" for Enter) or "Backspace". Tab
    never types: it moves the focus on. Dead keys, AltGr and
    input-method composition arrive as the composed character, once.
    """

    keyTyped = Signal(str)
    pasteRefused = Signal(str, int)  # how and characters, as PasteGuard.pasteRefused
    escapePressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("typingArea")
        self.setAccessibleName("Passage to type")
        self.setAccessibleDescription(
            "Type the passage. Each character turns green when right and red when wrong; "
            "press Enter at the end of a line."
        )
        self.setUndoRedoEnabled(False)  # formatting must not pile up an undo stack
        self.setAcceptDrops(True)  # accepted only so drops can be refused and recorded
        self.paste_guard = PasteGuard(  # no context menu: it could only paste or edit the passage
            self, menu=False, message="Pasting is not allowed in a typing test: type the passage."
        )
        self.paste_guard.pasteRefused.connect(self.pasteRefused)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setCursorWidth(2)
        # A scroll bar that comes and goes would change the width the lines
        # were wrapped for.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setTabChangesFocus(True)  # Tab moves on; it never types
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self._formats: dict[int, QTextCharFormat] = {}
        self._passage = ""
        self._states = bytearray()  # one _PENDING/_CORRECT/_WRONG per passage character
        # Passage index where each displayed line starts. Each displayed line
        # is one text block, and the block separator after it is a document
        # position that is not in the passage, hence document_position().
        self._line_starts: list[int] = [0]
        self._line_width = 0
        # Re-wrapping on every pixel of a window drag would be wasted work.
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(60)
        self._relayout_timer.timeout.connect(self._lay_out)
        self._current_position = -1
        self._cursor = QTextCursor(self.document())
        self.setStyleSheet("QPlainTextEdit#typingArea { padding: 12px; line-height: 150%; }")
        self._follow_system()

    def _follow_system(self) -> None:
        """Take the font size and colours from the application's, as they are now."""
        font = QFont(QApplication.font())
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(base_point_size(QApplication.instance()) * PASSAGE_FONT_SCALE)
        self.setFont(font)
        self.colours = current_colours()
        self._formats = {
            _PENDING: _format(self.colours.base_text),
            _CORRECT: _format(self.colours.typed_right_text),
            _WRONG: _format(ON_FILL, TYPED_WRONG_FILL),
            _CURRENT: _format(MARK_INK, MARK_CURRENT),
        }
        if self._passage:
            self._lay_out()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        # The system switched to dark mode or high contrast (the theme then sets
        # a new application style sheet), or the person changed the font.
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange,
                            QEvent.Type.ApplicationFontChange, QEvent.Type.PaletteChange):
            self._follow_system()

    # Display -----------------------------------------------------------------

    def set_passage(self, text: str) -> None:
        """Show ``text`` with nothing typed yet."""
        self._passage = text
        self._states = bytearray(len(text))
        self._current_position = 0
        self._lay_out()

    def _lay_out(self) -> None:
        """Break the passage into lines that fit the width, one text block each.

        Qt re-lays out a whole block when one of its characters changes
        format, so one block per line keeps a keystroke's cost independent of
        the passage length.
        """
        self._line_width = self._available_width()
        self._line_starts = wrap_lines(self._passage, self.fontMetrics(), self._line_width)
        ends = self._line_starts[1:] + [len(self._passage)]
        shown = self._passage.replace("\n", LINE_BREAK_MARK)
        lines = (shown[a:b] for a, b in zip(self._line_starts, ends, strict=True))
        # The caret's format would carry over to the new text (a re-layout after
        # some typing would show every untyped letter green), so start plain.
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText("\n".join(lines))
        self._cursor = QTextCursor(self.document())
        self._cursor.select(QTextCursor.SelectionType.Document)
        self._cursor.setCharFormat(self._formats[_PENDING])
        start = 0
        for end in range(1, len(self._states) + 1):  # re-apply the marks, run by run
            if end == len(self._states) or self._states[end] != self._states[start]:
                if self._states[start] != _PENDING:
                    self._cursor.setPosition(self.document_position(start))
                    self._cursor.setPosition(
                        self.document_position(end - 1) + 1, QTextCursor.MoveMode.KeepAnchor
                    )
                    self._cursor.setCharFormat(self._formats[self._states[start]])
                start = end
        for position, state in enumerate(self._states):
            if state == _WRONG and self._passage[position] == " ":
                self._render(position)  # shows the wrong-space mark
        self.show_position(self._current_position)

    def document_position(self, index: int) -> int:
        """The position in the shown document of passage character ``index``."""
        return document_position(self._line_starts, index)

    def shown_character(self, index: int) -> str:
        """The character the candidate sees at passage ``index``."""
        position = self.document_position(index)
        return self.document().characterAt(position)

    def _available_width(self) -> int:
        margin = 2 * self.document().documentMargin() + self.cursorWidth() + 8
        return max(120, int(self.viewport().width() - margin))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._passage and abs(self._available_width() - self._line_width) > 4:
            self._relayout_timer.start()

    def mark(self, position: int, correct: bool) -> None:
        """Colour the character at ``position`` as typed right or wrong."""
        self._set_state(position, _CORRECT if correct else _WRONG)

    def unmark(self, position: int) -> None:
        """Return the character at ``position`` to untyped (after Backspace)."""
        self._set_state(position, _PENDING)

    def show_position(self, position: int) -> None:
        """Highlight the next character to type and keep it in view."""
        previous, self._current_position = self._current_position, position
        if previous != position:
            self._render(previous)
        self._render(position)
        caret = QTextCursor(self.document())
        caret.setPosition(self.document_position(min(max(position, 0), len(self._states))))
        self.setTextCursor(caret)
        self.ensureCursorVisible()

    def _set_state(self, position: int, state: int) -> None:
        if 0 <= position < len(self._states):  # past the end: nothing to colour
            self._states[position] = state
            self._render(position)

    def _render(self, position: int) -> None:
        """Format the one character at ``position`` from its state.

        A wrong space would be a thin sliver of red, so it is shown as a
        wrong-space mark instead; the mark is put back to a space once the
        character is no longer wrong.
        """
        if not 0 <= position < len(self._states):
            return
        document_position = self.document_position(position)
        self._cursor.setPosition(document_position)
        self._cursor.setPosition(document_position + 1, QTextCursor.MoveMode.KeepAnchor)
        state = self._states[position]
        if position == self._current_position and state != _WRONG:
            text_format = self._formats[_CURRENT]
        else:
            text_format = self._formats[state]
        expected = self._passage[position]
        if expected == " ":
            shown = WRONG_SPACE_MARK if state == _WRONG else " "
            if self.document().characterAt(document_position) != shown:
                self._cursor.insertText(shown, text_format)  # same length: positions hold
                return
        self._cursor.setCharFormat(text_format)

    # Input -------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        if event.key() == Qt.Key.Key_Backspace:
            self.keyTyped.emit(BACKSPACE)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.keyTyped.emit("\n")
            return
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()  # focus moves on; a tab is never a keystroke
            return
        modifiers = event.modifiers()
        # Ctrl and Alt shortcuts are not typing; AltGr arrives as Ctrl+Alt on
        # Windows, and it does produce text, so that pair is let through.
        is_altgr = (
            modifiers & Qt.KeyboardModifier.ControlModifier
            and modifiers & Qt.KeyboardModifier.AltModifier
        )
        if (
            modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            and not is_altgr
        ):
            return
        self._emit_text(event.text())

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        # Composition in progress (the pre-edit string) is not a keystroke;
        # only the committed character is.
        self._emit_text(event.commitString())

    def _emit_text(self, text: str) -> None:
        for character in unicodedata.normalize("NFC", text):
            if character.isprintable():  # " " is printable; tabs and controls are not
                self.keyTyped.emit(character)

    # Refusals (the paste guard sees every event first) -------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return False

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        # Only a program calling paste() gets here; the passage is never changed.
        self.paste_guard.refuse("paste", len(source.text()))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # Clicking only focuses: no moving the caret, no selecting.
        self.setFocus()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pass

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.setFocus()
