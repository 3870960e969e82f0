from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from convivio.core import permissions
from convivio.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.filter(name="is_moderator")
def is_moderator_filter(user) -> bool:
    return permissions.is_moderator(user)


@register.simple_tag
def filters_query(filters, **changes) -> str:
    """The list's normalised query string with some parameters changed."""
    return filters.query_string(**changes)
