"""Results of a survey: counts, percentages, cross-tabulations, exports, and the
most relevant issues of a place.

Who sees what
- The survey's team (the territory team of its territory, the person who
  created it), moderators and administrators see every number and every
  free-text answer, and moderate free text (``permissions.can_see_all_answers``).
- Everybody else sees the published results, only when ``results_public`` is
  set: any count from 1 to 4 (a choice's count, a cross-tabulation cell, the
  total of a group, a ranking's first places) is hidden, and so are as many
  other counts as it takes for none to be worked out from everything published
  of the same answers — the one-way tables, every cross-tabulation (either way
  round), their totals and percentages, the place's issues
  (``convivio.core.suppression.protect``; docs/surveys-results.md); a
  question answered by fewer than five people shows nothing but "< 5"; free
  text shows only the answers a moderator marked "shown".

Answers hold question names and choice values, never labels, so answers given
in every language of a survey count together; the results say how many
responses came in each language (a count hidden like any other in published
results) and show the labels in the reader's language.

Rankings are scored Borda-like: with ``rank_count`` = N, the first place earns
N points, the second N − 1, … the N-th 1 point.  Each option also shows how many
people placed it at all ("mentions"), how many placed it first and its average
rank (1 = first; over the people who placed it).  Options are ordered by points,
then by mentions.

Queries are bounded: counts of single choices and scales are aggregated in SQL
(one query for the survey, one more for a cross-tabulation); multiple choices
and rankings, whose values are JSON lists, are read as one query and counted in
Python; numbers are one query; free text is one query.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from convivio.core.charts import breakdown_bars
from convivio.core.models import Territory
from convivio.core.numbers import format_percent
from convivio.core.suppression import (
    Cell,
    format_number,
    hidden_label,
    hidden_text,
    protect,
)

from . import permissions
from .models import Answer, Choice, ChoiceTranslation, Question, Response, Survey

Kind = Question.Kind
CHOICE_KINDS = {Kind.SINGLE, Kind.SCALE}
LIST_KINDS = {Kind.MULTIPLE, Kind.RANKING}
#: Questions a cross-tabulation can be made by.
BY_KINDS = {Kind.SINGLE, Kind.SCALE}
#: Characters that make a spreadsheet read a text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def threshold() -> int:
    """The smallest count the public may see (5 unless the setting says else)."""
    return int(getattr(settings, "CONVIVIO_SMALL_CELL_THRESHOLD", 5))


# Data


@dataclass
class Row:
    """One option of a question (or one value of a scale)."""

    value: str
    label: str
    count: int
    percent: float | None = None
    hidden: bool = False
    #: Rankings only.
    points: int | None = None
    first: int | None = None
    mean_rank: float | None = None

    def count_display(self) -> str:
        return hidden_text() if self.hidden else str(self.count)

    @property
    def percent_display(self) -> str:
        if self.hidden or self.percent is None:
            return "–" if not self.hidden else ""
        return format_percent(self.percent)


@dataclass
class NumberStats:
    count: int
    mean: Decimal | None = None
    median: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None


@dataclass
class CrossCell:
    count: int
    percent: float | None
    hidden: bool = False


@dataclass
class CrossTab:
    """Counts per (group of the ``by`` question × answer value) for one question.

    ``groups`` are the columns (the ``by`` question's values); ``rows`` are the
    question's values, each with one cell per group; percentages are of the
    group's total (the people of the group who answered the question).
    """

    groups: list[tuple[str, str]]
    group_totals: list[CrossCell]
    rows: list[tuple[str, str, list[CrossCell]]]


@dataclass
class TextAnswer:
    pk: int
    text: str
    moderation: str


@dataclass
class QuestionResult:
    question: Question
    #: People who answered it.
    answered: int
    #: In published results: fewer than five answered, nothing else is shown.
    hidden: bool = False
    #: In published results: how many answered is not shown (fewer than five).
    count_hidden: bool = False
    #: … because the question depends on an answer whose count is hidden.
    by_condition: bool = False
    rows: list[Row] = field(default_factory=list)
    number: NumberStats | None = None
    texts: list[TextAnswer] = field(default_factory=list)
    crosstab: CrossTab | None = None
    chart: str = ""

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def places(self) -> int:
        """The places a ranking has (its ``rank_count``, else every option)."""
        return self.question.rank_count or len(self.rows)


@dataclass
class LanguageCount:
    """How many responses came in one language (``code`` None: not recorded,
    the answers from before the survey had several languages)."""

    code: str | None
    name: str
    count: int
    hidden: bool = False


@dataclass
class Results:
    survey: Survey
    public: bool
    responses: int
    threshold: int
    questions: list[QuestionResult]
    by: Question | None = None
    #: The questions a cross-tabulation can be made by.
    by_choices: list[Question] = field(default_factory=list)
    #: Responses per language they were given in, the most first.
    languages: list[LanguageCount] = field(default_factory=list)

    @property
    def hidden_label(self) -> str:
        """How a hidden count is shown (the same for every hidden count)."""
        return hidden_text()

    @property
    def small_label(self) -> str:
        """ "< 5": only where the count is below the threshold for certain."""
        return hidden_label(self.threshold)


def _percent(count: int, total: int) -> float | None:
    return round(100 * count / total, 1) if total else None


def _options(question: Question, choices: list[Choice]) -> list[tuple[str, str]]:
    """(value, label) of a question's options, in their order."""
    if question.kind == Kind.SCALE and not choices:
        low = question.scale_min if question.scale_min is not None else 1
        high = question.scale_max if question.scale_max is not None else 5
        return [(str(v), str(v)) for v in range(low, high + 1)]
    # ``shown``: the label in the reader's language, set by ``survey_results``;
    # else the original's (exports).
    return [
        (
            choice.value,
            shown.label if (shown := getattr(choice, "shown", None)) else str(choice),
        )
        for choice in choices
    ]


def _decimal(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01")).normalize()


def _hide(counts: dict[str, int], *, public: bool, limit: int, total: bool) -> set[str]:
    """The values of a one-way table to hide: the small counts and, when the
    counts add up to a published total (``total``), as many more as needed so
    that none can be worked out by subtraction (``suppression.protect``)."""
    if not public:
        return set()
    lines = [[(value, 1) for value in counts] + [(TOTAL, -1)]] if total else []
    return protect(counts, lines, limit)


#: The published total of a one-way table (the people who answered), a cell of
#: its line for ``protect``; always shown.
TOTAL = ("total",)


def _language_name(code: str, names: dict[str, str]) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return names.get(code, code)


def _language_counts(survey: Survey) -> tuple[dict[str, int], dict[str, str]]:
    """Responses per language code ("": not recorded) and the languages' names
    (one query, which also gives the number of responses)."""
    names: dict[str, str] = {}
    keys: dict[str, int] = {}
    for code, name, n in (
        Response.objects.filter(survey=survey)
        .values_list("language_id", "language__name")
        .annotate(n=Count("id"))
        .order_by()
    ):
        keys[code or ""] = n
        names[code or ""] = name or ""
    return keys, names


def _languages(
    keys: dict[str, int], names: dict[str, str], *, public: bool, limit: int
) -> list[LanguageCount]:
    """Responses per language, protected like a one-way table of the total."""
    total = sum(keys.values())
    if not keys:
        return []
    hidden = _hide(keys, public=public, limit=limit, total=True) if total else set()
    rows = [
        LanguageCount(
            code=code or None,
            name=_language_name(code, names) if code else _("not recorded"),
            count=n,
            hidden=code in hidden,
        )
        for code, n in keys.items()
    ]
    rows.sort(key=lambda r: (r.hidden, -r.count, r.code is None, r.name))
    return rows


def survey_results(
    survey: Survey,
    *,
    public: bool,
    by: Question | None = None,
    language: str | None = None,
) -> Results:
    """The results of ``survey``; ``public`` applies the published-results rules.

    ``by`` (a single-choice or scale question of the survey) adds a
    cross-tabulation to every other choice, scale, multiple-choice and ranking
    question.  Questions and choices carry ``shown``, their text in
    ``language`` (else the original).
    """
    limit = threshold()
    if by is not None and (by.survey_id != survey.pk or by.kind not in BY_KINDS):
        raise ValidationError(
            _("A cross-tabulation is made by a single-choice or scale question.")
        )
    questions = list(
        survey.questions.prefetch_related("translations").order_by("position", "id")
    )
    for question in questions:
        question.shown = question.translation_for(language) or question
    if by is not None:
        by = next((q for q in questions if q.pk == by.pk), by)
    choices: dict[int, list[Choice]] = defaultdict(list)
    for choice in (
        Choice.objects.filter(question__survey=survey)
        .prefetch_related("translations")
        .order_by("question_id", "position", "id")
    ):
        choice.shown = choice.translation_for(language) or choice
        choices[choice.question_id].append(choice)
    answers = Answer.objects.filter(question__survey=survey)
    language_keys, language_names = _language_counts(survey)
    responses = sum(language_keys.values())

    answered: dict[int, int] = dict(
        answers.values_list("question_id").annotate(n=Count("id")).order_by()
    )
    choice_counts: dict[int, Counter] = defaultdict(Counter)
    for qid, text, n in (
        answers.filter(question__kind__in=CHOICE_KINDS)
        .values_list("question_id", "text")
        .annotate(n=Count("id"))
        .order_by()
    ):
        choice_counts[qid][text] += n
    list_values: dict[int, list[list]] = defaultdict(list)
    for qid, values in answers.filter(question__kind__in=LIST_KINDS).values_list(
        "question_id", "values"
    ):
        list_values[qid].append(values if isinstance(values, list) else [])
    numbers: dict[int, list[Decimal]] = defaultdict(list)
    for qid, number in answers.filter(
        question__kind=Kind.NUMBER, number__isnull=False
    ).values_list("question_id", "number"):
        numbers[qid].append(cast(Decimal, number))  # number__isnull=False
    texts: dict[int, list[TextAnswer]] = defaultdict(list)
    text_answers = answers.filter(question__kind=Kind.TEXT).exclude(text="")
    if public:
        text_answers = text_answers.filter(moderation=Answer.Moderation.SHOWN)
    for pk, qid, text, moderation in text_answers.order_by("id").values_list(
        "pk", "question_id", "text", "moderation"
    ):
        texts[qid].append(TextAnswer(pk, text, moderation))

    results: list[QuestionResult] = []
    #: Each choice or list question's one-way table as published: the margins
    #: of its cross-tabulations, which must hide what it hides.
    oneway: dict[int, OneWay] = {}
    for question in questions:
        total = answered.get(question.pk, 0)
        result = QuestionResult(question=question, answered=total)
        result.count_hidden = public and 0 < total < limit
        if question.kind == Kind.TEXT:
            # Moderated answers stay readable; how many wrote one is a count.
            result.texts = texts.get(question.pk, [])
            results.append(result)
            continue
        options = _options(question, choices[question.pk])
        if public and 0 < total < limit:
            result.hidden = True
            if question.kind in CHOICE_KINDS:
                options = _with_unknown(options, choice_counts[question.pk])
            if question.kind in CHOICE_KINDS | LIST_KINDS:
                oneway[question.pk] = OneWay(
                    options, {v for v, _l in options}, hidden_all=True
                )
            results.append(result)
            continue
        if question.kind in CHOICE_KINDS:
            options = _with_unknown(options, choice_counts[question.pk])
            result.rows = _choice_rows(
                options, choice_counts[question.pk], total, public=public, limit=limit
            )
        elif question.kind == Kind.MULTIPLE:
            counter: Counter = Counter()
            for values in list_values[question.pk]:
                counter.update(set(map(str, values)))
            counts = {value: counter.get(value, 0) for value, _label in options}
            hidden = _hide(counts, public=public, limit=limit, total=False)
            result.rows = [
                Row(
                    value,
                    label,
                    counts[value],
                    None if value in hidden else _percent(counts[value], total),
                    value in hidden,
                )
                for value, label in options
            ]
        elif question.kind == Kind.RANKING:
            result.rows = _ranking_rows(
                question, options, list_values[question.pk], public=public, limit=limit
            )
        elif question.kind == Kind.NUMBER:
            result.number = _number_stats(numbers[question.pk])
        if question.kind in CHOICE_KINDS | LIST_KINDS:
            oneway[question.pk] = OneWay(
                options, {row.value for row in result.rows if row.hidden}
            )
        result.chart = _chart(result, limit)
        results.append(result)
    if public:
        _hide_conditional(results, oneway)

    if by is not None:
        crosstabs = _crosstabs(
            survey, by, questions, oneway, public=public, limit=limit
        )
        for result in results:
            result.crosstab = crosstabs.get(result.question.pk)

    by_choices = [q for q in questions if q.kind in BY_KINDS]
    return Results(
        survey=survey,
        public=public,
        responses=responses,
        threshold=limit,
        questions=results,
        by=by,
        by_choices=by_choices,
        languages=_languages(language_keys, language_names, public=public, limit=limit),
    )


def _hide_conditional(results: list[QuestionResult], oneway: dict[int, OneWay]):
    """A question asked only of the people who gave one answer is answered by
    about that many: where that answer's count is hidden, so is the question
    (how many answered, its answers, and its groups in a cross-tabulation)."""
    for result in results:
        question = result.question
        condition = oneway.get(question.condition_question_id or 0)
        if condition is None or not (
            condition.hidden_all or question.condition_value in condition.hidden
        ):
            continue
        result.count_hidden = result.by_condition = True
        if question.kind == Kind.TEXT:
            continue  # moderated answers stay readable
        result.hidden = True
        result.rows, result.number, result.chart = [], None, ""
        if question.pk in oneway:
            options = oneway[question.pk].options
            oneway[question.pk] = OneWay(
                options, {v for v, _l in options}, hidden_all=True
            )


def _choice_rows(
    options: list[tuple[str, str]],
    counter: Counter,
    total: int,
    *,
    public: bool,
    limit: int,
) -> list[Row]:
    counts = {value: counter.get(value, 0) for value, _label in options}
    hidden = _hide(counts, public=public, limit=limit, total=True)
    return [
        Row(
            value,
            label,
            counts[value],
            None if value in hidden else _percent(counts[value], total),
            value in hidden,
        )
        for value, label in options
    ]


def _ranking_rows(
    question: Question,
    options: list[tuple[str, str]],
    answers: list[list],
    *,
    public: bool,
    limit: int,
) -> list[Row]:
    size = question.rank_count or len(options) or 1
    points: Counter = Counter()
    mentions: Counter = Counter()
    firsts: Counter = Counter()
    rank_sum: Counter = Counter()
    for values in answers:
        for index, value in enumerate(values[:size]):
            value = str(value)
            points[value] += size - index
            mentions[value] += 1
            rank_sum[value] += index + 1
            if index == 0:
                firsts[value] += 1
    counts = {value: mentions.get(value, 0) for value, _label in options}
    hidden: set[str] = set()
    hidden_first: set[str] = set()
    hidden_points: set[str] = set()
    if public:
        hidden, hidden_first, hidden_points = _ranking_hidden(
            [value for value, _label in options], mentions, firsts, points, limit
        )
    total = len(answers)
    rows = []
    for value, label in options:
        secret = value in hidden
        rows.append(
            Row(
                value,
                label,
                counts[value],
                None if secret else _percent(counts[value], total),
                secret,
                points=None if value in hidden_points else points.get(value, 0),
                first=None if value in hidden_first else firsts.get(value, 0),
                # The average place and the mentions give the points back.
                mean_rank=None
                if value in hidden_points or not counts[value]
                else round(rank_sum[value] / counts[value], 2),
            )
        )
    rows.sort(key=lambda r: (-points.get(r.value, 0), -r.count, r.label))
    return rows


def _ranking_hidden(
    values: list[str],
    mentions: Counter,
    firsts: Counter,
    points: Counter,
    limit: int,
) -> tuple[set[str], set[str], set[str]]:
    """What a published ranking hides: (options, first places, points).

    Mentions add up to the places filled and first places to the people who
    answered: both are published in effect, so both get complements.  An
    option's points and mentions tie its first places to its other places
    (with two places, first = points − mentions), so where its first places
    are hidden its points are too, and the points then get complements of
    their own (they add up to the points given).
    """
    counts = {value: mentions.get(value, 0) for value in values}
    hidden = _hide(counts, public=True, limit=limit, total=True)
    first_counts = {value: firsts.get(value, 0) for value in values}
    hidden_first = protect(
        first_counts,
        [[(value, 1) for value in values] + [(TOTAL, -1)]],
        limit,
        hidden=hidden,
    )
    point_counts = {value: points.get(value, 0) for value in values}
    hidden_points = protect(
        point_counts,
        [[(value, 1) for value in values] + [(TOTAL, -1)]],
        1,  # points are not people: only their own complements
        hidden=hidden | hidden_first,
    )
    return hidden, hidden_first, hidden_points


def _number_stats(values: list[Decimal]) -> NumberStats:
    if not values:
        return NumberStats(count=0)
    return NumberStats(
        count=len(values),
        mean=_decimal(sum(values) / len(values)),
        median=_decimal(statistics.median(values)),
        minimum=_decimal(min(values)),
        maximum=_decimal(max(values)),
    )


@dataclass
class OneWay:
    """A question's one-way table as published: its values (in order) and
    those it hides (all of them when too few people answered)."""

    options: list[tuple[str, str]]
    hidden: set[str]
    hidden_all: bool = False


def _with_unknown(
    options: list[tuple[str, str]], counter: Counter
) -> list[tuple[str, str]]:
    """The options, then the values answered that are no option (any more)."""
    known = {value for value, _label in options}
    return list(options) + [
        (value, value) for value in sorted(counter) if value and value not in known
    ]


def _crosstabs(
    survey: Survey,
    by: Question,
    questions: list[Question],
    oneway: dict[int, OneWay],
    *,
    public: bool,
    limit: int,
) -> dict[int, CrossTab]:
    """Cross-tabulations of every choice and list question by ``by``."""
    by_value = Subquery(
        Answer.objects.filter(response=OuterRef("response"), question=by).values(
            "text"
        )[:1]
    )
    answers = Answer.objects.filter(question__survey=survey).exclude(question=by)
    by_table = oneway.get(by.pk) or OneWay(_options(by, []), set())
    groups = by_table.options
    group_values = [value for value, _label in groups]
    sizes = {q.pk: q.rank_count for q in questions if q.kind == Kind.RANKING}

    cells: dict[int, Counter] = defaultdict(Counter)
    totals: dict[int, Counter] = defaultdict(Counter)
    rows = (
        answers.filter(question__kind__in=CHOICE_KINDS | LIST_KINDS)
        .annotate(by_value=by_value)
        .filter(by_value__isnull=False)
        .values_list("question_id", "question__kind", "by_value", "text", "values")
    )
    for qid, kind, group, text, values in rows.iterator():
        if group not in group_values:
            continue
        totals[qid][group] += 1
        if kind in CHOICE_KINDS:
            cells[qid][(text, group)] += 1
        else:
            values = values if isinstance(values, list) else []
            if kind == Kind.RANKING:
                # Only the places counted in the question's own table.
                values = values[: sizes.get(qid) or len(values)]
            for value in set(map(str, values)):
                cells[qid][(value, group)] += 1

    tables: dict[int, CrossTab] = {}
    for question in questions:
        table = oneway.get(question.pk)
        if question.pk == by.pk or table is None:
            continue
        counts = cells[question.pk]
        group_total = {g: totals[question.pk].get(g, 0) for g in group_values}
        hidden_cells: set[tuple[str, str]] = set()
        hidden_groups: set[str] = set()
        if public:
            hidden_cells, hidden_groups = _crosstab_hidden(
                question, table, by, by_table, counts, group_total, limit
            )
        table_rows = []
        for value, label in table.options:
            row_cells = []
            for g in group_values:
                n = counts.get((value, g), 0)
                secret = (value, g) in hidden_cells
                # A percentage of a hidden group total would give it away.
                shown = not secret and g not in hidden_groups
                row_cells.append(
                    CrossCell(n, _percent(n, group_total[g]) if shown else None, secret)
                )
            table_rows.append((value, label, row_cells))
        tables[question.pk] = CrossTab(
            groups=groups,
            group_totals=[
                CrossCell(group_total[g], None, g in hidden_groups)
                for g in group_values
            ],
            rows=table_rows,
        )
    return tables


def _crosstab_hidden(
    question: Question,
    table: OneWay,
    by: Question,
    by_table: OneWay,
    counts: Counter,
    group_total: dict[str, int],
    limit: int,
) -> tuple[set[tuple[str, str]], set[str]]:
    """The hidden cells (value, group) and group totals of ``question`` by ``by``.

    The cells are tied to the one-way tables of both questions (a row adds up
    to the question's count of that value, a column to the group's size) and,
    for two single-choice questions, to the same table the other way round
    (``?by=`` the other question).  So the table is laid out the same way
    whichever question it is made by (rows: the question made first), its
    totals hide what the one-way tables hide, and ``protect`` hides cells
    until none can be worked out from the rest.
    """
    values = [value for value, _label in table.options]
    groups = [value for value, _label in by_table.options]
    crossed = {(v, g): counts.get((v, g), 0) for v in values for g in groups}
    hidden_groups = {
        g
        for g in groups
        if g in by_table.hidden or by_table.hidden_all or 0 < group_total[g] < limit
    }
    hidden_values = set(table.hidden) if not table.hidden_all else set(values)
    row_total = {v: sum(crossed[(v, g)] for g in groups) for v in values}
    if question.kind in CHOICE_KINDS:
        # The people of a value who answered both: the group totals of the
        # table made the other way round.
        hidden_values |= {v for v in values if 0 < row_total[v] < limit}
    # Rankings: the places filled by the group; otherwise its people.
    column_total = (
        {g: sum(crossed[(v, g)] for v in values) for g in groups}
        if question.kind == Kind.RANKING
        else group_total
    )

    # Canonical layout: (row question's value, column question's value).
    swap = question.kind in CHOICE_KINDS and by.pk < question.pk
    rows, columns = (groups, values) if swap else (values, groups)
    hidden_rows, hidden_columns = (
        (hidden_groups, hidden_values) if swap else (hidden_values, hidden_groups)
    )
    row_sums, column_sums = (
        (column_total, row_total) if swap else (row_total, column_total)
    )

    def key(v: str, g: str) -> tuple:
        return ("cell", g, v) if swap else ("cell", v, g)

    grid: dict = {}
    for r in rows:
        for c in columns:
            grid[("cell", r, c)] = crossed[(c, r) if swap else (r, c)]
    margins: dict = {("row", r): row_sums[r] for r in rows}
    margins.update({("column", c): column_sums[c] for c in columns})
    lines: list[list[tuple[Cell, int]]] = [
        [(("cell", r, c), 1) for c in columns] + [(("row", r), -1)] for r in rows
    ]
    # A multiple choice's counts add up to nothing published, in a group or
    # over its values.
    if question.kind != Kind.MULTIPLE:
        lines += [
            [(("cell", r, c), 1) for r in rows] + [(("column", c), -1)] for c in columns
        ]
        lines.append([(("row", r), 1) for r in rows] + [(TOTAL, -1)])
    lines.append([(("column", c), 1) for c in columns] + [(TOTAL, -1)])
    small = {("row", r) for r in hidden_rows} | {("column", c) for c in hidden_columns}
    # Every cell of a small group or value (fewer than ``limit`` people).
    small_lines = {
        cell
        for cell in grid
        if (("row", cell[1]) in small and 0 < row_sums[cell[1]] < limit)
        or (("column", cell[2]) in small and 0 < column_sums[cell[2]] < limit)
    }
    hidden = protect(
        {**grid, **margins},
        lines,
        limit,
        hidden=small | small_lines,
        fixed=set(margins),
    )
    hidden_cells = {(v, g) for v in values for g in groups if key(v, g) in hidden}
    return hidden_cells, hidden_groups


def _chart(result: QuestionResult, limit: int) -> str:
    question = result.question
    if not result.rows:
        return ""
    if question.kind == Kind.RANKING:
        items = [
            (row.label, None if row.hidden else Decimal(row.points or 0), row.hidden)
            for row in result.rows
        ]
        title = _("%(question)s: points (first place = most)") % {
            "question": question.shown.label
        }
    else:
        items = [
            (row.label, None if row.hidden else Decimal(row.count), row.hidden)
            for row in result.rows
        ]
        title = _("%(question)s: answers") % {"question": question.shown.label}
    return breakdown_bars(items, title=title, threshold=limit)


# Moderation


def answer_moderate(*, user, answer: Answer, shown: bool) -> Answer:
    """Show a free-text answer in published results, or hide it."""
    survey = answer.question.survey
    permissions.require_see_all_answers(user, survey)
    if answer.question.kind != Kind.TEXT:
        raise ValidationError(_("Only free-text answers are moderated."))
    with transaction.atomic():
        answer.moderation = (
            Answer.Moderation.SHOWN if shown else Answer.Moderation.HIDDEN
        )
        answer.save(update_fields=["moderation"])
    return answer


# Exports


def _safe(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a quote in front."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(rows: Iterable[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(sheets: list[tuple[str, list[list]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        for cell in sheet[1] if sheet.max_row else []:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def answer_table(survey: Survey) -> list[list]:
    """Every response as one row (team only): its day, then one column per
    question; multiple choices joined by "; ", rankings in order by " > "."""
    questions = list(survey.questions.order_by("position", "id"))
    header = [_("response"), _("submitted on")] + [q.name for q in questions]
    by_response: dict[int, dict[int, str]] = defaultdict(dict)
    for response_id, qid, kind, text, number, values in (
        Answer.objects.filter(response__survey=survey)
        .values_list(
            "response_id", "question_id", "question__kind", "text", "number", "values"
        )
        .iterator()
    ):
        if kind == Kind.NUMBER:
            cell = format_number(number) if number is not None else ""
        elif kind == Kind.MULTIPLE:
            cell = "; ".join(map(str, values or []))
        elif kind == Kind.RANKING:
            cell = " > ".join(map(str, values or []))
        else:
            cell = text
        by_response[response_id][qid] = cell
    rows: list[list[Any]] = [header]
    for pk, day in (
        Response.objects.filter(survey=survey)
        .order_by("id")
        .values_list("pk", "submitted_on")
    ):
        answers = by_response.get(pk, {})
        rows.append([pk, day.isoformat()] + [answers.get(q.pk, "") for q in questions])
    return rows


def results_table(results: Results) -> list[list]:
    """The tables as shown (published ones say "< 5" where a count is hidden)."""
    hidden = results.hidden_label
    rows: list[list] = [
        [
            _("question"),
            _("kind"),
            _("answer"),
            _("count"),
            _("percent"),
            _("points"),
            _("group"),
        ]
    ]
    for result in results.questions:
        q = result.question
        if result.hidden:
            label = hidden if result.by_condition else results.small_label
            rows.append([q.name, q.kind, "", label, "", "", ""])
            continue
        if q.kind == Kind.NUMBER and result.number:
            stats = result.number
            for name, value in (
                (_("count"), stats.count),
                (_("mean"), stats.mean),
                (_("median"), stats.median),
                (_("minimum"), stats.minimum),
                (_("maximum"), stats.maximum),
            ):
                rows.append([q.name, q.kind, name, format_number(value), "", "", ""])
            continue
        if q.kind == Kind.TEXT:
            answered: int | str = result.answered
            if result.count_hidden:
                answered = hidden if result.by_condition else results.small_label
            rows.append([q.name, q.kind, _("answers"), answered, "", "", ""])
            continue
        for row in result.rows:
            rows.append(
                [
                    q.name,
                    q.kind,
                    row.label,
                    hidden if row.hidden else row.count,
                    "" if row.percent is None else row.percent,
                    (hidden if row.points is None else row.points)
                    if q.kind == Kind.RANKING
                    else "",
                    "",
                ]
            )
        if result.crosstab:
            table = result.crosstab
            for _value, label, cells in table.rows:
                for (_group, group_label), cell in zip(
                    table.groups, cells, strict=True
                ):
                    rows.append(
                        [
                            q.name,
                            q.kind,
                            label,
                            hidden if cell.hidden else cell.count,
                            "" if cell.percent is None else cell.percent,
                            "",
                            f"{results.by.name}={group_label}" if results.by else "",
                        ]
                    )
            # The group totals, as on the page.
            for (_group, group_label), cell in zip(
                table.groups, table.group_totals, strict=True
            ):
                rows.append(
                    [
                        q.name,
                        q.kind,
                        _("People who answered"),
                        hidden if cell.hidden else cell.count,
                        "",
                        "",
                        f"{results.by.name}={group_label}" if results.by else "",
                    ]
                )
    return rows


def results_csv(results: Results) -> bytes:
    return _csv(results_table(results))


def results_xlsx(results: Results) -> bytes:
    return _xlsx([(_("Results"), results_table(results))])


def answers_csv(survey: Survey) -> bytes:
    return _csv(answer_table(survey))


def answers_xlsx(survey: Survey) -> bytes:
    return _xlsx([(_("Answers"), answer_table(survey))])


# The most relevant issues of a place


def oneway_hidden(
    question: Question, choices: list[Choice], counter: Counter, answered: int
) -> set[str] | None:
    """What the published one-way table of a single-choice, scale or
    multiple-choice question hides, from its counts (``None``: the whole
    question, too few answered) — the rule of ``survey_results``, for pages
    that show sums of these counts elsewhere and must hide the same ones."""
    limit = threshold()
    if 0 < answered < limit:
        return None
    options = _options(question, choices)
    if question.kind in CHOICE_KINDS:
        options = _with_unknown(options, counter)
    counts = {value: counter.get(value, 0) for value, _label in options}
    return _hide(counts, public=True, limit=limit, total=question.kind in CHOICE_KINDS)


@dataclass
class Issue:
    value: str
    label: str
    points: int
    mentions: int
    first: int
    rank: int = 0
    #: Published: how many placed it (and its points) are not shown.
    hidden: bool = False
    #: Published: its points are not shown (they would give a hidden count).
    points_hidden: bool = False

    @property
    def top(self) -> bool:
        return self.rank <= 3


def issue_questions(territory_ids: Iterable[int]):
    """The ranking questions that rank the issues of these places: those
    marked ``ranks_issues`` of their open and closed surveys."""
    return Question.objects.filter(
        survey__territory_id__in=list(territory_ids),
        survey__status__in=[Survey.Status.OPEN, Survey.Status.CLOSED],
        kind=Kind.RANKING,
        ranks_issues=True,
    )


def place_issues(territory: Territory, *, public: bool = True) -> list[Issue]:
    """The issues of ``territory`` in order, from the ranking questions marked
    ``ranks_issues`` of its open and closed surveys (Borda-like points summed
    over surveys; an issue is an option value).

    ``public``: counts of fewer than five people are hidden (the order stays).
    """
    return ranked_issues(issue_questions([territory.pk]), public=public)


def _original_label() -> Subquery:
    """A choice's label in its original row (as ``directory.selectors``
    annotates a service's name)."""
    return Subquery(
        ChoiceTranslation.objects.filter(
            choice_id=OuterRef("pk"), language_id=OuterRef("original_language_id")
        ).values("label")[:1]
    )


def ranked_issues(
    question_set: Iterable[Question], *, public: bool = True
) -> list[Issue]:
    """The issues of these ranking questions in order (``place_issues``); what
    one survey's published results hide stays hidden in the sums, which get
    complements of their own, so that pages summing several places (the local
    diagnosis) give nothing away either."""
    limit = threshold()
    questions = {q.pk: q for q in question_set}
    if not questions:
        return []
    labels: dict[str, str] = {}
    options: dict[int, list[str]] = defaultdict(list)
    for qid, value, label in (
        Choice.objects.filter(question_id__in=questions)
        .annotate(original_label=_original_label())
        .order_by("question__survey_id", "question_id", "position", "id")
        .values_list("question_id", "value", "original_label")
    ):
        labels[value] = label
        options[qid].append(value)
    sizes = {pk: q.rank_count for pk, q in questions.items()}
    option_count = {qid: len(values) for qid, values in options.items()}
    points: Counter = Counter()
    mentions: Counter = Counter()
    firsts: Counter = Counter()
    per_question: dict[int, tuple[Counter, Counter, Counter]] = defaultdict(
        lambda: (Counter(), Counter(), Counter())
    )
    answered: Counter = Counter()
    for qid, values in (
        Answer.objects.filter(question_id__in=questions)
        .values_list("question_id", "values")
        .iterator()
    ):
        size = sizes[qid] or option_count.get(qid) or 1
        answered[qid] += 1
        own_mentions, own_firsts, own_points = per_question[qid]
        for index, value in enumerate((values or [])[:size]):
            value = str(value)
            points[value] += size - index
            mentions[value] += 1
            own_points[value] += size - index
            own_mentions[value] += 1
            if index == 0:
                firsts[value] += 1
                own_firsts[value] += 1
    hidden: set[str] = set()
    hidden_points: set[str] = set()
    if public:
        # What each survey's own published ranking hides stays hidden in the
        # sums (a sum minus the other surveys' shown counts would give it),
        # then the sums get their own complements.
        for qid, (own_mentions, own_firsts, own_points) in per_question.items():
            if 0 < answered[qid] < limit:
                hidden |= set(own_mentions)
                hidden_points |= set(own_mentions)
                continue
            rows, _firsts, own_hidden_points = _ranking_hidden(
                options[qid], own_mentions, own_firsts, own_points, limit
            )
            hidden |= rows
            hidden_points |= own_hidden_points
        ordered = list(dict.fromkeys([*labels, *points]))
        line = [[(value, 1) for value in ordered] + [(TOTAL, -1)]]
        hidden = protect(
            {value: mentions[value] for value in ordered},
            line,
            limit,
            hidden=hidden & set(ordered),
        )
        hidden_points = protect(
            {value: points[value] for value in ordered},
            line,
            1,
            hidden=(hidden | hidden_points) & set(ordered),
        )
    issues = [
        Issue(
            value=value,
            label=labels.get(value, value),
            points=points[value],
            mentions=mentions[value],
            first=firsts[value],
            hidden=value in hidden,
            points_hidden=value in hidden_points,
        )
        for value in points
    ]
    issues.sort(key=lambda i: (-i.points, -i.mentions, i.label))
    for rank, issue in enumerate(issues, start=1):
        issue.rank = rank
    return issues
