from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesignConfig(AppConfig):
    name = "convivio.codesign"
    label = "codesign"
    verbose_name = _("Co-design processes")
