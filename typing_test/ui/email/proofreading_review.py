"""The review of a proofreading drill: the score, the email marked, and each place explained.

Every seeded mistake and every new mistake is marked on the candidate's email:
green where a mistake was fixed, red where one was missed, orange where text
that was right was changed into a mistake, blue where it was reworded without
cost (another form of the same words, or a rewording that keeps the meaning
and the grammar). The table below lists the same places in text
order, with what the email said, what the candidate left, the correct version
and why; clicking a row selects the place in the email. A second tab shows
the correct email, its corrections in green.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.email.drills import ProofreadingDrill
from typing_test.core.email.proofreading import GradedSpan, ProofreadingResult
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
    MARK_GOOD,
    MARK_INK,
    MARK_MISSED,
    page_layout,
    set_role,
)

FIXED_COLOUR = MARK_GOOD
MISSED_COLOUR = MARK_BAD
INTRODUCED_COLOUR = MARK_MISSED
CHANGED_COLOUR = MARK_CHANGED
STATUS_TEXT = {
    "fixed": "Fixed",
    "missed": "Missed",
    "introduced": "New mistake",
    "changed": "Reworded (no cost)",
}
STATUS_COLOUR = {
    "fixed": FIXED_COLOUR,
    "missed": MISSED_COLOUR,
    "introduced": INTRODUCED_COLOUR,
    "changed": CHANGED_COLOUR,
}
# Each mark has its own line under it too, so it is told apart without colour.
_Underline = QTextCharFormat.UnderlineStyle
STATUS_UNDERLINE = {
    "fixed": _Underline.SingleUnderline,
    "missed": _Underline.WaveUnderline,
    "introduced": _Underline.DashUnderline,
    "changed": _Underline.DotLine,
}
LEGEND = [
    ("Mistake fixed (solid line)", FIXED_COLOUR),
    ("Mistake missed (wavy line)", MISSED_COLOUR),
    ("New mistake (dashed line)", INTRODUCED_COLOUR),
    ("Reworded, no cost (dotted line)", CHANGED_COLOUR),
]


def status_format(status: str) -> QTextCharFormat:
    """The mark of one place in the email: its colour and its kind of line."""
    char_format = background_format(STATUS_COLOUR[status])
    char_format.setUnderlineStyle(STATUS_UNDERLINE[status])
    char_format.setUnderlineColor(MARK_INK)
    return char_format

COLUMNS = ["Result", "The email said", "You left", "Correct", "Why"]


def _alternatives(accepted: tuple[str, ...]) -> str:
    """One correction as it is; several quoted, so "soon." or "soon!" stay readable."""
    if len(accepted) == 1:
        return accepted[0]
    return " or ".join(f'"{text}"' for text in accepted)


class ProofreadingReview(QWidget):
    """Shows one graded proofreading answer. ``againRequested``/``homeRequested`` navigate."""

    againRequested = Signal()
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # One (status, span) per table row, in the order shown.
        self.places: list[tuple[str, GradedSpan]] = []

        self.score_label = QLabel()
        self.score_label.setObjectName("score")
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.summary_label, "lead")
        self.title_label = QLabel()
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.title_label, "hint")

        self.answer_view = read_only_view("answerView", "Your answer")
        self.reference_view = read_only_view("referenceView", "The corrected email")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Your answer and the corrected email")
        self.tabs.addTab(self.answer_view, "Your email, marked")
        self.tabs.addTab(self.reference_view, "The correct email")

        self.table_caption = QLabel()
        set_role(self.table_caption, "strong")
        self.table = review_table(COLUMNS, stretch=len(COLUMNS) - 1,
                                  accessible_name="Every place in the email")
        self.table.setObjectName("places")
        self.table.itemSelectionChanged.connect(self._on_row_selected)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(captioned(self.table_caption, self.table))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
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
        layout.addLayout(legend(LEGEND))
        layout.addWidget(splitter, 1)
        layout.addLayout(button_row(self.home_button, self.again_button))

    def show_result(
        self,
        drill: ProofreadingDrill,
        answer: str,
        result: ProofreadingResult,
        *,
        abandoned: bool = False,
    ) -> None:
        """Fill the page from ``result``, the grade of ``answer`` to ``drill``."""
        show_score(self.score_label, f"{result.score:g}%", result.score, abandoned=abandoned)
        self.summary_label.setText(
            f"Fixed {len(result.fixed)} of {result.seeded} · missed {len(result.missed)} · "
            f"new mistakes {len(result.introduced)}"
        )
        self.title_label.setText(f"Drill: {drill.title}")

        self.places = sorted(
            [("fixed", span) for span in result.fixed]
            + [("missed", span) for span in result.missed]
            + [("introduced", span) for span in result.introduced]
            + [("changed", span) for span in result.changed],
            key=lambda place: (place[1].start, place[1].end),
        )
        self._show_answer(answer)
        self._show_reference(drill)
        self._fill_table(drill)
        self.tabs.setCurrentWidget(self.answer_view)

    def _show_answer(self, answer: str) -> None:
        show_plain_text(self.answer_view, answer)
        document = self.answer_view.document()
        for status, span in self.places:
            start, end = visible_span(span.start, span.end, len(answer))
            mark_span(document, start, end, status_format(status))
        self.answer_view.moveCursor(QTextCursor.MoveOperation.Start)

    def _show_reference(self, drill: ProofreadingDrill) -> None:
        show_plain_text(self.reference_view, drill.reference)
        document = self.reference_view.document()
        shift = 0  # how far the reference has moved from the text with mistakes
        for mistake in drill.mistakes:
            correction = mistake.corrections[0]
            start = mistake.start + shift
            mark_span(document, start, start + len(correction), status_format("fixed"))
            shift += len(correction) - len(mistake.mistake)
        self.reference_view.moveCursor(QTextCursor.MoveOperation.Start)

    def _fill_table(self, drill: ProofreadingDrill) -> None:
        self.table.clearSelection()
        self.table.setRowCount(len(self.places))
        for row, (status, span) in enumerate(self.places):
            original = drill.text[span.original_start : span.original_end]
            if status == "introduced":
                said = span.expected or "(nothing)"
                correct = span.expected or "(nothing: remove it)"
            elif status == "changed":
                said = span.expected or "(nothing)"
                correct = "Both are right"
            else:
                said = original
                correct = _alternatives(span.accepted) if span.accepted else span.expected
            if not span.found:
                left = "(deleted)"
            elif status == "missed" and span.found == original:
                left = "(not changed)"
            else:
                left = span.found
            cells = (STATUS_TEXT[status], said, left, correct, span.reason)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setBackground(STATUS_COLOUR[status])
                    item.setForeground(MARK_INK)
                self.table.setItem(row, column, item)
        self.table_caption.setText(
            "Every place in the email (click a row to see it in the email)"
            if self.places
            else "Nothing to show: no mistakes were fixed, missed or added."
        )

    def _on_row_selected(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return
        _status, span = self.places[rows.pop()]
        length = len(self.answer_view.toPlainText())
        start, end = visible_span(span.start, span.end, length)
        self.tabs.setCurrentWidget(self.answer_view)
        select_span(self.answer_view, start, end)
