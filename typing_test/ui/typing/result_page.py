"""The result of a typing test: the figures and a big PASS or FAIL, the
words typed wrong, and the keys of this test on a keyboard picture."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.practice.keyboard import Layout
from typing_test.core.practice.keystats import KeyStats
from typing_test.core.typing.scoring import PassBar, TypingResult
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.review_parts import figures_grid, show_banner
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.practice.keyboard_view import KeyboardPanel

# One test holds few of each key: a key is judged from 5 keystrokes, a letter
# pair timed from 3 (the Progress page, over 20 tests, asks for 10 and 5).
MIN_KEY_ATTEMPTS = 5
MIN_PAIR_TIMES = 3


class ResultPage(QWidget):
    """Shows one TypingResult. ``againRequested`` and ``homeRequested`` navigate."""

    againRequested = Signal()
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason_label = QLabel()
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason_label.setWordWrap(True)
        self.passage_label = QLabel()
        set_role(self.passage_label, "hint")

        names = [
            ("net_wpm", "Net WPM"),
            ("gross_wpm", "Gross WPM"),
            ("accuracy", "Accuracy"),
            ("uncorrected_errors", "Uncorrected errors"),
            ("corrected_errors", "Corrected errors"),
            ("kph", "Keystrokes per hour"),
            ("duration", "Duration"),
        ]
        grid, self.figure_labels, _ = figures_grid(names, columns=4)

        self.errors_caption = QLabel("Words typed wrong")
        set_role(self.errors_caption, "strong")
        self.errors_table = QTableWidget(0, 2)
        self.errors_table.setAccessibleName("Words typed wrong")
        self.errors_table.setTabKeyNavigation(False)
        self.errors_table.setHorizontalHeaderLabels(["You typed", "Expected"])
        self.errors_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.errors_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.keys_caption = QLabel("Your keys in this test")
        set_role(self.keys_caption, "strong")
        self.keys_panel = KeyboardPanel(MIN_KEY_ATTEMPTS, MIN_PAIR_TIMES)

        self.again_button = QPushButton("Take &another test")
        self.again_button.clicked.connect(self.againRequested)
        set_role(self.again_button, "primary")
        self.home_button = QPushButton("H&ome")
        self.home_button.clicked.connect(self.homeRequested)

        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.passage_label)
        layout.addLayout(grid)
        words = QVBoxLayout()
        words.addWidget(self.errors_caption)
        words.addWidget(self.errors_table, 1)
        keys = QVBoxLayout()
        keys.addWidget(self.keys_caption)
        keys.addWidget(self.keys_panel, 1)
        details = QHBoxLayout()
        details.addLayout(words, 1)
        details.addLayout(keys, 3)
        layout.addLayout(details, 1)
        layout.addLayout(button_row(self.home_button, self.again_button))

    def show_result(
        self, result: TypingResult, bar: PassBar | None, title: str, abandoned: bool = False
    ) -> None:
        """Fill the page from ``result`` judged against ``bar``; a round of
        targeted practice has no bar (None) and is shown without a verdict."""
        passed = bar is not None and result.passed(bar) and not abandoned
        self.again_button.setText("Take &another test" if bar is not None else "&Practise again")
        if abandoned:
            show_banner(self.verdict_label, "ABANDONED", "none")
            self.reason_label.setText("The test was abandoned; it is saved, and it is not a pass.")
        elif bar is None:
            show_banner(self.verdict_label, "PRACTICE ROUND", "none")
            self.reason_label.setText(
                f"Targeted practice sets no bar: net speed {result.net_wpm:.1f} WPM, accuracy "
                f"{result.accuracy:.1f}%.")
        else:
            show_banner(self.verdict_label, "PASS" if passed else "FAIL",
                        "pass" if passed else "fail")
            self.reason_label.setText(_reason(result, bar))
        self.passage_label.setText(f"Passage: {title}")
        values = {
            "net_wpm": f"{result.net_wpm:.1f}",
            "gross_wpm": f"{result.gross_wpm:.1f}",
            "accuracy": f"{result.accuracy:.1f}%",
            "uncorrected_errors": str(result.uncorrected_errors),
            "corrected_errors": str(result.corrected_errors),
            "kph": f"{result.kph:,.0f}",
            "duration": _minutes_seconds(result.duration_s),
        }
        for key, text in values.items():
            self.figure_labels[key].setText(text)
        self.errors_table.setRowCount(len(result.word_errors))
        for row, error in enumerate(result.word_errors):
            typed = error.typed or "(skipped)"
            expected = error.expected or "(extra word)"
            self.errors_table.setItem(row, 0, QTableWidgetItem(typed))
            self.errors_table.setItem(row, 1, QTableWidgetItem(expected))
        self.errors_caption.setText(
            f"Words typed wrong ({len(result.word_errors)})"
            if result.word_errors
            else "Words typed wrong: none"
        )

    def show_keys(self, stats: KeyStats, layout: Layout) -> None:
        """Show the keys of this test (``key_stats`` of its passage and log)."""
        self.keys_panel.show_stats(stats, layout)


def _reason(result: TypingResult, bar: PassBar) -> str:
    parts = [
        f"Net speed {result.net_wpm:.1f} WPM "
        f"({'meets' if result.net_wpm >= bar.min_net_wpm else 'below'} the {bar.min_net_wpm:g} "
        "WPM bar)",
        f"accuracy {result.accuracy:.1f}% "
        f"({'meets' if result.accuracy >= bar.min_accuracy else 'below'} the "
        f"{bar.min_accuracy:g}% bar)",
    ]
    return "; ".join(parts) + "."


def _minutes_seconds(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
