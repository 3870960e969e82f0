import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_profile_interface_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TranslationRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "kind",
                    models.CharField(max_length=40, verbose_name="kind of record"),
                ),
                (
                    "record_id",
                    models.PositiveBigIntegerField(verbose_name="record"),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="requested"),
                ),
                (
                    "language",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.language",
                        verbose_name="language",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translation_requests",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
            ],
            options={
                "verbose_name": "translation request",
                "verbose_name_plural": "translation requests",
                "indexes": [
                    models.Index(
                        fields=["kind", "language", "record_id"],
                        name="translation_request_lookup",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "record_id", "language", "requested_by"),
                        name="translation_request_unique",
                    )
                ],
            },
        ),
    ]
