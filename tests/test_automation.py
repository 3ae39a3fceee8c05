"""Automation flags: people are never flagged, key-sending programs are.

The figures are measured on simulated logs (tests/keystroke_logs.py) written
from published typing statistics before the thresholds were set. Seeds 0 to
59 of each kind were the development set (one threshold moved on them: the
hesitation ratio, from 2 to 1.75, after the steadiest simulated experts were
flagged 9 times in 60). Seeds 1000 to 1199 were measured once, and showed
that no minute rule could fire on a one-minute test (its log lasts just under
a minute); after that fix, seeds 2000 to 2199 flagged no person, but a stress
test of implausibly steady typists moved the ratio again, to 1.65; seeds 3000
to 3199 were measured once after, for the README, and the first 30 of them
are held here.
"""

from __future__ import annotations

import json

import pytest
from keystroke_logs import BOTS, HUMANS, human_log, issue_logs

from typing_test.cli import main
from typing_test.core.typing import automation_flags, score

HELD_OUT = range(3000, 3030)
# The held-out share of each program's logs that must be flagged; over 200
# seeds the README reports 100 %, 100 %, 97.5 %, 100 % and 100 %.
MUST_CATCH = {
    "constant interval": 1.0,
    "constant +- small jitter": 1.0,
    "uniform jitter": 0.9,
    "human-shaped, too fast": 1.0,
    "word at a time": 1.0,
}


@pytest.mark.parametrize("kind", sorted(HUMANS))
def test_no_person_is_flagged(kind):
    flagged = {seed: automation_flags(HUMANS[kind](seed)) for seed in HELD_OUT}
    assert {seed: flags for seed, flags in flagged.items() if flags} == {}


@pytest.mark.parametrize("kind", sorted(MUST_CATCH))
def test_key_sending_programs_are_flagged(kind):
    caught = sum(bool(automation_flags(BOTS[kind](seed))) for seed in HELD_OUT)
    assert caught / len(HELD_OUT) >= MUST_CATCH[kind]


def test_replayed_human_timing_is_beyond_timing_checks():
    # A recorded person's gaps put on other letters look human in every way
    # these checks can see; the README says so. This pins the limit down, so
    # a change that starts flagging replays must also say how it spares people.
    caught = sum(bool(automation_flags(BOTS["replayed human timing"](seed)))
                 for seed in HELD_OUT)
    assert caught == 0


def test_the_two_logs_of_the_issue_are_flagged():
    logs = issue_logs()
    one_ms, _ = logs["1 ms gaps"]
    codes = {flag.code for flag in automation_flags(one_ms)}
    assert codes == {"keys-at-once", "too-fast"}
    all_zero, _ = logs["all at t=0"]
    codes = {flag.code for flag in automation_flags(all_zero)}
    assert codes == {"keys-at-once", "too-fast"}


def _write(tmp_path, passage: str, log: list[dict]):
    passage_file = tmp_path / "passage.txt"
    passage_file.write_text(passage, encoding="utf-8")
    keys = tmp_path / "keys.jsonl"
    keys.write_text("".join(json.dumps(event) + "\n" for event in log), encoding="utf-8")
    return str(passage_file), str(keys)


def test_score_json_lists_flags_for_the_issue_logs(tmp_path, capsys):
    # 1 ms gaps scored 12,006 WPM and PASS; every key at t=0 over --seconds 60, 500 WPM.
    for name, (log, seconds) in issue_logs().items():
        passage = "".join(event["key"] for event in log)
        passage_file, keys = _write(tmp_path, passage, log)
        extra = ["--seconds", str(seconds)] if seconds else []
        assert main(["score", "--passage", passage_file, "--keystrokes", keys, "--json",
                     *extra]) == 0
        figures = json.loads(capsys.readouterr().out)
        assert figures["passed"] is True, name  # still scored as before: flagged, not failed
        codes = [flag["code"] for flag in figures["flags"]]
        assert "keys-at-once" in codes, name
        flag = figures["flags"][codes.index("keys-at-once")]
        assert set(flag) == {"code", "message", "first_key", "last_key", "start_ms", "end_ms"}
        assert flag["first_key"] == 0 and flag["last_key"] == len(log) - 1
        assert "keystrokes 1 to 500" in flag["message"]


def test_score_of_a_person_has_an_empty_flags_list(tmp_path, capsys):
    log = human_log(7, wpm=60, seconds=60)
    passage = "".join(event["key"] for event in log if event["key"] != "Backspace")
    passage_file, keys = _write(tmp_path, passage, log)
    assert main(["score", "--passage", passage_file, "--keystrokes", keys, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["flags"] == []
    assert main(["score", "--passage", passage_file, "--keystrokes", keys]) == 0
    assert "flag" not in capsys.readouterr().out


def test_plain_score_output_names_each_flag(tmp_path, capsys):
    log, _ = issue_logs()["1 ms gaps"]
    passage_file, keys = _write(tmp_path, "".join(e["key"] for e in log), log)
    assert main(["score", "--passage", passage_file, "--keystrokes", keys]) == 0
    out = capsys.readouterr().out
    assert "result             PASS" in out
    assert "flag for review    keys-at-once: " in out
    assert "flag for review    too-fast: " in out


def test_a_program_taking_over_mid_test_is_flagged_where_it_took_over():
    person = human_log(3, wpm=50, seconds=60)
    start = person[-1]["t"]
    program = [{"t": start + 120 * (i + 1), "key": "x"} for i in range(300)]
    (flag,) = automation_flags(person + program)
    assert flag.code == "regular-intervals"
    # The stretch starts within the last few of the person's keys: a window of
    # 50 gaps with only a few of theirs is still machine-even.
    assert len(person) - 10 <= flag.first_key < len(person)
    assert flag.last_key == len(person) + len(program) - 1
    assert "about 120 ms apart" in flag.message


def test_a_person_with_an_input_method_is_not_flagged():
    # A composed word of up to 12 characters arrives in one event, its keys at
    # one time: here one in every 60 keys.
    log = human_log(11, wpm=45, seconds=120)
    committed = []
    for index, event in enumerate(log):
        t = log[index - index % 60]["t"] if index % 60 < 12 else event["t"]
        committed.append({"t": t, "key": event["key"]})
    assert automation_flags(committed) == []
    # A composed word every few words is no longer keystrokes: flagged for a look.
    every_word = []
    for index, event in enumerate(log):
        t = log[index - index % 12]["t"] if index % 24 < 12 else event["t"]
        every_word.append({"t": t, "key": event["key"]})
    assert [flag.code for flag in automation_flags(every_word)] == ["keys-at-once"]


def test_time_going_back_is_flagged_at_the_keystroke():
    log = [{"t": t, "key": "a"} for t in (0, 210, 480, 400, 700)]
    (flag,) = automation_flags(log)
    assert flag.code == "time-goes-backwards"
    assert (flag.first_key, flag.last_key) == (2, 3)
    assert "Keystroke 4 is timed 400 ms, before keystroke 3 (480 ms)" in flag.message


def test_a_minute_faster_than_the_record_is_flagged_but_a_record_typist_is_not():
    def typed_at(wpm: float) -> list[dict]:
        # Varied, with a hesitation now and then: no metronome. The factors average 1.
        gaps = [0.7, 1.2, 0.8, 1.1, 0.9, 0.6, 1.3, 0.7, 1.0, 2.7]
        mean_gap = 12000 / wpm
        log, t = [], 0.0
        for i in range(int(wpm * 5 * 1.5)):  # a minute and a half
            log.append({"t": round(t), "key": "a"})
            t += mean_gap * gaps[i % len(gaps)] / 1.1
        return log

    assert [flag.code for flag in automation_flags(typed_at(240))] == ["too-fast"]
    assert "faster than the one-minute record (216 WPM)" in automation_flags(
        typed_at(240))[0].message
    assert automation_flags(typed_at(200)) == []


def test_a_one_minute_test_faster_than_the_minute_record_is_flagged():
    # A one-minute test's log lasts just under a minute: it still counts as one.
    gaps = [0.7, 1.2, 0.8, 1.1, 0.9, 0.6, 1.3, 0.7, 1.0, 2.7]
    log, t = [], 0.0
    while t < 60_000:
        log.append({"t": round(t), "key": "a"})
        t += 12000 / 260 * gaps[len(log) % len(gaps)] / 1.1
    assert [flag.code for flag in automation_flags(log)] == ["too-fast"]


def test_a_typist_steadier_than_any_measured_is_still_not_flagged():
    # Gaps that vary only with the letters (log-normal spread 0.1, no pause at
    # all): steadier than the sources describe. About 1 % of such two-minute
    # logs are still flagged (README); these ten are not.
    for seed in range(7000, 7010):
        assert automation_flags(human_log(seed, 110, 120, sigma=0.1, error_rate=0.003,
                                          pause_rate=0.0)) == [], seed


def test_scores_are_unchanged_by_flags():
    # Flags are for review: the figures and the verdict stay what they were.
    log, _ = issue_logs()["1 ms gaps"]
    passage = "".join(event["key"] for event in log)
    assert score(passage, log, log[-1]["t"] / 1000).passed()
