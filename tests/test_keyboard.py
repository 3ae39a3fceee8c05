"""The keyboard picture: US and UK keys, shifted characters on their key, a
key coloured by its mistakes (in the widget's state and in words), colours
that read in every palette, and the result page of a test showing its keys."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip
from test_theme import PALETTES

from typing_test.core.practice.keyboard import (
    LAYOUT,
    error_band,
    keyboard_figures,
    layout_for,
)
from typing_test.core.practice.keystats import KeyStat, KeyStats, key_stats
from typing_test.core.typing.passages import Passage
from typing_test.store.settings import KEYBOARD_LAYOUT, SPELLING_VARIANT, keyboard_layout
from typing_test.ui.common.theme import (
    HIGH_CONTRAST,
    MIN_CONTRAST,
    colours_for,
    contrast_ratio,
    current_colours,
)
from typing_test.ui.main_window import MainWindow
from typing_test.ui.practice.keyboard_view import KeyboardPanel, KeyboardView, band_colour


def typed(passage: str, text: str, gap_ms: int = 200) -> list[dict]:
    """A keystroke log typing ``text`` one key every ``gap_ms``."""
    return [{"t": index * gap_ms, "key": key} for index, key in enumerate(text)]


# Layouts ---------------------------------------------------------------------


def test_the_uk_keyboard_has_its_own_keys_where_a_uk_keyboard_has_them():
    uk, us = LAYOUT["uk"], LAYOUT["us"]
    # The extra key by the left Shift, and # by Enter: UK only.
    assert uk.key_for("\\").parts[0][:2] == (1.25, 3)
    assert uk.key_for("#").id == "#" and uk.key_for("~").id == "#"
    enter = next(key for key in uk.keys if key.id == "enter")
    assert len(enter.parts) == 2  # the tall ISO Enter
    # " on 2, @ by the ' key, £ on 3, € with AltGr on 4.
    assert uk.key_for('"').id == "2" and uk.key_for("@").id == "'"
    assert uk.key_for("£").id == "3" and uk.key_for("€").id == "4"
    # The US keyboard: @ on 2, # on 3, " with ', \ above Enter, no £.
    assert us.key_for("@").id == "2" and us.key_for("#").id == "3"
    assert us.key_for('"').id == "'" and us.key_for("\\").parts[0][1] == 1
    assert us.key_for("£") is None and us.key_for("€") is None
    for layout in (uk, us):
        assert layout.key_for("!").id == "1" and layout.key_for("?").id == "/"
        assert layout.key_for(" ").id == "space"
        assert {key.id for key in layout.keys} >= set("qwertyuiopasdfghjklzxcvbnm")


def test_a_shifted_character_counts_for_its_key_and_an_unknown_one_is_kept_aside():
    stats = KeyStats(1, {"1": KeyStat(6, 0, 150.0, 5), "!": KeyStat(4, 3, None, 0),
                         "@": KeyStat(5, 1, None, 0), "é": KeyStat(2, 1, None, 0)}, {})
    uk = keyboard_figures(stats, LAYOUT["uk"], min_attempts=5)
    assert (uk.keys["1"].attempts, uk.keys["1"].errors) == (10, 3)
    assert uk.band("1") == "bad"  # 30 % wrong
    assert uk.keys["'"].errors == 1 and "2" not in uk.keys  # @ is by the ' key on a UK one
    us = keyboard_figures(stats, LAYOUT["us"], min_attempts=5)
    assert us.keys["2"].errors == 1 and "'" not in us.keys
    assert list(uk.unplaced) == ["é"]
    # Typed 5 times is enough to judge at 5, not at 10.
    assert keyboard_figures(stats, LAYOUT["us"], min_attempts=10).band("2") == "none"


def test_error_bands_have_their_edges_where_the_legend_says():
    assert [error_band(r) for r in (0.029, 0.03, 0.0699, 0.07, 0.1499, 0.15)] == [
        "good", "fair", "fair", "poor", "poor", "bad"]


def test_the_layout_follows_the_spelling_until_one_is_chosen(store):
    assert keyboard_layout(store) == "us"
    store.set_setting(SPELLING_VARIANT, "uk")
    assert keyboard_layout(store) == "uk"
    store.set_setting(KEYBOARD_LAYOUT, "us")
    assert keyboard_layout(store) == "us"
    store.set_setting(KEYBOARD_LAYOUT, "dvorak")  # a damaged value: the default again
    assert keyboard_layout(store) == "uk"
    assert layout_for("dvorak").id == "uk"


# The picture -----------------------------------------------------------------


def test_the_key_a_person_got_wrong_is_coloured_and_said_in_words(qtbot):
    passage = "the tent, the test, the text. " * 2
    wrong = passage.replace("t", "r", 5)  # the first five t's typed as r
    stats = key_stats([(passage, typed(passage, wrong))])
    view = KeyboardView()
    qtbot.addWidget(view)
    view.set_figures(keyboard_figures(stats, LAYOUT["uk"], min_attempts=5))
    view.resize(view.sizeHint())
    view.show()

    t_key = view.figures.keys["t"]
    assert (t_key.errors, t_key.attempts) == (5, 18)
    assert view.band_of("t") == "bad" and view.band_of("h") == "good"
    assert view.fill_of("t") == band_colour("bad", current_colours()) != view.fill_of("h")
    assert view.band_of("q") == "none"  # never typed: neutral
    assert view.accessibleName() == "Keyboard (UK (ISO)) coloured by mistakes"
    assert view.accessibleDescription().startswith("Weakest keys: T 28 % wrong (5 of 18)")
    assert "R" not in view.accessibleDescription()  # r was pressed, t was the key to type
    assert view.tooltip_for("t") == "T: 28 % wrong (5 of 18), median 200 ms"
    # The key under the mouse is found where it is drawn.
    unit, origin = view._geometry()
    t_left, t_top = view.figures.layout.key_for("t").parts[0][:2]
    middle_of_t = origin + QPointF((t_left + 0.5) * unit, (t_top + 0.5) * unit)
    assert view.key_at(middle_of_t) == "t"
    # Hovering there shows its figures.
    where = middle_of_t.toPoint()
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, where, view.mapToGlobal(where)))
    assert QToolTip.text() == view.tooltip_for("t")


def test_the_panel_lists_the_weakest_keys_and_slowest_pairs_in_words(qtbot):
    passage = "quick quiet quota, " * 4
    log = []
    t = 0
    for character in passage:
        t += 600 if character == "u" else 150  # slow from q to u
        log.append({"t": t, "key": character})
    panel = KeyboardPanel(min_attempts=5, min_timed=3)
    qtbot.addWidget(panel)
    panel.show_stats(key_stats([(passage, log)]), LAYOUT["us"])
    assert panel.weakest_label.text() == "No mistakes on any key typed at least 5 times."
    assert panel.pairs_label.text().splitlines()[0] == "qu  600 ms"
    assert panel.pairs_label.accessibleName().startswith(
        "Slowest letter pairs, median time: qu 600 ms")


@pytest.mark.parametrize("name", PALETTES)
@pytest.mark.parametrize("high_contrast", [False, True])
def test_key_colours_read_in_every_palette(qapp, name, high_contrast):
    palette = PALETTES[name]()
    colours = colours_for(palette, high_contrast)
    minimum = HIGH_CONTRAST if high_contrast else MIN_CONTRAST
    fills = [colours.key_good, colours.key_fair, colours.key_poor, colours.key_bad]
    for fill in fills:
        assert contrast_ratio(colours.key_ink, fill) >= minimum, fill.name()
    assert contrast_ratio(colours.base_text, palette.color(QPalette.ColorRole.Base)) >= minimum
    # The four bands are four colours, and none is the neutral key's.
    assert len({fill.name() for fill in fills} | {colours.base.name()}) == 5


def test_the_light_scale_darkens_with_the_error_rate(qapp):
    """Told apart by lightness, not only by hue (red-green colour blindness)."""
    colours = colours_for(PALETTES["light"]())
    lightness = [fill.lightnessF() for fill in (colours.key_good, colours.key_fair,
                                                 colours.key_poor, colours.key_bad)]
    assert lightness == sorted(lightness, reverse=True)


# The result page ---------------------------------------------------------------

PASSAGE = "Ten tall trees stood by the tent at the top of the hill."


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    passages = [Passage("trees", "Trees", "policy", "easy", PASSAGE)]
    window = MainWindow(store, clock=clock, passages=passages, rng=random.Random(2),
                        banks_folder=tmp_path / "question-banks")
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    return window


def take_test(qtbot, window, clock, text: str) -> None:
    window.open_activity("typing")
    window.typing_setup.startRequested.emit(60, "", "")
    area = window.typing_page.typing_area
    for character in text:
        qtbot.keyClicks(area, character)
        clock.advance(180)


def test_the_result_page_shows_the_weakest_key_of_the_test(qtbot, window, clock, store):
    t_count = PASSAGE.lower().count("t")
    wrong = "".join("y" if character == "t" and index % 3 == 0 else character
                    for index, character in enumerate(PASSAGE))
    t_wrong = sum(1 for a, b in zip(PASSAGE, wrong, strict=True) if a != b)
    take_test(qtbot, window, clock, wrong)

    assert window.stack.currentWidget() is window.result_page
    keyboard = window.result_page.keys_panel.keyboard
    assert keyboard.figures.layout.id == "us"  # the spelling accepts both: US
    assert keyboard.band_of("t") in ("poor", "bad")
    assert keyboard.accessibleDescription().startswith(
        f"Weakest keys: T {round(t_wrong / t_count * 100)} % wrong ({t_wrong} of {t_count})")
    assert window.result_page.keys_panel.weakest_label.text().startswith("T  ")
    # The page still fits the smallest screen.
    page = window.result_page
    assert page.minimumSizeHint().height() <= window.stack.height()
    assert page.minimumSizeHint().width() <= window.stack.width()

    # Opened again from the history, on the keyboard chosen in Settings.
    store.set_setting(KEYBOARD_LAYOUT, "uk")
    window.open_attempt(window.last_attempt_id)
    assert keyboard.figures.layout.id == "uk"
    assert keyboard.figures.keys["t"].errors == t_wrong


def test_settings_switch_the_keyboard(qtbot, window, store):
    window.show_settings()
    page = window.settings_page
    assert page.keyboard_box.currentData() == "us"
    page.keyboard_box.setCurrentIndex(page.keyboard_box.findData("uk"))
    page.save()
    assert keyboard_layout(store) == "uk"
    # Back to the one the spelling implies: nothing stored, it follows the spelling.
    page.keyboard_box.setCurrentIndex(page.keyboard_box.findData("us"))
    page.save()
    assert store.get_setting(KEYBOARD_LAYOUT) is None
