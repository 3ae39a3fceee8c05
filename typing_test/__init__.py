"""typing-test: screen and train applicants for back-office jobs, offline."""

__version__ = "0.1.0"
# What the window and its headings call the app (the package is typing_test).
PRODUCT_NAME = "Typing Test"
