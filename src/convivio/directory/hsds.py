"""Open Referral HSDS 3.0: the directory as HSDS records, and HSDS records imported.

Serialisers turn services, organisations and services at locations into the
shapes of the official compiled schemas (``service``, ``service_list``,
``organization``, ``service_at_location`` …); empty values are left out, as the
schemas type every field without ``null``.  Ids are the models' ``hsds_id``;
organisations, themes, target groups and languages have none, so their ids are
``uuid5`` of a stable name (:func:`organisation_uuid`, :func:`term_uuid`).

:func:`import_records` reads HSDS JSON (one service or organisation, a list, or a
paginated page) or a tabular datapackage (see :func:`records_from_tables`): every
record is validated against the schema first, then checked against Convivio's
own rules; if anything fails, the errors are listed by record and field and
nothing is saved.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convivio.core.history import attributed
from convivio.core.models import (
    Language,
    Organisation,
    TargetGroup,
    Territory,
    Theme,
)
from convivio.core.organisation_names import OrganisationIndex
from convivio.core.services import organisation_from_import

from . import search, services
from .models import (
    Contact,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTranslation,
)
from .services import ScheduleRow

HSDS_VERSION = "3.0"
#: Files of the standard shipped with Convivio (see its README.md).
STANDARD_DIR = Path(__file__).with_name("hsds_standard")
DATAPACKAGE_PATH = STANDARD_DIR / "datapackage.json"

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
THEMES_TAXONOMY = "convivio-themes"
TARGET_GROUPS_TAXONOMY = "convivio-target-groups"


# ----------------------------------------------------------------------- ids


def _uuid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"convivio:{name}"))


def organisation_uuid(pk: int) -> str:
    return _uuid(f"organisation:{pk}")


def taxonomy_uuid(taxonomy: str) -> str:
    return _uuid(f"taxonomy:{taxonomy}")


def term_uuid(taxonomy: str, slug: str) -> str:
    return _uuid(f"{taxonomy}:{slug}")


def _derived(parent: Any, *parts: Any) -> str:
    return _uuid(":".join(str(p) for p in (parent, *parts)))


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: the schemas allow no ``null``."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def _iso_time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _iso_datetime(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- querysets


def services_queryset() -> QuerySet[Service]:
    """Services with everything the serialisers read, in a fixed number of queries."""
    return (
        Service.objects.select_related("organisation")
        .prefetch_related(
            "translations",
            "organisation__translations",
            "themes",
            "target_groups",
            "languages",
            Prefetch(
                "phones",
                queryset=Phone.objects.select_related("location").prefetch_related(
                    "languages"
                ),
            ),
            "contacts",
            Prefetch(
                "schedules",
                queryset=Schedule.objects.select_related(
                    "service_at_location"
                ).order_by("weekday", "date", "opens_at"),
            ),
            Prefetch(
                "service_locations",
                queryset=ServiceAtLocation.objects.select_related("location").order_by(
                    "id"
                ),
            ),
        )
        .order_by("id")
    )


def public_services() -> QuerySet[Service]:
    return services_queryset().filter(status=Service.Status.ACTIVE)


def service_at_locations_queryset() -> QuerySet[ServiceAtLocation]:
    return (
        ServiceAtLocation.objects.filter(service__status=Service.Status.ACTIVE)
        .select_related("location", "service__organisation")
        .prefetch_related(
            "service__translations",
            Prefetch(
                "schedules",
                queryset=Schedule.objects.select_related(
                    "service_at_location", "service"
                ).order_by("weekday", "date"),
            ),
            Prefetch(
                "service__phones",
                queryset=Phone.objects.select_related("location").prefetch_related(
                    "languages"
                ),
            ),
            "service__contacts",
        )
        .order_by("id")
    )


# --------------------------------------------------------------- serialisers


def organisation_base(org: Organisation) -> dict[str, Any]:
    return {
        "id": organisation_uuid(org.pk),
        "name": org.name,
        # Required by HSDS, even if empty: the original's (callers prefetch the
        # organisation's "translations").
        "description": getattr(org.original_translation(), "description", "") or "",
    } | _clean({"email": org.email, "website": org.website})


def _translation(service: Service, language: str | None) -> ServiceTranslation | None:
    return service.translation_for(language)


def service_base(service: Service, language: str | None = None) -> dict[str, Any]:
    row = _translation(service, language)
    return _clean(
        {
            "id": str(service.hsds_id),
            "organization_id": organisation_uuid(service.organisation_id),
            "name": row.name if row else str(service.hsds_id),
            "description": row.description if row else "",
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "application_process": row.application_process if row else "",
            "fees_description": row.fees if row else "",
            "eligibility_description": row.eligibility if row else "",
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _iso_date(
                service.last_checked_at.date() if service.last_checked_at else None
            ),
            "last_modified": _iso_datetime(service.updated_at),
        }
    )


def language_record(code: str, name: str, **links: str) -> dict[str, Any]:
    owner = next(iter(links.values()))
    return _clean(
        {"id": _derived(owner, "language", code), **links}
        | {
            "name": name,
            "code": code,
        }
    )


def phone_record(phone: Phone) -> dict[str, Any]:
    extension = phone.extension.strip()
    return _clean(
        {
            "id": str(phone.hsds_id),
            "service_id": str(phone.service.hsds_id) if phone.service else None,
            "location_id": str(phone.location.hsds_id) if phone.location else None,
            "number": phone.number,
            "extension": int(extension) if extension.isdigit() else None,
            "type": phone.type,
            "description": phone.description,
            "languages": [
                language_record(lang.code, lang.name, phone_id=str(phone.hsds_id))
                for lang in phone.languages.all()
            ],
        }
    )


def schedule_record(schedule: Schedule) -> dict[str, Any]:
    """A weekly row as a weekly recurrence; an exception as a one-day schedule."""
    links = {
        "service_id": str(schedule.service.hsds_id),
        "service_at_location_id": (
            str(schedule.service_at_location.hsds_id)
            if schedule.service_at_location
            else None
        ),
    }
    if schedule.date:
        return _clean(
            {
                "id": str(schedule.hsds_id),
                **links,
                "valid_from": _iso_date(schedule.date),
                "valid_to": _iso_date(schedule.date),
                "dtstart": _iso_date(schedule.date),
                "until": _iso_date(schedule.date),
                "count": 1,
                "freq": "WEEKLY",
                "byday": WEEKDAYS[schedule.date.weekday()],
                "opens_at": None if schedule.closed else _iso_time(schedule.opens_at),
                "closes_at": None if schedule.closed else _iso_time(schedule.closes_at),
                "description": "closed" if schedule.closed else "",
                "notes": schedule.notes,
            }
        )
    return _clean(
        {
            "id": str(schedule.hsds_id),
            **links,
            "valid_from": _iso_date(schedule.valid_from),
            "valid_to": _iso_date(schedule.valid_to),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": WEEKDAYS[schedule.weekday - 1] if schedule.weekday else None,
            "opens_at": None if schedule.closed else _iso_time(schedule.opens_at),
            "closes_at": None if schedule.closed else _iso_time(schedule.closes_at),
            "description": "closed" if schedule.closed else "",
            "notes": schedule.notes,
        }
    )


def contact_record(contact: Contact) -> dict[str, Any]:
    cid = str(contact.hsds_id)
    return _clean(
        {
            "id": cid,
            "service_id": str(contact.service.hsds_id),
            "name": contact.name,
            "title": contact.title,
            "email": contact.email,
            "phones": (
                [
                    {
                        "id": _derived(cid, "phone"),
                        "contact_id": cid,
                        "number": contact.phone,
                    }
                ]
                if contact.phone
                else []
            ),
        }
    )


def location_record(location: Location) -> dict[str, Any]:
    lid = str(location.hsds_id)
    address = _clean(
        {
            "id": _derived(lid, "address"),
            "location_id": lid,
            "address_1": location.address,
            "city": location.city,
            "region": location.region,
            "state_province": location.region,
            "postal_code": location.postal_code,
            "country": location.country,
            "address_type": "physical",
        }
    )
    has_address = any(
        (location.address, location.city, location.postal_code, location.country)
    )
    if has_address:
        # HSDS requires these four on an address.
        for key in ("address_1", "city", "state_province", "postal_code", "country"):
            address.setdefault(key, "")
    return _clean(
        {
            "id": lid,
            "location_type": "physical",
            "organization_id": (
                organisation_uuid(location.organisation_id)
                if location.organisation_id
                else None
            ),
            "name": location.name,
            "transportation": location.transportation,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "addresses": [address] if has_address else [],
            "accessibility": (
                [
                    {
                        "id": _derived(lid, "accessibility"),
                        "location_id": lid,
                        "description": location.accessibility,
                    }
                ]
                if location.accessibility
                else []
            ),
        }
    )


def attribute_records(service: Service) -> list[dict[str, Any]]:
    sid = str(service.hsds_id)
    rows = []
    for taxonomy, terms in (
        (THEMES_TAXONOMY, service.themes.all()),
        (TARGET_GROUPS_TAXONOMY, service.target_groups.all()),
    ):
        for term in terms:
            term_id = term_uuid(taxonomy, term.slug)
            rows.append(
                {
                    "id": _derived(sid, "attribute", term_id),
                    "link_id": sid,
                    "taxonomy_term_id": term_id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term": taxonomy_term_record(taxonomy, term),
                }
            )
    return rows


def taxonomy_term_record(taxonomy: str, term: Theme | TargetGroup) -> dict[str, Any]:
    return _clean(
        {
            "id": term_uuid(taxonomy, term.slug),
            "code": term.slug,
            "name": str(term.name),
            "description": getattr(term, "description", "") or str(term.name),
            "taxonomy": taxonomy,
            "taxonomy_id": taxonomy_uuid(taxonomy),
        }
    )


def taxonomy_records() -> list[dict[str, Any]]:
    return [
        {
            "id": taxonomy_uuid(THEMES_TAXONOMY),
            "name": THEMES_TAXONOMY,
            "description": "Needs a service answers (Convivio themes).",
        },
        {
            "id": taxonomy_uuid(TARGET_GROUPS_TAXONOMY),
            "name": TARGET_GROUPS_TAXONOMY,
            "description": "People a service is for (Convivio target groups).",
        },
    ]


def taxonomy_term_records() -> list[dict[str, Any]]:
    return [
        taxonomy_term_record(THEMES_TAXONOMY, t) for t in Theme.objects.order_by("slug")
    ] + [
        taxonomy_term_record(TARGET_GROUPS_TAXONOMY, t)
        for t in TargetGroup.objects.order_by("slug")
    ]


def service_list_record(service: Service, language: str | None = None) -> dict:
    """A service as the ``service_list`` schema has it (with its organisation)."""
    return service_base(service, language) | {
        "organization": organisation_base(service.organisation)
    }


def _required_documents(service: Service, row) -> list[dict[str, Any]]:
    sid = str(service.hsds_id)
    text = row.required_documents if row else ""
    return [
        {"id": _derived(sid, "document", n), "service_id": sid, "document": line}
        for n, line in enumerate(
            (ln.strip(" -•\t") for ln in text.splitlines()), start=1
        )
        if line
    ]


def service_full(service: Service, language: str | None = None) -> dict[str, Any]:
    """A service as the ``service`` schema has it, fully nested."""
    sid = str(service.hsds_id)
    schedules = list(service.schedules.all())
    phones = list(service.phones.all())
    row = _translation(service, language)
    sals = []
    for sal in service.service_locations.all():
        sals.append(
            _clean(
                {
                    "id": str(sal.hsds_id),
                    "service_id": sid,
                    "location_id": str(sal.location.hsds_id),
                    "description": sal.description,
                    "schedules": [
                        schedule_record(s)
                        for s in schedules
                        if s.service_at_location_id == sal.pk
                    ],
                    "phones": [
                        phone_record(p)
                        for p in phones
                        if p.location_id == sal.location_id
                    ],
                    "location": location_record(sal.location),
                }
            )
        )
    return service_list_record(service, language) | _clean(
        {
            "phones": [phone_record(p) for p in phones if p.location_id is None],
            "schedules": [
                schedule_record(s)
                for s in schedules
                if s.service_at_location_id is None
            ],
            "service_at_locations": sals,
            "languages": [
                language_record(lang.code, lang.name, service_id=sid)
                for lang in service.languages.all()
            ],
            "contacts": [contact_record(c) for c in service.contacts.all()],
            "required_documents": _required_documents(service, row),
            "attributes": attribute_records(service),
        }
    )


def service_at_location_record(
    sal: ServiceAtLocation, language: str | None = None, *, full: bool = False
) -> dict[str, Any]:
    service = sal.service
    data = _clean(
        {
            "id": str(sal.hsds_id),
            "service_id": str(service.hsds_id),
            "location_id": str(sal.location.hsds_id),
            "description": sal.description,
            "location": location_record(sal.location),
            "service": service_list_record(service, language),
        }
    )
    if full:
        data |= _clean(
            {
                "schedules": [schedule_record(s) for s in sal.schedules.all()],
                "phones": [
                    phone_record(p)
                    for p in service.phones.all()
                    if p.location_id in (None, sal.location_id)
                ],
                "contacts": [contact_record(c) for c in service.contacts.all()],
            }
        )
    return data


def organisation_full(
    org: Organisation, services: Iterable[Service], language: str | None = None
) -> dict[str, Any]:
    services = list(services)
    locations: dict[int, Location] = {}
    for service in services:
        for sal in service.service_locations.all():
            locations.setdefault(sal.location_id, sal.location)
    data = organisation_base(org)
    data |= _clean(
        {
            "phones": (
                [
                    {
                        "id": _derived(data["id"], "phone"),
                        "organization_id": data["id"],
                        "number": org.phone,
                    }
                ]
                if org.phone
                else []
            ),
            "locations": [location_record(loc) for loc in locations.values()],
            "services": [service_full(s, language) for s in services],
        }
    )
    return data


def page(
    items: list[dict[str, Any]], *, total: int, number: int, per_page: int
) -> dict[str, Any]:
    """The HSDS paginated envelope."""
    pages = max(1, -(-total // per_page)) if total else 1
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not items,
        "contents": items,
    }


# ----------------------------------------------------------- tabular export


@cache
def datapackage_descriptor() -> dict[str, Any]:
    return json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))


def table_fields(table: str) -> list[str]:
    for resource in datapackage_descriptor()["resources"]:
        if resource["path"] == table:
            return [f["name"] for f in resource["schema"]["fields"]]
    raise KeyError(table)


#: Tables Convivio writes, in the datapackage's order.
EXPORT_TABLES = [
    "organizations.csv",
    "services.csv",
    "attributes.csv",
    "service_at_location.csv",
    "locations.csv",
    "phones.csv",
    "contacts.csv",
    "addresses.csv",
    "schedules.csv",
    "required_documents.csv",
    "languages.csv",
    "accessibility.csv",
    "taxonomy_terms.csv",
    "taxonomies.csv",
]


def export_tables(services: Iterable[Service] | None = None) -> dict[str, list[dict]]:
    """Rows of every exported table (flat HSDS records) for the given services."""
    if services is None:
        services = public_services()
    tables: dict[str, list[dict]] = {name: [] for name in EXPORT_TABLES}
    seen_orgs: set[int] = set()
    seen_locations: set[int] = set()
    for service in services:
        full = service_full(service)
        org = full.pop("organization")
        if service.organisation_id not in seen_orgs:
            seen_orgs.add(service.organisation_id)
            tables["organizations.csv"].append(org)
        for attribute in full.pop("attributes", []):
            attribute.pop("taxonomy_term", None)
            tables["attributes.csv"].append(attribute)
        for sal in full.pop("service_at_locations", []):
            location = sal.pop("location")
            for schedule in sal.pop("schedules", []):
                tables["schedules.csv"].append(schedule)
            for phone in sal.pop("phones", []):
                _phone_rows(tables, phone)
            tables["service_at_location.csv"].append(sal)
            loc = next(
                s.location
                for s in service.service_locations.all()
                if str(s.hsds_id) == sal["id"]
            )
            if loc.pk in seen_locations:
                continue
            seen_locations.add(loc.pk)
            for address in location.pop("addresses", []):
                tables["addresses.csv"].append(address)
            for access in location.pop("accessibility", []):
                tables["accessibility.csv"].append(access)
            tables["locations.csv"].append(location)
        for phone in full.pop("phones", []):
            _phone_rows(tables, phone)
        for schedule in full.pop("schedules", []):
            tables["schedules.csv"].append(schedule)
        tables["languages.csv"].extend(full.pop("languages", []))
        for contact in full.pop("contacts", []):
            for phone in contact.pop("phones", []):
                _phone_rows(tables, phone)
            tables["contacts.csv"].append(contact)
        tables["required_documents.csv"].extend(full.pop("required_documents", []))
        tables["services.csv"].append(full)
    tables["taxonomy_terms.csv"] = taxonomy_term_records()
    tables["taxonomies.csv"] = taxonomy_records()
    return tables


def _phone_rows(tables: dict[str, list[dict]], phone: dict) -> None:
    for language in phone.pop("languages", []):
        tables["languages.csv"].append(language)
    tables["phones.csv"].append(phone)


def _csv_text(table: str, rows: list[dict]) -> str:
    fields = table_fields(table)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in fields})
    return out.getvalue()


def datapackage_json(tables: Iterable[str]) -> dict[str, Any]:
    """The descriptor of the exported tables (the standard's, limited to them)."""
    base = datapackage_descriptor()
    wanted = set(tables)
    return {k: v for k, v in base.items() if k != "resources"} | {
        "name": "convivio_directory",
        "title": "Convivio directory of services (HSDS 3.0)",
        "created": _iso_datetime(timezone.now()),
        "resources": [r for r in base["resources"] if r["path"] in wanted],
    }


def write_datapackage_zip(
    target: io.BufferedIOBase | Path | str, services: Iterable[Service] | None = None
) -> dict[str, int]:
    """Write the tabular datapackage (CSV per table + datapackage.json) as a zip.

    Returns the number of rows written per table.
    """
    tables = export_tables(services)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table, rows in tables.items():
            archive.writestr(table, _csv_text(table, rows))
        archive.writestr(
            "datapackage.json",
            json.dumps(datapackage_json(tables), indent=2, ensure_ascii=False),
        )
    return {table: len(rows) for table, rows in tables.items()}


def write_datapackage_dir(
    directory: Path, services: Iterable[Service] | None = None
) -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    tables = export_tables(services)
    for table, rows in tables.items():
        (directory / table).write_text(_csv_text(table, rows), encoding="utf-8")
    (directory / "datapackage.json").write_text(
        json.dumps(datapackage_json(tables), indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    return {table: len(rows) for table, rows in tables.items()}


# ------------------------------------------------------------------- schemas


#: Compiled schema files shipped with Convivio, by the record kind they check.
SCHEMA_FILES = {
    "service": "service_with_definitions.json",
    "organization": "organization_list.json",
}


@cache
def _validator(kind: str):
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads((STANDARD_DIR / SCHEMA_FILES[kind]).read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _errors(record: Any, kind: str, prefix: str = "") -> list[str]:
    found = sorted(
        _validator(kind).iter_errors(record),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    return [
        f"{prefix}{'.'.join(str(p) for p in e.absolute_path) or '(record)'}: "
        f"{e.message}"
        for e in found
    ]


def schema_errors(record: Any, kind: str) -> list[str]:
    """Every way ``record`` fails the HSDS schema of ``kind`` ('field.path: why').

    An organisation is checked field by field and each of its ``services`` as a
    service.
    """
    if kind == "organization" and isinstance(record, dict):
        base = {k: v for k, v in record.items() if k != "services"}
        errors = _errors(base, "organization")
        services = record.get("services", [])
        if not isinstance(services, list):
            return [*errors, "services: must be a list of services"]
        for n, service in enumerate(services):
            errors += _errors(service, "service", f"services.{n}.")
        return errors
    return _errors(record, kind)


# -------------------------------------------------------------------- import


@dataclass
class ImportResult:
    """What an import did, or why it did nothing (``errors`` by record id)."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, record: str, message: str) -> None:
        self.errors.setdefault(record, []).append(message)

    def summary(self) -> str:
        if self.errors:
            lines = [
                ngettext(
                    "%(count)d record has errors; nothing was saved.",
                    "%(count)d records have errors; nothing was saved.",
                    len(self.errors),
                )
                % {"count": len(self.errors)}
            ]
            for record, messages in self.errors.items():
                lines += [f"  {record}: {m}" for m in messages]
            return "\n".join(lines)
        # The kinds are the HSDS tables' names, the same in every language.
        parts = [
            _("%(kind)s: %(count)d created") % {"kind": kind, "count": n}
            for kind, n in sorted(self.created.items())
        ]
        parts += [
            _("%(kind)s: %(count)d updated") % {"kind": kind, "count": n}
            for kind, n in sorted(self.updated.items())
        ]
        return "; ".join(parts) or _("Nothing changed.")


class _Abort(Exception):
    pass


def load_file(path: Path | str) -> Any:
    """Read an HSDS JSON file, a datapackage zip, or a datapackage folder."""
    path = Path(path)
    if path.is_dir():
        return tables_from_dir(path)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return tables_from_zip(archive)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            _("%(file)s is neither JSON nor a zip file: %(error)s")
            % {"file": path.name, "error": exc}
        ) from exc


def tables_from_dir(directory: Path) -> dict[str, list[dict]]:
    return {
        p.name: list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8-sig"))))
        for p in sorted(directory.glob("*.csv"))
    }


def tables_from_zip(archive: zipfile.ZipFile) -> dict[str, list[dict]]:
    tables = {}
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode("utf-8-sig")
            tables[Path(name).name] = list(csv.DictReader(io.StringIO(text)))
    if not tables:
        raise ValidationError(_("The zip file holds no CSV tables of a datapackage."))
    return tables


def _field_types() -> dict[str, dict[str, str]]:
    types: dict[str, dict[str, str]] = {}
    for resource in datapackage_descriptor()["resources"]:
        types[resource["path"]] = {
            f["name"]: (
                f.get("type", "string")
                if f.get("format", "default") == "default"
                and "enum" not in f.get("constraints", {})
                else "formatted"
            )
            for f in resource["schema"]["fields"]
        }
    return types


def _coerce(value: Any, kind: str) -> Any:
    """A table cell as the type its datapackage field has (CSV cells are text)."""
    if not isinstance(value, str):
        if kind == "string" and isinstance(value, int | float):
            return str(value)  # a cell is text, whatever it looked like
        return value
    value = value.strip()
    if value == "":
        # Empty text stays text (HSDS requires some fields even when empty);
        # an empty number, date, uuid, e-mail or uri is no value.
        return "" if kind == "string" else None
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            number = float(value)
            return int(number) if number.is_integer() else number
        if kind == "boolean":
            return value.lower() in ("true", "1", "yes")
    except ValueError:
        return value  # left as text: the schema says which field is wrong
    return value


def records_from_tables(tables: dict[str, list[dict]]) -> list[dict[str, Any]]:
    """Nest the rows of a tabular datapackage into ``service`` records."""
    types = _field_types()
    rows: dict[str, list[dict]] = {}
    for table, items in tables.items():
        kinds = types.get(table, {})
        rows[table] = [
            {
                k: v
                for k, v in (
                    (k, _coerce(v, kinds.get(k, "string"))) for k, v in item.items()
                )
                if k and v is not None
            }
            for item in items
        ]

    def by(table: str, key: str) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = defaultdict(list)
        for row in rows.get(table, []):
            if row.get(key):
                grouped[str(row[key])].append(row)
        return grouped

    organisations = {str(r.get("id")): r for r in rows.get("organizations.csv", [])}
    locations = {str(r.get("id")): r for r in rows.get("locations.csv", [])}
    terms = {str(r.get("id")): r for r in rows.get("taxonomy_terms.csv", [])}
    addresses = by("addresses.csv", "location_id")
    accessibility = by("accessibility.csv", "location_id")
    sals = by("service_at_location.csv", "service_id")
    phones_by_service = by("phones.csv", "service_id")
    phones_by_contact = by("phones.csv", "contact_id")
    schedules = by("schedules.csv", "service_id")
    contacts = by("contacts.csv", "service_id")
    documents = by("required_documents.csv", "service_id")
    attributes = by("attributes.csv", "link_id")
    languages_by_service = by("languages.csv", "service_id")
    languages_by_phone = by("languages.csv", "phone_id")

    def phone(p: dict) -> dict:
        return p | _clean({"languages": languages_by_phone.get(str(p["id"]), [])})

    records = []
    for service in rows.get("services.csv", []):
        sid = str(service.get("id"))
        record = dict(service)
        org = organisations.get(str(service.get("organization_id")))
        if org:
            record["organization"] = org
        sal_records = []
        for sal in sals.get(sid, []):
            item = dict(sal)
            location = locations.get(str(sal.get("location_id")))
            if location:
                lid = str(location["id"])
                item["location"] = location | _clean(
                    {
                        "addresses": addresses.get(lid, []),
                        "accessibility": accessibility.get(lid, []),
                    }
                )
            item["schedules"] = [
                s
                for s in schedules.get(sid, [])
                if str(s.get("service_at_location_id")) == str(sal.get("id"))
            ]
            sal_records.append(_clean(item))
        sal_ids = {str(s.get("id")) for s in sals.get(sid, [])}
        record |= _clean(
            {
                "service_at_locations": sal_records,
                "phones": [phone(p) for p in phones_by_service.get(sid, [])],
                "schedules": [
                    s
                    for s in schedules.get(sid, [])
                    if str(s.get("service_at_location_id")) not in sal_ids
                ],
                "contacts": [
                    c
                    | _clean(
                        {
                            "phones": [
                                p
                                for p in phones_by_contact.get(str(c["id"]), [])
                                if str(p.get("service_id", "")) != sid
                            ]
                        }
                    )
                    for c in contacts.get(sid, [])
                ],
                "required_documents": documents.get(sid, []),
                "languages": languages_by_service.get(sid, []),
                "attributes": [
                    a
                    | _clean(
                        {"taxonomy_term": terms.get(str(a.get("taxonomy_term_id")))}
                    )
                    for a in attributes.get(sid, [])
                ],
            }
        )
        records.append(record)
    return records


def _split(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each record of ``data`` with the schema it must meet."""
    if isinstance(data, dict) and any(str(k).endswith(".csv") for k in data):
        for record in records_from_tables(data):
            yield "service", record
        return
    if isinstance(data, dict) and "contents" in data:
        data = data["contents"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ValidationError(
            _(
                "An HSDS import is a service, an organisation, a list or page of "
                "them, or a tabular datapackage."
            )
        )
    for record in data:
        if (
            isinstance(record, dict)
            and "status" not in record
            and ("services" in record or "description" in record)
        ):
            yield "organization", record
        else:
            yield "service", record


def _label(kind: str, record: Any, index: int) -> str:
    rid = record.get("id") if isinstance(record, dict) else None
    return f"{kind} {rid}" if rid else f"{kind} #{index + 1}"


@attributed
def import_records(
    data: Any,
    *,
    user=None,
    by_system: bool = False,
    language: str = "en",
) -> ImportResult:
    """Import HSDS services and organisations; all or nothing.

    ``data`` is parsed JSON (a record, a list, a page) or a datapackage as a
    ``{"services.csv": rows, …}`` mapping.  Only moderators (or the system, for
    the ``hsds_import`` command) may import.
    """
    from django.core.exceptions import PermissionDenied

    from convivio.core.permissions import is_moderator

    if not by_system and not (user is not None and is_moderator(user)):
        raise PermissionDenied(_("Only moderators may import a directory of services."))
    result = ImportResult()
    if not Language.objects.filter(code=language).exists():
        result.error(
            "import",
            _("Unknown language “%(language)s” for the texts.")
            % {"language": language},
        )
        return result
    try:
        records = list(_split(data))
    except ValidationError as exc:
        result.error("import", " ".join(exc.messages))
        return result
    if not records:
        result.error("import", _("The file holds no services or organisations."))
        return result
    # 1. The schema, for every record, before anything else.
    for index, (kind, record) in enumerate(records):
        for message in schema_errors(record, kind):
            result.error(_label(kind, record, index), message)
    if result.errors:
        return result
    # 2. Convivio's own rules, then the writes, in one transaction.
    importer = _Importer(result, language=language, user=user, by_system=by_system)
    try:
        # The whole file is indexed for search once, at its end (search.indexing).
        with transaction.atomic(), search.indexing():
            for index, (kind, record) in enumerate(records):
                label = _label(kind, record, index)
                if kind == "organization":
                    org = importer.organisation(record, label)
                    for n, service in enumerate(record.get("services", [])):
                        importer.service(
                            service, f"{label} › {_label('service', service, n)}", org
                        )
                else:
                    importer.service(record, label, None)
            if result.errors:
                raise _Abort
    except _Abort:
        result.created.clear()
        result.updated.clear()
    return result


class _Importer:
    def __init__(
        self, result: ImportResult, *, language: str, user, by_system: bool
    ) -> None:
        self.result = result
        self.language = language
        self.user = user
        self.by_system = by_system
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.themes = {
            term_uuid(THEMES_TAXONOMY, t.slug): t for t in Theme.objects.all()
        }
        self.groups = {
            term_uuid(TARGET_GROUPS_TAXONOMY, t.slug): t
            for t in TargetGroup.objects.all()
        }
        self.orgs_by_uuid = {
            organisation_uuid(pk): pk
            for pk in Organisation.objects.values_list("pk", flat=True)
        }
        self.known_org_ids = set(self.orgs_by_uuid.values())
        self.orgs_by_record: dict[str, Organisation] = {}
        self.unknown_languages: set[str] = set()
        self._org_names: OrganisationIndex | None = None

    @property
    def org_names(self) -> OrganisationIndex:
        """The organisations already known, matched by name as ingestion and
        the pickers match them (acronyms, kind words, accents…); built once."""
        if self._org_names is None:
            self._org_names = OrganisationIndex(
                Organisation.objects.values_list("id", "name"),
                places=Territory.objects.values_list("name", flat=True),
            )
        return self._org_names

    # --- helpers

    def _note(self, message: str) -> None:
        if message not in self.result.warnings:
            self.result.warnings.append(message)

    def _language(self, item: dict) -> Language | None:
        code = str(item.get("code") or "").lower().replace("_", "-")
        for candidate in (code, code.split("-")[0]):
            if candidate in self.languages:
                return self.languages[candidate]
        name = str(item.get("name") or "").lower()
        for lang in self.languages.values():
            if name and name in (lang.name.lower(), lang.native_name.lower()):
                return lang
        label = code or name or "?"
        if label not in self.unknown_languages:
            self.unknown_languages.add(label)
            self._note(
                _("Language “%(language)s” is not in Convivio's list and was left out.")
                % {"language": label}
            )
        return None

    def _report(self, label: str, error: ValidationError) -> None:
        """A service's refusal, field by field, under the record's label."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.result.error(label, f"{name}: {message}")
        else:
            for message in error.messages:
                self.result.error(label, message)

    def _count(self, kind: str, created: bool) -> None:
        (self.result.created if created else self.result.updated)[kind] += 1

    # --- organisations

    def organisation(self, record: dict, label: str) -> Organisation | None:
        rid = str(record.get("id"))
        if rid in self.orgs_by_record:
            return self.orgs_by_record[rid]
        org = None
        if rid in self.orgs_by_uuid:
            org = Organisation.objects.get(pk=self.orgs_by_uuid[rid])
        if org is None:
            # Matched as the pickers and ingestion match, else made (core's rule).
            notes: list[str] = []
            try:
                org = organisation_from_import(
                    actor=self.user,
                    name=str(record.get("name", "")),
                    website=str(record.get("website") or ""),
                    email=str(record.get("email") or ""),
                    description=str(record.get("description") or ""),
                    index=self.org_names,
                    notes=notes,
                )
            except ValidationError as error:
                self._report(label, error)
                return None
            for note in notes:
                self._note(f"{label}: {note}")
            if org.pk not in self.known_org_ids:
                self.known_org_ids.add(org.pk)
                self._count("organisations", True)
        self.orgs_by_record[rid] = org
        return org

    # --- services

    def service(
        self, record: dict, label: str, organisation: Organisation | None
    ) -> None:
        rid = str(record["id"])
        if organisation is None:
            org_record = record.get("organization")
            if org_record:
                organisation = self.organisation(
                    org_record, f"organization {org_record['id']}"
                )
            elif record.get("organization_id") in self.orgs_by_record:
                organisation = self.orgs_by_record[record["organization_id"]]
            elif record.get("organization_id") in self.orgs_by_uuid:
                organisation = Organisation.objects.get(
                    pk=self.orgs_by_uuid[record["organization_id"]]
                )
        if organisation is None:
            self.result.error(
                label,
                _(
                    "organization: the service names no organisation Convivio knows; "
                    "give its “organization” record."
                ),
            )
            return
        ages: dict[str, int | None] = {}
        for attr in ("minimum_age", "maximum_age"):
            value = record.get(attr)
            if value is not None and (value < 0 or value != int(value)):
                self.result.error(
                    label,
                    _("%(field)s: give a whole number of years.") % {"field": attr},
                )
                value = None
            ages[attr] = int(value) if value is not None else None
        checked_at = None
        assured = record.get("assured_date")
        if assured:
            try:
                day = dt.date.fromisoformat(str(assured)[:10])
                checked_at = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
            except ValueError:
                self.result.error(
                    label,
                    _("assured_date: “%(value)s” is not a date.") % {"value": assured},
                )
        themes, groups = self._terms(record, label)
        key = f"hsds:{rid}"
        translated = (
            ServiceTranslation.objects.filter(
                service__source_key=key, language_id=self.language
            ).exists()
            or ServiceTranslation.objects.filter(
                service__hsds_id=rid, language_id=self.language
            ).exists()
        )
        try:
            service, created = services.service_import(
                user=self.user,
                by_system=self.by_system,
                organisation=organisation,
                data=self._service_data(record, label, themes, groups, ages),
                hsds_id=rid,
                source_key=key,
                checked_at=checked_at,
            )
        except ValidationError as error:
            self._report(label, error)
            return
        self._count("services", created)
        self._count("service translations", not translated)
        for sal in record.get("service_at_locations", []):
            self._service_at_location(service, sal, label)
        for phone in record.get("phones", []):
            self._phone(phone, label, service=service, location=None)
        self._schedules(record.get("schedules", []), label, service, None)
        for contact in record.get("contacts", []):
            self._contact(contact, label, service)

    def _terms(self, record: dict, label: str) -> tuple[list[Theme], list[TargetGroup]]:
        themes: list[Theme] = []
        groups: list[TargetGroup] = []
        for attribute in record.get("attributes", []):
            term_id = str(attribute.get("taxonomy_term_id") or "")
            term = attribute.get("taxonomy_term") or {}
            code = str(term.get("code") or "")
            taxonomy = str(term.get("taxonomy") or "")
            if term_id in self.themes:
                themes.append(self.themes[term_id])
            elif term_id in self.groups:
                groups.append(self.groups[term_id])
            elif taxonomy == THEMES_TAXONOMY and code:
                themes += [t for t in self.themes.values() if t.slug == code]
            elif taxonomy == TARGET_GROUPS_TAXONOMY and code:
                groups += [t for t in self.groups.values() if t.slug == code]
            else:
                self._note(
                    _(
                        "%(record)s: taxonomy term %(term)s is not a Convivio theme "
                        "or target group and was left out."
                    )
                    % {"record": label, "term": term_id or code or "?"}
                )
        return themes, groups

    def _service_data(
        self,
        record: dict,
        label: str,
        themes: list[Theme],
        groups: list[TargetGroup],
        ages: dict[str, int | None],
    ) -> services.ServiceData:
        # The file's text is the original when it is in the service's language
        # (importing it again unchanged keeps the translations current), else a
        # translation vouched for by the person importing it (the service decides).
        documents = [
            str(d.get("document", "")).strip()
            for d in record.get("required_documents", [])
        ]
        fees = str(record.get("fees_description") or record.get("fees") or "")
        if len(fees) > 500:
            self._note(
                _("%(record)s: fees_description was cut to 500 characters.")
                % {"record": label}
            )
            fees = fees[:497] + "…"
        return services.ServiceData(
            name=str(record["name"]).strip()[:300],
            language=self.language,
            description=str(record.get("description") or ""),
            eligibility=str(record.get("eligibility_description") or ""),
            fees=fees,
            application_process=str(record.get("application_process") or ""),
            required_documents="\n".join(d for d in documents if d),
            status=record["status"],
            url=record.get("url", ""),
            email=record.get("email", ""),
            theme_ids=list(dict.fromkeys(t.pk for t in themes)),
            target_group_ids=list(dict.fromkeys(t.pk for t in groups)),
            language_ids=list(
                dict.fromkeys(
                    lang.code
                    for item in record.get("languages", [])
                    if (lang := self._language(item))
                )
            ),
            minimum_age=ages["minimum_age"],
            maximum_age=ages["maximum_age"],
        )

    def _location(self, record: dict, label: str, service: Service) -> Location | None:
        lid = str(record["id"])
        address = next(
            (
                a
                for a in record.get("addresses", [])
                if a.get("address_type") == "physical"
            ),
            (record.get("addresses") or [{}])[0],
        )
        country = str(address.get("country") or "")
        lat, lon = record.get("latitude"), record.get("longitude")
        if (
            lat is not None
            and lon is not None
            and (not -90 <= lat <= 90 or not -180 <= lon <= 180)
        ):
            self._note(
                _(
                    "%(record)s: location %(location)s has impossible coordinates "
                    "(%(latitude)s, %(longitude)s); it was imported without them, "
                    "to be placed by hand."
                )
                % {"record": label, "location": lid, "latitude": lat, "longitude": lon}
            )
            lat = lon = None
        data = services.LocationData(
            name=str(record.get("name") or "")[:300],
            address=", ".join(
                p for p in (address.get("address_1"), address.get("address_2")) if p
            )[:300],
            postal_code=str(address.get("postal_code") or "")[:20],
            city=str(address.get("city") or "")[:200],
            region=str(address.get("region") or address.get("state_province") or "")[
                :200
            ],
            country=country if len(country) == 2 else "",
            latitude=lat,
            longitude=lon,
            transportation=str(record.get("transportation") or ""),
            accessibility="\n".join(
                " ".join(p for p in (a.get("description"), a.get("details")) if p)
                for a in record.get("accessibility", [])
            ),
        )
        try:
            location, created = services.location_import(
                user=self.user,
                by_system=self.by_system,
                organisation=service.organisation,
                data=data,
                hsds_id=lid,
            )
        except ValidationError as error:
            self._report(f"{label} › location {lid}", error)
            return None
        self._count("locations", created)
        return location

    def _service_at_location(self, service: Service, record: dict, label: str) -> None:
        if "location" not in record:
            self.result.error(
                label,
                _("service_at_locations.%(id)s: the location is missing.")
                % {"id": record["id"]},
            )
            return
        location = self._location(record["location"], label, service)
        if location is None:
            return
        try:
            sal, created = services.service_location_import(
                user=self.user,
                by_system=self.by_system,
                service=service,
                location=location,
                hsds_id=record["id"],
                description=str(record.get("description") or ""),
            )
        except ValidationError as error:
            self._report(label, error)
            return
        self._count("services at locations", created)
        for phone in record.get("phones", []) + record["location"].get("phones", []):
            self._phone(phone, label, service=service, location=location)
        self._schedules(record.get("schedules", []), label, service, sal)
        for contact in record.get("contacts", []):
            self._contact(contact, label, service)

    def _phone(self, record: dict, label: str, *, service, location) -> None:
        extension = record.get("extension")
        try:
            _phone, created = services.phone_import(
                user=self.user,
                by_system=self.by_system,
                service=service,
                location=location,
                hsds_id=record["id"],
                number=str(record["number"]).strip().strip('"')[:40],
                extension="" if extension is None else str(int(extension))[:10],
                type=str(record.get("type") or "")[:20],
                description=str(record.get("description") or "")[:300],
                language_ids=[
                    lang.code
                    for item in record.get("languages", [])
                    if (lang := self._language(item))
                ],
            )
        except ValidationError as error:
            self._report(f"{label} › phone {record['id']}", error)
            return
        self._count("phones", created)

    def _contact(self, record: dict, label: str, service: Service) -> None:
        phones = record.get("phones") or []
        try:
            _contact, created = services.contact_import(
                user=self.user,
                by_system=self.by_system,
                service=service,
                hsds_id=record["id"],
                name=str(record.get("name") or "")[:200],
                title=str(record.get("title") or "")[:200],
                email=str(record.get("email") or ""),
                phone=str(phones[0]["number"]).strip('"')[:40] if phones else "",
            )
        except ValidationError as error:
            self._report(f"{label} › contact {record['id']}", error)
            return
        self._count("contacts", created)

    def _schedules(
        self,
        records: list[dict],
        label: str,
        service: Service,
        sal: ServiceAtLocation | None,
    ) -> None:
        """The hours of a service (at a place) as the file gives them, checked
        and saved by the service the hours page uses (one rule)."""
        if not records:
            return
        rows: list[services.ScheduleRow] = []
        for record in records:
            try:
                rows += schedule_rows(record)
            except ValueError as exc:
                self.result.error(f"{label} › schedule {record['id']}", str(exc))
                return
        known = set(
            Schedule.objects.filter(
                hsds_id__in=[r.hsds_id for r in rows if r.hsds_id]
            ).values_list("hsds_id", flat=True)
        )
        try:
            services.schedule_set(
                user=self.user,
                by_system=self.by_system,
                service=service,
                rows=rows,
                service_at_location=sal,
            )
        except ValidationError as error:
            self._report(f"{label} › schedules", error)
            return
        for row in rows:
            self._count("schedules", uuid.UUID(str(row.hsds_id)) not in known)


def _time(value: Any, name: str) -> dt.time | None:
    if value in (None, ""):
        return None
    text = str(value).strip().upper()
    for suffix in ("Z",):
        text = text.removesuffix(suffix)
    if len(text) > 8 and text[-6] in "+-":
        text = text[:-6]
    try:
        return dt.time.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        raise ValueError(
            _("%(field)s: “%(value)s” is not a time (HH:MM).")
            % {"field": name, "value": value}
        ) from None


def _date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(
            _("%(field)s: “%(value)s” is not a date (YYYY-MM-DD).")
            % {"field": name, "value": value}
        ) from None


def schedule_rows(record: dict) -> list[ScheduleRow]:
    """Convivio's rows of opening hours for one HSDS schedule (one per day it
    names), with their HSDS ids.

    Raises ``ValueError`` for times, dates or days that cannot be read; whether
    the hours make sense is the rule of ``services.validate_schedule``, which
    the import applies as the hours page does.
    """
    opens = _time(record.get("opens_at"), "opens_at")
    closes = _time(record.get("closes_at"), "closes_at")
    valid_from = _date(record.get("valid_from"), "valid_from")
    valid_to = _date(record.get("valid_to"), "valid_to")
    notes = str(record.get("notes") or record.get("description") or "")[:300]
    closed = (
        not opens
        and not closes
        and "closed" in str(record.get("description") or "").lower()
    )
    notes = "" if closed and notes.lower() == "closed" else notes
    rid = str(record["id"])
    one_day = (
        valid_from
        and valid_from == valid_to
        and (record.get("count") == 1 or not record.get("byday"))
    )
    if one_day:
        return [
            ScheduleRow(
                hsds_id=rid,
                date=valid_from,
                closed=closed,
                opens_at=opens,
                closes_at=closes,
                notes=notes,
            )
        ]
    days = [d.strip()[-2:].upper() for d in str(record.get("byday") or "").split(",")]
    days = [d for d in days if d]
    unknown = [d for d in days if d not in WEEKDAYS]
    if unknown:
        raise ValueError(
            _("byday: “%(days)s” is not a day (MO … SU).")
            % {"days": ", ".join(unknown)}
        )
    if not days:
        raise ValueError(
            _("byday: say on which days of the week (MO … SU) these hours apply.")
        )
    return [
        ScheduleRow(
            hsds_id=rid if len(days) == 1 else str(uuid.uuid5(uuid.UUID(rid), day)),
            weekday=WEEKDAYS.index(day) + 1,
            closed=closed,
            opens_at=opens,
            closes_at=closes,
            valid_from=valid_from,
            valid_to=valid_to,
            notes=notes,
        )
        for day in days
    ]
