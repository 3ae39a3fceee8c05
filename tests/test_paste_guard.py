"""Paste refused in every answer field, driven through the real widgets.

Three kinds of field: the typing area (on a running typing test page), the
email editor, and the quiz's formula box (on a running quiz). Each refuses
paste four ways (shortcut, context menu, drop, text arriving in one piece
by input method or key event); nothing refused reaches the field; each
refusal is reported with how and how many characters; an input method's
composition of a word still types.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from typing_test.core.quiz.banks import load_builtin_banks
from typing_test.core.quiz.session import rebuild_quiz
from typing_test.core.typing.scoring import final_text
from typing_test.ui.common.paste_guard import MAX_TYPED_CHARS, PasteGuard
from typing_test.ui.email.email_editor import EmailEditor
from typing_test.ui.quiz.quiz_page import QuizPage
from typing_test.ui.typing.typing_test_page import TypingTestPage

PASSAGE = "Please confirm the delivery date with the warehouse before Friday noon."
CLIPBOARD = "Dear customer, thank you for your patience while we checked your order."


@dataclass
class Field:
    """One answer field on its page, with what has arrived in it."""

    kind: str
    widget: QWidget
    page: QWidget
    refused: list[tuple[str, int]] = field(default_factory=list)

    @property
    def guard(self) -> PasteGuard:
        return PasteGuard.of(self.widget)

    @property
    def target(self) -> QWidget:
        """Where mouse, drag and menu events go: a scroll area's viewport."""
        viewport = getattr(self.widget, "viewport", None)
        return viewport() if viewport else self.widget

    def content(self) -> str:
        if self.kind == "typing":
            return final_text(self.page.session.events)
        if self.kind == "email":
            return self.widget.toPlainText()
        return self.widget.text()


class SecondsClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["typing", "email", "formula"])
def answer(request, qtbot, clock) -> Field:
    if request.param == "typing":
        page = TypingTestPage(clock=clock)
        widget = page.typing_area
        page.start_passage(PASSAGE, 60, "note", "A note")
    elif request.param == "email":
        page = widget = EmailEditor()
        widget.set_email("")
    else:
        page = QuizPage(clock=SecondsClock())
        quiz = rebuild_quiz(load_builtin_banks(), ["xlf-001"], seed=1)
        page.start(quiz, 600)
        widget = page.formula_edit
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    qtbot.waitExposed(page)
    widget.setFocus()
    answer = Field(request.param, widget, page)
    answer.guard.pasteRefused.connect(lambda how, chars: answer.refused.append((how, chars)))
    QGuiApplication.clipboard().setText(CLIPBOARD)
    QToolTip.hideText()
    return answer


def test_every_answer_field_has_a_guard_that_is_on(answer):
    assert answer.guard is not None and answer.guard.isEnabled()


def test_the_paste_shortcuts_are_refused(qtbot, answer):
    qtbot.keyClicks(answer.widget, "Pl")
    qtbot.keyClick(answer.widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(answer.widget, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    assert answer.content() == "Pl"
    assert answer.refused == [("shortcut", len(CLIPBOARD))] * 2
    assert QToolTip.text() == answer.guard.message  # told, without a dialog to dismiss


def test_paste_from_the_context_menu_is_refused(qtbot, answer):
    qtbot.keyClicks(answer.widget, "Pl")
    where = QPoint(5, 5)
    QApplication.sendEvent(
        answer.target,
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, answer.target.mapToGlobal(where)),
    )
    if answer.kind == "typing":
        # No menu: it could only paste, or cut and delete the passage shown.
        assert answer.guard.menu is None
        assert not [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMenu) and w.isVisible()]
    else:
        menu = answer.guard.menu
        assert menu is not None and menu.isVisible()
        paste = next(a for a in menu.actions() if a.objectName() == "edit-paste")
        assert paste.isEnabled() and "Paste" in paste.text()  # there, so the refusal is seen
        assert any(a.objectName() == "edit-copy" for a in menu.actions())  # the rest stays
        paste.trigger()
        menu.close()
    assert answer.content() == "Pl"
    assert answer.refused == [("context-menu", len(CLIPBOARD))]


def test_a_drop_is_refused(qtbot, answer):
    qtbot.keyClicks(answer.widget, "Pl")
    mime = QMimeData()
    mime.setText("dropped in from another window")
    drag = (QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*drag)
    QApplication.sendEvent(answer.target, enter)
    assert enter.isAccepted()  # taken, so that the drop arrives to be refused
    drop = QDropEvent(QPointF(5, 5), *drag[1:])
    QApplication.sendEvent(answer.target, drop)
    assert not drop.isAccepted()
    assert answer.content() == "Pl"
    assert answer.refused == [("drop", len("dropped in from another window"))]


def test_text_arriving_in_one_piece_is_refused(qtbot, answer):
    qtbot.keyClicks(answer.widget, "Pl")
    # The whole passage as one input-method commit, then as one key event:
    # before the guard, 97 keystrokes at two timestamps and a PASS at 588 WPM.
    commit = QInputMethodEvent()
    commit.setCommitString(PASSAGE)
    QApplication.sendEvent(answer.widget, commit)
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, PASSAGE)
    QApplication.sendEvent(answer.widget, key)
    # One character over the limit is already refused.
    too_long = QInputMethodEvent()
    too_long.setCommitString("x" * (MAX_TYPED_CHARS + 1))
    QApplication.sendEvent(answer.widget, too_long)
    assert answer.content() == "Pl"
    assert answer.refused == [("input-method", len(PASSAGE)), ("key-event", len(PASSAGE)),
                              ("input-method", MAX_TYPED_CHARS + 1)]


def test_an_input_method_composing_a_word_still_types(qtbot, answer):
    qtbot.keyClicks(answer.widget, "Pl")
    composing = QInputMethodEvent("にほん", [])
    QApplication.sendEvent(answer.widget, composing)
    word = QInputMethodEvent()
    word.setCommitString("日本")
    QApplication.sendEvent(answer.widget, word)
    accented = QInputMethodEvent()
    accented.setCommitString("é")
    QApplication.sendEvent(answer.widget, accented)
    longest = QInputMethodEvent()
    longest.setCommitString("x" * MAX_TYPED_CHARS)  # a word of the longest length allowed
    QApplication.sendEvent(answer.widget, longest)
    assert answer.content() == "Pl日本é" + "x" * MAX_TYPED_CHARS
    assert answer.refused == []


def test_a_middle_click_paste_is_refused_where_the_system_has_one(qtbot, answer, monkeypatch):
    # X11 pastes the selection on a middle click; the offscreen test platform has
    # no selection, so the test says it has one.
    monkeypatch.setattr(QClipboard, "supportsSelection", lambda self: True)
    where = QPointF(5, 5)
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(answer.target, QMouseEvent(
            kind, where, answer.target.mapToGlobal(where), Qt.MouseButton.MiddleButton,
            Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier))
    assert answer.content() == ""
    assert [how for how, _ in answer.refused] == ["middle-click"]


def test_a_typing_test_records_each_refusal_with_its_size(qtbot, clock):
    page = TypingTestPage(clock=clock)
    qtbot.addWidget(page)
    page.show()
    page.start_passage(PASSAGE, 60, "note", "A note")
    qtbot.keyClicks(page.typing_area, "P")
    clock.advance(1500)
    commit = QInputMethodEvent()
    commit.setCommitString(PASSAGE[1:])
    QApplication.sendEvent(page.typing_area, commit)
    assert page.session.position == 1
    assert page.session.incidents == [
        {"t": 1500, "type": "paste-refused", "how": "input-method", "chars": len(PASSAGE) - 1}
    ]
    assert "not allowed" in page.notice_label.text()


def test_the_email_editor_guard_can_be_switched_off_and_on(qtbot):
    editor = EmailEditor()
    qtbot.addWidget(editor)
    editor.show()
    guard = PasteGuard.of(editor)
    refused = []
    editor.pasteRefused.connect(lambda how, chars: refused.append((how, chars)))
    QGuiApplication.clipboard().setText("notes")
    guard.setEnabled(False)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "notes" and refused == []
    guard.setEnabled(True)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    editor.paste()  # a program calling paste(): refused too
    assert editor.toPlainText() == "notes"
    assert refused == [("shortcut", 5), ("paste", 5)]


def test_a_window_shortcut_for_paste_does_not_get_round_the_guard(qtbot, answer):
    # A Ctrl+V shortcut elsewhere in the window must not take the key first.
    from PySide6.QtGui import QKeySequence, QShortcut

    fired = []
    shortcut = QShortcut(QKeySequence.StandardKey.Paste, answer.page)
    shortcut.activated.connect(lambda: fired.append(True))
    qtbot.keyClick(answer.widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert fired == []
    assert answer.refused == [("shortcut", len(CLIPBOARD))]


def test_the_menu_key_opens_no_way_round_either(qtbot, answer):
    # The Menu key (or Shift+F10) sends the menu event to the field itself,
    # not to a scroll area's viewport.
    QApplication.sendEvent(
        answer.widget,
        QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(2, 2),
                          answer.widget.mapToGlobal(QPoint(2, 2))),
    )
    if answer.kind == "typing":
        assert answer.refused == [("context-menu", len(CLIPBOARD))]
    else:
        paste = next(a for a in answer.guard.menu.actions() if a.objectName() == "edit-paste")
        paste.trigger()
        answer.guard.menu.close()
        assert answer.refused == [("context-menu", len(CLIPBOARD))]
    assert answer.content() == ""
