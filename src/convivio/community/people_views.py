"""People's pages, their notifications and what they follow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from convivio.core import hooks
from convivio.core.http import AuthenticatedHttpRequest
from convivio.core.pagination import paginate

from . import emails, notifications, people_selectors
from .models import Notification, Subscription
from .people_forms import FollowForm, PublicProfileForm


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --------------------------------------------------------------------- people


def person(request: HttpRequest, username: str) -> HttpResponse:
    page = people_selectors.person_page(request.user, username, request.LANGUAGE_CODE)
    return render(
        request,
        "community/people/person.html",
        {
            "page": page,
            "is_me": request.user.is_authenticated and request.user == page.person,
            "sections": hooks.sections("person", request, page.person),
        },
    )


@login_required
def profile_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = people_selectors.public_profile_of(request.user)
    form = PublicProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.user = request.user
            saved.save()
            form.save_m2m()
        messages.success(request, _("Your profile was saved."))
        return redirect("community:profile_settings")
    return render(
        request,
        "community/people/settings.html",
        {"form": form, "profile": profile},
    )


# -------------------------------------------------------------- notifications


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = paginate(request, people_selectors.notification_list(request.user))
    for notification in page:
        notification.text = notifications.text_of(notification)
    return render(
        request,
        "community/notifications/list.html",
        {
            "notifications": page,
            "unread": notifications.unread_recount(request.user),
        },
    )


@login_required
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark it read and go where it points (an address of this site)."""
    notification = Notification.objects.filter(user=request.user, pk=pk).first()
    if notification is None:
        raise Http404
    notifications.mark_read(request.user, pk)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=set()):
        target = "/"
    return redirect(target)


@login_required
@require_POST
def notification_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not notifications.mark_read(request.user, pk):
        raise Http404
    return redirect(_safe_next(request, "community:notifications"))


@login_required
@require_POST
def notifications_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    notifications.mark_all_read(request.user)
    messages.success(request, _("Every notification is marked read."))
    return redirect("community:notifications")


@login_required
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "community/notifications/settings.html",
        {
            "rows": people_selectors.subscription_list(request.user),
            "modes": Subscription.Mode.choices,
        },
    )


@login_required
@require_POST
def follow(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Follow a topic in a mode, change the mode, or stop ("off")."""
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _follow_error(request, _("Choose how to be told."))
    topic_name, mode = form.cleaned_data["topic"], form.cleaned_data["mode"]
    if not notifications.can_follow(request.user, topic_name):
        try:
            notifications.parse_topic(topic_name)
        except ValidationError as error:
            return _follow_error(request, error.messages[0])
        raise PermissionDenied(_("You cannot follow this."))
    try:
        if mode == Subscription.Mode.OFF:
            notifications.unsubscribe(request.user, topic_name)
        else:
            notifications.subscribe(request.user, topic_name, mode)
    except ValidationError as error:
        return _follow_error(request, error.messages[0])
    messages.success(request, _("Your choice was saved."))
    return redirect(_safe_next(request, "community:notification_settings"))


def _follow_error(request: HttpRequest, message: str) -> HttpResponse:
    return render(
        request,
        "community/notifications/follow_error.html",
        {"message": message},
        status=400,
    )


@csrf_exempt  # the one-click POST of mail programs (RFC 8058): the token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """From an e-mail's link, without signing in: GET asks, POST stops the
    e-mails of the topic (every e-mail for a digest's link)."""
    try:
        user_id, topic_name = emails.read_token(token)
    except signing.BadSignature:
        return render(
            request, "community/notifications/unsubscribe_invalid.html", status=400
        )
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return render(
            request, "community/notifications/unsubscribe_invalid.html", status=400
        )
    every = topic_name == emails.ALL_TOPICS
    titles = {} if every else notifications.describe([topic_name])
    title = titles.get(topic_name, ("", ""))[0]
    if request.method == "POST":
        notifications.stop_emails(user, None if every else topic_name)
        return render(
            request,
            "community/notifications/unsubscribe.html",
            {"done": True, "every": every, "title": title},
        )
    return render(
        request,
        "community/notifications/unsubscribe.html",
        {"done": False, "every": every, "title": title, "token": token},
    )
