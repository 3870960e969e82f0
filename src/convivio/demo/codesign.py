"""A co-design process of the demo's working group on migrant women, in its
develop phase: needs and experiences gathered (with a link to one of the
group's threads when there is one), a challenge chosen by an approval vote,
ideas with votes and comments, and a meeting per phase with the supports that
let the women come.

Written by us, in Portuguese with some English.  Idempotent: the process
carries ``source_key`` "demo:codesign:mulheres-cuidados" and is made once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from convivio.codesign import services
from convivio.codesign.models import Phase, Process
from convivio.core.models import Language
from convivio.discussions.models import Thread

SOURCE_KEY = "demo:codesign:mulheres-cuidados"
TITLE = "Cuidar de quem cuida: mulheres migrantes e acesso à saúde"
DESCRIPTION = (
    "As mulheres do grupo contam que faltam às consultas porque não têm com "
    "quem deixar os filhos, porque os horários coincidem com os turnos de "
    "trabalho e porque as cartas do hospital chegam só em português. Este "
    "processo junta-as aos serviços de saúde e às associações para desenhar, "
    "com elas, uma resposta que possa ser experimentada em Vale Novo.\n\n"
    "Seguimos o duplo diamante: **descobrir** o que se vive, **definir** o "
    "desafio, **desenvolver** ideias e **entregar** um protótipo."
)

#: who (a key of community.people), language, text
INSIGHTS = [
    (
        "member",
        "pt",
        "Marquei três vezes a consulta de ginecologia e faltei às três: "
        "não tinha ninguém para ficar com o meu filho mais novo.",
    ),
    (
        "migrant_ar",
        "en",
        "The letter with my appointment was only in Portuguese. I understood "
        "the date but not that I had to come without eating.",
    ),
    (
        "health",
        "pt",
        "No centro de saúde vemos as faltas, mas não sabemos porquê. Muitas "
        "destas mulheres trabalham em limpezas ao início da manhã.",
    ),
    (
        "migrant_fr",
        "pt",
        "Quando a mediadora está, tudo corre bem. Mas ela só vem às "
        "terças-feiras de manhã.",
    ),
    (
        "ngo_women",
        "pt",
        "Na associação acompanhamos mulheres às consultas quando podemos; "
        "somos duas voluntárias para mais de quarenta famílias.",
    ),
]

CANDIDATES = [
    "Como podemos fazer com que as mães migrantes não faltem às consultas "
    "por não terem com quem deixar os filhos?",
    "Como podemos tornar as cartas e mensagens do serviço de saúde "
    "compreensíveis para quem não lê português?",
    "How might we offer appointments at hours that fit early-morning shifts?",
]
#: votes by candidate (index) for each voter key: approval voting.
VOTES = {
    "women_coordinator": [0, 1],
    "member": [0],
    "migrant_fr": [0, 2],
    "migrant_ar": [1],
    "health": [0, 1],
    "ngo_women": [0],
    "migrant_fa_w": [0, 2],
}

#: who, language, title, text
IDEAS = [
    (
        "member",
        "pt",
        "Espaço de crianças no centro de saúde",
        "Uma sala com duas educadoras às quartas e sextas à tarde, para que "
        "as mães possam entrar na consulta sem os filhos.",
    ),
    (
        "ngo_women",
        "pt",
        "Rede de mães que se revezam",
        "Mães do bairro que já se conhecem ficam com os filhos umas das "
        "outras nos dias de consulta, com um pequeno apoio da junta.",
    ),
    (
        "migrant_ar",
        "en",
        "Evening appointments once a week",
        "One evening a week, from 18:00 to 21:00, with the mediator present, "
        "for women who work in the early morning.",
    ),
]
#: votes by idea (index) for each voter key (three votes each at most)
IDEA_VOTES = {
    "women_coordinator": [0, 2],
    "member": [0, 1],
    "migrant_fr": [0, 2],
    "migrant_ar": [2, 0],
    "health": [0],
    "ngo_women": [1, 0],
}
#: idea (index), who, language, text
COMMENTS = [
    (
        0,
        "health",
        "pt",
        "A sala de reuniões do piso 0 fica livre às quartas à tarde. Podemos "
        "falar com a direção.",
    ),
    (
        0,
        "migrant_fr",
        "pt",
        "As educadoras deviam falar pelo menos francês ou árabe: os filhos "
        "pequenos ainda não falam português.",
    ),
    (
        2,
        "member",
        "en",
        "Evening hours would help me too, but the buses stop at 20:30.",
    ),
]

#: phase, days from today, place, interpretation, childcare, schedule notes
MEETINGS = [
    (
        "discover",
        -40,
        "Associação de Mulheres de Vale Novo, Rua do Rossio 12",
        ["ar", "fr", "uk"],
        True,
        "Sábado de manhã, das 10h às 12h30",
    ),
    (
        "define",
        -20,
        "Junta de Freguesia de São Romão, sala 2",
        ["ar", "fa"],
        True,
        "Ao fim da tarde, depois do trabalho: das 18h30 às 20h",
    ),
    (
        "develop",
        5,
        "Centro de Saúde de Vale Novo, sala de reuniões do piso 0",
        ["ar", "fr", "uk"],
        True,
        "Quarta-feira das 18h às 20h; lanche para as crianças",
    ),
]


def _person(people: dict[str, Any], key: str, fallback: str = "member") -> Any:
    return people.get(key) or people[fallback]


def _meeting_time(days: int, hour: int = 18) -> dt.datetime:
    day = timezone.localtime() + dt.timedelta(days=days)
    return day.replace(hour=hour, minute=30, second=0, microsecond=0)


@transaction.atomic
@override_settings(CONVIVIO_RATE_MEMBER="")
def codesign_demo_load(community: Any) -> int:
    """Make the demo's co-design process; return how many were made now."""
    if Process.objects.filter(source_key=SOURCE_KEY).exists():
        return 0
    people = community.people
    women = community.women
    facilitator = people["women_coordinator"]
    process = services.process_create(
        facilitator,
        network=women,
        title=TITLE,
        challenge="",
        description=DESCRIPTION,
        language="pt",
        idea_votes=3,
        source_key=SOURCE_KEY,
    )
    # Discover.
    for key, language, text in INSIGHTS:
        services.insight_add(
            _person(people, key), process, text=text, language=language
        )
    thread = (
        Thread.objects.filter(network=women, state=Thread.State.VISIBLE)
        .order_by("pk")
        .first()
    )
    if thread is not None:
        services.evidence_add(
            facilitator,
            process,
            kind="thread",
            object_id=thread.pk,
            note="O que as mulheres do grupo já contaram no fórum.",
        )
    services.phase_next(facilitator, process)
    # Define: an approval vote; the first candidate has six votes of seven.
    process = Process.objects.get(pk=process.pk)
    candidates = [
        services.candidate_add(
            _person(people, "women_coordinator" if i == 0 else "member"),
            process,
            text=text,
            language="en" if text.startswith("How") else "pt",
        )
        for i, text in enumerate(CANDIDATES)
    ]
    voted: set[int] = set()
    for key, picks in VOTES.items():
        person = _person(people, key)
        if person.pk in voted:
            continue
        voted.add(person.pk)
        for index in picks:
            services.candidate_vote(person, candidates[index])
    services.vote_close(facilitator, process)
    services.phase_next(facilitator, Process.objects.get(pk=process.pk))
    # Develop: ideas, votes, comments.
    process = Process.objects.get(pk=process.pk)
    ideas = [
        services.idea_add(
            _person(people, key), process, title=title, text=text, language=language
        )
        for key, language, title, text in IDEAS
    ]
    voted.clear()
    for key, picks in IDEA_VOTES.items():
        person = _person(people, key)
        if person.pk in voted:
            continue
        voted.add(person.pk)
        for index in picks:
            services.idea_vote(person, ideas[index])
    for index, key, language, text in COMMENTS:
        services.comment_add(
            _person(people, key), ideas[index], text=text, language=language
        )
    for phase, days, place, languages, childcare, notes in MEETINGS:
        services.meeting_add(
            facilitator,
            process,
            phase=phase,
            starts_at=_meeting_time(days),
            place=place,
            interpretation=Language.objects.filter(code__in=languages),
            childcare=childcare,
            schedule_notes=notes,
        )
    # The story's dates: six weeks of discovery and definition behind it,
    # the develop phase until the end of the month, delivery planned after.
    today = timezone.localdate()
    plan = {
        "discover": (today - dt.timedelta(days=45), today - dt.timedelta(days=25)),
        "define": (today - dt.timedelta(days=24), today - dt.timedelta(days=8)),
        "develop": (today - dt.timedelta(days=7), today + dt.timedelta(days=21)),
        "deliver": (today + dt.timedelta(days=22), today + dt.timedelta(days=90)),
    }
    for kind, (start, end) in plan.items():
        Phase.objects.filter(process=process, kind=kind).update(
            starts_on=start, ends_on=end
        )
    return 1
