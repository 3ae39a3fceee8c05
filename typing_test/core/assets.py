"""Where the content files (passages, drills, question banks) live."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A content file is broken. The message names the file and the problem."""


def assets_dir() -> Path:
    """Return the folder holding the content files.

    An installed wheel carries them in ``typing_test/assets``; a source
    checkout keeps them in ``assets/`` at the top of the repository.

    >>> (assets_dir() / "passages").is_dir()
    True
    """
    package = Path(__file__).resolve().parent.parent
    installed = package / "assets"
    if installed.is_dir():
        return installed
    return package.parent / "assets"


def help_documents() -> dict[str, Path]:
    """The documents the app's Help menu opens, by title.

    An installed wheel carries them in ``typing_test/docs``; a source checkout
    keeps them in ``docs/`` at the top of the repository.

    >>> sorted(help_documents())
    ['Drill file format', 'Question bank format']
    >>> all(path.is_file() for path in help_documents().values())
    True
    """
    package = Path(__file__).resolve().parent.parent
    folder = package / "docs"
    if not folder.is_dir():
        folder = package.parent / "docs"
    return {
        "Question bank format": folder / "question-banks.md",
        "Drill file format": folder / "drills.md",
    }
