"""A row of buttons at the right, as at the foot of every result screen."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """``buttons``, left to right, pushed to the right edge of the row."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
