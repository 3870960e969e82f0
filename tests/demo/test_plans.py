"""The demo plans: what they hold, loading twice, the demo accounts, and that the
text is our own (no run of eight words taken from the seed documents)."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from convivio.core.models import (
    Membership,
    Organisation,
    Territory,
    TerritoryTeamMembership,
    User,
)
from convivio.demo.content import plans as demo_content
from convivio.plans import permissions
from convivio.plans.models import (
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorDimension,
    MeasurePractice,
    Observation,
    ObservationRevision,
    ObservationValue,
    PeriodLock,
    Plan,
    PlanChange,
    PlanNode,
    Recommendation,
    Responsibility,
    Target,
)
from tests.demo import demo_load, plans_content, plans_demo_load
from tests.html import texts_of

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# The seed documents sit beside the checkout (../shared/seeds), on CI too;
# CONVIVIO_SEEDS_DIR points elsewhere when a checkout lives somewhere else.
SEEDS = Path(os.environ.get("CONVIVIO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
VALE_NOVO = "demo:" + demo_content.VALE_NOVO["key"]
ANDALUSIA = "demo:" + plans_content.ANDALUSIA["key"]

MODELS = (
    Plan,
    PlanNode,
    Responsibility,
    MeasurePractice,
    Indicator,
    IndicatorDimension,
    Target,
    Recommendation,
    PlanChange,
    Observation,
    ObservationValue,
    ObservationRevision,
    PeriodLock,
    Dimension,
    DimensionValue,
    Territory,
    Organisation,
    User,
    Membership,
    TerritoryTeamMembership,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _load() -> str:
    """The hand-written demo (practices and both plans), as `load_demo` loaded it
    before the seed documents came through the ingestion pipeline; reports like
    the command did."""
    practices = demo_load()
    plans = plans_demo_load()
    lines = [f"Demo plans: {len(plans.plans)} plans ({plans.created} new)."]
    lines += [
        f"- {item.plan}: {item.measures} measures, {item.indicators} indicators, "
        f"{item.observations} reported values"
        for item in plans.plans
    ]
    lines += [
        f"  {username} {password} ({role})"
        for username, password, role in [*practices["accounts"], *plans.accounts]
    ]
    return "\n".join(lines)


@pytest.fixture
def loaded(db) -> str:
    return _load()


# --- Loading ------------------------------------------------------------------------


def test_loading_twice_creates_nothing_new(loaded):
    assert "Demo plans: 2 plans (2 new)." in loaded
    first = _counts()
    out = _load()
    assert "Demo plans: 2 plans (0 new)." in out
    assert _counts() == first
    assert (
        "Vale Novo municipal plan for the integration of migrants 2024–2026: "
        "30 measures, 20 indicators, 121 reported values" in out
    )


def test_demo_accounts_sign_in_and_have_their_roles(loaded, client):
    accounts = {
        parts[0]: parts[1]
        for parts in (line.split() for line in loaded.splitlines())
        if line_is_account(parts)
    }
    assert {"officer", "reporter"} <= set(accounts)
    for username in ("officer", "reporter"):
        response = client.post(
            "/en/accounts/login/",
            {"username": username, "password": accounts[username]},
            REMOTE_ADDR="10.3.3.3",
        )
        assert response.status_code == 302, username
        client.post("/en/accounts/logout/")

    plan = Plan.objects.get(source_key=VALE_NOVO)
    officer = User.objects.get(username="officer")
    reporter = User.objects.get(username="reporter")
    assert permissions.can_edit_plan(officer, plan)
    assert not permissions.can_edit_plan(reporter, plan)
    assert not permissions.can_edit_plan(
        officer, Plan.objects.get(source_key=ANDALUSIA)
    )
    reportable = {
        i.code for i in plan.indicators.all() if permissions.can_report(reporter, i)
    }
    assert reportable == {"2.1.1-a", "4.2.1-a", "8.1.1-a", "11.1.1-a", "11.1.1-b"}


def line_is_account(parts: list[str]) -> bool:
    return len(parts) >= 3 and parts[2].startswith("(")


# --- Vale Novo ----------------------------------------------------------------------


def test_vale_novo_plan_has_its_tree_entities_and_budgets(loaded):
    plan = Plan.objects.get(source_key=VALE_NOVO)
    assert plan.status == Plan.Status.MONITORING
    assert plan.template == "pmii"
    assert (plan.start_year, plan.end_year) == (2024, 2026)
    assert plan.territory.name == "Vale Novo"
    assert plan.territory.latitude is not None
    nodes = plan.nodes.filter(deleted_at__isnull=True)
    assert nodes.filter(kind=PlanNode.Kind.AREA).count() == 13
    measures = nodes.filter(kind=PlanNode.Kind.MEASURE)
    assert measures.count() == 30
    # Measures sit under objectives, under areas, with codes as written.
    measure = measures.get(code="3.2.1")
    assert measure.parent.code == "3.2"
    assert measure.parent.parent.code == "3"
    # Spread over every area.
    assert {m.parent.parent.code for m in measures} == {str(n) for n in range(1, 14)}
    assert set(measures.values_list("priority", flat=True)) == {1, 2}
    ranks = sorted(
        measures.filter(needs_financing=True).values_list("financing_rank", flat=True)
    )
    assert ranks == list(range(1, len(ranks) + 1))
    assert measures.filter(funding_source="AMIF").exists()
    assert measures.filter(budget_note="mainly external funds").exists()
    assert measures.filter(duration_note="up to two years").exists()
    assert measures.filter(start_date__isnull=False, end_date__isnull=False).exists()
    assert set(measures.values_list("status", flat=True)) == {
        "planned",
        "in_progress",
        "done",
        "dropped",
    }
    responsibilities = Responsibility.objects.filter(node__plan=plan)
    assert responsibilities.values("organisation").distinct().count() == 8
    assert set(responsibilities.values_list("role", flat=True)) == {"lead", "partner"}
    assert not measures.filter(responsibilities__isnull=True).exists()
    linked = MeasurePractice.objects.filter(node__plan=plan)
    assert linked.count() == 3
    assert all(link.practice.status == "published" for link in linked)
    audiences = set(plan.recommendations.values_list("audience", flat=True))
    assert 3 <= len(audiences) <= 5


def test_vale_novo_indicators_and_three_years_of_values(loaded):
    plan = Plan.objects.get(source_key=VALE_NOVO)
    indicators = plan.indicators.filter(deleted_at__isnull=True)
    assert indicators.count() == 20
    assert indicators.filter(kind="qualitative").count() >= 2
    assert set(indicators.values_list("frequency", flat=True)) == {
        "yearly",
        "quarterly",
    }
    disaggregated = indicators.filter(indicator_dimensions__isnull=False).distinct()
    assert disaggregated.count() >= 6
    slugs = set(
        IndicatorDimension.objects.filter(indicator__plan=plan).values_list(
            "dimension__slug", flat=True
        )
    )
    assert slugs == {"sex", "age", "nationality", "parish"}
    parish = Dimension.objects.get(slug="parish")
    assert parish.territory == plan.territory
    assert Target.objects.filter(indicator__plan=plan).exclude(cell="").exists()

    observations = Observation.objects.filter(indicator__plan=plan)
    assert observations.count() == 121
    years = {o.period_start.year for o in observations}
    assert years == {2024, 2025, 2026}
    statuses = Counter(observations.values_list("status", flat=True))
    assert statuses["validated"] > 3 * (statuses["submitted"] + statuses["returned"])
    assert statuses["submitted"] > 0
    assert statuses["returned"] == 1
    returned = observations.get(status="returned")
    assert returned.comment
    assert returned.revisions.filter(action="returned").exists()
    assert (
        not observations.filter(period_start__year=2024)
        .exclude(status="validated")
        .exists()
    )
    assert list(plan.locks.values_list("period", flat=True)) == ["2024"]
    assert observations.filter(cells_complete=False).exists()
    # Every observation of a disaggregated indicator has cells adding up to its
    # total where all cells are known.
    for observation in observations.filter(
        indicator__in=disaggregated, cells_complete=True
    ).prefetch_related("cells"):
        assert sum(c.value for c in observation.cells.all()) == observation.value
    # Small cells, so that suppression has something to hide on public pages.
    cells = ObservationValue.objects.filter(observation__indicator__plan=plan)
    assert cells.filter(value__gt=0, value__lt=5).count() >= 20
    assert observations.filter(indicator__kind="qualitative").exclude(narrative="")


def test_demo_pages_render_and_the_public_dashboard_hides_small_cells(loaded, client):
    plan = Plan.objects.get(source_key=VALE_NOVO)
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    assert "Vale Novo" in response.content.decode()
    dashboard = f"/en/plans/{plan.pk}/dashboard/"
    public_response = client.get(dashboard)
    public = public_response.content.decode()
    assert "People served at the welcome desk" in public
    # Small values read "hidden" in public, and are numbers to the territory team.
    cells = ".breakdowns table.data td"
    assert texts_of(public_response, cells).count("hidden") > 10
    client.force_login(User.objects.get(username="officer"))
    team = client.get(dashboard)
    assert team.status_code == 200
    assert texts_of(team, cells).count("hidden") == 0
    client.logout()
    andalusia = Plan.objects.get(source_key=ANDALUSIA)
    response = client.get(andalusia.get_absolute_url())
    assert response.status_code == 200
    assert "4.10.1" in response.content.decode()


# --- Andalusia ----------------------------------------------------------------------


def test_andalusian_plan_structure(loaded):
    plan = Plan.objects.get(source_key=ANDALUSIA)
    assert plan.status == Plan.Status.ADOPTED
    assert plan.territory.name == "Andalusia"
    assert plan.territory.kind == "region"
    provinces = Territory.objects.filter(parent=plan.territory, kind="province")
    assert set(provinces.values_list("iso_code", flat=True)) == set(
        demo_content.ANDALUSIAN_PROVINCES
    )
    values = DimensionValue.objects.filter(
        dimension__slug="province", territory=plan.territory
    )
    assert set(values.values_list("code", flat=True)) == set(
        demo_content.ANDALUSIAN_PROVINCES
    )
    text = plan.translation_for()
    assert text.general_objectives.count("\n") == 4
    for axis in ("Territory", "Gender", "Youth"):
        assert axis in text.transversal_axes
    nodes = plan.nodes.all()
    assert [a.code for a in nodes.filter(kind="area").order_by("position")] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
    codes = set(nodes.filter(kind="measure").values_list("code", flat=True))
    assert {"1.1.1", "2.11.4", "3.5.2", "4.10.1", "5.6.3"} <= codes
    assert nodes.get(code="4.9").parent.code == "4"
    indicators = plan.indicators.all()
    assert indicators.count() == 30
    assert set(indicators.values_list("node__code", flat=True)) <= {
        c for c in codes if c.startswith(("4.8.", "4.9.", "4.10."))
    }
    by_province = indicators.filter(indicator_dimensions__dimension__slug="province")
    assert by_province.exists()
    full = indicators.get(code="4.8.1-1")
    assert {d.dimension.slug for d in full.indicator_dimensions.all()} == {
        "province",
        "age",
        "nationality",
    }
    assert indicators.filter(kind="qualitative").count() >= 5
    assert not Observation.objects.filter(indicator__plan=plan).exists()


# --- Our own words ------------------------------------------------------------------

_WORD = re.compile(r"\w+")
RUN = 8


def _runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def copied_runs(texts: Iterable[str], sources: Iterable[str]) -> set[str]:
    """Runs of eight words found both in ``texts`` and in ``sources``."""
    seen: set[tuple[str, ...]] = set()
    for source in sources:
        seen |= _runs(source)
    return {" ".join(run) for text in texts for run in _runs(text) & seen}


def _demo_texts() -> list[str]:
    return [
        text
        for module in (demo_content, plans_content)
        for name in dir(module)
        if name.isupper()
        for text in _strings(getattr(module, name))
    ]


def test_the_check_finds_a_copied_sentence():
    source = "One two three four five six seven eight nine ten."
    assert copied_runs(["x One two THREE four five six seven eight y"], [source]) == {
        "one two three four five six seven eight"
    }
    assert copied_runs(["one two three four five six seven nine"], [source]) == set()


def test_demo_text_takes_no_run_of_eight_words_from_the_seeds():
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds, f"the seed documents are expected in {SEEDS}"
    texts = _demo_texts()
    assert sum(len(t) for t in texts) > 20_000
    assert copied_runs(texts, (p.read_text(errors="replace") for p in seeds)) == set()
