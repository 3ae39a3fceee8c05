"""A read-only sheet for an Excel formula task: the grid, with Excel's headers.

Columns are headed A, B, C... and rows 1, 2, 3..., as in Excel, so that the
cell addresses the candidate types (``=SUM(B2:B5)``) can be read off the screen.
Cells are aligned the way Excel aligns them by default: numbers and dates to
the right, text to the left, TRUE/FALSE centred. The target cell, where the
formula goes, is highlighted and its row and column headers are bold.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from typing_test.core.quiz.formulas import Grid, column_letters, display_cell, parse_address
from typing_test.ui.common.theme import SHEET_STYLE, SHEET_TARGET, SHEET_TARGET_FRAME

TARGET_BACKGROUND = SHEET_TARGET
TARGET_BORDER = SHEET_TARGET_FRAME
MIN_COLUMN_WIDTH = 72
CELL_PADDING = 16
ROW_HEIGHT = 26

_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_CENTRE = Qt.AlignmentFlag.AlignCenter


class FormulaGrid(QTableWidget):
    """A small sheet shown read-only; ``show_grid(grid, "B6")`` fills it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.target = ""
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # The candidate types in the formula box; the sheet is only to look at,
        # so Tab should skip it.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.horizontalHeader().setDefaultAlignment(_ALIGN_CENTRE)
        self.horizontalHeader().setHighlightSections(False)
        self.verticalHeader().setDefaultAlignment(_ALIGN_CENTRE)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setHighlightSections(False)
        self.setStyleSheet(SHEET_STYLE)
        self.setItemDelegate(_TargetFrameDelegate(self))

    def show_grid(self, grid: Grid, target: str) -> None:
        """Show ``grid`` (row 1 first) with the empty cell ``target`` highlighted."""
        target_row, target_column = parse_address(target)
        self.target = target.upper()
        rows = len(grid)
        columns = max((len(row) for row in grid), default=0)
        self.clear()
        self.setRowCount(rows)
        self.setColumnCount(columns)
        for column in range(1, columns + 1):
            header = QTableWidgetItem(column_letters(column))
            header.setFont(self._header_font(bold=column == target_column))
            self.setHorizontalHeaderItem(column - 1, header)
        for row in range(1, rows + 1):
            header = QTableWidgetItem(str(row))
            header.setFont(self._header_font(bold=row == target_row))
            self.setVerticalHeaderItem(row - 1, header)

        for row_index, cells in enumerate(grid):
            for column_index, value in enumerate(cells):
                item = QTableWidgetItem(display_cell(value))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setTextAlignment(_alignment(value))
                self.setItem(row_index, column_index, item)
        if target_row <= rows and target_column <= columns:
            target_item = self.item(target_row - 1, target_column - 1)
            if target_item is None:
                target_item = QTableWidgetItem()
                self.setItem(target_row - 1, target_column - 1, target_item)
            target_item.setBackground(QBrush(TARGET_BACKGROUND))
            target_item.setToolTip(f"Your formula goes in {self.target}")

        self.resizeColumnsToContents()
        for column in range(columns):
            width = self.columnWidth(column) + CELL_PADDING
            self.setColumnWidth(column, max(MIN_COLUMN_WIDTH, width))
        # Room for a vertical scroll bar, so that a sheet squeezed in height
        # scrolls up and down only, never sideways as well.
        content_width = (
            self.verticalHeader().sizeHint().width()
            + sum(self.columnWidth(column) for column in range(columns))
            + 2 * self.frameWidth()
        )
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.setMinimumWidth(content_width + scroll_bar)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # When the sheet is squeezed and scrolls, the target cell stays in view.
        if self.target:
            row, column = parse_address(self.target)
            target_item = self.item(row - 1, column - 1)
            if target_item is not None:
                self.scrollToItem(target_item, QAbstractItemView.ScrollHint.EnsureVisible)

    def _header_font(self, *, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setBold(bold)
        return font

    def cell_text(self, address: str) -> str:
        """The text shown in the cell at ``address`` (``""`` for an empty cell)."""
        row, column = parse_address(address)
        item = self.item(row - 1, column - 1)
        return "" if item is None else item.text()


class _TargetFrameDelegate(QStyledItemDelegate):
    """Draws the cell as usual, then a frame around the target cell, like Excel's cursor."""

    def __init__(self, grid: FormulaGrid):
        super().__init__(grid)
        self._grid = grid

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if not self._grid.target:
            return
        row, column = parse_address(self._grid.target)
        if (index.row(), index.column()) != (row - 1, column - 1):
            return
        painter.save()
        painter.setPen(QPen(TARGET_BORDER, 2))
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        painter.restore()


def _alignment(value: object) -> Qt.AlignmentFlag:
    # bool is a subclass of int, so it is tested first.
    if isinstance(value, bool):
        return _ALIGN_CENTRE
    if isinstance(value, int | float | datetime.date):
        return _ALIGN_RIGHT
    return _ALIGN_LEFT

