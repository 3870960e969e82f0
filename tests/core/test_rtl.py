"""Right to left done properly, and numbers and dates in the reader's language.

The stylesheets and templates say "start" and "end", never "left" and "right",
so that an Arabic page is the mirror image of an English one without a second
stylesheet; arrows and charts follow the page's direction; figures and dates
are written as each language writes them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from defusedxml.ElementTree import fromstring
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from convivio.core import charts
from convivio.core.numbers import format_percent, megabytes, readable_number
from tests.html import soup_of

SRC = Path(__file__).resolve().parents[2] / "src" / "convivio"
#: Our own stylesheets; the vendored Leaflet in static/convivio/leaflet/ is not ours.
STYLESHEETS = sorted((SRC / "static" / "convivio").glob("*.css"))
TEMPLATES = sorted(SRC.rglob("templates/**/*.html"))
SVG = "{http://www.w3.org/2000/svg}"

#: (file relative to src/convivio, property) where a physical side is truly
#: meant.  Empty today: the map's controls are placed by Leaflet's own CSS.
ALLOWED: set[tuple[str, str]] = set()

PHYSICAL_PROPERTY = re.compile(
    r"(?<![\w-])("
    r"(?:margin|padding)-(?:left|right)"
    r"|border-(?:left|right)(?:-(?:width|style|color))?"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
    r"|left|right"
    r")\s*:",
)
PHYSICAL_VALUE = re.compile(
    r"(?<![\w-])(text-align|float|clear)\s*:\s*(left|right)\b"
    r"|(?<![\w-])(background-position(?:-x)?)\s*:[^;}]*\b(left|right)\b"
)
#: "direction: ltr" or unicode-bidi in a stylesheet fixes a direction for every
#: language; the page's dir attribute is what sets it.
FIXED_DIRECTION = re.compile(r"(?<![\w-])(direction|unicode-bidi)\s*:")
SHORTHAND = re.compile(r"(?<![\w-])(margin|padding|inset|border-radius)\s*:\s*([^;}]+)")
ARROWS = re.compile("[→←▸◂⇒⇐➔]")


def _declarations(css: str) -> str:
    """The CSS without comments and without the contents of strings."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.sub(r"\"[^\"]*\"|'[^']*'", '""', css)


def _asymmetric(name: str, value: str) -> bool:
    """A shorthand whose left and right values differ names sides physically."""
    parts = value.replace("!important", "").split("/")[0].split()
    if name == "border-radius":
        # Corners: top-left, top-right, bottom-right, bottom-left.
        corners = {
            1: lambda p: p * 4,
            2: lambda p: [p[0], p[1], p[0], p[1]],
            3: lambda p: [p[0], p[1], p[2], p[1]],
            4: lambda p: p,
        }.get(len(parts), lambda p: ["x"] * 4)(parts)
        return corners[0] != corners[1] or corners[2] != corners[3]
    return len(parts) == 4 and parts[1] != parts[3]


def _problems(name: str, css: str) -> list[str]:
    css = _declarations(css)
    found = [m.group(1) for m in PHYSICAL_PROPERTY.finditer(css)]
    found += [m.group(0) for m in PHYSICAL_VALUE.finditer(css)]
    found += [m.group(0) for m in FIXED_DIRECTION.finditer(css)]
    found += [
        m.group(0).strip()
        for m in SHORTHAND.finditer(css)
        if _asymmetric(m.group(1), m.group(2))
    ]
    return [f"{name}: {p}" for p in found if (name, p.split(":")[0]) not in ALLOWED]


def _template_css(html: str) -> str:
    """The CSS a template carries: its <style> blocks and style attributes."""
    blocks = re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)
    attributes = re.findall(r"\bstyle=\"([^\"]*)\"", html)
    return "\n".join(blocks + [f"x {{ {a} }}" for a in attributes])


def test_the_checks_catch_what_they_are_for():
    bad = (
        ".a { margin-left: 1rem; } .b { right: 0; } .c { text-align: left; }"
        ".d { float: right; } .e { padding: 0 1rem 0 0; }"
        ".f { border-radius: 4px 0 0 4px; }"
        ".g { border-right-color: red; } .h { direction: ltr; }"
    )
    assert len(_problems("x.css", bad)) == 8
    good = (
        ".a { margin-inline-start: 1rem; } .b { inset-inline-end: 0; }"
        ".c { text-align: start; } .e { padding: 0 1rem; margin: 1px 2px 3px 2px; }"
        ".f { border-radius: 8px 8px 0 0; } .g { flex-direction: column; }"
        '.h::before { content: "left: 0"; } /* margin-left: 0 */'
    )
    assert _problems("x.css", good) == []


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheets_say_start_and_end_not_left_and_right(path):
    assert STYLESHEETS, "no stylesheet found"
    name = str(path.relative_to(SRC))
    assert _problems(name, path.read_text(encoding="utf-8")) == []


def test_templates_say_start_and_end_not_left_and_right():
    problems = []
    for path in TEMPLATES:
        html = path.read_text(encoding="utf-8")
        name = str(path.relative_to(SRC))
        problems += _problems(name, _template_css(html))
        if re.search(r"\balign=\"(left|right)\"", html):
            problems.append(f"{name}: align attribute")
        # The page's direction comes from the language, never written in;
        # but for phone numbers, e-mail and web addresses, which run left to
        # right in every language ("+351 249 …" would read "… 249 351+").
        for tag in re.findall(r"<[^<>]*\bdir=\"(?:ltr|rtl)\"[^<>]*>", html):
            if not re.match(r"<a href=\"(tel:|mailto:|\{\{ [\w.]*url \}\})", tag):
                problems.append(f"{name}: dir written in {tag}")
    assert problems == []


def test_templates_draw_arrows_through_the_direction_aware_tags():
    """An arrow typed in a template points the wrong way on an Arabic page:
    ``{% back_arrow %}`` and ``{% forward_arrow %}`` turn with the page.
    (Arrows inside a translated message are the translator's to turn.)"""
    problems = []
    for path in TEMPLATES:
        html = path.read_text(encoding="utf-8")
        html = re.sub(
            r"\{%\s*blocktranslate.*?endblocktranslate\s*%\}", "", html, flags=re.S
        )
        html = re.sub(r"\{%\s*translate\s+(\"[^\"]*\"|'[^']*').*?%\}", "", html)
        html = re.sub(
            r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
            "",
            html,
            flags=re.S,
        )
        for match in ARROWS.finditer(html):
            problems.append(f"{path.relative_to(SRC)}: {match.group(0)}")
    assert problems == []


def test_arrows_turn_with_the_language():
    template = Template("{% load convivio %}{% back_arrow %} {% forward_arrow %}")
    with translation.override("en"):
        assert template.render(Context()) == "← →"
    with translation.override("ar"):
        assert template.render(Context()) == "→ ←"


def test_values_put_into_an_arabic_sentence_keep_their_order():
    """A period key inside a translated sentence: isolated on an Arabic page
    (else it reads "Q2-2026"), untouched on an English one."""
    template = Template("{% load convivio %}{{ period|isolate }}")
    with translation.override("en"):
        assert template.render(Context({"period": "2026-Q2"})) == "2026-Q2"
    with translation.override("ar"):
        assert (
            template.render(Context({"period": "2026-Q2"}))
            == "\N{FIRST STRONG ISOLATE}2026-Q2\N{POP DIRECTIONAL ISOLATE}"
        )


def test_content_running_the_other_way_gets_its_direction():
    template = Template("{% load convivio %}<p{% lang_attr code %}>")
    with translation.override("en"):
        assert template.render(Context({"code": "ar"})) == '<p lang="ar" dir="rtl">'
        assert template.render(Context({"code": "pt"})) == '<p lang="pt">'
        assert template.render(Context({"code": "en"})) == "<p>"
    with translation.override("ar"):
        assert template.render(Context({"code": "en"})) == '<p lang="en" dir="ltr">'
        assert template.render(Context({"code": "fa"})) == '<p lang="fa">'


# Charts ------------------------------------------------------------------------


def _bars_and_labels(svg: str) -> tuple[list[float], list[tuple[float, str, str]]]:
    root = fromstring(svg)
    rects = [float(r.get("x")) for r in root.iter(f"{SVG}rect")]
    # Labels of a right-to-left chart are isolated between FSI and PDI.
    texts = [
        (float(t.get("x")), t.get("text-anchor"), t.text.strip("\u2068\u2069"))
        for t in root.iter(f"{SVG}text")
    ]
    return rects, texts


def test_bars_grow_from_the_inline_start():
    """Breakdown bars 480 wide: labels 170, bars up to 250.  In English a bar
    starts at x = 170 and its label at 0; in Arabic the chart is mirrored: the
    label starts at 480 (its right end, the SVG being rtl) and the bar of the
    largest value (250 long) ends at 480 − 170 = 310, so starts at 60."""
    items = [("Women", Decimal(77), False), ("Men", Decimal(50), False)]
    with translation.override("en"):
        svg = charts.breakdown_bars(items, title="By sex")
    assert fromstring(svg).get("direction") == "ltr"
    rects, texts = _bars_and_labels(svg)
    assert rects == [170, 170]
    assert texts[0] == (0, "start", "Women")
    assert texts[1] == (170 + 250 + 6, "start", "77")
    with translation.override("ar"):
        svg = charts.breakdown_bars(items, title="By sex")
    assert fromstring(svg).get("direction") == "rtl"
    assert "\u2068Women\u2069" in svg
    rects, texts = _bars_and_labels(svg)
    # 50/77 of 250 = 162.3; it starts at 480 − 170 − 162.3 = 147.7.
    assert rects == [60, 147.7]
    assert texts[0] == (480, "start", "Women")
    assert texts[1] == (480 - 426, "start", "77")


def test_time_runs_from_right_to_left_in_arabic():
    """The line chart's plot spans x = 48 … 444 of 460 in English; in Arabic
    the first period sits at 460 − 48 = 412 and the last at 460 − 444 = 16."""
    points = [("2024", Decimal(10)), ("2025", Decimal(20))]
    with translation.override("ar"):
        svg = charts.line_chart(points, title="Over time")
    root = fromstring(svg)
    circles = [float(c.get("cx")) for c in root.iter(f"{SVG}circle")]
    assert circles == [412, 16]
    with translation.override("en"):
        svg = charts.line_chart(points, title="Over time")
    circles = [float(c.get("cx")) for c in fromstring(svg).iter(f"{SVG}circle")]
    assert circles == [48, 444]


def test_progress_fills_from_the_inline_start():
    """Half way on a 460 wide track: 0 … 230 in English, 230 … 460 in Arabic."""
    kwargs = {
        "title": "Learners",
        "baseline": Decimal(0),
        "latest": Decimal(50),
        "target": Decimal(100),
        "percent": 50.0,
    }
    with translation.override("en"):
        rects, _texts = _bars_and_labels(charts.progress_bar(**kwargs))
    assert rects == [0, 0]
    with translation.override("ar"):
        rects, _texts = _bars_and_labels(charts.progress_bar(**kwargs))
    assert rects == [0, 230]


# Numbers and dates -------------------------------------------------------------


@pytest.mark.parametrize(
    "language, number, size",
    [
        ("en", "1,250.5", "2.5"),
        ("de", "1.250,5", "2,5"),
        ("fr", "1\N{NO-BREAK SPACE}250,5", "2,5"),
        # Django's Arabic formats: a decimal comma, no grouping, Western digits.
        ("ar", "1250,5", "2,5"),
    ],
)
def test_numbers_are_written_as_the_language_writes_them(language, number, size):
    with translation.override(language):
        assert readable_number(Decimal("1250.50")) == number
        assert readable_number(3.0) == "3"
        assert readable_number(None) == "–"
        assert megabytes(int(2.5 * 1048576)) == size


def test_percentages_take_the_decimal_separator_of_the_language():
    with translation.override("en"):
        assert format_percent(73.333) == "73.3 %"
        assert format_percent(50) == "50 %"
    with translation.override("de"):
        assert format_percent(73.333) == "73,3 %"


@pytest.mark.parametrize(
    "language, target, day",
    [
        ("en", "1,250.5 people", "Dec. 31, 2026"),
        ("es", "1\N{NO-BREAK SPACE}250,5 people", "31 de diciembre de 2026"),
        ("de", "1.250,5 people", "31. Dezember 2026"),
    ],
)
def test_a_final_target_reads_in_the_language_of_the_page(language, target, day):
    """The dashboard's "final target … by …" line: the number with the
    language's separators, the date in the language's long format."""
    row = SimpleNamespace(
        target_date=date(2026, 12, 31),
        final_target_label=None,
    )
    with translation.override(language):
        row.final_target_label = f"{readable_number(Decimal('1250.5'))} people"
        html = render_to_string("plans/dashboard/_final_target.html", {"row": row})
    # Not text_of: it folds the no-break space that groups French thousands.
    text = soup_of(html).select_one(".final-target").get_text()
    assert target in text
    assert day in text


def test_charts_write_numbers_in_the_language_of_the_page():
    items = [("Budget", Decimal("12500.5"))]
    with translation.override("de"):
        _rects, texts = _bars_and_labels(charts.value_bars(items, title="Budget"))
    assert texts[1][2] == "12.500,5"


# Pages -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_arabic_page_runs_right_to_left(client):
    response = client.get("/ar/")
    assert response.status_code == 200
    html = soup_of(response).find("html")
    assert html.get("lang") == "ar"
    assert html.get("dir") == "rtl"
    response = client.get("/es/")
    html = soup_of(response).find("html")
    assert (html.get("lang"), html.get("dir")) == ("es", "ltr")
