"""The matcher on the database: the same registries loaded into the registries app's tables, and
single-person lookups through the ``django_sql`` candidate source (indexed key table).

Used by ``bench.matching.run --database-url URL`` (a database of your own: it is migrated and
its registry tables are emptied and filled).
"""

from __future__ import annotations

import os
import time
from typing import Any

from bench.matching.dataset import BenchData
from bench.matching.stats import percentiles
from huisverbod.core.matching.evaluate import link_metrics
from huisverbod.core.matching.scorer import NO_MATCH, POSSIBLE_MATCH

RECORD_COLUMNS = (
    "batch_id",
    "record_id",
    "registry_person_id",
    "bsn",
    "given_names",
    "prefix",
    "surname",
    "birth_date",
    "sex",
    "street",
    "house_number",
    "postcode",
    "city",
    "event_date",
    "summary",
)


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huisverbod.conf.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _row_values(row: Any, batch_id: int) -> list[Any]:
    event = getattr(row, "incident_date", None) or getattr(row, "melding_date", None)
    return [
        batch_id,
        row.record_id,
        row.registry_person_id or "",
        row.bsn or "",
        row.given_names,
        row.prefix,
        row.surname,
        row.birth_date,
        row.sex or "",
        row.street or "",
        row.house_number or "",
        row.postcode or "",
        row.city or "",
        event,
        "",
    ]


def _extra(row: Any) -> str:
    return str(getattr(row, "incident_type", "") or getattr(row, "outcome", "") or "")


def _copy(cursor: Any, table: str, columns: tuple[str, ...], rows: Any) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for values in rows:
            copy.write_row(values)


def load(data: BenchData) -> dict[str, float]:
    """Fill the registry tables (PostgreSQL: COPY; otherwise bulk inserts)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from huisverbod.core.matching.keys import blocking_keys
    from huisverbod.registries.backend import TABLES, as_record, forget_counts
    from huisverbod.registries.models import ImportBatch, Registry

    call_command("migrate", verbosity=0, interactive=False)
    seconds = {}
    for name, registry in data.registries.items():
        began = time.perf_counter()
        record_model, key_model = TABLES[Registry(name)]
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"TRUNCATE {key_model._meta.db_table}, {record_model._meta.db_table}")
            else:
                key_model.objects.all().delete()
                record_model.objects.all().delete()
            batch = ImportBatch.objects.create(
                registry=name,
                file_name="bench",
                file_format="synth",
                imported_by="bench",
                rows_read=len(registry.rows),
            )
            extra = ("incident_type",) if name == Registry.POLICE else ("outcome",)
            if connection.vendor == "postgresql":
                raw = connection.cursor().cursor
                _copy(
                    raw,
                    record_model._meta.db_table,
                    (*RECORD_COLUMNS, *extra),
                    ([*_row_values(row, batch.pk), _extra(row)] for row in registry.rows),
                )
                ids = dict(record_model.objects.values_list("record_id", "pk"))
                _copy(
                    raw,
                    key_model._meta.db_table,
                    ("key", "record_id"),
                    ((key, ids[row.record_id]) for row in registry.rows for key in blocking_keys(row)),
                )
                cursor = connection.cursor()
                cursor.execute(f"ANALYZE {record_model._meta.db_table}")
                cursor.execute(f"ANALYZE {key_model._meta.db_table}")
            else:
                for start in range(0, len(registry.rows), 5000):
                    chunk = registry.rows[start : start + 5000]
                    created = record_model.objects.bulk_create(
                        record_model(**dict(zip(RECORD_COLUMNS, _row_values(row, batch.pk), strict=True)))
                        for row in chunk
                    )
                    key_model.objects.bulk_create(
                        key_model(key=key, record_id=made.pk)
                        for made in created
                        for key in blocking_keys(as_record(made))
                    )
        seconds[name] = round(time.perf_counter() - began, 1)
    forget_counts()
    return seconds


def evaluate(data: BenchData, database_url: str) -> dict[str, Any]:
    _setup(database_url)
    from django.db import connection

    from huisverbod.core.matching import Matcher
    from huisverbod.registries.backend import DjangoSqlSource

    load_seconds = load(data)
    timings: list[float] = []
    made: set[tuple[str, str]] = set()
    truth: set[tuple[str, str]] = set()
    for name, registry in data.registries.items():
        matcher = Matcher(DjangoSqlSource(name))
        matcher.find(registry.cases[0].person)  # warm the connection and the caches
        truth |= registry.true_links()
        for case in registry.cases:
            began = time.perf_counter()
            result = matcher.find(case.person)
            timings.append((time.perf_counter() - began) * 1000)
            made |= {
                (case.person.case_person_id, c.record_id)
                for c in result.candidates
                if c.band not in (NO_MATCH, POSSIBLE_MATCH)
            }
    metrics = link_metrics(made, truth)
    return {
        "database": connection.vendor,
        "load_seconds": load_seconds,
        "lookups": len(timings),
        "lookup_ms": percentiles(timings),
        "f1": round(metrics.f1, 4),
    }
