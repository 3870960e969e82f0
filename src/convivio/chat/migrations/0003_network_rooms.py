"""A room for each network that exists already (new networks get theirs when
they are made: ``chat.signals``)."""

from django.db import migrations


def make_rooms(apps, schema_editor):
    Network = apps.get_model("community", "Network")
    Room = apps.get_model("chat", "Room")
    have = set(Room.objects.values_list("network_id", flat=True))
    Room.objects.bulk_create(
        [
            Room(kind="network", network_id=pk)
            for pk in Network.objects.values_list("pk", flat=True)
            if pk not in have
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("chat", "0002_message_search")]

    operations = [migrations.RunPython(make_rooms, migrations.RunPython.noop)]
