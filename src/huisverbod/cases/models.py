"""Case records: the case, its dwelling, the persons and their involvement, relationships and facts.

The records hold everything a case file (``huisverbod-casus/1``) says, including which optional
keys it gave and the date texts as written, so that an export gives back the same JSON object.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from huisverbod.core.casefile.vocabulary import (
    FACT_TYPES,
    DatePrecision,
    OrganisationKind,
    Origin,
    RelationshipKind,
    Residence,
    Role,
    Sex,
    TriggerKind,
)


def validate_bsn(value: str) -> None:
    """A burgerservicenummer passes the eleven-test (elfproef)."""
    from stdnum.nl import bsn

    if value and not bsn.is_valid(value):
        raise ValidationError(_("This is not a valid BSN (it fails the eleven-test)."))


class TriggerKindChoices(models.TextChoices):
    POLICE_INCIDENT = TriggerKind.POLICE_INCIDENT, _("Police incident")
    VEILIG_THUIS_REPORT = TriggerKind.VEILIG_THUIS_REPORT, _("Veilig Thuis report")
    CRISIS_SERVICE = TriggerKind.CRISIS_SERVICE, _("Crisis service")
    PLANNED = TriggerKind.PLANNED, _("Planned (structural violence)")


class SourceChoices(models.TextChoices):
    POLICE = OrganisationKind.POLICE, _("Police")
    VEILIG_THUIS = OrganisationKind.VEILIG_THUIS, _("Veilig Thuis")
    CRISIS_SERVICE = OrganisationKind.CRISIS_SERVICE, _("Crisis service")
    AMBULANCE = OrganisationKind.AMBULANCE, _("Ambulance")
    CARE_PROVIDER = OrganisationKind.CARE_PROVIDER, _("Care provider")
    MUNICIPALITY = OrganisationKind.MUNICIPALITY, _("Municipality")
    PUBLIC_PROSECUTOR = OrganisationKind.PUBLIC_PROSECUTOR, _("Public prosecutor")
    CHILD_PROTECTION = OrganisationKind.CHILD_PROTECTION, _("Child protection")
    GENERAL_PRACTITIONER = OrganisationKind.GENERAL_PRACTITIONER, _("General practitioner")
    SCHOOL = OrganisationKind.SCHOOL, _("School")
    OTHER = OrganisationKind.OTHER, _("Other")


class RoleChoices(models.TextChoices):
    PERPETRATOR = Role.PERPETRATOR, _("Perpetrator")
    VICTIM = Role.VICTIM, _("Victim")
    CHILD = Role.CHILD, _("Child")
    HOUSEMATE = Role.HOUSEMATE, _("Housemate")
    OTHER = Role.OTHER, _("Other")


class ResidenceChoices(models.TextChoices):
    LIVES_THERE = Residence.LIVES_THERE, _("Lives there")
    STAYS_MORE_THAN_INCIDENTALLY = (
        Residence.STAYS_MORE_THAN_INCIDENTALLY,
        _("Stays there more than incidentally"),
    )
    STAYS_INCIDENTALLY = Residence.STAYS_INCIDENTALLY, _("Stays there incidentally")
    LIVES_ELSEWHERE = Residence.LIVES_ELSEWHERE, _("Lives elsewhere")


class SexChoices(models.TextChoices):
    M = Sex.M, _("Male")
    F = Sex.F, _("Female")
    X = Sex.X, _("X")


class RelationshipKindChoices(models.TextChoices):
    PARTNERS = RelationshipKind.PARTNERS, _("Partners")
    EX_PARTNERS = RelationshipKind.EX_PARTNERS, _("Ex-partners")
    PARENT_CHILD = RelationshipKind.PARENT_CHILD, _("Parent and child")
    SIBLINGS = RelationshipKind.SIBLINGS, _("Siblings")
    OTHER_FAMILY = RelationshipKind.OTHER_FAMILY, _("Other family")
    HOUSEMATES = RelationshipKind.HOUSEMATES, _("Housemates")


class OriginChoices(models.TextChoices):
    OBSERVATION = Origin.OBSERVATION, _("Observation")
    STATEMENT = Origin.STATEMENT, _("Statement")
    RECORD = Origin.RECORD, _("Record")


class DatePrecisionChoices(models.TextChoices):
    YEAR = DatePrecision.YEAR, _("Year")
    MONTH = DatePrecision.MONTH, _("Month")
    DAY = DatePrecision.DAY, _("Day")


FACT_TYPE_CHOICES = [(fact_type, fact_type) for fact_type in FACT_TYPES]


class CaseQuerySet(models.QuerySet["Case"]):
    def search(self, text: str) -> CaseQuerySet:
        """Cases whose reference, title, city or person names contain ``text``."""
        text = text.strip()
        if not text:
            return self
        match = (
            models.Q(reference__icontains=text)
            | models.Q(title__icontains=text)
            | models.Q(dwelling__city__icontains=text)
            | models.Q(dwelling__street__icontains=text)
            | models.Q(involvements__person__surname__icontains=text)
            | models.Q(involvements__person__given_names__icontains=text)
        )
        ids = self.filter(match).values("pk")
        return self.filter(pk__in=ids)


class Case(models.Model):
    reference = models.CharField(
        _("reference"),
        max_length=64,
        unique=True,
        help_text=_("The case's identifier, as in the case file's id."),
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    has_title = models.BooleanField(default=False, editable=False)
    assessment_time = models.DateTimeField(_("assessment time"))
    assessment_time_text = models.CharField(max_length=40, editable=False)
    trigger_kind = models.CharField(_("trigger"), max_length=32, choices=TriggerKindChoices.choices)
    trigger_requested_by = models.CharField(
        _("requested by"), max_length=32, choices=SourceChoices.choices, blank=True
    )
    trigger_extra = models.JSONField(default=dict, blank=True, editable=False)
    has_relationships = models.BooleanField(default=True, editable=False)
    # The case file's ``order`` block as written. The order's lifecycle lives in its own records.
    order_data = models.JSONField(null=True, blank=True, editable=False)
    extra = models.JSONField(default=dict, blank=True, editable=False)
    started_by = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_started",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-assessment_time", "reference"]
        indexes = [models.Index(fields=["-assessment_time", "reference"], name="case_recent_idx")]

    def __str__(self) -> str:
        return self.reference


class Dwelling(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="dwelling")
    street = models.CharField(_("street"), max_length=200)
    house_number = models.CharField(_("house number"), max_length=20)
    postcode = models.CharField(_("postcode"), max_length=16)
    city = models.CharField(_("city"), max_length=100)
    extra = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("dwelling")
        verbose_name_plural = _("dwellings")

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode} {self.city}"


class Person(models.Model):
    """A natural person. The same person may be involved in several cases."""

    given_names = models.CharField(_("given names"), max_length=200)
    surname = models.CharField(_("surname"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=SexChoices.choices, blank=True)
    # Not part of the case file: kept only here, shown by need-to-know (access/policy.py), never
    # in an export for another organisation, a notification or a beschikking.
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    bsn_confidential = models.BooleanField(_("BSN is confidential"), default=False)
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=16, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address_confidential = models.BooleanField(
        _("address is confidential"),
        default=False,
        help_text=_("E.g. a shelter address: shown only to those who must act on the person's safety."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["surname", "birth_date"], name="person_name_birth_idx")]

    def __str__(self) -> str:
        return f"{self.given_names} {self.surname}"

    @property
    def has_address(self) -> bool:
        return bool(self.street or self.city)

    @property
    def address_line(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode} {self.city}".strip(" ,")


class Involvement(models.Model):
    """A person's part in one case: the id the case file uses, role and tie to the dwelling."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="involvements")
    local_id = models.CharField(_("id in the case"), max_length=64)
    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)
    residence = models.CharField(_("residence"), max_length=40, choices=ResidenceChoices.choices)
    # NULL means the case file gave no note; "" is an empty note. Export needs the difference.
    note = models.TextField(_("note"), null=True, blank=True)  # noqa: DJ001
    position = models.PositiveIntegerField(default=0)
    extra = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "local_id"], name="involvement_local_id_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Relationship(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relationships")
    first = models.ForeignKey(Involvement, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Involvement, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=RelationshipKindChoices.choices)
    position = models.PositiveIntegerField(default=0)
    extra = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["case", "position"]

    def __str__(self) -> str:
        return f"{self.first.local_id}-{self.second.local_id}: {self.kind}"


class Fact(models.Model):
    """One thing that is known, with who supplied it (source) and how it is known (origin)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="facts")
    local_id = models.CharField(_("id in the case"), max_length=64)
    type = models.CharField(_("fact type"), max_length=64, choices=FACT_TYPE_CHOICES)
    date_text = models.CharField(_("date"), max_length=10, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecisionChoices.choices, blank=True)
    date_start = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True)
    source = models.CharField(_("source"), max_length=32, choices=SourceChoices.choices)
    origin = models.CharField(_("origin"), max_length=16, choices=OriginChoices.choices)
    stated_by = models.ForeignKey(
        Involvement,
        verbose_name=_("stated by"),
        # Both belong to one case, and go together when the case is destroyed.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statements",
    )
    text = models.TextField(_("text"))
    has_against = models.BooleanField(default=False, editable=False)
    position = models.PositiveIntegerField(default=0)
    extra = models.JSONField(default=dict, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "local_id"], name="fact_local_id_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.local_id}: {self.type}"


class FactPerson(models.Model):
    """Whom a fact is about, and against whom it was directed, in the order the file gave."""

    class Relation(models.TextChoices):
        ABOUT = "about", _("about")
        AGAINST = "against", _("against")

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="persons")
    involvement = models.ForeignKey(Involvement, on_delete=models.CASCADE, related_name="fact_links")
    relation = models.CharField(max_length=8, choices=Relation.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["fact", "relation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["fact", "involvement", "relation"], name="fact_person_once_per_relation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fact.local_id} {self.relation} {self.involvement.local_id}"
