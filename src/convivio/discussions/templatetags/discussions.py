"""Links to people and post bodies with their mentions linked."""

from __future__ import annotations

import re

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString

from convivio.core.markdown import render_markdown

register = template.Library()


@register.filter
def person_url(username: str) -> str:
    """The person's public page ("" until the people pages exist)."""
    if not username:
        return ""
    try:
        return reverse("community:person", args=[username])
    except NoReverseMatch:
        return ""


@register.filter
def community_url(post, name: str) -> str:
    """The post's page of the moderation screens ("report",
    "moderation_history"), "" while they do not exist."""
    try:
        return reverse(f"community:{name}", args=["discussions.post", post.pk])
    except NoReverseMatch:
        return ""


@register.filter
def post_body(view) -> SafeString:
    """The post's Markdown rendered (``core.markdown``: sanitised), with each
    person it mentions linked to their page."""
    text = view.post.body
    for name in view.mentions:
        url = person_url(name)
        if url:
            text = re.sub(
                r"(?<![\w@.\[])@" + re.escape(name) + r"(?![\w@+-])",
                f"[@{name}]({url})",
                text,
            )
    return render_markdown(text)
