"""The processing log: one entry per read or change of personal data, hash-chained, append-only."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from huisverbod.audit.chain import pseudonym
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.models import AppendOnlyError, ProcessingLogEntry
from huisverbod.audit.subject import subject_report
from huisverbod.audit.verify import verify_chain
from huisverbod.cases.models import Case
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def _raw(sql: str, params: list | None = None) -> None:
    """Change the log behind the application's back, as an attacker with database rights would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        cursor.execute(sql, params or [])


@pytest.fixture
def logged(seed_cases, users):
    """A store with data and a log of real page views."""
    client = Client()
    force_login_verified(client, users["police_officer"])
    for case in Case.objects.all():
        client.get(f"/cases/{case.pk}/")
    client.get("/cases/")
    assert ProcessingLogEntry.objects.count() >= 10
    return client


def test_a_page_view_logs_one_entry_per_person_with_the_request_trace(logged, users, seed_cases):
    case = seed_cases["seed-2"]
    response = logged.get(f"/cases/{case.pk}/")
    trace = response["X-Trace-Id"]
    entries = list(ProcessingLogEntry.objects.filter(trace_id=trace))
    persons = list(case.involvements.values_list("person_id", flat=True))
    assert len(entries) == len(persons) == 5
    assert {e.data_subject_id for e in entries} == {pseudonym("person", p) for p in persons}
    entry = entries[0]
    user = users["police_officer"]
    assert (entry.processing_activity_id, entry.case, entry.channel) == ("case-view", "seed-2", "ui")
    assert (entry.organisation, entry.role) == ("politie-oost-brabant", "police_officer")
    assert entry.actor_id == pseudonym("user", user.pk) and str(user.pk) not in entry.actor_id
    assert "Wth" in entry.legal_basis


def test_verify_passes_on_an_untouched_log(logged):
    result = verify_chain()
    assert result.ok and result.entries == ProcessingLogEntry.objects.count()
    call_command("audit", "verify")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("processing_activity_id", "case-list"),
        ("organisation", "vt-utrecht"),
        ("data_subject_id", "0" * 32),
        ("legal_basis", "none"),
        ("case", "seed-9"),
        ("role", "administrator"),
        ("hash", "f" * 64),
        ("attributes", '{"x": 1}'),
    ],
)
def test_verify_fails_after_any_single_row_is_altered(logged, column, value):
    target = ProcessingLogEntry.objects.order_by("seq")[4]
    _raw(f'UPDATE audit_processinglogentry SET "{column}" = %s WHERE seq = %s', [value, target.seq])
    result = verify_chain()
    assert not result.ok and result.first_bad_seq in (target.seq, target.seq + 1)
    with pytest.raises(CommandError, match=rf"first bad entry: #{result.first_bad_seq}"):
        call_command("audit", "verify")


def test_verify_fails_after_a_row_is_removed(logged):
    _raw("DELETE FROM audit_processinglogentry WHERE seq = %s", [3])
    result = verify_chain()
    assert (result.ok, result.first_bad_seq) == (False, 3)
    assert "missing" in result.problem


def test_verify_fails_after_the_last_row_is_removed(logged):
    last = ProcessingLogEntry.objects.order_by("-seq").first()
    _raw("DELETE FROM audit_processinglogentry WHERE seq = %s", [last.seq])
    result = verify_chain()
    assert (result.ok, result.first_bad_seq) == (False, last.seq)


def test_verify_fails_after_a_row_is_inserted(logged):
    fourth = ProcessingLogEntry.objects.order_by("seq")[3]
    _raw("UPDATE audit_processinglogentry SET seq = seq + 1000000 WHERE seq > %s", [fourth.seq])
    forged = ProcessingLogEntry(
        **{f.attname: getattr(fourth, f.attname) for f in ProcessingLogEntry._meta.fields}
    )
    forged.seq = fourth.seq + 1
    forged.prev_hash = fourth.hash
    forged.processing_activity_id = "case-list"
    forged.save(force_insert=True)
    result = verify_chain()
    assert not result.ok and result.first_bad_seq == fourth.seq + 1


def test_the_application_refuses_to_change_or_delete_entries(logged):
    entry = ProcessingLogEntry.objects.first()
    entry.role = "administrator"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_database_refuses_updates(logged):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_processinglogentry SET role = 'x' WHERE seq = 1")


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_deletes(logged):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_processinglogentry WHERE seq = 1")


def test_subject_access_report_says_who_when_and_why(logged, seed_cases, capsys):
    person = seed_cases["seed-2"].involvements.get(local_id="p2").person
    rows = subject_report([person.pk])
    assert rows and {r.organisation for r in rows} == {"Politie eenheid Oost-Brabant"}
    assert {r.activity for r in rows} >= {"Zaak inzien", "Zakenlijst inzien"}
    assert all(r.legal_basis and r.purpose for r in rows)
    call_command("audit", "subject", str(person.pk))
    out = capsys.readouterr().out
    assert "Samira Bakker-El Idrissi" in out and "Politie eenheid Oost-Brabant (Politieambtenaar)" in out
    # Answering the request is itself a processing, and logged.
    assert ProcessingLogEntry.objects.filter(processing_activity_id="subject-access").exists()


def test_subject_by_name_and_birth_date(logged, seed_cases, capsys):
    call_command("audit", "subject", "--name", "Henk Vermeulen", "--birth-date", "1965-05-12")
    assert "Henk Vermeulen" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no such person"):
        call_command("audit", "subject", "--name", "Nobody Here", "--birth-date", "1965-05-12")


def test_entries_of_one_request_are_chained_under_concurrency_safe_head(db):
    context = AuditContext(actor_id="a", organisation="o", role="r", channel="cli", trace_id="t" * 32)
    for _ in range(3):
        record(context, "case-view", subjects={"x": [1, 2]})
    assert list(ProcessingLogEntry.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert verify_chain().ok
