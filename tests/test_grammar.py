"""Grammar rules: each rule's examples, plus the cases that need exact answers."""

from __future__ import annotations

import pytest

from typing_test.core.email.grammar import RULES, check_grammar, starts_with_vowel_sound

RULES_BY_ID = {rule.id: rule for rule in RULES}
CATCHES = [(rule.id, text) for rule in RULES for text in rule.catches]
PASSES = [(rule.id, text) for rule in RULES for text in rule.passes]


def hits(text: str, rule_id: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(flagged text, suggestions) of the findings, for one rule or all."""
    return [
        (f.text, f.suggestions) for f in check_grammar(text) if rule_id in (None, f.rule)
    ]


def test_rule_table_is_well_formed():
    assert len(RULES_BY_ID) == len(RULES), "rule ids are unique"
    for rule in RULES:
        assert rule.id and rule.message and rule.catches and rule.passes


@pytest.mark.parametrize(("rule_id", "text"), CATCHES)
def test_rule_catches_its_examples(rule_id, text):
    assert hits(text, rule_id), f"{rule_id} should flag {text!r}"


@pytest.mark.parametrize(("rule_id", "text"), PASSES)
def test_rule_leaves_its_counterexamples_alone(rule_id, text):
    assert hits(text, rule_id) == []


def test_findings_locate_the_text_they_flag():
    text = "Hi Sam,\n\nim sorry , their is  alot to do then usual\n\nBest,\nJo"
    findings = check_grammar(text)
    assert findings, "the text is full of errors"
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.kind == "grammar"
        assert finding.rule in RULES_BY_ID
    assert findings == sorted(findings, key=lambda f: f.start)


def test_curly_apostrophes_count_as_straight_ones():
    text = "Its been a week and it\u2019s own team is on it\u2019s way."
    assert hits(text, "its-confusion") == [
        ("Its", ("It's",)),
        ("it\u2019s", ("its",)),
        ("it\u2019s", ("its",)),
    ]


def test_overlapping_findings_keep_the_first_rule():
    # "im" starts a sentence in lower case and lacks its apostrophe: one finding.
    assert hits("im sorry.") == [("im", ("I'm",))]


# --- a / an --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "vowel"),
    [
        ("hour", True), ("honest", True), ("honour", True), ("heir", True), ("house", False),
        ("user", False), ("unit", False), ("university", False), ("European", False),
        ("one-time", False), ("once", False), ("onerous", True), ("umbrella", True),
        ("unusual", True), ("uninstalled", True), ("unanimous", False), ("Uber", True),
        ("SLA", True), ("MBA", True), ("NDA", True), ("HR", True), ("FYI", True), ("X-ray", True),
        ("KPI", False), ("URL", False), ("USB", False), ("CRM", False), ("UI", False),
        ("LAN", False), ("NASA", False), ("SaaS", False), ("HTML", True), ("MSc", True),
        ("iPhone", True), ("eBay", True), ("e-invoice", True), ("T-shirt", False),
        ("A4", True), ("B2B", False), ("8-hour", True), ("11", True), ("18,000", True),
        ("80%", True), ("100", False), ("1-hour", False), ("110", False),
        ("FAQ", None), ("SQL", None), ("herb", None), ("historic", None), ("1800", None),
        ("xterm", None), ("XML", True),
        ("$5", None),
    ],
)
def test_starts_with_vowel_sound(word, vowel):
    assert starts_with_vowel_sound(word) is vowel


def test_a_an_suggests_the_other_article_in_the_same_case():
    assert hits("An user called. AN KPI is due. A hour ago.", "a-an") == [
        ("An", ("A",)), ("AN", ("A",)), ("A", ("An",)),
    ]


def test_a_an_ignores_letters_and_labels():
    assert hits("Choose a or b. Plan A is an option; grade A is a pass.", "a-an") == []
    assert hits("Meet at 9 a.m. on Monday.", "a-an") == []


# --- Sentences, paragraphs and spacing --------------------------------------------


def test_sentence_start_after_abbreviations_and_in_lists():
    text = (
        "We use tools, e.g. excel and word. We meet at 10 a.m. tomorrow, approx. one hour.\n"
        "Notes:\n- check the file\n1. call the client\nOur email is\nsam@example.com today.\n"
    )
    assert hits(text, "sentence-start-case") == []


def test_sentence_start_flags_each_new_sentence():
    text = "Done. next we call. Really? yes!\n\nthe end."
    assert [t for t, _ in hits(text, "sentence-start-case")] == ["next", "yes", "the"]


def test_lowercase_i_suggests_capital_i():
    assert hits("Yesterday i'm sure i said so.", "lowercase-i") == [("i", ("I",)), ("i", ("I",))]


@pytest.mark.parametrize(
    "text",
    [
        "Dear Ms Patel,\n\nThank you.\n\nKind regards,\nPriya Sharma\nBilling Team\n",
        "Hi Sam\n\nThanks for calling.\n\nThanks\nJo",
        "Subject: Your refund for order 2041\n\nIt is done.",
        "Hello team,\n\nCan you help?\n\nGreat news!\n\nCheers,\nJo",
        "Agenda\n\n- budget\n- hiring\n\nSee you then.",
        "Our new address is:\n\nsupport@example.com",
        "Phone: 0800 123 456\n+44 20 7946 0000",
        "It is done (see the note.)\n\nShe said \u201cyes.\u201d",
        "Thanks so much,\nJo",
    ],
)
def test_missing_full_stop_leaves_headers_greetings_and_signatures_alone(text):
    assert hits(text, "missing-full-stop") == []


def test_missing_full_stop_flags_the_last_word_of_each_unfinished_paragraph():
    text = "Hi Sam,\n\nThe refund is done\nand paid\n\nThe invoice is attached\n\nBest,\nJo"
    assert hits(text, "missing-full-stop") == [("paid", ("paid.",)), ("attached", ("attached.",))]


def test_space_before_punctuation_covers_the_space():
    assert hits("Thanks , Sam !", "space-before-punctuation") == [(" ,", (",",)), (" !", ("!",))]


def test_double_space_between_words_and_sentences():
    text = "Please  call.  Then   wait!  Ok.\n    Indented.\nPhone:    0800\n2.  Item"
    assert hits(text, "double-space") == [("  ", (" ",))] * 2 + [("   ", (" ",)), ("  ", (" ",))]


def test_sentence_start_after_a_full_stop_with_a_space_before_it():
    text = "It is done . please check . Thanks ."
    assert hits(text, "sentence-start-case") == [("please", ("Please",))]
    assert [t for t, _ in hits(text, "space-before-punctuation")] == [" .", " .", " ."]


# --- Confused words and agreement --------------------------------------------------


def test_repeated_word_suggests_one_copy():
    assert hits("Send the the file.", "repeated-word") == [("the the", ("the",))]


def test_missing_apostrophe_suggestions():
    text = "Im sure we cant and he dont, but Youre right and thats fine."
    assert hits(text, "missing-apostrophe") == [
        ("Im", ("I'm",)), ("cant", ("can't",)), ("dont", ("doesn't",)),
        ("Youre", ("You're",)), ("thats", ("that's",)),
    ]


def test_subject_verb_suggestions():
    text = "He have it. She don't. It were late. They was here. We is ready. They has one."
    assert [s for _, s in hits(text, "subject-verb")] == [
        ("has",), ("doesn't",), ("was",), ("were",), ("are",), ("have",),
    ]


def test_subject_verb_leaves_questions_and_subjunctives_alone():
    text = (
        "Does she have it? Would it have helped? If he were here, as it were, I wish she "
        "were. Let it have a rest. Did they want it? Make sure it has one."
    )
    assert hits(text, "subject-verb") == []


def test_there_their_theyre():
    text = "Their is a fee. Their going to call. Reset there password. Check they're account."
    assert hits(text, "there-confusion") == [
        ("Their", ("There",)), ("Their", ("They're",)), ("there", ("their",)),
        ("they're", ("their",)),
    ]


def test_then_than_both_ways():
    text = "It is more then $5. Since than we wait. Than we left."
    assert hits(text, "then-than") == [
        ("then", ("than",)), ("than", ("then",)), ("Than", ("Then",)),
    ]


def test_modal_of_flags_only_of():
    assert hits("You should of known.", "modal-of") == [("of", ("have",))]


def test_documented_examples_hold():
    import doctest
    import importlib
    import pkgutil

    from typing_test.core.email import grammar

    modules = [grammar] + [
        importlib.import_module(f"{grammar.__name__}.{info.name}")
        for info in pkgutil.iter_modules(grammar.__path__)
    ]
    assert len(modules) > 5, "one module per rule family"
    assert [doctest.testmod(module).failed for module in modules] == [0] * len(modules)


# --- your / you're, their / there / they're, its / it's: wider contexts -------------
#
# Each case is (text, rule, flagged word, suggestion). The correct sentences
# after them look like the errors but must stay unflagged.

CONFUSED_WORD_ERRORS = [
    ("If your still waiting for the refund, call us.", "your-confusion", "your", "you're"),
    ("Your always welcome to call us.", "your-confusion", "Your", "You're"),
    ("I hope your happy with the result.", "your-confusion", "your", "you're"),
    ("Let us know if your interested in the offer.", "your-confusion", "your", "you're"),
    ("When your ready, press Start.", "your-confusion", "your", "you're"),
    ("Your in luck: the item is back in stock.", "your-confusion", "Your", "You're"),
    ("I think your right about the fee.", "your-confusion", "your", "you're"),
    ("Your right, the invoice was wrong.", "your-confusion", "Your", "You're"),
    ("Your all set for Monday.", "your-confusion", "Your", "You're"),
    ("If your free on Friday, we can meet.", "your-confusion", "your", "you're"),
    ("Since your using the old app, please update it.", "your-confusion", "your", "you're"),
    ("Your about to receive a code.", "your-confusion", "Your", "You're"),
    ("You're account has been closed.", "your-confusion", "You're", "Your"),
    ("Please remind you're teams about the deadline.", "your-confusion", "you're", "your"),
    ("Let you're manager know.", "your-confusion", "you're", "your"),
    ("The choice is your's.", "your-confusion", "your's", "yours"),
    ("Their might be a delay.", "there-confusion", "Their", "There"),
    ("Their seems to be a problem.", "there-confusion", "Their", "There"),
    ("Are their any updates on the case?", "there-confusion", "their", "there"),
    ("Is their a way to pay online?", "there-confusion", "their", "there"),
    ("Will their be a fee?", "there-confusion", "their", "there"),
    ("Their's a new form on the portal.", "there-confusion", "Their's", "There's"),
    ("The choice is their's.", "there-confusion", "their's", "theirs"),
    ("I will be their at ten.", "there-confusion", "their", "there"),
    ("Hi their, thanks for writing.", "there-confusion", "their", "there"),
    ("I think their sending it today.", "there-confusion", "their", "they're"),
    ("Their still waiting for the parts.", "there-confusion", "Their", "They're"),
    ("Their happy with the new plan.", "there-confusion", "Their", "They're"),
    ("Let me know when their ready.", "there-confusion", "their", "they're"),
    ("Their in a meeting until three.", "there-confusion", "Their", "They're"),
    ("Please share there results with the team.", "there-confusion", "there", "their"),
    ("I called there office twice.", "there-confusion", "there", "their"),
    ("There staff were very helpful.", "there-confusion", "There", "Their"),
    ("I hope there happy with it.", "there-confusion", "there", "they're"),
    ("If there not happy, they can return it.", "there-confusion", "there", "they're"),
    ("I think there going to call back.", "there-confusion", "there", "they're"),
    ("They're will be a short delay.", "there-confusion", "They're", "There"),
    ("They're are two options.", "there-confusion", "They're", "There"),
    ("There factory had a fire in June.", "there-confusion", "There", "Their"),
    ("Each team leader will add there team's shifts.", "there-confusion", "there", "their"),
    ("They're delivery van is late.", "there-confusion", "They're", "Their"),
    ("The supplier said their raising prices.", "there-confusion", "their", "they're"),
    ("Its no trouble at all.", "its-confusion", "Its", "It's"),
    ("Its the best plan we have.", "its-confusion", "Its", "It's"),
    ("Its in the post.", "its-confusion", "Its", "It's"),
    ("Its always a pleasure to help.", "its-confusion", "Its", "It's"),
    ("So its time to renew.", "its-confusion", "its", "it's"),
    ("Its due to a fault in the system.", "its-confusion", "Its", "It's"),
    ("Its up to you.", "its-confusion", "Its", "It's"),
    ("Its fine with me.", "its-confusion", "Its", "It's"),
    ("Its because of the storm.", "its-confusion", "Its", "It's"),
    ("I hope its ready for Friday.", "its-confusion", "its", "it's"),
    ("It's service is poor.", "its-confusion", "It's", "Its"),
    ("It's staff are friendly.", "its-confusion", "It's", "Its"),
    ("The company improved it's service.", "its-confusion", "it's", "its"),
    ("One is cheap, but it's delivery charge is high.", "its-confusion", "it's", "its"),
    ("You're new card is ready.", "your-confusion", "You're", "Your"),
]


@pytest.mark.parametrize(("text", "rule_id", "word", "suggestion"), CONFUSED_WORD_ERRORS)
def test_confused_words_in_wider_contexts(text, rule_id, word, suggestion):
    [(flagged, suggestions)] = hits(text, rule_id)
    assert (flagged, suggestions[0]) == (word, suggestion)


def test_their_before_a_preposition_suggests_both_readings():
    assert hits("Their in the office.", "there-confusion") == [("Their", ("They're", "There"))]


CONFUSED_WORD_LOOKALIKES = [
    # your: nouns and adjectives before a noun, gerunds, idioms
    "Thanks for your going the extra mile.",
    "We appreciate your being so patient.",
    "Despite your having paid, the order is on hold.",
    "Your free trial ends on Friday.",
    "Your free of charge upgrade is ready.",
    "Your late payment fee has been waived.",
    "Your busy season starts in May.",
    "Your ready-made templates are in the folder.",
    "Please confirm your available dates.",
    "Your correct address is now on file.",
    "Your working hours are 9 to 5.",
    "Please show your working.",
    "Your waiting time should be short.",
    "Your coming visit is confirmed.",
    "Your asking price is too high.",
    "Your sending address must match.",
    "Your booking for Friday is confirmed.",
    "Your checking account is open.",
    "Your training starts on Monday.",
    "Your in-tray is full.",
    "Your on-call shift starts at six.",
    "Your all-inclusive package is booked.",
    "Your very own dashboard is ready.",
    "Your still unpaid balance is $50.",
    "Your always helpful team made it easy.",
    "We need your OK to proceed.",
    "Give it your all.",
    "It is your right to cancel.",
    "On your right, you will see the lift.",
    "Thank you for your welcome.",
    "Tell us if your needs change.",
    # you're / they're / it's before a noun that is not a subject
    "You're team leader now.",
    "Since you're support staff, you can help.",
    "They're customers who have paid.",
    "They're staff and they know it.",
    "It's policy that we check ID.",
    "It's staff who make the difference.",
    "It's money well spent.",
    "IT's new laptops arrived.",
    # their: possessive before adjectives, -ing nouns and idioms
    "Their going rate is high.",
    "Their asking price is $500.",
    "We appreciate their being patient.",
    "Their late payment was noted.",
    "Their waiting list is long.",
    "Their struggling business needs help.",
    "Their sending bank rejected it.",
    "Their ready meals sell well.",
    "They gave their all to the project.",
    "Is their office open today?",
    "Are their many customers happy?",
    "Their in-house team will help.",
    "Their so-called fix failed.",
    "I know their happy customers well.",
    # there: a place, or "there is" in a question
    "Is there going to be a meeting?",
    "There being no objection, we agreed.",
    "We were there late.",
    "If there still is a problem, call.",
    "Is there free parking?",
    "Are there available slots?",
    "Out there customers are waiting.",
    "Here and there customers have complained.",
    "Is there data that shows this?",
    "I went there looking for help.",
    "Is there not a simpler way?",
    "Hi there, thanks for your note.",
    "There still is time to apply.",
    "There it is, on page two.",
    "Is there anyone's name missing?",
    "Do not leave them\nthere and do not throw them away.",
    "Their handling of the case was good.",
    # its: possessive before adjectives and nouns
    "The plan has its good points.",
    "The product lost its free status.",
    "The box fell on its back.",
    "Its late delivery caused complaints.",
    "Its open design is popular.",
    "The firm and its all-in price.",
    "The company cut its time to market.",
    "The team will do its best to help.",
    "The reason it's late is the storm.",
    "It's data customers have given us.",
    "It's something the team has asked for.",
    "Whether it's ready is unclear.",
    "It's the one that is cheaper.",
]


@pytest.mark.parametrize("text", CONFUSED_WORD_LOOKALIKES)
def test_confused_word_lookalikes_are_left_alone(text):
    assert [f for f in check_grammar(text) if f.rule.endswith("confusion")] == []


# --- Subject and verb: base verbs after he, she and it ------------------------------


@pytest.mark.parametrize(
    ("text", "verb", "fixed"),
    [
        ("He say the parcel is late.", "say", "says"),
        ("It look fine now.", "look", "looks"),
        ("I think it need a restart.", "need", "needs"),
        ("She want a refund.", "want", "wants"),
        ("He always say yes.", "say", "says"),
        ("The form is ready and it look good.", "look", "looks"),
        ("It take two days.", "take", "takes"),
        ("He go home at five.", "go", "goes"),
        ("It apply to all orders.", "apply", "applies"),
        ("If it happen again, call us.", "happen", "happens"),
        ("When it arrive, please check it.", "arrive", "arrives"),
        ("We fixed the app, and\nit look fine.", "look", "looks"),
        ("They says it is late.", "says", "say"),
        ("We needs the form.", "needs", "need"),
        ("They often tries again.", "tries", "try"),
    ],
)
def test_subject_verb_base_verbs(text, verb, fixed):
    assert hits(text, "subject-verb") == [(verb, (fixed,))]


@pytest.mark.parametrize(
    "text",
    [
        "Does he need help?",
        "Did it look right?",
        "Will he say yes?",
        "Why would she go?",
        "Does it really need a restart?",
        "Let it go.",
        "Make it work.",
        "Help it run faster.",
        "Should she need anything, call.",
        "We need it to go out today.",
        "He need not attend.",
        "She need only call us.",
        "We suggest he call the helpdesk.",
        "It is important that she attend.",
        "We ask that he sign the form.",
        "I'd rather he come tomorrow.",
        "Sam and he work well together.",
        "You and she need to sign.",
        "Did he or she call?",
        "Customers who use it say it works.",
        "The people who bought it like it.",
        "Treat it like a loan.",
        "The contents before and after it belong together.",
        "Please call, so that we can help\nit work again.",
        "When it last worked, it was fine.",
        "It cost $50 last year.",
        "She put the form in the post.",
        "He let us know.",
        "He read the email.",
        "IT need the form by Friday.",
        "IT support will call you.",
        "They always say yes.",
        "We process refunds daily.",
        "Long may it continue.",
    ],
)
def test_subject_verb_leaves_base_verbs_that_are_right_alone(text):
    assert hits(text, "subject-verb") == []


# --- then / than: comparisons a word or two back ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "This is more important then usual.",
        "It took more time then expected.",
        "We had fewer calls then last week.",
        "The fee is less expensive then before.",
        "It is more often then not a typo.",
        "More people called then we expected.",
        "The new plan is simpler then the old one.",
        "The queue is busier then ever.",
    ],
)
def test_then_closing_a_comparison(text):
    assert hits(text, "then-than") == [("then", ("than",))]


@pytest.mark.parametrize(
    "text",
    [
        "We had more staff then.",
        "We had more staff then, but not now.",
        "Add more details then send it.",
        "Wait a few more days then call us.",
        "Add two more lines then save.",
        "If you need more help then please call.",
        "If you need more time then we can extend it.",
        "If you want more information then our FAQ is the place.",
        "When you have more time then we can talk.",
        "More or less then, the plan was set.",
    ],
)
def test_then_after_more_that_starts_a_next_step(text):
    assert hits(text, "then-than") == []


# --- Subject and verb: noun subjects ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "verb", "fixed"),
    [
        ("The engineer say the pump is broken.", "say", "says"),
        ("If a shift need to change, ask your team leader.", "need", "needs"),
        ("I think the new system take longer.", "take", "takes"),
        ("The invoice are attached.", "are", "is"),
        ("The main points is:", "is", "are"),
        ("Please check that your saved reports has clear names.", "has", "have"),
        ("I know the last few weeks has been busy.", "has", "have"),
        ("There is two options.", "is", "are"),
        ("One of them seem cheaper.", "seem", "seems"),
        ("Each of the agents take a call.", "take", "takes"),
    ],
)
def test_subject_verb_with_a_noun_subject(text, verb, fixed):
    assert hits(text, "subject-verb") == [(verb, (fixed,))]


@pytest.mark.parametrize(
    "text",
    [
        "What the customer needs is a refund.",
        "The thing the agent wants is time.",
        "Sam and the engineer agree.",
        "The customer or the agent needs to sign.",
        "Can the engineer come on Monday?",
        "Should the customer have questions, call us.",
        "If the manager were here, she would agree.",
        "We require that the customer provide ID.",
        "Let the customer know by Friday.",
        "Please send the printer make and model.",
        "We must meet the customer need.",
        "The customer need not attend.",
        "The customer service team say thanks.",
        "The staff are trained every year.",
        "The news is good.",
        "The series of emails is attached.",
        "The cost of parts is high.",
        "The two weeks is a fair notice period.",
        "There is ten minutes left.",
        "There is both a fee and a charge.",
        "Let one of them go.",
        "One of the agents takes the early shift.",
        "The manager and she work together.",
        "The logistics is handled by Sam.",
        "The address is on file, and the status is green.",
        "The company changed its sending domain.",
    ],
)
def test_subject_verb_leaves_noun_subjects_that_agree_alone(text):
    assert hits(text, "subject-verb") == []


def test_then_before_a_noun_and_a_verb_of_expecting():
    assert hits("It takes less time then customers expect.", "then-than") == [("then", ("than",))]
    assert hits("Add more staff then customers will be happy.", "then-than") == []


# --- Real-word errors of business email (issue 7) -----------------------------------
#
# Each case is (text, rule, flagged word, suggestion).

REAL_WORD_ERRORS = [
    ("Thank you for you reply.", "your-confusion", "you", "your"),
    ("We have updated you address.", "your-confusion", "you", "your"),
    ("Thanks for you time.", "your-confusion", "you", "your"),
    ("You order has shipped.", "your-confusion", "You", "Your"),
    ("What is you name?", "your-confusion", "you", "your"),
    ("Please let us know you availability.", "your-confusion", "you", "your"),
    ("Who's account is this?", "whose-confusion", "Who's", "Whose"),
    ("The client who's order was lost called.", "whose-confusion", "who's", "whose"),
    ("Whose going to call the client?", "whose-confusion", "Whose", "Who's"),
    ("They're manager said no.", "there-confusion", "They're", "Their"),
    ("We received there payment.", "there-confusion", "there", "their"),
    ("I have they're email.", "there-confusion", "they're", "their"),
    ("It's name is Acme.", "its-confusion", "It's", "Its"),
    ("The app and it's features.", "its-confusion", "it's", "its"),
    ("Its been sent.", "its-confusion", "Its", "It's"),
    ("The list of open tickets are ready.", "subject-verb", "are", "is"),
    ("The details of the order is attached.", "subject-verb", "is", "are"),
    ("I think the quality of the products are poor.", "subject-verb", "are", "is"),
    ("The delivery of the parcels have been delayed.", "subject-verb", "have", "has"),
    ("One of the reasons are cost.", "subject-verb", "are", "is"),
    ("The office is bigger then ours.", "then-than", "then", "than"),
    ("The queue was much longer then expected.", "then-than", "then", "than"),
    ("It could of been worse.", "modal-of", "of", "have"),
    ("We would of had time.", "modal-of", "of", "have"),
    ("They couldn't of known.", "modal-of", "of", "have"),
]


@pytest.mark.parametrize(("text", "rule_id", "word", "suggestion"), REAL_WORD_ERRORS)
def test_real_word_errors(text, rule_id, word, suggestion):
    [(flagged, suggestions)] = hits(text, rule_id)
    assert (flagged, suggestions[0]) == (word, suggestion)


REAL_WORD_LOOKALIKES = [
    "We will send you details tomorrow.",
    "We can offer you credit.",
    "Many of you order online.",
    "What you order is what you get.",
    "Whatever you order, we ship it.",
    "If you order today, it ships tomorrow.",
    "Thank you, team, for the help.",
    "You customers deserve better.",
    "Who's on call tonight?",
    "Who's new here?",
    "Whose order was lost?",
    "It's new software called Slack.",
    "The reason it's late is the storm.",
    "A number of customers are waiting.",
    "The majority of the calls were short.",
    "The team of engineers are on site.",
    "The people in the office are friendly.",
    "The analysis of the results is done.",
    "Sam and the heads of the teams are here.",
    "The list of things customers have asked for is long.",
    "The cost of parts and labour is high.",
    "Prices were lower then than now.",
    "It was colder then in the office.",
    "If the fee is higher then we refuse.",
    "The will of the board is clear.",
    "It would of course help.",
]


@pytest.mark.parametrize("text", REAL_WORD_LOOKALIKES)
def test_real_word_lookalikes_are_left_alone(text):
    assert check_grammar(text) == []


# --- Precision on ordinary English (issue 7) ------------------------------------------
#
# Correct sentences that the rules used to flag: repeated words that are
# English, "i" as a Roman numeral, spaces that belong before punctuation,
# lower-case words after a list number or a quotation.

ORDINARY_ENGLISH = [
    "We were very very tired after the trip.",
    "I really really want to go.",
    "Bye bye, see you soon!",
    "The film was so so, to be honest.",
    "The police police the streets at night.",
    "Buffalo buffalo Buffalo buffalo.",
    "Please log in in the morning.",
    "He came in in a hurry.",
    "Items (i) and (ii) are covered in Part i.",
    "See section i of the report.",
    "i. Preheat the oven.\nii. Mix the flour and the butter.",
    "Choose from: (i) tea, (ii) coffee or (iii) juice.",
    "(a) the first option; (b) the second option.",
    "Wait . . . what did you say?",
    "The ratio of boys to girls is 3 : 2.",
    "That's funny :-)",
    "Oh no :(",
    "It was an august occasion.",
    '"Is it ready?" she asked.',
    '"Stop!" he shouted, and the car stopped.',
    "We need fruit, e.g. apples and pears.",
    "The meeting ran late, i.e. it ended at seven.",
]


@pytest.mark.parametrize("text", ORDINARY_ENGLISH)
def test_ordinary_english_is_left_alone(text):
    assert check_grammar(text) == []


def test_repeated_function_words_are_still_flagged_in_busy_sentences():
    # "the" three times in the sentence is not wordplay, unlike "buffalo".
    assert hits("It will be in the the small room on the left.", "repeated-word") == [
        ("the the", ("the",))
    ]
    assert hits("Thank you for your work on on this.", "repeated-word") == [("on on", ("on",))]


@pytest.mark.parametrize(
    ("text", "verb", "fixed"),
    [
        ("Everyone have a book.", "have", "has"),
        ("Nobody know the answer.", "know", "knows"),
        ("I is happy.", "is", "am"),
        ("You was right.", "was", "were"),
        ("The children plays outside.", "plays", "play"),
        ("The police is coming.", "is", "are"),
        ("The film were great.", "were", "was"),
        ("The news are bad.", "are", "is"),
        ("The man go to work.", "go", "goes"),
        ("He play football on Sundays.", "play", "plays"),
    ],
)
def test_subject_verb_in_ordinary_english(text, verb, fixed):
    assert hits(text, "subject-verb") == [(verb, (fixed,))]


@pytest.mark.parametrize(
    "text",
    [
        "Part I is an introduction.",
        "You and I are friends.",
        "Ctrl+I is italic.",
        "Thank you is not enough.",
        "The email we sent you was late.",
        "Does anyone know the way?",
        "The couple were married in June.",
        "The poor are always with us.",
        "The people who were on the list also get a copy.",
        "A ticket should go to Tier 2.",
        "The more you practise, the better you get.",
        "Their going away party was fun.",
        "The Times says it will rain.",
    ],
)
def test_ordinary_english_agreement_is_left_alone(text):
    assert check_grammar(text) == []
