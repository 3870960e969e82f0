"""Plans on core.translation: the status of a plan's, a node's and an indicator's
translations is right after edits (minor or not), moves, undo and duplication,
and the plan's kinds say who may translate them."""

from __future__ import annotations

import pytest

from convivio.core.translation import (
    Status,
    field_statuses,
    kind_for,
    row_status,
    save_original,
    save_translation,
)
from convivio.plans import services
from convivio.plans.models import Indicator, Plan, PlanNode, Recommendation
from convivio.plans.services import IndicatorData, NodeData, PlanData

from .factories import make_node

pytestmark = pytest.mark.django_db


def node(pk: int) -> PlanNode:
    return PlanNode.objects.prefetch_related("translations").get(pk=pk)


def edit(team, measure: PlanNode, title: str, *, minor: bool = False) -> PlanNode:
    current = PlanNode.objects.get(pk=measure.pk)
    return services.node_update(
        user=team,
        node=current,
        data=NodeData(title, code=current.code, priority=1, minor=minor),
        expected_version=current.version,
    )


@pytest.fixture
def translated(team, measure) -> PlanNode:
    """The measure in Portuguese by a person of the team, in Spanish by a machine."""
    save_translation(measure, "pt", {"title": "Aulas de língua à noite"}, user=team)
    save_translation(
        measure, "es", {"title": "Clases de idioma nocturnas"}, origin="machine"
    )
    return node(measure.pk)


def test_a_translation_by_the_team_is_reviewed_by_them(team, translated):
    assert row_status(translated, "pt") == Status.REVIEWED
    assert row_status(translated, "es") == Status.MACHINE
    assert row_status(translated, "ar") == Status.MISSING
    meta = translated.translation_for("pt").field_meta("title")
    assert meta["reviewed_by"] == team.pk


def test_editing_a_node_outdates_its_translations_unless_minor(team, translated):
    edit(team, translated, "Evening language classes.", minor=True)
    assert row_status(node(translated.pk), "pt") == Status.REVIEWED
    assert row_status(node(translated.pk), "es") == Status.MACHINE

    edit(team, translated, "Evening and weekend language classes")
    assert row_status(node(translated.pk), "pt") == Status.OUTDATED
    assert row_status(node(translated.pk), "es") == Status.OUTDATED

    # Undo brings back the original's text, and with it the translations' status.
    services.change_undo(user=team, plan=translated.plan)
    assert row_status(node(translated.pk), "pt") == Status.REVIEWED


def test_undo_of_a_minor_fix_keeps_the_translations_current(team, translated):
    edit(team, translated, "Evening language classes!", minor=True)
    services.change_undo(user=team, plan=translated.plan)
    restored = node(translated.pk)
    assert restored.translation_for("en").title == "Evening language classes"
    assert row_status(restored, "pt") == Status.REVIEWED


def test_moving_a_node_keeps_its_translations_status(team, plan, translated):
    make_node(plan, "Conversation tables", parent=translated.parent, kind="objective")
    for direction in ("down", "indent", "outdent", "up"):
        services.node_move(
            user=team, node=PlanNode.objects.get(pk=translated.pk), direction=direction
        )
    again = node(translated.pk)
    assert row_status(again, "pt") == Status.REVIEWED
    assert row_status(again, "es") == Status.MACHINE


def test_a_duplicated_plan_keeps_every_status(team, plan, translated, indicator):
    save_translation(indicator, "pt", {"name": "Inscritos"}, user=team)
    save_translation(plan, "pt", {"title": "Plano de Vila Nova"}, user=team)
    # One outdated translation before duplicating: outdated in the copy too.
    save_original(indicator, {"name": "Learners enrolled (all courses)"})

    new = services.plan_duplicate(user=team, plan=plan, start_year=2027, end_year=2030)
    new = Plan.objects.prefetch_related("translations").get(pk=new.pk)
    assert row_status(new, "pt") == Status.REVIEWED
    copy = node(PlanNode.objects.get(plan=new, code=translated.code).pk)
    assert row_status(copy, "pt") == Status.REVIEWED
    assert row_status(copy, "es") == Status.MACHINE
    copied = Indicator.objects.prefetch_related("translations").get(plan=new)
    assert row_status(copied, "pt") == Status.OUTDATED

    # The copy and its source change apart.
    edit(team, copy, "Language classes, evenings")
    assert row_status(node(copy.pk), "pt") == Status.OUTDATED
    assert row_status(node(translated.pk), "pt") == Status.REVIEWED


def test_a_new_title_for_the_duplicate_outdates_its_title_only(team, plan):
    save_translation(plan, "pt", {"title": "Plano", "summary": ""}, user=team)
    new = services.plan_duplicate(
        user=team, plan=plan, start_year=2027, end_year=2030, title="Next plan"
    )
    new = Plan.objects.prefetch_related("translations").get(pk=new.pk)
    assert field_statuses(new, "pt")["title"] == Status.OUTDATED


def test_the_plan_form_in_another_language_saves_a_translation(team, plan):
    original = plan.translation_for()
    services.plan_update(
        user=team,
        plan=plan,
        data=PlanData(
            language="pt",
            title="Plano local de integração",
            territory_id=plan.territory_id,
            start_year=plan.start_year,
            end_year=plan.end_year,
        ),
    )
    plan = Plan.objects.prefetch_related("translations").get(pk=plan.pk)
    assert plan.original_language_id == "en"
    assert plan.translation_for("en").title == original.title
    assert row_status(plan, "pt") == Status.REVIEWED
    assert plan.translation_for("pt").field_meta("title")["reviewed_by"] == team.pk


def test_editing_an_indicator_outdates_unless_minor(team, indicator):
    save_translation(indicator, "pt", {"name": "Formandos inscritos"}, user=team)

    def update(name: str, minor: bool) -> None:
        current = Indicator.objects.get(pk=indicator.pk)
        services.indicator_update(
            user=team,
            indicator=current,
            data=IndicatorData(name, dimensions={"sex": [], "age": []}, minor=minor),
            expected_version=current.version,
        )

    def status() -> Status:
        fresh = Indicator.objects.prefetch_related("translations").get(pk=indicator.pk)
        return row_status(fresh, "pt")

    update("Learners  enrolled.", minor=True)
    assert status() == Status.REVIEWED
    update("Learners who finished", minor=False)
    assert status() == Status.OUTDATED


def test_who_translates_a_plan_and_whose_queue_it_is_in(
    team, other_team, moderator, plan, measure, indicator
):
    kind = kind_for(plan)
    assert kind.key == "plan"
    assert kind.can_translate(team, plan)
    assert kind.can_translate(moderator, plan)
    assert not kind.can_translate(other_team, plan)
    assert list(kind.queue(team)) == [plan]
    assert list(kind.queue(other_team)) == []
    parts = list(kind.parts(plan))
    assert measure in parts and indicator in parts
    assert kind_for(measure).can_translate(team, measure)
    assert not kind_for(indicator).can_translate(other_team, indicator)
    assert indicator in kind_for(indicator).queue(team)


def test_the_edit_forms_offer_a_minor_fix_and_the_new_ones_not(
    client, team, plan, measure, indicator
):
    client.force_login(team)
    boxes = {
        url: 'name="minor"' in client.get(url).text
        for url in (
            f"/en/plans/{plan.pk}/edit/details/",
            f"/en/plans/{plan.pk}/nodes/{measure.pk}/edit/",
            f"/en/plans/{plan.pk}/indicators/{indicator.pk}/edit/",
            f"/en/plans/{plan.pk}/nodes/{measure.pk}/indicators/add/",
            "/en/plans/new/",
        )
    }
    assert list(boxes.values()) == [True, True, True, False, False]


def test_a_minor_fix_of_a_recommendation_keeps_its_translations_current(
    client, team, other_team, plan
):
    rec = services.recommendation_create(
        user=team, plan=plan, audience="local", text="Open a one-stop shop."
    )
    save_translation(rec, "pt", {"text": "Abrir um balcão único."}, user=team)
    url = f"/en/plans/{plan.pk}/recommendations/{rec.pk}/edit/"
    client.force_login(other_team)  # another place's team may not edit it
    assert client.post(url, {"audience": "local", "text": "X"}).status_code == 403
    client.force_login(team)
    page = client.get(url)
    assert 'name="minor"' in page.text
    assert "Open a one-stop shop." in page.text  # the original's text to edit

    def status():
        return row_status(
            Recommendation.objects.prefetch_related("translations").get(pk=rec.pk),
            "pt",
        )

    response = client.post(
        url, {"audience": "local", "text": "Open a one-stop shop!", "minor": "on"}
    )
    assert response.status_code == 302
    assert status() == Status.REVIEWED
    client.post(url, {"audience": "local", "text": "Open two one-stop shops."})
    assert status() == Status.OUTDATED
    shown = Recommendation.objects.get(pk=rec.pk).original_translation()
    assert shown.text == "Open two one-stop shops."
    # The editor links each recommendation's edit form.
    editor = client.get(f"/en/plans/{plan.pk}/edit/").text
    assert f'href="{url}"' in editor
