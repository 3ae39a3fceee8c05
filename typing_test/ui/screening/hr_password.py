"""An in-window bar where HR types the admin password to unlock an action.

The screening window and the offer to resume after a crash use it: the
candidate's screen never shows a modal dialog, and the password is checked
by ``store.admin.log_in`` on a worker thread (the hash takes about 0.4 s), so
the window keeps painting. A wrong password counts toward the login's
lockout like any other try; the field is emptied after every try, so a
password never stays on the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from typing_test.core.screening.passwords import describe_wait
from typing_test.core.screening.seals import SealKey
from typing_test.store.admin import AdminError, log_in, seconds_until_login
from typing_test.store.database import Store
from typing_test.ui.common.background import BackgroundCall
from typing_test.ui.common.theme import set_role


def checked_login(store: Store, password: str) -> SealKey | AdminError:
    """``log_in``'s key, or the AdminError it raised (returned, so that its
    one-line message reaches the bar as it is)."""
    try:
        return log_in(store, password)
    except AdminError as error:
        return error


class HrPasswordBar(QFrame):
    """Asks for the admin password; ``unlocked(key)`` when it is right.

    ``refused(message)`` follows a wrong password, a locked login or no
    password set; ``cancelled`` when HR (or the candidate) backs out.
    ``login(store, password)`` is ``checked_login`` unless a test gives another.
    """

    unlocked = Signal(object)  # the SealKey
    refused = Signal(str)
    cancelled = Signal()

    def __init__(self, store: Store,
                 login: Callable[[Store, str], SealKey | AdminError] = checked_login):
        super().__init__()
        self.store = store
        self._login = login
        self._call: BackgroundCall | None = None  # the check under way, if any
        self.setObjectName("hrPasswordBar")
        set_role(self, "infoBar")

        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("HR admin password")
        self.password_edit.setPlaceholderText("Admin password")
        self.password_edit.setMinimumWidth(220)
        self.password_edit.returnPressed.connect(self.check)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self.check)
        self.cancel_button = QPushButton("&Back")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "strong")

        row = QHBoxLayout()
        row.addWidget(self.question_label, 1)
        row.addWidget(self.password_edit)
        row.addWidget(self.unlock_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message_label)
        self.message_label.hide()
        self.hide()

    @property
    def checking(self) -> bool:
        """True while a password is being checked."""
        return self._call is not None

    def ask(self, question: str) -> None:
        """Show the bar with ``question``, the field empty and focused."""
        self.question_label.setText(question)
        self.password_edit.clear()
        wait = seconds_until_login(self.store)
        self._say(f"The login is locked for another {describe_wait(wait)}." if wait else "")
        self.show()
        self.password_edit.setFocus()

    def check(self) -> None:
        """Check the typed password on a worker thread (an empty field is not a try)."""
        password = self.password_edit.text()
        if not password or self._call is not None:
            return
        self.password_edit.clear()
        self._set_busy(True)
        self._say("Checking the password...")
        self._call = BackgroundCall(self._login, self.store, password, parent=self)
        self._call.finished.connect(self._on_checked)
        self._call.failed.connect(lambda message: self._on_checked(AdminError(message)))
        self._call.start()

    def cancel(self) -> None:
        """Hide the bar without unlocking anything."""
        self.password_edit.clear()
        self.hide()
        self.cancelled.emit()

    def _on_checked(self, result: SealKey | AdminError) -> None:
        self._call = None
        self._set_busy(False)
        if isinstance(result, AdminError):
            self._say(f"Not unlocked: {result}.")
            self.password_edit.setFocus()
            self.refused.emit(str(result))
            return
        self._say("")
        self.hide()
        self.unlocked.emit(result)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.password_edit, self.unlock_button, self.cancel_button):
            widget.setEnabled(not busy)

    def _say(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))
