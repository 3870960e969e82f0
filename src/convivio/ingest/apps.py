from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "convivio.ingest"
    label = "ingest"
    verbose_name = _("Document ingestion")

    def ready(self) -> None:
        from . import sections

        sections.register()
