"""A member submits a practice, a moderator publishes it, a visitor then finds it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .helpers import field, search_practices

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = "Neighbourhood bicycle repair workshop run with newcomers"
SUMMARY = (
    "Residents and newly arrived people repair donated bicycles together every "
    "Saturday; the bicycles go to families who need them to reach work and school."
)
SEARCH = "bicycle repair"


def test_member_submits_moderator_publishes_visitor_finds(
    live_server, demo, new_page, sign_in
):
    base = live_server.url

    # A member fills the form and sends the practice for review.
    member = new_page()
    sign_in(member, "member", demo["member"])
    member.get_by_role("banner").get_by_role("link", name="Submit a practice").click()
    expect(member.locator("main h1")).to_have_text("Submit a good practice")
    field(member, "Title").fill(TITLE)
    field(member, "Summary").fill(SUMMARY)
    field(member, "Country").select_option(label="Greece")
    member.get_by_role("checkbox", name="Employment", exact=True).check()
    member.get_by_role("button", name="Send for review").click()
    expect(member).to_have_url(re.compile(r"/practices/\d+/$"))
    expect(member.locator(".messages")).to_contain_text(
        "Your practice was sent to the moderators."
    )
    expect(member.locator("main h1")).to_have_text(TITLE)
    expect(member.locator(".status-banner")).to_contain_text("in review")
    detail_url = member.url

    # Until it is published, a visitor neither sees nor finds it.
    visitor = new_page()
    assert visitor.goto(detail_url).status == 404
    search_practices(visitor, base, SEARCH)
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)

    # A moderator finds it in the review queue and publishes it.
    moderator = new_page()
    sign_in(moderator, "moderator", demo["moderator"])
    moderator.locator(".site-header summary").click()
    moderator.get_by_role("link", name="Review queue").click()
    expect(moderator).to_have_url(f"{base}/en/practices/review/")
    moderator.get_by_role("link", name=TITLE).click()
    expect(moderator).to_have_url(detail_url)
    moderator.get_by_role("button", name="Publish").click()
    expect(moderator.locator(".messages")).to_contain_text(
        "The practice is now published."
    )
    expect(moderator.locator(".status-banner")).to_have_count(0)
    moderator.goto(f"{base}/en/practices/review/")
    expect(moderator.get_by_role("link", name=TITLE)).to_have_count(0)

    # Now a visitor finds it by words of its title and opens it.
    search_practices(visitor, base, SEARCH)
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(detail_url)
    expect(visitor.locator("main h1")).to_have_text(TITLE)
    expect(visitor.locator(".lead")).to_have_text(SUMMARY)
