"""Progress: how a person practising is doing, and how far from the bars.

Net WPM and accuracy over the practice typing tests against the pass bar,
the personal best, the recent level (median of the last 5 tests) and how far
it is from the pass bar and from the next role's typing bar
(``core/practice/progress.py`` has the rules), and the keyboard picture of
the last 20 attempts. *Practise my weak keys* emits ``practiceRequested``;
with no test yet, the page says what to do and offers the typing test
(``typingRequested``).

The figures are read on a worker thread (``store/progress.py``): a
practice database can hold 100,000 attempts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.practice.keyboard import layout_for
from typing_test.core.practice.keystats import DEFAULT_LAST_ATTEMPTS
from typing_test.core.practice.progress import (
    RECENT_TESTS,
    distance,
    next_role_bar,
    recent_level,
)
from typing_test.core.typing.scoring import PassBar
from typing_test.store.database import Store
from typing_test.store.progress import ProgressData, load_progress
from typing_test.store.settings import keyboard_layout, load_pass_bar
from typing_test.ui.common.background import BackgroundCall
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.chart import ChartData, ChartView
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.practice.keyboard_view import KeyboardPanel
from typing_test.ui.reports.history_page import _short_date

EMPTY_TEXT = ("No typing test yet. Take a typing test (Home, then Typing test): your speed "
              "and accuracy over time, how far you are from the bar and the keys you miss "
              "most will show here.")


class ProgressPage(QWidget):
    """One person's progress; call ``reload()`` to read it again.

    ``only_candidate`` is the name whose attempts alone count (practice mode
    once HR has set an admin password, as on the History page); None counts
    every practice attempt in the file.
    """

    practiceRequested = Signal()
    typingRequested = Signal()
    loaded = Signal()  # the figures arrived and are shown

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.only_candidate: str | None = None
        self.data: ProgressData | None = None
        self._call: BackgroundCall | None = None
        self._generation = 0  # a slower, older read never overwrites a newer one

        heading = QLabel("Progress")
        set_role(heading, "title")
        self.scope_label = QLabel()
        self.scope_label.setObjectName("progressScope")
        set_role(self.scope_label, "hint")
        self.status_label = QLabel()
        self.status_label.setObjectName("progressStatus")
        self.status_label.setWordWrap(True)
        set_role(self.status_label, "lead")

        # The figures, a caption over each value.
        self.best_label = QLabel()
        self.best_label.setObjectName("personalBest")
        self.level_caption = QLabel()
        self.level_label = QLabel()
        self.level_label.setObjectName("recentLevel")
        self.bar_caption = QLabel()
        self.bar_label = QLabel()
        self.bar_label.setObjectName("distanceToBar")
        self.role_caption = QLabel()
        self.role_label = QLabel()
        self.role_label.setObjectName("nextRole")
        figures = QGridLayout()
        figures.setVerticalSpacing(2)
        best_caption = QLabel("Personal best")
        rows = ((best_caption, self.best_label), (self.level_caption, self.level_label),
                (self.bar_caption, self.bar_label), (self.role_caption, self.role_label))
        for row, (caption, value) in enumerate(rows):
            set_role(caption, "hint")
            set_role(value, "strong")
            caption.setWordWrap(True)
            value.setWordWrap(True)
            figures.addWidget(caption, row * 2, 0)
            figures.addWidget(value, row * 2 + 1, 0)
        figures.setRowStretch(len(rows) * 2, 1)  # spare height below the figures
        self.figures_box = QWidget()
        self.figures_box.setLayout(figures)
        figures.setContentsMargins(0, 0, 0, 0)

        self.wpm_chart = ChartView()
        self.wpm_chart.setObjectName("progressWpmChart")
        self.accuracy_chart = ChartView()
        self.accuracy_chart.setObjectName("progressAccuracyChart")
        top = QHBoxLayout()
        top.addWidget(self.figures_box, 4)
        top.addWidget(self.wpm_chart, 3)
        top.addWidget(self.accuracy_chart, 3)

        self.keys_caption = QLabel(
            f"Your keys over your last {DEFAULT_LAST_ATTEMPTS} attempts")
        set_role(self.keys_caption, "strong")
        self.keys_panel = KeyboardPanel()

        self.typing_button = QPushButton("Take a &typing test")
        self.typing_button.clicked.connect(self.typingRequested)
        self.practise_button = QPushButton("&Practise my weak keys")
        self.practise_button.setToolTip("Short rounds of real words full of the keys and "
                                        "letter pairs you miss most")
        self.practise_button.clicked.connect(self.practiceRequested)
        set_role(self.practise_button, "primary")

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(top, 2)
        details.addWidget(self.keys_caption)
        details.addWidget(self.keys_panel, 3)

        title_row = QHBoxLayout()
        title_row.addWidget(heading)
        title_row.addWidget(self.scope_label, 1, Qt.AlignmentFlag.AlignBottom)
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(title_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)
        layout.addLayout(button_row(self.typing_button, self.practise_button))
        self.details.hide()

    # Reading -----------------------------------------------------------------

    def reload(self) -> None:
        """Read the figures again on a worker thread; ``loaded`` follows."""
        self._generation += 1
        generation = self._generation
        candidate = self.only_candidate
        if candidate is not None:
            whose = f"under the name {candidate}" if candidate else "without a name"
            self.scope_label.setText(f"Practice mode: only the tests saved {whose} (Settings).")
        self.scope_label.setVisible(candidate is not None)
        if self.data is None:
            self.status_label.setText("Reading your results...")
        bar, layout = load_pass_bar(self.store), layout_for(keyboard_layout(self.store))
        reader = self.store.reader()

        def run() -> ProgressData:
            try:
                return load_progress(reader, candidate)
            finally:
                if reader is not self.store:
                    reader.conn.close()

        call = BackgroundCall(run, parent=self)
        call.finished.connect(lambda data: self._show(generation, data, bar, layout))
        call.failed.connect(lambda message: self._failed(generation, message))
        for done in (call.finished, call.failed):
            done.connect(call.deleteLater)
        self._call = call
        call.start()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.status_label.setText(f"Your results could not be read: {message}.")
            self.details.hide()

    # Showing -----------------------------------------------------------------

    def _show(self, generation: int, data: ProgressData, bar: PassBar, layout) -> None:
        if generation != self._generation:
            return
        self.data = data
        empty = not data.count
        self.details.setVisible(not empty)
        self.typing_button.setVisible(empty)
        self.practise_button.setVisible(not empty)
        self.practise_button.setEnabled(data.key_stats.attempts_used > 0)
        if empty:
            self.status_label.setText(EMPTY_TEXT)
            self.loaded.emit()
            return
        self.status_label.setText(
            f"{data.count} completed typing test{'s' if data.count != 1 else ''}.")
        self._show_figures(data, bar)
        labels = tuple(_short_date(started) for started, _, _ in data.series)
        self.wpm_chart.set_chart(ChartData(
            "Net WPM", tuple(score for _, score, _ in data.series), labels, bar.min_net_wpm))
        self.accuracy_chart.set_chart(ChartData(
            "Accuracy", tuple(accuracy or 0.0 for _, _, accuracy in data.series), labels,
            bar.min_accuracy, unit="%", from_zero=False))
        self.keys_caption.setText(
            f"Your keys over your last {data.key_stats.attempts_used} attempt"
            f"{'s' if data.key_stats.attempts_used != 1 else ''} (typing tests and "
            "practice rounds)")
        self.keys_panel.show_stats(data.key_stats, layout)
        self.loaded.emit()

    def _show_figures(self, data: ProgressData, bar: PassBar) -> None:
        self.best_label.setText(f"{data.best:.1f} net WPM" if data.best is not None else "-")
        level = recent_level(data.series)
        if level is None:  # completed tests whose figures cannot be read
            for label in (self.level_label, self.bar_label, self.role_label):
                label.setText("-")
            return
        over = (f"the median of your last {RECENT_TESTS} tests" if level.tests == RECENT_TESTS
                else f"the median of your {level.tests} test{'s' if level.tests != 1 else ''}")
        self.level_caption.setText(f"Your level now ({over})")
        accuracy = f"{level.accuracy:.1f} % accuracy" if level.accuracy is not None else \
            "accuracy unknown"
        self.level_label.setText(f"{level.net_wpm:.1f} net WPM, {accuracy}")
        self.bar_caption.setText(f"To the pass bar: {bar.min_net_wpm:g} net WPM at "
                                 f"{bar.min_accuracy:g} % accuracy")
        self.bar_label.setText(_capital(distance(level, bar.min_net_wpm,
                                                 bar.min_accuracy).words()))
        next_bar = next_role_bar(level, data.role_bars)
        self.role_caption.setVisible(bool(data.role_bars))
        self.role_label.setVisible(bool(data.role_bars))
        if next_bar is None:
            highest = data.role_bars[-1] if data.role_bars else None
            self.role_caption.setText("Roles' typing bars")
            self.role_label.setText(
                f"Every role's bar reached (the highest: {highest.names}, {highest.rule})"
                if highest else "")
            return
        self.role_caption.setText(f"To the next role's bar: {next_bar.names}, {next_bar.rule}")
        self.role_label.setText(_capital(distance(level, next_bar.min_net_wpm,
                                                  next_bar.min_accuracy).words()))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
