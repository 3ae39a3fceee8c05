"""An in-page bar that asks before something final, and the m:ss time left.

Pages use the bar instead of a modal dialog, so the countdown stays in view
and the test keeps running while the person decides.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from typing_test.ui.common.theme import set_role


def minutes_seconds(seconds: float) -> str:
    """``seconds`` as m:ss, rounding up so 0:00 shows only when no time is left."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def show_time_left(label: QLabel, seconds: float, low: bool) -> None:
    """Show ``seconds`` on a countdown ``label`` as "m:ss left", in the warning
    colour when ``low``."""
    label.setText(f"{minutes_seconds(seconds)} left")
    if label.property("low") != ("true" if low else "false"):
        set_role(label, "timer", low=low)  # re-polishing costs: only on change


def confirmation_bar(name: str, role: str, question: QLabel, *buttons: QPushButton) -> QFrame:
    """A hidden in-page bar asking ``question``, with ``buttons`` on the right.

    ``role`` is the theme's ``"infoBar"`` (a question) or ``"warningBar"``
    (before losing something). Used instead of a modal dialog, so the
    countdown stays in view.
    """
    bar = QFrame()
    bar.setObjectName(name)
    set_role(bar, role)
    question.setWordWrap(True)
    layout = QHBoxLayout(bar)
    layout.addWidget(question, 1)
    for button in buttons:
        button.setAutoDefault(False)
        layout.addWidget(button)
    bar.hide()
    return bar
