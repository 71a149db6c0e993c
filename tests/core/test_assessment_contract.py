"""The output contract (shared/casefile/README.md): keys, values, traceability, determinism."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from huisverbod.core.assessment import ItemOverride, assess
from huisverbod.core.assessment.messages import LANGUAGES, message_codes
from huisverbod.core.casefile import parse_text
from huisverbod.core.casefile.vocabulary import OrganisationKind

REPO = Path(__file__).resolve().parents[2]
PATHS = sorted((Path(__file__).parent / "cases").glob("*.json")) + sorted(
    (REPO.parent / "shared" / "casefile" / "examples").glob("*.json")
)
MEASURE_IDS = {
    "huisverbod",
    "arrest",
    "criminal_contact_ban",
    "civil_contact_ban",
    "report_to_veilig_thuis",
    "care_referral",
    "shelter",
    "child_protection",
}
TRACKS = {"administrative", "criminal", "civil", "care", "youth"}


def casefile(path: Path):
    return parse_text(path.read_text(encoding="utf-8"), source=path.name).casefile


def views(path: Path):
    """Every assessment view: joint, and each non-empty combination of up to two sources."""
    case = casefile(path)
    yield None
    for size in (1, 2):
        for combo in combinations(case.sources, size):
            yield frozenset(combo)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_red_or_blue_signal_names_facts_that_exist_in_the_file(path):
    """Courts annulled orders whose RiHG ratings could not be traced to facts (Hilversum)."""
    case = casefile(path)
    known = {f.id for f in case.facts}
    for sources in views(path):
        contract = assess(case, sources=sources).to_contract()
        used = {f.id for f in (case.restricted_to_sources(sources) if sources else case).facts}
        for instrument in contract["instruments"]:
            for part in instrument["parts"]:
                for signal in part["signals"]:
                    assert signal["rating"] in {"red", "blue", "yellow"}
                    assert set(signal["facts"]) <= known
                    assert set(signal["facts"]) <= used, "a view cites only its own sources' facts"
                    if signal["rating"] != "yellow":
                        assert signal["facts"], f"{instrument['id']}/{signal['id']} is {signal['rating']}"
        for criterion in contract["legal"]["criteria"]:
            assert set(criterion["facts"]) <= known
        for measure in contract["advice"]["measures"]:
            assert set(measure["facts"]) <= known


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_the_contract_shape(path):
    contract = assess(casefile(path)).to_contract()
    assert {"case", "sources", "legal", "instruments", "advice"} <= contract.keys()
    assert ("order" in contract) == ("order" in json.loads(path.read_text(encoding="utf-8")))
    legal = contract["legal"]
    assert isinstance(legal["possible"], bool)
    assert [c["id"] for c in legal["criteria"]] == ["adult", "residence", "danger"]
    for criterion in legal["criteria"]:
        assert {"id", "met", "reason", "facts"} <= criterion.keys() and criterion["reason"]
    for requirement in legal["requirements"]:
        assert {"id", "reason"} <= requirement.keys() and requirement["reason"]
    for instrument in contract["instruments"]:
        assert {"id", "version", "parts", "conclusion"} <= instrument.keys()
    advice = contract["advice"]
    assert advice["huisverbod"] in {"impose", "do_not_impose", "not_possible"}
    assert (advice["route"] in {"acute", "planned"}) == (advice["huisverbod"] == "impose")
    assert advice["route"] is None or advice["huisverbod"] == "impose"
    assert {m["id"] for m in advice["measures"]} >= MEASURE_IDS
    for measure in advice["measures"]:
        assert {"id", "track", "advised", "reason"} <= measure.keys()
        assert measure["track"] in TRACKS and isinstance(measure["advised"], bool) and measure["reason"]
    assert legal["possible"] == all(c["met"] for c in legal["criteria"] if c["id"] != "danger")


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_the_contract_is_json_and_deterministic(path):
    case = casefile(path)
    first = json.dumps(assess(case).to_contract(), sort_keys=True)
    assert first == json.dumps(assess(case).to_contract(), sort_keys=True)
    assert json.loads(first)["case"] == case.id


def test_order_dates_in_the_contract():
    contract = assess(casefile(Path(__file__).parent / "cases" / "order-oral-across-dst.json")).to_contract()
    assert contract["order"]["ends_at"] == "2021-11-03T23:40:00+01:00"
    assert contract["order"]["latest_extension_end"] == "2021-11-21T23:40:00+01:00"
    due = {r["id"]: r.get("due_by") for r in contract["legal"]["requirements"]}
    assert due["written_beschikking"] == "2021-10-25T23:40:00+02:00"
    assert due["extension_decision"] == "2021-11-03T23:40:00+01:00"


def test_sources_in_the_contract_follow_the_request():
    case = casefile(Path(__file__).parent / "cases" / "child-hit-by-father.json")
    assert assess(case).to_contract()["sources"] == ["veilig_thuis", "school"]
    police = frozenset({OrganisationKind.POLICE, OrganisationKind.VEILIG_THUIS})
    assert assess(case, sources=police).to_contract()["sources"] == ["police", "veilig_thuis"]


def test_reasons_in_dutch_for_the_ui():
    case = casefile(Path(__file__).parent / "cases" / "minor-perpetrator.json")
    dutch = assess(case).to_contract(language="nl")
    adult = dutch["legal"]["criteria"][0]
    assert "meerderjarige" in adult["reason"]
    assert adult["findings"][0]["code"] == "adult.minor"
    assert adult["findings"][0]["params"]["age"] == 16


def test_every_reason_code_has_a_text_in_both_languages():
    assert message_codes("nl") == message_codes("en")
    for language in LANGUAGES:
        for path in PATHS:
            assess(casefile(path)).to_contract(language=language)  # raises on a missing text


def test_an_override_is_shown_with_its_reason_and_changes_the_advice():
    case = casefile(Path(__file__).parent / "cases" / "single-verbal-argument.json")
    overrides = [
        ItemOverride("victim_fears_violence", True, "Zij zei ter plekke bang te zijn.", ("f1",)),
        ItemOverride(
            "threat_to_kill_recent", True, "Tijdens het schelden dreigde hij haar te doden.", ("f1",)
        ),
        ItemOverride("escalation", True, "Het schelden is de laatste weken heftiger.", ("f1",)),
    ]
    contract = assess(case, overrides=overrides).to_contract()
    items = {
        item["id"]: item
        for instrument in contract["instruments"]
        for part in instrument["parts"]
        for signal in part["signals"]
        for item in signal["items"]
    }
    assert items["victim_fears_violence"]["origin"] == "overridden"
    assert items["victim_fears_violence"]["reason"] == "Zij zei ter plekke bang te zijn."
    assert items["victim_fears_violence"]["facts"] == ["f1"]
    # Two reds in the incident part (threats, escalation) now meet the decision rule.
    assert contract["advice"]["huisverbod"] == "impose"
    assert assess(case).to_contract()["advice"]["huisverbod"] == "do_not_impose"
