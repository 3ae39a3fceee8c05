"""Possessives and the contractions that sound like them: its / it's, your / you're,
their / there / they're."""

from __future__ import annotations

import re
from collections.abc import Iterator

from typing_test.core.email.grammar._rule import Hit, Rule, hit_word, hit_words
from typing_test.core.email.grammar._text import (
    BEFORE_SUBJECT_IT,
    CLAUSE_OPENERS,
    NEXT_WORD,
    NOT_A_MODIFIER,
    PREPOSITIONS,
    at_clause_start,
    next_word,
    previous_word,
    whole_words,
    word_set,
)

# What "you are", "they are" or "it is" goes on with, when "your", "their"
# or "its" was written instead: an -ing verb or an adjective that stands
# after a verb, not before a noun.

# -ing words that are verbs after "your" or "their" ("your sending",
# "their causing"), unless a noun they describe follows ("their sending bank").
# Not the -ing words that are often nouns: "your booking", "their meeting".
_PROGRESSIVE = word_set(
    "sending looking expecting hoping getting doing making taking telling giving"
    " keeping preparing considering causing using being having experiencing facing raising"
    " cutting adding removing introducing launching replacing upgrading reviewing fixing"
    " sorting handling arranging investigating contacting chasing organising organizing"
)
# -ing words that are as often adjectives or nouns ("your working hours",
# "their coming visit", "their asking price"): verbs only before a particle
# ("your working on it", "their coming back", "your trying to").
_PROGRESSIVE_WITH_PARTICLE = word_set(
    "going coming trying working waiting running moving leaving paying calling planning asking"
    " staying travelling traveling speaking talking writing living starting arriving"
    " struggling complaining dealing"
)
# Where someone is: after "are" and an adverb ("they're already on the
# train"); after "your" or "their" an adverb is followed by an adjective.
_PLACES_AFTER_BE = word_set("on in at here there home away back out off up inside outside")
# -ing words that are verbs even alone: "your kidding", "their joking".
_PROGRESSIVE_ALONE = word_set("kidding joking")
# A particle or a pronoun object after an -ing word makes it a verb:
# "their going back", "your asking us".
_PARTICLES = word_set(
    "on with from for to at in into through out back up away off again together today now"
    " tomorrow soon later shortly late early hard by us you them me him it home"
)
# How the object of an -ing verb starts: "your sending it", "their doing
# well", "their raising prices" (a plural). A singular noun after the -ing
# word is described by it instead: "their sending bank", "its handling fee";
# "of" makes the -ing word a noun: "their handling of the case".
_OBJECT_STARTS = _PARTICLES | word_set(
    "a an the this that these those our your their his her its my some any all every each no"
    " more less both another everything something anything nothing trouble difficulty fun"
    " well fine great good badly better worse"
)
# Plural nouns an -ing word describes: "their handling fees".
_AFTER_ING_NOUN = word_set(
    "times lists rooms costs dates hours days points instructions expenses fees charges"
    " accounts offices teams banks"
)
# Adjectives that say how someone is ("aware of", "happy with", "welcome."):
# after "your" or "their" they need "you're" or "they're" unless a noun
# follows ("your free trial", "their late payment").
_PREDICATIVE = word_set(
    "able unable aware unaware sure unsure happy unhappy pleased satisfied interested welcome"
    " free busy late ready available unavailable eligible entitled responsible correct wrong"
    " keen lucky visible"
)
_AFTER_PREDICATIVE = word_set(
    "to that with about for of in at on by now today again here too enough already within"
    " after before until when if because since"
)
# Adverbs between "are" and what follows it: "you're always welcome".
_ADVERBS_AFTER_BE = word_set(
    "usually normally generally often sometimes"
    " always already still now also just currently probably definitely really actually never"
    " very quite"
)
# After these an -ing word is a gerund and "your" is right: "thanks for your
# going the extra mile", "we appreciate their being patient".
_BEFORE_GERUND = PREPOSITIONS | word_set(
    "after before despite without regarding including like appreciate appreciated"
    " appreciates regret mind excuse forgive imagine stop stopped quit enjoy enjoyed love loved"
    " hate hated like liked dislike"
)


def _reads_as_be_complement(text: str, end: int) -> bool:
    """True when the words after ``end`` go after "are" or "is": an -ing verb
    ("sending it", "waiting for"), or an adjective that does not describe a
    following noun ("aware of", "happy with", "welcome."), after an optional
    adverb ("always welcome", "still waiting").

    >>> [_reads_as_be_complement(t, 4) for t in ("your still waiting for", "your free trial")]
    [True, False]
    """
    match = NEXT_WORD.match(text, end)
    adverb = bool(match) and match.group(1).lower() in _ADVERBS_AFTER_BE
    if adverb:
        match = NEXT_WORD.match(text, match.end())
    if not match or text[match.end() : match.end() + 1] == "-":
        return False
    word = match.group(1).lower()
    following = next_word(text, match.end())
    if adverb and word in _PLACES_AFTER_BE:
        return True  # "their already on the train", "your always at home"
    # "still waiting." ends a clause; "show your working." is a noun.
    ends_clause = text[match.end() : match.end() + 1] in (".", ",", "!", "?", ";", ":")
    if word in _PROGRESSIVE_ALONE and not text[match.end() : match.end() + 1].isalpha():
        return True  # "your kidding!", "their joking."
    if word in _PROGRESSIVE or word in _PROGRESSIVE_WITH_PARTICLE:
        if adverb and ends_clause:
            return True
        if word in _PROGRESSIVE:
            plural = following.endswith("s") and not following.endswith("ss")
            return following in _OBJECT_STARTS or (plural and following not in _AFTER_ING_NOUN)
        if following not in _PARTICLES:
            return False
        # "their going away party", "their coming home was": a noun phrase
        # when a bare word follows the particle.
        particle_end = NEXT_WORD.match(text, match.end()).end()
        after = next_word(text, particle_end)
        ends = not after or text[particle_end : particle_end + 1] in ".,!?;:"
        return ends or after in _OBJECT_STARTS | PREPOSITIONS
    if word in _PREDICATIVE:
        if word == "free" and following == "of":
            return False  # "your free of charge upgrade"
        return ends_clause or following in _AFTER_PREDICATIVE
    return False


# "its" where "it's" (it is, it has) is meant: "its a", "its been".
_ITS_BEFORE = (
    "a|an|not|been|going|taking|getting|happening|raining|snowing|too|so|already|also|just"
    "|still|now|really"
    "|quite|probably|definitely|actually|my|your|our|their|his|the|this|these|those|all|no"
    "|nothing|always|never|about|because|in|on|at|with|from|for|me|us|you|him|them"
    "|(?:up|due)[ \t]+to"
)
_ITS_ADJECTIVE = (
    "important|possible|impossible|necessary|likely|unlikely|clear|easy|hard|difficult"
    "|essential|great|good|nice|fine|ok|okay|true|worth|urgent|done|ready|fixed|resolved"
    "|working|available|late|here|there|correct|wrong|free|broken|open|closed|complete"
    "|finished|normal|strange|odd|unusual|common|obvious|simple|quick|cheap|expensive|busy"
    "|quiet|unclear|certain|fair|unfair|safe|secure|sorted|sent|paid|approved|booked"
    "|confirmed|scheduled|gone|over|out|cold|hot|warm|sunny|windy|cloudy|wet|dry|dark|bright"
    "|lovely|beautiful|wonderful|terrible|awful|horrible|amazing|boring|funny|sad|weird|crazy"
)
_ITS_ADJECTIVE_WORDS = frozenset(_ITS_ADJECTIVE.split("|"))
# What follows such an adjective when "it's" is meant: "its fine with me".
_AFTER_ITS_ADJECTIVE = "to|that|for|with|now|today|again|too|enough"
# "it's" where "its" is meant: "on it's way", "the company and it's staff".
# Only after a preposition, after a verb or "and" with a noun that is
# usually owned, or before such a noun and a verb ("you're account has"):
# "it's team spirit that counts", "check you're logged in" are right.
_OWNED = (
    "account|accounts|address|application|appointment|balance|bank|behalf|bill|booking"
    "|budget|business|call|card|case|claim|clients|colleagues|complaint|concerns|contract"
    "|cooperation|customers|data|deadline|delivery|department|details|documents|efforts"
    "|email|emails|employees|feedback|file|files|flexibility|help|information|invoice"
    "|invoices|items|manager|members|message|money|name|number|office|order|orders|parcel"
    "|password|patience|payment|payments|phone|plan|policy|prices|products|profile|query"
    "|question|questions|receipt|records|refund|reply|report|reports|request|results"
    "|schedule|service|shift|staff|subscription|support|system|team|teams|terms|ticket"
    "|tickets|users|website|features|contents|owner|price|location|logo|brand|settings"
    "|warranty|reputation|signature|response|enquiry|inquiry|comments|letter|postcode"
    "|membership|reservation|inbox|attachment|username|login|basket|cart|mobile|manual"
)
_OWNED_WORDS = frozenset(_OWNED.split("|"))
# "from there data flows", "the file in there", "out there customers wait":
# "there" as a place.
_BEFORE_PLACE_THERE = word_set("from in out up down over back here")
# Verbs whose object is often someone's thing: "update there details",
# "remind you're team". Not verbs that take a clause ("confirm it's done"
# is right) other than "check" and "confirm", whose clause rarely starts
# with a noun.
_BEFORE_OWNED = word_set(
    "and check checked confirm confirmed contact contacted reset send sent update updated"
    " share shared review reviewed verify verified cancel cancelled canceled change changed"
    " process processed submit submitted provide provided enter entered attach attached"
    " include included approve approved renew renewed improve improved lose lost keep kept"
    " protect protected use used increase increased reduce reduced raise raised close"
    " closed open opened remind reminded ask asked inform informed let lets thank thanked"
    " call called email emailed give gave add added have has had receive received need needs"
    " needed appreciate appreciated"
)
# Verbs that show the word before them is a subject: "you're account has".
_FINITE = (
    "is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|do|did"
    "|isn't|aren't|wasn't|weren't|hasn't|haven't|won't|can't|doesn't|don't|didn't"
)
# Verbs of saying that show the same: "they're manager said". Not those
# that are also participles ("it's new software called Slack", "it's old
# data confirmed by Sam").
_SAID = "said|says|told|wrote|replied|rang|phoned"
# A "there" that opens a clause: "I think there going", "if there happy".
_BEFORE_CLAUSE_THERE = word_set(
    "if because since when unless whether think hope believe guess sure know that while"
    " once until"
)


def _find_possessive_contraction(text: str, contraction: str, possessive: str) -> Iterator[Hit]:
    """"it's own", "for you're patience", "on they're account", "you're order
    has shipped": a contraction standing where the possessive belongs."""
    pattern = whole_words(rf"({contraction})[ \t]+([a-z]+)(?![\w'-])")
    for match in pattern.finditer(text):
        if match.group(1).startswith("IT"):
            continue  # "IT's new laptops": the IT department
        before = previous_word(text, match.start())
        noun = match.group(2).lower()
        if contraction == "there" and (
            before in _BEFORE_PLACE_THERE
            or text[max(0, match.start() - 9) : match.start()].lower() == "here and "
        ):
            continue
        ends_clause = _PUNCTUATION_AFTER.match(text, match.end())
        if (
            noun == "own"
            or (before in PREPOSITIONS and contraction != "there")
            or (before in PREPOSITIONS | _BEFORE_OWNED and noun in _OWNED_WORDS)
            or (contraction != "there" and before in _TAKES_A_THING)  # "I like you're style"
            or (  # "the cat licked it's paw.", "Is this you're bag?"
                contraction != "there"
                and noun in _THINGS
                and ends_clause
                and (before.endswith("ed") or before in _BEFORE_OWNED | _BEFORE_ENDING_THING)
            )
        ):
            yield hit_word(match, possessive)
    subject = whole_words(
        rf"({contraction})[ \t]+(?:{_OWNED})[ \t]+(?:{_FINITE}|{_SAID})(?![\w'-])"
    )
    for match in subject.finditer(text):
        if match.group(1).startswith("IT"):
            continue
        before = previous_word(text, match.start())
        if contraction == "there" and not (
            (before in CLAUSE_OPENERS and before != "and") or at_clause_start(text, match.start())
        ):
            continue  # "Is there data that...", "here and there customers have"
        yield hit_word(match, possessive)


# "licked it's paw.", "Is this you're bag?": a contraction, then a thing
# someone owns at the end of the sentence. Not people ("they're friends.",
# "you're family." are right) nor "home" ("it's home.").
_THINGS = word_set(
    "paw paws tail bag bags car cars house coat key keys room desk seat job name fault idea"
    " turn dog cat phone book books lid door roof owner collar bowl wheel wheels leg legs"
    " colour color shape size address account order number password email"
)
_BEFORE_ENDING_THING = word_set("this that is was")
# Verbs whose object is a thing, never a clause: "I like you're style",
# "we need they're help". ("I see you're right" and "I hear they're
# leaving" take a clause.)
_TAKES_A_THING = word_set(
    "like likes liked love loves loved hate hates hated want wants wanted need needs needed"
    " took take takes lost lose stole borrowed borrow use used broke fixed enjoyed admire"
    " admired"
)


# What may stand between "there" and its verb: "there still is", "there it
# is". Any other word there is a noun: "There factory had a fire."
_NOT_A_NOUN_AFTER_THERE = word_set(
    "i you we they he she it this that these those who what which one someone anyone everyone"
    " nobody something anything nothing everything also still often always never now then"
    " sometimes already just only even once soon ever yet too again indeed perhaps therefore"
    " thus hence likewise maybe instead however rather nonetheless nevertheless"
)
# Singular verbs that show the words before them are a subject: "it's
# delivery charge is high", "you're new password works".
_SINGULAR_FINITE = (
    "is|was|has|isn't|wasn't|hasn't|does|doesn't|means|needs|costs|works|looks|seems"
    "|includes|shows|makes|takes|gives|offers|runs"
)
_PLURAL_FINITE = "are|were|have|aren't|weren't|haven't|don't"
# Words that open a clause of their own, as in "it's the one that is": the
# verb after them does not belong to the contraction.
_STARTS_INNER_CLAUSE = word_set(
    "that which who whom whose what where when how why i we you they he she it there anyone"
    " anybody someone somebody everyone everybody nobody nothing something everything not"
)
_OPENS_MAIN_CLAUSE = word_set("and but so because since although though while")
# Verbs a reported clause follows: "the driver said it's box was left".
_SAYING = word_set("said says think thinks thought hope believe know knew noticed")


def _find_contraction_before_a_verb(
    text: str, contraction: str, possessive: str
) -> Iterator[Hit]:
    """"but it's delivery charge is high": a contraction that opens a clause,
    then a short noun phrase and its verb. "The reason it's late is" and
    "it's data customers have" are right."""
    pattern = whole_words(
        rf"({contraction})((?:[ \t]+[a-z]+){{1,2}})[ \t]+"
        rf"({_SINGULAR_FINITE}|{_SAID}|{_PLURAL_FINITE})(?![\w'-])"
    )
    for match in pattern.finditer(text):
        words = match.group(2).split()
        plural_verb = bool(re.fullmatch(_PLURAL_FINITE, match.group(3).lower()))
        if plural_verb != (words[-1].endswith("s") and not words[-1].endswith("ss")):
            continue  # a plural noun takes "are": "it's wheels are flat"
        if plural_verb and len(words) > 1:
            continue  # "it's data customers have given us"
        if match.group(2) != match.group(2).lower() or match.group(1).startswith("IT"):
            continue  # "it's Sam who has", "IT's"
        if any(word in _STARTS_INNER_CLAUSE or word in _ADVERBS_AFTER_BE for word in words):
            continue  # "it's the one that is", "it's really is"
        before = previous_word(text, match.start())
        if (
            before in _OPENS_MAIN_CLAUSE
            or before in _SAYING
            or before in _CONDITIONS
            or (not before and at_clause_start(text, match.start()))
        ):
            yield hit_word(match, possessive)


# "when it's tank is empty": a clause that a condition or a time opens.
_CONDITIONS = word_set("when whenever if once unless until while after before")
# Verbs in -ed or -ing that take a clause: "we decided it's time", "I'm
# guessing it's fine". After other verbs "it's" and a noun is "its":
# "the team celebrated it's anniversary", "the council is reviewing it's
# policy".
_TAKE_A_CLAUSE = word_set(
    "decided realised realized noticed assumed guessed hoped believed claimed confirmed agreed"
    " argued announced explained suggested reported stated warned insisted predicted expected"
    " learned discovered ensured checked proved mentioned added replied answered complained"
    " admitted feared worried doubted figured reckoned imagined supposed pretended promised"
    " noted remarked concluded determined indicated implied denied recognised recognized"
    " accepted demonstrated established verified calculated estimated judged considered"
    " emailed texted joked shared signalled signaled"
    " guessing thinking hoping assuming saying believing betting reckoning figuring knowing"
    " checking confirming realising realizing noticing suggesting feeling wondering"
)
_ITS_AND_WORD = whole_words(r"(it's)[ \t]+([a-z]+)(?![\w'-])")
_VERB_FORM = re.compile(r"[a-z]+(?:ed|ing|[^s'u]s)")
# Words in -s before "it's" that are not verbs taking a thing, or that take
# a clause: "perhaps it's time", "he says it's fine".
_S_WORDS_BEFORE_A_CLAUSE = word_set(
    "sometimes perhaps always besides nevertheless thus hence unless whereas yes thanks was is"
    " has does this his its hers ours yours theirs plus minus towards afterwards nowadays less"
    " says thinks hopes means seems shows knows feels believes guesses suggests claims reports"
    " explains argues admits insists warns ensures checks confirms proves finds hears reckons"
    " assumes suspects realises realizes notices sees agrees promises states adds replies"
    " writes decides doubts fears worries bets expects learns emails texts"
)
_ALL_AND_ITS = whole_words(r"(?:all|both|half)[ \t]+(it's)[ \t]+([a-z]+s)(?![\w'-])")


def _find_its_after_a_verb(text: str) -> Iterator[Hit]:
    """"The app saves it's data" is rare English for a clause, but "the team
    celebrated it's anniversary" and "lost all it's leaves" are common
    errors: "it's" then a noun after a verb in -ed or -ing that does not
    take a clause, or after "all"."""
    for match in _ITS_AND_WORD.finditer(text):
        # Read back from "it's": cheaper than scanning every verb in the text.
        verb, word = previous_word(text, match.start()), match.group(2)
        if not _VERB_FORM.fullmatch(verb):
            continue
        if verb in _TAKE_A_CLAUSE or verb in _S_WORDS_BEFORE_A_CLAUSE or word != word.lower():
            continue
        if word in _ITS_ADJECTIVE_WORDS or word in _PREDICATIVE or word.endswith("er"):
            continue  # an adjective goes with "it is": "we looked, and it's fine"
        if _ADJECTIVE_ENDING.fullmatch(word) or not _reads_as_a_noun_after_you(word):
            continue
        yield hit_word(match, "its")
    for match in _ALL_AND_ITS.finditer(text):
        if _is_plural(match.group(2)):
            yield hit_word(match, "its")


def _is_plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


_DO_OR_TRY = word_set("do does did doing done try tries tried trying")


# An adjective known by its ending, closing a clause: "I think your
# amazing.", "their wonderful!", "its beautiful." Not nouns with those
# endings ("your table.", "your handful.").
_ADJECTIVE_ENDING = re.compile(
    r"[a-z]{3,}(?:ful|ous|ible|able)|amazing|interesting|boring|annoying|charming|stunning"
    r"|brilliant|excellent|gorgeous|lovely|wrong",
    re.IGNORECASE,
)
_NOUNS_LIKE_ADJECTIVES = word_set(
    "handful mouthful spoonful cupful bible crucible table cable stable fable vegetable"
    " timetable constable label syllable vegetable receivable deliverable variable"
)


def _find_adjective_after_possessive(text: str, possessive: str, contraction: str) -> Iterator[Hit]:
    pattern = whole_words(rf"({possessive})[ \t]+([a-z]+)(?=[ \t]*[.!?,;])")
    for match in pattern.finditer(text):
        word = match.group(2).lower()
        if word in _NOUNS_LIKE_ADJECTIVES:
            continue
        if _ADJECTIVE_ENDING.fullmatch(word) and previous_word(text, match.start()) not in (
            _BEFORE_GERUND
        ):
            yield hit_word(match, contraction)


def _find_its(text: str) -> Iterator[Hit]:
    before = whole_words(rf"(its)[ \t]+(?:{_ITS_BEFORE})(?![\w'-])")
    adjective = whole_words(
        rf"(its)[ \t]+(?:{_ITS_ADJECTIVE})"
        rf"(?=[ \t]+(?:{_AFTER_ITS_ADJECTIVE})\b|[.,!?]|$)"
    )
    for match in list(before.finditer(text)) + list(adjective.finditer(text)):
        if text[match.end() : match.end() + 1] == "-":
            continue  # "its so-called partner"
        yield hit_word(match, "it's")
    for match in whole_words(r"(its)[ \t]+time[ \t]+to(?![\w'-])").finditer(text):
        if previous_word(text, match.start()) in BEFORE_SUBJECT_IT or at_clause_start(
            text, match.start()
        ):
            yield hit_word(match, "it's")  # not "cut its time to market"
    best = whole_words(r"(its)[ \t]+(?:(?:best|better)[ \t]+to|worth[ \t]+[a-z]+ing)(?![\w'-])")
    for match in best.finditer(text):
        if previous_word(text, match.start()) not in _DO_OR_TRY:  # "do its best to help"
            yield hit_word(match, "it's")
    for match in whole_words("(its)").finditer(text):
        if previous_word(text, match.start()) not in _BEFORE_GERUND and (
            _reads_as_be_complement(text, match.end())
        ):
            yield hit_word(match, "it's")
    yield from _find_possessive_contraction(text, "it's", "its")
    yield from _find_adjective_after_possessive(text, "its", "it's")
    yield from _find_its_after_a_verb(text)
    yield from _find_contraction_before_a_verb(text, "it's", "its")
    for match in whole_words(r"(?:on|under)[ \t]+(it's)[ \t]+way").finditer(text):
        yield hit_word(match, "its")


# "your" where "you're" (you are) is meant, and the reverse.
_YOUR_BEFORE = (
    "a|an|the|not|so|too|sure|this|these|those|my|our|his|her|their|its|in|on|at|with|into"
    "|from|about[ \t]+to"
)
# "your able to": with "to" after them these words need "you are".
_YOUR_BEFORE_TO = (
    "able|unable|likely|unlikely|welcome|going|supposed|meant|required|entitled|eligible"
)
# "Give it your all" and "they gave their all" are right.
_BEFORE_ALL = word_set("it give gives gave given giving")
# "I think your right" needs "you're"; "it is your right" is right.
_BEFORE_YOU_ARE_RIGHT = word_set(
    "think hope believe guess sure agree feel so and but yes if because maybe perhaps"
)


def _find_your(text: str) -> Iterator[Hit]:
    before = whole_words(rf"(your)[ \t]+(?:{_YOUR_BEFORE}|(?:{_YOUR_BEFORE_TO})[ \t]+to)(?![\w'-])")
    for match in before.finditer(text):
        if previous_word(text, match.start()) not in _BEFORE_GERUND:
            yield hit_word(match, "you're")  # not "thanks for your going to the trouble"
    for match in whole_words(r"(your)[ \t]+(?:welcome|well)(?=[ \t]*(?:[.,!]|$))").finditer(text):
        if previous_word(text, match.start()) not in _BEFORE_GERUND:
            yield hit_word(match, "you're")  # not "thank you for your welcome."
    for match in whole_words("(your)").finditer(text):
        before = previous_word(text, match.start())
        if before not in _BEFORE_GERUND and _reads_as_be_complement(text, match.end()):
            yield hit_word(match, "you're")
    for match in whole_words(r"(your)[ \t]+all(?=[ \t]+[a-z])").finditer(text):
        if previous_word(text, match.start()) not in _BEFORE_ALL:
            yield hit_word(match, "you're")
    for match in whole_words(r"(your)[ \t]+right(?=[ \t]*[.,!?;]|[ \t]+(?:about|that)\b)").finditer(
        text
    ):
        before = previous_word(text, match.start())
        if before in _BEFORE_YOU_ARE_RIGHT or at_clause_start(text, match.start()):
            yield hit_word(match, "you're")
    for match in whole_words("(your's)").finditer(text):
        yield hit_word(match, "yours")
    yield from _find_you_for_your(text)
    yield from _find_adjective_after_possessive(text, "your", "you're")
    yield from _find_possessive_contraction(text, "you're", "your")
    yield from _find_contraction_before_a_verb(text, "you're", "your")


# "you" where "your" belongs: "thank you for you reply", "we have updated
# you address": things a reader owns, but not people ("you customers" and
# "you staff" name the readers).
_PEOPLE = word_set("clients colleagues customers employees members staff users")
_YOUR_NOUNS = (_OWNED_WORDS - _PEOPLE) | word_set(
    "time attention interest understanding consideration cooperation custom loyalty choice"
    " availability decision opinion thoughts views preference answer"
)
# Verbs whose object is a thing of the reader's, and which do not take two
# objects: "we updated you address" is wrong, "we sent you details" is not.
_BEFORE_YOUR_NOUN = word_set(
    "update updated check checked confirm confirmed reset verify verified review reviewed"
    " process processed cancel cancelled canceled change changed close closed renew renewed"
    " receive received need needs needed appreciate appreciated value valued enter entered"
    " submit submitted protect protected approve approved attach attached lose lost"
    " provide provided"
)
# After these "you" starts a clause whose subject is "you" + a noun: "I
# think you order has shipped".
_BEFORE_YOU_SUBJECT = word_set("and but so because think hope believe sure guess know")
_LET_ME_KNOW = re.compile(r"(?:me|us)[ \t]+know[ \t]+$")
_FINITE_AFTER = re.compile(rf"[ \t]+(?:{_FINITE}|{_SAID})(?![\w'-])")
# After "you" and its noun at the start of a clause: a verb, perhaps after a
# second noun or an adverb ("you online account was locked", "if you
# calendar still shows").
_VERB_AFTER_YOU_AND_NOUN = re.compile(
    rf"(?:[ \t]+([a-z]+))?[ \t]+(?:{_FINITE}|{_SAID}"
    r"|(?:still|also|always|never|now|just|already)[ \t]+[a-z]+s)(?![\w'-])"
)
_CONDITION_WORDS = word_set("if when once unless because since as")
_PUNCTUATION_AFTER = re.compile(r"[ \t]*[?.!,]")
# "to all of you": "of" is left out, since "many of you order online" is right.
_PREPOSITIONS_BEFORE_YOUR = PREPOSITIONS - {"of"}


# What may follow "you" when "you" is an object or a subject, not "your": a
# particle or an adverb ("take you home", "love you too"), a word of time
# ("see you tomorrow"), a quantity or a name for the readers ("thank you
# all", "you guys"), a verb of a clause ("as you know"), a form of "be",
# "have" or a modal ("you can"), a determiner ("give you a call").
_NOT_A_NOUN_AFTER_YOU = PREPOSITIONS | _PARTICLES | _OBJECT_STARTS | word_set(
    "to too so very all both two three guys folks people lot lots loads everyone know think"
    " see say said want need mean do did does can could will would should shall may might"
    " must are were have had has am be been being get got go went come came feel like"
    " again here there more most much less extra twice once first last next yet already"
    " still just only also always never really ever even instead anyway either neither alone"
    " free present personally tonight yesterday today tomorrow asap soon later now sir madam"
    " mate dear nothing anything something everything nobody one years hours minutes days"
    " weeks months ages while what which who whom whose how when where why if and or but as"
    " than then because yourself yourselves guys ladies gentlemen lot kids boys girls right"
    " over forgot went took knew thought saw gave left felt kept met paid put read ran sent sat"
    " spent stood understood won wrote bought brought caught taught heard held meant broke"
    " chose drove ate fell began whether earlier until till before after since during against"
    " among across along around behind below beneath beside besides between beyond despite"
    " down except inside near off onto outside past per plus round throughout toward towards"
    " underneath unlike via within without"
)
# Words before "you" that make it the subject of a clause ("as you know",
# "before you go") or the object of a verb that takes two objects or a verb
# after its object ("send you details", "let you know", "saw you leave").
_YOU_MAY_GO_ON = word_set(
    "as like before after until till since unless once if when whenever while because than"
    " that so where what how why whether though although thank thanks send sent give gave"
    " given show showed shown tell told offer offered bring brought ask asked owe owed wish"
    " pay paid buy bought get got find found teach taught lend lent hand handed leave left"
    " promise promised charge charged cost save saved email emailed write wrote sell sold"
    " serve served cook cooked make made call called let lets see saw seen watch watched hear"
    " heard help helped have had has having feel felt bet mind do does did can could will"
    " would should shall may might must are were is was am of and or but"
)
# Prepositions whose object "you" cannot be followed by a noun of its own
# ("about you sister"); not "like", "as", "before"..., which start clauses.
_REAL_PREPOSITIONS = word_set(
    "about at by for from in into on onto to with without towards against near behind under"
    " over upon regarding including"
)
# Verbs whose object is a thing, and which take neither two objects nor
# "you" and a verb: "take you keys", "wash you hands", "we updated you
# address". (A noun before "you" often starts a clause instead: "the text
# you type", so only verbs count.)
_OBJECT_VERBS = _TAKES_A_THING | _BEFORE_YOUR_NOUN | word_set(
    "take takes put puts keep keeps kept wash washes fix fixes check checks close closes open"
    " opens pack packs park parks clean cleans sign signs forget forgot forgets return"
    " returns raise raises lower lowers spell spells"
)
_NOUNS_IN_LY = word_set("reply supply family assembly ally rally jelly belly")
# Past participles without -ed: "with you gone", "have you seen".
_PARTICIPLES_WITHOUT_ED = word_set(
    "gone done seen known given taken been made left lost found gotten written spoken broken"
    " chosen driven eaten fallen forgotten hidden ridden risen shaken stolen thrown woken worn"
)


def _reads_as_a_noun_after_you(word: str) -> bool:
    """True when ``word`` after "you" can only be a noun (or the adjective
    before one): not a particle, adverb, verb form, determiner or name."""
    adverb = word.endswith("ly") and word not in _NOUNS_IN_LY
    return (
        word not in _NOT_A_NOUN_AFTER_YOU
        and word not in _PARTICIPLES_WITHOUT_ED
        and not adverb
        and not word.endswith(("ing", "ed"))
    )


def _find_you_for_your(text: str) -> Iterator[Hit]:
    """"Thank you for you reply", "we have updated you address", "You order
    has shipped", "What is you name?", "take you keys": "you" before a noun."""
    pattern = whole_words(r"(you)[ \t]+([a-z]+)(?![\w'-])")
    for match in pattern.finditer(text):
        noun = match.group(2).lower()
        if match.group(2) != noun or not _reads_as_a_noun_after_you(noun):
            continue
        before = previous_word(text, match.start(), across_lines=True)
        # Any noun where "you" is the object of a preposition or of a verb
        # that takes a thing ("about you sister", "take you keys"), or opens
        # the sentence before a verb ("You car is blocking the drive").
        object_of = before in _OBJECT_VERBS or (
            before.endswith("ed") and before not in _YOU_MAY_GO_ON
        )
        opens_clause = (not before and at_clause_start(text, match.start())) or (
            before in _BEFORE_YOU_SUBJECT | _CONDITION_WORDS
        )
        verb_after = _VERB_AFTER_YOU_AND_NOUN.match(text, match.end())
        if verb_after and verb_after.group(1):
            # Not "if you order it will ship": the second word is a noun too.
            verb_after = _reads_as_a_noun_after_you(verb_after.group(1))
        if before in _REAL_PREPOSITIONS or object_of or (opens_clause and verb_after):
            yield hit_word(match, "your")
            continue
        if noun not in _YOUR_NOUNS:
            continue
        verb_after = _FINITE_AFTER.match(text, match.end())
        let_know = _LET_ME_KNOW.search(text[max(0, match.start() - 9) : match.start()])
        if (
            before in _PREPOSITIONS_BEFORE_YOUR
            or before in _BEFORE_YOUR_NOUN
            or let_know  # "let me know you choice"
            or (before in ("is", "was") and _PUNCTUATION_AFTER.match(text, match.end()))
            or (verb_after and before in _BEFORE_YOU_SUBJECT)
            or (verb_after and not before and at_clause_start(text, match.start()))
        ):
            yield hit_word(match, "your")


# "who's" (who is, who has) where "whose" belongs: "the client who's order
# was lost". Nouns only, so "who's new here" and "who's on call" are right.
_WHOSE_NOUNS = _YOUR_NOUNS | word_set(
    "turn fault job idea responsibility car desk laptop decision job role birthday"
)
# "whose" where "who's" belongs: "whose going to call?", "whose been told?".
_WHO_IS_AFTER = r"been|going[ \t]+to|not|able[ \t]+to|responsible[ \t]+for|available|ready"


# "Who's book is this?": whatever the noun, a question about its owner.
_WHOSE_QUESTION = whole_words(
    r"(who's)[ \t]+[a-z]+[ \t]+(?:(?:is|are|was|were)[ \t]+(?:this|that|these|those|it)[ \t]*\?"
    r"|(?:this|that|these|those|it)[ \t]+(?:is|are|was|were)\b)"
)


# What "who is" or "who has" goes on with: "who's new here", "who's in
# charge", "who's next", "who's your manager", "who's been told".
_AFTER_WHO_IS = _NOT_A_NOUN_AFTER_YOU | _PREDICATIVE | word_set(
    "new next late online offline sick ill away right wrong best better worse worst more less"
    " not been got gotten going this that these those it he she they we i you who what whose"
    " there here home back out in on off up down about your my his her their our its"
)
# "who's brother works", "who's latest novel won", "who's notes are": one or
# two words, then a verb.
_WHOSE_NOUN_AND_VERB = re.compile(
    r"(?<![\w'-])(who's)[ \t]+([A-Za-z]+)[ \t]+([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?", re.IGNORECASE
)
_WHOSE_VERBS = frozenset(
    "is are was were has have had will can won fell broke ran went came left lost".split()
)
# "Whose coming?", "whose in charge", "Whose the new manager?", "whose
# driving tomorrow": "whose" where "who's" belongs.
_WHOSE_FOR_WHO_IS = whole_words(
    r"(whose)[ \t]+(?:the|a|an|that|this|in|on|at|there|here|got|gotten"
    r"|[a-z]+ing(?=[ \t]*[.?!,]|[ \t]+(?:to|now|today|tomorrow|tonight|next|here|there|home"
    r"|with|for|at|in|on|up|out|back)\b))(?![\w'-])"
)


def _reads_as_a_verb(word: str, after_plural: bool) -> bool:
    """True when ``word`` after a noun is its verb: "works", "won", "are",
    or a plain verb after a plural noun ("contracts end")."""
    if word in _WHOSE_VERBS or word.endswith("ed"):
        return True
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return True
    return after_plural and word not in _NOT_A_NOUN_AFTER_YOU and not word.endswith("ly")


def _find_whose(text: str) -> Iterator[Hit]:
    for match in whole_words(r"(who's)[ \t]+([a-z]+)(?![\w'-])").finditer(text):
        if match.group(2).lower() in _WHOSE_NOUNS:
            yield hit_word(match, "whose")
    for match in _WHOSE_QUESTION.finditer(text):
        if next_word(text, match.start() + 5) not in _WHOSE_NOUNS:
            yield hit_word(match, "whose")
    for match in _WHOSE_NOUN_AND_VERB.finditer(text):
        if match.group(2).lower() in _WHOSE_NOUNS:
            continue  # found above
        following = [word for word in match.group(2, 3, 4) if word]
        # The noun is one word or two ("who's dad runs", "who's latest novel
        # won"); a verb must follow it.
        for size in (1, 2):
            words, verb = following[:size], following[size : size + 1]
            if not verb or any(word != word.lower() for word in words):
                continue  # a name: "who's Sam's manager"
            if any(word in _AFTER_WHO_IS or word.endswith(("ing", "ly")) for word in words):
                continue  # "who's new here", "who's coming"
            if _reads_as_a_verb(verb[0].lower(), words[-1].endswith("s")):
                yield hit_word(match, "whose")
                break
    for match in whole_words(rf"(whose)[ \t]+(?:{_WHO_IS_AFTER})(?![\w'-])").finditer(text):
        yield hit_word(match, "who's")
    for match in _WHOSE_FOR_WHO_IS.finditer(text):
        yield hit_word(match, "who's")


# "their", "there" and "they're".
_BE_FORMS = "is|are|was|were|isn't|aren't|wasn't|weren't|will[ \t]+be|has[ \t]+been|have[ \t]+been"
# "their might be", "their seems to be": what only follows "there".
_AFTER_THERE = (
    rf"{_BE_FORMS}|had[ \t]+been|seems?|appears?|exists?|used[ \t]+to[ \t]+be"
    r"|(?:would|can|could|should|may|might|must|won't|wouldn't|can't|couldn't|shouldn't)"
    r"(?:[ \t]+not)?[ \t]+(?:be|have[ \t]+been)"
)
# "Is their a problem?": a question about what exists.
_EXISTING = "a|an|any|anything|anyone|anybody|no|nothing|nobody|enough|another|someone|something"
# "their's a fee": what follows "there's".
_AFTER_THERE_IS = word_set(
    "a an no nothing been going not some still also only always just never any one plenty"
    " lots too more someone something another"
)
_THEY_ARE_BEFORE = "a|an|the|so|too|sure|both|in|on|at|with|into|from|about[ \t]+to"
# "Is there anyone's name missing?": "there is" with a pronoun.
_SOMEONE = word_set("anyone anybody someone somebody everyone everybody nobody one")
# "be there at ten", "get there by noon": "there" as a place.
_BEFORE_PLACE = word_set("be been being is are was were get got go went stay stayed arrive here")
_THEIR_AS_A_PLACE = whole_words(
    r"(their)(?=[ \t]+(?:before|now|yet|already|today|tomorrow|again|soon|early|on[ \t]+time"
    r"|by|at|tonight|yesterday)\b)"
)
# "Is there going to be", "there being no objection": "there" is right.
_BE_BEFORE_THERE = word_set("is are was were isn't aren't wasn't weren't be been being will")


def _find_there(text: str) -> Iterator[Hit]:
    yield from _find_their_misused(text)
    yield from _find_there_misused(text)
    yield from _find_possessive_contraction(text, "they're", "their")
    yield from _find_contraction_before_a_verb(text, "they're", "their")
    after_they_are = whole_words(
        r"(they're)[ \t]+(?:is|are|was|were|isn't|aren't|wasn't|weren't|will|won't|would|can"
        r"|could|should|may|might|must|has|have|had|seems?|appears?)(?![\w'-])"
    )
    for match in after_they_are.finditer(text):
        yield hit_word(match, "there")  # "they're will be a delay"


def _find_their_misused(text: str) -> Iterator[Hit]:
    """"Their is", "are their any", "their still waiting": "their" for
    "there" or "they're"."""
    yield from _find_adjective_after_possessive(text, "their", "they're")
    for match in whole_words(rf"(their)[ \t]+(?:{_AFTER_THERE})(?![\w'-])").finditer(text):
        yield hit_word(match, "there")
    existing = whole_words(
        rf"(?:is|are|was|were|isn't|aren't|wasn't|weren't)[ \t]+(their)[ \t]+(?:{_EXISTING})"
        r"(?![\w'-])"
    )
    modal = whole_words(r"(?:will|would|could|should|might|may|can|must)[ \t]+(their)[ \t]+be\b")
    greeting = whole_words(r"(?:hi|hello|hey)[ \t]+(their)(?![\w'-])")
    for pattern in (existing, modal, greeting):
        for match in pattern.finditer(text):
            yield hit_word(match, "there")
    for match in _THEIR_AS_A_PLACE.finditer(text):
        if previous_word(text, match.start()) in _BEFORE_PLACE:
            yield hit_word(match, "there")  # "I've never been their before"
    for match in whole_words(r"(their)(?=[.!?])").finditer(text):
        yield hit_word(match, "there")  # "I will be their."
    for match in whole_words("(their's)").finditer(text):
        following = next_word(text, match.end())
        yield hit_word(match, "there's" if following in _AFTER_THERE_IS else "theirs")
    for match in whole_words(r"(their)[ \t]+(?:going[ \t]+to|not)(?![\w'-])").finditer(text):
        yield hit_word(match, "they're")
    for match in whole_words(rf"(their)[ \t]+(?:{_THEY_ARE_BEFORE})(?![\w'-])").finditer(text):
        if previous_word(text, match.start()) in _BEFORE_PLACE:
            yield hit_words(match, ("there", "they're"))  # "I will be their at ten"
        else:
            yield hit_words(match, ("they're", "there"))
    for match in whole_words("(their)").finditer(text):
        before = previous_word(text, match.start())
        if before not in _BEFORE_GERUND and _reads_as_be_complement(text, match.end()):
            yield hit_word(match, "they're")


# "with there fans", "for there hard work": a preposition whose object
# cannot be the place "there" (unlike "from there", "in there", "by there").
_THERE_AND_WORD = whole_words(r"(there)[ \t]+([a-z]+)")
_PREPOSITIONS_BEFORE_THEIR = word_set("with for about of without despite")
_THERE_AND_ING_AT_END = whole_words(r"(there)[ \t]+[a-z]+ing(?=[ \t]*[.?!])")
# Past tenses that show the word before them is a subject: "There car broke
# down".
_PAST = "[a-z]+ed|broke|went|came|took|fell|ran|won|lost|left|got|made|sold|bought"
_PEOPLE_WITHOUT_S = word_set("people children men women staff police")


def _find_there_misused(text: str) -> Iterator[Hit]:
    """"Update there details", "There factory had", "if there happy":
    "there" for "their" or "they're"."""
    yield from _find_possessive_contraction(text, "there", "their")
    for match in _THERE_AND_WORD.finditer(text):
        if previous_word(text, match.start()) not in _PREPOSITIONS_BEFORE_THEIR:
            continue
        if _reads_as_a_noun_after_you(match.group(2).lower()) and match.group(2).islower():
            yield hit_word(match, "their")  # "celebrated with there fans"
    for match in _THERE_AND_ING_AT_END.finditer(text):
        if previous_word(text, match.start()) in _BEFORE_CLAUSE_THERE:
            yield hit_word(match, "they're")  # "do you know if there coming?"
    noun_and_verb = whole_words(
        rf"(there)[ \t]+([a-z]+)[ \t]+({_FINITE}|{_SAID}|{_PAST})(?![\w'-])"
    )
    for match in noun_and_verb.finditer(text):
        word = match.group(2)
        if word != word.lower() or word.endswith("ly"):
            continue
        past = not re.fullmatch(f"{_FINITE}|{_SAID}", match.group(3).lower())
        if past and (word.endswith("s") or word in _PEOPLE_WITHOUT_S):
            continue  # "There people waited for hours": the place, then a plural subject
        if word in _NOT_A_NOUN_AFTER_THERE or word in NOT_A_MODIFIER:
            continue
        before = previous_word(text, match.start(), across_lines=True)
        if (before in CLAUSE_OPENERS and before != "and") or (
            not before and at_clause_start(text, match.start())
        ):
            yield hit_word(match, "their")  # "There factory had a fire"
    for match in whole_words(r"(there)[ \t]+([a-z]+)'s(?![\w'-])").finditer(text):
        before = previous_word(text, match.start())
        if match.group(2).lower() not in _SOMEONE and before not in _BE_BEFORE_THERE | (
            _BEFORE_PLACE_THERE
        ):
            yield hit_word(match, "their")  # "add there team's shifts"
    for match in whole_words(r"(there)[ \t]+(?:going[ \t]+to|not)(?![\w'-])").finditer(text):
        before = previous_word(text, match.start())
        if next_word(text, match.end()) in ("being", "having"):
            continue  # "with there not being a fee"
        if before not in _BE_BEFORE_THERE and (
            before in _BEFORE_CLAUSE_THERE or at_clause_start(text, match.start())
        ):
            yield hit_word(match, "they're")
    for match in whole_words("(there)").finditer(text):
        before = previous_word(text, match.start())
        if next_word(text, match.end()) in ("being", "having"):
            continue  # "there being no objection"
        if (before in _BEFORE_CLAUSE_THERE or at_clause_start(text, match.start())) and (
            _reads_as_be_complement(text, match.end())
        ):
            yield hit_word(match, "they're")


ITS = Rule(
    "its-confusion",
    'Use "it\'s" for "it is" or "it has", and "its" for "belonging to it".',
    _find_its,
    catches=("Its a pleasure.", "I think its not ready.", "Its been a week.",
             "The firm and it's staff.", "The parcel is on it's way.", "Its fine.",
             "The app has it's own login.", "So its best to wait.", "Its worth checking.",
             "Its no trouble.", "Its in the post.", "It's service is poor.",
             "I hope its ready for Friday.", "The app and it's features.",
             "The driver said it's box was left.", "It's contents are listed below.",
             "Its raining.", "It's wheels are flat.", "The cat licked it's paw.",
             "Its beautiful.", "I love it's colour.", "Its cold today.",
             "The club marked it's jubilee.", "The tree dropped all it's apples.",
             "Call us when it's battery is low."),
    passes=("It's a pleasure.", "The company and its staff.", "Its own policy applies.",
            "Check it's done.", "Thanks, it's great.",
            "The team will do its best to help.", "Its worth is clear.",
            "The app and its so-called fix.", "It's way too late.", "Its terms are clear.",
            "It's team spirit that counts.", "I think it's data we need.",
            "The plan has its good points.", "Its late delivery caused complaints.",
            "The company cut its time to market.", "IT's new laptops arrived.",
            "He said it's the box that was left.", "It's new software called Slack.",
            "We decided it's time to go.", "I'm guessing it's fine.", "Seeing it's late, we left.",
            "That's all it's good for.", "When it's done, call me."),
)


YOUR = Rule(
    "your-confusion",
    'Use "you\'re" for "you are" and "your" for "belonging to you".',
    _find_your,
    catches=("Your welcome.", "I hope your not upset.", "Your going to love it.",
             "I hope your well.",
             "Your able to log in now.", "Your welcome to join us.",
             "Thank you for you're patience.", "Please check you're account.",
             "Thanks for you're flexibility.", "If your still waiting, call us.",
             "Your always welcome.", "Let us know if your interested in it.",
             "You're account has been closed.", "Please remind you're team.",
             "Thank you for you reply.", "We have updated you address.",
             "You order has shipped.", "What is you name?", "Please let me know you choice.",
             "We appreciate you patience.", "I think you account is locked.",
             "Is this you're bag?", "I like you're style.", "I think your amazing.",
             "Your kidding!", "Please take you badge.", "We talked about you brother.",
             "You van is blocking the gate.", "As agreed, you new card was posted.",
             "If you router still blinks, restart it."),
    passes=("You're welcome.", "Your welcome pack is attached.", "Your order shipped.",
            "Your well-being matters.", "Your well is dry.",
            "Thanks for your going the extra mile.", "You're right.", "Is your team free?",
            "You're team leader now.", "Your already paid invoice.",
            "Please check you're logged in.", "If you're free, call me.",
            "Your free trial ends soon.", "We appreciate your being patient.",
            "It is your right to cancel.", "Give it your all.", "Your working hours are long.",
            "Thank you for your welcome.", "We will send you details tomorrow.",
            "Many of you order online.", "What you order is what you get.",
            "Did you order online?", "Let me know you are coming.", "Can you email me?",
            "If you order today, it ships tomorrow.", "Thank you, team.",
            "I see you're right.", "Put it on your table.", "That's your responsibility.",
            "Stop your joking.", "The text you type is saved.",
            "We will hold it for you until May.",
            "I'll take you home.", "Then you turn left.", "If you order it will ship.",
            "If you miss calls, ring back."),
)


THERE = Rule(
    "there-confusion",
    'Use "there" for a place or "there is", "their" for "belonging to them", '
    '"they\'re" for "they are".',
    _find_there,
    catches=("Their is a problem.", "Their going to call.", "We updated there account.",
             "We spoke to they're manager.", "They have there own team.",
             "Their might be a delay.", "Are their any updates?", "Their still waiting.",
             "I hope there happy with it.", "Please share there results.",
             "They're will be a delay.", "I will be their at ten.",
             "There factory had a fire.", "They're manager said no.",
             "I have they're email.", "We received there payment.", "Their going home.",
             "Their wonderful!", "We need they're help.", "There van broke down.",
             "We played with there dog.", "I think their already at home.",
             "I have been their before.", "I wonder if there coming."),
    passes=("There is a problem.", "Their account is open.", "They're going to call.",
            "Is there any update?", "Put it in there, please.", "They're team players.",
            "Is there information about it?", "From there data goes to the CRM.",
            "Is there going to be a fee?", "We were there late.", "Their asking price is high.",
            "They gave their all to it.", "There being no objection, we agreed.",
            "There still is time.", "Their going away party was fun.",
            "There people waited for hours.", "We waited for there to be a gap.",
            "I have been there before.", "Their already low prices fell.",
            "Their coming home was a surprise."),
)


WHOSE = Rule(
    "whose-confusion",
    'Use "whose" for "belonging to whom" and "who\'s" for "who is" or "who has".',
    _find_whose,
    catches=("Who's account is this?", "The client who's order was lost called.",
             "Who's turn is it?", "A colleague who's manager is away.",
             "Whose going to call?", "Whose been told?", "Who's book is this?",
             "A client who's parcel went missing called.", "Whose driving today?",
             "Ask who's van this is.", "Whose the contact for this?"),
    passes=("Whose account is this?", "Who's on call tonight?", "Who's going to call?",
            "Who's new here?", "Who's been told?", "The client whose order was lost.",
            "Who's available on Monday?", "Who's responsible for it?",
            "Someone who's lived here for years knows.", "Whose building is this?",
            "Who's paying for lunch?", "A friend who's worked in finance helped us."),
)
