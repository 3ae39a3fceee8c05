"""After a crash or power cut: tell HR which screenings were cut off, and offer
to resume each at the interrupted step or to close it as interrupted.

Every step finished before the crash is stored and sealed; the step that was
running is restarted from its beginning (its cut-off attempt stays in the
database, marked interrupted). Both choices need the HR (admin) password:
resuming seals what follows, and closing seals the screening's verdict (a
screening closed as interrupted never passes). "Later" leaves the screening
as it is; the offer comes again at the next start.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.screening.seals import SealKey
from typing_test.store import screenings as S
from typing_test.store.database import DatabaseError, Store
from typing_test.store.ledger import sealer_for
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.screening.hr_password import HrPasswordBar


def describe_unfinished(store: Store, row: dict) -> str:
    """One line for HR about an unfinished screening, e.g. "Ana Cruz, Voice
    (calls), started 3 Dec 2026 09:15: steps 1 to 2 kept; step 3 (Writing
    drill) restarts from its beginning"."""
    try:
        started = datetime.fromisoformat(row["started_at"]).astimezone()
        when = f"{started.day} {started:%b %Y %H:%M}"
    except (TypeError, ValueError):
        when = str(row["started_at"])
    steps = S.screening(store, row["id"])["battery"].steps
    position = row["resume_position"]
    kept = ("no step finished" if position == 0 else
            "step 1 kept" if position == 1 else f"steps 1 to {position} kept")
    if position >= len(steps):
        then = "every step was finished; resuming closes it"
    else:
        then = f"step {position + 1} ({steps[position].title}) restarts from its beginning"
    return f"{row['candidate_name']}, {row['battery_name']}, started {when}: {kept}; {then}"


class ResumeOffer(QDialog):
    """Lists the unfinished screenings; HR resumes or closes the one selected."""

    def __init__(self, main_window: QWidget, unfinished: list[dict]):
        super().__init__(main_window)
        self.main_window = main_window
        self.store = main_window.store
        self.screening_window = None  # the window of a resumed screening
        self._pending: str = ""  # "resume" or "close", waiting for the password
        self.setWindowTitle("Unfinished screenings")
        self.setWindowModality(Qt.WindowModality.WindowModal)

        title = QLabel("A screening was cut off")
        set_role(title, "heading")
        lead = QLabel(
            "The app closed while these screenings were running. Every step finished before "
            "is kept and sealed. Resume one at the interrupted step (restarted from its "
            "beginning), or close it as interrupted: it then never passes.")
        lead.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Unfinished screenings")
        self.list.setWordWrap(True)  # each line says all of it, without scrolling sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(2)
        for row in unfinished:
            item = QListWidgetItem(describe_unfinished(self.store, row))
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "strong")
        self.hr_bar = HrPasswordBar(self.store)
        self.hr_bar.unlocked.connect(self._on_unlocked)
        self.later_button = QPushButton("&Later")
        self.later_button.setToolTip("Leave them unfinished; this is asked again at the next start")
        self.later_button.clicked.connect(self.reject)
        self.close_button = QPushButton("Close as &interrupted")
        self.close_button.clicked.connect(lambda: self._ask("close"))
        self.resume_button = QPushButton("&Resume")
        set_role(self.resume_button, "primary")
        self.resume_button.clicked.connect(lambda: self._ask("resume"))
        for button in (self.later_button, self.close_button, self.resume_button):
            button.setAutoDefault(False)

        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(title)
        layout.addWidget(lead)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.hr_bar)
        layout.addLayout(button_row(self.later_button, self.close_button, self.resume_button))
        self.resize(760, 420)
        self._update_buttons()

    def selected(self) -> dict | None:
        """The unfinished screening selected in the list."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.close_button, self.resume_button):
            button.setEnabled(row is not None)
        if row is not None:
            self.resume_button.setText(f"&Resume at step {row['resume_position'] + 1}")

    def _ask(self, action: str) -> None:
        if self.selected() is None:
            return
        self._pending = action
        key = getattr(self.main_window, "admin_key", None)  # HR already logged in
        if key is not None:
            self._on_unlocked(key)
            return
        what = "Resuming" if action == "resume" else "Closing it"
        self.hr_bar.ask(f"{what} needs the HR password.")

    def _on_unlocked(self, key: SealKey) -> None:
        row, action, self._pending = self.selected(), self._pending, ""
        if row is None or not action:
            return
        if action == "resume":
            from typing_test.ui.screening.session_window import launch_screening

            self.accept()
            self.screening_window = launch_screening(self.main_window, key, row["id"],
                                                     start_position=row["resume_position"])
            return
        try:
            S.finish_screening(self.store, row["id"], "interrupted",
                               sealer=sealer_for(self.store, key))
        except (S.ScreeningError, KeyError, DatabaseError, sqlite3.Error) as error:
            self.message_label.setText(f"It could not be closed: {error}.")
            return
        self.list.takeItem(self.list.currentRow())
        self.message_label.setText(f"{row['candidate_name']}'s screening is closed as "
                                   "interrupted.")
        if self.list.count() == 0:
            self.accept()


def offer_resume(main_window: QWidget) -> ResumeOffer | None:
    """At start-up: the offer to resume, opened once the main window shows, or
    None when no screening is unfinished (or the database cannot say)."""
    try:
        unfinished = S.unfinished_screenings(main_window.store)
    except (DatabaseError, sqlite3.Error):
        return None
    if not unfinished:
        return None
    offer = ResumeOffer(main_window, unfinished)
    QTimer.singleShot(0, offer.open)
    return offer
