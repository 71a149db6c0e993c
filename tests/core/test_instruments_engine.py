"""One engine runs every instrument definition; items are shared and answered once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huisverbod.core.casefile import parse_text
from huisverbod.core.casefile.vocabulary import OrganisationKind
from huisverbod.core.instruments import (
    AnswerOrigin,
    DefinitionError,
    ItemOverride,
    OverrideError,
    Rating,
    default_registry,
    run_instruments,
)
from huisverbod.core.instruments.definition import RatingRule
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.law.persons import assessment_day, case_roles, choose_subject

CASES = Path(__file__).parent / "cases"
LAW = parameter_set("wth-2009")


def run(name: str, overrides=(), registry=None, sources=None):
    casefile = parse_text((CASES / f"{name}.json").read_text(encoding="utf-8")).casefile
    day = assessment_day(casefile)
    subject = choose_subject(casefile, day, LAW)
    view = casefile.restricted_to_sources(sources) if sources else casefile
    registry = registry or default_registry()
    return run_instruments(
        registry,
        registry.instruments(),
        view.facts,
        case_roles(casefile, subject, day, LAW),
        overrides=overrides,
        file_facts=casefile.facts,
    )


@pytest.mark.parametrize(
    ("rule", "yes", "holds"),
    [
        (RatingRule(min_yes=2), {"a"}, False),
        (RatingRule(min_yes=2), {"a", "b"}, True),
        (RatingRule(any=frozenset({"a"})), {"a"}, True),
        (RatingRule(all=frozenset({"a", "b"})), {"a"}, False),
        (RatingRule(all=frozenset({"a", "b"})), {"a", "b", "c"}, True),
        (RatingRule(any=frozenset({"c"}), min_yes=3), {"a", "b"}, False),
    ],
)
def test_rating_rule(rule, yes, holds):
    assert rule.holds(frozenset(yes)) is holds


def test_the_rihg_structured_instrument_has_the_published_structure():
    """RiHG (Kuppens & Beke 2008; NJI): three parts, about 20 signals, two reds in one part."""
    rihg = default_registry().instrument("rihg-structured")
    parts = rihg.parts  # type: ignore[attr-defined]
    assert [p.id for p in parts] == ["person", "incident", "circumstances"]
    assert 18 <= sum(len(p.signals) for p in parts) <= 24
    assert all(signal.sources for p in parts for signal in p.signals), "every signal names its source"


def test_shared_items_are_answered_once_with_the_same_facts_in_both_instruments():
    outcome = run("child-hit-by-father")
    rihg, vt = outcome.results
    seen: dict[str, object] = {}
    for result in (rihg, vt):
        for signal in result.signals():
            for answer in signal.items:
                assert seen.setdefault(answer.item, answer) is answer, f"{answer.item} answered twice"
    shared = {a.item for s in rihg.signals() for a in s.items} & {
        a.item for s in vt.signals() for a in s.items
    }
    assert {"child_hurt_recent", "children_afraid", "victim_fears_violence"} <= shared
    assert outcome.answers["child_hurt_recent"].facts == ("f1", "f2")  # the hit and the injury to the child
    assert outcome.answers["child_hurt_recent"].sources == ("veilig_thuis",)


def test_red_and_blue_signals_name_their_facts():
    for result in run("police-only-high-risk").results:
        for signal in result.signals():
            if signal.rating != Rating.YELLOW:
                assert signal.facts


def test_an_override_to_yes_cites_a_fact_and_changes_both_instruments():
    outcome = run(
        "single-verbal-argument",
        overrides=[ItemOverride("victim_fears_violence", True, "Zij zei ter plekke bang te zijn.", ("f1",))],
    )
    answer = outcome.answers["victim_fears_violence"]
    assert (answer.answer, answer.origin, answer.facts) == (True, AnswerOrigin.OVERRIDDEN, ("f1",))
    rihg, vt = outcome.results
    assert rihg.signal("victim_fear").rating == Rating.RED  # type: ignore[union-attr]
    assert vt.signal("victim_fear").rating == Rating.RED  # type: ignore[union-attr]


def test_an_override_to_no_needs_only_a_reason():
    outcome = run(
        "police-only-high-risk", overrides=[ItemOverride("weapon_used_recent", False, "Het mes lag er al.")]
    )
    assert not outcome.answers["weapon_used_recent"].answer
    assert outcome.results[0].signal("weapon_use").rating == Rating.YELLOW  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        pytest.param(
            ItemOverride("victim_fears_violence", True, "bang"),
            "must cite at least one fact",
            id="a yes without a fact: courts annulled untraceable RiHG ratings",
        ),
        pytest.param(
            ItemOverride("victim_fears_violence", True, "bang", ("f99",)),
            "unknown fact",
            id="a yes citing a fact not in the file",
        ),
        pytest.param(
            ItemOverride("victim_fears_violence", False, "  "), "reason is required", id="no reason"
        ),
        pytest.param(ItemOverride("no_such_item", False, "x"), "unknown item", id="unknown item"),
    ],
)
def test_an_override_that_could_not_stand_is_refused(override, message):
    with pytest.raises(OverrideError, match=message):
        run("single-verbal-argument", overrides=[override])


def test_an_override_citing_facts_outside_the_view_does_not_apply_in_that_view():
    override = ItemOverride("victim_fears_violence", True, "Volgens Veilig Thuis bang.", ("f3",))
    outcome = run("child-hit-by-father", overrides=[override], sources=frozenset({OrganisationKind.POLICE}))
    assert not outcome.answers["children_afraid"].answer
    assert outcome.overrides_not_applied == (override,)


def _definition(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "org-form-1.toml"
    path.write_text(body, encoding="utf-8")
    return path


ORG_FORM = """
format = "huisverbod-instrument/1"
id = "org-official-form"
version = "2.1"
title = { nl = "Formulier van de organisatie", en = "The organisation's form" }

[[items]]
id = "org_pet_abuse"
question = { nl = "Dierenmishandeling?", en = "Animal abuse?" }
when = [{ types = ["threat"], about = "perpetrator" }]

[[parts]]
id = "one"
title = { nl = "Een", en = "One" }
[[parts.signals]]
id = "fear"
title = { nl = "Angst", en = "Fear" }
items = ["victim_fears_violence", "org_pet_abuse"]
red = { min_yes = 2 }

[[conclusions]]
id = "act"
title = { nl = "Handelen", en = "Act" }
when_any = [{ signal = "fear", rating = "blue" }]

[[conclusions]]
id = "wait"
title = { nl = "Afwachten", en = "Wait" }
otherwise = true
"""


def test_an_organisation_loads_its_own_definition_file_into_the_same_engine(tmp_path):
    registry = default_registry()
    instrument = registry.load_file(_definition(tmp_path, ORG_FORM))
    assert instrument is not None and (instrument.id, instrument.version) == ("org-official-form", "2.1")
    outcome = run("intimate-terror", registry=registry)
    result = outcome.result("org-official-form")
    assert result is not None and result.conclusion == "act"
    assert result.signal("fear").facts == ("f4",)  # type: ignore[union-attr]
    assert "org_pet_abuse" not in default_registry().items, "the shipped registry is not changed"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('items = ["victim_fears_violence", "org_pet_abuse"]', 'items = ["nope"]', "not in the item bank"),
        ("red = { min_yes = 2 }", "red = { min_yes = 0 }", "at least one 'yes'"),
        (
            'when_any = [{ signal = "fear", rating = "blue" }]',
            'when_any = [{ part = "two", min_red = 1 }]',
            "expected {part",
        ),
        ("otherwise = true", 'when_any = [{ part = "*", min_red = 1 }]', "exactly the last one"),
        ('types = ["threat"]', 'types = ["thread"]', "unknown fact type"),
        ('format = "huisverbod-instrument/1"', 'format = "x"', "format: expected"),
    ],
)
def test_a_malformed_definition_is_refused_naming_the_key(tmp_path, old, new, message):
    with pytest.raises(DefinitionError, match=message):
        default_registry().load_file(_definition(tmp_path, ORG_FORM.replace(old, new)))


def test_an_item_may_not_be_redefined_with_another_meaning(tmp_path):
    body = ORG_FORM.replace('id = "org_pet_abuse"', 'id = "victim_fears_violence"')
    with pytest.raises(DefinitionError, match="another meaning"):
        default_registry().load_file(_definition(tmp_path, body))


def test_versions_the_latest_is_the_default(tmp_path):
    registry = default_registry()
    registry.load_file(_definition(tmp_path, ORG_FORM))
    newer = tmp_path / "newer.toml"
    newer.write_text(ORG_FORM.replace('version = "2.1"', 'version = "2.10"'), encoding="utf-8")
    registry.load_file(newer)
    assert registry.instrument("org-official-form").version == "2.10"
    assert registry.instrument("org-official-form", "2.1").version == "2.1"
    with pytest.raises(DefinitionError, match="registered twice"):
        registry.load_file(newer)


def test_results_are_json_serialisable_item_answers():
    outcome = run("children-witness-violence")
    assert json.loads(json.dumps([a.to_dict() for a in outcome.answers.values()]))
