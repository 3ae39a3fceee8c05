"""The review of a writing drill: the score out of 100, its breakdown, and the reply marked.

Red flags (things the reply must not say) and wrong facts (an amount, date or
time that differs from the situation) come first, in a list of their own
under the score: each line names the problem and quotes the sentence, and
choosing one (arrow keys or a click) selects that sentence in the reply, where
red-flag sentences have a red background and wrong facts an amber one.

The breakdown table has one row per scored part (spelling, grammar, subject,
greeting, closing, length, each required point, and each red flag). The reply
is shown with every spelling problem underlined in red and every grammar
problem in blue; the list beside it gives each problem's line, the words, the
message and the suggestions, and clicking one selects it in the reply. When
the scenario has an example reply, a second tab shows it.

Every list and table has an accessible name, and the breakdown can be reached
with the Tab key, so the page reads with a keyboard and a screen reader.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.email.drills import WritingScenario
from typing_test.core.email.findings import Finding
from typing_test.core.email.writing import (
    CATEGORIES,
    RED_FLAG_CAP,
    FeedbackItem,
    Quote,
    WritingFeedback,
)
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.review_parts import (
    background_format,
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
from typing_test.ui.common.theme import (
    MARK_BAD,
    MARK_CHANGED,
    MARK_INK,
    MARK_MISSED,
    MARK_SPELLING,
    current_colours,
    page_layout,
    readable,
    set_role,
)
from typing_test.ui.email.writing_page import GRAMMAR_COLOUR, SPELLING_COLOUR, underline_format

SPELLING_BACKGROUND = MARK_SPELLING
GRAMMAR_BACKGROUND = MARK_CHANGED
RED_FLAG_BACKGROUND = MARK_BAD
WRONG_FACT_BACKGROUND = MARK_MISSED
CATEGORY_TEXT = {
    "language": "Language",
    "structure": "Structure",
    "content": "Content",
    "red flag": "Red flag",
}
BREAKDOWN_COLUMNS = ["Part", "Item", "Points", "Comment"]
FINDING_COLUMNS = ["Line", "Words", "Problem", "Suggestions"]


def points_text(points: float) -> str:
    """Points as the breakdown shows them: "16", "7.5", "-20"."""
    return f"{points:.1f}".removesuffix(".0")


def issue_lines(feedback: WritingFeedback) -> list[tuple[str, Quote, str]]:
    """(text, quoted sentence, kind) for each red flag, then each wrong fact.

    ``kind`` is "red flag", "wrong fact" (it cost the point that states the
    fact) or "check" (a value the situation does not have, at no cost).
    """
    lines = [
        (f'Red flag: {hit.label}. In: "{hit.quote.sentence}"', hit.quote, "red flag")
        for hit in feedback.red_flags
    ]
    for wrong in feedback.wrong_facts:
        kind = "wrong fact" if wrong.fact else "check"
        lines.append((f'{wrong.message} In: "{wrong.quote.sentence}"', wrong.quote, kind))
    return lines


def finding_format(finding: Finding) -> QTextCharFormat:
    """How the review marks a finding: the writing page's underline on a light background."""
    char_format = underline_format(finding)
    spelling = finding.kind == "spelling"
    char_format.setBackground(SPELLING_BACKGROUND if spelling else GRAMMAR_BACKGROUND)
    char_format.setForeground(MARK_INK)
    return char_format


def _points_colour(item: FeedbackItem) -> QColor:
    """Green for full marks, orange for part, red for none or a deduction (the
    figures in the cell say the same)."""
    colours = current_colours()
    if item.earned < 0:
        return colours.danger_text
    if item.earned >= item.possible:
        return colours.success_text
    return colours.warning_text if item.earned > 0 else colours.danger_text


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
        set_role(self.summary_label, "lead")
        self.summary_label.setWordWrap(True)
        self.title_label = QLabel()
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.title_label, "hint")

        self.issues_caption = QLabel()
        set_role(self.issues_caption, "error")
        self.issues_caption.setWordWrap(True)
        self.issues_list = QListWidget()
        self.issues_list.setObjectName("issues")
        self.issues_list.setAccessibleName("Red flags and wrong facts")
        self.issues_list.setAccessibleDescription(
            "Choose one to select its sentence in your reply."
        )
        self.issues_list.setWordWrap(True)
        self.issues_list.currentRowChanged.connect(self._on_issue_selected)
        self.issues_caption.setBuddy(self.issues_list)
        self._issue_quotes: list[Quote] = []

        breakdown_caption = QLabel("How the score was made")
        set_role(breakdown_caption, "strong")
        self.breakdown_table = review_table(BREAKDOWN_COLUMNS, stretch=3,
                                            accessible_name="How the score was made")
        self.breakdown_table.setObjectName("breakdown")
        self.breakdown_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Reachable with Tab, so a screen reader can read it cell by cell.
        self.breakdown_table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.breakdown_table.setAccessibleName("How the score was made")

        self.reply_view = read_only_view("replyView", "Your reply")
        self.reply_view.setPlaceholderText("The reply was empty.")
        self.example_view = read_only_view("exampleView", "An example reply")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Your reply and an example reply")
        self.tabs.addTab(self.reply_view, "Your reply")
        self.tabs.addTab(self.example_view, "An example reply")

        self.findings_caption = QLabel()
        set_role(self.findings_caption, "strong")
        self.findings_caption.setWordWrap(True)
        self.findings_table = review_table(FINDING_COLUMNS, stretch=2,
                                           accessible_name="Spelling and grammar problems")
        self.findings_table.setObjectName("findings")
        self.findings_table.setAccessibleName("Spelling and grammar problems")
        self.findings_table.itemSelectionChanged.connect(self._on_finding_selected)

        reply_box = QWidget()
        reply_layout = QVBoxLayout(reply_box)
        reply_layout.setContentsMargins(0, 0, 0, 0)
        reply_layout.addLayout(
            legend(
                [
                    # The swatches are the colours drawn; the words say what else is.
                    ("Spelling (wavy red line)", SPELLING_BACKGROUND),
                    ("Grammar (wavy blue line)", GRAMMAR_BACKGROUND),
                    ("Red flag (sentence)", RED_FLAG_BACKGROUND),
                    ("Wrong fact (sentence)", WRONG_FACT_BACKGROUND),
                ]
            )
        )
        reply_layout.addWidget(self.tabs, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(reply_box)
        lower.addWidget(captioned(self.findings_caption, self.findings_table))
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        lower.setSizes([600, 400])  # the reply three fifths, the problems two
        lower.setChildrenCollapsible(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(captioned(breakdown_caption, self.breakdown_table))
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.again_button = QPushButton("Try &another drill")
        self.again_button.clicked.connect(self.againRequested)
        set_role(self.again_button, "primary")
        self.home_button = QPushButton("H&ome")
        self.home_button.clicked.connect(self.homeRequested)

        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(self.score_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.issues_caption)
        layout.addWidget(self.issues_list)
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
            f"{points_text(feedback.possible(category))}"
            for category in CATEGORIES
        ]
        parts.append(f"{feedback.word_count} word{'' if feedback.word_count == 1 else 's'}")
        if feedback.red_flags:
            count = len(feedback.red_flags)
            parts.append(
                f"{count} red flag{'' if count == 1 else 's'} (score capped at {RED_FLAG_CAP})"
            )
        self.summary_label.setText(" · ".join(parts))
        self.score_label.setAccessibleName(self.score_label.text())
        self.summary_label.setAccessibleName(self.summary_label.text())
        self.title_label.setText(f"Drill: {scenario.title}")
        self._fill_breakdown(feedback.items)

        self._text = text
        self.findings = list(feedback.findings)
        issues = issue_lines(feedback)
        self._show_reply(text, issues)
        self._fill_issues(issues)
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

    def _fill_issues(self, issues: list[tuple[str, Quote, str]]) -> None:
        self.issues_list.blockSignals(True)
        self.issues_list.clear()
        self._issue_quotes = []
        for line, quote, kind in issues:
            item = QListWidgetItem(line)
            item.setToolTip(line)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, line)
            colours = current_colours()
            item.setForeground(colours.danger_text if kind == "red flag"
                               else colours.warning_text)
            self.issues_list.addItem(item)
            self._issue_quotes.append(quote)
        self.issues_list.blockSignals(False)
        counts = []
        for kind, one, many in (
            ("red flag", "red flag", "red flags"),
            ("wrong fact", "wrong fact", "wrong facts"),
            ("check", "value to check", "values to check"),
        ):
            number = sum(1 for _, _, k in issues if k == kind)
            if number:
                counts.append(f"{number} {one if number == 1 else many}")
        self.issues_caption.setText(
            f"{', '.join(counts).capitalize()} (choose one to see the sentence in your reply)"
        )
        self.issues_caption.setVisible(bool(issues))
        self.issues_list.setVisible(bool(issues))
        # Room for two lines per problem (a long sentence wraps), four at most;
        # a scroll bar shows the rest.
        lines = min(4, 2 * max(1, len(issues)))
        self.issues_list.setFixedHeight(self.issues_list.fontMetrics().lineSpacing() * lines + 12)

    def _on_issue_selected(self, row: int) -> None:
        if not 0 <= row < len(self._issue_quotes):
            return
        quote = self._issue_quotes[row]
        self.tabs.setCurrentWidget(self.reply_view)
        select_span(self.reply_view, quote.start, quote.end)

    def _show_reply(self, text: str, issues: list[tuple[str, Quote, str]]) -> None:
        show_plain_text(self.reply_view, text)
        document = self.reply_view.document()
        # Sentences first, so the underlines of findings inside them stay visible.
        for _, quote, kind in issues:
            colour = RED_FLAG_BACKGROUND if kind == "red flag" else WRONG_FACT_BACKGROUND
            mark_span(document, quote.start, quote.end, background_format(colour))
        for finding in self.findings:
            start, end = visible_span(finding.start, finding.end, len(text))
            mark_span(document, start, end, finding_format(finding))
        self.reply_view.moveCursor(QTextCursor.MoveOperation.Start)

    def _fill_findings(self, text: str) -> None:
        self.findings_table.clearSelection()
        self.findings_table.setRowCount(len(self.findings))
        colours = current_colours()
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
                if column == 1:  # the underline's colour, where it reads on the table
                    colour = SPELLING_COLOUR if finding.kind == "spelling" else GRAMMAR_COLOUR
                    cell.setForeground(readable(colour, colours.base, colours.base_text))
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
