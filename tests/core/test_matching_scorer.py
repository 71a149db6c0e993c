"""Scoring: the BSN is not blindly trusted, family members are not matched, bands follow the
stored thresholds, and every candidate explains itself in JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from huisverbod.core.matching import MATCH, NO_MATCH, POSSIBLE_MATCH, Matcher, compare_records, load_model
from huisverbod.core.matching.case import MATCHED_TO_OTHER_CASE_PERSON, resolve_case
from huisverbod.core.matching.contrib.memory import MemoryIndex
from huisverbod.core.matching.model import PersonQuery, Record
from huisverbod.core.matching.scorer import (
    BIRTH_DATE_DIFFERS,
    BSN_NOT_TRUSTED,
    GIVEN_NAMES_DIFFER,
    SAME_REGISTRY_PERSON,
    band_for,
)

INGRID = PersonQuery(
    given_names="Ingrid",
    surname="Vermeulen-Bos",
    birth_date=date(1976, 3, 8),
    sex="F",
    bsn="123456782",
    street="Lindenlaan",
    house_number="14",
    postcode="3512 AB",
)
RECORD = Record(
    record_id="VT-1",
    given_names="Ingrid",
    surname="Bos",
    birth_date=date(1976, 3, 8),
    sex="F",
    bsn="123456782",
    street="Lindenlaan",
    house_number="14",
    postcode="3512AB",
)
DAUGHTER = replace(
    RECORD, record_id="VT-2", given_names="Sanne", surname="Vermeulen", birth_date=date(2004, 7, 1)
)


def test_the_same_person_is_a_match() -> None:
    assert compare_records(INGRID, RECORD).band == MATCH


def test_an_agreeing_bsn_on_a_clearly_different_person_is_not_trusted() -> None:
    # The daughter's record carries her mother's BSN (a mix-up in the family).
    candidate = compare_records(INGRID, DAUGHTER)
    assert candidate.level("bsn") == "exact"
    assert BSN_NOT_TRUSTED in candidate.notes
    note = candidate.to_dict()["notes"][0]
    assert note["code"] == BSN_NOT_TRUSTED
    assert "not trusted" in note["label"]
    bsn = next(item for item in candidate.fields if item.field == "bsn")
    assert bsn.weight == 0.0
    assert candidate.band == NO_MATCH


def test_an_agreeing_bsn_still_counts_when_only_the_birth_date_is_off() -> None:
    candidate = compare_records(INGRID, replace(RECORD, birth_date=date(1967, 9, 30)))
    assert BSN_NOT_TRUSTED not in candidate.notes
    assert next(item for item in candidate.fields if item.field == "bsn").weight > 10


def test_a_disagreeing_bsn_is_strong_evidence_against() -> None:
    model = load_model()
    assert model.weight("bsn", "different") < -4
    same = compare_records(INGRID, RECORD)
    other = compare_records(INGRID, replace(RECORD, bsn="111222333"))
    assert other.level("bsn") == "different"
    assert other.total_weight < same.total_weight - 20


def test_a_twin_with_other_given_names_is_never_a_match() -> None:
    twin = replace(RECORD, given_names="Petra", bsn=None)
    candidate = compare_records(replace(INGRID, bsn=None), twin)
    assert GIVEN_NAMES_DIFFER in candidate.notes
    assert candidate.band != MATCH


def test_a_parent_with_the_same_name_is_never_a_match() -> None:
    mother = replace(RECORD, birth_date=date(1951, 10, 30), bsn=None)
    candidate = compare_records(replace(INGRID, bsn=None), mother)
    assert BIRTH_DATE_DIFFERS in candidate.notes
    assert candidate.band != MATCH


def test_bands_follow_the_stored_thresholds() -> None:
    model = load_model()
    assert model.possible_threshold < model.match_threshold
    assert band_for(model.match_threshold, model) == MATCH
    assert band_for(model.match_threshold - 0.01, model) == POSSIBLE_MATCH
    assert band_for(model.possible_threshold, model) == POSSIBLE_MATCH
    assert band_for(model.possible_threshold - 0.01, model) == NO_MATCH
    assert band_for(model.match_threshold + 50, model, (GIVEN_NAMES_DIFFER,)) == POSSIBLE_MATCH


def test_probability_rises_with_the_weight() -> None:
    model = load_model()
    assert 0 < model.probability(0) < model.probability(10) < model.probability(30) <= 1


def test_the_explanation_names_both_values_the_level_and_the_weight_of_every_field() -> None:
    candidate = compare_records(replace(INGRID, bsn=None), replace(RECORD, bsn=None))
    shown = candidate.to_dict()
    json.dumps(shown)  # JSON-serialisable as it is
    assert shown["record_id"] == "VT-1"
    assert shown["band"] == MATCH
    fields = {item["field"]: item for item in shown["fields"]}
    assert set(fields) == {"bsn", "surname", "given_names", "birth_date", "sex", "address"}
    surname = fields["surname"]
    assert (surname["query"], surname["record"], surname["level"]) == ("Vermeulen-Bos", "Bos", "double_part")
    assert surname["label"] == "double-surname part"
    assert surname["weight"] > 0
    assert fields["address"]["query"] == "Lindenlaan 14, 3512 AB"
    assert fields["bsn"]["level"] == "missing"
    assert fields["bsn"]["weight"] == 0
    assert shown["total_weight"] == pytest.approx(sum(item["weight"] for item in fields.values()), abs=0.05)
    assert 0.99 < shown["probability"] <= 1


def test_the_surname_weight_depends_on_how_common_the_name_is() -> None:
    common = compare_records(
        PersonQuery(given_names="Jan", surname="de Jong", birth_date=None),
        Record(record_id="1", given_names="Piet", surname="de Jong", birth_date=None),
    )
    rare = compare_records(
        PersonQuery(given_names="Jan", surname="Zwanenbrink", birth_date=None),
        Record(record_id="2", given_names="Piet", surname="Zwanenbrink", birth_date=None),
    )
    weight = {c.record_id: next(f.weight for f in c.fields if f.field == "surname") for c in (common, rare)}
    assert weight["1"] < weight["2"]


def test_the_matcher_returns_every_candidate_best_first_with_the_keys_that_found_it() -> None:
    index = MemoryIndex("veilig_thuis", [RECORD, DAUGHTER])
    result = Matcher(index).find(replace(INGRID, bsn=None))
    assert [c.record_id for c in result.candidates] == ["VT-1", "VT-2"]
    assert [c.record_id for c in result.matches] == ["VT-1"]
    assert "dob_giv" in result.candidates[0].found_by
    assert "addr" in result.candidates[1].found_by
    shown = result.to_dict()
    json.dumps(shown)
    assert [c["record_id"] for c in shown["candidates"]] == ["VT-1"]  # no_match left out
    assert len(result.to_dict(include_no_match=True)["candidates"]) == 2


def test_a_record_of_a_matched_registry_person_follows_it_into_the_match_band() -> None:
    good = replace(RECORD, bsn=None, registry_person_id="C7")
    # An older melding of the same registry person: other address, no birth date, other surname.
    old = Record(
        record_id="VT-3", given_names="Ingrid", surname="Vermeulen", birth_date=None, registry_person_id="C7"
    )
    stranger = replace(old, record_id="VT-4", registry_person_id="C8")
    index = MemoryIndex("veilig_thuis", [good, old, stranger])
    person = replace(INGRID, bsn=None)
    grouped = {c.record_id: c for c in Matcher(index).find(person).candidates}
    plain = {c.record_id: c for c in Matcher(index, group_by_registry_person=False).find(person).candidates}
    assert plain["VT-3"].band == POSSIBLE_MATCH
    assert grouped["VT-3"].band == MATCH
    assert SAME_REGISTRY_PERSON in grouped["VT-3"].notes
    assert grouped["VT-4"].band == POSSIBLE_MATCH


def test_within_one_case_a_record_goes_to_the_person_it_fits_best() -> None:
    father = PersonQuery(
        given_names="Jan", surname="Smit", birth_date=date(1960, 4, 2), postcode="1011AA", house_number="5"
    )
    son = replace(father, birth_date=date(1960, 4, 20))  # one digit off: both could match
    record = Record(
        record_id="P-1",
        given_names="Jan",
        surname="Smit",
        birth_date=date(1960, 4, 2),
        postcode="1011AA",
        house_number="5",
    )
    matcher = Matcher(MemoryIndex("police", [record]))
    alone = {"father": matcher.find(father), "son": matcher.find(son)}
    assert all(result.matches for result in alone.values())  # looked up one by one, both match
    resolved = resolve_case(alone)
    assert [c.record_id for c in resolved["father"].matches] == ["P-1"]
    assert not resolved["son"].matches
    assert resolved["son"].candidates[0].band == POSSIBLE_MATCH
    assert MATCHED_TO_OTHER_CASE_PERSON in resolved["son"].candidates[0].notes


def test_thresholds_rise_with_the_registry_size_and_never_fall() -> None:
    model = load_model()
    reference = model.reference_records
    assert reference > 0
    assert model.size_shift(reference) == 0
    assert model.size_shift(reference * 8) == pytest.approx(3.0)  # eight times the strangers: 3 bits
    assert model.size_shift(10) == 0  # a tiny registry keeps the trained thresholds
    assert model.probability(20.0, reference * 8) < model.probability(20.0, reference)


def test_a_larger_registry_needs_more_evidence_for_a_match() -> None:
    class Large(MemoryIndex):
        def record_count(self) -> int:
            return load_model().reference_records * 64

    person = replace(INGRID, bsn=None, street=None, house_number=None, postcode=None)
    record = replace(RECORD, bsn=None, street=None, house_number=None, postcode=None, birth_date=None)
    small = Matcher(MemoryIndex("veilig_thuis", [record])).find(person)
    large = Matcher(Large("veilig_thuis", [record])).find(person)
    assert small.candidates[0].total_weight == large.candidates[0].total_weight
    assert large.thresholds[0] == pytest.approx(small.thresholds[0] + 6)
    assert large.to_dict()["registry_records"] == load_model().reference_records * 64
