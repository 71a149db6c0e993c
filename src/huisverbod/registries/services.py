"""History lookup on a case: find its persons in a registry, explain every candidate, and let a
professional confirm or reject each one. Confirmed records become facts of the case (origin
``record``, source the registry's agency), linked to the record they came from.

No lookup happens without a recorded purpose and legal basis; each is in the processing log.
A stranger's history must never enter a family's file: every candidate, also one in the match
band, is used only after a person confirmed it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.cases.models import Case, Involvement
from huisverbod.cases.services import add_fact
from huisverbod.core.matching import Matcher, PersonQuery
from huisverbod.core.matching.case import resolve_case
from huisverbod.registries.backend import TABLES, DjangoSqlSource
from huisverbod.registries.models import LinkDecision, Lookup, RecordLink, Registry

LEGAL_BASES = {
    "besluit-art-2-lid-3": _(
        "art. 2 lid 3 Besluit tijdelijk huisverbod: police data on the person, as far as the "
        "decision needs them"
    ),
    "wpg-art-19": _("art. 19 Wpg: police data to third parties in special cases, for a weighty interest"),
    "wpg-art-20": _("art. 20 Wpg: structural sharing in a partnership (convenant) [U]"),
    "wmo-5-2-6": _("art. 5.2.6 Wmo 2015: Veilig Thuis processes data without consent [U]"),
}


class LookupRefused(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def query_of(involvement: Involvement) -> PersonQuery:
    """The person as the case knows them; the dwelling's address when they live there."""
    person = involvement.person
    dwelling = involvement.case.dwelling
    lives_there = involvement.residence in ("lives_there", "stays_more_than_incidentally")
    return PersonQuery(
        given_names=person.given_names,
        surname=person.surname,
        birth_date=person.birth_date,
        sex=person.sex or None,
        bsn=person.bsn or None,
        street=person.street or (dwelling.street if lives_there else None),
        house_number=person.house_number or (dwelling.house_number if lives_there else None),
        postcode=person.postcode or (dwelling.postcode if lives_there else None),
    )


def _shown(registry: Registry, record_ids: set[str]) -> dict[str, dict[str, Any]]:
    """What a professional needs to judge a candidate: the registration's own details."""
    model = TABLES[registry][0]
    shown = {}
    for row in model.objects.filter(record_id__in=record_ids):
        shown[row.record_id] = {
            "name": " ".join(p for p in (row.given_names, row.prefix, row.surname) if p),
            "birth_date": row.birth_date.isoformat() if row.birth_date else "",
            "address": " ".join(p for p in (row.street, row.house_number, row.postcode, row.city) if p),
            "date": row.event_date.isoformat(),
            "kind": getattr(row, "outcome", "") or getattr(row, "incident_type", ""),
            "summary": row.summary,
        }
    return shown


@transaction.atomic
def lookup_history(
    case: Case, user: User, *, registry: str, purpose: str, legal_basis: str, context: AuditContext
) -> Lookup:
    if not purpose.strip():
        raise LookupRefused("purpose", str(_("A lookup needs its purpose: why this history is needed.")))
    if legal_basis not in LEGAL_BASES:
        raise LookupRefused("legal_basis", str(_("Choose the legal basis of the lookup.")))
    if registry not in Registry.values:
        raise LookupRefused("registry", str(_("Choose a registry.")))
    matcher = Matcher(DjangoSqlSource(registry))
    involvements = list(case.involvements.select_related("person", "case__dwelling").order_by("position"))
    found = resolve_case({inv.local_id: matcher.find(query_of(inv)) for inv in involvements})
    results: dict[str, Any] = {}
    record_ids: set[str] = set()
    for local_id, result in found.items():
        results[local_id] = result.to_dict()
        record_ids |= {c["record_id"] for c in results[local_id]["candidates"]}
    shown = _shown(Registry(registry), record_ids)
    for entry in results.values():
        for candidate in entry["candidates"]:
            candidate["shown"] = shown.get(candidate["record_id"], {})
    lookup = Lookup.objects.create(
        case=case,
        registry=registry,
        purpose=purpose.strip(),
        legal_basis=legal_basis,
        requested_by=user,
        organisation=user.organisation,
        results=results,
    )
    record(
        context,
        "history-lookup",
        subjects=of_case(case),
        detail={
            "lookup": lookup.pk,
            "registry": registry,
            "legal_basis": legal_basis,
            "candidates": sum(len(e["candidates"]) for e in results.values()),
        },
    )
    return lookup


@transaction.atomic
def decide(
    lookup: Lookup, user: User, *, person: str, record_id: str, confirm: bool, context: AuditContext
) -> RecordLink:
    """Confirm (the record becomes a fact) or reject a candidate; once per candidate."""
    candidates = lookup.results.get(person, {}).get("candidates", [])
    candidate = next((c for c in candidates if c["record_id"] == record_id), None)
    if candidate is None:
        raise LookupRefused("record_id", str(_("This record was not a candidate for this person.")))
    if RecordLink.objects.filter(lookup=lookup, involvement__local_id=person, record_id=record_id).exists():
        raise LookupRefused("record_id", str(_("This candidate has already been decided.")))
    involvement = lookup.case.involvements.get(local_id=person)
    link = RecordLink(
        lookup=lookup,
        involvement=involvement,
        registry=lookup.registry,
        record_id=record_id,
        band=candidate["band"],
        decided_by=user,
        decision=LinkDecision.CONFIRMED if confirm else LinkDecision.REJECTED,
    )
    if confirm:
        row = TABLES[Registry(lookup.registry)][0].objects.get(record_id=record_id)
        label = "Veilig Thuis" if lookup.registry == Registry.VEILIG_THUIS else "Politie"
        kind = getattr(row, "outcome", "") or getattr(row, "incident_type", "")
        text = f"{label}-registratie {row.record_id} van {row.event_date:%d-%m-%Y}" + (
            f" ({kind})" if kind else ""
        )
        text += f": {row.summary}" if row.summary else "."
        fact = add_fact(
            lookup.case,
            {
                "type": "prior_report",
                "date": row.event_date.isoformat(),
                "about": [person],
                "source": lookup.registry,
                "origin": "record",
                "text": text,
            },
            actor=user,
        )
        link.fact = lookup.case.facts.get(local_id=fact.id)
        record(
            context,
            "fact-create",
            subjects={lookup.case.reference: [involvement.person_id]},
            detail={"fact": fact.id, "from": f"{lookup.registry}:{record_id}"},
        )
    link.save()
    return link
