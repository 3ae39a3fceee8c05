"""Timings shared by the timed pages. (Their look is in ``theme``.)"""

# How often a countdown is redrawn, and when it turns red.
REFRESH_MS = 250
LOW_TIME_S = 60
# A typing test lasts one to five minutes: only its last seconds are "low".
TYPING_LOW_TIME_S = 10
