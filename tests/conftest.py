import os

# Every test runs headless, on a machine with or without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
