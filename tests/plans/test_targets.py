"""The team sets an indicator's targets per period and per cell on its page."""

from __future__ import annotations

from decimal import Decimal

from convivio.plans.models import Target


def _url(plan, indicator) -> str:
    return f"/en/plans/{plan.pk}/indicators/{indicator.pk}/targets/"


def test_team_sets_a_total_and_a_cell_target(client, team, plan, indicator):
    client.force_login(team)
    page = client.get(f"/en/plans/{plan.pk}/indicators/{indicator.pk}/edit/")
    assert page.status_code == 200
    assert "Targets per period" in page.text
    assert "Women · 18 to 24" in page.text  # the cells are offered by name
    response = client.post(_url(plan, indicator), {"period": "2025", "value": "90"})
    assert response.status_code == 302
    client.post(
        _url(plan, indicator),
        {"period": "2025", "cell": "age=18-24|sex=F", "value": "20"},
    )
    targets = {(t.period, t.cell): t.value for t in Target.objects.all()}
    assert targets == {
        ("2025", ""): Decimal(90),
        ("2025", "age=18-24|sex=F"): Decimal(20),
    }
    shown = client.get(f"/en/plans/{plan.pk}/indicators/{indicator.pk}/edit/").text
    assert "Women · 18 to 24" in shown and ">20<" in shown


def test_bad_targets_are_refused_with_a_message(client, team, plan, indicator):
    client.force_login(team)
    outside = client.post(_url(plan, indicator), {"period": "2031", "value": "5"})
    assert outside.status_code == 400
    assert "Select a valid choice" in outside.text
    text = client.post(_url(plan, indicator), {"period": "2025", "value": "many"})
    assert text.status_code == 400
    assert "Enter a number" in text.text
    cell = client.post(
        _url(plan, indicator), {"period": "2025", "cell": "sex=Q", "value": "5"}
    )
    assert cell.status_code == 400
    assert not Target.objects.exists()


def test_only_the_team_sets_targets(client, reporter, other_team, plan, indicator):
    for person in (reporter, other_team):
        client.force_login(person)
        response = client.post(_url(plan, indicator), {"period": "2025", "value": "9"})
        assert response.status_code == 403
    client.logout()
    assert client.post(_url(plan, indicator), {"period": "2025"}).status_code == 302
    assert not Target.objects.exists()
