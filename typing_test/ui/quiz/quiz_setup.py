"""Choosing an Office-skills quiz: topics, length, time limit, pass mark; importing a bank.

Start draws the quiz with a new random seed and emits it with the time limit;
the main window shows the quiz page. Import copies a question bank (a TOML
file) into the import folder only when it has no problem at all, so a broken
bank never half-loads; its problems are listed on the page instead.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.assets import ContentError
from typing_test.core.quiz.banks import Bank, BankReport, Problem, load_bank, validate_bank_file
from typing_test.core.quiz.session import DEFAULT_PASS_MARK, draw_quiz
from typing_test.ui.common.background import BackgroundCall
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import PAGE_MARGINS, page_layout, set_role

DEFAULT_QUESTION_COUNT = 20
DEFAULT_TIME_LIMIT_MIN = 20
MAX_TIME_LIMIT_MIN = 180
TOPIC_COLUMNS = 2

TYPE_NAMES = {
    "single": ("single-choice question", "single-choice questions"),
    "multiple": ("multiple-select question", "multiple-select questions"),
    "truefalse": ("true/false question", "true/false questions"),
    "formula": ("formula task", "formula tasks"),
}



class QuizSetup(QWidget):
    """Topic, length, time and pass-mark pickers, and the bank importer.

    ``startRequested(quiz, time_limit_s)`` carries the drawn ``Quiz``;
    ``bankImported(topic)`` follows a successful import.
    """

    startRequested = Signal(object, int)
    bankImported = Signal(str)
    importFinished = Signal(object)  # the BankReport, or None when checking failed

    def __init__(self, banks: list[Bank], import_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.import_folder = Path(import_folder)
        self._banks: list[Bank] = []
        self._wanted_count = DEFAULT_QUESTION_COUNT
        self._updating_count = False
        self.topic_boxes: dict[str, QCheckBox] = {}

        heading = QLabel("Office skills quiz")
        set_role(heading, "title")
        intro = QLabel(
            "Answer questions on the Office programs you tick below, one question at a time. "
            "You can go back, change an answer and flag a question to review it before you "
            "submit. Unanswered questions count as wrong, and the quiz is submitted by itself "
            "when the time runs out."
        )
        intro.setWordWrap(True)
        set_role(intro, "lead")

        self.topics_group = QGroupBox("Topics to ask about")
        self._topics_layout = QGridLayout(self.topics_group)
        self._topics_layout.setHorizontalSpacing(24)
        self._make_topic_boxes(banks)

        self.count_box = QSpinBox()
        self.count_box.setMinimum(1)
        self.count_box.valueChanged.connect(self._on_count_changed)
        self.available_label = QLabel()
        set_role(self.available_label, "hint")
        self.time_box = QSpinBox()
        self.time_box.setRange(1, MAX_TIME_LIMIT_MIN)
        self.time_box.setValue(DEFAULT_TIME_LIMIT_MIN)
        self.time_box.setSuffix(" minutes")
        self.pass_mark_box = QSpinBox()
        self.pass_mark_box.setRange(0, 100)
        self.pass_mark_box.setValue(int(DEFAULT_PASS_MARK))
        self.pass_mark_box.setSuffix(" %")
        for box, name in ((self.count_box, "Number of questions"),
                          (self.time_box, "Time limit"), (self.pass_mark_box, "Pass mark")):
            box.setMinimumWidth(130)
            box.setAccessibleName(name)

        self.start_button = QPushButton("&Start quiz")
        self.start_button.setDefault(True)
        set_role(self.start_button, "primary")
        self.start_button.clicked.connect(self._request_start)
        self.start_error_label = QLabel()
        self.start_error_label.setWordWrap(True)
        set_role(self.start_error_label, "error")

        import_caption = QLabel("Your own questions")
        set_role(import_caption, "heading")
        import_help = QLabel(
            "Add a question bank written by your team: a .toml file in the format described "
            "under Help > Question bank format. It is checked first, and only a bank without "
            "any problem is added."
        )
        import_help.setWordWrap(True)

        # HR's controls: hidden or fixed in practice mode once HR has set an
        # admin password (set_hr_controls_open).
        self.hr_note = QLabel("The pass mark and importing question banks are set by HR.")
        self.hr_note.setObjectName("quizHrNote")
        set_role(self.hr_note, "hint")
        self.hr_note.hide()
        self.hr_controls_open = True
        self.import_button = QPushButton("&Import question bank...")
        self.import_button.clicked.connect(self._choose_bank_file)
        self.import_status_label = QLabel()
        self.import_status_label.setWordWrap(True)
        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName("Problems in the bank file")
        self.problem_list.setWordWrap(True)
        self.problem_list.setMaximumHeight(180)
        self.problem_list.setStyleSheet("QListWidget::item { padding: 3px 0; }")
        self.problem_list.hide()

        count_row = QHBoxLayout()
        count_row.addWidget(self.count_box)
        count_row.addWidget(self.available_label, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Number of questions:", count_row)
        form.addRow("Time limit:", self.time_box)
        form.addRow("Pass mark:", self.pass_mark_box)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        set_role(line, "rule")
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)

        # The page scrolls as a whole when imported topics or a long list of
        # problems make it taller than the window.
        content = QWidget()
        scroll_area = QScrollArea()
        scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab starts at the first field
        scroll_area.setWidget(content)
        scroll_area.setWidgetResizable(True)
        scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = page_layout(QVBoxLayout(content))
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.topics_group)
        layout.addLayout(form)
        layout.addWidget(self.hr_note)
        self._import_section = (line, import_caption, import_help, self.import_button,
                                self.import_status_label)
        layout.addWidget(line)
        layout.addWidget(import_caption)
        layout.addWidget(import_help)
        layout.addLayout(import_row)
        layout.addWidget(self.import_status_label)
        layout.addWidget(self.problem_list)
        layout.addStretch(1)

        # Start stays in view below the scrolling part, where every page has its
        # main button. It is laid out after the content, so Tab reaches it last.
        footer = button_row(self.start_button)
        footer.insertWidget(0, self.start_error_label, 1)
        footer.setContentsMargins(PAGE_MARGINS[0], 0, PAGE_MARGINS[2], PAGE_MARGINS[3])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area, 1)
        outer.addLayout(footer)

        self._update_count_range()

    def set_hr_controls_open(self, open_: bool) -> None:
        """Open the pass mark and the bank import (HR logged in, or no admin
        password set), or, in practice mode, fix the pass mark at the default
        and hide the import."""
        self.hr_controls_open = open_
        self.pass_mark_box.setEnabled(open_)
        if not open_:
            self.pass_mark_box.setValue(int(DEFAULT_PASS_MARK))
            self.problem_list.hide()
        for widget in self._import_section:
            widget.setVisible(open_)
        self.hr_note.setVisible(not open_)

    # Topics --------------------------------------------------------------------

    def set_banks(self, banks: Sequence[Bank]) -> None:
        """Show the topics of ``banks``; ticks on topics still present are kept."""
        self._make_topic_boxes(banks)
        self._update_count_range()

    def _make_topic_boxes(self, banks: Sequence[Bank]) -> None:
        """One check box per topic of ``banks``, ticked unless it was unticked.

        A new widget joins the end of the focus chain, so boxes made again
        (after an import) are moved back in front of the fields below them:
        Tab meets them in reading order.
        """
        was_ticked = {topic: box.isChecked() for topic, box in self.topic_boxes.items()}
        self._banks = list(banks)
        for box in self.topic_boxes.values():
            self._topics_layout.removeWidget(box)
            box.hide()  # deleted later, but gone from the screen now
            box.deleteLater()
        self.topic_boxes = {}
        for index, (topic, (title, count)) in enumerate(_topics(self._banks).items()):
            noun = "question" if count == 1 else "questions"
            box = QCheckBox(f"{title} ({count} {noun})")
            box.setChecked(was_ticked.get(topic, True))
            box.toggled.connect(self._update_count_range)
            # A check box only reacts to clicks on its box and label, so it
            # should not be wider than they are.
            box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            row, column = divmod(index, TOPIC_COLUMNS)
            self._topics_layout.addWidget(box, row, column, Qt.AlignmentFlag.AlignLeft)
            self.topic_boxes[topic] = box
        count_box = getattr(self, "count_box", None)
        if count_box is not None:  # boxes made again: put them back before the fields
            # Each call moves its second widget right after its first, so the
            # whole run from the boxes down is laid again in reading order.
            run = [*self.topic_boxes.values(), count_box, self.time_box, self.pass_mark_box,
                   self.import_button, self.problem_list, self.start_button]
            for first, second in zip(run, run[1:], strict=False):
                QWidget.setTabOrder(first, second)

    def chosen_topics(self) -> list[str]:
        """The ticked topics, in the order shown."""
        return [topic for topic, box in self.topic_boxes.items() if box.isChecked()]

    def available_questions(self) -> int:
        """How many questions the ticked topics hold together."""
        chosen = set(self.chosen_topics())
        return sum(len(bank.questions) for bank in self._banks if bank.topic in chosen)

    def _update_count_range(self) -> None:
        available = self.available_questions()
        self._updating_count = True
        self.count_box.setMaximum(max(1, available))
        # Ticking a topic back restores the length chosen before it was unticked.
        self.count_box.setValue(min(self._wanted_count, max(1, available)))
        self._updating_count = False
        self.count_box.setEnabled(available > 0)
        self.start_button.setEnabled(available > 0)
        if not self.topic_boxes:
            self.available_label.setText("No question banks are available.")
        elif available == 0:
            self.available_label.setText("Tick at least one topic.")
        else:
            self.available_label.setText(f"of {available} available in the ticked topics")
        self.start_error_label.clear()

    def _on_count_changed(self, value: int) -> None:
        if not self._updating_count:
            self._wanted_count = value

    # Starting ------------------------------------------------------------------

    def _request_start(self) -> None:
        try:
            quiz = draw_quiz(
                self._banks,
                self.count_box.value(),
                topics=self.chosen_topics(),
                pass_mark=float(self.pass_mark_box.value()),
            )
        except ValueError as error:
            self.start_error_label.setText(f"The quiz cannot start: {error}.")
            return
        self.start_error_label.clear()
        self.startRequested.emit(quiz, self.time_box.value() * 60)

    # Importing -----------------------------------------------------------------

    def _choose_bank_file(self) -> None:
        if not self.hr_controls_open:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Import question bank", str(Path.home()), "Question banks (*.toml)"
        )
        if chosen:
            self.start_import(Path(chosen))

    def start_import(self, path: Path) -> None:
        """Check and import the bank at ``path`` without freezing the window.

        Checking a bank grades every formula task and its plausible wrong
        answers, which takes seconds for a large bank, so it runs on a worker
        thread; ``importFinished`` is emitted with the report when it is done.
        """
        path = Path(path)
        self.import_button.setEnabled(False)
        set_role(self.import_status_label, "")
        self.import_status_label.setText(f"Checking {path.name}...")
        self._import_call = BackgroundCall(check_bank_import, path, self.import_folder, parent=self)
        self._import_call.finished.connect(lambda result: self._finish_import(path, *result))
        self._import_call.failed.connect(lambda message: self._import_failed(path, message))
        self._import_call.start()

    def import_bank(self, path: Path) -> BankReport:
        """Check the bank file at ``path`` and, when it has no problem, import
        it, on this thread (see ``start_import``). Returns the report."""
        path = Path(path)
        return self._finish_import(path, *check_bank_import(path, self.import_folder))

    def _import_failed(self, path: Path, message: str) -> None:
        self.import_button.setEnabled(True)
        set_role(self.import_status_label, "error")
        self.import_status_label.setText(
            f"{path.name} was not imported: checking it failed ({message}). Nothing was added."
        )
        self.importFinished.emit(None)

    def _finish_import(self, path: Path, report: BankReport, bank: Bank | None) -> BankReport:
        """Import a checked bank, or list its problems. A valid file is copied
        into the import folder, replacing a file of the same name; a broken
        one is not copied."""
        self.import_button.setEnabled(True)
        if not report.ok or bank is None:
            self._show_problems(path, report)
            self.importFinished.emit(report)
            return report

        destination = self.import_folder / path.name
        _copy_replacing(path, destination)
        imported = dataclasses.replace(bank, path=destination)
        self.set_banks(
            [known for known in self._banks if not _same_file(known.path, destination)]
            + [imported]
        )
        self.problem_list.clear()
        self.problem_list.hide()
        set_role(self.import_status_label, "success")
        self.import_status_label.setText(
            f'Imported "{bank.title}" from {path.name}: {_describe_counts(bank.counts())}. '
            f"Its topic is in the list above."
        )
        self.bankImported.emit(bank.topic)
        self.importFinished.emit(report)
        return report

    def _show_problems(self, path: Path, report: BankReport) -> None:
        count = len(report.problems)
        noun = "problem" if count == 1 else "problems"
        set_role(self.import_status_label, "error")
        self.import_status_label.setText(
            f"{path.name} was not imported: it has {count} {noun}. Nothing was added. "
            "Fix every problem listed below in the file, then import it again."
        )
        self.problem_list.clear()
        for problem in report.problems:
            self.problem_list.addItem(_problem_line(problem))
        self.problem_list.show()


def _topics(banks: Sequence[Bank]) -> dict[str, tuple[str, int]]:
    """Each topic's title (from its first bank) and question count, in the order first seen."""
    topics: dict[str, tuple[str, int]] = {}
    for bank in banks:
        title, count = topics.get(bank.topic, (bank.title, 0))
        topics[bank.topic] = (title, count + len(bank.questions))
    return topics


def check_bank_import(path: Path, import_folder: Path) -> tuple[BankReport, Bank | None]:
    """The report on importing the bank at ``path``, and the bank when it may be.

    Question ids are checked against the built-in banks and the banks already
    imported (a file of the same name is being replaced, so its ids do not
    count). Touches no widget: it runs on a worker thread.
    """
    report = validate_bank_file(path, against_builtin=True)
    if not report.ok:
        return report, None
    bank = load_bank(path)
    clashes = _clashes_with_imported(bank, import_folder)
    if clashes:
        return dataclasses.replace(report, problems=report.problems + tuple(clashes)), None
    return report, bank


def _clashes_with_imported(bank: Bank, folder: Path) -> list[Problem]:
    """Ids of ``bank`` already used by another bank in the import folder."""
    if not folder.is_dir():
        return []
    problems = []
    ids = {question.id for question in bank.questions}
    for other_path in sorted(folder.glob("*.toml")):
        if other_path.name == bank.path.name:
            continue  # the file being replaced
        try:
            other = load_bank(other_path)
        except ContentError:
            continue  # a broken file is never loaded, so its ids take nothing
        for question in other.questions:
            if question.id in ids:
                problems.append(
                    Problem(
                        str(bank.path),
                        question.id,
                        f"id already used in the imported bank {other_path.name}: "
                        "choose another id",
                    )
                )
    return problems


def _copy_replacing(source: Path, destination: Path) -> None:
    """Copy ``source`` to ``destination`` so that the destination is never half-written."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if _same_file(source, destination):
        return
    handle, temporary = tempfile.mkstemp(suffix=".part", dir=destination.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _same_file(first: Path, second: Path) -> bool:
    return first.resolve() == second.resolve()


def _describe_counts(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = []
    for kind, count in counts.items():
        if count:
            singular, plural = TYPE_NAMES.get(kind, (kind, kind))
            parts.append(f"{count} {singular if count == 1 else plural}")
    noun = "question" if total == 1 else "questions"
    return f"{total} {noun} ({', '.join(parts)})"


def _problem_line(problem: Problem) -> str:
    if problem.question_id:
        return f"{problem.question_id}: {problem.message}"
    return problem.message
