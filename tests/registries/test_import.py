"""Registry extracts: CSV, JSON Lines and JZV Meldingen; every rejected row is reported with its
line and field; a bad file stores nothing unless --skip-invalid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from huisverbod.registries.importers import import_file
from huisverbod.registries.models import ImportBatch, PoliceKey, PoliceRecord, VeiligThuisRecord

pytestmark = pytest.mark.django_db

CSV_HEADER = "record_id,bsn,given_names,prefix,surname,birth_date,sex,street,house_number,postcode,city,incident_date,incident_type\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_ROW = "POL-1,,Jan,van der,Berg,1980-01-02,M,Dorpsstraat,1,1234 AB,Utrecht,2021-05-06,huiselijk geweld\n"
BAD_ROWS = (
    "POL-2,123456789,Piet,,Jansen,1980-13-01,M,Laan,2,1234 AB,Utrecht,2021-05-06,huiselijk geweld\n"  # bsn, date
    ",,Kees,,,1970-01-01,Q,,,,,,\n"  # record_id, surname, sex, incident_date
)


def test_csv_import_stores_records_and_their_blocking_keys(tmp_path):
    report = import_file(
        "police", _write(tmp_path, "ok.csv", CSV_HEADER + GOOD_ROW), "csv", imported_by="test"
    )
    assert (report.rows_read, report.rows_stored, report.problems) == (1, 1, [])
    record = PoliceRecord.objects.get(record_id="POL-1")
    assert (record.prefix, record.surname, record.event_date.isoformat()) == ("van der", "Berg", "2021-05-06")
    assert PoliceKey.objects.filter(record=record).count() >= 3


def test_a_bad_file_stores_nothing_and_reports_every_bad_row_with_line_and_field(tmp_path):
    path = _write(tmp_path, "bad.csv", CSV_HEADER + GOOD_ROW + BAD_ROWS)
    report = import_file("police", path, "csv", imported_by="test")
    found = {(p.line, p.field) for p in report.problems}
    assert found == {
        (3, "bsn"),
        (3, "birth_date"),
        (4, "record_id"),
        (4, "surname"),
        (4, "sex"),
        (4, "incident_date"),
    }
    assert report.rows_stored == 0 and not PoliceRecord.objects.exists() and not ImportBatch.objects.exists()


def test_skip_invalid_stores_the_valid_rows_and_reports_the_rest(tmp_path):
    path = _write(tmp_path, "bad.csv", CSV_HEADER + GOOD_ROW + BAD_ROWS)
    report = import_file("police", path, "csv", imported_by="test", skip_invalid=True)
    assert (report.rows_stored, report.rejected_lines) == (1, 2)
    batch = ImportBatch.objects.get()
    assert batch.rows_rejected == 2 and {r["line"] for r in batch.rejected} == {3, 4}


def test_the_command_refuses_by_default_and_names_line_and_field(tmp_path, capsys):
    path = _write(tmp_path, "bad.csv", CSV_HEADER + GOOD_ROW + BAD_ROWS)
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("registry", "import", str(path), "--registry", "police")
    assert "bad.csv: line 3: bsn: '123456789' is not a valid BSN" in capsys.readouterr().err
    call_command("registry", "import", str(path), "--registry", "police", "--skip-invalid")
    assert PoliceRecord.objects.count() == 1


def test_duplicate_record_ids_are_refused(tmp_path):
    import_file("police", _write(tmp_path, "a.csv", CSV_HEADER + GOOD_ROW), "csv", imported_by="test")
    report = import_file(
        "police", _write(tmp_path, "b.csv", CSV_HEADER + GOOD_ROW), "csv", imported_by="test"
    )
    assert [(p.line, p.field) for p in report.problems] == [(2, "record_id")]


def test_json_lines_with_a_broken_line(tmp_path):
    rows = [
        {
            "record_id": "VT-1",
            "given_names": "Els",
            "surname": "Jansen",
            "birth_date": "1953-05-02",
            "melding_date": "2021-11-20",
            "outcome": "VT-01-01",
        },
        {"record_id": "VT-2", "surname": "Jansen", "melding_date": "2021-11-21", "outcome": "VT-77"},
    ]
    text = "\n".join(json.dumps(r) for r in rows) + "\n{broken\n"
    report = import_file("veilig_thuis", _write(tmp_path, "vt.jsonl", text), "jsonl", imported_by="test")
    assert {(p.line, p.field) for p in report.problems} == {(2, "outcome"), (3, "$")}
    assert not VeiligThuisRecord.objects.exists()


def test_jzv_meldingen_without_a_bsn(tmp_path):
    meldingen = [
        {
            "registratienummer": "JZV-2021-0001",
            "soort": "VT",
            "datumTijd": "2021-11-06T23:59:00+01:00",
            "natuurlijkPersoon": {
                "naam": {
                    "geslachtsnaam": "Berg",
                    "voorvoegselGeslachtsnaam": "van den",
                    "voornamen": "Anna Maria",
                },
                "geboorte": {"datum": "1990-04-01"},
                "geslachtsaanduiding": "vrouw",
                "adres": {
                    "soortAdres": "02",
                    "straatAdres": {"straatnaam": "Kerkstraat", "huisnummer": 5, "huisletter": "a"},
                },
            },
            "incident": {"datumTijd": "2021-11-06T22:10:00+01:00", "omschrijving": "Ruzie met geweld."},
            "zorgelijkeSituatie": {"situatieSchets": "Eerdere zorgen."},
            "uitkomst": {"status": "VT-01-02"},
        }
    ]
    report = import_file(
        "veilig_thuis", _write(tmp_path, "jzv.json", json.dumps(meldingen)), "jzv", imported_by="t"
    )
    assert report.problems == [] and report.rows_stored == 1
    record = VeiligThuisRecord.objects.get()
    assert (record.bsn, record.prefix, record.surname, record.sex, record.house_number, record.outcome) == (
        "",
        "van den",
        "Berg",
        "F",
        "5a",
        "VT-01-02",
    )
    assert record.event_date.isoformat() == "2021-11-06" and record.summary == "Ruzie met geweld."
