"""Printed reports, drawn with QPainter: one page for a candidate, and a
cohort summary over as many pages as its table needs.

The same drawing functions paint a PDF page (``QPdfWriter``, Qt's own, no
browser engine), a printer page and an image (the tests look at the pages as
PNG). Reports are printed in the light palette whatever the screen's mode,
and use the chart module the screen uses.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
)

from typing_test import PRODUCT_NAME
from typing_test.core.typing.scoring import PassBar
from typing_test.store.database import Store
from typing_test.store.export import EVERYTHING, Filters
from typing_test.store.reports import (
    KIND_NAMES,
    SCORE_UNITS,
    AttemptLine,
    CandidateReport,
    CohortReport,
    candidate_report,
    cohort_report,
)
from typing_test.store.settings import load_pass_bar
from typing_test.ui.common.chart import (
    ChartData,
    Histogram,
    paint_histogram,
    paint_line_chart,
)
from typing_test.ui.common.theme import PAPER, colours_for

PageDrawer = Callable[[QPainter, QRectF, int], None]

# A page is drawn on a 96-dots-per-inch grid: A4 is about 794 x 1123 of them.
DPI = 96
MARGIN = 48
ROWS_PER_COHORT_PAGE = 52  # a page of the candidates' table; the first holds fewer
ROWS_ON_FIRST_COHORT_PAGE = 36
PRINT_COLOURS = colours_for(QPalette(PAPER))
DEFAULT_BAR = PassBar()


def _short_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        return ""


def _figure(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}{unit}"


def score_text(line: AttemptLine) -> str:
    """An attempt's score with its unit: net WPM, keystrokes per hour or percent.

    >>> line = AttemptLine("2026-03-02", "data-entry", "Supplier invoices", 9120.4, 97.0, "Fail")
    >>> from dataclasses import replace
    >>> score_text(line), score_text(replace(line, kind="typing", score=31.25))
    ('9120 KPH', '31.2 WPM')
    """
    return _figure(line.score, SCORE_UNITS.get(line.kind, "%"),
                   0 if line.kind == "data-entry" else 1)


class _Pen:
    """Writes lines of text down a page, keeping track of where it is."""

    def __init__(self, painter: QPainter, page: QRectF):
        self.painter, self.page = painter, page
        self.y = page.top()

    def font(self, scale: float = 1.0, bold: bool = False) -> None:
        font = QFont(self.painter.font())
        font.setPointSizeF(9.5 * scale)
        font.setBold(bold)
        self.painter.setFont(font)

    def line(self, text: str, scale: float = 1.0, bold: bool = False,
             colour: QColor | None = None) -> None:
        self.font(scale, bold)
        self.painter.setPen(colour or PRINT_COLOURS.text)
        height = QFontMetricsF(self.painter.font()).height()
        self.painter.drawText(QRectF(self.page.left(), self.y, self.page.width(), height),
                              Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        self.y += height + 2

    def table(self, headings: list[str], rows: list[list[str]], widths: list[float]) -> None:
        """A table of text; ``widths`` are shares of the page's width."""
        self.font(0.95)
        height = QFontMetricsF(self.painter.font()).height() + 4
        for index, cells in enumerate([headings, *rows]):
            self.font(0.95, bold=index == 0)
            x = self.page.left()
            for cell, share in zip(cells, widths, strict=True):
                width = share * self.page.width()
                self.painter.setPen(PRINT_COLOURS.text)
                elided = QFontMetricsF(self.painter.font()).elidedText(
                    cell, Qt.TextElideMode.ElideRight, width - 6)
                self.painter.drawText(QRectF(x, self.y, width - 6, height),
                                      Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                      elided)
                x += width
            self.y += height
            self.painter.setPen(PRINT_COLOURS.border)
            self.painter.drawLine(self.page.left(), int(self.y), self.page.right(), int(self.y))
        self.y += 8

    def space(self, amount: float) -> None:
        self.y += amount


def draw_candidate_page(painter: QPainter, page: QRectF, report: CandidateReport,
                        bar: PassBar = DEFAULT_BAR) -> None:
    """One candidate's report on one page, typing charts against ``bar``."""
    pen = _Pen(painter, page)
    pen.line(f"Results of {report.name}", scale=1.8, bold=True)
    detail = f"{report.total_attempts} attempt{'s' if report.total_attempts != 1 else ''}"
    if report.role:
        detail += f" · applied for {report.role}"
    pen.line(f"{detail} · printed {datetime.now().strftime('%Y-%m-%d')} by {PRODUCT_NAME}",
             colour=PRINT_COLOURS.muted)
    pen.space(10)
    pen.line("Latest attempts", scale=1.2, bold=True)
    pen.table(["Date", "Activity", "Item", "Score", "Accuracy", "Result"],
              [[_short_date(line.started_at), KIND_NAMES.get(line.kind, line.kind),
                line.item_title, score_text(line),
                _figure(line.accuracy, "%"), line.result] for line in report.attempts],
              [0.14, 0.15, 0.33, 0.13, 0.12, 0.13])
    labels = tuple(_short_date(started)[5:] for started, _, _ in report.typing_series)
    chart_height = 150.0
    half = (page.width() - 16) / 2
    paint_line_chart(painter, QRectF(page.left(), pen.y, half, chart_height), ChartData(
        "Net WPM", tuple(score for _, score, _ in report.typing_series), labels,
        bar.min_net_wpm),
        PRINT_COLOURS)
    paint_line_chart(painter, QRectF(page.left() + half + 16, pen.y, half, chart_height),
                     ChartData("Accuracy",
                               tuple(accuracy or 0.0 for _, _, accuracy in report.typing_series),
                               labels, bar.min_accuracy, "%", from_zero=False), PRINT_COLOURS)
    pen.space(chart_height + 12)
    pen.line("Office quiz: score per topic (latest quiz)", scale=1.2, bold=True)
    if report.quiz_topics:
        pen.table(["Topic", "Score"], [[title, f"{percent:g}%"]
                                        for title, percent in report.quiz_topics], [0.7, 0.3])
    else:
        pen.line("No quiz finished.", colour=PRINT_COLOURS.muted)
    pen.line("Flagged for review (never a fail)", scale=1.2, bold=True)
    if report.flags:
        for started, codes in report.flags[-5:]:
            pen.line(f"{_short_date(started)}: typing test flagged: {codes}")
    else:
        pen.line("None.", colour=PRINT_COLOURS.muted)
    pen.line("Incidents recorded", scale=1.2, bold=True)
    if report.incidents:
        pen.line("; ".join(f"{kind.replace('-', ' ')}: {count}"
                           for kind, count in sorted(report.incidents.items())))
    else:
        pen.line("None.", colour=PRINT_COLOURS.muted)


def draw_cohort_page(painter: QPainter, page: QRectF, report: CohortReport, number: int,
                     bar_net_wpm: float = 25.0) -> None:
    """Page ``number`` (from 0) of a cohort summary: the first has the pass
    rates and the distribution of net WPM; every page has its share of the table."""
    pen = _Pen(painter, page)
    pages = cohort_page_count(report)
    if number == 0:
        pen.line("Cohort summary", scale=1.8, bold=True)
        pen.line(f"{len(report.candidates)} candidates · printed "
                 f"{datetime.now().strftime('%Y-%m-%d')} by {PRODUCT_NAME}",
                 colour=PRINT_COLOURS.muted)
        pen.space(8)
        pen.line("Pass rate per activity", scale=1.2, bold=True)
        pen.table(["Activity", "Completed", "Passed", "Pass rate"],
                  [[KIND_NAMES.get(kind, kind), str(completed), str(passed),
                    f"{100 * passed / completed:.0f}%" if completed else ""]
                   for kind, (passed, completed) in sorted(report.pass_rates.items())],
                  [0.4, 0.2, 0.2, 0.2])
        values = [line.best_net_wpm for line in report.candidates
                  if line.best_net_wpm is not None]
        paint_histogram(painter, QRectF(page.left(), pen.y, page.width(), 170), Histogram.of(
            "Candidates by best net WPM", values, width=5, bar=bar_net_wpm,
            count_noun="candidates"), PRINT_COLOURS)
        pen.space(182)
    start, end = _cohort_rows(number)
    pen.line("Candidates" + (f" (page {number + 1} of {pages})" if pages > 1 else ""),
             scale=1.2, bold=True)
    pen.table(["Candidate", "Attempts", "Best net WPM", "Best accuracy", "Best quiz",
               "Passed"],
              [[line.name, str(line.attempts), _figure(line.best_net_wpm),
                _figure(line.best_accuracy, "%"), _figure(line.best_quiz, "%", 0),
                str(line.passed)] for line in report.candidates[start:end]],
              [0.34, 0.12, 0.15, 0.15, 0.12, 0.12])


def _cohort_rows(number: int) -> tuple[int, int]:
    """The candidates on page ``number``: the first page has room for fewer."""
    first = ROWS_ON_FIRST_COHORT_PAGE
    if number == 0:
        return 0, first
    start = first + (number - 1) * ROWS_PER_COHORT_PAGE
    return start, start + ROWS_PER_COHORT_PAGE


def cohort_page_count(report: CohortReport) -> int:
    """How many pages a cohort summary takes.

    >>> cohort_page_count(CohortReport([], {}))
    1
    """
    rest = max(0, len(report.candidates) - _cohort_rows(0)[1])
    return 1 + -(-rest // ROWS_PER_COHORT_PAGE)


class NoResults(ValueError):
    """There is nothing to report on."""


@dataclass(frozen=True)
class Report:
    """A report ready to draw: how many pages, how to draw each, what it is."""

    pages: int
    draw: PageDrawer
    description: str


def build_report(store: Store, filters: Filters = EVERYTHING) -> Report:
    """The report ``filters`` asks for: one candidate's page when
    ``filters.candidate`` is set, else the summary of the cohort. NoResults
    for a candidate without attempts."""
    bar = load_pass_bar(store)
    if filters.candidate is not None:
        report = candidate_report(store, filters.candidate)
        if not report.total_attempts:
            raise NoResults(f"--candidate {filters.candidate!r} has no attempts")
        return Report(1, lambda painter, page, _n: draw_candidate_page(painter, page, report,
                                                                         bar),
                      f"the report of {report.name}")
    cohort = cohort_report(store, filters)
    pages = cohort_page_count(cohort)
    count = len(cohort.candidates)
    return Report(pages, lambda painter, page, number: draw_cohort_page(
        painter, page, cohort, number, bar.min_net_wpm),
        f"a summary of {count:,} candidate{'' if count == 1 else 's'} "
        f"({pages} page{'' if pages == 1 else 's'})")


def write_report(store: Store, out: str | Path, filters: Filters = EVERYTHING) -> str:
    """Write the report ``filters`` asks for (see :func:`build_report`) to the
    PDF ``out``; return what was written, in words."""
    report = build_report(store, filters)
    write_pdf(out, report.pages, report.draw)
    return report.description


def print_report(report: Report, printer: QPagedPaintDevice) -> None:
    """Draw ``report`` on ``printer`` (a QPrinter the print dialog set up),
    page by page, scaled to its page as on A4 at 96 dots per inch."""
    layout = printer.pageLayout()
    layout.setOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageLayout(layout)
    painter = QPainter(printer)
    try:
        size = printer.pageLayout().paintRectPixels(printer.resolution())
        scale = printer.resolution() / DPI
        painter.scale(scale, scale)
        page = QRectF(MARGIN / 2, MARGIN / 2, size.width() / scale - MARGIN,
                      size.height() / scale - MARGIN)
        for number in range(report.pages):
            if number:
                printer.newPage()
            report.draw(painter, page, number)
    finally:
        painter.end()


def ensure_gui_application() -> QGuiApplication:
    """The application Qt needs to draw text, made without a window if there is none
    (the command line has none; on a machine without a display, offscreen)."""
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and (
                os.name == "posix" and not os.uname().sysname == "Darwin"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app




def write_pdf(path: str | Path, pages: int, draw: PageDrawer) -> None:
    """Write ``pages`` pages drawn by ``draw(painter, page_rect, number)`` to an
    A4 PDF at ``path``; nothing appears at ``path`` unless it is complete."""
    ensure_gui_application()
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                         dir=path.parent)
    os.close(handle)
    try:
        _draw_pdf(temporary, pages, draw)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _draw_pdf(path: str, pages: int, draw: PageDrawer) -> None:
    writer = QPdfWriter(path)
    writer.setCreator(PRODUCT_NAME)
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF()))
    size = writer.pageLayout().paintRectPixels(DPI)
    page = QRectF(MARGIN, MARGIN, size.width() - 2 * MARGIN, size.height() - 2 * MARGIN)
    painter = QPainter(writer)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            draw(painter, page, number)
    finally:
        # Ended before the writer goes: a painter left open on a deleted
        # device crashes Qt, and ending it closes the file.
        painter.end()


def page_image(draw: PageDrawer, number: int = 0) -> QImage:
    """Page ``number`` drawn on a white A4-sized image, as it prints."""
    ensure_gui_application()
    image = QImage(794, 1123, QImage.Format.Format_RGB32)
    image.fill(PAPER)
    painter = QPainter(image)
    draw(painter, QRectF(MARGIN, MARGIN, 794 - 2 * MARGIN, 1123 - 2 * MARGIN), number)
    painter.end()
    return image

