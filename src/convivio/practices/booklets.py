"""A collection as a booklet: its introduction, its recommendations grouped by
audience and its published practices, in a language the reader picks among those
the content exists in, as an HTML page, a PDF (WeasyPrint) and a DOCX.

Each field falls back to the original when it is not translated, and says so
(core.printing).  The booklet's own headings are in the chosen language.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from convivio.core import caching
from convivio.core.permissions import AnyUser
from convivio.core.printing import (
    Piece,
    direction,
    docx_direction,
    docx_piece,
    docx_text,
    html_to_pdf,
    language_names,
    pieces,
    record_languages,
)

from . import permissions
from .models import (
    Collection,
    CollectionItem,
    Practice,
    PracticeOrganisation,
    PracticeTranslation,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: The practice's fields a booklet prints, in reading order: all its text.
PRACTICE_FIELDS = PracticeTranslation.TRANSLATED_FIELDS
#: Long fields printed under a heading of their own.
SECTION_LABELS = {
    "description": gettext_lazy("Description"),
    "activities": gettext_lazy("Activities"),
    "beneficiaries": gettext_lazy("Beneficiaries"),
    "results": gettext_lazy("Results"),
    "success_conditions": gettext_lazy("Conditions for success"),
    "difficulties": gettext_lazy("Difficulties and lessons"),
    "transferability": gettext_lazy("Transferability"),
}
COLLECTION_FIELDS = ("title", "introduction", "recommendations")


# The collection's own text (core.translation rows, like its practices')


def collection_pieces(
    collection: Collection, language: str, names: dict[str, str]
) -> dict[str, Piece]:
    """The collection's title, introduction and recommendations in ``language``."""
    return pieces(collection, language, COLLECTION_FIELDS, names)


def collection_languages(collection: Collection) -> list[str]:
    """The collection's languages, the original first (even before it has text)."""
    original = collection.original_language_id
    codes = record_languages([collection]) | {original}
    return sorted(codes, key=lambda code: (code != original, code))


# The booklet


@dataclass
class Recommendations:
    """Recommendations addressed to one audience (None: to nobody in particular)."""

    audience: Piece | None
    items: list[Piece] = field(default_factory=list)


@dataclass
class PracticeSection:
    practice: Practice
    text: dict[str, Piece]
    organisations: list[str]
    #: (heading, text) of the long fields, headings translated when rendered.
    sections: list[tuple[StrOrPromise, Piece]]

    @property
    def title(self) -> Piece:
        return self.text["title"]


@dataclass
class Booklet:
    collection: Collection
    language: str
    #: (code, native name) of every language the content exists in.
    languages: list[tuple[str, str]]
    title: Piece
    introduction: Piece
    recommendations: list[Recommendations]
    practices: list[PracticeSection]

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def language_name(self) -> str:
        return dict(self.languages).get(self.language, self.language)

    @property
    def has_fallbacks(self) -> bool:
        shown = [self.title, self.introduction]
        shown += [item for group in self.recommendations for item in group.items]
        shown += [p for section in self.practices for p in section.text.values()]
        return any(p.fallback for p in shown if p)


#: "Audience: recommendation", as ingestion writes a booklet's recommendations.
AUDIENCE = re.compile(r"^(?P<audience>[^:.!?\n]{2,80}):\s+(?P<text>\S.*)$", re.S)


def group_recommendations(recommendations: Piece) -> list[Recommendations]:
    """Consecutive recommendations to the same audience, in one group each.

    An item is a string ("Audience: text" or plain text) or a dict with
    ``audience`` and ``text``.
    """
    groups: list[Recommendations] = []
    for item in recommendations.value or []:
        if isinstance(item, dict):
            audience, text = item.get("audience") or "", item.get("text") or ""
        else:
            match = AUDIENCE.match(str(item).strip())
            audience, text = (
                (match["audience"].strip(), match["text"].strip())
                if match
                else ("", str(item).strip())
            )
        if not text:
            continue

        def same(value: str) -> Piece:
            return Piece(
                value,
                recommendations.language,
                recommendations.fallback,
                recommendations.language_name,
            )

        current = groups[-1] if groups else None
        label = current.audience.value if current and current.audience else ""
        if current is None or label != audience:
            current = Recommendations(same(audience) if audience else None)
            groups.append(current)
        current.items.append(same(text))
    return groups


def booklet_collection(pk: int, user: AnyUser | None = None) -> Collection:
    """The collection, if ``user`` may read it (raises Collection.DoesNotExist:
    a draft is its creator's and the moderators')."""
    return permissions.visible_collections(
        user, Collection.objects.prefetch_related("translations")
    ).get(pk=pk)


def booklet_practices(collection: Collection) -> list[Practice]:
    """The collection's published practices, in its order, with their rows (3
    queries): a draft or archived practice is never printed."""
    practices = {
        p.pk: p
        for p in Practice.objects.filter(
            status=Practice.Status.PUBLISHED,
            id__in=CollectionItem.objects.filter(collection=collection).values(
                "practice_id"
            ),
        )
        .select_related("country")
        .prefetch_related(
            "translations",
            Prefetch(
                "organisation_roles",
                queryset=PracticeOrganisation.objects.select_related("organisation"),
            ),
        )
    }
    order = collection.items.values_list("practice_id", flat=True)
    return [practices[pk] for pk in order if pk in practices]


def booklet_languages(collection: Collection, practices: list[Practice]) -> list[str]:
    """Languages the booklet's content exists in, the collection's original first."""
    own = collection_languages(collection)
    others = sorted(record_languages(practices) - set(own))
    return own + others


def booklet_language(
    requested: str | None, preferred: str | None, available: list[str]
) -> str:
    """The language asked for if the content has it, else the reader's page
    language if it has it, else the collection's original."""
    for code in (requested, preferred):
        if code and code in available:
            return code
    return available[0]


def build_booklet(
    collection: Collection,
    practices: list[Practice],
    language: str,
    available: list[str],
) -> Booklet:
    names = language_names(available)
    text = collection_pieces(collection, language, names)
    sections = []
    for practice in practices:
        fields = pieces(practice, language, PRACTICE_FIELDS, names)
        sections.append(
            PracticeSection(
                practice=practice,
                text=fields,
                organisations=[
                    role.organisation.name for role in practice.organisation_roles.all()
                ],
                sections=[
                    (SECTION_LABELS[name], fields[name]) for name in SECTION_LABELS
                ],
            )
        )
    return Booklet(
        collection=collection,
        language=language,
        languages=[(code, names.get(code, code)) for code in available],
        title=text["title"],
        introduction=text["introduction"],
        recommendations=group_recommendations(text["recommendations"]),
        practices=sections,
    )


def booklet_body(booklet: Booklet) -> str:
    """The booklet's content as HTML, headings in the booklet's language."""
    with translation.override(booklet.language):
        return render_to_string(
            "practices/booklet/_body.html",
            {"booklet": booklet},
        )


def _version(booklet: Booklet) -> str:
    """A digest of everything the booklet prints (already in memory), so that any
    change of text, order or translation makes a new file."""
    content = (
        booklet.title,
        booklet.introduction,
        booklet.recommendations,
        [
            (
                s.practice.pk,
                s.practice.country_id,
                s.practice.years,
                s.organisations,
                s.text,
            )
            for s in booklet.practices
        ],
        booklet.languages,
    )
    return hashlib.blake2b(repr(content).encode(), digest_size=16).hexdigest()


def cached_file(
    booklet: Booklet, kind: str, build: Callable[[Booklet], bytes]
) -> bytes:
    """The booklet's PDF or DOCX, built once per version of its content: a public
    address must not make the server lay out a PDF on every request."""
    return caching.get_or_build(
        "practices:booklet",
        lambda: build(booklet),
        versions=(_version(booklet),),
        language=booklet.language,
        params=(kind, booklet.collection.pk),
    )


def booklet_pdf(booklet: Booklet) -> bytes:
    body = booklet_body(booklet)
    with translation.override(booklet.language):
        html = render_to_string(
            "practices/booklet/print.html", {"booklet": booklet, "body": body}
        )
    return html_to_pdf(html)


def booklet_docx(booklet: Booklet) -> bytes:
    import io

    from docx import Document

    language = booklet.language
    with translation.override(language):
        document = Document()
        docx_text(document, str(booklet.title), booklet.title.language, heading=0)
        if booklet.title.fallback:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"[{booklet.title.marker}]").italic = True
            docx_direction(paragraph, language)
        if booklet.has_fallbacks:
            docx_text(document, _fallback_note(booklet), language)
        if booklet.introduction:
            docx_text(document, _("Introduction"), language, heading=1)
            docx_piece(document, booklet.introduction, language)
        if booklet.recommendations:
            docx_text(document, _("Recommendations"), language, heading=1)
            for group in booklet.recommendations:
                if group.audience:
                    docx_text(
                        document,
                        str(group.audience),
                        group.audience.language,
                        heading=2,
                    )
                for item in group.items:
                    text = str(item) + (f" [{item.marker}]" if item.fallback else "")
                    docx_text(document, text, item.language, style="List Number")
        docx_text(document, _("Practices"), language, heading=1)
        for section in booklet.practices:
            title = section.title
            docx_text(document, str(title), title.language, heading=2)
            if title.fallback:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"[{title.marker}]").italic = True
                docx_direction(paragraph, language)
            facts = _practice_facts(section)
            if facts:
                docx_text(document, " · ".join(facts), language)
            docx_piece(document, section.text["summary"], language)
            aims = section.text["aims"]
            if aims:
                docx_text(document, _("Aims"), language, heading=3)
                if aims.fallback:
                    docx_text(document, f"[{aims.marker}]", language)
                for aim in aims.value:
                    docx_text(document, str(aim), aims.language, style="List Bullet")
            phases = section.text["phases"]
            if phases:
                docx_text(document, _("Methodology"), language, heading=3)
                if phases.fallback:
                    docx_text(document, f"[{phases.marker}]", language)
                for phase in phases.value:
                    line = ": ".join(
                        part
                        for part in (phase.get("title", ""), phase.get("text", ""))
                        if part
                    )
                    docx_text(document, line, phases.language, style="List Number")
            for label, long_text in section.sections:
                if long_text:
                    docx_text(document, str(label), language, heading=3)
                    docx_piece(document, long_text, language)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _practice_facts(section: PracticeSection) -> list[str]:
    practice = section.practice
    facts = [str(practice.country)] if practice.country_id else []
    if practice.years:
        facts.append(practice.years)
    facts += section.organisations
    return facts


def _fallback_note(booklet: Booklet) -> str:
    return _(
        "Parts of this booklet are not yet translated into %(language)s: they are "
        "shown in their original language and marked."
    ) % {"language": booklet.language_name}
