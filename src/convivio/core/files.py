"""Sending uploaded files: always from a view that has checked permission first.

Nothing under MEDIA_ROOT is served as a plain static folder.  A view decides who
may have a file, then hands it to `file_response`, which lets the server do the
sending: under gunicorn a FileResponse goes out through `wsgi.file_wrapper`
(sendfile), and behind nginx with CONVIVIO_MEDIA_ACCEL_REDIRECT set, Django only
answers with an `X-Accel-Redirect` header and nginx sends the file from an
`internal` location (docs/operations.md).
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _


def file_response(
    file: FieldFile,
    *,
    filename: str,
    content_type: str,
    public: bool,
    as_attachment: bool = True,
) -> HttpResponseBase:
    """The response that sends `file` to someone already allowed to have it."""
    if not file.name:  # nothing stored in the field
        raise Http404(_("The file is missing."))
    accel = getattr(settings, "CONVIVIO_MEDIA_ACCEL_REDIRECT", "")
    if accel:
        response: HttpResponseBase = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(file.name)
    else:
        try:
            handle = file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404(_("The file is missing.")) from None
        response = FileResponse(
            handle,
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
    disposition = content_disposition_header(as_attachment, filename)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser displayed it, nothing in the file could run as our site.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    # A private file must not stay in a shared cache, nor in the browser's.
    response["Cache-Control"] = (
        "public, max-age=3600" if public else "private, no-store"
    )
    return response
