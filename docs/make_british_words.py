"""Write assets/vocabulary/british.txt: British spellings and their US twins.

The British words are SCOWL's "british" word lists (the words spelled only
the British way) and its "british_variant_1" lists (British variants about
as common: foetus, gaol), sizes 10 to 70 ("large", the size of the usual
en_GB dictionaries), as Debian's ``scowl`` package installs them:

    apt-get install scowl
    python docs/make_british_words.py [/usr/share/dict/scowl]

Each British word is paired with its US twin: the word of SCOWL's American or
common lists (sizes 10 to 80) reached by the fewest of the spelling
correspondences below ("colourised" -> "colorized" takes two). A twin found
in the common lists or among SCOWL's British variants is correct British
English too ("program", "judgment", "inflection"), and the line says so; a
word with no twin is left out. The script prints the
words it leaves out, so the rules can be reviewed.

SCOWL is by Kevin Atkinson and the authors its notice names; its notice is in
assets/vocabulary/SCOWL-COPYRIGHT.txt, which must travel with the list.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "assets" / "vocabulary" / "british.txt"
SIZES = (10, 20, 35, 40, 50, 55, 60, 70)
COMMON_SIZES = SIZES + (80,)

# British spelling -> US spelling: a regular expression for the British
# letters (with the context they need) and the US letters that replace them,
# tried at every match in a word, up to three at once. Only pairs whose US
# side is a SCOWL word are kept, so a rule too broad for a word mostly
# produces nothing; the output was reviewed by hand, and the pairs that
# still came out wrong are in NOT_PAIRS.
CORRESPONDENCES = (
    (r"is", "iz"),  # organise, organisation, organiser
    (r"ys", "yz"),  # analyse, paralysed
    (r"(?<=[a-z]{2})our", "or"),  # colour, honourable (not fourb, pourer)
    # centre, fibres, meagrely (not preacid, areology, fere)
    (r"(?<=[^aeiouyr])re(?=(s|d|ly|ness|less|ous|y|board|boards|fold|folds|piece|pieces"
     r"|goer|goers|glass|fill|ware|wares|wort|worts|ment|ments)?$)", "er"),
    (r"(?<=[^aeiouyr])red$", "ered"),  # centred, manoeuvred
    (r"(?<=[^aeiouyr])ring(?=s?$)", "ering"),  # centring, centrings
    (r"ence", "ense"),  # defence, licence
    (r"ogue", "og"),  # catalogue
    (r"ogu", "og"),  # catalogued, cataloguing
    (r"ll", "l"),  # travelled, jewellery
    (r"l", "ll"),  # fulfil, enrolment, skilful
    (r"(?<!e)ae(?=[^r])", "e"),  # paediatric, anaemia (not aerose, formulae)
    (r"oe(?!(s|d|r|y|ys|rs)?$)", "e"),  # oestrogen, manoeuvre (not vetoes, shoer)
    (r"sulph", "sulf"),  # sulphide
    (r"ement", "ment"),  # judgement
    (r"geing", "ging"),  # ageing
    (r"qu", "ck"),  # chequered
    (r"que", "ck"),  # cheques, chequebook
    (r"mme", "m"),  # programme, gramme
    (r"ould", "old"),  # mould
    (r"oult", "olt"),  # moult, smoulder
    (r"moust", "must"),  # moustache
    (r"roubl", "rubl"),  # rouble
    (r"ough", "ow"),  # plough
    (r"yr", "ir"),  # tyre
    (r"ey", "ay"),  # grey
    (r"(?<=[^aeiouy])ey$", "y"),  # storey, phoney
    (r"eys", "ies"),  # storeys
    (r"py", "pa"),  # pyjamas
    (r"sc", "sk"),  # sceptic, mollusc
    (r"ium", "um"),  # aluminium
    (r"augh", "af"),  # draught
    (r"ise", "ice"),  # practise (the verb)
    (r"isin", "icin"),  # practising
    (r"aero", "air"),  # aeroplane
    (r"osy", "ozy"),  # cosy
    (r"osi", "ozi"),  # cosier, cosily
    (r"ialit", "ialt"),  # speciality, specialities
    (r"vra", "vera"),  # manoeuvrable
    (r"tt", "t"),  # carburettor, clarinettist
    (r"mm", "m"),  # gemmology
    (r"pp", "p"),  # worshipped
    (r"zz", "z"),  # whizz
    (r"eab", "ab"),  # sizeable, likeable
    (r"llery", "lry"),  # jewellery
    (r"aul", "al"),  # baulk
    (r"ores", "ors"),  # furores
    (r"ore$", "or"),  # furore
    (r"ky$", "key"),  # whisky
    (r"tefact", "tifact"),  # artefact
    (r"ette", "et"),  # omelette
    (r"gh", "g"),  # yoghurt
    (r"xion", "ction"),  # inflexion
    (r"axe$", "ax"),
    (r"exe$", "ex"),  # annexe
    (r"(?<=[^aeiou][aeiou][cnt])e$", ""),  # chaperone, glycerine, preterite
    (r"(?<=ea[mp]|arn)t$", "ed"),  # dreamt, leapt, learnt
    (r"(?<=[ei])lt$", "lled"),  # spelt, spilt
    (r"oilt$", "oiled"),  # spoilt
    (r"(?<=[aeiou])ss(?=(ed|ing)$)", "s"),  # focussed, biassed
    (r"^despatch", "dispatch"),
    (r"^cyph", "ciph"),  # cypher
    (r"^syph", "siph"),  # syphon
    (r"^waggon", "wagon"),
    (r"kerb", "curb"),
    (r"gaol", "jail"),
    (r"enqu", "inqu"),  # enquire
    (r"quorice", "corice"),
    (r"pedlar", "peddler"),
    (r"titbit", "tidbit"),
    (r"gybe", "jibe"),
    (r"kaftan", "caftan"),
    (r"tsar", "czar"),
    (r"behove", "behoove"),
)
COMPILED = tuple((re.compile(british), american) for british, american in CORRESPONDENCES)
MAX_CHANGES = 3

# Reviewed: the rules above pair these British words with a US word that is
# not their twin (prise is not price, nought is not nowt, spilled not spiled),
# or with a twin that is not the usual US spelling (decolorise, metalise).
NOT_PAIRS = frozenset(
    "bael baels bour caesar daeva faitour haem haeredes hetaerism kaed matt matts nought"
    " noughts pandoura preaemptor preaexistent prise prises proemial reaentrance reprised"
    " saeta spilled stour taels loury verey oecus loesses trichloroethylene matres maigre maugre"
    " decolourise decolourised decolourises decolourising metallise metallised".split()
    # From the British variants list (see main): odd twins, or not British.
    + "carney carneys coney dicky eucaryote eyrie eyries gamey joky mousey nosey pinky"
    " procaryote stagey internement internements licenced nett netts schlepp schlepps"
    " skullduggery".split()
    # Spellings American English uses as much as the twin: not flagged in "us".
    + "axe tsar tsars whisky".split()
)


def read_words(folder: Path, category: str, sizes: tuple[int, ...]) -> set[str]:
    words: set[str] = set()
    for size in sizes:
        path = folder / f"{category}-words.{size}"
        for line in path.read_text(encoding="latin-1").split("\n"):
            word = line.strip()
            if word and word.isalpha() and word.islower() and word.isascii():
                words.add(word)
    return words


def one_change(word: str) -> set[str]:
    """Every word one correspondence away from ``word``."""
    found = set()
    for british, american in COMPILED:
        for match in british.finditer(word):
            found.add(word[: match.start()] + american + word[match.end() :])
    return found


def us_twin(word: str, american: set[str], common: set[str]) -> str | None:
    """The US twin reached by the fewest changes; American-only words first,
    then alphabetical order, so that the output is the same on every run."""
    level = {word}
    for _ in range(MAX_CHANGES):
        level = set().union(*(one_change(w) for w in level)) - {word}
        for words in (american, common):
            hits = sorted(level & words)
            if hits:
                return hits[0]
    return None


def british_pairs(folder: Path) -> tuple[list[str], list[str]]:
    """The lines of the list (``british us`` or ``british us also-british``)
    made from the SCOWL lists in ``folder``, and the British words left out."""
    # The British spellings, and the British variants SCOWL counts as about
    # as common (foetus, gaol, mediaeval, yoghurt).
    british = read_words(folder, "british", SIZES) | read_words(
        folder, "british_variant_1", SIZES
    )
    american = read_words(folder, "american", COMMON_SIZES)
    common = read_words(folder, "english", COMMON_SIZES)
    # A US form SCOWL also lists as a British variant is British too
    # (inflection beside inflexion); the -ize forms (british_z) are not taken
    # as British here: "uk" asks for -ise.
    also_british = common | (
        read_words(folder, "british_variant_1", SIZES)
        | read_words(folder, "british_variant_2", SIZES)
    )
    # British English uses both past forms (dreamt and dreamed, learnt and learned).
    also_british |= {"dreamed", "undreamed", "learned", "unlearned", "leaped", "overleaped"}
    lines, left_out = [], []
    for word in sorted(british - NOT_PAIRS):
        twin = us_twin(word, american, common)
        if twin is None:
            left_out.append(word)
        elif twin in also_british:
            lines.append(f"{word} {twin} also-british")
        else:
            lines.append(f"{word} {twin}")
    return lines, left_out


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/scowl")
    lines, left_out = british_pairs(folder)
    header = [
        "# British spellings and their US twins, one pair a line: british us [also-british].",
        "# \"also-british\": the US form is correct British English too (program, judgment).",
        "# Derived (a modified list) by docs/make_british_words.py from SCOWL 2020.12.07,",
        "# its british and british_variant_1 lists of sizes 10-70, by Kevin Atkinson and others;",
        "# SCOWL's copyright and permission notice: SCOWL-COPYRIGHT.txt beside this file.",
    ]
    OUTPUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} pairs written to {OUTPUT}; {len(left_out)} words without a twin:")
    print(" ".join(left_out))


if __name__ == "__main__":
    main()
