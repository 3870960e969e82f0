# The lines a job's parser could not place, listed on the review page.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0004_job_lease_and_text_cut"),
    ]

    operations = [
        migrations.AddField(
            model_name="ingestjob",
            name="unplaced",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
