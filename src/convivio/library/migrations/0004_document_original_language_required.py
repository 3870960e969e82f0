"""Every document has an original language now (filled by 0003); a migration
of its own, so that PostgreSQL alters the table after the rows' updates."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("library", "0003_document_translations")]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="original_language",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="original language",
            ),
        ),
    ]
