"""Library pages: browse and search documents and links, add and edit them,
download originals, and the broken links an editor is asked to fix."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from convivio.core import hooks, ratelimit
from convivio.core.files import file_response
from convivio.core.forms import add_service_errors, page_number
from convivio.core.http import AuthenticatedHttpRequest
from convivio.core.pagination import paginate

from . import permissions, selectors, services
from .forms import DocumentForm, LinkForm
from .models import Document, Link

#: What a downloaded original is sent as; anything else is application/octet-stream.
DOWNLOAD_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    # HTML is sent as plain text: never rendered by the browser from our origin.
    ".html": "text/plain; charset=utf-8",
    ".htm": "text/plain; charset=utf-8",
}


@require_GET
def library_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.LibraryFilters.from_query(request.GET)
    results = selectors.library_search(
        user=request.user,
        filters=filters,
        page=page_number(request),
        page_size=settings.CONVIVIO_PAGE_SIZE,
        language=request.LANGUAGE_CODE,
    )
    return render(
        request,
        "library/library_list.html",
        {
            "filters": filters,
            "results": results,
            "options": selectors.library_filter_options(),
        },
    )


def _visible_document(request: HttpRequest, pk: int) -> Document:
    try:
        document = selectors.document_get(pk=pk)
    except Document.DoesNotExist:
        raise Http404(_("No such document.")) from None
    if not permissions.can_view_document(request.user, document):
        # Private documents are not disclosed to people who cannot see them.
        raise Http404(_("No such document."))
    return document


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _visible_document(request, pk)
    # The text a window at a time: a whole book in one page is too much to send.
    text = selectors.text_page(document.extracted_text or "", page_number(request))
    return render(
        request,
        "library/document_detail.html",
        {
            "document": document,
            # Its title and description in the reader's language (or the one
            # chosen with ?lang=), else the original.
            "shown": document.translation_for(
                request.GET.get("lang") or request.LANGUAGE_CODE
            ),
            "text": text,
            "text_open": "page" in request.GET,
            # Its imports, what they found and where its text was cut, …
            "sections": hooks.sections("library.document", request, document),
            "can_edit": permissions.can_edit_document(request.user, document),
        },
    )


@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    try:
        document = Document.objects.get(pk=pk)
    except Document.DoesNotExist:
        raise Http404(_("No such document.")) from None
    return _send_document_file(request, document)


@require_GET
def media_file(request: HttpRequest, name: str) -> HttpResponseBase:
    """Every uploaded file (MEDIA_URL): sent only to whoever may see its document.

    Uploads in the library and for ingestion are all documents' files; a file that
    belongs to no document, or to one the person may not see, is "not found" alike,
    so that the address tells nobody whether a private file exists.
    """
    document = Document.objects.exclude(file="").filter(file=name).first()
    if document is None:
        raise Http404(_("No such file."))
    return _send_document_file(request, document)


def _send_document_file(request: HttpRequest, document: Document) -> HttpResponseBase:
    if not permissions.can_view_document(request.user, document):
        raise Http404(_("No such document."))
    # A FieldFile is true when it has a name: the name's test is the same one.
    if not document.file.name:
        raise Http404(_("This document has no file: it is kept at its web address."))
    filename = services.safe_filename(
        document.original_filename or document.file.name.rsplit("/", 1)[-1]
    )
    extension = mimetypes.guess_extension(document.content_type or "") or ""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    content_type = DOWNLOAD_TYPES.get(suffix) or DOWNLOAD_TYPES.get(
        extension, "application/octet-stream"
    )
    return file_response(
        document.file,
        filename=filename,
        content_type=content_type,
        public=document.is_public,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            document, created = services.document_create(
                user=request.user,
                data=form.to_data(),
                file=form.cleaned_data.get("file"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error, 200)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            if created:
                messages.success(request, _("The document was added to the library."))
            else:
                # Only ever a document this person can see (a private copy of
                # someone else's is never found: they get their own).
                messages.info(
                    request, _("This file is already in the library: here it is.")
                )
            return redirect(document.get_absolute_url())
    return render(
        request,
        "library/document_form.html",
        {"form": form, "document": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _visible_document(request, pk)
    permissions.require_edit_document(request.user, document)
    form = DocumentForm(request.POST or None, user=request.user, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(
                user=request.user, document=document, data=form.to_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The document was saved."))
            return redirect(document.get_absolute_url())
    return render(
        request, "library/document_form.html", {"form": form, "document": document}
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LinkForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.link_create(user=request.user, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error, 200)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The link was added to the library."))
            return redirect("library:list")
    return render(
        request,
        "library/link_form.html",
        {"form": form, "link": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        link = selectors.link_get(pk=pk)
    except Link.DoesNotExist:
        raise Http404(_("No such link.")) from None
    permissions.require_edit_link(request.user, link)
    form = LinkForm(request.POST or None, user=request.user, link=link)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_update(user=request.user, link=link, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The link was saved."))
            return redirect("library:list")
    return render(request, "library/link_form.html", {"form": form, "link": link})


@login_required
@require_GET
def broken_links(request: AuthenticatedHttpRequest) -> HttpResponse:
    # 500 a page, as many as the page showed before it paginated.
    links = paginate(request, selectors.links_broken_for(request.user), per_page=500)
    return render(request, "library/broken_links.html", {"links": links})
