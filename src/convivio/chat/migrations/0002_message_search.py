"""Full-text search of chat messages on SQLite: an FTS5 table over the messages'
bodies (external content, kept in step by triggers).  PostgreSQL searches the
messages of one person's rooms directly (``selectors.search``), so this migration
does nothing there.  Chat messages stay out of the site-wide search."""

from django.db import migrations

FORWARD = [
    "CREATE VIRTUAL TABLE chat_message_fts USING fts5("
    "body, content='chat_message', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER chat_message_fts_insert AFTER INSERT ON chat_message BEGIN "
    "INSERT INTO chat_message_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER chat_message_fts_delete AFTER DELETE ON chat_message BEGIN "
    "INSERT INTO chat_message_fts(chat_message_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER chat_message_fts_update AFTER UPDATE OF body ON chat_message "
    "BEGIN "
    "INSERT INTO chat_message_fts(chat_message_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO chat_message_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO chat_message_fts(chat_message_fts) VALUES ('rebuild')",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS chat_message_fts_update",
    "DROP TRIGGER IF EXISTS chat_message_fts_delete",
    "DROP TRIGGER IF EXISTS chat_message_fts_insert",
    "DROP TABLE IF EXISTS chat_message_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("chat", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
