"""The case file is refused with a message naming the field (shared/casefile/README.md)."""

from __future__ import annotations

import json

import pytest

from huisverbod.core.casefile import CaseFileError, parse, parse_text, to_dict
from huisverbod.core.casefile.vocabulary import FACT_TYPES_V1
from tests.helpers import example, example_paths, mutate


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_examples_are_valid_and_round_trip(path):
    text = path.read_text(encoding="utf-8")
    result = parse_text(text, source=path.name)
    assert to_dict(result.casefile) == json.loads(text)


def _problems(document) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse(document)
    return [str(problem) for problem in caught.value.problems]


SEED1 = example("seed-1")

REFUSALS = [
    # (description, document, expected problem text)
    (
        "wrong format",
        mutate(SEED1, "format", "huisverbod-casus/2"),
        'format: unsupported format "huisverbod-casus/2"',
    ),
    ("format missing", mutate(SEED1, "format", delete=True), "format: required field missing"),
    ("persons missing", mutate(SEED1, "persons", delete=True), "persons: required field missing"),
    ("persons empty", mutate(SEED1, "persons", []), "persons: at least one person is required"),
    ("facts missing", mutate(SEED1, "facts", delete=True), "facts: required field missing"),
    ("id missing", mutate(SEED1, "id", delete=True), "id: required field missing"),
    ("id empty", mutate(SEED1, "id", ""), "id: must not be empty"),
    ("trigger missing", mutate(SEED1, "trigger", delete=True), "trigger: required field missing"),
    (
        "trigger kind unknown",
        mutate(SEED1, "trigger.kind", "neighbour"),
        "trigger.kind: unknown value 'neighbour'",
    ),
    (
        "dwelling not object",
        mutate(SEED1, "dwelling", "Lindenlaan 14"),
        "dwelling: expected an object, got a string",
    ),
    (
        "dwelling city missing",
        mutate(SEED1, "dwelling.city", delete=True),
        "dwelling.city: required field missing",
    ),
    (
        "unknown person in about",
        mutate(SEED1, "facts.0.about.0", "p99"),
        "facts[0].about[0]: unknown person 'p99'",
    ),
    (
        "unknown person in against",
        mutate(SEED1, "facts.1.against", ["p2", "p7"]),
        "facts[1].against[1]: unknown person 'p7'",
    ),
    (
        "unknown stated_by",
        mutate(SEED1, "facts.0.stated_by", "p5"),
        "facts[0].stated_by: unknown person 'p5'",
    ),
    ("about empty", mutate(SEED1, "facts.0.about", []), "facts[0].about: at least 1 person id(s) required"),
    (
        "unknown fact type",
        mutate(SEED1, "facts.2.type", "bad_mood"),
        "facts[2].type: unknown fact type 'bad_mood'",
    ),
    (
        "unknown source",
        mutate(SEED1, "facts.0.source", "neighbour"),
        "facts[0].source: unknown value 'neighbour'",
    ),
    ("unknown origin", mutate(SEED1, "facts.0.origin", "rumour"), "facts[0].origin: unknown value 'rumour'"),
    (
        "fact text missing",
        mutate(SEED1, "facts.3.text", delete=True),
        "facts[3].text: required field missing",
    ),
    (
        "impossible birth_date",
        mutate(SEED1, "persons.0.birth_date", "1965-02-30"),
        "persons[0].birth_date: '1965-02-30' is not a possible date",
    ),
    (
        "birth_date month 13",
        mutate(SEED1, "persons.1.birth_date", "1976-13-08"),
        "persons[1].birth_date: '1976-13-08' is not a possible date",
    ),
    (
        "birth_date not ISO",
        mutate(SEED1, "persons.0.birth_date", "12-05-1965"),
        "persons[0].birth_date: '12-05-1965' is not a date in the form YYYY-MM-DD",
    ),
    (
        "birth after assessment",
        mutate(SEED1, "persons.0.birth_date", "2022-01-01"),
        "persons[0].birth_date: '2022-01-01' is after assessment_time",
    ),
    (
        "impossible fact date",
        mutate(SEED1, "facts.0.date", "2021-11-31"),
        "facts[0].date: '2021-11-31' is not a possible date",
    ),
    (
        "fact month 00",
        mutate(SEED1, "facts.6.date", "2019-00"),
        "facts[6].date: '2019-00' is not a possible date",
    ),
    (
        "fact date garbage",
        mutate(SEED1, "facts.0.date", "gisteren"),
        "facts[0].date: 'gisteren' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    (
        "assessment_time no offset",
        mutate(SEED1, "assessment_time", "2021-11-06T23:40:00"),
        "assessment_time: '2021-11-06T23:40:00' is not an ISO 8601 date-time with offset",
    ),
    (
        "assessment_time impossible",
        mutate(SEED1, "assessment_time", "2021-02-29T23:40:00+01:00"),
        "assessment_time: '2021-02-29T23:40:00+01:00' is not a possible date-time",
    ),
    ("duplicate person id", mutate(SEED1, "persons.1.id", "p1"), "persons[1].id: duplicate person id 'p1'"),
    ("duplicate fact id", mutate(SEED1, "facts.1.id", "f1"), "facts[1].id: duplicate fact id 'f1'"),
    ("role unknown", mutate(SEED1, "persons.0.role", "suspect"), "persons[0].role: unknown value 'suspect'"),
    (
        "residence unknown",
        mutate(SEED1, "persons.0.residence", "sometimes"),
        "persons[0].residence: unknown value 'sometimes'",
    ),
    ("sex unknown", mutate(SEED1, "persons.0.sex", "male"), "persons[0].sex: unknown value 'male'"),
    (
        "relationship unknown person",
        mutate(SEED1, "relationships.0.between", ["p1", "p9"]),
        "relationships[0].between[1]: unknown person 'p9'",
    ),
    (
        "relationship three persons",
        mutate(SEED1, "relationships.0.between", ["p1", "p2", "p1"]),
        "relationships[0].between: exactly two person ids are required, got 3",
    ),
    (
        "relationship kind unknown",
        mutate(SEED1, "relationships.0.kind", "friends"),
        "relationships[0].kind: unknown value 'friends'",
    ),
    (
        "given_names not string",
        mutate(SEED1, "persons.0.given_names", 12),
        "persons[0].given_names: expected a string, got a number",
    ),
    ("facts not array", mutate(SEED1, "facts", {}), "facts: expected an array, got an object"),
    (
        "order imposed_by unknown",
        mutate(SEED1, "order", {"imposed_at": "2021-11-07T00:30:00+01:00", "imposed_by": "police"}),
        "order.imposed_by: unknown value 'police'",
    ),
    (
        "order oral not bool",
        mutate(
            SEED1, "order", {"imposed_at": "2021-11-07T00:30:00+01:00", "imposed_by": "mayor", "oral": "yes"}
        ),
        "order.oral: expected true or false, got a string",
    ),
]


@pytest.mark.parametrize(
    ("document", "expected"), [(d, e) for _, d, e in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_refused_with_the_field_named(document, expected):
    problems = _problems(document)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_every_problem_is_reported_not_just_the_first():
    document = mutate(mutate(SEED1, "facts.0.about.0", "p99"), "persons.0.birth_date", "1965-02-30")
    problems = _problems(document)
    assert any(p.startswith("facts[0].about[0]") for p in problems)
    assert any(p.startswith("persons[0].birth_date") for p in problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "$: not valid JSON"),
        ("", "$: not valid JSON"),
        ("[]", "$: expected an object, got an array"),
        ('{"format": "huisverbod-casus/1", "format": "x"}', "$: not valid: the key 'format' appears twice"),
        (b"\xff\xfe\x00", "$: not valid JSON"),
    ],
)
def test_not_a_json_object(text, expected):
    with pytest.raises(CaseFileError) as caught:
        parse_text(text)
    assert str(caught.value.problems[0]).startswith(expected)


class TestOrderExtension:
    """art. 9 lid 1 Wth: extension "tot ten hoogste vier weken nadat het is opgelegd"."""

    @staticmethod
    def with_order(extended_until: str) -> dict:
        return mutate(
            SEED1,
            "order",
            {
                "imposed_at": "2021-11-06T23:55:00+01:00",
                "imposed_by": "assistant_public_prosecutor",
                "oral": True,
                "extended_until": extended_until,
            },
        )

    @pytest.mark.parametrize(
        "extended_until",
        ["2021-12-04T23:55:00+01:00", "2021-12-04T22:55:00Z", "2021-11-24T10:00:00+01:00"],
        ids=["exactly four weeks", "four weeks in UTC", "within"],
    )
    def test_accepted_up_to_four_weeks(self, extended_until):
        order = parse(self.with_order(extended_until)).casefile.order
        assert order is not None and order.extended_until is not None
        assert order.extended_until.text == extended_until

    @pytest.mark.parametrize(
        ("extended_until", "expected"),
        [
            (
                "2021-12-04T23:56:00+01:00",
                "order.extended_until: '2021-12-04T23:56:00+01:00' is later than 28 days",
            ),
            (
                "2022-01-01T00:00:00+01:00",
                "order.extended_until: '2022-01-01T00:00:00+01:00' is later than 28 days",
            ),
            (
                "2021-11-15T12:00:00+01:00",
                "order.extended_until: '2021-11-15T12:00:00+01:00' is not after the end",
            ),
        ],
        ids=["one minute past four weeks", "far past", "before the first ten days end"],
    )
    def test_refused(self, extended_until, expected):
        problems = _problems(self.with_order(extended_until))
        assert any(p.startswith(expected) for p in problems), problems


def test_unknown_keys_are_kept_for_the_round_trip():
    document = mutate(mutate(SEED1, "x_region", "Utrecht"), "facts.0.x_confidence", 0.8)
    assert to_dict(parse(document).casefile) == document


def test_optional_keys_stay_absent_and_empty_arrays_stay_present():
    document = mutate(mutate(SEED1, "title", delete=True), "facts.0.against", [])
    document = mutate(document, "relationships", delete=True)
    assert to_dict(parse(document).casefile) == document


@pytest.mark.parametrize(
    "assessment_time", ["2021-11-06T23:40Z", "2021-11-06T23:40:00.123456+01:00", "2021-11-06T22:40:00Z"]
)
def test_date_times_come_back_as_written(assessment_time):
    document = mutate(SEED1, "assessment_time", assessment_time)
    assert to_dict(parse(document).casefile)["assessment_time"] == assessment_time


def test_statement_without_speaker_is_a_warning_not_a_refusal():
    document = mutate(SEED1, "facts.0.stated_by", delete=True)
    result = parse(document)
    assert [str(w) for w in result.warnings] == [
        "facts[0].stated_by: a statement without the person who made it"
    ]


def test_every_v1_fact_type_is_accepted():
    facts = [
        {"id": f"f{i}", "type": t, "about": ["p1"], "source": "police", "origin": "observation", "text": t}
        for i, t in enumerate(FACT_TYPES_V1)
    ]
    assert len(parse(mutate(SEED1, "facts", facts)).casefile.facts) == len(FACT_TYPES_V1) == 44


@pytest.mark.parametrize(
    ("date", "precision", "start", "end"),
    [
        ("2019", "year", "2019-01-01", "2019-12-31"),
        ("2020-02", "month", "2020-02-01", "2020-02-29"),
        ("2021-11-06", "day", "2021-11-06", "2021-11-06"),
        ("2021-02", "month", "2021-02-01", "2021-02-28"),
    ],
)
def test_fact_date_precision(date, precision, start, end):
    fact = parse(mutate(SEED1, "facts.0.date", date)).casefile.facts[0]
    assert fact.date is not None
    assert (fact.date.precision, fact.date.start.isoformat(), fact.date.end.isoformat()) == (
        precision,
        start,
        end,
    )
