"""In-app notifications for the organisations on a case, and the e-mail outbox.

A notification has a key that is unique per organisation: whatever happens to the worker, a
reminder or event becomes at most one notification per organisation (exactly once, with the
outbox). Notifications never carry personal data beyond the case reference: no names, no
addresses (a confidential address must never travel in one).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    order = models.ForeignKey(
        "orders.Order", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=48)
    key = models.CharField(max_length=160, help_text="What this notifies; unique per organisation.")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "organisation"], name="notification_once_per_org")
        ]
        indexes = [
            models.Index(fields=["organisation", "read_at", "-created_at"], name="notification_inbox_idx")
        ]

    def __str__(self) -> str:
        return self.subject


class OutgoingEmail(models.Model):
    """An e-mail to send through Django's mail backend; the worker sends and marks it."""

    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="email")
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "created_at"], name="email_pending_idx")]

    def __str__(self) -> str:
        return self.subject
