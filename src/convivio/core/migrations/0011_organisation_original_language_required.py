"""Every organisation has an original language now (filled by 0010); a
migration of its own, so that PostgreSQL alters the table after the rows'
updates are committed."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0010_organisation_translations")]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="original_language",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="original language",
            ),
        ),
    ]
