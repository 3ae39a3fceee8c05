"""The admin area's results files: export every result (screenings too), back
the database up, and import the results of other PCs.

Backups and imports run on a worker thread (they read whole files); each says
what it did, or why it refused, in the tab.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.screening.seals import SealKey
from typing_test.store.database import Store
from typing_test.ui.common.background import BackgroundCall
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.chart import ChartView, Histogram
from typing_test.ui.common.theme import set_role


class ResultsTab(QWidget):
    """Export, backup and import. ``key_provider()`` is HR's seal key (or None).

    ``imported`` is emitted after results of another PC were merged in.
    """

    imported = Signal()

    def __init__(self, store: Store, key_provider: Callable[[], SealKey | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.key_provider = key_provider
        self._call: BackgroundCall | None = None
        self.export_dialog = None

        export_caption = QLabel("Export")
        set_role(export_caption, "heading")
        export_help = QLabel("Every result, screenings included, as CSV, Excel or a PDF report; "
                             "one row per attempt or per screening.")
        export_help.setWordWrap(True)
        self.export_button = QPushButton("E&xport results...")
        self.export_button.clicked.connect(self.open_export)

        backup_caption = QLabel("Backup")
        set_role(backup_caption, "heading")
        backup_help = QLabel("A checked copy of the whole database, taken while the app runs. "
                             "Keep it where candidates cannot reach it.")
        backup_help.setWordWrap(True)
        self.backup_button = QPushButton("Bac&k up the database...")
        self.backup_button.clicked.connect(self.choose_backup)

        import_caption = QLabel("Results of other PCs")
        set_role(import_caption, "heading")
        import_help = QLabel(
            "Bring in the database of another PC: its seals are checked with that PC's admin "
            "password (often the same as this one's: type it again). A damaged or tampered "
            "file is refused whole.")
        import_help.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Admin password of the other PC")
        self.unverified_box = QCheckBox("Import even without its password (marked unverified)")
        self.import_button = QPushButton("&Import results...")
        self.import_button.clicked.connect(self.choose_import)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName("What the backup or import did")
        self.report_view.setMaximumHeight(120)
        self.report_view.hide()  # shown once a backup or an import has something to say
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        # Two records of one person (two PCs registered the same applicant).
        self.duplicates_list = QListWidget()
        self.duplicates_list.setAccessibleName("Possible duplicates: the same person twice")
        self.duplicates_list.setMaximumHeight(90)
        self.joined_by_edit = QLineEdit()
        self.joined_by_edit.setAccessibleName("Joined by")
        self.joined_by_edit.setPlaceholderText("your name, for the record")
        self.join_button = QPushButton("&Join the two records")
        self.join_button.clicked.connect(self.join_selected)
        self.duplicates_box = QWidget()
        duplicates_layout = QVBoxLayout(self.duplicates_box)
        duplicates_layout.setContentsMargins(0, 0, 0, 0)
        duplicates_layout.addWidget(QLabel("The same name and email twice: join them if they "
                                           "are one person (their screenings move to the "
                                           "record here)."))
        duplicates_layout.addWidget(self.duplicates_list)
        join_row = button_row(self.join_button)
        join_row.insertWidget(0, self.joined_by_edit, 1)
        duplicates_layout.addLayout(join_row)
        self.duplicates_box.hide()
        # The cohort at a glance: every candidate's best net WPM against the bar.
        self.cohort_chart = ChartView()
        self.cohort_chart.setObjectName("cohortChart")
        self.cohort_chart.setMinimumHeight(150)
        self._cohort_call: BackgroundCall | None = None
        self._duplicates: list[tuple[str, str, str]] = []

        form = QFormLayout()
        form.addRow("Its pass&word:", self.password_edit)
        form.addRow("", self.unverified_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.cohort_chart)
        for widget in (export_caption, export_help):
            layout.addWidget(widget)
        layout.addLayout(button_row(self.export_button))
        for widget in (backup_caption, backup_help):
            layout.addWidget(widget)
        layout.addLayout(button_row(self.backup_button))
        for widget in (import_caption, import_help):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addLayout(button_row(self.import_button))
        layout.addWidget(self.status_label)
        layout.addWidget(self.report_view)
        layout.addWidget(self.duplicates_box)
        layout.addStretch(1)

    def show_cohort(self) -> None:
        """Chart every candidate's best net WPM against the bar, read on a
        worker thread (a cohort can be tens of thousands of attempts)."""
        from typing_test.store.reports import cohort_report
        from typing_test.store.settings import load_pass_bar

        bar = load_pass_bar(self.store).min_net_wpm
        reader = self.store.reader()

        def run() -> Histogram:
            try:
                values = [line.best_net_wpm for line in cohort_report(reader).candidates
                          if line.best_net_wpm is not None]
            finally:
                if reader is not self.store:
                    reader.conn.close()
            return Histogram.of("Candidates by best net WPM", values, width=5, bar=bar,
                                count_noun="candidates")

        self._cohort_call = BackgroundCall(run, parent=self)
        self._cohort_call.finished.connect(self.cohort_chart.set_chart)
        self._cohort_call.start()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.show_cohort()

    def open_export(self) -> None:
        """The export dialog, with every result (screenings too)."""
        from typing_test.ui.reports.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.store, include_screenings=True, parent=self)
        self.export_dialog.open()

    def choose_backup(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Back up the database to",
                                              "typing-test-backup.db", "Databases (*.db)")
        if path:
            self.back_up_to(path)

    def back_up_to(self, path: str) -> None:
        """Copy the database to ``path`` on a worker thread."""
        from typing_test.store.database import backup

        if Path(path).resolve() == Path(self.store.path).resolve():
            self._say("The backup cannot be the database itself.", error=True)
            return

        def run() -> str:
            size = backup(self.store.path, path)
            return f"Backed up to {path} ({size / 1e6:.1f} MB)."

        self._run(run)

    def choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import the results of",
                                                "", "Databases (*.db)")
        if paths:
            self.import_from(paths)

    def import_from(self, paths: list[str]) -> None:
        """Merge the databases at ``paths`` on a worker thread."""
        from typing_test.store.merge import MergeRefused, merge_file

        key = self.key_provider()
        password = self.password_edit.text() or None
        allow = self.unverified_box.isChecked()
        self.password_edit.clear()  # a password is never kept on screen
        writer = Store.open(self.store.path) if self.store.path != ":memory:" else self.store

        def run() -> str:
            lines = []
            self._duplicates = []
            try:
                for path in paths:
                    try:
                        summary = merge_file(writer, key, path, password, allow_unverified=allow)
                    except MergeRefused as error:
                        lines.append(f"Refused: {error}. Nothing of it was imported.")
                        continue
                    lines += summary.lines()
                    self._duplicates += summary.possible_duplicates
            finally:
                if writer is not self.store:
                    writer.close()
            return "\n".join(lines)

        self._run(run, imported=True)

    def _run(self, run: Callable[[], str], imported: bool = False) -> None:
        self._call = BackgroundCall(run, parent=self)
        self._call.finished.connect(lambda text: self._done(text, imported))
        self._call.failed.connect(lambda message: self._done("", False, message))
        for button in (self.backup_button, self.import_button):
            button.setEnabled(False)
        self._say("Working...")
        self._call.start()

    def _done(self, text: str, imported: bool, failure: str = "") -> None:
        for button in (self.backup_button, self.import_button):
            button.setEnabled(True)
        if failure:
            self._say(f"It failed ({failure}); nothing was changed.", error=True)
            return
        self.report_view.setPlainText(text)
        self.report_view.setVisible(bool(text))
        self._say("Done." if "Refused" not in text else "Done; some files were refused.",
                  error="Refused" in text)
        if imported:
            self.imported.emit()
            self.show_cohort()
            self._show_duplicates()

    def _show_duplicates(self) -> None:
        self.duplicates_list.clear()
        for name, here_id, there_id in self._duplicates:
            item = QListWidgetItem(f"{name}: {here_id[:8]} here, {there_id[:8]} imported")
            item.setData(Qt.ItemDataRole.UserRole, (here_id, there_id))
            self.duplicates_list.addItem(item)
        self.duplicates_box.setVisible(bool(self._duplicates))
        if self._duplicates:
            self.duplicates_list.setCurrentRow(0)

    def join_selected(self) -> None:
        """Join the picked pair: the imported record's screenings move to the one here."""
        from typing_test.store import screenings as S
        from typing_test.store.ledger import sealer_for

        item = self.duplicates_list.currentItem()
        key = self.key_provider()
        if item is None or key is None:
            return
        who = self.joined_by_edit.text().strip()
        if not who:
            self._say("Say who is joining them (your name): the record needs it.", error=True)
            self.joined_by_edit.setFocus()
            return
        here_id, there_id = item.data(Qt.ItemDataRole.UserRole)
        try:
            moved = S.join_candidates(self.store, here_id, there_id, who=who,
                                      sealer=sealer_for(self.store, key))
        except (KeyError, S.ScreeningError) as error:
            self._say(f"They were not joined: {error}.", error=True)
            return
        self._duplicates = [pair for pair in self._duplicates if pair[2] != there_id]
        self._show_duplicates()
        self._say(f"Joined: {moved['screenings']} screening(s) and {moved['attempts']} "
                  "attempt(s) moved to the record here; the join is recorded.")
        self.imported.emit()

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        set_role(self.status_label, "error" if error else "")

    def clear(self) -> None:
        """Forget what was shown (on log out)."""
        self.report_view.clear()
        self.report_view.hide()
        self.status_label.clear()
        self.password_edit.clear()
        self._duplicates = []
        self.duplicates_box.hide()
