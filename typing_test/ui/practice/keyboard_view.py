"""A keyboard picture coloured by how often each key was typed wrong.

:class:`KeyboardView` paints a US or UK keyboard (``core/practice/keyboard.py``)
with each key filled by its error band, from the theme's ``key_*`` colours.
The meaning never rests on colour alone: a key at 3 % wrong or more has its
rate written on it, a key typed too few times to judge has a dashed outline,
a legend under the keys says what each fill means, every key's figures are
in its tooltip, and the accessible description lists the weakest keys.

:class:`KeyboardPanel` is the picture with the weakest keys and the slowest
letter pairs written beside it, as the result page and the Progress page
show it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from typing_test.core.practice.keyboard import (
    BANDS,
    LAYOUT,
    NOT_ENOUGH,
    KeyboardFigures,
    Layout,
    describe_key,
    describe_keyboard,
    keyboard_figures,
    percent,
    slowest_pairs,
)
from typing_test.core.practice.keystats import KeyStats
from typing_test.ui.common.theme import TYPE_SCALE, Colours, current_colours, set_role

# The legend under the keys: each band and the words for it.
BAND_WORDS = {"good": "under 3 %", "fair": "3-7 %", "poor": "7-15 %", "bad": "15 % or more"}
WRITTEN_BANDS = ("fair", "poor", "bad")  # bands whose rate is written on the key
KEY_GAP = 3.0  # px between two keys


def band_colour(band: str, colours: Colours) -> QColor:
    """The fill of a key in ``band`` ("none": the base colour)."""
    return {"good": colours.key_good, "fair": colours.key_fair, "poor": colours.key_poor,
            "bad": colours.key_bad}.get(band, colours.base)


def keycap_font(font: QFont) -> QFont:
    """``font`` at the theme's keycap size."""
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * TYPE_SCALE["keycap"])
    return small


class KeyboardView(QWidget):
    """The keys of ``figures.layout``, each coloured by its error band.

    ``figures`` (a :class:`KeyboardFigures`) is what is shown; ``band_of``
    and ``fill_of`` say how a key is drawn, for tests and tools.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.figures = keyboard_figures(KeyStats(0, {}, {}), LAYOUT["uk"])
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(True)
        self._describe()

    # What is shown -----------------------------------------------------------

    def set_figures(self, figures: KeyboardFigures) -> None:
        """Show ``figures``; the weakest keys go to the accessible description."""
        self.figures = figures
        self._describe()
        self.updateGeometry()
        self.update()

    def _describe(self) -> None:
        layout = self.figures.layout
        self.setAccessibleName(f"Keyboard ({layout.title}) coloured by mistakes")
        self.setAccessibleDescription(describe_keyboard(self.figures))

    def band_of(self, key_id: str) -> str:
        """The band a key is drawn in ("none" when it is not judged)."""
        return self.figures.band(key_id)

    def fill_of(self, key_id: str) -> QColor:
        """The colour a key is filled with now."""
        return band_colour(self.band_of(key_id), current_colours())

    def tooltip_for(self, key_id: str) -> str:
        """What hovering over a key says."""
        figures = self.figures.keys.get(key_id)
        key = next(key for key in self.figures.layout.keys if key.id == key_id)
        if figures is None:
            return f"{key.name}: not typed" if key.characters else key.name
        text = describe_key(figures)
        if figures.attempts < self.figures.min_attempts:
            text += f" (too few to judge: fewer than {self.figures.min_attempts})"
        return text

    # Geometry ----------------------------------------------------------------

    def _unit(self) -> float:
        """The smallest key that holds its legend and its rate: two lines."""
        metrics = QFontMetricsF(keycap_font(self.font()))
        return max(2 * metrics.height() + 6, metrics.horizontalAdvance("15 %") + 8)

    def _legend_height(self) -> float:
        return QFontMetricsF(keycap_font(self.font())).height() + 8

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        layout, unit = self.figures.layout, self._unit()
        return QSize(int(layout.width * unit) + 2,
                     int(layout.height * unit + self._legend_height()) + 2)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = self.minimumSizeHint()
        return QSize(int(hint.width() * 1.25), int(hint.height() * 1.2))

    def _geometry(self) -> tuple[float, QPointF]:
        """The key unit in pixels and the top-left of the keyboard, centred."""
        layout = self.figures.layout
        room_height = self.height() - self._legend_height()
        unit = max(1.0, min(self.width() / layout.width, room_height / layout.height))
        unit = min(unit, self._unit() * 1.8)  # past this the keys only get emptier
        left = (self.width() - layout.width * unit) / 2
        top = max(0.0, (room_height - layout.height * unit) / 2)
        return unit, QPointF(left, top)

    def key_at(self, point: QPointF) -> str | None:
        """The id of the key under ``point`` (widget coordinates), or None."""
        unit, origin = self._geometry()
        x, y = (point.x() - origin.x()) / unit, (point.y() - origin.y()) / unit
        for key in self.figures.layout.keys:
            for left, top, width, height in key.parts:
                if left <= x < left + width and top <= y < top + height:
                    return key.id
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            key_id = self.key_at(QPointF(event.pos()))
            if key_id is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(key_id), self)
            return True
        return super().event(event)

    # Painting ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = current_colours()
        painter.setFont(keycap_font(self.font()))
        unit, origin = self._geometry()
        for key in self.figures.layout.keys:
            self._paint_key(painter, key, unit, origin, colours)
        self._paint_legend(painter, QRectF(0, origin.y() + self.figures.layout.height * unit + 4,
                                           self.width(), self._legend_height()), colours)
        painter.end()

    def _paint_key(self, painter: QPainter, key, unit: float, origin: QPointF,
                   colours: Colours) -> None:
        path = QPainterPath()
        for index, (left, top, width, height) in enumerate(key.parts):
            rect = QRectF(origin.x() + left * unit + KEY_GAP / 2,
                          origin.y() + top * unit + KEY_GAP / 2,
                          width * unit - KEY_GAP, height * unit - KEY_GAP)
            if index:  # a lower part of one key (the UK Enter) joins the part above
                rect.setTop(rect.top() - KEY_GAP - 4)
            part = QPainterPath()
            part.addRoundedRect(rect, 4, 4)
            path = path.united(part)
        band = self.band_of(key.id)
        judged = band != NOT_ENOUGH
        pen = QPen(colours.border, 2 if colours.high_contrast else 1)
        if key.characters and not judged:
            pen.setStyle(Qt.PenStyle.DashLine)  # typed too few times to say
        painter.setPen(pen)
        painter.setBrush(band_colour(band, colours))
        painter.drawPath(path)
        ink = colours.key_ink if judged else colours.base_text
        painter.setPen(ink)
        first = QRectF(origin.x() + key.parts[0][0] * unit + KEY_GAP / 2 + 4,
                       origin.y() + key.parts[0][1] * unit + KEY_GAP / 2 + 2,
                       key.parts[0][2] * unit - KEY_GAP - 8, unit - KEY_GAP - 4)
        legend = key.legend
        if not key.characters:
            legend = QFontMetricsF(painter.font()).elidedText(
                legend, Qt.TextElideMode.ElideRight, first.width())
        painter.drawText(first, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, legend)
        if band in WRITTEN_BANDS:
            figures = self.figures.keys[key.id]
            painter.drawText(first, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             percent(figures.error_rate).replace(" %", "%"))

    def _paint_legend(self, painter: QPainter, rect: QRectF, colours: Colours) -> None:
        """A swatch and its words for every band, and the dashed outline's."""
        metrics = QFontMetricsF(painter.font())
        size = metrics.height() - 2
        items = [(band, BAND_WORDS[band]) for _, band in reversed(BANDS)]
        items.append((NOT_ENOUGH, f"too few to judge (under {self.figures.min_attempts})"))
        widths = [size + 6 + metrics.horizontalAdvance(words) + 14 for _, words in items]
        x = max(rect.left(), rect.center().x() - sum(widths) / 2)
        for (band, words), width in zip(items, widths, strict=True):
            swatch = QRectF(x, rect.top() + 2, size, size)
            pen = QPen(colours.border, 1)
            if band == NOT_ENOUGH:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(band_colour(band, colours))
            painter.drawRoundedRect(swatch, 2, 2)
            painter.setPen(colours.text)
            painter.drawText(QRectF(x + size + 6, rect.top(), width, metrics.height() + 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)
            x += width


class KeyboardPanel(QWidget):
    """The keyboard picture with its weakest keys and slowest letter pairs in
    words beside it. ``show_stats(stats, layout)`` fills it."""

    def __init__(self, min_attempts: int = 10, min_timed: int = 5,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.min_attempts = min_attempts
        self.min_timed = min_timed
        self.keyboard = KeyboardView()
        self.keyboard.setObjectName("keyboardPicture")
        self.weakest_caption = QLabel("Weakest keys")
        set_role(self.weakest_caption, "strong")
        self.weakest_label = QLabel()
        self.weakest_label.setObjectName("weakestKeys")
        self.weakest_label.setWordWrap(True)
        self.pairs_caption = QLabel("Slowest letter pairs (median)")
        set_role(self.pairs_caption, "strong")
        self.pairs_label = QLabel()
        self.pairs_label.setObjectName("slowestPairs")
        self.pairs_label.setWordWrap(True)
        self.pairs_label.setTextFormat(Qt.TextFormat.PlainText)
        self.weakest_label.setTextFormat(Qt.TextFormat.PlainText)
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.weakest_caption)
        words.addWidget(self.weakest_label)
        words.addWidget(self.pairs_caption)
        words.addWidget(self.pairs_label)
        words.addStretch(1)
        side = QWidget()
        side.setLayout(words)
        side.setMinimumWidth(150)
        side.setMaximumWidth(240)
        side.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.keyboard, 1)
        layout.addWidget(side)
        self.show_stats(KeyStats(0, {}, {}), LAYOUT["uk"])

    def show_stats(self, stats: KeyStats, layout: Layout) -> None:
        """Show the keys of ``stats`` on ``layout``, and its slowest pairs."""
        figures = keyboard_figures(stats, layout, self.min_attempts)
        self.keyboard.set_figures(figures)
        weakest = figures.weakest()
        self.weakest_label.setText(
            "\n".join(f"{f.key.legend}  {percent(f.error_rate)} ({f.errors} of {f.attempts})"
                      for f in weakest) if weakest
            else describe_keyboard(figures))
        self.weakest_label.setAccessibleName(describe_keyboard(figures))
        pairs = slowest_pairs(stats, min_timed=self.min_timed)
        if pairs:
            self.pairs_label.setText("\n".join(f"{pair}  {median:.0f} ms"
                                               for pair, median in pairs))
            self.pairs_label.setAccessibleName("Slowest letter pairs, median time: " + ", ".join(
                f"{pair} {median:.0f} ms" for pair, median in pairs))
        else:
            self.pairs_label.setText(
                f"None yet: a pair needs {self.min_timed} clean keystrokes to be timed.")
            self.pairs_label.setAccessibleName(self.pairs_label.text())

