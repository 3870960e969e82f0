"""Synthetic local action plans at scale, in their own SQLite database.

    .venv/bin/python bench/plans_data.py [--plans 200] [--nodes 1000000] [--force]

Writes var/bench/plans.sqlite3 (neither the demo database nor the practices'
bench database, so that the plans cases run on their own): 200 public plans of
five years, 2,000 quarterly indicators (half of them disaggregated by province ×
sex × age band: 5 × 2 × 5 = 50 cells), 40,000 observations and 1,000,000
observation cells.  For search, plans of text only (490 nodes each, written in
the five languages of the practices' bench, a fifth of their nodes translated)
bring the plan nodes up to ``--nodes``; every plan, node and indicator is in
the full-text index, filled in bulk (``search.services.index_bulk``) with the
text the services index (``plans.search``'s builders).  Rows are written with
bulk_create and, for the observations and their cells, with executemany; the
same seed gives the same data, and a database made by the same generator from
the same schema is reused.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import accumulate, product
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bench import data  # noqa: E402

DB_PATH = data.BENCH_DIR / "plans.sqlite3"
SEED = data.SEED + 33
#: Bump when the generated data changes, so that old databases are rebuilt.
GENERATOR_VERSION = 2
DEFAULT_PLANS = 200
#: Plan nodes in all (issue 12: search at 1,000,000 plan nodes).
DEFAULT_NODES = 1_000_000
#: The plans of text only: areas, objectives of each, measures of each objective.
TEXT_AREAS, TEXT_OBJECTIVES, TEXT_MEASURES = 10, 4, 11
TEXT_INDICATORS_PER_AREA = 2
TEXT_PLANS_PER_BATCH = 100
#: Share of nodes with a translation (English, or Romanian for English plans).
TRANSLATED_SHARE = 0.2
INDICATORS_PER_PLAN = 10
DISAGGREGATED_PER_PLAN = 5
FIRST_YEAR, LAST_YEAR = 2022, 2026
AREAS, MEASURES_PER_AREA = 5, 3
PROVINCES = 50  # province codes in the code list; each indicator reports 5
PROVINCES_PER_INDICATOR = 5
SEXES = ["F", "M"]
AGES = ["18-24", "25-34", "35-44", "45-54", "55-64"]
AGE_SHARES = [0.18, 0.34, 0.26, 0.15, 0.07]
BATCH = 50_000
#: Ids of the plans of text only and of their places start past these.
DEFAULT_PLANS_OFFSET = 1_000_000
TEXT_PLACE_OFFSET = 300_000

FINGERPRINTED = (
    "src/convivio/*/migrations/*.py",
    "bench/plans_data.py",
    # What the index holds for a plan, a node, an indicator.
    "src/convivio/plans/search.py",
)


def code_fingerprint() -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=12)
    for pattern in FINGERPRINTED:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def wanted_marker(plans: int, nodes: int = DEFAULT_NODES) -> dict:
    return {
        "plans": plans,
        "nodes": nodes,
        "seed": SEED,
        "version": GENERATOR_VERSION,
        "code": code_fingerprint(),
    }


def quarters() -> list[tuple[str, date, date]]:
    from convivio.plans.periods import periods_between

    return [
        (p.key, p.start, p.end)
        for p in periods_between(FIRST_YEAR, LAST_YEAR, "quarterly")
    ]


def text_nodes_per_plan() -> int:
    return TEXT_AREAS * (1 + TEXT_OBJECTIVES * (1 + TEXT_MEASURES))


def text_plan_count(plans: int, nodes: int) -> int:
    """Plans of text only that bring the nodes up to ``nodes`` (or just past)."""
    monitored = plans * AREAS * (2 + MEASURES_PER_AREA)
    per_plan = text_nodes_per_plan()
    return max(0, -(-(nodes - monitored) // per_plan))


def cells_per_observation() -> int:
    return PROVINCES_PER_INDICATOR * len(SEXES) * len(AGES)


def expected_counts(plans: int) -> dict[str, int]:
    periods = (LAST_YEAR - FIRST_YEAR + 1) * 4
    return {
        "plans": plans,
        "indicators": plans * INDICATORS_PER_PLAN,
        "observations": plans * INDICATORS_PER_PLAN * periods,
        "cells": plans * DISAGGREGATED_PER_PLAN * periods * cells_per_observation(),
    }


# --- Rows -----------------------------------------------------------------------------

#: The columns the plans of text give, in the order of their tuples; the others
#: take their defaults (``raw_inserter``).
NODE_COLUMNS = (
    "id",
    "plan_id",
    "parent_id",
    "kind",
    "code",
    "position",
    "theme_id",
    "status",
    "progress",
    "original_language_id",
)
NODE_TEXT_COLUMNS = ("node_id", "language_id", "title", "text")
INDICATOR_COLUMNS = (
    "id",
    "plan_id",
    "node_id",
    "position",
    "code",
    "unit",
    "original_language_id",
)
INDICATOR_TEXT_COLUMNS = ("indicator_id", "language_id", "name", "definition")


def raw_inserter(model, given: tuple[str, ...]) -> Callable[[list[tuple]], None]:
    """Insert rows of ``model`` given as tuples of the ``given`` fields (by
    attname), every other column at its default (timestamps: now), with one
    executemany: a million rows without a million model instances."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    table = model._meta.db_table
    fixed: list[tuple[str, object]] = []
    for f in model._meta.concrete_fields:
        if f.attname in given:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = now
        else:
            value = f.get_default()
        fixed.append((f.column, f.get_db_prep_save(value, connection)))
    columns = [model._meta.get_field(name).column for name in given]
    columns += [column for column, _value in fixed]
    tail: tuple[Any, ...] = tuple(value for _column, value in fixed)
    quote = connection.ops.quote_name
    # Names come from the model's own metadata, never from input.
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )

    def insert(rows: list[tuple]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(sql, [(*row, *tail) for row in rows])

    return insert


class PlanGenerator:
    """Builds every row of the plans; ids are given, so rows can point at each
    other before they are written."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.periods = quarters()

    def reference(self) -> dict:
        """Territories and organisations of the plans, the province code list."""
        from convivio.core.models import Territory
        from convivio.plans.models import Dimension, DimensionValue

        countries = list(
            Territory.objects.filter(
                kind=Territory.Kind.COUNTRY, iso_code__in=list(data.vocab.CITIES)
            ).order_by("iso_code")
        )
        province = Dimension.objects.get(slug="province", territory__isnull=True)
        DimensionValue.objects.bulk_create(
            [
                DimensionValue(
                    dimension=province,
                    code=f"BP{i:02d}",
                    label=f"Province {i:02d}",
                    position=i,
                )
                for i in range(1, PROVINCES + 1)
            ]
        )
        values = {
            slug: {
                v.code: v.pk
                for v in DimensionValue.objects.filter(
                    dimension__slug=slug, dimension__territory__isnull=True
                )
            }
            for slug in ("province", "sex", "age")
        }
        dimensions = {
            d.slug: d.pk
            for d in Dimension.objects.filter(
                territory__isnull=True, slug__in=["province", "sex", "age"]
            )
        }
        return {
            "countries": countries,
            "values": values,
            "dimensions": dimensions,
        }

    def plans(self, count: int) -> dict[str, list]:
        from convivio.core.models import Organisation, Territory
        from convivio.plans.models import (
            Indicator,
            IndicatorDimension,
            IndicatorTranslation,
            Plan,
            PlanNode,
            PlanNodeTranslation,
            PlanTranslation,
            Responsibility,
            Target,
        )

        rng = self.rng
        ref = self.ref = self.reference()
        countries = ref["countries"]
        out: dict[str, list] = {
            key: []
            for key in (
                "territories",
                "organisations",
                "plans",
                "plan_texts",
                "nodes",
                "node_texts",
                "responsibilities",
                "indicators",
                "indicator_texts",
                "links",
                "link_values",
                "targets",
            )
        }
        node_id = indicator_id = link_id = 0
        statuses = ["planned", "in_progress", "in_progress", "done", "dropped"]
        for p in range(1, count + 1):
            country = countries[p % len(countries)]
            out["territories"].append(
                Territory(
                    id=100_000 + p,
                    name=f"Bench town {p}",
                    kind=Territory.Kind.MUNICIPALITY,
                    parent=country,
                    country_code=country.iso_code,
                )
            )
            out["organisations"].append(
                Organisation(
                    id=100_000 + p,
                    name=f"Bench town council {p}",
                    slug=f"bench-plan-org-{p}",
                    kind="public_authority",
                    territory_id=100_000 + p,
                    original_language_id="en",
                )
            )
            out["plans"].append(
                Plan(
                    id=p,
                    status=Plan.Status.MONITORING,
                    territory_id=100_000 + p,
                    organisation_id=100_000 + p,
                    start_year=FIRST_YEAR,
                    end_year=LAST_YEAR,
                    template="pmii",
                    source_key=f"bench:plan:{p}",
                    original_language_id="en",
                )
            )
            out["plan_texts"].append(
                PlanTranslation(
                    plan_id=p,
                    language_id="en",
                    title=f"Local integration plan of bench town {p}",
                    summary="A synthetic plan of the benchmark.",
                )
            )
            measures: list[int] = []
            for a in range(AREAS):
                node_id += 1
                area = node_id
                out["nodes"].append(
                    PlanNode(
                        id=area,
                        plan_id=p,
                        kind=PlanNode.Kind.AREA,
                        code=str(a + 1),
                        position=a,
                        original_language_id="en",
                    )
                )
                node_id += 1
                objective = node_id
                out["nodes"].append(
                    PlanNode(
                        id=objective,
                        plan_id=p,
                        parent_id=area,
                        kind=PlanNode.Kind.OBJECTIVE,
                        code=f"{a + 1}.1",
                        position=0,
                        original_language_id="en",
                    )
                )
                for m in range(MEASURES_PER_AREA):
                    node_id += 1
                    start = date(rng.randint(FIRST_YEAR, LAST_YEAR - 1), 1, 1)
                    needs = rng.random() < 0.4
                    out["nodes"].append(
                        PlanNode(
                            id=node_id,
                            plan_id=p,
                            parent_id=objective,
                            kind=PlanNode.Kind.MEASURE,
                            code=f"{a + 1}.1.{m + 1}",
                            position=m,
                            priority=rng.choice((1, 2)),
                            needs_financing=needs,
                            budget_amount=Decimal(rng.randrange(2_000, 90_000, 500)),
                            funding_source=rng.choice(
                                ("AMIF", "Municipal budget", "ESF+", "")
                            ),
                            start_date=start,
                            end_date=date(min(LAST_YEAR, start.year + 2), 12, 31),
                            status=rng.choice(statuses),
                            progress=rng.randrange(0, 101, 5),
                            original_language_id="en",
                        )
                    )
                    out["responsibilities"].append(
                        Responsibility(
                            node_id=node_id, organisation_id=100_000 + p, role="lead"
                        )
                    )
                    measures.append(node_id)
            for node in out["nodes"][-AREAS * (2 + MEASURES_PER_AREA) :]:
                out["node_texts"].append(
                    PlanNodeTranslation(
                        node_id=node.id,
                        language_id="en",
                        title=f"Bench {node.kind} {node.code} of plan {p}",
                    )
                )
            for i in range(INDICATORS_PER_PLAN):
                indicator_id += 1
                baseline = rng.randint(20, 200)
                out["indicators"].append(
                    Indicator(
                        id=indicator_id,
                        plan_id=p,
                        node_id=measures[i % len(measures)],
                        position=i // len(measures),
                        code=f"I{i + 1}",
                        unit="people",
                        baseline_value=Decimal(baseline),
                        baseline_date=date(FIRST_YEAR - 1, 12, 31),
                        target_value=Decimal(baseline * 2),
                        target_date=date(LAST_YEAR, 12, 31),
                        frequency=Indicator.Frequency.QUARTERLY,
                        reporting_organisation_id=100_000 + p,
                        original_language_id="en",
                    )
                )
                out["indicator_texts"].append(
                    IndicatorTranslation(
                        indicator_id=indicator_id,
                        language_id="en",
                        name=f"People reached by measure {i + 1} of plan {p}",
                    )
                )
                for year in range(FIRST_YEAR, LAST_YEAR + 1):
                    out["targets"].append(
                        Target(
                            indicator_id=indicator_id,
                            period=f"{year}-Q4",
                            value=Decimal(
                                baseline * (1 + (year - FIRST_YEAR + 1) / 5) // 4
                            ),
                        )
                    )
                if i < DISAGGREGATED_PER_PLAN:
                    provinces = rng.sample(
                        sorted(ref["values"]["province"]), PROVINCES_PER_INDICATOR
                    )
                    for position, (slug, codes) in enumerate(
                        (("province", provinces), ("sex", SEXES), ("age", AGES))
                    ):
                        link_id += 1
                        out["links"].append(
                            IndicatorDimension(
                                id=link_id,
                                indicator_id=indicator_id,
                                dimension_id=ref["dimensions"][slug],
                                position=position,
                            )
                        )
                        through = IndicatorDimension.values.through
                        out["link_values"] += [
                            through(
                                indicatordimension_id=link_id,
                                dimensionvalue_id=ref["values"][slug][code],
                            )
                            for code in codes
                        ]
        return out

    def monitored_documents(self, rows: dict[str, list]) -> list:
        """The index rows of the monitored plans, their nodes and indicators."""
        from convivio.plans.search import (
            indicator_documents_build,
            node_documents_build,
            plan_documents_build,
        )

        place = {t.id: t.name for t in rows["territories"]}
        organisation = {o.id: o.name for o in rows["organisations"]}
        plan_place = {p.id: place[p.territory_id] for p in rows["plans"]}
        texts = {t.plan_id: t for t in rows["plan_texts"]}
        documents = []
        for plan in rows["plans"]:
            documents += plan_documents_build(
                plan_id=plan.id,
                rows=[texts[plan.id]],
                place=plan_place[plan.id],
                organisation=organisation[plan.organisation_id],
                themes=[],
            )
        node_plan = {n.id: n.plan_id for n in rows["nodes"]}
        for text in rows["node_texts"]:
            documents += node_documents_build(
                node_id=text.node_id,
                rows=[(text.language_id, text.title, text.text)],
                place=plan_place[node_plan[text.node_id]],
            )
        unit = {i.id: (i.unit, i.plan_id) for i in rows["indicators"]}
        for text in rows["indicator_texts"]:
            ind_unit, plan_id = unit[text.indicator_id]
            documents += indicator_documents_build(
                indicator_id=text.indicator_id,
                rows=[(text.language_id, text.name, text.definition)],
                unit=ind_unit,
                place=plan_place[plan_id],
            )
        return documents

    def text_plans(self, first: int, count: int, ids: dict[str, int]) -> dict:
        """Plans of text only, numbered ``first``…: multilingual areas,
        objectives and measures with indicators, and their index rows. ``ids``
        holds the last ids given, and moves on."""
        from convivio.core.models import Territory
        from convivio.plans.models import Plan, PlanNode, PlanTranslation
        from convivio.plans.search import (
            indicator_documents_build,
            node_documents_build,
            plan_documents_build,
        )

        rng = self.rng
        if not hasattr(self, "languages"):
            from convivio.core.models import Theme

            self.languages = {
                code: data.Language(code, rng) for code in data.vocab.LANGUAGE_SHARES
            }
            self.language_cum = list(accumulate(data.vocab.LANGUAGE_SHARES.values()))
            self.countries = {t.iso_code: t for t in self.ref["countries"]}
            self.themes = list(Theme.objects.order_by("id").values_list("id", "name"))
        codes = list(self.languages)
        statuses = ["draft"] + ["adopted"] * 5 + ["monitoring"] * 4
        measure_statuses = ["planned", "in_progress", "in_progress", "done", "dropped"]
        out: dict[str, list] = {
            key: []
            for key in (
                "territories",
                "plans",
                "plan_texts",
                "plan_themes",
                "nodes",
                "node_texts",
                "indicators",
                "indicator_texts",
                "documents",
            )
        }

        def texts(language: str, title: str, text: str) -> list[tuple[str, str, str]]:
            """The original, and a translation for some (words of the other
            language: the index only needs each language's own text)."""
            rows = [(language, title, text)]
            if rng.random() < TRANSLATED_SHARE:
                other = "ro" if language == "en" else "en"
                words = self.languages[other]
                rows.append(
                    (
                        other,
                        words.phrase(rng, 3, 8),
                        words.sentence(rng, 10, 24) if text else "",
                    )
                )
            return rows

        for p in range(first, first + count):
            plan_id = DEFAULT_PLANS_OFFSET + p
            language = rng.choices(codes, cum_weights=self.language_cum)[0]
            words = self.languages[language]
            countries, weights = zip(
                *data.vocab.LANGUAGE_COUNTRIES[language], strict=True
            )
            country = self.countries[rng.choices(countries, weights)[0]]
            city = f"{rng.choice(data.vocab.CITIES[country.iso_code])} {p}"
            out["territories"].append(
                Territory(
                    id=TEXT_PLACE_OFFSET + p,
                    name=city,
                    kind=Territory.Kind.MUNICIPALITY,
                    parent=country,
                    country_code=country.iso_code,
                )
            )
            out["plans"].append(
                Plan(
                    id=plan_id,
                    status=rng.choice(statuses),
                    territory_id=TEXT_PLACE_OFFSET + p,
                    start_year=FIRST_YEAR,
                    end_year=LAST_YEAR,
                    source_key=f"bench:text-plan:{p}",
                    original_language_id=language,
                )
            )
            title = (
                f"{words.phrase(rng, 3, 6)} {data.CITY_PREPOSITION[language]} {city}"
            )
            plan_text = PlanTranslation(
                plan_id=plan_id,
                language_id=language,
                title=title,
                summary=words.paragraph(rng, 1, 2),
            )
            out["plan_texts"].append(plan_text)
            themes = rng.sample(self.themes, 2)
            out["plan_themes"] += [
                Plan.themes.through(plan_id=plan_id, theme_id=theme_id)
                for theme_id, _name in themes
            ]
            out["documents"] += plan_documents_build(
                plan_id=plan_id,
                rows=[plan_text],
                place=city,
                organisation="",
                themes=[name for _id, name in themes],
            )

            def node(
                kind: str,
                code: str,
                position: int,
                parent: int | None,
                theme: tuple[int, str],
                text: str = "",
                *,
                plan_id: int = plan_id,
                language: str = language,
                words: data.Language = words,
                city: str = city,
            ) -> int:
                ids["node"] += 1
                measure = kind == PlanNode.Kind.MEASURE
                # Tuples in NODE_COLUMNS' order (model instances cost twice
                # the time of the whole generation).
                out["nodes"].append(
                    (
                        ids["node"],
                        plan_id,
                        parent,
                        kind,
                        code,
                        position,
                        theme[0],
                        rng.choice(measure_statuses) if measure else "",
                        rng.randrange(0, 101, 5) if measure else None,
                        language,
                    )
                )
                rows = texts(language, words.phrase(rng, 3, 8), text)
                out["node_texts"] += [(ids["node"], *row) for row in rows]
                out["documents"] += node_documents_build(
                    node_id=ids["node"], rows=rows, place=city, theme=theme[1]
                )
                return ids["node"]

            for a in range(TEXT_AREAS):
                theme = rng.choice(self.themes)
                area = node(PlanNode.Kind.AREA, str(a + 1), a, None, theme)
                objectives = []
                for o in range(TEXT_OBJECTIVES):
                    objective = node(
                        PlanNode.Kind.OBJECTIVE, f"{a + 1}.{o + 1}", o, area, theme
                    )
                    objectives.append(objective)
                    for m in range(TEXT_MEASURES):
                        node(
                            PlanNode.Kind.MEASURE,
                            f"{a + 1}.{o + 1}.{m + 1}",
                            m,
                            objective,
                            theme,
                            words.sentence(rng, 10, 24),
                        )
                for i in range(TEXT_INDICATORS_PER_AREA):
                    ids["indicator"] += 1
                    out["indicators"].append(
                        (
                            ids["indicator"],
                            plan_id,
                            objectives[i % len(objectives)],
                            i,
                            f"I{a + 1}.{i + 1}",
                            "people",
                            language,
                        )
                    )
                    rows = texts(language, words.phrase(rng, 3, 8), "")
                    out["indicator_texts"] += [(ids["indicator"], *row) for row in rows]
                    out["documents"] += indicator_documents_build(
                        indicator_id=ids["indicator"],
                        rows=rows,
                        unit="people",
                        place=city,
                        theme=theme[1],
                    )
        return out

    def observations(self, indicators: list, links: dict[int, list[str]]):
        """Rows of the observation and cell tables, as parameter tuples."""
        from convivio.plans.cells import cell_key

        rng = self.rng
        reported = datetime(LAST_YEAR, 11, 1, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S")
        observation_id = 0
        observations: list[tuple] = []
        cells: list[tuple] = []
        for indicator in indicators:
            provinces = links.get(indicator.id)
            level = float(indicator.baseline_value) / 4
            for key, start, end in self.periods:
                observation_id += 1
                level *= 1 + rng.uniform(-0.05, 0.09)
                draw = rng.random()
                status = (
                    "validated"
                    if draw < 0.9
                    else "submitted"
                    if draw < 0.98
                    else "returned"
                )
                if provinces:
                    total = 0
                    p_shares = [rng.random() + 0.2 for _ in provinces]
                    p_sum = sum(p_shares)
                    for (pi, province), (si, sex), (ai, age) in product(
                        enumerate(provinces), enumerate(SEXES), enumerate(AGES)
                    ):
                        share = (
                            p_shares[pi]
                            / p_sum
                            * (0.55 if si == 0 else 0.45)
                            * AGE_SHARES[ai]
                        )
                        value = int(level * 4 * share + rng.random())
                        total += value
                        cells.append(
                            (
                                observation_id,
                                cell_key(
                                    {"province": province, "sex": sex, "age": age}
                                ),
                                value,
                            )
                        )
                else:
                    total = int(level)
                observations.append(
                    (
                        observation_id,
                        indicator.id,
                        key,
                        start.isoformat(),
                        end.isoformat(),
                        total,
                        "",
                        True,
                        status,
                        "Please check the total." if status == "returned" else "",
                        indicator.reporting_organisation_id,
                        reported,
                        reported if status == "validated" else None,
                        1,
                    )
                )
        return observations, cells


# --- The database ---------------------------------------------------------------------


def generate(
    plans: int, log: Callable[[str], None] = print, nodes: int = DEFAULT_NODES
) -> dict:
    """Build the database from nothing (django.setup must have run)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from convivio.core.models import Organisation, Territory
    from convivio.plans.models import (
        Indicator,
        IndicatorDimension,
        IndicatorTranslation,
        Observation,
        ObservationValue,
        Plan,
        PlanNode,
        PlanNodeTranslation,
        PlanTranslation,
        Responsibility,
        Target,
    )
    from convivio.search.services import index_bulk, index_version_bump

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"  schema ready ({time.perf_counter() - started:.1f} s)")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-1000000")
        cursor.execute("PRAGMA temp_store=MEMORY")
    gen = PlanGenerator(random.Random(SEED))
    timings: dict[str, float] = {}
    with transaction.atomic():
        t0 = time.perf_counter()
        rows = gen.plans(plans)
        Territory.objects.bulk_create(rows["territories"])
        Organisation.objects.bulk_create(rows["organisations"])
        Plan.objects.bulk_create(rows["plans"])
        PlanTranslation.objects.bulk_create(rows["plan_texts"])
        PlanNode.objects.bulk_create(rows["nodes"], batch_size=2_000)
        PlanNodeTranslation.objects.bulk_create(rows["node_texts"], batch_size=2_000)
        Responsibility.objects.bulk_create(rows["responsibilities"], batch_size=2_000)
        Indicator.objects.bulk_create(rows["indicators"], batch_size=2_000)
        IndicatorTranslation.objects.bulk_create(
            rows["indicator_texts"], batch_size=2_000
        )
        IndicatorDimension.objects.bulk_create(rows["links"], batch_size=2_000)
        IndicatorDimension.values.through.objects.bulk_create(
            rows["link_values"], batch_size=5_000
        )
        Target.objects.bulk_create(rows["targets"], batch_size=5_000)
        timings["plans"] = time.perf_counter() - t0
        log(
            f"  {plans} plans, {len(rows['nodes']):,} nodes, "
            f"{len(rows['indicators']):,} indicators "
            f"({timings['plans']:.1f} s)"
        )
        t0 = time.perf_counter()
        index_bulk(documents=gen.monitored_documents(rows), bump=False)
        timings["index"] = time.perf_counter() - t0
        text = fill_text_plans(gen, plans, nodes, timings, log)

        t0 = time.perf_counter()
        province_codes: dict[int, list[str]] = {}
        code_of = {pk: code for code, pk in gen.ref["values"]["province"].items()}
        province_links = {
            link.id: link.indicator_id
            for link in rows["links"]
            if link.position == 0  # the province dimension comes first
        }
        for value in rows["link_values"]:
            indicator = province_links.get(value.indicatordimension_id)
            if indicator is not None:
                province_codes.setdefault(indicator, []).append(
                    code_of[value.dimensionvalue_id]
                )
        observations, cells = gen.observations(rows["indicators"], province_codes)
        timings["generate"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        o_table = Observation._meta.db_table
        v_table = ObservationValue._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {o_table} (id, indicator_id, period, period_start, "
                "period_end, value, narrative, cells_complete, status, comment, "
                "organisation_id, reported_at, validated_at, version) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                observations,
            )
            for first in range(0, len(cells), BATCH):
                cursor.executemany(
                    f"INSERT INTO {v_table} (observation_id, cell, value) "
                    "VALUES (%s, %s, %s)",
                    cells[first : first + BATCH],
                )
        timings["insert"] = time.perf_counter() - t0
        log(
            f"  {len(observations):,} observations, {len(cells):,} cells "
            f"(generated {timings['generate']:.1f} s, "
            f"inserted {timings['insert']:.1f} s)"
        )
        for kind in ("plan", "node", "indicator"):
            index_version_bump(kind=kind)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        for kind in ("plan", "node", "indicator"):
            # One b-tree per table instead of one per batch: matches read fewer.
            cursor.execute(
                f"INSERT INTO search_fts_{kind}(search_fts_{kind}) VALUES('optimize')"
            )
        cursor.execute("ANALYZE")
    timings["optimize"] = time.perf_counter() - t0
    seconds = time.perf_counter() - started
    marker = {
        **wanted_marker(plans, nodes),
        "counts": {
            "plans": plans,
            "text_plans": text["plans"],
            "nodes": len(rows["nodes"]) + text["nodes"],
            "search_entries": text["entries"],
            "indicators": len(rows["indicators"]),
            "observations": len(observations),
            "cells": len(cells),
        },
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "timings": {k: round(v, 1) for k, v in timings.items()},
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_meta (key TEXT PRIMARY KEY, value TEXT)")
        cursor.execute(
            "INSERT INTO bench_meta (key, value) VALUES ('marker', %s)",
            [json.dumps(marker)],
        )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return marker


def fill_text_plans(
    gen: PlanGenerator,
    plans: int,
    nodes: int,
    timings: dict[str, float],
    log: Callable[[str], None],
) -> dict[str, int]:
    """The plans of text only, written and indexed batch by batch (so that
    memory holds one batch); returns how many plans, nodes and index rows."""
    from django.db.models import Max

    from convivio.core.models import Territory
    from convivio.plans.models import (
        Indicator,
        IndicatorTranslation,
        Plan,
        PlanNode,
        PlanNodeTranslation,
        PlanTranslation,
    )
    from convivio.search.models import SearchEntry
    from convivio.search.services import index_bulk

    total = text_plan_count(plans, nodes)
    ids = {
        "node": PlanNode.objects.aggregate(m=Max("id"))["m"] or 0,
        "indicator": Indicator.objects.aggregate(m=Max("id"))["m"] or 0,
    }
    made = {"plans": 0, "nodes": 0}
    inserters = {
        "nodes": raw_inserter(PlanNode, NODE_COLUMNS),
        "node_texts": raw_inserter(PlanNodeTranslation, NODE_TEXT_COLUMNS),
        "indicators": raw_inserter(Indicator, INDICATOR_COLUMNS),
        "indicator_texts": raw_inserter(IndicatorTranslation, INDICATOR_TEXT_COLUMNS),
    }
    for key in ("text_generate", "text_insert", "text_index"):
        timings.setdefault(key, 0.0)
    started = time.perf_counter()
    for first in range(1, total + 1, TEXT_PLANS_PER_BATCH):
        count = min(TEXT_PLANS_PER_BATCH, total - first + 1)
        t0 = time.perf_counter()
        rows = gen.text_plans(first, count, ids)
        t1 = time.perf_counter()
        Territory.objects.bulk_create(rows["territories"])
        Plan.objects.bulk_create(rows["plans"])
        PlanTranslation.objects.bulk_create(rows["plan_texts"])
        Plan.themes.through.objects.bulk_create(rows["plan_themes"])
        for key, insert in inserters.items():
            insert(rows[key])
        t2 = time.perf_counter()
        index_bulk(documents=rows["documents"], bump=False)
        t3 = time.perf_counter()
        timings["text_generate"] += t1 - t0
        timings["text_insert"] += t2 - t1
        timings["text_index"] += t3 - t2
        made["plans"] += count
        made["nodes"] += len(rows["nodes"])
        if made["plans"] % 500 < TEXT_PLANS_PER_BATCH or made["plans"] == total:
            log(
                f"  {made['plans']:,} plans of text, {made['nodes']:,} nodes "
                f"({time.perf_counter() - started:.0f} s: generated "
                f"{timings['text_generate']:.0f} s, inserted "
                f"{timings['text_insert']:.0f} s, indexed "
                f"{timings['text_index']:.0f} s)"
            )
    made["entries"] = SearchEntry.objects.filter(
        kind__in=["plan", "node", "indicator"]
    ).count()
    return made


def ensure(
    plans: int = DEFAULT_PLANS,
    *,
    force: bool = False,
    db_path: Path = DB_PATH,
    log: Callable[[str], None] = print,
    nodes: int = DEFAULT_NODES,
) -> dict:
    """Make sure the plans database holds ``plans`` plans and ``nodes`` plan
    nodes; set Django up on it."""
    marker = None if force else data.read_marker(db_path)
    wanted = wanted_marker(plans, nodes)
    if marker and all(marker.get(k) == v for k, v in wanted.items()):
        data.setup_django(db_path)
        log(
            f"Reusing {db_path} ({plans} plans, {marker['counts']['cells']:,} "
            f"cells, made {marker['created']})."
        )
        return marker
    if marker and marker.get("code") != wanted["code"]:
        log("The schema or the plans generator changed since the data was made.")
    counts = expected_counts(plans)
    log(
        f"Generating {plans} plans, {counts['indicators']:,} indicators, "
        f"{counts['observations']:,} observations and {counts['cells']:,} cells, "
        f"plans of text up to {nodes:,} plan nodes, into {db_path} …"
    )
    data._remove(db_path)
    data.setup_django(db_path)
    marker = generate(plans, log, nodes)
    log(f"Generated in {marker['seconds']:.0f} s.")
    return marker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=DEFAULT_PLANS)
    parser.add_argument("--nodes", type=int, default=DEFAULT_NODES)
    parser.add_argument("--force", action="store_true", help="rebuild even if present")
    parser.add_argument(
        "--db", type=Path, default=DB_PATH, help="another database file (a trial)"
    )
    args = parser.parse_args()
    ensure(args.plans, force=args.force, nodes=args.nodes, db_path=args.db)


if __name__ == "__main__":
    main()
