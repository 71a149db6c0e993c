"""Normalisation of Dutch person names for matching.

A name is folded (lower case, diacritics stripped, punctuation removed), then parsed:

- a surname into its double-name parts ("Vermeulen-Bos" -> two parts), each split into its
  tussenvoegsel ("van der") and its core ("berg"); an attached prefix ("Vandenberg") is split
  off too, so "van den Berg", "Van den Berg", "Vandenberg" and "Berg" share the core "berg";
- given names into full names and initials, with each name's nickname groups ("Henk" and
  "Hendrik" share a group).

Both sides of a comparison go through the same functions, so an over-eager split (the core of
"Dekker" is "kker") is harmless: the comparisons also look at the joined form ("dekker").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from huisverbod.core.matching.nicknames import canonical_names, name_groups

# Letters that Unicode decomposition (NFKD) does not reduce to a base letter.
_SPECIAL_LETTERS = str.maketrans(
    {
        "\N{LATIN SMALL LETTER DOTLESS I}": "i",
        "\N{LATIN SMALL LETTER SHARP S}": "ss",
        "\N{LATIN SMALL LETTER O WITH STROKE}": "o",
        "\N{LATIN SMALL LETTER AE}": "ae",
        "\N{LATIN SMALL LIGATURE OE}": "oe",
        "\N{LATIN SMALL LETTER L WITH STROKE}": "l",
        "\N{LATIN SMALL LETTER D WITH STROKE}": "d",
        "\N{LATIN SMALL LETTER ETH}": "d",
        "\N{LATIN SMALL LETTER THORN}": "th",
    }
)
_APOSTROPHES = re.compile("['`\N{RIGHT SINGLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}\N{ACUTE ACCENT}]")
_NON_LETTERS = re.compile(r"[^a-z]+")
_DOUBLE_NAME_SEPARATOR = re.compile(r"\s*-\s*")

# Tussenvoegsels (voorvoegsels of the BRP table, the ones seen in practice), folded. Longest
# match first, so "van der" wins over "van".
PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(prefix.split())
            for prefix in (
                "van",
                "van der",
                "van den",
                "van de",
                "van het",
                "van t",
                "van s",
                "de",
                "den",
                "der",
                "het",
                "t",
                "s",
                "te",
                "ter",
                "ten",
                "op",
                "op de",
                "op den",
                "op t",
                "op ten",
                "in",
                "in t",
                "in de",
                "in den",
                "in het",
                "uit de",
                "uit den",
                "uit het",
                "uijt de",
                "aan de",
                "aan den",
                "aan het",
                "bij de",
                "onder de",
                "over de",
                "voor de",
                "voor den",
                "voor t",
                "ver",
                "la",
                "le",
                "les",
                "de la",
                "de le",
                "el",
                "al",
                "d",
                "l",
                "da",
                "dal",
                "del",
                "della",
                "des",
                "di",
                "do",
                "dos",
                "du",
                "von",
                "von der",
                "vom",
                "zu",
                "zum",
                "zur",
            )
        ),
        key=len,
        reverse=True,
    )
)
_PREFIX_SET = frozenset(PREFIXES)

# Prefixes that registries also write glued to the surname ("Vandenberg", "Dejong",
# "Elamrani"). Longest first; split off only when at least four letters remain.
ATTACHED_PREFIXES: tuple[str, ...] = (
    "vander",
    "vanden",
    "vanhet",
    "vande",
    "vant",
    "van",
    "opden",
    "opde",
    "int",
    "ter",
    "ten",
    "den",
    "der",
    "de",
    "el",
)
_MIN_ATTACHED_CORE = 4


def fold(text: str) -> str:
    """Lower case, diacritics stripped, everything but letters turned into single spaces.

    Apostrophes vanish without a space, so "in 't Veld" becomes "in t veld".
    """
    text = _APOSTROPHES.sub("", text.lower().translate(_SPECIAL_LETTERS))
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_LETTERS.sub(" ", ascii_only).strip()


_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"rn", "m"),  # misread handwriting or scans: "rn" for "m", "cl" for "d"
        (r"(?<=.)cl", "d"),
        (r"sch$", "s"),
        (r"sch", "sg"),
        (r"ch", "g"),
        (r"kh|gh", "g"),
        (r"ij", "y"),
        (r"ei|ey|ai|ay", "y"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dt$|d$", "t"),
        (r"ck", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c|q", "k"),
        (r"x", "ks"),
        (r"z", "s"),
        (r"v", "f"),
        (r"w", "w"),
        (r"dj", "j"),
    )
)
_REPEATS = re.compile(r"(.)\1+")
_VOWELS_AND_H = re.compile(r"[aeiouyh]")


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A Dutch sound key: spelling variants merged, vowels dropped after the first letter.

    "Jansen", "Janssen" and "Janszen" share "jnsn"; "Meijer", "Meyer" and "Meier" share "mr";
    "Bos" and "Bosch" share "bs". Made for Dutch spelling; jellyfish's codes are English.
    """
    word = word.replace(" ", "")
    for pattern, replacement in _PHONETIC_RULES:
        word = pattern.sub(replacement, word)
    word = _REPEATS.sub(r"\1", word)
    if not word:
        return ""
    return word[0] + _VOWELS_AND_H.sub("", word[1:])


def _strip_prefix(tokens: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Split leading tussenvoegsel tokens off a folded surname part."""
    for prefix in PREFIXES:
        size = len(prefix)
        if len(tokens) > size and tokens[:size] == prefix:
            return " ".join(prefix), tokens[size:]
    return "", tokens


def _strip_attached(core: str) -> tuple[str, str]:
    for prefix in ATTACHED_PREFIXES:
        if core.startswith(prefix) and len(core) - len(prefix) >= _MIN_ATTACHED_CORE:
            return prefix, core[len(prefix) :]
    return "", core


@dataclass(frozen=True, slots=True)
class SurnamePart:
    prefix: str  # folded tussenvoegsel, "" if none ("van den")
    core: str  # folded core without prefix, spaces removed ("berg")
    joined: str  # prefix and core glued ("vandenberg")
    phonetic: str


@dataclass(frozen=True, slots=True)
class Surname:
    parts: tuple[SurnamePart, ...]  # one per part of a double name, in written order

    @property
    def cores(self) -> tuple[str, ...]:
        return tuple(part.core for part in self.parts)

    @property
    def is_missing(self) -> bool:
        return not self.parts


def _surname_part(text: str) -> SurnamePart | None:
    tokens = tuple(fold(text).split())
    if not tokens:
        return None
    prefix, rest = _strip_prefix(tokens)
    core = "".join(rest)
    if not prefix and len(rest) == 1:
        prefix, core = _strip_attached(core)
    joined = (prefix + core).replace(" ", "")
    return SurnamePart(prefix=prefix, core=core, joined=joined, phonetic=phonetic(core))


@lru_cache(maxsize=262144)
def parse_surname(prefix: str, surname: str) -> Surname:
    """Parse a surname given as a separate prefix and surname, or with the prefix inside.

    >>> parse_surname("", "Van der Berg-de Vries").cores
    ('berg', 'vries')
    """
    text = f"{prefix} {surname}".strip()
    parts = (_surname_part(piece) for piece in _DOUBLE_NAME_SEPARATOR.split(text))
    return Surname(parts=tuple(part for part in parts if part is not None and part.core))


def join_surname(prefix: str, surname: str) -> str:
    """The surname as written in a sentence: "van den" + "Berg" -> "van den Berg"."""
    return f"{prefix.strip()} {surname.strip()}".strip()


@dataclass(frozen=True, slots=True)
class GivenNames:
    names: tuple[str, ...]  # folded full names (two letters or more), in order
    initials: str  # the first letter of every name or initial, in order ("jh")
    groups: frozenset[int]  # nickname groups of all names
    canonical_initials: frozenset[str]  # first letters of the first name and its canonical forms

    @property
    def is_missing(self) -> bool:
        return not self.initials

    @property
    def only_initials(self) -> bool:
        return not self.names and bool(self.initials)


_INITIALS_TOKEN = re.compile(r"^[A-Z]{2,3}$")


@lru_cache(maxsize=262144)
def parse_given_names(text: str) -> GivenNames:
    """Parse given names; "J.H.", "J. H." and "JH" are initials, "Jan H." a name and an initial."""
    letters: list[str] = []
    names: list[str] = []
    for raw in re.split(r"[\s.]+", text.strip()):
        if _INITIALS_TOKEN.match(raw) and not re.search(r"[AEIOUY]", raw):
            letters.extend(raw.lower())
            continue
        for token in fold(raw).split():
            letters.append(token[0])
            if len(token) > 1:
                names.append(token)
    groups: set[int] = set()
    for name in names:
        groups |= name_groups(name)
    canonical: set[str] = set()
    if names:
        canonical.add(names[0][0])
        canonical.update(form[0] for form in canonical_names(names[0]))
    elif letters:
        canonical.add(letters[0])
    return GivenNames(
        names=tuple(names),
        initials="".join(letters),
        groups=frozenset(groups),
        canonical_initials=frozenset(canonical),
    )
