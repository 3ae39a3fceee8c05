"""FocusWatch: leaving the application is reported with how long it lasted.

The application's state changes are emitted as Qt emits them when the
person switches window (Alt+Tab, the Windows key, a click elsewhere); the
clock is a fake one, moved instead of sleeping.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from typing_test.ui.common.focus_watch import FocusWatch

ACTIVE = Qt.ApplicationState.ApplicationActive
INACTIVE = Qt.ApplicationState.ApplicationInactive
HIDDEN = Qt.ApplicationState.ApplicationHidden


class SecondsClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def watched(qapp):
    clock = SecondsClock()
    watch = FocusWatch(clock=clock)
    events: list[tuple] = []
    watch.focusLost.connect(lambda at: events.append(("lost", at)))
    watch.focusReturned.connect(lambda at, away: events.append(("returned", at, away)))
    yield watch, clock, events
    watch.deleteLater()


def switch(state: Qt.ApplicationState) -> None:
    QGuiApplication.instance().applicationStateChanged.emit(state)


def test_each_absence_is_reported_with_its_length(watched):
    watch, clock, events = watched
    watch.start()
    clock.now = 510.0
    switch(INACTIVE)
    clock.now = 512.0
    switch(HIDDEN)  # minimised while away: still the same absence
    clock.now = 523.5
    switch(ACTIVE)
    clock.now = 600.0
    switch(INACTIVE)
    clock.now = 602.0
    switch(ACTIVE)
    assert events == [("lost", 510.0), ("returned", 523.5, 13.5),
                      ("lost", 600.0), ("returned", 602.0, 2.0)]
    assert (watch.times_away, watch.total_away_s, watch.away) == (2, 15.5, False)


def test_nothing_is_reported_before_start_or_after_stop(watched):
    watch, clock, events = watched
    switch(INACTIVE)
    switch(ACTIVE)
    watch.start()
    watch.stop()
    switch(INACTIVE)
    switch(ACTIVE)
    assert events == [] and watch.times_away == 0


def test_stopping_while_away_closes_the_absence(watched):
    # The step's time ran out while the person was in another window.
    watch, clock, events = watched
    watch.start()
    switch(INACTIVE)
    clock.now = 530.0
    watch.stop()
    assert events == [("lost", 500.0), ("returned", 530.0, 30.0)]
    switch(ACTIVE)
    assert len(events) == 2


def test_start_begins_a_fresh_count(watched):
    watch, clock, events = watched
    watch.start()
    switch(INACTIVE)
    clock.now = 501.0
    switch(ACTIVE)
    watch.start()
    assert (watch.times_away, watch.total_away_s) == (0, 0.0)
