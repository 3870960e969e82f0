from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.conf.locale import LANG_INFO
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_bidi

from convivio.core import permissions
from convivio.core import translation as tr
from convivio.core import translation_screen as screen
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


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> str:
    """The query string of page ``number`` of the list that
    core/includes/pagination.html shows: its ``page_filters`` (the list's
    validated filters, a query string) when given, else the request's, with
    ``page_param`` (default "page") changed."""
    from convivio.core.pagination import page_query as build

    query = context.get("page_filters")
    if query is None:
        request = context.get("request")
        query = request.GET if request is not None else ""
    param = context.get("page_param") or "page"
    return build(query, number, param)


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


@register.filter(name="isolate", is_safe=True)
def isolate(value: object) -> str:
    """On a right-to-left page, ``value`` between FSI and PDI, so that a period
    key, a code or a figure with a Latin unit put into an Arabic sentence keeps
    its own order ("2026-Q2", not "Q2-2026"); unchanged on other pages.  For a
    variable of ``{% blocktranslate %}``, where a ``<bdi>`` cannot go."""
    text = "" if value is None else str(value)
    if not text or not get_language_bidi():
        return text
    return f"\u2068{text}\u2069"


@register.filter(name="language_label")
def language_label(language) -> str:
    """A language (a ``Language`` row or its code) named in the reader's language,
    as in running text ("árabe, ucraniano" on /es/); a language Django does not
    name keeps its own name (no query)."""
    code = getattr(language, "code", language)
    if code in LANG_INFO:
        return screen.language_name(code)
    return str(getattr(language, "name", code))


@register.filter(name="in_lang")
def in_lang(text: str, code: str | None) -> SafeString:
    """The text (escaped) in a ``<span lang>`` when its language is not the
    page's: for content inside a translated sentence ("Results: {{ title }}")."""
    attribute = lang_attr(code)
    if not attribute:
        return format_html("{}", text)
    return format_html("<span{}>{}</span>", attribute, text)


@register.inclusion_tag("core/includes/translation_note.html", takes_context=True)
def translation_note(context, record, shown=None) -> dict:
    """What a reader needs to know about the language a record is shown in: the
    note when it is not the page's, the machine and outdated labels, links to the
    other languages it exists in (``?lang=xx``, the page kept), and a button to
    make the translation or to ask for one.  Uses the record's prefetched rows."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    page = get_language() or ""
    # One read of the rows (prefetched or not) serves everything below.
    row_list = list(record.translations.all())
    rows = {row.language_id: row for row in row_list}
    original_code = record.original_language_id
    if shown is None:
        wanted = (request.GET.get("lang") if request is not None else None) or page
        shown = rows.get(wanted) or rows.get(original_code)
    shown_code = shown.language_id if shown is not None else original_code
    original = rows.get(original_code)
    # Each label the shown text deserves: part may be a machine's, part missing.
    statuses = (
        {shown.field_status(name, original) for name in shown.TRANSLATED_FIELDS}
        - {None}
        if shown is not None and shown_code != original_code
        else {tr.Status.ORIGINAL}
    )
    try:
        kind = tr.kind_for(record)
    except LookupError:
        kind = None
    query = request.GET.copy() if request is not None else None
    others = []
    for code in sorted(rows, key=lambda code: (code != original_code, code)):
        if code == shown_code:
            continue
        href = ""
        if query is not None:
            query["lang"] = code
            href = "?" + query.urlencode()
        others.append(
            {
                "code": code,
                "name": screen.native_name(code),
                "href": href,
                "attrs": lang_attr(code),
                "status": tr.Status.ORIGINAL
                if code == original_code
                else rows[code].status(original),
            }
        )
    page_status = tr.row_status(record, page, row_list)
    translate_url = ""
    may_translate = False
    requested = False
    if kind is not None and user is not None and page != original_code:
        may_translate = screen.can_translate(user, kind, record)
        if may_translate and page_status != tr.Status.REVIEWED:
            translate_url = reverse("core:translate", args=[kind.key, record.pk, page])
        elif user.is_authenticated and page not in rows:
            requested = screen.has_requested(user, kind.key, record, page)
    sign_in_url = ""
    signed_in = user is not None and user.is_authenticated
    if kind is not None and request is not None and not signed_in:
        if page != original_code and page not in rows:
            next_page = urlencode({"next": request.get_full_path()})
            sign_in_url = f"{reverse('login')}?{next_page}"
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "record": record,
        "kind": kind,
        "page_language": page,
        "page_language_name": screen.language_name(page),
        "shown_code": shown_code,
        "shown_name": screen.language_name(shown_code),
        "shown_attrs": lang_attr(shown_code),
        "is_original": shown_code == original_code,
        "original_name": screen.language_name(original_code),
        "other_language": shown_code.lower() != page.lower(),
        "machine": tr.Status.MACHINE in statuses,
        "outdated": tr.Status.OUTDATED in statuses,
        "incomplete": tr.Status.MISSING in statuses,
        "reviewed": statuses == {tr.Status.REVIEWED},
        "others": others,
        "page_status": page_status,
        "translate_url": translate_url,
        "may_request": bool(
            kind is not None
            and user is not None
            and user.is_authenticated
            and not may_translate
            and page != original_code
            and page not in rows
        ),
        "requested": requested,
        "sign_in_url": sign_in_url,
    }


@register.simple_tag
def translation_badge(record, language: str | None) -> SafeString:
    """A small label beside a part of a page (a plan's node, an indicator) shown
    in a machine's or an outdated translation; nothing for an original or a
    reviewed one.  Uses the record's prefetched rows."""
    rows = {row.language_id: row for row in record.translations.all()}
    row = rows.get(language or "")
    if row is None or row.language_id == record.original_language_id:
        return SafeString("")
    statuses = {
        row.field_status(name, rows.get(record.original_language_id))
        for name in row.TRANSLATED_FIELDS
    }
    if tr.Status.OUTDATED in statuses:
        return format_html(
            ' <span class="badge translation-outdated">{}</span>',
            tr.Status.OUTDATED.label,
        )
    if tr.Status.MACHINE in statuses:
        return format_html(
            ' <span class="badge translation-machine">{}</span>',
            tr.Status.MACHINE.label,
        )
    return SafeString("")


@register.simple_tag(takes_context=True)
def page_sections(context, sections, slot: str = "main") -> SafeString:
    """The ``slot`` of the sections other apps registered for this page
    (core.hooks): each template is rendered with the page's context and its
    section's own, as ``{% include %}`` would."""
    html = []
    for section in sections:
        name = section.templates.get(slot)
        if name:
            shown = context.template.engine.get_template(name)
            with context.push(**section.context):
                html.append(shown.render(context))
    return SafeString("".join(html))
