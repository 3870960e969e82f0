"""Importing an HSDS file (JSON or a datapackage zip) from the browser (moderators)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from convivio.core.http import AuthenticatedHttpRequest

from . import hsds, permissions


class HsdsImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("HSDS file"),
        help_text=gettext_lazy(
            "A JSON file of services or organisations (HSDS 3.0), or a tabular "
            "datapackage as a zip."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.CONVIVIO_UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.CONVIVIO_UPLOAD_MAX_BYTES // (1024 * 1024)}
            )
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def hsds_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require_import_directory(request.user)
    form = HsdsImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()[:8] or ".json"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                data = hsds.load_file(path)
                result = hsds.import_records(data, user=request.user)
            except ValidationError as error:
                form.add_error("file", error.messages)
        if result is not None and not result.ok:
            status = 400
        elif not form.is_valid() or form.errors:
            status = 400
    return render(
        request,
        "directory/hsds_import.html",
        {
            "form": form,
            "result": result,
            # Plain lists: a template would read "items" of a defaultdict as a key.
            "created": sorted(result.created.items()) if result else [],
            "updated": sorted(result.updated.items()) if result else [],
        },
        status=status,
    )
