"""The practices demo's places, organisations and accounts (content/organisations.py).

The practices themselves come from the seed documents through the ingestion
pipeline (`load_demo`).  Loading twice changes nothing: places and organisations
are looked up by their keys, accounts get a fresh password.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.text import slugify

from convivio.core import services as core_services
from convivio.core.models import Language, Organisation, Territory, User
from convivio.core.translation import save_original
from convivio.demo.content import organisations as demo_content

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
def demo_load() -> dict:
    """Make the demo's places, organisations and accounts; return the accounts
    (username, password, role) and the places and organisations by key."""
    territories = _territories()
    organisations = _organisations(territories)
    admin, admin_password = _user(
        "admin", "admin@convivio.example", is_staff=True, is_superuser=True
    )
    moderator, moderator_password = _user("moderator", "moderator@convivio.example")
    core_services.moderator_grant(actor=admin, user=moderator)
    _member, member_password = _user("member", "member@convivio.example")
    return {
        "territories": territories,
        "organisations": organisations,
        "accounts": [
            ("admin", admin_password, "platform administrator"),
            ("moderator", moderator_password, "moderator"),
            ("member", member_password, "member"),
        ],
    }
