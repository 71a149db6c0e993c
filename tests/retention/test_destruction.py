"""art. 10 Wth: a huisverbod file is kept five years after the decision, then destroyed, through a
destruction list that another person reviews and approves; the destruction is logged."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from huisverbod.audit.log import AuditContext
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.audit.verify import verify_chain
from huisverbod.cases.casefiles import import_casefiles, parse_named
from huisverbod.cases.models import Case, Person
from huisverbod.retention.models import DestructionList, ListStatus
from huisverbod.retention.services import RetentionError, add_years, execute, propose, review
from tests.helpers import example, mutate

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_order(db):
    document = mutate(
        mutate(example("seed-1"), "id", "ordered-2019"),
        "order",
        {
            "imposed_at": "2019-03-01T22:00:00+01:00",
            "imposed_by": "mayor",
            "extended_until": "2019-03-29T22:00:00+01:00",
        },
    )
    (case,) = import_casefiles([parse_named("x", json.dumps(document))])
    return case


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2019, 3, 29), 5, date(2024, 3, 29)),
        (date(2020, 2, 29), 5, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
    ],
)
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


def test_due_five_years_after_the_last_decision(case_with_order):
    assert propose(date(2024, 3, 28), "beheer") is None
    destruction_list = propose(date(2024, 3, 29), "beheer")
    assert destruction_list is not None
    (item,) = destruction_list.items.all()
    assert (item.case_reference, item.anchor_date, item.due_date) == (
        "ordered-2019",
        date(2019, 3, 29),
        date(2024, 3, 29),
    )
    assert "art. 10 Wth" in item.retention_basis
    assert propose(date(2024, 3, 29), "beheer") is None  # already on an open list


def test_nothing_is_destroyed_without_review_by_another_person(case_with_order):
    destruction_list = propose(date(2030, 1, 1), "beheer")
    with pytest.raises(RetentionError, match="only an approved list"):
        execute(destruction_list, AuditContext.for_command("test"))
    with pytest.raises(RetentionError, match="another person"):
        review(destruction_list, "beheer", approve=True)
    assert Case.objects.filter(reference="ordered-2019").exists()


def test_approved_list_destroys_and_logs_without_content(case_with_order):
    person_ids = list(case_with_order.involvements.values_list("person_id", flat=True))
    destruction_list = propose(date(2030, 1, 1), "beheer")
    review(destruction_list, "archivaris", approve=True)
    assert execute(destruction_list, AuditContext.for_command("test")) == 1
    destruction_list.refresh_from_db()
    assert destruction_list.status == ListStatus.EXECUTED
    assert not Case.objects.filter(reference="ordered-2019").exists()
    assert not Person.objects.filter(pk__in=person_ids).exists()
    entries = ProcessingLogEntry.objects.filter(processing_activity_id="case-destroy")
    assert entries.count() == len(person_ids)
    logged = json.dumps(list(entries.values()), default=str)
    assert "Vermeulen" not in logged and "Lindenlaan" not in logged
    assert verify_chain().ok


def test_the_command_walks_the_same_steps(case_with_order, capsys):
    call_command("retention", "propose", "--by", "beheer", "--today", "2030-01-01")
    list_id = str(DestructionList.objects.get().pk)
    with pytest.raises(CommandError, match="another person"):
        call_command("retention", "review", list_id, "--by", "beheer", "--approve")
    call_command("retention", "review", list_id, "--by", "archivaris", "--approve")
    call_command("retention", "execute", list_id)
    call_command("retention", "show", list_id)
    assert "ordered-2019: due 29-03-2024" in capsys.readouterr().out
    assert not Case.objects.filter(reference="ordered-2019").exists()


def test_registry_records_follow_their_own_regime(db, tmp_path, settings):
    from huisverbod.registries.importers import import_file
    from huisverbod.registries.models import PoliceRecord

    settings.REGISTRY_RETENTION_YEARS = {"police": 5, "veilig_thuis": 20}
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"record_id": "OLD", "surname": "Oud", "incident_date": "2015-01-10"}\n'
        '{"record_id": "NEW", "surname": "Nieuw", "incident_date": "2023-01-10"}\n',
        encoding="utf-8",
    )
    import_file("police", path, "jsonl", imported_by="test")
    destruction_list = propose(date(2024, 6, 1), "beheer")
    (item,) = destruction_list.items.all()
    assert (item.registry, item.case_reference, item.due_date) == ("police", "OLD", date(2020, 1, 10))
    review(destruction_list, "archivaris", approve=True)
    execute(destruction_list, AuditContext.for_command("test"))
    assert list(PoliceRecord.objects.values_list("record_id", flat=True)) == ["NEW"]
    assert ProcessingLogEntry.objects.filter(processing_activity_id="registry-destroy").count() == 1
