"""Loading and validating drill files, and checks on the bundled drills."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from typing_test.core.assets import ContentError
from typing_test.core.email.drills import (
    MISTAKE_KINDS,
    Fact,
    ProofreadingDrill,
    RedFlag,
    RequiredPoint,
    WritingScenario,
    drills_dir,
    load_drills,
    load_proofreading_drill,
    load_writing_scenario,
)
from typing_test.core.email.writing import assess_reply

GOOD_TEXT = """
Hello Ana,

We {{recieve|receive}} many requests, and {{its|it's|it is}} our job to answer them.
Please {{sned|send}} the form by {{monday|Monday}}. This is {{teh|the}} last step.

Kind regards,
Ben
"""


def proofreading_toml(
    drill_id: str = "good",
    text: str = GOOD_TEXT,
    mistakes: int = 5,
    extra: str = "",
    table: str = 'kind = "spelling"\nreason = "A reason."\n',
) -> str:
    tables = "".join(f"\n[[mistakes]]\n{table}" for _ in range(mistakes))
    return (
        f'id = "{drill_id}"\ntitle = "A drill"\ndifficulty = "easy"\n{extra}'
        f'text = """{text}"""\n{tables}'
    )


WRITING = """
id = "{id}"
title = "A scenario"
difficulty = "medium"
subject_required = true
min_words = 40
max_words = 120
situation = "A customer asks for a refund."
{extra}
[[points]]
label = "Say sorry"
keywords = ["sorry", "apolog*"]

[[points]]
label = "Confirm the refund and when"
keywords = [["refund*"], ["days", "week"]]
"""


def write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def broken(tmp_path: Path, content: str, name: str = "good.toml") -> str:
    """The ContentError message for a proofreading file holding ``content``."""
    path = write(tmp_path / "proofreading", name, content)
    with pytest.raises(ContentError) as error:
        load_proofreading_drill(path)
    message = str(error.value)
    assert message.startswith(f"proofreading/{name}: ")
    return message


# --- a good proofreading file ------------------------------------------------


def test_markers_give_text_offsets_and_reference(tmp_path):
    drill = load_proofreading_drill(write(tmp_path, "good.toml", proofreading_toml()))
    assert drill.id == "good" and drill.title == "A drill" and drill.difficulty == "easy"
    assert drill.text.startswith("Hello Ana,\n\nWe recieve many requests, and its our job")
    assert drill.reference.startswith("Hello Ana,\n\nWe receive many requests, and it's our job")
    assert drill.text.endswith("Kind regards,\nBen")
    assert "{" not in drill.text + drill.reference
    assert [m.mistake for m in drill.mistakes] == ["recieve", "its", "sned", "monday", "teh"]
    for mistake in drill.mistakes:
        assert drill.text[mistake.start : mistake.end] == mistake.mistake
    assert drill.mistakes[1].corrections == ("it's", "it is")
    assert drill.mistakes[0].kind == "spelling" and drill.mistakes[0].reason == "A reason."
    assert drill.time_limit_minutes == 5 and drill.time_limit_seconds == 300


def test_time_limit_and_cross_check(tmp_path):
    content = proofreading_toml(extra="time_limit_minutes = 7.5\n").replace(
        "[[mistakes]]\n", '[[mistakes]]\nmistake = "recieve"\n', 1
    )
    drill = load_proofreading_drill(write(tmp_path, "good.toml", content))
    assert drill.time_limit_seconds == 450


def test_crlf_file_and_trailing_spaces_are_tidied(tmp_path):
    content = proofreading_toml(text=GOOD_TEXT.replace("\n", "   \r\n"))
    path = tmp_path / "good.toml"
    path.write_bytes(content.encode("utf-8"))
    drill = load_proofreading_drill(path)
    assert "\r" not in drill.text and " \n" not in drill.text


# --- broken proofreading files -------------------------------------------------


def test_bad_toml(tmp_path):
    assert "not valid TOML" in broken(tmp_path, 'id = "good"\ntitle = "unclosed\n')


def test_not_utf8(tmp_path):
    path = tmp_path / "proofreading" / "good.toml"
    path.parent.mkdir()
    path.write_bytes(b'title = "caf\xe9"\n')
    with pytest.raises(ContentError, match="not UTF-8"):
        load_proofreading_drill(path)


def test_missing_file(tmp_path):
    with pytest.raises(ContentError, match="cannot read"):
        load_proofreading_drill(tmp_path / "nothing.toml")


@pytest.mark.parametrize("key", ["id", "title", "text"])
def test_missing_key(tmp_path, key):
    content = proofreading_toml()
    if key == "text":
        content = re.sub(r'text = """.*?"""\n', "", content, flags=re.DOTALL)
    else:
        content = "\n".join(line for line in content.split("\n") if not line.startswith(f"{key} ="))
    message = broken(tmp_path, content)
    assert f"'{key}' is missing or empty" in message


def test_missing_mistake_tables(tmp_path):
    assert "[[mistakes]]" in broken(tmp_path, proofreading_toml(mistakes=0))


def test_marker_and_table_counts_differ(tmp_path):
    message = broken(tmp_path, proofreading_toml(mistakes=4))
    assert "5 {{...}} markers but there are 4 [[mistakes]] tables" in message


@pytest.mark.parametrize("count", [4, 13])
def test_wrong_number_of_mistakes(tmp_path, count):
    text = "Hello.\n" + " ".join(f"{{{{teh|the}}}} w{n}." for n in range(count))
    message = broken(tmp_path, proofreading_toml(text=text, mistakes=count))
    assert f"needs 5 to 12 mistakes, this one has {count}" in message


def test_twelve_mistakes_are_allowed(tmp_path):
    text = "Hello.\n" + " ".join(f"{{{{teh|the}}}} w{n}." for n in range(12))
    path = write(tmp_path, "good.toml", proofreading_toml(text=text, mistakes=12))
    assert len(load_proofreading_drill(path).mistakes) == 12


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{{teh|the}}", "{{teh}}", "has no correction"),
        ("{{teh|the}}", "{{teh|}}", "empty correction"),
        ("{{teh|the}}", "{{|the}}", "empty mistake"),
        ("{{teh|the}}", "{{teh|teh}}", "is the same as the mistake"),
        ("{{teh|the}}", "{{ teh|the}}", "starts or ends with a space"),
        ("{{teh|the}}", "{{teh|the|the}}", "twice"),
        ("{{teh|the}}", "{{teh|the}", "stray '{'"),
        ("{{teh|the}}", "teh|the}}", "stray '}'"),
        ("{{teh|the}}", "{{teh|{the}}", "brace"),
        ("{{recieve|receive}}", "re{{cieve|ceive}}", "splits a word"),
        ("{{recieve|receive}}", "{{recieve|receive}}{{,|;}}", "touch"),
    ],
)
def test_marker_mistakes(tmp_path, old, new, expected):
    text = GOOD_TEXT.replace(old, new)
    mistakes = 6 if expected == "touch" else 5
    message = broken(tmp_path, proofreading_toml(text=text, mistakes=mistakes))
    assert expected in message
    if expected not in ("touch",):
        assert "text line" in message


def test_a_whitespace_only_correction_is_rejected(tmp_path):
    text = GOOD_TEXT.replace("{{teh|the}}", "{{a  lot|a lot}}")
    message = broken(tmp_path, proofreading_toml(text=text))
    assert "same as the mistake" in message


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('kind = "typo"\nreason = "R."\n', "'kind' must be one of"),
        ('kind = "spelling"\n', "'reason' is missing or empty"),
        ('kind = "spelling"\nreason = "  "\n', "'reason' is missing or empty"),
        ('kind = "spelling"\nreason = """Line one.\nLine two."""\n', "must be one line"),
        ('kind = "spelling"\nreason = "R."\nhint = "x"\n', "unknown key 'hint'"),
        ('kind = "spelling"\nreason = "R."\nmistake = "teh"\n', "follow the order"),
    ],
)
def test_bad_mistake_tables(tmp_path, table, expected):
    message = broken(tmp_path, proofreading_toml(table=table))
    assert expected in message
    assert "mistake 1 ({{recieve|...}} on text line 3)" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('difficulty = "easy"', 'difficulty = "tricky"', "'difficulty' must be one of"),
        ('id = "good"', 'id = "other"', "must match the file name"),
        ('id = "good"', 'id = "Good Drill"', "lower-case words joined by hyphens"),
        ('title = "A drill"', 'title = ""', "'title' is missing or empty"),
        ('title = "A drill"', 'title = "T"\ntitel = "x"', "unknown key 'titel'"),
        ('title = "A drill"', 'title = "T"\ntime_limit_minutes = 0', "positive number"),
        ('title = "A drill"', 'title = "T"\ntime_limit_minutes = -2', "positive number"),
        ('title = "A drill"', 'title = "T"\ntime_limit_minutes = true', "positive number"),
        ('title = "A drill"', 'title = "T"\ntime_limit_minutes = nan', "positive number"),
        ('title = "A drill"', 'title = "T"\ntime_limit_minutes = "5"', "positive number"),
    ],
)
def test_bad_top_level_values(tmp_path, old, new, expected):
    content = proofreading_toml()
    assert old in content
    assert expected in broken(tmp_path, content.replace(old, new, 1))


# --- more accepted corrections, contractions next to markers ----------------------


def test_also_accept_adds_corrections_that_the_reference_does_not_show(tmp_path):
    table = 'kind = "spelling"\nreason = "A reason."\nalso_accept = ["get", "have received"]\n'
    content = proofreading_toml(table=table)
    drill = load_proofreading_drill(write(tmp_path, "good.toml", content))
    first = drill.mistakes[0]
    assert first.corrections == ("receive",)
    assert first.also_accepted == ("get", "have received")
    assert first.accepted == ("receive", "get", "have received")
    assert drill.reference.startswith("Hello Ana,\n\nWe receive many requests")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"get"', "'also_accept' must be a list of corrections (strings)"),
        ("[1]", "'also_accept' must be a list of corrections (strings)"),
        ('["get", ["x"]]', "'also_accept' must be a list of corrections (strings)"),
        ('["g{et"]', "must be one line without braces"),
        ('["get\\nit"]', "must be one line without braces"),
        ('[""]', "empty correction"),
        ('[" get"]', "starts or ends with a space"),
        ('["recieve"]', "is the same as the mistake"),
        ('["receive"]', "twice"),
        ('["get", "get"]', "twice"),
        ('["It"]', "changes the word next to it"),
    ],
)
def test_broken_also_accept_is_reported_with_the_file_name(tmp_path, value, expected):
    table = f'kind = "spelling"\nreason = "A reason."\nalso_accept = {value}\n'
    text = GOOD_TEXT
    if value == '["It"]':
        # "It" before "'s" reads "It is": a change outside the marker.
        text = GOOD_TEXT.replace("We {{recieve|receive}} many", "{{Shopp|Shop}}'s")
    message = broken(tmp_path, proofreading_toml(text=text, table=table))
    assert expected in message
    assert "mistake 1 ({{" in message and "on text line 3)" in message
    folder = tmp_path / "folder"
    write(folder / "proofreading", "good.toml", proofreading_toml(text=text, table=table))
    problems = load_drills(folder).problems
    assert [p.message.split(": ")[0] for p in problems] == ["proofreading/good.toml"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # "There's" reads "There is": the "'s" outside the marker would change.
        ("{{teh|the}} last step", "{{Their|There}}'s a last step", "changes the word next to it"),
        # "don't" reads "do not": the marker would cut the contraction in two.
        ("{{teh|the}} last step", "{{don|do}}'t stop", "splits a word or a contraction"),
        # Grading reads a contraction as its expansion: no change at all.
        ("{{teh|the}} last step", "{{it is|it's}} the last step", "is the same as the mistake"),
    ],
)
def test_markers_and_contractions(tmp_path, old, new, expected):
    message = broken(tmp_path, proofreading_toml(text=GOOD_TEXT.replace(old, new)))
    assert expected in message
    assert "text line 4" in message


def test_a_contraction_and_its_expansion_may_both_be_listed(tmp_path):
    text = GOOD_TEXT.replace("{{teh|the}} last", "the last. We {{dont|don't|do not}} wait")
    drill = load_proofreading_drill(write(tmp_path, "good.toml", proofreading_toml(text=text)))
    assert drill.mistakes[-1].accepted == ("don't", "do not")


# --- writing scenarios -----------------------------------------------------------


def test_good_writing_scenario(tmp_path):
    path = write(tmp_path, "refund.toml", WRITING.format(id="refund", extra=""))
    scenario = load_writing_scenario(path)
    assert scenario.id == "refund" and scenario.subject_required
    assert (scenario.min_words, scenario.max_words) == (40, 120)
    assert scenario.time_limit_minutes == 10
    assert scenario.points[0].keywords == (("sorry", "apolog*"),)
    assert scenario.points[1].keywords == (("refund*",), ("days", "week"))
    assert scenario.model_reply == ""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("min_words = 40", "min_words = 400", "must be less than 'max_words'"),
        ("min_words = 40", "min_words = 0", "positive whole number"),
        ("max_words = 120", "", "'max_words' must be a positive whole number"),
        ("subject_required = true", 'subject_required = "yes"', "true or false"),
        ('situation = "A customer asks for a refund."', "", "'situation' is missing"),
        ('keywords = ["sorry", "apolog*"]', "keywords = []", "'keywords' must be a list"),
        ('keywords = ["sorry", "apolog*"]', 'keywords = ["sorry", ["x"]]', "must be a list"),
        ('keywords = ["sorry", "apolog*"]', 'keywords = ["--"]', "letter or digit"),
        ('label = "Say sorry"', 'label = ""', "point 1: 'label' is missing"),
        ('label = "Say sorry"', 'label = "S"\nhint = "x"', "point 1: unknown key 'hint'"),
    ],
)
def test_broken_writing_scenarios(tmp_path, old, new, expected):
    content = WRITING.format(id="refund", extra="")
    assert old in content
    path = write(tmp_path / "writing", "refund.toml", content.replace(old, new, 1))
    with pytest.raises(ContentError) as error:
        load_writing_scenario(path)
    assert str(error.value).startswith("writing/refund.toml: ")
    assert expected in str(error.value)


def test_writing_scenario_point_count(tmp_path):
    no_points = WRITING.format(id="refund", extra="").split("[[points]]")[0]
    path = write(tmp_path, "refund.toml", no_points)
    with pytest.raises(ContentError, match=r"\[\[points\]\]"):
        load_writing_scenario(path)
    many = no_points + '\n[[points]]\nlabel = "L"\nkeywords = ["k"]\n' * 9
    path = write(tmp_path, "refund.toml", many)
    with pytest.raises(ContentError, match="at most 8 points"):
        load_writing_scenario(path)


FACTS_AND_FLAGS = """
[[points]]
label = "Give the fee"
facts = ["the fee"]

[[facts]]
label = "the fee"
kind = "amount"
value = "$25.00"
near = ["fee"]

[[red_flags]]
label = "Refuses the refund"
keywords = ["not refund*"]

[[red_flags]]
label = "Asks for the password"
keywords = [["send", "tell"], ["your password"]]
ignore = ["password reset"]
"""


def test_writing_scenario_with_facts_and_red_flags(tmp_path):
    content = WRITING.format(id="refund", extra="") + FACTS_AND_FLAGS
    scenario = load_writing_scenario(write(tmp_path, "refund.toml", content))
    assert scenario.facts == (Fact("the fee", "amount", "$25.00", ("fee",)),)
    assert scenario.points[2] == RequiredPoint("Give the fee", (), ("the fee",))
    assert scenario.red_flags == (
        RedFlag("Refuses the refund", (("not refund*",),)),
        RedFlag(
            "Asks for the password", (("send", "tell"), ("your password",)), ("password reset",)
        ),
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('value = "$25.00"', 'value = "25"', "fact 1 ('the fee'): '25' is not one amount"),
        ('value = "$25.00"', 'value = "05/03"', "fact 1 ('the fee'): '05/03' is not one amount"),
        ('kind = "amount"', 'kind = "date"', "'$25.00' is not one date"),
        ('kind = "amount"\nvalue = "$25.00"', 'kind = "date"\nvalue = "05/03"', "read two ways"),
        ('kind = "amount"', 'kind = "money"', "'kind' must be one of amount, date, day, time"),
        ('value = "$25.00"', 'value = ""', "fact 1 ('the fee'): 'value' is missing"),
        ('value = "$25.00"', 'value = "order"', "not one amount"),
        ('kind = "amount"\nvalue = "$25.00"', 'kind = "reference"\nvalue = "order"', "digits"),
        ('near = ["fee"]', 'near = "fee"', "'near' must be a list of words"),
        ('near = ["fee"]', "", "fact 1 ('the fee'): 'near' must list words"),
        ('near = ["fee"]', 'nearby = ["fee"]', "fact 1: unknown key 'nearby'"),
        (
            'facts = ["the fee"]',
            'facts = ["the fees"]',
            "no [[facts]] table has the label 'the fees'",
        ),
        ('facts = ["the fee"]', 'facts = "the fee"', "'facts' must be a list"),
        ('label = "Give the fee"\nfacts = ["the fee"]', 'label = "Give the fee"', "'keywords'"),
        (
            'keywords = ["not refund*"]',
            "keywords = []",
            "red flag 1 ('Refuses the refund'): 'keywords'",
        ),
        ('keywords = ["not refund*"]', 'keywords = ["not --"]', "letter or digit"),
        ('label = "Refuses the refund"', 'label = ""', "red flag 1: 'label' is missing"),
        (
            'ignore = ["password reset"]',
            "ignore = [1]",
            "red flag 2 ('Asks for the password'): 'ignore'",
        ),
        ('ignore = ["password reset"]', 'unless = ["x"]', "red flag 2: unknown key 'unless'"),
    ],
)
def test_broken_facts_and_red_flags_are_reported_by_file_name(tmp_path, old, new, expected):
    content = WRITING.format(id="refund", extra="") + FACTS_AND_FLAGS
    assert old in content
    path = write(tmp_path / "writing", "refund.toml", content.replace(old, new, 1))
    with pytest.raises(ContentError) as error:
        load_writing_scenario(path)
    assert str(error.value).startswith("writing/refund.toml: ")
    assert expected in str(error.value)


def test_a_broken_red_flag_is_listed_with_the_other_drill_problems(tmp_path):
    content = WRITING.format(id="refund", extra="") + FACTS_AND_FLAGS
    write(tmp_path / "writing", "refund.toml", content.replace('["not refund*"]', "[]"))
    write(tmp_path / "writing", "good.toml", WRITING.format(id="good", extra=""))
    drills = load_drills(tmp_path)
    assert list(drills.writing) == ["good"]
    assert [p.message.split(":")[0] for p in drills.problems] == ["writing/refund.toml"]
    assert "red flag 1" in drills.problems[0].message


@pytest.mark.parametrize("key", ["red_flags", "facts"])
def test_red_flags_and_facts_must_be_tables(tmp_path, key):
    content = WRITING.format(id="refund", extra=f'{key} = "none"')
    with pytest.raises(ContentError, match=rf"missing the \[\[{key}\]\] tables"):
        load_writing_scenario(write(tmp_path, "refund.toml", content))


def test_two_facts_with_one_label_are_refused(tmp_path):
    content = WRITING.format(id="refund", extra="") + FACTS_AND_FLAGS
    twice = content + '\n[[facts]]\nlabel = "the fee"\nkind = "day"\nvalue = "Monday"\n'
    twice += 'near = ["on"]\n'
    with pytest.raises(ContentError, match="two facts have the label 'the fee'"):
        load_writing_scenario(write(tmp_path, "refund.toml", twice))


# --- loading a folder -------------------------------------------------------------


def test_load_drills_keeps_good_files_and_lists_problems(tmp_path):
    write(tmp_path / "proofreading", "good.toml", proofreading_toml())
    write(tmp_path / "proofreading", "bad.toml", "this is not toml")
    write(tmp_path / "proofreading", "short.toml", proofreading_toml("short", mistakes=4))
    write(tmp_path / "writing", "refund.toml", WRITING.format(id="refund", extra=""))
    write(tmp_path / "writing", "good.toml", WRITING.format(id="good", extra=""))
    drills = load_drills(tmp_path)
    assert list(drills.proofreading) == ["good"]
    assert list(drills.writing) == ["refund"]
    problems = {p.path.name: p.message for p in drills.problems}
    assert set(problems) == {"bad.toml", "short.toml", "good.toml"}
    assert problems["bad.toml"].startswith("proofreading/bad.toml: not valid TOML")
    assert "[[mistakes]] tables" in problems["short.toml"]
    # The writing scenario reuses the proofreading drill's id.
    assert "id 'good' is already used by proofreading/good.toml" in problems["good.toml"]
    assert isinstance(drills.get("good"), ProofreadingDrill)
    assert isinstance(drills.get("refund"), WritingScenario)
    with pytest.raises(KeyError):
        drills.get("nothing")


def test_load_drills_orders_by_difficulty_then_id(tmp_path):
    folder = tmp_path / "proofreading"
    for name, difficulty in (("a", "hard"), ("b", "easy"), ("c", "medium"), ("d", "easy")):
        write(folder, f"{name}.toml", proofreading_toml(name).replace("easy", difficulty, 1))
    assert list(load_drills(tmp_path).proofreading) == ["b", "d", "c", "a"]


def test_missing_folder(tmp_path):
    drills = load_drills(tmp_path / "nowhere")
    assert not drills.proofreading and not drills.writing
    assert "not found" in drills.problems[0].message


# --- the bundled drills -------------------------------------------------------------

BUNDLED = load_drills()
# Words spelled differently in British and American English. Proofreading
# emails avoid them outside the seeded mistakes, so that a candidate who
# "corrects" one to the other spelling is not marked down for it.
VARIANT_SPELLINGS = re.compile(
    r"\b(apologi[sz]\w*|organi[sz]\w*|reali[sz]\w*|recogni[sz]\w*|authori[sz]\w*|"
    r"prioriti[sz]\w*|finali[sz]\w*|customi[sz]\w*|minimi[sz]\w*|summari[sz]\w*|"
    r"analy[sz]\w*|colou?r\w*|favou?r\w*|behaviou?r\w*|honou?r\w*|labou?r\w*|harbou?r\w*|"
    r"cent(re|er)s?|met(re|er)s?|licen[cs]e\w*|cheques?|programmes?|catalogue?s?|"
    r"cancel+(ed|ing|ation)|travel+(ed|ing|er)|label+(ed|ing)|model+(ed|ing)|"
    r"fulfil+\w*|enquir\w*|inquir\w*|practi[cs]e\w*|judge?ment|acknowledge?ment|"
    r"defen[cs]e|offen[cs]e|grey|gray|tyres?|tires?|instal+ments?|"
    r"ageing|aging|learnt|spelt|whilst|amongst|afterwards?|towards?|"
    r"Mr|Mrs|Ms|Dr|e\.g|i\.e)\b",
    re.IGNORECASE,
)


def test_bundled_drills_load_without_problems():
    assert BUNDLED.problems == []
    assert len(BUNDLED.proofreading) >= 20
    assert len(BUNDLED.writing) >= 10
    assert drills_dir().is_dir()


def test_bundled_proofreading_drills_mix_levels_and_kinds():
    drills = list(BUNDLED.proofreading.values())
    assert {d.difficulty for d in drills} == {"easy", "medium", "hard"}
    kinds = Counter(m.kind for d in drills for m in d.mistakes)
    assert set(kinds) == set(MISTAKE_KINDS)
    assert min(kinds.values()) >= 10
    for drill in drills:
        assert 5 <= len(drill.mistakes) <= 12
        assert len({m.kind for m in drill.mistakes}) >= 3, drill.id


@pytest.mark.parametrize("drill_id", sorted(BUNDLED.proofreading))
def test_bundled_proofreading_text(drill_id):
    drill = BUNDLED.proofreading[drill_id]
    raw = drill.path.read_text(encoding="utf-8")
    assert raw.isascii()
    assert "  " not in drill.reference
    # Every table names its mistake, so a reordering is caught at load time.
    assert raw.count("\nmistake = ") == len(drill.mistakes)
    outside_mistakes = drill.text
    for mistake in reversed(drill.mistakes):
        outside_mistakes = outside_mistakes[: mistake.start] + outside_mistakes[mistake.end :]
    assert not VARIANT_SPELLINGS.findall(outside_mistakes), drill_id
    for mistake in drill.mistakes:
        assert mistake.reason.endswith(".")


@pytest.mark.parametrize("scenario_id", sorted(BUNDLED.writing))
def test_bundled_model_replies_score_100(scenario_id):
    scenario = BUNDLED.writing[scenario_id]
    assert scenario.path.read_text(encoding="utf-8").isascii()
    assert scenario.model_reply
    feedback = assess_reply(scenario, scenario.model_reply, [])
    assert feedback.score == 100, [i for i in feedback.items if i.earned < i.possible]


@pytest.mark.parametrize("scenario_id", sorted(BUNDLED.writing))
def test_bundled_scenarios_declare_facts_and_red_flags(scenario_id):
    scenario = BUNDLED.writing[scenario_id]
    assert scenario.red_flags, "every bundled scenario has something a reply must not say"
    feedback = assess_reply(scenario, scenario.model_reply, [])
    assert feedback.red_flags == () and feedback.wrong_facts == ()
    # Every fact of the situation is in its text, as the scenario writes it.
    for fact in scenario.facts:
        # Values the situation implies: 12 boxes at $18.00; from 09:00 to 13:00.
        derived = fact.label in ("the total on the wrong invoice", "how long the outage lasted")
        assert derived or fact.value.lower() in scenario.situation.lower(), fact


def test_the_examples_in_the_documentation_load(tmp_path):
    docs = Path(__file__).resolve().parent.parent / "docs" / "drills.md"
    blocks = re.findall(r"```toml\n(.*?)```", docs.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 2
    drill = load_proofreading_drill(write(tmp_path, "refund-confirmation.toml", blocks[0]))
    bundled = BUNDLED.proofreading["refund-confirmation"]
    assert (drill.text, drill.mistakes) == (bundled.text, bundled.mistakes)
    scenario = load_writing_scenario(write(tmp_path, "refund-request.toml", blocks[1]))
    assert assess_reply(scenario, scenario.model_reply, []).score == 100


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('kind = "asks-for-secret"', None),
        ('kind = "lectures-the-reader"', None),
        ('kind = "asks-for-money"', "'kind' must be one of asks-for-secret, lectures-the-reader"),
        ('kind = "asks-for-secret"\nkeywords = ["pin"]', "takes no 'keywords' or 'ignore'"),
        ('kind = "asks-for-secret"\nignore = ["pin"]', "takes no 'keywords' or 'ignore'"),
    ],
)
def test_a_red_flag_may_name_a_shared_kind(tmp_path, table, expected):
    content = WRITING.format(id="refund", extra="") + f'\n[[red_flags]]\nlabel = "L"\n{table}\n'
    path = write(tmp_path / "writing", "refund.toml", content)
    if expected is None:
        flag = load_writing_scenario(path).red_flags[0]
        assert (flag.kind, flag.keywords, flag.ignore) == (table.split('"')[1], (), ())
        return
    with pytest.raises(ContentError) as error:
        load_writing_scenario(path)
    assert str(error.value).startswith("writing/refund.toml: red flag 1 ('L'): ")
    assert expected in str(error.value)
