"""A collection's booklet: the page, the PDF and the DOCX, in a language the
reader picks (``?lang=``) among those its content exists in."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import booklets
from .models import Collection

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _booklet(request: HttpRequest, pk: int) -> booklets.Booklet:
    # Who reads the collection's page reads its booklet (a draft collection:
    # its creator and moderators); only published practices are printed, so a
    # draft practice never reaches a stranger through a booklet.
    try:
        collection = booklets.booklet_collection(pk, request.user)
    except Collection.DoesNotExist:
        raise Http404(_("No such collection.")) from None
    practices = booklets.booklet_practices(collection)
    available = booklets.booklet_languages(collection, practices)
    language = booklets.booklet_language(
        request.GET.get("lang"), request.LANGUAGE_CODE, available
    )
    return booklets.build_booklet(collection, practices, language, available)


def _file(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_GET
def booklet_page(request: HttpRequest, pk: int) -> HttpResponse:
    booklet = _booklet(request, pk)
    return render(
        request,
        "practices/booklet/page.html",
        {"booklet": booklet, "body": booklets.booklet_body(booklet)},
    )


@require_GET
def booklet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    booklet = _booklet(request, pk)
    return _file(
        booklets.cached_file(booklet, "pdf", booklets.booklet_pdf),
        "application/pdf",
        f"collection-{pk}-{booklet.language}.pdf",
    )


@require_GET
def booklet_docx(request: HttpRequest, pk: int) -> HttpResponse:
    booklet = _booklet(request, pk)
    return _file(
        booklets.cached_file(booklet, "docx", booklets.booklet_docx),
        DOCX,
        f"collection-{pk}-{booklet.language}.docx",
    )
