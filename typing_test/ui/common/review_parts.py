"""Pieces the review screens share: score banner, figures grid, marked text views,
tables."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from typing_test.ui.common.theme import MARK_INK, base_point_size, set_role

GOOD_SCORE, FAIR_SCORE = 80, 50
# Text scaled this much from the application font: what the person reads and edits.
READING_FONT_SCALE = 1.3


def figures_grid(figures: Sequence[tuple[str, str]],
                 columns: int) -> tuple[QGridLayout, dict[str, QLabel], dict[str, QLabel]]:
    """A result's figures in ``columns`` columns, each a caption over its value.

    ``figures`` are (key, caption) pairs; the value labels are named after the
    keys (and styled as figures). Returns the grid, the value labels and the
    caption labels, both by key.
    """
    grid = QGridLayout()
    values: dict[str, QLabel] = {}
    captions: dict[str, QLabel] = {}
    for index, (key, title) in enumerate(figures):
        caption = QLabel(title)
        set_role(caption, "hint")
        value = QLabel()
        value.setObjectName(key)
        set_role(value, "figure")
        values[key], captions[key] = value, caption
        row, column = divmod(index, columns)
        grid.addWidget(caption, row * 2, column)
        grid.addWidget(value, row * 2 + 1, column)
    return grid, values, captions


def score_verdict(percent: float) -> str:
    """The banner's colour for a score: "pass" (green) from 80 %, "fair" (orange)
    from 50 %, "fail" (red) below.

    >>> score_verdict(80), score_verdict(79.9), score_verdict(49)
    ('pass', 'fair', 'fail')
    """
    if percent >= GOOD_SCORE:
        return "pass"
    if percent >= FAIR_SCORE:
        return "fair"
    return "fail"


def show_banner(label: QLabel, text: str, verdict: str) -> None:
    """Put ``text`` on the big result banner ``label``, coloured for ``verdict``
    ("pass", "fair", "fail", or "none" for grey). The words say the verdict too:
    the colour only repeats it."""
    label.setText(text)
    set_role(label, "banner", verdict=verdict)


def show_score(label: QLabel, score: str, percent: float, *, abandoned: bool) -> None:
    """Put ``score`` on the big banner ``label``, coloured as :func:`score_verdict`
    says for ``percent``, or in grey after "Abandoned:"."""
    if abandoned:
        show_banner(label, f"Abandoned: {score}", "none")
    else:
        show_banner(label, f"Score: {score}", score_verdict(percent))


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
        # The swatch's own colour is the one thing a page sets: it is the mark's.
        swatch.setStyleSheet(f"QLabel {{ background: {colour.name()}; }}")
        set_role(swatch, "swatch")
        row.addWidget(swatch)
        label = QLabel(caption)
        set_role(label, "hint")
        row.addWidget(label)
        row.addSpacing(14)
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
    """A highlighter mark: ``colour`` under dark ink, readable in light and dark mode."""
    char_format = QTextCharFormat()
    char_format.setBackground(colour)
    char_format.setForeground(MARK_INK)
    return char_format


def reading_font(widget: QWidget, scale: float = READING_FONT_SCALE) -> None:
    """Give ``widget`` the larger font of text to read, ``scale`` times the system's."""
    font = widget.font()
    font.setPointSizeF(base_point_size(QApplication.instance()) * scale)
    widget.setFont(font)


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
    reading_font(view)
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
