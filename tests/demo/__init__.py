"""Demo content only the tests load: the 22 hand-written practices with their
collection and evaluation (practices_content.py), and the Andalusian plan as we wrote
it (plans_content.py).  `load_demo` takes both from the seed documents instead.

The loaders add them to what `load_demo` makes (convivio.demo), through the same
services, so the browser tests and the demo tests read the same kind of records.
"""

from __future__ import annotations

from django.db import transaction

from convivio.core.models import User
from convivio.demo import plans as plans_demo
from convivio.demo.content import plans as demo_plans_content
from convivio.demo.practices import DEMO_PREFIX
from convivio.demo.practices import demo_load as accounts_demo_load
from convivio.plans import services as plan_services
from convivio.plans.models import Indicator, PlanNode
from convivio.practices import services as practice_services
from convivio.practices.models import Collection, Practice

from . import plans_content, practices_content


def _practice_data(item: dict, territories, organisations):
    return practice_services.PracticeData(
        language=item["language"],
        title=item["title"],
        summary=item["summary"],
        description=item.get("description", ""),
        country=item["country"],
        territory_ids=[territories[k].id for k in item.get("territories", [])],
        start_year=item.get("start_year"),
        end_year=item.get("end_year"),
        themes=item.get("themes", []),
        target_groups=item.get("target_groups", []),
        organisations=[(organisations[k].id, r) for k, r in item["organisations"]],
        aims=item.get("aims", []),
        phases=item.get("phases", []),
        activities=item.get("activities", ""),
        beneficiaries_count=item.get("beneficiaries_count"),
        beneficiaries=item.get("beneficiaries", ""),
        results=item.get("results", ""),
        success_conditions=item.get("success_conditions", ""),
        difficulties=item.get("difficulties", ""),
        transferability=item.get("transferability", ""),
        funding_programme=item.get("funding_programme", ""),
        funding_amount=item.get("funding_amount"),
        funding_currency=item.get("funding_currency") or "EUR",
        links=[(x["url"], x.get("title", "")) for x in item.get("links", [])],
        contact_name=item.get("contact_name", ""),
        contact_email=item.get("contact_email", ""),
        source_document=item.get("source_document", ""),
        source_locator=item.get("source_locator", ""),
    )


@transaction.atomic
def demo_load() -> dict:
    """The demo's accounts, places and organisations, then the hand-written
    practices (published), their collection and one evaluation; loading twice
    changes nothing.  Returns the accounts and how many practices were made."""
    loaded = accounts_demo_load()
    territories, organisations = loaded["territories"], loaded["organisations"]
    created = 0
    practices: dict[str, Practice] = {}
    for item in practices_content.PRACTICES:
        key = DEMO_PREFIX + item["key"]
        practice = Practice.objects.filter(source_key=key).first()
        if practice is None:
            practice = practice_services.practice_create(
                user=None,
                data=_practice_data(item, territories, organisations),
                source_key=key,
                by_system=True,
            )
            practice = practice_services.practice_transition(
                user=None, practice=practice, action="published", by_system=True
            )
            created += 1
        practices[item["key"]] = practice

    moderator = User.objects.get(username="moderator")
    spec = practices_content.COLLECTION
    if not Collection.objects.filter(source_key=DEMO_PREFIX + spec["key"]).exists():
        practice_services.collection_create(
            user=moderator,
            title=spec["title"],
            language=spec["language"],
            introduction=spec.get("introduction", ""),
            recommendations=spec.get("recommendations", []),
            practices=[practices[k] for k in spec["practices"]],
            source_key=DEMO_PREFIX + spec["key"],
        )
    evaluation = practices_content.EVALUATION
    target = practices[evaluation["practice"]]
    if not target.evaluations.filter(reviewer=moderator).exists():
        practice_services.practice_evaluate(
            user=moderator,
            practice=target,
            scores=evaluation["scores"],
            comment=evaluation.get("comment", ""),
        )
    return {
        "created": created,
        "practices": len(practices),
        "accounts": loaded["accounts"],
    }


@transaction.atomic
def plans_demo_load() -> plans_demo.DemoResult:
    """The demo's Vale Novo plan, then the Andalusian plan as we wrote it."""
    result = plans_demo.plans_demo_load()
    territories = plans_demo._territories()
    organisations = plans_demo._organisations(territories)
    result.plans.append(
        plans_demo._existing(plans_content.ANDALUSIA)
        or _load_andalusia(plans_demo._administrator(), territories, organisations)
    )
    return result


def _load_andalusia(admin: User, territories, organisations) -> plans_demo.Loaded:
    spec = plans_content.ANDALUSIA
    region = territories[spec["territory"]]
    plans_demo._provinces(admin, region, territories)
    plan = plan_services.plan_create(
        user=admin,
        data=plans_demo._plan_data(spec, territories, organisations),
        template=spec["template"],
        by_system=True,
    )
    loaded = plans_demo.Loaded(plan=plan, created=True)
    measures: dict[str, PlanNode] = {}
    for area_code, area_title, theme, objectives in spec["tree"]:
        area = plan_services.node_create(
            user=admin,
            plan=plan,
            kind=PlanNode.Kind.AREA,
            data=plan_services.NodeData(title=area_title, code=area_code, theme=theme),
        )
        for objective_code, objective_title, items in objectives:
            objective = plan_services.node_create(
                user=admin,
                plan=plan,
                kind=PlanNode.Kind.OBJECTIVE,
                parent=area,
                data=plan_services.NodeData(title=objective_title, code=objective_code),
            )
            for code, title in items:
                measures[code] = plan_services.node_create(
                    user=admin,
                    plan=plan,
                    kind=PlanNode.Kind.MEASURE,
                    parent=objective,
                    data=plan_services.NodeData(title=title, code=code, theme=theme),
                )
    loaded.measures = len(measures)
    for code, entities in spec["responsibilities"].items():
        for org_key, role, competences in entities:
            plan_services.responsibility_set(
                user=admin,
                node=measures[code],
                organisation=organisations[org_key],
                role=role,
                competences=competences,
            )
    numbers: dict[str, int] = {}
    for measure, kind, name, unit, breakdown in spec["indicators"]:
        numbers[measure] = numbers.get(measure, 0) + 1
        dimensions = {
            plans_content.BREAKDOWN[letter]: (
                list(demo_plans_content.ANDALUSIAN_PROVINCES) if letter == "p" else []
            )
            for letter in breakdown
        }
        reporter = "cear" if "CEAR" in name else "iam"
        plan_services.indicator_create(
            user=admin,
            node=measures[measure],
            data=plan_services.IndicatorData(
                name=name,
                code=f"{measure}-{numbers[measure]}",
                kind=kind,
                unit=unit,
                frequency=Indicator.Frequency.YEARLY,
                reporting_organisation_id=organisations[reporter].pk,
                dimensions=dimensions,
            ),
        )
        loaded.indicators += 1
    loaded.plan = plans_demo._advance(admin, plan, spec["status"])
    return loaded
