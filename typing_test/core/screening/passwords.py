"""The admin password: how it is stretched, stored, checked, and locked after wrong tries.

The password is stretched with ``hashlib.scrypt`` at OWASP's parameters for
scrypt (N=2**17, r=8, p=1; OWASP Password Storage Cheat Sheet) with a fresh
16-byte salt. scrypt gives 64 bytes:

- the first 32 are the *verifier*, stored in a self-describing string
  ``scrypt$n=131072,r=8,p=1$<salt>$<verifier>`` (base64), so the parameters can
  be raised later without breaking passwords already set;
- the last 32 are *key material* for the seal key (``seals.derive_seal_key``
  mixes them with a salt of its own). They are never stored, and the verifier
  does not give them: each half of scrypt's output is a separate
  HMAC-SHA256 keyed by the password itself (scrypt's last step is
  PBKDF2-HMAC-SHA256), so without the password one half says nothing of the
  other. One scrypt run serves both, so a login costs one stretch, not two.

A right guess is found with ``hmac.compare_digest``, which takes the same time
wherever the bytes differ.

The lockout policy is plain arithmetic over a stored state (how many wrong
tries in a row, and until when the login is locked) and a time given by the
caller, so the store keeps it across restarts and a test moves the clock.

>>> stored = hash_password("correct horse battery", FAST_FOR_DOCTEST)
>>> stored.startswith("scrypt$n=1024,r=8,p=1$")
True
>>> verify_password("correct horse battery", stored), verify_password("wrong horse", stored)
(True, False)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

MIN_PASSWORD_LENGTH = 10
# Far beyond any password a person types; refusing more keeps a pasted file
# from being stretched.
MAX_PASSWORD_LENGTH = 1000
SALT_BYTES = 16
VERIFIER_BYTES = 32
KEY_MATERIAL_BYTES = 32


@dataclass(frozen=True)
class ScryptParams:
    """scrypt's cost: ``n`` (CPU and memory, a power of two), ``r`` (block size),
    ``p`` (parallelism). Memory used is about 128 * n * r * p bytes."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        """The memory limit to give scrypt: what it needs plus room (OpenSSL's
        default limit, 32 MiB, is below OWASP's 128 MiB)."""
        return 128 * self.n * self.r * self.p + 16 * 1024 * 1024

    def describe(self) -> str:
        """The parameters as stored, e.g. 'n=131072,r=8,p=1'."""
        return f"n={self.n},r={self.r},p={self.p}"


# OWASP's recommended scrypt parameters (Password Storage Cheat Sheet): 128 MiB,
# about 0.4 s a try on a 2-core office PC (bench/bench_login.py).
DEFAULT_PARAMS = ScryptParams()
# Cheap parameters for examples only: never used for a stored password.
FAST_FOR_DOCTEST = ScryptParams(n=2**10)
# Stored parameters outside these bounds are refused as damaged: an edited
# file must not make a login take minutes or gigabytes.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16


class PasswordRejected(ValueError):
    """A new password that cannot be used; the message says why, never the password."""


class DamagedHash(ValueError):
    """The stored password string cannot be read: the database was damaged or edited."""


@dataclass(frozen=True)
class Stretched:
    """A password stretched for storing: ``stored`` goes in the database,
    ``key_material`` only to ``seals.derive_seal_key`` (never stored)."""

    stored: str
    key_material: bytes

    def __repr__(self) -> str:  # never print the key material
        return f"Stretched(stored={self.stored!r}, key_material=<hidden>)"


def check_new_password(password: str) -> None:
    """Raise PasswordRejected unless ``password`` may become the admin password.

    >>> check_new_password("long enough!")
    >>> check_new_password("short")
    Traceback (most recent call last):
    ...
    typing_test.core.screening.passwords.PasswordRejected: the admin password must be at \
least 10 characters long (this one has 5)
    """
    length = len(_normalise(password))
    if length < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(
            f"the admin password must be at least {MIN_PASSWORD_LENGTH} characters long "
            f"(this one has {length})"
        )
    if length > MAX_PASSWORD_LENGTH:
        raise PasswordRejected(
            f"the admin password must be at most {MAX_PASSWORD_LENGTH} characters long "
            f"(this one has {length:,})"
        )


def stretch_new(password: str, params: ScryptParams | None = None) -> Stretched:
    """Stretch a new password with a fresh random salt (the length is not checked
    here: see ``check_new_password``)."""
    params = params or DEFAULT_PARAMS
    salt = secrets.token_bytes(SALT_BYTES)
    verifier, key_material = _scrypt(password, salt, params)
    stored = f"scrypt${params.describe()}${_b64(salt)}${_b64(verifier)}"
    return Stretched(stored, key_material)


def stretch_again(password: str, stored: str) -> bytes | None:
    """The key material of ``password`` when it is the one ``stored`` was made
    from; None when it is not. Raises DamagedHash when ``stored`` cannot be read.

    The verifiers are compared with ``hmac.compare_digest`` (constant time).
    """
    params, salt, expected = parse_stored(stored)
    verifier, key_material = _scrypt(password, salt, params)
    return key_material if hmac.compare_digest(verifier, expected) else None


def hash_password(password: str, params: ScryptParams | None = None) -> str:
    """The string to store for ``password``: ``scrypt$n=..,r=..,p=..$salt$verifier``."""
    return stretch_new(password, params).stored


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from."""
    return stretch_again(password, stored) is not None


def parse_stored(stored: str) -> tuple[ScryptParams, bytes, bytes]:
    """(parameters, salt, verifier) of a stored password string; DamagedHash when
    it is not one this module writes, or asks for absurd parameters.

    >>> parse_stored("scrypt$n=1024,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "=")[0]
    ScryptParams(n=1024, r=8, p=1)
    >>> parse_stored("md5$abc")
    Traceback (most recent call last):
    ...
    typing_test.core.screening.passwords.DamagedHash: the stored admin password is not a \
scrypt hash this version can read
    """
    parts = stored.split("$") if isinstance(stored, str) else []
    if len(parts) != 4 or parts[0] != "scrypt":
        raise DamagedHash("the stored admin password is not a scrypt hash this version can read")
    params = parse_params(parts[1])
    try:
        salt = base64.b64decode(parts[2], validate=True)
        verifier = base64.b64decode(parts[3], validate=True)
    except (binascii.Error, ValueError):
        raise DamagedHash("the stored admin password hash is damaged (bad base64)") from None
    if len(salt) < SALT_BYTES or len(verifier) != VERIFIER_BYTES:
        raise DamagedHash("the stored admin password hash is damaged (wrong length)")
    return params, salt, verifier


def parse_params(text: str) -> ScryptParams:
    """ScryptParams from 'n=131072,r=8,p=1'; DamagedHash when unreadable or absurd.

    >>> parse_params("n=131072,r=8,p=1") == DEFAULT_PARAMS
    True
    """
    try:
        fields = dict(item.split("=", 1) for item in text.split(","))
        n, r, p = int(fields["n"]), int(fields["r"]), int(fields["p"])
    except (ValueError, KeyError):
        raise DamagedHash(f"the stored scrypt parameters are damaged: {text[:40]!r}") from None
    if set(fields) != {"n", "r", "p"} or not (
        2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P
    ):
        raise DamagedHash(f"the stored scrypt parameters are out of range: {text[:40]!r}")
    return ScryptParams(n=n, r=r, p=p)


def _scrypt(password: str, salt: bytes, params: ScryptParams) -> tuple[bytes, bytes]:
    """(verifier, key material): the two halves of scrypt's 64-byte output."""
    output = hashlib.scrypt(
        _normalise(password).encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=params.maxmem,
        dklen=VERIFIER_BYTES + KEY_MATERIAL_BYTES,
    )
    return output[:VERIFIER_BYTES], output[VERIFIER_BYTES:]


def _normalise(password: str) -> str:
    """The password in Unicode NFC: "é" typed as one character or as e plus an
    accent (keyboards differ) is the same password (as RFC 8265 advises)."""
    return unicodedata.normalize("NFC", password)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# Lockout ---------------------------------------------------------------------------

# Five wrong tries in a row lock the login; each further wrong try locks it
# again for twice as long (30 s, 60 s, 120 s ...), up to an hour. Guessing a
# 10-character password at about 24 tries a day is hopeless, while HR, who
# mistyped, waits half a minute.
FREE_TRIES = 5
FIRST_LOCK_S = 30.0
LONGEST_LOCK_S = 3600.0


@dataclass(frozen=True)
class LoginFailures:
    """The stored lockout state: wrong tries in a row, and the time (seconds
    since the epoch) before which the login stays locked (0: not locked)."""

    count: int = 0
    locked_until: float = 0.0


def lock_delay(count: int) -> float:
    """How long the login locks after the ``count``-th wrong try in a row.

    >>> [lock_delay(n) for n in (4, 5, 6, 7)], lock_delay(50)
    ([0.0, 30.0, 60.0, 120.0], 3600.0)
    """
    if count < FREE_TRIES:
        return 0.0
    doublings = min(count - FREE_TRIES, 32)  # 2**32 * 30 s is far past the cap
    return min(FIRST_LOCK_S * 2**doublings, LONGEST_LOCK_S)


def seconds_locked(state: LoginFailures, now: float) -> float:
    """How many seconds the login stays locked at ``now`` (0.0: it is open).

    Never more than the lock's own delay: a clock set back (or a locked_until
    edited far ahead) cannot lock HR out for longer than the policy says.

    >>> seconds_locked(LoginFailures(5, 1030.0), now=1010.0)
    20.0
    >>> seconds_locked(LoginFailures(5, 1030.0), now=1030.0)
    0.0
    >>> seconds_locked(LoginFailures(5, 10**9), now=1000.0)
    30.0
    """
    remaining = state.locked_until - now
    return max(0.0, min(remaining, lock_delay(state.count)))


def after_wrong_password(state: LoginFailures, now: float) -> LoginFailures:
    """The state after one more wrong try at ``now``.

    >>> state = LoginFailures()
    >>> for _ in range(5):
    ...     state = after_wrong_password(state, now=100.0)
    >>> state
    LoginFailures(count=5, locked_until=130.0)
    >>> after_wrong_password(state, now=130.0)
    LoginFailures(count=6, locked_until=190.0)
    """
    count = state.count + 1
    delay = lock_delay(count)
    return LoginFailures(count=count, locked_until=now + delay if delay else 0.0)


def tries_before_lock(state: LoginFailures) -> int:
    """Wrong tries left before the login locks (0 once it has locked: from
    then on each wrong try locks it again).

    >>> tries_before_lock(LoginFailures(2)), tries_before_lock(LoginFailures(7))
    (3, 0)
    """
    return max(0, FREE_TRIES - state.count)


def describe_wait(seconds: float) -> str:
    """A wait in words, rounded up: '1 second', '45 seconds', '2 minutes'.

    >>> describe_wait(0.2), describe_wait(45), describe_wait(61), describe_wait(3600)
    ('1 second', '45 seconds', '2 minutes', '60 minutes')
    """
    whole = max(1, -int(-seconds // 1))
    if whole < 60:
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = -(-whole // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
