"""The shared timeline of a case: contacts, agreements, what the parties say, signals, and the
referral changes and decisions the system writes when they happen.

A care provider sees only the entries marked for everyone involved; entries with police or
registry details are for the police, Veilig Thuis and the municipality (those who see the facts).
A new entry notifies the organisations on the case that may see it — never with a name in it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huisverbod.access.models import CaseAccess, Scope
from huisverbod.access.policy import CASE_ROLES, Action
from huisverbod.access.services import can
from huisverbod.accounts.models import Organisation, User
from huisverbod.cases.models import Case, Involvement
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import SYSTEM_KINDS, EntryKind, TimelineEntry, Visibility
from huisverbod.notifications.models import Notification, OutgoingEmail

# A little room for clocks that differ; an entry is about what happened, not what will.
FUTURE_TOLERANCE = timedelta(minutes=5)


def visible_entries(user: User, case: Case) -> QuerySet[TimelineEntry]:
    """The entries this user may read: all of them for those who see the facts, else only those
    marked for everyone involved (the query filters; nothing is hidden after the fact)."""
    entries = TimelineEntry.objects.filter(case=case).select_related(
        "party__person", "organisation", "author"
    )
    if not can(user, Action.VIEW_FACTS, case):
        entries = entries.filter(visibility=Visibility.ALL_INVOLVED)
    return entries.order_by("occurred_at", "pk")


def writable_kinds() -> list[tuple[str, Any]]:
    return [(value, label) for value, label in EntryKind.choices if value not in SYSTEM_KINDS]


def visibilities_for(user: User, case: Case) -> list[str]:
    """A care provider writes only what it may read back: entries for everyone involved."""
    if can(user, Action.VIEW_FACTS, case):
        return [v.value for v in Visibility]
    return [Visibility.ALL_INVOLVED.value]


def write_entry(
    case: Case,
    author: User,
    *,
    kind: str,
    visibility: str,
    text: str,
    occurred_at: datetime | None = None,
    party: Involvement | None = None,
) -> TimelineEntry:
    if not can(author, Action.WRITE_TIMELINE, case):
        raise MonitoringError("your role may not write on this timeline", code="forbidden")
    if kind not in {value for value, _label in writable_kinds()}:
        raise MonitoringError("choose what kind of entry this is", field="kind")
    if visibility not in visibilities_for(author, case):
        raise MonitoringError("you can only write entries that everyone involved sees", field="visibility")
    if not text.strip():
        raise MonitoringError("write what happened", field="text")
    now = timezone.now()
    occurred_at = occurred_at or now
    if occurred_at > now + FUTURE_TOLERANCE:
        raise MonitoringError("an entry is about something that has happened", field="occurred_at")
    if party is not None and party.case_id != case.pk:
        raise MonitoringError("the person is not in this case", field="party")
    entry = TimelineEntry.objects.create(
        case=case,
        kind=kind,
        visibility=visibility,
        occurred_at=occurred_at,
        text=text.strip(),
        party=party,
        author=author,
        organisation=author.organisation,
        role=author.role,
    )
    notify_entry(entry)
    return entry


def system_entry(
    case: Case,
    *,
    kind: EntryKind,
    visibility: Visibility,
    text: str,
    occurred_at: datetime,
    source_key: str,
    author: User | None = None,
    party: Involvement | None = None,
    notify: bool = True,
) -> TimelineEntry:
    """An entry the system writes when something happens; once per source (its key)."""
    entry, created = TimelineEntry.objects.get_or_create(
        source_key=source_key,
        defaults={
            "case": case,
            "kind": kind,
            "visibility": visibility,
            "occurred_at": occurred_at,
            "text": text,
            "party": party,
            "author": author,
            "organisation": author.organisation if author is not None else None,
            "role": author.role if author is not None else "system",
        },
    )
    if created and notify:
        notify_entry(entry)
    return entry


def recipients(entry: TimelineEntry) -> list[Organisation]:
    """The organisations on the case that may read the entry, except the one that wrote it."""
    grants = CaseAccess.objects.active().filter(case_id=entry.case_id).select_related("organisation")
    if entry.visibility != Visibility.ALL_INVOLVED:
        grants = grants.filter(scope=Scope.FULL)
    organisations = {g.organisation for g in grants}
    if entry.organisation is not None:
        organisations.discard(entry.organisation)
    return sorted(organisations, key=lambda o: o.pk)


def notify_entry(entry: TimelineEntry) -> int:
    case = entry.case
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Case %(case)s: new on the timeline") % {"case": case.reference}
        body = _("A new entry on the timeline: %(kind)s.") % {"kind": entry.get_kind_display()}
    url = reverse("web:timeline", args=[case.pk]) + f"#entry-{entry.pk}"
    sent = 0
    for organisation in recipients(entry):
        notification, created = Notification.objects.get_or_create(
            key=f"timeline:{entry.pk}",
            organisation=organisation,
            defaults={"case": case, "kind": "timeline_entry", "subject": subject, "body": body, "url": url},
        )
        if not created:
            continue
        sent += 1
        to = list(
            User.objects.filter(organisation=organisation, is_active=True, role__in=CASE_ROLES)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if to:
            OutgoingEmail.objects.create(
                notification=notification, to=to, subject=subject, body=f"{body}\n\n{settings.SITE_URL}{url}"
            )
    return sent
