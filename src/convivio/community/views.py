"""Pages of networks: the list, a network's page, its members, joining and
leaving, the issues its members rank.  Thin: services write and check rights,
selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convivio.core import hooks
from convivio.core.forms import add_service_errors
from convivio.core.http import AuthenticatedHttpRequest
from convivio.core.pagination import paginate
from convivio.core.permissions import is_moderator

from . import notifications, permissions, selectors, services
from .forms import DeclareForm, InviteForm, IssuesForm, JoinForm, NetworkForm, RoleForm
from .models import JoinRequest, Member, Network


def _network(request: HttpRequest, pk: int) -> Network:
    """The network, if the person may read it (404 / 403 otherwise)."""
    network = selectors.network_for_page(pk)
    if network is None:
        raise Http404
    permissions.require_view_network(request.user, network)
    network.shown = network.translation_for(get_language())
    return network


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# ------------------------------------------------------------------------ list


def network_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.NetworkFilters.from_query(request.GET)
    page = paginate(request, selectors.list_rows(request.user, filters))
    selectors.in_language(page.object_list, get_language())
    return render(
        request,
        "community/network_list.html",
        {
            "page": page,
            "filters": filters,
            "page_filters": filters.query_string(),
            "options": selectors.filter_options(),
            "can_create": permissions.can_create_network(request.user),
        },
    )


# ------------------------------------------------------------------------ page


def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    user = request.user
    role = permissions.role_in(user, network)
    pending = selectors.pending_for(user, network)
    return render(
        request,
        "community/network_detail.html",
        {
            "network": network,
            "role": role,
            "role_label": dict(Member.Role.choices).get(role or "", ""),
            "pending": pending,
            "coordinators": selectors.coordinators(network),
            "composition": selectors.composition(network),
            "ranking": selectors.network_ranking(network),
            "can_coordinate": permissions.can_coordinate_network(user, network),
            "can_ask": permissions.can_ask_to_join(user, network) and pending is None,
            "can_vote": permissions.can_vote_issues(user, network),
            "can_see_members": role is not None or is_moderator(user),
            "join_form": JoinForm(),
            "sections": hooks.sections("network", request, network),
            "follow_topic": notifications.topic("network", network.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require_create_network(request.user)
    form = NetworkForm(
        request.POST or None,
        initial={
            "language": request.LANGUAGE_CODE,
            "kind": Network.Kind.LOCAL_FORUM,
            "visibility": Network.Visibility.PUBLIC,
            "joining": Network.Joining.REQUEST,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(request.user, **form.to_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The network was created."))
            return redirect(network)
    return render(
        request, "community/network_form.html", {"form": form, "network": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    permissions.require_coordinate_network(request.user, network)
    form = NetworkForm(
        request.POST or None, initial=NetworkForm.initial_for(network), editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.network_edit(request.user, network, **form.to_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(network)
    return render(
        request, "community/network_form.html", {"form": form, "network": network}
    )


# --------------------------------------------------------------------- joining


@login_required
@require_http_methods(["GET", "POST"])
def network_join(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    permissions.require_ask_to_join(request.user, network)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_ask(
                request.user, network, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your request was sent to the network's coordinators.")
            )
            return redirect(network)
    return render(
        request, "community/network_join.html", {"network": network, "form": form}
    )


@login_required
@require_POST
def network_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = get_object_or_404(Network, pk=pk)
    services.join_withdraw(request.user, network)
    return redirect(network)


@login_required
@require_http_methods(["GET", "POST"])
def network_invitation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The invited person reads what the network is and accepts or declines
    (a members-only network shows this much to the person it invites)."""
    network = get_object_or_404(Network.objects.prefetch_related("translations"), pk=pk)
    invitation = JoinRequest.objects.filter(
        network=network,
        user=request.user,
        kind=JoinRequest.Kind.INVITATION,
        status=JoinRequest.Status.PENDING,
    ).first()
    if invitation is None:
        raise Http404
    network.shown = network.translation_for(get_language())
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            messages.error(request, _("Accept or decline the invitation."))
            return redirect("community:network_invitation", network.pk)
        try:
            services.invitation_answer(
                request.user, invitation, accept=answer == "accept"
            )
        except ValidationError as error:
            _error_messages(request, error)
            return redirect("community:network_invitation", network.pk)
        if answer == "accept":
            messages.success(request, _("Welcome: you are now a member."))
            return redirect(network)
        messages.success(request, _("You declined the invitation."))
        return redirect("community:network_list")
    return render(
        request,
        "community/network_invitation.html",
        {"network": network, "invitation": invitation},
    )


@login_required
@require_POST
def network_leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    try:
        services.network_leave(request.user, network)
    except ValidationError as error:
        _error_messages(request, error)
        return redirect(network)
    messages.success(request, _("You left the network."))
    if network.is_public:
        return redirect(network)
    return redirect("community:network_list")


# --------------------------------------------------------------------- members


def _require_member_page(request: HttpRequest, network: Network) -> None:
    if not (permissions.is_member(request.user, network) or is_moderator(request.user)):
        raise PermissionDenied(_("Only the network's members see who its members are."))


def _members_page(
    request: HttpRequest,
    network: Network,
    *,
    invite_form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_coordinate = permissions.can_coordinate_network(request.user, network)
    members = selectors.members(network)
    mine = next((m for m in members if m.user_id == request.user.pk), None)
    return render(
        request,
        "community/network_members.html",
        {
            "network": network,
            "members": members,
            "mine": mine,
            "can_coordinate": can_coordinate,
            "requests": selectors.pending_requests(network) if can_coordinate else [],
            "invite_form": invite_form or InviteForm(),
            "roles": Member.Role.choices,
            "declare_form": DeclareForm(
                initial={
                    "constituency": mine.constituency,
                    "gender": mine.gender,
                    "languages": [lang.code for lang in mine.languages.all()],
                }
            )
            if mine
            else None,
        },
        status=status,
    )


@login_required
def network_members(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    _require_member_page(request, network)
    return _members_page(request, network)


@login_required
@require_POST
def network_declare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A member's own constituency, gender and languages (all optional)."""
    network = _network(request, pk)
    if not permissions.is_member(request.user, network):
        raise PermissionDenied(_("You are not a member of this network."))
    form = DeclareForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
        return redirect("community:network_members", network.pk)
    try:
        services.member_declare(request.user, network, **form.cleaned_data)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Your changes were saved."))
    return redirect("community:network_members", network.pk)


@login_required
@require_POST
def network_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    permissions.require_coordinate_network(request.user, network)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite(request.user, network, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect("community:network_members", network.pk)
    return _members_page(request, network, invite_form=form)


@login_required
@require_POST
def network_request_decide(
    request: AuthenticatedHttpRequest, pk: int, request_id: int
) -> HttpResponse:
    network = _network(request, pk)
    permissions.require_coordinate_network(request.user, network)
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("network", "user"),
        pk=request_id,
        network=network,
    )
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Accept or decline the request."))
        return redirect("community:network_members", network.pk)
    try:
        services.request_decide(request.user, join_request, accept=decision == "accept")
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Your answer was sent."))
    return redirect("community:network_members", network.pk)


@login_required
@require_POST
def network_member_role(
    request: AuthenticatedHttpRequest, pk: int, member_id: int
) -> HttpResponse:
    network = _network(request, pk)
    permissions.require_coordinate_network(request.user, network)
    member = get_object_or_404(
        Member.objects.select_related("network", "user"), pk=member_id, network=network
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("community:network_members", network.pk)
    try:
        services.member_role_set(request.user, member, form.cleaned_data["role"])
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Your changes were saved."))
    return redirect("community:network_members", network.pk)


# ---------------------------------------------------------------------- issues


@login_required
@require_http_methods(["GET", "POST"])
def network_issues(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A member ranks the three most relevant issues of the network's place."""
    network = _network(request, pk)
    permissions.require_vote_issues(request.user, network)
    mine = selectors.my_votes(request.user, network)
    initial: dict[str, Any] = {}
    if any(mine):
        slugs = dict(
            network.themes.model.objects.filter(
                pk__in=[t for t in mine if t]
            ).values_list("pk", "slug")
        )
        initial = {f"rank_{i}": slugs.get(t) for i, t in enumerate(mine, start=1) if t}
    form = IssuesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.issues_vote(request.user, network, form.themes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your ranking was saved."))
            return redirect(network)
    return render(
        request,
        "community/network_issues.html",
        {
            "network": network,
            "form": form,
            "ranking": selectors.network_ranking(network),
        },
    )
