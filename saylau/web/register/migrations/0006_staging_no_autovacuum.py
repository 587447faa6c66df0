# Written by hand on 2026-11-26.

from typing import Any

from django.db import migrations

STAGING = ("register_stagingperson", "register_stagingaddress")


def no_autovacuum(apps: Any, schema_editor: Any) -> None:
    """Staging rows live minutes and are truncated: autovacuum of a freshly copied table of 12
    million rows only competes with the import for the disk and the two cores."""
    if schema_editor.connection.vendor == "postgresql":
        for table in STAGING:
            schema_editor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")


def autovacuum(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for table in STAGING:
            schema_editor.execute(f"ALTER TABLE {table} RESET (autovacuum_enabled)")


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0005_person_fewer_indexes"),
    ]

    operations = [migrations.RunPython(no_autovacuum, autovacuum)]
