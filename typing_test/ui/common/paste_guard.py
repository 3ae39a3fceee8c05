"""Refuse text that was not typed into an answer field.

``PasteGuard`` is an event filter installed on one text field (the typing
area, the email editor, the formula box). While it is on, it refuses:

- the paste shortcut: Ctrl+V, Shift+Insert (``QKeySequence.Paste``);
- Paste from the context menu (the field's own menu, with that one entry
  refusing instead; or, for a field with no use for a menu, no menu at all);
- a drag and drop of anything;
- an X11 middle click, which pastes the selection;
- an input-method commit longer than ``MAX_TYPED_CHARS`` characters, and a
  single key event carrying more: an input method composes a character or
  a word, a passage arriving in one event was pasted by another route.

Each refusal emits ``pasteRefused(how, chars)`` (how: "shortcut",
"context-menu", "drop", "middle-click", "input-method", "key-event", or
"paste" for any other route the field reports, such as a program calling
``paste()``; chars: how many characters were refused, 0 when the clipboard
held no text) and shows the person a short message beside the field, which
goes away by itself. Nothing refused reaches the field.

A field may let its own text back in (the email editor moves text within the
email by cut and paste): ``allows(mime)`` says which.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDropEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QToolTip, QWidget

# An input method commits one composed character, or a word picked from its
# candidates (up to about a dozen characters in the languages it serves); a
# key event carries one character, a few for a dead key or a ligature. More
# in one event is text arriving from elsewhere.
MAX_TYPED_CHARS = 12
MESSAGE = "Pasting is not allowed here. Please type your answer."
MESSAGE_MS = 4000

_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove)
_MOUSE_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                 QEvent.Type.MouseButtonDblClick)


def is_paste_key(event: QKeyEvent) -> bool:
    """True for the paste shortcut of the platform, and Shift+Insert everywhere."""
    return event.matches(QKeySequence.StandardKey.Paste) or (
        event.key() == Qt.Key.Key_Insert
        and bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    )


def _text_length(source: QMimeData | None) -> int:
    return len(source.text()) if source is not None and source.hasText() else 0


class PasteGuard(QObject):
    """Refuses pasted, dropped and bulk-committed text in ``field``.

    ``menu``: keep the field's context menu, its Paste entry refusing (True),
    or show none and count a right click as a refused paste (False: for a
    field whose menu could only paste). ``allows``: the field's own text that
    may come back in; nothing by default. The guard is a child of the field
    and lives as long as it; ``PasteGuard.of(field)`` finds it.
    """

    pasteRefused = Signal(str, int)  # how, characters refused

    def __init__(
        self,
        field: QWidget,
        *,
        menu: bool = True,
        allows: Callable[[QMimeData], bool] | None = None,
        message: str = MESSAGE,
    ):
        super().__init__(field)
        self._field = field
        self._menu = menu
        self._allows = allows or (lambda source: False)
        self.message = message
        self._enabled = True
        self.menu: QMenu | None = None  # the context menu last shown, if any
        field.installEventFilter(self)
        if isinstance(field, QAbstractScrollArea):
            # Mouse, drag and context-menu events of a scroll area go to its viewport.
            field.viewport().installEventFilter(self)

    @staticmethod
    def of(field: QWidget) -> PasteGuard | None:
        """The guard installed on ``field``, if any."""
        return field.findChild(PasteGuard, options=Qt.FindChildOption.FindDirectChildrenOnly)

    # The switch ------------------------------------------------------------------

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 (Qt naming, like QWidget's)
        """Switch refusing on or off; a guard starts on."""
        self._enabled = enabled

    def isEnabled(self) -> bool:  # noqa: N802
        return self._enabled

    def admits(self, source: QMimeData | None) -> bool:
        """True when ``source`` may go in: the guard is off, or it is the field's own text."""
        return not self._enabled or (source is not None and self._allows(source))

    def refuse(self, how: str, chars: int) -> None:
        """Report a refused paste: the signal, and the message beside the field."""
        self.pasteRefused.emit(how, chars)
        field = self._field
        if field.isVisible():
            QToolTip.showText(field.mapToGlobal(QPoint(0, field.height())), self.message,
                              field, QRect(), MESSAGE_MS)

    # Events ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._enabled:
            return False
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and is_paste_key(event):
            event.accept()  # the key comes to the field (and so to us), not to a shortcut
            return True
        if kind == QEvent.Type.KeyPress:
            return self._key(event)
        if kind == QEvent.Type.InputMethod:
            return self._input_method(event)
        if kind == QEvent.Type.ContextMenu:
            self._context_menu(event)
            return True
        if kind in _DRAG_EVENTS:
            if self.admits(event.mimeData()):
                return False
            event.acceptProposedAction()  # taken, so that the drop is seen and refused
            return True
        if kind == QEvent.Type.Drop:
            return self._drop(event)
        if kind in _MOUSE_EVENTS and event.button() == Qt.MouseButton.MiddleButton:
            return self._middle_click(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        if is_paste_key(event):
            source = QGuiApplication.clipboard().mimeData()
            if self.admits(source):
                return False
            self.refuse("shortcut", _text_length(source))
            return True
        if len(event.text()) > MAX_TYPED_CHARS:
            self.refuse("key-event", len(event.text()))
            return True
        return False

    def _input_method(self, event: QInputMethodEvent) -> bool:
        commit = event.commitString()
        if len(commit) <= MAX_TYPED_CHARS:
            return False  # composing, or a composed character or word
        self.refuse("input-method", len(commit))
        # The field may still show what was being composed: clear it (this
        # event commits nothing, so it passes the filter).
        QCoreApplication.sendEvent(self._field, QInputMethodEvent())
        return True

    def _context_menu(self, event: QContextMenuEvent) -> None:
        source = QGuiApplication.clipboard().mimeData()
        if not self._menu:
            self.refuse("context-menu", _text_length(source))
            return
        menu = self._field.createStandardContextMenu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                # The same entry, refusing: the person sees why nothing arrives.
                refusing = QAction(action.text(), menu)
                refusing.setObjectName("edit-paste")
                refusing.setEnabled(_text_length(source) > 0)
                refusing.triggered.connect(self._paste_from_menu)
                menu.insertAction(action, refusing)
                menu.removeAction(action)
        self.menu = menu
        menu.popup(event.globalPos())

    def _paste_from_menu(self) -> None:
        source = QGuiApplication.clipboard().mimeData()
        if self.admits(source):
            self._field.paste()
        else:
            self.refuse("context-menu", _text_length(source))

    def _drop(self, event: QDropEvent) -> bool:
        if self.admits(event.mimeData()):
            return False
        self.refuse("drop", _text_length(event.mimeData()))
        event.setDropAction(Qt.DropAction.IgnoreAction)  # a moved text stays where it was
        event.ignore()
        return True

    def _middle_click(self, event: QMouseEvent) -> bool:
        clipboard = QGuiApplication.clipboard()
        if not clipboard.supportsSelection():
            return False  # only X11 pastes on a middle click
        source = clipboard.mimeData(clipboard.Mode.Selection)
        if self.admits(source):
            return False
        if event.type() == QEvent.Type.MouseButtonRelease:  # where X11 pastes
            self.refuse("middle-click", _text_length(source))
        return True
