"""The synthetic registries: reproducible, valid BSNs, real families, and the documented noise
rates of the standard profile (docs/synth.md) within a tolerance."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import replace

import pytest
from stdnum.nl import bsn as stdnum_bsn

from huisverbod.core.synth.generate import GeneratedHousehold, SynthConfig, generate, registry_chunks
from huisverbod.core.synth.profile import STANDARD
from huisverbod.core.synth.rows import POLICE, VEILIG_THUIS, RegistryRow
from huisverbod.core.synth.writers import write_csv, write_jsonl


def csv_bytes(config: SynthConfig) -> bytes:
    police, vt = io.StringIO(), io.StringIO()
    households = list(generate(config))
    write_csv((row for h in households for row in h.police), police)
    write_csv((row for h in households for row in h.veilig_thuis), vt)
    return (police.getvalue() + vt.getvalue()).encode()


def test_the_same_seed_gives_the_same_bytes() -> None:
    config = SynthConfig(seed=11, police_records=1_500)
    assert csv_bytes(config) == csv_bytes(config)


def test_another_seed_gives_other_records() -> None:
    assert csv_bytes(SynthConfig(seed=11, police_records=500)) != csv_bytes(
        SynthConfig(seed=12, police_records=500)
    )


def test_the_registries_hold_exactly_the_numbers_asked_for() -> None:
    config = SynthConfig(seed=3, police_records=1_000, veilig_thuis_records=300)
    households = list(generate(config))
    assert sum(len(h.police) for h in households) == 1_000
    assert sum(len(h.veilig_thuis) for h in households) == 300
    chunks = list(registry_chunks(config, POLICE, size=300))
    assert [len(chunk) for chunk in chunks] == [300, 300, 300, 100]


@pytest.fixture(scope="module")
def generated() -> list[GeneratedHousehold]:
    return list(generate(SynthConfig(seed=2024, police_records=30_000)))


def rows(households: list[GeneratedHousehold], registry: str) -> list[RegistryRow]:
    return [row for h in households for row in h.rows(registry)]


def share(rows_: list[RegistryRow], tag: str) -> float:
    return sum(tag in row.noise for row in rows_) / len(rows_)


# (registry, noise tag, expected share of ALL records, tolerance). Rates that apply to every
# record are the profile's own numbers; see test_conditional_rates for the others.
UNCONDITIONAL = [
    (VEILIG_THUIS, "bsn_missing", STANDARD.veilig_thuis.bsn_missing, 0.02),
    (POLICE, "bsn_missing", STANDARD.police.bsn_missing, 0.01),
    (VEILIG_THUIS, "surname_typo", STANDARD.veilig_thuis.surname_typo, 0.01),
    (POLICE, "surname_typo", STANDARD.police.surname_typo, 0.006),
    (VEILIG_THUIS, "birth_date_missing", STANDARD.veilig_thuis.birth_date_missing, 0.008),
    (VEILIG_THUIS, "sex_missing", STANDARD.veilig_thuis.sex_missing, 0.008),
    (VEILIG_THUIS, "address_missing", STANDARD.veilig_thuis.address_missing, 0.01),
    (POLICE, "given_full", dict(STANDARD.police.given_forms)["full"], 0.015),
    (VEILIG_THUIS, "given_call", dict(STANDARD.veilig_thuis.given_forms)["call"], 0.02),
    (VEILIG_THUIS, "given_initials", dict(STANDARD.veilig_thuis.given_forms)["initials"], 0.01),
    (POLICE, "registry_person_duplicate", STANDARD.police.registry_person_duplicate, 0.005),
]


@pytest.mark.parametrize(("registry", "tag", "expected", "tolerance"), UNCONDITIONAL)
def test_noise_rates_match_the_profile(
    generated: list[GeneratedHousehold], registry: str, tag: str, expected: float, tolerance: float
) -> None:
    assert share(rows(generated, registry), tag) == pytest.approx(expected, abs=tolerance)


def test_conditional_rates(generated: list[GeneratedHousehold]) -> None:
    vt = rows(generated, VEILIG_THUIS)
    with_bsn = [row for row in vt if "bsn_missing" not in row.noise]
    assert share(with_bsn, "bsn_wrong_typo") == pytest.approx(STANDARD.veilig_thuis.bsn_wrong_typo, abs=0.005)
    people = {p.truth_id: p for h in generated for p in h.household.members}
    swappable = [
        row
        for row in vt
        if people[row.person_truth_id].birth_date.day <= 12
        and people[row.person_truth_id].birth_date.day != people[row.person_truth_id].birth_date.month
        and "birth_date_missing" not in row.noise
    ]
    assert share(swappable, "birth_date_swap") == pytest.approx(
        STANDARD.veilig_thuis.birth_date_swap, abs=0.006
    )
    prefixed = [row for row in vt if any(tag.startswith("prefix_") for tag in row.noise)]
    assert share(prefixed, "prefix_attached") == pytest.approx(
        dict(STANDARD.veilig_thuis.prefix_forms)["attached"], abs=0.02
    )


def test_noise_tags_tell_the_truth(generated: list[GeneratedHousehold]) -> None:
    people = {p.truth_id: p for h in generated for p in h.household.members}
    for row in rows(generated, VEILIG_THUIS)[:5_000]:
        person = people[row.person_truth_id]
        assert (row.bsn is None) == ("bsn_missing" in row.noise)
        wrong_bsn = "bsn_wrong_typo" in row.noise or "bsn_wrong_family" in row.noise
        if row.bsn is not None:
            assert (row.bsn != person.bsn) == wrong_bsn
        if not {
            "birth_date_missing",
            "birth_date_swap",
            "birth_date_year_digit",
            "birth_date_day_digit",
        } & set(row.noise):
            assert row.birth_date == person.birth_date


def test_every_bsn_passes_the_11_proof_and_belongs_to_one_person(generated: list[GeneratedHousehold]) -> None:
    people = [p for h in generated for p in h.household.members]
    assert len({p.bsn for p in people}) == len(people)
    assert all(stdnum_bsn.is_valid(p.bsn) for p in people)
    wrong = [
        row
        for row in rows(generated, VEILIG_THUIS) + rows(generated, POLICE)
        if "bsn_wrong_typo" in row.noise
    ]
    assert wrong
    assert all(stdnum_bsn.is_valid(row.bsn or "") for row in wrong)  # a registry accepted it


def test_families_share_surname_and_address_and_twins_exist(generated: list[GeneratedHousehold]) -> None:
    twins = double_names = 0
    for h in generated:
        members = h.household.members
        births = Counter((p.birth_date, p.surname) for p in members if p.is_child)
        twins += any(n > 1 for n in births.values())
        double_names += any(p.partner_surname for p in members)
        children = [p for p in members if p.is_child]
        assert len({p.given_names[0] for p in children}) == len(children)  # no two children share a name
    assert twins > 20
    assert double_names > 1_000


def test_a_moved_household_shows_its_old_address_in_older_records(
    generated: list[GeneratedHousehold],
) -> None:
    moved = [row for row in rows(generated, POLICE) if "old_address" in row.noise]
    assert 0.05 < len(moved) / len(rows(generated, POLICE)) < 0.3


def test_a_varied_profile_changes_the_noise() -> None:
    clean_vt = replace(STANDARD.veilig_thuis, bsn_missing=0.0, surname_typo=0.0)
    profile = replace(STANDARD, id="test-clean", veilig_thuis=clean_vt)
    vt = [
        row
        for h in generate(SynthConfig(seed=5, police_records=2_000, profile=profile))
        for row in h.veilig_thuis
    ]
    assert share(vt, "bsn_missing") == 0
    assert share(vt, "surname_typo") == 0


def test_rows_are_written_as_csv_and_json_lines() -> None:
    households = list(generate(SynthConfig(seed=8, police_records=50)))
    vt = [row for h in households for row in h.veilig_thuis]
    text = io.StringIO()
    assert write_csv(vt, text) == len(vt)
    header = text.getvalue().splitlines()[0].split(",")
    assert header[:4] == ["registry", "record_id", "registry_person_id", "person_truth_id"]
    assert header[-2:] == ["melding_date", "outcome"]
    lines = io.StringIO()
    write_jsonl(vt, lines)
    first = json.loads(lines.getvalue().splitlines()[0])
    assert first["registry"] == VEILIG_THUIS
    assert first["outcome"].startswith("VT-")
    assert isinstance(first["noise"], list)
