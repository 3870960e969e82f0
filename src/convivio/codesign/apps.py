from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesignConfig(AppConfig):
    name = "convivio.codesign"
    label = "codesign"
    verbose_name = _("Co-design processes")

    def ready(self) -> None:
        from convivio.community import notifications

        from . import search, sections
        from .notifications import phase_text
        from .services import NOTIFY_PHASE

        search.register_kinds()
        sections.register()
        notifications.register_kind(NOTIFY_PHASE, phase_text)
