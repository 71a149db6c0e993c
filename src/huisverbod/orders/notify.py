"""Notifying the organisations on a case: in-app notifications, plus e-mail through the outbox.

Texts carry the order and case numbers and what happened or is due, never a person's name or
address. A notification's key is unique per organisation, so nothing is notified twice.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from huisverbod.access.models import CaseAccess, Reason, Scope
from huisverbod.access.policy import CASE_ROLES
from huisverbod.access.services import grant
from huisverbod.accounts.models import Organisation, User
from huisverbod.notifications.models import Notification, OutgoingEmail
from huisverbod.orders.labels import deadline_label
from huisverbod.orders.models import Deadline, Order

EVENT_TEXTS = {
    "order_imposed": gettext_noop("A huisverbod is imposed."),
    "order_confirmed": gettext_noop("The written beschikking after the oral order is issued."),
    "order_extended": gettext_noop("The huisverbod is extended."),
    "order_withdrawn": gettext_noop("The huisverbod is withdrawn."),
    "order_expired": gettext_noop("The huisverbod has ended: its term has run out."),
    "order_annulled": gettext_noop("The court annulled the huisverbod; it has ended."),
    "appeal_lodged": gettext_noop("An appeal against the huisverbod is lodged."),
    "order_violated": gettext_noop("A violation of the huisverbod is registered (art. 11 Wth)."),
}


def _organisations(order: Order, *, veilig_thuis_always: bool) -> list[Organisation]:
    grants = (
        CaseAccess.objects.active().filter(case=order.case, scope=Scope.FULL).select_related("organisation")
    )
    organisations = {g.organisation for g in grants} | {order.municipality}
    if veilig_thuis_always and order.municipality.veilig_thuis_region is not None:
        region = order.municipality.veilig_thuis_region
        if region not in organisations:
            grant(order.case, region, Reason.SHARED, note="Veilig Thuis is always notified of a huisverbod")
        organisations.add(region)
    return sorted(organisations, key=lambda o: o.pk)


def _emails(organisation: Organisation) -> list[str]:
    return list(
        User.objects.filter(organisation=organisation, is_active=True, role__in=CASE_ROLES)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _create(
    organisation: Organisation, order: Order, *, kind: str, key: str, subject: str, body: str
) -> None:
    url = reverse("web:order-detail", args=[order.pk])
    notification, created = Notification.objects.get_or_create(
        key=key,
        organisation=organisation,
        defaults={
            "case": order.case,
            "order": order,
            "kind": kind,
            "subject": subject,
            "body": body,
            "url": url,
        },
    )
    recipients = _emails(organisation)
    if created and recipients:
        OutgoingEmail.objects.create(
            notification=notification,
            to=recipients,
            subject=subject,
            body=f"{body}\n\n{settings.SITE_URL}{url}",
        )


def notify_case(order: Order, kind: str, *, veilig_thuis_always: bool = False, key_suffix: str = "") -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Huisverbod %(number)s (case %(case)s)") % {
            "number": order.number,
            "case": order.case.reference,
        }
        body = _(EVENT_TEXTS[kind])
        if order.ends_at is not None and kind in ("order_imposed", "order_extended", "order_confirmed"):
            body += " " + _("It ends on %(end)s.") % {
                "end": timezone.localtime(order.ends_at).strftime("%d-%m-%Y %H:%M")
            }
    key = f"order:{order.pk}:{kind}" + (f":{key_suffix}" if key_suffix else "")
    for organisation in _organisations(order, veilig_thuis_always=veilig_thuis_always):
        _create(organisation, order, kind=kind, key=key, subject=subject, body=body)


def reminder_notifications(
    deadline: Deadline, reminder_key: str, organisations: list[Organisation]
) -> list[Notification]:
    """The notifications for one due reminder (the worker creates them in bulk)."""
    order = deadline.order
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Huisverbod %(number)s (case %(case)s)") % {
            "number": order.number,
            "case": order.case.reference,
        }
        body = _("%(deadline)s: due %(due)s (%(basis)s).") % {
            "deadline": deadline_label(deadline.kind),
            "due": timezone.localtime(deadline.due_at).strftime("%d-%m-%Y %H:%M"),
            "basis": deadline.legal_basis,
        }
    url = reverse("web:order-detail", args=[order.pk])
    return [
        Notification(
            organisation=o,
            case_id=order.case_id,
            order=order,
            kind="deadline",
            key=reminder_key,
            subject=subject,
            body=body,
            url=url,
        )
        for o in organisations
    ]
