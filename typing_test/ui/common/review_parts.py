"""Pieces the review screens share: score banner, marked text views, tables."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from typing_test.ui.common.styles import (
    ABANDONED_BANNER_STYLE,
    FAIL_BANNER_STYLE,
    FAIR_BANNER_STYLE,
    PASS_BANNER_STYLE,
)

GOOD_SCORE, FAIR_SCORE = 80, 50


def score_style(percent: float) -> str:
    """The look of the big score: green from 80%, orange from 50%, red below."""
    if percent >= GOOD_SCORE:
        return PASS_BANNER_STYLE
    if percent >= FAIR_SCORE:
        return FAIR_BANNER_STYLE
    return FAIL_BANNER_STYLE


def show_score(label: QLabel, score: str, percent: float, *, abandoned: bool) -> None:
    """Put ``score`` on the big banner ``label``, coloured as :func:`score_style`
    says for ``percent``, or in grey after "Abandoned:"."""
    if abandoned:
        label.setText(f"Abandoned: {score}")
        label.setStyleSheet(ABANDONED_BANNER_STYLE)
    else:
        label.setText(f"Score: {score}")
        label.setStyleSheet(score_style(percent))


def visible_span(start: int, end: int, length: int) -> tuple[int, int]:
    """``start:end`` widened to the characters on both sides when it is empty.

    A place where the candidate deleted text has no characters of its own, so
    the review marks its neighbours instead.
    """
    if start < end:
        return start, end
    return max(0, start - 1), min(length, end + 1)


def mark_span(
    document: QTextDocument, start: int, end: int, char_format: QTextCharFormat
) -> None:
    """Merge ``char_format`` into the characters ``start:end`` of ``document``."""
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(char_format)


def show_plain_text(view: QPlainTextEdit, text: str) -> None:
    """Replace the text of ``view``, leaving none of the old marks behind.

    Qt carries the caret's character format over to the new text, so a caret
    left in a marked place would otherwise colour all of it.
    """
    view.setCurrentCharFormat(QTextCharFormat())
    view.setPlainText(text)


def select_span(view: QPlainTextEdit, start: int, end: int) -> None:
    """Select ``start:end`` in ``view`` and scroll it into sight."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()


def legend(entries: list[tuple[str, QColor]]) -> QHBoxLayout:
    """A row of colour swatches with captions."""
    row = QHBoxLayout()
    for caption, colour in entries:
        swatch = QLabel()
        swatch.setFixedSize(18, 14)
        swatch.setStyleSheet(f"background: {colour.name()}; border: 1px solid #9aa0a6;")
        row.addWidget(swatch)
        label = QLabel(caption)
        label.setStyleSheet("color: #3c4043; padding-right: 14px;")
        row.addWidget(label)
    row.addStretch(1)
    return row


def captioned(caption: QLabel, widget: QWidget) -> QWidget:
    """A box with ``caption`` above ``widget``, which takes the spare height."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(caption)
    layout.addWidget(widget, 1)
    return box


def background_format(colour: QColor) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setBackground(colour)
    return char_format


def read_only_view(name: str, accessible_name: str) -> QPlainTextEdit:
    """A read-only text view whose text can be selected, in the drills' font size;
    ``accessible_name`` is what a screen reader announces."""
    view = QPlainTextEdit()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setReadOnly(True)
    view.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    font = view.font()
    font.setPointSize(12)
    view.setFont(font)
    return view


def review_table(columns: list[str], stretch: int, accessible_name: str) -> QTableWidget:
    """A read-only table of one-line rows, picked a row at a time.

    Column ``stretch`` takes the spare width; the others fit their contents.
    ``accessible_name`` is what a screen reader announces. Tab leaves the
    table (the arrow keys move inside it).
    """
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(accessible_name)
    table.setTabKeyNavigation(False)
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)  # long text is elided; its tooltip has it all
    header = table.horizontalHeader()
    for column in range(len(columns)):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch else (
            QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    return table
