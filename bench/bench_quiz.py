"""Speed of opening an Office-skills quiz and of grading formula tasks.

Targets: opening a quiz of 40 questions (load every built-in bank, validate it,
draw the quiz) under 200 ms; grading one formula task (the candidate's formula
evaluated on the grid shown and on every hidden grid: the variant and any more
variants) under 20 ms median, also for the task with the most grids.

And validating the formula bank as ``typing-test bank validate`` does, with
the mutation analysis of its 30 tasks (every plausible wrong formula graded,
and the ones that pass checked on plausible sheets), under 5 s.

Run: python bench/bench_quiz.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from typing_test.core.quiz import formulas
from typing_test.core.quiz.banks import load_builtin_banks, quizzes_dir, validate_bank_file
from typing_test.core.quiz.session import draw_quiz


def measure(action: Callable[[], object], runs: int, before: Callable[[], object] | None = None):
    """Median and 99th percentile of ``action`` in milliseconds over ``runs`` runs."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return statistics.median(times), p99


def report(name: str, figures: tuple[float, float], target_ms: float) -> None:
    median, p99 = figures
    verdict = "ok" if median < target_ms else "SLOW"
    print(
        f"{name:<46} median {median:7.2f} ms   p99 {p99:7.2f} ms   target {target_ms} ms {verdict}"
    )


def main() -> None:
    seeds = iter(range(10**6))

    def open_quiz() -> None:
        draw_quiz(load_builtin_banks(), 40, seed=next(seeds))

    report(
        "open quiz of 40 (load + draw, cold engine)",
        measure(open_quiz, 30, before=formulas.clear_workbook_cache),
        200,
    )
    report("open quiz of 40 (load + draw, warm engine)", measure(open_quiz, 30), 200)

    tasks = [q for bank in load_builtin_banks() for q in bank.questions if q.type == "formula"]
    answers = [
        (question.formula, formula)
        for question in tasks
        for formula in (question.answer, *question.formula.alternatives, "=42", "=SUM(A1")
    ]
    position = iter(range(10**9))

    def grade_one() -> None:
        task, formula = answers[next(position) % len(answers)]
        task.check(formula)

    grids = sum(1 + len(question.formula.hidden_grids()) for question in tasks)
    print(f"({len(tasks)} formula tasks on {grids} grids, {len(answers)} answers graded in turn)")
    report("grade a formula task (grids' workbooks cached)", measure(grade_one, 2000), 20)
    report(
        "grade a formula task (workbooks built afresh)",
        measure(grade_one, 500, before=formulas.clear_workbook_cache),
        20,
    )

    largest = max(tasks, key=lambda question: len(question.formula.hidden_grids()))
    largest_answers = [largest.answer, *largest.formula.alternatives, "=42"]
    turn = iter(range(10**9))

    def grade_largest() -> None:
        largest.formula.check(largest_answers[next(turn) % len(largest_answers)])

    name = f"grade {largest.id} ({1 + len(largest.formula.hidden_grids())} grids, afresh)"
    report(name, measure(grade_largest, 300, before=formulas.clear_workbook_cache), 20)

    bank_file = quizzes_dir() / "excel-formulas.toml"
    counts = validate_bank_file(bank_file).mutants
    print(f"({counts.describe()})")
    report(
        "validate excel-formulas.toml (mutation analysis)",
        measure(lambda: validate_bank_file(bank_file), 7, before=formulas.clear_workbook_cache),
        5000,
    )
    report(
        "validate excel-formulas.toml (no mutation analysis)",
        measure(lambda: validate_bank_file(bank_file, mutation_analysis=False), 20),
        500,
    )


if __name__ == "__main__":
    main()
