from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "convivio.directory"
    label = "directory"
    verbose_name = _("Directory of services")

    def ready(self) -> None:
        from convivio.core.translation import TranslatableKind, register_kind

        from . import sections, translations
        from .models import Service

        sections.register()

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
