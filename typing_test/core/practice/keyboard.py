"""The keys of a US (ANSI) and a UK (ISO) keyboard, and each key's figures.

The key statistics (``keystats.py``) are per character typed: ``"1"`` and
``"!"`` are two entries, though both are typed on the same key. A keyboard
picture needs them per **key**, so:

- every character a key types counts for that key: its plain character, its
  Shift character and (UK) its AltGr character. ``"!"`` is the 1 key on both
  layouts; ``'"'`` is the 2 key on a UK keyboard and the ' key on a US one;
  ``"@"`` is the ' key on a UK keyboard and the 2 key on a US one;
  ``"£"`` (Shift+3) and ``"€"`` (AltGr+4) are UK only;
- a key's attempts and errors are the sums of its characters' (the time to
  type is not summed: a median of medians means nothing, so each character
  keeps its own);
- letters are already one entry each (``keystats`` folds ``"E"`` into
  ``"e"``), and Space and Enter both count as Space there, so Enter and the
  other keys that type no character (Shift, Tab, Ctrl...) have no figures;
- a character on no key of the layout (``"é"``, ``"£"`` on a US keyboard)
  is kept aside as *unplaced*, so it can still be listed in words.

A key is judged only once it was typed ``min_attempts`` times: a key seen
twice proves nothing. Its error rate then falls in one of four bands (below
3 %, 3 to 7 %, 7 to 15 %, 15 % and more), which the picture colours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from typing_test.core.practice.keystats import KeyStat, KeyStats

LAYOUTS = {"uk": "UK (ISO)", "us": "US (ANSI)"}
# Error-rate bands, worst first: (lowest rate of the band, its name).
BANDS = ((0.15, "bad"), (0.07, "poor"), (0.03, "fair"), (0.0, "good"))
NOT_ENOUGH = "none"  # the band of a key typed too few times to judge


@dataclass(frozen=True)
class Key:
    """One key of a keyboard picture.

    ``characters`` are the (folded) characters it types, its plain one
    first; ``parts`` its outline as rectangles ``(x, y, width, height)`` in
    key units (one is the width of a letter key; the UK Enter is two).
    """

    id: str
    legend: str  # what the keycap shows
    name: str  # what a screen reader says
    characters: tuple[str, ...]
    parts: tuple[tuple[float, float, float, float], ...]


@dataclass(frozen=True)
class Layout:
    """A keyboard: its ``keys`` and its size in key units."""

    id: str
    title: str
    keys: tuple[Key, ...]
    width: float
    height: float

    def key_for(self, character: str) -> Key | None:
        """The key a (folded) character is typed with, or None.

        >>> [LAYOUT[name].key_for('"').id for name in ("us", "uk")]
        ["'", '2']
        >>> LAYOUT["us"].key_for("£") is None, LAYOUT["uk"].key_for("£").id
        (True, '3')
        """
        return self._by_character().get(character)

    def _by_character(self) -> dict[str, Key]:
        found = _KEY_MAPS.get(self.id)
        if found is None:
            found = _KEY_MAPS[self.id] = {
                character: key for key in self.keys for character in key.characters}
        return found


_KEY_MAPS: dict[str, dict[str, Key]] = {}

# (plain, shifted[, AltGr]) for each character key, row by row.
_US_NUMBER_ROW = ("`~", "1!", "2@", "3#", "4$", "5%", "6^", "7&", "8*", "9(", "0)", "-_", "=+")
_UK_NUMBER_ROW = ("`¬", "1!", '2"', "3£", "4$€", "5%", "6^", "7&", "8*", "9(", "0)", "-_",
                  "=+")
_LETTERS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_BOTTOM_ROW = (("Ctrl", 1.25), ("Win", 1.25), ("Alt", 1.25), ("Space", 6.25),
               ("Alt", 1.25), ("Win", 1.25), ("Menu", 1.25), ("Ctrl", 1.25))
_UK_BOTTOM_ROW = tuple(("Alt Gr", width) if index == 4 else (label, width)
                       for index, (label, width) in enumerate(_BOTTOM_ROW))
_NAMES = {"`": "backtick", "-": "minus", "=": "equals", "[": "left bracket",
          "]": "right bracket", "\\": "backslash", ";": "semicolon", "'": "apostrophe",
          "#": "hash", ",": "comma", ".": "full stop", "/": "slash"}


def _character_key(chars: str, x: float, y: float, width: float = 1.0) -> Key:
    """A key typing ``chars`` (plain, shifted, AltGr) at ``(x, y)``."""
    plain = chars[0]
    if plain.isalpha():
        return Key(plain, plain.upper(), plain.upper(), (plain,), ((x, y, width, 1.0),))
    legend = " ".join(chars)
    name = f"{_NAMES.get(plain, plain)} key ({', '.join(chars)})"
    return Key(plain, legend, name, tuple(chars), ((x, y, width, 1.0),))


def _plain_key(label: str, x: float, y: float, width: float, characters: tuple[str, ...] = (),
               key_id: str = "") -> Key:
    return Key(key_id or label.lower(), label, label, characters, ((x, y, width, 1.0),))


def _row(y: float, x: float, chars: Iterable[str]) -> tuple[list[Key], float]:
    keys = []
    for item in chars:
        keys.append(_character_key(item, x, y))
        x += 1.0
    return keys, x


def _bottom_row(labels: tuple[tuple[str, float], ...], y: float) -> list[Key]:
    keys, x = [], 0.0
    for index, (label, width) in enumerate(labels):
        characters = (" ",) if label == "Space" else ()
        keys.append(_plain_key(label, x, y, width, characters, key_id=f"{label.lower()}{index}"
                               if label != "Space" else "space"))
        x += width
    return keys


def _us_layout() -> Layout:
    keys, x = _row(0, 0, _US_NUMBER_ROW)
    keys.append(_plain_key("Backspace", x, 0, 2.0))
    keys.append(_plain_key("Tab", 0, 1, 1.5))
    row, x = _row(1, 1.5, [*_LETTERS[0], "[{", "]}"])
    keys += row
    keys.append(_character_key("\\|", x, 1, width=1.5))
    keys.append(_plain_key("Caps", 0, 2, 1.75))
    row, x = _row(2, 1.75, [*_LETTERS[1], ";:", "'\""])
    keys += row
    keys.append(_plain_key("Enter", x, 2, 2.25))
    keys.append(_plain_key("Shift", 0, 3, 2.25, key_id="left shift"))
    row, x = _row(3, 2.25, [*_LETTERS[2], ",<", ".>", "/?"])
    keys += row
    keys.append(_plain_key("Shift", x, 3, 2.75, key_id="right shift"))
    keys += _bottom_row(_BOTTOM_ROW, 4)
    return Layout("us", LAYOUTS["us"], tuple(keys), 15.0, 5.0)


def _uk_layout() -> Layout:
    keys, x = _row(0, 0, _UK_NUMBER_ROW)
    keys.append(_plain_key("Backspace", x, 0, 2.0))
    keys.append(_plain_key("Tab", 0, 1, 1.5))
    row, x = _row(1, 1.5, [*_LETTERS[0], "[{", "]}"])
    keys += row
    # ISO Enter: 1.5 wide on the top row, 1.25 on the home row.
    keys.append(Key("enter", "Enter", "Enter", (), ((x, 1, 1.5, 1.0), (x + 0.25, 2, 1.25, 1.0))))
    keys.append(_plain_key("Caps", 0, 2, 1.75))
    row, _ = _row(2, 1.75, [*_LETTERS[1], ";:", "'@", "#~"])
    keys += row
    keys.append(_plain_key("Shift", 0, 3, 1.25, key_id="left shift"))
    row, x = _row(3, 1.25, ["\\|", *_LETTERS[2], ",<", ".>", "/?"])
    keys += row
    keys.append(_plain_key("Shift", x, 3, 2.75, key_id="right shift"))
    keys += _bottom_row(_UK_BOTTOM_ROW, 4)
    return Layout("uk", LAYOUTS["uk"], tuple(keys), 15.0, 5.0)


LAYOUT = {"us": _us_layout(), "uk": _uk_layout()}


@dataclass(frozen=True)
class KeyFigures:
    """How one key went: the sums over the characters it types, and each of
    them (``characters``: character and its ``KeyStat``, plain first)."""

    key: Key
    attempts: int
    errors: int
    characters: tuple[tuple[str, KeyStat], ...]

    @property
    def error_rate(self) -> float:
        """Errors per attempt, 0 to 1."""
        return self.errors / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class KeyboardFigures:
    """The figures of every key of ``layout`` that was typed (by key id), the
    characters on none of its keys (``unplaced``), and the least number of
    attempts for a key to be judged."""

    layout: Layout
    keys: dict[str, KeyFigures]
    unplaced: dict[str, KeyStat]
    min_attempts: int

    def band(self, key_id: str) -> str:
        """The error band of a key: "good", "fair", "poor", "bad", or "none"
        when it was typed fewer than ``min_attempts`` times (or never)."""
        figures = self.keys.get(key_id)
        if figures is None or figures.attempts < self.min_attempts:
            return NOT_ENOUGH
        return error_band(figures.error_rate)

    def weakest(self, count: int = 5) -> list[KeyFigures]:
        """The ``count`` judged keys with the highest error rate (and at least
        one error), the most errors first among equal rates, then by key."""
        judged = [figures for figures in self.keys.values()
                  if figures.attempts >= self.min_attempts and figures.errors]
        judged.sort(key=lambda f: (-f.error_rate, -f.errors, f.key.id))
        return judged[:count]


def error_band(rate: float) -> str:
    """The band of an error rate (0 to 1).

    >>> [error_band(rate) for rate in (0.0, 0.03, 0.069, 0.07, 0.2)]
    ['good', 'fair', 'fair', 'poor', 'bad']
    """
    for lowest, name in BANDS:
        if rate >= lowest:
            return name
    return "good"


def keyboard_figures(stats: KeyStats, layout: Layout, min_attempts: int = 10) -> KeyboardFigures:
    """The per-key figures of ``stats`` on ``layout`` (see the module docstring).

    >>> stats = KeyStats(1, {"1": KeyStat(8, 1, None, 0), "!": KeyStat(2, 1, None, 0),
    ...                      "é": KeyStat(3, 0, None, 0)}, {})
    >>> figures = keyboard_figures(stats, LAYOUT["uk"], min_attempts=5)
    >>> one = figures.keys["1"]
    >>> one.attempts, one.errors, figures.band("1"), list(figures.unplaced)
    (10, 2, 'bad', ['é'])
    """
    grouped: dict[str, list[tuple[str, KeyStat]]] = {}
    unplaced: dict[str, KeyStat] = {}
    for character, stat in stats.keys.items():
        key = layout.key_for(character)
        if key is None:
            unplaced[character] = stat
        else:
            grouped.setdefault(key.id, []).append((character, stat))
    keys = {}
    for key in layout.keys:
        found = grouped.get(key.id)
        if found:
            found.sort(key=lambda item: key.characters.index(item[0]))
            keys[key.id] = KeyFigures(key, sum(stat.attempts for _, stat in found),
                                      sum(stat.errors for _, stat in found), tuple(found))
    return KeyboardFigures(layout, keys, unplaced, min_attempts)


def percent(rate: float) -> str:
    """An error rate as a person reads it.

    >>> percent(0.1834), percent(0.004), percent(0.0)
    ('18 %', '0.4 %', '0 %')
    """
    value = rate * 100
    if 0 < value < 1:
        return f"{value:.1f} %"
    return f"{value:.0f} %"


def describe_key(figures: KeyFigures) -> str:
    """A key's figures in words, each character apart when it types several.

    >>> stats = KeyStats(1, {"1": KeyStat(8, 1, 200.0, 6), "!": KeyStat(2, 1, None, 0)}, {})
    >>> describe_key(keyboard_figures(stats, LAYOUT["us"]).keys["1"])
    '1 key (1, !): 20 % wrong (2 of 10); 1: 1 of 8, median 200 ms; !: 1 of 2'
    """
    text = (f"{figures.key.name}: {percent(figures.error_rate)} wrong "
            f"({figures.errors} of {figures.attempts})")
    if len(figures.characters) > 1:
        text += "; " + "; ".join(_character_words(character, stat)
                                 for character, stat in figures.characters)
    elif figures.characters and figures.characters[0][1].median_ms is not None:
        text += f", median {figures.characters[0][1].median_ms:.0f} ms"
    return text


def _character_words(character: str, stat: KeyStat) -> str:
    text = f"{character}: {stat.errors} of {stat.attempts}"
    if stat.median_ms is not None:
        text += f", median {stat.median_ms:.0f} ms"
    return text


def slowest_pairs(stats: KeyStats, count: int = 5,
                  min_timed: int = 5) -> list[tuple[str, float]]:
    """The slowest bigrams and their median time in ms, slowest first.

    >>> stats = KeyStats(1, {}, {"th": KeyStat(9, 0, 150.0, 9), "qu": KeyStat(6, 1, 310.0, 5)})
    >>> slowest_pairs(stats)
    [('qu', 310.0), ('th', 150.0)]
    """
    return [(pair, stats.bigrams[pair].median_ms or 0.0)
            for pair in stats.slowest_bigrams(count, min_timed)]


def layout_for(name: object) -> Layout:
    """The layout named ``name`` ("us" or "uk"); UK for anything else."""
    return LAYOUT.get(name, LAYOUT["uk"]) if isinstance(name, str) else LAYOUT["uk"]


def describe_keyboard(figures: KeyboardFigures, count: int = 5) -> str:
    """The weakest keys in words, for a screen reader and the text beside
    the picture.

    >>> stats = KeyStats(2, {"e": KeyStat(20, 4, 180.0, 12), "a": KeyStat(20, 0, 150.0, 15)}, {})
    >>> describe_keyboard(keyboard_figures(stats, LAYOUT["uk"]))
    'Weakest keys: E 20 % wrong (4 of 20).'
    >>> describe_keyboard(keyboard_figures(stats, LAYOUT["uk"], min_attempts=30))
    'No key was typed 30 times yet: too few to judge.'
    """
    weakest = figures.weakest(count)
    if weakest:
        return "Weakest keys: " + "; ".join(
            f"{_short_name(f.key)} {percent(f.error_rate)} wrong ({f.errors} of {f.attempts})"
            for f in weakest) + "."
    judged = [f for f in figures.keys.values() if f.attempts >= figures.min_attempts]
    if judged:
        return "No mistakes on any key typed at least " \
               f"{figures.min_attempts} times."
    return f"No key was typed {figures.min_attempts} times yet: too few to judge."


def _short_name(key: Key) -> str:
    return key.legend if key.legend.isalpha() else key.name
