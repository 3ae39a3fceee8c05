"""The screening session: one candidate takes the steps of one battery in a
locked-down window.

``ScreeningWindow`` is a top-level window that goes full screen and stays on
top of the others. For each step of the battery, in order, the candidate sees:

1. the step's **instructions**: what it is, its time, and (when the battery
   shows results) its pass rule in words;
2. a short **practice** item, never stored, on the same page as the real
   step (``core/screening/practice.py``);
3. the **real step**, on the pages the practice mode uses (the typing test,
   the proofreading and writing drills, the quiz, the form-entry and 10-key
   pages), with the battery step's settings: duration and passage category,
   a drill drawn from the step's pool, the quiz drawn from the step's topics,
   a data-entry task drawn from those the step offers.

A step is stored as it starts (``S.begin_step``) and again, sealed, as it
ends (``S.record_step``), so a crash never loses a finished step. There is
no going back and no skipping. At the end the screening is finished and
sealed (``S.finish_screening``) and a thank-you screen shows the results, or
not, as the battery says.

Nothing here lets the candidate out: closing the window asks for the HR
(admin) password, Esc only shows how to call HR, and the timed pages' own
abandon and leave bars are never shown (Esc is what opened them). Every try
to leave, every refused paste and every time the application loses the
focus (with how long) is recorded as an incident of the screening. HR, with
the password, can end a step early (stored as abandoned) or stop the
screening. A desktop window cannot stop Alt+Tab or Ctrl+Alt+Del: it sees
them as a loss of focus, and records them (README, "The screening session").

Times: ``clock`` returns milliseconds, like the main window's; incidents
carry ``t``, the milliseconds since the step was shown.
"""

from __future__ import annotations

import html
import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.assets import ContentError
from typing_test.core.quiz.session import draw_quiz
from typing_test.core.screening import practice
from typing_test.core.screening.batteries import (
    BatteryOutcome,
    DataEntryStep,
    QuizStep,
    Step,
    TypingStep,
    quiz_banks_for_step,
    shown_kph,
)
from typing_test.core.typing.automation import automation_flags
from typing_test.core.typing.data_entry import DataEntryBar
from typing_test.core.typing.entry_tasks import load_tasks
from typing_test.core.typing.passages import choose_passage
from typing_test.core.typing.scoring import PassBar
from typing_test.store import records
from typing_test.store import screenings as S
from typing_test.store.database import DatabaseError, Store, now_iso
from typing_test.store.ledger import sealer_for
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.focus_watch import FocusWatch
from typing_test.ui.common.paste_guard import PasteGuard
from typing_test.ui.common.review_parts import show_banner
from typing_test.ui.common.theme import PAGE_MARGINS, page_layout, set_role
from typing_test.ui.email.checker_loader import CheckerLoader
from typing_test.ui.email.proofreading_page import ProofreadingPage
from typing_test.ui.email.writing_page import WritingPage
from typing_test.ui.quiz.quiz_page import QuizPage
from typing_test.ui.screening.hr_password import HrPasswordBar
from typing_test.ui.typing.form_entry_page import MOVES, FormEntryPage
from typing_test.ui.typing.tenkey_page import TenKeyPage
from typing_test.ui.typing.typing_area import LINE_BREAK_MARK
from typing_test.ui.typing.typing_test_page import TypingTestPage

if TYPE_CHECKING:
    from typing_test.core.email.drills import DrillSet
    from typing_test.core.quiz.banks import Bank
    from typing_test.core.screening.seals import SealKey
    from typing_test.core.typing.entry_tasks import EntryTask
    from typing_test.core.typing.passages import Passage

CALL_HR = ("To leave, or if you need help, raise your hand and call HR. "
           "Trying to leave this window is recorded.")
TYPING_HINT = (f"The timer starts on your first keystroke. At {LINE_BREAK_MARK} press Enter "
               "(Space works too).")
KIND_WORDS = {
    "typing": "a typing test",
    "proofreading": "a proofreading drill",
    "writing": "a writing drill",
    "quiz": "a quiz",
    "data-entry": "a data-entry test",
}
# The data-entry pages' hints without "Esc abandons" (in a screening it does not).
FORM_ENTRY_HINTS = (f"Key the document into the form. {MOVES} The timer starts on your "
                    "first key.", MOVES)
TENKEY_HINTS = ("Key each number as shown, without commas, and press Enter. The timer "
                "starts on your first key.", "Key the number, then Enter.")


def _minutes(seconds: float) -> str:
    """``seconds`` in words: "5 minutes", "1 minute 30 seconds".

    >>> _minutes(300), _minutes(90), _minutes(60)
    ('5 minutes', '1 minute 30 seconds', '1 minute')
    """
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


@dataclass
class StepContent:
    """What one step runs with, drawn as its instructions are shown: a passage,
    a drill, a quiz or a data-entry task; ``problem`` says why the step cannot run (HR must then
    end it early)."""

    seconds: float = 0.0
    passage: Passage | None = None
    drill: object | None = None  # a ProofreadingDrill or WritingScenario
    quiz: object | None = None  # a Quiz
    entry_task: EntryTask | None = None  # a data-entry step's task
    problem: str = ""


def page_key(step: Step) -> str:
    """Which page runs ``step``: its kind, or for a data-entry step its mode's
    page ("form-entry" or "tenkey").

    >>> page_key(DataEntryStep("Keying", "tenkey", 180, 8000))
    'tenkey'
    >>> page_key(QuizStep("Word quiz", ("word",), 10, 5, 70))
    'quiz'
    """
    if isinstance(step, DataEntryStep):
        return "form-entry" if step.mode == "form" else "tenkey"
    return step.kind


def step_instructions(step: Step, content: StepContent) -> str:
    """What the candidate is told about a step before it starts (plain text)."""
    if isinstance(step, TypingStep):
        return ("Type the passage shown, as quickly and accurately as you can. The timer "
                "starts on your first keystroke. Mistakes you leave count against your speed; "
                "Backspace corrects them.")
    if isinstance(step, QuizStep):
        tasks = {"only": "Each question is an Excel formula to type into a cell.",
                 "include": "Some questions are Excel formulas to type into a cell.",
                 "none": "Choose the right answer to each question."}[step.formula_tasks]
        count = len(content.quiz.items) if content.quiz is not None else step.count
        return (f"Answer {count} question{'s' if count != 1 else ''}. {tasks} You can move "
                "between the questions and flag one to come back to before you submit. "
                "Unanswered questions count as wrong.")
    if isinstance(step, DataEntryStep):
        if step.mode == "form":
            return ("Key each record of the document shown into the form, field after field, "
                    "as quickly and accurately as you can. Amounts and dates are checked by "
                    "value; names, account numbers and references must match exactly. Tab "
                    "moves to the next field.")
        keypad = (" Use the numeric keypad on the right of the keyboard."
                  if step.keypad_required else "")
        return ("Key each number in the column shown and press Enter after it, as quickly "
                "and accurately as you can. An entry counts only when every digit is right."
                + keypad)
    if step.kind == "proofreading":
        return ("Correct every mistake in a customer email, editing it in place as in any "
                "editor. Changing text that was already right counts against you. Submit "
                "when you are done.")
    return ("Read a customer's situation and write the reply email it asks for, covering "
            "every point listed beside it. Spelling, grammar and tone count. Submit when you "
            "are done.")


class ScreeningWindow(QWidget):
    """Runs the steps of screening ``screening_id`` from ``start_position``.

    ``key`` is HR's seal key (every finished step and the finished screening
    are sealed with it); ``clock`` returns milliseconds; ``banks``, ``drills``
    and ``passages`` are the content the steps draw from. ``finished`` carries
    the screening id once the window has closed for good (only HR, with the
    password, closes it). ``checker_source`` checks writing drills (a new
    loader when None); ``rng`` draws the drill, passage and quiz seed.
    """

    finished = Signal(str)

    def __init__(
        self,
        store: Store,
        key: SealKey,
        screening_id: str,
        *,
        clock: Callable[[], float],
        banks: list[Bank],
        drills: DrillSet,
        passages: list[Passage],
        start_position: int = 0,
        parent: QWidget | None = None,
        checker_source: CheckerLoader | None = None,
        rng: random.Random | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Nothing else of the application takes input while the screening runs.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.store = store
        self.screening_id = screening_id
        self._sealer = sealer_for(store, key)
        self._clock = clock
        self._banks, self._drills, self._passages = banks, drills, passages
        self._rng = rng or random.Random()
        self._checker = checker_source if checker_source is not None else CheckerLoader(
            parent=self)
        screening = S.screening(store, screening_id)
        self.battery = screening["battery"]
        self.candidate_name = S.get_candidate(store, screening["candidate_id"])["name"]
        self.setWindowTitle(f"Screening: {self.battery.name}")
        self.setAccessibleName("Screening")

        self.position = start_position  # the step being shown or run
        self.phase = "instructions"  # instructions, practice, step, finished or closed
        self.outcome: BatteryOutcome | None = None
        self.content = StepContent()
        self._attempt_id: str | None = None
        self._started_at = ""
        self._step_shown_ms = 0.0
        self._hr_action = ""  # "end-step" or "stop" while HR ends a running step
        self._may_close = False
        self._lost_at: tuple[int | None, int | None] = (None, None)  # where focus was lost

        self._build_pages()
        self._build_screens()
        self._build_bars()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.screens, 1)
        # The bars below the screen, with the page margins; shown with a bar.
        self.bar_area = QWidget()
        bars = QVBoxLayout(self.bar_area)
        left, _top, right, bottom = PAGE_MARGINS
        bars.setContentsMargins(left, 0, right, bottom)
        self._bars = (self.notice_bar, self.hr_bar, self.hr_options)
        for bar in self._bars:
            bars.addWidget(bar)
        self.bar_area.hide()
        layout.addWidget(self.bar_area)

        self.focus_watch = FocusWatch(clock=lambda: self._clock() / 1000, parent=self)
        self.focus_watch.focusLost.connect(self._on_focus_lost)
        self.focus_watch.focusReturned.connect(self._on_focus_returned)
        self.focus_watch.start()
        QApplication.instance().installEventFilter(self)
        self._show_instructions()

    # Building ------------------------------------------------------------------

    def _seconds(self) -> float:
        return self._clock() / 1000  # the drill and quiz pages count in seconds

    def _build_pages(self) -> None:
        """The six real pages and their six practice twins."""
        self.pages: dict[str, QWidget] = {}
        self.practice_pages: dict[str, QWidget] = {}
        for pages, slot in ((self.pages, self._on_step_finished),
                            (self.practice_pages, self._on_practice_finished)):
            typing = TypingTestPage(clock=self._clock)
            typing.before_start_hint = typing.running_hint = TYPING_HINT
            pages["typing"] = typing
            pages["proofreading"] = ProofreadingPage(clock=self._seconds)
            pages["writing"] = WritingPage(clock=self._seconds, checker_source=self._checker,
                                           live_check=False)  # underlines would proofread
            pages["quiz"] = QuizPage(clock=self._seconds)
            pages["form-entry"] = FormEntryPage(clock=self._clock)
            pages["tenkey"] = TenKeyPage(clock=self._clock)
            for key, hints in (("form-entry", FORM_ENTRY_HINTS), ("tenkey", TENKEY_HINTS)):
                pages[key].before_start_hint, pages[key].running_hint = hints
                pages[key].pasteRefused.connect(self._on_paste_refused)
            for page in pages.values():
                page.finished.connect(slot)
            typing.typing_area.pasteRefused.connect(self._on_paste_refused)
            pages["proofreading"].editor.pasteRefused.connect(self._on_paste_refused)
            pages["writing"].editor.pasteRefused.connect(self._on_paste_refused)
            pages["quiz"].formula_guard.pasteRefused.connect(self._on_paste_refused)

    def answer_fields(self, practice_too: bool = False) -> list[QWidget]:
        """Every answer field of the real pages (and of the practice pages)."""
        groups = [self.pages] + ([self.practice_pages] if practice_too else [])
        return [field for pages in groups for field in (
            pages["typing"].typing_area, pages["proofreading"].editor,
            pages["writing"].editor, pages["quiz"].formula_edit,
            *pages["form-entry"].answer_fields, *pages["tenkey"].answer_fields)]

    def _build_screens(self) -> None:
        self.screens = QStackedWidget()

        # The instructions of a step.
        self.instructions_screen = QWidget()
        self.step_count_label = QLabel()
        set_role(self.step_count_label, "hint")
        self.step_title_label = QLabel()
        set_role(self.step_title_label, "title")
        self.step_title_label.setWordWrap(True)
        self.instructions_label = QLabel()
        set_role(self.instructions_label, "lead")
        self.instructions_label.setWordWrap(True)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("stepFacts")
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextFormat(Qt.TextFormat.RichText)
        facts_card = QFrame()
        set_role(facts_card, "panel")
        card_layout = QVBoxLayout(facts_card)
        card_layout.setContentsMargins(20, 14, 20, 14)
        card_layout.addWidget(self.facts_label)
        self.rules_label = QLabel(
            "The steps come one after the other: once a step is over you cannot go back to "
            "it. Pasting is switched off in every answer. " + CALL_HR)
        set_role(self.rules_label, "hint")
        self.rules_label.setWordWrap(True)
        self.problem_label = QLabel()
        set_role(self.problem_label, "error")
        self.problem_label.setWordWrap(True)
        self.practice_button = QPushButton("&Try the practice")
        set_role(self.practice_button, "primary")
        self.practice_button.clicked.connect(self.start_practice)
        layout = page_layout(QVBoxLayout(self.instructions_screen))
        layout.addWidget(self.step_count_label)
        layout.addWidget(self.step_title_label)
        layout.addWidget(self.instructions_label)
        layout.addWidget(facts_card)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        layout.addLayout(button_row(self.practice_button))

        # The practice: a page like the real one, with a bar saying it does not count.
        self.practice_screen = QWidget()
        self.practice_label = QLabel()
        self.practice_label.setWordWrap(True)
        self.practice_bar = QFrame()
        self.practice_bar.setObjectName("practiceBar")
        set_role(self.practice_bar, "infoBar")
        bar_layout = QHBoxLayout(self.practice_bar)
        bar_layout.addWidget(self.practice_label, 1)
        self.start_step_button = QPushButton()  # the page's own button is the primary one
        self.start_step_button.setAutoDefault(False)
        self.start_step_button.clicked.connect(self.start_step)
        bar_layout.addWidget(self.start_step_button)
        self.practice_stack = QStackedWidget()
        for page in self.practice_pages.values():
            self.practice_stack.addWidget(page)
        layout = QVBoxLayout(self.practice_screen)
        left, top, right, _bottom = PAGE_MARGINS
        layout.setContentsMargins(0, top, 0, 0)
        layout.setSpacing(0)
        bar_row = QHBoxLayout()
        bar_row.setContentsMargins(left, 0, right, 0)
        bar_row.addWidget(self.practice_bar)
        layout.addLayout(bar_row)
        layout.addWidget(self.practice_stack, 1)

        # The real step.
        self.step_stack = QStackedWidget()
        for page in self.pages.values():
            self.step_stack.addWidget(page)

        # The end.
        self.thanks_screen = QWidget()
        self.thanks_title = QLabel()
        set_role(self.thanks_title, "title")
        self.thanks_lead = QLabel()
        set_role(self.thanks_lead, "lead")
        self.thanks_lead.setWordWrap(True)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.results_label = QLabel()
        self.results_label.setObjectName("stepResults")
        self.results_label.setWordWrap(True)
        self.results_label.setTextFormat(Qt.TextFormat.RichText)
        self.call_hr_label = QLabel()
        set_role(self.call_hr_label, "notice")
        self.call_hr_label.setWordWrap(True)
        self.hr_close_button = QPushButton("HR: &close this screen")
        set_role(self.hr_close_button, "primary")
        self.hr_close_button.clicked.connect(
            lambda: self.ask_hr("Closing this screen needs the HR password."))
        layout = page_layout(QVBoxLayout(self.thanks_screen))
        layout.addWidget(self.thanks_title)
        layout.addWidget(self.thanks_lead)
        layout.addWidget(self.verdict_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.results_label)
        layout.addStretch(1)
        layout.addWidget(self.call_hr_label)
        layout.addLayout(button_row(self.hr_close_button))

        for screen in (self.instructions_screen, self.practice_screen, self.step_stack,
                       self.thanks_screen):
            self.screens.addWidget(screen)

    def _build_bars(self) -> None:
        # Esc, or a try to close: how to call HR, and HR's way in.
        self.notice_label = QLabel(CALL_HR)
        self.notice_label.setWordWrap(True)
        self.hr_button = QPushButton("&HR password...")
        self.hr_button.clicked.connect(lambda: self.ask_hr("HR: type the admin password."))
        self.back_button = QPushButton("&Back to the test")
        self.back_button.clicked.connect(self._back_to_candidate)
        self.notice_bar = QFrame()
        self.notice_bar.setObjectName("callHrBar")
        set_role(self.notice_bar, "warningBar")
        notice_layout = QHBoxLayout(self.notice_bar)
        notice_layout.addWidget(self.notice_label, 1)
        for button in (self.hr_button, self.back_button):
            button.setAutoDefault(False)
            notice_layout.addWidget(button)
        self.notice_bar.hide()

        self.hr_bar = HrPasswordBar(self.store)
        self.hr_bar.unlocked.connect(self._on_hr_unlocked)
        self.hr_bar.refused.connect(
            lambda message: self._incident("hr_password_refused", detail=message))
        self.hr_bar.cancelled.connect(self._back_to_candidate)

        # What HR may do once unlocked.
        self.hr_options_label = QLabel("HR: what would you like to do?")
        self.end_step_button = QPushButton("&End this step early")
        self.end_step_button.setToolTip("The step is stored as not finished, and never passes; "
                                        "the candidate goes on to the next step")
        self.end_step_button.clicked.connect(self.end_step_early)
        self.stop_button = QPushButton("&Quit the screening")
        self.stop_button.setToolTip("The screening is closed as abandoned; the steps finished "
                                    "so far are kept")
        self.stop_button.clicked.connect(self.stop_screening)
        self.close_button = QPushButton("C&lose this screen")
        self.close_button.clicked.connect(self.close_for_good)
        self.resume_button = QPushButton("&Back to the candidate")
        self.resume_button.clicked.connect(self._back_to_candidate)
        self.hr_options = QFrame()
        self.hr_options.setObjectName("hrOptions")
        set_role(self.hr_options, "infoBar")
        options_layout = QHBoxLayout(self.hr_options)
        options_layout.addWidget(self.hr_options_label, 1)
        for button in (self.end_step_button, self.stop_button, self.close_button,
                       self.resume_button):
            button.setAutoDefault(False)
            options_layout.addWidget(button)
        self.hr_options.hide()

    # The steps -----------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.battery.steps[self.position]

    def _show_instructions(self) -> None:
        """Show the instructions of the step at ``position`` (or finish after the last)."""
        if self.position >= len(self.battery.steps):
            self._finish_screening()
            return
        self.phase = "instructions"
        step = self.step
        self.content = self._draw(step)
        total = len(self.battery.steps)
        self.step_count_label.setText(f"Step {self.position + 1} of {total}")
        self.step_title_label.setText(step.title)
        self.instructions_label.setText(step_instructions(step, self.content))
        what = KIND_WORDS[step.kind]
        if isinstance(step, DataEntryStep):
            what += " (form entry)" if step.mode == "form" else " (10-key)"
        facts = [f"<b>This step:</b> {what}",
                 f"<b>Time:</b> {_minutes(self.content.seconds)}" if self.content.seconds
                 else ""]
        if isinstance(step, DataEntryStep) and step.mode == "tenkey":
            facts.append("<b>Keys:</b> " + ("digits on the numeric keypad (Num Lock on)"
                                            if step.keypad_required else
                                            "the numeric keypad or the number row"))
        if self.battery.show_results:
            facts.append(f"<b>To pass:</b> {step.rule()}")
        facts.append("<b>First:</b> a short practice item, which does not count")
        self.facts_label.setText("<br>".join(fact for fact in facts if fact))
        self.problem_label.setText(
            f"This step cannot start: {self.content.problem}. Please call HR."
            if self.content.problem else "")
        self.problem_label.setVisible(bool(self.content.problem))
        self.practice_button.setEnabled(not self.content.problem)
        self.screens.setCurrentWidget(self.instructions_screen)
        self.practice_button.setFocus()

    def _draw(self, step: Step) -> StepContent:
        """The passage, drill, quiz or data-entry task of ``step``, drawn now."""
        try:
            if isinstance(step, TypingStep):
                passage = choose_passage(self._passages, step.category, self._rng,
                                         difficulty=step.difficulty)
                return StepContent(seconds=step.duration_s, passage=passage)
            if isinstance(step, DataEntryStep):
                tasks = [task for task in load_tasks() if step.offers(task)]
                if not tasks:
                    wanted = ", ".join(step.tasks) if step.tasks else f"any {step.mode} task"
                    raise ContentError(f"none of its data-entry tasks is installed ({wanted})")
                return StepContent(seconds=step.duration_s, entry_task=self._rng.choice(tasks))
            if isinstance(step, QuizStep):
                quiz = draw_quiz(quiz_banks_for_step(step, self._banks), step.count,
                                 topics=step.topics, pass_mark=step.min_score,
                                 seed=self._rng.randrange(2**31))
                return StepContent(seconds=round(step.time_limit_minutes * 60), quiz=quiz)
            pool = self._drills.proofreading if step.kind == "proofreading" else \
                self._drills.writing
            available = [drill_id for drill_id in step.drills if drill_id in pool]
            if not available:
                raise ContentError(f"none of its drills is installed ({', '.join(step.drills)})")
            drill = pool[self._rng.choice(available)]
            return StepContent(seconds=drill.time_limit_seconds, drill=drill)
        except (ContentError, ValueError) as error:
            return StepContent(problem=str(error))

    def start_practice(self) -> None:
        """Show the practice item of the current step's kind."""
        if self.phase != "instructions" or self.content.problem:
            return
        self.phase = "practice"
        kind = self.step.kind
        page = self.practice_pages[page_key(self.step)]
        self.practice_stack.setCurrentWidget(page)
        self.start_step_button.setText(f"&Ready: start step {self.position + 1}")
        self.practice_label.setText(
            "Practice: this does not count. Try it, then start the real step when you are "
            "ready.")
        self.screens.setCurrentWidget(self.practice_screen)
        if kind == "typing":
            page.start_passage(practice.practice_passage(), practice.PRACTICE_TYPING_S,
                               "practice", "Practice: type this sentence")
        elif kind == "proofreading":
            page.start(practice.practice_drill())
        elif kind == "writing":
            page.start(practice.practice_scenario())
        elif isinstance(self.step, DataEntryStep):
            page.start(practice.practice_entry_task(self.step.mode), practice.PRACTICE_ENTRY_S,
                       keypad_required=self.step.keypad_required)
        else:
            formula = isinstance(self.step, QuizStep) and self.step.formula_tasks == "only"
            page.start(practice.practice_quiz(formula=formula), practice.PRACTICE_QUIZ_S)
        self._screening_hints(page)

    def _on_practice_finished(self, outcome: object) -> None:
        if self.phase != "practice":
            return  # the practice was stopped because the real step started
        self.practice_label.setText(
            f"Practice over ({_practice_summary(outcome)}); it does not count. "
            "Start the real step when you are ready.")
        self.start_step_button.setFocus()

    def start_step(self) -> None:
        """Start the real step: stop the practice, store the step's start, run its page."""
        if self.phase != "practice":
            return
        self.phase = "step"
        self._stop_page(self.practice_pages[page_key(self.step)])
        step, content = self.step, self.content
        page = self.pages[page_key(step)]
        for field in self.answer_fields(practice_too=True):
            PasteGuard.of(field).setEnabled(True)  # on by default; never off in a screening
        self._started_at = now_iso()
        self._step_shown_ms = self._clock()
        if isinstance(step, TypingStep):
            start_row = {"kind": "typing", "item_id": content.passage.id,
                         "item_title": content.passage.title}
        elif isinstance(step, QuizStep):
            start_row = {"kind": "quiz", "item_id": ",".join(content.quiz.topics),
                         "item_title": step.title}
        elif isinstance(step, DataEntryStep):
            start_row = {"kind": "data-entry", "item_id": content.entry_task.id,
                         "item_title": content.entry_task.title}
        else:
            start_row = {"kind": step.kind, "item_id": content.drill.id,
                         "item_title": content.drill.title}
        try:
            self._attempt_id = S.begin_step(self.store, self.screening_id, self.position,
                                            {**start_row, "started_at": self._started_at})
        except (S.ScreeningError, DatabaseError, sqlite3.Error) as error:
            self._attempt_id = None
            self._say_failure(f"the start of this step could not be saved ({error})")
        self.step_stack.setCurrentWidget(page)
        self.screens.setCurrentWidget(self.step_stack)
        if isinstance(step, TypingStep):
            passage = content.passage
            page.start_passage(passage.text, step.duration_s, passage.id, step.title)
        elif isinstance(step, QuizStep):
            page.start(content.quiz, round(content.seconds))
        elif isinstance(step, DataEntryStep):
            page.start(content.entry_task, step.duration_s, keypad_required=step.keypad_required)
        else:
            page.start(content.drill)
        self._screening_hints(page)

    def _screening_hints(self, page: QWidget) -> None:
        """The drill pages' hints say Esc abandons; in a screening it does not."""
        if isinstance(page, ProofreadingPage):
            count = len(page.drill.mistakes)
            page.hint_label.setText(
                f"This email has {count} mistakes. Click in the email and edit it as in any "
                "editor; changing text that was already right counts against you. Submit "
                "when you are done.")
        elif isinstance(page, WritingPage):
            page.hint_label.setText("Read the situation, then write your email on the right. "
                                    "Submit when you are done.")

    def _on_step_finished(self, outcome: object) -> None:
        """Store the finished step (sealed), then go on to the next one."""
        if self.phase != "step":
            return
        step, content = self.step, self.content
        page = self.pages[page_key(step)]
        try:
            row = self._attempt_row(step, content, page, outcome)
            if self._attempt_id:
                row["id"] = self._attempt_id
            S.record_step(self.store, self.screening_id, self.position, row,
                          sealer=self._sealer)
        except (S.ScreeningError, DatabaseError, sqlite3.Error) as error:
            self.phase = "failed"
            self._say_failure(f"step {self.position + 1} could not be saved ({error})")
            return
        self._attempt_id = None
        self.position += 1
        action, self._hr_action = self._hr_action, ""
        if action == "stop":
            self._close_screening("abandoned")
            return
        self._show_instructions()

    def _attempt_row(self, step: Step, content: StepContent, page: QWidget,
                     outcome: object) -> dict:
        """The attempts-table row of a finished step (built by store/records.py)."""
        if isinstance(step, TypingStep):
            session = outcome
            result = session.result()
            row = records.typing_attempt(
                result, bar=PassBar(step.min_net_wpm, step.min_accuracy),
                passage_id=content.passage.id, passage_title=content.passage.title,
                passage_text=content.passage.text, keystrokes=session.events,
                incidents=session.incidents, test_length_s=session.duration_s,
                category=step.category or "",
                status="abandoned" if session.abandoned else "completed",
                started_at=self._started_at)
            # For HR's review: a log typed by a program is flagged, never failed.
            row["figures"]["flags"] = [flag.as_json() for flag in automation_flags(
                session.events)]
            return row
        if isinstance(step, QuizStep):
            return records.quiz_attempt(outcome, content.quiz, time_limit_s=content.seconds,
                                        timed_out=page.timed_out, abandoned=page.abandoned,
                                        started_at=self._started_at)
        if isinstance(step, DataEntryStep):
            return records.data_entry_attempt(
                outcome, bar=DataEntryBar(min_accuracy=step.min_accuracy, min_kph=step.min_kph),
                started_at=self._started_at)
        if step.kind == "proofreading":
            return records.proofreading_attempt(outcome, started_at=self._started_at)
        return records.writing_attempt(outcome, started_at=self._started_at)

    def _stop_page(self, page: QWidget) -> None:
        """End whatever ``page`` is running, as abandoned (nothing if it is over)."""
        page.abandon()

    def _finish_screening(self) -> None:
        """Every step is stored: close the screening, sealed, and thank the candidate."""
        try:
            self.outcome = S.finish_screening(self.store, self.screening_id, "completed",
                                              sealer=self._sealer)
        except (S.ScreeningError, DatabaseError, sqlite3.Error) as error:
            self.phase = "failed"
            self._say_failure(f"the screening could not be closed ({error})")
            return
        self._show_thanks()

    def _show_thanks(self) -> None:
        self.phase = "finished"
        self.thanks_title.setText(f"Thank you, {self.candidate_name}")
        self.thanks_lead.setText("You have finished every step of the screening.")
        outcome = self.outcome
        if self.battery.show_results and outcome is not None:
            show_banner(self.verdict_label, "Passed" if outcome.passed else "Not passed",
                        "pass" if outcome.passed else "fail")
            lines = [f"<b>{verdict.title}</b>: {'passed' if verdict.passed else 'not passed'}"
                     f" ({_escape(verdict.reason)})" for verdict in outcome.steps]
            if outcome.weighted_score is not None:
                lines.append(f"<b>Weighted score</b>: {outcome.weighted_score:.0f} % "
                             f"({_escape(outcome.rule)})")
            self.results_label.setText("<br>".join(lines))
            self.verdict_label.show()
            self.results_label.show()
        else:
            self.verdict_label.hide()
            self.verdict_label.clear()
            self.results_label.setText("HR will tell you the results.")
        self.call_hr_label.setText("Please call HR now. They will close this screen.")
        self.screens.setCurrentWidget(self.thanks_screen)
        self.hr_close_button.setFocus()

    # HR ------------------------------------------------------------------------

    def ask_hr(self, question: str) -> None:
        """Show the password bar (HR's only way to end a step, stop or close)."""
        self.notice_bar.hide()
        self.hr_options.hide()
        self.hr_bar.ask(question)

    def _on_hr_unlocked(self, _key: object) -> None:
        self._incident("hr_unlocked", detail="HR typed the admin password")
        running = self.phase == "step"
        self.end_step_button.setVisible(
            running or (self.phase == "instructions" and bool(self.content.problem)))
        self.stop_button.setVisible(self.phase in ("instructions", "practice", "step", "failed"))
        self.close_button.setVisible(self.phase == "finished")
        self.resume_button.setVisible(self.phase != "failed")
        self.hr_options.show()
        focus = next((button for button in (self.end_step_button, self.close_button,
                                            self.stop_button) if button.isVisibleTo(self)),
                     self.resume_button)
        focus.setFocus()

    def end_step_early(self) -> None:
        """HR ends the running step: stored as abandoned, then the next step."""
        self.hr_options.hide()
        self._incident("hr_ended_step", detail=f"HR ended step {self.position + 1} early")
        if self.phase == "instructions" and self.content.problem:
            self._record_unrunnable_step()
            return
        if self.phase == "step":
            self._hr_action = "end-step"
            self._stop_page(self.pages[page_key(self.step)])

    def _record_unrunnable_step(self) -> None:
        """Store a step that could not start as abandoned, with why."""
        step = self.step
        row = {"kind": step.kind, "status": "abandoned", "item_title": step.title,
               "details": {"problem": self.content.problem}}
        try:
            S.record_step(self.store, self.screening_id, self.position, row,
                          sealer=self._sealer)
        except (S.ScreeningError, DatabaseError, sqlite3.Error) as error:
            self._say_failure(f"step {self.position + 1} could not be saved ({error})")
            return
        self.position += 1
        self._show_instructions()

    def stop_screening(self) -> None:
        """HR stops the screening: a running step is stored as abandoned, and the
        screening is closed as abandoned (a screening with a step not finished
        never passes)."""
        self.hr_options.hide()
        self._incident("hr_stopped", detail=f"HR stopped the screening at step "
                                             f"{self.position + 1}")
        if self.phase == "step":
            self._hr_action = "stop"
            self._stop_page(self.pages[page_key(self.step)])  # its finished closes the screening
            return
        if self.phase == "practice":
            self.phase = "instructions"
            self._stop_page(self.practice_pages[page_key(self.step)])
        self._close_screening("abandoned")

    def _close_screening(self, status: str) -> None:
        try:
            self.outcome = S.finish_screening(self.store, self.screening_id, status,
                                              sealer=self._sealer)
        except (S.ScreeningError, DatabaseError, sqlite3.Error) as error:
            self._say_failure(f"the screening could not be closed ({error})")
            return
        self.close_for_good()

    def close_for_good(self) -> None:
        """Close the window (after HR's password): nothing of this candidate stays."""
        self._may_close = True
        self.close()

    def _back_to_candidate(self) -> None:
        self.notice_bar.hide()
        self.hr_options.hide()
        if self.hr_bar.isVisible():
            self.hr_bar.cancel()
            return
        self._refocus()

    def _refocus(self) -> None:
        """Give the keyboard back to what the candidate was doing."""
        if self.phase == "step":
            page = self.pages[page_key(self.step)]
            field = {"typing": getattr(page, "typing_area", None),
                     "proofreading": getattr(page, "editor", None),
                     "writing": getattr(page, "editor", None)}.get(self.step.kind)
            if isinstance(page, FormEntryPage | TenKeyPage):
                field = page.focusWidget()  # the field the candidate was keying into
            (field or page).setFocus()
        elif self.phase == "instructions":
            self.practice_button.setFocus()
        elif self.phase == "finished":
            self.hr_close_button.setFocus()

    def _say_failure(self, what: str) -> None:
        self.notice_label.setText(f"Something went wrong: {what}. Please call HR. "
                                  "Every step finished before is kept.")
        self.back_button.hide()
        self.notice_bar.show()

    # Leaving, pasting, focus -------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Esc anywhere in this window only shows how to call HR. (And the bar
        area shows while one of its bars does.)"""
        kind = event.type()
        if kind in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent) and \
                watched in getattr(self, "_bars", ()):
            self.bar_area.setVisible(any(not bar.isHidden() for bar in self._bars))
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_Escape:
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes here, not to a page's Esc shortcut
            return True
        if self.hr_bar.isVisible() or self.hr_options.isVisible():
            self._back_to_candidate()  # HR backing out of the password bar
            return True
        self.escape_pressed()
        return True

    def escape_pressed(self) -> None:
        """Esc: record it as a try to leave and say how to call HR."""
        self._incident("leave_attempt", detail="pressed Esc")
        self._show_call_hr()

    def _show_call_hr(self) -> None:
        self.notice_label.setText(CALL_HR)
        self.back_button.setVisible(self.phase != "failed")
        self.back_button.setText("&Back to the test" if self.phase == "step" else "&Back")
        self.notice_bar.show()
        self.back_button.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Closing asks for the HR password; after it, nothing of the candidate stays."""
        if not self._may_close:
            event.ignore()
            self._incident("leave_attempt", detail="tried to close the window")
            self.ask_hr("Closing the screening needs the HR password.")
            return
        QApplication.instance().removeEventFilter(self)
        self.focus_watch.stop()  # an absence still open is recorded now
        self.focus_watch.focusLost.disconnect(self._on_focus_lost)
        self.focus_watch.focusReturned.disconnect(self._on_focus_returned)
        self._clear()
        self.phase = "closed"
        super().closeEvent(event)
        self.finished.emit(self.screening_id)

    def _clear(self) -> None:
        """Empty every page and screen, so nothing of this candidate can be seen."""
        for pages in (self.pages, self.practice_pages):
            for kind, page in pages.items():
                if kind == "typing":
                    page.typing_area.set_passage("")
                    page.title_label.clear()
                elif kind == "quiz":
                    page.formula_edit.clear()
                    page.prompt_label.clear()
                elif kind == "form-entry":
                    for field in page.answer_fields:
                        field.show_value("")
                    page.document_label.clear()
                    page.title_label.clear()
                elif kind == "tenkey":
                    page.entry_field.show_value("")
                    for label in page.column_labels:
                        label.clear()
                    page.title_label.clear()
                else:
                    page.editor.set_email("")
                    page.title_label.clear()
        for label in (self.thanks_title, self.thanks_lead, self.results_label,
                      self.verdict_label, self.step_title_label, self.facts_label):
            label.clear()

    def _step_position(self) -> int | None:
        return self.position if self.phase == "step" else None

    def _t(self) -> int | None:
        """Milliseconds since the running step was shown (None between steps)."""
        if self.phase != "step":
            return None
        return round(self._clock() - self._step_shown_ms)

    def _incident(self, kind: str, *, detail: str = "", t: int | None = None,
                  duration_ms: int | None = None, position: int | None = -1) -> None:
        """Record an incident of this screening (never lets a failure stop the session)."""
        if position == -1:
            position = self._step_position()
        if t is None:
            t = self._t()
        if position is None:
            where = {"practice": "during the practice", "instructions": "on the instructions",
                     "finished": "on the thank-you screen"}.get(self.phase, "")
            if where and self.position < len(self.battery.steps):
                where += f" of step {self.position + 1}"
            detail = f"{detail} ({where})" if where else detail
        try:
            S.record_incident(self.store, self.screening_id, kind, step_position=position,
                              t=t, detail=detail, duration_ms=duration_ms)
        except (DatabaseError, sqlite3.Error, S.ScreeningError) as error:
            self._say_failure(f"an incident could not be recorded ({error})")

    def _on_paste_refused(self, how: str, chars: int) -> None:
        self._incident("paste", detail=f"{how}: {chars} characters refused")

    def _on_focus_lost(self, _at_s: float) -> None:
        self._lost_at = (self._step_position(), self._t())

    def _on_focus_returned(self, _at_s: float, away_s: float) -> None:
        position, t = self._lost_at
        self._incident("focus_lost", detail=f"away from the test for {away_s:.1f} s",
                       t=t, duration_ms=round(away_s * 1000), position=position)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _practice_summary(outcome: object) -> str:
    """A few words on how the practice went."""
    from typing_test.core.email.proofreading import ProofreadingAttempt
    from typing_test.core.email.writing import WritingAttempt
    from typing_test.core.quiz.session import QuizResult
    from typing_test.core.typing.entry_session import EntryOutcome

    if isinstance(outcome, EntryOutcome):
        result = outcome.result()
        right = (f"{result.fields_right} of {result.fields_scored} fields right"
                 if outcome.task.kind == "form" else
                 f"{result.entries_right} of {result.entries} numbers right")
        return f"{right}, {shown_kph(result.kph)} KPH"
    if isinstance(outcome, ProofreadingAttempt):
        return f"{len(outcome.result.fixed)} of {outcome.result.seeded} mistakes corrected"
    if isinstance(outcome, WritingAttempt):
        return f"your reply scored {outcome.feedback.score:g} out of 100"
    if isinstance(outcome, QuizResult):
        return f"{outcome.correct} of {outcome.total} right"
    result = outcome.result()
    return f"{result.net_wpm:.0f} net WPM, {result.accuracy:.0f} % accuracy"


def launch_screening(main_window: QWidget, key: SealKey, screening_id: str,
                     start_position: int = 0) -> ScreeningWindow:
    """Open a ScreeningWindow over ``main_window``'s store and content, full
    screen; the main window hides until the screening window has closed."""
    window = ScreeningWindow(
        main_window.store, key, screening_id,
        clock=main_window._clock,  # noqa: SLF001 (the window's injected clock)
        banks=main_window.banks, drills=main_window.drills, passages=main_window.passages,
        start_position=start_position, parent=main_window,
        checker_source=main_window.checker_loader,
    )

    def back_to_hr(_screening_id: str) -> None:
        main_window.show()
        main_window.raise_()

    window.finished.connect(back_to_hr)
    main_window.hide()
    window.showFullScreen()
    return window
