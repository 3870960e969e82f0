"""Reporters and teams find their indicators from the plans list; others do not."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("who", "sees"),
    [("reporter", True), ("team", True), ("stranger", False), (None, False)],
)
def test_plan_list_offers_indicators_to_report(client, request, plan, who, sees):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get("/en/plans/")
    assert response.status_code == 200
    assert ('href="/en/plans/report/"' in response.text) is sees
