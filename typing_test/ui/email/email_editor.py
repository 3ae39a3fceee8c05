"""A plain-text editor for an email that refuses text pasted from elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from typing_test.ui.common.paste_guard import PasteGuard
from typing_test.ui.common.review_parts import reading_font


class EmailEditor(QPlainTextEdit):
    """A plain-text editor for an email that refuses text from outside itself.

    Typing, undo, and cut, copy and paste of text from this editor work as
    usual. Pasting or dropping anything else is refused by its ``paste_guard``
    (on unless switched off with ``paste_guard.setEnabled(False)``) and
    reported through ``pasteRefused(how, chars)``, as ``PasteGuard`` reports
    it. Esc emits ``escapePressed``; Tab moves the focus on, as an email has
    no tabs.
    """

    pasteRefused = Signal(str, int)
    escapePressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("emailEditor")
        self.setTabChangesFocus(True)
        self.setAcceptDrops(True)  # so that a refused drop can be recorded
        reading_font(self)
        self.setStyleSheet("QPlainTextEdit#emailEditor { padding: 10px; }")
        self._copied: str | None = None  # the text last cut, copied or dragged from here
        self.paste_guard = PasteGuard(self, allows=self._is_own)
        self.paste_guard.pasteRefused.connect(self.pasteRefused)

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
        return self.paste_guard.admits(source) and super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        # The guard refuses paste by key, menu and drop before it gets here;
        # this catches any other route (a program calling paste()).
        if self.paste_guard.admits(source):
            super().insertFromMimeData(source)
        else:
            self.paste_guard.refuse("paste", len(source.text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)
