"""The report a person gets on a subject access request (art. 15 AVG): who processed their data,
when, and why — organisations and roles, not the names of individual employees."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from huisverbod.accounts.models import Organisation, Role
from huisverbod.audit.chain import pseudonym
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.audit.register import activities


@dataclass(frozen=True)
class ReportRow:
    when: datetime
    organisation: str
    role: str
    activity: str
    purpose: str
    legal_basis: str
    channel: str
    case: str


def subject_report(person_ids: Iterable[int]) -> list[ReportRow]:
    pseudonyms = [pseudonym("person", pid) for pid in person_ids]
    names = dict(Organisation.objects.values_list("code", "name"))
    roles = dict(Role.choices)
    register = activities()
    rows = []
    for entry in ProcessingLogEntry.objects.filter(data_subject_id__in=pseudonyms).order_by("seq"):
        act = register.get(entry.processing_activity_id)
        rows.append(
            ReportRow(
                when=timezone.localtime(entry.start_time),
                organisation=names.get(entry.organisation, entry.organisation or "—"),
                role=str(roles.get(entry.role, entry.role or "—")),
                activity=act.name if act else entry.processing_activity_id,
                purpose=act.purpose if act else "",
                legal_basis=entry.legal_basis,
                channel=entry.channel,
                case=entry.case,
            )
        )
    return rows
