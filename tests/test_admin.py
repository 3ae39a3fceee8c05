"""The admin password: how it is stored, checked, locked, and set from the command line."""

from __future__ import annotations

import base64
import hmac
import io
import re
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from typing_test.cli import main
from typing_test.core.screening import passwords
from typing_test.core.screening.passwords import (
    FAST_FOR_DOCTEST,
    PasswordRejected,
    ScryptParams,
    hash_password,
    stretch_again,
    stretch_new,
    verify_password,
)
from typing_test.core.screening.seals import SealKey, derive_seal_key
from typing_test.store.admin import (
    AdminError,
    LockedOut,
    NoAdminPassword,
    WrongPassword,
    has_admin_password,
    log_in,
    login_failures,
    seconds_until_login,
    set_admin_password,
)
from typing_test.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "staple battery horse"
NEW_PASSWORD = "a new and longer one"


class Clock:
    """Seconds since the epoch, moving only when a test says so."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def cheap_scrypt(monkeypatch):
    """scrypt at N=1024: the stored string names its parameters, so every
    check below works the same as at N=2**17, 150 times faster."""
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)


@pytest.fixture
def admin_store(store, cheap_scrypt):
    set_admin_password(store, PASSWORD)
    return store


def stored_hash(store: Store) -> str:
    return store.db.conn.execute("SELECT password_hash FROM admin_credential").fetchone()[0]


# Hashing -------------------------------------------------------------------------


def test_the_stored_string_names_scrypt_at_owasp_parameters_with_a_random_salt():
    assert ScryptParams() == ScryptParams(n=2**17, r=8, p=1)
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    pattern = r"scrypt\$n=131072,r=8,p=1\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)"
    salt, verifier = re.fullmatch(pattern, first).groups()
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(verifier)) == 32
    assert first != second  # a fresh salt each time
    assert PASSWORD not in first
    assert verify_password(PASSWORD, first)


def test_a_wrong_password_does_not_verify(cheap_scrypt):
    stored = hash_password(PASSWORD)
    assert not verify_password("staple battery horsE", stored)
    assert not verify_password("", stored)
    assert stretch_again("staple battery hors", stored) is None


def test_the_same_letters_typed_as_composed_or_decomposed_unicode_are_one_password(
        cheap_scrypt):
    stored = hash_password("caf\u00e9 au lait please")
    assert verify_password("cafe\u0301 au lait please", stored)


def test_the_stored_parameters_are_the_ones_used_to_check(cheap_scrypt):
    stored = hash_password(PASSWORD)
    assert stored.startswith("scrypt$n=1024,r=8,p=1$")
    passwords.DEFAULT_PARAMS = ScryptParams(n=2048)  # raised later: old hashes still check
    assert verify_password(PASSWORD, stored)


def test_the_verifier_is_compared_in_constant_time(cheap_scrypt, monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    stored = hash_password(PASSWORD)
    assert not verify_password("wrong password", stored)
    assert len(calls) == 1 and all(isinstance(side, bytes) for side in calls[0])


def test_a_damaged_stored_string_is_refused_clearly():
    for damaged in ("", "md5$abc", "scrypt$n=3,r=8,p=1$AAAA$AAAA",
                    "scrypt$n=1073741824,r=8,p=1$" + "A" * 24 + "$" + "A" * 44,
                    "scrypt$n=1024,r=8,p=1$!!$AAAA"):
        with pytest.raises(passwords.DamagedHash):
            verify_password(PASSWORD, damaged)


@pytest.mark.parametrize("password, accepted", [
    ("123456789", False), ("1234567890", True), ("", False), ("x" * 1001, False),
])
def test_the_password_must_have_ten_characters(password, accepted):
    if accepted:
        passwords.check_new_password(password)
    else:
        with pytest.raises(PasswordRejected, match="characters"):
            passwords.check_new_password(password)


def test_the_stored_hash_does_not_give_the_seal_key(cheap_scrypt):
    stretched = stretch_new(PASSWORD)
    seal_salt = "hkdf-sha256$" + base64.b64encode(bytes(range(16))).decode()
    key = derive_seal_key(stretched.key_material, seal_salt)
    verifier = base64.b64decode(stretched.stored.split("$")[3])
    # Neither the verifier nor the password's salt leads to the key.
    assert derive_seal_key(verifier, seal_salt).mac("x", 1) != key.mac("x", 1)
    assert stretched.key_material != verifier
    other_salt = "hkdf-sha256$" + base64.b64encode(bytes(range(1, 17))).decode()
    assert derive_seal_key(stretched.key_material, other_salt).mac("x", 1) != key.mac("x", 1)
    assert "key_material" not in repr(stretched).replace("key_material=<hidden>", "")


def test_the_credential_keeps_the_seal_salt_apart_from_the_password_salt(admin_store):
    password_hash, seal_salt = admin_store.db.conn.execute(
        "SELECT password_hash, seal_salt FROM admin_credential").fetchone()
    assert password_hash.split("$")[2] != seal_salt.split("$")[1]
    assert PASSWORD not in password_hash + seal_salt


# Logging in and the lockout ----------------------------------------------------------


def test_the_right_password_gives_the_seal_key_the_password_set(store, cheap_scrypt):
    assert not has_admin_password(store)
    with pytest.raises(NoAdminPassword):
        log_in(store, PASSWORD)
    key = set_admin_password(store, PASSWORD)
    assert has_admin_password(store)
    again = log_in(store, PASSWORD)
    assert isinstance(again, SealKey) and again.mac("x", 1) == key.mac("x", 1)
    assert PASSWORD not in repr(again)


def test_five_wrong_tries_lock_the_login(admin_store, clock):
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPassword, match=f"{left} tr"):
            log_in(admin_store, "wrong password", clock)
    with pytest.raises(WrongPassword, match="locked for 30 seconds") as raised:
        log_in(admin_store, "wrong password", clock)
    assert raised.value.locked_for == 30
    # Locked: even the right password is not tried, and the try does not count.
    clock.now += 29
    with pytest.raises(LockedOut, match="1 second"):
        log_in(admin_store, PASSWORD, clock)
    assert login_failures(admin_store).count == 5
    clock.now += 1
    assert seconds_until_login(admin_store, clock) == 0
    log_in(admin_store, PASSWORD, clock)
    assert login_failures(admin_store).count == 0


def test_each_further_wrong_try_doubles_the_lock(admin_store, clock):
    for _ in range(5):
        with pytest.raises(WrongPassword):
            log_in(admin_store, "wrong password", clock)
    delays = []
    for _ in range(4):
        clock.now += seconds_until_login(admin_store, clock)
        with pytest.raises(WrongPassword) as raised:
            log_in(admin_store, "wrong password", clock)
        delays.append(raised.value.locked_for)
    assert delays == [60, 120, 240, 480]


def test_the_lock_survives_closing_and_reopening_the_database(tmp_path, cheap_scrypt, clock):
    path = tmp_path / "results.db"
    store = Store.open(path)
    set_admin_password(store, PASSWORD)
    for _ in range(5):
        with pytest.raises(WrongPassword):
            log_in(store, "wrong password", clock)
    store.close()
    reopened = Store.open(path)
    with pytest.raises(LockedOut):
        log_in(reopened, PASSWORD, clock)
    assert seconds_until_login(reopened, clock) == 30
    reopened.close()


def test_a_lock_edited_into_nonsense_is_not_a_clean_slate(admin_store, clock):
    admin_store.db.conn.execute(
        "INSERT OR REPLACE INTO admin_lockout VALUES (1, 'zero', 'never')")
    with pytest.raises(WrongPassword, match="locked for 30 seconds"):
        log_in(admin_store, "wrong password", clock)


# Setting and changing the password -------------------------------------------------


def test_a_short_new_password_changes_nothing(admin_store):
    before = stored_hash(admin_store)
    with pytest.raises(PasswordRejected):
        set_admin_password(admin_store, "too short", PASSWORD)
    assert stored_hash(admin_store) == before
    assert log_in(admin_store, PASSWORD)


def test_changing_needs_the_right_old_password_and_a_wrong_one_counts(admin_store, clock):
    before = stored_hash(admin_store)
    with pytest.raises(AdminError, match="already set"):
        set_admin_password(admin_store, NEW_PASSWORD)
    with pytest.raises(WrongPassword):
        set_admin_password(admin_store, NEW_PASSWORD, "not the password", clock)
    assert stored_hash(admin_store) == before
    assert login_failures(admin_store).count == 1
    set_admin_password(admin_store, NEW_PASSWORD, PASSWORD, clock)
    log_in(admin_store, NEW_PASSWORD, clock)
    with pytest.raises(WrongPassword):
        log_in(admin_store, PASSWORD, clock)


def test_the_first_password_is_given_alone(store, cheap_scrypt):
    with pytest.raises(AdminError, match="no admin password is set yet"):
        set_admin_password(store, NEW_PASSWORD, PASSWORD)
    assert not has_admin_password(store)


def test_a_deleted_credential_is_not_silently_replaced(admin_store):
    from typing_test.store.ledger import ledger_in_use

    admin_store.db.conn.execute("DELETE FROM admin_credential")
    assert ledger_in_use(admin_store)  # the chain's head was written with the password
    with pytest.raises(AdminError, match="was deleted"):
        set_admin_password(admin_store, NEW_PASSWORD)


# The command line ----------------------------------------------------------------


def run_cli(capsys, monkeypatch, stdin: bytes | str, *argv: str) -> tuple[int, str, str]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path, cheap_scrypt):
    return str(tmp_path / "results.db")


def test_set_password_sets_it_from_standard_input(db, capsys, monkeypatch):
    code, out, err = run_cli(capsys, monkeypatch, PASSWORD + "\n", "admin", "set-password",
                             "--db", db)
    assert (code, out, err) == (0, "admin password set\n", "")
    with closing(Store.open(db)) as store:
        assert log_in(store, PASSWORD)


@pytest.mark.parametrize("stdin, message", [
    ("too short\n", "at least 10 characters"),
    ("", "holds nothing"),
    ("\n", "holds nothing"),
    (PASSWORD + "\n" + NEW_PASSWORD + "\n", "holds 2 lines"),
    (b"\xff\xfe bad bytes\n", "not UTF-8"),
])
def test_a_refused_first_password_exits_2_and_sets_nothing(db, capsys, monkeypatch, stdin,
                                                           message):
    code, out, err = run_cli(capsys, monkeypatch, stdin, "admin", "set-password", "--db", db)
    assert code == 2 and out == ""
    assert err.startswith("typing-test: error: ") and message in err
    assert err.count("\n") == 1
    with closing(Store.open(db)) as store:
        assert not has_admin_password(store)


def test_a_password_line_keeps_its_spaces_and_drops_a_windows_line_end(db, capsys,
                                                                         monkeypatch):
    run_cli(capsys, monkeypatch, " spaced password \r\n", "admin", "set-password", "--db", db)
    with closing(Store.open(db)) as store:
        assert log_in(store, " spaced password ")


@pytest.mark.parametrize("stdin, message", [
    ("wrong old password\n" + NEW_PASSWORD + "\n", "wrong admin password"),
    (PASSWORD + "\nshort\n", "at least 10 characters"),
    (NEW_PASSWORD + "\n", "holds 1 line"),
    ("\n" + NEW_PASSWORD + "\n", "holds 2 lines (an empty line)"),
])
def test_a_refused_change_exits_2_and_changes_nothing(db, capsys, monkeypatch, stdin, message):
    run_cli(capsys, monkeypatch, PASSWORD + "\n", "admin", "set-password", "--db", db)
    with closing(Store.open(db)) as store:
        before = stored_hash(store)
    code, out, err = run_cli(capsys, monkeypatch, stdin, "admin", "set-password", "--db", db)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1
    assert PASSWORD not in err and NEW_PASSWORD not in err
    with closing(Store.open(db)) as store:
        assert stored_hash(store) == before


class Terminal(io.StringIO):
    """Standard input at a terminal: the password is asked for, never read as a line."""

    def isatty(self) -> bool:
        return True


def test_at_a_terminal_the_new_password_is_asked_twice_without_echo(db, capsys, monkeypatch):
    import getpass

    monkeypatch.setattr(sys, "stdin", Terminal())
    answers = iter([PASSWORD, PASSWORD + "!"])
    prompts = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: prompts.append(prompt) or next(answers))
    assert main(["admin", "set-password", "--db", db]) == 2
    assert "the two new passwords differ" in capsys.readouterr().err
    assert prompts == ["New admin password: ", "Repeat the new password: "]
    answers = iter([PASSWORD, PASSWORD])
    assert main(["admin", "set-password", "--db", db]) == 0
    with closing(Store.open(db)) as store:
        assert log_in(store, PASSWORD)


def test_verify_with_a_wrong_password_exits_2_and_counts_toward_the_lock(db, capsys,
                                                                         monkeypatch):
    run_cli(capsys, monkeypatch, PASSWORD + "\n", "admin", "set-password", "--db", db)
    codes, errors = [], []
    for _ in range(6):
        code, out, err = run_cli(capsys, monkeypatch, "wrong password\n", "verify", "--db", db)
        codes.append(code)
        errors.append(err)
        assert out == ""
    assert codes == [2] * 6
    assert "4 tries left" in errors[0]
    assert "locked for 30 seconds" in errors[4]
    assert "locked for another" in errors[5]
    # While locked, even the right password is refused.
    code, _, err = run_cli(capsys, monkeypatch, PASSWORD + "\n", "verify", "--db", db)
    assert code == 2 and "locked" in err


def test_verify_without_a_password_set_exits_2(db, capsys, monkeypatch):
    code, out, err = run_cli(capsys, monkeypatch, PASSWORD + "\n", "verify", "--db", db)
    assert code == 2 and "no admin password is set" in err


def test_verify_when_the_credential_was_deleted_under_the_seals_exits_1(db, capsys,
                                                                         monkeypatch):
    run_cli(capsys, monkeypatch, PASSWORD + "\n", "admin", "set-password", "--db", db)
    with closing(Store.open(db)) as store:
        store.db.conn.execute("DELETE FROM admin_credential")
    code, out, err = run_cli(capsys, monkeypatch, PASSWORD + "\n", "verify", "--db", db)
    assert code == 1 and "was deleted" in out


def test_the_real_command_hashes_at_owasp_parameters_and_never_shows_the_password(tmp_path):
    """Through the installed entry point, at the real scrypt cost."""
    db = tmp_path / "results.db"

    def typing_test(stdin: str, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "typing_test", *argv, "--db", str(db)],
                              input=stdin, capture_output=True, text=True, cwd=ROOT,
                              timeout=60)

    first = typing_test(PASSWORD + "\n", "admin", "set-password")
    assert (first.returncode, first.stdout, first.stderr) == (0, "admin password set\n", "")
    changed = typing_test(f"{PASSWORD}\n{NEW_PASSWORD}\n", "admin", "set-password")
    assert changed.returncode == 0, changed.stderr
    assert "re-sealed" in changed.stdout
    checked = typing_test(NEW_PASSWORD + "\n", "verify")
    assert checked.returncode == 0 and checked.stdout.startswith("all seals hold")
    wrong = typing_test(PASSWORD + "\n", "verify")
    assert wrong.returncode == 2 and "wrong admin password" in wrong.stderr
    for result in (first, changed, checked, wrong):
        assert PASSWORD not in result.stdout + result.stderr
        assert NEW_PASSWORD not in result.stdout + result.stderr
    with closing(Store.open(db)) as store:
        assert stored_hash(store).startswith("scrypt$n=131072,r=8,p=1$")
    for path in tmp_path.iterdir():  # the file and its -wal: never the password itself
        assert PASSWORD.encode() not in path.read_bytes()
        assert NEW_PASSWORD.encode() not in path.read_bytes()
