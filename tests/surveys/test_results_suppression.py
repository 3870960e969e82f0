"""Hidden counts of published survey results cannot be worked out.

``test_nothing_hidden_can_be_recovered`` plays the attacker of issue 9: it
downloads everything a visitor can (the page, the CSV and the XLSX, without and
with every ``?by=`` question, the place's issues and its local diagnosis) from
a survey with many small cells, writes down
every number shown, and tries to rebuild each hidden count from them with what
anyone knows of such tables (a row adds up to its total, a cross-tabulation's
rows add up to the one-way counts, a group's size is the other question's
count, …): by subtraction, by any combination of those sums, by the bounds a
sum of hidden counts gives, and from percentages.  The other tests are small
tables worked out by hand.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections import Counter, defaultdict
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from convivio.core.models import Language
from convivio.core.suppression import protect, recoverable
from convivio.surveys import results as R
from convivio.surveys.models import Answer, Choice, Question, Response, Survey
from tests.factories import create_translated
from tests.html import soup_of
from tests.plans.factories import make_territory

K = Question.Kind
LIMIT = 5

# ---------------------------------------------------------------- hand-worked


def _grid(table: dict[tuple[int, int], int]):
    """Values and lines of a table beside its row and column totals."""
    rows = sorted({r for r, _c in table})
    columns = sorted({c for _r, c in table})
    values = {("cell", r, c): n for (r, c), n in table.items()}
    margins = {("row", r): sum(table[(r, c)] for c in columns) for r in rows}
    margins |= {("column", c): sum(table[(r, c)] for r in rows) for c in columns}
    lines = [[(("cell", r, c), 1) for c in columns] + [(("row", r), -1)] for r in rows]
    lines += [
        [(("cell", r, c), 1) for r in rows] + [(("column", c), -1)] for c in columns
    ]
    return values | margins, lines, set(margins)


def test_one_small_count_takes_the_smallest_count_above_zero_with_it():
    # a 3, b 10, c 20, zero 0, total 33 shown: a alone would be 33 - 30.
    counts = {"a": 3, "zero": 0, "b": 10, "c": 20}
    lines = [[(key, 1) for key in counts] + [("total", -1)]]
    assert protect(counts, lines, LIMIT) == {"a", "b"}


def test_small_counts_adding_up_to_a_small_count_take_another():
    # 1 and 1 hidden beside a shown total add up to 2: both would be 1.
    counts = {"a": 1, "b": 1, "c": 7, "d": 9}
    lines = [[(key, 1) for key in counts] + [("total", -1)]]
    assert protect(counts, lines, LIMIT) == {"a", "b", "c"}
    # 2 and 3 add up to 5: 1 + 4, 2 + 3, 3 + 2 or 4 + 1.
    counts = {"a": 2, "b": 3, "c": 7, "d": 9}
    assert protect(counts, lines, LIMIT) == {"a", "b"}


def test_the_cross_tab_leak_of_issue_9():
    """ar speakers: north 10, south 3, east 7 (20); en: 6, 8, 9 (23).

    Before, each area (column) was protected alone: south hid ar 3 and en 8,
    and the CSV gave ar's total 20 beside north 10 and east 7: 20 - 17 = 3.
    Now row ar hides east (7, the smaller of its shown counts), columns south
    and east then each hide en's count, and the four hidden cells form a cycle
    that any value ±1 keeps consistent with every total.
    """
    table = {(0, 0): 10, (0, 1): 3, (0, 2): 7, (1, 0): 6, (1, 1): 8, (1, 2): 9}
    values, lines, margins = _grid(table)
    hidden = protect(values, lines, LIMIT, fixed=margins)
    assert hidden == {("cell", 0, 1), ("cell", 0, 2), ("cell", 1, 1), ("cell", 1, 2)}
    assert recoverable(lines, hidden) == set()
    # The old pattern: ar/south is recovered, and so is everything tied to it.
    old = {("cell", 0, 1), ("cell", 1, 1)}
    assert ("cell", 0, 1) in recoverable(lines, old)


def test_a_total_hidden_elsewhere_is_protected_in_the_table_too():
    """The one-way table hides row 0's total (3, small) and row 1's (12, its
    complement).  Shown cells of row 1 would give its total back, so each of
    those rows hides cells that close a cycle with the hidden totals."""
    table = {(0, 0): 2, (0, 1): 1, (1, 0): 6, (1, 1): 6, (2, 0): 9, (2, 1): 11}
    values, lines, margins = _grid(table)
    hidden = protect(
        values, lines, LIMIT, hidden={("row", 0), ("row", 1)}, fixed=margins
    )
    assert {("cell", 0, 0), ("cell", 0, 1)} <= hidden
    assert hidden & {("cell", 1, 0), ("cell", 1, 1)}
    assert recoverable(lines, hidden) == set()


def test_a_rankings_hidden_first_places_take_its_points_with_them():
    """Two places; 40 people.  Placed first: rent 20, jobs 15, doctors 2, bus 3;
    placed at all 30, 25, 12, 13; points 50, 40, 14, 16.  With two places,
    first places = points − mentions: doctors' 2 would be 14 − 12.  So the
    points of the options whose first places are hidden hide too (doctors and
    bus: their points add up to 30, their first places to 5, either split)."""
    values = ["rent", "jobs", "doctors", "bus"]
    mentions = Counter(rent=30, jobs=25, doctors=12, bus=13)
    firsts = Counter(rent=20, jobs=15, doctors=2, bus=3)
    points = Counter(rent=50, jobs=40, doctors=14, bus=16)
    assert R._ranking_hidden(values, mentions, firsts, points, LIMIT) == (
        set(),
        {"doctors", "bus"},
        {"doctors", "bus"},
    )


def test_recoverable_finds_a_count_fixed_by_several_lines():
    # Two 2×2 cycles joined by one hidden cell: that cell is the difference of
    # two sums although every line has two hidden cells.
    lines = [
        [("a", 1), ("b", 1), ("t1", -1)],
        [("c", 1), ("d", 1), ("t2", -1)],
        [("a", 1), ("c", 1), ("t3", -1)],
        [("b", 1), ("d", 1), ("bridge", 1), ("t4", -1)],
        [("bridge", 1), ("e", 1), ("t5", -1)],
        [("e", 1), ("f", 1), ("t6", -1)],
        [("f", 1), ("g", 1), ("t7", -1)],
        [("g", 1), ("e2", 1), ("t8", -1)],
    ]
    hidden = {"a", "b", "c", "d", "bridge", "e", "f", "g", "e2"}
    # a + b = t1, c + d = t2, a + c = t3 → b + d = t1 + t2 - t3 → bridge.
    assert "bridge" in recoverable(lines, hidden)
    assert "a" not in recoverable(lines, hidden)


def test_a_question_asked_after_a_hidden_answer_is_hidden(client, db):
    """Do you need an interpreter? yes 3, no 40, sometimes 12: yes is small and
    sometimes (the smallest count above zero) hides with it.  "Which language?"
    is asked only of those who said sometimes, so its 12 answers would give
    sometimes back (and yes = 55 − 40 − 12): it is hidden too, and so are its
    groups when another question is compared by it."""
    survey = create_translated(
        Survey,
        title="Interpreters",
        original_language=Language.objects.get(code="en"),
        territory=make_territory("Ribeira"),
        status="closed",
        results_public=True,
    )
    need = create_translated(
        Question, survey=survey, position=1, name="need", kind=K.SINGLE, label="Need?"
    )
    which = create_translated(
        Question,
        survey=survey,
        position=2,
        name="which",
        kind=K.SINGLE,
        label="Which?",
        condition_question=need,
        condition_value="sometimes",
    )
    for position, value in enumerate(["yes", "no", "sometimes", "ar", "ps"]):
        question = need if position < 3 else which
        create_translated(Choice, question=question, position=position, value=value)
    for answer, count in (("yes", 3), ("no", 40), ("sometimes", 12)):
        for index in range(count):
            response = Response.objects.create(
                survey=survey, submitted_on=date(2026, 5, 4)
            )
            Answer.objects.create(response=response, question=need, text=answer)
            if answer == "sometimes":
                language = "ar" if index % 2 else "ps"
                Answer.objects.create(response=response, question=which, text=language)
    results = R.survey_results(survey, public=True)
    shown = {r.question.name: r for r in results.questions}
    assert [row.hidden for row in shown["need"].rows] == [True, False, True]
    assert shown["which"].hidden and shown["which"].count_hidden
    assert shown["which"].rows == []
    compared = R.survey_results(survey, public=True, by=which)
    table = next(r for r in compared.questions if r.question.name == "need").crosstab
    assert all(cell.hidden for cell in table.group_totals)
    page = client.get(reverse("surveys:results", args=[survey.pk]))
    meta = " ".join(soup_of(page).select_one("#q-which .meta").get_text(" ").split())
    assert meta.endswith("how many answered is hidden")
    assert R.survey_results(survey, public=False).questions[1].answered == 12


# ---------------------------------------------------------------- the attack

QUESTIONS = {
    # name: (kind, options, weights)
    "lang": (K.SINGLE, ["ar", "en", "pt", "uk", "fa"], [50, 30, 20, 12, 8]),
    "area": (K.SINGLE, ["north", "south", "east", "west"], [40, 30, 30, 20]),
    "sat": (K.SCALE, [], [5, 10, 30, 45, 30]),
    "needs": (K.MULTIPLE, ["housing", "work", "school", "health", "papers"], []),
    "issues": (K.RANKING, ["rent", "jobs", "language", "doctors", "papers", "bus"], []),
    "age": (K.NUMBER, [], []),
}
NEEDS = [0.6, 0.4, 0.2, 0.1, 0.05]
ISSUES = [30, 25, 20, 10, 5, 3]


def _make_survey(territory, responses: int, seed: int, places: int) -> Survey:
    survey = create_translated(
        Survey,
        title=f"Synthetic {seed}",
        original_language=Language.objects.get(code="en"),
        territory=territory,
        status="closed",
        results_public=True,
    )
    questions = {}
    for position, (name, (kind, options, _w)) in enumerate(QUESTIONS.items()):
        extra = {"scale_min": 1, "scale_max": 5} if kind == K.SCALE else {}
        if kind == K.RANKING:
            extra = {"rank_count": places, "ranks_issues": True}
        question = create_translated(
            Question,
            survey=survey,
            position=position,
            name=name,
            kind=kind,
            label=name,
            **extra,
        )
        for index, value in enumerate(options):
            create_translated(
                Choice,
                question=question,
                position=index,
                value=value,
                label=f"L-{value}",
            )
        questions[name] = question
    rng = random.Random(seed)
    answers = []
    for _ in range(responses):
        response = Response.objects.create(survey=survey, submitted_on=date(2026, 5, 4))
        lang = rng.choices(QUESTIONS["lang"][1], QUESTIONS["lang"][2])[0]
        area = rng.choices(QUESTIONS["area"][1], QUESTIONS["area"][2])[0]
        sat = rng.choices(["1", "2", "3", "4", "5"], QUESTIONS["sat"][2])[0]
        needs = [
            v
            for v, p in zip(QUESTIONS["needs"][1], NEEDS, strict=True)
            if rng.random() < p
        ]
        issues: list[str] = []
        while len(issues) < places:
            pick = rng.choices(QUESTIONS["issues"][1], ISSUES)[0]
            if pick not in issues:
                issues.append(pick)
        q = questions
        answers += [
            Answer(response=response, question=q["lang"], text=lang),
            Answer(response=response, question=q["area"], text=area),
            Answer(response=response, question=q["sat"], text=sat),
            Answer(response=response, question=q["needs"], values=needs or ["work"]),
            Answer(response=response, question=q["issues"], values=issues),
            Answer(response=response, question=q["age"], number=rng.randint(18, 70)),
        ]
    Answer.objects.bulk_create(answers)
    return survey


def _options(name: str) -> list[str]:
    kind, options, _w = QUESTIONS[name]
    return ["1", "2", "3", "4", "5"] if kind == K.SCALE else options


TABLED = [n for n, (kind, _o, _w) in QUESTIONS.items() if kind != K.NUMBER]
BY = [n for n in TABLED if QUESTIONS[n][0] in R.BY_KINDS]
LISTS = {K.MULTIPLE, K.RANKING}


def _cell(q: str, x: str, v: str, g: str) -> tuple:
    """The count of people with q = v and x = g: the same number whichever of
    two single-choice questions the table is made by."""
    if QUESTIONS[q][0] in LISTS:
        return ("x", q, v, x, g)
    return ("x", *sorted([(q, v), (x, g)]))


def _truth(survey: Survey, places: int) -> dict[tuple, int]:
    """Every count a published table could show, from the answers."""
    by_response: dict[int, dict[str, object]] = defaultdict(dict)
    for response_id, name, text, values in Answer.objects.filter(
        response__survey=survey
    ).values_list("response_id", "question__name", "text", "values"):
        by_response[response_id][name] = values if values else text
    truth: Counter = Counter()
    for answers in by_response.values():
        for q in TABLED:
            truth[("a", q)] += 1
            picked = answers[q]
            if QUESTIONS[q][0] == K.RANKING:
                for index, value in enumerate(picked):
                    truth[("n", q, value)] += 1
                    truth[("p", q, value)] += places - index
                    if index:
                        truth[("k", q, value, index + 1)] += 1
                truth[("f", q, picked[0])] += 1
            for value in picked if isinstance(picked, list) else [picked]:
                if QUESTIONS[q][0] != K.RANKING:
                    truth[("n", q, value)] += 1
                for x in BY:
                    # Two single-choice questions share their cells: once.
                    if x != q and (QUESTIONS[q][0] in LISTS or q < x):
                        truth[_cell(q, x, value, answers[x])] += 1
            for x in BY:
                if x != q:
                    truth[("c", q, x, answers[x])] += 1
    return dict(truth)


def _variables(places: int) -> set[tuple]:
    names = set()
    for q in TABLED:
        names.add(("a", q))
        for v in _options(q):
            names.add(("n", q, v))
            if QUESTIONS[q][0] == K.RANKING:
                names |= {("p", q, v), ("f", q, v)}
                names |= {("k", q, v, k) for k in range(2, places + 1)}
            for x in BY:
                if x != q:
                    names |= {_cell(q, x, v, g) for g in _options(x)}
        for x in BY:
            if x != q:
                names |= {("c", q, x, g) for g in _options(x)}
    return names


def _equations(responses: int, places: int) -> list[dict[tuple, int]]:
    """What anyone knows of such tables, as sums equal to zero.  Everybody
    answered every question here, the worst case: every total is exact."""
    one = ("one",)
    eqs: list[dict[tuple, int]] = []
    half = places * (places + 1) // 2
    ranks = range(1, places + 1)
    for q in TABLED:
        kind = QUESTIONS[q][0]
        values = _options(q)
        eqs.append({("a", q): 1, one: -responses})
        if kind in R.CHOICE_KINDS:
            eqs.append({**{("n", q, v): 1 for v in values}, ("a", q): -1})
        if kind == K.RANKING:
            eqs.append({**{("n", q, v): 1 for v in values}, ("a", q): -places})
            eqs.append({**{("f", q, v): 1 for v in values}, ("a", q): -1})
            eqs.append({**{("p", q, v): 1 for v in values}, ("a", q): -half})

            # How many placed each option at each place (the first place is
            # "f"): everybody filled every place; mentions and points are
            # their sums.
            def place(v: str, k: int, q: str = q) -> tuple:
                return ("f", q, v) if k == 1 else ("k", q, v, k)

            for k in ranks:
                eqs.append({**{place(v, k): 1 for v in values}, ("a", q): -1})
            for v in values:
                eqs.append({**{place(v, k): 1 for k in ranks}, ("n", q, v): -1})
                eqs.append(
                    {**{place(v, k): places + 1 - k for k in ranks}, ("p", q, v): -1}
                )
        for x in BY:
            if x == q:
                continue
            groups = _options(x)
            for v in values:
                eqs.append({**{_cell(q, x, v, g): 1 for g in groups}, ("n", q, v): -1})
            for g in groups:
                eqs.append({("c", q, x, g): 1, ("n", x, g): -1})
                if kind == K.MULTIPLE:
                    continue
                size = places if kind == K.RANKING else 1
                eqs.append(
                    {**{_cell(q, x, v, g): 1 for v in values}, ("c", q, x, g): -size}
                )
    return eqs


class Published:
    """Every number a visitor was shown, and every place a count was hidden."""

    def __init__(self):
        self.shown: dict[tuple, int] = {}
        self.hidden: set[tuple] = set()
        self.percents: list[tuple[int, float, tuple]] = []  # count, %, denominator

    def add(self, name: tuple, text: str) -> None:
        text = text.strip()
        if text == "hidden":
            self.hidden.add(name)
            return
        number = int(text)
        assert self.shown.setdefault(name, number) == number, (name, text)

    def percent(self, count: str, percent: str, denominator: tuple) -> None:
        if count.strip() != "hidden" and percent.strip():
            self.percents.append((int(count), float(percent), denominator))


def _value(question: str, label: str) -> str:
    return label.removeprefix("L-")


def _read_page(html, by: str | None, seen: Published) -> None:
    soup = soup_of(html)
    for q in TABLED:
        section = soup.select_one(f"#q-{q}")
        meta = " ".join(section.select_one(".meta").get_text(" ").split())
        answered = re.search(r"answered by (\S+) (?:people|person)", meta).group(1)
        if answered != "<":
            seen.add(("a", q), answered)
        table = section.select_one(".result-table")
        if table is None:
            continue
        head = [th.get_text(strip=True) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            cells = [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
            data = dict(zip(head, cells, strict=True))
            v = _value(q, data["Answer"])
            if QUESTIONS[q][0] == K.RANKING:
                seen.add(("n", q, v), data["Placed by"])
                seen.add(("p", q, v), data["Points"])
                seen.add(("f", q, v), data["Placed first"])
                # The average place and the mentions would give the points.
                if data["Points"] == "hidden":
                    assert data["Average place"] in {"hidden", "–"}, data
                seen.percent(data["Placed by"], data["%"], ("a", q))
            else:
                seen.add(("n", q, v), data["People"])
                seen.percent(data["People"], data["%"], ("a", q))
        crosstab = section.select_one(".crosstab")
        if by is None or q == by:
            assert crosstab is None
            continue
        groups = [
            _value(by, th.get_text(strip=True)) for th in crosstab.select("thead th")
        ][1:]
        for row in crosstab.select("tbody tr"):
            label = row.th.get_text(strip=True)
            cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
            for g, text in zip(groups, cells, strict=True):
                if label == "People who answered":
                    seen.add(("c", q, by, g), text)
                    continue
                v = _value(q, label)
                match = re.fullmatch(r"(\d+) \(([\d.]+) %\)", text)
                if match:
                    seen.percent(match[1], match[2], ("c", q, by, g))
                    text = match[1]
                seen.add(_cell(q, by, v, g), text)


def _read_table(rows: list[list[str]], by: str | None, seen: Published) -> None:
    assert rows[0][:7] == [
        "question",
        "kind",
        "answer",
        "count",
        "percent",
        "points",
        "group",
    ]
    for q, kind, label, count, percent, points, group in rows[1:]:
        if q not in TABLED:
            continue
        if not label:  # too few answered: the question says nothing more
            assert count == "< 5"
            continue
        if kind == K.TEXT:
            continue
        if group:
            x, g = group.split("=", 1)
            assert x == by
            g = _value(x, g)
            if label == "People who answered":
                seen.add(("c", q, x, g), count)
                continue
            seen.add(_cell(q, x, _value(q, label), g), count)
            seen.percent(count, percent, ("c", q, x, g))
            continue
        v = _value(q, label)
        seen.add(("n", q, v), count)
        seen.percent(count, percent, ("a", q))
        if kind == K.RANKING:
            seen.add(("p", q, v), points)


def _same(text: str) -> object:
    """A cell of the CSV or the spreadsheet, numbers as numbers (16.0 is 16)."""
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


def _published(client, survey: Survey) -> Published:
    seen = Published()
    for by in [None, *BY]:
        query = {"by": by} if by else {}
        page = client.get(reverse("surveys:results", args=[survey.pk]), query)
        assert page.status_code == 200
        _read_page(page.content, by, seen)
        response = client.get(reverse("surveys:results_csv", args=[survey.pk]), query)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        _read_table(rows, by, seen)
        response = client.get(reverse("surveys:results_xlsx", args=[survey.pk]), query)
        sheet = load_workbook(io.BytesIO(response.content)).active
        book = [
            ["" if c.value is None else str(c.value) for c in row]
            for row in sheet.iter_rows()
        ]
        # The spreadsheet holds the same table as the CSV.
        assert [list(map(_same, row)) for row in book] == [
            list(map(_same, row)) for row in rows
        ]
        _read_table([[str(_same(c)) for c in row] for row in book], by, seen)
    # The issues of the place are public too: same ranking question.
    page = client.get(reverse("surveys:place_issues", args=[survey.territory_id]))
    for item in soup_of(page).select(".top-issue, .other-issues li"):
        text = " ".join(item.get_text(" ").split())
        value = re.search(r"L-(\w+)", text).group(1)
        if "points and people hidden" in text:
            seen.hidden |= {("p", "issues", value), ("n", "issues", value)}
            continue
        numbers = re.search(r"(\d+|hidden) points?(?: · placed by (\d+))?", text)
        if numbers is None:  # "Other issues": only the points, "(hidden)"
            assert text.endswith("(hidden)"), text
            seen.hidden.add(("p", "issues", value))
            continue
        seen.add(("p", "issues", value), numbers[1])
        if numbers[2]:
            seen.add(("n", "issues", value), numbers[2])
    # So is the place's local diagnosis, which ranks the same issues.
    page = client.get(reverse("directory:diagnosis", args=[survey.territory_id]))
    for row in soup_of(page).select("table.survey-needs tbody tr"):
        cells = [" ".join(td.get_text(" ").split()) for td in row.find_all("td")]
        value = re.match(r"L-(\w+)", cells[1]).group(1)
        seen.add(("p", "issues", value), cells[2])
        seen.add(("n", "issues", value), cells[3])
    return seen


PRIME = (1 << 61) - 1


def _fixed_by_combination(equations: list[dict[tuple, int]]) -> set[tuple]:
    """Unknowns that some combination of the equations pins down (elimination
    modulo a large prime; ``const`` is the known side)."""
    pivots: dict[tuple, dict[tuple, int]] = {}
    for equation in equations:
        row = {k: v % PRIME for k, v in equation.items() if k != "const" and v}
        for name in [k for k in row if k in pivots]:
            factor = row.get(name)
            if factor:
                for k, v in pivots[name].items():
                    row[k] = (row.get(k, 0) - factor * v) % PRIME
                    if not row[k]:
                        del row[k]
        if not row:
            continue
        pivot = min(row, key=repr)
        inverse = pow(row[pivot], PRIME - 2, PRIME)
        row = {k: v * inverse % PRIME for k, v in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                for k, v in row.items():
                    other[k] = (other.get(k, 0) - factor * v) % PRIME
                    if not other[k]:
                        del other[k]
        pivots[pivot] = row
    return {name for name, row in pivots.items() if len(row) == 1}


@pytest.mark.parametrize(
    "seed,responses,places", [(1, 150, 3), (2, 90, 2), (3, 400, 3)]
)
def test_nothing_hidden_can_be_recovered(client, db, seed, responses, places):
    survey = _make_survey(make_territory(f"Place {seed}"), responses, seed, places)
    truth = _truth(survey, places)
    seen = _published(client, survey)
    variables = _variables(places)
    known = {name: truth.get(name, 0) for name in variables}
    equations = _equations(responses, places)
    for equation in equations:  # the model holds on the data
        assert sum(c * known.get(k, 1) for k, c in equation.items()) == 0, equation

    # What is shown is true, and nothing is shown in one place, hidden in another.
    assert all(truth.get(name, 0) == n for name, n in seen.shown.items())
    assert not seen.hidden & set(seen.shown), sorted(seen.hidden & set(seen.shown))
    secret = variables - set(seen.shown)
    # How many placed an option second, third…: in no table, they tie the
    # tables together (a hidden first place must not follow from them).
    auxiliary = {n for n in secret if n[0] == "k"}
    # Every count hidden somewhere is unknown; so are those never shown at all.
    assert seen.hidden <= secret
    # The test reads real tables: many cells shown, many hidden.
    crossed = [name for name in variables if name[0] == "x"]
    assert 0.25 < len(set(crossed) & set(seen.shown)) / len(crossed) < 0.95
    assert sum(1 for name in seen.hidden if name[0] == "x") > 20

    # The attacker's equations: known values moved to the other side.
    reduced = []
    for equation in equations:
        row = {k: c for k, c in equation.items() if k in secret}
        constant = sum(
            c * (1 if k == ("one",) else seen.shown[k])
            for k, c in equation.items()
            if k not in secret
        )
        if row:
            reduced.append((row, -constant))

    # 1. Subtraction: a sum with one hidden count in it.
    by_subtraction = {
        next(iter(row)): value / next(iter(row.values()))
        for row, value in reduced
        if len(row) == 1 and not set(row) & auxiliary
    }
    assert not by_subtraction, by_subtraction
    # 2. Any combination of the sums.
    fixed = _fixed_by_combination([{**row, "const": value} for row, value in reduced])
    assert not fixed - auxiliary, sorted(fixed - auxiliary)
    # 3. Bounds: hidden counts adding up to less than 5 (to 2: both are 1).
    small_sums = [
        (row, value)
        for row, value in reduced
        if all(c == 1 for c in row.values()) and value < LIMIT
    ]
    assert not small_sums, small_sums
    # 4. Percentages: a shown percentage of a hidden total gives the total.
    for count, percent, denominator in seen.percents:
        if denominator in secret:
            candidates = [
                d
                for d in range(max(count, 1), responses + 1)
                if round(100 * count / d, 1) == percent
            ]
            assert len(candidates) > 1, (denominator, count, percent, candidates)
