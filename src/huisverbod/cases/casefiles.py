"""Case files in and out of the store: import (all or nothing), export (the same JSON object back)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from huisverbod.accounts.models import Organisation, User
from huisverbod.cases.models import Case, Dwelling, Fact, FactPerson, Involvement, Person, Relationship
from huisverbod.core import casefile as cf
from huisverbod.core.casefile.errors import CaseFileError, Problem
from huisverbod.core.casefile.parse import FACT_DATE_PATTERN
from huisverbod.core.casefile.serialize import order_to_dict
from huisverbod.core.casefile.vocabulary import (
    FORMAT_V1,
    OrderImposedBy,
    OrganisationKind,
    Origin,
    RelationshipKind,
    Residence,
    Role,
    Sex,
    TriggerKind,
)


@dataclass(frozen=True)
class NamedCaseFile:
    """A parsed case file and where it came from (a path, an upload name)."""

    name: str
    casefile: cf.CaseFile


def parse_named(name: str, text: str | bytes) -> NamedCaseFile:
    return NamedCaseFile(name=name, casefile=cf.parse_text(text, source=name).casefile)


class ImportRefused(Exception):
    """Nothing was stored: ``errors`` holds every refused file's problems."""

    def __init__(self, errors: list[CaseFileError]) -> None:
        self.errors = errors
        super().__init__("\n".join(error.describe() for error in errors))


def import_casefiles(
    files: Sequence[NamedCaseFile],
    *,
    actor: User | None = None,
    organisation: Organisation | None = None,
) -> list[Case]:
    """Store every file in one transaction, or none of them.

    A file is refused when its id is already in the store or appears twice in ``files``.
    """
    problems: list[CaseFileError] = []
    seen: dict[str, str] = {}
    existing = set(
        Case.objects.filter(reference__in=[f.casefile.id for f in files]).values_list("reference", flat=True)
    )
    for named in files:
        case_id = named.casefile.id
        if case_id in existing:
            problems.append(
                CaseFileError([Problem("id", f"a case '{case_id}' is already stored")], named.name)
            )
        elif case_id in seen:
            problems.append(
                CaseFileError([Problem("id", f"case '{case_id}' is also in {seen[case_id]}")], named.name)
            )
        seen.setdefault(case_id, named.name)
    if problems:
        raise ImportRefused(problems)
    with transaction.atomic():
        cases = [_store(named.casefile, actor, organisation) for named in files]
        if organisation is not None:
            from huisverbod.access.models import Reason
            from huisverbod.access.services import grant

            for case in cases:
                grant(case, organisation, Reason.STARTED, by=actor)
        return cases


def _store(casefile: cf.CaseFile, actor: User | None, organisation: Organisation | None) -> Case:
    case = Case.objects.create(
        reference=casefile.id,
        title=casefile.title or "",
        has_title=casefile.title is not None,
        assessment_time=casefile.assessment_time.value,
        assessment_time_text=casefile.assessment_time.text,
        trigger_kind=casefile.trigger.kind.value,
        trigger_requested_by=casefile.trigger.requested_by.value if casefile.trigger.requested_by else "",
        trigger_extra=dict(casefile.trigger.extra),
        has_relationships=casefile.relationships is not None,
        order_data=order_to_dict(casefile.order) if casefile.order else None,
        extra=dict(casefile.extra),
        started_by=organisation,
        created_by=actor,
    )
    d = casefile.dwelling
    Dwelling.objects.create(
        case=case,
        street=d.street,
        house_number=d.house_number,
        postcode=d.postcode,
        city=d.city,
        extra=dict(d.extra),
    )
    involvements: dict[str, Involvement] = {}
    for position, p in enumerate(casefile.persons):
        person = Person.objects.create(
            given_names=p.given_names,
            surname=p.surname,
            birth_date=p.birth_date,
            sex=p.sex.value if p.sex else "",
        )
        involvements[p.id] = Involvement.objects.create(
            case=case,
            person=person,
            local_id=p.id,
            role=p.role.value,
            residence=p.residence.value,
            note=p.note,
            position=position,
            extra=dict(p.extra),
        )
    Relationship.objects.bulk_create(
        Relationship(
            case=case,
            first=involvements[r.between[0]],
            second=involvements[r.between[1]],
            kind=r.kind.value,
            position=position,
            extra=dict(r.extra),
        )
        for position, r in enumerate(casefile.all_relationships)
    )
    for position, fact in enumerate(casefile.facts):
        store_fact(case, fact, involvements, position=position, actor=actor, organisation=organisation)
    return case


def new_fact(
    case: Case,
    fact: cf.Fact,
    involvements: dict[str, Involvement],
    *,
    position: int,
    actor: User | None = None,
    organisation: Organisation | None = None,
) -> tuple[Fact, list[FactPerson]]:
    """A case file's fact as an unsaved record with its unsaved links to the persons it is about
    and against (for one insert here, or many in a bulk load)."""
    record = Fact(
        case=case,
        local_id=fact.id,
        type=fact.type,
        date_text=fact.date.text if fact.date else "",
        date_precision=fact.date.precision.value if fact.date else "",
        date_start=fact.date.start if fact.date else None,
        date_end=fact.date.end if fact.date else None,
        source=fact.source.value,
        origin=fact.origin.value,
        stated_by=involvements[fact.stated_by] if fact.stated_by else None,
        text=fact.text,
        has_against=fact.against is not None,
        position=position,
        extra=dict(fact.extra),
        recorded_by=actor,
        recorded_by_organisation=organisation,
    )
    links = [
        FactPerson(fact=record, involvement=involvements[pid], relation=FactPerson.Relation.ABOUT, position=i)
        for i, pid in enumerate(fact.about)
    ] + [
        FactPerson(
            fact=record, involvement=involvements[pid], relation=FactPerson.Relation.AGAINST, position=i
        )
        for i, pid in enumerate(fact.harmed)
    ]
    return record, links


def store_fact(
    case: Case,
    fact: cf.Fact,
    involvements: dict[str, Involvement],
    *,
    position: int,
    actor: User | None = None,
    organisation: Organisation | None = None,
) -> Fact:
    record, links = new_fact(
        case, fact, involvements, position=position, actor=actor, organisation=organisation
    )
    record.save()
    FactPerson.objects.bulk_create(links)
    return record


# -- from the store back to a case file ----------------------------------------------------


def _instant(text: str) -> cf.Instant:
    return cf.Instant(text=text, value=datetime.fromisoformat(text))


def _fact_date(text: str) -> cf.FactDate | None:
    if not text:
        return None
    match = FACT_DATE_PATTERN.match(text)
    if match is None:  # stored dates were validated on the way in
        raise ValueError(f"stored fact date {text!r} is malformed")
    return cf.FactDate.from_parts(
        text, int(match[1]), int(match[2]) if match[2] else None, int(match[3]) if match[3] else None
    )


def _order(data: dict[str, Any] | None) -> cf.Order | None:
    if data is None:
        return None
    known = ("imposed_at", "imposed_by", "oral", "extended_until")
    return cf.Order(
        imposed_at=_instant(data["imposed_at"]),
        imposed_by=OrderImposedBy(data["imposed_by"]),
        oral=data.get("oral"),
        extended_until=_instant(data["extended_until"]) if "extended_until" in data else None,
        extra={k: v for k, v in data.items() if k not in known},
    )


def casefile_of(case: Case, *, facts: Iterable[Fact] | None = None) -> cf.CaseFile:
    """The case as a typed case file (the same objects the core assesses)."""
    involvements = list(case.involvements.select_related("person").order_by("position"))
    local_ids = {inv.pk: inv.local_id for inv in involvements}
    if facts is None:
        facts = case.facts.prefetch_related("persons").order_by("position")
    fact_objects = []
    for fact in facts:
        links = sorted(fact.persons.all(), key=lambda link: link.position)
        about = tuple(local_ids[link.involvement_id] for link in links if link.relation == "about")
        against = tuple(local_ids[link.involvement_id] for link in links if link.relation == "against")
        fact_objects.append(
            cf.Fact(
                id=fact.local_id,
                type=fact.type,
                date=_fact_date(fact.date_text),
                about=about,
                against=against if fact.has_against else None,
                source=OrganisationKind(fact.source),
                origin=Origin(fact.origin),
                stated_by=local_ids[fact.stated_by_id] if fact.stated_by_id else None,
                text=fact.text,
                extra=fact.extra,
            )
        )
    dwelling = case.dwelling
    return cf.CaseFile(
        format=FORMAT_V1,
        id=case.reference,
        title=case.title if case.has_title else None,
        assessment_time=_instant(case.assessment_time_text),
        trigger=cf.Trigger(
            kind=TriggerKind(case.trigger_kind),
            requested_by=OrganisationKind(case.trigger_requested_by) if case.trigger_requested_by else None,
            extra=case.trigger_extra,
        ),
        dwelling=cf.Dwelling(
            street=dwelling.street,
            house_number=dwelling.house_number,
            postcode=dwelling.postcode,
            city=dwelling.city,
            extra=dwelling.extra,
        ),
        persons=tuple(
            cf.Person(
                id=inv.local_id,
                given_names=inv.person.given_names,
                surname=inv.person.surname,
                birth_date=inv.person.birth_date,
                birth_date_text=inv.person.birth_date.isoformat(),
                sex=Sex(inv.person.sex) if inv.person.sex else None,
                role=Role(inv.role),
                residence=Residence(inv.residence),
                note=inv.note,
                extra=inv.extra,
            )
            for inv in involvements
        ),
        relationships=tuple(
            cf.Relationship(
                between=(local_ids[r.first_id], local_ids[r.second_id]),
                kind=RelationshipKind(r.kind),
                extra=r.extra,
            )
            for r in case.relationships.order_by("position")
        )
        if case.has_relationships
        else None,
        facts=tuple(fact_objects),
        order=_order(case.order_data),
        extra=case.extra,
    )


def export_case(case: Case) -> dict[str, Any]:
    return cf.to_dict(casefile_of(case))


def export_cases(cases: Iterable[Case]) -> list[dict[str, Any]]:
    return [export_case(case) for case in cases]


__all__ = [
    "ImportRefused",
    "NamedCaseFile",
    "casefile_of",
    "export_case",
    "export_cases",
    "import_casefiles",
    "parse_named",
    "store_fact",
]
