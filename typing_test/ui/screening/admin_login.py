"""The admin login: HR's password, asked in a small dialog.

On first use (no admin password set yet) the same dialog asks HR to choose one,
typed twice. The password is checked, or stretched, on a worker thread
(``ui/common/background.py``): scrypt at OWASP's parameters takes about 0.4 s,
which would freeze the window. A right password gives the seal key
(``store.admin.log_in``), carried by ``loggedIn``; the dialog never keeps it.

The worker uses the store's connection (opened with ``check_same_thread=False``)
while the dialog is window-modal, so the window behind cannot write meanwhile.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.screening.passwords import (
    MIN_PASSWORD_LENGTH,
    PasswordRejected,
    check_new_password,
    describe_wait,
)
from typing_test.store.admin import (
    AdminError,
    LockedOut,
    has_admin_password,
    log_in,
    seconds_until_login,
    set_admin_password,
)
from typing_test.store.database import DatabaseError, Store
from typing_test.ui.common.background import BackgroundCall
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import page_layout, set_role


def sentence(message: str) -> str:
    """A store's one-line message as a sentence: capital first, full stop last.

    >>> sentence("wrong admin password (4 tries left before the login locks)")
    'Wrong admin password (4 tries left before the login locks).'
    """
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


def _try_log_in(store: Store, password: str, clock: Callable[[], float]) -> object:
    """``log_in`` for the worker thread: the key, or the AdminError as a value
    (so the dialog can tell a lockout from a wrong password)."""
    try:
        return log_in(store, password, clock)
    except AdminError as error:
        return error


def _try_set_password(store: Store, password: str, clock: Callable[[], float]) -> object:
    """``set_admin_password`` for the worker thread: the key, or the refusal as a value."""
    try:
        return set_admin_password(store, password, clock=clock)
    except (AdminError, PasswordRejected) as error:
        return error


class AdminLoginDialog(QDialog):
    """Asks for the admin password (or, the first time, for a new one).

    ``loggedIn(key)`` carries the ``SealKey`` after a right password or a new
    one set; ``tryFinished(ok)`` follows every check, right or wrong (tests
    wait on it). ``clock`` is seconds since the epoch, as ``time.time``.
    """

    loggedIn = Signal(object)
    tryFinished = Signal(bool)

    def __init__(self, store: Store, clock: Callable[[], float] = time.time,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._clock = clock
        self._call: BackgroundCall | None = None
        self.setting_password = not has_admin_password(store)
        self.setWindowModality(Qt.WindowModality.WindowModal)

        heading = QLabel()
        set_role(heading, "heading")
        lead = QLabel()
        lead.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMinimumWidth(300)
        self.password_edit.setMaxLength(1000)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setAccessibleName("Type the new admin password again")
        self.repeat_edit.setMaxLength(1000)
        self.message_label = QLabel()
        self.message_label.setObjectName("adminLoginMessage")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
        self.ok_button = QPushButton()
        set_role(self.ok_button, "primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.password_edit.returnPressed.connect(self._on_return)
        self.repeat_edit.returnPressed.connect(self.submit)

        form = QFormLayout()
        if self.setting_password:
            self.setWindowTitle("Set the admin password")
            heading.setText("Set the admin password")
            lead.setText(
                "No admin password is set on this PC yet. Choose one of at least "
                f"{MIN_PASSWORD_LENGTH} characters; a short sentence is easy to remember and "
                "hard to guess. From now on settings, candidates, batteries and results need "
                "it. Keep it safe: it cannot be recovered, and the seals on screening results "
                "can only be checked with it."
            )
            self.password_edit.setAccessibleName("New admin password")
            form.addRow("New password:", self.password_edit)
            form.addRow("Type it again:", self.repeat_edit)
            self.ok_button.setText("&Set password and log in")
        else:
            self.setWindowTitle("Admin login")
            heading.setText("Admin login")
            lead.setText("The admin area is for HR. Enter the admin password.")
            self.password_edit.setAccessibleName("Admin password")
            form.addRow("Password:", self.password_edit)
            self.repeat_edit.hide()
            self.ok_button.setText("&Log in")

        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addLayout(button_row(self.cancel_button, self.ok_button))

        # While the login is locked the wait counts down on screen.
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._show_lock)
        if not self.setting_password:
            self._show_lock()

    # Lockout ---------------------------------------------------------------------

    def _show_lock(self) -> None:
        """Say how long the login stays locked (nothing when it is not)."""
        if self._lock_timer.isActive() and not self.isVisible():
            self._lock_timer.stop()  # closed with its window: nobody is reading
            return
        try:
            wait = seconds_until_login(self.store, self._clock)
        except (DatabaseError, sqlite3.Error):
            self._lock_timer.stop()  # the login itself will say what is wrong
            return
        if wait > 0:
            self.message_label.setText(
                f"Too many wrong passwords: the login is locked for another "
                f"{describe_wait(wait)}.")
            if not self._lock_timer.isActive():
                self._lock_timer.start()
        else:
            if self._lock_timer.isActive():
                self._lock_timer.stop()
                self.message_label.clear()

    # Checking ----------------------------------------------------------------------

    def _on_return(self) -> None:
        if self.setting_password:
            self.repeat_edit.setFocus()
        else:
            self.submit()

    def submit(self) -> None:
        """Check the password (or set the new one) on a worker thread."""
        if self._call is not None:
            return  # a check is running
        password = self.password_edit.text()  # never stripped: spaces are part of it
        if self.setting_password:
            try:
                check_new_password(password)
            except PasswordRejected as error:
                self._refuse(sentence(str(error)))
                return
            if password != self.repeat_edit.text():
                self._refuse("The two passwords differ: type them again.")
                self.repeat_edit.clear()
                return
            function = _try_set_password
            working = "Setting the password..."
        else:
            if not password:
                self._refuse("Enter the admin password.")
                return
            function = _try_log_in
            working = "Checking the password..."
        self._lock_timer.stop()
        set_role(self.message_label, "hint")
        self.message_label.setText(working)
        self._set_busy(True)
        self._call = BackgroundCall(function, self.store, password, self._clock, parent=self)
        self._call.finished.connect(self._on_checked)
        self._call.failed.connect(self._on_failed)
        self._call.start()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.password_edit, self.repeat_edit, self.ok_button):
            widget.setEnabled(not busy)

    def _refuse(self, message: str) -> None:
        set_role(self.message_label, "error")
        self.message_label.setText(message)
        self.password_edit.setFocus()
        self.password_edit.selectAll()

    def _on_checked(self, result: object) -> None:
        self._call = None
        self._set_busy(False)
        if isinstance(result, Exception):
            self._refuse(sentence(str(result)))
            if isinstance(result, LockedOut) or getattr(result, "locked_for", 0):
                self.password_edit.clear()
                self._lock_timer.start()
            self.tryFinished.emit(False)
            return
        self.password_edit.clear()
        self.repeat_edit.clear()
        self.message_label.clear()
        self.loggedIn.emit(result)
        self.tryFinished.emit(True)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._call = None
        self._set_busy(False)
        self._refuse(f"The password could not be checked: {message}")
        self.tryFinished.emit(False)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self._lock_timer.stop()
        super().hideEvent(event)

    def reject(self) -> None:
        """Cancel: the fields are emptied, so no password stays in memory here."""
        if self._call is not None:  # a check still running is no longer listened to
            self._call.finished.disconnect(self._on_checked)
            self._call.failed.disconnect(self._on_failed)
            # It outlives this dialog until its worker ends (the worker holds it).
            self._call.setParent(None)
            self._call = None
            self._set_busy(False)
        self.password_edit.clear()
        self.repeat_edit.clear()
        self._lock_timer.stop()
        super().reject()
