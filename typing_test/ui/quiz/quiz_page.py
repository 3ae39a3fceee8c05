"""An Office-skills quiz in progress: one question at a time, a countdown, submit.

Every answer goes straight into the core ``QuizSession``, so moving between
questions never loses one. The page is graded when the candidate submits (after
a confirmation when questions are unanswered) or when the time runs out; it
then emits ``finished`` with the ``QuizResult`` and the main window stores it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.quiz.formulas import Grid
from typing_test.core.quiz.session import Answer, Quiz, QuizItem, QuizSession, grade_quiz
from typing_test.ui.common.confirmation_bar import confirmation_bar, show_time_left
from typing_test.ui.common.paste_guard import PasteGuard
from typing_test.ui.common.review_parts import reading_font
from typing_test.ui.common.theme import TYPE_SCALE, base_point_size, page_layout, set_role
from typing_test.ui.quiz.formula_grid import FormulaGrid

REFRESH_MS = 250
LOW_TIME_S = 60
STRIP_COLUMNS = 20

# Marks beside the number, so a state never shows by colour alone. (The
# colours of each state are the theme's "question" role.)
ANSWERED_MARK, FLAG_MARK = "\u2713", "\u2691"  # ✓ and ⚑

INSTRUCTIONS = {
    "single": "Choose one answer.",
    "multiple": "Select all that apply.",
    "truefalse": "Is this statement true or false?",
}


class QuizPage(QWidget):
    """Runs one quiz. ``finished`` carries the graded ``QuizResult``.

    ``clock`` returns seconds, like ``QuizSession``; tests inject a fake one
    and call :meth:`refresh` where the page's timer would.
    """

    finished = Signal(object)  # the QuizResult

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._clock = clock
        self.session: QuizSession | None = None
        self.time_limit_s = 0
        self.timed_out = False
        self.current_index = 0
        self._reported = False  # finished is emitted once per quiz
        self.question_buttons: list[QPushButton] = []
        self.option_buttons: list[QAbstractButton] = []
        self._option_answers: list[str | bool] = []
        self._option_group: QButtonGroup | None = None

        self.progress_label = QLabel()
        self.progress_label.setObjectName("questionNumber")
        set_role(self.progress_label, "timer")
        self.topic_label = QLabel()
        set_role(self.topic_label, "hint")
        self.answered_label = QLabel()

        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        set_role(self.time_left_label, "timer", low=False)

        self._strip = QWidget()
        self._strip_layout = QGridLayout(self._strip)
        self._strip_layout.setContentsMargins(0, 0, 0, 0)
        self._strip_layout.setSpacing(4)
        self._strip_layout.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.strip_area = QScrollArea()
        self.strip_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its buttons take the focus
        self.strip_area.setWidget(self._strip)
        self.strip_area.setWidgetResizable(True)
        self.strip_area.setFrameShape(QFrame.Shape.NoFrame)
        self.strip_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("prompt")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.prompt_label, "lead")
        self.instruction_label = QLabel()
        set_role(self.instruction_label, "hint")

        self._options_box = QWidget()
        self._options_layout = QVBoxLayout(self._options_box)
        self._options_layout.setContentsMargins(8, 4, 0, 4)
        self._options_layout.setSpacing(10)

        self.formula_grid = FormulaGrid()
        self.formula_label = QLabel()
        self.formula_label.setObjectName("formulaTarget")
        set_role(self.formula_label, "strong")
        self.formula_edit = QLineEdit()
        self.formula_edit.setAccessibleName("Your formula")
        self.formula_edit.setPlaceholderText("=")
        formula_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        formula_font.setPointSizeF(base_point_size(QApplication.instance()) * 1.3)
        self.formula_edit.setFont(formula_font)
        self.formula_edit.setMinimumWidth(360)
        self.formula_edit.textEdited.connect(self._on_formula_edited)
        self.formula_edit.returnPressed.connect(self.go_next)
        # A formula is typed, never pasted (in practice too): pasteRefused reports each try.
        self.formula_guard = PasteGuard(self.formula_edit)
        formula_hint = QLabel(
            "Start with = as in Excel, for example =SUM(B2:B5). "
            "Press Enter to go to the next question."
        )
        set_role(formula_hint, "hint")
        self.formula_panel = QWidget()

        # Alt+P, Alt+N, Alt+F and Alt+S, and Page Up / Page Down, from anywhere on the page.
        self.previous_button = QPushButton("< &Previous")
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button = QPushButton("&Next >")
        self.next_button.clicked.connect(self.go_next)
        for key, slot in ((QKeySequence.StandardKey.MoveToPreviousPage, self.go_previous),
                          (QKeySequence.StandardKey.MoveToNextPage, self.go_next)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.flag_button = QPushButton("&Flag for review")
        self.flag_button.setCheckable(True)
        self.flag_button.setToolTip("Mark this question to come back to it before you submit")
        self.flag_button.clicked.connect(self._on_flag_clicked)
        self.submit_button = QPushButton("&Submit quiz")
        self.submit_button.clicked.connect(self.request_submit)
        set_role(self.submit_button, "primary")
        for button in (self.previous_button, self.next_button, self.flag_button,
                       self.submit_button):
            button.setMinimumHeight(34)
            button.setMinimumWidth(110)
            button.setAutoDefault(False)

        self.confirm_bar = QFrame()
        self.confirm_bar.setObjectName("confirmBar")
        set_role(self.confirm_bar, "warningBar")
        self.confirm_label = QLabel()
        self.confirm_label.setWordWrap(True)
        self.keep_answering_button = QPushButton("&Keep answering")
        self.keep_answering_button.clicked.connect(self._keep_answering)
        self.confirm_submit_button = QPushButton("Submit &anyway")
        self.confirm_submit_button.clicked.connect(self.submit)
        self.confirm_bar.hide()

        # Esc asks whether to leave; a left quiz is saved as abandoned.
        self.leave_question = QLabel(
            "Leave this quiz? It is saved as abandoned and never counts as a pass."
        )
        self.stay_button = QPushButton("&Keep answering")
        self.stay_button.clicked.connect(self._stay)
        self.leave_button = QPushButton("&Leave quiz")
        self.leave_button.clicked.connect(self.abandon)
        self.leave_bar = confirmation_bar(
            "leaveBar", "warningBar", self.leave_question, self.stay_button,
            self.leave_button,
        )
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.request_leave)
        self.abandoned = False

        self._build_layout(formula_hint)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def _build_layout(self, formula_hint: QLabel) -> None:
        header = QHBoxLayout()
        header.addWidget(self.progress_label)
        header.addWidget(self.topic_label)
        header.addStretch(1)
        header.addWidget(self.answered_label)
        header.addWidget(self.time_left_label)

        legend = QHBoxLayout()
        legend.setSpacing(6)
        for sample, text, state in (
            ("1", "Current question", {"current": True}),
            ("2" + ANSWERED_MARK, "Answered", {"answered": True}),
            ("3", "Not answered", {}),
            ("4" + FLAG_MARK, "Flagged for review", {"flagged": True}),
        ):
            swatch = QLabel(sample)
            swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
            set_role(swatch, "question", **state)
            legend.addWidget(swatch)
            caption = QLabel(text)
            set_role(caption, "hint")
            legend.addWidget(caption)
            legend.addSpacing(12)
        legend.addStretch(1)
        jump_hint = QLabel("Click a number to go to that question.")
        set_role(jump_hint, "hint")
        legend.addWidget(jump_hint)

        formula_row = QHBoxLayout()
        formula_row.addWidget(self.formula_label)
        formula_row.addWidget(self.formula_edit, 1)
        formula_layout = QVBoxLayout(self.formula_panel)
        formula_layout.setContentsMargins(0, 0, 0, 0)
        formula_layout.addWidget(self.formula_grid)
        formula_layout.addSpacing(6)
        formula_layout.addLayout(formula_row)
        formula_layout.addWidget(formula_hint)

        card = QFrame()
        card.setObjectName("questionCard")
        set_role(card, "panel")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(20, 16, 20, 16)
        card_layout.addWidget(self.prompt_label)
        card_layout.addWidget(self.instruction_label)
        card_layout.addWidget(self._options_box)
        card_layout.addWidget(self.formula_panel, 1)
        card_layout.addStretch(0)

        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.next_button)
        navigation.addSpacing(16)
        navigation.addWidget(self.flag_button)
        navigation.addStretch(1)
        navigation.addWidget(self.submit_button)

        bar_layout = QHBoxLayout(self.confirm_bar)
        bar_layout.addWidget(self.confirm_label, 1)
        bar_layout.addWidget(self.keep_answering_button)
        bar_layout.addWidget(self.confirm_submit_button)

        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(header)
        layout.addWidget(self.strip_area)
        layout.addLayout(legend)
        layout.addSpacing(6)
        layout.addWidget(card, 1)
        layout.addWidget(self.confirm_bar)
        layout.addWidget(self.leave_bar)
        layout.addLayout(navigation)

    # Starting ------------------------------------------------------------------

    def start(self, quiz: Quiz, time_limit_s: int) -> None:
        """Begin ``quiz`` with ``time_limit_s`` seconds on the clock, at question 1."""
        self.session = QuizSession(quiz, clock=self._clock)
        self.time_limit_s = time_limit_s
        self.timed_out = False
        self.abandoned = False
        self.leave_bar.hide()
        self._reported = False
        self.confirm_bar.hide()
        self._build_strip(len(quiz.items))
        self.show_question(0)
        self.refresh()
        self._timer.start()

    def _build_strip(self, count: int) -> None:
        for button in self.question_buttons:
            self._strip_layout.removeWidget(button)
            button.hide()  # deleted later, but gone from the screen now
            button.deleteLater()
        self.question_buttons = []
        for index in range(count):
            button = QPushButton(str(index + 1))
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, index=index: self.show_question(index))
            row, column = divmod(index, STRIP_COLUMNS)
            self._strip_layout.addWidget(button, row, column)
            self.question_buttons.append(button)
        rows = (count + STRIP_COLUMNS - 1) // STRIP_COLUMNS
        self.strip_area.setFixedHeight(min(3, max(1, rows)) * 34)

    # Showing a question --------------------------------------------------------

    def show_question(self, index: int) -> None:
        """Show question ``index`` (0-based) with the answer given so far."""
        session = self.session
        if session is None or not 0 <= index < len(session.quiz.items):
            return
        self.current_index = index
        item = session.quiz.items[index]
        question = item.question
        total = len(session.quiz.items)
        self.progress_label.setText(f"Question {index + 1} of {total}")
        self.topic_label.setText(session.quiz.titles.get(question.topic, question.topic))
        self.prompt_label.setText(question.prompt)
        self.confirm_bar.hide()

        if question.type == "formula" and question.formula is not None:
            self._show_formula(question.formula.grid, question.formula.target, question.id)
        else:
            self._show_options(item)

        self._show_flag(question.id in session.flagged)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < total - 1)
        self._update_strip()

    def _show_options(self, item: QuizItem) -> None:
        question = item.question
        self.formula_panel.hide()
        self._clear_options()
        self.instruction_label.setText(INSTRUCTIONS.get(question.type, ""))
        given = self.session.answer_of(question.id)
        if question.type == "truefalse":
            choices: list[tuple[str, str | bool]] = [("True", True), ("False", False)]
        else:
            choices = [(option, option) for option in item.options]
        multiple = question.type == "multiple"
        self._option_group = QButtonGroup(self._options_box)
        self._option_group.setExclusive(not multiple)
        for text, answer in choices:
            button: QAbstractButton = QCheckBox(text) if multiple else QRadioButton(text)
            reading_font(button, TYPE_SCALE["lead"])
            if multiple:
                button.setChecked(isinstance(given, tuple) and answer in given)
            else:
                button.setChecked(given is not None and given == answer
                                  and type(given) is type(answer))
            button.toggled.connect(self._on_choice_toggled)
            self._option_group.addButton(button)
            # As wide as its text: a radio button only reacts to clicks on its text.
            self._options_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.option_buttons.append(button)
            self._option_answers.append(answer)
        self._options_box.show()
        if self.option_buttons:
            self.option_buttons[0].setFocus()

    def _clear_options(self) -> None:
        for button in self.option_buttons:
            self._options_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        if self._option_group is not None:
            self._option_group.deleteLater()
            self._option_group = None
        self.option_buttons = []
        self._option_answers = []

    def _show_formula(self, grid: Grid, target: str, question_id: str) -> None:
        self._clear_options()
        self._options_box.hide()
        self.instruction_label.setText(
            f"The highlighted cell {target} is empty. Write the formula that belongs there."
        )
        self.formula_grid.show_grid(grid, target)
        self.formula_label.setText(f"Type a formula for cell {target}:")
        given = self.session.answer_of(question_id)
        self.formula_edit.setText(given if isinstance(given, str) else "")
        self.formula_panel.show()
        self.formula_edit.setFocus()

    def _update_strip(self) -> None:
        session = self.session
        if session is None:
            return
        for index, (button, question_id) in enumerate(
            zip(self.question_buttons, session.quiz.question_ids(), strict=True)
        ):
            answered = session.is_answered(question_id)
            flagged = question_id in session.flagged
            current = index == self.current_index
            state = (answered, flagged, current)
            if state != (button.property("answered"), button.property("flagged"),
                         button.property("current")):
                button.setProperty("answered", answered)
                button.setProperty("flagged", flagged)
                button.setProperty("current", current)
                set_role(button, "question")  # re-polish only the buttons that changed
            marks = (ANSWERED_MARK if answered else "") + (FLAG_MARK if flagged else "")
            button.setText(f"{index + 1}{marks}")
            states = ["answered" if answered else "not answered"]
            if flagged:
                states.append("flagged for review")
            button.setToolTip(f"Question {index + 1}: {', '.join(states)}")
            spoken = states + ["shown now"] if current else states
            button.setAccessibleName(f"Question {index + 1}, {', '.join(spoken)}")
            if current:
                self.strip_area.ensureWidgetVisible(button)
        done = len(session.answers)
        total = len(session.quiz.items)
        flagged_count = len(session.flagged)
        text = f"{done} of {total} answered"
        if flagged_count:
            text += f", {flagged_count} flagged"
        self.answered_label.setText(text)

    # Answering -----------------------------------------------------------------

    def _on_choice_toggled(self, _checked: bool) -> None:
        chosen = [
            answer
            for button, answer in zip(self.option_buttons, self._option_answers, strict=True)
            if button.isChecked()
        ]
        question = self._current_question_id()
        item = self.session.quiz.item(question)
        answer: Answer
        if item.question.type == "multiple":
            answer = tuple(str(option) for option in chosen)
        else:
            answer = chosen[0] if chosen else None
        self._record(answer)

    def _on_formula_edited(self, text: str) -> None:
        self._record(text)

    def _record(self, answer: Answer) -> None:
        session = self.session
        if session is None or self._reported:
            return
        if self._time_is_up():
            self.refresh()  # the time ran out before this answer: end, ignoring it
            return
        session.set_answer(self._current_question_id(), answer)
        self.confirm_bar.hide()
        self._update_strip()

    def _current_question_id(self) -> str:
        return self.session.quiz.items[self.current_index].question.id

    # Navigating ----------------------------------------------------------------

    def go_next(self) -> None:
        """Show the next question (nothing happens on the last one)."""
        self.show_question(self.current_index + 1)

    def go_previous(self) -> None:
        """Show the previous question (nothing happens on the first one)."""
        self.show_question(self.current_index - 1)

    def _on_flag_clicked(self) -> None:
        if self.session is None or self._reported:
            return
        self._show_flag(self.session.toggle_flag(self._current_question_id()))
        self._update_strip()

    def _show_flag(self, flagged: bool) -> None:
        self.flag_button.setChecked(flagged)
        self.flag_button.setText("&Flagged for review" if flagged else "&Flag for review")

    # Submitting ----------------------------------------------------------------

    def request_submit(self) -> None:
        """Submit, or first ask in the confirmation bar when questions are unanswered."""
        session = self.session
        if session is None or self._reported:
            return
        if self._time_is_up():
            self.refresh()
            return
        unanswered = len(session.unanswered())
        if not unanswered:
            self.submit()
            return
        if unanswered == 1:
            question = "1 question is unanswered; it counts as wrong. Submit anyway?"
        else:
            question = f"{unanswered} questions are unanswered; they count as wrong. Submit anyway?"
        self.confirm_label.setText(question)
        self.confirm_bar.show()
        self.keep_answering_button.setFocus()

    def _keep_answering(self) -> None:
        """Hide the bar and go to the first unanswered question."""
        self.confirm_bar.hide()
        unanswered = self.session.unanswered() if self.session else []
        if unanswered:
            self.show_question(self.session.quiz.question_ids().index(unanswered[0]))

    def submit(self) -> None:
        """Grade the quiz now, whatever is unanswered (the confirmed choice)."""
        self._finish(timed_out=False)

    def request_leave(self) -> None:
        """Ask in the leave bar whether to leave the quiz (Esc)."""
        if self.session is None or self._reported:
            return
        self.confirm_bar.hide()
        self.leave_bar.show()
        self.stay_button.setFocus()

    def _stay(self) -> None:
        self.leave_bar.hide()
        self.show_question(self.current_index)

    def abandon(self) -> None:
        """End the quiz as abandoned (the confirmed choice of the person):
        ``finished`` still carries the graded answers, and ``abandoned`` is
        True, so it is stored but never counts as a pass."""
        if self.session is None or self._reported:
            return
        self.abandoned = True
        self._finish(timed_out=False)

    # Time ----------------------------------------------------------------------

    def time_left_s(self) -> float:
        """Seconds left on the clock (never below 0)."""
        if self.session is None:
            return 0.0
        return max(0.0, self.time_limit_s - self.session.elapsed_seconds())

    def _time_is_up(self) -> bool:
        return self.session is not None and self.time_left_s() <= 0

    def refresh(self) -> None:
        """Update the countdown; submit the quiz when the time has run out."""
        if self.session is None or self._reported:
            return
        seconds = int(self.time_left_s() + 0.999)  # whole seconds, rounded up
        show_time_left(self.time_left_label, seconds, low=seconds <= LOW_TIME_S)
        if self._time_is_up():
            self._finish(timed_out=True)

    def _finish(self, *, timed_out: bool) -> None:
        session = self.session
        if session is None or self._reported:
            return
        self._reported = True
        self._timer.stop()
        self.timed_out = timed_out
        self.confirm_bar.hide()
        self.leave_bar.hide()
        # A time-out noticed a moment late still took exactly the time allowed.
        duration = min(session.elapsed_seconds(), float(self.time_limit_s))
        result = grade_quiz(session.quiz, session.answers, duration_seconds=duration)
        self.finished.emit(result)

