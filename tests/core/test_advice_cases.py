"""The advice on synthetic cases (tests/core/cases/*.json), each expectation justified by the law
or the literature. The rules are derived from the law, not from these cases: every case here is
also covered by the rule tables in test_law_*.py and test_instruments_*.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from huisverbod.core.assessment import assess
from huisverbod.core.casefile import parse_text
from huisverbod.core.law.parameters import parameter_set

CASES = Path(__file__).parent / "cases"

IMPOSE, DO_NOT, NOT_POSSIBLE = "impose", "do_not_impose", "not_possible"

# (case, huisverbod, route, advised, not advised, requirements present)
EXPECTED = [
    # art. 2 lid 1: an ex-partner who lives elsewhere cannot be ordered out of the victim's home
    # (seed 2022: "ex-partnergeweld ... vaak niet mogelijk"). Stalking and a threat to kill are
    # offences (art. 285b, 285 Sr): criminal and civil contact bans and an area ban (art. 172a
    # Gemeentewet) protect instead; the danger is serious, so a safe place too.
    (
        "ex-partner-living-elsewhere",
        NOT_POSSIBLE,
        None,
        {"criminal_contact_ban", "civil_contact_ban", "area_ban", "shelter"},
        {"huisverbod"},
        set(),
    ),
    # The same without violence: harassment is belaging (art. 285b Sr) and a tort (art. 6:162 BW).
    (
        "ex-partner-harassment",
        NOT_POSSIBLE,
        None,
        {"criminal_contact_ban", "civil_contact_ban"},
        {"huisverbod", "shelter"},
        set(),
    ),
    # art. 2 lid 2: a 16-year-old cannot be ordered out; the youth track (OTS art. 1:255 BW) and a
    # report to Veilig Thuis; no civil suit by a parent against the child at home.
    (
        "minor-perpetrator",
        NOT_POSSIBLE,
        None,
        {"child_protection", "report_to_veilig_thuis", "arrest"},
        {"huisverbod", "civil_contact_ban"},
        set(),
    ),
    # art. 2 lid 2: adult from the first moment of the 18th birthday; strangulation (DA 10, DASH 18)
    # and a threat to kill (ODARA 5, DA 6) are two reds in the incident part.
    ("adult-on-eighteenth-birthday", IMPOSE, "acute", {"huisverbod", "arrest"}, {"shelter"}, set()),
    # art. 2 lid 1: staying only incidentally does not qualify (and the RiHG risk is high): contact
    # bans and shelter instead.
    (
        "stays-incidentally",
        NOT_POSSIBLE,
        None,
        {"criminal_contact_ban", "civil_contact_ban", "shelter"},
        {"huisverbod"},
        set(),
    ),
    # art. 2 lid 1: staying more than incidentally qualifies; strangulation and a knife are two reds.
    ("stays-more-than-incidentally", IMPOSE, "acute", {"huisverbod"}, {"shelter"}, set()),
    # The police alone can see high risk: strangulation, threat to kill and a weapon are reds in
    # the incident part (DA 5, 6, 10). The perpetrator leaves, so the victim stays home.
    (
        "police-only-high-risk",
        IMPOSE,
        "acute",
        {"huisverbod", "arrest", "criminal_contact_ban"},
        {"shelter", "civil_contact_ban"},
        set(),
    ),
    # A single verbal argument is no serious and immediate danger (no red signal); no offence.
    (
        "single-verbal-argument",
        DO_NOT,
        None,
        set(),
        {"huisverbod", "arrest", "shelter", "child_protection"},
        set(),
    ),
    # A disagreement without violence or threat: not even the entry criterion (domain brief 1.10).
    (
        "disagreement-without-violence",
        DO_NOT,
        None,
        set(),
        {"huisverbod", "report_to_veilig_thuis", "care_referral", "shelter"},
        set(),
    ),
    # Child abuse: a child hit and hurt (DASH 11); art. 2 lid 3 consultation; RvdK (art. 1:255 BW).
    (
        "child-hit-by-father",
        IMPOSE,
        "acute",
        {"huisverbod", "child_protection", "report_to_veilig_thuis"},
        {"shelter"},
        {"consult_veilig_thuis"},
    ),
    # One fact of a child hit is enough: a red child-abuse signal meets the criterion ([danger]).
    (
        "child-hit-single-fact",
        IMPOSE,
        "acute",
        {"huisverbod", "child_protection"},
        {"shelter"},
        {"consult_veilig_thuis"},
    ),
    # Violence against a minor (physical_violence against a 14-year-old) is child abuse too.
    (
        "violence-against-minor",
        IMPOSE,
        "acute",
        {"huisverbod", "child_protection"},
        {"shelter"},
        {"consult_veilig_thuis"},
    ),
    # Witnessing domestic violence is child abuse; the daughter is afraid (DASH 11/12).
    (
        "children-witness-violence",
        IMPOSE,
        "acute",
        {"huisverbod", "child_protection"},
        {"shelter"},
        {"consult_veilig_thuis"},
    ),
    # Structural violence without a current incident (seed case 3 pattern): daily coercion and
    # help without result (Meldcode afwegingen 2, 5): a planned huisverbod.
    (
        "elder-abuse-structural",
        IMPOSE,
        "planned",
        {"huisverbod", "care_referral"},
        {"shelter", "arrest"},
        set(),
    ),
    # Violence and threat as part of daily life is immediate danger (seed document 2022, case 3):
    # a planned huisverbod without a current incident.
    (
        "daily-violence-planned",
        IMPOSE,
        "planned",
        {"huisverbod", "report_to_veilig_thuis"},
        {"shelter", "arrest"},
        set(),
    ),
    # An ex-partner living elsewhere (art. 2 lid 1) who exerts coercive control: a tort (art. 6:162
    # BW), so the civil ban protects instead; no offence, so no criminal ban.
    (
        "ex-partner-coercive-control",
        NOT_POSSIBLE,
        None,
        {"civil_contact_ban"},
        {"huisverbod", "criminal_contact_ban"},
        set(),
    ),
    # art. 2 lid 2: without a perpetrator there is no one to order out.
    ("no-perpetrator", NOT_POSSIBLE, None, set(), {"huisverbod", "arrest"}, set()),
    # art. 2 lid 1: the order protects co-residents; the victim lives elsewhere.
    (
        "victim-lives-elsewhere",
        NOT_POSSIBLE,
        None,
        {"criminal_contact_ban", "civil_contact_ban"},
        {"huisverbod"},
        set(),
    ),
    # Two perpetrators: the order concerns the adult father (art. 2 lid 2), who strangled.
    ("two-perpetrators", IMPOSE, "acute", {"huisverbod"}, {"shelter"}, set()),
    # Coercive control and stalking without acute danger: under the law in force one red per part
    # is below the RiHG rule; a civil ban is open (DASH: coercive control, stalking).
    ("intimate-terror", DO_NOT, None, {"civil_contact_ban", "report_to_veilig_thuis"}, {"huisverbod"}, set()),
    # A mutual push without injury or any risk signal: report, no arrest (proportionality).
    ("mutual-slapping", DO_NOT, None, {"report_to_veilig_thuis"}, {"huisverbod", "arrest", "shelter"}, set()),
    # Strangulation and threat to kill, imposed orally: the written beschikking follows (art. 2 lid 7).
    (
        "order-oral-across-dst",
        IMPOSE,
        "acute",
        {"huisverbod"},
        {"shelter"},
        {"written_beschikking", "reachability_statement", "extension_decision"},
    ),
    # A threat by someone with a firearm, a breached ban and a record: two reds in the person part
    # (ODARA 4, DA 2, DASH 26/27).
    ("record-weapons-threat", IMPOSE, "acute", {"huisverbod", "arrest"}, {"shelter"}, set()),
    # Only a two-year-old incident and its report: history, not serious and immediate danger.
    ("old-violence-only", DO_NOT, None, {"report_to_veilig_thuis"}, {"huisverbod", "arrest"}, set()),
    # Accepting help does not undo strangulation and a threat to kill; no address for him is no
    # reason to leave her with him: he needs a place to stay (care).
    (
        "high-risk-help-accepted-no-address",
        IMPOSE,
        "acute",
        {"huisverbod", "care_referral"},
        {"shelter"},
        set(),
    ),
]


def load(name: str):
    return parse_text((CASES / f"{name}.json").read_text(encoding="utf-8"), source=name).casefile


@pytest.mark.parametrize(
    ("name", "huisverbod", "route", "advised", "not_advised", "duties"),
    EXPECTED,
    ids=[e[0] for e in EXPECTED],
)
def test_advice(name, huisverbod, route, advised, not_advised, duties):
    contract = assess(load(name)).to_contract()
    advice = contract["advice"]
    assert advice["huisverbod"] == huisverbod
    assert advice["route"] == route
    measures = {m["id"]: m["advised"] for m in advice["measures"]}
    assert {m for m in advised if not measures[m]} == set(), "should be advised"
    assert {m for m in not_advised if measures[m]} == set(), "should not be advised"
    assert duties <= {r["id"] for r in contract["legal"]["requirements"]}
    assert contract["legal"]["possible"] is (huisverbod != NOT_POSSIBLE)


def test_every_case_file_has_an_expectation():
    assert {p.stem for p in CASES.glob("*.json")} == {e[0] for e in EXPECTED}
    assert len(EXPECTED) >= 15


def test_not_possible_says_what_protects_instead():
    advice = assess(load("ex-partner-living-elsewhere")).to_contract()["advice"]
    assert {"criminal_contact_ban", "civil_contact_ban"} <= set(advice["protects_instead"])


def test_the_subject_of_two_perpetrators_is_the_adult():
    assert assess(load("two-perpetrators")).to_contract()["perpetrator"] == "p1"


def test_when_the_perpetrator_leaves_the_victims_stay_home():
    """Shelter is the fall-back when the perpetrator stays (Kamervragen 2025D49716)."""
    for path in sorted(CASES.glob("*.json")):
        advice = assess(load(path.stem)).to_contract()["advice"]
        shelter = next(m for m in advice["measures"] if m["id"] == "shelter")
        if advice["huisverbod"] == IMPOSE:
            assert not shelter["advised"], path.stem


# The motion of January 2026 is a parameter set: the same code, other answers.
MOTION_EXPECTED = [
    # Ongoing threat / intimate terror without acute danger meets the lowered threshold.
    ("intimate-terror", IMPOSE, DO_NOT),
    # Old history alone is not ongoing threat under either set.
    ("old-violence-only", DO_NOT, DO_NOT),
    # Residence is still required for the huisverbod itself.
    ("ex-partner-living-elsewhere", NOT_POSSIBLE, NOT_POSSIBLE),
    ("police-only-high-risk", IMPOSE, IMPOSE),
]


@pytest.mark.parametrize(("name", "motion", "law"), MOTION_EXPECTED, ids=[m[0] for m in MOTION_EXPECTED])
def test_the_2026_motion_without_code_changes(name, motion, law):
    casefile = load(name)
    assert (
        assess(casefile, parameters=parameter_set("wth-motie-2026")).to_contract()["advice"]["huisverbod"]
        == motion
    )
    assert assess(casefile).to_contract()["advice"]["huisverbod"] == law


def test_the_motion_offers_an_administrative_contact_ban_to_ex_partners():
    contract = assess(
        load("ex-partner-living-elsewhere"), parameters=parameter_set("wth-motie-2026")
    ).to_contract()
    measures = {m["id"]: m for m in contract["advice"]["measures"]}
    assert measures["administrative_contact_ban"]["advised"]
    law = {m["id"] for m in assess(load("ex-partner-living-elsewhere")).to_contract()["advice"]["measures"]}
    assert "administrative_contact_ban" not in law, "not a measure of the law in force"
