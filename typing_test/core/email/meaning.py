"""Reading a reply for meaning: sentences, clauses, and which words are negated.

A writing scenario's required points and red flags name words ("refund",
"share your password"). Finding the words is not enough: "we cannot refund
you" names the refund and refuses it. :class:`Reading` splits a reply into
sentences and clauses and finds a keyword with its *polarity*: whether the
words are said, or negated, refused or contradicted.

The rules, in the order :meth:`Reading.negated` applies them:

1. **Clauses.** A sentence ends at ``. ! ?`` before a space (not after "Mr",
   "e.g", "a.m" and the like) and at a line break before a line that does not
   go on in lower case. Within it, a clause ends at ``, ; :`` before a space,
   a bracket or a dash, and before a word that opens a new clause: "but",
   "however", "because", "so", "if", "unless", "until", "before", "after",
   "when", "once", "which", "who", "please" ...; "and"/"or" and "that" only
   when a subject follows ("and we will", "that your order"), so "we cannot
   refund the fee and the charge" stays one clause.
2. **Conditions are not statements.** In a clause opened by "if", "unless" or
   "in case", negation counts for nothing: "if the link does not arrive, check
   your spam folder" still tells the customer what to do.
3. **Forward scope.** A negation cue negates the words after it in its clause
   (at most :data:`SCOPE` words): "not", "no", "never", "cannot" and every
   "-n't" word, "nothing", "nobody", "without", "unable", "decline",
   "refuse", "reject", "deny", "instead of", "rather than", and "wish we
   could". Cues that are idioms, not negations, are ignored: "no later than",
   "do not hesitate", "don't forget", "not only", "no problem" ...
4. **Backward scope.** Words are negated by what follows them when the
   predicate refuses them: "the refund is not possible", "the delivery charge
   will not be refunded", "your refund request has been declined", "a refund
   isn't something we're able to offer". Only auxiliaries, adverbs,
   "request"/"claim", a prepositional phrase or, after a gerund that opens
   its clause, the gerund's object may come between ("a refund of the fee is
   not possible", "attaching it here isn't possible"), so "sorry your order
   has not arrived" does not negate "sorry".
5. **Contradiction.** A clause is contradicted by the next one when that one
   opens with "but", "however", "yet" (or the clause itself opens with
   "although", "though", "while") and is a bare refusal: "we would like to
   refund you, but we can't"; "although we would normally refund you, this
   is not possible".
6. **Negation lifted by a condition.** "We can't refund you until the blender
   arrives" (also "unless", "before", "without") promises the refund on a
   condition; the first clause is not negated (a point that *needs* a
   negation may ask for it to count: "no new orders until it is paid").
7. **Negation raised.** A "that" clause after a negated verb of saying or
   promising ("we cannot promise that ...", "I can't assure you that ...") has
   its own polarity turned over: "we cannot promise that this will not happen
   again" does not say it will not happen again.

A bare refusal after a dash or a semicolon also contradicts the clause before
it: "she was promised a call - nobody did".

A keyword's own cue does not negate it: the phrase "no new orders" or "never
share" is found as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

# At most this many words after a cue are in its scope.
SCOPE = 12
# Feedback quotes a sentence up to this many characters.
QUOTE_LENGTH = 300

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[.!?]+|[,;:()\[\]\"]|\s-\s|[\u2014\u2013]")
_SUB_WORD = re.compile(r"[^\W_]+")

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "approx", "ltd", "inc", "co"}
PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "there", "this", "these", "those"}
# "We cannot promise that something similar ...": these open a "that" clause too.
INDEFINITE_PRONOUNS = {"something", "anything", "everything", "nothing", "someone", "anyone",
                       "everyone", "nobody", "no"}
DETERMINERS = {"the", "your", "our", "his", "her", "their", "my", "its", "a", "an", "all"}
AUXILIARIES = {
    "am", "is", "are", "was", "were", "be", "been", "being", "will", "would", "shall",
    "should", "can", "could", "may", "might", "must", "has", "have", "had", "do", "does",
    "did", "i'm", "we're", "we'll", "we've", "i'll", "i've", "it's", "it'll", "you'll",
    "you're", "that's", "there's",
}  # fmt: skip
ADVERBS = {
    "also", "still", "currently", "unfortunately", "sadly", "simply", "really", "yet",
    "just", "now", "therefore", "even", "ever", "always", "afraid",
}  # fmt: skip
PREPOSITIONS = {"of", "for", "on", "to", "from", "with", "in", "by", "at", "about"}
# Words that always open a new clause.
CLAUSE_WORDS = {
    "but", "however", "although", "though", "whereas", "while", "because", "since",
    "so", "if", "unless", "until", "till", "before", "after", "when", "whenever",
    "once", "which", "who", "whom", "where", "please", "otherwise", "then", "without",
    "meanwhile",
}  # fmt: skip
# Words that open a new clause only when a subject or an auxiliary follows.
JOINING_WORDS = {"and", "or", "as", "that"}
CONDITION_WORDS = {"if", "unless", "whether"}
# "We can't refund you until it arrives": the negation waits for a condition.
LIFTING_WORDS = {"until", "till", "unless", "before", "without"}
CONTRAST_WORDS = {"but", "however", "yet"}
CONCESSION_WORDS = {"although", "though", "while", "whereas"}

CUES = {
    "not", "no", "never", "cannot", "nor", "neither", "nobody", "nothing", "none",
    "without", "unable", "impossible", "unavailable",
    "decline", "declines", "declined", "refuse", "refuses", "refused", "reject",
    "rejects", "rejected", "deny", "denies", "denied",
}  # fmt: skip
REFUSALS = {"declined", "refused", "rejected", "denied", "impossible", "unavailable"}
# After "not" (and "be"/"been"), these words refuse what came before:
# "a refund is not possible", "the fee will not be refunded".
REFUSED_PREDICATES = {
    "possible", "available", "able", "allowed", "permitted", "approved", "accepted",
    "granted", "given", "offered", "issued", "made", "paid", "refunded", "reimbursed",
    "repaid", "covered", "returned", "provided", "credited", "removed", "refundable",
    "eligible", "option", "updated", "sent", "booked", "arranged", "done", "an",
}  # fmt: skip
# "We cannot promise that ...": the "that" clause is what is not promised.
SAYING_VERBS = ("promise", "guarantee", "confirm", "say", "assure", "agree", "think", "believe")
# What may follow a cue when it is an idiom, not a negation ("no later than").
IDIOMS = (
    ("later", "than"), ("more", "than"), ("longer", "than"), ("less", "than"),
    ("fewer", "than"), ("only",), ("just",), ("doubt",), ("problem",), ("a", "problem"),
    ("matter",), ("worries",), ("to", "worry"), ("hesitate",), ("ever", "hesitate"),
    ("forget",), ("fail", "to"), ("thank", "you", "enough"), ("apologise", "enough"),
    ("apologize", "enough"), ("tell", "you", "how"), ("sorry", "enough"),
)  # fmt: skip
# A clause that is nothing but a refusal holds only these words after its cue:
# "but we can't", "but we are unable to do so", "but this is not possible".
BARE_REFUSAL_WORDS = (
    AUXILIARIES | PRONOUNS | ADVERBS | {"so", "that", "to", "be", "possible", "able", "time",
    "case", "here", "at", "the", "moment", "present", "for", "in", "on", "this", "occasion",
    "any", "more", "longer", "anything", "do", "done", "doing", "help", "one", "option",
    "an", "a", "us", "me"}
)  # fmt: skip


@dataclass(frozen=True)
class Token:
    """A word (with inner apostrophes: "don't") or a punctuation mark of the text."""

    text: str  # lower case, curly apostrophes made straight
    start: int
    end: int
    sentence: int
    clause: int  # numbered across the whole text
    is_word: bool  # not a punctuation mark


@dataclass(frozen=True)
class Word:
    """A run of letters and digits: what keywords are matched against ("don't" is two)."""

    text: str
    start: int
    end: int
    token: int  # index of its token


@dataclass(frozen=True)
class Match:
    """Where a keyword was found: words ``first`` to ``last`` (indexes into ``Reading.words``)."""

    keyword: str
    first: int
    last: int


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Reading:
    """A text split into sentences, clauses and words, with negation worked out.

    >>> reading = Reading("We are sorry, but we cannot refund you.")
    >>> [(m.keyword, reading.negated(m)) for m in reading.find("refund") + reading.find("sorry")]
    [('refund', True), ('sorry', False)]
    """

    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokens(text)
        self.words = [
            Word(match.group(), token.start + match.start(), token.start + match.end(), index)
            for index, token in enumerate(self.tokens)
            if token.is_word
            for match in _SUB_WORD.finditer(token.text)
        ]
        self._clause_tokens: dict[int, list[int]] = {}
        self._sentence_spans: dict[int, Span] = {}
        for index, token in enumerate(self.tokens):
            self._clause_tokens.setdefault(token.clause, []).append(index)
            span = self._sentence_spans.get(token.sentence)
            start = span.start if span else token.start
            self._sentence_spans[token.sentence] = Span(start, token.end)
        self._token_starts = [token.start for token in self.tokens]
        self._word_ends = [word.end for word in self.words]
        self._by_word: dict[str, list[int]] = {}
        for index, word in enumerate(self.words):
            self._by_word.setdefault(word.text.lower(), []).append(index)
        self._found: dict[str, list[Match]] = {}
        self._sentence_texts: dict[int, str] = {}
        self._negated: dict[tuple[int, int], bool] = {}

    # --- finding words ------------------------------------------------------

    def find(self, keyword: str) -> list[Match]:
        """Every place the words of ``keyword`` appear in a row, in one sentence
        (see :func:`word_matches`)."""
        if keyword not in self._found:
            self._found[keyword] = self._find(keyword_words(keyword), keyword)
        return self._found[keyword]

    def _find(self, patterns: list[str], keyword: str) -> list[Match]:
        if not patterns:
            return []
        n = len(patterns)
        starts = sorted(
            index
            for text, indexes in self._by_word.items()
            if word_matches(patterns[0], text)
            for index in indexes
        )
        return [
            Match(keyword, i, i + n - 1)
            for i in starts
            if i + n <= len(self.words)
            and all(word_matches(p, self.words[i + k].text) for k, p in enumerate(patterns))
            and self._sentence_of(i) == self._sentence_of(i + n - 1)
        ]

    def sentence(self, match: Match) -> Span:
        """The sentence holding ``match``, as a span of the text without outer spaces."""
        return self.sentence_span(self._sentence_of(match.first))

    def sentence_at(self, offset: int) -> int:
        """The number of the sentence holding the character at ``offset``."""
        index = bisect.bisect_right(self._token_starts, offset) - 1
        return self.tokens[index].sentence if index >= 0 else 0

    def sentence_span(self, number: int) -> Span:
        """Sentence ``number`` as a span of the text, without outer spaces."""
        return self._sentence_spans.get(number, Span(0, 0))

    def sentence_text(self, number: int) -> str:
        """Sentence ``number`` on one line, cut to :data:`QUOTE_LENGTH` characters."""
        if number not in self._sentence_texts:
            span = self.sentence_span(number)
            end = min(span.end, span.start + 4 * QUOTE_LENGTH)
            text = " ".join(self.text[span.start : end].split())
            if len(text) > QUOTE_LENGTH or span.end - span.start > 4 * QUOTE_LENGTH:
                text = text[: QUOTE_LENGTH - 1].rstrip() + "\u2026"
            self._sentence_texts[number] = text
        return self._sentence_texts[number]

    def word_at(self, offset: int) -> int:
        """The index of the first word that ends after ``offset``."""
        return bisect.bisect_right(self._word_ends, offset)

    def is_conditional(self, match: Match) -> bool:
        """Whether ``match`` is in a clause opened by "if", "unless" or "in case"."""
        return self.clause_of(match) in self._conditional_clauses

    def clause_of(self, match: Match) -> int:
        return self.tokens[self.words[match.first].token].clause

    def sentence_of(self, match: Match) -> int:
        return self._sentence_of(match.first)

    def _sentence_of(self, word: int) -> int:
        return self.tokens[self.words[word].token].sentence

    # --- negation -------------------------------------------------------------

    def negated(self, match: Match, *, scope: int = SCOPE, on_condition: bool = False) -> bool:
        """Whether the words of ``match`` are negated, refused or contradicted (module rules).

        ``scope`` is how many words after a cue it reaches. With ``on_condition``,
        a negation lifted by "until"/"unless" still counts: "we will not take new
        orders until it is paid" does say that no new orders are taken.
        """
        key = (match.first, match.last, scope, on_condition)
        if key not in self._negated:
            self._negated[key] = self._work_out_negated(match, scope, on_condition)
        return self._negated[key]

    def _work_out_negated(self, match: Match, scope: int, on_condition: bool) -> bool:
        first = self.words[match.first].token
        last = self.words[match.last].token
        clause = self.tokens[first].clause
        if clause in self._conditional_clauses:
            return False
        if clause in self._lifted_clauses and not on_condition:
            inner = False
        elif clause in self._contradicted_clauses:
            inner = True
        else:
            inner = self._cue_before(first, clause, scope) or self._refused_after(
                first, last, clause
            )
        # Rule 7: "we cannot promise that it will not happen again" takes it back.
        return inner != (clause in self._raised_clauses)

    def _clause_neighbours(self, start: int, step: int, clause: int, most: int) -> list[int]:
        """Up to ``most`` word tokens from ``start`` on, going by ``step``, within ``clause``."""
        found: list[int] = []
        index = start
        while 0 <= index < len(self.tokens) and len(found) < most:
            token = self.tokens[index]
            if token.clause != clause:
                break
            if token.is_word:
                found.append(index)
            index += step
        return found

    def _cue_before(self, first: int, clause: int, scope: int = SCOPE) -> bool:
        before = self._clause_neighbours(first - 1, -1, clause, scope)
        return any(i in self._cues for i in before)

    def _opens_clause_at(self, first: int, clause: int) -> bool:
        """Whether only auxiliaries, adverbs and pronouns ("I'm afraid") come
        before token ``first`` in its clause: the words there are its subject."""
        before = self._clause_neighbours(first - 1, -1, clause, SCOPE)
        openers = AUXILIARIES | ADVERBS | PRONOUNS | CLAUSE_WORDS | JOINING_WORDS
        return all(self.tokens[i].text in openers for i in before)

    def _refused_after(self, first: int, last: int, clause: int) -> bool:
        """Rule 4: "<words> [aux...] not [be] possible", "<words> ... declined"."""
        # Enough words for a prepositional phrase, auxiliaries and the predicate.
        tokens = self._clause_neighbours(last + 1, 1, clause, 16)
        texts = [self.tokens[i].text for i in tokens]
        position = 0
        # A gerund with its object as the subject: "attaching it here is not
        # possible", "password-protecting the file won't be possible".
        gerund = (
            any(self.tokens[i].text.endswith("ing") for i in range(first, last + 1))
            or texts[:1] and texts[0].endswith("ing")
        ) and self._opens_clause_at(first, clause)
        if texts and texts[0] in {"request", "requests", "claim", "claims", "application"}:
            position = 1
        elif texts and (texts[0] in PREPOSITIONS or gerund):
            # A prepositional phrase: up to five words before the verb.
            position = 1
            while (
                position < min(len(texts), 6)
                and texts[position] not in AUXILIARIES
                and tokens[position] not in self._cues
            ):
                position += 1
        while position < len(texts) and texts[position] in AUXILIARIES | ADVERBS:
            position += 1
        if position >= len(texts):
            return False
        if texts[position] in REFUSALS:
            return True
        if tokens[position] not in self._cues:
            return False
        position += 1
        while position < len(texts) and texts[position] in {"be", "been", "being", "longer"}:
            position += 1
        if texts[position : position + 1] == ["something"]:
            # "a refund is not something we are able to offer"
            return texts[position + 1 : position + 2] in (["we"], ["i"], ["we're"], ["i'm"])
        return position < len(texts) and texts[position] in REFUSED_PREDICATES | REFUSALS

    @cached_property
    def _cues(self) -> set[int]:
        """Indexes of the tokens that negate (rule 3), idioms left out."""
        cues = set()
        texts = [t.text for t in self.tokens]
        for index, text in enumerate(texts):
            following = texts[index + 1 : index + 4]
            if text in CUES or text.endswith("n't"):
                if text == "no" and following[:1] and not following[0][0].isalpha():
                    continue  # "No, ..." and "order no. 51877"
                if any(tuple(following[: len(idiom)]) == idiom for idiom in IDIOMS):
                    continue
                if text.endswith("n't") and following[:1] in (["not"], ["never"]):
                    continue
                cues.add(index)
            elif text == "instead" and following[:1] == ["of"]:
                cues.add(index)
            elif text == "rather" and following[:1] == ["than"]:
                cues.add(index)
            elif text == "wish" and following[:1] in (["we"], ["i"]):
                cues.add(index)
        return cues

    def _clause_words(self, clause: int) -> list[str]:
        return [self.tokens[i].text for i in self._clause_tokens[clause] if self.tokens[i].is_word]

    @cached_property
    def _conditional_clauses(self) -> set[int]:
        return {
            clause
            for clause in self._clause_tokens
            if self._clause_words(clause)[:1]
            and self._clause_words(clause)[0] in CONDITION_WORDS
            or self._clause_words(clause)[:2] == ["in", "case"]
        }

    def _next_clause(self, clause: int) -> int | None:
        """The clause after ``clause`` in the same sentence, if any."""
        following = clause + 1
        if following not in self._clause_tokens:
            return None
        sentence = self.tokens[self._clause_tokens[clause][0]].sentence
        same = self.tokens[self._clause_tokens[following][0]].sentence == sentence
        return following if same else None

    def _has_cue(self, clause: int) -> bool:
        return any(i in self._cues for i in self._clause_tokens[clause])

    @cached_property
    def _lifted_clauses(self) -> set[int]:
        """Rule 6: negated clauses followed by "until", "unless", "before", "without"."""
        lifted = set()
        for clause in self._clause_tokens:
            following = self._next_clause(clause)
            if following is None or not self._has_cue(clause):
                continue
            if self._clause_words(following)[:1] and self._clause_words(following)[0] in (
                LIFTING_WORDS
            ):
                lifted.add(clause)
        return lifted

    @cached_property
    def _contradicted_clauses(self) -> set[int]:
        """Rule 5: clauses taken back by a bare refusal in the next clause."""
        contradicted = set()
        for clause in self._clause_tokens:
            following = self._next_clause(clause)
            if following is None or not self._is_bare_refusal(following):
                continue
            opener = self._clause_words(following)[:1]
            own_opener = self._clause_words(clause)[:1]
            between = self.tokens[self._clause_tokens[clause][-1]].text
            if (
                opener
                and opener[0] in CONTRAST_WORDS
                or own_opener
                and own_opener[0] in CONCESSION_WORDS
                or between in {"-", "\u2014", "\u2013", ";"}
            ):
                contradicted.add(clause)
        return contradicted

    @cached_property
    def _raised_clauses(self) -> set[int]:
        """Rule 7: "that" clauses after a negated verb of saying or promising."""
        raised = set()
        for clause in self._clause_tokens:
            following = self._next_clause(clause)
            if following is None or self._clause_words(following)[:1] != ["that"]:
                continue
            words = self._clause_words(clause)
            # "I cannot assure you that ...": the verb may have its person after it.
            if words[-1:] and words[-1] in {"you", "her", "him", "them", "us"}:
                words = words[:-1]
            if (
                words
                and self._has_cue(clause)
                and any(word_matches(verb, words[-1]) for verb in SAYING_VERBS)
            ):
                raised.add(following)
        return raised

    def _is_bare_refusal(self, clause: int) -> bool:
        tokens = [i for i in self._clause_tokens[clause] if self.tokens[i].is_word]
        cues = [position for position, i in enumerate(tokens) if i in self._cues]
        if not cues:
            return False
        after = [self.tokens[i].text for i in tokens[cues[0] + 1 :]]
        return all(text in BARE_REFUSAL_WORDS for text in after)


def keyword_words(keyword: str) -> list[str]:
    """The word patterns of a keyword: "don't share" -> ["don", "t", "share"]."""
    return re.findall(r"[^\W_]+\*?", keyword.lower().replace("\u2019", "'"))


def word_matches(pattern: str, word: str) -> bool:
    """Whether ``word`` is ``pattern`` or a simple inflection of it (``*``: any ending).

    >>> [word_matches("refund", w) for w in ("refunds", "refunded", "prefund")]
    [True, True, False]
    """
    word = word.lower()
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern or word in _inflections(pattern)


@lru_cache(maxsize=4096)
def _inflections(pattern: str) -> frozenset[str]:
    """The simple inflections of a word: refund -> refunds, refunded, refunding."""
    forms = {pattern + ending for ending in ("s", "es", "d", "ed", "ing")}
    if pattern.endswith("e"):
        forms.add(pattern[:-1] + "ing")
    if len(pattern) > 1 and pattern.endswith("y") and pattern[-2] not in "aeiou":
        forms |= {pattern[:-1] + "ies", pattern[:-1] + "ied"}
    if (
        len(pattern) >= 3
        and pattern[-1] not in "aeiouwxy"
        and pattern[-2] in "aeiou"
        and pattern[-3] not in "aeiou"
    ):
        # ship -> shipped, shipping
        forms |= {pattern + pattern[-1] + "ed", pattern + pattern[-1] + "ing"}
    return frozenset(forms)


def _tokens(text: str) -> list[Token]:
    """The tokens of ``text`` with their sentence and clause numbers (module rule 1)."""
    normal = text.replace("\u2019", "'").replace("\u2018", "'")
    raw = [(m.group().strip().lower(), m.start(), m.end()) for m in _TOKEN.finditer(normal)]
    tokens: list[Token] = []
    sentence = clause = 0
    boundary = False  # a clause ended at the previous token
    for index, (word, start, end) in enumerate(raw):
        if index:
            gap = normal[raw[index - 1][2] : start]
            new_line = "\n" in gap and not normal[start].islower()
            if _ends_sentence(raw, index - 1, normal) or new_line:
                sentence += 1
                boundary = True
            elif _opens_clause(raw, index):
                boundary = True
        if boundary:
            clause += 1
            boundary = False
        tokens.append(Token(word, start, end, sentence, clause, word[0].isalnum()))
        if word in {",", ";", ":", "(", ")", "[", "]", "-", "\u2014", "\u2013", '"'} and (
            word not in {",", ":"} or end == len(normal) or normal[end].isspace()
        ):
            boundary = True
    return tokens


def _ends_sentence(raw: Sequence[tuple[str, int, int]], index: int, text: str) -> bool:
    word, _, end = raw[index]
    if word[0] not in ".!?" or (end < len(text) and not text[end].isspace()):
        return False
    if word == "." and index:
        before, _, before_end = raw[index - 1]
        if before_end == raw[index][1] and (before in ABBREVIATIONS or len(before) == 1):
            return False
    return True


def _opens_clause(raw: Sequence[tuple[str, int, int]], index: int) -> bool:
    word = raw[index][0]
    if word in CLAUSE_WORDS:
        previous = raw[index - 1][0] if index else ""
        if word == "so" and previous in {"do", "and", "or", "not"}:
            return False  # "to do so"
        if word in {"after", "before", "until"} and previous in {"day", "days", "week"}:
            return False
        return True
    if word == "due" and index + 1 < len(raw) and raw[index + 1][0] == "to":
        return True  # "I can't come due to the training": the reason is not negated
    if word in JOINING_WORDS and index + 1 < len(raw):
        following = raw[index + 1][0]
        subjects = PRONOUNS | AUXILIARIES
        if word == "that":
            subjects = subjects | DETERMINERS | INDEFINITE_PRONOUNS
        negative_auxiliary = following.endswith("n't") or following in {"cannot", "never"}
        return (following in subjects or negative_auxiliary) and following != "that"
    return False
