"""The demo's chat: a few messages in the Vale Novo forum's room and a direct
conversation between two of its members.

Written by us.  Idempotent: a room that has messages already is left alone.
Messages go through the chat's services (permissions, read marks, the
notification of the direct message), then their times are set back over the
last days so that the room reads like a conversation.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from convivio.chat import services
from convivio.chat.models import Message, Room

from .community import CommunityDemo

#: (person's key, language, text, hours ago)
FORUM: list[tuple[str, str, str, int]] = [
    (
        "coordinator",
        "pt",
        "Bom dia a todos! Lembro que a próxima reunião do fórum é na quinta, "
        "às 18h, na biblioteca municipal. Haverá interpretação em árabe e inglês.",
        50,
    ),
    (
        "member",
        "pt",
        "Obrigada! Posso levar os meus filhos? Não tenho com quem os deixar.",
        49,
    ),
    (
        "coordinator",
        "pt",
        "Sim, claro: a associação de pais organiza um espaço para crianças na "
        "sala ao lado, das 17h45 às 20h.",
        48,
    ),
    (
        "migrant_ar",
        "ar",
        "شكراً على الترجمة. هل يمكننا الحديث عن مواعيد مكتب الإسكان؟ "
        "المواعيد الحالية صعبة لمن يعمل في الصباح.",
        30,
    ),
    (
        "ngo",
        "pt",
        "Boa proposta. Reunimos os casos que conhecemos e trazemos um resumo "
        "para a reunião. Mais informação sobre o gabinete: "
        "https://example.org/vale-novo/habitacao",
        29,
    ),
    (
        "health",
        "en",
        "The health centre can send someone to explain how to register with a "
        "family doctor, if the forum wants it on the agenda.",
        6,
    ),
    (
        "women_coordinator",
        "pt",
        "Ótimo. Acrescento os dois pontos à ordem de trabalhos: horários do "
        "gabinete de habitação e inscrição no centro de saúde.",
        5,
    ),
]

#: The direct conversation: (person's key, language, text, hours ago).
DIRECT: list[tuple[str, str, str, int]] = [
    (
        "women_coordinator",
        "pt",
        "Olá! Gostaria de participar no grupo de trabalho das mulheres? "
        "Reunimos uma vez por mês, à tarde.",
        26,
    ),
    (
        "member",
        "pt",
        "Gostaria muito. Às terças à tarde é possível para mim.",
        25,
    ),
    (
        "women_coordinator",
        "pt",
        "Combinado: envio-lhe o convite hoje mesmo.",
        24,
    ),
]


def _post(
    room: Room, demo: CommunityDemo, lines: list[tuple[str, str, str, int]]
) -> int:
    now = timezone.now()
    made = 0
    for key, language, text, hours in lines:
        person = demo.people.get(key)
        if person is None:
            continue
        message = services.message_send(person, room, text, language=language)
        Message.objects.filter(pk=message.pk).update(
            created_at=now - timedelta(hours=hours)
        )
        made += 1
    return made


@transaction.atomic
def chat_demo_load(community: CommunityDemo) -> int:
    """Messages in the forum's room and a direct conversation; returns how many
    messages were made (0 when they exist already)."""
    made = 0
    room = services.room_for_network(community.forum)
    if not Message.objects.filter(room=room).exists():
        made += _post(room, community, FORUM)
    first, second = (
        community.people.get("women_coordinator"),
        community.people.get("member"),
    )
    if first is not None and second is not None:
        direct = services.direct_room(first, second)
        if not Message.objects.filter(room=direct).exists():
            made += _post(direct, community, DIRECT)
    return made
