"""The side-by-side view and the text report the command line prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huisverbod.core.assessment import assess, compare
from huisverbod.core.assessment.report import render_text
from huisverbod.core.casefile import parse_text
from huisverbod.core.casefile.vocabulary import OrganisationKind

CASES = Path(__file__).parent / "cases"


def load(name: str):
    return parse_text((CASES / f"{name}.json").read_text(encoding="utf-8")).casefile


def test_compare_shows_what_each_source_added_and_how_ratings_moved():
    case = load("child-hit-by-father")
    diff = compare(case, frozenset({OrganisationKind.SCHOOL})).to_dict()
    assert diff["a"]["sources"] == ["school"]
    assert diff["b"]["sources"] == ["veilig_thuis", "school"]
    assert diff["facts_added"] == {"veilig_thuis": ["f1", "f2"]}
    assert diff["facts_removed"] == {}
    rows = {(r["instrument"], r["signal"]): r for r in diff["signals"]}
    child = rows[("rihg-structured", "child_abuse")]
    assert (child["a"], child["b"], child["changed"]) == ("blue", "red", True)
    assert child["facts_added"] == ["f1", "f2"]
    assert diff["advice"]["b"] == "impose" and diff["advice"]["changed"]
    assert json.loads(json.dumps(diff)) == diff


def test_compare_two_explicit_views():
    case = load("child-hit-by-father")
    comparison = compare(
        case, frozenset({OrganisationKind.SCHOOL}), frozenset({OrganisationKind.VEILIG_THUIS})
    )
    diff = comparison.to_dict()
    assert diff["facts_added"] == {"veilig_thuis": ["f1", "f2"]}
    assert diff["facts_removed"] == {"school": ["f3"]}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            [
                "1. Wettelijke toets",
                "2. Risicotaxatie",
                "3. Advies",
                "4. Data van het huisverbod",
                "opleggen (route: acuut)",
                "ROOD",
                "2021-11-03T23:40:00+01:00",
                "schriftelijke beschikking",
            ],
        ),
        (
            "en",
            [
                "1. Legal test",
                "2. Risk assessment",
                "3. Advice",
                "4. Order dates",
                "impose (route: acute)",
                "RED",
                "2021-11-21T23:40:00+01:00",
                "written beschikking",
            ],
        ),
    ],
)
def test_the_report_has_every_section(language, expected):
    text = render_text(assess(load("order-oral-across-dst")), language=language)
    for part in expected:
        assert part in text, part
    assert "f1 (strangulation" in text, "the report lists the facts it cites"


def test_the_report_lists_every_measure():
    result = assess(load("ex-partner-living-elsewhere"))
    text = render_text(result, language="en")
    assert text.count("[+]") + text.count("[-]") == len(result.advice.measures)
    assert "Huisverbod: not possible" in text
    for label in ("criminal contact ban", "civil restraining and contact ban", "area ban", "shelter"):
        assert f"[+] {label} (" in text, label


def test_the_report_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language"):
        render_text(assess(load("mutual-slapping")), language="de")
