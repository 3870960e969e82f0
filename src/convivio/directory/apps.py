from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "convivio.directory"
    label = "directory"
    verbose_name = _("Directory of services")

    def ready(self) -> None:
        from convivio.core.translation import TranslatableKind, register_kind

        from . import search, sections, translations
        from .models import Service

        sections.register()
        # Services and organisations in the one search, indexed on every write.
        search.register()
        search.connect()

        register_kind(
            TranslatableKind(
                key="service",
                label=_("service"),
                record_model=Service,
                can_translate=translations.can_translate,
                can_view=translations.can_view,
                queue=translations.queue,
                title=translations.title,
            )
        )
