"""Exporting from the app: the same choices as the command, on a worker
thread with a progress bar, cancellable, and never a screening's results from
the practice History."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from typing_test.ui.reports.history_page import HistoryPage


@pytest.fixture
def page(qtbot, store):
    for day in range(1, 7):
        store.save_attempt({"kind": "typing" if day % 2 else "quiz", "candidate": "Ana",
                            "score": 20.0 + day, "started_at": f"2026-03-{day:02d}T10:00:00+00:00"})
    # A screening's attempt (practice mode must never export it).
    store.conn.execute("UPDATE attempts SET screening_id = 'sc-1' WHERE started_at LIKE "
                       "'2026-03-05%'")
    history = HistoryPage(store)
    qtbot.addWidget(history)
    history.show()
    return history


def rows_of(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_the_history_exports_the_chosen_practice_results(qtbot, page, tmp_path, monkeypatch):
    out = tmp_path / "typing.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.export_dialog
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("typing"))
    qtbot.keyClicks(dialog.since_edit, "2026-03-02")
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [row["Date"] for row in rows_of(out)] == ["2026-03-03 10:00"]  # not the screening's
    assert dialog.status_label.text() == f"Wrote 1 attempt to {out}."
    assert dialog.export_button.isEnabled() and dialog.progress_bar.isHidden()


def test_a_wrong_date_is_said_and_nothing_is_written(qtbot, page, tmp_path, monkeypatch):
    chosen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: chosen.append(1) or (str(tmp_path / "x.csv"), ""))
    page.open_export()
    dialog = page.export_dialog
    qtbot.keyClicks(dialog.until_edit, "31/03/2026")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "is not a date like 2026-03-31" in dialog.status_label.text()
    assert chosen == [] and not (tmp_path / "x.csv").exists()


def test_a_cancelled_export_writes_nothing(qtbot, page, tmp_path, monkeypatch):
    from typing_test.store import export as export_module

    monkeypatch.setattr(export_module, "BATCH_ROWS", 1)
    page.open_export()
    dialog = page.export_dialog

    def export_cancelled_midway(store, path, file_format, filters, progress, per):
        def press_cancel_after_the_first_batch(done: int, total: int) -> bool:
            dialog._cancel.set()  # what the Cancel button sets, from the UI thread
            return progress(done, total)

        return export_module.export(store, path, file_format, filters,
                                    progress=press_cancel_after_the_first_batch, per=per)

    monkeypatch.setattr("typing_test.ui.reports.export_dialog.export", export_cancelled_midway)
    out = tmp_path / "all.xlsx"
    out.write_text("last week's export", encoding="utf-8")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("xlsx"))
    dialog.export_to(str(out))
    assert dialog.cancel_button.isVisible() and not dialog.progress_bar.isHidden()
    qtbot.waitUntil(lambda: "cancelled" in dialog.status_label.text(), timeout=10_000)
    assert dialog.status_label.text() == "Export cancelled; nothing was written."
    assert out.read_text(encoding="utf-8") == "last week's export"
    assert list(tmp_path.glob("*.part")) == []


def test_a_pdf_report_of_one_candidate(qtbot, page, tmp_path):
    page.open_export()
    dialog = page.export_dialog
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    qtbot.keyClicks(dialog.candidate_edit, "Ana")
    out = tmp_path / "ana.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_to(str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    assert dialog.status_label.text() == f"Wrote the report of Ana to {out}."


def test_the_report_prints_through_the_print_dialog(qtbot, page, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printed = tmp_path / "printed.pdf"

    def accept(dialog):  # the person picks a printer and presses Print
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    page.open_export()
    dialog = page.export_dialog
    qtbot.keyClicks(dialog.candidate_edit, "Ana")
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == "Printed the report of Ana."
    assert printed.read_bytes().startswith(b"%PDF-")
    dialog.candidate_edit.setText("Nobody")
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert "nothing to print" in dialog.status_label.text()
