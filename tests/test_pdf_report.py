"""Printed reports: a candidate's page and a cohort's summary, drawn with
QPainter to PDF and, to look at them, to images."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor

from typing_test.cli import main
from typing_test.store.reports import candidate_report, cohort_report
from typing_test.ui.reports.pdf_report import (
    PRINT_COLOURS,
    cohort_page_count,
    draw_candidate_page,
    draw_cohort_page,
    page_image,
    write_pdf,
)


@pytest.fixture
def cohort(store):
    for number in range(60):
        name = f"Candidate {number:02d}"
        for day in range(1, 4):
            store.save_attempt({"kind": "typing", "candidate": name, "score": 15.0 + number / 2,
                                "accuracy": 90.0 + day, "passed": number > 20,
                                "started_at": f"2026-03-{day:02d}T10:00:00+00:00"})
    store.save_attempt({"kind": "typing", "candidate": "Candidate 00", "score": 300.0,
                        "started_at": "2026-03-05T10:00:00+00:00",
                        "figures": {"flags": [{"code": "too-fast"}]}})
    store.save_attempt({"kind": "quiz", "candidate": "Candidate 00", "score": 75.0,
                        "passed": True, "started_at": "2026-03-04T10:00:00+00:00",
                        "figures": {"topics": [{"topic": "excel", "title": "Microsoft Excel",
                                                "percent": 75.0}]},
                        "events": [{"kind": "paste-refused"}]})
    return store


def pdf_pages(path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def accent_pixels(image, top: int, bottom: int) -> int:
    accent = PRINT_COLOURS.accent
    return sum(1 for y in range(top, bottom, 2) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y) == accent)


def test_a_candidates_page_has_their_attempts_chart_topics_and_incidents(qapp, cohort):
    report = candidate_report(cohort, "Candidate 00")
    assert report.total_attempts == 5 and len(report.typing_series) == 4
    assert [codes for _, codes in report.flags] == ["too-fast"]
    assert report.quiz_topics == [("Microsoft Excel", 75.0)]
    assert report.incidents == {"paste-refused": 1}
    image = page_image(lambda painter, page, _n: draw_candidate_page(painter, page, report))
    assert accent_pixels(image, 250, 500) > 20  # the charts, below the table
    bottom = {image.pixelColor(x, y).name() for y in range(1080, 1123) for x in range(0, 794, 7)}
    assert bottom == {QColor("#ffffff").name()}  # nothing runs off the page


def test_the_cohort_summary_runs_over_pages_with_every_candidate(qapp, cohort, tmp_path):
    report = cohort_report(cohort)
    assert len(report.candidates) == 60
    assert report.pass_rates["typing"] == (39 * 3, 181)
    pages = cohort_page_count(report)
    assert pages == 2
    out = tmp_path / "cohort.pdf"
    write_pdf(out, pages, lambda painter, page, number: draw_cohort_page(painter, page, report,
                                                                         number))
    assert pdf_pages(out) == 2
    first = page_image(lambda painter, page, n: draw_cohort_page(painter, page, report, n))
    assert accent_pixels(first, 150, 400) > 100  # the distribution of net WPM


def test_a_failed_report_leaves_nothing_behind(qapp, tmp_path):
    out = tmp_path / "report.pdf"

    def broken(painter, page, number):
        raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError):
        write_pdf(out, 1, broken)
    assert list(tmp_path.iterdir()) == []


def test_export_pdf_from_the_command_line(qapp, cohort, tmp_path, capsys):
    database = cohort.path
    cohort.close()
    out = tmp_path / "ana.pdf"
    assert main(["export", "--db", database, "--format", "pdf", "--out", str(out),
                 "--candidate", "Candidate 00"]) == 0
    assert capsys.readouterr().out == f"wrote the report of Candidate 00 to {out}\n"
    assert pdf_pages(out) == 1
    summary = tmp_path / "all.pdf"
    assert main(["export", "--db", database, "--format", "pdf", "--out", str(summary)]) == 0
    assert "a summary of 60 candidates (2 pages)" in capsys.readouterr().out
    assert main(["export", "--db", database, "--format", "pdf", "--out", str(out),
                 "--candidate", "Nobody"]) == 2
    assert "has no attempts" in capsys.readouterr().err
