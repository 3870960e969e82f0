"""The chat's pages: my rooms, a room (with its poll for new messages and its
form), direct conversations, search and moderation of messages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from convivio.community import moderation
from convivio.community.models import Moderated, Network
from convivio.core import ratelimit
from convivio.core.forms import add_service_errors
from convivio.core.http import AuthenticatedHtmxHttpRequest
from convivio.core.permissions import is_signed_in

from . import permissions, selectors, services
from .forms import MessageForm, ModerateForm, ReportForm, SearchForm
from .models import Message, Room

#: How often an open room asks for new messages (seconds).
POLL_SECONDS = 3
#: How long the room page's poll token is good for; after that the poll reads
#: the session again (one query more per poll, nothing else changes).
POLL_TOKEN_SECONDS = 12 * 3600
_POLL_SIGNER = signing.TimestampSigner(salt="convivio.chat.poll")


def poll_token(user_id: int, room_id: int) -> str:
    """Who polls which room, signed: the room page gives it to its poller so
    that "nothing new" is answered without reading the session."""
    return _POLL_SIGNER.sign(f"{user_id}.{room_id}")


def _poll_user_id(request: HttpRequest, room_id: int) -> int | None:
    """The person polling: from a valid token for this room, else the session."""
    token = request.GET.get("t", "")
    if token:
        try:
            value = _POLL_SIGNER.unsign(token, max_age=POLL_TOKEN_SECONDS)
            user_id, token_room = (int(part) for part in value.split("."))
        except (signing.BadSignature, ValueError):
            pass
        else:
            if token_room == room_id:
                return user_id
    found = request.session.get(SESSION_KEY)
    return None if found is None else int(found)


def _cursor(request: HttpRequest, name: str) -> int | None:
    """A message id from the query string; ValueError with a sentence if it is
    not one."""
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise ValueError(
            _("“%(name)s” must be the number of a message, not “%(value)s”.")
            % {"name": name, "value": raw[:40]}
        )
    return int(raw)


def _bad_request(error: ValueError) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")


def _room_for(request: HttpRequest, pk: int) -> Room:
    room = get_object_or_404(Room.objects.select_related("network"), pk=pk)
    permissions.require_read_room(request.user, room)
    return room


def _message_url() -> str:
    """The start of a message's addresses ("/en/chat/messages/"): reversed once
    per page, not three times per message."""
    return reverse("chat:message_delete", args=[0]).removesuffix("0/delete/")


def _title(room: Room, user: Any) -> str:
    return selectors.room_titles([room], user)[room.pk]


# ----------------------------------------------------------------------- pages


@login_required
@require_GET
def index(request: AuthenticatedHtmxHttpRequest) -> HttpResponse:
    return render(
        request, "chat/index.html", {"rooms": selectors.rooms_of(request.user)}
    )


@login_required
@require_GET
def room(request: AuthenticatedHtmxHttpRequest, pk: int) -> HttpResponse:
    chat_room = _room_for(request, pk)
    try:
        before = _cursor(request, "before")
    except ValueError as error:
        return _bad_request(error)
    page = selectors.room_messages(chat_room, before)
    context = {
        "room": chat_room,
        "page": page,
        "can_moderate": _can_moderate_room(request.user, chat_room),
        "user_id": request.user.pk,
        "message_url": _message_url(),
    }
    if request.htmx and before is not None:
        # "Load earlier": the older messages, above the ones shown.
        return render(request, "chat/_earlier.html", context)
    if before is None and page.last_id:
        # Reading marks the room read.
        services.mark_read(request.user, chat_room, page.last_id)
    context.update(
        {
            "title": _title(chat_room, request.user),
            "can_write": permissions.can_write_in_room(request.user, chat_room),
            "form": MessageForm(),
            "search_form": SearchForm(),
            "poll_seconds": POLL_SECONDS,
            "poll_token": poll_token(request.user.pk, chat_room.pk),
            "participants": selectors.participants(chat_room)
            if chat_room.is_direct
            else [],
            "newest": before is None,
        }
    )
    return render(request, "chat/room.html", context)


def _can_moderate_room(user: Any, chat_room: Room) -> bool:
    probe = Message(room=chat_room)
    return moderation.can_moderate(user, probe)


@require_GET
def poll(request: HttpRequest, pk: int) -> HttpResponse:
    """The messages after ``since``, as HTML to append; 204 when there are none.

    The common answer, "nothing new", costs one statement
    (``selectors.poll_probe``): the person's id comes from the room page's
    signed token (else the session), the account is not loaded and no template
    is rendered.  Any
    other answer goes the ordinary way (the account loaded, the rules of
    ``permissions``)."""
    try:
        since = _cursor(request, "since") or 0
    except ValueError as error:
        return _bad_request(error)
    user_id = _poll_user_id(request, pk)
    if user_id is None:
        return redirect_to_login(request.get_full_path())
    probe = selectors.poll_probe(pk, user_id, since)
    if probe is None:
        return HttpResponse(status=404)
    kind, _network, in_network, participant, news = probe
    allowed = participant if kind == Room.Kind.DIRECT else in_network
    if allowed and not news:
        return HttpResponse(status=204)
    # Somebody else (a moderator, or not allowed) or something new.
    if not is_signed_in(request.user) or request.user.pk != int(user_id):
        return redirect_to_login(request.get_full_path())
    chat_room = _room_for(request, pk)
    rows = selectors.new_messages(chat_room, since)
    if not rows:
        return HttpResponse(status=204)
    services.mark_read(request.user, chat_room, rows[-1].pk)
    return render(
        request,
        "chat/_poll.html",
        {
            "room": chat_room,
            "messages_new": rows,
            "last_id": rows[-1].pk,
            "user_id": request.user.pk,
            "message_url": _message_url(),
            "can_moderate": _can_moderate_room(request.user, chat_room),
        },
    )


@login_required
@require_POST
def send(request: AuthenticatedHtmxHttpRequest, pk: int) -> HttpResponse:
    chat_room = _room_for(request, pk)
    permissions.require_write_in_room(request.user, chat_room)
    form = MessageForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.message_send(request.user, chat_room, form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error)
        else:
            if not request.htmx:
                return redirect(chat_room.get_absolute_url())
            response = render(
                request, "chat/_form.html", {"room": chat_room, "form": MessageForm()}
            )
            # The room's poller asks at once: the new message appears.
            response["HX-Trigger"] = "chatsent"
            return response
    if request.htmx:
        return render(
            request,
            "chat/_form.html",
            {"room": chat_room, "form": form},
            status=status,
        )
    page = selectors.room_messages(chat_room)
    return render(
        request,
        "chat/room.html",
        {
            "room": chat_room,
            "page": page,
            "title": _title(chat_room, request.user),
            "can_write": True,
            "form": form,
            "search_form": SearchForm(),
            "poll_seconds": POLL_SECONDS,
            "poll_token": poll_token(request.user.pk, chat_room.pk),
            "participants": selectors.participants(chat_room)
            if chat_room.is_direct
            else [],
            "newest": True,
            "user_id": request.user.pk,
            "message_url": _message_url(),
            "can_moderate": _can_moderate_room(request.user, chat_room),
        },
        status=status,
    )


@login_required
@require_GET
def network_room(request: AuthenticatedHtmxHttpRequest, network: int) -> HttpResponse:
    """A network's chat, from the network's page."""
    found = get_object_or_404(Network, pk=network)
    chat_room = services.room_for_network(found)
    permissions.require_read_room(request.user, chat_room)
    return redirect(chat_room.get_absolute_url())


@login_required
@require_POST
def direct(request: AuthenticatedHtmxHttpRequest, user: int) -> HttpResponse:
    """The "Message" button on a person: their conversation with me."""
    other = get_object_or_404(get_user_model(), pk=user, is_active=True)
    chat_room = services.direct_room(request.user, other)
    return redirect(chat_room.get_absolute_url())


@login_required
@require_POST
def participant_add(request: AuthenticatedHtmxHttpRequest, pk: int) -> HttpResponse:
    chat_room = _room_for(request, pk)
    if not chat_room.is_direct or not permissions.is_participant(
        request.user, chat_room
    ):
        raise PermissionDenied(_("This conversation is open to its members only."))
    User = get_user_model()
    username = (request.POST.get("username") or "").strip()
    other = User.objects.filter(username=username, is_active=True).first()
    try:
        if other is None:
            raise ValidationError(_("Nobody has this user name."))
        services.participant_add(request.user, chat_room, other)
    except ValidationError as error:
        for text in error.messages:
            flash.error(request, text)
    return redirect(chat_room.get_absolute_url())


@login_required
@require_GET
def search(request: AuthenticatedHtmxHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    in_room = None
    raw_room = request.GET.get("room", "")
    if raw_room:
        if not raw_room.isdigit():
            return _bad_request(ValueError(_("Choose a room from the list.")))
        in_room = _room_for(request, int(raw_room))
    results = selectors.search(request.user, text, in_room) if text else []
    titles = selectors.room_titles(list({m.room for m in results}), request.user)
    return render(
        request,
        "chat/search.html",
        {
            "form": form,
            "text": text,
            "in_room": in_room,
            "in_room_title": _title(in_room, request.user) if in_room else "",
            "results": [(m, titles[m.room_id]) for m in results],
        },
    )


# ------------------------------------------------------------------ moderation


def _message_for(request: HttpRequest, pk: int) -> Message:
    message = get_object_or_404(Message.objects.select_related("room", "author"), pk=pk)
    permissions.require_read_room(request.user, message.room)
    return message


@login_required
@require_POST
def message_delete(request: AuthenticatedHtmxHttpRequest, pk: int) -> HttpResponse:
    message = _message_for(request, pk)
    services.message_delete(request.user, message)
    flash.success(request, _("Your message was deleted."))
    return redirect(message.get_absolute_url())


@login_required
def message_report(request: AuthenticatedHtmxHttpRequest, pk: int) -> HttpResponse:
    message = _message_for(request, pk)
    if not permissions.can_report_message(request.user, message):
        raise PermissionDenied(_("This message cannot be reported."))
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_report(
                request.user,
                message,
                form.cleaned_data["reason"],
                form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, _("Thank you: the moderators will look at it."))
            return redirect(message.get_absolute_url())
    return render(
        request,
        "chat/message_action.html",
        {
            "message": message,
            "form": form,
            "action": "report",
            "user_id": request.user.pk,
            "message_url": _message_url(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def message_moderate(request: AuthenticatedHtmxHttpRequest, pk: int) -> HttpResponse:
    """Hide a message (with a reason) or restore it."""
    message = _message_for(request, pk)
    moderation.require_moderate(request.user, message)
    form = ModerateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if message.state == Moderated.State.HIDDEN:
                services.message_restore(request.user, message, reason)
                flash.success(request, _("The message is shown again."))
            else:
                services.message_hide(request.user, message, reason)
                flash.success(request, _("The message is hidden."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(message.get_absolute_url())
    return render(
        request,
        "chat/message_action.html",
        {
            "message": message,
            "shown": [message],
            "form": form,
            "action": "restore" if message.state == Moderated.State.HIDDEN else "hide",
            "history": moderation.history(message),
            "user_id": request.user.pk,
            "message_url": _message_url(),
        },
        status=400 if form.errors else 200,
    )
