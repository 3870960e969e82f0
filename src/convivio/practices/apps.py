from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "convivio.practices"
    label = "practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        from convivio.core.translation import TranslatableKind, register_kind

        from . import (
            search,
            sections,
            signals,  # noqa: F401 - its receivers connect
            translations,
        )
        from .models import Collection, Practice

        sections.register()
        search.register_kinds()
        search.connect_signals()

        register_kind(
            TranslatableKind(
                key="practice",
                label=_("practice"),
                record_model=Practice,
                can_translate=translations.can_translate,
                can_view=translations.can_view,
                queue=translations.queue,
                title=translations.title,
            )
        )
        register_kind(
            TranslatableKind(
                key="collection",
                label=_("collection"),
                record_model=Collection,
                can_translate=translations.can_translate_collection,
                can_view=translations.can_view_collection,
                queue=translations.collection_queue,
                parts=translations.collection_parts,
                title=translations.collection_title,
            )
        )
