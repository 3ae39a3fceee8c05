"""HR screening: role batteries, retake rules and candidate records.

Pure Python like the rest of ``core``: the screening tables live in
``typing_test.store.screenings`` and the screens in ``typing_test.ui``.
"""
