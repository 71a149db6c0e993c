"""Extracts of the police and Veilig Thuis registries, each in its own tables (never merged),
their blocking keys, and the history lookups done on cases with their decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Registry(models.TextChoices):
    POLICE = "police", _("Police registry")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis registry")


class ImportBatch(models.Model):
    registry = models.CharField(_("registry"), max_length=16, choices=Registry.choices)
    file_name = models.CharField(_("file"), max_length=300)
    file_format = models.CharField(_("format"), max_length=8)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rejected = models.JSONField(default=list, help_text="Every rejected row: line, field, reason.")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.CharField(max_length=150)

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.registry} {self.file_name}"


class RegistryRecordBase(models.Model):
    """One registration about one person (the matcher's ``RecordLike``)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    record_id = models.CharField(_("record number"), max_length=64)
    registry_person_id = models.CharField(_("person number in the registry"), max_length=64, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    prefix = models.CharField(_("prefix"), max_length=40, blank=True)
    surname = models.CharField(_("surname"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=16, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    event_date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.record_id

    # The matcher reads these as optional values.
    @property
    def sex_or_none(self) -> str | None:
        return self.sex or None


class PoliceRecord(RegistryRecordBase):
    incident_type = models.CharField(_("incident type"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("police registration")
        verbose_name_plural = _("police registrations")
        constraints = [models.UniqueConstraint(fields=["record_id"], name="police_record_id_unique")]
        indexes = [models.Index(fields=["event_date"], name="police_record_date_idx")]


class VeiligThuisRecord(RegistryRecordBase):
    outcome = models.CharField(_("outcome (VT-00 … VT-99)"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("Veilig Thuis report")
        verbose_name_plural = _("Veilig Thuis reports")
        constraints = [models.UniqueConstraint(fields=["record_id"], name="vt_record_id_unique")]
        indexes = [models.Index(fields=["event_date"], name="vt_record_date_idx")]


class PoliceKey(models.Model):
    """A blocking key of a police registration: an exact, indexed lookup."""

    key = models.CharField(max_length=120)
    record = models.ForeignKey(PoliceRecord, on_delete=models.CASCADE, related_name="keys")

    class Meta:
        indexes = [models.Index(fields=["key", "record"], name="police_key_idx")]

    def __str__(self) -> str:
        return self.key


class VeiligThuisKey(models.Model):
    key = models.CharField(max_length=120)
    record = models.ForeignKey(VeiligThuisRecord, on_delete=models.CASCADE, related_name="keys")

    class Meta:
        indexes = [models.Index(fields=["key", "record"], name="vt_key_idx")]

    def __str__(self) -> str:
        return self.key


class Lookup(models.Model):
    """A history lookup on a case: who asked, why (purpose and legal basis), what was found."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="history_lookups")
    registry = models.CharField(_("registry"), max_length=16, choices=Registry.choices)
    purpose = models.TextField(_("purpose"))
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    results = models.JSONField(help_text="Per case person: the candidates with their explanation.")

    class Meta:
        verbose_name = _("history lookup")
        verbose_name_plural = _("history lookups")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.registry} {self.requested_at:%Y-%m-%d %H:%M}"


class LinkDecision(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed: this is the person")
    REJECTED = "rejected", _("Rejected: another person")


class RecordLink(models.Model):
    """A professional's decision on one candidate: confirmed records become facts of the case."""

    lookup = models.ForeignKey(Lookup, on_delete=models.CASCADE, related_name="links")
    involvement = models.ForeignKey("cases.Involvement", on_delete=models.CASCADE, related_name="+")
    registry = models.CharField(max_length=16, choices=Registry.choices)
    record_id = models.CharField(max_length=64)
    band = models.CharField(max_length=16)
    decision = models.CharField(max_length=10, choices=LinkDecision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    fact = models.OneToOneField(
        "cases.Fact", on_delete=models.SET_NULL, null=True, blank=True, related_name="registry_link"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lookup", "involvement", "registry", "record_id"], name="one_decision_per_candidate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registry}:{self.record_id} {self.decision}"
