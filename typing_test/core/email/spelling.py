"""Offline spelling: the word list, what is never flagged, US/UK variants, suggestions.

The word list is pyspellchecker's English word-frequency list, extended by the
business vocabulary in ``assets/vocabulary/business.txt``, by the British
spellings of ``assets/vocabulary/british.txt`` (derived from SCOWL) and by the
British forms of the US words in the variant table below; British forms that
none of these lists hold are found by regular correspondences (-ise, doubled l...).
A ``Speller`` finds the unknown words of a text and proposes corrections within
a time budget, the irregular forms first for a regular form of an irregular
verb (``assets/vocabulary/irregular-verbs.txt``).

>>> speller = load_speller("both")
>>> [f.text for f in speller.find("We will recieve the colour samples on Monday.")]
['recieve']
>>> speller.suggest("recieve", budget_s=0.0)
['receive', 'relieve']
"""

from __future__ import annotations

import bisect
import functools
import gzip
import json
import pkgutil
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from typing_test.core.assets import ContentError, assets_dir, read_text
from typing_test.core.email.findings import Finding

VARIANTS = ("both", "us", "uk")
MAX_SUGGESTIONS = 5
# No word of the word list is longer (pneumonoultramicroscopicsilicovolcanoconiosis
# has 45 letters). A longer token is flagged without a search for corrections.
MAX_WORD_LENGTH = 45

Clock = Callable[[], float]


# --- The US/UK variant table -------------------------------------------------
#
# Each family is (US ending, UK ending, stems, suffixes): a stem joined to an
# ending and a suffix gives one US form and its UK twin, e.g. "col" + "or" +
# "ful" is "colorful" / "colourful", "travel" + "" + "ed" is "traveled" /
# "travel" + "l" + "ed" "travelled". A pair is kept only when the US form is a
# known word, so a suffix that does not fit a stem produces nothing.

_FAMILIES = (
    (
        "or",
        "our",
        "arm behavi cand clam col endeav fav flav harb hon hum lab neighb od parl rig rum sav"
        " splend tum vap vig",
        ("", "s", "ed", "ing", "ful", "fully", "less", "able", "ably", "er", "ers", "ite", "ites",
         "hood", "hoods", "ly", "y"),
    ),
    (
        "iz",
        "is",
        "agon amort annual antagon apolog author capital categor central character civil"
        " commercial compartmental computer conceptual contextual critic custom decentral"
        " depriorit digit dramat emphas energ equal familiar fertil final general global harmon"
        " hospital hypothes ideal immun incentiv industrial initial item jeopard legal legitim"
        " liberal local material maxim memor minim mobil modern monet natural neutral normal"
        " optim organ ostrac patron personal plagiar polar popular priorit public random rational"
        " real recogn reorgan repriorit revital revolution sanit scandal scrutin sensit serial"
        " social special stabil standard steril stigmat subsid summar symbol sympath synchron"
        " synthes theor trivial urban util vandal visual vocal",
        ("e", "es", "ed", "er", "ers", "ing", "able", "ation", "ations", "ational"),
    ),
    # Not "yzes": "analyses" is also the plural of "analysis".
    ("yz", "ys", "anal catal paral", ("e", "ed", "er", "ers", "ing")),
    (
        "",
        "l",
        "cancel channel counsel dial equal fuel funnel initial jewel label level libel marshal"
        " marvel model panel pencil quarrel rival shovel signal total travel tunnel",
        ("ed", "ing", "er", "ers", "or", "ors", "ous"),
    ),
)

# Pairs that follow no family. Written "us uk", one pair per entry.
_PAIRS = """
aging ageing  airplane aeroplane  airplanes aeroplanes  aluminum aluminium
appall appal  behavioral behavioural  behaviorally behaviourally
caliber calibre  catalog catalogue  cataloged catalogued  cataloging cataloguing
catalogs catalogues  center centre  centered centred  centering centring  centers centres
centimeter centimetre  centimeters centimetres  cozy cosy  defense defence
defenses defences  distill distil  enroll enrol  enrollment enrolment  enrollments enrolments
enrolls enrols  fiber fibre  fibers fibres  fulfill fulfil  fulfillment fulfilment
fulfills fulfils  gray grey  installment instalment  installments instalments
instill instil  jewelry jewellery  kilometer kilometre  kilometers kilometres
liter litre  liters litres  luster lustre  maneuver manoeuvre  maneuvered manoeuvred
maneuvering manoeuvring  maneuvers manoeuvres  meager meagre  millimeter millimetre
millimeters millimetres  mold mould  molds moulds  moldy mouldy  mustache moustache
offense offence  offenses offences  pajamas pyjamas  plow plough  pretense pretence
practiced practised  practicing practising
saber sabre  skeptic sceptic  skeptical sceptical  skepticism scepticism  skillful skilful
skillfully skilfully  smolder smoulder  somber sombre  specter spectre  theater theatre
theaters theatres  willful wilful
"""

# UK forms whose US twin is also correct British English with another sense or
# use ("check" a list, "license" the verb, "program" software, "meter" a gas
# meter, "prize" a reward, "leaned" the other past form). With "us" required
# the UK form is flagged; with "uk" nothing is.
_UK_ONLY_PAIRS = """
annex annexe  leaned leant  prize prise  prized prised  prizes prises  prizing prising
check cheque  checks cheques  checkbook chequebook  curb kerb  draft draught
inquire enquire  inquired enquired  inquiries enquiries  inquiry enquiry
license licence  licenses licences  meter metre  meters metres  practice practise
practices practises  program programme
programs programmes  specialty speciality  story storey  stories storeys  tire tyre
tires tyres
"""


@dataclass(frozen=True)
class VariantTable:
    """Which spellings belong to one variant only, and their twins.

    ``us_to_uk`` maps a US form to the UK form a UK-only test expects;
    ``uk_to_us`` maps a UK form to the US form a US-only test expects. A word
    correct in both (``check``, ``license``) is a key of ``uk_to_us`` only
    through its UK twin, never a key of ``us_to_uk``.
    """

    us_to_uk: dict[str, str]
    uk_to_us: dict[str, str]

    @functools.cached_property
    def our_stems(self) -> frozenset[str]:
        """The British -our words of the table ("colour", "honour", "savour")
        up to and including their "our": the stems whose "our" the -our
        correspondence may change."""
        stems = set()
        for uk_form, us_form in self.uk_to_us.items():
            start = uk_form.find("our")
            if start > 0 and uk_form[:start] + "or" + uk_form[start + 3 :] == us_form:
                stems.add(uk_form[: start + 3])
        return frozenset(stems)


def build_variant_table(
    known: Callable[[str], bool], british: Iterable[BritishPair] = ()
) -> VariantTable:
    """Expand the families and pairs above, then the ``british`` word list's
    pairs, into a ``VariantTable``.

    ``known(word)`` says whether a US form is a real word; family members
    whose US form is unknown are dropped. The word list's pairs (see
    ``load_british_words``) only fill gaps: a spelling the tables above
    already place keeps its place.

    >>> table = build_variant_table(lambda word: word in {"color", "colored", "organize"})
    >>> table.us_to_uk["colored"], table.uk_to_us["organise"]
    ('coloured', 'organize')
    >>> "check" in table.us_to_uk, table.uk_to_us["cheque"]
    (False, 'check')
    >>> pairs = [BritishPair("sulphide", "sulfide", False), BritishPair("storey", "story", True)]
    >>> table = build_variant_table(lambda word: False, pairs)
    >>> table.us_to_uk["sulfide"], table.uk_to_us["sulphide"], table.uk_to_us["storey"]
    ('sulphide', 'sulfide', 'story')
    >>> "story" in table.us_to_uk
    False
    """
    us_to_uk: dict[str, str] = {}
    for us_end, uk_end, stems, suffixes in _FAMILIES:
        for stem in stems.split():
            for suffix in suffixes:
                us_form = stem + us_end + suffix
                if known(us_form):
                    us_to_uk[us_form] = stem + uk_end + suffix
    words = _PAIRS.split()
    us_to_uk.update(zip(words[0::2], words[1::2], strict=True))
    uk_to_us = {uk: us for us, uk in us_to_uk.items()}
    words = _UK_ONLY_PAIRS.split()
    uk_to_us.update(zip(words[1::2], words[0::2], strict=True))
    for pair in british:
        if pair.uk in uk_to_us or pair.uk in us_to_uk:
            continue
        uk_to_us[pair.uk] = pair.us
        if not pair.also_british and pair.us not in uk_to_us:
            us_to_uk.setdefault(pair.us, pair.uk)
    return VariantTable(us_to_uk, uk_to_us)


def _word_list_lines(path: Path, what: str) -> list[tuple[int, str]]:
    """The (line number, line) of each line of a word-list file that is not
    blank or a ``#`` comment. ``what`` names the list in the error message.

    Raises ``ContentError`` naming the file when it cannot be read.
    """
    try:
        lines = read_text(path).splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"{path}: cannot read the {what}: {error}") from error
    return [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.strip().startswith("#")
    ]


# --- The British word list -----------------------------------------------------


@dataclass(frozen=True)
class BritishPair:
    """A British spelling and its US twin. ``also_british``: the US form is
    correct British English too ("program", "judgment"), so "uk" accepts it."""

    uk: str
    us: str
    also_british: bool


def british_words_path() -> Path:
    """The British word list shipped with the app (derived from SCOWL)."""
    return assets_dir() / "vocabulary" / "british.txt"


def load_british_words(path: Path | None = None) -> list[BritishPair]:
    """Read the British word list: ``british us`` or ``british us also-british``
    a line, ``#`` starts a comment line.

    Raises ``ContentError`` naming the file and line for any other line.
    """
    path = path or british_words_path()
    pairs = []
    for number, line in _word_list_lines(path, "British word list"):
        fields = line.split()
        if (
            len(fields) not in (2, 3)
            or not all(_VOCABULARY_WORD.fullmatch(word) for word in fields[:2])
            or fields[2:] not in ([], ["also-british"])
        ):
            raise ContentError(
                f"{path}, line {number}: expected 'british us' or 'british us also-british',"
                f" not {line.strip()!r}"
            )
        pairs.append(BritishPair(fields[0], fields[1], len(fields) == 3))
    return pairs


# --- The word list -------------------------------------------------------------

# A word of the vocabulary file: lower-case letters, inner hyphens or apostrophes.
_VOCABULARY_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
# Vocabulary words have no corpus count; this one ranks them among common words.
_VOCABULARY_FREQUENCY = 1000
# Words of pyspellchecker's list that a business email uses only by mistake:
# "payed" is the nautical past of "pay" (payed out the rope); in an email it
# is "paid" misspelled, so it is flagged, with "paid" suggested.
_NOT_ACCEPTED = ("payed",)
# The lowest count in pyspellchecker's list: given to variant spellings whose
# twin it lacks.
_RARE_FREQUENCY = 50


def vocabulary_path() -> Path:
    """The business vocabulary file shipped with the app."""
    return assets_dir() / "vocabulary" / "business.txt"


def load_vocabulary(path: Path | None = None) -> list[str]:
    """Read a vocabulary file: one word per line, ``#`` starts a comment line.

    Raises ``ContentError`` naming the file and line for anything that is not
    a single lower-case word.
    """
    path = path or vocabulary_path()
    words = []
    for number, line in _word_list_lines(path, "vocabulary"):
        word = line.strip()
        if not _VOCABULARY_WORD.fullmatch(word):
            raise ContentError(f"{path}, line {number}: not a lower-case word: {word!r}")
        words.append(word)
    return words


@functools.cache
def english_frequencies() -> dict[str, int]:
    """pyspellchecker's English word list: lower-case word to corpus count.

    Read straight from the package's data file. ``spellchecker.SpellChecker()``
    reads the same file but then lower-cases and recounts all 160,000 entries,
    which doubles the load time (about 170 ms against 90 ms here).
    """
    data = pkgutil.get_data("spellchecker", "resources/en.json.gz")
    if data is None:
        raise ContentError("pyspellchecker's English dictionary (resources/en.json.gz) is missing")
    return json.loads(gzip.decompress(data))


@functools.cache
def _word_list() -> tuple[dict[str, int], VariantTable]:
    """The full word list (English, vocabulary, UK forms) and the variant table.

    Shared by the spellers of all three variants; built once per process.
    A spelling the dictionary lacks takes its twin's count, or the lowest
    count of the dictionary when the twin is missing too (a rare word must
    not rank above common ones among suggestions).
    """
    frequencies = dict(english_frequencies())
    for word in load_vocabulary():
        frequencies[word] = max(frequencies.get(word, 0), _VOCABULARY_FREQUENCY)
    for word in _NOT_ACCEPTED:
        del frequencies[word]
    table = build_variant_table(frequencies.__contains__, load_british_words())
    for us_form, uk_form in table.us_to_uk.items():
        count = frequencies.get(us_form) or frequencies.get(uk_form) or _RARE_FREQUENCY
        frequencies.setdefault(uk_form, count)
        frequencies.setdefault(us_form, count)
    for uk_form, us_form in table.uk_to_us.items():
        frequencies.setdefault(uk_form, frequencies.get(us_form, _RARE_FREQUENCY))
        frequencies.setdefault(us_form, frequencies[uk_form])
    return frequencies, table


# --- Irregular verbs --------------------------------------------------------------


@dataclass(frozen=True)
class IrregularVerb:
    """A verb whose past forms are not made with -ed: "teach", ("taught",), ("taught",)."""

    base: str
    past: tuple[str, ...]
    participle: tuple[str, ...]


def irregular_verbs_path() -> Path:
    """The table of irregular verbs shipped with the app."""
    return assets_dir() / "vocabulary" / "irregular-verbs.txt"


def load_irregular_verbs(path: Path | None = None) -> list[IrregularVerb]:
    """Read the irregular verbs: ``base past participle`` a line, "/" between
    two accepted forms, ``#`` starts a comment line.

    Raises ``ContentError`` naming the file and line for any other line.
    """
    path = path or irregular_verbs_path()
    verbs = []
    for number, line in _word_list_lines(path, "irregular verbs"):
        fields = line.split()
        forms = [field.split("/") for field in fields]
        if len(fields) != 3 or not all(
            _VOCABULARY_WORD.fullmatch(form) for group in forms for form in group
        ):
            raise ContentError(
                f"{path}, line {number}: expected 'base past participle', not {line.strip()!r}"
            )
        verbs.append(IrregularVerb(fields[0], tuple(forms[1]), tuple(forms[2])))
    return verbs


def regular_forms(base: str) -> list[str]:
    """The past forms ``base`` would have if it were regular: what a writer
    who misses the irregular form writes.

    >>> regular_forms("teach"), regular_forms("write"), regular_forms("run"), regular_forms("fly")
    (['teached'], ['writed'], ['runed', 'runned'], ['flyed', 'flied'])
    """
    forms = [base + "d" if base.endswith("e") else base + "ed"]
    if re.search(r"(^|[^aeiou])[aeiou][^aeiouwxy]$", base):  # one vowel, one consonant
        forms.append(base + base[-1] + "ed")
    if re.search(r"[^aeiou]y$", base):
        forms.append(base[:-1] + "ied")
    return forms


@functools.cache
def _irregular_suggestions() -> dict[str, tuple[str, ...]]:
    """Each regular form of an irregular verb that is not a word, with the
    verb's past tense and participle: "writed" gives ("wrote", "written")."""
    frequencies, _ = _word_list()
    suggestions: dict[str, tuple[str, ...]] = {}
    for verb in load_irregular_verbs():
        forms = tuple(dict.fromkeys(verb.past + verb.participle))
        for wrong in regular_forms(verb.base):
            if wrong not in frequencies:
                suggestions.setdefault(wrong, forms)
    return suggestions


# --- British spellings the word list lacks --------------------------------------
#
# A British form of a rarer or derived word ("reauthorised", "snorkellers")
# may be missing from the list. These correspondences turn an
# unknown word into its US twin; the word is British when the twin is a known
# US word. Each is narrowed so that it cannot turn a misspelling into a known
# word: "fourty" is not "forty" (-our only after a stem the list spells -our,
# and never before -ous/-ary/-ation: "humourous" stays wrong), "capsise",
# "sise" and "prise open" are not -ize words, "appealled" is not "appealed"
# (British doubles l only after a single vowel), and -re/-er, -ence/-ense,
# -ogue/-og are left to the list, where "ordre", "sence" or "expence" are not.

# -ise, -isation, -iser...: the ending after "is" / "iz".
_ISE = re.compile(
    r"(?<=[a-z]{2})is(?=(e|es|ed|ing|er|ers|ation|ations|ational|able|ability|ably|ement"
    r"|ements)$)"
)
# US -ize words whose z is not the suffix: size and its compounds after a
# consonant or at the start (downsize, capsize, but emphasize), resize, prize,
# seize, maize, baize.
_IZE_NOT_SUFFIX = re.compile(r"(^|[^aeiou])siz|^resiz|priz|seiz|^maiz|^baiz")
_YSE = re.compile(r"ys(?=(e|es|ed|ing|er|ers|able)$)")
# British doubles the final l of a verb after one vowel (travelled,
# labelling, fuelled, dialled), not after two (appealed, sailed). Not before
# -ist and -ous, where British doubles only some words (medallist, marvellous,
# both in the list, but finalist, perilous).
_DOUBLE_L = re.compile(r"(?<=[^aeiou][aeiou]|ue|ia)ll(?=(ed|ing|ings|er|ers|or|ors)$)")
# Endings after the "our" of colour, honour...: not -ous, -ary, -ation, -ific,
# -ist, -ise, where British spells -or- too (humorous, honorary, vaporise).
_OUR_ENDINGS = frozenset(
    "s ed ing ings er ers ful fully fulness less lessly lessness able ably ableness ite ites"
    " itism y ier iest ily iness ies hood hoods ly liness ee ees".split()
    + [""]
)
# Greek and Latin stems spelt with ae/oe in British English, with their US
# form, anchored where the stem stands in its words and followed by what
# follows it there: "haem" begins haemoglobin, so "thaem" is not "them" and
# "haemisphere" not "hemisphere"; "paed" begins paediatric or follows
# "ortho", so "developaed" and "paedestrian" stay wrong.
_DIGRAPHS = tuple(
    (re.compile(british), american)
    for british, american in (
        (r"^haem(?=at|og|or|ol|op|ost)", "hem"),  # haematology, haemoglobin, haemorrhage
        (r"(leuk|septic|isch|an|glyc|ur|tox)aemi(?=(a|as|c)$)", r"\1emi"),  # leukaemia
        (r"(^|an|kin|syn|para)aesth(?=e[st])", r"\1esth"),  # anaesthetic, kinaesthesia
        (r"^paed(?=iatr|oph|olog|erast)", "ped"),  # paediatric, paedophile
        (r"(?<=^ortho|cyclo)paed", "ped"),  # orthopaedic, encyclopaedia
        (r"^gynaec", "gynec"), (r"^palaeo", "paleo"), (r"^mediaev", "mediev"),
        (r"^faec(?=[ae])", "fec"), (r"^aetiol", "etiol"), (r"^caesar", "cesar"),
        (r"^oestr(?=og|ad|us|ous|iol|one)", "estr"), (r"^oesoph", "esoph"),
        (r"^oedem", "edem"), (r"^foet(?=us|al|id|icid|or)", "fet"),
        (r"rrhoe(?=(a|al|ic|as)$)", "rrhe"), (r"^amoeb", "ameb"),
        (r"^(out)?manoeuv(?=r)", r"\1maneuv"), (r"^coeliac", "celiac"),
        (r"pnoe(?=as?$)", "pne"), (r"^homoeo(?=p|s)", "homeo"), (r"^(de|bi)?sulph", r"\1sulf"),
    )
)
# Prefixes before a British word of the list: unlabelled, reauthorised.
_VARIANT_PREFIXES = frozenset(
    "un re dis mis non pre over under counter co sub super inter multi anti de semi out mid"
    " post pro micro macro".split()
)


def _is_compound_tail(word: str) -> bool:
    """Whether ``word`` may end a compound after a British word ("master" in
    harbourmaster): four letters or more, starting with a consonant, so that
    an ending is not taken for a word ("litreally" is not "literally")."""
    return len(word) > 3 and word[0] not in "aeiouy"


def _one_correspondence(
    word: str, our_stems: frozenset[str], is_us_word: Callable[[str], bool]
) -> Iterator[str]:
    """Every US spelling one British-to-US correspondence away from ``word``.

    ``our_stems``: the British -our words of the list ("colour", "honour");
    ``is_us_word``: whether a word is a known US word (the doubled l needs
    a verb in -l: "travelled" from "travel", but not "rulled" from "rule").
    """
    for match in _ISE.finditer(word):
        us_form = word[: match.start()] + "iz" + word[match.end() :]
        if not _IZE_NOT_SUFFIX.search(us_form):
            yield us_form
    for match in _YSE.finditer(word):
        yield word[: match.start()] + "yz" + word[match.end() :]
    for match in _DOUBLE_L.finditer(word):
        # The verb must end in -l: "travel", but not "rule" (ruled) or "sole".
        # "paralleled" has one l in British too.
        stem = word[: match.start()] + "l"
        if is_us_word(stem) and not is_us_word(stem + "e") and not stem.endswith("parallel"):
            yield stem + word[match.end() :]
    start = word.find("our")
    while start >= 0:
        head, tail = word[: start + 3], word[start + 3 :]
        if tail in _OUR_ENDINGS and any(head.endswith(stem) for stem in our_stems):
            yield word[:start] + "or" + tail
        start = word.find("our", start + 1)
    if "ae" in word or "oe" in word or "sulph" in word:  # most words have none
        for british, american in _DIGRAPHS:
            us_form = british.sub(american, word, count=1)
            if us_form != word:
                yield us_form


# --- Finding the words to check ----------------------------------------------

# Whitespace-separated chunks that are not prose: addresses, URLs, domains and
# file names (a dot between two word characters), paths, identifiers.
_NOT_PROSE = re.compile(r"@|://|^www\.|\w\.\w|_|\\|/.*/", re.IGNORECASE)
# Words joined by hyphens; a word may hold inner apostrophes (don't, Sam's).
_COMPOUND = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*(?:-[^\W_]+(?:['\u2019][^\W_]+)*)*")
# Plural or possessive acronyms: KPIs, SLAs, FAQ's.
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}'?s")
# Lower-case Roman numerals that number clauses: (ii), (iv), vii.
_ROMAN_NUMERAL = re.compile(r"i{2,3}|iv|vi{0,3}|ix|xi{0,3}")
# First halves of hyphenated words that are not words on their own.
_PREFIXES = frozenset(
    "anti bi co cross de e ex inter intra mid mis multi non over post pre pro re self semi sub"
    " super tri un under".split()
)
_CONTRACTION_ENDINGS = ("s", "re", "ve", "ll", "d", "m")
# Words that take "n't" (can't, won't and shan't are dictionary words).
_NOT_BASES = frozenset(
    "are could dare did does do had has have is might must need ought should was were would"
    .split()
)
# Both halves of a run-together word ("thankyou") must be this common.
_COMMON_WORD_FREQUENCY = 100_000
_SENTENCE_END = ".!?"
_OPENERS = " \t\"'([{\u2018\u201c"


@dataclass(frozen=True)
class Token:
    """One word of a text to check. ``text`` is as written (original case)."""

    start: int
    end: int
    text: str
    sentence_start: bool


def _is_sentence_start(text: str, start: int) -> bool:
    """True when only openers (spaces, quotes, brackets) stand between the
    word at ``start`` and the start of the text, a line or a sentence."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _SENTENCE_END


def _is_name_line(line: str) -> bool:
    """A short line of capitalised words: a signature, company or heading."""
    words = re.findall(r"[^\W\d_][\w'\u2019.-]*", line)
    return 0 < len(words) <= 6 and all(word[0].isupper() for word in words)


# The last word of a sign-off line ("Yours sincerely,", "Kind regards,"), and
# the words that may stand before it.
_SIGN_OFF_WORDS = frozenset(
    "sincerely faithfully respectfully regards thanks cheers wishes greetings".split()
)
_SIGN_OFF_OPENERS = frozenset(
    "yours kind kindest best warm warmest with many all the and very".split()
)


@functools.cache
def _near_sign_off_words() -> frozenset[str]:
    """Every string one edit away from a sign-off word."""
    return frozenset(near for word in _SIGN_OFF_WORDS for near in edits1(word))


def _is_misspelled_sign_off(line: str, word: str) -> bool:
    """True when ``word``, one edit away from a sign-off word, ends a sign-off
    line: "Sincerly," or "Kind Reguards,". Such a line is not a signature
    name. A line of one word needs the sign-off's comma ("Sincerly," yes,
    "Trudy" no); the words before the last must be sign-off words ("Yours",
    "Kind"), so "Tom Shanks" stays a name.

    >>> [_is_misspelled_sign_off(line, "Sincerly") for line in ("Sincerly,", "Sincerly")]
    [True, False]
    """
    if word.lower() not in _near_sign_off_words():
        return False
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", line.lower())
    if not 0 < len(words) <= 3 or words[-1] != word.lower():
        return False
    if len(words) == 1 and not line.rstrip().endswith(","):
        return False
    return all(w in _SIGN_OFF_OPENERS for w in words[:-1])


def tokens(text: str) -> Iterator[Token]:
    """The words of ``text`` that spelling applies to, one per hyphen part.

    Skipped here: e-mail addresses, URLs, domains, file names, anything with a
    digit (INV-2041, 9am, $1,249.50, 20%, 12/05/2025), single letters,
    all-capital acronyms (SLA, KPIs), words with inner capitals (iPhone) and
    lower-case Roman numerals (ii, iv).

    >>> [t.text for t in tokens("Ask Sam's team (sam@acme.com) about INV-2041, e-mail and KPIs.")]
    ['Ask', "Sam's", 'team', 'about', 'mail', 'and']
    """
    for chunk in re.finditer(r"\S+", text):
        if _NOT_PROSE.search(chunk.group()):
            continue
        for compound in _COMPOUND.finditer(chunk.group()):
            if any(map(str.isdigit, compound.group())):
                continue
            offset = chunk.start() + compound.start()
            position = 0
            for part in compound.group().split("-"):
                start = offset + position
                position += len(part) + 1
                if len(part) < 2 or part.isupper() or _ACRONYM_PLURAL.fullmatch(part):
                    continue
                if _ROMAN_NUMERAL.fullmatch(part):
                    continue
                if part[1:] != part[1:].lower():  # an inner capital
                    continue
                yield Token(start, start + len(part), part, _is_sentence_start(text, start))


# --- The speller ---------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> list[str]:
    """All strings one deletion, transposition, insertion or replacement away,
    in that order and without repeats.

    Peter Norvig's construction, as in pyspellchecker, in a fixed order so that
    a two-edit search cut short by its time budget is the same on every run.
    The few deletions and transpositions come first: expanding them first
    finds most two-edit corrections (doubled or dropped letters, "neccesary",
    "tommorow") in a fraction of the full search time.

    >>> edits1("ab")[:6]
    ['b', 'a', 'ba', 'aab', 'bab', 'cab']
    >>> len(edits1("ab"))
    130
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [left + right[1:] for left, right in splits if right]
    transposes = [left + right[1] + right[0] + right[2:] for left, right in splits[:-2]]
    inserts = [left + c + right for left, right in splits for c in _LETTERS]
    replaces = [left + c + right[1:] for left, right in splits if right for c in _LETTERS]
    return list(dict.fromkeys(deletes + transposes + inserts + replaces))


def _match_case(suggestion: str, word: str) -> str:
    """Write ``suggestion`` with the capitalisation of ``word``."""
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


class Speller:
    """Spelling for one variant ("both", "us" or "uk"). Build with ``load_speller``.

    ``frequencies`` maps every accepted lower-case word to its corpus count;
    ``table`` says which words belong to one variant only.
    """

    def __init__(
        self,
        frequencies: dict[str, int],
        table: VariantTable,
        variant: str,
        irregular: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {VARIANTS}, not {variant!r}")
        self.variant = variant
        self.table = table
        self.frequencies = frequencies
        # A regular form of an irregular verb ("teached") and the verb's forms.
        self.irregular = irregular or {}
        # Spellings of the other variant: flagged, and never suggested.
        self.foreign: dict[str, str] = {
            "both": {},
            "us": table.uk_to_us,
            "uk": table.us_to_uk,
        }[variant]
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def is_known(self, word: str) -> bool:
        """True for a dictionary word, possessive or contraction of one.

        Curly apostrophes count as straight ones; case is ignored.

        >>> speller = load_speller("both")
        >>> words = ("customers", "customer\u2019s", "onboarding", "shouldn't", "dosen't", "teh")
        >>> [speller.is_known(w) for w in words]
        [True, True, True, True, False, False]
        """
        word = word.lower().replace("\u2019", "'")
        if word in self.frequencies:
            return True
        base, apostrophe, ending = word.rpartition("'")
        if not apostrophe:
            return False
        if ending == "t":
            return base.endswith("n") and base[:-1] in _NOT_BASES
        return ending in _CONTRACTION_ENDINGS and base in self.frequencies

    def british_twin(self, word: str) -> str | None:
        """The US twin of ``word`` when it is a British spelling the word list
        lacks, by the correspondences above; None for any other word.

        A British word of the list with a prefix ("reorganisations") or at
        the head of a compound ("harbourmaster") counts too, when the US
        form is a known word. Possessives keep their ending.

        >>> speller = load_speller("both")
        >>> [speller.british_twin(w) for w in ("reauthorised", "snorkellers", "preauthorised")]
        ['reauthorized', 'snorkelers', 'preauthorized']
        >>> [speller.british_twin(w) for w in ("fourty", "humourous", "rulled", "capsising")]
        [None, None, None, None]
        """
        lower = word.lower().replace("\u2019", "'")
        base, apostrophe, ending = lower.partition("'")
        if len(base) > MAX_WORD_LENGTH or ending not in ("", "s"):
            return None
        ending = apostrophe + ending
        uk_to_us = self.table.uk_to_us
        for split in range(2, len(base) - 1):
            head, tail = base[:split], base[split:]
            if head in _VARIANT_PREFIXES and self._is_twin_pair(tail):  # unlabelled
                us_form = head + uk_to_us[tail]
            elif self._is_twin_pair(head) and _is_compound_tail(tail) and self._is_us_word(tail):
                us_form = uk_to_us[head] + tail  # harbourmaster
            else:
                continue
            if self._is_us_twin(us_form, base):
                return us_form + ending
        level = [base]
        for _ in range(2):  # "colourised": -our, then -ise
            level = [
                us
                for w in level
                for us in _one_correspondence(w, self.table.our_stems, self._is_us_word)
            ]
            for us_form in level:
                if self._is_us_twin(us_form, base):
                    return us_form + ending
        return None

    def _is_twin_pair(self, uk_form: str) -> bool:
        """True when ``uk_form`` is a British spelling whose US twin is not
        British English as well: "colour" yes, "tyre" no ("tire" is a British
        verb, so "retyre" is not "retire")."""
        us_form = self.table.uk_to_us.get(uk_form)
        return us_form is not None and self.table.us_to_uk.get(us_form) == uk_form

    def _is_us_twin(self, us_form: str, uk_form: str) -> bool:
        """True when ``us_form`` is a known US word and the table gives it no
        other British twin: "colorise" is not British because "colorize"
        is "colourise" in British."""
        return self._is_us_word(us_form) and self.table.us_to_uk.get(us_form, uk_form) == uk_form

    def _is_us_word(self, word: str) -> bool:
        """A word of the list that is not a British-only spelling."""
        return word in self.frequencies and word not in self.table.uk_to_us

    def _is_known_compound(self, text: str, token: Token) -> bool:
        """True when the token is the known first part of a hyphenated word
        (``co-worker``, ``pre-approved``) or the whole compound is a word.

        Looks at most ``MAX_WORD_LENGTH`` characters either side of the token,
        so a text of any length costs the same per word."""
        hyphen_after = text.startswith("-", token.end)
        if hyphen_after and token.text.lower() in _PREFIXES:
            return True
        if not hyphen_after and not (token.start > 0 and text[token.start - 1] == "-"):
            return False  # a word without a hyphen beside it is no part of a compound
        start, end = _hyphenated_span(text, token.start, token.end)
        compound = text[start:end].strip("-")
        return "-" in compound and compound.lower() in self.frequencies

    def find(self, text: str) -> list[Finding]:
        """The spelling findings of ``text``, without suggestions for unknown
        words (``Checker.check`` adds them within its time budget).

        A capitalised word is a name when it is not the first of a sentence,
        when it stands in a short line of capitalised words (a signature, but
        not a misspelled sign-off such as "Sincerly,"), or when the text also
        uses it as a name elsewhere. A capitalised unknown
        word that starts a sentence is flagged only when a dictionary word is
        one edit away (``Recieved`` yes, ``Anjali`` no).
        """
        all_tokens = list(tokens(text))
        lines = _Lines(text)
        names = {
            t.text for t in all_tokens if t.text[0].isupper() and not t.sentence_start
        }
        findings = []
        for token in all_tokens:
            word = token.text
            lower = word.lower().replace("\u2019", "'")
            if word[0].isupper() and self._is_name(lines, token, names):
                continue
            if lower in self.foreign:
                findings.append(self._variant_finding(token, self.foreign[lower]))
                continue
            if self.is_known(word) or self._is_known_compound(text, token):
                continue
            twin = self.british_twin(word)
            if twin is not None:
                if self.variant == "us":
                    findings.append(self._variant_finding(token, twin))
                continue
            if len(word) > MAX_WORD_LENGTH:
                findings.append(
                    Finding(token.start, token.end, word, "spelling", "spelling",
                            f"Not a word: {len(word):,} letters without a space.")
                )
                continue
            if word[0].isupper() and not (self._known(edits1(lower)) or self._split(lower)):
                continue
            findings.append(
                Finding(token.start, token.end, word, "spelling", "spelling",
                        f'Possible spelling mistake: "{word}".')
            )
        return findings

    def _is_name(self, lines: _Lines, token: Token, names: set[str]) -> bool:
        """Whether the capitalised ``token`` reads as a name (see ``find``)."""
        line = lines.at(token.start)
        if _is_misspelled_sign_off(line, token.text) and not self.is_known(token.text):
            return False
        return not token.sentence_start or token.text in names or lines.is_name_line(token.start)

    def _variant_finding(self, token: Token, wanted: str) -> Finding:
        """A finding for a spelling of the other variant; ``wanted`` is its twin."""
        if self.variant == "us":
            rule, message = "us-spelling", f'British spelling; use the US spelling "{wanted}".'
        else:
            rule, message = "uk-spelling", f'US spelling; use the British spelling "{wanted}".'
        suggestion = _match_case(wanted, token.text)
        return Finding(token.start, token.end, token.text, "spelling", rule, message, (suggestion,))

    def _split(self, word: str) -> str | None:
        """Two common words run together: "thankyou" gives "thank you"."""
        for i in range(2, len(word) - 1):
            left, right = word[:i], word[i:]
            if min(self.frequencies.get(left, 0), self.frequencies.get(right, 0)) >= (
                _COMMON_WORD_FREQUENCY
            ):
                return f"{left} {right}"
        return None

    def _known(self, words: list[str]) -> set[str]:
        """The words of this variant among ``words``."""
        return {w for w in words if w in self.frequencies and w not in self.foreign}

    def suggest(
        self, word: str, *, budget_s: float, clock: Clock = time.perf_counter
    ) -> list[str]:
        """Up to five corrections for ``word``, most frequent first.

        A regular form of an irregular verb gets the verb's forms first
        ("writed": "wrote", "written"). Words one edit away come next and are
        always computed (a few hundred look-ups), with two common words run
        together ("thankyou") split.
        Only when there are no close words does the search go two edits away,
        and only while ``budget_s`` seconds of ``clock`` last: the full search
        takes 50 to 150 ms for a long word, and a search cut short returns
        what it found so far. Results found in full are remembered, so a word
        checked again costs nothing.

        >>> load_speller("both").suggest("Definately", budget_s=0.0)
        ['Definitely']
        >>> load_speller("both").suggest("teached", budget_s=0.0)[:2]
        ['taught', 'reached']
        """
        lower = word.lower().replace("\u2019", "'")
        if len(lower) > MAX_WORD_LENGTH:
            return []
        if lower in self._suggestions:
            found = self._suggestions[lower]
        else:
            found, complete = self._search(lower, budget_s, clock)
            if complete:
                self._suggestions[lower] = found
        return [_match_case(suggestion, word) for suggestion in found]

    def _search(self, word: str, budget_s: float, clock: Clock) -> tuple[tuple[str, ...], bool]:
        """Rank the known words near ``word``, after the irregular forms when
        ``word`` is a regular form of an irregular verb ("teached": "taught"
        first); also say whether the search ran to the end or was cut short
        by the budget. An irregular verb needs no two-edit search."""
        deadline = clock() + budget_s
        irregular = self.irregular.get(word, ())
        close = edits1(word)
        candidates = self._known(close)
        complete = True
        if not candidates and not irregular:
            for edit in close:
                if clock() >= deadline:
                    complete = False
                    break
                candidates |= self._known(edits1(edit))
        counts = {w: self.frequencies[w] for w in candidates if w != word}
        split = self._split(word)
        if split:
            counts[split] = min(self.frequencies[half] for half in split.split())
        others = sorted(counts.keys() - set(irregular), key=lambda w: (-counts[w], w))
        ranked = [*irregular, *others]
        return tuple(ranked[:MAX_SUGGESTIONS]), complete


class _Lines:
    """The lines of a text, found once: the line holding an offset, and
    whether it is a name line, without searching the text again for each
    word (which made checking grow with the square of the text's length)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self._name_lines: dict[int, bool] = {}

    def _index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def at(self, offset: int) -> str:
        """The line of the text that holds ``offset``, without its newline."""
        index = self._index(offset)
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index] : end]

    def is_name_line(self, offset: int) -> bool:
        """``_is_name_line`` of the line holding ``offset``, worked out once per line."""
        index = self._index(offset)
        if index not in self._name_lines:
            self._name_lines[index] = _is_name_line(self.at(offset))
        return self._name_lines[index]


def _hyphenated_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the run of word characters, apostrophes and hyphens around
    ``text[start:end]``, as ``[\\w'-]*`` would match it on both sides, but
    never more than ``MAX_WORD_LENGTH`` characters either side: nothing
    longer is a word, and the bound keeps each look-up short.

    >>> text = "a co-worker's desk"
    >>> _hyphenated_span(text, 5, 11)
    (2, 13)
    """
    low = max(0, start - MAX_WORD_LENGTH)
    while start > low and _is_compound_char(text[start - 1]):
        start -= 1
    high = min(len(text), end + MAX_WORD_LENGTH)
    while end < high and _is_compound_char(text[end]):
        end += 1
    return start, end


def _is_compound_char(char: str) -> bool:
    """A character of ``[\\w'-]``: a letter, digit, underscore, apostrophe or hyphen."""
    return char.isalnum() or char in "_'-"


def load_speller(variant: str = "both") -> Speller:
    """A ``Speller`` for ``variant``; the word list is read once per process."""
    frequencies, table = _word_list()
    return Speller(frequencies, table, variant, _irregular_suggestions())
