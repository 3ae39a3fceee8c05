"""Simulated keystroke logs, of people and of autotypers, for measuring the
automation flags (tests/test_automation.py, bench/bench_automation.py).

Written before the flags' thresholds were set, from what is published about
human typing, so the flags are measured on logs they were not fitted to:

- Speed: 168,000 volunteers typed 52 WPM on average, the fastest about
  120 WPM (Dhakal, Feit, Kristensson and Oulasvirta, "Observations on Typing
  from 136 Million Keystrokes", CHI 2018). Hunt-and-peck typists manage about
  2 keystrokes a second (500 ms apart; Long, Nimmo-Smith and Whitefield,
  "Skilled typing: a characterization based on the distribution of times
  between responses", in Cooper (ed.), Cognitive Aspects of Skilled
  Typewriting, 1983).
- Shape: the times between keystrokes are right-skewed and heavy-tailed,
  well fitted by a log-normal (González, Calot, Ierache and Hasperué, "On the
  shape of timings distributions in free-text keystroke dynamics profiles",
  Heliyon 7, 2021), so each gap here is a log-normal draw.
- Letters: a letter pair typed by the two hands is quicker than one typed by
  one hand, and one finger twice is slowest (Dhakal et al. 2018); the first
  letter of a word, capitals (Shift), digits and punctuation take longer.
- Pauses to read or think, wrong keys noticed a few keys later and put right
  with Backspace, fast typists' rollover (the next key pressed before the
  last one is up: keydowns a few milliseconds apart).

Every log is a list of ``{"t": ms, "key": ...}`` like the app's. A log is
fixed by its kind and seed, so the figures can be reproduced.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from typing_test.core.screening.demo_answers import pair_factor  # the same model of gaps
from typing_test.core.typing.passages import load_passages

BACKSPACE = "Backspace"

# QWERTY: which hand and finger types each letter (touch-typing fingering).
_NEIGHBOURS = "qwertyuiopasdfghjklzxcvbnm"


def passage_text(seed: int, characters: int) -> str:
    """At least ``characters`` of real passage text, starting at a passage picked by ``seed``."""
    passages, _ = load_passages()
    rng = random.Random(seed)
    start = rng.randrange(len(passages))
    text = ""
    index = start
    while len(text) < characters:
        text += passages[index % len(passages)].text.replace("\n", " ") + " "
        index += 1
    return text


def human_log(
    seed: int,
    wpm: float,
    seconds: float,
    *,
    sigma: float = 0.4,
    error_rate: float = 0.02,
    pause_rate: float = 0.015,
    burstiness: float = 0.0,
    rollover: float = 0.0,
) -> list[dict]:
    """A person typing a passage at about ``wpm`` for ``seconds``.

    ``sigma`` is the log-normal spread of each gap; ``error_rate`` the chance
    of a wrong key; ``pause_rate`` the chance of stopping to read (0.5 to 3 s);
    ``burstiness`` (0 to 1) makes words come in quick bursts with longer
    gaps between them; ``rollover`` is the share of gaps that are a rolled
    key, 5 to 40 ms.
    """
    rng = random.Random(seed)
    text = passage_text(seed, int(wpm * 5 * seconds / 60 * 1.5) + 200)
    mean_gap = 12000 / wpm  # ms per character at this speed (5 characters a word)
    # The factors above average about 1.15 over prose, and log-normal noise adds
    # exp(sigma^2 / 2): divide both out so the typist's speed is about ``wpm``.
    base = mean_gap / 1.15 / math.exp(sigma**2 / 2)
    log: list[dict] = []
    t = 0.0
    previous = " "
    index = 0
    drift = rng.uniform(0.0, 0.12)  # slowing down a little over the test
    in_burst = True

    def gap(before: str, key: str) -> float:
        nonlocal in_burst
        value = base * pair_factor(before, key) * rng.lognormvariate(0, sigma)
        value *= 1 + drift * t / (seconds * 1000)
        if burstiness and before == " ":
            in_burst = rng.random() > burstiness * 0.5
            if not in_burst:
                value *= 1 + 3 * burstiness
        if burstiness and in_burst:
            value *= 1 - 0.35 * burstiness
        if rollover and rng.random() < rollover:
            value = rng.uniform(5, 40)
        if rng.random() < pause_rate:
            value += rng.uniform(500, 3000)
        return max(value, 1.0)

    while t < seconds * 1000 and index < len(text):
        key = text[index]
        if rng.random() < error_rate and key.isalpha():
            wrong = rng.choice(_NEIGHBOURS)
            t += gap(previous, wrong)
            log.append({"t": round(t), "key": wrong})
            extra = 0
            while rng.random() < 0.4 and index + 1 + extra < len(text) and extra < 3:
                extra += 1  # typed on a little before noticing
                nxt = text[index + extra]
                t += gap(log[-1]["key"], nxt)
                log.append({"t": round(t), "key": nxt})
            t += rng.uniform(150, 500)  # noticing
            for _ in range(extra + 1):
                t += base * rng.lognormvariate(0, sigma) * 0.9
                log.append({"t": round(t), "key": BACKSPACE})
            previous = BACKSPACE
        t += gap(previous, key)
        log.append({"t": round(t), "key": key})
        previous = key
        index += 1
    return [event for event in log if event["t"] < seconds * 1000]


# The people: each kind is a function of the seed, drawing its own parameters.
def slow_typist(seed: int) -> list[dict]:
    """Hunt and peck, 12 to 30 WPM: long, uneven gaps, many pauses."""
    rng = random.Random(seed)
    return human_log(seed, rng.uniform(12, 30), rng.choice([60, 120, 300]),
                     sigma=rng.uniform(0.45, 0.7), error_rate=rng.uniform(0.02, 0.06),
                     pause_rate=rng.uniform(0.02, 0.05))


def average_typist(seed: int) -> list[dict]:
    """30 to 75 WPM, around the study's 52."""
    rng = random.Random(seed)
    return human_log(seed, rng.uniform(30, 75), rng.choice([60, 120, 180, 300]),
                     sigma=rng.uniform(0.35, 0.55), error_rate=rng.uniform(0.01, 0.04),
                     pause_rate=rng.uniform(0.005, 0.02))


def fast_typist(seed: int) -> list[dict]:
    """90 to 130 WPM, the fastest of the study: steadier, with rollover."""
    rng = random.Random(seed)
    return human_log(seed, rng.uniform(90, 130), rng.choice([60, 120, 300]),
                     sigma=rng.uniform(0.28, 0.4), error_rate=rng.uniform(0.005, 0.02),
                     pause_rate=rng.uniform(0.002, 0.01), rollover=rng.uniform(0.05, 0.25))


def steady_expert(seed: int) -> list[dict]:
    """A very regular person: 100 to 120 WPM, a small log-normal spread (0.25),
    no pauses, hardly an error."""
    rng = random.Random(seed)
    return human_log(seed, rng.uniform(100, 120), rng.choice([60, 300]),
                     sigma=0.25, error_rate=0.003, pause_rate=0.0)


def bursty_typist(seed: int) -> list[dict]:
    """Words in quick bursts with gaps between them, 35 to 80 WPM."""
    rng = random.Random(seed)
    return human_log(seed, rng.uniform(35, 80), rng.choice([60, 180, 300]),
                     sigma=rng.uniform(0.35, 0.5), burstiness=rng.uniform(0.4, 1.0),
                     error_rate=rng.uniform(0.01, 0.03))


def correcting_typist(seed: int) -> list[dict]:
    """Many wrong keys, each put right with Backspace: 25 to 60 WPM."""
    rng = random.Random(seed)
    return human_log(seed, rng.uniform(25, 60), rng.choice([60, 180]),
                     sigma=rng.uniform(0.35, 0.55), error_rate=rng.uniform(0.06, 0.12))


HUMANS: dict[str, Callable[[int], list[dict]]] = {
    "slow": slow_typist,
    "average": average_typist,
    "fast 90-130 WPM": fast_typist,
    "steady expert": steady_expert,
    "bursty": bursty_typist,
    "many corrections": correcting_typist,
}


# The autotypers -------------------------------------------------------------------


def _timed(seed: int, seconds: float, gaps: Callable[[random.Random], float]) -> list[dict]:
    """A passage typed perfectly, each gap drawn by ``gaps``."""
    rng = random.Random(seed)
    text = passage_text(seed, 20000)
    log, t = [], 0.0
    for key in text:
        t += gaps(rng)
        if t >= seconds * 1000:
            break
        log.append({"t": round(t), "key": key})
    return log


def constant_bot(seed: int) -> list[dict]:
    """One key every N ms, N from 40 to 250 (48 to 300 WPM)."""
    interval = random.Random(seed).uniform(40, 250)
    return _timed(seed, random.Random(seed + 1).choice([60, 180]), lambda rng: interval)


def jitter_bot(seed: int) -> list[dict]:
    """A constant interval plus a little normal noise (2 to 10 % of it)."""
    rng0 = random.Random(seed)
    interval, spread = rng0.uniform(60, 250), rng0.uniform(0.02, 0.10)
    return _timed(seed, rng0.choice([60, 180]),
                  lambda rng: max(1.0, rng.gauss(interval, spread * interval)))


def uniform_bot(seed: int) -> list[dict]:
    """Gaps drawn evenly between a low and a high bound (AutoHotkey-style
    "random delay between X and Y")."""
    rng0 = random.Random(seed)
    low = rng0.uniform(30, 150)
    high = low * rng0.uniform(1.5, 4.0)
    return _timed(seed, rng0.choice([60, 180]), lambda rng: rng.uniform(low, high))


def replay_bot(seed: int) -> list[dict]:
    """A recorded person's gaps replayed onto another passage: timing that is
    human in every respect except that it belongs to other letters."""
    source = average_typist(seed + 10_000)
    gaps = [b["t"] - a["t"] for a, b in zip(source, source[1:], strict=False)]
    text = passage_text(seed + 1, len(gaps) + 1)
    log, t = [], 0
    for key, step in zip(text, [0, *gaps], strict=False):
        t += step
        log.append({"t": t, "key": key})
    return log


def fast_human_like_bot(seed: int) -> list[dict]:
    """Human-shaped gaps (log-normal) at 250 to 600 WPM: beyond any person."""
    rng0 = random.Random(seed)
    wpm = rng0.uniform(250, 600)
    mean = 12000 / wpm
    return _timed(seed, rng0.choice([60, 120]),
                  lambda rng: rng.lognormvariate(math.log(mean) - 0.08, 0.4))


def burst_paste_bot(seed: int) -> list[dict]:
    """Keys sent in clumps within the same millisecond, as a script that
    types a word at a time does."""
    rng0 = random.Random(seed)
    log, t = [], 0
    text = passage_text(seed, 4000)
    for word in text.split(" ")[:400]:
        t += rng0.randint(150, 900)
        for key in word + " ":
            log.append({"t": t, "key": key})
    return log


BOTS: dict[str, Callable[[int], list[dict]]] = {
    "constant interval": constant_bot,
    "constant +- small jitter": jitter_bot,
    "uniform jitter": uniform_bot,
    "replayed human timing": replay_bot,
    "human-shaped, too fast": fast_human_like_bot,
    "word at a time": burst_paste_bot,
}


def issue_logs() -> dict[str, tuple[list[dict], float | None]]:
    """The two logs of issue 9 that were trusted blindly, with their --seconds."""
    text = passage_text(0, 600)[:500]
    one_ms = [{"t": i, "key": key} for i, key in enumerate(text)]
    all_zero = [{"t": 0, "key": key} for key in text[:500]]
    return {"1 ms gaps": (one_ms, None), "all at t=0": (all_zero, 60.0)}
