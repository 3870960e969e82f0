"""The issues a place's networks rank reach its local diagnosis, beside the
needs surveys and plans name (directory's diagnosis page)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.community import services
from convivio.core.models import Theme
from tests.community.factories import add_member, make_network
from tests.html import soup_of, table_of

pytestmark = pytest.mark.django_db


def test_the_diagnosis_shows_the_networks_ranking_of_issues(client):
    network = make_network()
    housing = Theme.objects.get(slug="housing")
    language = Theme.objects.get(slug="language")
    # Two members: housing first for both, language second for one.
    # Points: housing 3 + 3 = 6, language 2.
    services.issues_vote(add_member(network), network, [housing, language])
    services.issues_vote(add_member(network), network, [housing])
    response = client.get(reverse("directory:diagnosis", args=[network.territory_id]))
    assert response.status_code == 200
    rows = table_of(response, ".network-ranking")
    assert [row[:3] for row in rows[1:]] == [
        ["1", housing.label, "6"],
        ["2", language.label, "2"],
    ]


def test_a_members_only_networks_ranking_stays_with_its_members(client):
    network = make_network(visibility="members", joining="invitation")
    services.issues_vote(
        add_member(network), network, [Theme.objects.get(slug="housing")]
    )
    response = client.get(reverse("directory:diagnosis", args=[network.territory_id]))
    assert response.status_code == 200
    assert soup_of(response).select(".network-ranking") == []
