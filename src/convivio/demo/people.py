"""The demo's public pages: a few people of Vale Novo's networks say who they
are and what they know about (written by us, mostly in Portuguese).

Call after ``community_demo_load`` with its people by key; loading twice makes
nothing new (each profile is set to what is written here).
"""

from __future__ import annotations

from django.db import transaction

from convivio.community.models import PublicProfile
from convivio.core.models import Profile, Theme, User

#: key of the community demo's people: (public page, bio, themes of expertise,
#: interface language).
PAGES: dict[str, tuple[bool, str, list[str], str]] = {
    "coordinator": (
        True,
        "Técnica do serviço municipal de acolhimento de Vale Novo. Coordeno o "
        "Fórum Local e faço a ponte entre as associações e a câmara.",
        ["reception", "housing"],
        "pt",
    ),
    "women_coordinator": (
        True,
        "Presidente de uma associação de mulheres migrantes. Falo árabe, "
        "português e inglês; acompanho mulheres aos serviços de saúde.",
        ["health", "gender-equality"],
        "ar",
    ),
    "member": (
        False,
        "Cheguei de Kharkiv em 2022. Dou aulas de português a outras mães "
        "ucranianas ao sábado.",
        ["language"],
        "uk",
    ),
    "health": (
        True,
        "Enfermeira no centro de saúde. Interesso-me pela mediação "
        "intercultural nas consultas.",
        ["health"],
        "pt",
    ),
    "observer": (
        True,
        "Researcher on local integration policies; I follow the forum for a "
        "study on participation.",
        ["employment"],
        "en",
    ),
}


@transaction.atomic
def people_demo_load(people: dict[str, User]) -> None:
    """Set the public pages, bios and languages of the people named in
    ``PAGES`` (the others keep the default: a page for members only)."""
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for key, (public, bio, expertise, language) in PAGES.items():
        user = people.get(key)
        if user is None:
            continue
        Profile.objects.update_or_create(
            user=user, defaults={"bio": bio, "interface_language": language}
        )
        profile, _created = PublicProfile.objects.update_or_create(
            user=user, defaults={"public": public}
        )
        profile.expertise.set([themes[slug] for slug in expertise if slug in themes])
