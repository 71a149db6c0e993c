"""Items are prefilled from facts: whom the fact is about, whom it harmed, and how recent it is,
read with the fact's date precision (Besluit tijdelijk huisverbod art. 2: facts of groups a-c)."""

from __future__ import annotations

from datetime import date

import pytest

from huisverbod.core.casefile import Fact, FactDate
from huisverbod.core.casefile.vocabulary import OrganisationKind, Origin
from huisverbod.core.instruments.base import CaseRoles
from huisverbod.core.instruments.items import Condition, Subject
from huisverbod.core.instruments.registry import default_registry

ROLES = CaseRoles(
    day=date(2024, 3, 9),
    perpetrators=frozenset({"p1"}),
    protected=frozenset({"p2", "p3"}),
    minors=frozenset({"p3"}),
)


def when(text: str | None) -> FactDate | None:
    if text is None:
        return None
    parts = [int(p) for p in text.split("-")]
    return FactDate.from_parts(text, parts[0], *[*parts[1:], None, None][:2])


def fact(
    ftype: str = "physical_violence", about=("p1",), against=("p2",), date_text: str | None = "2024-03-09"
):
    return Fact(
        id="f1",
        type=ftype,
        about=tuple(about),
        against=tuple(against) if against is not None else None,
        source=OrganisationKind.POLICE,
        origin=Origin.OBSERVATION,
        text="t",
        date=when(date_text),
    )


RECENT = Condition(types=frozenset({"physical_violence"}), about=Subject.PERPETRATOR, within_days=14)
OLD = Condition(types=frozenset({"physical_violence"}), about=Subject.PERPETRATOR, older_than_days=14)


@pytest.mark.parametrize(
    ("condition", "f", "matches"),
    [
        pytest.param(RECENT, fact(), True, id="group b: today's violence is recent"),
        pytest.param(
            RECENT, fact(date_text="2024-02-24"), True, id="recent: 14 days back is inside the window"
        ),
        pytest.param(RECENT, fact(date_text="2024-02-23"), False, id="recent: 15 days back is outside"),
        pytest.param(
            RECENT, fact(date_text="2024-03"), True, id="precision: this month, clipped at today, is recent"
        ),
        pytest.param(
            RECENT, fact(date_text="2024-02"), False, id="precision: last month is not certainly recent"
        ),
        pytest.param(RECENT, fact(date_text="2024"), False, id="precision: a year is not certainly recent"),
        pytest.param(
            RECENT, fact(date_text="2024-03-10"), False, id="a fact dated after the assessment is unknown"
        ),
        pytest.param(
            RECENT, fact(date_text=None), True, id="undated counts by default (a standing condition)"
        ),
        pytest.param(OLD, fact(date_text=None), False, id="undated is never certainly old"),
        pytest.param(OLD, fact(date_text="2022"), True, id="history: 2022 is certainly older than 14 days"),
        pytest.param(OLD, fact(date_text="2024-02"), False, id="history: February may be within 14 days"),
        pytest.param(
            RECENT, fact(about=("p2",)), False, id="about: the victim's act is not the perpetrator's"
        ),
        pytest.param(
            Condition(types=frozenset({"physical_violence"}), against=Subject.MINOR),
            fact(against=("p3",)),
            True,
            id="against a minor",
        ),
        pytest.param(
            Condition(types=frozenset({"physical_violence"}), against=Subject.MINOR),
            fact(),
            False,
            id="against an adult is not against a minor",
        ),
        pytest.param(
            Condition(types=frozenset({"physical_violence"}), against=Subject.PROTECTED_OR_UNSPECIFIED),
            fact(against=None),
            True,
            id="against nobody named still counts when unspecified is allowed",
        ),
        pytest.param(
            Condition(types=frozenset({"physical_violence"}), against=Subject.PROTECTED),
            fact(against=None),
            False,
            id="against nobody named does not count when a protected person is required",
        ),
        pytest.param(
            Condition(types=frozenset({"threat"})), fact(), False, id="another fact type does not count"
        ),
    ],
)
def test_condition(condition, f, matches):
    assert bool(condition.matching([f], ROLES)) is matches


def test_min_facts_counts_distinct_facts():
    repeated = default_registry().items["repeated_prior_reports"]
    one = fact("prior_report", date_text="2023")
    two = Fact(**{**one.__dict__, "id": "f2"})
    assert not repeated.answer([one], ROLES).answer
    answer = repeated.answer([one, two], ROLES)
    assert answer.answer and answer.facts == ("f1", "f2") and answer.sources == ("police",)


def test_every_item_names_known_fact_types_and_has_dutch_and_english():
    for item in default_registry().items.values():
        assert set(item.question) >= {"nl", "en"}, item.id
        assert item.fact_types(), item.id
