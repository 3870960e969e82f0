from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "convivio.plans"
    label = "plans"
    verbose_name = _("Plans and monitoring")

    def ready(self) -> None:
        from convivio.core.translation import TranslatableKind, register_kind

        from . import search, sections
        from . import translations as t
        from .models import Indicator, Plan, PlanNode, Recommendation

        sections.register()
        search.register_kinds()
        search.connect_signals()

        register_kind(
            TranslatableKind(
                key="plan",
                label=_("plan"),
                record_model=Plan,
                can_translate=t.can_translate,
                can_view=t.can_view,
                queue=t.queue,
                parts=t.parts,
                title=t.title,
            )
        )
        for key, label, model, queue, title in (
            ("plan_node", _("part of a plan"), PlanNode, t.node_queue, t.node_title),
            (
                "indicator",
                _("indicator"),
                Indicator,
                t.indicator_queue,
                t.indicator_title,
            ),
            (
                "recommendation",
                _("recommendation"),
                Recommendation,
                t.recommendation_queue,
                t.recommendation_title,
            ),
        ):
            register_kind(
                TranslatableKind(
                    key=key,
                    label=label,
                    record_model=model,
                    can_translate=t.can_translate_part,
                    can_view=t.can_view_part,
                    queue=queue,
                    title=title,
                )
            )
