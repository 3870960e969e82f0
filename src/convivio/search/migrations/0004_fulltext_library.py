"""SQLite: full-text tables for the library's documents and links."""

from django.db import migrations

KINDS = ("document", "link")


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
    dependencies = [("search", "0003_fulltext_per_kind")]
    operations = [migrations.RunPython(forward, backward)]
