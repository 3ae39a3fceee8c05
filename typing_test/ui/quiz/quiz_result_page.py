"""The result of an Office-skills quiz: PASS or FAIL, scores per topic, and a review.

The review goes through every question: the prompt, the candidate's answer,
the right answer, whether it was right, and the explanation. For a formula
task it also shows the values the formula gave and the values expected, on the
sheet shown and on the hidden copies with other numbers.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.quiz.formulas import FormulaValue
from typing_test.core.quiz.session import Answer, QuestionResult, QuizResult
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.review_parts import show_banner
from typing_test.ui.common.theme import Colours, current_colours, page_layout, set_role


class QuizResultPage(QWidget):
    """Shows one QuizResult. ``againRequested`` and ``homeRequested`` navigate."""

    againRequested = Signal()
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: QuizResult | None = None

        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.score_label = QLabel()
        self.score_label.setObjectName("quizScore")
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.score_label, "lead")
        self.score_label.setWordWrap(True)

        topics_caption = QLabel("Score by topic")
        set_role(topics_caption, "strong")
        self.topic_table = QTableWidget(0, 3)
        self.topic_table.setAccessibleName("Score per topic")
        self.topic_table.setTabKeyNavigation(False)
        self.topic_table.setHorizontalHeaderLabels(["Topic", "Correct", "Score"])
        header = self.topic_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.topic_table.verticalHeader().hide()
        self.topic_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.topic_table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.topic_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.review_caption = QLabel("Review of every question")
        set_role(self.review_caption, "strong")
        self.wrong_only_box = QCheckBox("Show only the questions answered wrong")
        self.wrong_only_box.toggled.connect(self._show_review)
        self.review_view = QTextBrowser()
        self.review_view.setAccessibleName("Review of every question")
        self.review_view.setObjectName("quizReview")
        self.review_view.setOpenLinks(False)

        self.again_button = QPushButton("Take &another quiz")
        self.again_button.clicked.connect(self.againRequested)
        set_role(self.again_button, "primary")
        self.home_button = QPushButton("H&ome")
        self.home_button.clicked.connect(self.homeRequested)

        review_header = QHBoxLayout()
        review_header.addWidget(self.review_caption)
        review_header.addStretch(1)
        review_header.addWidget(self.wrong_only_box)

        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.score_label)
        layout.addSpacing(6)
        layout.addWidget(topics_caption)
        layout.addWidget(self.topic_table)
        layout.addLayout(review_header)
        layout.addWidget(self.review_view, 1)
        layout.addLayout(button_row(self.home_button, self.again_button))

    def show_result(self, result: QuizResult) -> None:
        """Fill the page from ``result``."""
        self.result = result
        show_banner(self.verdict_label, result.verdict, "pass" if result.passed else "fail")
        summary = (
            f"{result.correct} of {result.total} correct: {percent_text(result.percent)} "
            f"(the pass mark is {percent_text(result.pass_mark)})."
        )
        if result.duration_seconds is not None:
            summary += f" Time taken {_minutes_seconds(result.duration_seconds)}."
        self.score_label.setText(summary)

        self.topic_table.setRowCount(len(result.topics))
        for row, score in enumerate(result.topics):
            cells = (score.title, f"{score.correct} / {score.total}", percent_text(score.percent))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.topic_table.setItem(row, column, item)
        self._fit_topic_table()

        wrong = sum(not question.correct for question in result.questions)
        self.wrong_only_box.setText(f"Show only the {wrong} questions answered wrong")
        self.wrong_only_box.setEnabled(wrong > 0)
        self.wrong_only_box.setChecked(False)
        self._show_review()

    def _fit_topic_table(self) -> None:
        # Every topic row shows without a scroll bar; there are only a handful.
        table = self.topic_table
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        table.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light to dark: redraw in its colours
            self._show_review()

    def _show_review(self) -> None:
        result = self.result
        if result is None:
            return
        titles = {score.topic: score.title for score in result.topics}
        wrong_only = self.wrong_only_box.isChecked()
        colours = current_colours()
        blocks = [
            _review_block(number, question, titles.get(question.topic, question.topic),
                          colours)
            for number, question in enumerate(result.questions, start=1)
            if not (wrong_only and question.correct)
        ]
        self.review_view.setHtml("".join(blocks) or "<p>Every question was answered right.</p>")


def percent_text(percent: float) -> str:
    """A percentage with a decimal only when needed: 80%, 66.7%, 69.5%.

    Never rounded up to a whole number, so 69.5% never reads as the 70% mark.
    """
    text = f"{percent:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _review_block(number: int, question: QuestionResult, topic_title: str,
                  colours: Colours) -> str:
    if question.correct:
        mark, colour = "Right", colours.success_text.name()
    elif not question.answered:
        mark, colour = "Not answered", colours.danger_text.name()
    else:
        mark, colour = "Wrong", colours.danger_text.name()
    muted = colours.muted.name()
    rows: list[tuple[str, str]] = []
    if question.type == "formula":
        rows.append(("Your formula", _answer_text(question.given)))
        rows.append(("A right formula", _answer_text(question.right_answer)))
        check = question.formula_check
        if check is not None:
            rows.append(("Value expected", _values_text(check.expected)))
            if check.given[0] is not None:
                rows.append(("Your formula gives", _values_text(check.given)))
        else:
            rows.append(("Value expected", question.right_value))
    else:
        rows.append(("Your answer", _answer_text(question.given)))
        rows.append(("Right answer", _answer_text(question.right_answer)))
    if question.feedback and question.answered:
        rows.append(("Why it is wrong", question.feedback))
    rows.append(("Explanation", question.explanation))

    formula_rows = ("Your formula", "A right formula")
    table = "".join(
        f"<tr><td style='color:{muted}; padding-right:12px;' valign='top'>"
        f"{html.escape(label)}:</td><td>{_cell_html(text, code=label in formula_rows)}</td></tr>"
        for label, text in rows
    )
    return (
        f"<p style='margin-top:14px; margin-bottom:2px;'><b>Question {number}</b>"
        f" <span style='color:{muted};'>- {html.escape(topic_title)} -</span>"
        f" <b style='color:{colour};'>{mark}</b></p>"
        f"<p style='margin-top:2px; margin-bottom:4px;'>{html.escape(question.prompt)}</p>"
        f"<table cellspacing='2'>{table}</table>"
    )


def _cell_html(text: str, *, code: bool) -> str:
    escaped = html.escape(text)
    return f"<code>{escaped}</code>" if code else escaped


def _answer_text(answer: Answer | str | tuple[str, ...] | bool) -> str:
    if answer is None:
        return "(not answered)"
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if isinstance(answer, tuple):
        return "; ".join(answer)
    return str(answer)


def _values_text(values: tuple[FormulaValue | None, ...]) -> str:
    """One value per grid, the sheet shown first, e.g.
    "500 on the sheet shown; 0, 0 and 500 on the 3 hidden sheets with other numbers"."""
    shown, *hidden = (_value_text(value) for value in values)
    if len(hidden) == 1:
        listed, where = hidden[0], "the hidden sheet"
    else:
        listed = ", ".join(hidden[:-1]) + " and " + hidden[-1]
        where = f"the {len(hidden)} hidden sheets"
    return f"{shown} on the sheet shown; {listed} on {where} with other numbers"


def _value_text(value: FormulaValue | None) -> str:
    # Text in quotes, as a formula writes it, with a space at either end shown
    # as ␣ (the same as in the feedback): spaces count, and a comma inside the
    # text never reads as one between values.
    if value is None:
        return "no value"
    return value.describe()


def _minutes_seconds(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
