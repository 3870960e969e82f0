from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convivio.core import hooks, ratelimit
from convivio.core.forms import add_service_errors, page_number
from convivio.core.http import AuthenticatedHttpRequest, HtmxHttpRequest
from convivio.core.pagination import ROWS_PER_PAGE, paginate
from convivio.core.services import organisation_obtain
from convivio.search import suggestions

from . import fragments, permissions, selectors, services
from .filters import filters_from_query
from .forms import CollectionForm, EvaluationForm, PracticeForm, TransitionForm
from .models import Collection, Practice


@require_GET
def practice_list(request: HtmxHttpRequest) -> HttpResponse:
    filters, notes = filters_from_query(request.GET)
    results_html = fragments.results_html(
        request, filters, notes, page_number(request), fragments.list_version()
    )
    if request.htmx and not request.htmx.boosted:
        return HttpResponse(results_html)
    return render(
        request,
        "practices/practice_list.html",
        {
            "filters": filters,
            "sort": filters.effective_sort,
            "results_html": results_html,
        },
    )


@require_GET
def practice_filters(request: HttpRequest) -> HttpResponse:
    """The filter panel of a list query, with its counts (loaded by HTMX)."""
    filters, _notes = filters_from_query(request.GET)
    return HttpResponse(
        fragments.facets_html(request, filters, fragments.list_version())
    )


def _get_visible(request: HttpRequest, pk: int) -> Practice:
    try:
        practice = selectors.practice_get(pk=pk)
    except Practice.DoesNotExist:
        raise Http404(_("No such practice.")) from None
    if not permissions.can_view_practice(request.user, practice):
        # Unpublished practices are not disclosed to people who cannot see them.
        raise Http404(_("No such practice."))
    return practice


def _article_context(request: HttpRequest, practice: Practice, **extra) -> dict:
    shown = practice.translation_for(request.GET.get("lang") or request.LANGUAGE_CODE)
    return {
        "practice": practice,
        "shown": shown,
        "title": shown.title if shown else "",
        "translations": practice.translations.all(),
        # What other apps show beside it (the plans that adopted it, …).
        "sections": hooks.sections("practice", request, practice),
        **selectors.practice_evaluations(practice=practice),
        **extra,
    }


@require_GET
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        # Visitors see the same article for a given version of the practice:
        # rendered once, then a visit costs one small query.
        article = fragments.public_article(
            request, pk, lambda practice: _article_context(request, practice)
        )
        if article is None:
            raise Http404(_("No such practice."))
        return render(
            request,
            "practices/practice_detail.html",
            {"title": article.title, "article_html": article.html, "practice_id": pk},
        )
    practice = _get_visible(request, pk)
    can_edit = permissions.can_edit_practice(request.user, practice)
    moderator = permissions.can_moderate_practices(request.user)
    context = _article_context(
        request,
        practice,
        can_edit=can_edit,
        is_moderator=moderator,
        history=selectors.practice_history(practice=practice)
        if can_edit or moderator
        else [],
        practice_id=practice.pk,
    )
    return render(request, "practices/practice_detail.html", context)


@require_GET
def practice_related(request: HttpRequest, pk: int) -> HttpResponse:
    """What fits beside a practice, by meaning (the similar practices, the plans
    whose measures it could serve: sections of ``practice.related``), loaded
    by its page after the article, so that the article's cost and cache stay
    those of the practice alone."""
    practice: Practice | None
    if request.user.is_authenticated:
        # With what the sections need to know of it (core.hooks annotations).
        practice = (
            Practice.objects.filter(pk=pk)
            .annotate(**hooks.page_annotations("practice.related"))
            .first()
        )
        if practice is None or not permissions.can_view_practice(
            request.user, practice
        ):
            raise Http404(_("No such practice."))
    else:
        head = selectors.practice_head(pk=pk)
        if head is None or head["status"] != Practice.Status.PUBLISHED:
            raise Http404(_("No such practice."))
        # The head is all a visitor's page reads: the sections get its id.
        practice = Practice(pk=pk, status=head["status"])
    return render(
        request,
        "practices/_related.html",
        {"related": hooks.sections("practice.related", request, practice)},
    )


def _offer_suggestions(form: PracticeForm, text: str) -> None:
    """Themes and target groups suggested by meaning for the practice's text,
    beside their boxes for the author to tick (nothing without text)."""
    text = text.strip()
    suggestions.offer(
        form.fields["themes"], suggestions.suggested_themes(text) if text else []
    )
    suggestions.offer(
        form.fields["target_groups"],
        suggestions.suggested_target_groups(text) if text else [],
    )


def _posted_text(request: HttpRequest) -> str:
    return "\n".join(
        request.POST.get(name, "") for name in ("title", "summary", "description")
    )


def _suggestions_only(request: HttpRequest, form: PracticeForm) -> HttpResponse:
    """The "Suggest" button's answer: the suggestions for the text typed so far,
    swapped in beside the boxes (nothing is saved)."""
    _offer_suggestions(form, _posted_text(request))
    return render(request, "practices/_suggestions.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def practice_submit(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PracticeForm(request.POST or None, initial={"language": "en"})
    del form.fields["minor"]  # a new practice has no translations yet
    form.limit_organisations(request.user)
    if request.method == "POST" and request.POST.get("suggest"):
        return _suggestions_only(request, form)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                practice = services.practice_create(
                    user=request.user, data=_practice_data(request, form)
                )
                if request.POST.get("send_for_review"):
                    services.practice_transition(
                        user=request.user, practice=practice, action="submitted"
                    )
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error, 200)
        else:
            messages.success(
                request,
                _("Your practice was sent to the moderators.")
                if request.POST.get("send_for_review")
                else _("Your practice was saved as a draft."),
            )
            return redirect(practice)
    _offer_suggestions(form, _posted_text(request) if request.method == "POST" else "")
    return render(
        request,
        "practices/practice_form.html",
        {"form": form, "practice": None},
        status=status,
    )


def _practice_data(
    request: AuthenticatedHttpRequest, form: PracticeForm
) -> services.PracticeData:
    """The form's practice, with the organisation the person added in place
    (proposed now, in the caller's transaction) or chose instead of it."""
    data = form.to_data()
    added = form.cleaned_data.get("new_organisation")
    if added:
        wanted, role = added
        organisation = organisation_obtain(actor=request.user, wanted=wanted)
        data.organisations.append((organisation.pk, role))
    return data


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    permissions.require_edit_practice(request.user, practice)
    language = request.GET.get("lang") or practice.original_language_id
    translation = practice.translation_for(language)
    form = PracticeForm(
        request.POST or None, initial=PracticeForm.initial_from(practice, translation)
    )
    form.limit_organisations(
        request.user,
        keep=list(
            practice.organisation_roles.values_list("organisation_id", flat=True)
        ),
    )
    if request.method == "POST" and request.POST.get("suggest"):
        return _suggestions_only(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.practice_update(
                    user=request.user,
                    practice=practice,
                    data=_practice_data(request, form),
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(practice)
    _offer_suggestions(
        form,
        _posted_text(request)
        if request.method == "POST"
        else "\n".join(
            (translation.title, translation.summary, translation.description)
        )
        if translation
        else "",
    )
    return render(
        request, "practices/practice_form.html", {"form": form, "practice": practice}
    )


@login_required
@require_POST
def practice_transition(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That action is not available."))
        return redirect(practice)
    try:
        services.practice_transition(
            user=request.user,
            practice=practice,
            action=form.cleaned_data["action"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The practice is now %(status)s.")
            % {"status": Practice.objects.get(pk=pk).get_status_display()},
        )
    return redirect(practice)


@login_required
@require_http_methods(["GET", "POST"])
def practice_evaluate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = _get_visible(request, pk)
    permissions.require_evaluate_practice(request.user, practice)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_evaluate(
                user=request.user,
                practice=practice,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your evaluation was saved."))
            return redirect(practice)
    return render(
        request,
        "practices/practice_evaluate.html",
        {
            "form": form,
            "practice": practice,
            "shown": practice.translation_for(request.LANGUAGE_CODE),
        },
    )


@login_required
@require_GET
def moderation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require_see_review_queue(request.user)
    practices = paginate(
        request, selectors.practice_moderation_queue(), per_page=ROWS_PER_PAGE
    )
    selectors.in_language(practices, request.LANGUAGE_CODE)
    return render(request, "practices/moderation_queue.html", {"practices": practices})


@login_required
@require_GET
def my_practices(request: AuthenticatedHttpRequest) -> HttpResponse:
    practices = paginate(
        request,
        selectors.practice_list_for_user(user=request.user),
        per_page=ROWS_PER_PAGE,
    )
    selectors.in_language(practices, request.LANGUAGE_CODE)
    return render(request, "practices/my_practices.html", {"practices": practices})


@require_GET
def collection_list(request: HttpRequest) -> HttpResponse:
    collections = paginate(
        request,
        selectors.collection_list(language=request.LANGUAGE_CODE, user=request.user),
        per_page=ROWS_PER_PAGE,
    )
    return render(
        request, "practices/collection_list.html", {"collections": collections}
    )


@require_GET
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        collection, practices = selectors.collection_get(
            pk=pk,
            language=request.GET.get("lang") or request.LANGUAGE_CODE,
            user=request.user,
        )
    except Collection.DoesNotExist:
        # A draft is not disclosed to people who cannot see it.
        raise Http404(_("No such collection.")) from None
    return render(
        request,
        "practices/collection_detail.html",
        {
            "collection": collection,
            "practices": practices,
            "can_edit": permissions.can_edit_collection(request.user, collection),
            "can_publish": permissions.can_publish_collection(request.user, collection),
        },
    )


def _visible_collection(request: HttpRequest, pk: int) -> Collection:
    collection = (
        permissions.visible_collections(request.user, Collection.objects.all())
        .prefetch_related("translations")
        .filter(pk=pk)
        .first()
    )
    if collection is None:
        raise Http404(_("No such collection."))
    return collection


@login_required
@require_http_methods(["GET", "POST"])
def collection_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    collection = _visible_collection(request, pk)
    permissions.require_edit_collection(request.user, collection)
    order = list(collection.items.values_list("practice_id", flat=True))
    published = {
        p.pk: p
        for p in Practice.objects.filter(
            pk__in=order, status=Practice.Status.PUBLISHED
        ).prefetch_related("translations")
    }
    # Only published practices are named here: a draft practice in the
    # collection stays in it, unnamed, as on the collection's page.
    choices = [
        (i, f"{i}. {published[i].translation_for(request.LANGUAGE_CODE) or ''}".strip())
        for i in order
        if i in published
    ]
    row = collection.original_translation()
    initial = {
        "title": row.title if row else "",
        "introduction": row.introduction if row else "",
        "recommendations": "\n".join(row.recommendations) if row else "",
        "keep": [i for i, _label in choices],
    }
    form = CollectionForm(request.POST or None, initial=initial, choices=choices)
    if request.method == "POST" and form.is_valid():
        kept = set(form.cleaned_data["keep"])
        ids = [
            *(i for i in order if i in kept or i not in published),
            *form.cleaned_data["add"],
        ]
        practices = {p.pk: p for p in Practice.objects.filter(pk__in=ids)}
        try:
            services.collection_update(
                user=request.user,
                collection=collection,
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                recommendations=form.recommendation_list(),
                practices=[practices[i] for i in dict.fromkeys(ids) if i in practices],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(collection)
    return render(
        request,
        "practices/collection_form.html",
        {"form": form, "collection": collection, "shown": row},
    )


@login_required
@require_POST
def collection_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    collection = _visible_collection(request, pk)
    services.collection_publish(user=request.user, collection=collection)
    messages.success(request, _("The collection is published."))
    return redirect(collection)
