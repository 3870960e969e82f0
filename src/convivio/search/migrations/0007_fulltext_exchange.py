"""SQLite: full-text tables for the exchange apps' networks and co-design processes."""

from django.db import migrations

KINDS = ("network", "codesign")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for kind in KINDS:
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_{kind} USING fts5("
            "title, body, tokenize='unicode61 remove_diacritics 2')"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for kind in KINDS:
        schema_editor.execute(f"DROP TABLE IF EXISTS search_fts_{kind}")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vectors")]
    operations = [migrations.RunPython(forward, backward)]
