"""The admin area: HR's tabs (candidates, batteries, starting a screening, personal
data, and any tab the window adds, such as the dashboard).

The main window shows this page only while HR is logged in
(``MainWindow.admin_key``); ``clear()`` forgets what it showed when HR logs out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.screening.batteries import Battery
from typing_test.core.screening.retakes import RetakeDecision, may_take
from typing_test.core.screening.seals import SealKey
from typing_test.store import screenings as S
from typing_test.store.database import Store
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import page_layout, set_role
from typing_test.ui.screening.admin_login import sentence
from typing_test.ui.screening.batteries_tab import BatteriesTab, battery_in_words
from typing_test.ui.screening.candidates_tab import CandidatesTab, contact
from typing_test.ui.screening.personal_data_tab import PersonalDataTab

MATCHES_SHOWN = 20
CANDIDATE_ID_ROLE = Qt.ItemDataRole.UserRole


def local_now() -> datetime:
    """Now, in the PC's time zone (the retake rule counts HR's calendar days)."""
    return datetime.now().astimezone()


class StartScreeningTab(QWidget):
    """Pick a candidate and a battery, see the retake decision, and start.

    ``startRequested(candidate_id, battery_id, override_reason)`` is emitted
    by *Start screening*; ``override_reason`` is "" unless the retake rule
    refused and HR overrode it with a reason.
    """

    startRequested = Signal(str, str, str)

    def __init__(self, store: Store, now: Callable[[], datetime] = local_now,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._now = now
        self.decision: RetakeDecision | None = None
        self._batteries: dict[str, Battery] = {}  # the readable ones, by id

        lead = QLabel("Choose the candidate and the battery, then start. The screening opens "
                      "full screen for the candidate; only the admin password ends it early.")
        lead.setWordWrap(True)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Type a name, email, phone or HR reference")
        self.search_edit.setAccessibleName("Find the candidate")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self.find())
        self.matches = QListWidget()
        self.matches.setAccessibleName("Matching candidates")
        self.matches.currentItemChanged.connect(lambda _item, _old: self._update())
        self.matches_label = QLabel()
        set_role(self.matches_label, "hint")
        self.battery_box = QComboBox()
        self.battery_box.setAccessibleName("Battery")
        self.battery_box.currentIndexChanged.connect(lambda _index: self._update())
        self.battery_label = QLabel()
        self.battery_label.setWordWrap(True)
        set_role(self.battery_label, "hint")
        self.decision_label = QLabel()
        self.decision_label.setObjectName("retakeDecision")
        self.decision_label.setWordWrap(True)
        self.override_edit = QLineEdit()
        self.override_edit.setAccessibleName("Reason to override the retake rule")
        self.override_edit.setPlaceholderText("Why the retake rule is set aside (recorded)")
        self.override_edit.setMaxLength(300)
        self.override_label = QLabel("Override reason:")
        self.error_label = QLabel()
        self.error_label.setObjectName("startError")
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        self.start_button = QPushButton("S&tart screening")
        set_role(self.start_button, "primary")
        self.start_button.clicked.connect(self.start)

        left = QVBoxLayout()
        left.addWidget(self.search_edit)
        left.addWidget(self.matches, 1)
        left.addWidget(self.matches_label)
        form = QFormLayout()
        form.addRow("Battery:", self.battery_box)
        form.addRow("", self.battery_label)
        form.addRow("Retake rule:", self.decision_label)
        form.addRow(self.override_label, self.override_edit)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(lead)
        layout.addLayout(columns, 1)
        footer = button_row(self.start_button)
        footer.insertWidget(0, self.error_label, 1)
        layout.addLayout(footer)

    def reload(self) -> None:
        """Read the batteries again (keeping the one chosen) and the matches."""
        chosen = self.battery_box.currentData()
        self.battery_box.blockSignals(True)
        self.battery_box.clear()
        self._batteries = {}
        for row in S.list_batteries(self.store):
            if row["battery"] is not None:
                self.battery_box.addItem(row["name"], row["id"])
                self._batteries[row["id"]] = row["battery"]
        index = self.battery_box.findData(chosen)
        self.battery_box.setCurrentIndex(max(0, index))
        self.battery_box.blockSignals(False)
        self.find()

    def find(self, select: str | None = None) -> None:
        """List the first candidates matching the search box."""
        found = S.search_candidates(self.store, self.search_edit.text(), limit=MATCHES_SHOWN)
        self.matches.blockSignals(True)
        self.matches.clear()
        for row in found.rows:
            item = QListWidgetItem(f"{row['name']} \u2014 {contact(row)}"
                                   + (f" \u2014 {row['role']}" if row["role"] else ""))
            item.setData(CANDIDATE_ID_ROLE, row["id"])
            self.matches.addItem(item)
            if row["id"] == select:
                self.matches.setCurrentItem(item)
        if select is None and self.matches.count() == 1:
            self.matches.setCurrentRow(0)
        self.matches.blockSignals(False)
        if found.total > len(found.rows):
            self.matches_label.setText(f"{len(found.rows)} of {found.total:,} shown: type more "
                                       "to narrow the list.")
        elif found.total == 0:
            self.matches_label.setText("No candidate matches: add them in the Candidates tab.")
        else:
            self.matches_label.setText("")
        self._update()

    def select_candidate(self, candidate_id: str) -> None:
        """Choose ``candidate_id`` (from the Candidates tab)."""
        try:
            row = S.get_candidate(self.store, candidate_id)
        except KeyError:
            return
        self.search_edit.blockSignals(True)
        self.search_edit.setText(row["email"] or row["phone"] or row["name"])
        self.search_edit.blockSignals(False)
        self.find(select=candidate_id)

    def candidate_id(self) -> str | None:
        item = self.matches.currentItem()
        return item.data(CANDIDATE_ID_ROLE) if item is not None else None

    def _update(self) -> None:
        """Show the chosen battery and the retake rule's decision."""
        self.error_label.clear()
        battery = self._batteries.get(self.battery_box.currentData())
        self.battery_label.setText(battery_in_words(battery) if battery else "")
        candidate_id = self.candidate_id()
        self.decision = None
        if battery is None or candidate_id is None:
            self.decision_label.setText("Choose a candidate and a battery.")
            set_role(self.decision_label, "hint")
            self._show_override(False)
            self.start_button.setEnabled(False)
            return
        previous = S.previous_screenings(self.store, candidate_id, battery.id)
        self.decision = may_take(battery.retake, previous, self._now())
        if self.decision.allowed:
            used = self.decision.attempts_used
            self.decision_label.setText(
                "Allowed" + (f" ({used} earlier attempt{'s' if used != 1 else ''})"
                             if used else ": a first attempt"))
            set_role(self.decision_label, "success")
            self._show_override(False)
            self.start_button.setEnabled(True)
            return
        # Would an override let it through? Not while a screening is unfinished.
        overridable = may_take(battery.retake, previous, self._now(), "check").allowed
        self.decision_label.setText(
            sentence(self.decision.reason)
            + (" HR may override it with a reason." if overridable else ""))
        set_role(self.decision_label, "warning")
        self._show_override(overridable)
        self.start_button.setEnabled(overridable)

    def _show_override(self, shown: bool) -> None:
        self.override_label.setVisible(shown)
        self.override_edit.setVisible(shown)
        if not shown:
            self.override_edit.clear()

    def start(self) -> None:
        """Emit ``startRequested`` for the chosen candidate and battery."""
        candidate_id, battery_id = self.candidate_id(), self.battery_box.currentData()
        if candidate_id is None or battery_id is None or self.decision is None:
            return
        reason = ""
        if not self.decision.allowed:
            reason = " ".join(self.override_edit.text().split())
            if not reason:
                self.error_label.setText("The retake rule refuses this screening: give a "
                                         "reason to override it.")
                self.override_edit.setFocus()
                return
        self.startRequested.emit(candidate_id, battery_id, reason)

    def clear(self) -> None:
        """Forget the candidate chosen."""
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.matches.clear()
        self.matches_label.clear()
        self.override_edit.clear()
        self._update()


class AdminPage(QWidget):
    """HR's admin area: a tab per job.

    ``key_provider()`` returns the admin's seal key (None once logged out).
    ``screeningRequested(candidate_id, battery_id, override_reason)`` is
    emitted by *Start screening*; the window starts the screening.
    """

    screeningRequested = Signal(str, str, str)

    def __init__(self, store: Store, key_provider: Callable[[], SealKey | None], *,
                 now: Callable[[], datetime] = local_now, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        heading = QLabel("Admin")
        set_role(heading, "title")
        hint = QLabel("Log out (toolbar) before you leave the PC.")
        set_role(hint, "hint")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.candidates_tab = CandidatesTab(store, key_provider)
        self.batteries_tab = BatteriesTab(store)
        self.start_tab = StartScreeningTab(store, now)
        self.personal_data_tab = PersonalDataTab(store, key_provider, now)
        self.add_tab(self.candidates_tab, "Candidat&es")
        self.add_tab(self.batteries_tab, "&Batteries")
        self.add_tab(self.start_tab, "Start sc&reening")
        self.add_tab(self.personal_data_tab, "&Personal data")
        self.candidates_tab.startRequested.connect(self.choose_for_screening)
        self.start_tab.startRequested.connect(self.screeningRequested)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(hint)
        layout = page_layout(QVBoxLayout(self))
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (``title`` may carry a mnemonic); returns its index."""
        return self.tabs.addTab(widget, title)

    def reload(self) -> None:
        """Read what the tab in view shows again (the window calls this on showing the page)."""
        self._on_tab_changed(self.tabs.currentIndex())

    def _on_tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.candidates_tab:
            self.candidates_tab.show_page(self.candidates_tab.offset)
        elif widget is self.batteries_tab:
            self.batteries_tab.reload()
        elif widget is self.start_tab:
            self.start_tab.reload()
        elif widget is self.personal_data_tab:
            self.personal_data_tab.reload()
        elif hasattr(widget, "reload"):
            widget.reload()

    def choose_for_screening(self, candidate_id: str) -> None:
        """Open the Start screening tab with ``candidate_id`` chosen."""
        self.tabs.setCurrentWidget(self.start_tab)
        self.start_tab.select_candidate(candidate_id)
        self.start_tab.battery_box.setFocus()

    def clear(self) -> None:
        """Forget what every tab shows (on log out) and go back to the first tab."""
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if hasattr(widget, "clear"):
                widget.clear()
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(0)
        self.tabs.blockSignals(False)
