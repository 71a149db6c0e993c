"""A fact added in the system is validated exactly as a fact in a case file."""

from __future__ import annotations

import pytest

from huisverbod.cases.casefiles import export_case
from huisverbod.cases.services import FactRefused, add_fact

pytestmark = pytest.mark.django_db


def test_added_fact_gets_the_next_id_and_exports(seed_cases, police_officer):
    case = seed_cases["seed-1"]
    fact = add_fact(
        case,
        {
            "type": "threat",
            "date": "2021-11-06",
            "about": ["p1"],
            "against": ["p2"],
            "source": "police",
            "origin": "statement",
            "stated_by": "p2",
            "text": "Hij dreigde haar iets aan te doen.",
        },
        actor=police_officer,
    )
    assert fact.id == "f15"
    exported = export_case(case)
    assert exported["facts"][-1] == {
        "id": "f15",
        "type": "threat",
        "date": "2021-11-06",
        "about": ["p1"],
        "against": ["p2"],
        "source": "police",
        "origin": "statement",
        "stated_by": "p2",
        "text": "Hij dreigde haar iets aan te doen.",
    }
    stored = case.facts.get(local_id="f15")
    assert stored.recorded_by == police_officer
    assert stored.recorded_by_organisation == police_officer.organisation


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"about": ["p9"]}, "about[0]", "unknown person 'p9'"),
        ({"type": "bad_mood"}, "type", "unknown fact type 'bad_mood'"),
        ({"date": "2021-02-30"}, "date", "'2021-02-30' is not a possible date"),
        ({"stated_by": "p7"}, "stated_by", "unknown person 'p7'"),
        ({"source": "neighbour"}, "source", "unknown value 'neighbour'"),
    ],
)
def test_bad_fact_is_refused_naming_its_field(seed_cases, data, field, message):
    case = seed_cases["seed-1"]
    good = {"type": "threat", "about": ["p1"], "source": "police", "origin": "observation", "text": "t"}
    with pytest.raises(FactRefused) as caught:
        add_fact(case, {**good, **data})
    assert any(p.path == field and p.message.startswith(message) for p in caught.value.problems), caught.value
    assert case.facts.count() == 14
