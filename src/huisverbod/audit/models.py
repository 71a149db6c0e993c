"""The processing log, in the shape of the Logboek Dataverwerkingen (LDV) standard.

One row per processing of one data subject's data: a read or a change, through the interface,
the API or the command. Rows are only ever appended: the model refuses changes, PostgreSQL
refuses UPDATE and DELETE by trigger (SQLite refuses UPDATE), and every row carries a keyed hash
of its content and of the row before it, so `huisverbod audit verify` finds any row that was
altered, removed or inserted.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """The processing log cannot be changed or deleted."""


class Status(models.IntegerChoices):
    UNKNOWN = 0, "unknown"
    OK = 1, "ok"
    ERROR = 2, "error"


class ProcessingLogEntry(models.Model):
    seq = models.BigIntegerField(primary_key=True)
    # LDV fields
    trace_id = models.CharField(max_length=32)
    operation_id = models.CharField(max_length=16)
    status_code = models.SmallIntegerField(choices=Status.choices, default=Status.OK)
    name = models.CharField(max_length=64)  # the operation, e.g. "GET case page"
    start_time = models.DateTimeField()
    end_time = models.DateTimeField()
    # LDV attributes dpl.core.*
    processing_activity_id = models.CharField(max_length=64)
    data_subject_id = models.CharField(max_length=64, blank=True)  # pseudonymised
    # This system's attributes dpl.huisverbod.*
    legal_basis = models.TextField()
    organisation = models.CharField(max_length=64, blank=True)  # the organisation's code
    role = models.CharField(max_length=40, blank=True)
    actor_id = models.CharField(max_length=64)  # pseudonymised
    channel = models.CharField(max_length=8)  # ui, api, cli, worker
    case = models.CharField(max_length=64, blank=True)  # the case reference
    attributes = models.JSONField(default=dict)  # further non-personal key-values
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("processing log entry")
        verbose_name_plural = _("processing log")
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["data_subject_id", "seq"], name="audit_subject_idx"),
            models.Index(fields=["case", "seq"], name="audit_case_idx"),
            models.Index(fields=["trace_id"], name="audit_trace_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.processing_activity_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not kwargs.get("force_insert") and not self._state.adding:
            raise AppendOnlyError("the processing log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the processing log is append-only")


class ChainHead(models.Model):
    """The last entry's position and hash: the point every new entry links to."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.last_seq}"
