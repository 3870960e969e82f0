from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext_lazy as _

from convivio.core import permissions
from convivio.core.markdown import render_markdown
from convivio.core.printing import is_rtl

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


@dataclass(frozen=True)
class SearchScope:
    """What the header's search box searches: one list page and its words."""

    url_name: str
    label: str
    placeholder: str


# Until search covers every kind, the header's box searches what the part of the
# site is about (by URL namespace) and says so; anything else: practices.
SEARCH_SCOPES = {
    "directory": SearchScope(
        "directory:list", _("Search services"), _("Search services…")
    ),
    "plans": SearchScope("plans:list", _("Search plans"), _("Search plans…")),
    "library": SearchScope(
        "library:list", _("Search documents"), _("Search documents…")
    ),
    "ingest": SearchScope(
        "library:list", _("Search documents"), _("Search documents…")
    ),
}
DEFAULT_SEARCH_SCOPE = SearchScope(
    "practices:list", _("Search practices"), _("Search practices…")
)


@register.simple_tag(takes_context=True)
def search_scope(context) -> SearchScope:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return SEARCH_SCOPES.get(match.namespace if match else "", DEFAULT_SEARCH_SCOPE)


@register.simple_tag
def lang_attr(code: str | None) -> SafeString:
    """` lang="xx"` when content is written in another language than the page's,
    so that screen readers read it with the right voice (nothing otherwise); with
    ` dir` too when it runs the other way (Arabic on an English page and the
    reverse), so that its lines align and its punctuation falls where it belongs."""
    code = str(code or "")
    if not code or code.lower() == (get_language() or "").lower():
        return SafeString("")
    if is_rtl(code) != get_language_bidi():
        return format_html(
            ' lang="{}" dir="{}"', code, "rtl" if is_rtl(code) else "ltr"
        )
    return format_html(' lang="{}"', code)


@register.simple_tag
def forward_arrow() -> str:
    """An arrow towards the end of the line: "next", "indent", "from → to";
    it points left on a page written right to left."""
    return "←" if get_language_bidi() else "→"


@register.simple_tag
def back_arrow() -> str:
    """An arrow towards the start of the line: "back", "previous", "outdent"."""
    return "→" if get_language_bidi() else "←"


@register.filter(name="in_lang")
def in_lang(text: str, code: str | None) -> SafeString:
    """The text (escaped) in a ``<span lang>`` when its language is not the
    page's: for content inside a translated sentence ("Results: {{ title }}")."""
    attribute = lang_attr(code)
    if not attribute:
        return format_html("{}", text)
    return format_html("<span{}>{}</span>", attribute, text)
