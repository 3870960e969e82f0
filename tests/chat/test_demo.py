"""The demo's chat: messages in the forum's room and a direct conversation,
loaded once."""

from __future__ import annotations

import pytest

from convivio.chat.models import Message, Room
from convivio.demo.chat import DIRECT, FORUM, chat_demo_load
from convivio.demo.community import community_demo_load
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db


def test_the_demo_chat_loads_once():
    community = community_demo_load(make_territory("Vale Novo"))
    assert chat_demo_load(community) == len(FORUM) + len(DIRECT)
    room = Room.objects.get(network=community.forum)
    messages = list(Message.objects.filter(room=room).order_by("created_at"))
    assert [m.body for m in messages] == [line[2] for line in FORUM]
    assert {m.language_id for m in messages} == {"pt", "ar", "en"}
    direct = Room.objects.get(kind=Room.Kind.DIRECT)
    assert Message.objects.filter(room=direct).count() == len(DIRECT)
    assert chat_demo_load(community) == 0
    assert Message.objects.count() == len(FORUM) + len(DIRECT)
