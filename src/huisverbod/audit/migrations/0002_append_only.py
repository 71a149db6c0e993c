"""The processing log is append-only in the database too, and its chain starts at a head row.

PostgreSQL refuses UPDATE and DELETE on the log by trigger. SQLite refuses UPDATE; DELETE stays
possible there because the test suite empties tables between tests, and SQLite is the demo
database (docs/security.md). On both, the keyed hash chain shows any change.
"""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the processing log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_processinglogentry
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_processinglogentry;
DROP FUNCTION IF EXISTS audit_log_append_only();
"""
SQLITE_UP = """
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_processinglogentry
BEGIN SELECT RAISE(ABORT, 'the processing log is append-only (UPDATE refused)'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS audit_log_no_update;"


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    sql = {"postgresql": PG_UP, "sqlite": SQLITE_UP}.get(vendor)
    if sql:
        # A plain cursor: the PostgreSQL function body contains "%", which Django's
        # schema_editor.execute would take for a parameter.
        schema_editor.connection.cursor().execute(sql)
    apps.get_model("audit", "ChainHead").objects.get_or_create(pk=1)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    sql = {"postgresql": PG_DOWN, "sqlite": SQLITE_DOWN}.get(vendor)
    if sql:
        schema_editor.connection.cursor().execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
