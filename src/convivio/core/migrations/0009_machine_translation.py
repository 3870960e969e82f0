import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_translation_request"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MachineTranslationBudget",
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
                    "characters_per_month",
                    models.PositiveBigIntegerField(
                        verbose_name="characters per month"
                    ),
                ),
                (
                    "month",
                    models.DateField(blank=True, null=True, verbose_name="month"),
                ),
                (
                    "used",
                    models.PositiveBigIntegerField(
                        default=0, verbose_name="characters used this month"
                    ),
                ),
                (
                    "organisation",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="machine_translation_budget",
                        to="core.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "territory",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="machine_translation_budget",
                        to="core.territory",
                        verbose_name="territory",
                    ),
                ),
            ],
            options={
                "verbose_name": "machine translation budget",
                "verbose_name_plural": "machine translation budgets",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("organisation__isnull", False),
                                ("territory__isnull", True),
                            ),
                            models.Q(
                                ("organisation__isnull", True),
                                ("territory__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="mt_budget_one_owner",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="MachineTranslationJob",
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
                ("kind", models.CharField(max_length=40, verbose_name="kind")),
                ("record_id", models.PositiveBigIntegerField(verbose_name="record")),
                (
                    "engine",
                    models.CharField(blank=True, max_length=40, verbose_name="service"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "waiting"),
                            ("running", "translating"),
                            ("done", "done"),
                            ("failed", "failed"),
                        ],
                        default="queued",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "fields_total",
                    models.PositiveIntegerField(
                        default=0, verbose_name="fields to translate"
                    ),
                ),
                (
                    "fields_done",
                    models.PositiveIntegerField(
                        default=0, verbose_name="fields translated"
                    ),
                ),
                (
                    "characters",
                    models.PositiveBigIntegerField(
                        default=0, verbose_name="characters sent"
                    ),
                ),
                ("message", models.TextField(blank=True, verbose_name="message")),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="requested"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="finished"
                    ),
                ),
                (
                    "budget",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="jobs",
                        to="core.machinetranslationbudget",
                        verbose_name="budget",
                    ),
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
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="machine_translation_jobs",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
            ],
            options={
                "verbose_name": "machine translation job",
                "verbose_name_plural": "machine translation jobs",
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(
                        fields=["kind", "record_id", "language"], name="mt_job_lookup"
                    )
                ],
            },
        ),
    ]
