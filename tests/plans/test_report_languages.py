"""A plan's reports in a language the reader chooses (``?lang=``): headings in
that language, each field of the plan in it when translated, else in its original
language with its ``lang`` and a visible marker; Arabic right to left."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from convivio.plans.models import PlanNodeTranslation, PlanTranslation

from .factories import make_node, make_plan

pytestmark = pytest.mark.django_db

GREEK_PLAN = "Σχέδιο ένταξης μεταναστών"
ARABIC_PLAN = "خطة إدماج المهاجرين"
GREEK_AREA = "Εκπαίδευση και γλώσσα"
GREEK_MEASURE = "Μαθήματα γλώσσας για ενήλικες"
UKRAINIAN_MEASURE = "Мовні курси для дорослих"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def greek_plan(territory):
    """A plan written in Greek; its title also in Arabic, a measure in Ukrainian."""
    plan = make_plan(territory, title=GREEK_PLAN, language="el")
    PlanTranslation.objects.create(plan=plan, language_id="ar", title=ARABIC_PLAN)
    area = make_node(plan, GREEK_AREA, kind="area", code="1")
    measure = make_node(plan, GREEK_MEASURE, parent=area, code="1.1")
    PlanNodeTranslation.objects.create(
        node=measure, language_id="uk", title=UKRAINIAN_MEASURE
    )
    return plan


def _nfkc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return _nfkc(" ".join(page.extract_text() for page in reader.pages))


def _has_arabic(text: str, words: str) -> bool:
    return all(w in text or w[::-1] in text for w in _nfkc(words).split())


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def test_plan_pdf_in_arabic_shows_arabic_and_marks_greek_fallbacks(client, greek_plan):
    url = reverse("plans:report_pdf", args=[greek_plan.pk]) + "?lang=ar"
    text = _pdf_text(client.get(url).content)
    assert _has_arabic(text, ARABIC_PLAN)
    # Headings in Arabic, from the catalogue.
    heading = _in("ar", "Measures at a glance")
    assert heading != "Measures at a glance"
    assert _has_arabic(text, heading)
    # The measures are written in Greek only: shown so, and marked.
    assert GREEK_MEASURE in text
    assert "Ελληνικά" in text


def test_plan_pdf_in_ukrainian_takes_the_translated_measure(client, greek_plan):
    url = reverse("plans:report_pdf", args=[greek_plan.pk]) + "?lang=uk"
    text = _pdf_text(client.get(url).content)
    assert UKRAINIAN_MEASURE in text
    assert GREEK_MEASURE not in text
    # The plan's title has no Ukrainian: the Greek original stands in.
    assert GREEK_PLAN in text
    assert _nfkc(_in("uk", "Measures at a glance")) in text


def test_plan_docx_in_arabic_is_right_to_left_and_marks_fallbacks(client, greek_plan):
    url = reverse("plans:report_docx", args=[greek_plan.pk]) + "?lang=ar"
    document = Document(io.BytesIO(client.get(url).content))
    paragraphs = {p.text: p for p in document.paragraphs}
    title = paragraphs[ARABIC_PLAN]._p
    assert title.pPr.find(qn("w:bidi")) is not None
    greek = paragraphs["1.1 " + GREEK_MEASURE]._p
    assert greek.pPr is None or greek.pPr.find(qn("w:bidi")) is None
    assert any(text.startswith("[") and "Ελληνικά" in text for text in paragraphs)


def test_plan_xlsx_sheets_are_named_in_the_chosen_language(client, greek_plan):
    url = reverse("plans:plan_xlsx", args=[greek_plan.pk]) + "?lang=el"
    book = load_workbook(io.BytesIO(client.get(url).content))
    assert _in("el", "Indicators")[:31] in book.sheetnames
    assert "Indicators" not in book.sheetnames


def test_plan_xlsx_says_which_titles_are_not_translated(client, greek_plan):
    url = reverse("plans:plan_xlsx", args=[greek_plan.pk]) + "?lang=uk"
    book = load_workbook(io.BytesIO(client.get(url).content))
    rows = list(book.worksheets[0].values)
    header, body = rows[0], rows[1:]
    title, language = header.index(_in("uk", "Title")), len(header) - 1
    by_title = {row[title]: row[language] for row in body}
    assert by_title[UKRAINIAN_MEASURE] == "uk"
    assert by_title[GREEK_AREA].startswith("el [")
    assert "Ελληνικά" in by_title[GREEK_AREA]


def test_an_unknown_language_gives_the_page_language(client, greek_plan):
    url = reverse("plans:plan_xlsx", args=[greek_plan.pk]) + "?lang=zz"
    book = load_workbook(io.BytesIO(client.get(url).content))
    assert "Indicators" in book.sheetnames
