"""HR screening: role batteries, retake rules and candidate records; the admin
password and its lockout, and the seals that make stored results
tamper-evident. Pure Python: the screening tables live in
``typing_test.store`` and the screens in ``typing_test.ui``.

>>> from typing_test.core.screening import lock_delay
>>> lock_delay(6)
60.0
"""

from typing_test.core.screening.passwords import (
    DEFAULT_PARAMS,
    MIN_PASSWORD_LENGTH,
    DamagedHash,
    LoginFailures,
    PasswordRejected,
    ScryptParams,
    Stretched,
    after_wrong_password,
    check_new_password,
    describe_wait,
    hash_password,
    lock_delay,
    seconds_locked,
    stretch_again,
    stretch_new,
    tries_before_lock,
    verify_password,
)
from typing_test.core.screening.seals import (
    ChainHead,
    LedgerEntry,
    Problem,
    SealedRow,
    SealKey,
    Verification,
    canonical_json,
    derive_seal_key,
    new_seal_salt,
    row_content,
    verify_chain,
)

__all__ = [
    "DEFAULT_PARAMS",
    "MIN_PASSWORD_LENGTH",
    "ChainHead",
    "DamagedHash",
    "LedgerEntry",
    "LoginFailures",
    "PasswordRejected",
    "Problem",
    "ScryptParams",
    "SealKey",
    "SealedRow",
    "Stretched",
    "Verification",
    "after_wrong_password",
    "canonical_json",
    "check_new_password",
    "derive_seal_key",
    "describe_wait",
    "hash_password",
    "lock_delay",
    "new_seal_salt",
    "row_content",
    "seconds_locked",
    "stretch_again",
    "stretch_new",
    "tries_before_lock",
    "verify_chain",
    "verify_password",
]
