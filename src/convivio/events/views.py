"""Event pages: the list, an event, creating and editing, registering and
cancelling, a person's registrations and calendar feed, the organisers'
registrations list with attendance and check-in, the minutes and outcomes, the
booklet, and the iCalendar files."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convivio.community import notifications
from convivio.community.models import Network
from convivio.community.permissions import can_view_network
from convivio.core import hooks, ratelimit
from convivio.core.forms import add_service_errors
from convivio.core.models import Language, Territory, User
from convivio.core.pagination import ROWS_PER_PAGE, paginate
from convivio.plans.permissions import visible_plans

from . import ics, permissions, selectors, services
from .forms import CheckInForm, EventForm, RegistrationForm, ReportForm
from .models import Event, Registration

PER_PAGE = 20


class _SignInFirst(Exception):
    """A visitor asked for something that members may read: sign in first."""


def _members_only(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise _SignInFirst
    raise PermissionDenied(_("This network is open to its members only."))


def sign_in_first(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _SignInFirst:
            return redirect_to_login(request.get_full_path())

    return wrapper


def _event(request: HttpRequest, pk: int) -> Event:
    """The event, its text in the reader's language as ``shown``: 404 for a
    draft the person does not organise, members only for an event of a
    members-only network."""
    try:
        event = selectors.event_get(pk)
    except Event.DoesNotExist:
        raise Http404(_("No such event.")) from None
    if not permissions.can_view_event(request.user, event):
        if event.status in permissions.SHOWN:
            _members_only(request)
        raise Http404(_("No such event."))
    event.shown = event.translation_for(request.LANGUAGE_CODE)
    return event


def _organised(request: HttpRequest, pk: int) -> Event:
    event = _event(request, pk)
    permissions.require_organise_event(request.user, event)
    return event


# --------------------------------------------------------------------- list


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.EventFilters.from_query(request.GET)
    qs = selectors.events_filtered(request.user, filters)
    coming = paginate(
        request,
        selectors.for_list(selectors.coming(qs)),
        per_page=PER_PAGE,
        param="page",
    )
    past = paginate(
        request, selectors.for_list(selectors.past(qs)), per_page=PER_PAGE, param="past"
    )
    selectors.shown(coming.object_list, request.LANGUAGE_CODE)
    selectors.shown(past.object_list, request.LANGUAGE_CODE)
    networks = selectors.events_networks(request.user)
    return render(
        request,
        "events/event_list.html",
        {
            "coming": coming,
            "past": past,
            "filters": filters,
            "formats": Event.Format.choices,
            "networks": networks,
            "places": Territory.objects.filter(
                pk__in=selectors.events_visible(request.user).values("territory_id")
            ).order_by("name")[:200],
            "languages": Language.objects.filter(
                pk__in=selectors.events_visible(request.user).values("languages")
            ).order_by("code"),
            "can_create": permissions.can_create_event(request.user),
        },
    )


# ------------------------------------------------------------------- an event


@sign_in_first
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    user = request.user
    mine = selectors.user_registration(user, event)
    organiser = permissions.can_organise_event(user, event)
    form = None
    if mine is None and permissions.can_register(user, event):
        form = RegistrationForm(event=event, signed_in=user.is_authenticated)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "mine": mine,
            "waiting_rank": selectors.waiting_rank(mine) if mine else None,
            "form": form,
            "refusal": permissions.registration_refusal(user, event),
            "organiser": organiser,
            "counts": selectors.counts(event),
            "attendees": selectors.public_attendees(event),
            "after": event.ends_at < timezone.now(),
            "organisations_present": selectors.organisations_present(event)
            if event.ends_at < timezone.now()
            else [],
            "add_links": ics.add_links(event, request.LANGUAGE_CODE),
            "linked": selectors.linked(event, request.user, request.LANGUAGE_CODE),
            "sections": hooks.sections("event", request, event),
            "follow_topic": notifications.topic("event", event.pk),
        },
    )


def _event_form_page(request: HttpRequest, form: EventForm, event: Event | None):
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_event(request.user):
        permissions.require_create_event(request.user)
    initial: dict[str, Any] = {"language": request.LANGUAGE_CODE}
    network_id = request.GET.get("network", "")
    if network_id.isdigit() and len(network_id) < 12:
        initial["network"] = int(network_id)
    form = EventForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(request.user, **form.to_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event)
    return _event_form_page(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, pk)
    form = EventForm(
        request.POST or None,
        user=request.user,
        event=event,
        initial=EventForm.initial_for(event),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(request.user, event, **form.to_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event)
    return _event_form_page(request, form, event)


# ------------------------------------------------------------ registering


@sign_in_first
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    user = request.user
    refusal = permissions.registration_refusal(user, event)
    if refusal is not None:
        raise PermissionDenied(refusal)
    if selectors.user_registration(user, event) is not None:
        return redirect(event)
    form = RegistrationForm(
        request.POST or None, event=event, signed_in=user.is_authenticated
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            registration = services.register(
                user if user.is_authenticated else None,
                event,
                name=d.get("name", ""),
                email=d.get("email", ""),
                language=request.LANGUAGE_CODE,
                show_in_public_list=d["show_in_public_list"],
                needs_interpretation=d.get("needs_interpretation"),
                needs_childcare=d.get("needs_childcare", False),
                needs_note=d["needs_note"],
                address_key=ratelimit.address_key(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error)
        else:
            return redirect("events:registered", registration.code)
    elif request.method == "POST":
        status = 400
    response = render(
        request, "events/register.html", {"event": event, "form": form}, status=status
    )
    return response


def _by_code(code: str) -> Registration:
    registration = (
        Registration.objects.select_related("event", "user")
        .filter(code=code[:12].upper())
        .first()
    )
    if registration is None:
        raise Http404(_("No registration has this code."))
    return registration


@sign_in_first
@require_GET
def registered(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation: the code to show at the door, the place on the
    waiting list, cancel.  The code is the key of a visitor's registration."""
    registration = _by_code(code)
    event = _event(request, registration.event_id)
    if registration.user_id is not None and not (
        registration.user_id == request.user.pk
        or permissions.can_organise_event(request.user, event)
    ):
        raise Http404(_("No registration has this code."))
    return render(
        request,
        "events/registered.html",
        {
            "event": event,
            "registration": registration,
            "waiting_rank": selectors.waiting_rank(registration),
            "add_links": ics.add_links(event, request.LANGUAGE_CODE),
        },
    )


@require_POST
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    registration = _by_code(code)
    user = request.user if request.user.is_authenticated else None
    if not permissions.can_cancel_registration(user, registration, code.upper()):
        if registration.user_id is not None and user is None:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("You may not cancel this registration."))
    services.registration_cancel(user, registration, code=code.upper())
    messages.success(request, _("The registration was cancelled."))
    if user is not None and registration.user_id != user.pk:
        return redirect("events:registrations", registration.event_id)
    return redirect("events:detail", registration.event_id)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    page = paginate(
        request, selectors.registrations_of_user(request.user), per_page=PER_PAGE
    )
    for registration in page.object_list:
        registration.event.shown = registration.event.translation_for(
            request.LANGUAGE_CODE
        )
    feed = ics.absolute(
        reverse("events:person_feed", args=[ics.feed_token(request.user)])
    )
    return render(request, "events/mine.html", {"page": page, "feed": feed})


# ------------------------------------------------------------ organisers


@login_required
@require_http_methods(["GET", "POST"])
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, pk)
    if request.method == "POST":

        def numbers(name: str) -> list[int]:
            values = request.POST.getlist(name)
            return [int(v) for v in values if v.isdigit() and len(v) < 12]

        # Only the rows of the page the organiser saw change (the list pages).
        shown = numbers("shown") if "shown" in request.POST else None
        came = services.attendance_set(
            request.user, event, numbers("attended"), among=shown
        )
        messages.success(
            request, _("Attendance saved: %(count)s came.") % {"count": came}
        )
        return redirect("events:registrations", event.pk)
    page = paginate(request, selectors.registrations_of(event), per_page=ROWS_PER_PAGE)
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "page": page,
            "counts": selectors.counts(event),
            "check_in": CheckInForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, pk)
    form = CheckInForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        try:
            found = services.check_in(request.user, event, form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = CheckInForm()
    return render(
        request, "events/check_in.html", {"event": event, "form": form, "found": found}
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, pk)
    plans = visible_plans(request.user)
    row = event.original_translation()
    initial = {
        "minutes": row.minutes if row else "",
        "outcomes": row.outcomes if row else "",
        "organisations_present": event.organisations_present,
        "practices": list(event.practices.values_list("pk", flat=True)),
        "recommendations": list(event.recommendations.values_list("pk", flat=True)),
        "plans": list(event.plans.values_list("pk", flat=True)),
    }
    form = ReportForm(request.POST or None, plans=plans, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_report(request.user, event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes and outcomes were saved."))
            return redirect(event)
    return render(request, "events/report.html", {"event": event, "form": form})


@login_required
@require_POST
def booklet(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, pk)
    try:
        collection = services.booklet_make(request.user, event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    messages.success(
        request,
        _("A draft booklet was made from the outcomes. Moderators review collections."),
    )
    return redirect(collection)


# ------------------------------------------------------------- iCalendar


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@sign_in_first
@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    body = ics.calendar_of(
        [event], name=event.shown.title, language=request.LANGUAGE_CODE
    )
    return _ics(body, f"event-{event.pk}.ics")


@sign_in_first
@require_GET
def network_feed(request: HttpRequest, pk: int) -> HttpResponse:
    network = Network.objects.prefetch_related("translations").filter(pk=pk).first()
    if network is None:
        raise Http404(_("No such network."))
    if not can_view_network(request.user, network):
        _members_only(request)
    events = (
        selectors.events_visible(request.user)
        .filter(network=network, status__in=permissions.SHOWN)
        .prefetch_related("translations")
        .order_by("-starts_at")[:500]
    )
    body = ics.calendar_of(events, name=str(network), language=request.LANGUAGE_CODE)
    return _ics(body, f"network-{network.pk}.ics")


@require_GET
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's registrations, at a private address (a signed token) that
    calendar programs read without signing in."""
    user_id = ics.feed_user_id(token)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404(_("This calendar address is not valid."))
    events = (
        Event.objects.filter(
            registrations__user=user,
            registrations__status__in=(
                Registration.Status.REGISTERED,
                Registration.Status.WAITING,
            ),
            status__in=permissions.SHOWN,
        )
        .prefetch_related("translations")
        .distinct()
        .order_by("-starts_at")[:500]
    )
    body = ics.calendar_of(events, name=_("My events"), language=request.LANGUAGE_CODE)
    return _ics(body, "my-events.ics")
