"""A plain-text editor for an email that refuses text pasted from elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from typing_test.ui.common.review_parts import reading_font


class EmailEditor(QPlainTextEdit):
    """A plain-text editor for an email that refuses text from outside itself.

    Typing, undo, and cut, copy and paste of text from this editor work as
    usual. Pasting or dropping anything else is refused and reported through
    ``pasteRefused(how)``, how being "shortcut" (Ctrl+V, Shift+Insert), "drop"
    or "paste" (any other way, such as an X11 middle click). Esc emits
    ``escapePressed``; Tab moves the focus on, as an email has no tabs.
    """

    pasteRefused = Signal(str)
    escapePressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("emailEditor")
        self.setTabChangesFocus(True)
        self.setAcceptDrops(True)  # so that a refused drop can be recorded
        reading_font(self)
        self.setStyleSheet("QPlainTextEdit#emailEditor { padding: 10px; }")
        self._copied: str | None = None  # the text last cut, copied or dragged from here

    def set_email(self, text: str) -> None:
        """Show ``text`` with the caret at the start; forget earlier copies and undo steps."""
        self._copied = None
        self.setCurrentCharFormat(QTextCharFormat())  # nothing carried over from before
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _is_own(self, source: QMimeData) -> bool:
        return self._copied is not None and source.hasText() and source.text() == self._copied

    # Qt overrides ----------------------------------------------------------------

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        data = super().createMimeDataFromSelection()
        self._copied = data.text()
        return data

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return self._is_own(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        if self._is_own(source):
            super().insertFromMimeData(source)
        else:
            self.pasteRefused.emit("paste")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        is_paste = event.matches(QKeySequence.StandardKey.Paste) or (
            event.key() == Qt.Key.Key_Insert
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if is_paste and not self._is_own(QGuiApplication.clipboard().mimeData()):
            self.pasteRefused.emit("shortcut")
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._is_own(event.mimeData()):
            super().dragEnterEvent(event)
        else:
            event.acceptProposedAction()  # accepted only to be refused on drop

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self._is_own(event.mimeData()):
            super().dragMoveEvent(event)
        else:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self._is_own(event.mimeData()):
            super().dropEvent(event)
        else:
            self.pasteRefused.emit("drop")
            event.ignore()
