"""Every stop of every page's focus chain has a name a screen reader can say."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from typing_test.core.quiz.banks import load_builtin_banks
from typing_test.core.quiz.session import draw_quiz
from typing_test.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    window = MainWindow(store, clock=clock, rng=random.Random(3),
                        banks_folder=tmp_path / "question-banks")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def focus_stops(page: QWidget) -> list[QWidget]:
    """The widgets Tab reaches on ``page``, in the window's focus chain."""
    stops, widget = [], page.window().nextInFocusChain()
    for _ in range(2000):  # the chain is a ring; this bounds a broken one
        if widget is page.window():
            break
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def unnamed(page: QWidget) -> list[str]:
    missing = []
    for widget in focus_stops(page):
        interface = QAccessible.queryAccessibleInterface(widget)
        if not interface or not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_page_names_each_focus_stop(qtbot, window):
    for page in window.all_pages():
        window.stack.setCurrentWidget(page)
        qtbot.wait(1)  # let the page lay out and show its children
        assert focus_stops(page) or page is window.typing_page, type(page).__name__
        assert unnamed(page) == [], type(page).__name__


def test_a_quiz_in_progress_names_its_question_buttons_and_answer_fields(qtbot, window):
    quiz = draw_quiz(load_builtin_banks(), 6, topics=["excel"], seed=1)
    window.start_quiz(quiz, 600)
    qtbot.wait(1)
    assert unnamed(window.quiz_page) == []
    page = window.quiz_page
    page.flag_button.click()
    assert page.question_buttons[0].accessibleName() == (
        "Question 1, not answered, flagged for review, shown now")
    assert page.question_buttons[1].accessibleName() == "Question 2, not answered"


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" in a button's text, lower case."""
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else None


def test_buttons_have_mnemonics_that_do_not_clash(qtbot, window):
    from PySide6.QtWidgets import QPushButton

    toolbar_keys = {mnemonic(window.help_button.text())}
    for page in window.all_pages():
        if page is window.home_page:
            continue  # the activity cards are picked with Tab and Enter
        window.stack.setCurrentWidget(page)
        qtbot.wait(1)
        buttons = [b for b in page.findChildren(QPushButton)
                   if b.isVisible() and b.text() and not b.text().isdigit()]
        keys = [mnemonic(b.text()) for b in buttons]
        assert None not in keys, (type(page).__name__, [b.text() for b in buttons])
        assert len(set(keys)) == len(keys), (type(page).__name__, keys)
        assert not set(keys) & toolbar_keys, (type(page).__name__, keys)


def test_tab_goes_down_each_form_page_in_reading_order(qtbot, window):
    for page in (window.quiz_setup, window.typing_setup, window.settings_page):
        window.stack.setCurrentWidget(page)
        qtbot.wait(1)
        places = [(w.mapTo(page, w.rect().topLeft()).y(), w.mapTo(page, w.rect().topLeft()).x())
                  for w in focus_stops(page)]
        assert places == sorted(places), type(page).__name__
