"""Where the content files (passages, drills, question banks) live, and how they are read.

Every text, JSON Lines and TOML file the app reads goes through ``read_text``
(or ``read_toml``), so a file saved by an editor that writes a byte-order
mark is read without it: the mark is not part of the text.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


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


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path`` without a leading byte-order mark.

    Raises OSError when the file cannot be read and UnicodeDecodeError when it
    is not UTF-8, like ``Path.read_text``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "bom.txt"
    ...     _ = path.write_bytes(b"\\xef\\xbb\\xbfhello")
    ...     read_text(path)
    'hello'
    """
    # "utf-8-sig" drops one leading mark and is plain UTF-8 otherwise.
    return path.read_text(encoding="utf-8-sig")


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML text; every way it can be broken is a ``tomllib.TOMLDecodeError``.

    tomllib itself lets two hostile inputs through as other exceptions: arrays
    nested a thousand deep (RecursionError) and an integer of more than 4,300
    digits (ValueError from Python's limit on integer conversion).

    >>> parse_toml("x = " + "[" * 5000)
    Traceback (most recent call last):
    ...
    tomllib.TOMLDecodeError: arrays or tables nested too deeply
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise tomllib.TOMLDecodeError("arrays or tables nested too deeply") from None
    except ValueError as error:  # e.g. "Exceeds the limit (4300 digits) for integer ..."
        raise tomllib.TOMLDecodeError(f"a value cannot be read: {error}") from None


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML table in ``path`` (``read_text`` then ``parse_toml``).

    Raises OSError, UnicodeDecodeError or tomllib.TOMLDecodeError.
    """
    return parse_toml(read_text(path))


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
