"""Materialised summaries of the records: the figures are read from these alone.

``SummaryCell`` holds one count per level x period x region x month x key (x histogram bucket),
for the municipality, police unit, Veilig Thuis region and national levels; besides the months,
each quarter and year is stored too (``period``; ``month`` is then the period's first day), so
that whole quarters and years are read, not added up on every read. ``CaseContribution`` keeps
what each case added, so that a change to a case's records is brought in by taking back its old
contribution and adding its new one (``services.refresh_cases``). No personal data: counts,
months and region ids only.
"""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    NATIONAL = "national"
    POLICE_UNIT = "police_unit"
    VEILIG_THUIS_REGION = "veilig_thuis_region"
    MUNICIPALITY = "municipality"


class SummaryCell(models.Model):
    level = models.CharField(max_length=24, choices=Level.choices)
    period = models.CharField(max_length=8, default="month")  # month, quarter or year
    region = models.IntegerField(default=0)  # an Organisation id; 0: national, or region unknown
    month = models.DateField()  # the first day of the month (Europe/Amsterdam)
    key = models.CharField(max_length=64)
    bucket = models.IntegerField(default=0)  # histogram bucket for keys "hist.*", else 0
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["level", "period", "region", "month", "key", "bucket"], name="summary_cell_unique"
            )
        ]
        indexes = [models.Index(fields=["level", "period", "month"], name="summary_level_month_idx")]

    def __str__(self) -> str:
        return f"{self.level}:{self.region} {self.period} {self.month:%Y-%m} {self.key}[{self.bucket}]={self.count}"


class CaseContribution(models.Model):
    """What one case added to the summaries. The case id is not a foreign key: when a case is
    destroyed its contribution must still be known to be taken back."""

    case_id = models.BigIntegerField(primary_key=True)
    municipality = models.BigIntegerField(default=0)
    cells = models.JSONField(default=list)  # [[month ISO date, key, bucket, count], ...]

    def __str__(self) -> str:
        return f"case {self.case_id}: {len(self.cells)} cells"
