"""The seed document's three cases ("Verkenning Wet Tijdelijk Huisverbod", 2022): the police
alone against the police with Veilig Thuis ("huidige" against "gewenste scenario")."""

from __future__ import annotations

from pathlib import Path

import pytest

from huisverbod.core.assessment import assess, compare
from huisverbod.core.casefile import CaseFile, parse_text
from huisverbod.core.casefile.vocabulary import OrganisationKind

REPO = Path(__file__).resolve().parents[2]
SEED_DIRS = [
    REPO.parent / "shared" / "casefile" / "examples",
    REPO / "src" / "huisverbod" / "demo" / "seed_cases",
]
SEEDS = next((d for d in SEED_DIRS if any(d.glob("seed-*.json"))), SEED_DIRS[0])
POLICE = frozenset({OrganisationKind.POLICE})


def seed(prefix: str) -> CaseFile:
    (path,) = SEEDS.glob(f"{prefix}-*.json")
    return parse_text(path.read_text(encoding="utf-8"), source=path.name).casefile


def test_seed_1_the_police_alone_see_no_ground():
    """Huidige scenario: one incident, no antecedents, mutual tension: no huisverbod."""
    contract = assess(seed("seed-1"), sources=POLICE).to_contract()
    assert contract["sources"] == ["police"]
    assert contract["advice"]["huisverbod"] == "do_not_impose"
    measures = {m["id"]: m["advised"] for m in contract["advice"]["measures"]}
    assert measures["report_to_veilig_thuis"], "huidige scenario: melding bij Veilig Thuis"


def test_seed_1_jointly_a_huisverbod_on_the_acute_route():
    """Gewenste scenario: Veilig Thuis's earlier reports, her suicide attempt, vulnerability and
    fear make two reds in the circumstances part."""
    contract = assess(seed("seed-1")).to_contract()
    assert (contract["advice"]["huisverbod"], contract["advice"]["route"]) == ("impose", "acute")
    danger = next(c for c in contract["legal"]["criteria"] if c["id"] == "danger")
    assert danger["met"] and {"f13", "f14"} <= set(danger["facts"])


def test_seed_1_the_joint_view_has_more_red_signals():
    comparison = compare(seed("seed-1"), POLICE)
    assert comparison.b.red_count() > comparison.a.red_count()
    diff = comparison.to_dict()
    assert diff["facts_added"] == {"veilig_thuis": ["f7", "f8", "f9", "f10", "f11", "f12", "f13", "f14"]}
    changed = {(row["instrument"], row["signal"]) for row in diff["signals"] if row["changed"]}
    assert ("rihg-structured", "victim_fear") in changed
    assert diff["advice"] == {"id": "huisverbod", "a": "do_not_impose", "b": "impose", "changed": True}


def test_seed_2_jointly_a_huisverbod_with_veilig_thuis_consulted_and_no_shelter():
    """Child abuse (the eldest hit, the children witness): art. 2 lid 3 consultation; the father
    leaves, so the mother and children need not go to a shelter (huidige scenario did that)."""
    contract = assess(seed("seed-2")).to_contract()
    assert contract["advice"]["huisverbod"] == "impose"
    assert "consult_veilig_thuis" in {r["id"] for r in contract["legal"]["requirements"]}
    measures = {m["id"]: m["advised"] for m in contract["advice"]["measures"]}
    assert not measures["shelter"]
    assert measures["child_protection"]


def test_seed_3_jointly_a_planned_huisverbod():
    """Daily coercion without a recent police incident: do not wait for the next incident."""
    contract = assess(seed("seed-3")).to_contract()
    assert (contract["advice"]["huisverbod"], contract["advice"]["route"]) == ("impose", "planned")


def test_seed_3_the_police_alone_wait_for_the_next_incident():
    assert assess(seed("seed-3"), sources=POLICE).to_contract()["advice"]["huisverbod"] == "do_not_impose"


@pytest.mark.parametrize("prefix", ["seed-1", "seed-2", "seed-3"])
def test_seed_signal_counts_grow_with_the_sources(prefix):
    comparison = compare(seed(prefix), POLICE)
    assert comparison.b.red_count() >= comparison.a.red_count()
