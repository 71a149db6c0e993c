"""CSV and JSON Lines writers for generated rows (any of the row dataclasses, or plain dicts).

Both write to a text stream the caller opened, one row per line, in a fixed column order (the
dataclass's fields), so the same rows always give the same bytes. Dates are ISO 8601, a missing
value is an empty CSV cell or a JSON null, and ``noise`` is ``;``-separated in CSV.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import Any, TextIO

from huisverbod.core.synth.population import TruePerson


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def row_dict(row: Any) -> dict[str, Any]:
    """A row (a dataclass, or a plain dict such as ``truth_dict`` gives) as plain JSON values."""
    if isinstance(row, dict):
        return {key: _plain(value) for key, value in row.items()}
    return {item.name: _plain(getattr(row, item.name)) for item in fields(row)}


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def write_csv(rows: Iterable[Any], stream: TextIO, *, header: bool = True) -> int:
    """Write rows as CSV; returns the number of rows written."""
    writer = csv.writer(stream, lineterminator="\n")
    count = 0
    for row in rows:
        values = row_dict(row)
        if header and count == 0:
            writer.writerow(values)
        writer.writerow(_csv_cell(value) for value in values.values())
        count += 1
    return count


def write_jsonl(rows: Iterable[Any], stream: TextIO) -> int:
    count = 0
    for row in rows:
        stream.write(json.dumps(row_dict(row), ensure_ascii=False, separators=(",", ":")))
        stream.write("\n")
        count += 1
    return count


def truth_dict(person: TruePerson) -> dict[str, Any]:
    """The known truth about one person, flat (current address only)."""
    address = person.addresses[-1][1]
    return {
        "person_truth_id": person.truth_id,
        "household_id": person.household_id,
        "given_names": " ".join(person.given_names),
        "call_name": person.call_name,
        "prefix": person.prefix,
        "surname": person.surname,
        "partner_prefix": person.partner_prefix,
        "partner_surname": person.partner_surname,
        "birth_date": person.birth_date.isoformat(),
        "sex": person.sex,
        "bsn": person.bsn,
        "origin": person.origin,
        "street": address.street,
        "house_number": address.house_number,
        "postcode": address.postcode,
        "city": address.city,
        "moves": len(person.addresses) - 1,
    }
