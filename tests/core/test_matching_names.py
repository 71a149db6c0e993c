"""Normalisation of Dutch names: prefixes, double surnames, nicknames, initials, diacritics."""

from __future__ import annotations

import pytest

from huisverbod.core.matching.names import fold, parse_given_names, parse_surname, phonetic
from huisverbod.core.matching.nicknames import are_equivalent, canonical_names

# (written text, folded)
FOLDED = [
    ("Eén", "een"),
    ("Çelik", "celik"),
    ("Öztürk", "ozturk"),
    ("Yılmaz", "yilmaz"),
    ("Şahin-Doğan", "sahin dogan"),
    ("in 't Veld", "in t veld"),
    ("d’Ancona", "dancona"),
    ("  van   der  BERG ", "van der berg"),
    ("Daniëlle", "danielle"),
]


@pytest.mark.parametrize(("text", "folded"), FOLDED)
def test_fold_strips_case_diacritics_and_punctuation(text: str, folded: str) -> None:
    assert fold(text) == folded


# (prefix field, surname field, cores, prefixes): every way registries write "van den Berg"
# gives the core "berg"; a double surname gives both parts, each without its own prefix.
SURNAMES = [
    ("van den", "Berg", ("berg",), ("van den",)),
    ("Van den", "Berg", ("berg",), ("van den",)),
    ("", "van den Berg", ("berg",), ("van den",)),
    ("", "Van Den Berg", ("berg",), ("van den",)),
    ("", "Vandenberg", ("berg",), ("vanden",)),
    ("", "Berg", ("berg",), ("",)),
    ("", "Vermeulen-Bos", ("vermeulen", "bos"), ("", "")),
    ("", "Bos-Vermeulen", ("bos", "vermeulen"), ("", "")),
    ("", "Vermeulen - Bos", ("vermeulen", "bos"), ("", "")),
    ("van der", "Berg-de Vries", ("berg", "vries"), ("van der", "de")),
    ("", "in 't Veld", ("veld",), ("in t",)),
    ("van 't", "Hof", ("hof",), ("van t",)),
    ("", "'t Hart", ("hart",), ("t",)),
    ("El", "Amrani", ("amrani",), ("el",)),
    ("", "Elamrani", ("amrani",), ("el",)),
    ("", "Dejong", ("jong",), ("de",)),
    ("", "Çelik", ("celik",), ("",)),
    ("", "Öztürk", ("ozturk",), ("",)),
    ("", "De", ("de",), ("",)),  # a prefix word alone is the surname itself
]


@pytest.mark.parametrize(("prefix", "surname", "cores", "prefixes"), SURNAMES)
def test_surname_parsing(
    prefix: str, surname: str, cores: tuple[str, ...], prefixes: tuple[str, ...]
) -> None:
    parsed = parse_surname(prefix, surname)
    assert parsed.cores == cores
    assert tuple(part.prefix for part in parsed.parts) == prefixes


def test_attached_and_detached_prefix_give_the_same_joined_form() -> None:
    attached = parse_surname("", "Vandenberg").parts[0]
    detached = parse_surname("van den", "Berg").parts[0]
    assert attached.joined == detached.joined == "vandenberg"


def test_a_short_name_is_not_split_as_if_it_had_a_prefix() -> None:
    # "Dekker" would leave "kker" if "de" were split off; four letters must remain, so "Denk"
    # and "Vanl" stay whole.
    assert parse_surname("", "Denk").cores == ("denk",)
    assert parse_surname("", "Vanl").cores == ("vanl",)


def test_missing_surname_has_no_parts() -> None:
    assert parse_surname("", "").is_missing
    assert parse_surname("", " - ").is_missing


# (given names as written, names, initials)
GIVEN = [
    ("Johannes Hendrik", ("johannes", "hendrik"), "jh"),
    ("J.H.", (), "jh"),
    ("J. H.", (), "jh"),
    ("JH", (), "jh"),
    ("Jan H.", ("jan",), "jh"),
    ("Ayşe", ("ayse",), "a"),
    ("", (), ""),
]


@pytest.mark.parametrize(("text", "names", "initials"), GIVEN)
def test_given_names_and_initials(text: str, names: tuple[str, ...], initials: str) -> None:
    parsed = parse_given_names(text)
    assert parsed.names == names
    assert parsed.initials == initials
    assert parsed.only_initials == (not names and bool(initials))


# Nicknames and call names are equivalent to their formal name in both directions.
NICKNAMES = [
    ("johannes", "hans"),
    ("johannes", "jan"),
    ("wilhelmina", "willy"),
    ("wilhelmina", "mien"),
    ("hendrik", "henk"),
    ("cornelis", "kees"),
    ("jacobus", "koos"),
    ("jacobus", "jaap"),
    ("petronella", "nel"),
    ("elisabeth", "els"),
    ("elisabeth", "lies"),
    ("gerardus", "gerard"),
    ("gerardus", "gert"),
    ("adrianus", "adrie"),
    ("adrianus", "arie"),
    ("theodorus", "theo"),
    ("mohamed", "mohammed"),
    ("hans", "jan"),  # both call names of Johannes
]


@pytest.mark.parametrize(("formal", "nickname"), NICKNAMES)
def test_nicknames_are_equivalent_both_ways(formal: str, nickname: str) -> None:
    assert are_equivalent(formal, nickname)
    assert are_equivalent(nickname, formal)


@pytest.mark.parametrize(("first", "second"), [("hendrik", "cornelis"), ("henk", "kees"), ("emma", "julia")])
def test_different_names_are_not_equivalent(first: str, second: str) -> None:
    assert not are_equivalent(first, second)


def test_a_nickname_knows_its_formal_names() -> None:
    assert canonical_names("henk") == ("hendrik",)
    assert parse_given_names("Hans").canonical_initials == frozenset({"h", "j"})


# Spelling variants that sound the same in Dutch share a sound key.
SOUND_ALIKE = [
    ("jansen", "janssen"),
    ("jansen", "janszen"),
    ("meijer", "meyer"),
    ("meijer", "meier"),
    ("bos", "bosch"),
    ("smit", "smith"),
    ("mohamed", "mohammed"),
    ("decker", "dekker"),
    ("mirjam", "mirjarn"),  # "rn" misread for "m"
]


@pytest.mark.parametrize(("first", "second"), SOUND_ALIKE)
def test_dutch_sound_key(first: str, second: str) -> None:
    assert phonetic(first) == phonetic(second)


def test_sound_key_keeps_different_names_apart() -> None:
    assert phonetic("jansen") != phonetic("jacobs")
    assert phonetic("bakker") != phonetic("visser")
