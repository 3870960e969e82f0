"""The local diagnosis of a territory.

For a territory and the places inside it (the Territory tree; a service is in the
territory when one of its locations is): the organisations and services present
by theme, target group and language (counts, and a theme × language matrix); the
gaps (themes, target groups and languages of the platform's lists with no active
service, and languages the territory's survey respondents speak with no service);
the needs named by surveys (ranked issues) and by the territory's plans (themes of
plans and of their areas and measures) set against that coverage; the measures of
the territory's plans with no responsible entity.

Every read is one query over the whole territory (no query per row).
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from convivio.core.models import Language, Organisation, TargetGroup, Territory, Theme
from convivio.core.printing import Piece, html_to_pdf, language_names, pieces
from convivio.core.suppression import protect
from convivio.plans.models import Plan, PlanNode, Responsibility
from convivio.plans.permissions import visible_plans
from convivio.surveys.models import Answer, Choice, Question
from convivio.surveys.results import issue_questions, oneway_hidden, ranked_issues

from .models import Service, ServiceAtLocation
from .selectors import territory_ids

#: Published counts of survey respondents below this are not shown.
SMALL_CELL = 5


@dataclass
class Coverage:
    """One theme, target group or language with its services and organisations."""

    key: str
    label: str
    services: int = 0
    organisations: int = 0

    @property
    def gap(self) -> bool:
        return self.services == 0


@dataclass
class Need:
    """A need named by a survey or a plan, set against the services that answer it."""

    source: str  # "survey" or "plan"
    label: str
    theme: Theme | None
    services: int | None  # None: the need is not tied to a theme
    rank: int = 0
    #: Surveys: Borda points, what the rank follows (see ``Diagnosis.point_scale``).
    points: int = 0
    mentions: int = 0  # surveys: people who placed it; plans: areas and measures
    #: Hidden as on the survey's published results (fewer than SMALL_CELL
    #: people, or so that those cannot be worked out): neither the count nor
    #: the points (which would give it away) are published.
    hidden: bool = False
    #: Only the points are hidden (they would give hidden first places away).
    points_hidden: bool = False

    @property
    def uncovered(self) -> bool:
        return self.services == 0


@dataclass
class OpenMeasure:
    """A measure of a plan of the territory with no responsible entity."""

    plan: Plan
    node: PlanNode
    code: str
    title: str
    #: The title as documents show it: its language, marked when not translated.
    title_piece: Piece | None = None


@dataclass
class Diagnosis:
    territory: Territory
    places: int
    services: int
    organisations: list[tuple[Organisation, int]]
    themes: list[Coverage]
    target_groups: list[Coverage]
    languages: list[Coverage]
    #: rows: themes (those with services), columns: languages (those with
    #: services); cells: count of services with that theme speaking that language.
    matrix_columns: list[Coverage]
    matrix: list[tuple[Coverage, list[int]]]
    #: Languages survey respondents named that no service speaks.
    respondent_languages: list[tuple[Language, int]] = field(default_factory=list)
    survey_needs: list[Need] = field(default_factory=list)
    #: How many places the ranking questions ask for (3: a first choice earns 3
    #: points, a second 2, a third 1); several when the surveys differ.
    point_scales: list[int] = field(default_factory=list)
    plan_needs: list[Need] = field(default_factory=list)
    open_measures: list[OpenMeasure] = field(default_factory=list)
    made_on: date = field(default_factory=date.today)

    @property
    def theme_gaps(self) -> list[Coverage]:
        return [row for row in self.themes if row.gap]

    @property
    def target_group_gaps(self) -> list[Coverage]:
        return [row for row in self.target_groups if row.gap]

    @property
    def language_gaps(self) -> list[Coverage]:
        return [row for row in self.languages if row.gap]

    @property
    def respondent_language_gaps(self) -> list[tuple[str, int]]:
        """(language name, people) of languages respondents speak, no service does."""
        spoken = {row.key for row in self.languages if not row.gap}
        return [
            (language_name(lang.code, lang.name), count)
            for lang, count in self.respondent_languages
            if lang.code not in spoken
        ]

    @property
    def matrix_parts(
        self,
    ) -> list[tuple[list[Coverage], list[tuple[Coverage, list[int]]]]]:
        """The matrix cut into tables of six languages (a printed page's width)."""
        size = 6
        return [
            (
                self.matrix_columns[start : start + size],
                [(row, counts[start : start + size]) for row, counts in self.matrix],
            )
            for start in range(0, len(self.matrix_columns), size)
        ]

    @property
    def points_meaning(self) -> str:
        return points_meaning(self)

    @property
    def point_scale(self) -> list[tuple[int, int]]:
        """(place, points) of the ranking, when every survey asks for the same
        number of places: [(1, 3), (2, 2), (3, 1)]."""
        if len(self.point_scales) != 1:
            return []
        size = self.point_scales[0]
        return [(place, size + 1 - place) for place in range(1, size + 1)]


def language_name(code: str, fallback: str) -> str:
    """A language's name in the page's language (Django's own translated names);
    ``fallback`` (the Language row's English name) for languages Django lacks.
    Capitalised: it heads a row, while catalogues write names as in running text."""
    try:
        return capfirst(str(get_language_info(code)["name_translated"]))
    except KeyError:
        return fallback


def _coverage(
    items: list[tuple[str, str]],
    pairs: list[tuple[int, str]],
    service_org: dict[int, int],
) -> list[Coverage]:
    services: dict[str, set[int]] = defaultdict(set)
    for service_id, key in pairs:
        services[key].add(service_id)
    rows = [
        Coverage(
            key=key,
            label=label,
            services=len(services[key]),
            organisations=len({service_org[s] for s in services[key]}),
        )
        for key, label in items
    ]
    rows.sort(key=lambda row: (-row.services, row.label.casefold()))
    return rows


def _theme_for(label: str, value: str, themes: dict[str, Theme]) -> Theme | None:
    """The theme an issue names: its value or label is a theme's slug or name."""
    for key in (value, slugify(label)):
        if key in themes:
            return themes[key]
    by_name = {slugify(theme.name): theme for theme in themes.values()}
    return by_name.get(slugify(label)) or by_name.get(slugify(value))


def _survey_needs(
    places: set[int], themes: dict[str, Theme], theme_services: Counter
) -> tuple[list[Need], list[int]]:
    """Ranked issues of the territory's open and closed surveys (ranking questions
    that rank issues): Borda points, as the place's issues elsewhere — with N
    places to fill, a first choice earns N points, the N-th 1.  Also the Ns used."""
    questions = list(
        issue_questions(places).annotate(options=Count("choices")).order_by("pk")
    )
    if not questions:
        return [], []
    sizes = {q.rank_count or q.options or 1 for q in questions}
    # The same sums and the same hidden counts as the place's issues: what a
    # survey's published results hide stays hidden here (surveys.results).
    needs = []
    for issue in ranked_issues(questions):
        theme = _theme_for(issue.label, issue.value, themes)
        needs.append(
            Need(
                source="survey",
                label=issue.label,
                theme=theme,
                services=theme_services[theme.slug] if theme else None,
                points=issue.points,
                mentions=issue.mentions,
                hidden=issue.hidden,
                points_hidden=issue.points_hidden,
            )
        )
    needs.sort(key=lambda n: (-n.points, -n.mentions, n.label))
    for rank, need in enumerate(needs, start=1):
        need.rank = rank
    return needs, sorted(sizes)


def _respondent_languages(places: set[int]) -> list[tuple[Language, int]]:
    """Languages survey respondents said they speak: answers to choice questions
    whose name speaks of language and whose values are language codes."""
    languages = {lang.code: lang for lang in Language.objects.all()}
    counts: Counter = Counter()
    per_question: dict[int, Counter] = defaultdict(Counter)
    answered: Counter = Counter()
    for question_id, text, values in Answer.objects.filter(
        question__survey__territory_id__in=places,
        question__kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE],
        question__name__icontains="lang",
    ).values_list("question_id", "text", "values"):
        answered[question_id] += 1
        picked = {text, *(values or [])} if text else set(values or [])
        per_question[question_id].update(picked)
        for code in picked:
            if code in languages:
                counts[code] += 1
    # What a survey's published results hide stays hidden in the sums (a sum
    # minus the other surveys' shown counts would give it back), and the sums
    # get complements of their own.
    hidden: set[str] = set()
    if per_question:
        choices: dict[int, list[Choice]] = defaultdict(list)
        # Their labels (the original rows) name the options.
        for choice in (
            Choice.objects.filter(question_id__in=per_question)
            .prefetch_related("translations")
            .order_by("question_id", "position", "id")
        ):
            choices[choice.question_id].append(choice)
        for question in Question.objects.filter(pk__in=per_question):
            values = oneway_hidden(
                question,
                choices[question.pk],
                per_question[question.pk],
                answered[question.pk],
            )
            hidden |= set(per_question[question.pk]) if values is None else values
    hidden = protect(
        dict(counts.most_common()),
        [[(code, 1) for code in counts] + [("total", -1)]],
        SMALL_CELL,
        hidden=hidden & set(counts),
    )
    return [
        (languages[code], count)
        for code, count in counts.most_common()
        if code not in hidden
    ]


def _public_plans(places: set[int]) -> QuerySet[Plan]:
    """The plans of the places that anybody may read: the diagnosis is public, so
    drafts stay with their team (plans.permissions.visible_plans's rule)."""
    return visible_plans(AnonymousUser(), Plan.objects.filter(territory_id__in=places))


def _plan_needs(
    places: set[int], themes_by_id: dict[int, Theme], theme_services: Counter
) -> list[Need]:
    plans = _public_plans(places)
    mentions: Counter = Counter()
    for theme_id in Plan.themes.through.objects.filter(plan__in=plans).values_list(
        "theme_id", flat=True
    ):
        mentions[theme_id] += 1
    for theme_id in PlanNode.objects.filter(
        plan__in=plans, deleted_at__isnull=True, theme__isnull=False
    ).values_list("theme_id", flat=True):
        mentions[theme_id] += 1
    needs = [
        Need(
            source="plan",
            label=themes_by_id[theme_id].label,
            theme=themes_by_id[theme_id],
            services=theme_services[themes_by_id[theme_id].slug],
            mentions=count,
        )
        for theme_id, count in mentions.items()
        if theme_id in themes_by_id
    ]
    needs.sort(key=lambda n: (-n.mentions, n.label))
    for rank, need in enumerate(needs, start=1):
        need.rank = rank
    return needs


def _open_measures(places: set[int], language: str | None) -> list[OpenMeasure]:
    nodes = list(
        PlanNode.objects.filter(
            plan__in=_public_plans(places),
            kind=PlanNode.Kind.MEASURE,
            deleted_at__isnull=True,
        )
        .exclude(status=PlanNode.Status.DROPPED)
        .filter(~Exists(Responsibility.objects.filter(node_id=OuterRef("pk"))))
        .select_related("plan")
        .prefetch_related("translations", "plan__translations")
        .order_by("plan_id", "id")
    )
    rows = []
    names = language_names(
        {row.language_id for n in nodes for row in n.translations.all()}
    )
    for node in nodes:
        title = pieces(node, language or node.original_language_id, ("title",), names)
        rows.append(
            OpenMeasure(
                plan=node.plan,
                node=node,
                code=node.code,
                title=str(title["title"]) or node.code,
                title_piece=title["title"] if title["title"] else None,
            )
        )
    return rows


def territory_diagnosis(
    territory: Territory, *, language: str | None = None
) -> Diagnosis:
    """The diagnosis of ``territory`` and the places inside it (bounded queries)."""
    places = territory_ids(territory.pk)
    service_org = dict(
        Service.objects.filter(
            status=Service.Status.ACTIVE,
            pk__in=ServiceAtLocation.objects.filter(
                location__territory_id__in=places
            ).values("service_id"),
        ).values_list("pk", "organisation_id")
    )
    present = Service.objects.filter(
        status=Service.Status.ACTIVE,
        pk__in=ServiceAtLocation.objects.filter(
            location__territory_id__in=places
        ).values("service_id"),
    ).values("pk")
    theme_pairs = list(
        Service.themes.through.objects.filter(service_id__in=present).values_list(
            "service_id", "theme__slug"
        )
    )
    group_pairs = list(
        Service.target_groups.through.objects.filter(
            service_id__in=present
        ).values_list("service_id", "targetgroup__slug")
    )
    language_pairs = list(
        Service.languages.through.objects.filter(service_id__in=present).values_list(
            "service_id", "language_id"
        )
    )
    all_themes = list(Theme.objects.all())
    themes = _coverage(
        [(t.slug, t.label) for t in all_themes], theme_pairs, service_org
    )
    target_groups = _coverage(
        [(g.slug, g.label) for g in TargetGroup.objects.only("slug", "name")],
        group_pairs,
        service_org,
    )
    languages = _coverage(
        [
            (code, language_name(code, name))
            for code, name in Language.objects.values_list("code", "name")
        ],
        language_pairs,
        service_org,
    )
    # Theme × language matrix.
    service_languages: dict[int, set[str]] = defaultdict(set)
    for service_id, code in language_pairs:
        service_languages[service_id].add(code)
    cells: Counter = Counter()
    for service_id, slug in theme_pairs:
        for code in service_languages[service_id]:
            cells[slug, code] += 1
    columns = [row for row in languages if not row.gap]
    matrix = [
        (row, [cells[row.key, col.key] for col in columns])
        for row in themes
        if not row.gap
    ]
    per_org = Counter(service_org.values())
    organisations = sorted(
        (
            (org, per_org[org.pk])
            for org in Organisation.objects.filter(pk__in=list(per_org))
        ),
        key=lambda pair: (-pair[1], pair[0].name.casefold()),
    )
    theme_services = Counter({row.key: row.services for row in themes})
    by_slug = {t.slug: t for t in all_themes}
    by_id = {t.pk: t for t in all_themes}
    survey_needs, point_scales = _survey_needs(places, by_slug, theme_services)
    return Diagnosis(
        territory=territory,
        places=len(places),
        services=len(service_org),
        organisations=organisations,
        themes=themes,
        target_groups=target_groups,
        languages=languages,
        matrix_columns=columns,
        matrix=matrix,
        respondent_languages=_respondent_languages(places),
        survey_needs=survey_needs,
        point_scales=point_scales,
        plan_needs=_plan_needs(places, by_id, theme_services),
        open_measures=_open_measures(places, language),
    )


# Documents


def diagnosis_pdf(diagnosis: Diagnosis) -> bytes:
    html = render_to_string(
        "directory/diagnosis_print.html", {"diagnosis": diagnosis, "print": True}
    )
    return html_to_pdf(html)


def points_meaning(diagnosis: Diagnosis) -> str:
    """What the points of ranked issues mean, in one sentence."""
    scale = diagnosis.point_scale
    if len(scale) == 3:
        return _(
            "Issues are ranked by points: each person placed up to three issues; "
            "a first choice gives 3 points, a second 2, a third 1. The people "
            "count says how many placed the issue at all."
        )
    if scale:
        return ngettext(
            "Issues are ranked by points: each person placed up to %(n)s issue; "
            "a first choice gives %(n)s point, the next one point less, the last "
            "1. The people count says how many placed the issue at all.",
            "Issues are ranked by points: each person placed up to %(n)s issues; "
            "a first choice gives %(n)s points, the next one point less, the last "
            "1. The people count says how many placed the issue at all.",
            len(scale),
        ) % {"n": len(scale)}
    return _(
        "Issues are ranked by points: in each survey, a first choice gives as "
        "many points as there are places to fill, the last place 1. The people "
        "count says how many placed the issue at all."
    )


def _safe(value: object) -> object:
    """Text never becomes a formula in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def diagnosis_xlsx(diagnosis: Diagnosis) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets: list[tuple[str, list[list]]] = [
        (
            _("Coverage"),
            [[_("Kind"), _("Name"), _("Services"), _("Organisations"), _("Gap")]]
            + [
                [
                    kind,
                    row.label,
                    row.services,
                    row.organisations,
                    _("yes") if row.gap else "",
                ]
                for kind, rows in (
                    (_("Theme"), diagnosis.themes),
                    (_("Target group"), diagnosis.target_groups),
                    (_("Language"), diagnosis.languages),
                )
                for row in rows
            ],
        ),
        (
            _("Themes by language"),
            [[_("Theme")] + [col.label for col in diagnosis.matrix_columns]]
            + [[row.label, *counts] for row, counts in diagnosis.matrix],
        ),
        (
            _("Organisations"),
            [[_("Organisation"), _("Services")]]
            + [[org.name, count] for org, count in diagnosis.organisations],
        ),
        (
            _("Needs"),
            [
                [
                    _("Source"),
                    _("Rank"),
                    _("Need"),
                    _("Theme"),
                    _("Points (the rank follows them)"),
                    _("People who ranked it (surveys), areas and measures (plans)"),
                    _("Services"),
                ]
            ]
            + [
                [
                    _("survey") if need.source == "survey" else _("plan"),
                    need.rank,
                    need.label,
                    need.theme.label if need.theme else "",
                    ""
                    if need.source != "survey"
                    else _("hidden")
                    if need.hidden or need.points_hidden
                    else need.points,
                    _("hidden") if need.hidden else need.mentions,
                    "" if need.services is None else need.services,
                ]
                for need in [*diagnosis.survey_needs, *diagnosis.plan_needs]
            ]
            + ([[], [points_meaning(diagnosis)]] if diagnosis.survey_needs else []),
        ),
        (
            _("Measures without entity"),
            [[_("Plan"), _("Code"), _("Measure")]]
            + [[str(m.plan), m.code, m.title] for m in diagnosis.open_measures],
        ),
    ]
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append([_safe(value) for value in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
