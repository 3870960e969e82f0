"""Ingestion pages: upload, a job's progress, and the review of its drafts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convivio.core import ratelimit
from convivio.core.forms import page_number
from convivio.core.http import AuthenticatedHttpRequest
from convivio.core.models import Territory
from convivio.core.pickers import TerritoryField
from convivio.search import suggestions

from . import permissions, selectors, services, tasks
from .forms import FORMS, GenreForm, LanguageForm, UploadForm, topic_choices
from .models import Draft, IngestJob


def _job_for(request: AuthenticatedHttpRequest, pk: int) -> IngestJob:
    job = selectors.job_get(pk)
    if job is None or not permissions.can_view_job(request.user, job):
        # Someone else's job is not disclosed: the same answer as no job at all.
        raise Http404
    return job


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        jobs, failed = [], []
        limited: ratelimit.RateLimited | None = None
        for upload_file in form.cleaned_data["files"]:
            try:
                job = services.document_ingest(
                    user=request.user,
                    data=upload_file.read(),
                    filename=upload_file.name,
                    genre=form.cleaned_data["genre"] or None,
                )
            except ratelimit.RateLimited as error:
                # The files after this one are not read: say so on the form.
                limited = error
                break
            except ValidationError as error:
                failed.append(f"{upload_file.name}: {' '.join(error.messages)}")
                continue
            if getattr(job, "already_ingested", False):
                if not permissions.can_view_job(request.user, job):
                    # A document they can see (a public one) read by someone
                    # else: the document, not that person's job.
                    messages.info(
                        request,
                        _("%(name)s is already in the library: here it is.")
                        % {"name": upload_file.name},
                    )
                    if len(form.cleaned_data["files"]) == 1:
                        return redirect(job.document)
                    continue
                messages.info(
                    request,
                    _("%(name)s was already ingested: here is what was made of it.")
                    % {"name": upload_file.name},
                )
            jobs.append(job)
        for problem in failed:
            messages.error(request, problem)
        if limited is not None:
            if jobs:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d file is being read; follow it below.",
                        "%(count)d files are being read; follow them below.",
                        len(jobs),
                    )
                    % {"count": len(jobs)},
                )
            form.add_error(None, limited.messages)
            return render(
                request,
                "ingest/upload.html",
                {"form": form, "jobs": selectors.job_list_for(request.user)},
                status=ratelimit.RateLimited.STATUS,
            )
        if len(jobs) == 1 and not failed:
            return redirect(jobs[0])
        if jobs:
            messages.success(
                request,
                ngettext(
                    "%(count)d file is being read; follow it below.",
                    "%(count)d files are being read; follow them below.",
                    len(jobs),
                )
                % {"count": len(jobs)},
            )
        return redirect("ingest:upload")
    status = 400 if form.errors else 200
    return render(
        request,
        "ingest/upload.html",
        {"form": form, "jobs": selectors.job_list_for(request.user)},
        status=status,
    )


def _job_context(request: AuthenticatedHttpRequest, job: IngestJob) -> dict:
    return {
        "job": job,
        "stage": tasks.stage_display(job.stage),
        "running": job.status in (IngestJob.Status.QUEUED, IngestJob.Status.RUNNING),
        "counts": selectors.draft_counts(job),
        "can_review": permissions.can_review_job(request.user, job),
        "genre_form": GenreForm(initial={"genre": job.effective_genre}),
        "language_form": LanguageForm(initial={"language": job.language}),
    }


@login_required
@require_GET
def job_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    if job.status == IngestJob.Status.RUNNING and services.jobs_recover():
        # Its worker died: the job was queued again or failed; show what it is now.
        job = _job_for(request, pk)
    context = _job_context(request, job)
    if request.headers.get("HX-Request"):
        return render(request, "ingest/job.html#status", context)
    return render(request, "ingest/job.html", context)


@login_required
@require_POST
def job_genre(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    form = GenreForm(request.POST)
    if form.is_valid():
        try:
            services.job_rerun(
                user=request.user, job=job, genre=form.cleaned_data["genre"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document is being read again."))
    return redirect(job)


@login_required
@require_POST
def job_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    try:
        services.job_retry(user=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The document is being read again."))
    return redirect(job)


@login_required
@require_POST
def job_language(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    form = LanguageForm(request.POST)
    if form.is_valid():
        try:
            services.job_rerun(
                user=request.user, job=job, language=form.cleaned_data["language"].code
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document is being read again."))
    return redirect(job)


def _review_forms(job: IngestJob, drafts: list[Draft], bound: dict | None = None):
    """One form per pending draft, with the matches found; ``bound`` maps a draft
    id to the POST data of the form that was sent."""
    matching = selectors.Matching()
    countries = selectors.country_choices()
    names = {}
    for draft in drafts:
        if draft.status == Draft.Status.PENDING:
            name = draft.data.get("organisation") or draft.data.get("name")
            names[draft.pk] = matching.organisation_ids(name)[:5]
    found = matching.organisations([pk for ids in names.values() for pk in ids])
    forms = {}
    initials = {
        draft.pk: services.review_initial(draft, matching)
        for draft in drafts
        if draft.pk in names and not (bound and draft.pk in bound)
    }
    # The places proposed, read at once and shown by name in the pickers.
    places = Territory.objects.select_related("parent").in_bulk(
        [
            i["territory"]
            for i in initials.values()
            if isinstance(i.get("territory"), int)
        ]
    )
    suggestions: dict = {}
    topics = topic_choices() if names else None  # once for all the forms
    for draft in drafts:
        if draft.pk not in names:
            continue
        form_class = FORMS[draft.kind]
        kwargs: dict[str, Any] = {
            "draft": draft,
            "matches": [found[pk] for pk in names[draft.pk] if pk in found],
            "countries": countries,
        }
        if draft.kind != Draft.Kind.ORGANISATION:
            kwargs["topics"] = topics
        if bound and draft.pk in bound:
            forms[draft.pk] = form_class(bound[draft.pk], **kwargs)
        else:
            initial = initials[draft.pk]
            if initial.get("territory") in places:
                initial["territory"] = places[initial["territory"]]
            forms[draft.pk] = form_class(initial=initial, **kwargs)
        territory = forms[draft.pk].fields.get("territory")
        if isinstance(territory, TerritoryField):
            territory.share_suggestions(suggestions)
    return forms


def _draft_text(draft: Draft) -> str:
    """What a draft says it is about: a practice's title and summary, a plan's
    title and the titles of its areas."""
    data = draft.data
    parts = [data.get("title") or "", data.get("summary") or ""]
    parts += [
        node.get("title") or ""
        for node in data.get("nodes") or []
        if node.get("kind") == "area"
    ]
    return "\n".join(p for p in parts if p)


def _offer_suggestions(form, draft: Draft) -> None:
    """Beside the themes (and target groups) ticked from the words of the text,
    those that fit its meaning, in any language, for the reviewer to tick
    (the drafts of the page shown only: each costs an embedding)."""
    text = _draft_text(draft)
    if not text:
        return
    if "themes" in form.fields:
        suggestions.offer(form.fields["themes"], suggestions.suggested_themes(text))
    if "target_groups" in form.fields:
        suggestions.offer(
            form.fields["target_groups"], suggestions.suggested_target_groups(text)
        )


def _review_page(
    request: AuthenticatedHttpRequest,
    job: IngestJob,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    drafts = list(job.drafts.order_by("kind", "position"))
    review = selectors.review_views(job, drafts, page_number(request))
    views = review.views
    forms = _review_forms(job, drafts, bound)
    if bound:
        for pk, form in forms.items():
            if pk in bound:
                form.is_valid()
    urls = selectors.created_urls(drafts)
    for view in views:
        view.form = forms.get(view.draft.pk)
        view.created_url = urls.get(view.draft.pk, "")
        if view.form is not None:
            _offer_suggestions(view.form, view.draft)
    return render(
        request,
        "ingest/review.html",
        {
            "job": job,
            "views": views,
            "review": review,
            "marked_text": review.marked_text,
            "text": review.text,
            "counts": selectors.draft_counts(job),
            "can_review": permissions.can_review_job(request.user, job),
        },
        status=status,
    )


@login_required
@require_GET
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    return _review_page(request, job)


def _draft_for(
    request: AuthenticatedHttpRequest, pk: int, draft_pk: int
) -> tuple[IngestJob, Draft]:
    job = _job_for(request, pk)
    draft = job.drafts.filter(pk=draft_pk).first()
    if draft is None:
        raise Http404
    draft.job = job
    return job, draft


@login_required
@require_POST
def draft_accept(
    request: AuthenticatedHttpRequest, pk: int, draft_pk: int
) -> HttpResponse:
    job, draft = _draft_for(request, pk, draft_pk)
    if not permissions.can_review_job(request.user, job):
        raise PermissionDenied(_("You cannot review these drafts."))
    form_class = FORMS[draft.kind]
    matching = selectors.Matching()
    matches = list(
        matching.organisations(
            matching.organisation_ids(
                draft.data.get("organisation") or draft.data.get("name")
            )[:5]
        ).values()
    )
    form = form_class(
        request.POST,
        draft=draft,
        matches=matches,
        countries=selectors.country_choices(),
    )
    if form.is_valid():
        try:
            services.draft_accept(user=request.user, draft=draft, data=form.values())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request, _("Accepted: %(title)s.") % {"title": draft.title[:120]}
            )
            return redirect(
                reverse("ingest:review", args=[job.pk]) + f"#draft-{draft.pk}"
            )
    return _review_page(request, job, bound={draft.pk: request.POST}, status=400)


@login_required
@require_POST
def draft_reject(
    request: AuthenticatedHttpRequest, pk: int, draft_pk: int
) -> HttpResponse:
    job, draft = _draft_for(request, pk, draft_pk)
    try:
        services.draft_reject(user=request.user, draft=draft)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Rejected: %(title)s.") % {"title": draft.title[:120]}
        )
    return redirect(reverse("ingest:review", args=[job.pk]) + f"#draft-{draft.pk}")


@login_required
@require_POST
def unplaced_place(
    request: AuthenticatedHttpRequest, pk: int, index: int
) -> HttpResponse:
    """Add an unplaced line to a plan draft, as a measure under the part chosen
    ("draft id:node index")."""
    job = _job_for(request, pk)
    if not permissions.can_review_job(request.user, job):
        raise PermissionDenied(_("You cannot review these drafts."))
    draft_pk, _sep, node = request.POST.get("under", "").partition(":")
    draft = job.drafts.filter(pk=int(draft_pk)).first() if draft_pk.isdigit() else None
    if draft is None or not node.isdigit():
        messages.error(request, _("Choose the part of the plan it belongs under."))
        return redirect(reverse("ingest:review", args=[job.pk]) + "#unplaced")
    try:
        services.unplaced_line_place(
            user=request.user, job=job, index=index, draft=draft, parent=int(node)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("ingest:review", args=[job.pk]) + "#unplaced")
    messages.success(
        request,
        _("Added to %(title)s as a measure: accept the plan when it is ready.")
        % {"title": draft.title[:120]},
    )
    return redirect(reverse("ingest:review", args=[job.pk]) + f"#draft-{draft.pk}")


@login_required
@require_POST
def accept_all(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    left = services.drafts_accept_all(user=request.user, job=job)
    if left:
        messages.warning(
            request,
            ngettext(
                "%(count)d draft needs your input before it can be accepted.",
                "%(count)d drafts need your input before they can be accepted.",
                len(left),
            )
            % {"count": len(left)},
        )
        for draft, message in left[:20]:
            messages.warning(request, f"{draft.title[:120]}: {message}")
    else:
        messages.success(request, _("Every draft was accepted."))
    return redirect("ingest:review", job.pk)
