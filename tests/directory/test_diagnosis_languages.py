"""The local diagnosis as a document in a language the reader chooses (``?lang=``):
headings in that language, plan measures' titles falling back to their original
and marked, Arabic right to left."""

import io
import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from convivio.demo.directory import directory_demo_load
from convivio.demo.plans import plans_demo_load
from convivio.plans.models import PlanNode, Responsibility
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    plans_demo_load()
    town = directory_demo_load().town
    # One measure nobody has taken on, so that the diagnosis lists it.
    measure = PlanNode.objects.filter(
        plan__territory=town, kind=PlanNode.Kind.MEASURE, deleted_at__isnull=True
    ).exclude(status=PlanNode.Status.DROPPED)[0]
    Responsibility.objects.filter(node=measure).delete()
    return town


def _nfkc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _in_lang(language: str, message: str, **values) -> str:
    with translation.override(language):
        return gettext(message) % values


def test_the_pdf_in_arabic_has_arabic_headings_and_marks_untranslated_measures(
    client, town
):
    response = client.get(
        reverse("directory:diagnosis_pdf", args=[town.pk]) + "?lang=ar"
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = _nfkc(" ".join(page.extract_text() for page in reader.pages))
    heading = _in_lang("ar", "Local diagnosis of %(name)s", name=town.name)
    assert heading != f"Local diagnosis of {town.name}"
    words = [w for w in _nfkc(heading).split() if w != town.name]
    assert all(word in text or word[::-1] in text for word in words)
    # The demo plan's measures are written in English only: marked as such.
    assert "English" in text


def test_the_spreadsheet_follows_the_chosen_language(client, town):
    response = client.get(
        reverse("directory:diagnosis_xlsx", args=[town.pk]) + "?lang=el"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert _in_lang("el", "Coverage") in book.sheetnames
    assert "Coverage" not in book.sheetnames


def test_an_unknown_language_gives_the_page_language(client, town):
    response = client.get(
        reverse("directory:diagnosis_xlsx", args=[town.pk]) + "?lang=xx"
    )
    assert "Coverage" in load_workbook(io.BytesIO(response.content)).sheetnames


def test_open_measures_carry_their_language_on_the_page(client, town):
    page = soup_of(client.get(reverse("directory:diagnosis", args=[town.pk])))
    titles = page.select(".open-measures li span[lang]")
    assert titles and all(span["lang"] == "en" for span in titles)
