"""Blocking: exact keys, several of them, so one typo never hides a person's record."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from huisverbod.core.matching.contrib.memory import MemoryIndex
from huisverbod.core.matching.keys import KEY_KINDS, blocking_keys, key_kind, query_keys
from huisverbod.core.matching.model import PersonQuery, Record

HENK = Record(
    record_id="VT-1",
    given_names="Hendrik",
    surname="Vermeulen",
    birth_date=date(1965, 5, 12),
    sex="M",
    bsn="123456782",
    street="Lindenlaan",
    house_number="14",
    postcode="3512 AB",
)
CASE_HENK = PersonQuery(given_names="Henk", surname="Vermeulen", birth_date=date(1965, 5, 12))


def found(record: Record, person: PersonQuery) -> bool:
    index = MemoryIndex("veilig_thuis", [record])
    return bool(index.candidates(query_keys(person), limit=50).candidates)


# One piece of noise at a time on the record side; the case person is typed cleanly. Each must
# still be retrieved. No BSN and no address on the record unless stated, so the names and the
# birth date have to do the work.
NOISY_RECORDS = [
    ("surname typo in the first letters", {"surname": "Varmeulen"}),
    ("surname typo later on", {"surname": "Vermeulne"}),
    ("day and month swapped", {"birth_date": date(1965, 12, 5)}),
    ("wrong year digit", {"birth_date": date(1956, 5, 12)}),
    ("day one off", {"birth_date": date(1965, 5, 13)}),
    ("no birth date", {"birth_date": None}),
    ("initials only", {"given_names": "H.J."}),
    ("double surname", {"surname": "Vermeulen-Bakker"}),
    ("partner's name first", {"surname": "Bakker-Vermeulen"}),
    ("prefix glued on", {"prefix": "", "surname": "Vandervermeulen"}),
]


@pytest.mark.parametrize(("noise", "change"), NOISY_RECORDS, ids=[n for n, _ in NOISY_RECORDS])
def test_one_piece_of_noise_never_hides_the_record(noise: str, change: dict[str, object]) -> None:
    record = replace(HENK, bsn=None, street=None, house_number=None, postcode=None, **change)  # type: ignore[arg-type]
    person = CASE_HENK if noise != "prefix glued on" else replace(CASE_HENK, surname="van der Vermeulen")
    assert found(record, person), noise


def test_surname_typo_and_wrong_birth_date_together_are_found_by_address() -> None:
    record = replace(HENK, bsn=None, surname="Varmeulen", birth_date=date(1956, 5, 12))
    person = replace(CASE_HENK, postcode="3512AB", house_number="14")
    assert found(record, person)


def test_bsn_alone_finds_a_record_whatever_else_differs() -> None:
    record = replace(HENK, given_names="X.", surname="Unknown", birth_date=None, street=None, postcode=None)
    assert found(record, replace(CASE_HENK, bsn="123456782"))


def test_a_stranger_is_not_retrieved() -> None:
    stranger = Record(record_id="VT-9", given_names="Petra", surname="Visser", birth_date=date(1990, 1, 2))
    assert not found(stranger, CASE_HENK)


def test_keys_are_exact_strings_of_known_kinds() -> None:
    keys = blocking_keys(HENK)
    assert keys == sorted(set(keys), key=keys.index)  # no duplicates
    assert {key_kind(key) for key in keys} <= set(KEY_KINDS)
    assert "bsn:123456782" in keys
    assert "dob_sur:19650512:ver" in keys
    assert "addr:3512AB:14" in keys


def test_query_keys_include_the_swapped_birth_date_and_every_initial_a_nickname_stands_for() -> None:
    keys = query_keys(PersonQuery(given_names="Hans", surname="Vermeulen", birth_date=date(1965, 5, 12)))
    assert "dob_sur:19651205:ver" in keys
    assert {"dob_giv:19650512:h", "dob_giv:19650512:j"} <= set(keys)  # Hans, and Johannes behind it


def test_few_keys_per_lookup() -> None:
    # The PostgreSQL back-end runs one indexed lookup per key: keep them few.
    assert len(blocking_keys(HENK)) <= 12
    assert len(query_keys(CASE_HENK)) <= 20


def test_a_hot_key_is_cut_off_at_the_limit_and_named() -> None:
    twins = [replace(HENK, record_id=f"VT-{n}", bsn=None) for n in range(10)]
    retrieval = MemoryIndex("police", twins).candidates(["dob_sur:19650512:ver"], limit=3)
    assert len(retrieval.candidates) == 3
    assert retrieval.truncated_keys == ("dob_sur:19650512:ver",)
