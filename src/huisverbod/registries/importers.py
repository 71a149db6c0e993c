"""Importing registry extracts: CSV, JSON Lines, and Veilig Thuis reports in the shape of VNG's
"JZV Meldingen" API. Every rejected row is reported with its line and field; nothing is dropped
silently. By default a file with any bad row stores nothing; ``skip_invalid`` stores the valid
rows and reports the rest. The file is read twice (check, then store), so memory stays small
however large the extract.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from stdnum.nl import bsn as bsn_check

from huisverbod.core.matching.keys import blocking_keys
from huisverbod.registries.backend import TABLES, as_record, forget_counts
from huisverbod.registries.models import ImportBatch, Registry

FORMATS = ("csv", "jsonl", "jzv")
CHUNK = 2000
OUTCOME = re.compile(r"^VT-(00|01-0[1-4]|02|03|99)$")
SEX = {
    "m": "M",
    "man": "M",
    "f": "F",
    "v": "F",
    "vrouw": "F",
    "x": "X",
    "anders": "X",
    "onbekend": "",
    "": "",
}
EVENT_FIELD = {Registry.POLICE: "incident_date", Registry.VEILIG_THUIS: "melding_date"}


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class ImportReport:
    registry: str
    file_name: str
    rows_read: int = 0
    rows_stored: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    batch_id: int | None = None

    @property
    def rejected_lines(self) -> int:
        return len({p.line for p in self.problems})


class ImportError_(Exception):
    """The file cannot be read at all (not the format it claims)."""


# -- reading ---------------------------------------------------------------------------------


def _read(path: Path, file_format: str) -> Iterator[tuple[int, dict[str, Any]]]:
    if file_format == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            for index, row in enumerate(reader, start=2):  # line 1 is the header
                yield index, {k: (v or "").strip() for k, v in row.items() if k is not None}
        return
    if file_format == "jsonl":
        with path.open(encoding="utf-8") as handle:
            for index, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield index, {"__error__": f"not valid JSON: {exc.msg}"}
                    continue
                yield index, value if isinstance(value, dict) else {"__error__": "expected a JSON object"}
        return
    if file_format == "jzv":
        text = path.read_text(encoding="utf-8")
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            # JSON Lines of meldingen
            for index, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        yield index, _from_jzv(json.loads(line))
                    except (json.JSONDecodeError, AttributeError, TypeError) as exc:
                        yield index, {"__error__": f"not a melding: {exc}"}
            return
        items = data.get("meldingen", data.get("results")) if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ImportError_('a JZV file holds a JSON array of meldingen (or {"meldingen": [...]})')
        for index, item in enumerate(items, start=1):
            yield (
                index,
                _from_jzv(item) if isinstance(item, dict) else {"__error__": "expected a melding object"},
            )
        return
    raise ImportError_(f"unknown format '{file_format}' (known: {', '.join(FORMATS)})")


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _from_jzv(melding: dict[str, Any]) -> dict[str, Any]:
    """A JZV Melding (natuurlijkPersoon, incident, zorgelijkeSituatie) as a registry row."""
    person = melding.get("natuurlijkPersoon") or {}
    name = person.get("naam") or {}
    address = person.get("adres") or {}
    street = address.get("straatAdres") or {}
    number = f"{street.get('huisnummer', '') or ''}{street.get('huisletter', '') or ''}".strip()
    when = melding.get("datumTijd") or _get(melding, "incident", "datumTijd") or ""
    summary = (
        _get(melding, "incident", "omschrijving")
        or _get(melding, "zorgelijkeSituatie", "situatieSchets")
        or ""
    )
    return {
        "record_id": melding.get("registratienummer", ""),
        "bsn": person.get("burgerservicenummer") or "",
        "given_names": name.get("voornamen") or name.get("voorletters") or "",
        "prefix": name.get("voorvoegselGeslachtsnaam") or "",
        "surname": name.get("geslachtsnaam") or "",
        "birth_date": _get(person, "geboorte", "datum") or "",
        "sex": person.get("geslachtsaanduiding") or "",
        "street": street.get("straatnaam") or "",
        "house_number": number,
        "postcode": address.get("postcode") or street.get("postcode") or "",
        "city": address.get("woonplaats") or street.get("woonplaats") or "",
        "melding_date": str(when)[:10],
        "outcome": _get(melding, "uitkomst", "status") or melding.get("status") or "",
        "summary": summary,
    }


# -- checking --------------------------------------------------------------------------------


def _date(value: Any, line: int, name: str, problems: list[RowProblem], *, required: bool) -> date | None:
    text = str(value or "").strip()
    if not text:
        if required:
            problems.append(RowProblem(line, name, "required"))
        return None
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            problems.append(RowProblem(line, name, f"'{text}' is not a date (YYYY-MM-DD)"))
            return None


def check_row(
    registry: Registry, line: int, raw: dict[str, Any]
) -> tuple[dict[str, Any] | None, list[RowProblem]]:
    """A row's values ready to store, or the problems that refuse it (each naming the field)."""
    if "__error__" in raw:
        return None, [RowProblem(line, "$", str(raw["__error__"]))]
    problems: list[RowProblem] = []

    def text(name: str, limit: int) -> str:
        value = str(raw.get(name) or "").strip()
        if len(value) > limit:
            problems.append(RowProblem(line, name, f"longer than {limit} characters"))
        return value[:limit]

    values: dict[str, Any] = {
        "record_id": text("record_id", 64),
        "registry_person_id": text("registry_person_id", 64),
        "given_names": text("given_names", 200),
        "prefix": text("prefix", 40),
        "surname": text("surname", 200),
        "street": text("street", 200),
        "house_number": text("house_number", 20),
        "postcode": text("postcode", 16).upper(),
        "city": text("city", 100),
        "summary": text("summary", 5000),
    }
    if not values["record_id"]:
        problems.append(RowProblem(line, "record_id", "required"))
    if not values["surname"]:
        problems.append(RowProblem(line, "surname", "required"))
    bsn = str(raw.get("bsn") or "").strip()
    if bsn and not bsn_check.is_valid(bsn):
        problems.append(RowProblem(line, "bsn", f"'{bsn}' is not a valid BSN (eleven-test)"))
    values["bsn"] = bsn
    sex = str(raw.get("sex") or "").strip().lower()
    if sex not in SEX:
        problems.append(
            RowProblem(line, "sex", f"'{sex}' is not one of M, F, X (or man, vrouw, anders, onbekend)")
        )
    values["sex"] = SEX.get(sex, "")
    values["birth_date"] = _date(raw.get("birth_date"), line, "birth_date", problems, required=False)
    event = EVENT_FIELD[registry]
    values["event_date"] = _date(raw.get(event), line, event, problems, required=True)
    if registry == Registry.VEILIG_THUIS:
        outcome = str(raw.get("outcome") or "").strip()
        if outcome and not OUTCOME.match(outcome):
            problems.append(
                RowProblem(line, "outcome", f"'{outcome}' is not a JZV outcome code (VT-00 … VT-99)")
            )
        values["outcome"] = outcome
    else:
        values["incident_type"] = text("incident_type", 64)
    return (None if problems else values), problems


# -- storing ---------------------------------------------------------------------------------


def import_file(
    registry: str,
    path: Path,
    file_format: str,
    *,
    imported_by: str,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    registry_ = Registry(registry)
    record_model, key_model = TABLES[registry_]
    report = ImportReport(registry=registry_.value, file_name=path.name)
    existing = set(record_model.objects.values_list("record_id", flat=True))
    seen: set[str] = set()
    for line, raw in _read(path, file_format):
        report.rows_read += 1
        values, problems = check_row(registry_, line, raw)
        record_id = str(raw.get("record_id") or "").strip()
        if record_id and (record_id in existing or record_id in seen):
            problems.append(RowProblem(line, "record_id", f"'{record_id}' is already in the registry"))
        seen.add(record_id)
        report.problems.extend(problems)
        if progress and report.rows_read % 1000 == 0:
            progress(report.rows_read)
    if report.problems and not skip_invalid:
        return report  # nothing stored
    bad_lines = {p.line for p in report.problems}
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            registry=registry_.value,
            file_name=path.name,
            file_format=file_format,
            imported_by=imported_by,
            rows_read=report.rows_read,
            rows_rejected=len(bad_lines),
            rejected=[{"line": p.line, "field": p.field, "message": p.message} for p in report.problems],
        )
        chunk: list[Any] = []
        for line, raw in _read(path, file_format):
            if line in bad_lines:
                continue
            values, _problems = check_row(registry_, line, raw)
            if values is None:
                continue
            chunk.append(record_model(batch=batch, **values))
            if len(chunk) >= CHUNK:
                report.rows_stored += _store(chunk, key_model)
                chunk = []
                if progress:
                    progress(report.rows_read + report.rows_stored)
        if chunk:
            report.rows_stored += _store(chunk, key_model)
        batch.rows_stored = report.rows_stored
        batch.save(update_fields=["rows_stored"])
    report.batch_id = batch.pk
    forget_counts()
    return report


def _store(records: list[Any], key_model: type[Any]) -> int:
    created = type(records[0]).objects.bulk_create(records)
    keys = [key_model(key=key, record_id=row.pk) for row in created for key in blocking_keys(as_record(row))]
    key_model.objects.bulk_create(keys, batch_size=5000)
    return len(created)
