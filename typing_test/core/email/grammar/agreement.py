"""Subject and verb agreement."""

from __future__ import annotations

import re
from collections.abc import Iterator

from typing_test.core.email.grammar._rule import Hit, Rule, hit_word
from typing_test.core.email.grammar._text import (
    BEFORE_SUBJECT_IT,
    NOT_A_MODIFIER,
    any_of,
    at_clause_start,
    at_sentence_start,
    next_word,
    previous_word,
    sentence_before,
    whole_words,
    word_set,
)

_SINGULAR_FIXES = {
    "have": "has", "haven't": "hasn't", "are": "is", "aren't": "isn't", "were": "was",
    "weren't": "wasn't", "don't": "doesn't",
}
_PLURAL_FIXES = {
    "was": "were", "wasn't": "weren't", "is": "are", "isn't": "aren't", "has": "have",
    "hasn't": "haven't", "does": "do", "doesn't": "don't",
}
# Common verbs whose base form needs an -s after "he", "she" or "it": "he
# say", "it need". Not verbs whose past tense is the base form ("it cost $5
# last year", "she put it"), nor "last" ("when it last worked").
_BASE_VERBS = word_set(
    "need look want say seem know take make come go work feel mean send give think tell ask"
    " call use show get keep run pay try help include require cover apply expect plan hope"
    " agree sound contain happen belong depend matter remain arrive appear leave stay start"
    " stop load crash fail allow explain provide offer charge deliver receive reply sell buy"
    " cause affect change check save print respond understand prefer believe remember forget"
    " sign support handle manage process serve like play live walk rain talk eat drink write"
    " speak drive swim sing sleep cook study watch listen teach learn love hate enjoy wear"
    " visit travel dance"
)
# "Does he have", "Should it have", "Let it know": the base form is right there.
_BEFORE_BASE_FORM = word_set(
    "do does did don't doesn't didn't will would can could should shall may might must won't"
    " wouldn't can't couldn't shouldn't mustn't needn't shan't need dare let lets make makes"
    " made help helps see saw watch had has have to why"
)
# "if it were", "as it were", "I wish he were": the subjunctive.
_BEFORE_SUBJUNCTIVE = word_set(
    "if as though wish wished even only suppose supposing imagine rather whether"
)
# "We recommend that she call us", "it is vital that it work": the
# subjunctive after a demand, with the base form.
_DEMANDS = word_set(
    "suggest suggests suggested suggestion recommend recommends recommended recommendation"
    " insist insists insisted request requests requested require requires required"
    " requirement demand demands demanded propose proposes proposed proposal urge urges urged"
    " advise advises advised essential vital important necessary crucial imperative"
    " mandatory rather"
)
# "he always say", "it still need": an adverb between subject and verb.
_ADVERBS_BEFORE_VERB = word_set(
    "also always never often usually still only just really sometimes rarely already now"
    " actually certainly probably clearly simply normally generally regularly"
)
# "He need not call", "she need only ask": "need" as a modal verb.
_AFTER_MODAL_NEED = word_set("not only hardly never")
# "Sam and he need", "you or she want": two subjects take the plural.
_OBJECT_PRONOUNS = word_set("i you me him her he she we they them us it")


def _third_person(verb: str) -> str:
    """The -s form of a verb: "needs", "goes", "tries", "fixes".

    >>> [_third_person(v) for v in ("need", "go", "try", "pay", "fix", "have")]
    ['needs', 'goes', 'tries', 'pays', 'fixes', 'has']
    """
    if verb == "have":
        return "has"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


_S_FORMS = {_third_person(verb): verb for verb in _BASE_VERBS}


def _after_a_demand(text: str, start: int) -> bool:
    """True when a word of demand comes earlier in the sentence, close
    enough to govern the clause at ``start``: "we ask that he call"."""
    words = re.findall(r"[a-z']+", sentence_before(text, start).lower())[-8:]
    if words[-2:] in (["ask", "that"], ["asks", "that"], ["asked", "that"]):
        return True
    return any(word in _DEMANDS for word in words)


def _has_plural_subject(text: str, start: int) -> bool:
    """True for "Sam and he", "you or she", "the manager and she": the pronoun
    at ``start`` is the second of two subjects joined by "and" or "or"."""
    match = re.search(r"([A-Za-z]+)[ \t]+(?:and|or|nor)[ \t]+$", text[max(0, start - 40) : start])
    if not match:
        return False
    word = match.group(1)
    return word.lower() in _OBJECT_PRONOUNS | _SINGULAR_NOUNS or word[0].isupper()


def _subject_may_take_the_verb(text: str, match: re.Match[str]) -> bool:
    """True when the pronoun of ``match`` does not need the agreeing form:
    after a modal or "let", "it" as the object of the verb before it, or
    "IT" (the department)."""
    before = previous_word(text, match.start(), across_lines=True)
    if before in _BEFORE_BASE_FORM:
        return True
    pronoun = match.group().split()[0]
    if pronoun == "IT":
        return True  # "IT need the form": the IT department
    if pronoun.lower() != "it":
        return False
    if before:
        return before not in BEFORE_SUBJECT_IT
    return not at_clause_start(text, match.start())


_ADVERB_BEFORE_VERB = rf"(?:(?:{any_of(_ADVERBS_BEFORE_VERB)})[ \t]+)?"
# "he say", "it always need"; "they says"
_PRONOUN_AND_BASE_VERB = whole_words(
    rf"(?:he|she|it)[ \t]+{_ADVERB_BEFORE_VERB}({any_of(_BASE_VERBS)})"
)
_PLURAL_PRONOUN_AND_S_FORM = whole_words(
    rf"(?:we|they)[ \t]+{_ADVERB_BEFORE_VERB}({any_of(_S_FORMS)})"
)


def _find_subject_verb(text: str) -> Iterator[Hit]:
    for pronouns, fixes in (("he|she|it", _SINGULAR_FIXES), ("we|they", _PLURAL_FIXES)):
        for match in whole_words(rf"(?:{pronouns})[ \t]+({any_of(fixes)})").finditer(text):
            verb = match.group(1).lower()
            if _subject_may_take_the_verb(text, match):
                continue
            if verb == "were" and previous_word(text, match.start()) in _BEFORE_SUBJUNCTIVE:
                continue
            if verb == "have" and _after_a_demand(text, match.start()):
                continue
            yield hit_word(match, fixes[verb])
    for match in _PRONOUN_AND_BASE_VERB.finditer(text):
        verb = match.group(1).lower()
        if _subject_may_take_the_verb(text, match):
            continue
        if verb == "like" and match.group().lower().startswith("it"):
            continue  # "treat it like a loan": "like" as a preposition
        if verb == "need" and next_word(text, match.end()) in _AFTER_MODAL_NEED:
            continue
        if _after_a_demand(text, match.start()) or _has_plural_subject(text, match.start()):
            continue
        yield hit_word(match, _third_person(verb))
    for match in _PLURAL_PRONOUN_AND_S_FORM.finditer(text):
        if previous_word(text, match.start()) not in _BEFORE_BASE_FORM:
            yield hit_word(match, _S_FORMS[match.group(1).lower()])
    yield from _find_noun_subject_verb(text)
    yield from _find_pronoun_be(text)


# "everyone have", "nobody know": indefinite pronouns take a singular verb.
_INDEFINITE = "everyone|everybody|someone|somebody|anyone|anybody|no[ \t]?one|nobody|everything"
_INDEFINITE_AND_VERB = whole_words(
    rf"(?:{_INDEFINITE})[ \t]+{_ADVERB_BEFORE_VERB}"
    rf"(are|were|have|aren't|weren't|haven't|don't|{any_of(_BASE_VERBS - {'need'})})(?![\w'-])"
)
# "I is", "you was": the forms of "be" and "have" that go with "I" and "you".
_I_FIXES = {"is": "am", "are": "am", "has": "have", "does": "do", "doesn't": "don't",
            "isn't": "am not", "aren't": "am not"}
_YOU_FIXES = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
              "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't"}
_I_AND_VERB = re.compile(rf"(?<![^\s\"'(\[])I[ \t]+({'|'.join(_I_FIXES)})(?![\w'-])")
_YOU_AND_VERB = whole_words(rf"you[ \t]+({'|'.join(_YOU_FIXES)})")
# "Part I is", "World War I was": the Roman numeral after a title word.
_NOT_THE_PRONOUN_I = re.compile(r"[A-Z][a-z]*[ \t]+$")
_BEFORE_ROMAN_I = word_set(
    "part chapter phase type stage act book volume section appendix level grade class war"
    " article schedule step item figure table annex"
)


def _find_pronoun_be(text: str) -> Iterator[Hit]:
    """"Everyone have", "I is", "you was": a pronoun and the wrong verb form."""
    for match in _INDEFINITE_AND_VERB.finditer(text):
        verb = match.group(1).lower()
        before = previous_word(text, match.start())
        if before in _BEFORE_BASE_FORM or _after_a_demand(text, match.start()):
            continue  # "does anyone know", "let everyone know", "we ask that everyone sign"
        if verb == "were" and before in _BEFORE_SUBJUNCTIVE:
            continue
        if not before and match.group().lower().startswith("any"):
            continue  # "Anyone know where it is?": a question with "does" left out
        yield hit_word(match, _SINGULAR_FIXES.get(verb) or _third_person(verb))
    for match in _I_AND_VERB.finditer(text):
        window = max(0, match.start() - 20)
        title = _NOT_THE_PRONOUN_I.search(text[window : match.start()])
        if title and not at_sentence_start(text, window + title.start()):
            continue  # "World War I was", "Henry I was"
        if previous_word(text, match.start()) in _BEFORE_ROMAN_I | {"and", "or", "nor"}:
            continue  # "Part I is", "you and I are"
        yield hit_word(match, _I_FIXES[match.group(1)])
    for match in _YOU_AND_VERB.finditer(text):
        # Only where "you" opens a clause: in "thank you is not enough" and
        # "the email we sent you was late" it is an object.
        before = previous_word(text, match.start())
        if before in BEFORE_SUBJECT_IT or (not before and at_clause_start(text, match.start())):
            yield hit_word(match, _YOU_FIXES[match.group(1).lower()])


# Singular nouns that often start a clause in a business email. Collective
# nouns ("team", "staff", "company", "bank") are left out: British English
# gives them a plural verb.
_SINGULAR_NOUNS = word_set(
    "customer client caller engineer technician manager supervisor director driver courier"
    " agent supplier colleague user person applicant tenant owner buyer seller system app"
    " website site page form link printer laptop computer server portal tool invoice order"
    " parcel package payment refund account report file email message letter policy contract"
    " machine device card shift booking delivery visit meeting ticket case request complaint"
    " query claim password code fault error problem issue item product price fee bill balance"
    " statement plan document screen button schedule deadline session course"
)
# Base verbs that are rarely nouns, so "the engineer say" is a subject and
# its verb, not a compound like "the printer make" or "the customer call".
_VERBS_NOT_NOUNS = word_set(
    "say seem know take come go mean give think tell get include require apply expect agree"
    " contain happen belong depend remain arrive appear allow explain provide deliver receive"
    " sell buy affect respond understand prefer believe remember forget"
)
_SINGULAR_DETERMINERS = "the|a|an|this|each|every|my|your|our|his|her|their|its"
_PLURAL_DETERMINERS = "the|these|those|my|your|our|his|her|their|its|all|some|many|both|such"
# Words in -s that take a singular verb: "the news is", "the series is"
# (and fields in -ics: "the logistics is").
_SINGULAR_IN_S = word_set(
    "news series species means maths headquarters crossroads whereabouts thanks savings"
    " diabetes measles innings billiards lens chaos ethos cosmos kudos bias alias canvas atlas"
    " gas yes plus minus perhaps always"
)
# An amount counted out is one sum: "the two weeks is enough", "the fifty
# dollars was refunded".
_NUMBER_WORDS = word_set(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty"
    " forty fifty sixty hundred thousand"
)
# A noun phrase opens a clause after these (not after "what": "what the
# customer needs is"; not after "and": "Sam and the engineer agree").
_BEFORE_NOUN_SUBJECT = (BEFORE_SUBJECT_IT - {"what", "and", "or"}) | word_set("think know")
_NUMBERS = "two|three|four|five|six|seven|eight|nine|ten|several|many|few"
# "There is ten minutes left": an amount, which may take "is".
_UNITS = word_set("minutes hours days weeks months years dollars pounds euros percent")

# "the engineer say", "a shift need to", "the invoice are"
_SINGULAR_NOUN_AND_VERB = whole_words(
    rf"(?:{_SINGULAR_DETERMINERS})[ \t]+((?:[a-z]+[ \t]+)?)(?:{any_of(_SINGULAR_NOUNS)})"
    rf"[ \t]+{_ADVERB_BEFORE_VERB}"
    rf"({any_of(_VERBS_NOT_NOUNS | _SINGULAR_FIXES.keys() | {'need', 'want'})})"
)
# "the main points is", "your saved reports has"
_PLURAL_NOUN_AND_VERB = whole_words(
    rf"(?:{_PLURAL_DETERMINERS})[ \t]+((?:[a-z]+[ \t]+){{0,2}})([a-z]+s)"
    r"[ \t]+(is|was|has|isn't|wasn't|hasn't|doesn't)(?![\w'-])"
)
# "one of them seem", "each of the agents take"
_ONE_OF_AND_VERB = whole_words(
    r"(?:one|each)[ \t]+of[ \t]+(?:them|us|you|these|those"
    r"|(?:the|our|your|their|my|his|her)[ \t]+[a-z]+s)"
    rf"[ \t]+{_ADVERB_BEFORE_VERB}({any_of(_BASE_VERBS)})(?![\w'-])"
)

# "The list of open tickets are ready", "the details of the order is
# attached": a verb that agrees with the noun of a phrase after the subject
# instead of the subject.
_VERB_AFTER_A_PHRASE = whole_words(
    rf"(?:{_SINGULAR_DETERMINERS}|these|those)[ \t]+((?:[a-z]+[ \t]+){{0,2}}?)([a-z]+)"
    r"[ \t]+(?:of|for|in|on|from|with|at|about|to|under|between|behind|near|across|inside"
    r"|outside|without|within|after|before|during|among)"
    r"[ \t]+((?:[a-z]+[ \t]+){0,2}?)"
    r"(?!(?:the|a|an|our|your|their|his|her|its|my|this|that|these|those)\b)([a-z]+)"
    rf"[ \t]+{_ADVERB_BEFORE_VERB}"
    r"(are|were|have|do|aren't|weren't|haven't|don't|is|was|has|does|isn't|wasn't|hasn't|doesn't"
    rf"|{any_of(_BASE_VERBS | _S_FORMS.keys())}"
    # Any other word in -s, when the object of a verb follows it.
    r"|[a-z]{2,}(?:ches|shes|sses|xes|[^s'aeiou]s)(?=[ \t]+(?:the|a|an|this|that|these|those"
    r"|our|your|their|his|her|its|my|some|any|all|every|no|it|them|us|me|him|you)\b))"
    r"(?![\w'-])"
)
_SINGULAR_VERBS = word_set("is was has does isn't wasn't hasn't doesn't") | _S_FORMS.keys()
_PLURAL_VERBS = word_set("are were have do aren't weren't haven't don't")
# A head noun that counts or groups what follows it takes the verb of what
# it counts ("a number of customers are", "the rest of the orders were"), and
# a collective noun may take a plural verb in British English ("the team of
# engineers are"). Irregular plurals ("the people in the office are").
_PHRASE_HEADS_LEFT_ALONE = word_set(
    "number lot lots couple majority minority rest remainder bulk half third quarter most"
    " range variety host group set series kind sort type pair total percentage proportion"
    " share portion handful dozen plenty mix selection part fraction bunch first last top"
    " best worst latest next remaining other same all some none any one few many several"
    " team staff company management board family government committee council crew public"
    " audience department firm police personnel"
    " people children men women data media criteria feet teeth cattle"
)
# A pronoun after the preposition starts a clause of its own: "a few of you
# said the scripts do".
_PRONOUNS = word_set("i you we they he she it me us them him her")


def _is_plural_noun(word: str) -> bool:
    """A regular plural: "tickets", "boxes"; not "status", "news", "analysis"."""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ics"))
        and word not in _SINGULAR_IN_S
    )


# "Some of the shared calendars in the finance department was": a quantity
# of a plural noun at the start of a sentence is plural too. (Not "none of",
# "each of" or "one of", which may take "was".)
_PLURAL_QUANTITY_OF = re.compile(
    r"(?:^|[.!?:][ \t]+|\n[ \t]*)(?:some|all|most|many|several|both|half|a[ \t]+few|few)"
    r"[ \t]+of[ \t]+$",
    re.IGNORECASE,
)


def _plural_head(head: str) -> bool:
    return _is_plural_noun(head) or head in _IRREGULAR_PLURALS


def _find_verb_after_a_phrase(text: str, starts: list[int]) -> Iterator[Hit]:
    for match in _matches_at(starts, _VERB_AFTER_A_PHRASE, text):
        head, noun = match.group(2), match.group(4).lower()
        between = match.group(3).lower().split()
        verb = match.group(5).lower()
        counted = head == "number" and match.group().lower().startswith("the")
        left_alone = head in _MAY_TAKE_A_PLURAL_VERB and head not in _IRREGULAR_PLURALS
        if head != head.lower() or (left_alone and not counted):
            continue  # collectives ("the band are"), but "the number of complaints has"
        if not _modifiers_are_plain(match.group(1)) or not _modifiers_are_plain(match.group(3)):
            continue
        if noun in NOT_A_MODIFIER | _PRONOUNS or _PRONOUNS & set(between):
            continue
        if any(map(_is_plural_noun, between)):
            continue  # "the list of things customers have asked for": a clause of its own
        if _NUMBER_WORDS & set(match.group(1).lower().split()):
            continue  # "the two weeks of notice is": an amount
        before = text[max(0, match.start() - 30) : match.start()]
        if not (
            _opens_a_clause(text, match.start())
            or re.search(r",[ \t]*(?:and|but|so)[ \t]+$", before)
            or (_PLURAL_QUANTITY_OF.search(before) and _plural_head(head))
        ):
            continue  # ", and the report of failed payments were": a new clause
        plural_head = _plural_head(head)
        if verb not in _SINGULAR_VERBS and verb not in _PLURAL_VERBS | _BASE_VERBS:
            # Any other word in -s after the phrase: "the dates in the
            # summary matches", when a verb's object follows it.
            if plural_head and not _is_plural_noun(noun):
                base = verb[:-2] if verb.endswith(("ches", "shes", "sses", "xes")) else verb[:-1]
                yield hit_word(match, base, group=5)
            continue
        if verb in _SINGULAR_VERBS:
            if plural_head and not _is_plural_noun(noun):
                yield hit_word(match, _PLURAL_FIXES.get(verb) or _S_FORMS[verb], group=5)
        elif not head.endswith("s") and head not in _IRREGULAR_PLURALS and (
            _is_plural_noun(noun) or verb in _PLURAL_VERBS
        ):
            # "The list of open tickets are", and "the user guide for the
            # headset are": neither noun is plural.
            fixed = _SINGULAR_FIXES.get(verb) or ("does" if verb == "do" else _third_person(verb))
            yield hit_word(match, fixed, group=5)

# "one of the reasons are", "each of them have"
_ONE_OF_AND_BE = whole_words(
    r"(?:one|each)[ \t]+of[ \t]+(?:them|us|you|these|those"
    r"|(?:the|our|your|their|my|his|her)[ \t]+(?:[a-z]+[ \t]+)?[a-z]+s)"
    rf"[ \t]+{_ADVERB_BEFORE_VERB}(are|were|have|aren't|weren't|haven't|don't)(?![\w'-])"
)

# "The dogs barks", "my parents lives": a plural noun and an -s verb.
_PLURAL_NOUN_AND_S_FORM = whole_words(
    rf"(?:{_PLURAL_DETERMINERS})[ \t]+((?:[a-z]+[ \t]+)?)([a-z]+)[ \t]+{_ADVERB_BEFORE_VERB}"
    rf"({any_of(_S_FORMS)})(?![\w'-])"
)
# Plurals without an -s: "the police is", "the children plays".
_IRREGULAR_PLURALS = word_set("people children men women police cattle feet teeth mice geese")
# Nouns in -s that are plural modifiers of the next noun: "the sales calls
# were", "the sports shows are".
_PLURAL_MODIFIERS = word_set(
    "sales sports customs accounts operations goods arms parts systems claims jobs arts"
    " savings news"
)
# "The film were", "this plan are": a singular noun and a plural verb. Not
# nouns that may take a plural verb (collectives, "the sheep"), nor
# adjectives that name a group ("the rich are", "the following are").
_SINGULAR_NOUN_AND_PLURAL_VERB = whole_words(
    rf"(the|a|an|this|that|each|every|my|your|our|his|her|its)[ \t]+((?:[a-z]+[ \t]+)?)"
    rf"([a-z]+)[ \t]+{_ADVERB_BEFORE_VERB}(are|were|aren't|weren't)(?![\w'-])"
)
_MAY_TAKE_A_PLURAL_VERB = _PHRASE_HEADS_LEFT_ALONE | _IRREGULAR_PLURALS | word_set(
    "sheep fish deer aircraft offspring salmon trout species means crossroads band club army"
    " crowd press youth class jury party union church school university college hospital"
    " rich poor young old elderly unemployed wounded injured homeless sick dead living blind"
    " deaf wealthy following latter former above below remaining others few many"
    " orchestra squad cast choir faculty household population village town community nation"
    " workforce tribe generation enemy opposition audience couple elite clergy gentry"
    " vulnerable innocent guilty brave wise strong weak famous lucky mighty faithful needy"
    " ill healthy like likes"
) | _NUMBER_WORDS
_MORE_VERBS_NOT_NOUNS = word_set("live eat learn enjoy speak write sing teach listen")
# "The man go to work", "my sister live in Rome": any singular noun, and a
# base verb that is rarely a noun (so not "the park walk", "the phone call").
_ANY_NOUN_AND_BASE_VERB = whole_words(
    rf"(?:{_SINGULAR_DETERMINERS})[ \t]+((?:[a-z]+[ \t]+)?)([a-z]+)[ \t]+{_ADVERB_BEFORE_VERB}"
    rf"({any_of(_VERBS_NOT_NOUNS | _MORE_VERBS_NOT_NOUNS)})(?![\w'-])"
)
# Words that are neither a noun nor a word describing one: "a ticket should
# go", "the better you get".
_NOT_IN_A_NOUN_PHRASE = NOT_A_MODIFIER | _PRONOUNS | word_set(
    "will would can could should shall may might must not never also still just only even"
    " more less better worse most least rather than then too very so be been has have had"
    " do does did this these those the a an"
)
# "the news are", "the physics were": nouns in -s that take a singular verb.
_SINGULAR_IN_S_AND_PLURAL_VERB = whole_words(
    r"(?:the|this)[ \t]+(?:news|physics|mathematics|maths|economics|measles)[ \t]+"
    r"(are|were|have|aren't|weren't|haven't)(?![\w'-])"
)
_IRREGULAR_PLURAL_AND_VERB = whole_words(
    rf"(?:{_PLURAL_DETERMINERS})[ \t]+(?:{any_of(_IRREGULAR_PLURALS)})"
    r"[ \t]+(is|was|has|isn't|wasn't|hasn't|doesn't)(?![\w'-])"
)
# "this books are", "these book is"
_THIS_AND_PLURAL = whole_words(r"(this)[ \t]+([a-z]+s)[ \t]+(?:are|were|have)(?![\w'-])")
_THESE_AND_SINGULAR = whole_words(
    r"(these|those)[ \t]+([a-z]+)[ \t]+(?:is|was|has|isn't|wasn't|hasn't)(?![\w'-])"
)


def _find_more_noun_subjects(text: str, starts: list[int]) -> Iterator[Hit]:
    """"The dogs barks", "the police is", "the film were", "the news are",
    "this books are": nouns of any kind whose number shows in their form."""
    for match in _matches_at(starts, _PLURAL_NOUN_AND_S_FORM, text):
        noun = match.group(2)
        if noun != noun.lower():
            continue  # "The Times says": a name
        plural = _is_plural_noun(noun) or noun in _IRREGULAR_PLURALS
        if not plural or noun in _PLURAL_MODIFIERS or not _modifiers_are_plain(match.group(1)):
            continue
        if _NUMBER_WORDS & set(match.group(1).lower().split()):
            continue  # "the two weeks seems long": an amount
        if next_word(text, match.end()) in _FINITE_VERBS:
            continue  # "the sales calls were": "calls" is a noun
        if _opens_a_clause(text, match.start()):
            yield hit_word(match, _S_FORMS[match.group(3).lower()], group=3)
    for match in _matches_at(starts, _SINGULAR_NOUN_AND_PLURAL_VERB, text):
        determiner, noun = match.group(1).lower(), match.group(3)
        if noun != noun.lower() or noun.endswith("s") or noun in _MAY_TAKE_A_PLURAL_VERB:
            continue
        if {noun, *match.group(2).lower().split()} & _NOT_IN_A_NOUN_PHRASE:
            continue  # "the people who were"
        if noun.endswith(("ed", "less", "ly", "ish", "ese")) or not _modifiers_are_plain(
            match.group(2)
        ):
            continue  # "the injured were", "the Chinese are"
        if determiner == "that" or previous_word(text, match.start()) in _BEFORE_SUBJUNCTIVE:
            continue  # "so that the film were", "if the plan were"
        if _opens_a_clause(text, match.start()):
            yield hit_word(match, _SINGULAR_FIXES[match.group(4).lower()], group=4)
    for match in _matches_at(starts, _ANY_NOUN_AND_BASE_VERB, text):
        noun, verb = match.group(2), match.group(3).lower()
        if noun.endswith("s") or noun in _MAY_TAKE_A_PLURAL_VERB or noun in _SINGULAR_NOUNS:
            continue  # plural, or already read by the rule for business nouns
        if {noun, *match.group(1).lower().split()} & _NOT_IN_A_NOUN_PHRASE:
            continue
        if noun.endswith(("ed", "less", "ly", "ish", "ese", "ing")):
            continue  # "the injured go", "the Chinese speak": adjectives naming a group
        if not _modifiers_are_plain(match.group(1)) or _after_a_demand(text, match.start()):
            continue
        if previous_word(text, match.start()) in _BEFORE_SUBJUNCTIVE:
            continue
        if _opens_a_clause(text, match.start()):
            yield hit_word(match, _third_person(verb), group=3)
    for match in _matches_at(starts, _SINGULAR_IN_S_AND_PLURAL_VERB, text):
        if _opens_a_clause(text, match.start()):
            yield hit_word(match, _SINGULAR_FIXES[match.group(1).lower()])
    for match in _matches_at(starts, _IRREGULAR_PLURAL_AND_VERB, text):
        if _opens_a_clause(text, match.start()):
            yield hit_word(match, _PLURAL_FIXES[match.group(1).lower()])
    for match in _matches_at(starts, _THIS_AND_PLURAL, text):
        if _is_plural_noun(match.group(2)) and _opens_a_clause(text, match.start()):
            yield hit_word(match, "these")
    for match in _matches_at(starts, _THESE_AND_SINGULAR, text):
        noun = match.group(2)
        if noun == noun.lower() and not noun.endswith("s") and noun not in _MAY_TAKE_A_PLURAL_VERB:
            if _opens_a_clause(text, match.start()):
                yield hit_word(match, "this" if match.group(1).lower() == "these" else "that")


_FINITE_VERBS = word_set(
    "is are was were has have had will would can could should may might must do does did"
)


# Every noun-phrase pattern starts with one of these: finding them once and
# trying each pattern there is cheaper than scanning the text once a pattern.
_DETERMINER = re.compile(
    r"(?<![\w'-])(?:the|a|an|this|that|these|those|each|every|my|your|our|his|her|its|their"
    r"|all|some|many|both|such)(?=[ \t])",
    re.IGNORECASE,
)


def _matches_at(starts: list[int], pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` that start at one of ``starts``."""
    for start in starts:
        match = pattern.match(text, start)
        if match:
            yield match


def _opens_a_clause(text: str, start: int) -> bool:
    """True when the noun phrase at ``start`` can be the subject of a clause."""
    before = previous_word(text, start, across_lines=True)
    if before:
        return before in _BEFORE_NOUN_SUBJECT
    return at_clause_start(text, start)


def _modifiers_are_plain(words: str) -> bool:
    return all(word not in NOT_A_MODIFIER for word in words.lower().split())


def _find_noun_subject_verb(text: str) -> Iterator[Hit]:
    """"The engineer say", "the main points is", "one of them seem",
    "there is two options": a noun subject and a verb that disagree."""
    starts = [match.start() for match in _DETERMINER.finditer(text)]
    for match in _matches_at(starts, _SINGULAR_NOUN_AND_VERB, text):
        verb = match.group(2).lower()
        if not _modifiers_are_plain(match.group(1)) or not _opens_a_clause(text, match.start()):
            continue
        if verb in ("need", "want") and next_word(text, match.end()) != "to":
            continue  # "meet the customer need": a noun
        if verb == "were" and previous_word(text, match.start()) in _BEFORE_SUBJUNCTIVE:
            continue
        if text[match.end() : match.end() + 1] == "-" or _after_a_demand(text, match.start()):
            continue
        fixed = _SINGULAR_FIXES.get(verb) or _third_person(verb)
        yield hit_word(match, fixed, group=2)
    for match in _matches_at(starts, _PLURAL_NOUN_AND_VERB, text):
        noun = match.group(2)
        if noun != noun.lower() or len(noun) < 4 or noun in _SINGULAR_IN_S:
            continue
        if noun.endswith(("ss", "us", "is", "ics")) or not _modifiers_are_plain(match.group(1)):
            continue
        if _NUMBER_WORDS & set(match.group(1).lower().split()):
            continue
        if _opens_a_clause(text, match.start()):
            yield hit_word(match, _PLURAL_FIXES[match.group(3).lower()], group=3)
    there_is = whole_words(rf"there[ \t]+(is|was)[ \t]+(?:{_NUMBERS})(?![\w'-])")
    for match in there_is.finditer(text):
        if next_word(text, match.end()) not in _UNITS:
            yield hit_word(match, _PLURAL_FIXES[match.group(1).lower()])
    for match in whole_words(rf"(there's)[ \t]+(?:{_NUMBERS})(?![\w'-])").finditer(text):
        if next_word(text, match.end()) not in _UNITS:
            yield hit_word(match, "there are")  # "there's two cats"
    yield from _find_verb_after_a_phrase(text, starts)
    yield from _find_more_noun_subjects(text, starts)
    for match in _ONE_OF_AND_BE.finditer(text):
        if previous_word(text, match.start()) not in _BEFORE_BASE_FORM:
            yield hit_word(match, _SINGULAR_FIXES[match.group(1).lower()])
    for match in _ONE_OF_AND_VERB.finditer(text):
        if previous_word(text, match.start()) in _BEFORE_BASE_FORM:
            continue  # "let one of them go"
        if not _after_a_demand(text, match.start()):
            yield hit_word(match, _third_person(match.group(1).lower()))


SUBJECT_VERB = Rule(
    "subject-verb",
    "The verb does not agree with its subject.",
    _find_subject_verb,
    catches=("He have the file.", "She don't agree.", "It were late.", "They was told.",
             "We checked, and it have been sent.", "Sorry, it are not ready.",
             "He have not called.",
             "We was waiting.", "They is here.", "He are away.", "It have been sent.",
             "He say it is late.", "It look fine now.", "I think it need a restart.",
             "She always want more.", "They says it is late.",
             "The engineer say it is fixed.", "The main points is:", "There is two options.",
             "One of them seem cheaper.", "The list of open tickets are ready.",
             "The details of the order is attached.", "One of the reasons are cost.",
             "The price of the new laptops are high.",
             "We checked, and the cost of the repairs were covered.", "Everyone have a book.",
             "Nobody know the answer.", "I is happy.", "You was right.",
             "The children plays outside.", "My parents lives in Rome.", "The police is coming.",
             "The film were great.", "The news are bad.", "This books are mine.",
             "These book is mine.", "He play football.", "There's two cats here.",
             "The tone of the emails make it worse.", "The boxes in the hall needs moving.",
             "The number of refunds have risen.", "The manual for the printer are here.",
             "The people in the office was told.", "The forms in the tray needs a stamp.",
             "Some of the laptops in the store was broken."),
    passes=("He has the file.", "Does he have the file?", "If it were late, call us.",
            "As it were, the deal closed.", "They were told.", "I wish he were here.",
            "Should she have questions, call.", "Let it have a rest.",
            "The items in it have been sent.", "Customers who use it have asked.",
            "The email we sent you was late.", "Does he need help?", "Make it work.",
            "He need not attend.", "We suggest he call us.", "Sam and he work together.",
            "It cost $50 last year.", "Customers who use it say it works.",
            "IT need the form.", "What the customer needs is a refund.",
            "Sam and the engineer agree.", "The news is good.", "Let one of them go.",
            "A number of customers are waiting.", "The team of engineers are on site.",
            "The people in the office are friendly.", "The status of the orders is green.",
            "The list of things customers have asked for is long.",
            "A few of you said the scripts do not work.", "The rest of the orders were sent.",
            "Does anyone know the way?", "Let everyone know.", "Anyone know where it is?",
            "Thank you is not enough.", "Part I is an introduction.", "You and I are friends.",
            "World War I was long.", "The couple were married in June.",
            "The poor are always with us.", "If the plan were simpler, we would use it.",
            "The Times says it will rain.", "The sales calls were long.",
            "These data are reliable.", "The top ten were announced.",
            "The results of the tests show a trend.", "The price of the tickets includes lunch.",
            "A number of calls have come in.", "The members of the club meet on Fridays.",
            "The band from the school are playing.", "None of the calendars in it was hit."),
)
