"""Import is all-or-nothing; export gives back the same JSON object (issue: case records)."""

from __future__ import annotations

import json

import pytest

from huisverbod.cases.casefiles import ImportRefused, export_case, export_cases, import_casefiles, parse_named
from huisverbod.cases.models import Case, Fact, Person
from huisverbod.core.casefile import dumps
from tests.helpers import example, example_paths, mutate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_import_then_export_gives_the_identical_object(path):
    (case,) = import_casefiles([parse_named(path.name, path.read_bytes())])
    assert export_case(case) == json.loads(path.read_text(encoding="utf-8"))


def test_round_trip_keeps_unknown_keys_absent_keys_and_date_texts():
    document = mutate(example("seed-2"), "x_note", {"nested": [1, 2]})
    document = mutate(document, "assessment_time", "2021-10-19T19:15Z")
    document = mutate(document, "facts.0.against", [])
    document = mutate(document, "persons.2.sex", delete=True)
    document = mutate(document, "order", {"imposed_at": "2021-10-19T22:05:00+02:00", "imposed_by": "mayor"})
    (case,) = import_casefiles([parse_named("doc", json.dumps(document))])
    assert export_case(case) == document


def test_refused_import_leaves_the_store_unchanged(seed_cases):
    before = dumps(export_cases(Case.objects.order_by("reference")))
    new_case = mutate(example("seed-1"), "id", "new-case")
    duplicate = example("seed-2")  # already stored
    with pytest.raises(ImportRefused) as caught:
        import_casefiles(
            [parse_named("new", json.dumps(new_case)), parse_named("dup", json.dumps(duplicate))]
        )
    assert "id: a case 'seed-2' is already stored" in str(caught.value)
    assert dumps(export_cases(Case.objects.order_by("reference"))) == before
    assert not Case.objects.filter(reference="new-case").exists()


def test_two_files_with_one_id_are_refused_together(db):
    document = example("seed-1")
    with pytest.raises(ImportRefused):
        import_casefiles([parse_named("a", json.dumps(document)), parse_named("b", json.dumps(document))])
    assert Case.objects.count() == 0 and Person.objects.count() == 0


def test_a_failure_half_way_rolls_everything_back(db, monkeypatch):
    from huisverbod.cases import casefiles

    calls = {"n": 0}
    real_store_fact = casefiles.store_fact

    def failing_store_fact(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 20:
            raise RuntimeError("disk full")
        return real_store_fact(*args, **kwargs)

    monkeypatch.setattr(casefiles, "store_fact", failing_store_fact)
    files = [parse_named(p.name, p.read_bytes()) for p in example_paths()]
    with pytest.raises(RuntimeError):
        import_casefiles(files)
    assert (Case.objects.count(), Fact.objects.count(), Person.objects.count()) == (0, 0, 0)
