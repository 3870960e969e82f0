"""The demo's two networks of Vale Novo, their members and the issues they rank.

Written by us: the "Fórum Local para a Integração de Vale Novo" (a local forum,
public, joined by request) and a working group on the situation of migrant
women (members only, by invitation), each with a balanced membership that
declared its constituency, gender and languages.  Purposes are written in
Portuguese with an English translation.

Loading twice makes nothing new: networks are found by their Portuguese name in
the town, people by username (they get a fresh password), memberships and votes
are set to what is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django.db import transaction

from convivio.community import services
from convivio.community.models import Constituency, Network, NetworkTranslation
from convivio.core.models import Language, Organisation, Territory, Theme, User
from convivio.core.translation import save_translation
from convivio.demo.practices import _user

FORUM_NAME = "Fórum Local para a Integração de Vale Novo"
FORUM_PURPOSE = (
    "Um espaço regular de encontro entre pessoas migrantes, associações, "
    "serviços públicos, profissionais de saúde e eleitos locais de Vale Novo. "
    "Reunimo-nos de dois em dois meses para ouvir quem chega, acompanhar o "
    "plano municipal para a integração e propor melhorias concretas aos "
    "serviços. As reuniões têm interpretação para árabe e ucraniano e espaço "
    "para as crianças."
)
FORUM_NAME_EN = "Local Forum for Integration of Vale Novo"
FORUM_PURPOSE_EN = (
    "A regular meeting place for migrants, associations, public services, "
    "health professionals and local elected representatives of Vale Novo. We "
    "meet every two months to listen to newcomers, follow the municipal plan "
    "for integration and propose concrete improvements to services. Meetings "
    "have interpretation into Arabic and Ukrainian and a space for children."
)
WOMEN_NAME = "Grupo de Trabalho sobre a Situação das Mulheres Migrantes"
WOMEN_PURPOSE = (
    "Um grupo pequeno de mulheres migrantes, associações e profissionais que "
    "trabalham com elas. Partilhamos o que corre bem e o que falha no acesso "
    "à saúde, ao emprego e à proteção contra a violência, e levamos "
    "recomendações ao Fórum Local. O que se diz no grupo fica no grupo."
)
WOMEN_NAME_EN = "Working Group on the Situation of Migrant Women"
WOMEN_PURPOSE_EN = (
    "A small group of migrant women, associations and professionals who work "
    "with them. We share what works and what fails in access to health care, "
    "work and protection from violence, and bring recommendations to the Local "
    "Forum. What is said in the group stays in the group."
)

#: key: username, first name, last name, constituency, gender, languages, role
#: in the forum (None: not in it), role in the working group (None: not in it).
PEOPLE: list[tuple[str, str, str, str, str, str, list[str], str | None, str | None]] = [
    # key, username, first, last, constituency, gender, languages, forum, women
    (
        "coordinator",
        "ana.ferreira",
        "Ana",
        "Ferreira",
        "public_service",
        "woman",
        ["pt", "en"],
        "coordinator",
        None,
    ),
    (
        "women_coordinator",
        "amira.haddad",
        "Amira",
        "Haddad",
        "migrant_association",
        "woman",
        ["ar", "pt", "fr"],
        "member",
        "coordinator",
    ),
    (
        "member",
        "olena.kovalenko",
        "Olena",
        "Kovalenko",
        "migrant",
        "woman",
        ["uk", "ru", "pt"],
        "member",
        "member",
    ),
    (
        "observer",
        "rui.santos",
        "Rui",
        "Santos",
        "researcher",
        "man",
        ["pt", "en"],
        "observer",
        None,
    ),
    (
        "migrant_fa",
        "farid.ahmadi",
        "Farid",
        "Ahmadi",
        "migrant",
        "man",
        ["fa", "en"],
        "member",
        None,
    ),
    (
        "migrant_fr",
        "aissatou.diallo",
        "Aïssatou",
        "Diallo",
        "migrant",
        "woman",
        ["fr", "wo", "pt"],
        "member",
        "member",
    ),
    (
        "ngo",
        "joao.pereira",
        "João",
        "Pereira",
        "ngo",
        "man",
        ["pt", "es"],
        "member",
        None,
    ),
    (
        "ngo_women",
        "ines.carvalho",
        "Inês",
        "Carvalho",
        "ngo",
        "woman",
        ["pt", "en"],
        None,
        "member",
    ),
    (
        "health",
        "marta.sousa",
        "Marta",
        "Sousa",
        "health",
        "woman",
        ["pt", "en", "fr"],
        "member",
        "member",
    ),
    (
        "elected",
        "carlos.mendes",
        "Carlos",
        "Mendes",
        "elected",
        "man",
        ["pt"],
        "member",
        None,
    ),
    (
        "association",
        "tariq.rahman",
        "Tariq",
        "Rahman",
        "migrant_association",
        "man",
        ["bn", "en", "pt"],
        "member",
        None,
    ),
    (
        "service",
        "sofia.almeida",
        "Sofia",
        "Almeida",
        "public_service",
        "woman",
        ["pt", "en"],
        "member",
        "observer",
    ),
    (
        "migrant_ar",
        "layla.nasser",
        "Layla",
        "Nasser",
        "migrant",
        "woman",
        ["ar", "en"],
        "member",
        "member",
    ),
    (
        "migrant_fa_w",
        "shirin.karimi",
        "Shirin",
        "Karimi",
        "migrant",
        "woman",
        ["fa"],
        None,
        "member",
    ),
]

#: The balance each network aims for (percent of members by constituency).
FORUM_BALANCE = {
    "migrant": 30,
    "migrant_association": 15,
    "ngo": 15,
    "public_service": 15,
    "health": 10,
    "elected": 10,
}
WOMEN_BALANCE = {"migrant": 50, "migrant_association": 20, "ngo": 15, "health": 15}

#: Each voter's three most relevant issues of Vale Novo (theme slugs, first the
#: most relevant), in the forum and in the working group.
FORUM_VOTES = {
    "coordinator": ["housing", "language", "employment"],
    "women_coordinator": ["housing", "health", "language"],
    "member": ["language", "housing", "employment"],
    "migrant_fa": ["legal-aid", "housing", "language"],
    "migrant_fr": ["housing", "employment", "health"],
    "ngo": ["housing", "legal-aid", "language"],
    "health": ["health", "language", "housing"],
    "elected": ["employment", "housing", "education"],
    "migrant_ar": ["language", "housing", "legal-aid"],
}
WOMEN_VOTES = {
    "women_coordinator": ["gender-based-violence", "health", "employment"],
    "member": ["employment", "language", "family"],
    "migrant_fr": ["health", "gender-based-violence", "family"],
    "ngo_women": ["gender-based-violence", "employment", "legal-aid"],
    "health": ["health", "gender-based-violence", "family"],
    "migrant_ar": ["language", "family", "health"],
}


@dataclass
class CommunityDemo:
    forum: Network
    women: Network
    people: dict[str, User] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)


def _network(
    creator: User,
    town: Territory,
    *,
    name: str,
    purpose: str,
    name_en: str,
    purpose_en: str,
    **details: Any,
) -> Network:
    found = NetworkTranslation.objects.filter(
        name=name, language_id="pt", network__territory=town
    ).first()
    themes = list(Theme.objects.filter(slug__in=details.pop("themes")))
    languages = list(Language.objects.filter(code__in=details.pop("languages")))
    if found is not None:
        network = found.network
    else:
        network = services.network_create(
            creator,
            name=name,
            purpose=purpose,
            language="pt",
            territory=town,
            themes=themes,
            languages=languages,
            **details,
        )
    save_translation(network, "en", {"name": name_en, "purpose": purpose_en})
    return network


def _members(network: Network, people: dict[str, User], column: int) -> None:
    languages = {language.code: language for language in Language.objects.all()}
    for item in PEOPLE:
        key, role = item[0], cast(str | None, item[column])
        if role is None:
            continue
        services.member_add(network, people[key], role)
        services.member_declare(
            people[key],
            network,
            constituency=item[4],
            gender=item[5],
            languages=[languages[c] for c in item[6] if c in languages],
        )


def _votes(network: Network, people: dict[str, User], votes: dict) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for key, slugs in votes.items():
        chosen = [themes[slug] for slug in slugs if slug in themes]
        services.issues_vote(people[key], network, chosen)


@transaction.atomic
def community_demo_load(town: Territory) -> CommunityDemo:
    """Make (or bring back to what is written here) the two networks of
    ``town``; return them, their people by key and the accounts."""
    people: dict[str, User] = {}
    accounts: list[tuple[str, str, str]] = []
    for (
        key,
        username,
        first,
        last,
        constituency,
        _gender,
        _langs,
        forum_role,
        women_role,
    ) in PEOPLE:
        user, password = _user(
            username,
            f"{username}@convivio.example",
            first_name=first,
            last_name=last,
        )
        people[key] = user
        roles = [f"{role} of the local forum" for role in [forum_role] if role] + [
            f"{role} of the migrant women's working group"
            for role in [women_role]
            if role
        ]
        label = str(Constituency(constituency).label) if constituency else ""
        accounts.append((username, password, f"{label}: " + ", ".join(roles)))
    municipality = Organisation.objects.filter(slug="vn-municipality").first()
    forum = _network(
        people["coordinator"],
        town,
        name=FORUM_NAME,
        purpose=FORUM_PURPOSE,
        name_en=FORUM_NAME_EN,
        purpose_en=FORUM_PURPOSE_EN,
        kind=Network.Kind.LOCAL_FORUM,
        visibility=Network.Visibility.PUBLIC,
        joining=Network.Joining.REQUEST,
        themes=["reception", "housing", "language", "employment", "health"],
        languages=["pt", "ar", "uk", "en"],
        balance_target=FORUM_BALANCE,
    )
    women = _network(
        people["women_coordinator"],
        town,
        name=WOMEN_NAME,
        purpose=WOMEN_PURPOSE,
        name_en=WOMEN_NAME_EN,
        purpose_en=WOMEN_PURPOSE_EN,
        kind=Network.Kind.WORKING_GROUP,
        visibility=Network.Visibility.MEMBERS,
        joining=Network.Joining.INVITATION,
        themes=["gender-equality", "gender-based-violence", "health", "employment"],
        languages=["pt", "ar", "fa", "fr", "en"],
        balance_target=WOMEN_BALANCE,
    )
    if municipality is not None and forum.organisation_id is None:
        forum.organisation = municipality
        forum.save(update_fields=["organisation"])
    _members(forum, people, 7)
    _members(women, people, 8)
    _votes(forum, people, FORUM_VOTES)
    _votes(women, people, WOMEN_VOTES)
    return CommunityDemo(forum=forum, women=women, people=people, accounts=accounts)
