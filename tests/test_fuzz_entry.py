"""Hostile task files and logs through `typing-test score-entry`: exit 0 with
figures, or exit 2 with one line on stderr; never an internal error."""

from __future__ import annotations

import contextlib
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typing_test.cli import main
from typing_test.core.assets import assets_dir

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
TASKS = assets_dir() / "data-entry"

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=True), st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def toml_value(value) -> str:
    """``value`` written as TOML (None as an empty array: TOML has no null)."""
    if value is None:
        return "[]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value != value:
        return "nan"
    if isinstance(value, float):
        return {float("inf"): "inf", float("-inf"): "-inf"}.get(value, repr(value))
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value) if isinstance(value, str) else str(value)


@FUZZ
@given(kind=st.sampled_from(["form", "tenkey", 3]), valid_start=st.booleans(),
       table=st.dictionaries(st.sampled_from(["title", "time_limit_s", "numbers", "document",
                                              "date_format", "fields", "records"]),
                             values, max_size=7))
def test_a_hostile_task_file_is_refused_with_one_line(tmp_path, kind, valid_start, table):
    task = tmp_path / "task.toml"
    if valid_start:  # get past the first checks, to the ones of each kind
        table = {**table, "title": "T", "time_limit_s": 60}
    lines = [f"kind = {toml_value(kind)}"]
    lines += [f"{key} = {toml_value(value)}" for key, value in table.items()]
    task.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log = tmp_path / "log.jsonl"
    log.write_text('{"t": 0, "key": "1"}\n', encoding="utf-8")
    code, _, err = run("score-entry", "--task", str(task), "--keystrokes", str(log))
    assert code in (0, 2)
    if code == 2:
        assert err.startswith("typing-test: error: ") and err.count("\n") == 1


events = st.dictionaries(
    st.sampled_from(["t", "key", "record", "field", "keypad"]),
    st.one_of(scalars, st.sampled_from(["Backspace", "\n", "amount", "supplier"]),
              st.integers(0, 12)),
    max_size=5)


@FUZZ
@given(task=st.sampled_from(["invoices.toml", "tenkey-amounts.toml"]),
       log=st.lists(events, max_size=12))
def test_a_hostile_log_scores_or_is_refused_with_one_line(tmp_path, task, log):
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(json.dumps(event) for event in log) + "\n", encoding="utf-8")
    code, out, err = run("score-entry", "--task", str(TASKS / task), "--keystrokes", str(path),
                         "--json")
    assert code in (0, 2)
    if code == 0:
        figures = json.loads(out)
        assert 0 <= figures["accuracy"] <= 100 and figures["kph"] >= 0
    else:
        assert err.startswith("typing-test: error: ") and err.count("\n") == 1
