from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "convivio.surveys"
    label = "surveys"
    verbose_name = _("Surveys and needs assessments")

    def ready(self) -> None:
        from convivio.core.mirrored import mirror_original_text
        from convivio.core.translation import TranslatableKind, register_kind

        from . import translations
        from .models import Choice, Question, Survey

        mirror_original_text(Survey, Question, Choice)
        register_kind(
            TranslatableKind(
                key="survey",
                label=_("survey"),
                record_model=Survey,
                can_translate=translations.can_translate,
                can_view=translations.can_view,
                queue=translations.queue,
                parts=translations.parts,
                title=translations.title,
            )
        )
