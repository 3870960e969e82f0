from __future__ import annotations

from django import template
from django.http import QueryDict
from django.utils.safestring import SafeString

from convivio.core import permissions
from convivio.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes)."""
    params: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    return params.urlencode()


@register.filter(name="is_moderator")
def is_moderator_filter(user) -> bool:
    return permissions.is_moderator(user)
