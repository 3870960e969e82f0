"""The local diagnosis of a territory: a page, a PDF and a spreadsheet (public)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language

from convivio.core import hooks
from convivio.core.models import Territory

from .diagnosis import diagnosis_pdf, diagnosis_xlsx, territory_diagnosis

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _diagnosis(territory: int):
    place = get_object_or_404(Territory, pk=territory)
    return territory_diagnosis(place, language=get_language())


def _language(request: HttpRequest) -> str:
    """The documents' language: ``?lang=`` when the interface has it, else the
    page's (content falls back per field to its original, marked)."""
    requested = request.GET.get("lang", "")
    if requested in dict(settings.LANGUAGES):
        return requested
    return get_language()


def _download(content: bytes, kind: str, name: str, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="diagnosis-{slugify(name) or "territory"}.{suffix}"'
    )
    return response


def diagnosis_page(request: HttpRequest, territory: int) -> HttpResponse:
    diagnosis = _diagnosis(territory)
    return render(
        request,
        "directory/diagnosis.html",
        {
            "diagnosis": diagnosis,
            # What the apps above add to the diagnosis: the issues the place's
            # networks rank, what service users say.
            "sections": hooks.sections("diagnosis", request, diagnosis.territory),
        },
    )


def diagnosis_pdf_view(request: HttpRequest, territory: int) -> HttpResponse:
    with translation.override(_language(request)):
        diagnosis = _diagnosis(territory)
        content = diagnosis_pdf(diagnosis)
    return _download(content, "application/pdf", diagnosis.territory.name, "pdf")


def diagnosis_xlsx_view(request: HttpRequest, territory: int) -> HttpResponse:
    with translation.override(_language(request)):
        diagnosis = _diagnosis(territory)
        content = diagnosis_xlsx(diagnosis)
    return _download(content, XLSX, diagnosis.territory.name, "xlsx")
