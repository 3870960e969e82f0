"""Load the hand-written demo content (content/practices.py) through the services.

Loading twice changes nothing: every record carries a stable demo key.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.text import slugify

from convivio.core import services as core_services
from convivio.core.models import Language, Organisation, Territory, User
from convivio.core.translation import save_original
from convivio.demo.content import practices as demo_content
from convivio.practices import services
from convivio.practices.models import Collection, Practice

DEMO_PREFIX = "demo:"


def _territories() -> dict[str, Territory]:
    countries = {t.iso_code: t for t in Territory.objects.filter(kind="country")}
    found = {}
    for item in demo_content.TERRITORIES:
        country = countries[item["country"]]
        territory, _created = Territory.objects.get_or_create(
            name=item["name"],
            country_code=item["country"],
            kind=item.get("kind", "municipality"),
            defaults={
                "parent": country,
                "latitude": item.get("lat"),
                "longitude": item.get("lon"),
            },
        )
        found[item["key"]] = territory
    return found


def _organisations(territories: dict[str, Territory]) -> dict[str, Organisation]:
    countries = {t.iso_code: t for t in Territory.objects.filter(kind="country")}
    found = {}
    for item in demo_content.ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=slugify(item["key"]),
            defaults={
                "name": item["name"],
                "kind": item["kind"],
                "territory": territories.get(item.get("territory") or "")
                or countries.get(item.get("country", "")),
                "website": item.get("website", ""),
                "email": item.get("email", ""),
                "phone": item.get("phone", ""),
                # The demo's descriptions are written in English.
                "original_language_id": "en",
            },
        )
        if created:
            save_original(organisation, {"description": item.get("description", "")})
        if created and item.get("languages"):
            organisation.languages.set(
                Language.objects.filter(code__in=item["languages"])
            )
        found[item["key"]] = organisation
    return found


def _practice_data(item: dict, territories, organisations) -> services.PracticeData:
    return services.PracticeData(
        language=item["language"],
        title=item["title"],
        summary=item["summary"],
        description=item.get("description", ""),
        country=item["country"],
        territory_ids=[territories[k].id for k in item.get("territories", [])],
        start_year=item.get("start_year"),
        end_year=item.get("end_year"),
        themes=item.get("themes", []),
        target_groups=item.get("target_groups", []),
        organisations=[(organisations[k].id, r) for k, r in item["organisations"]],
        aims=item.get("aims", []),
        phases=item.get("phases", []),
        activities=item.get("activities", ""),
        beneficiaries_count=item.get("beneficiaries_count"),
        beneficiaries=item.get("beneficiaries", ""),
        results=item.get("results", ""),
        success_conditions=item.get("success_conditions", ""),
        difficulties=item.get("difficulties", ""),
        transferability=item.get("transferability", ""),
        funding_programme=item.get("funding_programme", ""),
        funding_amount=item.get("funding_amount"),
        funding_currency=item.get("funding_currency") or "EUR",
        links=[(x["url"], x.get("title", "")) for x in item.get("links", [])],
        contact_name=item.get("contact_name", ""),
        contact_email=item.get("contact_email", ""),
        source_document=item.get("source_document", ""),
        source_locator=item.get("source_locator", ""),
    )


def _user(username: str, email: str, **extra) -> tuple[User, str]:
    """Create the account, or give it a fresh password; return both."""
    password = secrets.token_urlsafe(9)
    user = User.objects.filter(username=username).first()
    if user is None:
        user = core_services.user_create(
            username=username, email=email, password=password, **extra
        )
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, password


@transaction.atomic
def demo_load(*, content: bool = True) -> dict:
    """Load the demo; return the accounts and what was created.

    ``content=False`` makes the accounts only: `load_demo` then takes the
    practices from the seed documents through the ingestion pipeline.
    """
    territories = _territories()
    organisations = _organisations(territories)
    created = 0
    practices: dict[str, Practice] = {}
    for item in demo_content.PRACTICES if content else []:
        key = DEMO_PREFIX + item["key"]
        practice = Practice.objects.filter(source_key=key).first()
        if practice is None:
            practice = services.practice_create(
                user=None,
                data=_practice_data(item, territories, organisations),
                source_key=key,
                by_system=True,
            )
            practice = services.practice_transition(
                user=None, practice=practice, action="published", by_system=True
            )
            created += 1
        practices[item["key"]] = practice

    admin, admin_password = _user(
        "admin", "admin@convivio.example", is_staff=True, is_superuser=True
    )
    moderator, moderator_password = _user("moderator", "moderator@convivio.example")
    core_services.moderator_grant(actor=admin, user=moderator)
    _member, member_password = _user("member", "member@convivio.example")

    spec = demo_content.COLLECTION
    if (
        content
        and not Collection.objects.filter(source_key=DEMO_PREFIX + spec["key"]).exists()
    ):
        services.collection_create(
            user=moderator,
            title=spec["title"],
            language=spec["language"],
            introduction=spec.get("introduction", ""),
            recommendations=spec.get("recommendations", []),
            practices=[practices[k] for k in spec["practices"]],
            source_key=DEMO_PREFIX + spec["key"],
        )
    evaluation = demo_content.EVALUATION
    target = practices.get(evaluation["practice"])
    if (
        target is not None
        and not target.evaluations.filter(reviewer=moderator).exists()
    ):
        services.practice_evaluate(
            user=moderator,
            practice=target,
            scores=evaluation["scores"],
            comment=evaluation.get("comment", ""),
        )
    return {
        "created": created,
        "practices": len(practices),
        "accounts": [
            ("admin", admin_password, "platform administrator"),
            ("moderator", moderator_password, "moderator"),
            ("member", member_password, "member"),
        ],
    }
