"""The export dialog: the choices of ``typing-test export`` (format, activity,
dates, candidate), run on a worker thread with a progress bar and Cancel.

The export reads through a second, read-only connection (``Store.reader``), so
the app goes on saving while it runs; the file appears only once complete.
"""

from __future__ import annotations

import threading
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.store.database import Store
from typing_test.store.export import ExportCancelled, Filters, export
from typing_test.ui.common.background import BackgroundCall
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import page_layout, set_role

FORMATS = [("CSV (opens in Excel)", "csv"), ("Excel workbook", "xlsx"),
           ("PDF report", "pdf")]
KINDS = [("Every activity", ""), ("Typing tests", "typing"), ("Proofreading", "proofreading"),
         ("Writing", "writing"), ("Office quizzes", "quiz"), ("Targeted practice", "targeted"),
         ("Data entry", "data-entry")]


class _Progress(QObject):
    """Carries the worker's progress to the UI thread."""

    moved = Signal(int, int)


class ExportDialog(QDialog):
    """Export attempts of ``store``. ``include_screenings`` is False in practice
    mode: a person at the PC exports practice results, never a screening's.

    ``exported`` carries the path written when an export is complete.
    """

    exported = Signal(str)

    def __init__(self, store: Store, *, include_screenings: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export results")
        self.setMinimumWidth(520)
        self.store = store
        self.include_screenings = include_screenings
        self._cancel = threading.Event()
        self._call: BackgroundCall | None = None

        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for label, value in FORMATS:
            self.format_box.addItem(label, value)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Activity")
        for label, value in KINDS:
            self.kind_box.addItem(label, value)
        self.since_edit = QLineEdit()
        self.since_edit.setAccessibleName("From date")
        self.since_edit.setPlaceholderText("YYYY-MM-DD (empty: from the first)")
        self.until_edit = QLineEdit()
        self.until_edit.setAccessibleName("To date")
        self.until_edit.setPlaceholderText("YYYY-MM-DD (empty: to the last)")
        self.per_box = QComboBox()
        self.per_box.setAccessibleName("Rows")
        self.per_box.addItem("One row per attempt", "attempt")
        self.per_box.addItem("One row per screening", "screening")
        self.candidate_edit = QLineEdit()
        self.candidate_edit.setAccessibleName("Candidate")
        self.candidate_edit.setPlaceholderText("a name, or a candidate's id (empty: everyone)")
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton("&Export...")
        set_role(self.export_button, "primary")
        self.export_button.clicked.connect(self.choose_file_and_export)
        self.cancel_button = QPushButton("&Cancel export")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.print_button = QPushButton("&Print report...")
        self.print_button.setToolTip("Print the PDF report (a candidate's page, or the cohort)")
        self.print_button.clicked.connect(self.print_report)
        self.close_button = QPushButton("C&lose")
        self.close_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow("&Activity:", self.kind_box)
        form.addRow("F&rom:", self.since_edit)
        form.addRow("&To:", self.until_edit)
        form.addRow("Ca&ndidate:", self.candidate_edit)
        if include_screenings:  # a screening's row exists only where screenings are shown
            form.addRow("Ro&ws:", self.per_box)
        else:
            self.per_box.hide()
        layout = page_layout(QVBoxLayout(self))
        heading = QLabel("Export results")
        set_role(heading, "heading")
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addLayout(button_row(self.close_button, self.print_button, self.cancel_button,
                                    self.export_button))

    def filters(self) -> Filters | None:
        """The filters chosen, or None (with the reason shown) when a date is wrong."""
        dates = []
        for edit, name in ((self.since_edit, "From"), (self.until_edit, "To")):
            text = edit.text().strip()
            if text:
                try:
                    date.fromisoformat(text)
                except ValueError:
                    self._say(f"{name}: {text!r} is not a date like 2026-03-31.", error=True)
                    return None
            dates.append(text or None)
        return Filters(candidate=self.candidate_edit.text().strip() or None,
                       kind=self.kind_box.currentData() or None, since=dates[0],
                       until=dates[1], include_screenings=self.include_screenings)

    def choose_file_and_export(self) -> None:
        """Ask where to save, then export there."""
        file_format = self.format_box.currentData()
        if self.filters() is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Export results to", f"results.{file_format}",
            {"csv": "CSV files (*.csv)", "xlsx": "Excel workbooks (*.xlsx)",
             "pdf": "PDF files (*.pdf)"}[file_format])
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Export to ``path`` on a worker thread, showing progress."""
        filters = self.filters()
        if filters is None:
            return
        file_format = self.format_box.currentData()
        per = self.per_box.currentData()
        self._cancel.clear()
        progress = _Progress(self)
        progress.moved.connect(self._show_progress)
        reader = self.store.reader()

        def run() -> str:
            try:
                if file_format == "pdf":
                    from typing_test.ui.reports.pdf_report import write_report

                    return f"Wrote {write_report(reader, path, filters)} to {path}."

                def report(done: int, total: int) -> bool:
                    progress.moved.emit(done, total)
                    return not self._cancel.is_set()

                written = export(reader, path, file_format, filters, progress=report, per=per)
                return f"Wrote {written:,} {per}{'' if written == 1 else 's'} to {path}."
            finally:
                if reader is not self.store:
                    reader.conn.close()

        self._call = BackgroundCall(run, parent=self)
        self._call.finished.connect(lambda message: self._done(message, path))
        self._call.failed.connect(self._failed)
        self.progress_bar.setRange(0, 0)  # busy until the first count arrives
        self.progress_bar.show()
        self.export_button.setEnabled(False)
        self.cancel_button.show()
        self._say("Exporting...")
        self._call.start()

    def print_report(self) -> None:
        """Print the report the choices ask for, through the system's print dialog."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from typing_test.ui.reports.pdf_report import NoResults, build_report, print_report

        filters = self.filters()
        if filters is None:
            return
        try:
            report = build_report(self.store, filters)
        except NoResults as error:
            self._say(f"{error}; there is nothing to print.", error=True)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        print_report(report, printer)
        self._say(f"Printed {report.description}.")

    def cancel(self) -> None:
        """Stop the export under way; nothing is written."""
        self._cancel.set()
        self._say("Cancelling...")

    def _show_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _done(self, message: str, path: str) -> None:
        self._finish()
        self._say(message)
        self.exported.emit(path)

    def _failed(self, message: str) -> None:
        self._finish()
        if ExportCancelled.__name__ in message:
            self._say("Export cancelled; nothing was written.")
        else:
            self._say(f"The export failed ({message}); nothing was written.", error=True)

    def _finish(self) -> None:
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.export_button.setEnabled(True)

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        set_role(self.status_label, "error" if error else "")
