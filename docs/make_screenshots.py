"""Render the main screens offscreen to PNG files (for the README and for review).

Run: python docs/make_screenshots.py [--out DIR] [--size 1366x768] [--dark]
     [--high-contrast] [--font-scale 1.5]

With no option the screens go to docs/ at 1040x720 in the light palette.
``--dark`` renders with a dark system palette (as Windows, macOS or GNOME
give in dark mode), ``--font-scale`` with a larger system font.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from typing_test.store.database import Store  # noqa: E402
from typing_test.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent


def dark_palette() -> QPalette:
    """A dark system palette like the ones desktops give in dark mode."""
    palette = QPalette(QColor("#2b2b2b"))
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#2b2c30"),
        (QPalette.ColorRole.AlternateBase, "#323338"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#35363a"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#8ab4f8"),
        (QPalette.ColorRole.HighlightedText, "#202124"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
        (QPalette.ColorRole.ToolTipBase, "#35363a"),
        (QPalette.ColorRole.ToolTipText, "#e8eaed"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--size", default="1040x720")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--font-scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(part) for part in args.size.split("x"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.dark:
        app.setPalette(dark_palette())
    if args.font_scale != 1.0:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * args.font_scale)
        app.setFont(font)
    now = [0.0]
    store = Store.open(":memory:")
    window = MainWindow(store, clock=lambda: now[0], rng=random.Random(3))
    if args.high_contrast:
        from typing_test.ui.common.theme import ThemeWatcher

        ThemeWatcher.install(app).refresh(high_contrast=True)
    window.resize(width, height)
    window.show()
    app.processEvents()
    window.grab().save(str(out / "screen-home.png"))

    window.open_activity("typing")
    app.processEvents()
    window.grab().save(str(out / "screen-typing-setup.png"))
    window.typing_setup.startRequested.emit(60, "customer-email", "")
    page = window.typing_page
    text = page.session.passage
    rng = random.Random(5)
    for index in range(260):
        now[0] += 180
        key = text[index] if rng.random() > 0.03 else "x"
        page.typing_area.keyTyped.emit(key)
    now[0] += 300
    page.refresh()
    app.processEvents()
    window.grab().save(str(out / "screen-typing.png"))

    now[0] = 61_000
    page.refresh()
    app.processEvents()
    window.grab().save(str(out / "screen-result.png"))
    window.show_history()
    app.processEvents()
    window.grab().save(str(out / "screen-history.png"))

    # Progress: after a few more tests, a little faster each time, each with
    # its slips (more on some keys than others).
    for test in range(6):
        window.open_activity("typing")
        window.typing_setup.startRequested.emit(60, "customer-email", "")
        page = window.typing_page
        text = page.session.passage
        for index in range(min(len(text), 170 + 12 * test)):
            now[0] += 560 - 15 * test + rng.randrange(-60, 120)
            slip = 0.12 if text[index].lower() in "bvt," else 0.02
            page.typing_area.keyTyped.emit(text[index] if rng.random() > slip else "x")
        now[0] += 61_000
        page.refresh()
    window.show_progress()
    for _ in range(500):
        app.processEvents()
        if window.progress_page.data is not None:
            break
        QTest.qWait(10)
    app.processEvents()
    window.grab().save(str(out / "screen-progress.png"))
    # Targeted practice: the weak spots of the tests above, a round aimed at
    # them (a few slips), then each spot measured again.
    window.open_activity("targeted")
    app.processEvents()
    window.grab().save(str(out / "screen-targeted.png"))
    window.targeted_page.start_round()
    page = window.targeted_round_page
    text = page.session.passage
    for index in range(170):
        now[0] += 170
        key = text[index] if rng.random() > 0.02 else "x"
        page.typing_area.keyTyped.emit(key)
    page.refresh()
    app.processEvents()
    window.grab().save(str(out / "screen-targeted-round.png"))
    now[0] += 60_000
    page.refresh()
    app.processEvents()
    window.grab().save(str(out / "screen-targeted-result.png"))
    window.show_settings()
    app.processEvents()
    window.grab().save(str(out / "screen-settings.png"))

    # Email drills: a proofreading drill with two corrections, then its review.
    window.open_activity("drills")
    app.processEvents()
    window.grab().save(str(out / "screen-drills.png"))
    drill = next(iter(window.drills.proofreading.values()))
    window.start_proofreading(drill)
    app.processEvents()
    window.grab().save(str(out / "screen-proofreading.png"))
    answer = drill.text
    for mistake in reversed(drill.mistakes[:2]):
        answer = answer[: mistake.start] + mistake.corrections[0] + answer[mistake.end :]
    window.proofreading_page.editor.setPlainText(answer)
    now[0] += 150_000
    window.proofreading_page.submit()
    app.processEvents()
    window.grab().save(str(out / "screen-proofreading-review.png"))

    scenario = next(iter(window.drills.writing.values()))
    window.start_writing(scenario)
    window.writing_page.editor.setPlainText(
        "Subject: Your refund\n\nDear Ms Patel,\n\nThank you for your email. I have "
        "checked you're order and we will recieve the parcel back tomorow. Your refund "
        "will reach your card within five working days.\n\nKind regards,\nSam"
    )
    app.processEvents()
    window.grab().save(str(out / "screen-writing.png"))
    now[0] += 200_000
    window.writing_page.submit()
    for _ in range(200):
        app.processEvents()
        if window.stack.currentWidget() is window.writing_review:
            break
        window.checker_loader.check_now("")  # wait for the worker without sleeping
    app.processEvents()
    window.grab().save(str(out / "screen-writing-review.png"))

    # Office quiz: a formula task, then the result.
    window.open_activity("quiz")
    app.processEvents()
    window.grab().save(str(out / "screen-quiz-setup.png"))
    from typing_test.core.quiz.session import draw_quiz

    quiz = draw_quiz(window.banks, 8, topics=["excel", "word"], seed=4)
    window.start_quiz(quiz, 600)
    page = window.quiz_page
    for index, item in enumerate(quiz.items):
        if item.question.type == "formula":
            page.show_question(index)
            QTest.keyClicks(page.formula_edit, "=XLOOKUP(B9,C2:C7,A2:A7)")
            break
    app.processEvents()
    window.grab().save(str(out / "screen-quiz.png"))
    now[0] += 300_000
    page.submit()
    app.processEvents()
    window.grab().save(str(out / "screen-quiz-result.png"))

    data_entry_screens(window, app, now, out)
    print("wrote", ", ".join(sorted(p.name for p in out.glob("screen-*.png"))))


def data_entry_screens(window: MainWindow, app: QApplication, now: list[float],
                       out: Path) -> None:
    """The data-entry test: its setup, a form half keyed (one slip), the
    10-key column with a number-row digit pointed out, and their results."""
    from PySide6.QtCore import Qt

    window.open_activity("data-entry")
    app.processEvents()
    window.grab().save(str(out / "screen-entry-setup.png"))
    invoices = next(task for task in window.entry_tasks if task.id == "invoices")
    window.start_data_entry(invoices, 300, False)
    page = window.form_entry_page
    record = dict(invoices.records[0], amount="1,205.00")  # a transposed digit
    for index, form_field in enumerate(invoices.fields):
        for character in record[form_field.name]:
            now[0] += 160
            QTest.keyClicks(page.answer_fields[index], character)
        QTest.keyClick(page.answer_fields[index], Qt.Key.Key_Tab)
    for character in invoices.records[1]["supplier"][:9]:
        now[0] += 160
        QTest.keyClicks(page.answer_fields[0], character)
    page.refresh()
    app.processEvents()
    window.grab().save(str(out / "screen-form-entry.png"))
    now[0] += 300_000
    page.refresh()
    app.processEvents()
    window.grab().save(str(out / "screen-form-entry-result.png"))

    amounts = next(task for task in window.entry_tasks if task.id == "tenkey-amounts")
    window.start_data_entry(amounts, 180, True)
    tenkey = window.tenkey_page
    for number_index, number in enumerate(amounts.numbers[:6]):
        for character in number.replace(",", "") + "\n":
            now[0] += 140
            keypad = not (number_index == 5 and character == "7")
            key = Qt.Key.Key_Enter if character == "\n" else Qt.Key(ord(character))
            QTest.keyClick(tenkey.entry_field, key, Qt.KeyboardModifier.KeypadModifier
                           if keypad else Qt.KeyboardModifier.NoModifier)
            if not keypad:  # the number-row digit, pointed out
                app.processEvents()
                window.grab().save(str(out / "screen-tenkey.png"))
    now[0] += 200_000
    tenkey.refresh()
    app.processEvents()
    window.grab().save(str(out / "screen-tenkey-result.png"))


if __name__ == "__main__":
    main()
