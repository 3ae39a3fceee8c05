import os

# Every test runs headless, on a machine with or without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from typing_test.store.database import Store  # noqa: E402


class FakeClock:
    """A millisecond clock that moves only when a test says so (no sleeping)."""

    def __init__(self) -> None:
        self.ms = 1_000_000.0

    def __call__(self) -> float:
        return self.ms

    def advance(self, ms: float) -> None:
        self.ms += ms

@pytest.fixture
def clock():
    """The main window's clock, in milliseconds. Tests of pages that count in
    seconds define their own ``clock`` fixture, which takes precedence."""
    return FakeClock()

@pytest.fixture
def store(tmp_path):
    """A results database in a fresh file, closed after the test."""
    store = Store.open(tmp_path / "results.db")
    yield store
    store.close()
