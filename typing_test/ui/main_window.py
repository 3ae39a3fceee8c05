"""The main window: a stack of pages and the navigation between them.

The window is where a finished activity becomes a stored attempt: a page
reports what happened, core scores it, store saves it, and the result page
shows what was saved.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from typing_test import PRODUCT_NAME, __version__
from typing_test.core.assets import ContentError, assets_dir, help_documents
from typing_test.core.typing.passages import choose_passage, load_passages
from typing_test.core.typing.session import Clock, monotonic_ms
from typing_test.store.admin import has_admin_password
from typing_test.store.database import DatabaseError, Store, now_iso
from typing_test.store.settings import (
    candidate_name,
    live_checking,
    load_entry_bar,
    load_pass_bar,
    save_entry_bar,
    spelling_variant,
)
from typing_test.ui.common.theme import ThemeWatcher
from typing_test.ui.home_page import HomePage

if TYPE_CHECKING:  # imported where used: the start-up needs none of them
    from typing_test.core.email.drills import DrillSet, ProofreadingDrill, WritingScenario
    from typing_test.core.email.proofreading import ProofreadingAttempt
    from typing_test.core.email.writing import WritingAttempt
    from typing_test.core.practice.targeted import PracticeRound
    from typing_test.core.quiz.banks import Bank
    from typing_test.core.quiz.session import Quiz, QuizResult
    from typing_test.core.screening.seals import SealKey
    from typing_test.core.typing.entry_session import EntryOutcome
    from typing_test.core.typing.entry_tasks import EntryTask
    from typing_test.core.typing.passages import Passage
    from typing_test.core.typing.session import TypingSession
    from typing_test.ui.common.document_dialog import DocumentDialog
    from typing_test.ui.email.checker_loader import CheckerLoader
    from typing_test.ui.screening.admin_login import AdminLoginDialog


class _LazyPage:
    """A page of the window built the first time it is used.

    ``window.typing_page`` calls the builder once, adds the page to the stack
    and keeps it; the builder imports the page's module, so the start-up
    imports and builds only what the home page needs.
    """

    def __init__(self, build: Callable[[MainWindow], QWidget]):
        self._build = build

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, window: MainWindow | None, owner: type | None = None):
        if window is None:
            return self
        page = window.__dict__.get(self._name)
        if page is None:
            page = self._build(window)
            window.__dict__[self._name] = page  # later reads find it directly
            window.stack.addWidget(page)
        return page


class MainWindow(QMainWindow):
    """The application window over one open ``Store``.

    Until HR sets an admin password the app is a home PC: everything is open.
    Once one is set, the admin area, the pass bars, quiz pass marks, bank
    import and other people's results need the admin login
    (``log_in_admin``); ``admin_key`` is the seal key while HR is logged in,
    None otherwise, and ``adminChanged(logged_in)`` follows each change.
    ``admin_clock`` is the login's clock (seconds since the epoch), for the
    lockout.
    """

    adminChanged = Signal(bool)

    def __init__(
        self,
        store: Store,
        clock: Clock = monotonic_ms,
        passages: list[Passage] | None = None,
        rng: random.Random | None = None,
        banks_folder: Path | None = None,
        drills: DrillSet | None = None,
        admin_clock: Callable[[], float] = time.time,
    ):
        super().__init__()
        ThemeWatcher.install(QApplication.instance())
        self.store = store
        self.setWindowTitle(PRODUCT_NAME)
        self.resize(1040, 720)
        self._rng = rng or random.Random()
        self.content_problems: list[str] = []
        # Content is read when first needed (the typing test's passages when
        # a test starts, and so on): parsing it all takes longer than the
        # rest of the start-up. None means "the bundled content".
        self._given_passages, self._given_drills = passages, drills
        # Banks HR imports live beside the database, so they travel with it.
        if banks_folder is None:
            banks_folder = (
                Path(tempfile.mkdtemp(prefix="typing-test-banks-"))
                if store.path == ":memory:"
                else Path(store.path).resolve().parent / "question-banks"
            )
        self.banks_folder = banks_folder
        self.last_attempt_id: str | None = None
        self._attempt_id: str | None = None
        self.leave_confirmation: QMessageBox | None = None  # asks before closing mid-test
        self._leaving = False
        self._started_at = ""
        self._current_passage: Passage | None = None
        self._again_activity = "typing"  # where the result page's "again" button goes
        self._clock = clock
        self._history_kinds: list[tuple[str, str]] = []
        # The spelling dictionary loads on a worker thread once the drills are
        # first opened, so it is ready by the time anyone submits a reply.
        self._checker_loader: CheckerLoader | None = None
        # The seal key lives only here, in memory, while HR is logged in.
        self.admin_key: SealKey | None = None
        self.admin_login: AdminLoginDialog | None = None
        self._admin_clock = admin_clock

        # Only the home page is built now; the others are built, and their
        # modules imported, the first time they are shown (see _LazyPage).
        self.home_page = HomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home_page)
        self.setCentralWidget(self.stack)

        if self._offers("typing"):
            self.home_page.add_activity(
                "typing",
                "Typing test",
                "A timed passage, scored in net words per minute and accuracy.",
            )
            self.home_page.add_activity(
                "targeted",
                "Targeted practice",
                "Short rounds of words aimed at your weak keys, measured again after each.",
            )
            self._history_kinds.append(("targeted", "Targeted practice"))
        if self._offers("drills"):
            self.home_page.add_activity(
                "drills",
                "Email drills",
                "Correct a customer email, or write a reply, checked for spelling and grammar.",
            )
            self._history_kinds += [("proofreading", "Proofreading drills"),
                                    ("writing", "Writing drills")]
        if self._offers("quiz"):
            self.home_page.add_activity(
                "quiz",
                "Office quizzes",
                "Word, Excel, PowerPoint, Outlook and PC skills, with real Excel formulas.",
            )
            self._history_kinds.append(("quiz", "Office quizzes"))
        if self._offers("data-entry"):
            self.home_page.add_activity(
                "data-entry",
                "Data entry",
                "Key invoices and records into a form, or columns of numbers: keystrokes "
                "per hour and accuracy.",
            )
            self._history_kinds.append(("data-entry", "Data entry"))
        self.home_page.activityChosen.connect(self.open_activity)

        self.toolbar = QToolBar("Navigation")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.home_action = self._add_action("Home", "Ctrl+H", self.show_home)
        # Not Ctrl+Y: that is Redo in every Office program.
        self.history_action = self._add_action("History", "Ctrl+Shift+H", self.show_history)
        # Ctrl+Shift+P: no Qt text field or page of the app uses it.
        self.progress_action = self._add_action("Progress", "Ctrl+Shift+P", self.show_progress)
        self.settings_action = self._add_action("Settings", "Ctrl+,", self.show_settings)
        # Ctrl+Shift+A is free in Qt's text fields and in Office; Alt+M is a
        # mnemonic letter no page uses.
        self.admin_action = self._add_action("Ad&min", "Ctrl+Shift+A", self.open_admin)
        self.admin_action.setToolTip("HR's admin area: candidates, batteries, screenings "
                                     "(Ctrl+Shift+A)")
        self.log_out_action = self._add_action("Log o&ut", "Ctrl+Shift+L", self.log_out_admin)
        self.log_out_action.setToolTip("Leave the admin area (Ctrl+Shift+L)")
        self.log_out_action.setVisible(False)
        self.help_menu = QMenu("&Help", self)
        for title, path in help_documents().items():
            self.help_menu.addAction(
                f"{title}...", lambda title=title, path=path: self.show_document(title, path)
            )
        self.help_menu.addSeparator()
        self.help_menu.addAction(f"About {PRODUCT_NAME}...", self.show_about)
        self.help_button = QToolButton()
        self.help_button.setText("&Help")
        self.help_button.setAccessibleName("Help")
        self.help_button.setMenu(self.help_menu)
        self.help_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.help_button)
        self.document_dialog: DocumentDialog | None = None
        self.about_box: QMessageBox | None = None
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        if store.interrupted_on_open:
            self.statusBar().showMessage(
                f"{store.interrupted_on_open} test(s) stopped when the app closed unexpectedly; "
                "they are in the history as interrupted. Nothing saved before was lost."
            )
        self.show_home()
        self.resume_offer = None
        if store.has_unfinished_screening():  # one plain query; the offer's modules if so
            from typing_test.ui.screening.resume import offer_resume

            self.resume_offer = offer_resume(self)

    # Pages, built when first used -----------------------------------------------

    def _build_typing_setup(self) -> QWidget:
        from typing_test.ui.typing.typing_setup import TypingSetup

        page = TypingSetup()
        page.startRequested.connect(self.start_typing_test)
        return page

    def _build_typing_page(self) -> QWidget:
        from typing_test.ui.typing.typing_test_page import TypingTestPage

        page = TypingTestPage(clock=self._clock)
        page.finished.connect(self._on_typing_finished)
        return page

    def _build_result_page(self) -> QWidget:
        from typing_test.ui.typing.result_page import ResultPage

        page = ResultPage()
        # "Again" goes back to what the page shows: a typing test or a practice round.
        page.againRequested.connect(lambda: self.open_activity(self._again_activity))
        page.homeRequested.connect(self.show_home)
        return page

    def _build_targeted_page(self) -> QWidget:
        from typing_test.ui.practice.targeted_page import TargetedPage

        page = TargetedPage(self.store, self.whose_practice, rng=self._rng)
        page.roundRequested.connect(self.start_targeted_round)
        page.homeRequested.connect(self.show_home)
        return page

    def _build_targeted_round_page(self) -> QWidget:
        from typing_test.ui.practice.targeted_page import RoundPage

        page = RoundPage(clock=self._clock)
        page.finished.connect(self._on_targeted_finished)
        return page

    def _build_quiz_setup(self) -> QWidget:
        from typing_test.ui.quiz.quiz_setup import QuizSetup

        page = QuizSetup(self.banks, self.banks_folder)
        page.startRequested.connect(self.start_quiz)
        return page

    def _build_quiz_page(self) -> QWidget:
        from typing_test.ui.quiz.quiz_page import QuizPage

        page = QuizPage(clock=self._seconds_clock)
        page.finished.connect(self._on_quiz_finished)
        return page

    def _build_quiz_result_page(self) -> QWidget:
        from typing_test.ui.quiz.quiz_result_page import QuizResultPage

        page = QuizResultPage()
        page.againRequested.connect(lambda: self.open_activity("quiz"))
        page.homeRequested.connect(self.show_home)
        return page

    def _build_drill_list_page(self) -> QWidget:
        from typing_test.ui.email.drill_list_page import DrillListPage

        page = DrillListPage(self.drills)
        # The dictionary loads while the person picks a drill, so it is ready
        # by the time a reply is submitted.
        self.checker_loader.start_loading()
        page.proofreadingChosen.connect(self.start_proofreading)
        page.writingChosen.connect(self.start_writing)
        return page

    def _build_proofreading_page(self) -> QWidget:
        from typing_test.ui.email.proofreading_page import ProofreadingPage

        page = ProofreadingPage(clock=self._seconds_clock)
        page.finished.connect(self._on_proofreading_finished)
        return page

    def _build_proofreading_review(self) -> QWidget:
        from typing_test.ui.email.proofreading_review import ProofreadingReview

        page = ProofreadingReview()
        page.againRequested.connect(lambda: self.open_drills("proofreading"))
        page.homeRequested.connect(self.show_home)
        return page

    def _build_writing_page(self) -> QWidget:
        from typing_test.ui.email.writing_page import WritingPage

        page = WritingPage(clock=self._seconds_clock, checker_source=self.checker_loader)
        page.finished.connect(self._on_writing_finished)
        return page

    def _build_writing_review(self) -> QWidget:
        from typing_test.ui.email.writing_review import WritingReview

        page = WritingReview()
        page.againRequested.connect(lambda: self.open_drills("writing"))
        page.homeRequested.connect(self.show_home)
        return page

    def _build_history_page(self) -> QWidget:
        from typing_test.ui.reports.history_page import HistoryPage

        page = HistoryPage(self.store)
        for kind, label in self._history_kinds:
            page.add_kind(kind, label)
        page.attemptOpened.connect(self.open_attempt)
        return page

    def _build_progress_page(self) -> QWidget:
        from typing_test.ui.practice.progress_page import ProgressPage

        page = ProgressPage(self.store)
        page.practiceRequested.connect(lambda: self.open_activity("targeted"))
        page.typingRequested.connect(lambda: self.open_activity("typing"))
        return page

    def _build_settings_page(self) -> QWidget:
        from typing_test.ui.settings_page import SettingsPage

        page = SettingsPage(self.store)
        page.saved.connect(self._on_settings_saved)
        return page

    def _build_admin_page(self) -> QWidget:
        from typing_test.ui.screening.admin_page import AdminPage
        from typing_test.ui.screening.dashboard_page import DashboardPage
        from typing_test.ui.screening.results_tab import ResultsTab

        page = AdminPage(self.store, lambda: self.admin_key)
        page.screeningRequested.connect(self.start_screening)
        self.dashboard_page = DashboardPage(self.store, lambda: self.admin_key)
        page.add_tab(self.dashboard_page, "Dashb&oard")
        self.results_tab = ResultsTab(self.store, lambda: self.admin_key)
        page.add_tab(self.results_tab, "Results &files")
        self.results_tab.imported.connect(self.dashboard_page.refresh)
        return page

    def _build_entry_setup(self) -> QWidget:
        from typing_test.ui.typing.entry_setup import EntrySetup

        page = EntrySetup(self.entry_tasks)
        page.startRequested.connect(self.start_data_entry)
        return page

    def _build_form_entry_page(self) -> QWidget:
        from typing_test.ui.typing.form_entry_page import FormEntryPage

        page = FormEntryPage(clock=self._clock)
        page.finished.connect(self._on_data_entry_finished)
        return page

    def _build_tenkey_page(self) -> QWidget:
        from typing_test.ui.typing.tenkey_page import TenKeyPage

        page = TenKeyPage(clock=self._clock)
        page.finished.connect(self._on_data_entry_finished)
        return page

    def _build_entry_result_page(self) -> QWidget:
        from typing_test.ui.typing.entry_result_page import EntryResultPage

        page = EntryResultPage()
        page.againRequested.connect(lambda: self.open_activity("data-entry"))
        page.homeRequested.connect(self.show_home)
        return page

    typing_setup = _LazyPage(_build_typing_setup)
    typing_page = _LazyPage(_build_typing_page)
    result_page = _LazyPage(_build_result_page)
    targeted_page = _LazyPage(_build_targeted_page)
    targeted_round_page = _LazyPage(_build_targeted_round_page)
    quiz_setup = _LazyPage(_build_quiz_setup)
    quiz_page = _LazyPage(_build_quiz_page)
    quiz_result_page = _LazyPage(_build_quiz_result_page)
    drill_list_page = _LazyPage(_build_drill_list_page)
    proofreading_page = _LazyPage(_build_proofreading_page)
    proofreading_review = _LazyPage(_build_proofreading_review)
    writing_page = _LazyPage(_build_writing_page)
    writing_review = _LazyPage(_build_writing_review)
    history_page = _LazyPage(_build_history_page)
    progress_page = _LazyPage(_build_progress_page)
    settings_page = _LazyPage(_build_settings_page)
    admin_page = _LazyPage(_build_admin_page)
    entry_setup = _LazyPage(_build_entry_setup)
    form_entry_page = _LazyPage(_build_form_entry_page)
    tenkey_page = _LazyPage(_build_tenkey_page)
    entry_result_page = _LazyPage(_build_entry_result_page)

    def all_pages(self) -> list[QWidget]:
        """Every page, built now if it was not yet (for tests and screenshots)."""
        for name, value in vars(MainWindow).items():
            if isinstance(value, _LazyPage):
                getattr(self, name)
        return [self.stack.widget(index) for index in range(self.stack.count())]

    def _seconds_clock(self) -> float:
        return self._clock() / 1000  # the email and quiz pages count in seconds

    @property
    def checker_loader(self) -> CheckerLoader:
        """The spelling and grammar checker, loading on a worker thread from its first use."""
        if self._checker_loader is None:
            from typing_test.ui.email.checker_loader import CheckerLoader

            self._checker_loader = CheckerLoader(spelling_variant(self.store), parent=self)
            self._checker_loader.start_loading()
        return self._checker_loader

    def _add_action(self, text: str, shortcut: str, slot) -> QAction:
        action = QAction(text, self)
        # Set explicitly, the toolbar button's text keeps its "&" mnemonic.
        action.setIconText(text)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    # Help ----------------------------------------------------------------------

    def show_document(self, title: str, path: Path) -> None:
        """Open one of the bundled documents (a file format) in a dialog."""
        from typing_test.ui.common.document_dialog import DocumentDialog

        self.document_dialog = DocumentDialog(title, path, parent=self)
        self.document_dialog.open()

    def show_about(self) -> None:
        """Say which version this is and where its results are kept."""
        self.about_box = QMessageBox(
            QMessageBox.Icon.Information,
            f"About {PRODUCT_NAME}",
            f"{PRODUCT_NAME} {__version__}\n\n"
            "Typing, business email and Office skills tests for back-office jobs. "
            "It works offline; every result stays on this computer.\n\n"
            f"Results file: {self.store.path}",
            parent=self,
        )
        self.about_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about_box.open()

    # Admin ---------------------------------------------------------------------

    def whose_practice(self) -> str | None:
        """Whose practice History, Progress and targeted practice show: once HR
        has set a password (and is not logged in), only the attempts saved
        under the name in Settings, never other people's; on a home PC, every
        practice attempt in the file (None)."""
        return candidate_name(self.store) if self.admin_locked else None

    @property
    def admin_locked(self) -> bool:
        """Whether HR's parts are closed now: an admin password is set and nobody
        is logged in. Without a password the app is a home PC, all open."""
        if self.admin_key is not None:
            return False
        try:
            return has_admin_password(self.store)
        except (DatabaseError, sqlite3.Error):
            return True  # an unreadable admin table must not open the admin parts

    def log_in_admin(self, then: Callable[[], None] | None = None) -> None:
        """Ask for the admin password (or, the first time, for a new one); on
        success keep the seal key, emit ``adminChanged(True)`` and call ``then``."""
        from typing_test.ui.screening.admin_login import AdminLoginDialog

        if self.admin_key is not None:
            if then is not None:
                then()
            return
        if self.admin_login is not None:
            if self.admin_login.isVisible():  # asked already: bring it to the front
                self.admin_login.raise_()
                self.admin_login.activateWindow()
                return
            self.admin_login.deleteLater()
        self.admin_login = AdminLoginDialog(self.store, self._admin_clock, parent=self)

        def logged_in(key: SealKey) -> None:
            self._set_admin_key(key)
            if then is not None:
                then()

        self.admin_login.loggedIn.connect(logged_in)
        self.admin_login.open()

    def log_out_admin(self) -> None:
        """Forget the seal key and everything the admin area showed; back to the
        home page when an admin page was in view."""
        if self.admin_key is None:
            return
        self._set_admin_key(None)
        if "admin_page" in self.__dict__:
            self.admin_page.clear()
        gated = [self.__dict__.get(name) for name in ("admin_page", "settings_page",
                                                      "history_page", "progress_page",
                                                      "quiz_setup")]
        if self.stack.currentWidget() in gated:
            self.show_home()
        self.statusBar().showMessage("Logged out of the admin area.")

    def _set_admin_key(self, key: SealKey | None) -> None:
        self.admin_key = key
        self.log_out_action.setVisible(key is not None)
        if key is not None:
            self.statusBar().clearMessage()  # e.g. an earlier "Logged out"
        self._apply_admin_gates()
        self.adminChanged.emit(key is not None)

    def _apply_admin_gates(self) -> None:
        """Open or close HR's controls on the pages built so far."""
        locked = self.admin_locked
        if "settings_page" in self.__dict__:
            self.settings_page.set_pass_bars_editable(not locked)
        if "quiz_setup" in self.__dict__:
            self.quiz_setup.set_hr_controls_open(not locked)
        if "entry_setup" in self.__dict__:
            self.entry_setup.set_hr_controls_open(not locked)
        if "history_page" in self.__dict__:
            self.history_page.only_candidate = self.whose_practice()
            if self.stack.currentWidget() is self.history_page:
                self.history_page.reload()
        if "progress_page" in self.__dict__:
            self.progress_page.only_candidate = self.whose_practice()

    def open_admin(self) -> None:
        """Show the admin area, asking for the admin password first if needed."""
        if self.admin_key is None:
            self.log_in_admin(then=self.open_admin)
            return
        self.admin_page.reload()
        self._show(self.admin_page)

    # Navigation ----------------------------------------------------------------

    def _timed_pages(self) -> tuple[QWidget, ...]:
        """The timed pages built so far (one never built is not running)."""
        names = ("typing_page", "quiz_page", "proofreading_page", "writing_page",
                 "targeted_round_page", "form_entry_page", "tenkey_page")
        return tuple(self.__dict__[name] for name in names if name in self.__dict__)

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        # While a test runs the only ways out are finishing or abandoning it.
        self.toolbar.setEnabled(page not in self._timed_pages())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Closing the window during a timed activity asks first; the activity
        is then saved as abandoned."""
        if self.stack.currentWidget() not in self._timed_pages() or self._leaving:
            super().closeEvent(event)
            return
        event.ignore()
        if self.leave_confirmation is None:
            self.leave_confirmation = self._ask_to_leave()
        self.leave_confirmation.open()

    def _ask_to_leave(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Leave the test?",
            "A timed test is running. If you close the window now, the test ends here and "
            "is saved as not finished; it never counts as a pass.",
            parent=self,
        )
        box.setObjectName("leaveConfirmation")
        close_button = box.addButton("&Close and end the test", QMessageBox.ButtonRole.AcceptRole)
        keep_button = box.addButton("&Keep going", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep_button)

        def answered() -> None:
            if box.clickedButton() is close_button:
                self._leave()

        box.finished.connect(answered)
        return box

    def _leave(self) -> None:
        """End the running activity as abandoned, then close for good."""
        abandon = getattr(self.stack.currentWidget(), "abandon", None)
        if abandon is not None:
            abandon()
        self._leaving = True
        self.close()

    def show_home(self) -> None:
        name = candidate_name(self.store)
        self.home_page.show_candidate(name)
        try:
            recent, best = self.store.recent_attempts(name), self.store.best_net_wpm(name)
        except (DatabaseError, sqlite3.Error):
            recent, best = [], None  # the history page says what is wrong
        self.home_page.show_results(recent, best, load_pass_bar(self.store).min_net_wpm)
        self._show(self.home_page)

    def show_history(self) -> None:
        page = self.history_page  # built first, so that the gates reach it
        self._apply_admin_gates()
        page.reload()
        self._show(self.history_page)

    def show_progress(self) -> None:
        page = self.progress_page  # built first, so that the gates reach it
        self._apply_admin_gates()
        page.reload()
        self._show(page)

    def show_settings(self) -> None:
        page = self.settings_page  # built first, so that the gates reach it
        self._apply_admin_gates()
        page.load()
        self._show(self.settings_page)

    def open_activity(self, activity_id: str) -> None:
        if activity_id == "typing":
            bar = load_pass_bar(self.store)
            self.typing_setup.show_bar(bar.min_net_wpm, bar.min_accuracy)
            self._show(self.typing_setup)
            self.typing_setup.start_button.setFocus()
        elif activity_id == "quiz":
            page = self.quiz_setup  # built first, so that the gates reach it
            self._apply_admin_gates()
            self._show(page)
        elif activity_id == "drills":
            self.open_drills("proofreading")
        elif activity_id == "targeted":
            self.targeted_page.prepare()
            self._show(self.targeted_page)
            self.targeted_page.start_button.setFocus()
        elif activity_id == "data-entry":
            page = self.entry_setup  # built first, so that the gates reach it
            self._apply_admin_gates()
            page.show_bar(load_entry_bar(self.store))
            self._show(page)
            page.start_button.setFocus()

    def open_drills(self, section: str) -> None:
        """Show the drill list at its "proofreading" or "writing" tab."""
        self.drill_list_page.show_section(section)
        self._show(self.drill_list_page)

    def _on_settings_saved(self) -> None:
        self.home_page.show_candidate(candidate_name(self.store))
        variant = spelling_variant(self.store)
        if self._checker_loader is not None and variant != self._checker_loader.variant:
            self._checker_loader = None  # the next use loads the new variant
            if "writing_page" in self.__dict__:
                self.writing_page.checker_source = self.checker_loader

    def start_screening(self, candidate_id: str, battery_id: str,
                        override_reason: str = "") -> QWidget | None:
        """Begin a screening of a candidate on a battery and open its locked-down
        window (``ui/screening/session_window.py``), sealed with HR's key.

        Needs HR logged in (``admin_key``). Returns the window, or None when
        the screening cannot start (the status bar says why: a retake refused
        without a reason, an unknown candidate or battery).
        """
        from typing_test.store import screenings as S
        from typing_test.ui.screening.session_window import launch_screening

        key = getattr(self, "admin_key", None)  # the SealKey while HR is logged in
        if key is None:
            self.statusBar().showMessage("Log in as HR to start a screening.")
            return None
        try:
            screening_id = S.begin_screening(self.store, candidate_id, battery_id,
                                             override_reason=override_reason or None)
        except S.RetakeRefusedError as error:
            self.statusBar().showMessage(f"This screening cannot start: {error}. HR can "
                                         "override the retake rule with a reason.")
            return None
        except (KeyError, ValueError, DatabaseError, sqlite3.Error) as error:
            what = f"no such candidate or battery ({error})" if isinstance(error, KeyError) \
                else str(error)
            self.statusBar().showMessage(f"This screening cannot start: {what}.")
            return None
        self.screening_window = launch_screening(self, key, screening_id)
        return self.screening_window

    # Saving --------------------------------------------------------------------

    def _begin(self, kind: str, **fields: object) -> None:
        """Store the start of an attempt of ``kind``, so that an attempt cut off
        by a crash is still in the history (as interrupted)."""
        row = {
            "kind": kind,
            "candidate": candidate_name(self.store),
            "started_at": self._started_at,
            **fields,
        }
        try:
            self._attempt_id = self.store.begin_attempt(row)
        except (DatabaseError, sqlite3.Error) as error:
            self._report_save_failure(error)
            self._attempt_id = None

    def _save(self, row: dict) -> None:
        """Store a finished attempt over its start; on failure say so and keep the app usable."""
        if self._attempt_id:
            row["id"] = self._attempt_id
        try:
            self.last_attempt_id = self.store.save_attempt(row)
        except (DatabaseError, sqlite3.Error) as error:
            self._report_save_failure(error)
            self.last_attempt_id = None
            return
        if row["kind"] in ("typing", "targeted"):
            from typing_test.store.practice import keep_key_tallies

            # Counted now (about a millisecond), so that Progress, which reads
            # on a worker thread and cannot write, never counts this log again.
            keep_key_tallies(self.store, [self.last_attempt_id])

    def _report_save_failure(self, error: Exception) -> None:
        self.statusBar().showMessage(
            f"This result could not be saved to {self.store.path}: {error}. "
            "Earlier results are not affected."
        )

    # Content -------------------------------------------------------------------

    def _offers(self, activity: str) -> bool:
        """Whether the home page offers ``activity`` ("typing", "drills", "quiz").

        Judged from the content given, or else from whether its files are
        there: a folder listing, not a parse. A broken file is reported when
        the activity's content is read.
        """
        if activity == "typing":
            if self._given_passages is not None:
                return bool(self._given_passages)
            return any((assets_dir() / "passages").glob("*.toml"))
        if activity == "data-entry":
            return any((assets_dir() / "data-entry").glob("*.toml"))
        if activity == "drills":
            if self._given_drills is not None:
                return bool(self._given_drills.proofreading or self._given_drills.writing)
            return any((assets_dir() / "drills").glob("*/*.toml"))
        return any((assets_dir() / "quizzes").glob("*.toml")) or any(
            Path(self.banks_folder).glob("*.toml"))

    def _report_content_problems(self, problems: list[str]) -> None:
        """Say in the status bar which content files could not be read."""
        if problems:
            self.content_problems.extend(problems)
            self.statusBar().showMessage(
                f"{len(problems)} content file(s) could not be loaded: " + "; ".join(problems)
            )

    @cached_property
    def passages(self) -> list[Passage]:
        """The typing passages, read on first use."""
        if self._given_passages is not None:
            return self._given_passages
        passages, problems = load_passages()
        self._report_content_problems(problems)
        return passages

    @cached_property
    def entry_tasks(self) -> list[EntryTask]:
        """The data-entry tasks, read on first use; a broken file is reported
        in the status bar and left out."""
        from typing_test.core.typing.entry_tasks import load_task

        tasks, problems = [], []
        for path in sorted((assets_dir() / "data-entry").glob("*.toml")):
            try:
                tasks.append(load_task(path))
            except ContentError as error:
                problems.append(str(error))
        self._report_content_problems(problems)
        return tasks

    @cached_property
    def drills(self) -> DrillSet:
        """The email drills, read on first use."""
        if self._given_drills is not None:
            return self._given_drills
        from typing_test.core.email.drills import load_drills

        drills = load_drills()
        self._report_content_problems([problem.message for problem in drills.problems])
        return drills

    @cached_property
    def banks(self) -> list[Bank]:
        """The built-in question banks plus every valid imported one, read on first use.

        A broken file is reported in the status bar and skipped; it never
        takes the others down with it.
        """
        from typing_test.core.quiz.banks import load_builtin_banks, load_imported_banks

        problems = []
        try:
            banks = load_builtin_banks(evaluate_formulas=False)  # tests evaluate them
        except ContentError as error:
            problems.append(str(error))
            banks = []
        known_ids = (question.id for bank in banks for question in bank.questions)
        imported, left_out = load_imported_banks(self.banks_folder, known_ids)
        self._report_content_problems(problems + left_out)
        return banks + imported

    # Email drills --------------------------------------------------------------

    def start_proofreading(self, drill: ProofreadingDrill) -> None:
        self._started_at = now_iso()
        self._show(self.proofreading_page)
        self.proofreading_page.start(drill)
        self._begin("proofreading", item_id=drill.id, item_title=drill.title)

    def _on_proofreading_finished(self, attempt: ProofreadingAttempt) -> None:
        from typing_test.store.records import proofreading_attempt

        row = proofreading_attempt(
            attempt, candidate=candidate_name(self.store), started_at=self._started_at
        )
        self._save(row)
        self.proofreading_review.show_result(
            attempt.drill, attempt.answer, attempt.result,
            abandoned=attempt.status == "abandoned",
        )
        self._show(self.proofreading_review)

    def start_writing(self, scenario: WritingScenario) -> None:
        self._started_at = now_iso()
        self.writing_page.live_check = live_checking(self.store)
        self._show(self.writing_page)
        self.writing_page.start(scenario)
        self._begin("writing", item_id=scenario.id, item_title=scenario.title)

    def _on_writing_finished(self, attempt: WritingAttempt) -> None:
        from typing_test.store.records import writing_attempt

        row = writing_attempt(
            attempt, candidate=candidate_name(self.store), started_at=self._started_at
        )
        self._save(row)
        self.writing_review.show_result(
            attempt.scenario, attempt.text, attempt.feedback,
            abandoned=attempt.status == "abandoned",
        )
        self._show(self.writing_review)
        if attempt.check_error:
            self.statusBar().showMessage(
                f"Spelling and grammar could not be checked ({attempt.check_error}); "
                "the language points of this reply are not reliable."
            )

    # Office quiz ---------------------------------------------------------------

    def start_quiz(self, quiz: Quiz, time_limit_s: int) -> None:
        """Run ``quiz`` with a countdown of ``time_limit_s`` seconds."""
        self._quiz = quiz
        self._quiz_time_limit_s = time_limit_s
        self._started_at = now_iso()
        self._show(self.quiz_page)
        self.quiz_page.start(quiz, time_limit_s)
        self._begin(
            "quiz",
            item_id=",".join(quiz.topics),
            settings={"seed": quiz.seed, "question_count": len(quiz.items)},
        )

    def _on_quiz_finished(self, result: QuizResult) -> None:
        from typing_test.store.records import quiz_attempt

        row = quiz_attempt(
            result,
            self._quiz,
            time_limit_s=self._quiz_time_limit_s,
            timed_out=self.quiz_page.timed_out,
            abandoned=self.quiz_page.abandoned,
            candidate=candidate_name(self.store),
            started_at=self._started_at,
        )
        self._save(row)
        if self.quiz_page.abandoned:
            self.show_home()
            self.statusBar().showMessage(
                "You left the quiz. It is saved as abandoned and never counts as a pass."
            )
            return
        self.quiz_result_page.show_result(result)
        self._show(self.quiz_result_page)

    # Typing test ---------------------------------------------------------------

    def start_typing_test(self, seconds: int, category: str, difficulty: str = "") -> None:
        """Pick a passage (from ``category`` and of ``difficulty``; any when
        empty) and start."""
        try:
            passage = choose_passage(
                self.passages, category or None, self._rng, difficulty=difficulty or None
            )
        except ContentError as error:
            self.statusBar().showMessage(f"Cannot start: {error}. Choose another kind.")
            return
        self._current_passage = passage
        self._category = category
        self._started_at = now_iso()
        self._show(self.typing_page)
        self.typing_page.start_passage(passage.text, seconds, passage.id, passage.title)
        self._begin(
            "typing",
            item_id=passage.id,
            item_title=passage.title,
            settings={"test_length_s": seconds, "category": category, "difficulty": difficulty},
        )

    def open_attempt(self, attempt_id: str) -> None:
        """Show a stored attempt on its full result page again: a typing test
        is scored again from its log, a quiz rebuilt from its seed and graded
        again from its answers, a proofreading answer graded again against its
        drill, a writing reply checked and graded again (the review shows
        once the checker is done), a data-entry test scored again from its log
        against the task stored with it."""
        from typing_test.core.email.proofreading import grade_answer
        from typing_test.core.quiz.session import grade_quiz, rebuild_quiz
        from typing_test.core.typing.scoring import PassBar, score

        try:
            row = self.store.attempt(attempt_id)
            settings, details = row["settings"] or {}, row["details"] or {}
            if row["kind"] == "quiz" and row["status"] != "completed":
                # A left quiz has no verdict to show; its answers stay stored.
                self.statusBar().showMessage(
                    f"This quiz was {row['status']}; it has no result page to show."
                )
                return
            if row["kind"] == "writing":
                self._reopen_writing(row, self.drills.writing[row["item_id"]],
                                     details["text"])
                return
            if row["kind"] == "data-entry":
                from typing_test.store.records import stored_data_entry

                entry, entry_bar = stored_data_entry(row)
                entry_result = entry.result()
            elif row["kind"] == "proofreading":
                drill = self.drills.proofreading[row["item_id"]]
                answer = details["answer"]
                graded = grade_answer(drill, answer)
            elif row["kind"] == "quiz":
                stored = details["result"]
                quiz = rebuild_quiz(self.banks, stored["question_ids"], stored["seed"],
                                    pass_mark=stored["pass_mark"])
                answers = {question_id: tuple(answer) if isinstance(answer, list) else answer
                           for question_id, answer in stored["answers"].items()
                           if answer is not None}
                quiz_result = grade_quiz(quiz, answers,
                                         duration_seconds=stored["duration_seconds"])
            else:
                result = score(details["passage_text"], row["keystrokes"] or [],
                               row["duration_s"])
                # A round of targeted practice has no bar.
                bar = None if row["kind"] == "targeted" else PassBar(
                    settings["min_net_wpm"], settings["min_accuracy"])
        except (KeyError, TypeError, ValueError, DatabaseError, sqlite3.Error) as error:
            self.statusBar().showMessage(f"This attempt cannot be shown in full: {error!s}.")
            return
        if row["kind"] == "data-entry":
            self.entry_result_page.show_result(entry.task, entry_result, entry_bar,
                                               abandoned=row["status"] != "completed")
            self._show(self.entry_result_page)
            return
        if row["kind"] == "proofreading":
            self.proofreading_review.show_result(
                drill, answer, graded, abandoned=row["status"] == "abandoned"
            )
            self._show(self.proofreading_review)
            return
        if row["kind"] == "quiz":
            self.quiz_result_page.show_result(quiz_result)
            self._show(self.quiz_result_page)
            return
        self._again_activity = "typing" if bar is not None else "targeted"
        self.result_page.show_result(
            result, bar, row["item_title"] or "", abandoned=row["status"] != "completed"
        )
        self._show_attempt_keys(details["passage_text"], row["keystrokes"] or [])
        self._show(self.result_page)

    def _show_attempt_keys(self, passage_text: str, keystrokes: list) -> None:
        """Put one typing test's keys on the result page's keyboard picture."""
        from typing_test.core.practice.keyboard import layout_for
        from typing_test.core.practice.keystats import KeyStats, key_stats
        from typing_test.store.settings import keyboard_layout

        try:
            stats = key_stats([(passage_text, keystrokes)])
        except (KeyError, TypeError, ValueError, AttributeError):  # a damaged stored log
            stats = KeyStats(0, {}, {})
        self.result_page.show_keys(stats, layout_for(keyboard_layout(self.store)))

    def _reopen_writing(self, row: dict, scenario: WritingScenario, text: str) -> None:
        """Check a stored reply again (on the checker's worker thread) and show its
        review; say so when today's grade differs from the one stored."""
        from typing_test.core.email.writing import assess_reply

        self.statusBar().showMessage("Checking the reply's spelling and grammar again...")
        abandoned = row["status"] != "completed"

        def show(findings: list | None) -> None:
            feedback = assess_reply(scenario, text, findings or ())
            self.writing_review.show_result(scenario, text, feedback, abandoned=abandoned)
            self._show(self.writing_review)
            if findings is None:
                message = (f"Spelling and grammar could not be checked "
                           f"({self.checker_loader.last_error}); the language points of "
                           "this review are not reliable.")
            elif row["score"] is not None and round(row["score"]) != round(feedback.score):
                message = (f"Graded again with today's checker: {feedback.score:g}/100; "
                           f"it scored {row['score']:g}/100 when it was written.")
            else:
                message = ""
            self.statusBar().showMessage(message)

        self.checker_loader.check_async(text, show)

    def _on_typing_finished(self, session: TypingSession) -> None:
        from typing_test.store.records import typing_attempt

        passage = self._current_passage
        bar = load_pass_bar(self.store)
        result = session.result()
        row = typing_attempt(
            result,
            bar=bar,
            passage_id=passage.id,
            passage_title=passage.title,
            passage_text=passage.text,
            keystrokes=session.events,
            incidents=session.incidents,
            test_length_s=session.duration_s,
            category=self._category,
            candidate=candidate_name(self.store),
            status="abandoned" if session.abandoned else "completed",
            started_at=self._started_at,
        )
        self._save(row)
        self._again_activity = "typing"
        self.result_page.show_result(result, bar, passage.title, abandoned=session.abandoned)
        self._show_attempt_keys(passage.text, session.events)
        self._show(self.result_page)
        self.result_page.again_button.setFocus()

    # Targeted practice ---------------------------------------------------------

    def start_targeted_round(self, practice_round: PracticeRound) -> None:
        """Run one round of targeted practice (``ui/practice/targeted_page.py``)."""
        from typing_test.core.practice.targeted import spots_json

        self._started_at = now_iso()
        self._show(self.targeted_round_page)
        self.targeted_round_page.start_passage(practice_round.text, practice_round.seconds,
                                               "targeted", practice_round.title)
        self._begin("targeted", item_id="targeted", item_title=practice_round.summary,
                    settings={"test_length_s": practice_round.seconds,
                              "targets": spots_json(practice_round.spots),
                              "seed": practice_round.seed})

    def _on_targeted_finished(self, session: TypingSession) -> None:
        from typing_test.core.practice.targeted import spots_json
        from typing_test.store.records import targeted_attempt

        page = self.targeted_page
        practice_round = page.current_round
        result = session.result()
        self._save(targeted_attempt(
            result, title=practice_round.summary, passage_text=practice_round.text,
            keystrokes=session.events, incidents=session.incidents,
            test_length_s=session.duration_s, targets=spots_json(practice_round.spots),
            seed=practice_round.seed, candidate=candidate_name(self.store),
            status="abandoned" if session.abandoned else "completed",
            started_at=self._started_at,
        ))
        page.show_round_result(result, session.events, abandoned=session.abandoned)
        self._show(page)
        page.start_button.setFocus()
    # Data entry ----------------------------------------------------------------

    def start_data_entry(self, task: EntryTask, seconds: int, keypad_required: bool) -> None:
        """Run ``task`` (form entry or 10-key) for ``seconds``, judged against
        the bar the setup shows (kept as the stored bar when it is open)."""
        if "entry_setup" in self.__dict__ and not self.admin_locked:
            try:
                save_entry_bar(self.store, self.entry_setup.bar())
            except (DatabaseError, sqlite3.Error) as error:
                self._report_save_failure(error)
        self._entry_bar = load_entry_bar(self.store)  # the bar this test is judged on
        page = self.form_entry_page if task.kind == "form" else self.tenkey_page
        self._started_at = now_iso()
        self._show(page)
        page.start(task, seconds, keypad_required)
        self._begin(
            "data-entry", item_id=task.id, item_title=task.title,
            settings={"mode": task.kind, "duration_s": seconds,
                      "keypad_required": keypad_required},
        )

    def _on_data_entry_finished(self, outcome: EntryOutcome) -> None:
        from typing_test.store.records import data_entry_attempt

        bar = self._entry_bar
        row = data_entry_attempt(outcome, bar=bar, candidate=candidate_name(self.store),
                                 started_at=self._started_at)
        self._save(row)
        self.entry_result_page.show_result(outcome.task, outcome.result(), bar,
                                           abandoned=outcome.status != "completed")
        self._show(self.entry_result_page)
        self.entry_result_page.again_button.setFocus()
