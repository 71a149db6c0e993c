"""Seed case 1 (partnergeweld, Utrecht): police meet Henk Vermeulen and Ingrid Vermeulen-Bos at
Lindenlaan 14; Veilig Thuis knows them from earlier meldingen, written down differently. The
lookup finds those meldingen and not the other Vermeulens of Utrecht."""

from __future__ import annotations

from datetime import date

import pytest

from huisverbod.core.casefile.parse import parse_casefile
from huisverbod.core.matching import MATCH, Matcher, PersonQuery, Record
from huisverbod.core.matching.contrib.memory import MemoryIndex
from tests.helpers import example

LINDENLAAN = {"street": "Lindenlaan", "house_number": "14", "postcode": "3512 AB"}

VEILIG_THUIS = [
    # Henk, April 2019: only his initial was noted, no BSN.
    Record(
        record_id="VT-2019-0412",
        given_names="H.",
        surname="Vermeulen",
        birth_date=date(1965, 5, 12),
        sex="M",
        **LINDENLAAN,
    ),
    # Ingrid, January 2020: her own surname only, day and month swapped.
    Record(
        record_id="VT-2020-0107",
        given_names="Ingrid",
        surname="Bos",
        birth_date=date(1976, 8, 3),
        sex="F",
        **LINDENLAAN,
    ),
    # Ingrid, February 2020 (ambulance): the double name, no address.
    Record(
        record_id="VT-2020-0219",
        given_names="Ingrid",
        surname="Vermeulen-Bos",
        birth_date=date(1976, 3, 8),
        sex="F",
    ),
    # Strangers sharing the surname and the city.
    Record(
        record_id="VT-2018-0033",
        given_names="Hendrik",
        surname="Vermeulen",
        birth_date=date(1958, 11, 23),
        sex="M",
        street="Amsterdamsestraatweg",
        house_number="201",
        postcode="3551 CC",
    ),
    Record(
        record_id="VT-2021-0090",
        given_names="Iris",
        surname="Vermeulen",
        birth_date=date(1979, 2, 14),
        sex="F",
        street="Vredenburg",
        house_number="3",
        postcode="3511 BA",
    ),
    # Their son, at the same address: a family member, not Henk.
    Record(
        record_id="VT-2020-0108",
        given_names="Daan",
        surname="Vermeulen",
        birth_date=date(2006, 9, 17),
        sex="M",
        **LINDENLAAN,
    ),
]


def case_persons() -> dict[str, PersonQuery]:
    """Henk and Ingrid as the seed case file has them: names, birth date, sex, the dwelling."""
    case = parse_casefile(example("seed-1"))
    dwelling = case.dwelling
    return {
        person.given_names: PersonQuery(
            given_names=person.given_names,
            surname=person.surname,
            birth_date=person.birth_date,
            sex=person.sex.value if person.sex else None,
            street=dwelling.street,
            house_number=dwelling.house_number,
            postcode=dwelling.postcode,
        )
        for person in case.persons
    }


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(MemoryIndex("veilig_thuis", VEILIG_THUIS))


def test_the_seed_case_holds_henk_and_ingrid_at_lindenlaan() -> None:
    persons = case_persons()
    assert set(persons) == {"Henk", "Ingrid"}
    assert persons["Ingrid"].surname == "Vermeulen-Bos"
    assert persons["Henk"].birth_date == date(1965, 5, 12)
    assert persons["Henk"].postcode == "3512 AB"


def test_henk_is_found_under_his_initial(matcher: Matcher) -> None:
    result = matcher.find(case_persons()["Henk"])
    assert [c.record_id for c in result.matches] == ["VT-2019-0412"]


def test_ingrid_is_found_under_her_own_name_and_a_swapped_birth_date(matcher: Matcher) -> None:
    result = matcher.find(case_persons()["Ingrid"])
    assert {c.record_id for c in result.matches} == {"VT-2020-0107", "VT-2020-0219"}
    bos = next(c for c in result.matches if c.record_id == "VT-2020-0107")
    assert bos.level("surname") == "double_part"
    assert bos.level("birth_date") == "day_month_swap"


def test_no_stranger_or_family_member_is_linked(matcher: Matcher) -> None:
    others = {"VT-2018-0033", "VT-2021-0090", "VT-2020-0108"}
    for person in case_persons().values():
        linked = {c.record_id for c in matcher.find(person).candidates if c.band == MATCH}
        assert not linked & others
