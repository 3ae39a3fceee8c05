"""Named settings over ``Store.get_setting`` and ``Store.set_setting``."""

from __future__ import annotations

from typing_test.core.typing.data_entry import DataEntryBar
from typing_test.core.typing.scoring import PassBar
from typing_test.store.database import Store

PASS_NET_WPM = "pass_net_wpm"
PASS_ACCURACY = "pass_accuracy"
ENTRY_MIN_KPH = "entry_min_kph"
ENTRY_MIN_ACCURACY = "entry_min_accuracy"
CANDIDATE_NAME = "candidate_name"
SPELLING_VARIANT = "spelling_variant"
LIVE_CHECKING = "live_checking"
KEYBOARD_LAYOUT = "keyboard_layout"
SPELLING_VARIANTS = {"both": "US or British", "us": "US only", "uk": "British only"}
KEYBOARD_LAYOUTS = {"uk": "UK", "us": "US"}


def load_pass_bar(store: Store) -> PassBar:
    """The typing pass bar, defaulting to 25 net WPM and 90 % accuracy.

    >>> load_pass_bar(Store.open(":memory:"))
    PassBar(min_net_wpm=25.0, min_accuracy=90.0)
    """
    default = PassBar()
    return PassBar(
        min_net_wpm=float(store.get_setting(PASS_NET_WPM, default.min_net_wpm)),
        min_accuracy=float(store.get_setting(PASS_ACCURACY, default.min_accuracy)),
    )


def save_pass_bar(store: Store, bar: PassBar) -> None:
    """Store both thresholds of the typing pass bar."""
    store.set_setting(PASS_NET_WPM, bar.min_net_wpm)
    store.set_setting(PASS_ACCURACY, bar.min_accuracy)


def load_entry_bar(store: Store) -> DataEntryBar:
    """The data-entry test's bar: 98 % accuracy and 0 KPH until set (the KPH
    bar is HR's to choose for the job).

    >>> load_entry_bar(Store.open(":memory:"))
    DataEntryBar(min_accuracy=98.0, min_kph=0.0)
    """
    default = DataEntryBar()
    return DataEntryBar(
        min_accuracy=float(store.get_setting(ENTRY_MIN_ACCURACY, default.min_accuracy)),
        min_kph=float(store.get_setting(ENTRY_MIN_KPH, default.min_kph)),
    )


def save_entry_bar(store: Store, bar: DataEntryBar) -> None:
    """Store both thresholds of the data-entry bar."""
    store.set_setting(ENTRY_MIN_ACCURACY, bar.min_accuracy)
    store.set_setting(ENTRY_MIN_KPH, bar.min_kph)


def candidate_name(store: Store) -> str:
    """The name attempts made in the app are saved under ('' when unset)."""
    return str(store.get_setting(CANDIDATE_NAME, ""))


def spelling_variant(store: Store) -> str:
    """Which spellings the checker accepts: "both" (default), "us" or "uk"."""
    variant = store.get_setting(SPELLING_VARIANT, "both")
    return variant if variant in SPELLING_VARIANTS else "both"


def live_checking(store: Store) -> bool:
    """Whether the writing drill underlines mistakes while the person types.

    Off by default: in a screening, underlines would do the candidate's
    proofreading for them. A person practising at home may turn it on.
    """
    return bool(store.get_setting(LIVE_CHECKING, False))


def keyboard_layout(store: Store) -> str:
    """The keyboard the keyboard pictures show: "uk" or "us".

    Unless chosen in Settings, UK when the spelling accepted is British only,
    else US.

    >>> store = Store.open(":memory:")
    >>> keyboard_layout(store)
    'us'
    >>> store.set_setting(SPELLING_VARIANT, "uk")
    >>> keyboard_layout(store)
    'uk'
    >>> store.set_setting(KEYBOARD_LAYOUT, "us")
    >>> keyboard_layout(store)
    'us'
    """
    chosen = store.get_setting(KEYBOARD_LAYOUT)
    if chosen in KEYBOARD_LAYOUTS:
        return chosen
    return "uk" if spelling_variant(store) == "uk" else "us"
