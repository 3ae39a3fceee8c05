"""The Personal data tab of the admin area: the retention purge and the record of deletions.

HR sets how long screenings are kept (in months, remembered in the settings)
and purges the finished screenings older than that, after an in-page
confirmation naming the cut-off date and who is purging. The purge, like a
candidate deleted on request (Candidates tab), is recorded in the sealed
chain; the table below lists every recorded deletion: when, who, what, and
how many rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.screening.seals import SealKey
from typing_test.store import ledger
from typing_test.store import screenings as S
from typing_test.store.database import Store
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.confirmation_bar import confirmation_bar
from typing_test.ui.common.theme import set_role
from typing_test.ui.reports.attempts_model import local_time
from typing_test.ui.screening.admin_login import sentence

RETENTION_MONTHS = "screening_retention_months"  # the settings key
DEFAULT_RETENTION_MONTHS = 12
MAX_RETENTION_MONTHS = 120
TABLE_NAMES = {"screenings": "screening", "screening_steps": "step result",
               "attempts": "stored answer", "incidents": "incident",
               "candidates": "candidate", "candidate_keys": "search key"}


def rows_in_words(rows: dict[str, int]) -> str:
    """A deletion's row counts in words, the tables with none left out.

    >>> rows_in_words({"screenings": 2, "screening_steps": 9, "incidents": 0})
    '2 screenings, 9 step results'
    >>> rows_in_words({"screenings": 0})
    'nothing'
    """
    parts = []
    for table, count in rows.items():
        if count:
            name = TABLE_NAMES.get(table, table)
            parts.append(f"{count:,} {name}{'s' if count != 1 else ''}")
    return ", ".join(parts) or "nothing"


class PersonalDataTab(QWidget):
    """The retention period, the purge, and the deletions recorded."""

    def __init__(self, store: Store, key_provider: Callable[[], SealKey | None],
                 now: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._key_provider = key_provider
        self._now = now

        lead = QLabel("Screenings are kept for the period below. Purging deletes the finished "
                      "screenings that started before it, with their answers and incidents; "
                      "a screening in progress is never deleted. Each deletion is recorded "
                      "(when, by whom, how many rows), and the record is sealed.")
        lead.setWordWrap(True)
        self.months_box = QSpinBox()
        self.months_box.setRange(1, MAX_RETENTION_MONTHS)
        self.months_box.setSuffix(" months")
        self.months_box.setAccessibleName("Keep screenings for")
        self.months_box.valueChanged.connect(lambda _value: self._update_cutoff())
        self.cutoff_label = QLabel()
        set_role(self.cutoff_label, "hint")
        self.candidates_box = QCheckBox("Also delete the candidates left with no screening")
        self.who_edit = QLineEdit()
        self.who_edit.setAccessibleName("Purged by")
        self.who_edit.setPlaceholderText("Your name")
        self.purge_button = QPushButton("&Delete old screenings...")
        self.purge_button.clicked.connect(self.ask_purge)
        self.message_label = QLabel()
        self.message_label.setObjectName("purgeMessage")
        self.message_label.setWordWrap(True)
        self.purge_question = QLabel()
        self.keep_button = QPushButton("&Keep them")
        self.keep_button.clicked.connect(self._keep)
        self.confirm_button = QPushButton("Delete for &good")
        self.confirm_button.clicked.connect(self.purge)
        self.purge_bar = confirmation_bar("purgeBar", "warningBar", self.purge_question,
                                          self.keep_button, self.confirm_button)

        log_heading = QLabel("Deletions recorded")
        set_role(log_heading, "strong")
        self.log_table = QTableWidget(0, 4)
        self.log_table.setHorizontalHeaderLabels(["When", "By", "What", "Rows deleted"])
        self.log_table.setAccessibleName("Deletions recorded")
        self.log_table.setTabKeyNavigation(False)
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_table.verticalHeader().hide()
        self.log_table.setWordWrap(False)
        self.log_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Keep screenings for:", self.months_box)
        form.addRow("", self.cutoff_label)
        form.addRow("", self.candidates_box)
        self.who_edit.setMinimumWidth(240)
        form.addRow("Purged by:", self.who_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(self.purge_bar)
        footer = button_row(self.purge_button)
        footer.insertWidget(0, self.message_label, 1)
        layout.addLayout(footer)
        layout.addWidget(log_heading)
        layout.addWidget(self.log_table, 1)

    def reload(self) -> None:
        """Show the stored retention period and the deletions recorded."""
        months = self.store.get_setting(RETENTION_MONTHS, DEFAULT_RETENTION_MONTHS)
        if isinstance(months, bool) or not isinstance(months, int):
            months = DEFAULT_RETENTION_MONTHS  # a damaged setting falls back, never purges more
        self.months_box.setValue(max(1, min(MAX_RETENTION_MONTHS, months)))
        self._update_cutoff()
        rows = list(reversed(S.deletions(self.store)))  # newest first
        self.log_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            what = ("a candidate, on request" if row["what"] == "candidate"
                    else "retention purge" if row["what"] == "retention-purge" else row["what"])
            detail = row["detail"].split(": ", 1)[1] if ": " in row["detail"] else ""
            values = [local_time(row["at"]), row["who"],
                      what + (f" ({detail})" if detail else ""), rows_in_words(row["rows"])]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(row["detail"])
                self.log_table.setItem(index, column, item)

    def cutoff(self) -> datetime:
        """The start before which finished screenings are purged."""
        return S.months_before(self._now().astimezone(UTC), self.months_box.value())

    def _update_cutoff(self) -> None:
        self.cutoff_label.setText(f"Screenings started before {self.cutoff():%Y-%m-%d} are "
                                  "purged.")

    def _say(self, text: str, role: str) -> None:
        set_role(self.message_label, role)
        self.message_label.setText(text)

    def ask_purge(self) -> None:
        """Ask in the page before purging."""
        self.store.set_setting(RETENTION_MONTHS, self.months_box.value())
        self.purge_question.setText(
            f"Delete every finished screening that started before {self.cutoff():%Y-%m-%d}, "
            "with its answers and incidents"
            + (", and the candidates left with none" if self.candidates_box.isChecked() else "")
            + "? This cannot be undone.")
        self.purge_bar.show()
        self.keep_button.setFocus()

    def _keep(self) -> None:
        self.purge_bar.hide()
        self.purge_button.setFocus()

    def purge(self) -> None:
        """Purge (the confirmed choice) and record it, sealed."""
        self.purge_bar.hide()
        key = self._key_provider()
        if key is None:
            self._say("Log in as admin again: the purge must be sealed.", "error")
            return
        try:
            counts = S.purge_screenings(
                self.store, self.months_box.value(), who=self.who_edit.text(),
                candidates_too=self.candidates_box.isChecked(),
                sealer=ledger.sealer_for(self.store, key), now=self._now())
        except ValueError as error:
            self._say(sentence(str(error)), "error")
            self.who_edit.setFocus()
            return
        self._say(f"Deleted {rows_in_words(counts)}; the purge is recorded.", "success")
        self.reload()

    def clear(self) -> None:
        """Forget what was typed (on log out)."""
        self.who_edit.clear()
        self.message_label.clear()
        self.purge_bar.hide()
        self.log_table.setRowCount(0)
