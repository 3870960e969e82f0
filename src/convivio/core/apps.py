from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "convivio.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import organisation_translations as organisations
        from .models import Organisation
        from .translation import TranslatableKind, register_kind

        register_kind(
            TranslatableKind(
                key="organisation",
                label=_("organisation"),
                record_model=Organisation,
                can_translate=organisations.can_translate,
                can_view=organisations.can_view,
                queue=organisations.queue,
                title=organisations.title,
            )
        )
