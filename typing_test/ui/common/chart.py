"""Small charts drawn with QPainter: a figure over a person's attempts with the
pass bar as a dashed line, a histogram (a cohort's net WPM against the bar),
and bars (the score per quiz topic).

Each drawing function (:func:`paint_line_chart`, :func:`paint_histogram`,
:func:`paint_bars`) serves the screen (the :class:`ChartView` widget) and any
other paint device, such as a PDF page.
Its colours come from a ``Colours`` of the theme, so it reads in light, dark
and high-contrast mode; the bar is told apart by its dash and its label, not
by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from typing_test.ui.common.theme import Colours, current_colours


@dataclass(frozen=True)
class ChartData:
    """What one chart shows: ``values`` oldest first, their ``labels`` (dates),
    the ``bar`` to draw (or None), and the ``unit`` after each number."""

    title: str
    values: tuple[float, ...]
    labels: tuple[str, ...]
    bar: float | None = None
    unit: str = ""
    # A percentage that lives near its top (accuracy) is drawn from a little
    # below its lowest value, so that its changes can be seen.
    from_zero: bool = True

    def describe(self) -> str:
        """The chart in words, for a screen reader and a tooltip.

        >>> text = ChartData("Net WPM", (18.0, 31.5), ("1 Mar", "9 Mar"), 25).describe()
        >>> text[:58]
        'Net WPM over the last 2 attempts, from 18 on 1 Mar to 31.5'
        >>> text[58:]
        ' on 9 Mar; best 31.5; the bar is 25.'
        """
        if not self.values:
            return f"{self.title}: nothing to show yet."
        first, last = self.values[0], self.values[-1]
        text = (f"{self.title} over the last {len(self.values)} attempt"
                f"{'s' if len(self.values) != 1 else ''}, from {first:g}{self.unit} on "
                f"{self.labels[0]} to {last:g}{self.unit} on {self.labels[-1]}; best "
                f"{max(self.values):g}{self.unit}")
        if self.bar is not None:
            text += f"; the bar is {self.bar:g}{self.unit}"
        return text + "."


def value_range(data: ChartData) -> tuple[float, float]:
    """The y axis: from 0 (or, for a chart not drawn from zero, a step of 5
    below the lowest value and the bar) to a step of 5 above the highest value
    or the bar; a percentage stops at 100.

    >>> value_range(ChartData("", (18.0, 31.5), ("", ""), 25))
    (0.0, 35.0)
    >>> value_range(ChartData("", (88.0, 97.5), ("", ""), 90, "%", from_zero=False))
    (80.0, 100.0)
    >>> value_range(ChartData("", (), (), None))
    (0.0, 10.0)
    """
    values = (*data.values, *(() if data.bar is None else (data.bar,)))
    highest = max((*values, 0.0))
    top = max(10.0, 5.0 * (int(highest * 1.02 / 5) + 1))
    if data.unit == "%":
        top = min(top, 100.0) if highest <= 100 else top
    low = 0.0
    if not data.from_zero and values:
        low = max(0.0, 5.0 * (int(min(values) / 5) - 1))
    return low, top


def _heading(painter: QPainter, rect: QRectF, title: str, bar: float | None, unit: str,
             colours: Colours, *, empty: bool, mark: str) -> bool:
    """Write a chart's title (naming its dashed ``mark`` when there is a bar) at
    the top of ``rect``; with nothing to draw, say so and return False."""
    line_height = QFontMetricsF(painter.font()).height()
    painter.setPen(colours.text)
    if bar is not None:
        title = f"{title}  (dashed line: {mark}, {bar:g}{unit})"
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), line_height),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    if empty:
        painter.setPen(colours.muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "Nothing to show yet.")
    return not empty


def paint_line_chart(painter: QPainter, rect: QRectF, data: ChartData, colours: Colours) -> None:
    """Draw ``data`` into ``rect`` of ``painter``'s device."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(painter.font())
    line_height = metrics.height()
    if not _heading(painter, rect, data.title, data.bar, data.unit, colours,
                    empty=not data.values, mark="the bar"):
        painter.restore()
        return
    low, high = value_range(data)
    axis_width = metrics.horizontalAdvance(f"{high:g}{data.unit}") + 6
    plot = QRectF(rect.left() + axis_width, rect.top() + line_height + 4,
                  rect.width() - axis_width - 8, rect.height() - 2 * line_height - 10)
    if plot.width() <= 0 or plot.height() <= 0:
        painter.restore()
        return

    def y_of(value: float) -> float:
        return plot.bottom() - (value - low) / (high - low) * plot.height()

    def x_of(index: int) -> float:
        if len(data.values) == 1:
            return plot.center().x()
        return plot.left() + index * plot.width() / (len(data.values) - 1)

    # Axes and their labels, in the muted colour.
    painter.setPen(QPen(colours.border, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    painter.setPen(colours.muted)
    for value in (low, high):
        if data.bar is not None and abs(y_of(value) - y_of(data.bar)) < line_height:
            continue  # the bar's own label is there
        painter.drawText(QRectF(rect.left(), y_of(value) - line_height / 2, axis_width - 6,
                                line_height),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{value:g}{data.unit}")
    label_top = plot.bottom() + 4
    painter.drawText(QRectF(plot.left(), label_top, plot.width() / 2, line_height),
                     Qt.AlignmentFlag.AlignLeft, data.labels[0])
    if len(data.values) > 1:
        painter.drawText(QRectF(plot.center().x(), label_top, plot.width() / 2, line_height),
                         Qt.AlignmentFlag.AlignRight, data.labels[-1])

    # The bar: dashed, in the warning colour, its value on the axis beside it.
    if data.bar is not None and low <= data.bar <= high:
        pen = QPen(colours.danger_text, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        bar_y = y_of(data.bar)
        painter.drawLine(QPointF(plot.left(), bar_y), QPointF(plot.right(), bar_y))
        painter.drawText(QRectF(rect.left(), bar_y - line_height / 2, axis_width - 6,
                                line_height),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{data.bar:g}{data.unit}")

    # The values: a line through round points, in the accent colour.
    points = [QPointF(x_of(index), y_of(value)) for index, value in enumerate(data.values)]
    painter.setPen(QPen(colours.accent, 2))
    for start, end in zip(points, points[1:], strict=False):
        painter.drawLine(start, end)
    painter.setBrush(colours.accent)
    radius = 3.0 if len(points) < 60 else 1.5
    for point in points:
        painter.drawEllipse(point, radius, radius)
    painter.restore()


@dataclass(frozen=True)
class Histogram:
    """How many values fall in each bin of ``width`` from 0, with the ``bar``.

    >>> Histogram.of("Best net WPM", [12.0, 24.9, 25.0, 31.0], width=5, bar=25).counts
    (0, 0, 1, 0, 1, 1, 1)
    """

    title: str
    counts: tuple[int, ...]
    width: float
    bar: float | None = None
    unit: str = ""
    count_noun: str = ""  # what is counted, written by the tallest column's count

    def describe(self) -> str:
        """The columns in words, for a screen reader.

        >>> Histogram("Best net WPM", (0, 2, 1), 10, 25).describe()
        'Best net WPM: 2 from 10 to 20, 1 from 20 to 30; the bar is 25.'
        """
        if not self.counts:
            return f"{self.title}: nothing to show yet."
        parts = [f"{count} from {index * self.width:g} to {(index + 1) * self.width:g}"
                 for index, count in enumerate(self.counts) if count]
        bar = f"; the bar is {self.bar:g}{self.unit}" if self.bar is not None else ""
        return f"{self.title}: {', '.join(parts)}{bar}."

    @classmethod
    def of(cls, title: str, values: list[float], width: float, bar: float | None = None,
           unit: str = "", count_noun: str = "") -> Histogram:
        """Count ``values`` in bins of ``width`` (a value on a bin's edge goes up)."""
        if not values:
            return cls(title, (), width, bar, unit, count_noun)
        counts = [0] * (int(max(values) // width) + 1)
        for value in values:
            counts[int(max(value, 0.0) // width)] += 1
        return cls(title, tuple(counts), width, bar, unit, count_noun)


def paint_histogram(painter: QPainter, rect: QRectF, data: Histogram, colours: Colours) -> None:
    """Draw ``data`` as columns into ``rect``, the bar as a dashed upright line."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(painter.font())
    line_height = metrics.height()
    if not _heading(painter, rect, data.title, data.bar, data.unit, colours,
                    empty=not data.counts, mark="the bar"):
        painter.restore()
        return
    tallest = max(data.counts)
    axis_width = 8.0
    plot = QRectF(rect.left() + axis_width, rect.top() + 2 * line_height + 4,
                  rect.width() - axis_width - 8, rect.height() - 3 * line_height - 10)
    bins = max(len(data.counts), int((data.bar or 0) // data.width) + 1)
    column_width = plot.width() / bins
    painter.setPen(QPen(colours.border, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.setPen(colours.muted)
    painter.drawText(QRectF(plot.left(), plot.top() - line_height - 2, plot.width(), line_height),
                     Qt.AlignmentFlag.AlignLeft,
                     f"tallest column: {tallest} {data.count_noun}".rstrip())
    for index in range(0, bins + 1, max(1, bins // 6)):
        x = plot.left() + index * column_width
        painter.drawText(QRectF(x - 30, plot.bottom() + 4, 60, line_height),
                         Qt.AlignmentFlag.AlignHCenter, f"{index * data.width:g}")
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colours.accent)
    for index, count in enumerate(data.counts):
        height = count / tallest * plot.height()
        painter.drawRect(QRectF(plot.left() + index * column_width + 1, plot.bottom() - height,
                                column_width - 2, height))
    if data.bar is not None:
        x = plot.left() + data.bar / data.width * column_width
        painter.setPen(QPen(colours.danger_text, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
    painter.restore()


@dataclass(frozen=True)
class Bars:
    """Named values drawn as horizontal bars, e.g. the score per quiz topic."""

    title: str
    items: tuple[tuple[str, float], ...]
    maximum: float = 100.0
    unit: str = "%"
    bar: float | None = None

    def describe(self) -> str:
        """The bars in words, for a screen reader.

        >>> Bars("Score per topic", (("Excel", 75.0), ("Word", 60.0))).describe()
        'Score per topic: Excel 75%, Word 60%.'
        """
        if not self.items:
            return f"{self.title}: nothing to show yet."
        return f"{self.title}: " + ", ".join(
            f"{name} {value:g}{self.unit}" for name, value in self.items) + "."


def paint_bars(painter: QPainter, rect: QRectF, data: Bars, colours: Colours) -> None:
    """Draw ``data`` into ``rect``: a bar a name, its value written after it."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(painter.font())
    line_height = metrics.height()
    if not _heading(painter, rect, data.title, data.bar, data.unit, colours,
                    empty=not data.items, mark="the pass mark"):
        painter.restore()
        return
    name_width = min(rect.width() * 0.4,
                     max(metrics.horizontalAdvance(name) for name, _ in data.items) + 8)
    value_width = metrics.horizontalAdvance(f"{data.maximum:g}{data.unit}") + 8
    top = rect.top() + line_height + 4
    row_height = min(line_height + 6, (rect.bottom() - top) / len(data.items))
    plot_left = rect.left() + name_width
    plot_width = max(10.0, rect.width() - name_width - value_width)
    for index, (name, value) in enumerate(data.items):
        y = top + index * row_height
        painter.setPen(colours.text)
        elided = metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_width - 8)
        painter.drawText(QRectF(rect.left(), y, name_width - 8, row_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        width = max(0.0, min(value, data.maximum)) / data.maximum * plot_width
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.accent)
        painter.drawRect(QRectF(plot_left, y + 3, width, row_height - 6))
        painter.setPen(colours.text)
        painter.drawText(QRectF(plot_left + width + 4, y, value_width, row_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{value:g}{data.unit}")
    if data.bar is not None:
        x = plot_left + data.bar / data.maximum * plot_width
        painter.setPen(QPen(colours.danger_text, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, top), QPointF(x, top + len(data.items) * row_height))
    painter.restore()


class ChartView(QWidget):
    """Any of this module's charts on screen: ``set_chart(data)`` with a
    :class:`ChartData`, :class:`Histogram` or :class:`Bars`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: ChartData | Histogram | Bars = ChartData("", (), ())
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_chart(self, data: ChartData | Histogram | Bars) -> None:
        """Show ``data``; its words go to the accessible description and tooltip."""
        self.data = data
        described = data.describe() if hasattr(data, "describe") else data.title
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(described)
        self.setToolTip(described)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        paint = {ChartData: paint_line_chart, Histogram: paint_histogram,
                 Bars: paint_bars}[type(self.data)]
        paint(painter, QRectF(self.rect()), self.data, current_colours())
        painter.end()
