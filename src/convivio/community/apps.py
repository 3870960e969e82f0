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
        self._ready_people()
        self._ready_networks()

    def _ready_networks(self) -> None:
        """Networks: searchable, their notifications, their section of a
        place's page."""
        from . import network_notifications, search, sections

        search.register_kinds()
        search.connect_signals()
        network_notifications.register_kinds()
        sections.register()

    def _ready_people(self) -> None:
        """Profiles, notifications and moderation: the network topic, a new
        member following their network, the person page's own sections."""
        from django.db.models.signals import post_delete, post_save

        from . import notifications
        from .models import Member

        notifications.register_network_topic()
        post_save.connect(
            notifications.member_joined, sender=Member, dispatch_uid="member_joined"
        )
        post_delete.connect(
            notifications.member_left, sender=Member, dispatch_uid="member_left"
        )
