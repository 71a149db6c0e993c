"""The statutory conditions of art. 2 Wth, each table-tested with the article in the test id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from huisverbod.core.casefile import CaseFile, parse
from huisverbod.core.instruments.base import InstrumentResult, PartResult, Rating, SignalResult
from huisverbod.core.law.criteria import adult, danger, residence
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.law.persons import assessment_day, case_roles, choose_subject

LAW = parameter_set("wth-2009")
MOTION = parameter_set("wth-motie-2026")
DAY = date(2024, 3, 9)


def person(pid: str, role: str, residence: str, birth: str = "1980-01-01") -> dict[str, str]:
    return {
        "id": pid,
        "given_names": pid.upper(),
        "surname": "Test",
        "birth_date": birth,
        "role": role,
        "residence": residence,
    }


def fact(fid: str, ftype: str, about: str = "p1", against: str | None = "p2") -> dict[str, object]:
    data: dict[str, object] = {
        "id": fid,
        "type": ftype,
        "date": "2024-03-09",
        "about": [about],
        "source": "police",
        "origin": "observation",
        "text": fid,
    }
    if against is not None:
        data["against"] = [against]
    return data


def casefile(persons: list[dict[str, str]], facts: Sequence[dict[str, object]] = ()) -> CaseFile:
    return parse(
        {
            "format": "huisverbod-casus/1",
            "id": "t",
            "assessment_time": "2024-03-09T12:00:00+01:00",
            "trigger": {"kind": "police_incident"},
            "dwelling": {"street": "Teststraat", "house_number": "1", "postcode": "1234 AB", "city": "Test"},
            "persons": persons,
            "facts": list(facts),
        }
    ).casefile


# -- adult: art. 2 lid 2 Wth ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "met", "code"),
    [
        pytest.param("2006-03-09", True, "adult.met", id="art. 2 lid 2: 18 on the assessment day is adult"),
        pytest.param("2006-03-10", False, "adult.minor", id="art. 2 lid 2: 18 tomorrow is still a minor"),
        pytest.param("1979-05-05", True, "adult.met", id="art. 2 lid 2: a 44-year-old is adult"),
        pytest.param(
            "2010-01-01", False, "adult.minor", id="art. 2 lid 2: a 14-year-old cannot be ordered out"
        ),
    ],
)
def test_adult(birth, met, code):
    case = casefile(
        [person("p1", "perpetrator", "lives_there", birth), person("p2", "victim", "lives_there")]
    )
    result = adult(case.person("p1"), assessment_day(case), LAW)
    assert (result.met, result.findings[0].code, result.article) == (met, code, "art. 2 lid 2 Wth")


def test_adult_without_a_perpetrator_is_not_met():
    """art. 2 lid 2 Wth: an order is imposed on a person; without one there is nothing to impose."""
    result = adult(None, DAY, LAW)
    assert not result.met and result.findings[0].code == "adult.no_perpetrator"


def test_the_minimum_age_comes_from_the_parameter_set():
    """art. 2 lid 2 Wth via persons.minimum_age: a set with another age changes the rule, not the code."""
    from dataclasses import replace

    older = replace(LAW, persons=replace(LAW.persons, minimum_age=21))
    case = casefile(
        [person("p1", "perpetrator", "lives_there", "2004-01-01"), person("p2", "victim", "lives_there")]
    )
    assert adult(case.person("p1"), DAY, LAW).met
    assert not adult(case.person("p1"), DAY, older).met


# -- residence: art. 2 lid 1 Wth --------------------------------------------------------------


@pytest.mark.parametrize(
    ("perpetrator", "others", "met", "code"),
    [
        pytest.param(
            "lives_there",
            [("victim", "lives_there")],
            True,
            "residence.met",
            id="art. 2 lid 1: both live in the dwelling",
        ),
        pytest.param(
            "stays_more_than_incidentally",
            [("victim", "lives_there")],
            True,
            "residence.met",
            id="art. 2 lid 1: the person stays there anders dan incidenteel",
        ),
        pytest.param(
            "stays_incidentally",
            [("victim", "lives_there")],
            False,
            "residence.perpetrator_not_resident",
            id="art. 2 lid 1: staying only incidentally fails",
        ),
        pytest.param(
            "lives_elsewhere",
            [("victim", "lives_there")],
            False,
            "residence.perpetrator_not_resident",
            id="art. 2 lid 1: an ex-partner living elsewhere cannot be ordered out",
        ),
        pytest.param(
            "lives_there",
            [("victim", "lives_elsewhere")],
            False,
            "residence.no_protected_resident",
            id="art. 2 lid 1: no one to protect lives there",
        ),
        pytest.param(
            "lives_there",
            [("victim", "stays_incidentally"), ("child", "lives_there")],
            True,
            "residence.met",
            id="art. 2 lid 1: a child living there is a person to protect",
        ),
    ],
)
def test_residence(perpetrator, others, met, code):
    persons = [person("p1", "perpetrator", perpetrator)]
    persons += [person(f"p{i}", role, res, "2012-01-01") for i, (role, res) in enumerate(others, start=2)]
    case = casefile(persons)
    result = residence(case.person("p1"), case, LAW)
    assert (result.met, result.findings[0].code, result.article) == (met, code, "art. 2 lid 1 Wth")


def test_choose_subject_prefers_the_perpetrator_an_order_can_concern():
    """art. 2 lid 1 and lid 2 Wth: with a minor and an adult perpetrator, the order concerns the adult."""
    case = casefile(
        [
            person("p4", "perpetrator", "lives_there", "2010-01-01"),
            person("p1", "perpetrator", "lives_there"),
            person("p2", "victim", "lives_there"),
        ]
    )
    subject = choose_subject(case, DAY, LAW)
    assert subject is not None and subject.id == "p1"


# -- danger: art. 2 lid 1 Wth -----------------------------------------------------------------


def result(ratings: dict[str, dict[str, Rating]], instrument: str = "rihg-structured", conclusion: str = "x"):
    parts = tuple(
        PartResult(
            part,
            tuple(
                SignalResult(sid, rating, ("f1",) if rating != Rating.YELLOW else (), ())
                for sid, rating in sigs.items()
            ),
        )
        for part, sigs in ratings.items()
    )
    signals = tuple(s.id for p in parts for s in p.signals if s.rating == Rating.RED)
    return InstrumentResult(instrument, "1.0", parts, conclusion, (conclusion,), signals)


R, B, Y = Rating.RED, Rating.BLUE, Rating.YELLOW
TWO_IN_ONE = {"person": {"a": R, "b": B}, "incident": {"c": R, "d": R}, "circumstances": {"e": Y}}
SPREAD = {"person": {"a": R, "b": B}, "incident": {"c": R, "d": B}, "circumstances": {"e": R}}
CHILD = {"person": {"a": Y}, "incident": {"child_abuse": R, "d": Y}, "circumstances": {"e": Y}}
CONTROL = {"person": {"jealousy_and_control": R}, "incident": {"d": B}, "circumstances": {"e": R}}
DAILY = {"person": {"a": B}, "incident": {"d": B}, "circumstances": {"ongoing_violence": R}}


@pytest.mark.parametrize(
    ("ratings", "facts", "params", "extra", "met", "code"),
    [
        pytest.param(
            TWO_IN_ONE,
            [fact("f1", "physical_violence")],
            LAW,
            [],
            True,
            "danger.red_in_part",
            id="art. 2 lid 1 + RiHG rule: two reds within one part",
        ),
        pytest.param(
            SPREAD,
            [fact("f1", "physical_violence")],
            LAW,
            [],
            False,
            "danger.threshold_not_met",
            id="art. 2 lid 1: three reds spread over three parts do not meet the rule",
        ),
        pytest.param(
            CHILD,
            [fact("f1", "child_hit", against="p3")],
            LAW,
            [],
            True,
            "danger.sufficient_signal",
            id="art. 2 lid 1 with lid 3: a red child-abuse signal suffices",
        ),
        pytest.param(
            TWO_IN_ONE,
            [fact("f1", "victim_fear", about="p2", against=None)],
            LAW,
            [],
            False,
            "danger.no_violence_or_threat",
            id="art. 2 lid 1: no violence or threat by the person",
        ),
        pytest.param(
            TWO_IN_ONE,
            [fact("f1", "physical_violence", about="p2", against="p1")],
            LAW,
            [],
            False,
            "danger.no_violence_or_threat",
            id="art. 2 lid 1: the danger must come from his presence",
        ),
        pytest.param(
            DAILY,
            [fact("f1", "structural_unsafety")],
            LAW,
            [],
            True,
            "danger.sufficient_signal",
            id="art. 2 lid 1: violence in daily life is immediate danger (seed 2022, case 3)",
        ),
        pytest.param(
            CONTROL,
            [fact("f1", "jealousy_or_control", against=None)],
            LAW,
            [],
            False,
            "danger.no_violence_or_threat",
            id="art. 2 lid 1 (2009): coercive control alone is no threat",
        ),
        pytest.param(
            CONTROL,
            [fact("f1", "jealousy_or_control", against=None)],
            MOTION,
            [],
            True,
            "danger.sufficient_signal",
            id="motion 2026: intimate terror suffices without acute danger",
        ),
        pytest.param(
            SPREAD,
            [fact("f1", "threat")],
            MOTION,
            [
                result(
                    {"structural": {"ongoing_unsafety": R}},
                    "vt-veiligheidsbeoordeling",
                    "structural_unsafety",
                )
            ],
            True,
            "danger.sufficient_conclusion",
            id="motion 2026: structural unsafety suffices",
        ),
        pytest.param(
            SPREAD,
            [fact("f1", "threat")],
            LAW,
            [
                result(
                    {"structural": {"ongoing_unsafety": R}},
                    "vt-veiligheidsbeoordeling",
                    "structural_unsafety",
                )
            ],
            False,
            "danger.threshold_not_met",
            id="art. 2 lid 1 (2009): structural unsafety alone does not",
        ),
    ],
)
def test_danger(ratings, facts, params, extra, met, code):
    case = casefile(
        [
            person("p1", "perpetrator", "lives_there"),
            person("p2", "victim", "lives_there"),
            person("p3", "child", "lives_there", "2015-01-01"),
        ],
        facts,
    )
    subject = case.person("p1")
    roles = case_roles(case, subject, DAY, params)
    found = danger(
        subject, case.facts, roles, [result(ratings), *extra], params.need(params.danger, "danger")
    )
    assert (found.met, found.findings[0].code, found.article) == (met, code, "art. 2 lid 1 Wth")
    if met:
        assert found.facts, "a met danger criterion cites the facts it rests on"


def test_danger_without_a_perpetrator():
    """art. 2 lid 1 Wth: the danger is that of a person's presence."""
    found = danger(
        None,
        (),
        case_roles(casefile([person("p2", "victim", "lives_there")]), None, DAY, LAW),
        [],
        LAW.need(LAW.danger, "danger"),
    )
    assert not found.met and found.findings[0].code == "danger.no_perpetrator"
