from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "convivio.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import organisation_translations as organisations
        from .models import Organisation
        from .translation import TranslatableKind, register_kind

        register_kind(
            TranslatableKind(
                key="organisation",
                label=_("organisation"),
                record_model=Organisation,
                can_translate=organisations.can_translate,
                can_view=organisations.can_view,
                queue=organisations.queue,
                title=organisations.title,
            )
        )
        _connect_code_list_versions()


def _code_list_changed(sender, instance=None, **kwargs) -> None:
    from .caching import CODES, bump
    from .models import Territory

    if isinstance(instance, Territory) and instance.kind != Territory.Kind.COUNTRY:
        return  # only countries are in the code lists
    bump(CODES)


def _connect_code_list_versions() -> None:
    """Writes to the code lists (themes, target groups, countries, languages)
    bump their cache version: they are edited in the admin and by migrations,
    outside any service, so their signals are where every write passes."""
    from django.db.models.signals import post_delete, post_migrate, post_save

    from .models import Language, TargetGroup, Territory, Theme

    for model in (Language, TargetGroup, Territory, Theme):
        for signal in (post_save, post_delete):
            signal.connect(_code_list_changed, sender=model)
    post_migrate.connect(_code_list_changed)
