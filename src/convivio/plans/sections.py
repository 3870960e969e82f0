"""What plans show on pages of lower apps (registered in ``PlansConfig.ready``
with core.hooks): a place's plans on its page, the measures that adopted a
practice on the practice's page; the places with plans in the list of places.
By meaning (``fits``): below a practice, the plans whose measures it could
serve; on a measure's page, the practices that fit it and the similar measures
of other plans."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.core import hooks
from convivio.core.models import Territory
from convivio.core.pagination import paginate
from convivio.practices import fits as practice_fits
from convivio.practices.models import Practice

from . import fits
from .models import Plan, PlanNode
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


def practice_plans(request: HttpRequest, practice: Any) -> dict[str, Any] | None:
    language = request.LANGUAGE_CODE
    practice_id = practice.pk
    plans = practice_fits.for_visitors(
        request,
        "plans:practice_plans",
        practice_id,
        ["node"],
        lambda: fits.plans_for_practice(
            practice_id, user=request.user, language=language
        ),
    )
    return {"fit_plans": plans} if plans else None


def measure_practices(request: HttpRequest, node: PlanNode) -> dict[str, Any] | None:
    found = fits.practices_for_measure(
        node, user=request.user, language=request.LANGUAGE_CODE
    )
    return {"fit_practices": found} if found else None


def measure_similar(request: HttpRequest, node: PlanNode) -> dict[str, Any] | None:
    found = fits.similar_measures(
        node, user=request.user, language=request.LANGUAGE_CODE
    )
    return {"similar_measures": found} if found else None


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
    hooks.register_section(
        "practice.related",
        "plans",
        templates="plans/fits/_practice_plans.html",
        context=practice_plans,
        order=20,
    )
    hooks.register_section(
        "plans.measure",
        "practices",
        templates="plans/fits/_measure_practices.html",
        context=measure_practices,
        order=10,
    )
    hooks.register_section(
        "plans.measure",
        "measures",
        templates="plans/fits/_similar_measures.html",
        context=measure_similar,
        order=20,
    )
