"""The Candidates tab of the admin area: search, add and edit, import from CSV, delete.

The list is a search over ``screenings.search_candidates``, a page of
``PAGE_SIZE`` at a time, so it stays quick with tens of thousands of
candidates (it never loads them all). Picking a row shows the candidate's
details to edit and their screenings. A CSV file is read on a worker thread
into a preview (the rows to import, and each refused row with its number and
the reasons) before anything is stored. A candidate is deleted on request
after an in-page confirmation that asks for the reason and who deletes; the
deletion is recorded and sealed (``ledger.sealer_for``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.screening.candidates import (
    FIELDS,
    MAX_LENGTHS,
    Candidate,
    CandidateImportError,
    ImportPreview,
    read_candidates_csv,
)
from typing_test.core.screening.seals import SealKey
from typing_test.store import ledger
from typing_test.store import screenings as S
from typing_test.store.database import Store
from typing_test.ui.common.background import BackgroundCall
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.confirmation_bar import confirmation_bar
from typing_test.ui.common.theme import set_role
from typing_test.ui.reports.attempts_model import local_time
from typing_test.ui.screening.admin_login import sentence

PAGE_SIZE = 50
PREVIEW_ROWS_SHOWN = 500  # a preview table of 200,000 rows would take seconds to fill
CANDIDATE_ID_ROLE = Qt.ItemDataRole.UserRole
FIELD_LABELS = {"name": "Name", "email": "Email", "phone": "Phone",
                "hr_reference": "HR reference", "role": "Role applied for", "notes": "Notes"}


def contact(row: dict) -> str:
    """How to reach a candidate, in one cell: the email, the phone, or both.

    >>> contact({"email": "ana@example.com", "phone": ""})
    'ana@example.com'
    >>> contact({"email": "ana@example.com", "phone": "0917 555 0101"})
    'ana@example.com, 0917 555 0101'
    """
    return ", ".join(value for value in (row.get("email"), row.get("phone")) if value)


def screening_summary(row: dict) -> str:
    """A screening's result in words: the outcome when completed, else its status.

    >>> screening_summary({"status": "completed", "outcome": "pass", "weighted_score": None})
    'Passed'
    >>> screening_summary({"status": "completed", "outcome": "incomplete"})
    'Not passed: a step was not finished'
    >>> screening_summary({"status": "in_progress", "outcome": None, "weighted_score": None})
    'In progress'
    """
    if row["status"] == "completed" and row.get("outcome"):
        text = {"pass": "Passed", "fail": "Failed",
                "incomplete": "Not passed: a step was not finished"}.get(
            row["outcome"], str(row["outcome"]))
        if row.get("weighted_score") is not None:
            text += f" ({row['weighted_score']:.0f} %)"
        return text
    return str(row["status"]).replace("_", " ").capitalize()


def _table(headings: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(headings)
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


class CandidatesTab(QWidget):
    """Search, add, edit, import and delete candidates.

    ``key_provider()`` gives the admin's seal key (for sealing a deletion).
    ``startRequested(candidate_id)`` asks the admin area to start a screening
    for the candidate shown. ``previewReady`` follows each CSV file read (the
    preview is in ``self.preview``, or None when the file was refused).
    """

    startRequested = Signal(str)
    previewReady = Signal()

    def __init__(self, store: Store, key_provider: Callable[[], SealKey | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._key_provider = key_provider
        self.offset = 0
        self.total = 0
        self.candidate_id: str | None = None  # the candidate shown; None for a new one
        self.preview: ImportPreview | None = None
        self._read_call: BackgroundCall | None = None

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_browser())
        self.stack.addWidget(self._build_import_view())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.new_candidate()

    # Building ------------------------------------------------------------------------

    def _build_browser(self) -> QWidget:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search by name, email, phone or HR reference")
        self.search_edit.setAccessibleName("Search candidates")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self.search())
        self.table = _table(["Name", "Email or phone", "Role"], "Candidates found")
        self.table.itemSelectionChanged.connect(self._on_row_picked)
        self.count_label = QLabel()
        self.count_label.setObjectName("candidateCount")
        set_role(self.count_label, "hint")
        self.previous_button = QPushButton("Pre&vious")
        self.previous_button.clicked.connect(lambda: self.show_page(self.offset - PAGE_SIZE))
        self.next_button = QPushButton("Ne&xt")
        self.next_button.clicked.connect(lambda: self.show_page(self.offset + PAGE_SIZE))
        self.new_button = QPushButton("&New candidate")
        self.new_button.clicked.connect(self.new_candidate)
        self.import_button = QPushButton("&Import CSV...")
        self.import_button.setToolTip("Add the applicants of a spreadsheet saved as CSV; "
                                      "you see every row before anything is added")
        self.import_button.clicked.connect(self._choose_csv)
        self.status_label = QLabel()
        self.status_label.setObjectName("candidateStatus")
        self.status_label.setWordWrap(True)
        set_role(self.status_label, "success")

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        paging = QHBoxLayout()
        paging.addWidget(self.count_label, 1)
        paging.addWidget(self.previous_button)
        paging.addWidget(self.next_button)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(paging)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.status_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _build_details(self) -> QWidget:
        self.details_heading = QLabel()
        set_role(self.details_heading, "heading")
        self.details_heading.setWordWrap(True)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for name in FIELDS:
            if name == "notes":
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(56)
            else:
                edit = QLineEdit()
                edit.setMaxLength(MAX_LENGTHS[name])
            edit.setAccessibleName(FIELD_LABELS[name])
            self.fields[name] = edit
            form.addRow(f"{FIELD_LABELS[name]}:", edit)
        self.fields["email"].setPlaceholderText("name@example.com")
        self.fields["hr_reference"].setPlaceholderText("Optional")
        self.error_label = QLabel()
        self.error_label.setObjectName("candidateError")
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        self.error_label.hide()

        # A possible duplicate is asked about in the page, not refused outright:
        # two applicants may share a family phone.
        self.duplicate_question = QLabel()
        self.keep_editing_button = QPushButton("&Keep editing")
        self.keep_editing_button.clicked.connect(self._keep_editing)
        self.anyway_button = QPushButton("Save &anyway")
        self.anyway_button.clicked.connect(lambda: self.save(allow_duplicate=True))
        self.duplicate_bar = confirmation_bar("duplicateBar", "infoBar", self.duplicate_question,
                                       self.keep_editing_button, self.anyway_button)

        self.save_button = QPushButton("&Save")
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(lambda: self.save())

        screenings_heading = QLabel("Screenings")
        set_role(screenings_heading, "strong")
        self.screenings_table = _table(["Started", "Battery", "Result"], "Their screenings")
        self.screenings_table.setMinimumHeight(90)
        self.no_screenings_label = QLabel("No screening yet.")
        set_role(self.no_screenings_label, "hint")
        self.start_button = QPushButton("S&tart screening...")
        self.start_button.setToolTip("Choose a battery for this candidate and start")
        self.start_button.clicked.connect(
            lambda: self.candidate_id and self.startRequested.emit(self.candidate_id))
        self.delete_button = QPushButton("&Delete candidate...")
        self.delete_button.setToolTip("Delete this candidate and all their results, "
                                      "on their request; the deletion is recorded")
        self.delete_button.clicked.connect(self.ask_delete)

        self.delete_question = QLabel()
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName("Reason for the deletion")
        self.reason_edit.setPlaceholderText("Reason, e.g. the applicant's request of 3 March "
                                            "(do not name them)")
        self.who_edit = QLineEdit()
        self.who_edit.setAccessibleName("Deleted by")
        self.who_edit.setPlaceholderText("Your name")
        self.keep_button = QPushButton("&Cancel")
        self.keep_button.clicked.connect(self._keep)
        self.confirm_delete_button = QPushButton("Delete for &good")
        self.confirm_delete_button.clicked.connect(self.delete_shown)
        self.delete_bar = QFrame()
        self.delete_bar.setObjectName("deleteCandidateBar")
        set_role(self.delete_bar, "warningBar")
        self.delete_question.setWordWrap(True)
        bar_form = QFormLayout()
        bar_form.addRow("Reason:", self.reason_edit)
        bar_form.addRow("Deleted by:", self.who_edit)
        bar_layout = QVBoxLayout(self.delete_bar)
        bar_layout.addWidget(self.delete_question)
        bar_layout.addLayout(bar_form)
        bar_layout.addLayout(button_row(self.keep_button, self.confirm_delete_button))
        for button in (self.keep_button, self.confirm_delete_button):
            button.setAutoDefault(False)
        self.delete_bar.hide()

        details = QWidget()
        layout = QVBoxLayout(details)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.details_heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.duplicate_bar)
        layout.addLayout(button_row(self.save_button))
        layout.addWidget(screenings_heading)
        layout.addWidget(self.no_screenings_label)
        layout.addWidget(self.screenings_table, 1)
        layout.addLayout(button_row(self.delete_button, self.start_button))
        layout.addWidget(self.delete_bar)
        layout.addStretch(1)  # packs the form at the top while there is no screening
        scroll = QScrollArea()
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _build_import_view(self) -> QWidget:
        self.import_heading = QLabel("Import candidates")
        set_role(self.import_heading, "heading")
        self.import_summary = QLabel()
        self.import_summary.setObjectName("importSummary")
        self.import_summary.setWordWrap(True)
        self.good_table = _table(["Row", "Name", "Email", "Phone", "HR reference", "Role"],
                                 "Rows to import")
        self.good_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        refused_heading = QLabel("Rows that cannot be imported")
        set_role(refused_heading, "strong")
        self.refused_list = QListWidget()
        self.refused_list.setAccessibleName("Rows that cannot be imported")
        self.refused_list.setWordWrap(True)
        self.refused_list.setMaximumHeight(120)
        self.import_error = QLabel()
        self.import_error.setObjectName("importError")
        self.import_error.setWordWrap(True)
        set_role(self.import_error, "error")
        self.cancel_import_button = QPushButton("&Cancel")
        self.cancel_import_button.clicked.connect(self.close_import)
        self.confirm_import_button = QPushButton("&Import")
        set_role(self.confirm_import_button, "primary")
        self.confirm_import_button.clicked.connect(self.import_previewed)

        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.import_heading)
        layout.addWidget(self.import_summary)
        layout.addWidget(self.good_table, 2)
        layout.addWidget(refused_heading)
        layout.addWidget(self.refused_list, 1)
        layout.addWidget(self.import_error)
        footer = button_row(self.cancel_import_button, self.confirm_import_button)
        layout.addLayout(footer)
        return view

    # Searching -----------------------------------------------------------------------

    def search(self) -> None:
        """List the first page of candidates matching the search box."""
        self.show_page(0)

    def show_page(self, offset: int) -> None:
        """List the candidates matching the search box from ``offset`` on."""
        found = S.search_candidates(self.store, self.search_edit.text(), limit=PAGE_SIZE,
                                    offset=max(0, offset))
        self.offset, self.total = max(0, offset), found.total
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(found.rows))
        for index, row in enumerate(found.rows):
            name = QTableWidgetItem(row["name"])
            name.setData(CANDIDATE_ID_ROLE, row["id"])
            self.table.setItem(index, 0, name)
            self.table.setItem(index, 1, QTableWidgetItem(contact(row)))
            self.table.setItem(index, 2, QTableWidgetItem(row["role"]))
            if row["id"] == self.candidate_id:
                self.table.selectRow(index)
        self.table.blockSignals(False)
        if found.total == 0:
            text = ("No candidate matches this search." if self.search_edit.text().strip()
                    else "No candidate yet: add one, or import a list from CSV.")
        else:
            last = self.offset + len(found.rows)
            text = f"{self.offset + 1:,}-{last:,} of {found.total:,} candidates"
        self.count_label.setText(text)
        self.previous_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(self.offset + len(found.rows) < found.total)

    def listed_names(self) -> list[str]:
        """The names in the list, top to bottom (what HR sees)."""
        return [self.table.item(row, 0).text() for row in range(self.table.rowCount())]

    def _on_row_picked(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) == 1:
            self.show_candidate(self.table.item(rows.pop(), 0).data(CANDIDATE_ID_ROLE))

    # Details -------------------------------------------------------------------------

    def new_candidate(self) -> None:
        """Empty the form for a new candidate."""
        self.candidate_id = None
        self.table.clearSelection()
        self.details_heading.setText("New candidate")
        for edit in self.fields.values():
            edit.clear() if isinstance(edit, QLineEdit) else edit.setPlainText("")
        self._show_screenings([])
        self._clear_messages()
        self.start_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self.fields["name"].setFocus()

    def show_candidate(self, candidate_id: str) -> None:
        """Show a candidate's details and screenings."""
        try:
            row = S.get_candidate(self.store, candidate_id)
        except KeyError:
            self.status_label.setText("")
            self.search()
            return
        self.candidate_id = candidate_id
        self.details_heading.setText(row["name"])
        for name, edit in self.fields.items():
            value = row[name] or ""
            edit.setText(value) if isinstance(edit, QLineEdit) else edit.setPlainText(value)
        self._show_screenings(S.candidate_screenings(self.store, candidate_id))
        self._clear_messages()
        self.start_button.setEnabled(True)
        self.delete_button.setEnabled(True)

    def _show_screenings(self, rows: list[dict]) -> None:
        self.screenings_table.clearContents()
        self.screenings_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self.screenings_table.setItem(index, 0, QTableWidgetItem(local_time(row["started_at"])))
            self.screenings_table.setItem(index, 1, QTableWidgetItem(row["battery_name"]))
            self.screenings_table.setItem(index, 2, QTableWidgetItem(screening_summary(row)))
        self.screenings_table.setVisible(bool(rows))
        self.no_screenings_label.setVisible(not rows)

    def screenings_shown(self) -> list[list[str]]:
        """The screenings table as text, row by row."""
        table = self.screenings_table
        return [[table.item(row, column).text() for column in range(table.columnCount())]
                for row in range(table.rowCount())]

    def _form_candidate(self) -> Candidate:
        values = {name: edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
                  for name, edit in self.fields.items()}
        return Candidate(**values)

    def _clear_messages(self) -> None:
        self.error_label.hide()
        self.error_label.clear()
        self.duplicate_bar.hide()
        self.delete_bar.hide()

    def save(self, allow_duplicate: bool = False) -> None:
        """Store the form: a new candidate, or the changes to the one shown.

        Invalid details are refused with every reason; a candidate with the
        email or phone of another is asked about first.
        """
        self._clear_messages()
        candidate = self._form_candidate()
        try:
            if self.candidate_id is None:
                self.candidate_id = S.add_candidate(self.store, candidate,
                                                    allow_duplicate=allow_duplicate)
                message = f"Added {candidate.name.strip()}."
            else:
                S.update_candidate(self.store, self.candidate_id, candidate,
                                   allow_duplicate=allow_duplicate)
                message = "Saved."
        except S.DuplicateCandidateError as error:
            self.duplicate_question.setText(
                f"{sentence(str(error))} Is this another person? Save anyway, or keep "
                "editing (search for them to open the existing record).")
            self.duplicate_bar.show()
            self.keep_editing_button.setFocus()
            return
        except S.ScreeningError as error:
            problems = str(error).split("; ")
            self.error_label.setText("\n".join(sentence(problem) for problem in problems))
            self.error_label.show()
            return
        except KeyError:
            self.error_label.setText("This candidate was deleted meanwhile.")
            self.error_label.show()
            return
        self.status_label.setText(message)
        self.show_candidate(self.candidate_id)
        self.show_page(self.offset)

    def _keep_editing(self) -> None:
        self.duplicate_bar.hide()
        self.fields["name"].setFocus()

    # Deleting ------------------------------------------------------------------------

    def ask_delete(self) -> None:
        """Ask, in the page, before deleting the candidate shown."""
        if self.candidate_id is None:
            return
        count = len(S.candidate_screenings(self.store, self.candidate_id))
        self.delete_question.setText(
            f"Delete {self.details_heading.text()} and all their results "
            f"({count} screening{'s' if count != 1 else ''})? This cannot be undone. The "
            "deletion itself is recorded (when, by whom, how many rows), without their name.")
        self.delete_bar.show()
        self.reason_edit.setFocus()

    def _keep(self) -> None:
        self.delete_bar.hide()
        self.delete_button.setFocus()

    def delete_shown(self) -> None:
        """Delete the candidate shown (the confirmed choice), sealing the record of it."""
        who = self.who_edit.text().strip()
        key = self._key_provider()
        if self.candidate_id is None:
            return
        if not who:
            self.delete_question.setText("Say who is deleting: the record of the deletion "
                                         "needs a name.")
            self.who_edit.setFocus()
            return
        if key is None:
            self.delete_question.setText("Log in as admin again: the deletion must be sealed.")
            return
        try:
            counts = S.delete_candidate(self.store, self.candidate_id, who=who,
                                        reason=self.reason_edit.text(),
                                        sealer=ledger.sealer_for(self.store, key))
        except (S.ScreeningError, ValueError) as error:
            self.delete_question.setText(sentence(str(error)))
            return
        except KeyError:
            counts = {}
        name = self.details_heading.text()
        self.reason_edit.clear()
        self.new_candidate()
        self.show_page(self.offset if self.offset < max(1, self.total - 1) else 0)
        results = counts.get("attempts", 0)
        self.status_label.setText(f"Deleted {name} and {results} stored result"
                                  f"{'s' if results != 1 else ''}; the deletion is recorded.")

    # Importing -----------------------------------------------------------------------

    def _choose_csv(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import candidates", str(Path.home()),
            "CSV files (*.csv *.txt);;All files (*)")
        if path:
            self.preview_csv(Path(path))

    def preview_csv(self, path: Path) -> None:
        """Read a CSV file on a worker thread and show what importing it would do."""
        if self._read_call is not None:
            return
        self.status_label.clear()
        self.import_heading.setText(f"Import candidates from {path.name}")
        self.import_summary.setText("Reading the file...")
        self.import_error.clear()
        self.good_table.setRowCount(0)
        self.refused_list.clear()
        self.confirm_import_button.setEnabled(False)
        self.stack.setCurrentIndex(1)
        known = S.known_contacts(self.store)

        def read() -> ImportPreview:
            try:
                data = path.read_bytes()
            except OSError as error:
                raise CandidateImportError(f"the file cannot be read: {error.strerror}") from None
            return read_candidates_csv(data, known)

        self._read_call = BackgroundCall(read, parent=self)
        self._read_call.finished.connect(self._show_preview)
        self._read_call.failed.connect(self._preview_failed)
        self._read_call.start()

    def _preview_failed(self, message: str) -> None:
        self._read_call = None
        self.preview = None
        # The worker reports "ErrorType: message"; HR needs only the message.
        self.import_summary.setText("")
        self.import_error.setText("This file cannot be imported: "
                                  + sentence(message.split(": ", 1)[-1]))
        self.previewReady.emit()

    def _show_preview(self, preview: ImportPreview) -> None:
        self._read_call = None
        self.preview = preview
        columns = ", ".join(f"{FIELD_LABELS[name]} from \u201c{header}\u201d"
                            for name, header in preview.columns.items())
        ignored = (f" Columns left out: {', '.join(preview.ignored_columns)}."
                   if preview.ignored_columns else "")
        shown = ("" if len(preview.good) <= PREVIEW_ROWS_SHOWN
                 else f" The first {PREVIEW_ROWS_SHOWN:,} rows to import are shown.")
        self.import_summary.setText(
            f"{preview.rows_read:,} rows read ({preview.encoding}): {len(preview.good):,} to "
            f"import, {len(preview.refused):,} refused. {columns}.{ignored}{shown}")
        rows = preview.good[:PREVIEW_ROWS_SHOWN]
        self.good_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            values = [str(row.row), row.candidate.name, row.candidate.email,
                      row.candidate.phone, row.candidate.hr_reference, row.candidate.role]
            for column, value in enumerate(values):
                self.good_table.setItem(index, column, QTableWidgetItem(value))
        for refused in preview.refused:
            reasons = "; ".join(refused.reasons)
            self.refused_list.addItem(f"Row {refused.row}: {reasons}")
        if not preview.refused:
            self.refused_list.addItem("None: every row can be imported.")
        count = len(preview.good)
        self.confirm_import_button.setText(
            f"&Import {count:,} candidate{'s' if count != 1 else ''}")
        self.confirm_import_button.setEnabled(count > 0)
        self.previewReady.emit()

    def refused_shown(self) -> list[str]:
        """The refused rows as listed."""
        return [self.refused_list.item(index).text() for index in range(self.refused_list.count())]

    def import_previewed(self) -> None:
        """Store the previewed rows, all or none."""
        if self.preview is None or not self.preview.good:
            return
        try:
            ids = S.import_candidates(self.store, [row.candidate for row in self.preview.good])
        except S.ScreeningError as error:
            self.import_error.setText(sentence(str(error)))
            return
        self.close_import()
        self.search_edit.clear()
        self.search()
        self.status_label.setText(f"Imported {len(ids):,} candidate"
                                  f"{'s' if len(ids) != 1 else ''}.")

    def close_import(self) -> None:
        """Back to the list, importing nothing more."""
        self.preview = None
        self.stack.setCurrentIndex(0)
        self.import_button.setFocus()

    # Forgetting ----------------------------------------------------------------------

    def clear(self) -> None:
        """Forget everything shown (on log out: the next person sees nothing)."""
        self.close_import()
        self.good_table.setRowCount(0)
        self.refused_list.clear()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.table.setRowCount(0)
        self.count_label.clear()
        self.status_label.clear()
        self.who_edit.clear()
        self.new_candidate()
