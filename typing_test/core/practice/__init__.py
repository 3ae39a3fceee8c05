"""Practice: what the keystroke logs say about an applicant's weak keys, and
practice texts aimed at them; and the scoring of data-entry tests.

Pure Python like the rest of ``core``: the store hands in the attempts, the
UI shows the figures.
"""
