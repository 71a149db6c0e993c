"""Every comparison level, reached by the pair of values a professional would expect."""

from __future__ import annotations

from datetime import date

import pytest

from huisverbod.core.matching.compare import LABELS, LEVELS, comparison_levels
from huisverbod.core.matching.features import features_of
from huisverbod.core.matching.model import PersonQuery, Record


def levels(query: dict[str, object], record: dict[str, object]) -> dict[str, str]:
    base: dict[str, object] = {"given_names": "Ingrid", "surname": "Bos", "birth_date": date(1976, 3, 8)}
    person = PersonQuery(**{**base, **query})  # type: ignore[arg-type]
    other = Record(record_id="R1", **{**base, **record})  # type: ignore[arg-type]
    return comparison_levels(features_of(person), features_of(other))


BSN = [
    ("123456782", "123456782", "exact"),
    ("123456782", "123456728", "typo"),  # two adjacent digits swapped
    ("123456782", "123456783", "typo"),  # one digit
    ("123456782", "111222333", "different"),
    ("123456782", None, "missing"),
    (None, None, "missing"),
    ("12345678", "012345678", "exact"),  # eight digits: the leading zero was dropped
]


@pytest.mark.parametrize(("query", "record", "level"), BSN)
def test_bsn_levels(query: str | None, record: str | None, level: str) -> None:
    assert levels({"bsn": query}, {"bsn": record})["bsn"] == level


# (query prefix, query surname, record prefix, record surname, level)
SURNAME = [
    ("", "van den Berg", "van den", "Berg", "exact"),
    ("", "Van den Berg", "van den", "Berg", "exact"),
    ("", "van den Berg", "", "Vandenberg", "same_core"),  # attached prefix
    ("", "van den Berg", "", "Berg", "same_core"),  # prefix dropped
    ("", "van der Berg", "van den", "Berg", "same_core"),  # prefix mistyped
    ("", "Vermeulen-Bos", "", "Bos-Vermeulen", "same_core"),  # order swapped
    ("", "Vermeulen-Bos", "", "Bos", "double_part"),  # own name only
    ("", "Bos", "", "Vermeulen-Bos", "double_part"),
    ("", "Vermeulen-Bos", "", "Vermeulen", "double_part"),  # partner's name only
    ("", "Vermeulen", "", "Vermuelen", "close"),  # transposition
    ("", "Jansen", "", "Janssen", "close"),
    ("", "Meijer", "", "Meyer", "close"),  # sounds the same
    ("", "Verhoeven", "", "Verhagen", "similar"),
    ("", "van der Velde", "", "van der Zee", "far"),  # only the prefix in common
    ("", "Vermeulen", "", "Visser", "far"),
    ("", "Bos", "", "", "missing"),
]


@pytest.mark.parametrize(("qp", "qs", "rp", "rs", "level"), SURNAME)
def test_surname_levels(qp: str, qs: str, rp: str, rs: str, level: str) -> None:
    assert levels({"prefix": qp, "surname": qs}, {"prefix": rp, "surname": rs})["surname"] == level


GIVEN = [
    ("Johannes Hendrik", "Johannes Hendrik", "exact"),
    ("Johannes", "Johannes Hendrik", "shared_name"),  # first given name only
    ("Jan", "Hendrik Jan", "shared_name"),  # called by the second name
    ("Hans", "Johannes Hendrik", "nickname"),
    ("Henk", "Hendrik", "nickname"),
    ("Mien", "Wilhelmina", "nickname"),
    ("Kees", "Cornelis", "nickname"),
    ("J.H.", "Johannes Hendrik", "initials"),
    ("Hans", "J.", "initials"),  # the initial of the formal name behind a call name
    ("H.", "Henk", "initials"),
    ("Ingrid", "Ingird", "close"),
    ("Cmma", "Emma", "close"),  # misread first letter
    ("Ingrid", "Petra", "far"),
    ("Kim", "Tim", "far"),  # twins may be called Kim and Tim
    ("Ingrid", "", "missing"),
]


@pytest.mark.parametrize(("query", "record", "level"), GIVEN)
def test_given_name_levels(query: str, record: str, level: str) -> None:
    assert levels({"given_names": query}, {"given_names": record})["given_names"] == level


BIRTH = [
    (date(1976, 3, 8), date(1976, 3, 8), "exact"),
    (date(1976, 3, 8), date(1976, 8, 3), "day_month_swap"),
    (date(1976, 3, 8), date(1976, 3, 9), "one_digit"),
    (date(1976, 3, 8), date(1986, 3, 8), "one_digit"),  # wrong year digit
    (date(1976, 3, 8), date(1967, 3, 8), "one_digit"),  # year digits swapped
    (date(1976, 3, 8), date(1976, 11, 25), "same_year"),
    (date(1976, 3, 8), date(1980, 6, 1), "far"),
    (date(1976, 3, 8), None, "missing"),
]


@pytest.mark.parametrize(("query", "record", "level"), BIRTH)
def test_birth_date_levels(query: date, record: date | None, level: str) -> None:
    assert levels({"birth_date": query}, {"birth_date": record})["birth_date"] == level


SEX = [
    ("F", "F", "exact"),
    ("F", "vrouw", "exact"),
    ("F", "M", "different"),
    ("F", None, "missing"),
    ("X", "F", "missing"),
]


@pytest.mark.parametrize(("query", "record", "level"), SEX)
def test_sex_levels(query: str | None, record: str | None, level: str) -> None:
    assert levels({"sex": query}, {"sex": record})["sex"] == level


LINDENLAAN = {"street": "Lindenlaan", "house_number": "14", "postcode": "3512 AB"}
ADDRESS = [
    ({"street": "Lindenlaan", "house_number": "14", "postcode": "3512AB"}, "exact"),
    ({"street": "Lindenlaan", "house_number": "14", "postcode": "3512 AC"}, "close"),  # postcode typo
    ({"street": "Lindenlaan", "house_number": "14", "postcode": None}, "close"),
    ({"street": "Lindenlaan", "house_number": "16", "postcode": "3512 AB"}, "postcode"),
    ({"street": "Kerkstraat", "house_number": "3", "postcode": "1011 AA"}, "far"),
    ({"street": None, "house_number": None, "postcode": None}, "missing"),
]


@pytest.mark.parametrize(("record", "level"), ADDRESS)
def test_address_levels(record: dict[str, object], level: str) -> None:
    assert levels(LINDENLAAN, record)["address"] == level


def test_every_level_has_a_label() -> None:
    for name, codes in LEVELS.items():
        assert set(LABELS[name]) == set(codes)
