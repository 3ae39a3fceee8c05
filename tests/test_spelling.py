"""Spelling: what is never flagged, the US/UK setting, vocabulary, suggestions."""

from __future__ import annotations

import pytest

from typing_test.core.assets import ContentError
from typing_test.core.email.checker import Checker, load_checker
from typing_test.core.email.spelling import (
    MAX_SUGGESTIONS,
    BritishPair,
    build_variant_table,
    edits1,
    load_british_words,
    load_irregular_verbs,
    load_speller,
    load_vocabulary,
    regular_forms,
    tokens,
)


class StepClock:
    """A fake clock that moves ``step`` seconds each time it is read."""

    def __init__(self, step: float = 0.0) -> None:
        self.now = 0.0
        self.step = step
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        self.now += self.step
        return self.now


def flagged(text: str, variant: str = "both") -> list[str]:
    return [f.text for f in load_speller(variant).find(text)]


# --- What is never flagged ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please ask Priya Raghunathan and Mr Okonkwo-Bello about it.",
        "Write to priya.r@example.com or support@helpdesk-example.co.uk today.",
        "See https://portal.example.com/reset?user=kowalczyk and www.examplecorp.com/help now.",
        "The file quarterly_reprot.xlsx is on the drive.",
        "Quote INV-2041, TCK-55812 or ref ABX-77 when you call.",
        "The total is $1,249.50, or 20% off, or 1.5k in all.",
        "We meet on 12/05/2025 at 10:30, or 2025-05-12 at 9am, or the 3rd at 3pm.",
        "Our SLA, KPI and CRM targets, plus the KPIs and SLAs, are on the FAQ page.",
        "Version v2b and model X5000 are in stock.",
        "We don\u2019t know; it\u2019s late and they\u2019re busy.",
        "Excel's charts, the customer's order and the customers' feedback.",
        "A co-worker pre-approved the re-send of the e-mail.",
        "Our onboarding, helpdesk, payslip, timesheet and webinar tools need a login.",
        "The colour of the centre is grey; the color of the center is gray.",
        "We organise and organize, analyse and analyze, and have travelled and traveled.",
        "Pay by cheque, pay the licence, enrol on the programme.",
    ],
)
def test_never_flagged(text):
    assert flagged(text) == []


def test_signature_lines_and_repeated_names_are_not_flagged():
    text = (
        "Hi Sam,\n\nOlamide will call you at noon. I have asked Olamide to bring the forms."
        "\n\nKind regards,\nSiobhan Kowalczyk\nAcme Haulage Ltd\n"
    )
    assert flagged(text) == []


@pytest.mark.parametrize(
    ("sign_off", "word"),
    [
        ("Sincerly,", "Sincerly"),
        ("Yours Sincerley,", "Sincerley"),
        ("Kind Reguards,", "Reguards"),
        ("Best Regads,", "Regads"),
        ("Thnaks,", "Thnaks"),
        ("With best wishs,", "wishs"),
    ],
)
def test_a_misspelled_sign_off_is_flagged_although_it_looks_like_a_name_line(sign_off, word):
    text = f"Hi Sam,\n\nThe refund is done.\n\n{sign_off}\nPriya Sharma\n"
    assert flagged(text) == [word]


@pytest.mark.parametrize(
    "signature",
    ["Sincerely,\nTom Shanks", "Thanks,\nTrudy Thanos", "Trudy,\nSales", "Regan\nSales"],
)
def test_names_close_to_sign_off_words_are_not_flagged(signature):
    assert flagged(f"Hi Sam,\n\nThe refund is done.\n\n{signature}\n") == []


def test_an_unknown_name_starting_a_sentence_is_not_flagged():
    assert flagged("Anjali from billing will call you.") == []


def test_misspellings_are_flagged_with_exact_offsets():
    text = "We recieved it. Recieved items are seperate, and the dosen't label is wrong."
    findings = load_speller("both").find(text)
    assert [f.text for f in findings] == ["recieved", "Recieved", "seperate", "dosen't"]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert (finding.kind, finding.rule) == ("spelling", "spelling")


def test_curly_apostrophe_misspelling_keeps_its_offsets():
    text = "We did\u2019nt know."
    [finding] = load_speller("both").find(text)
    assert finding.text == "did\u2019nt"
    assert text[finding.start : finding.end] == finding.text


def test_a_run_together_word_at_a_sentence_start_is_flagged_and_split():
    checker = load_checker()
    [finding] = checker.check("Thankyou for your help.", budget_s=0.0)
    assert finding.text == "Thankyou"
    assert finding.suggestions[0] == "Thank you"


def test_tokens_split_hyphenated_words_and_skip_non_words():
    words = [t.text for t in tokens("Follow-up for INV-2041 from jo@x.com, e-mail and KPIs.")]
    assert words == ["Follow", "up", "for", "from", "mail", "and"]


# --- The US/UK setting -----------------------------------------------------------


def test_us_required_flags_british_forms_with_the_us_form():
    findings = load_speller("us").find("Colour, organised, centre and cheque.")
    assert [(f.text, f.rule, f.suggestions) for f in findings] == [
        ("Colour", "us-spelling", ("Color",)),
        ("organised", "us-spelling", ("organized",)),
        ("centre", "us-spelling", ("center",)),
        ("cheque", "us-spelling", ("check",)),
    ]


def test_uk_required_flags_us_forms_with_the_british_form():
    findings = load_speller("uk").find("The color and flavor we analyzed were canceled.")
    assert [(f.text, f.rule, f.suggestions) for f in findings] == [
        ("color", "uk-spelling", ("colour",)),
        ("flavor", "uk-spelling", ("flavour",)),
        ("analyzed", "uk-spelling", ("analysed",)),
        ("canceled", "uk-spelling", ("cancelled",)),
    ]


def test_words_correct_in_both_variants_are_not_flagged():
    # "check", "license" (verb), "program", "meter", "practice", "tire" are British too;
    # "analyses" is the plural of "analysis" in both.
    assert flagged("Check the license, the program, the meter and the practice.", "uk") == []
    assert flagged("The tire story and the analyses are here.", "uk") == []
    assert flagged("The analyses are here.", "us") == []


def test_both_accepts_either_variant():
    text = "Colour or color, favourite or favorite, behaviour or behavior, jewellery or jewelry."
    assert flagged(text, "both") == []


def test_suggestions_stay_within_the_required_variant():
    assert "colour" not in load_speller("us").suggest("colourr", budget_s=0.0)
    assert load_speller("us").suggest("colourr", budget_s=0.0) == []
    uk = load_speller("uk").suggest("colourr", budget_s=0.0)
    assert uk[0] == "colour" and not {"color", "colors"} & set(uk)
    assert load_speller("uk").suggest("colorr", budget_s=0.0) == ["colour"]
    us = load_speller("us").suggest("colorr", budget_s=0.0)
    assert us[0] == "color" and not {"colour", "colours"} & set(us)


def test_variant_table_families_and_one_way_pairs():
    us_words = {"color", "colorful", "organize", "organization", "traveled", "center", "fiber"}
    table = build_variant_table(us_words.__contains__)
    assert table.us_to_uk["colorful"] == "colourful"
    assert table.us_to_uk["organization"] == "organisation"
    assert table.us_to_uk["traveled"] == "travelled"
    assert table.us_to_uk["fiber"] == "fibre"
    assert table.uk_to_us["organisation"] == "organization"
    # Family forms are only made for known US words.
    assert "colorless" not in table.us_to_uk
    # One-way pairs: the US form is also British English.
    assert table.uk_to_us["programme"] == "program"
    assert "program" not in table.us_to_uk
    assert "license" not in table.us_to_uk


# The issue's sample of British forms flagged with both spellings accepted.
ISSUE_BRITISH = (
    "unauthorised penalised italicised dishonour defenceless specialities nationalisation"
    " sulphide".split()
)
# British forms of each correspondence, with their US twins.
BRITISH_AND_US = [
    ("unauthorised", "unauthorized"), ("reorganisations", "reorganizations"),
    ("paralysed", "paralyzed"), ("dishonourable", "dishonorable"), ("centred", "centered"),
    ("defenceless", "defenseless"), ("catalogued", "cataloged"), ("cancelling", "canceling"),
    ("jewellery", "jewelry"), ("paediatric", "pediatric"), ("oestrogen", "estrogen"),
    ("sulphide", "sulfide"), ("specialities", "specialties"), ("manoeuvring", "maneuvering"),
    ("aluminium", "aluminum"), ("fulfilment", "fulfillment"), ("ageing", "aging"),
]


@pytest.mark.parametrize("word", ISSUE_BRITISH)
def test_british_forms_are_accepted_in_both_and_uk(word):
    assert flagged(f"The {word} item.", "both") == []
    assert flagged(f"The {word} item.", "uk") == []


@pytest.mark.parametrize(("uk", "us"), BRITISH_AND_US)
def test_us_flags_the_british_form_and_uk_the_us_form(uk, us):
    [finding] = load_speller("us").find(f"The {uk} item.")
    assert (finding.text, finding.rule, finding.suggestions) == (uk, "us-spelling", (us,))
    [finding] = load_speller("uk").find(f"The {us} item.")
    assert (finding.text, finding.rule, finding.suggestions) == (us, "uk-spelling", (uk,))
    assert flagged(f"The {uk} and {us} items.", "both") == []


@pytest.mark.parametrize(
    ("british", "us"),
    [
        # Not in the British word list: found by the correspondences.
        ("reauthorised", "reauthorized"), ("snorkellers", "snorkelers"),
        ("preauthorised", "preauthorized"), ("outgeneralled", "outgeneraled"),
    ],
)
def test_british_forms_missing_from_the_list_are_found_by_correspondence(british, us):
    assert load_speller("both").british_twin(british) == us
    assert flagged(f"It was {british}.", "both") == []
    [finding] = load_speller("us").find(f"It was {british}.")
    assert (finding.rule, finding.suggestions) == ("us-spelling", (us,))


@pytest.mark.parametrize(
    "misspelling",
    [
        "fourty", "humourous", "labourious", "honourary", "vigourous", "errour", "terrour",
        "capsise", "downsising", "sise", "appealled", "revealled", "rulled", "smilling",
        "finallist", "journallist", "perillous", "sence", "expence", "ordre", "numbre", "raed",
        "recieve", "seperate", "analysize",
    ],
)
def test_the_correspondences_do_not_accept_misspellings(misspelling):
    for variant in ("both", "uk", "us"):
        assert flagged(f"The {misspelling} here.", variant) == [misspelling]


@pytest.mark.parametrize(
    "word",
    "advise advertise exercise surprise comprise compromise televise enterprise revise"
    " supervise improvise franchise merchandise expertise".split(),
)
def test_words_spelt_ise_in_us_english_too_are_never_flagged(word):
    for variant in ("both", "uk", "us"):
        assert flagged(f"We {word} it.", variant) == []


def test_licence_practise_programme_follow_the_british_noun_verb_split():
    # British: licence and practice are nouns, license and practise verbs;
    # programme is a plan, program software. US English uses license,
    # practice and program for all: "us" flags the British forms, "uk"
    # accepts both of each pair.
    text = "The licence, the practise, the programme."
    assert [(f.text, f.suggestions) for f in load_speller("us").find(text)] == [
        ("licence", ("license",)), ("practise", ("practice",)), ("programme", ("program",)),
    ]
    both_forms = "We license the licence, practise in practice, and program the programme."
    assert flagged(both_forms, "uk") == []
    assert flagged(both_forms, "both") == []


def test_the_british_word_list_pairs_real_twins():
    pairs = load_british_words()
    assert len(pairs) > 3000
    table = {pair.uk: pair for pair in pairs}
    assert table["colour"] == BritishPair("colour", "color", False)
    assert table["programme"] == BritishPair("programme", "program", True)
    assert table["judgement"].also_british
    # Reviewed mismatches are not pairs.
    assert not {"prise", "nought", "spilled", "formulae"} & table.keys()
    speller = load_speller("both")
    # No spelling is both a British form and a US form that "uk" flags.
    assert not speller.table.us_to_uk.keys() & speller.table.uk_to_us.keys()


def test_a_bad_british_word_list_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "british.txt"
    path.write_text("# comment\ncolour color\ncentre\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"british\.txt, line 3"):
        load_british_words(path)
    path.write_text("colour color maybe\n", encoding="utf-8")
    with pytest.raises(ContentError, match="line 1"):
        load_british_words(path)


def test_british_pairs_fill_gaps_in_the_table_only():
    pairs = [BritishPair("colour", "colr", False), BritishPair("storey", "story", True)]
    table = build_variant_table({"color"}.__contains__, pairs)
    assert table.uk_to_us["colour"] == "color"  # the hand-made family wins
    assert table.uk_to_us["storey"] == "story" and "story" not in table.us_to_uk


def test_unknown_variant_is_rejected():
    with pytest.raises(ValueError, match="variant"):
        load_checker("au")


# --- The vocabulary file ---------------------------------------------------------


def test_business_vocabulary_loads_and_extends_the_dictionary():
    words = load_vocabulary()
    assert len(words) >= 250
    assert len(words) == len(set(words))
    speller = load_speller("both")
    assert all(speller.is_known(word) for word in words)
    assert {"onboarding", "helpdesk", "timesheet", "webinar", "dropdown"} <= set(words)


def test_vocabulary_file_with_a_bad_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# comment\n\nhelpdesk\nhelp desk\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"words\.txt, line 4"):
        load_vocabulary(path)


def test_vocabulary_comments_and_blank_lines_are_ignored(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# a comment\n\n  payslip  \nadd-on\n", encoding="utf-8")
    assert load_vocabulary(path) == ["payslip", "add-on"]


# --- Suggestions and their time budget ------------------------------------------


def test_edits1_is_ordered_and_has_no_repeats():
    edits = edits1("form")
    assert len(edits) == len(set(edits))
    assert edits[:4] == ["orm", "frm", "fom", "for"]  # deletions come first
    assert edits1("form") == edits


def test_one_edit_suggestions_are_ranked_by_frequency_and_capped():
    speller = load_speller("both")
    suggestions = speller.suggest("teh", budget_s=0.0)
    assert suggestions[0] == "the"
    assert len(suggestions) == MAX_SUGGESTIONS
    assert speller.suggest("Teh", budget_s=0.0)[0] == "The"


def test_two_edit_search_runs_only_while_the_budget_lasts():
    word = "neccesary"  # no known word one edit away; "necessary" is two away
    assert load_speller("both").suggest(word, budget_s=0.0, clock=StepClock()) == []
    frozen = StepClock(step=0.0)
    assert load_speller("both").suggest(word, budget_s=1.0, clock=frozen) == ["necessary"]
    # A clock moving one second per read stops the search after a few steps.
    ticking = StepClock(step=1.0)
    assert load_speller("both").suggest(word, budget_s=3.0, clock=ticking) == []
    assert ticking.reads == 4  # the start (deadline 4), two steps, the read that ends it


def test_only_complete_searches_are_remembered():
    speller = load_speller("both")
    assert speller.suggest("neccesary", budget_s=0.0) == []
    assert speller.suggest("neccesary", budget_s=1.0, clock=StepClock()) == ["necessary"]
    # Found in full once: now free, whatever the budget.
    assert speller.suggest("neccesary", budget_s=0.0) == ["necessary"]


def test_check_shares_one_budget_fairly_across_words():
    text = "It is neccesary to call tommorow and recieve the parcel."

    def suggestions(budget_s: float, clock: StepClock) -> dict[str, tuple[str, ...]]:
        checker = Checker(load_speller("both"))  # a new suggestion memory each time
        return {f.text: f.suggestions for f in checker.check(text, budget_s=budget_s, clock=clock)}

    # No budget: only the one-edit word gets suggestions.
    assert suggestions(0.0, StepClock(1.0)) == {
        "neccesary": (), "tommorow": (), "recieve": ("receive", "relieve"),
    }
    # A frozen clock never runs out: both two-edit searches finish.
    found = suggestions(1.0, StepClock(0.0))
    assert found["neccesary"][0] == "necessary"
    assert found["tommorow"][0] == "tomorrow"
    # 60 ticks are far too few for one full two-edit search (hundreds of steps),
    # but each word gets a share, and its first steps (deletions) find the word.
    found = suggestions(60.0, StepClock(1.0))
    assert found["neccesary"] == ("necessary",)
    assert found["tommorow"][0] == "tomorrow"


def test_check_without_suggestions_still_gives_variant_suggestions():
    findings = load_checker("us").check("The colour is nice; the colur is not.", suggestions=False)
    assert [(f.text, f.suggestions) for f in findings] == [("colour", ("color",)), ("colur", ())]


def test_checkers_are_cached_per_variant():
    assert load_checker("both") is load_checker("both")
    assert load_checker("us") is not load_checker("uk")
    assert load_checker("us").speller.frequencies is load_checker("uk").speller.frequencies


def test_documented_examples_hold():
    import doctest

    from typing_test.core.email import checker, spelling

    for module in (spelling, checker):
        assert doctest.testmod(module).failed == 0, module.__name__


# --- Irregular verbs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("teached", ["taught"]), ("buyed", ["bought"]), ("catched", ["caught"]),
        ("thinked", ["thought"]), ("writed", ["wrote", "written"]), ("sended", ["sent"]),
        ("payed", ["paid"]), ("runned", ["ran", "run"]), ("understanded", ["understood"]),
        ("Bringed", ["Brought"]),
    ],
)
def test_a_regular_form_of_an_irregular_verb_suggests_the_irregular_forms(wrong, right):
    text = f"{wrong} it." if wrong[0].isupper() else f"Yesterday we {wrong} it."
    findings = load_checker().check(text, budget_s=0.0)
    [finding] = [f for f in findings if f.kind == "spelling"]
    assert finding.text == wrong
    assert list(finding.suggestions[: len(right)]) == right


def test_payed_is_flagged_but_regular_forms_that_are_words_are_not():
    assert flagged("We payed the invoice.") == ["payed"]
    assert flagged("We learned, dreamed, lighted and quitted; it bended.") == []


def test_irregular_verb_table_and_regular_forms():
    verbs = {verb.base: verb for verb in load_irregular_verbs()}
    assert len(verbs) > 120
    assert verbs["get"].participle == ("got", "gotten")
    assert verbs["teach"].past == ("taught",)
    assert regular_forms("forget") == ["forgeted", "forgetted"]
    assert regular_forms("read") == ["readed"]


def test_a_bad_irregular_verb_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text("teach taught taught\ngo went\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"verbs\.txt, line 2"):
        load_irregular_verbs(path)


# --- Hostile input: bounded work ---------------------------------------------------


def test_a_huge_word_is_flagged_without_a_search(monkeypatch):
    from typing_test.core.email import spelling

    searched = []
    real_edits1 = spelling.edits1

    def recording_edits1(word: str) -> list[str]:
        searched.append(len(word))
        return real_edits1(word)

    monkeypatch.setattr(spelling, "edits1", recording_edits1)
    word = "Qx" + "z" * 2998
    checker = Checker(load_speller("both"))
    [finding] = checker.check(f"{word} is here.", budget_s=1.0)
    assert (finding.text, finding.suggestions) == (word, ())
    assert finding.message == "Not a word: 3,000 letters without a space."
    assert load_speller("both").suggest(word.lower(), budget_s=1.0) == []
    # Neither the name test nor a suggestion search expanded the long word.
    assert all(length <= spelling.MAX_WORD_LENGTH for length in searched)


def test_only_the_first_unknown_words_of_a_huge_text_get_suggestions():
    from typing_test.core.email.checker import MAX_WORDS_SUGGESTED

    text = "We " + " and ".join(["recieve"] * (MAX_WORDS_SUGGESTED + 5) + ["seperate"]) + "."
    findings = Checker(load_speller("both")).check(text, budget_s=0.0)
    findings = [f for f in findings if f.kind == "spelling"]
    assert len(findings) == MAX_WORDS_SUGGESTED + 6
    assert all(f.suggestions for f in findings[:MAX_WORDS_SUGGESTED])
    assert [f.suggestions for f in findings[MAX_WORDS_SUGGESTED:]] == [()] * 6


def test_hyphenated_words_are_read_in_a_long_hyphenated_run():
    # The compound look-up reads a bounded window around each word, and still
    # finds prefixes and skips unknown parts correctly in a very long run.
    text = "co-" + "-".join(["worker"] * 20_000) + " and re-send the e-mail"
    assert flagged(text) == []
    assert flagged("A co-wroker pre-approved it.") == ["wroker"]


def test_word_lists_with_a_byte_order_mark_load(tmp_path):
    vocabulary = tmp_path / "business.txt"
    vocabulary.write_bytes("\ufeffinvoicing\n# a comment\n\nonboarding\n".encode())
    assert load_vocabulary(vocabulary) == ["invoicing", "onboarding"]
