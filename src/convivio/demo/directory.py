"""Load the demo directory of Vale Novo (content/directory.py), idempotently.

Organisations are the plans demo's Vale Novo entities plus a few of our own; each
service carries ``source_key`` "demo:directory:<key>" and is skipped when present.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from convivio.core.models import Language, Organisation, TargetGroup, Territory, Theme
from convivio.core.translation import (
    original_origins,
    save_original,
    translation_origins,
)
from convivio.demo import plans as plans_demo
from convivio.demo.content import directory as demo_content
from convivio.directory.models import (
    Contact,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTranslation,
)
from convivio.directory.search import indexing

PREFIX = "demo:directory:"


@dataclass
class DirectoryDemo:
    town: Territory
    organisations: int
    services: int
    created: int
    locations: int


def vale_novo() -> Territory:
    """The fictional town of the plans demo (made if missing)."""
    return plans_demo._territories()["vale-novo"]


def _organisations(town: Territory) -> dict[str, Organisation]:
    found = plans_demo._organisations({"vale-novo": town})
    for item in demo_content.ORGANISATIONS:
        found[item["key"]], created = Organisation.objects.get_or_create(
            slug=item["key"],
            defaults={"name": item["name"], "kind": item["kind"], "territory": town},
        )
        if created:
            save_original(found[item["key"]], {"description": ""})
    return found


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


@transaction.atomic
def directory_demo_load() -> DirectoryDemo:
    # The demo writes rows in bulk: each service is indexed once, at the end.
    with indexing():
        return _directory_demo_load()


def _directory_demo_load() -> DirectoryDemo:
    town = vale_novo()
    organisations = _organisations(town)
    themes = {t.slug: t for t in Theme.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    existing = set(
        Service.objects.filter(source_key__startswith=PREFIX).values_list(
            "source_key", flat=True
        )
    )
    locations: dict[int, Location] = {}
    for index, (street, postcode, lat, lon) in enumerate(demo_content.STREETS, 1):
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"convivio:demo:location:{index}")
        locations[index], _created = Location.objects.get_or_create(
            hsds_id=key,
            defaults={
                "name": street,
                "address": f"{street}, {10 + index * 7}",
                "postal_code": postcode,
                "city": "Vale Novo",
                "region": "Centro",
                "country": "PT",
                "territory": town,
                "latitude": lat,
                "longitude": lon,
                "accessibility": "Step-free entrance; accessible toilet.",
                "transportation": f"Town bus line {1 + index % 3}, stop {street}.",
            },
        )
    created = 0
    checked = timezone.now() - dt.timedelta(days=12)
    by_key: dict[str, Service] = {}
    for number, spec in enumerate(demo_content.SERVICES):
        source_key = PREFIX + spec["key"]
        if source_key in existing:
            continue
        organisation = organisations[spec["org"]]
        service = Service.objects.create(
            organisation=organisation,
            original_language=languages["pt"],
            status=spec.get("status", Service.Status.ACTIVE),
            url=f"https://{organisation.slug}.example.org/",
            email=f"{spec['key']}@example.org",
            last_checked_at=checked - dt.timedelta(days=number * 3),
            source_key=source_key,
        )
        created += 1
        by_key[spec["key"]] = service
        # Written in Portuguese and translated into English: every row holds one
        # language, so the lang attribute said of it is true.
        text_pt, bring_pt = demo_content.TEXTS_PT[spec["key"]]
        original = {
            "name": spec["name"],
            "description": text_pt,
            "eligibility": "Qualquer pessoa que viva em Vale Novo, com ou sem papéis.",
            "fees": "Gratuito",
            "application_process": "Venha no horário de abertura ou telefone antes.",
            "required_documents": bring_pt,
        }
        english = {
            "name": demo_content.NAMES_EN[spec["key"]],
            "description": spec["text"],
            "eligibility": "Anyone living in Vale Novo, whatever their papers.",
            "fees": "Free",
            "application_process": "Come during opening hours or call first.",
            "required_documents": spec["bring"],
        }
        ServiceTranslation.objects.bulk_create(
            [
                ServiceTranslation(
                    service=service,
                    language=languages["pt"],
                    origins=original_origins(original),
                    **original,
                ),
                # Translated by a person and current against the Portuguese.
                ServiceTranslation(
                    service=service,
                    language=languages["en"],
                    origins=translation_origins(original, english),
                    **english,
                ),
            ]
        )
        service.themes.set([themes[s] for s in spec["themes"]])
        service.target_groups.set([groups[s] for s in spec["groups"]])
        service.languages.set([languages[c] for c in spec["langs"] if c in languages])
        at = ServiceAtLocation.objects.create(
            service=service, location=locations[spec["street"]]
        )
        Schedule.objects.bulk_create(
            [
                Schedule(
                    service=service,
                    service_at_location=at,
                    weekday=weekday,
                    opens_at=_time(opens),
                    closes_at=_time(closes),
                )
                for weekday, spans in demo_content.HOURS[spec["hours"]].items()
                for opens, closes in spans
            ]
        )
        Phone.objects.create(
            service=service,
            number=f"+351 249 000 {100 + number:03d}",
            type="voice",
        )
        Contact.objects.create(
            service=service,
            name="Front desk",
            email=f"{spec['key']}@example.org",
            phone=f"+351 249 000 {100 + number:03d}",
        )
    exception = demo_content.EXCEPTION
    if exception["service"] in by_key:
        Schedule.objects.create(
            service=by_key[exception["service"]],
            date=dt.date.fromisoformat(exception["date"]),
            closed=True,
            notes=exception["notes"],
        )
    used = {spec["org"] for spec in demo_content.SERVICES}
    return DirectoryDemo(
        town=town,
        organisations=len(used),
        services=Service.objects.filter(source_key__startswith=PREFIX).count(),
        created=created,
        locations=len(locations),
    )
