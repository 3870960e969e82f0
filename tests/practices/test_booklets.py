"""A collection's booklet (page, PDF, DOCX) in a language its content exists in,
each field falling back to the original and marked so."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from convivio.core.translation import save_original, save_translation
from convivio.practices import services
from convivio.practices.models import PracticeTranslation
from tests.factories import make_practice
from tests.html import soup_of

pytestmark = pytest.mark.django_db

GREEK_TITLE = "Κοινωνική κουζίνα για μητέρες"
GREEK_SUMMARY = "Οι μητέρες μαγειρεύουν μαζί και μαθαίνουν ελληνικά."
UKRAINIAN_TITLE = "Мовні курси для біженців"
UKRAINIAN_SUMMARY = "Волонтери щотижня навчають дорослих читати й писати."
ARABIC_TITLE = "دروس اللغة للقادمين الجدد"
ARABIC_SUMMARY = "يتعلم الوافدون الجدد اللغة مع متطوعين من الحي."
ARABIC_COLLECTION = "استقبال القادمين الجدد"
#: The Greek practice's title translated into Arabic (its summary is not).
ARABIC_OF_GREEK_TITLE = "مطبخ اجتماعي للأمهات"


def _translate(record, language: str, **values) -> None:
    """A translation with some fields only (the others fall back)."""
    save_translation(record, language, values)


@pytest.fixture
def collection(moderator):
    greek = make_practice(
        language="el",
        title=GREEK_TITLE,
        summary=GREEK_SUMMARY,
        description="Κάθε Τρίτη στο κέντρο της πόλης.",
        aims=["Αυτονομία"],
        country="GR",
    )
    ukrainian = make_practice(
        language="uk",
        title=UKRAINIAN_TITLE,
        summary=UKRAINIAN_SUMMARY,
        country="RO",
    )
    arabic = make_practice(
        language="ar", title=ARABIC_TITLE, summary=ARABIC_SUMMARY, country="IT"
    )
    _translate(greek, "ar", title=ARABIC_OF_GREEK_TITLE)
    hidden = make_practice(status="draft", title="Secret draft practice")
    collection = services.collection_create(
        user=moderator,
        title="Welcoming newcomers",
        language="en",
        introduction="Practices *gathered* by the partners.",
        recommendations=[
            "Local administration: Open the registry office in the evening.",
            "Local administration: Print forms in several languages.",
            "Civil society: Train volunteers as interpreters.",
        ],
        practices=[greek, ukrainian, arabic, hidden],
    )
    _translate(collection, "ar", title=ARABIC_COLLECTION)
    return collection


def _url(name: str, collection, lang: str | None = None) -> str:
    url = reverse(f"practices:{name}", args=[collection.pk])
    return f"{url}?lang={lang}" if lang else url


def _nfkc(text: str) -> str:
    # PDFs may hold Arabic as presentation forms (shaped glyphs): compare letters.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pdf_text(data: bytes) -> str:
    return _nfkc(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    )


def _contains_arabic(haystack: str, words: str) -> bool:
    """Each Arabic word is in the text, in logical or visual order (a sentence's
    full stop may come out at either end of its line)."""
    words = [word.strip(".،؛") for word in _nfkc(words).split()]
    return all(word in haystack or word[::-1] in haystack for word in words)


def test_the_collection_page_links_to_its_booklet(client, collection):
    page = soup_of(client.get(collection.get_absolute_url()))
    assert page.find("a", href=_url("collection_booklet", collection))


def test_the_reader_picks_among_the_languages_the_content_exists_in(client, collection):
    page = soup_of(client.get(_url("collection_booklet", collection, "el")))
    offered = {a["hreflang"] for a in page.select(".booklet-tools a[hreflang]")}
    chosen = page.select_one(".booklet-tools strong[lang]")["lang"]
    assert offered | {chosen} == {"en", "el", "uk", "ar"}
    assert chosen == "el"


def test_the_booklet_page_in_arabic_is_right_to_left_with_real_lang_attributes(
    client, collection
):
    page = soup_of(client.get(_url("collection_booklet", collection, "ar")))
    booklet = page.select_one("article.booklet")
    assert (booklet["lang"], booklet["dir"]) == ("ar", "rtl")
    # The Greek practice's title is translated; its summary falls back to Greek.
    title = booklet.find("span", string=ARABIC_OF_GREEK_TITLE)
    assert (title["lang"], title["dir"]) == ("ar", "rtl")
    assert "fallback" not in title.get("class", [])
    summary = booklet.find("p", string=GREEK_SUMMARY).find_parent("div")
    assert (summary["lang"], summary["dir"]) == ("el", "ltr")
    assert "fallback" in summary["class"]
    assert summary.find_previous_sibling("p", class_="fallback-mark")
    ukrainian = booklet.find("span", string=UKRAINIAN_TITLE)
    assert ukrainian["lang"] == "uk"
    assert "fallback" in ukrainian["class"]
    # The collection's title is translated, its introduction is not.
    title = booklet.find("h1").find("span")
    assert (title["lang"], title.get_text()) == ("ar", ARABIC_COLLECTION)
    intro = booklet.select_one("section.introduction div[lang]")
    assert intro["lang"] == "en" and "fallback" in intro["class"]
    # The headings are in Arabic, and the page says parts are not translated.
    assert booklet.select_one("section.practices h2").get_text() == "الممارسات"
    assert booklet.select_one(".fallback-note")


def test_the_booklet_in_the_original_language_has_no_markers(client, collection):
    page = soup_of(client.get(_url("collection_booklet", collection, "en")))
    booklet = page.select_one("article.booklet")
    intro = booklet.select_one("section.introduction div[lang]")
    assert intro["lang"] == "en"
    assert intro.find("em").get_text() == "gathered"
    # Practices in their own languages are marked: nothing of theirs is in English.
    greek = booklet.find("span", string=GREEK_TITLE)
    assert greek["lang"] == "el"
    assert greek.find_next_sibling("small", class_="fallback-mark")
    assert not intro.find_previous_sibling("p", class_="fallback-mark")


def test_recommendations_are_grouped_by_audience(client, collection):
    page = soup_of(client.get(_url("collection_booklet", collection, "en")))
    section = page.select_one("section.recommendations")
    groups = [
        (h3.get_text(), [li.get_text() for li in h3.find_next_sibling("ol")("li")])
        for h3 in section("h3")
    ]
    assert groups == [
        (
            "Local administration",
            [
                "Open the registry office in the evening.",
                "Print forms in several languages.",
            ],
        ),
        ("Civil society", ["Train volunteers as interpreters."]),
    ]


def test_a_draft_practice_is_never_printed_in_the_booklet(client, collection):
    page = client.get(_url("collection_booklet", collection, "en")).content.decode()
    assert "Secret draft practice" not in page
    docx = client.get(_url("collection_booklet_docx", collection, "en")).content
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "Secret draft practice" not in text


def test_a_language_the_content_lacks_gives_the_page_language(client, collection):
    page = soup_of(client.get(_url("collection_booklet", collection, "zz")))
    assert page.select_one("article.booklet")["lang"] == "en"


def test_an_unknown_collection_has_no_booklet(client, db):
    assert (
        client.get(reverse("practices:collection_booklet", args=[999])).status_code
        == 404
    )


def test_the_pdf_holds_greek_ukrainian_and_arabic_text(client, collection):
    response = client.get(_url("collection_booklet_pdf", collection, "ar"))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert _nfkc(GREEK_SUMMARY) in text
    assert _nfkc(UKRAINIAN_TITLE) in text
    assert _contains_arabic(text, ARABIC_SUMMARY)
    assert _contains_arabic(text, ARABIC_OF_GREEK_TITLE)
    # The marker on the Greek summary, in Arabic, names the original language.
    assert "Ελληνικά" in text
    # Arabic is set in Noto (fonts-noto-core), shaped by Pango, not in boxes.
    reader = PdfReader(io.BytesIO(response.content))
    fonts = {
        font.get_object()["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Naskh-Arabic" in str(font) for font in fonts)


def test_the_docx_holds_the_text_right_to_left_in_arabic(client, collection):
    response = client.get(_url("collection_booklet_docx", collection, "ar"))
    document = Document(io.BytesIO(response.content))
    paragraphs = {p.text: p for p in document.paragraphs}
    assert ARABIC_OF_GREEK_TITLE in paragraphs
    assert GREEK_SUMMARY in paragraphs
    assert UKRAINIAN_TITLE in paragraphs
    arabic = paragraphs[ARABIC_SUMMARY]._p
    assert arabic.pPr.find(arabic.pPr.nsmap and _qn("w:bidi")) is not None
    greek = paragraphs[GREEK_SUMMARY]._p
    assert greek.pPr is None or greek.pPr.find(_qn("w:bidi")) is None
    # The Greek summary is marked as shown in its original language.
    markers = [
        text for text in paragraphs if text.startswith("[") and "Ελληνικά" in text
    ]
    assert markers


def test_a_changed_practice_makes_a_new_docx(client, collection):
    url = _url("collection_booklet_docx", collection, "en")
    assert UKRAINIAN_SUMMARY in "\n".join(
        p.text for p in Document(io.BytesIO(client.get(url).content)).paragraphs
    )
    practice = PracticeTranslation.objects.get(summary=UKRAINIAN_SUMMARY).practice
    save_original(practice, {"summary": "Волонтери навчають дорослих щодня."})
    text = "\n".join(
        p.text for p in Document(io.BytesIO(client.get(url).content)).paragraphs
    )
    assert "Волонтери навчають дорослих щодня." in text
    assert UKRAINIAN_SUMMARY not in text


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


@pytest.mark.parametrize("size", [3, 30])
def test_the_booklet_queries_do_not_grow_with_its_practices(
    client, moderator, django_assert_max_num_queries, size
):
    practices = []
    for i in range(size):
        practice = make_practice(title=f"Practice {i}", summary=f"Summary {i}.")
        for language in ("el", "uk", "ar", "es"):
            _translate(practice, language, title=f"{language} {i}")
        practices.append(practice)
    collection = services.collection_create(
        user=moderator, title="Many", language="en", practices=practices
    )
    with django_assert_max_num_queries(12):
        response = client.get(_url("collection_booklet", collection, "el"))
    assert response.status_code == 200


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_booklet_issues_a_bounded_number_of_queries(
    client, collection, django_assert_max_num_queries, lang
):
    with django_assert_max_num_queries(12):
        assert (
            client.get(_url("collection_booklet", collection, lang)).status_code == 200
        )
