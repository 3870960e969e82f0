from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "convivio.chat"
    label = "chat"
    verbose_name = _("Chat")

    def ready(self) -> None:
        from convivio.community.models import Network

        from . import notifications, sections, signals

        notifications.register()
        sections.register()
        post_save.connect(
            signals.network_saved, sender=Network, dispatch_uid="chat_network_room"
        )
