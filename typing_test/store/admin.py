"""The admin password and the login lockout, kept in the database.

The password itself is never stored: ``admin_credential`` holds its scrypt
verifier (``core/screening/passwords.py``) and the salt of the seal key;
``admin_lockout`` holds the wrong tries in a row and the end of the current
lock, so closing the app does not lift a lock. A right password gives the
seal key (``log_in``), which the caller keeps in memory while HR is logged in
and never writes anywhere.

>>> import tempfile, pathlib
>>> from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
>>> store = Store.open(pathlib.Path(tempfile.mkdtemp()) / "doc.db")
>>> key = set_admin_password(store, "a long admin password", params=FAST_FOR_DOCTEST)
>>> log_in(store, "a long admin password")
SealKey(<hidden>)
>>> log_in(store, "not it at all")
Traceback (most recent call last):
...
typing_test.store.admin.WrongPassword: wrong admin password (4 tries left before the login locks)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from typing_test.core.screening.passwords import (
    FREE_TRIES,
    LoginFailures,
    ScryptParams,
    after_wrong_password,
    check_new_password,
    describe_wait,
    seconds_locked,
    stretch_again,
    stretch_new,
    tries_before_lock,
)
from typing_test.core.screening.seals import SealKey, derive_seal_key, new_seal_salt
from typing_test.store.database import Store, now_iso
from typing_test.store.ledger import (
    create_ledger_tables,
    ledger_in_use,
    reseal_all,
    seal_count,
    start_chain,
    write_transaction,
)

if TYPE_CHECKING:  # the start-up asks whether there is an admin password without it
    import sqlite_utils

Clock = Callable[[], float]  # seconds since the epoch, like time.time


class AdminError(Exception):
    """The admin login or password change was refused; the message says why, in one
    line, and never holds a password."""


class NoAdminPassword(AdminError):
    """No admin password has been set."""


class LockedOut(AdminError):
    """Too many wrong passwords: the login is locked for ``seconds`` more."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"too many wrong admin passwords: the login is locked for another "
                         f"{describe_wait(seconds)}")


class WrongPassword(AdminError):
    """A wrong admin password; ``failures`` is the lockout state it left."""

    def __init__(self, failures: LoginFailures, now: float):
        self.failures = failures
        self.locked_for = seconds_locked(failures, now)
        if self.locked_for:
            message = (f"wrong admin password; after {failures.count} wrong tries the login is "
                       f"locked for {describe_wait(self.locked_for)}")
        else:
            left = tries_before_lock(failures)
            message = (f"wrong admin password ({left} {'try' if left == 1 else 'tries'} left "
                       "before the login locks)")
        super().__init__(message)


@dataclass(frozen=True)
class Credential:
    """The stored admin credential: the password's verifier string, the seal
    key's salt, and when it was set."""

    password_hash: str
    seal_salt: str
    set_at: str


def create_admin_tables(db: sqlite_utils.Database) -> None:
    """The tables of the admin area: credential, lockout, and the seal ledger."""
    db["admin_credential"].create(
        {"id": int, "password_hash": str, "seal_salt": str, "set_at": str},
        pk="id", not_null={"password_hash", "seal_salt"},
    )
    db["admin_lockout"].create({"id": int, "failures": int, "locked_until": float}, pk="id")
    create_ledger_tables(db)


def has_admin_password(store: Store) -> bool:
    """Whether an admin password has been set."""
    return _credential(store) is not None


def login_failures(store: Store) -> LoginFailures:
    """The stored lockout state (wrong tries in a row, locked until when)."""
    row = store.db.conn.execute(
        "SELECT failures, locked_until FROM admin_lockout WHERE id = 1"
    ).fetchone()
    if row is None:
        return LoginFailures()
    failures, locked_until = row
    # A value damaged into nonsense leaves one try before the next lock, never
    # a clean slate (and never a lock without end).
    if not isinstance(failures, int) or not isinstance(locked_until, int | float):
        return LoginFailures(count=FREE_TRIES - 1)
    return LoginFailures(failures, float(locked_until))


def seconds_until_login(store: Store, clock: Clock = time.time) -> float:
    """How long the login stays locked (0.0 when a password may be tried now):
    for the login window to say so before HR types."""
    return seconds_locked(login_failures(store), clock())


def log_in(store: Store, password: str, clock: Clock = time.time) -> SealKey:
    """The seal key when ``password`` is the admin password.

    Raises NoAdminPassword when none is set, LockedOut while locked (the
    password is then not even tried, and the try does not count), and
    WrongPassword for a wrong one, which counts toward the lockout (five in
    a row lock the login; see ``passwords.lock_delay``). A right password
    clears the count. AdminError when the stored credential is damaged.
    """
    credential = _credential(store)
    if credential is None:
        raise NoAdminPassword("no admin password is set: set one with "
                              "'typing-test admin set-password'")
    wait = seconds_locked(login_failures(store), clock())
    if wait > 0:
        raise LockedOut(wait)
    try:
        key_material = stretch_again(password, credential.password_hash)
        key = derive_seal_key(key_material, credential.seal_salt) if key_material else None
    except ValueError as error:  # passwords.DamagedHash, or a damaged seal salt
        raise AdminError(f"{error}: restore the database from a backup") from None
    with write_transaction(store):
        # Read again under the write lock: another window may have counted a try.
        failures = login_failures(store)
        now = clock()
        if key is None:
            failures = after_wrong_password(failures, now)
            _save_failures(store, failures)
        elif failures.count:
            _save_failures(store, LoginFailures())
    if key is None:
        raise WrongPassword(failures, now)
    return key


def seal_key_for(store: Store, password: str) -> SealKey | None:
    """The seal key of ``password`` for a database read, not used: a file
    from another PC checked before a merge. None for a wrong password.

    Unlike :func:`log_in` it writes nothing (the file is opened read-only)
    and so counts no wrong try: whoever holds a copy of the file can try
    passwords on it anyway, and this copy's lockout protects nothing.
    Raises NoAdminPassword when the file has none, AdminError when its
    credential is damaged.
    """
    credential = _credential(store)
    if credential is None:
        raise NoAdminPassword(f"{store.path} has no admin password")
    try:
        key_material = stretch_again(password, credential.password_hash)
        return derive_seal_key(key_material, credential.seal_salt) if key_material else None
    except ValueError as error:
        raise AdminError(f"{store.path}: {error}") from None


def set_admin_password(store: Store, new_password: str, old_password: str | None = None,
                       clock: Clock = time.time, params: ScryptParams | None = None) -> SealKey:
    """Set the admin password, or change it; return the new seal key.

    The first time, ``old_password`` must be None. To change it, the old one
    is checked as ``log_in`` does (a wrong one counts toward the lockout),
    and everything the old key sealed is sealed again with the new one, with
    the new credential, in one transaction.

    Raises PasswordRejected for a new password that is too short or too long,
    the errors of ``log_in`` for a wrong old one, AdminError for the other
    refusals, and ledger.SealsBroken when the old seals do not all hold. In
    every case nothing is changed. ``params`` are scrypt's (tests use cheaper ones).
    """
    check_new_password(new_password)
    current = _credential(store)
    if current is None:
        if old_password is not None:
            raise AdminError("no admin password is set yet: give only the new one")
        if ledger_in_use(store):
            raise AdminError(
                f"the admin password record is missing, yet {seal_count(store):,} seals and "
                "sealed results are stored: it was deleted, and a new password could not "
                "check them; restore the database from a backup"
            )
        stretched = stretch_new(new_password, params)
        seal_salt = new_seal_salt()
        key = derive_seal_key(stretched.key_material, seal_salt)
        with write_transaction(store):
            if _credential(store) is not None:
                raise AdminError("an admin password was set meanwhile (by another window); "
                                 "give the current one to change it")
            _save_credential(store, stretched.stored, seal_salt)
            start_chain(store, key)
        return key
    if old_password is None:
        raise AdminError("an admin password is already set: give the current one first")
    old_key = log_in(store, old_password, clock)
    stretched = stretch_new(new_password, params)
    seal_salt = new_seal_salt()
    new_key = derive_seal_key(stretched.key_material, seal_salt)
    with write_transaction(store):
        if _credential(store) != current:
            raise AdminError("the admin password was changed meanwhile (by another window); "
                             "nothing was changed here")
        reseal_all(store, old_key, new_key)
        _save_credential(store, stretched.stored, seal_salt)
    return new_key


def _credential(store: Store) -> Credential | None:
    row = store.db.conn.execute(
        "SELECT password_hash, seal_salt, set_at FROM admin_credential WHERE id = 1"
    ).fetchone()
    return Credential(*(str(value) for value in row)) if row else None


def _save_credential(store: Store, password_hash: str, seal_salt: str) -> None:
    store.db.conn.execute(
        "INSERT OR REPLACE INTO admin_credential (id, password_hash, seal_salt, set_at) "
        "VALUES (1, ?, ?, ?)",
        [password_hash, seal_salt, now_iso()],
    )


def _save_failures(store: Store, failures: LoginFailures) -> None:
    store.db.conn.execute(
        "INSERT OR REPLACE INTO admin_lockout (id, failures, locked_until) VALUES (1, ?, ?)",
        [failures.count, failures.locked_until],
    )

