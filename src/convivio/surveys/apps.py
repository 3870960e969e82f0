from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "convivio.surveys"
    label = "surveys"
    verbose_name = _("Surveys and needs assessments")

    def ready(self) -> None:
        from convivio.core.translation import TranslatableKind, register_kind

        from . import search, sections, translations
        from .models import Choice, Question, Survey

        sections.register()
        search.register_kinds()
        search.connect_signals()

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
        # Its questions and choices, each on the translation screen of its own
        # (no queue: they are the survey's parts, listed with it).
        register_kind(
            TranslatableKind(
                key="survey-question",
                label=_("survey question"),
                record_model=Question,
                can_translate=translations.part_can_translate,
                can_view=translations.part_can_view,
                title=translations.part_title,
            )
        )
        register_kind(
            TranslatableKind(
                key="survey-choice",
                label=_("survey choice"),
                record_model=Choice,
                can_translate=translations.part_can_translate,
                can_view=translations.part_can_view,
                title=translations.part_title,
            )
        )
