"""typing-test: screen and train applicants for back-office jobs, offline."""

__version__ = "0.1.0"
