"""Reads of the directory: search for newcomers, a service page, GeoJSON for maps.

Queries are bounded: the candidates are found with one query of ids (and
coordinates when sorting by distance), the page is loaded with prefetches.
Distance: a latitude/longitude bounding box uses the (latitude, longitude) index,
the exact haversine distance is computed in Python for the rows in the box.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from convivio.core import hooks
from convivio.core.models import Language, TargetGroup, Territory, Theme
from convivio.core.pagination import known_page
from convivio.core.selectors import countries_named, territory_descendant_ids
from convivio.core.text import fold
from convivio.search.selectors import ids_subquery, query_is_searchable, search_match

from . import hours
from .models import Location, Schedule, Service, ServiceAtLocation, ServiceTranslation
from .permissions import VISIBLE_STATUSES
from .search import SERVICE

EARTH_RADIUS_KM = 6371.0088
DEFAULT_RADIUS_KM = 25.0
MAX_RADIUS_KM = 500.0
GEOJSON_CAP = 2000


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(
    lat: float, lon: float, radius_km: float
) -> tuple[float, float, float, float]:
    """(south, west, north, east) around a point; west > east across 180°."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    cos = math.cos(math.radians(lat))
    if cos < 1e-6 or north >= 90 or south <= -90:
        return south, -180.0, north, 180.0
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * cos))
    if dlon >= 180:
        return south, -180.0, north, 180.0
    west, east = lon - dlon, lon + dlon
    if west < -180:
        west += 360
    if east > 180:
        east -= 360
    return south, west, north, east


def box_q(south: float, west: float, north: float, east: float, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}latitude__gte": south, f"{prefix}latitude__lte": north})
    if west <= east:
        return q & Q(
            **{f"{prefix}longitude__gte": west, f"{prefix}longitude__lte": east}
        )
    return q & (
        Q(**{f"{prefix}longitude__gte": west}) | Q(**{f"{prefix}longitude__lte": east})
    )


def _float(
    value: str,
    low: float,
    high: float,
    errors: list[str],
    *,
    not_number: str,
    out_of_range: str,
):
    """``value`` as a number within [low, high], or None with an error: the two
    sentences are whole per field, with %(value)s and %(low)s, %(high)s."""
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except ValueError:
        errors.append(not_number % {"value": value})
        return None
    if math.isnan(number) or not low <= number <= high:
        errors.append(out_of_range % {"low": low, "high": high})
        return None
    return number


@dataclass(frozen=True)
class PlaceMatch:
    """What a typed place name stands for: territories (with what is inside them)
    and towns written on places, both compared without case or accents."""

    territory_ids: frozenset[int] = frozenset()
    cities: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.territory_ids or self.cities)


def _matching(folded: str, names: list[tuple[object, str]]) -> set:
    """Keys whose folded name is the query; failing that, those that contain it."""
    exact = {key for key, name in names if fold(name) == folded}
    if exact or len(folded) < 3:
        return exact
    return {key for key, name in names if folded in fold(name)}


def place_match(text: str) -> PlaceMatch:
    """Territories and towns called ``text`` ("sao bras" finds "São Brás").

    Territories are found on their folded name (``Territory.name_key``, indexed):
    the same name, else names containing it.  Towns written on places have no
    such key; their distinct names are few and compared in Python, since neither
    SQLite nor PostgreSQL ignores accents portably."""
    folded = fold(text)
    if not folded:
        return PlaceMatch()
    territories = set(
        Territory.objects.filter(
            Q(name_key=folded[:200]) | Q(pk__in=countries_named(folded))
        ).values_list("id", flat=True)
    )
    if not territories and len(folded) >= 3:
        territories = set(
            Territory.objects.filter(name_key__contains=folded[:200]).values_list(
                "id", flat=True
            )
        )
    cities = _matching(
        folded,
        [
            (city, city)
            for city in Location.objects.exclude(city="")
            .values_list("city", flat=True)
            .distinct()
        ],
    )
    return PlaceMatch(
        territory_ids=frozenset(
            territory_descendant_ids(territories) if territories else ()
        ),
        cities=frozenset(cities),
    )


#: Orders of the list: by name, by distance (near a point), by relevance (words).
SORTS = ("name", "distance", "relevance")


def default_sort(q: str, *, near: bool) -> str:
    """Best matches first when searching words, else nearest, else by name."""
    if query_is_searchable(q):
        return "relevance"
    return "distance" if near else "name"


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    theme: str = ""
    language: str = ""
    target_group: str = ""
    territory: int | None = None
    #: A place name as typed; ``place_match`` says what it stands for.
    place: str = ""
    place_match: PlaceMatch = field(default=PlaceMatch(), compare=False)
    lat: float | None = None
    lon: float | None = None
    radius: float = DEFAULT_RADIUS_KM
    open_now: bool = False
    sort: str = "name"
    errors: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_query(cls, params) -> DirectoryFilters:
        errors: list[str] = []
        territory = None
        raw_territory = params.get("territory", "")
        if raw_territory:
            if raw_territory.isdigit():
                territory = int(raw_territory)
            else:
                errors.append(_("Choose a place from the list."))
        lat = _float(
            params.get("lat", ""),
            -90,
            90,
            errors,
            not_number=_("The latitude “%(value)s” is not a number."),
            out_of_range=_("The latitude must be between %(low)s and %(high)s."),
        )
        lon = _float(
            params.get("lon", ""),
            -180,
            180,
            errors,
            not_number=_("The longitude “%(value)s” is not a number."),
            out_of_range=_("The longitude must be between %(low)s and %(high)s."),
        )
        if (lat is None) != (lon is None):
            errors.append(_("Give both latitude and longitude to search near a point."))
            lat = lon = None
        radius = _float(
            params.get("radius", ""),
            0.1,
            MAX_RADIUS_KM,
            errors,
            not_number=_("The distance “%(value)s” is not a number."),
            out_of_range=_("The distance must be between %(low)s and %(high)s."),
        )
        place = params.get("place", "").strip()[:200]
        found = place_match(place) if place else PlaceMatch()
        if place and not found:
            errors.append(
                _(
                    "No place called “%(place)s” is known here: check the spelling "
                    "or try the town or region around it."
                )
                % {"place": place}
            )  # the words stay in the box; the list is not narrowed by them
        q = params.get("q", "").strip()[:200]
        sort = params.get("sort", "")
        if (
            sort not in SORTS
            or (sort == "distance" and lat is None)
            or (sort == "relevance" and not query_is_searchable(q))
        ):
            sort = default_sort(q, near=lat is not None)
        return cls(
            q=q,
            theme=params.get("theme", "").strip()[:50],
            language=params.get("language", "").strip()[:16],
            target_group=params.get("target_group", "").strip()[:50],
            territory=territory,
            place=place,
            place_match=found,
            lat=lat,
            lon=lon,
            radius=radius or DEFAULT_RADIUS_KM,
            open_now=params.get("open_now") in ("1", "on", "true"),
            sort=sort,
            errors=tuple(errors),
        )

    @property
    def near(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def searching(self) -> bool:
        """True when the words box holds words to look for."""
        return query_is_searchable(self.q)

    @property
    def active_count(self) -> int:
        """Filters set besides the words searched (shown on the filters button)."""
        return sum(
            bool(value)
            for value in (
                self.theme,
                self.language,
                self.target_group,
                self.territory or self.place_match,
                self.near,
                self.open_now,
            )
        )

    def query_string(self, **changes) -> str:
        page = changes.pop("page", None)
        data = replace(self, **changes) if changes else self
        params = {
            "q": data.q,
            "theme": data.theme,
            "language": data.language,
            "target_group": data.target_group,
            "territory": data.territory or "",
            "place": data.place,
            "lat": "" if data.lat is None else f"{data.lat:.5f}",
            "lon": "" if data.lon is None else f"{data.lon:.5f}",
            "radius": "" if data.radius == DEFAULT_RADIUS_KM else f"{data.radius:g}",
            "open_now": "1" if data.open_now else "",
            # The default order is left out, so a link stays the same page.
            "sort": data.sort
            if data.sort and data.sort != default_sort(data.q, near=data.near)
            else "",
        }
        if page:
            params["page"] = page
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def territory_ids(territory_id: int) -> set[int]:
    """The territory and everything under it."""
    return territory_descendant_ids([territory_id])


def matching_ids(q: str) -> list[int] | None:
    """Ids of the services the words find, best first (the one search: each
    word on its own, accents and case folded, stemmed in each language, across
    languages); None when the box holds no word to look for."""
    if not query_is_searchable(q):
        return None
    return [object_id for object_id, _score in search_match(kind=SERVICE, query=q)]


def filtered_services(
    filters: DirectoryFilters, matches: list[int] | None = None
) -> QuerySet[Service]:
    """Visible services matching the filters other than distance and open now.

    ``matches`` are the ids the words found (``matching_ids``), when the caller
    has them already."""
    services = Service.objects.filter(status__in=VISIBLE_STATUSES)
    if filters.theme:
        services = services.filter(themes__slug=filters.theme)
    if filters.language:
        services = services.filter(languages__code=filters.language)
    if filters.target_group:
        services = services.filter(target_groups__slug=filters.target_group)
    if filters.territory:
        services = services.filter(
            pk__in=ServiceAtLocation.objects.filter(
                location__territory_id__in=territory_ids(filters.territory)
            ).values("service_id")
        )
    if filters.place_match:
        services = services.filter(
            pk__in=ServiceAtLocation.objects.filter(
                Q(location__territory_id__in=filters.place_match.territory_ids)
                | Q(location__city__in=filters.place_match.cities)
            ).values("service_id")
        )
    if matches is None:
        matches = matching_ids(filters.q)
    if matches is not None:
        services = services.filter(pk__in=ids_subquery(matches))
    return services


def _original_name() -> Subquery:
    return Subquery(
        ServiceTranslation.objects.filter(
            service_id=OuterRef("pk"), language_id=OuterRef("original_language_id")
        ).values("name")[:1]
    )


@dataclass
class ServiceCard:
    service: Service
    name: str
    #: The language of ``name`` (the row shown may be another than the page's).
    language: str
    distance_km: float | None
    open_now: bool
    locations: list[Location]
    #: The name in the service's own language when another is shown (the name on
    #: the door, which a newcomer looks for in the street).
    local_name: str = ""
    local_language: str = ""


@dataclass
class DirectoryPage:
    items: list[ServiceCard]
    total: int
    page: int
    page_size: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def page_obj(self) -> Page:
        """This page as core/includes/pagination.html shows it."""
        return known_page(
            self.items, number=self.page, total=self.total, per_page=self.page_size
        )


def _open_ids(ids: list[int], now: dt.datetime) -> set[int]:
    rows: dict[int, list[Schedule]] = defaultdict(list)
    for row in Schedule.objects.filter(service_id__in=ids).only(
        "service_id",
        "weekday",
        "date",
        "closed",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
    ):
        rows[row.service_id].append(row)
    return {pk for pk, schedule in rows.items() if hours.is_open(schedule, now)}


def service_search(
    *,
    filters: DirectoryFilters,
    page: int = 1,
    page_size: int = 20,
    language: str | None = None,
    now: dt.datetime | None = None,
) -> DirectoryPage:
    """A page of services for the newcomer's filters, by name or distance."""
    now = now or timezone.now()
    matches = matching_ids(filters.q)
    services = filtered_services(filters, matches)
    distances: dict[int, float] = {}
    if filters.lat is not None and filters.lon is not None:  # filters.near
        box = bounding_box(filters.lat, filters.lon, filters.radius)
        for service_id, lat, lon in ServiceAtLocation.objects.filter(
            box_q(*box, prefix="location__"), service__in=services
        ).values_list("service_id", "location__latitude", "location__longitude"):
            if lat is None or lon is None:  # never: the box needs both
                continue
            distance = haversine_km(filters.lat, filters.lon, lat, lon)
            if distance <= filters.radius and distance < distances.get(
                service_id, math.inf
            ):
                distances[service_id] = distance
        ids = list(distances)
        if filters.sort == "relevance" and matches is not None:
            rank = {pk: n for n, pk in enumerate(matches)}
            ids.sort(key=lambda pk: rank.get(pk, len(rank)))
        elif filters.sort == "name":
            names = dict(
                Service.objects.filter(pk__in=ids)
                .annotate(sort_name=_original_name())
                .values_list("pk", "sort_name")
            )
            ids.sort(key=lambda pk: ((names.get(pk) or "").casefold(), pk))
        else:
            ids.sort(key=lambda pk: (distances[pk], pk))
    elif filters.sort == "relevance" and matches is not None:
        found = set(services.values_list("pk", flat=True))
        ids = [pk for pk in matches if pk in found]
    else:
        ids = list(
            services.annotate(sort_name=_original_name())
            .order_by("sort_name", "pk")
            .values_list("pk", flat=True)
            .distinct()
        )
    if filters.open_now and ids:
        open_ids = _open_ids(ids, now)
        ids = [pk for pk in ids if pk in open_ids]
    total = len(ids)
    page = max(1, min(page, max(1, math.ceil(total / page_size))))
    page_ids = ids[(page - 1) * page_size : page * page_size]
    loaded = {
        service.pk: service
        for service in Service.objects.filter(pk__in=page_ids)
        .select_related("organisation")
        .prefetch_related(
            "translations",
            "schedules",
            "languages",
            Prefetch(
                "service_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            ),
        )
    }
    items = []
    for pk in page_ids:
        service = loaded[pk]
        row = service.translation_for(language)
        local = service.translation_for(service.original_language_id)
        if row and local and (local.pk == row.pk or local.name == row.name):
            local = None
        items.append(
            ServiceCard(
                service=service,
                name=row.name if row else str(pk),
                language=row.language_id if row else "",
                local_name=local.name if local else "",
                local_language=local.language_id if local else "",
                distance_km=distances.get(pk),
                open_now=hours.is_open(service.schedules.all(), now),
                locations=[link.location for link in service.service_locations.all()],
            )
        )
    return DirectoryPage(items=items, total=total, page=page, page_size=page_size)


def filter_options() -> dict:
    return {
        "themes": list(Theme.objects.all()),
        "languages": list(
            Language.objects.filter(services_spoken__isnull=False).distinct()
        ),
        "target_groups": list(TargetGroup.objects.all()),
        "territories": list(
            Territory.objects.filter(locations__isnull=False)
            .distinct()
            .order_by("name")
        ),
    }


def service_get(*, pk: int) -> Service:
    """A service with everything its page shows (raises Service.DoesNotExist)."""
    return (
        Service.objects.select_related("organisation", "last_checked_by")
        .prefetch_related(
            "translations",
            "themes",
            "target_groups",
            "languages",
            "schedules",
            "phones",
            "contacts",
            Prefetch(
                "service_locations",
                queryset=ServiceAtLocation.objects.select_related(
                    "location", "location__territory"
                ),
            ),
        )
        # What the sections of the service's page need to know (core.hooks).
        .annotate(**hooks.page_annotations("directory.service"))
        .get(pk=pk)
    )


# --- GeoJSON ---


class BadParameters(ValueError):
    """A GeoJSON request that cannot be answered; the message says why."""


def parse_bbox(value: str) -> tuple[float, float, float, float] | None:
    """``w,s,e,n`` in degrees → (south, west, north, east); None when empty."""
    if not value:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise BadParameters(
            _("bbox must be four numbers: west,south,east,north (in degrees).")
        )
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise BadParameters(
            _("bbox must be four numbers: west,south,east,north (in degrees).")
        ) from None
    if any(math.isnan(v) for v in (west, south, east, north)):
        raise BadParameters(_("bbox must be four numbers, not NaN."))
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise BadParameters(_("The latitudes of bbox must be between -90 and 90."))
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise BadParameters(_("The longitudes of bbox must be between -180 and 180."))
    if south > north:
        raise BadParameters(_("In bbox, south must not be greater than north."))
    return south, west, north, east


def locations_geojson(
    *,
    filters: DirectoryFilters,
    bbox: tuple[float, float, float, float] | None = None,
    cap: int = GEOJSON_CAP,
    language: str | None = None,
) -> dict:
    """A FeatureCollection of the places of the filtered services, at most ``cap``."""
    services = filtered_services(filters)
    if filters.lat is not None and filters.lon is not None:  # filters.near
        box = bounding_box(filters.lat, filters.lon, filters.radius)
        services = services.filter(
            pk__in=ServiceAtLocation.objects.filter(
                box_q(*box, prefix="location__")
            ).values("service_id")
        )
    # Correlated EXISTS rather than IN (…): the map window narrows the places
    # first (through the latitude/longitude index) and each is then checked by
    # primary key, instead of materialising every visible service.
    shown = ServiceAtLocation.objects.filter(location_id=OuterRef("pk")).filter(
        Exists(services.filter(pk=OuterRef("service_id")))
    )
    locations = Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
    if bbox:
        locations = locations.filter(box_q(*bbox))
    locations = locations.filter(Exists(shown))
    rows = list(
        locations.order_by("pk").values(
            "pk",
            "hsds_id",
            "name",
            "address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
        )[: cap + 1]
    )
    capped = len(rows) > cap
    rows = rows[:cap]
    by_location: dict[int, list[int]] = defaultdict(list)
    service_ids: set[int] = set()
    for location_id, service_id in (
        ServiceAtLocation.objects.filter(location_id__in=[row["pk"] for row in rows])
        .filter(Exists(services.filter(pk=OuterRef("service_id"))))
        .values_list("location_id", "service_id")
    ):
        by_location[location_id].append(service_id)
        service_ids.add(service_id)
    names: dict[int, dict[str, str]] = defaultdict(dict)
    originals = dict(
        Service.objects.filter(pk__in=service_ids).values_list(
            "pk", "original_language_id"
        )
    )
    for service_id, code, name in ServiceTranslation.objects.filter(
        service_id__in=service_ids
    ).values_list("service_id", "language_id", "name"):
        names[service_id][code] = name

    def name_of(pk: int) -> tuple[str, str]:
        """The name in the page's language, else the original's, and its language."""
        found = names.get(pk, {})
        for code in (language or "", originals.get(pk) or ""):
            if found.get(code):
                return found[code], code
        return next(((name, code) for code, name in found.items()), ("", ""))

    features = []
    for row in rows:
        features.append(
            {
                "type": "Feature",
                "id": str(row["hsds_id"]),
                "geometry": {
                    "type": "Point",
                    "coordinates": [row["longitude"], row["latitude"]],
                },
                "properties": {
                    "name": row["name"],
                    "address": ", ".join(
                        p
                        for p in (row["address"], row["postal_code"], row["city"])
                        if p
                    ),
                    "services": [
                        {
                            "id": pk,
                            "name": name_of(pk)[0],
                            "language": name_of(pk)[1],
                            "url": Service(pk=pk).get_absolute_url(),
                        }
                        for pk in sorted(by_location[row["pk"]])
                    ],
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "capped": capped,
        "limit": cap,
        "message": _(
            "Only the first %(cap)s places are shown: zoom in to see them all."
        )
        % {"cap": cap}
        if capped
        else "",
    }
