"""Events of the demo's forum of Vale Novo: a transnational workshop held last
month, with its minutes, outcomes and the draft booklet made from them, and an
information session coming soon with a full house and a waiting list.

Written by us. Idempotent: an event whose title is already in the forum is left
as it is.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from convivio.core.translation import save_translation
from convivio.events import services
from convivio.events.models import Event, EventTranslation
from convivio.plans.models import Recommendation
from convivio.practices.models import Practice

LISBON = ZoneInfo("Europe/Lisbon")

PAST_TITLE = "Oficina transnacional: o que correu bem e mal no acesso à saúde"
PAST_TITLE_EN = "Transnational workshop: what went well and badly in access to health"
PAST_DESCRIPTION = (
    "Uma tarde de trabalho com equipas de Vale Novo e de duas cidades parceiras "
    "sobre a forma como as pessoas recém-chegadas chegam (ou não chegam) aos "
    "cuidados de saúde. Cada grupo traz um caso que correu bem e um que correu mal."
)
PAST_AGENDA = (
    "1. Boas-vindas e apresentação dos grupos\n"
    "2. Casos em pequenos grupos (interpretação para árabe e ucraniano)\n"
    "3. Plenário: o que repetir, o que evitar\n"
    "4. Recomendações por destinatário"
)
PAST_MINUTES = (
    "Estiveram presentes 14 pessoas de três cidades. Os grupos trabalharam em "
    "português, árabe e ucraniano, com interpretação.\n\n"
    "- O grupo do centro de saúde contou como a mediadora intercultural reduziu "
    "as faltas às consultas de pediatria.\n"
    "- A associação de mulheres descreveu um caso em que uma carta do hospital, "
    "só em português, fez perder uma cirurgia marcada.\n"
    "- A equipa de Ribeira Alta mostrou o seu guia de primeiros passos em seis "
    "línguas."
)
PAST_OUTCOMES = (
    "**O que correu bem**\n\n"
    "- Mediadoras interculturais presentes nos dias de maior afluência.\n"
    "- Marcação de consultas por telefone com interpretação à distância.\n\n"
    "**O que correu mal**\n\n"
    "- Cartas e mensagens só em português, sem resumo noutra língua.\n"
    "- Horários de atendimento incompatíveis com turnos de trabalho.\n\n"
    "**Compromissos**\n\n"
    "O fórum vai propor à câmara municipal um resumo multilingue de cada carta "
    "do serviço de saúde e um fim de tarde por semana com atendimento alargado."
)

COMING_TITLE = "Sessão de informação: arrendar casa em Vale Novo"
COMING_TITLE_EN = "Information session: renting a home in Vale Novo"
COMING_DESCRIPTION = (
    "Como funciona um contrato de arrendamento, que apoios existem para a renda "
    "e onde pedir ajuda quando algo corre mal. Com uma jurista da associação de "
    "inquilinos e a equipa de habitação da câmara."
)
COMING_AGENDA = (
    "1. O contrato: o que deve dizer\n"
    "2. Apoios à renda e como pedi-los\n"
    "3. Perguntas, com interpretação"
)

#: Visitors registered for the coming session (name, e-mail, needs).
VISITORS = [
    ("Oksana Melnyk", "oksana.demo@example.org", "Preciso de lugar perto da porta."),
    ("Fátima Rahman", "fatima.demo@example.org", ""),
    ("Joana Duarte", "joana.demo@example.org", ""),
]


def _found(network: Any, title: str) -> Event | None:
    row = EventTranslation.objects.filter(event__network=network, title=title).first()
    return row.event if row is not None else None


def _start(days: int, hour: int, minute: int = 0) -> datetime:
    day = (timezone.now() + timedelta(days=days)).astimezone(LISBON)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _past_workshop(community: Any) -> int:
    forum, people = community.forum, community.people
    coordinator = people["coordinator"]
    if _found(forum, PAST_TITLE) is not None:
        return 0
    # Made as a coming event so that people register through the services,
    # then moved to last month: what the services would have seen then.
    start = _start(7, 14, 30)
    event = services.event_create(
        coordinator,
        title=PAST_TITLE,
        language="pt",
        network=forum,
        description=PAST_DESCRIPTION,
        agenda=PAST_AGENDA,
        kind=Event.Kind.EXCHANGE,
        starts_at=start,
        ends_at=start + timedelta(hours=3, minutes=30),
        format=Event.Format.HYBRID,
        address="Biblioteca Municipal de Vale Novo, Largo do Mercado 2",
        link="https://meet.example.org/vale-novo-saude",
        languages=["pt", "en"],
        interpretation=["ar", "uk"],
        childcare=True,
        accessibility="Entrada sem degraus; casa de banho adaptada no piso 0.",
        capacity=20,
        status=Event.Status.PUBLISHED,
    )
    save_translation(event, "en", {"title": PAST_TITLE_EN})
    registrations = [
        services.register(
            people[role], event, show_in_public_list=True, send_mail=False
        )
        for role in ("member", "women_coordinator", "observer")
    ]
    then = _start(-30, 14, 30)
    Event.objects.filter(pk=event.pk).update(
        starts_at=then, ends_at=then + timedelta(hours=3, minutes=30)
    )
    services.attendance_set(coordinator, event, [r.pk for r in registrations[:2]])
    practices = list(
        Practice.objects.filter(status=Practice.Status.PUBLISHED).order_by("pk")[:2]
    )
    recommendations = list(
        Recommendation.objects.filter(
            audience__in=("local", "service_providers", "civil_society")
        ).order_by("pk")[:4]
    )
    services.event_report(
        coordinator,
        event,
        minutes=PAST_MINUTES,
        outcomes=PAST_OUTCOMES,
        organisations_present=(
            "Centro de Saúde de Vale Novo\nAssociação de Mulheres Migrantes\n"
            "Câmara Municipal de Ribeira Alta"
        ),
        practices=practices,
        recommendations=recommendations,
    )
    services.booklet_make(coordinator, event)
    return 1


def _coming_session(community: Any) -> int:
    forum, people = community.forum, community.people
    if _found(forum, COMING_TITLE) is not None:
        return 0
    start = _start(12, 18, 30)
    event = services.event_create(
        people["coordinator"],
        title=COMING_TITLE,
        language="pt",
        network=forum,
        description=COMING_DESCRIPTION,
        agenda=COMING_AGENDA,
        kind=Event.Kind.INFORMATION,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format=Event.Format.IN_PERSON,
        address="Junta de Freguesia de São Romão, Rua da Escola 3",
        languages=["pt"],
        interpretation=["ar", "uk", "bn"],
        childcare=True,
        accessibility="Sala no rés-do-chão. Avise-nos se precisar de outro apoio.",
        capacity=4,
        status=Event.Status.PUBLISHED,
    )
    save_translation(event, "en", {"title": COMING_TITLE_EN})
    for role in ("member", "women_coordinator", "observer"):
        services.register(people[role], event, send_mail=False)
    for name, email, note in VISITORS:
        services.register(
            None, event, name=name, email=email, needs_note=note, send_mail=False
        )
    return 1


@transaction.atomic
@override_settings(CONVIVIO_RATE_MEMBER="0", CONVIVIO_RATE_REGISTRATIONS="0")
def events_demo_load(community: Any) -> int:
    """Make the demo's events; return how many were made now.  The coming
    session has four places for six people: two wait, in order."""
    return _past_workshop(community) + _coming_session(community)
