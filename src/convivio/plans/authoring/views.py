"""Plan pages: the list, a plan on one page, the printable view, the editor,
compare, duplicate and code lists.

The editor works without JavaScript (every action is a form that posts and
redirects back); with HTMX the editor area is boosted, so that an action swaps
only the editor, and "Edit" swaps a row for its form in place.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convivio.core import hooks, ratelimit
from convivio.core.forms import add_service_errors
from convivio.core.http import AuthenticatedHttpRequest
from convivio.core.models import Territory
from convivio.core.pagination import ROWS_PER_PAGE, paginate
from convivio.core.services import territory_obtain

from .. import fits, permissions, selectors, services
from ..models import (
    Dimension,
    Indicator,
    MeasurePractice,
    Plan,
    PlanNode,
    Recommendation,
    Responsibility,
)
from ..monitoring.selectors import (
    cell_label,
    indicator_axes,
    indicator_cells,
    indicator_periods,
)
from ..services import TRANSITIONS, NodeData
from .forms import (
    DimensionForm,
    DimensionValueForm,
    DuplicateForm,
    IndicatorForm,
    NodeAddForm,
    NodeForm,
    PlanCreateForm,
    PlanForm,
    PracticeLinkForm,
    RecommendationForm,
    ResponsibilityForm,
    TargetForm,
    TransitionForm,
)

# ----------------------------------------------------------------- helpers


#: The buttons that change a plan's status: one whole label per status, as the
#: status word takes a different form after "mark as" in each language.
MARK_AS: dict[str, Promise] = {
    Plan.Status.DRAFT: gettext_lazy("Mark as draft"),
    Plan.Status.ADOPTED: gettext_lazy("Mark as adopted"),
    Plan.Status.MONITORING: gettext_lazy("Mark as monitoring"),
    Plan.Status.CLOSED: gettext_lazy("Mark as closed"),
}


def _plan_visible(request: HttpRequest, pk: int) -> Plan:
    try:
        plan = selectors.plan_get(pk=pk)
    except Plan.DoesNotExist:
        raise Http404(_("No such plan.")) from None
    if not permissions.can_view_plan(request.user, plan):
        raise Http404(_("No such plan."))
    return plan


def _plan_editable(request: HttpRequest, pk: int) -> Plan:
    plan = _plan_visible(request, pk)
    permissions.require_edit_plan(request.user, plan)
    return plan


def _node(plan: Plan, node_pk: int) -> PlanNode:
    return get_object_or_404(
        PlanNode.objects.select_related("plan__territory"),
        pk=node_pk,
        plan=plan,
        deleted_at__isnull=True,
    )


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _back(plan: Plan, anchor: str = "") -> HttpResponse:
    url = reverse("plans:editor", args=[plan.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _tabs(request: HttpRequest, plan: Plan, current: str) -> dict:
    return {
        "plan": plan,
        "tab": current,
        "can_edit": permissions.can_edit_plan(request.user, plan),
    }


# ------------------------------------------------------------------- pages


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    territory = None
    territory_id = request.GET.get("territory", "")
    if territory_id.isdigit():
        territory = Territory.objects.filter(pk=int(territory_id)).first()
    status = request.GET.get("status", "")
    if status not in Plan.Status.values:
        status = ""
    q = request.GET.get("q", "").strip()[:200]
    plans = paginate(
        request,
        selectors.plan_list(
            user=request.user, territory=territory, status=status or None, q=q or None
        ),
        per_page=ROWS_PER_PAGE,
    )
    for plan in plans:
        row = plan.translation_for(request.LANGUAGE_CODE)
        plan.shown_title = row.title if row else ""
        plan.shown_language = row.language_id if row else ""
    # The places of the plans the person may see: a draft's place is not named.
    visible = permissions.visible_plans(request.user)
    territories = Territory.objects.filter(
        pk__in=visible.values("territory_id")
    ).order_by("name") | Territory.objects.filter(
        kind=Territory.Kind.COUNTRY,
        country_code__in=visible.values("territory__country_code"),
    )
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "territories": territories.distinct().order_by("kind", "name"),
            "statuses": Plan.Status.choices,
            "selected": {"territory": territory_id, "status": status, "q": q},
            "can_create": permissions.can_create_plan(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_create_plan(request.user):
        raise PermissionDenied(_("Only members of a territory team can create plans."))
    form = PlanCreateForm(
        request.POST or None,
        user=request.user,
        initial={"language": request.LANGUAGE_CODE, "template": "blank"},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            # A place the person added is kept only with the plan made for it.
            with transaction.atomic():
                territory = territory_obtain(
                    actor=request.user, place=form.cleaned_data["territory"]
                )
                plan = services.plan_create(
                    user=request.user,
                    data=form.to_data(territory),
                    template=form.cleaned_data["template"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error, 200)
        else:
            messages.success(request, _("Your plan was created as a draft."))
            return redirect("plans:editor", plan.pk)
    return render(
        request, "plans/plan_form.html", {"form": form, "plan": None}, status=status
    )


def _detail_context(request: HttpRequest, plan: Plan) -> dict:
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    shown = plan.translation_for(language)
    return {
        **_tabs(request, plan, "plan"),
        "shown": shown,
        "tree": selectors.plan_tree(plan, language=language),
        "recommendations": selectors.plan_recommendations(plan, language=language),
    }


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_visible(request, pk)
    return render(
        request,
        "plans/plan_detail.html",
        {
            **_detail_context(request, plan),
            # What other apps show below the plan (its discussions, …).
            "sections": hooks.sections("plans.plan", request, plan),
        },
    )


@require_GET
def plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_visible(request, pk)
    return render(request, "plans/plan_print.html", _detail_context(request, plan))


def _with_plan(item, plan: Plan) -> PlanNode:
    item.node.plan = plan
    return item.node


@require_GET
def measure_detail(request: HttpRequest, pk: int, node_pk: int) -> HttpResponse:
    """One measure of a plan, with what fits it by meaning (sections of
    ``plans.measure``: practices, measures of other plans)."""
    plan = _plan_visible(request, pk)
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    item = next(
        (
            item
            for item in selectors.plan_tree(plan, language=language)
            if item.node.pk == node_pk and item.node.kind == PlanNode.Kind.MEASURE
        ),
        None,
    )
    if item is None:
        raise Http404(_("No such record."))
    return render(
        request,
        "plans/fits/measure_detail.html",
        {
            **_tabs(request, plan, "plan"),
            "shown": plan.translation_for(language),
            "item": item,
            # The measure with the plan loaded above (what its sections ask of it).
            "sections": hooks.sections(
                "plans.measure", request, _with_plan(item, plan)
            ),
        },
    )


# ------------------------------------------------------------------ editor


def _editor_context(request: HttpRequest, plan: Plan) -> dict:
    language = plan.original_language_id
    return {
        **_tabs(request, plan, "editor"),
        "shown": plan.translation_for(language),
        "tree": selectors.plan_tree(plan, language=language),
        "recommendations": selectors.plan_recommendations(plan, language=language),
        "last_change": services.last_change(plan),
        "transitions": [
            (status, MARK_AS[status])
            for status in sorted(TRANSITIONS.get(plan.status, ()))
        ],
        "add_form": NodeAddForm(),
        "kinds": PlanNode.Kind.choices,
        "roles": Responsibility.Role.choices,
        "relations": MeasurePractice.Relation.choices,
        "audiences": Recommendation.Audience.choices,
        "organisations": selectors.organisations_for_select(),
        "practices": selectors.practices_for_select(),
        "recommendation_form": RecommendationForm(),
        "htmx": bool(getattr(request, "htmx", False)),
    }


@login_required
@require_GET
def plan_editor(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    context = _editor_context(request, plan)
    if getattr(request, "htmx", False):
        return render(request, "plans/plan_editor.html#editor", context)
    return render(request, "plans/plan_editor.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit_meta(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    form = PlanForm(
        request.POST or None, user=request.user, initial=PlanForm.initial_from(plan)
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                territory = territory_obtain(
                    actor=request.user, place=form.cleaned_data["territory"]
                )
                services.plan_update(
                    user=request.user, plan=plan, data=form.to_data(territory)
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan's description was saved."))
            return _back(plan)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@login_required
@require_POST
def plan_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That status does not exist."))
        return _back(plan)
    try:
        plan = services.plan_transition(
            user=request.user, plan=plan, status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            _("The plan is now %(status)s.") % {"status": plan.get_status_display()},
        )
    return _back(plan)


@login_required
@require_POST
def plan_undo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    try:
        change = services.change_undo(user=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Undone: %(label)s") % {"label": change.label})
    return _back(plan)


@login_required
@require_POST
def node_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    form = NodeAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new part of the plan a title and a kind."))
        return _back(plan)
    d = form.cleaned_data
    parent = _node(plan, d["parent"]) if d["parent"] else None
    after = _node(plan, d["after"]) if d["after"] else None
    try:
        node = services.node_create(
            user=request.user,
            plan=plan,
            kind=d["kind"],
            data=NodeData(title=d["title"], code=d["code"]),
            parent=parent,
            after=after,
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return _back(plan)
    return _back(plan, f"node-{node.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def node_edit(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    node = _node(plan, node_pk)
    form = NodeForm(request.POST or None, initial=NodeForm.initial_from(node))
    if request.method == "POST" and form.is_valid():
        try:
            services.node_update(
                user=request.user,
                node=node,
                data=form.to_data(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            if getattr(request, "htmx", False):
                response = render(
                    request,
                    "plans/plan_editor.html#editor",
                    _editor_context(request, Plan.objects.get(pk=plan.pk)),
                )
                response["HX-Retarget"] = "#editor"
                response["HX-Reswap"] = "outerHTML"
                return response
            return _back(plan, f"node-{node.pk}")
    context = {**_tabs(request, plan, "editor"), "node": node, "form": form}
    if getattr(request, "htmx", False):
        return render(request, "plans/node_form.html#node_form", context)
    return render(request, "plans/node_form.html", context)


@login_required
@require_POST
def node_move(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    node = _node(plan, node_pk)
    try:
        services.node_move(
            user=request.user, node=node, direction=request.POST.get("direction", "")
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    return _back(plan, f"node-{node.pk}")


@login_required
@require_POST
def node_delete(
    request: AuthenticatedHttpRequest, pk: int, node_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    node = _node(plan, node_pk)
    # A node with others under it is deleted only once the person has seen what
    # goes with it: the editor's form asks in the browser (hx-confirm) and says
    # so with ``confirmed``; without JavaScript this page asks instead.
    below = selectors.node_descendants(node)
    if below and request.POST.get("confirmed") != "1":
        return render(
            request,
            "plans/node_delete_confirm.html",
            {
                **_tabs(request, plan, "editor"),
                "node": node,
                "shown": plan.translation_for(plan.original_language_id),
                "node_shown": node.translation_for(plan.original_language_id),
                "counts": selectors.node_kind_counts(below),
            },
        )
    try:
        services.node_delete(user=request.user, node=node)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request, _("Deleted. Use “Undo” to bring it back if this was a mistake.")
        )
    return _back(plan)


@login_required
@require_POST
def node_entity(
    request: AuthenticatedHttpRequest, pk: int, node_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    node = _node(plan, node_pk)
    form = ResponsibilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(plan, f"node-{node.pk}")
    try:
        services.responsibility_set(
            user=request.user,
            node=node,
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
            competences=form.cleaned_data["competences"],
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    return _back(plan, f"node-{node.pk}")


@login_required
@require_POST
def entity_remove(
    request: AuthenticatedHttpRequest, pk: int, responsibility_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    responsibility = get_object_or_404(
        Responsibility.objects.select_related("node__plan", "organisation"),
        pk=responsibility_pk,
        node__plan=plan,
    )
    services.responsibility_remove(user=request.user, responsibility=responsibility)
    return _back(plan, f"node-{responsibility.node_id}")


@login_required
@require_POST
def node_practice(
    request: AuthenticatedHttpRequest, pk: int, node_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    node = _node(plan, node_pk)
    form = PracticeLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(plan, f"node-{node.pk}")
    try:
        services.measure_practice_link(
            user=request.user,
            node=node,
            practice=form.cleaned_data["practice"],
            relation=form.cleaned_data["relation"],
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    return _back(plan, f"node-{node.pk}")


@login_required
@require_POST
def practice_unlink(
    request: AuthenticatedHttpRequest, pk: int, link_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    link = get_object_or_404(
        MeasurePractice.objects.select_related("node__plan"),
        pk=link_pk,
        node__plan=plan,
    )
    services.measure_practice_unlink(user=request.user, link=link)
    return _back(plan, f"node-{link.node_id}")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(
    request: AuthenticatedHttpRequest, pk: int, node_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    node = _node(plan, node_pk)
    form = IndicatorForm(request.POST or None, plan=plan)
    del form.fields["minor"]  # a new indicator has no translations yet
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_create(user=request.user, node=node, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was added."))
            return _back(plan, f"node-{node.pk}")
    return render(
        request,
        "plans/indicator_form.html",
        {
            **_tabs(request, plan, "editor"),
            "node": node,
            "form": form,
            "indicator": None,
        },
    )


def _indicator(plan: Plan, indicator_pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("plan__territory", "node"),
        pk=indicator_pk,
        plan=plan,
        deleted_at__isnull=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(
    request: AuthenticatedHttpRequest, pk: int, indicator_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    indicator = _indicator(plan, indicator_pk)
    form = IndicatorForm(
        request.POST or None, plan=plan, initial=IndicatorForm.initial_from(indicator)
    )
    if request.method == "POST" and form.is_valid():
        keep = {
            link.dimension.slug: [v.code for v in link.values.all()]
            for link in indicator.indicator_dimensions.select_related(
                "dimension"
            ).prefetch_related("values")
        }
        try:
            services.indicator_update(
                user=request.user,
                indicator=indicator,
                data=form.to_data(keep),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return _back(plan, f"node-{indicator.node_id}")
    return render(
        request,
        "plans/indicator_form.html",
        {
            **_tabs(request, plan, "editor"),
            "node": indicator.node,
            "form": form,
            "indicator": indicator,
            **_targets(indicator),
        },
    )


def _targets(indicator: Indicator, data=None) -> dict:
    """The indicator's targets and the form to set one, with cells named."""
    axes = indicator_axes(indicator)
    cells = [(key, cell_label(key, axes)) for key in indicator_cells(axes)]
    names = dict(cells)
    periods = [p.key for p in indicator_periods(indicator, indicator.plan)]
    return {
        "targets": [
            (target, names.get(target.cell, _("the total")))
            for target in indicator.targets.all()
        ],
        "target_form": TargetForm(data, periods=periods, cells=cells),
    }


@login_required
@require_POST
def target_set(
    request: AuthenticatedHttpRequest, pk: int, indicator_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    indicator = _indicator(plan, indicator_pk)
    context = _targets(indicator, request.POST)
    form = context["target_form"]
    if form.is_valid():
        try:
            services.target_set(
                user=request.user,
                indicator=indicator,
                period=form.cleaned_data["period"],
                value=form.cleaned_data["value"],
                cell=form.cleaned_data.get("cell") or "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The target was saved."))
            return redirect("plans:indicator_edit", plan.pk, indicator.pk)
    return render(
        request,
        "plans/indicator_form.html",
        {
            **_tabs(request, plan, "editor"),
            "node": indicator.node,
            "form": IndicatorForm(
                plan=plan, initial=IndicatorForm.initial_from(indicator)
            ),
            "indicator": indicator,
            **context,
            "target_form": form,
        },
        status=400,
    )


@login_required
@require_POST
def indicator_delete(
    request: AuthenticatedHttpRequest, pk: int, indicator_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    indicator = _indicator(plan, indicator_pk)
    try:
        services.indicator_delete(user=request.user, indicator=indicator)
    except ValidationError as error:
        messages.error(request, _errors(error))
    return _back(plan, f"node-{indicator.node_id}")


@login_required
@require_POST
def recommendation_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    form = RecommendationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the recommendation and choose who it is for."))
        return _back(plan, "recommendations")
    services.recommendation_create(
        user=request.user,
        plan=plan,
        audience=form.cleaned_data["audience"],
        text=form.cleaned_data["text"],
    )
    return _back(plan, "recommendations")


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(
    request: AuthenticatedHttpRequest, pk: int, rec_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    rec = get_object_or_404(
        Recommendation.objects.prefetch_related("translations"), pk=rec_pk, plan=plan
    )
    form = RecommendationForm(
        request.POST or None, initial=RecommendationForm.initial_from(rec)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_update(
                user=request.user,
                recommendation=rec,
                audience=form.cleaned_data["audience"],
                text=form.cleaned_data["text"],
                minor=form.cleaned_data["minor"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return _back(plan, "recommendations")
    return render(
        request,
        "plans/recommendation_form.html",
        {**_tabs(request, plan, "editor"), "recommendation": rec, "form": form},
    )


@login_required
@require_POST
def recommendation_delete(
    request: AuthenticatedHttpRequest, pk: int, rec_pk: int
) -> HttpResponse:
    plan = _plan_editable(request, pk)
    rec = get_object_or_404(Recommendation, pk=rec_pk, plan=plan)
    services.recommendation_delete(user=request.user, recommendation=rec)
    return _back(plan, "recommendations")


@login_required
@require_http_methods(["GET", "POST"])
def plan_duplicate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_editable(request, pk)
    shown = plan.translation_for(plan.original_language_id)
    initial = {"title": shown.title if shown else ""}
    start, end = plan.start_year, plan.end_year
    if start is not None and end is not None:  # has_period; else the team says
        initial["start_year"] = end + 1
        initial["end_year"] = end + 1 + (end - start)
    form = DuplicateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.plan_duplicate(
                user=request.user,
                plan=plan,
                start_year=form.cleaned_data["start_year"],
                end_year=form.cleaned_data["end_year"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The plan for %(period)s was created as a draft.")
                % {"period": new.period},
            )
            return redirect("plans:editor", new.pk)
    return render(
        request,
        "plans/plan_duplicate.html",
        {**_tabs(request, plan, "editor"), "form": form},
    )


# ----------------------------------------------------------------- compare


@require_GET
def plans_compare(request: HttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.GET.getlist("plans") if v.isdigit()][:6]
    visible = [
        p
        for p in selectors.plan_list(user=request.user).filter(pk__in=ids)
        if p.pk in ids
    ]
    visible.sort(key=lambda p: ids.index(p.pk))
    for plan in visible:
        row = plan.translation_for(request.LANGUAGE_CODE)
        plan.shown_title = row.title if row else ""
    comparison = (
        selectors.plans_compare(visible, language=request.LANGUAGE_CODE)
        if len(visible) >= 1
        else None
    )
    # By meaning, the first two plans' measures paired, and the themes each
    # covers that another does not.
    matching = (
        fits.match_measures(
            visible[0], visible[1], user=request.user, language=request.LANGUAGE_CODE
        )
        if len(visible) >= 2
        else None
    )
    choices = list(selectors.plan_list(user=request.user)[:200])
    for plan in choices:
        row = plan.translation_for(request.LANGUAGE_CODE)
        plan.shown_title = row.title if row else ""
    return render(
        request,
        "plans/plan_compare.html",
        {
            "comparison": comparison,
            "matching": matching,
            "gaps": fits.theme_gaps(comparison) if comparison and matching else [],
            "plans": visible,
            "choices": choices,
            "selected": [p.pk for p in visible],
        },
    )


# -------------------------------------------------------------- code lists


@require_http_methods(["GET", "POST"])
def dimensions(request: HttpRequest) -> HttpResponse:
    user = request.user
    is_team = permissions.can_create_plan(user)
    list_form = DimensionForm(
        request.POST if request.POST.get("action") == "list" else None, user=user
    )
    value_form = DimensionValueForm(
        request.POST if request.POST.get("action") == "value" else None, user=user
    )
    if request.method == "POST":
        if not is_team:
            raise PermissionDenied(_("Only territory teams can extend the code lists."))
        form = list_form if request.POST.get("action") == "list" else value_form
        if form.is_valid():
            d = form.cleaned_data
            try:
                if form is list_form:
                    services.dimension_create(
                        user=user,
                        territory=d["territory"],
                        name=d["name"],
                        values=d["values"],
                    )
                else:
                    services.dimension_value_add(
                        user=user,
                        dimension=d["dimension"],
                        territory=d["territory"],
                        code=d["code"],
                        label=d["label"],
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The code list was saved."))
                return redirect("plans:dimensions")
    team_ids = permissions.team_territory_ids(user)
    lists = (
        (
            Dimension.objects.filter(territory__isnull=True)
            | Dimension.objects.filter(territory_id__in=team_ids)
        )
        .select_related("territory")
        .prefetch_related("values")
    )
    shown = []
    for dimension in lists.order_by("territory_id", "position", "name"):
        values = [
            v
            for v in dimension.values.all()
            if v.territory_id is None or v.territory_id in team_ids
        ]
        shown.append(
            {"dimension": dimension, "values": values[:60], "more": len(values) - 60}
        )
    return render(
        request,
        "plans/dimensions.html",
        {
            "lists": shown,
            "is_team": is_team,
            "list_form": list_form,
            "value_form": value_form,
        },
    )


urlpatterns = [
    path("plans/", plan_list, name="list"),
    path("plans/new/", plan_create, name="create"),
    path("plans/compare/", plans_compare, name="compare"),
    path("plans/code-lists/", dimensions, name="dimensions"),
    path("plans/<int:pk>/", plan_detail, name="detail"),
    path("plans/<int:pk>/print/", plan_print, name="print"),
    path("plans/<int:pk>/measures/<int:node_pk>/", measure_detail, name="measure"),
    path("plans/<int:pk>/edit/", plan_editor, name="editor"),
    path("plans/<int:pk>/edit/details/", plan_edit_meta, name="edit_meta"),
    path("plans/<int:pk>/edit/status/", plan_status, name="status"),
    path("plans/<int:pk>/edit/undo/", plan_undo, name="undo"),
    path("plans/<int:pk>/duplicate/", plan_duplicate, name="duplicate"),
    path("plans/<int:pk>/nodes/add/", node_add, name="node_add"),
    path("plans/<int:pk>/nodes/<int:node_pk>/edit/", node_edit, name="node_edit"),
    path("plans/<int:pk>/nodes/<int:node_pk>/move/", node_move, name="node_move"),
    path("plans/<int:pk>/nodes/<int:node_pk>/delete/", node_delete, name="node_delete"),
    path(
        "plans/<int:pk>/nodes/<int:node_pk>/entities/", node_entity, name="node_entity"
    ),
    path(
        "plans/<int:pk>/entities/<int:responsibility_pk>/remove/",
        entity_remove,
        name="entity_remove",
    ),
    path(
        "plans/<int:pk>/nodes/<int:node_pk>/practices/",
        node_practice,
        name="node_practice",
    ),
    path(
        "plans/<int:pk>/practice-links/<int:link_pk>/remove/",
        practice_unlink,
        name="practice_unlink",
    ),
    path(
        "plans/<int:pk>/nodes/<int:node_pk>/indicators/add/",
        indicator_add,
        name="indicator_add",
    ),
    path(
        "plans/<int:pk>/indicators/<int:indicator_pk>/edit/",
        indicator_edit,
        name="indicator_edit",
    ),
    path(
        "plans/<int:pk>/indicators/<int:indicator_pk>/targets/",
        target_set,
        name="target_set",
    ),
    path(
        "plans/<int:pk>/indicators/<int:indicator_pk>/delete/",
        indicator_delete,
        name="indicator_delete",
    ),
    path(
        "plans/<int:pk>/recommendations/add/",
        recommendation_add,
        name="recommendation_add",
    ),
    path(
        "plans/<int:pk>/recommendations/<int:rec_pk>/edit/",
        recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "plans/<int:pk>/recommendations/<int:rec_pk>/delete/",
        recommendation_delete,
        name="recommendation_delete",
    ),
]
