"""Every page fits a small office laptop's screen (1024x600) without clipping."""

from __future__ import annotations

import random

import pytest

from typing_test.core.quiz.banks import load_builtin_banks
from typing_test.core.quiz.session import draw_quiz
from typing_test.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    window = MainWindow(store, clock=clock, rng=random.Random(5),
                        banks_folder=tmp_path / "question-banks")
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    return window


def overflow(window, page) -> tuple[int, int]:
    """How many pixels ``page`` needs beyond the room the window gives it."""
    needed, room = page.minimumSizeHint(), window.stack.size()
    return max(0, needed.width() - room.width()), max(0, needed.height() - room.height())


def test_the_window_itself_fits(window):
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600


def test_every_page_fits_1024_by_600(qtbot, window):
    for page in window.all_pages():
        window.stack.setCurrentWidget(page)
        qtbot.wait(1)
        assert overflow(window, page) == (0, 0), type(page).__name__


def test_a_formula_question_fits_1024_by_600(qtbot, window):
    quiz = draw_quiz(load_builtin_banks(), 4, topics=["excel"], seed=2)
    window.start_quiz(quiz, 600)
    for _ in quiz.items:
        qtbot.wait(1)
        assert overflow(window, window.quiz_page) == (0, 0)
        window.quiz_page.next_button.click()
