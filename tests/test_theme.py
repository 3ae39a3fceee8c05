"""One visual language: colours that read in light, dark and high-contrast
mode, type that follows the system font, no page with colours of its own."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

import typing_test.ui
from typing_test.ui.common import theme
from typing_test.ui.common.theme import (
    HIGH_CONTRAST,
    MIN_CONTRAST,
    ThemeWatcher,
    colours_for,
    contrast_ratio,
    current_colours,
)
from typing_test.ui.main_window import MainWindow

UI_FOLDER = Path(typing_test.ui.__file__).parent
DOCS = Path(__file__).resolve().parent.parent / "docs"


def dark_palette() -> QPalette:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_screenshots", DOCS / "make_screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.dark_palette()


PALETTES = {
    "light": lambda: QPalette(QColor("#efefef")),
    "dark": dark_palette,
    # Windows' "Night sky" contrast theme: black window, white text, yellow selection.
    "windows-contrast": lambda: _contrast_palette(),
}


def _contrast_palette() -> QPalette:
    palette = QPalette(QColor("#000000"))
    for role, colour in ((QPalette.ColorRole.Window, "#000000"),
                         (QPalette.ColorRole.WindowText, "#ffffff"),
                         (QPalette.ColorRole.Base, "#000000"),
                         (QPalette.ColorRole.Text, "#ffffff"),
                         (QPalette.ColorRole.Highlight, "#ffff00"),
                         (QPalette.ColorRole.HighlightedText, "#000000")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def system(qapp):
    """Lets a test change the system palette and font; puts them back after."""
    palette, font = qapp.palette(), qapp.font()
    watcher = ThemeWatcher.install(qapp)
    yield watcher
    qapp.setPalette(palette)
    qapp.setFont(font)
    watcher.refresh(high_contrast=False)


@pytest.mark.parametrize("name", PALETTES)
@pytest.mark.parametrize("high_contrast", [False, True])
def test_every_text_colour_reads_on_what_it_is_drawn_on(qapp, name, high_contrast):
    palette = PALETTES[name]()
    colours = colours_for(palette, high_contrast)
    window, base = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)
    minimum = HIGH_CONTRAST if high_contrast else MIN_CONTRAST
    for text in ("text", "muted", "success_text", "danger_text", "warning_text"):
        assert contrast_ratio(getattr(colours, text), window) >= minimum, text
    assert contrast_ratio(colours.typed_right_text, base) >= minimum
    for fill in (colours.info_fill, colours.warning_fill):
        assert contrast_ratio(colours.on_bar, fill) >= MIN_CONTRAST
    for mark in (theme.MARK_GOOD, theme.MARK_BAD, theme.MARK_MISSED, theme.MARK_CHANGED,
                 theme.MARK_CURRENT, theme.MARK_SPELLING, theme.SHEET_TARGET):
        assert contrast_ratio(theme.MARK_INK, mark) >= MIN_CONTRAST, mark.name()
    for fill in (theme.PASS_FILL, theme.FAIR_FILL, theme.FAIL_FILL, theme.NEUTRAL_FILL,
                 theme.TYPED_WRONG_FILL):
        assert contrast_ratio(theme.ON_FILL, fill) >= MIN_CONTRAST, fill.name()


def test_high_contrast_drops_every_grey(qapp):
    colours = colours_for(PALETTES["light"](), high_contrast=True)
    assert colours.muted == colours.text
    assert colours.border == colours.text


def test_no_page_sets_a_colour_or_a_font_size_of_its_own():
    """Colours and sizes live in ui/common/theme.py, so a dark palette or a large
    system font reaches every page."""
    offenders = []
    for path in UI_FOLDER.rglob("*.py"):
        if path.name == "theme.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"#[0-9a-fA-F]{6}\b|QColor\(\"|font-size|setPointSize\(\d", line):
                offenders.append(f"{path.relative_to(UI_FOLDER)}:{number}: {line.strip()}")
    assert offenders == []


@pytest.fixture
def window(qtbot, store, clock, tmp_path, system):
    window = MainWindow(store, clock=clock, rng=random.Random(5),
                        banks_folder=tmp_path / "question-banks")
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    return window


def labels_with_role(page, *roles):
    return [label for label in page.findChildren(QLabel) if label.property("role") in roles]


def test_switching_to_dark_mode_recolours_every_page(qtbot, qapp, window, system):
    window.open_activity("typing")
    window.typing_setup.startRequested.emit(60, "", "")
    area = window.typing_page.typing_area
    qtbot.keyClicks(area, window.typing_page.session.passage[:3])
    light_pending = area.colours.base_text

    qapp.setPalette(PALETTES["dark"]())
    qtbot.wait(1)

    assert current_colours().dark
    window_colour = qapp.palette().color(QPalette.ColorRole.Window)
    for page in window.all_pages():
        for label in labels_with_role(page, "hint", "error", "success", "warning", "title",
                                      "lead", "heading", "timer", "strong", "display"):
            colour = label.palette().color(QPalette.ColorRole.WindowText)
            assert contrast_ratio(colour, window_colour) >= MIN_CONTRAST, (
                type(page).__name__, label.text())
    # The typing area repainted its untyped letters in the dark palette's text colour.
    assert area.colours.base_text != light_pending
    # (A re-layout once carried the caret's green over to every untyped letter.)
    last = area.document().lastBlock().begin().fragment().charFormat()
    assert last.foreground().color() == area.colours.base_text


def test_high_contrast_turns_hints_into_text(qtbot, window, system):
    hint = window.home_page.greeting_label
    system.refresh(high_contrast=True)
    qtbot.wait(1)
    assert hint.palette().color(QPalette.ColorRole.WindowText) == current_colours().text


def test_type_follows_the_system_font_size(qtbot, qapp, window, system):
    window.open_activity("typing")
    heading = labels_with_role(window.typing_setup, "title")[0]
    area = window.typing_page.typing_area
    before_heading, before_area = heading.font().pointSizeF(), area.font().pointSizeF()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(font)
    qtbot.wait(1)
    assert heading.font().pointSizeF() == pytest.approx(before_heading * 1.5, rel=0.02)
    assert area.font().pointSizeF() == pytest.approx(before_area * 1.5, rel=0.02)


def test_every_page_still_fits_1366_by_768_with_a_125_percent_font(qtbot, qapp, window, system):
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    qapp.setFont(font)
    window.resize(1366, 768)
    qtbot.wait(1)
    for page in window.all_pages():
        window.stack.setCurrentWidget(page)
        qtbot.wait(1)
        needed, room = page.minimumSizeHint(), window.stack.size()
        assert needed.width() <= room.width() and needed.height() <= room.height(), (
            type(page).__name__)


def test_a_banner_says_its_verdict_in_words(qtbot):
    from typing_test.ui.common.review_parts import show_score

    label = QLabel()
    qtbot.addWidget(label)
    show_score(label, "40%", 40, abandoned=False)
    assert label.property("verdict") == "fail" and label.text() == "Score: 40%"
    show_score(label, "40%", 40, abandoned=True)
    assert label.property("verdict") == "none" and label.text().startswith("Abandoned")


def test_the_application_font_is_untouched_by_the_theme(qapp, system):
    before = QApplication.font().pointSizeF()
    system.refresh()
    assert QApplication.font().pointSizeF() == before


def test_an_empty_home_page_stays_packed_at_the_top(qtbot, window):
    """With nothing to list yet, the spare height stays below the page, not
    spread between its heading, cards and results."""
    window.resize(1366, 768)
    qtbot.wait(1)
    home = window.home_page
    best = home.best_label.mapTo(home, home.best_label.rect().bottomLeft()).y()
    # Spread out, it would end near the bottom; packed, the spare height
    # (however many activity cards there are) is all below it.
    assert home.height() - best > 120
    cards = home._grid.geometry()
    assert best - cards.bottom() < 100
