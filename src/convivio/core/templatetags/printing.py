"""Template filters for documents in a chosen language (core.printing.Piece):
each piece carries its real ``lang`` and direction, and one shown in its
original language carries a visible marker."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from convivio.core.markdown import render_markdown
from convivio.core.printing import Piece

register = template.Library()


def _mark(piece: Piece) -> SafeString:
    if not piece.fallback:
        return SafeString("")
    return format_html(' <small class="fallback-mark">[{}]</small>', piece.marker)


@register.filter
def piece_inline(piece: Piece) -> SafeString:
    """A short field (a title, a list item) in a ``<span lang dir>``, marked."""
    return format_html(
        '<span lang="{}" dir="{}"{}>{}</span>{}',
        piece.language,
        piece.direction,
        SafeString(' class="fallback"') if piece.fallback else "",
        str(piece),
        _mark(piece),
    )


@register.filter
def piece_block(piece: Piece) -> SafeString:
    """A long field written in Markdown in a ``<div lang dir>``, marked."""
    mark = (
        format_html('<p class="fallback-mark">[{}]</p>', piece.marker)
        if piece.fallback
        else ""
    )
    return format_html(
        '{}<div lang="{}" dir="{}"{}>{}</div>',
        mark,
        piece.language,
        piece.direction,
        SafeString(' class="fallback"') if piece.fallback else "",
        render_markdown(str(piece)),
    )
