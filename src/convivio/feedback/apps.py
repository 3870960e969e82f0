from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "convivio.feedback"
    label = "feedback"
    verbose_name = _("Feedback from service users")

    def ready(self) -> None:
        from . import sections

        sections.register()
