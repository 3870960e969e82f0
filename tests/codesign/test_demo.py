"""The demo's co-design process: the migrant women's working group in its
develop phase, with a challenge chosen by a vote counted here by hand; loading
twice adds nothing."""

from __future__ import annotations

import pytest

from convivio.codesign.models import Process
from convivio.demo.codesign import CANDIDATES, SOURCE_KEY, codesign_demo_load
from convivio.demo.community import community_demo_load
from tests.html import soup_of, texts_of
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db


def test_demo_process(client):
    community = community_demo_load(make_territory("Vale Novo"))
    assert codesign_demo_load(community) == 1
    assert codesign_demo_load(community) == 0
    process = Process.objects.get(source_key=SOURCE_KEY)
    assert process.network == community.women
    assert process.phases.get(active=True).kind == "develop"
    # Approvals: 6 for the first candidate, 3 for the second, 2 for the third.
    assert process.chosen.text == CANDIDATES[0]
    assert process.original_translation().challenge == CANDIDATES[0]
    client.force_login(community.people["member"])
    page = client.get(process.get_absolute_url())
    assert page.status_code == 200
    assert texts_of(page, "#phase-define .codesign-votes") == [
        "6 votes",
        "3 votes",
        "2 votes",
    ]
    # Ideas ranked by votes (6, 2 and 3 given): the childcare room, then the
    # evening appointments, then the mothers who take turns.
    assert texts_of(page, "#phase-develop .codesign-ideas .codesign-votes") == [
        "6 votes",
        "3 votes",
        "2 votes",
    ]
    assert soup_of(page).select(".codesign-phase.is-active")[0]["id"] == "phase-develop"
    assert len(soup_of(page).select(".codesign-meetings > li")) == 3
