from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "convivio.events"
    label = "events"
    verbose_name = _("Events and workshops")

    def ready(self) -> None:
        from convivio.core.translation import TranslatableKind, register_kind

        from . import notifications, search, sections, translations
        from .models import Event

        notifications.register()
        search.register_kinds()
        sections.register()
        register_kind(
            TranslatableKind(
                key="event",
                label=_("event"),
                record_model=Event,
                can_translate=translations.can_translate,
                can_view=translations.can_view,
                queue=translations.queue,
                title=translations.title,
            )
        )
