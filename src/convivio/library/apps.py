from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "convivio.library"
    label = "library"
    verbose_name = _("Documents library")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from convivio.core.translation import TranslatableKind, register_kind

        from . import search, translations
        from .models import Document, DocumentTranslation

        search.register_kinds()
        post_save.connect(
            translations.reindex, sender=DocumentTranslation, dispatch_uid="reindex"
        )
        post_delete.connect(
            translations.reindex, sender=DocumentTranslation, dispatch_uid="reindex"
        )
        register_kind(
            TranslatableKind(
                key="document",
                label=_("document"),
                record_model=Document,
                can_translate=translations.can_translate,
                can_view=translations.can_view,
                queue=translations.queue,
                title=translations.title,
            )
        )
