"""Looks and timings shared by the pages: the timed pages and the result screens."""

# How often a countdown is redrawn, and when it turns red.
REFRESH_MS = 250
LOW_TIME_S = 60
# A typing test lasts one to five minutes: only its last seconds are "low".
TYPING_LOW_TIME_S = 10

TITLE_STYLE = "font-size: 15pt; font-weight: 600;"
TIME_STYLE = "font-size: 15pt; font-weight: 600; padding: 0 12px;"
LOW_TIME_STYLE = TIME_STYLE + " color: #b3261e;"
HINT_STYLE = "color: #5f6368;"
NOTICE_STYLE = "color: #b3261e; font-weight: 600;"
CONFIRM_BAR_STYLE = (
    "QFrame#{name} {{ background: #e8f0fe; border: 1px solid #aecbfa; border-radius: 6px; }}"
)
ABANDON_BAR_STYLE = (
    "QFrame#{name} {{ background: #fdecea; border: 1px solid #f5c2c0; border-radius: 6px; }}"
)

# The big banner at the top of a result screen: PASS, FAIL, ABANDONED or a
# score. A score is green from the good mark, orange from the fair mark, red below.
BANNER_STYLE = (
    "font-size: 32pt; font-weight: 700; color: white; border-radius: 8px; padding: 8px 24px;"
)
PASS_BANNER_STYLE = BANNER_STYLE + " background: #1e8e3e;"
FAIR_BANNER_STYLE = BANNER_STYLE + " background: #e37400;"
FAIL_BANNER_STYLE = BANNER_STYLE + " background: #c5221f;"
ABANDONED_BANNER_STYLE = BANNER_STYLE + " background: #5f6368;"
