"""The chat's template filter: a message's text, escaped, with its line breaks
and its web addresses as links."""

from __future__ import annotations

import re

from django import template
from django.template.defaultfilters import linebreaksbr, urlize
from django.utils.safestring import SafeString

register = template.Library()

#: Something urlize could turn into a link: a scheme, "www.", an e-mail address
#: or a domain name.  Most chat lines have none, and urlize is the costly part of
#: showing fifty messages.
_MAYBE_LINK = re.compile(r"://|www\.|@|\w\.[a-z]{2,}", re.IGNORECASE)


@register.filter(name="chat_text")
def chat_text(text: str) -> SafeString:
    """Escaped by Django's own filters (urlize escapes what it does not link and
    links only http(s), www. and e-mail addresses, never javascript:)."""
    text = text or ""
    if _MAYBE_LINK.search(text):
        return linebreaksbr(urlize(text, autoescape=True), autoescape=False)
    return linebreaksbr(text, autoescape=True)
