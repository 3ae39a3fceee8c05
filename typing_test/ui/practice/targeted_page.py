"""Targeted practice: the weak spots found, short rounds aimed at them, and
each spot measured again after every round.

``TargetedPage`` shows the weak keys and letter pairs of the person's last
attempts and starts a round (``roundRequested``); the round itself runs on a
``RoundPage``, the typing test's page with its typing area and live figures.
The main window stores the finished round and hands it back with
``show_round_result``, which measures the round against the figures before
it, then measures the weak spots again with the round among the attempts,
for the next round. The rules are in ``core/practice/targeted.py``.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.practice.keystats import (
    DEFAULT_LAST_ATTEMPTS,
    KeyStat,
    KeyStats,
    key_stats,
)
from typing_test.core.practice.practice_text import WeakSpots, weak_spots
from typing_test.core.practice.targeted import (
    DEFAULT_ROUND_S,
    ROUND_LENGTHS_S,
    SPOTS_PER_ROUND,
    PracticeRound,
    Remeasured,
    new_round,
    percent_text,
    remeasure,
    spot_figures,
    spot_name,
    time_text,
    times_text,
)
from typing_test.core.typing.scoring import TypingResult
from typing_test.core.typing.session import Clock, monotonic_ms
from typing_test.store.database import DatabaseError, Store
from typing_test.store.practice import practice_key_stats
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.typing.typing_test_page import TypingTestPage

SPOT_COLUMNS = ["Key or pair", "Wrong", "Median time", "Typed"]
REMEASURE_COLUMNS = ["Key or pair", "Before", "This round", "Change"]


def length_name(seconds: int) -> str:
    """A round length as the picker shows it.

    >>> length_name(30), length_name(60), length_name(120)
    ('30 seconds', '1 minute', '2 minutes')
    """
    if seconds < 60:
        return f"{seconds} seconds"
    minutes = seconds // 60
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


def rate_and_time(stat: KeyStat | None) -> str:
    """A spot's error rate, and its median time when it has one.

    >>> rate_and_time(KeyStat(20, 3, 212.0, 9)), rate_and_time(KeyStat(4, 4, None, 0))
    ('15 %, 212 ms', '100 %')
    """
    if stat is not None and stat.median_ms is not None:
        return f"{percent_text(stat)}, {time_text(stat)}"
    return percent_text(stat)


def last_attempts(count: int) -> str:
    """The attempts the statistics are over, in words.

    >>> last_attempts(1), last_attempts(4)
    ('your last typing attempt', 'your last 4 typing attempts')
    """
    return "your last typing attempt" if count == 1 else f"your last {count} typing attempts"


class RoundPage(TypingTestPage):
    """The typing test's page running one round: the same typing area, live
    net WPM and time left, paste refused; Esc asks whether to stop the round."""

    def __init__(self, clock: Clock = monotonic_ms, parent: QWidget | None = None):
        super().__init__(clock, parent)
        self.abandon_question.setText(
            "Stop this round? It is saved as abandoned; what you typed still counts "
            "towards your weak keys.")
        self.abandon_button.setText("&Stop round")


class TargetedPage(QWidget):
    """The weak spots of ``candidate()``'s last attempts in ``store``, and the
    rounds aimed at them. ``roundRequested`` carries the ``PracticeRound`` to
    run; ``rng`` draws each round's seed."""

    roundRequested = Signal(object)  # a PracticeRound
    homeRequested = Signal()

    def __init__(self, store: Store, candidate: Callable[[], str],
                 rng: random.Random | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._candidate = candidate
        self._rng = rng or random.Random()
        self.stats = key_stats([])
        self.spots = WeakSpots()
        self.read_error = ""  # why the past attempts could not be read, if they could not
        self.current_round: PracticeRound | None = None
        self.rounds_done = 0
        self.remeasured: list[Remeasured] = []

        heading = QLabel("Targeted practice")
        set_role(heading, "title")
        self.lead_label = QLabel()
        self.lead_label.setObjectName("targetedLead")
        self.lead_label.setWordWrap(True)
        set_role(self.lead_label, "lead")

        # The last round's figures, shown after it.
        self.figures = QWidget()
        grid = QGridLayout(self.figures)
        grid.setContentsMargins(0, 0, 0, 0)
        self.figure_labels: dict[str, QLabel] = {}
        for column, (key, title) in enumerate((("net_wpm", "Net WPM"),
                                               ("accuracy", "Accuracy"),
                                               ("keystrokes", "Keystrokes"))):
            caption = QLabel(title)
            set_role(caption, "hint")
            value = QLabel()
            value.setObjectName(key)
            set_role(value, "figure")
            self.figure_labels[key] = value
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)

        self.table_caption = QLabel()
        self.table_caption.setWordWrap(True)
        set_role(self.table_caption, "strong")
        self.table = QTableWidget(0, len(SPOT_COLUMNS))
        self.table.setObjectName("weakSpots")
        self.table.setAccessibleName("Weak keys and letter pairs")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.next_label = QLabel()
        self.next_label.setObjectName("nextRound")
        self.next_label.setWordWrap(True)
        set_role(self.next_label, "hint")

        self.length_box = QComboBox()
        self.length_box.setAccessibleName("Round length")
        for seconds in ROUND_LENGTHS_S:
            self.length_box.addItem(length_name(seconds), seconds)
        self.length_box.setCurrentIndex(ROUND_LENGTHS_S.index(DEFAULT_ROUND_S))
        length_caption = QLabel("Round &length:")
        length_caption.setBuddy(self.length_box)
        self.home_button = QPushButton("H&ome")
        self.home_button.clicked.connect(self.homeRequested)
        self.start_button = QPushButton("&Start round")
        self.start_button.setDefault(True)
        set_role(self.start_button, "primary")
        self.start_button.clicked.connect(self.start_round)
        buttons = button_row(self.home_button, self.start_button)
        buttons.insertWidget(0, length_caption)
        buttons.insertWidget(1, self.length_box)

        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(heading)
        layout.addWidget(self.lead_label)
        layout.addWidget(self.figures)
        layout.addWidget(self.table_caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.next_label)
        layout.addLayout(buttons)
        self.figures.hide()

    # Before a round -------------------------------------------------------------

    def prepare(self) -> None:
        """Measure the person's keys and show the weak spots found: the page
        before the first round of a sitting."""
        self.rounds_done = 0
        self.current_round = None
        self._measure()
        self.figures.hide()
        self.next_label.setText(self.read_error)
        self.start_button.setText("&Start round")
        if self.spots.keys or self.spots.pairs:
            self.lead_label.setText(
                f"These are the weak spots of {last_attempts(self.stats.attempts_used)}. "
                "A round is real words full of them, typed against the clock; after it, "
                "each is measured again.")
        elif self.stats.attempts_used == 0:
            self.lead_label.setText(
                "You have no typing history yet, so there is nothing to measure your keys "
                "on. Start with a general round of common words: it gives the first "
                "measurement.")
        else:
            self.lead_label.setText(
                f"Your typing so far ({self.stats.attempts_used} attempt"
                f"{'s' if self.stats.attempts_used != 1 else ''}) has too few keystrokes "
                "to find a weak spot (a key counts once it is typed 10 times, a pair 5). "
                "A general round of common words adds to the measurement.")
        self._show_spots()
        self.start_button.setFocus()

    def _measure(self) -> None:
        """The statistics of the person's last attempts, and their weak spots."""
        self.read_error = ""
        try:
            self.stats = practice_key_stats(self.store, self._candidate(),
                                            DEFAULT_LAST_ATTEMPTS)
        except (DatabaseError, sqlite3.Error) as error:
            # A round still works: a general one, until the file can be read.
            self.stats = key_stats([])
            self.read_error = f"Your past attempts could not be read ({error})."
        self.spots = weak_spots(self.stats, count=SPOTS_PER_ROUND)

    def _show_spots(self) -> None:
        """List the weak spots with their figures (none: the table is hidden)."""
        figures = spot_figures(self.stats, self.spots)
        self.table_caption.setText(
            f"Weak spots over {last_attempts(self.stats.attempts_used)}: the keys most often "
            "wrong, and the letter pairs most often wrong or slowest" if figures else "")
        rows = []
        for item in figures:
            stat = item.stat
            wrong = (f"{percent_text(stat)} ({stat.errors} of {stat.attempts})"
                     if stat is not None and stat.attempts else "-")
            rows.append([f"{item.name} ({'pair' if item.is_pair else 'key'})", wrong,
                         time_text(stat), times_text(stat.attempts if stat else 0)])
        self._fill(SPOT_COLUMNS, rows)

    def _fill(self, headers: list[str], rows: Sequence[Sequence[str]],
              tips: Sequence[str] = ()) -> None:
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row < len(tips):
                    item.setToolTip(tips[row])
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(rows))
        self.table_caption.setVisible(bool(rows))

    def start_round(self) -> None:
        """Draw the next round's text, aimed at the weak spots as measured now."""
        self.current_round = new_round(
            self.rounds_done + 1, self.spots, self.stats, self._rng.randrange(1 << 31),
            int(self.length_box.currentData()))
        self.roundRequested.emit(self.current_round)

    # After a round --------------------------------------------------------------

    def show_round_result(self, result: TypingResult, keystrokes: list[dict],
                          abandoned: bool = False) -> None:
        """Show how the round went: its figures, each spot it aimed at this
        round against before, and the weak spots measured again with the
        round among the attempts (call it once the round is stored)."""
        done = self.current_round
        if done is None:
            return
        self.rounds_done = done.number
        this_round: KeyStats = key_stats([(done.text, keystrokes)])
        self.remeasured = remeasure(done.before, this_round, done.spots)
        self.figure_labels["net_wpm"].setText(f"{result.net_wpm:.1f}")
        self.figure_labels["accuracy"].setText(f"{result.accuracy:.1f}%")
        self.figure_labels["keystrokes"].setText(str(result.char_keystrokes))
        self.figures.show()
        stopped = (" You stopped it early; it is saved as abandoned, and what you typed "
                   "still counts." if abandoned else "")
        if done.spots.keys or done.spots.pairs:
            self.lead_label.setText(
                f"Round {done.number} is done.{stopped} Each weak spot it aimed at, this "
                "round against before it:")
            self.table_caption.setText("Measured again")
            self._fill(REMEASURE_COLUMNS, [
                [line.name, rate_and_time(line.before),
                 f"{rate_and_time(line.this_round)} ({times_text(line.this_round.attempts)})"
                 if line.typed_this_round else "not typed", line.change()]
                for line in self.remeasured], [line.sentence() for line in self.remeasured])
            self._measure()
        else:
            self._measure()
            self.lead_label.setText(
                f"Round {done.number} is done: your first measurement.{stopped} "
                + ("The weak spots it found:" if self.spots.keys or self.spots.pairs else ""))
            self._show_spots()
        if self.spots.keys or self.spots.pairs:
            names = ", ".join(spot_name(spot) for spot in (*self.spots.keys, *self.spots.pairs))
            self.next_label.setText(
                f"Measured again with this round, over {last_attempts(self.stats.attempts_used)}:"
                f" the next round aims at {names}.")
        else:
            self.next_label.setText(
                "Still too few keystrokes to find a weak spot: the next round is a general "
                "one again.")
        if self.read_error:
            self.next_label.setText(self.read_error)
        self.start_button.setText("&Next round")
        self.start_button.setFocus()
