from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesignConfig(AppConfig):
    name = "convivio.codesign"
    label = "codesign"
    verbose_name = _("Co-design processes")

    def ready(self) -> None:
        from convivio.community import notifications
        from convivio.core.translation import TranslatableKind, register_kind

        from . import search, sections, translations
        from .models import Process
        from .notifications import can_follow, describe, phase_text
        from .services import NOTIFY_PHASE

        search.register_kinds()
        sections.register()
        notifications.register_kind(NOTIFY_PHASE, phase_text)
        notifications.register_topic(
            "codesign", can_follow=can_follow, describe=describe
        )
        register_kind(
            TranslatableKind(
                key="codesign",
                label=_("co-design process"),
                record_model=Process,
                can_translate=translations.can_translate,
                can_view=translations.can_view,
                queue=translations.queue,
                title=translations.title,
            )
        )
        translations.connect_signals()
