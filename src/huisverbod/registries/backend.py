"""The matcher's candidate source on the database (``django_sql``): blocking keys are rows of an
indexed key table, so a lookup is two indexed queries on PostgreSQL and SQLite alike."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence

from django.db import connection

from huisverbod.core.matching.base import CandidateSource, Retrieval, Retrieved
from huisverbod.core.matching.model import Record
from huisverbod.core.matching.registry import register
from huisverbod.registries.models import PoliceKey, PoliceRecord, Registry, VeiligThuisKey, VeiligThuisRecord

RecordModel = type[PoliceRecord] | type[VeiligThuisRecord]
KeyModel = type[PoliceKey] | type[VeiligThuisKey]
TABLES: dict[Registry, tuple[RecordModel, KeyModel]] = {
    Registry.POLICE: (PoliceRecord, PoliceKey),
    Registry.VEILIG_THUIS: (VeiligThuisRecord, VeiligThuisKey),
}
COUNT_TTL_SECONDS = 300
_counts: dict[str, tuple[float, int]] = {}


def as_record(row: PoliceRecord | VeiligThuisRecord) -> Record:
    return Record(
        record_id=row.record_id,
        registry_person_id=row.registry_person_id or None,
        given_names=row.given_names,
        prefix=row.prefix,
        surname=row.surname,
        birth_date=row.birth_date,
        sex=row.sex or None,
        bsn=row.bsn or None,
        street=row.street or None,
        house_number=row.house_number or None,
        postcode=row.postcode or None,
    )


@register("django_sql")
class DjangoSqlSource(CandidateSource):
    def __init__(self, registry: str) -> None:
        self.registry = Registry(registry).value
        self.record_model, self.key_model = TABLES[Registry(registry)]

    def candidates(self, query_keys: Sequence[str], limit: int) -> Retrieval:
        keys = sorted(set(query_keys))
        if not keys:
            return Retrieval(candidates=())
        table = self.key_model._meta.db_table
        marks = ", ".join(["%s"] * len(keys))
        # At most limit + 1 rows per key: one more than the limit tells a hot key.
        sql = (
            f"SELECT key, record_id FROM (SELECT key, record_id, ROW_NUMBER() OVER "  # noqa: S608  # nosec B608
            f"(PARTITION BY key ORDER BY record_id) AS rn FROM {table} WHERE key IN ({marks})) AS hits "
            "WHERE rn <= %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*keys, limit + 1])
            hits = cursor.fetchall()
        per_key: dict[str, list[int]] = defaultdict(list)
        for key, record_pk in hits:
            per_key[key].append(record_pk)
        truncated = tuple(sorted(k for k, ids in per_key.items() if len(ids) > limit))
        found_by: dict[int, list[str]] = defaultdict(list)
        for key, ids in per_key.items():
            for record_pk in ids[:limit]:
                found_by[record_pk].append(key)
        rows = self.record_model.objects.in_bulk(list(found_by))
        candidates = [
            Retrieved(record=as_record(rows[pk]), keys=tuple(sorted(found_by[pk])))
            for pk in sorted(rows, key=lambda pk: rows[pk].record_id)
        ]
        return Retrieval(candidates=candidates, truncated_keys=truncated)

    def record_count(self) -> int | None:
        cached = _counts.get(self.registry)
        now = time.monotonic()
        if cached is None or now - cached[0] > COUNT_TTL_SECONDS:
            cached = (now, self.record_model.objects.count())
            _counts[self.registry] = cached
        return cached[1] or None


def forget_counts() -> None:
    """After an import the thresholds must see the new size."""
    _counts.clear()
