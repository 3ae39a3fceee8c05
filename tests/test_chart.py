"""The progress chart: drawn from the figures, with the bar, in the palette's
colours, on the History page and on any paint device."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from typing_test.store.database import Store
from typing_test.ui.common.chart import ChartData, paint_line_chart, value_range
from typing_test.ui.common.theme import colours_for
from typing_test.ui.reports.history_page import HistoryPage

DATA = ChartData("Net WPM", (18.0, 22.0, 27.5, 31.0), ("1 Mar", "", "", "9 Mar"), 25.0)


def render(data: ChartData, palette: QPalette) -> tuple[QImage, object]:
    colours = colours_for(palette)
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    paint_line_chart(painter, QRectF(0, 0, 400, 200), data, colours)
    painter.end()
    return image, colours


def count_near(image: QImage, colour: QColor, rows: range | None = None) -> int:
    found = 0
    for y in rows if rows is not None else range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green())
                    + abs(pixel.blue() - colour.blue())) < 40:
                found += 1
    return found


def test_the_line_and_the_bar_are_drawn_in_the_palettes_colours_light_and_dark(qapp):
    dark = QPalette(QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#8ab4f8"))
    for palette in (QPalette(QColor("#efefef")), dark):
        image, colours = render(DATA, palette)
        assert count_near(image, colours.accent) > 100  # the line and its points
        assert count_near(image, colours.danger_text) > 50  # the dashed bar and its label


def test_the_axis_runs_from_zero_past_the_highest_value_and_the_bar():
    assert value_range(DATA) == (0.0, 35.0)
    assert value_range(ChartData("", (90.0, 99.0), ("", ""), 90.0)) == (0.0, 105.0)


def test_an_empty_chart_says_so(qapp):
    image, colours = render(ChartData("Net WPM", (), ()), QPalette(QColor("#efefef")))
    assert count_near(image, colours.accent) == 0
    assert ChartData("Net WPM", (), ()).describe() == "Net WPM: nothing to show yet."


def test_the_history_page_charts_the_latest_tests_against_the_bar(qtbot, tmp_path):
    store = Store.open(tmp_path / "results.db")
    for day, (wpm, accuracy) in enumerate([(18.0, 91.0), (24.0, 93.5), (29.5, 96.0)], 1):
        store.save_attempt({"kind": "typing", "score": wpm, "accuracy": accuracy,
                            "started_at": f"2026-03-{day:02d}T12:00:00+00:00"})
    store.save_attempt({"kind": "typing", "status": "abandoned", "score": 5.0,
                        "started_at": "2026-03-05T12:00:00+00:00"})
    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.reload()
    assert page.score_chart.data.values == (18.0, 24.0, 29.5)  # completed tests only
    assert page.score_chart.data.bar == 25.0
    assert page.accuracy_chart.data.values == (91.0, 93.5, 96.0)
    assert page.score_chart.accessibleDescription().endswith("the bar is 25.")
    page.add_kind("quiz", "Office quizzes")
    page.show_kind("quiz")
    assert page.score_chart.data.values == ()
    assert page.accuracy_chart.data.items == ()  # no quiz yet: says so
    for percent in (50.0, 80.0):
        store.save_attempt({"kind": "quiz", "score": percent, "figures": {"topics": [
            {"topic": "excel", "title": "Microsoft Excel", "percent": percent},
            {"topic": "word", "title": "Microsoft Word", "percent": 90.0}]}})
    page.reload()
    assert page.accuracy_chart.data.items == (("Microsoft Word", 90.0),
                                              ("Microsoft Excel", 65.0))
    assert page.accuracy_chart.accessibleDescription() == (
        "Average score per topic: Microsoft Word 90%, Microsoft Excel 65%.")
    page.add_kind("writing", "Writing drills")
    page.show_kind("writing")
    assert page.accuracy_chart.isHidden()


def test_bars_and_a_histogram_are_drawn(qapp):
    from typing_test.ui.common.chart import Bars, Histogram, paint_bars, paint_histogram

    palette = QPalette(QColor("#efefef"))
    colours = colours_for(palette)
    for paint, data in ((paint_bars, Bars("Score per topic", (("Excel", 75.0),))),
                        (paint_histogram, Histogram.of("Best net WPM", [12.0, 31.0], 5, 25))):
        image = QImage(400, 200, QImage.Format.Format_RGB32)
        image.fill(palette.color(QPalette.ColorRole.Window))
        painter = QPainter(image)
        paint(painter, QRectF(0, 0, 400, 200), data, colours)
        painter.end()
        assert count_near(image, colours.accent) > 100
