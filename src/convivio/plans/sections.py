"""What plans show on pages of lower apps (registered in ``PlansConfig.ready``
with core.hooks): a place's plans on its page, the measures that adopted a
practice on the practice's page; the places with plans in the list of places."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.core import hooks
from convivio.core.models import Territory
from convivio.core.pagination import paginate
from convivio.practices.models import Practice

from .models import Plan
from .selectors import plan_list, practice_plan_links


def place(request: HttpRequest, territory: Territory) -> dict[str, Any]:
    # 50 a page, as many as the place showed before; its own page parameter,
    # since the place's page gathers several lists.
    plans = paginate(
        request,
        plan_list(user=request.user, territory=territory),
        per_page=50,
        param="plans_page",
    )
    for plan in plans:
        plan.shown = plan.translation_for(request.LANGUAGE_CODE)
    return {"plans": plans}


def practice(request: HttpRequest, practice: Practice) -> dict[str, Any] | None:
    # practice_get annotates whether a measure adopted it: no query when none did.
    if not getattr(practice, "in_plans", True):
        return None
    return {"adopted": practice_plan_links(practice, language=request.LANGUAGE_CODE)}


def register() -> None:
    hooks.register_section(
        "territory",
        "plans",
        templates={"main": "plans/_place_plans.html"},
        context=place,
        order=20,
    )
    hooks.register_section(
        "practice", "plans", templates="plans/_practice_adopted.html", context=practice
    )
    hooks.register_place_records(Plan)
