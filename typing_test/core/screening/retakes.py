"""May this candidate take this battery now? The retake rule of a battery.

A battery's :class:`~typing_test.core.screening.batteries.RetakePolicy` says
how many days must pass between two attempts and how many attempts there may
be. What counts as an attempt: a screening that was completed or abandoned.
A screening HR closed as interrupted (the PC crashed, the power went) does
not count: the candidate did not get to finish it. A screening still in
progress blocks a new one, override or not: HR resumes it or closes it first.

HR may override the rule; an override needs a reason, which the screening
keeps. The decision is a pure function of the previous screenings and
``now``, both passed in, so it is tested without a clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from typing_test.core.screening.batteries import RetakePolicy

COUNTED_STATUSES = ("completed", "abandoned")
UNFINISHED_STATUS = "in_progress"


@dataclass(frozen=True)
class PreviousScreening:
    """One earlier screening of the same candidate on the same battery."""

    started_at: datetime
    status: str


@dataclass(frozen=True)
class RetakeDecision:
    """Whether the screening may start, and why in one line.

    ``next_allowed_at`` is when the waiting period ends (None when there is
    none to wait for); ``attempts_used`` counts the completed and abandoned
    screenings; ``overridden`` is True when HR's override let it through.
    """

    allowed: bool
    reason: str
    attempts_used: int
    next_allowed_at: datetime | None = None
    overridden: bool = False


def may_take(
    policy: RetakePolicy,
    previous: Iterable[PreviousScreening],
    now: datetime,
    override_reason: str | None = None,
) -> RetakeDecision:
    """Decide whether a candidate may take a battery at ``now``.

    ``previous`` are the candidate's earlier screenings on this battery.
    Waiting days are calendar days in the time zone of the ``started_at``
    values: pass local times (``datetime.astimezone()``) to count HR's days.
    ``override_reason`` lets HR start one the rule refuses; a blank reason
    raises ValueError (an override without a reason cannot be defended).

    >>> from datetime import UTC
    >>> policy = RetakePolicy(min_days_between=30, max_attempts=2)
    >>> first = PreviousScreening(datetime(2026, 1, 1, tzinfo=UTC), "completed")
    >>> may_take(policy, [first], datetime(2026, 1, 20, tzinfo=UTC)).reason
    'the last attempt was on 2026-01-01; the next may start on 2026-01-31'
    >>> may_take(policy, [first], datetime(2026, 1, 31, tzinfo=UTC)).allowed
    True
    >>> may_take(policy, [first, first], datetime(2026, 6, 1, tzinfo=UTC)).allowed
    False
    >>> may_take(policy, [first, first], datetime(2026, 6, 1, tzinfo=UTC),
    ...          override_reason="first attempt: fire alarm").allowed
    True
    """
    if override_reason is not None and not override_reason.strip():
        raise ValueError("an override needs a reason: say why the retake rule is set aside")
    previous = list(previous)
    if any(screening.status == UNFINISHED_STATUS for screening in previous):
        return RetakeDecision(False, "a screening of this battery is still unfinished: resume "
                              "it or close it as interrupted first", _used(previous))
    counted = sorted(s.started_at for s in previous if s.status in COUNTED_STATUSES)
    used = len(counted)
    refusal = None
    next_allowed = None
    if policy.max_attempts is not None and used >= policy.max_attempts:
        refusal = (f"{used} attempt{'s' if used != 1 else ''} already taken; the battery "
                   f"allows {policy.max_attempts}")
    elif counted and policy.min_days_between > 0:
        # Days are calendar days, as HR counts them: taken on 1 January, with
        # 30 days between attempts, the next may start any time on 31 January.
        last = counted[-1]
        next_allowed = datetime.combine(last.date() + timedelta(days=policy.min_days_between),
                                        time(0), tzinfo=last.tzinfo)
        if now < next_allowed:
            refusal = (f"the last attempt was on {counted[-1].date().isoformat()}; the next may "
                       f"start on {next_allowed.date().isoformat()}")
    if refusal is None:
        return RetakeDecision(True, "allowed by the retake rule", used, next_allowed)
    if override_reason is not None:
        return RetakeDecision(True, f"{refusal}; overridden: {override_reason.strip()}", used,
                              next_allowed, overridden=True)
    return RetakeDecision(False, refusal, used, next_allowed)


def _used(previous: list[PreviousScreening]) -> int:
    return sum(1 for screening in previous if screening.status in COUNTED_STATUSES)
