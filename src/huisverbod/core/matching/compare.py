"""Field comparisons: each returns the level two values reach, best level first.

The levels are fixed codes (``LEVELS``); their weights live in the model file. ``LABELS`` says in
words what each level means, for an explanation a professional reads.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz.distance import OSA, JaroWinkler

from huisverbod.core.matching.features import Features
from huisverbod.core.matching.names import GivenNames, Surname, phonetic
from huisverbod.core.matching.nicknames import are_equivalent

LEVELS: dict[str, tuple[str, ...]] = {
    "bsn": ("exact", "typo", "different", "missing"),
    "surname": ("exact", "same_core", "double_part", "close", "similar", "far", "missing"),
    "given_names": ("exact", "shared_name", "nickname", "initials", "close", "far", "missing"),
    "birth_date": ("exact", "day_month_swap", "one_digit", "same_year", "far", "missing"),
    "sex": ("exact", "different", "missing"),
    "address": ("exact", "close", "postcode", "far", "missing"),
}

LABELS: dict[str, dict[str, str]] = {
    "bsn": {
        "exact": "same BSN",
        "typo": "BSN one digit or one swap apart",
        "different": "different BSN",
        "missing": "BSN missing on one side",
    },
    "surname": {
        "exact": "same surname",
        "same_core": "same surname, prefix or order written differently",
        "double_part": "double-surname part",
        "close": "surname with a typo or spelling variant",
        "similar": "similar surname",
        "far": "different surname",
        "missing": "surname missing on one side",
    },
    "given_names": {
        "exact": "same given names",
        "shared_name": "a given name in common",
        "nickname": "nickname or variant of a given name",
        "initials": "initials fit the given names",
        "close": "given name with a typo",
        "far": "different given names",
        "missing": "given names missing on one side",
    },
    "birth_date": {
        "exact": "same birth date",
        "day_month_swap": "day and month swapped",
        "one_digit": "birth date one digit off",
        "same_year": "same birth year only",
        "far": "different birth date",
        "missing": "birth date missing on one side",
    },
    "sex": {"exact": "same sex", "different": "different sex", "missing": "sex unknown on one side"},
    "address": {
        "exact": "same postcode and house number",
        "close": "same house number, street or postcode nearly the same",
        "postcode": "same postcode, other house number",
        "far": "different address",
        "missing": "address missing on one side",
    },
}

CLOSE_JARO_WINKLER = 0.95  # surname cores; a single typo is caught by the one-edit rule
CLOSE_GIVEN_JARO_WINKLER = 0.9
SIMILAR_JARO_WINKLER = 0.85
MIN_TYPO_LENGTH = 3


def _one_edit(first: str, second: str) -> bool:
    """At most one insert, delete, substitution or adjacent swap."""
    return OSA.distance(first, second, score_cutoff=1) <= 1


def compare_bsn(query: Features, record: Features) -> str:
    if not query.bsn or not record.bsn:
        return "missing"
    if query.bsn == record.bsn:
        return "exact"
    return "typo" if _one_edit(query.bsn, record.bsn) else "different"


def _part_close(first: Surname, second: Surname) -> bool:
    """A typo or spelling variant in a part. Jaro-Winkler only on the cores: on joined forms a
    shared "vander" would make "van der Velde" look like "van der Zee"."""
    for left in first.parts:
        for right in second.parts:
            if left.phonetic and left.phonetic == right.phonetic:
                return True
            for a, b in ((left.core, right.core), (left.joined, right.joined)):
                if min(len(a), len(b)) >= MIN_TYPO_LENGTH and _one_edit(a, b):
                    return True
            if JaroWinkler.normalized_similarity(left.core, right.core) >= CLOSE_JARO_WINKLER:
                return True
    return False


def _best_similarity(first: Surname, second: Surname) -> float:
    return max(
        JaroWinkler.normalized_similarity(left.core, right.core)
        for left in first.parts
        for right in second.parts
    )


def compare_surname(query: Features, record: Features) -> str:
    first, second = query.surname, record.surname
    if first.is_missing or second.is_missing:
        return "missing"
    if first == second:
        return "exact"
    cores_first, cores_second = first.cores, second.cores
    joined_first = {part.joined for part in first.parts}
    joined_second = {part.joined for part in second.parts}
    if sorted(cores_first) == sorted(cores_second) or joined_first == joined_second:
        return "same_core"
    if set(cores_first) & set(cores_second) or joined_first & joined_second:
        return "double_part"
    if _part_close(first, second):
        return "close"
    return "similar" if _best_similarity(first, second) >= SIMILAR_JARO_WINKLER else "far"


def _initials_fit(short: GivenNames, full: GivenNames) -> bool:
    if full.initials.startswith(short.initials):
        return True
    return short.initials[0] in full.canonical_initials


def _names_close(first: GivenNames, second: GivenNames) -> bool:
    """A typo or spelling variant between the first name of one side and a name of the other.

    One edit counts for names of four letters or more ("Cmma" for "Emma", a misread first
    letter), and for shorter ones when the first letter agrees ("Ev" for "Eva"; not "Kim" and
    "Tim", who may well be twins)."""
    for left in first.names[:1]:
        for right in second.names:
            shortest, longest = sorted((len(left), len(right)))
            same_start = left[0] == right[0]
            long_enough = shortest >= MIN_TYPO_LENGTH + 1 or (same_start and longest >= MIN_TYPO_LENGTH)
            if long_enough and _one_edit(left, right):
                return True
            if (
                phonetic(left) == phonetic(right)
                or JaroWinkler.normalized_similarity(left, right) >= CLOSE_GIVEN_JARO_WINKLER
            ):
                return True
    return False


def compare_given_names(query: Features, record: Features) -> str:
    first, second = query.given, record.given
    if first.is_missing or second.is_missing:
        return "missing"
    if first.names and second.names:
        if first.names == second.names and first.initials == second.initials:
            return "exact"
        if first.names[0] in second.names or second.names[0] in first.names:
            return "shared_name"
        if first.groups & second.groups or any(
            are_equivalent(left, right) for left in first.names for right in second.names
        ):
            return "nickname"
        if _names_close(first, second) or _names_close(second, first):
            return "close"
        return "far"
    short, full = (first, second) if first.only_initials else (second, first)
    return "initials" if _initials_fit(short, full) else "far"


def _one_digit(first: str, second: str) -> bool:
    differences = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    if len(differences) == 1:
        return True
    if len(differences) == 2 and differences[1] == differences[0] + 1:
        i = differences[0]
        return first[i] == second[i + 1] and first[i + 1] == second[i]
    return False


def compare_birth_date(query: Features, record: Features) -> str:
    first, second = query.birth_date, record.birth_date
    if first is None or second is None:
        return "missing"
    if first == second:
        return "exact"
    if first.year == second.year and first.day == second.month and first.month == second.day:
        return "day_month_swap"
    if _one_digit(query.birth_digits, record.birth_digits):
        return "one_digit"
    return "same_year" if first.year == second.year else "far"


def compare_sex(query: Features, record: Features) -> str:
    if query.sex is None or record.sex is None:
        return "missing"
    return "exact" if query.sex == record.sex else "different"


def compare_address(query: Features, record: Features) -> str:
    has_query = bool(query.postcode or query.street)
    has_record = bool(record.postcode or record.street)
    if not has_query or not has_record:
        return "missing"
    same_number = bool(query.house_number) and query.house_number == record.house_number
    same_postcode = bool(query.postcode) and query.postcode == record.postcode
    if same_postcode and same_number:
        return "exact"
    if same_number and (
        (query.street and query.street == record.street)
        or (query.postcode and record.postcode and _one_edit(query.postcode, record.postcode))
    ):
        return "close"
    return "postcode" if same_postcode else "far"


COMPARATORS: dict[str, Callable[[Features, Features], str]] = {
    "bsn": compare_bsn,
    "surname": compare_surname,
    "given_names": compare_given_names,
    "birth_date": compare_birth_date,
    "sex": compare_sex,
    "address": compare_address,
}
FIELDS: tuple[str, ...] = tuple(COMPARATORS)


def comparison_levels(query: Features, record: Features) -> dict[str, str]:
    return {field: compare(query, record) for field, compare in COMPARATORS.items()}
