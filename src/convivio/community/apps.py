from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "convivio.community"
    label = "community"
    verbose_name = _("Networks and local forums")

    def ready(self) -> None:
        from convivio.core.translation import TranslatableKind, register_kind

        from . import translations
        from .models import Network

        register_kind(
            TranslatableKind(
                key="network",
                label=_("network"),
                record_model=Network,
                can_translate=translations.can_translate,
                can_view=translations.can_view,
                queue=translations.queue,
                title=translations.title,
            )
        )
