"""Documents people download or print (booklets, plan reports, the local
diagnosis) in a language the reader chooses.

A record's text is read field by field: from the row in the chosen language when
it has that field, else from the original, and then the piece says so
(``Piece.fallback``), so that pages, PDFs and DOCX files mark it and give it its
real ``lang``.  The document's own headings come from gettext under
``translation.override(language)``.  Fonts come from Debian packages (the
Makefile's SYSTEM_PACKAGES): DejaVu for Latin, Greek and Cyrillic, Noto for
Arabic; Arabic documents are laid out right to left.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

#: Languages written right to left (base subtags); core.Language.rtl says the same
#: for content languages, but documents must not query it for every piece.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "ug", "sd"})


def is_rtl(language: str | None) -> bool:
    return (language or "").split("-")[0].lower() in RTL_LANGUAGES


def direction(language: str | None) -> str:
    return "rtl" if is_rtl(language) else "ltr"


def _empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value in (None, [], {})


@dataclass(frozen=True)
class Piece:
    """One field's text as a document shows it."""

    value: Any
    #: The language the text is written in (the original's when it fell back).
    language: str
    #: The chosen language has no text for this field: this is the original.
    fallback: bool = False
    #: Name of ``language`` as its speakers write it, for the marker.
    language_name: str = ""

    def __bool__(self) -> bool:
        return not _empty(self.value)

    def __str__(self) -> str:
        return "" if self.value is None else str(self.value)

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def marker(self) -> str:
        """The visible note on a piece shown in its original language."""
        return _("not translated: original in %(language)s") % {
            "language": self.language_name or self.language
        }


def pieces(
    record: Any,
    language: str,
    fields: Sequence[str],
    names: dict[str, str] | None = None,
) -> dict[str, Piece]:
    """``record``'s fields in ``language``, each falling back to the original.

    ``record`` has translation rows in ``record.translations`` (prefetch them)
    and an ``original_language_id``: the pattern of core.translation and the
    older practices and plans rows alike.  ``names`` maps language codes to
    their native names for the markers.
    """
    names = names or {}
    rows = {row.language_id: row for row in record.translations.all()}
    wanted = rows.get(language)
    original = rows.get(record.original_language_id) or next(iter(rows.values()), None)
    result: dict[str, Piece] = {}
    for name in fields:
        value = getattr(wanted, name, None) if wanted is not None else None
        if not _empty(value):
            result[name] = Piece(value, language, False, names.get(language, ""))
        elif original is not None:
            code = original.language_id
            result[name] = Piece(
                getattr(original, name), code, code != language, names.get(code, "")
            )
        else:
            result[name] = Piece("", language, False, names.get(language, ""))
    return result


def piece(
    value: Any, written_in: str, language: str, names: dict[str, str] | None = None
) -> Piece:
    """A field that exists in one language only (``written_in``)."""
    names = names or {}
    return Piece(
        value,
        written_in,
        written_in != language and not _empty(value),
        names.get(written_in, ""),
    )


def record_languages(records: Iterable[Any]) -> set[str]:
    """Codes of the languages any of ``records`` has text in (prefetched rows)."""
    return {row.language_id for record in records for row in record.translations.all()}


def language_names(codes: Iterable[str]) -> dict[str, str]:
    """Native names of content languages (one query)."""
    from .models import Language

    return {
        code: native or name
        for code, name, native in Language.objects.filter(
            code__in=set(codes)
        ).values_list("code", "name", "native_name")
    }


# PDF


def html_to_pdf(html: str) -> bytes:
    """A PDF from HTML made for print (WeasyPrint; Pango shapes Arabic)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


# DOCX


def docx_direction(paragraph: Any, language: str) -> Any:
    """Make a python-docx paragraph right to left when ``language`` is.

    Word needs both: ``w:bidi`` on the paragraph (alignment, order of runs) and
    ``w:rtl`` on each run (order of characters, Arabic shaping).
    """
    if not is_rtl(language):
        return paragraph
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    if properties.find(qn("w:bidi")) is None:
        properties.insert(0, OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run_properties = run._r.get_or_add_rPr()
        if run_properties.find(qn("w:rtl")) is None:
            run_properties.append(OxmlElement("w:rtl"))
    return paragraph


def docx_lang(run: Any, language: str) -> Any:
    """Tell Word the language of a run (spelling, hyphenation, fonts)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = run._r.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:bidi" if is_rtl(language) else "w:val"), language)
    return run


def docx_text(
    document: Any,
    text: str,
    language: str,
    *,
    style: str | None = None,
    heading: int | None = None,
) -> Any:
    """A paragraph (or heading) of ``text`` in ``language``, right to left if so."""
    if heading is not None:
        paragraph = document.add_heading(level=heading)
    else:
        paragraph = document.add_paragraph(style=style)
    docx_lang(paragraph.add_run(text), language)
    return docx_direction(paragraph, language)


def docx_marker(document: Any, piece: Piece, language: str) -> Any:
    """The visible "[not translated …]" note before a piece that fell back."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(f"[{piece.marker}]")
    run.italic = True
    docx_lang(run, language)
    return docx_direction(paragraph, language)


def docx_markdown(document: Any, text: str, language: str) -> None:
    """Markdown written by people, as plain paragraphs and list items."""
    for block in text.replace("\r\n", "\n").split("\n"):
        line = block.strip()
        if not line:
            continue
        if line[:2] in ("- ", "* "):
            docx_text(document, line[2:], language, style="List Bullet")
        elif line.split(" ", 1)[0].rstrip(".").isdigit() and " " in line:
            docx_text(document, line.split(" ", 1)[1], language, style="List Number")
        else:
            docx_text(document, line.lstrip("#").strip(), language)


def docx_piece(document: Any, piece: Piece, language: str) -> None:
    """A long field (Markdown) with its marker when it fell back."""
    if not piece:
        return
    if piece.fallback:
        docx_marker(document, piece, language)
    docx_markdown(document, str(piece), piece.language)
