"""Benchmark of the offline checker: load time and time to check one email.

Run from the repository root:

    python bench/bench_checker.py [--runs 50]

Prints the median and p99 of:

* loading the checker in a fresh Python process (import + dictionary), and,
  for comparison, constructing pyspellchecker's own ``SpellChecker()``;
* checking a 300-word email with 10 mistakes, suggestions included, with a
  new suggestion memory each run (the first check of a text) and with the
  memory kept (re-checking while the user edits);
* checking documents of 3,000, 6,000 and 12,000 words (the email repeated),
  in full and split into spelling and grammar, with the 12,000-word time as
  a multiple of the 3,000-word time.

Targets: load under 300 ms, check under 100 ms median after load; a
3,000-word document under 100 ms, and 12,000 words at most 4.5 times that
(the time grows in proportion to the text, not faster).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from typing_test.core.email.checker import Checker, load_checker  # noqa: E402
from typing_test.core.email.grammar import check_grammar  # noqa: E402
from typing_test.core.email.spelling import load_speller  # noqa: E402

# 300 words, 10 mistakes: recieved, seperate, definately, untill, accomodate,
# "an user", "their is", "should of", "dont", "alot".
EMAIL = """Subject: Update on your refund and replacement order

Dear Mr Okafor,

Thank you for your email of 14 March and for your patience while we looked into your order.
I am sorry that the blender you recieved on 9 March was damaged. I have checked the photos
you sent, and the crack in the jug is clearly the result of poor packaging, not of anything
you did.

We have arranged two things for you. First, we will send a replacement blender today by
express delivery, at no extra cost. It will arrive in a seperate box with extra padding, and
the courier will ask for a signature. Second, we will refund the original delivery charge of
$12.50 to your card. The refund will definately reach your account within five working days,
although some banks take a little longer.

Please keep the damaged blender untill the replacement arrives. Our courier will collect it
when they deliver the new one, so you do not need to print a label or visit a post office. If
the delivery time does not suit you, we can accomodate another day: just reply to this email
with a date that works better.

I have also reported the problem to our warehouse team. This is the second time this month
that an user has told us about damage to this product, so their is clearly something wrong
with the way it is packed. The team should of noticed it sooner, and they have promised to
review the packaging this week.

If you dont receive the replacement by Friday, please call our helpdesk on 0800 555 0199 and
quote reference TCK-55812. You can also track the parcel at https://track.example.com using
the number DX-40213.

Thank you again for letting us know, and I hope alot of good meals come out of the new blender.

Kind regards,
Daniel Hughes
Customer Support Team
"""

# The same email with ten misspellings that have no dictionary word one edit
# away, so each needs the slow two-edit search: the time budget caps it.
HARD_EMAIL = EMAIL
for easy, hard in [
    ("recieved", "recieveing"), ("seperate", "seperatly"), ("definately", "definatelly"),
    ("untill", "untilll"), ("accomodate", "acommodatte"), ("an user", "a comitee"),
    ("their is", "it is neccesary"), ("should of", "should hav"), ("dont", "dnot"),
    ("alot", "tommorow"),
]:
    HARD_EMAIL = HARD_EMAIL.replace(easy, hard)

LOAD_SNIPPET = """
import time
start = time.perf_counter()
from typing_test.core.email.checker import load_checker
load_checker("both")
print(time.perf_counter() - start)
"""

SPELLCHECKER_SNIPPET = """
import time
start = time.perf_counter()
from spellchecker import SpellChecker
SpellChecker()
print(time.perf_counter() - start)
"""


def percentile(samples: list[float], fraction: float) -> float:
    """The ``fraction`` quantile by the nearest-rank method."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(label: str, samples: list[float]) -> None:
    median = statistics.median(samples) * 1000
    p99 = percentile(samples, 0.99) * 1000
    print(f"{label:48} median {median:7.1f} ms   p99 {p99:7.1f} ms   ({len(samples)} runs)")


def fresh_process_seconds(snippet: str) -> float:
    root = Path(__file__).resolve().parent.parent
    output = subprocess.run(
        [sys.executable, "-c", snippet], cwd=root, check=True, capture_output=True, text=True
    ).stdout
    return float(output.strip())


def document(words: int) -> str:
    """A text of at least ``words`` words: the bench email, repeated."""
    copies = -(-words // len(EMAIL.split()))
    return "\n\n".join([EMAIL] * copies)


def timed(function: Callable[[], object], runs: int) -> list[float]:
    """The run times of ``runs`` calls of ``function``, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def size_sweep(runs: int) -> None:
    """Check time against document length: it should grow in proportion."""
    medians = {}
    for words in (3000, 6000, 12000):
        text = document(words)
        checker = Checker(load_speller("both"))  # suggestion memory shared by the runs
        samples = timed(lambda: checker.check(text), runs)  # noqa: B023
        medians[words] = statistics.median(samples)
        report(f"check {words:,} words (all)", samples)
        report(f"  spelling only ({words:,} words)", timed(
            lambda: checker.speller.find(text), runs  # noqa: B023
        ))
        report(f"  grammar only ({words:,} words)", timed(
            lambda: check_grammar(text), runs  # noqa: B023
        ))
    print(f"12,000 words take {medians[12000] / medians[3000]:.2f} times the 3,000-word time "
          "(target: at most 4.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed runs per figure")
    parser.add_argument("--load-runs", type=int, default=7, help="fresh processes per load figure")
    args = parser.parse_args()

    print(f"email: {len(EMAIL.split())} words")
    report("load checker, fresh process", [
        fresh_process_seconds(LOAD_SNIPPET) for _ in range(args.load_runs)
    ])
    report("pyspellchecker SpellChecker(), fresh process", [
        fresh_process_seconds(SPELLCHECKER_SNIPPET) for _ in range(args.load_runs)
    ])

    for label, variant in [
        ("load checker, this process, first call", "both"),
        ("load checker, second call (cached)", "both"),
        ("load checker, another variant", "us"),
    ]:
        start = time.perf_counter()
        checker = load_checker(variant)
        print(f"{label:48} {1000 * (time.perf_counter() - start):9.3f} ms")
    checker = load_checker("both")

    findings = checker.check(EMAIL)
    print(f"findings in the email: {len(findings)}")
    for finding in findings:
        print(f"  {finding.start:5} {finding.text!r:14} {finding.rule:20} {finding.suggestions}")

    cold = []
    for _ in range(args.runs):
        fresh = Checker(load_speller("both"))  # shares the word list, not the suggestion memory
        start = time.perf_counter()
        fresh.check(EMAIL)
        cold.append(time.perf_counter() - start)
    report("check 300 words, 10 mistakes, first time", cold)

    warm = []
    for _ in range(args.runs):
        start = time.perf_counter()
        checker.check(EMAIL)
        warm.append(time.perf_counter() - start)
    report("check 300 words, 10 mistakes, re-check", warm)

    hard = []
    for _ in range(args.runs):
        fresh = Checker(load_speller("both"))
        start = time.perf_counter()
        fresh.check(HARD_EMAIL)
        hard.append(time.perf_counter() - start)
    report("check, 10 two-edit mistakes (budget 50 ms)", hard)

    no_suggestions = []
    for _ in range(args.runs):
        start = time.perf_counter()
        checker.check(EMAIL, suggestions=False)
        no_suggestions.append(time.perf_counter() - start)
    report("check 300 words, no suggestions", no_suggestions)

    size_sweep(max(5, args.runs // 5))


if __name__ == "__main__":
    main()
