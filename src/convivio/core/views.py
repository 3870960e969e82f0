from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import hooks, languages, permissions, ratelimit, selectors, services, tokens
from .forms import (
    OrganisationMergeForm,
    ProfileForm,
    SignUpForm,
    TerritoryMergeForm,
    TokenCreateForm,
    add_service_errors,
)
from .http import AuthenticatedHttpRequest
from .merging import reference_counts
from .models import (
    ApiToken,
    MergeRecord,
    Organisation,
    OrganisationMerge,
    Profile,
    Territory,
)
from .pagination import ROWS_PER_PAGE, paginate


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # What is new in each app (the latest practices, …): their sections.
    return render(
        request, "core/home.html", {"sections": hooks.sections("home", request)}
    )


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit.check(
                "signup",
                ratelimit.address_key(request),
                "CONVIVIO_RATE_SIGNUPS",
                _(
                    "Many accounts have been created from your connection in a "
                    "short time, so this one was not. Please try again in %(wait)s."
                ),
            )
        except ratelimit.RateLimited as error:
            form.add_error(None, error.messages)
            return ratelimit.retry_after(
                render(
                    request,
                    "registration/signup.html",
                    {"form": form},
                    status=error.STATUS,
                ),
                error,
            )
        else:
            user = services.user_create(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Convivio! Your account is ready."))
            return redirect("core:home")
    return render(request, "registration/signup.html", {"form": form}, status=status)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with as many mails from one address as
    ``CONVIVIO_RATE_PASSWORD_RESETS`` allows (the form is anonymous)."""

    def form_valid(self, form) -> HttpResponse:
        try:
            ratelimit.check(
                "password-reset",
                ratelimit.address_key(self.request),
                "CONVIVIO_RATE_PASSWORD_RESETS",
                _(
                    "Many password reset mails have been asked from your connection "
                    "in a short time, so this one was not sent. Please try again "
                    "in %(wait)s."
                ),
            )
        except ratelimit.RateLimited as error:
            form.add_error(None, error.messages)
            response = self.render_to_response(
                self.get_context_data(form=form), status=error.STATUS
            )
            return ratelimit.retry_after(response, error)
        return super().form_valid(form)


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = selectors.organisation_get(slug=slug)
    except Organisation.DoesNotExist:
        # The address of an organisation merged into another leads to that one.
        merge = OrganisationMerge.objects.filter(removed_slug=slug).first()
        if merge is not None:
            return redirect(merge.kept, permanent=True)
        raise Http404(_("No such organisation.")) from None
    if not selectors.organisation_visible_to(request.user, organisation):
        raise Http404(_("No such organisation."))
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            # Its description in the reader's language (or the one chosen
            # with ?lang=), else the original.
            "shown": organisation.translation_for(
                request.GET.get("lang") or request.LANGUAGE_CODE
            ),
            # What the apps hold of it (its practices, …).
            "sections": hooks.sections("organisation", request, organisation),
            "can_moderate": permissions.can_moderate_organisations(request.user),
        },
    )


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/organisation_list.html",
        {
            "organisations": paginate(
                request, selectors.organisation_public(), per_page=ROWS_PER_PAGE
            ),
            "can_moderate": permissions.can_moderate_organisations(request.user),
        },
    )


@require_GET
def organisation_suggestions(request: HttpRequest) -> HttpResponse:
    """The suggestions of an organisation picker as one types (``<option>``s
    for its datalist, fetched by HTMX): ``?field=`` names the parameter holding
    the text typed.  Only what the person may pick is suggested."""
    text = _typed(request).strip()
    usable = selectors.organisation_usable_by(request.user)
    names = selectors.organisation_search(text, usable) if text else []
    return _options(request, names)


def _typed(request: HttpRequest) -> str:
    """What was typed in a picker: ``?field=`` names the parameter holding it."""
    return request.GET.get(request.GET.get("field", "q"), "")[:200]


def _options(request: HttpRequest, labels: list[str]) -> HttpResponse:
    """A picker's suggestions: the ``<option>``s its datalist shows."""
    return render(request, "core/widgets/_picker_option_list.html", {"options": labels})


@login_required
@require_http_methods(["GET"])
def organisation_review(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Moderators' queue: organisations members proposed, and organisations
    that look like others (to merge)."""
    permissions.require_moderate_organisations(request.user)
    return render(
        request,
        "core/organisation_review.html",
        {
            "proposals": selectors.organisation_proposals(),
            "duplicates": selectors.organisation_duplicates(),
            "merges": OrganisationMerge.objects.select_related("kept", "merged_by")[
                :20
            ],
        },
    )


@login_required
@require_http_methods(["POST"])
def organisation_moderate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Approve or reject a proposed organisation."""
    permissions.require_moderate_organisations(request.user)
    organisation = get_object_or_404(Organisation, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.organisation_approve(actor=request.user, organisation=organisation)
            messages.success(
                request,
                _("%(name)s is now listed in public.") % {"name": organisation.name},
            )
        elif action == "reject":
            name = organisation.name
            services.organisation_reject(actor=request.user, organisation=organisation)
            messages.success(request, _("%(name)s was removed.") % {"name": name})
        else:
            messages.error(request, _("That action is not available."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("core:organisation_review")


def _merge_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    merge: Callable[..., MergeRecord],
    done: str,
    template: str,
) -> HttpResponse:
    """Merge two duplicates: a bound ``form`` (``source``, ``target``,
    ``confirm``) first shows what would move, then a second press (a POST with
    ``confirm``) calls ``merge`` and leads to ``done``."""
    moving: dict[str, int] | None = None
    if form.is_bound and form.is_valid():
        source, target = form.cleaned_data["source"], form.cleaned_data["target"]
        if request.method == "POST" and form.cleaned_data["confirm"]:
            try:
                record = merge(actor=request.user, source=source, target=target)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(source)s was merged into %(target)s (%(moved)s).")
                    % {
                        "source": record.removed_name,
                        "target": target.name,
                        "moved": ", ".join(f"{k}: {v}" for k, v in record.moved.items())
                        or _("nothing pointed at it"),
                    },
                )
                return redirect(done)
        else:
            moving = reference_counts(source)
    return render(
        request,
        template,
        {"form": form, "moving": moving},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_merge(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Moderators merge a duplicate organisation into another."""
    permissions.require_moderate_organisations(request.user)
    # From the review page, ?source= (and ?target=) fill the form in.
    picked = {k: request.GET[k] for k in ("source", "target") if k in request.GET}
    data = request.POST or (request.GET if len(picked) == 2 else None)
    form = OrganisationMergeForm(
        data, initial={k: [v] for k, v in picked.items() if v.isdigit()}
    )
    return _merge_page(
        request,
        form,
        merge=services.organisation_merge,
        done="core:organisation_review",
        template="core/organisation_merge.html",
    )


def _profile_form(request: AuthenticatedHttpRequest, data=None) -> ProfileForm:
    profile, _created = Profile.objects.get_or_create(user=request.user)
    return ProfileForm(
        data,
        initial={
            "first_name": request.user.first_name,
            "last_name": request.user.last_name,
            "bio": profile.bio,
            "languages": list(profile.languages.all()),
            "interface_language": profile.interface_language,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _profile_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            actor=request.user,
            user=request.user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            bio=form.cleaned_data["bio"],
            languages=list(form.cleaned_data["languages"]),
            interface_language=form.cleaned_data["interface_language"],
        )
        messages.success(request, _("Your profile was saved."))
        code = form.cleaned_data["interface_language"]
        if not code:
            return redirect("core:profile")
        # The chosen language from now on: its cookie, and the profile page in it.
        with translation.override(code):
            response = redirect("core:profile")
        languages.remember_in_cookie(response, code)
        return response
    return _profile_page(request, form=form)


def _profile_page(
    request: AuthenticatedHttpRequest,
    *,
    form: ProfileForm | None = None,
    token_form: TokenCreateForm | None = None,
    new_key: str = "",
    status: int = 200,
) -> HttpResponse:
    """The profile form and the "API tokens" section under it."""
    return render(
        request,
        "core/profile_form.html",
        {
            "form": form or _profile_form(request),
            "tokens": tokens.token_list(user=request.user),
            "token_form": token_form or TokenCreateForm(),
            "new_key": new_key,
        },
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make a key and show it on this response only: it is never shown again."""
    token_form = TokenCreateForm(request.POST)
    if token_form.is_valid():
        try:
            token, key = tokens.token_create(
                user=request.user, name=token_form.cleaned_data["name"]
            )
        except ValidationError as error:
            token_form.add_error("name", error)
        else:
            messages.success(
                request, _("Token “%(name)s” created.") % {"name": token.name}
            )
            return _profile_page(request, new_key=key)
    return _profile_page(request, token_form=token_form, status=400)


@login_required
@require_http_methods(["POST"])
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    # Someone else's token is "not found": its existence is not revealed.
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    tokens.token_revoke(user=request.user, token=token)
    messages.success(
        request,
        _("Token “%(name)s” revoked; programs using it can no longer write.")
        % {"name": token.name},
    )
    return redirect(f"{reverse('core:profile')}#api-tokens")


@require_GET
def territory_suggestions(request: HttpRequest) -> HttpResponse:
    """The suggestions of a place picker as one types (``<option>``s for its
    datalist, fetched by HTMX): ``?field=`` names the parameter holding the
    text typed; ``under``, ``countries`` and ``municipalities`` narrow the places
    as the picker does."""
    text = _typed(request)
    queryset = Territory.objects.all()
    under = [int(pk) for pk in request.GET.get("under", "").split(",") if pk.isdigit()]
    if "under" in request.GET:
        queryset = queryset.filter(
            pk__in=selectors.territory_descendant_ids(under[:50])
        )
    if request.GET.get("countries") == "0":
        queryset = queryset.exclude(kind=Territory.Kind.COUNTRY)
    if request.GET.get("municipalities") == "0":
        queryset = queryset.exclude(kind=Territory.Kind.MUNICIPALITY)
    places = selectors.territory_search(text, queryset)
    return _options(request, [selectors.territory_label(t) for t in places])


@login_required
@require_http_methods(["GET", "POST"])
def territory_merge(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Moderators merge a duplicate place into another."""
    permissions.require_merge_territories(request.user)
    return _merge_page(
        request,
        TerritoryMergeForm(request.POST or None),
        merge=services.territory_merge,
        done="core:territory_merge",
        template="core/territory_merge.html",
    )
