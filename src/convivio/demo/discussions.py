"""Discussions of the demo's two networks of Vale Novo: threads in Portuguese
(one in Ukrainian), replies two and three levels deep, a mention, reactions, a
pinned thread and a news post by the forum's coordinator.

Written by us. Idempotent: a thread whose title is already in its network is
left as it is.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.test import override_settings

from convivio.discussions import services
from convivio.discussions.models import Post, Reaction, Thread


def _thread(network, author, title: str, body: str, *, language: str = "pt", **kw):
    found = Thread.objects.filter(network=network, title=title).first()
    if found is not None:
        return found, False
    return (
        services.thread_start(
            author, title=title, body=body, language=language, network=network, **kw
        ),
        True,
    )


def _opening(thread: Thread) -> Post:
    return Post.objects.filter(thread=thread, parent=None).order_by("id")[0]


def _react(post: Post, people: list[Any], kind: str) -> None:
    for person in people:
        Reaction.objects.get_or_create(post=post, user=person, kind=kind)


@transaction.atomic
@override_settings(CONVIVIO_RATE_POST="0")
def _reply(author: Any, thread: Any, text: str, **options: Any) -> Any:
    """A reply of the demo: its text is content (in ``language``), not the
    interface's, so it is not passed through the catalogues."""
    return services.post_reply(author, thread, body=text, **options)


def discussions_demo_load(community: Any) -> int:
    """Make the demo's threads; return how many were made now."""
    forum, women = community.forum, community.women
    people = community.people
    coordinator = people["coordinator"]
    women_coordinator = people["women_coordinator"]
    member = people["member"]
    made = 0

    news, new = _thread(
        forum,
        coordinator,
        "Próxima reunião do fórum: habitação em foco",
        "A próxima reunião plenária do Fórum Local de Vale Novo é na biblioteca "
        "municipal, no dia 14, às 18h30.\n\n"
        "**Ordem de trabalhos**\n\n"
        "1. Resultados do inquérito de necessidades sobre habitação\n"
        "2. Proposta de um balcão único de apoio ao arrendamento\n"
        "3. Tradução e interpretação nas reuniões\n\n"
        "Haverá interpretação para árabe e ucraniano e espaço para crianças.",
        kind=Thread.Kind.NEWS,
    )
    if new:
        made += 1
        services.thread_set_pinned(coordinator, news, True)
        _react(_opening(news), [member, women_coordinator], "thanks")

    housing, new = _thread(
        forum,
        member,
        "Como encontrar casa sem fiador?",
        "Muitas famílias que chegaram este ano não conseguem arrendar casa porque "
        "os senhorios pedem fiador e seis meses de caução. Alguém conhece "
        "soluções que funcionaram noutros concelhos?",
    )
    if new:
        made += 1
        first = _opening(housing)
        answer = _reply(
            coordinator,
            housing,
            "Em Ribeira Alta a câmara garante as rendas durante o primeiro "
            "ano, através de um fundo municipal. Podemos propor o mesmo aqui. "
            f"@{women_coordinator.username}, o grupo de trabalho das mulheres "
            "tem dados sobre isto?",
            language="pt",
            parent=first,
        )
        second = _reply(
            women_coordinator,
            housing,
            "Temos: das 40 mulheres que acompanhámos, metade vive em casa "
            "partilhada por falta de fiador. Trago os números à reunião.",
            language="pt",
            parent=answer,
        )
        _reply(
            member,
            housing,
            "Obrigado! Assim a proposta do fundo fica mais forte.",
            language="pt",
            parent=second,
            quoted=second,
        )
        _react(first, [coordinator, women_coordinator], "agree")
        _react(answer, [member], "idea")

    ukrainian, new = _thread(
        forum,
        member,
        "Курси португальської мови ввечері",
        "Чи є в Вале-Нову вечірні курси португальської мови для тих, хто працює "
        "вдень? Буду вдячна за інформацію.",
        language="uk",
    )
    if new:
        made += 1
        _reply(
            coordinator,
            ukrainian,
            "Sim: a escola secundária tem aulas às terças e quintas, das 19h "
            "às 21h, gratuitas. As inscrições fazem-se na secretaria.",
            language="pt",
            parent=_opening(ukrainian),
        )

    health, new = _thread(
        women,
        women_coordinator,
        "Consultas de saúde materna com intérprete",
        "O centro de saúde aceitou marcar as consultas de saúde materna às "
        "quartas-feiras de manhã, com uma intérprete de árabe presente. "
        "Digam-nos se o horário serve.",
    )
    if new:
        made += 1
        first = _opening(health)
        answer = _reply(
            member,
            health,
            "Serve, mas seria bom haver também uma tarde para quem trabalha de manhã.",
            language="pt",
            parent=first,
        )
        _reply(
            women_coordinator,
            health,
            "Boa ideia, vou propor a quinta-feira à tarde.",
            language="pt",
            parent=answer,
        )
        _react(first, [member], "love")

    blog, new = _thread(
        women,
        women_coordinator,
        "O que aprendemos no primeiro ano do grupo",
        "Há um ano, éramos seis mulheres à volta de uma mesa na associação. "
        "Hoje somos vinte e três, de nove países.\n\n"
        "Aprendemos que as reuniões só funcionam com creche e com interpretação, "
        "e que as propostas ganham força quando trazemos números. Este ano "
        "queremos levar ao plano municipal três medidas: horários de saúde "
        "alargados, cursos de língua com creche e um apoio ao arrendamento.",
        kind=Thread.Kind.BLOG,
    )
    if new:
        made += 1
        _react(_opening(blog), [member], "thanks")
    return made
