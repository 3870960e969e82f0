"""SQLite: one FTS5 table per kind, its rowid encoding the record's id."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_practice USING fts5("
    "title, body, tokenize='unicode61 remove_diacritics 2')"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from convivio.search.backends import SQLiteBackend

    schema_editor.execute(CREATE)
    schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = list(SearchEntry.objects.filter(kind="practice").order_by("id"))
    with schema_editor.connection.cursor():
        SQLiteBackend().write(entries)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_practice")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]
    operations = [migrations.RunPython(forward, backward)]
