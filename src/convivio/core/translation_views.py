"""The translation screen, readers' requests and the translators' queue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import machine_translation
from . import translation as tr
from . import translation_screen as screen
from .forms import add_service_errors
from .http import AuthenticatedHttpRequest
from .machine_translation import MachineTranslationError
from .pagination import paginate
from .translation_forms import TranslationForm

#: Records a page of the translation queue lists (as many as it showed before
#: it paginated).
QUEUE_PAGE_SIZE = 100


def _kind_and_record(request: HttpRequest, kind_key: str, pk: int):
    """The kind and its record, 404 for an unknown kind or a record the person
    cannot see (drafts are not disclosed)."""
    try:
        kind = tr.kind_for(kind_key)
    except KeyError:
        raise Http404(_("No such kind of record.")) from None
    record = (
        kind.record_model.objects.filter(pk=pk)
        .select_related("original_language")
        .prefetch_related("translations")
        .first()
    )
    if record is None or not kind.can_view(request.user, record):
        raise Http404(_("No such record."))
    return kind, record


def _record_url(record: Any) -> str:
    get_url = getattr(record, "get_absolute_url", None)
    return get_url() if get_url else ""


def _machine(record: Any, language: str) -> bool:
    """Whether to offer machine translation: a backend is configured for the
    pair (none by default: people translate)."""
    try:
        from . import machine_translation_services  # noqa: F401
    except ImportError:  # pragma: no cover - until the service ships
        return False
    return (
        machine_translation.available(record.original_language_id, language) is not None
    )


def _machine_job(kind_key: str, pk: int, language: str) -> Any:
    """The last machine translation of this record into ``language``, if any."""
    from .machine_translation_services import latest_job

    return latest_job(kind_key, pk, language)


@login_required
@require_http_methods(["GET", "POST"])
def translate(
    request: AuthenticatedHttpRequest, kind: str, pk: int, lang: str
) -> HttpResponse:
    kind_obj, record = _kind_and_record(request, kind, pk)
    screen.require_translate(request.user, kind_obj, record)
    try:
        target = screen.check_language(record, lang)
    except ValidationError as error:
        raise Http404(error.messages[0]) from None
    row, fields = screen.screen_fields(kind_obj, record, lang)
    original = record.original_translation()
    form = TranslationForm(
        kind_obj,
        original,
        lang,
        request.POST if request.method == "POST" else None,
        initial={f.name: f.value for f in fields if f.value is not None},
        prefix="t",
    )
    machine = _machine(record, lang)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "review" or action.startswith("review:"):
                names = [action.split(":", 1)[1]] if ":" in action else None
                screen.review_from_screen(
                    user=request.user,
                    kind=kind_obj,
                    record=record,
                    language=lang,
                    fields=names,
                )
                messages.success(request, _("Marked as reviewed."))
                return redirect(request.path)
            if action == "machine" and machine:
                from .machine_translation_services import request_machine_translation

                request_machine_translation(request.user, kind_obj.key, record.pk, lang)
                messages.success(
                    request,
                    _(
                        "The machine is translating the missing and outdated "
                        "fields: reload this page in a moment to review them."
                    ),
                )
                return redirect(request.path)
            if action == "machine":
                raise ValidationError(
                    _("Machine translation is not set up for this language.")
                )
            if action == "save" and form.is_valid():
                screen.save_from_screen(
                    user=request.user,
                    kind=kind_obj,
                    record=record,
                    language=lang,
                    values=form.changed_values(),
                    reviewed=bool(request.POST.get("reviewed")),
                )
                messages.success(request, _("Translation saved."))
                return redirect(request.path)
            status = 400
        except ValidationError as error:
            add_service_errors(form, error)
            status = 400
        except MachineTranslationError as error:
            # A failing backend gives a sentence, and nothing was saved.
            messages.error(request, error.message)
            return redirect(request.path)
    rows: list[dict[str, Any]] = []
    for field in fields:
        rows.append(
            {
                "field": field,
                "input": form[field.name] if field.name in form.fields else None,
            }
        )
    return render(
        request,
        "core/translation_screen.html",
        {
            "kind": kind_obj,
            "record": record,
            "title": kind_obj.title(record, record.original_language_id),
            "record_url": _record_url(record),
            "target": target,
            "target_name": screen.language_name(target.code),
            "original_name": screen.language_name(record.original_language_id),
            "original_code": record.original_language_id,
            "row": row,
            "rows": rows,
            "empty_labels": [
                str(row["field"].label) for row in rows if row["input"] is None
            ],
            "form": form,
            "can_review": row is not None,
            "machine_job": _machine_job(kind_obj.key, record.pk, lang),
            "machine": machine
            and any(
                f.status in (tr.Status.MISSING, tr.Status.OUTDATED) for f in fields
            ),
        },
        status=status,
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_POST
def translation_request(
    request: AuthenticatedHttpRequest, kind: str, pk: int
) -> HttpResponse:
    kind_obj, record = _kind_and_record(request, kind, pk)
    language = request.POST.get("lang", "")
    try:
        new = screen.request_translation(
            user=request.user, kind=kind_obj, record=record, language=language
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        language_name = screen.language_name(language)
        if new:
            messages.success(
                request,
                _("Thank you: the translators will see your request for %(language)s.")
                % {"language": language_name},
            )
        else:
            messages.info(
                request,
                _("You had asked for %(language)s already.")
                % {"language": language_name},
            )
    return redirect(_safe_next(request, _record_url(record) or reverse("core:home")))


@login_required
@require_GET
def translation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Editors, territory teams and moderators: what to translate; everyone:
    the translations they asked for."""
    queue = screen.translation_queue_page(
        request.user,
        wanted=request.GET.get("lang", ""),
        reader_language=request.LANGUAGE_CODE,
        kind=request.GET.get("kind", ""),
    )
    return render(
        request,
        "core/translation_queue.html",
        {
            "queue_languages": queue.languages,
            "current": queue.current,
            "kinds": queue.kinds,
            "kind": queue.kind,
            "entries": paginate(request, queue.entries, per_page=QUEUE_PAGE_SIZE),
            "asked_for": screen.my_requests(request.user),
        },
    )
