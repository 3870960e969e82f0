"""The chat's FTS5 table indexes the message's room too, so that a search in a
person's rooms is one full-text query (``room_id:(1 OR 2) AND words``): the
few rows of the person's rooms are intersected inside the index instead of
every match of a common word being looked up in the messages table.  SQLite
only, as 0002."""

from django.db import migrations

FORWARD = [
    "DROP TRIGGER IF EXISTS chat_message_fts_update",
    "DROP TRIGGER IF EXISTS chat_message_fts_delete",
    "DROP TRIGGER IF EXISTS chat_message_fts_insert",
    "DROP TABLE IF EXISTS chat_message_fts",
    "CREATE VIRTUAL TABLE chat_message_fts USING fts5("
    "body, room_id, content='chat_message', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER chat_message_fts_insert AFTER INSERT ON chat_message BEGIN "
    "INSERT INTO chat_message_fts(rowid, body, room_id) "
    "VALUES (new.id, new.body, new.room_id); END",
    "CREATE TRIGGER chat_message_fts_delete AFTER DELETE ON chat_message BEGIN "
    "INSERT INTO chat_message_fts(chat_message_fts, rowid, body, room_id) "
    "VALUES ('delete', old.id, old.body, old.room_id); END",
    "CREATE TRIGGER chat_message_fts_update AFTER UPDATE OF body ON chat_message "
    "BEGIN "
    "INSERT INTO chat_message_fts(chat_message_fts, rowid, body, room_id) "
    "VALUES ('delete', old.id, old.body, old.room_id); "
    "INSERT INTO chat_message_fts(rowid, body, room_id) "
    "VALUES (new.id, new.body, new.room_id); END",
    "INSERT INTO chat_message_fts(chat_message_fts) VALUES ('rebuild')",
]


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from importlib import import_module

    earlier = import_module("convivio.chat.migrations.0002_message_search")
    for statement in earlier.BACKWARD + earlier.FORWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("chat", "0003_network_rooms")]

    operations = [migrations.RunPython(_forward, _backward)]
