"""A huge text is never sent whole: the document page and the review page show
it a part at a time, with links between parts, and say where it was cut."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from convivio.ingest.models import Draft, IngestJob
from convivio.ingest.selectors import REVIEW_PAGE_CHARS
from convivio.library.models import Document
from convivio.library.selectors import TEXT_PAGE_CHARS

from ..library.helpers import add_document

LINE = "Medida {:06d}: apoio ao acolhimento de pessoas migrantes na cidade.\n"


def long_text(chars: int) -> str:
    lines = []
    size = 0
    number = 0
    while size < chars:
        line = LINE.format(number)
        lines.append(line)
        size += len(line)
        number += 1
    return "".join(lines)


@pytest.fixture
def big_document(user):
    document = add_document(user, content=b"the file itself", title="Plano grande")
    text = long_text(3 * REVIEW_PAGE_CHARS + 5000)
    Document.objects.filter(pk=document.pk).update(extracted_text=text)
    document.refresh_from_db()
    return document


@pytest.fixture
def big_job(user, big_document):
    text = big_document.extracted_text
    far = text.index(LINE.format(4000))
    job = IngestJob.objects.create(
        document=big_document,
        created_by=user,
        status=IngestJob.Status.DONE,
        genre="practice_collection",
        text_cut_at=len(text),
    )
    Draft.objects.create(
        job=job,
        kind=Draft.Kind.PRACTICE,
        title="Acolhimento",
        data={
            "title": "Medida 000000",
            "summary": "Medida 004000",
            "spans": {"title": [0, 13], "summary": [far, far + 13]},
        },
    )
    return job


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_document_page_shows_the_text_a_part_at_a_time(
    client, user, big_document, big_job, django_assert_max_num_queries
):
    client.force_login(user)
    url = big_document.get_absolute_url()
    with django_assert_max_num_queries(20):
        page = soup(client.get(url))
    shown = page.select_one(".extracted-text pre").get_text()
    assert len(shown) <= TEXT_PAGE_CHARS
    assert shown.startswith(LINE.format(0)) and shown.endswith("\n")
    assert len(big_document.extracted_text) > 10 * TEXT_PAGE_CHARS
    nav = page.select_one(".extracted-text nav.text-pages")
    assert "Part 1 of" in nav.get_text(" ", strip=True)
    assert nav.select_one("a[rel=next]")["href"] == "?page=2#text"
    assert nav.select_one("a[rel=prev]") is None
    cut = page.select_one(".extracted-text .text-cut").get_text(" ", strip=True)
    assert f"cut at {big_job.text_cut_at:,} characters" in cut

    second = soup(client.get(url, {"page": 2}))
    assert second.select_one(".extracted-text")["open"] == ""
    text = second.select_one(".extracted-text pre").get_text()
    assert text == big_document.extracted_text[len(shown) : len(shown) + len(text)]
    # Beyond the last part: the last part.
    last = soup(client.get(url, {"page": 10_000}))
    assert big_document.extracted_text.endswith(
        last.select_one(".extracted-text pre").get_text()
    )
    assert last.select_one(".extracted-text a[rel=next]") is None


def test_a_short_text_is_shown_whole_without_parts(client, user):
    document = add_document(user, content=b"short", title="Curto")
    Document.objects.filter(pk=document.pk).update(extracted_text="Uma linha.\n")
    client.force_login(user)
    page = soup(client.get(document.get_absolute_url()))
    assert page.select_one(".extracted-text pre").get_text() == "Uma linha.\n"
    assert page.select_one("nav.text-pages") is None
    assert page.select_one(".text-cut") is None


def test_the_review_page_shows_a_part_and_links_to_spans_in_other_parts(
    client, user, big_job, django_assert_max_num_queries
):
    client.force_login(user)
    url = reverse("ingest:review", args=[big_job.pk])
    draft = big_job.drafts.get()
    with django_assert_max_num_queries(25):
        first = soup(client.get(url))
    source = first.select_one("pre.source-text")
    assert len(source.get_text()) <= REVIEW_PAGE_CHARS
    # The title's span is in this part: highlighted, linked within the page.
    assert source.find(id=f"d{draft.pk}-title") is not None
    assert "Medida 000000" in [mark.get_text() for mark in source.select("mark")]
    links = {a.get_text(strip=True): a["href"] for a in first.select(".draft-fields a")}
    assert links["Medida 000000"] == f"#d{draft.pk}-title"
    # The summary's span lies in a later part: the link leads to that part.
    far = big_job.document.extracted_text.index(LINE.format(4000))
    part = far // REVIEW_PAGE_CHARS + 1
    assert part > 1
    assert links["Medida 004000"] == f"?page={part}#d{draft.pk}-summary"
    assert source.find(id=f"d{draft.pk}-summary") is None
    later = soup(client.get(url, {"page": part}))
    source = later.select_one("pre.source-text")
    assert source.find(id=f"d{draft.pk}-summary") is not None
    assert [mark.get_text() for mark in source.select("mark")] == ["Medida 004000"]
    cut = later.select_one(".review-source .text-cut").get_text(" ", strip=True)
    assert f"cut at {big_job.text_cut_at:,} characters" in cut
