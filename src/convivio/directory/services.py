"""Writes to the directory: services, locations, opening hours, phones, contacts.

Editors of a service's organisation, moderators and administrators may write.
Every function checks, validates everything first, and saves in one transaction.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from convivio.core import ratelimit
from convivio.core.history import attributed
from convivio.core.models import Language, Organisation, TargetGroup, Territory, Theme
from convivio.core.translation import save_original, save_translation

from . import permissions, search
from .models import (
    Contact,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTranslation,
)

PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{3,30}$")


# --- Services ---


@dataclass
class ServiceData:
    name: str
    language: str
    description: str = ""
    eligibility: str = ""
    fees: str = ""
    application_process: str = ""
    required_documents: str = ""
    status: str = Service.Status.ACTIVE
    url: str = ""
    email: str = ""
    theme_ids: list[int] = field(default_factory=list)
    target_group_ids: list[int] = field(default_factory=list)
    language_ids: list[str] = field(default_factory=list)
    minimum_age: int | None = None
    maximum_age: int | None = None
    #: An edit of the original that does not outdate its translations (a typo).
    minor: bool = False


TEXT_FIELDS = (
    "name",
    "description",
    "eligibility",
    "fees",
    "application_process",
    "required_documents",
)


def _validate_service(data: ServiceData) -> None:
    errors: dict[str, list[str]] = defaultdict(list)
    if not data.name.strip():
        errors["name"].append(_("Give the service a name."))
    if len(data.name) > 300:
        errors["name"].append(_("The name is longer than 300 characters."))
    if not Language.objects.filter(code=data.language).exists():
        errors["language"].append(_("Unknown language “%s”.") % data.language)
    if data.status not in Service.Status.values:
        errors["status"].append(_("Unknown status “%s”.") % data.status)
    if data.url:
        try:
            URLValidator(schemes=["http", "https"])(data.url)
        except ValidationError:
            errors["url"].append(_("The website must be an http or https address."))
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"].append(_("The e-mail address is not valid."))
    for name, value in (
        ("minimum_age", data.minimum_age),
        ("maximum_age", data.maximum_age),
    ):
        if value is not None and not 0 <= value <= 130:
            errors[name].append(_("An age is between 0 and 130."))
    if (
        data.minimum_age is not None
        and data.maximum_age is not None
        and data.minimum_age > data.maximum_age
    ):
        errors["maximum_age"].append(
            _("The maximum age is lower than the minimum age.")
        )
    for name, model, ids in (
        ("themes", Theme, data.theme_ids),
        ("target_groups", TargetGroup, data.target_group_ids),
    ):
        if ids and model.objects.filter(pk__in=ids).count() != len(set(ids)):
            errors[name].append(_("Some of the chosen values do not exist."))
    if data.language_ids and Language.objects.filter(
        code__in=data.language_ids
    ).count() != len(set(data.language_ids)):
        errors["languages"].append(_("Some of the chosen languages do not exist."))
    if errors:
        raise ValidationError(dict(errors))


def _save_service(service: Service, data: ServiceData, user) -> None:
    service.status = data.status
    service.url = data.url
    service.email = data.email
    service.minimum_age = data.minimum_age
    service.maximum_age = data.maximum_age
    service.save()
    values = {name: getattr(data, name).strip() for name in TEXT_FIELDS}
    ServiceTranslation(service=service, language_id=data.language, **values).full_clean(
        exclude=["service"]
    )
    if data.language == service.original_language_id:
        save_original(service, values, user=user, minor=data.minor)
    else:
        save_translation(service, data.language, values, user=user)
    service.themes.set(data.theme_ids)
    service.target_groups.set(data.target_group_ids)
    # Language's primary key is its code; django-stubs expects int keys.
    service.languages.set(data.language_ids)  # type: ignore[arg-type]


@attributed
@transaction.atomic
@search.indexing()
def service_create(*, user, organisation: Organisation, data: ServiceData) -> Service:
    permissions.require_edit_organisation_services(user, organisation.pk)
    _validate_service(data)
    ratelimit.check_member("service", user)
    service = Service(organisation=organisation, original_language_id=data.language)
    _save_service(service, data, user)
    return service


@attributed
@transaction.atomic
@search.indexing()
def service_update(*, user, service: Service, data: ServiceData) -> Service:
    permissions.require_edit_organisation_services(user, service.organisation_id)
    _validate_service(data)
    _save_service(service, data, user)
    return service


@attributed
@transaction.atomic
def service_confirm(*, user, service: Service) -> Service:
    """The editor says the service is as described today ("checked on …")."""
    permissions.require_edit_organisation_services(user, service.organisation_id)
    service.last_checked_at = timezone.now()
    service.last_checked_by = user
    service.save(update_fields=["last_checked_at", "last_checked_by", "updated_at"])
    return service


# --- Service with its main place (the service form) ---


@attributed
@transaction.atomic
@search.indexing()
def service_save_with_place(
    *,
    user,
    data: ServiceData,
    service: Service | None = None,
    organisation: Organisation | None = None,
    place: LocationData | None = None,
    phone: str = "",
) -> Service:
    """Create or change a service, its first place and a phone at once.

    What the service form edits; a bad place or phone saves nothing.
    """
    if service is None:
        if organisation is None:
            raise ValueError("A new service needs its organisation.")
        service = service_create(user=user, organisation=organisation, data=data)
    else:
        service = service_update(user=user, service=service, data=data)
    if place is not None:
        links = list(service.service_locations.select_related("location"))
        if links:
            location_update(user=user, location=links[0].location, data=place)
        else:
            location = location_create(
                user=user, organisation=service.organisation, data=place
            )
            service_location_add(user=user, service=service, location=location)
    number = phone.strip()
    if number and not service.phones.filter(number=number).exists():
        phone_add(user=user, service=service, number=number)
    return service


# --- Locations ---


@dataclass
class LocationData:
    name: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    territory_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    accessibility: str = ""
    transportation: str = ""


def validate_coordinates(latitude, longitude) -> dict[str, list[str]]:
    """Messages by field for a latitude/longitude pair (both or neither)."""
    errors: dict[str, list[str]] = defaultdict(list)
    if (latitude is None) != (longitude is None):
        errors["latitude" if latitude is None else "longitude"].append(
            _("Give both latitude and longitude, or neither.")
        )
        return dict(errors)
    if latitude is None:
        return {}
    # One whole sentence per field: the field's word agrees differently in
    # each language.
    for name, value, limit, not_number, out_of_range in (
        (
            "latitude",
            latitude,
            90,
            _("The latitude is not a number."),
            _(
                "The latitude must be between -%(limit)s and %(limit)s; "
                "%(value)s is not."
            ),
        ),
        (
            "longitude",
            longitude,
            180,
            _("The longitude is not a number."),
            _(
                "The longitude must be between -%(limit)s and %(limit)s; "
                "%(value)s is not."
            ),
        ),
    ):
        try:
            number = float(value)
        except (TypeError, ValueError):
            errors[name].append(not_number)
            continue
        if math.isnan(number) or not -limit <= number <= limit:
            errors[name].append(out_of_range % {"limit": limit, "value": value})
    return dict(errors)


def _validate_location(data: LocationData) -> None:
    errors = defaultdict(list, validate_coordinates(data.latitude, data.longitude))
    if not (data.name.strip() or data.address.strip() or data.city.strip()):
        errors["address"].append(_("Give at least a name, an address or a town."))
    if data.country and not re.fullmatch(r"[A-Za-z]{2}", data.country):
        errors["country"].append(_("The country is a two-letter code, such as PT."))
    if (
        data.territory_id is not None
        and not Territory.objects.filter(pk=data.territory_id).exists()
    ):
        errors["territory"].append(_("That territory does not exist."))
    if errors:
        raise ValidationError(dict(errors))


def _fill_location(location: Location, data: LocationData) -> Location:
    for name in (
        "name",
        "address",
        "postal_code",
        "city",
        "region",
        "accessibility",
        "transportation",
    ):
        setattr(location, name, getattr(data, name).strip())
    location.country = data.country.upper()
    location.territory_id = data.territory_id
    location.latitude = None if data.latitude is None else float(data.latitude)
    location.longitude = None if data.longitude is None else float(data.longitude)
    location.save()
    return location


@attributed
@transaction.atomic
def location_create(
    *, user, organisation: Organisation, data: LocationData
) -> Location:
    permissions.require_edit_organisation_services(user, organisation.pk)
    _validate_location(data)
    return _fill_location(Location(organisation=organisation), data)


@attributed
@transaction.atomic
@search.indexing()
def location_update(*, user, location: Location, data: LocationData) -> Location:
    permissions.require_edit_organisation_services(user, location.organisation_id)
    _validate_location(data)
    return _fill_location(location, data)


@transaction.atomic
def service_location_add(
    *, user, service: Service, location: Location, description: str = ""
) -> ServiceAtLocation:
    permissions.require_link_location(user, service, location)
    link, _created = ServiceAtLocation.objects.get_or_create(
        service=service, location=location, defaults={"description": description}
    )
    return link


# --- Opening hours ---


@dataclass
class ScheduleRow:
    weekday: int | None = None
    date: dt.date | None = None
    closed: bool = False
    opens_at: dt.time | None = None
    closes_at: dt.time | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    notes: str = ""
    #: Kept from an imported file (HSDS), so that importing it again changes nothing.
    hsds_id: str | None = None


def _day_name(row: ScheduleRow) -> str:
    if row.date is not None:
        return date_format(row.date, "DATE_FORMAT")
    if row.weekday is not None and 1 <= row.weekday <= 7:
        return str(WEEKDAYS[row.weekday - 1])
    return "?"


def _overlapping_validity(a: ScheduleRow, b: ScheduleRow) -> bool:
    start_a, end_a = a.valid_from or dt.date.min, a.valid_to or dt.date.max
    start_b, end_b = b.valid_from or dt.date.min, b.valid_to or dt.date.max
    return start_a <= end_b and start_b <= end_a


def validate_schedule(rows: list[ScheduleRow]) -> list[str]:
    """Every problem of a set of rows, each naming its day; empty when fine."""
    problems: list[str] = []
    by_day: dict[tuple, list[ScheduleRow]] = defaultdict(list)
    for row in rows:
        day = _day_name(row)
        if (row.weekday is None) == (row.date is None):
            problems.append(
                _("Each row of opening hours is for a day of the week or for one date.")
            )
            continue
        if row.weekday is not None and not 1 <= row.weekday <= 7:
            problems.append(_("The day of the week must be between 1 and 7."))
            continue
        if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
            problems.append(
                _("%(day)s: the hours stop being valid before they start.")
                % {"day": day}
            )
        if not row.closed:
            if row.opens_at is None or row.closes_at is None:
                problems.append(
                    _(
                        "%(day)s: give the opening and the closing time, "
                        "or mark it closed."
                    )
                    % {"day": day}
                )
                continue
            if row.closes_at <= row.opens_at:
                problems.append(
                    _("%(day)s: the hours %(opens)s–%(closes)s end before they start.")
                    % {
                        "day": day,
                        "opens": time_format(row.opens_at, "H:i"),
                        "closes": time_format(row.closes_at, "H:i"),
                    }
                )
                continue
        key = ("date", row.date) if row.date else ("weekday", row.weekday)
        by_day[key].append(row)
    for day_rows in by_day.values():
        day = _day_name(day_rows[0])
        if any(r.closed for r in day_rows) and any(not r.closed for r in day_rows):
            if day_rows[0].date is not None:
                problems.append(
                    _("%(day)s is marked closed and also has opening hours.")
                    % {"day": day}
                )
        # (opens, closes, row) of the open rows, by opening time; the loop above
        # kept only open rows with both times.
        open_hours = sorted(
            (
                (r.opens_at, r.closes_at, r)
                for r in day_rows
                if not r.closed and r.opens_at is not None and r.closes_at is not None
            ),
            key=lambda hours: hours[0],
        )
        for index, (opens, closes, first) in enumerate(open_hours):
            for second_opens, second_closes, second in open_hours[index + 1 :]:
                if second_opens < closes and _overlapping_validity(first, second):
                    problems.append(
                        _("%(day)s: the hours %(a)s and %(b)s overlap.")
                        % {
                            "day": day,
                            "a": "{}–{}".format(
                                time_format(opens, "H:i"),
                                time_format(closes, "H:i"),
                            ),
                            "b": "{}–{}".format(
                                time_format(second_opens, "H:i"),
                                time_format(second_closes, "H:i"),
                            ),
                        }
                    )
    return problems


@transaction.atomic
def schedule_set(
    *,
    user,
    service: Service,
    rows: list[ScheduleRow],
    service_at_location: ServiceAtLocation | None = None,
    by_system: bool = False,
) -> list[Schedule]:
    """Replace the weekly hours and exceptions of a service (at a location) at once.

    The hours page and the HSDS import call it: one rule for opening hours.
    """
    if not by_system:  # by_system: an import by the platform (hsds_import)
        permissions.require_edit_organisation_services(user, service.organisation_id)
    if service_at_location is not None and service_at_location.service_id != service.pk:
        raise ValidationError(_("That place is not one of this service's places."))
    problems = validate_schedule(rows)
    if problems:
        raise ValidationError(problems)
    Schedule.objects.filter(
        service=service, service_at_location=service_at_location
    ).delete()
    # A row of a file imported before, now given for another place, moves.
    kept_ids = [row.hsds_id for row in rows if row.hsds_id]
    if kept_ids:
        Schedule.objects.filter(hsds_id__in=kept_ids).delete()
    return Schedule.objects.bulk_create(
        [
            Schedule(
                **({"hsds_id": row.hsds_id} if row.hsds_id else {}),
                service=service,
                service_at_location=service_at_location,
                weekday=row.weekday,
                date=row.date,
                closed=row.closed,
                opens_at=None if row.closed else row.opens_at,
                closes_at=None if row.closed else row.closes_at,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
                notes=row.notes.strip(),
            )
            for row in rows
        ]
    )


# --- Phones and contacts ---


def _check_phone(number: str) -> str:
    number = number.strip()
    if not PHONE_RE.fullmatch(number) or sum(c.isdigit() for c in number) < 3:
        raise ValidationError(
            {
                "number": _("“%s” is not a phone number (digits, spaces, +, - only).")
                % number
            }
        )
    return number


@transaction.atomic
def phone_add(
    *,
    user,
    service: Service,
    number: str,
    extension: str = "",
    type: str = "voice",
    description: str = "",
    language_ids: list[str] | None = None,
) -> Phone:
    permissions.require_edit_organisation_services(user, service.organisation_id)
    number = _check_phone(number)
    phone = Phone.objects.create(
        service=service,
        number=number,
        extension=extension.strip(),
        type=type,
        description=description.strip(),
    )
    if language_ids:
        # Language's primary key is its code; django-stubs expects int keys.
        phone.languages.set(language_ids)  # type: ignore[arg-type]
    return phone


@transaction.atomic
def contact_add(
    *,
    user,
    service: Service,
    name: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
) -> Contact:
    permissions.require_edit_organisation_services(user, service.organisation_id)
    return Contact.objects.create(
        service=service, **_contact_values(name, title, email, phone)
    )


def _contact_values(name: str, title: str, email: str, phone: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (name.strip() or email.strip() or phone.strip()):
        errors["name"] = _("Give a name, an e-mail or a phone for the contact.")
    if email:
        try:
            validate_email(email.strip())
        except ValidationError:
            errors["email"] = _("The e-mail address is not valid.")
    if phone:
        try:
            phone = _check_phone(phone)
        except ValidationError as error:
            errors["phone"] = error.message_dict["number"][0]
    if errors:
        raise ValidationError(errors)
    return {
        "name": name.strip(),
        "title": title.strip(),
        "email": email.strip(),
        "phone": phone.strip(),
    }


# --- Imports (HSDS files) ---
#
# The forms' rules, for records kept by their HSDS ids (importing a file again
# changes nothing).  Moderators import (``permissions.require_import_directory``),
# or the platform itself (``by_system``, the hsds_import command); the whole file
# is one transaction of the caller, so no rate limit applies per record.


def _require_import(user, by_system: bool) -> None:
    if not by_system:
        permissions.require_import_directory(user)


@attributed
@transaction.atomic
@search.indexing()
def service_import(
    *,
    user,
    organisation: Organisation,
    data: ServiceData,
    hsds_id: str,
    source_key: str,
    checked_at: dt.datetime | None = None,
    by_system: bool = False,
) -> tuple[Service, bool]:
    """Create or change the service of a file; True when it is new."""
    _require_import(user, by_system)
    _validate_service(data)
    service = (
        Service.objects.filter(source_key=source_key).first()
        or Service.objects.filter(hsds_id=hsds_id).first()
    )
    created = service is None
    if service is None:
        service = Service(
            hsds_id=hsds_id, source_key=source_key, original_language_id=data.language
        )
    service.organisation = organisation
    if checked_at is not None:
        service.last_checked_at = checked_at
    _save_service(service, data, user)
    return service, created


@attributed
@transaction.atomic
def location_import(
    *,
    user,
    organisation: Organisation,
    data: LocationData,
    hsds_id: str,
    by_system: bool = False,
) -> tuple[Location, bool]:
    """Create or change a place of a file; True when it is new."""
    _require_import(user, by_system)
    _validate_location(data)
    location = Location.objects.filter(hsds_id=hsds_id).first()
    created = location is None
    if location is None:
        location = Location(hsds_id=hsds_id, organisation=organisation)
    return _fill_location(location, data), created


@transaction.atomic
def service_location_import(
    *,
    user,
    service: Service,
    location: Location,
    hsds_id: str,
    description: str = "",
    by_system: bool = False,
) -> tuple[ServiceAtLocation, bool]:
    """Say a service is given at a place, as a file says; True when it is new."""
    _require_import(user, by_system)
    link = (
        ServiceAtLocation.objects.filter(hsds_id=hsds_id).first()
        or ServiceAtLocation.objects.filter(service=service, location=location).first()
    )
    created = link is None
    if link is None:
        link = ServiceAtLocation(hsds_id=hsds_id)
    link.service, link.location = service, location
    link.description = description.strip()
    link.full_clean(validate_unique=False, validate_constraints=False)
    link.save()
    return link, created


@transaction.atomic
def phone_import(
    *,
    user,
    service: Service,
    location: Location | None,
    number: str,
    hsds_id: str,
    extension: str = "",
    type: str = "",
    description: str = "",
    language_ids: list[str] | None = None,
    by_system: bool = False,
) -> tuple[Phone, bool]:
    """Create or change a phone of a file; True when it is new."""
    _require_import(user, by_system)
    number = _check_phone(number)
    phone = Phone.objects.filter(hsds_id=hsds_id).first()
    created = phone is None
    if phone is None:
        phone = Phone(hsds_id=hsds_id)
    phone.service, phone.location = service, location
    phone.number = number
    phone.extension = extension.strip()
    phone.type = type.strip()
    phone.description = description.strip()
    phone.full_clean(validate_unique=False)
    phone.save()
    # Language's primary key is its code; django-stubs expects int keys.
    phone.languages.set(language_ids or [])  # type: ignore[arg-type]
    return phone, created


@transaction.atomic
def contact_import(
    *,
    user,
    service: Service,
    hsds_id: str,
    name: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
    by_system: bool = False,
) -> tuple[Contact, bool]:
    """Create or change a contact of a file; True when it is new."""
    _require_import(user, by_system)
    values = _contact_values(name, title, email, phone)
    contact = Contact.objects.filter(hsds_id=hsds_id).first()
    created = contact is None
    if contact is None:
        contact = Contact(hsds_id=hsds_id)
    contact.service = service
    for attr, value in values.items():
        setattr(contact, attr, value)
    contact.full_clean(validate_unique=False)
    contact.save()
    return contact, created
