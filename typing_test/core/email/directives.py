"""What a reply asks or tells its reader to do: two red flags every scenario can use.

A scenario's ``[[red_flags]]`` table may name a ``kind`` instead of listing
keywords (see docs/drills.md). The vocabulary of each kind is kept here, once,
so that every scenario that opts in reads replies the same way:

- ``asks-for-secret``: the reply asks the reader for a password, PIN, login
  details or card details. :func:`secret_requests` finds a *request* (an
  imperative, "please ...", "could/would/can you ...", "you can simply ...",
  "we need you to ...", "the quickest way is to ...", "we need your ...",
  "what is your ...") whose verb of handing over ("send", "reply with",
  "tell", "give", "share", "provide", "let us know" ...) is followed in its
  clause by a secret (:data:`SECRETS`), or by "it"/"them" when the clause
  before names the secret ("once you have chosen your new password, please
  reply with it"). A negated request ("we will never ask you to send your
  password", "do not reply with your PIN") asks for nothing; so does the
  writer giving ("we will send you a new password": the verb is followed by
  "you", or its subject is "we"/"I"), a time ("before you send any card
  details") and a condition ("if anyone asks you for your PIN, ..."), unless
  the condition invites the reader to hand the secret over ("if you reply
  with your card number, I will take the payment").
- ``lectures-the-reader``: for a situation where the fault was ours, advice
  about what the reader should do differently *next time*:
  :func:`lectures` finds a sentence with a pointer to the future
  (:data:`FUTURE_MARKERS`: "in future", "next time", "for your next ...",
  "to avoid this" ...) and, in a clause that is not a condition and not
  negated, a verb of care (:data:`CARE_VERBS`: "check", "double-check",
  "read", "pay", "make sure" ...) given as advice to the reader: an
  imperative, "please ...", "you should/must/need to ...", "it is worth
  ...", "it would be a good idea to ...", "we suggest ...". "If you have any
  questions in future, please contact us" is not advice of care.

Both return the :class:`~typing_test.core.email.meaning.Match` of the words
that raised the flag, so the feedback can quote their sentence.
"""

from __future__ import annotations

from typing_test.core.email.meaning import AUXILIARIES, Match, Reading, keyword_words

ASKS_FOR_SECRET = "asks-for-secret"
LECTURES_THE_READER = "lectures-the-reader"
RED_FLAG_KINDS = (ASKS_FOR_SECRET, LECTURES_THE_READER)

# What no one should ever be asked to send by email: the words a reply uses
# for a password, a PIN, login details or the numbers of a card.
SECRETS = (
    "password", "passcode", "passphrase", "pin", "pin number", "login details",
    "log in details", "login", "sign in details", "username and password",
    "memorable word", "memorable information", "card number", "number on your card",
    "number on the card", "number of the card", "number of your card", "number on the front",
    "long number", "card details",
    "expiry date", "expiration date", "security code", "cvv", "cvc", "cv2",
    "digits on the back", "code on the back", "number on the back",
    "code you use to log in", "code you use to sign in", "one time code",
)  # fmt: skip
# Secrets named only as the thing that is reset or protected: "your password
# reset link", "a password-protected file".
NOT_SECRETS = (
    "password reset", "reset password", "reset your password", "change your password",
    "password protected", "password link", "confirm a new password", "confirm your new password",
    "confirm the new password",
)  # fmt: skip
# Verbs of handing something over; "let us know" and "read out" as phrases.
HANDING_OVER = (
    "send", "reply", "email", "e mail", "text", "tell", "give", "share", "provide",
    "include", "disclose", "forward", "supply", "submit", "quote", "pass on",
    "read out", "let us know", "let me know", "confirm",
)  # fmt: skip
# "We need your card number": a need of the writer's is a request.
NEEDING = ("need", "require", "ask for", "ask you for")
# Verbs after which "it" opens what is said ("let us know it worked").
SAYING_PHRASES = {"let us know", "let me know", "tell", "confirm"}
# Words that may open an imperative clause before its verb.
OPENERS = {"please", "just", "simply", "kindly", "also", "then", "now", "and", "or", "so"}
# A subject that is not the reader: the verb after it is the writer's doing.
OTHER_SUBJECTS = {"we", "i", "they", "he", "she", "someone", "somebody", "staff", "team"}
# Clauses opened by these tell when or why, they ask nothing.
TIME_AND_REASON = {
    "before", "after", "when", "whenever", "once", "until", "till", "while", "since",
    "because", "as", "where", "who", "which", "although", "though", "whether",
}  # fmt: skip
# What may stand between "you" and the verb of a request: "could you also
# send", "would you be able to send", "we need you to send".
ASKING_GAP = {
    "also", "just", "simply", "please", "kindly", "to", "be", "able", "now", "then", "can",
    "could", "will", "would", "may", "might", "should", "must", "need", "have", "ll",
}  # fmt: skip
# How many words before a verb may hold what makes it a request ("could you also").
LOOK_BACK = 5
# Words that show a clause has a subject or a tense, so is no imperative.
NOT_IMPERATIVE = AUXILIARIES | {"you", "it", "there", "this", "that", "ll", "ve", "re", "s", "d"}
# Words that open a clause going on with a list of things asked for.
LIST_CONTINUERS = (
    ["together", "with"], ["along", "with"], ["as", "well"], ["plus"], ["and"], ["including"],
)  # fmt: skip
# How many words after the verb may hold the secret it asks for.
LOOK_AHEAD = 20

FUTURE_MARKERS = (
    "in future", "in the future", "next time", "from now on", "going forward",
    "for your next", "to avoid this", "to help avoid", "to prevent this",
    "avoid this in",
)  # fmt: skip
CARE_VERBS = (
    "check", "double check", "recheck", "read", "pay", "make sure", "ensure",
    "be careful", "take care", "follow", "allow", "plan",
    "count", "review", "look at", "order earlier", "be more careful",
)  # fmt: skip
# What turns a verb of care into advice: "you should check", "it is worth
# reading", "we suggest you check" (the verb of care may then be inflected).
ADVICE = (
    "you should", "you must", "you need to", "you ought to", "you may want to",
    "you might want to", "you will need to", "you will want to", "worth",
    "good idea", "wise", "advisable", "sensible", "best to", "better to",
    "suggest", "recommend", "advise", "encourage", "would help",
)  # fmt: skip


def secret_requests(reading: Reading) -> list[Match]:
    """The places where ``reading`` asks its reader for a secret (module docstring).

    >>> [m.keyword for m in secret_requests(Reading("Could you reply with your PIN?"))]
    ['reply']
    >>> secret_requests(Reading("We will never ask you to send your password."))
    []
    >>> secret_requests(Reading("We will send you a new password today."))
    []
    """
    not_secret = {
        index
        for phrase in NOT_SECRETS
        for match in reading.find(phrase)
        for index in range(match.first, match.last + 1)
    }
    secrets = sorted(
        (
            match
            for keyword in SECRETS
            for match in reading.find(keyword)
            if not not_secret.intersection(range(match.first, match.last + 1))
        ),
        key=lambda m: m.first,
    )
    found = _questions_for(reading, secrets)
    for verb in sorted(
        (m for keyword in (*HANDING_OVER, *NEEDING, "have") for m in reading.find(keyword)),
        key=lambda m: m.first,
    ):
        if reading.negated(verb):
            continue
        if reading.is_conditional(verb):
            if not _offers_to_take(reading, verb):
                continue
        elif not _asks(reading, verb):
            continue
        if _names_secret_after(reading, verb, secrets):
            found.append(verb)
    return found


def _questions_for(reading: Reading, secrets: list[Match]) -> list[Match]:
    """ "What is your PIN?": a question that opens its clause and asks for a secret."""
    found = []
    for secret in secrets:
        before = _clause_words_before(reading, secret)
        question = before[:1] == ["what"] and before[1:2] in (["is"], ["s"], ["are"])
        if question and len(before) <= 5 and not reading.negated(secret):
            found.append(secret)
    return found


def lectures(reading: Reading) -> list[Match]:
    """The verbs of care in sentences that advise the reader about next time.

    >>> [m.keyword for m in lectures(Reading("In future, please check your order."))]
    ['check']
    >>> lectures(Reading("If you need anything in future, please contact us."))
    []
    """
    future_sentences = {
        reading.sentence_of(m)
        for marker in FUTURE_MARKERS
        for m in reading.find(marker)
        if not reading.is_conditional(m)
    }
    found = []
    for verb in sorted(
        (m for keyword in CARE_VERBS for m in reading.find(keyword)), key=lambda m: m.first
    ):
        if reading.sentence_of(verb) not in future_sentences:
            continue
        if reading.is_conditional(verb) or reading.negated(verb):
            continue
        if _has_negation_after(reading, verb):
            continue  # "please make sure you never share your password": a warning
        if _is_imperative(reading, verb) or _is_advice(reading, verb):
            found.append(verb)
    return found


def _words_before(reading: Reading, match: Match) -> list[str]:
    """Up to :data:`LOOK_BACK` words before ``match`` in its clause, nearest last."""
    return _clause_words_before(reading, match)[-LOOK_BACK:]


def _is_imperative(reading: Reading, verb: Match) -> bool:
    """The verb opens its clause (after "please", "just" ...) in its base form,
    or goes on from an imperative ("call us and share your password")."""
    before = _clause_words_before(reading, verb)
    if not _base_form(reading, verb):
        return False
    if all(word in OPENERS for word in before):
        return True
    return before[-1] in {"and", "or", "then"} and not any(
        word in OTHER_SUBJECTS | NOT_IMPERATIVE for word in before
    )


def _base_form(reading: Reading, verb: Match) -> bool:
    """Whether the verb is written as listed ("send", not "sent" or "sends")."""
    return reading.words[verb.first].text.lower() == keyword_words(verb.keyword)[0]


def _asks(reading: Reading, verb: Match) -> bool:
    """Whether ``verb`` is asked of the reader, not done by the writer."""
    before = _words_before(reading, verb)
    following = verb.last + 1
    after = reading.words[following].text.lower() if following < len(reading.words) else ""
    if verb.keyword in NEEDING:
        # "We need your card number", not "you will need your password".
        return any(word in {"we", "i"} for word in before[-3:]) and "you" not in before
    if after == "you" and verb.keyword not in {"let us know", "let me know"}:
        return False  # "we will send you a new password": the writer gives
    opening = _clause_words_before(reading, verb)[:1]
    if opening and opening[0] in TIME_AND_REASON:
        return False  # "before you send any card details": a time, not a request
    if verb.keyword == "have":
        # "Can I have your card number?"
        return before[-2:] in (["can", "i"], ["could", "i"], ["may", "i"], ["can", "we"])
    if before[-2:] == ["you", "mind"]:
        return True  # "would you mind sending your PIN?"
    if before[-2:] in (["is", "to"], ["be", "to"]):
        return True  # "the quickest way is to reply with ..."
    # The nearest subject before the verb decides whose doing it is.
    for position in range(len(before) - 1, -1, -1):
        word = before[position]
        if word in OTHER_SUBJECTS:
            return False
        if word == "please":
            return _base_form(reading, verb)
        if word == "you":
            # "could you also send", "we need you to send"; not "sent you an email".
            gap = before[position + 1 :]
            return _base_form(reading, verb) and all(w in ASKING_GAP for w in gap)
    return _is_imperative(reading, verb)


def _offers_to_take(reading: Reading, verb: Match) -> bool:
    """In a condition, "if you reply with ..." or "if you send us ...": the
    reader is invited to hand the secret to the writer (not "if you share your
    password with anyone")."""
    before = _words_before(reading, verb)
    following = verb.last + 1
    after = reading.words[following].text.lower() if following < len(reading.words) else ""
    to_us = verb.keyword == "reply" or after in {"us", "me"}
    # "if you reply with ...", and the polite "if you could send us ...".
    asked = before[-1:] == ["you"] or before[-2:] in (["you", "could"], ["you", "would"])
    return to_us and asked and _base_form(reading, verb)


def _names_secret_after(reading: Reading, verb: Match, secrets: list[Match]) -> bool:
    """A secret follows the verb in its clause (or in a clause that goes on
    with its list: ", together with your password"), or "it"/"them" stands for
    one named in the clause before ("once you have chosen your new password,
    please reply with it")."""
    clauses = _object_clauses(reading, verb)
    for secret in secrets:
        if (
            verb.last < secret.first <= verb.last + LOOK_AHEAD
            and reading.clause_of(secret) in clauses
        ):
            return True
    clause = reading.clause_of(verb)
    following = [w.text.lower() for w in reading.words[verb.last + 1 : verb.last + 8]]
    # "let us know it worked": there "it" is a subject, not what is handed over.
    hands_it = following[:1] in (["it"], ["them"]) and verb.keyword not in SAYING_PHRASES
    pronoun_object = hands_it or any(
        following[i : i + 2] in (["with", "it"], ["with", "them"]) for i in range(len(following))
    )
    if not pronoun_object:
        return False
    return any(
        reading.clause_of(secret) == clause - 1
        and reading.sentence_of(secret) == reading.sentence_of(verb)
        for secret in secrets
    )


def _object_clauses(reading: Reading, verb: Match) -> set[int]:
    """The verb's clause and the clauses after it in its sentence that go on
    with its list of things ("together with ...", "as well as ...")."""
    clause = reading.clause_of(verb)
    clauses = {clause}
    index = verb.last + 1
    while index < len(reading.words) and index <= verb.last + LOOK_AHEAD:
        here = reading.clause_of(Match("", index, index))
        if reading.sentence_of(Match("", index, index)) != reading.sentence_of(verb):
            break
        if here not in clauses:
            opening = [w.text.lower() for w in reading.words[index : index + 2]]
            if not any(opening[: len(c)] == c for c in LIST_CONTINUERS):
                break
            clauses.add(here)
        index += 1
    return clauses


def _is_advice(reading: Reading, verb: Match) -> bool:
    """Advice words before the verb of care in its clause ("it is worth reading",
    "please double-check")."""
    before = f" {' '.join(_clause_words_before(reading, verb))} "
    return " please " in before or any(
        f" {' '.join(keyword_words(phrase))} " in before for phrase in ADVICE
    )


def _has_negation_after(reading: Reading, verb: Match) -> bool:
    """Whether a word after the verb in its clause is negated ("never share")."""
    clause = reading.clause_of(verb)
    index = verb.last + 1
    while index < len(reading.words) and reading.clause_of(Match("", index, index)) == clause:
        if reading.negated(Match("", index, index)):
            return True
        index += 1
    return False


def _clause_words_before(reading: Reading, verb: Match) -> list[str]:
    """Every word of the verb's clause before it."""
    clause = reading.clause_of(verb)
    words = []
    index = verb.first - 1
    while index >= 0 and reading.clause_of(Match("", index, index)) == clause:
        words.insert(0, reading.words[index].text.lower())
        index -= 1
    return words
