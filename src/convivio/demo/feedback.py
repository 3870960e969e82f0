"""Feedback from the people who use a few services of Vale Novo.

Written by us; the ratings are drawn with ``random.Random(SEED)`` so every
installation shows the same results, spread over the last six months in the
languages each service offers.  Idempotent: a service that already has a
feedback channel is skipped.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from convivio.core.models import Territory
from convivio.demo.directory import PREFIX
from convivio.demo.plans import _administrator
from convivio.directory.models import Service
from convivio.feedback import services
from convivio.feedback.models import Channel
from convivio.surveys.models import Response

SEED = 1313
MONTHS = 6

#: service key: (answers, how ratings lean (weights of 1…5), comments by language)
SERVICES: dict[str, tuple[int, tuple[int, ...], dict[str, list[str]]]] = {
    "reception-desk": (
        42,
        (1, 2, 4, 8, 7),
        {
            "pt": [
                "Atenderam-me depressa e explicaram tudo com calma.",
                "Esperei quase duas horas ao sábado.",
                "Faltam cadeiras na sala de espera.",
            ],
            "en": [
                "The staff spoke English and helped me book the health centre.",
                "Please put the opening hours on the door.",
            ],
            "ar": ["شكرًا على المساعدة في ملء الاستمارة."],
            "uk": ["Дуже привітні люди, все пояснили."],
        },
    ),
    "health-arabic": (
        24,
        (2, 3, 5, 6, 4),
        {
            "ar": [
                "الوسيطة لطيفة جدًا، لكن الانتظار طويل.",
                "فهمت أخيرًا ما قاله الطبيب.",
            ],
            "pt": ["Bom serviço, mas só há mediação duas tardes."],
            "fr": ["Il faudrait plus de rendez-vous le samedi."],
        },
    ),
    "language-evening": (
        13,
        (0, 1, 2, 5, 6),
        {
            "pt": ["As aulas são boas e a professora é paciente."],
            "en": ["Evening classes fit my work shifts, thank you."],
        },
    ),
    # Too few answers: the place's page does not list it.
    "social-food": (
        3,
        (1, 1, 1, 1, 1),
        {"pt": ["Gostava que abrisse mais cedo."]},
    ),
}

REPLY = (
    "reception-desk",
    "Obrigado a todas as pessoas que responderam. A partir deste mês abrimos "
    "também à quarta-feira à tarde, para que a espera ao sábado seja mais curta, "
    "e pusemos o horário na porta em seis línguas.",
)


def _month_day(rng: random.Random, today: dt.date, months_back: int) -> dt.date:
    first = today.replace(day=1)
    for _ in range(months_back):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    last_day = today.day if months_back == 0 else 28
    return first.replace(day=rng.randint(1, max(1, last_day)))


@transaction.atomic
def feedback_demo_load(town: Territory) -> int:
    """Channels on a few services of ``town`` with answers over six months;
    return how many answers were added."""
    admin = _administrator()
    rng = random.Random(SEED)  # noqa: S311 - synthetic answers, not secrets
    today = timezone.localdate()
    added = 0
    for key, (count, weights, comments) in SERVICES.items():
        service = (
            Service.objects.filter(source_key=PREFIX + key)
            .prefetch_related("translations", "languages")
            .first()
        )
        if service is None or Channel.objects.filter(service=service).exists():
            continue
        channel = services.channel_open(user=admin, target=service)
        offered = services.offered_languages(service)
        said = [
            (language, text)
            for language, texts in comments.items()
            if language in offered
            for text in texts
        ]
        for index in range(count):
            comment = ("", "")
            if said and index % max(1, count // len(said)) == 0:
                comment = said.pop(0)
            language = comment[0] or rng.choice(offered)
            rating = rng.choices(range(1, 6), weights=weights)[0]
            response = services.feedback_submit(
                channel=channel,
                answers={"rating": str(rating), "comment": comment[1]},
                language=language,
            )
            day = _month_day(rng, today, index % MONTHS)
            Response.objects.filter(pk=response.pk).update(submitted_on=day)
            added += 1
        if key == REPLY[0]:
            services.reply_add(
                user=admin,
                channel=channel,
                text=REPLY[1],
                month=today.replace(day=1),
                language="pt",
            )
    return added
