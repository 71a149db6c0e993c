"""Writing the processing log: one entry per data subject per processing.

Every read and change of personal data goes through ``record``. Entries of one request share
its trace id. The write happens before the data leaves the system: if the log cannot be written,
the request fails rather than process data unlogged.
"""

from __future__ import annotations

import getpass
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from huisverbod.audit.chain import content_of, entry_hash, pseudonym
from huisverbod.audit.models import ChainHead, ProcessingLogEntry, Status
from huisverbod.audit.register import activity


@dataclass(frozen=True)
class AuditContext:
    """Who processes, in which capacity, through which channel, in which trace."""

    actor_id: str
    organisation: str
    role: str
    channel: str
    trace_id: str
    operation: str = ""

    @classmethod
    def for_request(cls, request: HttpRequest, channel: str | None = None) -> AuditContext:
        user = request.user
        organisation = getattr(user, "organisation", None)
        return cls(
            actor_id=pseudonym("user", user.pk) if user.is_authenticated else "anonymous",
            organisation=organisation.code if organisation is not None else "",
            role=getattr(user, "role", "") or "",
            channel=channel or ("api" if request.path.startswith("/api/") else "ui"),
            trace_id=getattr(request, "trace_id", "") or secrets.token_hex(16),
            operation=f"{request.method} {_view_name(request)}",
        )

    @classmethod
    def for_user(cls, user: Any, channel: str, operation: str = "") -> AuditContext:
        organisation = getattr(user, "organisation", None)
        return cls(
            actor_id=pseudonym("user", user.pk),
            organisation=organisation.code if organisation is not None else "",
            role=getattr(user, "role", "") or "",
            channel=channel,
            trace_id=secrets.token_hex(16),
            operation=operation,
        )

    @classmethod
    def for_command(cls, command: str) -> AuditContext:
        """The command line: the operator is the operating-system account running it."""
        return cls(
            actor_id=pseudonym("os-user", getpass.getuser()),
            organisation="",
            role="operator",
            channel="cli",
            trace_id=secrets.token_hex(16),
            operation=f"huisverbod {command}",
        )

    @classmethod
    def for_system(cls, job: str) -> AuditContext:
        return cls(
            actor_id=pseudonym("system", job),
            organisation="",
            role="system",
            channel="worker",
            trace_id=secrets.token_hex(16),
            operation=job,
        )


def _view_name(request: HttpRequest) -> str:
    return request.resolver_match.view_name if request.resolver_match else request.path


def record(
    context: AuditContext,
    activity_id: str,
    *,
    subjects: Mapping[str, Iterable[int]] | None = None,
    detail: dict[str, Any] | None = None,
    status: Status = Status.OK,
    started: datetime | None = None,
) -> list[ProcessingLogEntry]:
    """Log one processing. ``subjects`` maps a case reference ("" for none) to person ids."""
    act = activity(activity_id)
    now = timezone.now()
    rows: list[dict[str, Any]] = []
    for case, person_ids in (subjects or {"": []}).items():
        ids: list[int | None] = [*sorted(set(person_ids))] or [None]
        for person_id in ids:
            rows.append(
                {
                    "trace_id": context.trace_id,
                    "operation_id": secrets.token_hex(8),
                    "status_code": int(status),
                    "name": context.operation[:64] or activity_id,
                    "start_time": started or now,
                    "end_time": now,
                    "processing_activity_id": act.id,
                    "data_subject_id": pseudonym("person", person_id) if person_id is not None else "",
                    "legal_basis": act.legal_basis,
                    "organisation": context.organisation,
                    "role": context.role,
                    "actor_id": context.actor_id,
                    "channel": context.channel,
                    "case": case,
                    "attributes": detail or {},
                }
            )
    return _append(rows)


def _append(rows: list[dict[str, Any]]) -> list[ProcessingLogEntry]:
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        seq, prev = head.last_seq, head.last_hash
        entries = []
        for row in rows:
            seq += 1
            entry = ProcessingLogEntry(seq=seq, prev_hash=prev, hash="", **row)
            # Hash what the database will give back: times to the microsecond in UTC.
            entry.hash = entry_hash(prev, content_of(entry))
            prev = entry.hash
            entries.append(entry)
        ProcessingLogEntry.objects.bulk_create(entries)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
    return entries
