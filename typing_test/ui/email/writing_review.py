"""The review of a writing drill: the score out of 100, its breakdown, and the reply marked.

The breakdown table has one row per scored part (spelling, grammar, subject,
greeting, closing, length, and each required point). The reply is shown with
every spelling problem underlined in red and every grammar problem in blue;
the list below it gives each problem's line, the words, the message and the
suggestions, and clicking one selects it in the reply. When the scenario has
an example reply, a second tab shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.email.drills import WritingScenario
from typing_test.core.email.findings import Finding
from typing_test.core.email.writing import FeedbackItem, WritingFeedback
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.review_parts import (
    captioned,
    legend,
    mark_span,
    read_only_view,
    review_table,
    select_span,
    show_plain_text,
    show_score,
    visible_span,
)
from typing_test.ui.email.writing_page import GRAMMAR_COLOUR, SPELLING_COLOUR, underline_format

SPELLING_BACKGROUND = QColor("#fad2cf")
GRAMMAR_BACKGROUND = QColor("#d2e3fc")
FULL_COLOUR = QColor("#1e8e3e")
PART_COLOUR = QColor("#b06000")
NONE_COLOUR = QColor("#c5221f")
CATEGORY_TEXT = {"language": "Language", "structure": "Structure", "content": "Content"}
BREAKDOWN_COLUMNS = ["Part", "Item", "Points", "Comment"]
FINDING_COLUMNS = ["Line", "Words", "Problem", "Suggestions"]


def points_text(points: float) -> str:
    """Points as the breakdown shows them: "16", "7.5"."""
    return f"{points:.1f}".removesuffix(".0")


def finding_format(finding: Finding) -> QTextCharFormat:
    """How the review marks a finding: the writing page's underline on a light background."""
    char_format = underline_format(finding)
    spelling = finding.kind == "spelling"
    char_format.setBackground(SPELLING_BACKGROUND if spelling else GRAMMAR_BACKGROUND)
    return char_format


def _points_colour(item: FeedbackItem) -> QColor:
    if item.earned >= item.possible:
        return FULL_COLOUR
    return PART_COLOUR if item.earned > 0 else NONE_COLOUR


class WritingReview(QWidget):
    """Shows the feedback on one reply. ``againRequested``/``homeRequested`` navigate."""

    againRequested = Signal()
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.findings: list[Finding] = []
        self._text = ""

        self.score_label = QLabel()
        self.score_label.setObjectName("score")
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label.setStyleSheet("font-size: 13pt;")
        self.summary_label.setWordWrap(True)
        self.title_label = QLabel()
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setStyleSheet("color: #5f6368;")

        breakdown_caption = QLabel("How the score was made")
        breakdown_caption.setStyleSheet("font-weight: 600;")
        self.breakdown_table = review_table(BREAKDOWN_COLUMNS, stretch=3)
        self.breakdown_table.setObjectName("breakdown")
        self.breakdown_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.breakdown_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.reply_view = read_only_view("replyView")
        self.reply_view.setPlaceholderText("The reply was empty.")
        self.example_view = read_only_view("exampleView")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.reply_view, "Your reply")
        self.tabs.addTab(self.example_view, "An example reply")

        self.findings_caption = QLabel()
        self.findings_caption.setStyleSheet("font-weight: 600;")
        self.findings_table = review_table(FINDING_COLUMNS, stretch=2)
        self.findings_table.setObjectName("findings")
        self.findings_table.itemSelectionChanged.connect(self._on_finding_selected)

        reply_box = QWidget()
        reply_layout = QVBoxLayout(reply_box)
        reply_layout.setContentsMargins(0, 0, 0, 0)
        reply_layout.addLayout(
            legend(
                [
                    ("Spelling problem (red underline)", SPELLING_COLOUR),
                    ("Grammar problem (blue underline)", GRAMMAR_COLOUR),
                ]
            )
        )
        reply_layout.addWidget(self.tabs, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(reply_box)
        lower.addWidget(captioned(self.findings_caption, self.findings_table))
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        lower.setChildrenCollapsible(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(captioned(breakdown_caption, self.breakdown_table))
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.again_button = QPushButton("Try another drill")
        self.again_button.clicked.connect(self.againRequested)
        self.home_button = QPushButton("Home")
        self.home_button.clicked.connect(self.homeRequested)

        layout = QVBoxLayout(self)
        layout.addWidget(self.score_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.title_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(button_row(self.home_button, self.again_button))

    def show_result(
        self,
        scenario: WritingScenario,
        text: str,
        feedback: WritingFeedback,
        *,
        abandoned: bool = False,
    ) -> None:
        """Fill the page from ``feedback`` on ``text``, the reply to ``scenario``."""
        score = f"{feedback.score} / 100"
        show_score(self.score_label, score, feedback.score, abandoned=abandoned)
        parts = [
            f"{CATEGORY_TEXT[category]} {points_text(feedback.subtotal(category))} of "
            f"{points_text(sum(i.possible for i in feedback.items if i.category == category))}"
            for category in ("language", "structure", "content")
        ]
        parts.append(f"{feedback.word_count} word{'' if feedback.word_count == 1 else 's'}")
        self.summary_label.setText(" · ".join(parts))
        self.title_label.setText(f"Drill: {scenario.title}")
        self._fill_breakdown(feedback.items)

        self._text = text
        self.findings = list(feedback.findings)
        self._show_reply(text)
        self._fill_findings(text)
        has_example = bool(scenario.model_reply.strip())
        show_plain_text(self.example_view, scenario.model_reply.strip())
        self.tabs.setTabEnabled(1, has_example)
        self.tabs.setTabToolTip(1, "" if has_example else "This drill has no example reply.")
        self.tabs.setCurrentWidget(self.reply_view)

    def _fill_breakdown(self, items: tuple[FeedbackItem, ...]) -> None:
        self.breakdown_table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = (
                CATEGORY_TEXT[item.category],
                item.label,
                f"{points_text(item.earned)} / {points_text(item.possible)}",
                item.message,
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 2:
                    cell.setForeground(_points_colour(item))
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.breakdown_table.setItem(row, column, cell)

    def _show_reply(self, text: str) -> None:
        show_plain_text(self.reply_view, text)
        document = self.reply_view.document()
        for finding in self.findings:
            start, end = visible_span(finding.start, finding.end, len(text))
            mark_span(document, start, end, finding_format(finding))
        self.reply_view.moveCursor(QTextCursor.MoveOperation.Start)

    def _fill_findings(self, text: str) -> None:
        self.findings_table.clearSelection()
        self.findings_table.setRowCount(len(self.findings))
        for row, finding in enumerate(self.findings):
            line = text.count("\n", 0, finding.start) + 1
            kind = "Spelling" if finding.kind == "spelling" else "Grammar"
            cells = (
                str(line),
                finding.text,
                finding.message,
                ", ".join(finding.suggestions) or "-",
            )
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setToolTip(f"{kind}: {value} (rule {finding.rule})" if column == 2 else value)
                if column == 1:
                    colour = SPELLING_COLOUR if finding.kind == "spelling" else GRAMMAR_COLOUR
                    cell.setForeground(colour)
                self.findings_table.setItem(row, column, cell)
        count = len(self.findings)
        self.findings_caption.setText(
            f"Spelling and grammar: {count} problem{'' if count == 1 else 's'} "
            "(click one to see it in your reply)"
            if count
            else "Spelling and grammar: no problems found"
        )

    def _on_finding_selected(self) -> None:
        rows = {index.row() for index in self.findings_table.selectedIndexes()}
        if len(rows) != 1:
            return
        finding = self.findings[rows.pop()]
        start, end = visible_span(finding.start, finding.end, len(self._text))
        self.tabs.setCurrentWidget(self.reply_view)
        select_span(self.reply_view, start, end)
