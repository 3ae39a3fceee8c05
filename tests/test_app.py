"""The installed entry point: --smoke-test, and the GUI refusing a damaged database."""

from __future__ import annotations

import os
import subprocess
import sys


def run_app(*args: str, db) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TYPING_TEST_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "typing_test", *args],
        env=env, capture_output=True, text=True, timeout=60,
    )


def test_smoke_test_paints_the_main_window_and_exits_0(tmp_path):
    result = run_app("--smoke-test", db=tmp_path / "smoke.db")
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
    assert (tmp_path / "smoke.db").exists()


def test_smoke_test_with_a_damaged_database_says_so_and_keeps_the_file(tmp_path):
    db = tmp_path / "broken.db"
    db.write_bytes(b"garbage" * 100)
    result = run_app("--smoke-test", db=db)
    assert result.returncode == 2
    assert "left untouched" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == b"garbage" * 100
