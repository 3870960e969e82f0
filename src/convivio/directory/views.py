"""Directory pages: find a service (list and map), a service page, editor forms,
and the GeoJSON of places for maps."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convivio.core import hooks, ratelimit
from convivio.core.forms import add_service_errors, page_number
from convivio.core.http import AuthenticatedHttpRequest
from convivio.core.models import Organisation, Territory

from . import hours, permissions, selectors, services
from .forms import ScheduleFormSet, ServiceForm
from .models import Service

#: Distances offered around "near me" (any other in the address is kept).
RADIUS_CHOICES_KM = (1.0, 2.0, 5.0, 10.0, selectors.DEFAULT_RADIUS_KM, 50.0, 100.0)


def _search_context(request: HttpRequest) -> dict:
    filters = selectors.DirectoryFilters.from_query(request.GET)
    results = selectors.service_search(
        filters=filters,
        page=page_number(request),
        page_size=settings.CONVIVIO_PAGE_SIZE,
        language=get_language(),
    )
    place = filters.place
    if filters.territory and not place:
        # A link such as a territory page's (?territory=<id>) shows its name in
        # the place box; sent again, the name stands for the place.
        territory = Territory.objects.filter(pk=filters.territory).first()
        place = territory.label if territory else ""
    return {
        "filters": filters,
        "place": place,
        "results": results,
        "options": selectors.filter_options(),
        "radius_choices": sorted({*RADIUS_CHOICES_KM, filters.radius}),
        # Without the point, the list falls back to its default order.
        "without_near_query": filters.query_string(lat=None, lon=None, sort=""),
        "query": filters.query_string(),
        "can_add": permissions.can_add_service(request.user),
    }


@require_GET
def directory_list(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/service_list.html", _search_context(request))


@require_GET
def directory_map(request: HttpRequest) -> HttpResponse:
    context = _search_context(request)
    context["tiles"] = settings.CONVIVIO_MAP_TILES
    context["attribution"] = settings.CONVIVIO_MAP_ATTRIBUTION
    return render(request, "directory/service_map.html", context)


@require_GET
def locations_geojson(request: HttpRequest) -> JsonResponse:
    filters = selectors.DirectoryFilters.from_query(request.GET)
    if filters.errors:
        return JsonResponse({"error": " ".join(filters.errors)}, status=400)
    try:
        bbox = selectors.parse_bbox(request.GET.get("bbox", "").strip())
    except selectors.BadParameters as error:
        return JsonResponse({"error": str(error)}, status=400)
    data = selectors.locations_geojson(
        filters=filters, bbox=bbox, language=get_language()
    )
    response = JsonResponse(data)
    response["Content-Type"] = "application/geo+json"
    return response


def _service_or_404(pk: int) -> Service:
    try:
        return selectors.service_get(pk=pk)
    except Service.DoesNotExist:
        raise Http404(_("There is no such service.")) from None


@require_GET
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = _service_or_404(pk)
    if not permissions.can_view_service(request.user, service):
        raise Http404(_("There is no such service."))
    now = timezone.now()
    schedules = list(service.schedules.all())
    text = service.translation_for(request.GET.get("lang") or get_language())
    local = service.translation_for(service.original_language_id)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "text": text,
            # The name on the door, when the page shows a translated one.
            "local": local
            if text and local and local.pk != text.pk and local.name != text.name
            else None,
            "locations": [link.location for link in service.service_locations.all()],
            "week": hours.week_table(schedules, hours.local(now).date()),
            "has_hours": bool(schedules),
            "open_now": hours.is_open(schedules, now),
            "can_edit": permissions.can_edit_service(request.user, service),
            # What the apps built on the directory add (feedback, discussions).
            "sections": hooks.sections("directory.service", request, service),
        },
    )


def _editable_organisations(user):
    return permissions.editable_organisations(user)


def _initial(service: Service) -> dict:
    text = service.translation_for(service.original_language_id)
    links = list(service.service_locations.all())
    location = links[0].location if links else None
    initial = {
        "organisation": service.organisation_id,
        "language": service.original_language_id,
        "status": service.status,
        "url": service.url,
        "email": service.email,
        "themes": list(service.themes.all()),
        "target_groups": list(service.target_groups.all()),
        "languages": list(service.languages.all()),
    }
    if text:
        for name in services.TEXT_FIELDS:
            initial[name] = getattr(text, name)
    if location:
        initial.update(
            place_name=location.name,
            address=location.address,
            postal_code=location.postal_code,
            city=location.city,
            country=location.country,
            territory=location.territory_id,
            latitude=location.latitude,
            longitude=location.longitude,
            accessibility=location.accessibility,
            transportation=location.transportation,
        )
    return initial


def _save_form(request, form: ServiceForm, service: Service | None) -> Service:
    return services.service_save_with_place(
        user=request.user,
        data=form.service_data(),
        service=service,
        organisation=form.cleaned_data["organisation"],
        place=form.location_data() if form.has_place() else None,
        phone=form.cleaned_data.get("phone", ""),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = _editable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied(
            _("Only editors of an organisation and moderators can add services.")
        )
    form = ServiceForm(
        request.POST or None,
        organisations=organisations,
        initial={
            "language": get_language(),
            "status": Service.Status.ACTIVE,
            "organisation": request.GET.get("organisation"),
        },
    )
    del form.fields["minor"]  # a new service has no translations yet
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            service = _save_form(request, form, None)
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error, 200)
        else:
            messages.success(request, _("The service is in the directory."))
            return redirect(service)
    return render(
        request,
        "directory/service_form.html",
        {"form": form, "service": None},
        status=status,
    )


def _editable_service(request: HttpRequest, pk: int) -> Service:
    service = _service_or_404(pk)
    permissions.require_edit_service(request.user, service)
    return service


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    service = _editable_service(request, pk)
    form = ServiceForm(
        request.POST or None,
        organisations=Organisation.objects.filter(pk=service.organisation_id),
        initial=_initial(service),
    )
    form.fields["organisation"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            _save_form(request, form, service)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The service is updated."))
            return redirect(service)
    return render(
        request, "directory/service_form.html", {"form": form, "service": service}
    )


def _schedule_initial(service: Service) -> list[dict]:
    return [
        {
            "weekday": row.weekday,
            "date": row.date,
            "closed": row.closed,
            "opens_at": row.opens_at,
            "closes_at": row.closes_at,
            "notes": row.notes,
        }
        for row in service.schedules.all()
        if row.service_at_location_id is None
    ]


@login_required
@require_http_methods(["GET", "POST"])
def service_hours(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    service = _editable_service(request, pk)
    formset = ScheduleFormSet(
        request.POST or None, initial=_schedule_initial(service), prefix="hours"
    )
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows = [form.row() for form in formset.forms if not form.is_blank()]
        try:
            services.schedule_set(user=request.user, service=service, rows=rows)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("The opening hours are saved."))
            return redirect(service)
    return render(
        request,
        "directory/service_hours.html",
        {"service": service, "formset": formset, "problems": problems},
    )


@login_required
@require_POST
def service_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    service = _editable_service(request, pk)
    services.service_confirm(user=request.user, service=service)
    messages.success(request, _("Thank you: the service is marked as checked today."))
    return redirect(service)
