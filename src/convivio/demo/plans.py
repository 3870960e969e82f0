"""Load the demo plan (content/plans.py) through the plans and monitoring services.

Loading twice creates nothing new: each plan carries a stable ``source_key`` and
is skipped when it exists; places, entities, code lists and accounts are looked up
before they are made.  Reported values are generated from each indicator's
``series`` with a seeded random generator, so every installation shows the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import product

from django.db import transaction
from django.utils.text import slugify

from convivio.core import services as core_services
from convivio.core.models import Membership, Organisation, Territory, User
from convivio.core.translation import save_original
from convivio.demo.content import plans as demo_content
from convivio.demo.practices import DEMO_PREFIX, _user
from convivio.plans import services
from convivio.plans.cells import cell_key
from convivio.plans.models import (
    Dimension,
    DimensionValue,
    Indicator,
    Observation,
    Plan,
    PlanNode,
)
from convivio.plans.monitoring import services as monitoring
from convivio.plans.periods import Period, parse_period, periods_between
from convivio.practices.models import Practice


@dataclass
class Loaded:
    """What one plan of the demo holds, and whether this run created it."""

    plan: Plan
    created: bool
    measures: int = 0
    indicators: int = 0
    observations: int = 0


@dataclass
class DemoResult:
    plans: list[Loaded] = field(default_factory=list)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for item in self.plans if item.created)


# --- Places, entities, accounts -----------------------------------------------------


def _territories() -> dict[str, Territory]:
    countries = {
        t.iso_code: t for t in Territory.objects.filter(kind=Territory.Kind.COUNTRY)
    }
    found: dict[str, Territory] = {}
    for item in demo_content.TERRITORIES:
        parent = found[item["parent"]] if item.get("parent") else None
        territory, _created = Territory.objects.get_or_create(
            name=item["name"],
            country_code=item["country"],
            kind=item["kind"],
            defaults={
                "parent": parent or countries[item["country"]],
                "iso_code": item.get("iso", ""),
                "latitude": item.get("lat"),
                "longitude": item.get("lon"),
            },
        )
        found[item["key"]] = territory
    return found


def _organisations(territories: dict[str, Territory]) -> dict[str, Organisation]:
    countries = {
        t.iso_code: t for t in Territory.objects.filter(kind=Territory.Kind.COUNTRY)
    }
    found: dict[str, Organisation] = {}
    for item in demo_content.ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=slugify(item["key"]),
            defaults={
                "name": item["name"],
                "kind": item["kind"],
                "territory": territories.get(item.get("territory") or "")
                or countries.get(item.get("country", "")),
                # The demo's descriptions are written in English.
                "original_language_id": "en",
            },
        )
        if created:
            save_original(organisation, {"description": item.get("description", "")})
        found[item["key"]] = organisation
    return found


def _accounts(
    territories: dict[str, Territory], organisations: dict[str, Organisation]
) -> tuple[User, User, list[tuple[str, str, str]]]:
    officer, officer_password = _user(
        demo_content.OFFICER["username"], demo_content.OFFICER["email"]
    )
    town = territories["vale-novo"]
    core_services.territory_team_grant(actor=None, user=officer, territory=town)
    spec = demo_content.REPORTER
    reporter, reporter_password = _user(spec["username"], spec["email"])
    partner = organisations[spec["organisation"]]
    core_services.membership_grant(
        actor=None,
        user=reporter,
        organisation=partner,
        role=Membership.Role.REPORTER,
    )
    return (
        officer,
        reporter,
        [
            (officer.username, officer_password, f"territory team of {town.name}"),
            (reporter.username, reporter_password, f"reporter of {partner.name}"),
        ],
    )


def _administrator() -> User:
    """The platform administrator the practices demo made: it adds Andalusia's
    provinces (the Andalusian plan has no demo officer of its own)."""
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("id")
    found = admin.filter(username="admin").first() or admin.first()
    if found is None:
        found, _password = _user(
            "admin", "admin@convivio.example", is_staff=True, is_superuser=True
        )
    return found


# --- Code lists ---------------------------------------------------------------------


def _parish_list(officer: User, town: Territory) -> Dimension:
    spec = demo_content.PARISH_DIMENSION
    existing = Dimension.objects.filter(slug=spec["slug"], territory=town).first()
    if existing is not None:
        return existing
    return services.dimension_create(
        user=officer, territory=town, name=spec["name"], values=demo_content.PARISHES
    )


def _provinces(admin: User, region: Territory, territories: dict) -> None:
    """Andalusia's provinces as its own values of the platform "province" list."""
    province = Dimension.objects.get(slug="province", territory__isnull=True)
    have = set(
        DimensionValue.objects.filter(dimension=province).values_list("code", flat=True)
    )
    for code in demo_content.ANDALUSIAN_PROVINCES:
        if code not in have:
            services.dimension_value_add(
                user=admin,
                dimension=province,
                territory=region,
                code=code,
                label=territories[code.lower()].name,
            )


# --- Helpers ------------------------------------------------------------------------


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _decimal(value: float | int | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _plan_data(spec: dict, territories, organisations) -> services.PlanData:
    return services.PlanData(
        language=spec["language"],
        title=spec["title"],
        territory_id=territories[spec["territory"]].pk,
        organisation_id=organisations[spec["organisation"]].pk,
        start_year=spec["start_year"],
        end_year=spec["end_year"],
        summary=spec.get("summary", ""),
        general_objectives=spec.get("general_objectives", ""),
        transversal_axes=spec.get("transversal_axes", ""),
        themes=spec.get("themes", []),
        source_document=spec.get("source_document", ""),
        source_key=DEMO_PREFIX + spec["key"],
    )


def _advance(user: User, plan: Plan, status: str) -> Plan:
    """Move a new (draft) plan along its statuses up to ``status``."""
    path: list[str] = [Plan.Status.ADOPTED, Plan.Status.MONITORING, Plan.Status.CLOSED]
    for step in path[: path.index(status) + 1]:
        plan = services.plan_transition(user=user, plan=plan, status=step)
    return plan


def _periods(indicator: dict) -> list[Period]:
    """The periods the demo has values for: up to the last reported quarter or year."""
    if indicator["frequency"] == "quarterly":
        last = parse_period(demo_content.LAST_QUARTER)
    else:
        last = parse_period(demo_content.LAST_YEAR)
    return [
        p
        for p in periods_between(2024, 2026, indicator["frequency"])
        if p.end <= last.end
    ]


def _series(spec: dict, periods: list[Period]) -> dict[str, Decimal]:
    """Reported totals: a ramp from start to end over the plan, with noise."""
    series = spec.get("series", {})
    if "values" in series:
        return {key: Decimal(value) for key, value in series["values"].items()}
    rng = random.Random(spec["code"])  # noqa: S311 – demo figures, not secrets
    steps = len(periods_between(2024, 2026, spec["frequency"])) - 1
    decimals = series.get("decimals", 0)
    out: dict[str, Decimal] = {}
    for index, period in enumerate(periods):
        level = series["start"] + (series["end"] - series["start"]) * index / steps
        quarter = (period.start.month - 1) // 3 + 1
        if series.get("summer_dip") and quarter == 3:
            level *= 0.55
        if series.get("winter_peak") and quarter in (1, 4):
            level *= 1.2 if quarter == 1 else 1.1
        level *= 1 + rng.uniform(-series.get("noise", 0), series.get("noise", 0))
        out[period.key] = Decimal(str(round(max(level, 0), decimals)))
    return out


def _split(total: Decimal, shares: dict[str, dict[str, float]]) -> dict[str, Decimal]:
    """Whole numbers per cell that add up to ``total`` (largest remainders)."""
    slugs = sorted(shares)
    combos = list(product(*(list(shares[slug].items()) for slug in slugs)))
    weights = []
    for combo in combos:
        weight = 1.0
        for _code, share in combo:
            weight *= share
        weights.append(weight)
    scale = float(total) / sum(weights)
    raw = [w * scale for w in weights]
    whole = [int(r) for r in raw]
    rest = int(total) - sum(whole)
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - whole[i], reverse=True)[
        :rest
    ]:
        whole[i] += 1
    return {
        cell_key({slug: code for slug, (code, _s) in zip(slugs, combo, strict=True)}): (
            Decimal(n)
        )
        for combo, n in zip(combos, whole, strict=True)
    }


def _target(spec: dict, period: Period) -> Decimal:
    """The target of one period, on the line from the baseline to the final target."""
    # Every quantitative indicator of the demo gives both dates.
    start = date.fromisoformat(spec["baseline_date"])
    end = date.fromisoformat(spec["target_date"])
    baseline, target = spec["baseline"], spec["target"]
    share = 1.0
    if end > start:
        share = min(1.0, max(0.0, (period.end - start).days / (end - start).days))
    value = baseline + (target - baseline) * share
    return Decimal(str(round(value, 1 if spec.get("unit") == "%" else 0)))


# --- Vale Novo ----------------------------------------------------------------------


def _load_vale_novo(officer: User, territories, organisations) -> Loaded:
    spec = demo_content.VALE_NOVO
    town = territories[spec["territory"]]
    _parish_list(officer, town)
    plan = services.plan_create(
        user=officer,
        data=_plan_data(spec, territories, organisations),
        template=spec["template"],
        by_system=True,
    )
    loaded = Loaded(plan=plan, created=True)
    areas = {
        node.code: node
        for node in PlanNode.objects.filter(plan=plan, kind=PlanNode.Kind.AREA)
    }
    objectives: dict[str, PlanNode] = {}
    for area_code, items in spec["objectives"].items():
        for code, title in items:
            objectives[code] = services.node_create(
                user=officer,
                plan=plan,
                kind=PlanNode.Kind.OBJECTIVE,
                data=services.NodeData(title=title, code=code),
                parent=areas[area_code],
            )
    practices = {
        p.source_key: p
        for p in Practice.objects.filter(
            source_key__in=[
                DEMO_PREFIX + key
                for m in spec["measures"]
                for key, _relation in m.get("practices", [])
            ],
            status=Practice.Status.PUBLISHED,
        )
    }
    measures: dict[str, PlanNode] = {}
    for item in spec["measures"]:
        node = services.node_create(
            user=officer,
            plan=plan,
            kind=PlanNode.Kind.MEASURE,
            parent=objectives[item["objective"]],
            data=services.NodeData(
                title=item["title"],
                text=item.get("text", ""),
                code=item["code"],
                priority=item.get("priority"),
                needs_financing=item.get("needs_financing", False),
                financing_rank=item.get("financing_rank"),
                budget_amount=_decimal(item.get("budget")),
                funding_source=item.get("funding_source", ""),
                budget_note=item.get("budget_note", ""),
                start_date=_date(item.get("start")),
                end_date=_date(item.get("end")),
                duration_note=item.get("duration_note", ""),
                status=item.get("status", ""),
                progress=item.get("progress"),
            ),
        )
        measures[item["code"]] = node
        for org_key, role, competences in item["entities"]:
            services.responsibility_set(
                user=officer,
                node=node,
                organisation=organisations[org_key],
                role=role,
                competences=competences,
            )
        for key, relation in item.get("practices", []):
            practice = practices.get(DEMO_PREFIX + key)
            if practice is not None:
                services.measure_practice_link(
                    user=officer, node=node, practice=practice, relation=relation
                )
    loaded.measures = len(measures)

    indicators: list[tuple[dict, Indicator]] = []
    for item in spec["indicators"]:
        kind = item.get("kind", Indicator.Kind.QUANTITATIVE)
        indicator = services.indicator_create(
            user=officer,
            node=measures[item["measure"]],
            data=services.IndicatorData(
                name=item["name"],
                definition=item.get("definition", ""),
                code=item["code"],
                kind=kind,
                unit=item.get("unit", ""),
                baseline_value=_decimal(item.get("baseline")),
                baseline_date=_date(item.get("baseline_date")),
                target_value=_decimal(item.get("target")),
                target_date=_date(item.get("target_date")),
                direction=item.get("direction", Indicator.Direction.INCREASE),
                frequency=item["frequency"],
                reporting_organisation_id=organisations[item["reporter"]].pk,
                dimensions=item.get("dimensions", {}),
            ),
        )
        indicators.append((item, indicator))
        if kind == Indicator.Kind.QUANTITATIVE:
            for period in periods_between(
                spec["start_year"], spec["end_year"], item["frequency"]
            ):
                services.target_set(
                    user=officer,
                    indicator=indicator,
                    period=period.key,
                    value=_target(item, period),
                )
            for period, cells in item.get("cell_targets", {}).items():
                for cell, value in cells.items():
                    services.target_set(
                        user=officer,
                        indicator=indicator,
                        period=period,
                        value=Decimal(value),
                        cell=cell,
                    )
    loaded.indicators = len(indicators)

    for audience, text in spec["recommendations"]:
        services.recommendation_create(
            user=officer, plan=plan, audience=audience, text=text
        )

    plan = _advance(officer, plan, spec["status"])
    loaded.plan = plan
    loaded.observations = _report(officer, plan, indicators, organisations)
    for period in spec["locked"]:
        monitoring.period_lock(user=officer, plan=plan, period=period)
    return loaded


def _report(
    officer: User,
    plan: Plan,
    indicators: list[tuple[dict, Indicator]],
    organisations: dict[str, Organisation],
) -> int:
    """Three years of values: validated up to the last quarter before the latest,
    the latest submitted, one returned with a comment."""
    last_quarter = parse_period(demo_content.LAST_QUARTER)
    count = 0
    for item, indicator in indicators:
        indicator = Indicator.objects.select_related("plan", "node").get(
            pk=indicator.pk
        )
        organisation = organisations[item["reporter"]]
        periods = _periods(item)
        totals = {} if "narratives" in item else _series(item, periods)
        for period in periods:
            if "narratives" in item:
                if period.key not in item["narratives"]:
                    continue
                observation = monitoring.observation_submit(
                    user=None,
                    indicator=indicator,
                    period=period.key,
                    narrative=item["narratives"][period.key],
                    organisation=organisation,
                    by_system=True,
                )
            else:
                total = totals[period.key]
                cells = _split(total, item["shares"]) if item.get("shares") else {}
                complete = period.key not in item.get("incomplete", [])
                if not complete:
                    # A quarter where the oldest band was not recorded.
                    slug = sorted(item["shares"])[0]
                    unknown = list(item["shares"][slug])[-1]
                    cells = {
                        key: value
                        for key, value in cells.items()
                        if f"{slug}={unknown}" not in key.split("|")
                    }
                observation = monitoring.observation_submit(
                    user=None,
                    indicator=indicator,
                    period=period.key,
                    value=total,
                    cells=cells or None,
                    cells_complete=complete,
                    organisation=organisation,
                    by_system=True,
                )
            count += 1
            returned = item.get("returned")
            if returned and returned["period"] == period.key:
                monitoring.observation_return(
                    user=officer, observation=observation, comment=returned["comment"]
                )
            elif period.end < last_quarter.start:
                monitoring.observation_validate(user=officer, observation=observation)
    return count


# --- Entry point --------------------------------------------------------------------


def _existing(spec: dict) -> Loaded | None:
    plan = Plan.objects.filter(source_key=DEMO_PREFIX + spec["key"]).first()
    if plan is None:
        return None
    live = plan.nodes.filter(deleted_at__isnull=True)
    return Loaded(
        plan=plan,
        created=False,
        measures=live.filter(kind=PlanNode.Kind.MEASURE).count(),
        indicators=plan.indicators.filter(deleted_at__isnull=True).count(),
        observations=Observation.objects.filter(indicator__plan=plan).count(),
    )


@transaction.atomic
def plans_demo_load() -> DemoResult:
    """Load the Vale Novo plan and (re)set the plan accounts' passwords.

    Runs after the practices demo, whose practices the measures link to and whose
    administrator account adds Andalusia's provinces.
    """
    result = DemoResult()
    territories = _territories()
    organisations = _organisations(territories)
    officer, _reporter, accounts = _accounts(territories, organisations)
    result.accounts = accounts
    # Andalusia's provinces as values of the "province" list, for the indicators
    # of its plan (ingested from seed 000 by `load_demo`, written by the tests).
    _provinces(_administrator(), territories["andalusia"], territories)
    result.plans.append(
        _existing(demo_content.VALE_NOVO)
        or _load_vale_novo(officer, territories, organisations)
    )
    return result
