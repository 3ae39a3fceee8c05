"""One look for every page: spacing, type sizes and colours, from the system.

Pages never write a colour or a font size of their own. They give a widget a
*role* (``set_role(label, "hint")``) and the application style sheet, built
here, gives every role its look. The sheet is built from what the system
says:

- **type sizes** are multiples of the application font, so a person who set
  a larger system font gets larger headings too (display scaling of 125-200 %
  needs nothing from us: Qt lays out in device-independent pixels);
- **colours** come from the system palette (text, window, base, highlight),
  and the few colours that carry a meaning (pass, fail, a mistake) come in a
  light and a dark version, picked by whether the palette is dark; each is
  checked against the background it sits on and falls back to the plain text
  colour where it would not read (WCAG's 4.5:1 for text);
- **high contrast** (the system's accessibility setting) drops every grey:
  hints are drawn in the text colour and borders get thicker.

When the system switches between light and dark, or the person changes the
font, :class:`ThemeWatcher` rebuilds the sheet and emits ``changed`` so that
widgets painting their own colours (the typing area, the reviews) repaint.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QBoxLayout, QWidget

# Spacing, in device-independent pixels: the same on every page.
PAGE_MARGINS = (24, 20, 24, 20)  # left, top, right, bottom
SECTION_SPACING = 12
CARD_SPACING = 16

# Type sizes as multiples of the application font's size.
TYPE_SCALE = {
    "display": 2.4,  # the product name on the home page
    "title": 1.9,  # a page's heading
    "banner": 3.0,  # PASS / FAIL / the score on a result page
    "figure": 1.8,  # a big number: net WPM, accuracy
    "timer": 1.6,  # the countdown and the heading of a timed page
    "heading": 1.4,  # a section's heading
    "lead": 1.15,  # the sentence under a page's heading; a question's prompt
    "keycap": 0.85,  # the letters and figures written on a keyboard picture's keys
}

# WCAG 2.1's minimum contrast for body text, and its enhanced level.
MIN_CONTRAST = 4.5
HIGH_CONTRAST = 7.0


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2.1's contrast ratio of two colours, from 1 (same) to 21 (black on white).

    >>> round(contrast_ratio(QColor("black"), QColor("white")), 1)
    21.0
    >>> round(contrast_ratio(QColor("#777777"), QColor("white")), 2)
    4.48
    """

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(front: QColor, back: QColor, amount: float) -> QColor:
    """``amount`` of ``front`` over ``back`` (0 gives ``back``, 1 gives ``front``).

    >>> blend(QColor("black"), QColor("white"), 0.5).name()
    '#808080'
    """
    return QColor.fromRgbF(*(
        amount * getattr(front, part)() + (1 - amount) * getattr(back, part)()
        for part in ("redF", "greenF", "blueF")
    ))


def readable(colour: QColor, background: QColor, fallback: QColor,
             minimum: float = MIN_CONTRAST) -> QColor:
    """``colour`` if it reads on ``background`` at ``minimum`` contrast, else ``fallback``."""
    return colour if contrast_ratio(colour, background) >= minimum else fallback


# Colours that read the same in every mode, because each comes with its own
# partner. Result banners: white on a strong colour (large bold text needs 3:1).
ON_FILL = QColor("#ffffff")
PASS_FILL = QColor("#17692f")
FAIR_FILL = QColor("#9a4d00")
FAIL_FILL = QColor("#b3261e")
NEUTRAL_FILL = QColor("#5f6368")
# Marks in a text (the typing area, the reviews): a highlighter's colour under
# dark ink, which reads whatever the window behind it.
MARK_INK = QColor("#202124")
MARK_GOOD = QColor("#b7e1c1")  # fixed, right
MARK_BAD = QColor("#f7b9b4")  # introduced, wrong
MARK_MISSED = QColor("#fde293")  # missed, to look at
MARK_CHANGED = QColor("#c6dafc")  # reworded: neither right nor wrong; grammar
MARK_SPELLING = QColor("#fad2cf")
MARK_CURRENT = QColor("#ffe082")  # the next character to type
# Underlines of the live checker: red for spelling, blue for grammar, as word
# processors draw them. An underline is drawn under the text, so on a dark
# window the lighter versions are used.
SPELLING_UNDERLINE = QColor("#d93025")
GRAMMAR_UNDERLINE = QColor("#1a73e8")
# The worksheet of a formula question looks like Excel's in its default
# light look, in light and dark mode alike: each colour comes with its partner.
SHEET_TARGET = QColor("#fff4c2")  # the empty cell the formula belongs in
SHEET_TARGET_FRAME = QColor("#217346")  # the green of Excel's selected-cell frame
SHEET_STYLE = (
    "QTableWidget { gridline-color: #d4d4d4; background: #ffffff; color: #202124; }"
    "QHeaderView::section { background: #f3f3f3; color: #3c4043; "
    "border: 0; border-right: 1px solid #d4d4d4; border-bottom: 1px solid #d4d4d4; "
    "padding: 2px 6px; }"
)
# Printed reports are drawn on white paper, whatever the screen's mode.
PAPER = QColor("#ffffff")
# A wrong letter in the typing area: white on red.
TYPED_WRONG_FILL = QColor("#c62828")


@dataclass(frozen=True)
class Colours:
    """Every colour a page may use, for one palette.

    ``*_text`` colours sit on the window (or a field's base); each
    ``*_fill``/``on_*`` pair is a background with the text drawn on it.
    """

    dark: bool
    high_contrast: bool
    window: QColor
    text: QColor  # on the window
    muted: QColor  # hints and captions, on the window
    base: QColor  # a field's background
    base_text: QColor
    border: QColor
    accent: QColor  # the system's selection colour
    on_accent: QColor
    success_text: QColor
    danger_text: QColor
    warning_text: QColor
    # In-page bars: a question before something final, a warning.
    info_fill: QColor
    warning_fill: QColor
    on_bar: QColor
    typed_right_text: QColor  # a correctly typed letter, on the base
    # The keyboard picture: a key's fill by its error band (core/practice/
    # keyboard.py), each read with ``key_ink``; a key not judged yet is drawn
    # in the base colours.
    key_good: QColor
    key_fair: QColor
    key_poor: QColor
    key_bad: QColor
    key_ink: QColor


def colours_for(palette: QPalette, high_contrast: bool = False) -> Colours:
    """The colours for ``palette``: light or dark versions, each checked to read.

    >>> light = colours_for(QPalette(QColor("#efefef")))
    >>> light.dark, contrast_ratio(light.muted, QColor("#efefef")) >= 4.5
    (False, True)
    >>> dark = colours_for(QPalette(QColor("#202124")))
    >>> dark.dark, contrast_ratio(dark.danger_text, QColor("#202124")) >= 4.5
    (True, True)
    """
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    base = palette.color(QPalette.ColorRole.Base)
    base_text = palette.color(QPalette.ColorRole.Text)
    dark = window.lightnessF() < text.lightnessF()
    minimum = HIGH_CONTRAST if high_contrast else MIN_CONTRAST

    def on_window(light: str, dark_version: str) -> QColor:
        return readable(QColor(dark_version if dark else light), window, text, minimum)

    muted = text if high_contrast else readable(blend(text, window, 0.68), window, text, minimum)
    return Colours(
        dark=dark,
        high_contrast=high_contrast,
        window=window,
        text=text,
        muted=muted,
        base=base,
        base_text=base_text,
        border=text if high_contrast else blend(text, window, 0.35),
        accent=palette.color(QPalette.ColorRole.Highlight),
        on_accent=palette.color(QPalette.ColorRole.HighlightedText),
        success_text=on_window("#17692f", "#81c995"),
        danger_text=on_window("#a8211a", "#f6aea9"),
        warning_text=on_window("#8a4b00", "#fdd663"),
        info_fill=QColor("#1f3554" if dark else "#e8f0fe"),
        warning_fill=QColor("#4d2120" if dark else "#fdecea"),
        on_bar=QColor("#e8eaed" if dark else "#202124"),
        typed_right_text=readable(QColor("#81c995" if dark else "#17692f"), base, base_text,
                                  minimum),
        # Pale fills under dark ink in light mode, deep ones under light ink in
        # dark mode; each step of the light scale is darker than the last, so
        # the order reads without telling the hues apart.
        key_good=QColor("#1e3b28" if dark else "#d7f0dd"),
        key_fair=QColor("#4a4010" if dark else "#fcefc0"),
        key_poor=QColor("#6a3b0d" if dark else "#fbd0a5"),
        key_bad=QColor("#8a2520" if dark else "#f5a39c"),
        key_ink=QColor("#f1f3f4" if dark else "#202124"),
    )


def system_high_contrast() -> bool:
    """Whether the system asks for high contrast (Qt 6.10+ reads it on Windows and macOS)."""
    hints = QGuiApplication.styleHints()
    accessibility = hints.accessibility()
    return accessibility.contrastPreference() == Qt.ContrastPreference.HighContrast


def style_sheet(colours: Colours, base_point_size: float) -> str:
    """The application style sheet: the look of every role, for ``colours``.

    Sizes are in points, computed from ``base_point_size`` (the application
    font's), so they follow the system font size.
    """

    def size(role: str) -> str:
        return f"{base_point_size * TYPE_SCALE[role]:.1f}pt"

    border_width = 2 if colours.high_contrast else 1
    c = {name: value.name() for name, value in vars(colours).items()
         if isinstance(value, QColor)}
    return f"""
QLabel[role="display"] {{ font-size: {size("display")}; font-weight: 700; }}
QLabel[role="title"] {{ font-size: {size("title")}; font-weight: 600; }}
QLabel[role="timer"] {{ font-size: {size("timer")}; font-weight: 600; padding: 0 12px; }}
QLabel[role="timer"][low="true"] {{ color: {c["danger_text"]}; }}
QLabel[role="heading"] {{ font-size: {size("heading")}; font-weight: 600; }}
QLabel[role="lead"] {{ font-size: {size("lead")}; }}
QLabel[role="hint"] {{ color: {c["muted"]}; }}
QLabel[role="figure"] {{ font-size: {size("figure")}; font-weight: 600; }}
QLabel[role="strong"] {{ font-weight: 600; }}
QLabel[role="error"] {{ color: {c["danger_text"]}; font-weight: 600; }}
QLabel[role="warning"] {{ color: {c["warning_text"]}; font-weight: 600; }}
QLabel[role="success"] {{ color: {c["success_text"]}; font-weight: 600; }}
QLabel[role="banner"] {{
    font-size: {size("banner")}; font-weight: 700; color: {ON_FILL.name()};
    border-radius: 8px; padding: 8px 24px; background: {NEUTRAL_FILL.name()};
}}
QLabel[role="banner"][verdict="pass"] {{ background: {PASS_FILL.name()}; }}
QLabel[role="banner"][verdict="fair"] {{ background: {FAIR_FILL.name()}; }}
QLabel[role="banner"][verdict="fail"] {{ background: {FAIL_FILL.name()}; }}
QFrame[role="infoBar"] {{
    background: {c["info_fill"]}; border: {border_width}px solid {c["border"]};
    border-radius: 6px;
}}
QFrame[role="warningBar"] {{
    background: {c["warning_fill"]}; border: {border_width}px solid {c["border"]};
    border-radius: 6px;
}}
QFrame[role="infoBar"] QLabel, QFrame[role="warningBar"] QLabel {{
    color: {c["on_bar"]}; background: transparent;
}}
QLabel[role="notice"] {{
    background: {c["warning_fill"]}; color: {c["on_bar"]};
    border: {border_width}px solid {c["border"]}; border-radius: 6px; padding: 6px 10px;
}}
QFrame[role="rule"] {{ color: {c["border"]}; }}
QPushButton[role="card"] {{
    text-align: left; padding: 16px; border: {border_width}px solid {c["border"]};
    border-radius: 10px; background: {c["base"]}; color: {c["base_text"]};
}}
QPushButton[role="card"]:hover {{ border-color: {c["accent"]}; }}
QPushButton[role="card"]:focus {{ border: {border_width + 1}px solid {c["accent"]}; }}
QPushButton[role="card"] QLabel {{ background: transparent; color: {c["base_text"]}; }}
QPushButton[role="card"] QLabel[role="heading"] {{ font-size: {size("lead")}; }}
QPushButton[role="primary"] {{
    background: {c["accent"]}; color: {c["on_accent"]}; font-weight: 600;
    border: {border_width}px solid {c["accent"]}; border-radius: 6px;
    padding: 8px 24px; min-width: 120px;
}}
QPushButton[role="primary"]:focus {{ border: 2px solid {c["text"]}; }}
QPushButton[role="primary"]:disabled {{
    background: {c["window"]}; color: {c["muted"]}; border-color: {c["border"]};
}}
QPushButton[role="question"], QLabel[role="question"] {{
    border-radius: 4px; min-width: 40px; max-width: 40px; min-height: 26px;
    background: {c["base"]}; color: {c["base_text"]};
    border: {border_width}px solid {c["border"]};
}}
QPushButton[role="question"][answered="true"], QLabel[role="question"][answered="true"] {{
    background: {c["info_fill"]}; color: {c["on_bar"]};
}}
QPushButton[role="question"][current="true"], QLabel[role="question"][current="true"] {{
    background: {c["accent"]}; color: {c["on_accent"]}; font-weight: 700;
}}
QPushButton[role="question"][flagged="true"], QLabel[role="question"][flagged="true"] {{
    border: 3px solid {c["warning_text"]};
}}
QPushButton[role="question"]:focus {{ border: 2px solid {c["text"]}; }}
QFrame[role="panel"] {{
    background: {c["base"]}; border: {border_width}px solid {c["border"]}; border-radius: 8px;
}}
QFrame[role="panel"] QLabel {{ color: {c["base_text"]}; }}
QLabel[role="swatch"] {{ border: 1px solid {c["border"]}; }}
"""


def base_point_size(app: QGuiApplication) -> float:
    """The application font's size in points (a font set in pixels is converted)."""
    font = app.font()
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    return font.pixelSize() * 72 / 96


def set_role(widget: QWidget, role: str, **states: object) -> None:
    """Give ``widget`` a role of the style sheet (and states such as ``low=True``).

    Setting it again with other states restyles the widget at once.
    """
    widget.setProperty("role", role)
    for name, value in states.items():
        widget.setProperty(name, "true" if value is True else "false" if value is False
                           else str(value))
    # A property read by the style sheet takes effect only when re-polished.
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def page_layout(layout: QBoxLayout) -> QBoxLayout:
    """Give a page's outer layout the margins and spacing every page shares."""
    layout.setContentsMargins(*PAGE_MARGINS)
    layout.setSpacing(SECTION_SPACING)
    return layout


class ThemeWatcher(QObject):
    """Keeps the application style sheet in step with the system.

    Built once for the application (``ThemeWatcher.install(app)``). ``changed``
    is emitted after the sheet was rebuilt for a new palette, colour scheme,
    contrast setting or font.
    """

    changed = Signal()

    def __init__(self, app: QApplication):
        super().__init__(app)
        self._app = app
        self.colours = colours_for(app.palette(), system_high_contrast())
        self._applying = False
        app.installEventFilter(self)
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: self.refresh())
        hints.accessibility().contrastPreferenceChanged.connect(lambda _pref: self.refresh())
        self.refresh()

    @classmethod
    def install(cls, app: QApplication) -> ThemeWatcher:
        """The application's watcher, built and applied on first call."""
        watcher = app.findChild(ThemeWatcher)
        return watcher if watcher is not None else cls(app)

    def refresh(self, high_contrast: bool | None = None) -> None:
        """Rebuild the sheet from the current palette, font and contrast setting."""
        if high_contrast is None:
            high_contrast = system_high_contrast()
        self.colours = colours_for(self._app.palette(), high_contrast)
        self._applying = True
        try:
            self._app.setStyleSheet(style_sheet(self.colours, base_point_size(self._app)))
        finally:
            self._applying = False
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self._app and not self._applying and event.type() in (
                QEvent.Type.ApplicationPaletteChange, QEvent.Type.ApplicationFontChange)):
            self.refresh()
        return False


def current_colours() -> Colours:
    """The colours for the application's palette as it is now.

    Computed afresh (it takes microseconds), so a widget told of a palette
    change before the watcher was gets the new colours too.
    """
    app = QApplication.instance()
    watcher = app.findChild(ThemeWatcher) if app is not None else None
    high_contrast = watcher.colours.high_contrast if watcher is not None else False
    return colours_for(QGuiApplication.palette(), high_contrast)
