"""The main window: a stack of pages and the navigation between them.

The window is where a finished activity becomes a stored attempt: a page
reports what happened, core scores it, store saves it, and the result page
shows what was saved.
"""

from __future__ import annotations

import random
import sqlite3

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar, QWidget

from typing_test.core.passages import Passage, choose_passage, load_passages
from typing_test.core.typing_session import Clock, TypingSession, monotonic_ms
from typing_test.store.database import DatabaseError, Store, now_iso
from typing_test.store.records import typing_attempt
from typing_test.store.settings import candidate_name, load_pass_bar
from typing_test.ui.history_page import HistoryPage
from typing_test.ui.home_page import HomePage
from typing_test.ui.result_page import ResultPage
from typing_test.ui.settings_page import SettingsPage
from typing_test.ui.typing_setup import TypingSetup
from typing_test.ui.typing_test_page import TypingTestPage


class MainWindow(QMainWindow):
    """The application window over one open ``Store``."""

    def __init__(
        self,
        store: Store,
        clock: Clock = monotonic_ms,
        passages: list[Passage] | None = None,
        rng: random.Random | None = None,
    ):
        super().__init__()
        self.store = store
        self.setWindowTitle("typing-test")
        self.resize(1040, 720)
        self._rng = rng or random.Random()
        self.content_problems: list[str] = []
        if passages is None:
            passages, self.content_problems = load_passages()
        self.passages = passages
        self.last_attempt_id: str | None = None
        self._attempt_id: str | None = None
        self._started_at = ""
        self._current_passage: Passage | None = None

        self.home_page = HomePage()
        self.typing_setup = TypingSetup()
        self.typing_page = TypingTestPage(clock=clock)
        self.result_page = ResultPage()
        self.history_page = HistoryPage(store)
        self.settings_page = SettingsPage(store)
        self.stack = QStackedWidget()
        for page in (
            self.home_page,
            self.typing_setup,
            self.typing_page,
            self.result_page,
            self.history_page,
            self.settings_page,
        ):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)

        if self.passages:
            self.home_page.add_activity(
                "typing",
                "Typing test",
                "A timed passage, scored in net words per minute and accuracy.",
            )
        self.home_page.activityChosen.connect(self.open_activity)
        self.typing_setup.startRequested.connect(self.start_typing_test)
        self.typing_page.finished.connect(self._on_typing_finished)
        self.result_page.againRequested.connect(lambda: self.open_activity("typing"))
        self.result_page.homeRequested.connect(self.show_home)
        self.settings_page.saved.connect(self._on_settings_saved)

        self.toolbar = QToolBar("Navigation")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.home_action = self._add_action("Home", "Ctrl+H", self.show_home)
        self.history_action = self._add_action("History", "Ctrl+Y", self.show_history)
        self.settings_action = self._add_action("Settings", "Ctrl+,", self.show_settings)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        if store.interrupted_on_open:
            self.statusBar().showMessage(
                f"{store.interrupted_on_open} test(s) stopped when the app closed unexpectedly; "
                "they are in the history as interrupted. Nothing saved before was lost."
            )
        elif self.content_problems:
            self.statusBar().showMessage(
                f"{len(self.content_problems)} content file(s) could not be loaded: "
                + "; ".join(self.content_problems)
            )
        self.show_home()

    def _add_action(self, text: str, shortcut: str, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    # Navigation ----------------------------------------------------------------

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        # While a test runs the only ways out are finishing or abandoning it.
        self.toolbar.setEnabled(page is not self.typing_page)

    def show_home(self) -> None:
        self.home_page.show_candidate(candidate_name(self.store))
        self._show(self.home_page)

    def show_history(self) -> None:
        self.history_page.reload()
        self._show(self.history_page)

    def show_settings(self) -> None:
        self.settings_page.load()
        self._show(self.settings_page)

    def open_activity(self, activity_id: str) -> None:
        if activity_id == "typing":
            bar = load_pass_bar(self.store)
            self.typing_setup.show_bar(bar.min_net_wpm, bar.min_accuracy)
            self._show(self.typing_setup)
            self.typing_setup.start_button.setFocus()

    def _on_settings_saved(self) -> None:
        self.home_page.show_candidate(candidate_name(self.store))

    # Saving --------------------------------------------------------------------

    def _begin(self, row: dict) -> str | None:
        try:
            return self.store.begin_attempt(row)
        except (DatabaseError, sqlite3.Error) as error:
            self._report_save_failure(error)
            return None

    def _save(self, row: dict) -> str | None:
        """Store a finished attempt; on failure say so and keep the app usable."""
        try:
            return self.store.save_attempt(row)
        except (DatabaseError, sqlite3.Error) as error:
            self._report_save_failure(error)
            return None

    def _report_save_failure(self, error: Exception) -> None:
        self.statusBar().showMessage(
            f"This result could not be saved to {self.store.path}: {error}. "
            "Earlier results are not affected."
        )

    # Typing test ---------------------------------------------------------------

    def start_typing_test(self, seconds: int, category: str) -> None:
        """Pick a passage (from ``category``, or any when empty) and start."""
        passage = choose_passage(self.passages, category or None, self._rng)
        self._current_passage = passage
        self._category = category
        self._started_at = now_iso()
        self._show(self.typing_page)
        self.typing_page.start_passage(passage.text, seconds, passage.id, passage.title)
        self._attempt_id = self._begin(
            {
                "kind": "typing",
                "candidate": candidate_name(self.store),
                "started_at": self._started_at,
                "item_id": passage.id,
                "item_title": passage.title,
                "settings": {"test_length_s": seconds, "category": category},
            }
        )

    def _on_typing_finished(self, session: TypingSession) -> None:
        passage = self._current_passage
        bar = load_pass_bar(self.store)
        result = session.result()
        row = typing_attempt(
            result,
            bar=bar,
            passage_id=passage.id,
            passage_title=passage.title,
            passage_text=passage.text,
            keystrokes=session.events,
            incidents=session.incidents,
            test_length_s=session.duration_s,
            category=self._category,
            candidate=candidate_name(self.store),
            status="abandoned" if session.abandoned else "completed",
            started_at=self._started_at,
        )
        if self._attempt_id:
            row["id"] = self._attempt_id
        self.last_attempt_id = self._save(row)
        self.result_page.show_result(result, bar, passage.title, abandoned=session.abandoned)
        self._show(self.result_page)
        self.result_page.again_button.setFocus()
