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
