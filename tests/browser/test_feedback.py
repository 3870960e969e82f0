"""A newcomer scans a service's feedback poster with a phone set to Arabic: the
short address opens the form in Arabic (right to left), they rate the service
and write a comment in Arabic, and see the thank-you page; the answer is kept
with its language and nothing about them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from convivio.feedback import services
from convivio.surveys.models import Answer, Response
from tests.feedback.factories import make_service

from .helpers import PHONE, TIMEOUT_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

COMMENT = "شكرًا، ساعدتني الوسيطة كثيرًا"


def test_a_newcomer_leaves_feedback_in_arabic_on_a_phone(
    browser, live_server, page_problems, reference_data
):
    service = make_service(name="Consulta com mediação", languages=("pt", "ar", "en"))
    channel = services.channel_open(user=service.editor, target=service)

    context = browser.new_context(
        viewport=PHONE, locale="ar", is_mobile=True, has_touch=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = page_problems.watch(context.new_page())
        page.goto(f"{live_server.url}/f/{channel.code}")
        expect(page).to_have_url(f"{live_server.url}/ar/feedback/{channel.code}/")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Consulta com mediação"
        )
        # The other languages of the service are offered.
        expect(page.locator(".survey-languages a[hreflang=pt]")).to_be_visible()

        page.locator("input[name=rating][value='4']").check()
        page.locator("textarea[name=comment]").fill(COMMENT)
        page.locator("form.answer-form button[type=submit]").click()

        expect(page).to_have_url(
            f"{live_server.url}/ar/feedback/{channel.code}/thanks/"
        )
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator(".feedback-thanks h1")).to_be_visible()
    finally:
        context.close()

    response = Response.objects.get(survey=channel.survey)
    assert response.language_id == "ar"
    answers = dict(
        Answer.objects.filter(response=response).values_list("question__name", "text")
    )
    assert answers == {"rating": "4", "comment": COMMENT}
    assert not page_problems, "\n".join(page_problems)
