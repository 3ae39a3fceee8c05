"""Exports to CSV and Excel: every figure, no cell that runs as a formula,
exact round trips, filters, and nothing half-written."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from typing_test.cli import main
from typing_test.store.database import Store
from typing_test.store.export import COLUMNS, ExportCancelled, Filters, export, neutralise

FORMULA_NAMES = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab",
                 "\rReturn", "\nNewline"]
PLAIN_NAMES = ["Zoë Ånström", "O'Brien, Pat", 'Ana "Nan" Cruz', "Li\nWei", "Ngozi Okafor"]


@pytest.fixture
def filled(tmp_path) -> Store:
    store = Store.open(tmp_path / "results.db")
    for day, name in enumerate(FORMULA_NAMES + PLAIN_NAMES, start=1):
        store.save_attempt({
            "kind": "typing", "candidate": name, "item_title": "Memo", "score": 30.0 + day,
            "accuracy": 95.5, "passed": True, "duration_s": 60.0,
            "started_at": f"2026-03-{day:02d}T09:30:00+00:00",
            "figures": {"net_wpm": 30.0 + day, "gross_wpm": 33.0 + day, "kph": 11_000,
                        "uncorrected_errors": 2, "corrected_errors": 5},
            "events": [{"kind": "paste-refused"}, {"kind": "focus-lost"},
                       {"kind": "focus-lost"}],
        })
    store.save_attempt({"kind": "quiz", "candidate": "Ngozi Okafor", "score": 80.0,
                        "passed": True, "started_at": "2026-04-01T10:00:00+00:00",
                        "figures": {"correct": 8, "total": 10, "topics": [
                            {"topic": "excel", "title": "Microsoft Excel", "percent": 75.0}]}})
    return store


def read_csv(path) -> list[list[str]]:
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"), newline="")))


def test_csv_neutralises_every_formula_and_keeps_everything_else_exactly(filled, tmp_path):
    out = tmp_path / "results.csv"
    assert export(filled, out, "csv") == len(FORMULA_NAMES) + len(PLAIN_NAMES) + 1
    header, *rows = read_csv(out)
    assert header == [name for name, _, _ in COLUMNS]
    names = [row[1] for row in rows]
    assert names[:len(FORMULA_NAMES)] == ["'" + name for name in FORMULA_NAMES]
    assert names[len(FORMULA_NAMES):len(FORMULA_NAMES) + len(PLAIN_NAMES)] == PLAIN_NAMES
    raw = out.read_bytes().decode("utf-8-sig")
    for name in FORMULA_NAMES:  # quoted as well as prefixed
        assert '"' + "'" + name.replace('"', '""') + '"' in raw
    first = dict(zip(header, rows[0], strict=True))
    assert first["Date"] == "2026-03-01 09:30"
    assert (first["Net WPM"], first["Gross WPM"], first["Accuracy %"]) == ("31.0", "34.0", "95.5")
    assert first["Result"] == "Pass"
    assert first["Incidents"] == "focus-lost x2; paste-refused x1"
    quiz = dict(zip(header, rows[-1], strict=True))
    assert (quiz["Questions right"], quiz["Questions"], quiz["Score per topic"]) == (
        "8", "10", "Microsoft Excel 75%")
    # Numbers are written bare, so a spreadsheet reads them as numbers.
    assert re.search(r',31\.0,34\.0,', raw.splitlines()[1])


def xlsx_cells(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        strings = archive.read("xl/sharedStrings.xml").decode() if (
            "xl/sharedStrings.xml" in archive.namelist()) else ""
    return [sheet, strings]


def test_excel_writes_text_as_text_never_a_formula_with_numbers_and_dates(filled, tmp_path):
    out = tmp_path / "results.xlsx"
    export(filled, out, "xlsx")
    sheet, strings = xlsx_cells(out)
    assert "<f>" not in sheet  # not one formula cell
    for name in ("=HYPERLINK", "+1+1", "-2+3", "@SUM(A1)", "Zoë Ånström", "O'Brien, Pat"):
        assert name.replace('"', "&quot;") in sheet + strings
    assert '<pane ySplit="1"' in sheet and "<autoFilter" in sheet  # frozen header, filter
    assert re.search(r'<c r="J2"[^>]*><v>31</v>', sheet)  # net WPM, a number
    assert re.search(r'<c r="A2" s="\d+"><v>46082\.39583', sheet)  # a date (2026-03-01 09:30)
    assert '<col min="2" max="2"' in sheet  # widths fitted


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_filters_choose_the_rows(filled, tmp_path, file_format):
    out = tmp_path / f"quiz.{file_format}"
    assert export(filled, out, file_format, Filters(kind="quiz")) == 1
    assert export(filled, out, file_format, Filters(candidate="Ngozi Okafor")) == 2
    assert export(filled, out, file_format, Filters(since="2026-03-03", until="2026-03-04")) == 2
    assert export(filled, out, file_format, Filters(role="Voice")) == 0


def test_a_cancelled_export_leaves_the_old_file_and_no_part_file(filled, tmp_path, monkeypatch):
    monkeypatch.setattr("typing_test.store.export.BATCH_ROWS", 2)
    out = tmp_path / "results.csv"
    out.write_text("yesterday's export", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        export(filled, out, "csv", progress=lambda done, total: done < 4)
    assert out.read_text(encoding="utf-8") == "yesterday's export"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["results.csv", "results.db"] + [
        name for name in ("results.db-shm", "results.db-wal") if (tmp_path / name).exists()]


def test_progress_is_reported_to_the_end(filled, tmp_path, monkeypatch):
    monkeypatch.setattr("typing_test.store.export.BATCH_ROWS", 5)
    seen = []
    export(filled, tmp_path / "r.csv", "csv", progress=lambda done, total: seen.append(
        (done, total)) or True)
    assert seen == [(5, 13), (10, 13), (13, 13)]


def test_neutralise_leaves_ordinary_text_alone():
    assert [neutralise(text) for text in ("Ana", "1-2", "a=b", " =x")] == [
        "Ana", "1-2", "a=b", " =x"]


def test_the_export_command(filled, tmp_path, capsys):
    out = tmp_path / "typing.csv"
    filled.close()
    database = str(tmp_path / "results.db")
    assert main(["export", "--db", database, "--format", "csv", "--out", str(out),
                 "--kind", "typing", "--since", "2026-03-01"]) == 0
    assert capsys.readouterr().out == f"wrote 12 attempts to {out}\n"
    assert len(read_csv(out)) == 13
    for argv, message in (
        (["--format", "docx", "--out", str(out)], "invalid choice: 'docx'"),
        (["--format", "csv", "--out", str(tmp_path)], "is a folder"),
        (["--format", "csv", "--out", str(tmp_path / "no" / "x.csv")], "does not exist"),
        (["--format", "csv", "--out", str(out), "--since", "March"], "is not a date"),
    ):
        assert main(["export", "--db", database, *argv]) == 2
        error = capsys.readouterr().err
        assert message in error and len(error.splitlines()) == 1


def test_flags_for_review_are_exported(tmp_path):
    store = Store.open(tmp_path / "results.db")
    store.save_attempt({"kind": "typing", "candidate": "Ana", "score": 300.0,
                        "figures": {"flags": [{"code": "too-fast"}, {"code": "keys-at-once"}]}})
    out = tmp_path / "r.csv"
    export(store, out, "csv")
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert row["Flagged for review"] == "too-fast; keys-at-once"
