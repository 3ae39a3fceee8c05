"""Looks and timings shared by the timed pages (drills, quizzes, typing test)."""

# How often a countdown is redrawn, and when it turns red.
REFRESH_MS = 250
LOW_TIME_S = 60

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
