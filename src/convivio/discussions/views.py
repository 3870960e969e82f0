"""Pages of threads and posts: thin, the rules are in ``services`` and
``permissions``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convivio.community import notifications
from convivio.community.models import Network
from convivio.community.permissions import require_view_network
from convivio.core import ratelimit
from convivio.core.forms import add_service_errors
from convivio.core.pagination import paginate
from convivio.directory.models import Service
from convivio.plans.models import Plan, PlanNode
from convivio.practices.models import Practice

from . import permissions, selectors, services
from .forms import EditForm, PostForm, ReactionForm, ThreadForm
from .models import Post, PostAttachment, Thread


def _thread(request: HttpRequest, pk: int) -> Thread:
    thread = selectors.thread_get(pk)
    if thread is None or not permissions.can_view_subject(request.user, thread):
        raise Http404(_("No such record."))
    permissions.require_view_thread(request.user, thread)
    return thread


def _post(request: HttpRequest, pk: int) -> Post:
    post = (
        Post.objects.select_related(
            "thread__network",
            "thread__practice",
            "thread__plan",
            "thread__node__plan",
            "thread__service",
            "author",
        )
        .filter(pk=pk)
        .first()
    )
    if post is None or not permissions.can_view_subject(request.user, post.thread):
        raise Http404(_("No such record."))
    permissions.require_view_thread(request.user, post.thread)
    return post


def _status(error: ValidationError) -> int:
    return ratelimit.status_for(error, 200)


# ----------------------------------------------------------------- lists


@require_GET
def network_threads(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_object_or_404(Network, pk=pk)
    require_view_network(request.user, network)
    page = paginate(request, selectors.network_threads(network, request.user))
    return render(
        request,
        "discussions/network_threads.html",
        {
            "network": network,
            "page": page,
            "can_start": permissions.can_start_in_network(
                request.user, network, Thread.Kind.DISCUSSION
            ),
        },
    )


# ------------------------------------------------------------ new threads


def _kinds(request: HttpRequest, network: Network | None) -> list[str]:
    if network is None:
        return [Thread.Kind.DISCUSSION]
    return [
        k
        for k in Thread.Kind.values
        if permissions.can_start_in_network(request.user, network, k)
    ]


def _start(
    request: HttpRequest, subject_field: str, subject: Any, back_url: str
) -> HttpResponse:
    network = subject if subject_field == "network" else None
    probe = Thread(**{subject_field: subject})
    if network is not None:
        permissions.require_start_in_network(
            request.user, network, Thread.Kind.DISCUSSION
        )
    else:
        permissions.require_start_about(request.user, probe)
    kinds = _kinds(request, network)
    status = 200
    if request.method == "POST":
        form = ThreadForm(request.POST, request.FILES, kinds=kinds)
        if form.is_valid():
            data = form.cleaned_data
            try:
                thread = services.thread_start(
                    request.user,
                    title=data["title"],
                    body=data["body"],
                    language=data["language"].code,
                    kind=data["kind"],
                    files=data["attachments"],
                    **{subject_field: subject},
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = _status(error)
            else:
                return redirect(thread)
    else:
        form = ThreadForm(kinds=kinds, initial={"language": request.LANGUAGE_CODE})
    return render(
        request,
        "discussions/thread_form.html",
        {"form": form, "subject": subject, "back_url": back_url},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_new(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_object_or_404(Network, pk=pk)
    require_view_network(request.user, network)
    return _start(request, "network", network, network.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def practice_new(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(Practice, pk=pk)
    if not permissions.can_view_subject(request.user, Thread(practice=practice)):
        raise Http404(_("No such record."))
    return _start(request, "practice", practice, practice.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    if not permissions.can_view_subject(request.user, Thread(plan=plan)):
        raise Http404(_("No such record."))
    return _start(request, "plan", plan, plan.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest, pk: int) -> HttpResponse:
    node = get_object_or_404(
        PlanNode.objects.select_related("plan"), pk=pk, kind=PlanNode.Kind.MEASURE
    )
    if not permissions.can_view_subject(request.user, Thread(node=node)):
        raise Http404(_("No such record."))
    return _start(request, "node", node, node.plan.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def service_new(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    if not permissions.can_view_subject(request.user, Thread(service=service)):
        raise Http404(_("No such record."))
    return _start(request, "service", service, service.get_absolute_url())


# ------------------------------------------------------------ the thread


def _thread_context(request: HttpRequest, thread: Thread, form=None) -> dict:
    moderates = permissions.can_moderate_thread(request.user, thread)
    page = paginate(
        request,
        Post.objects.filter(thread=thread, parent=None).order_by("id"),
        per_page=selectors.threads_per_page(),
    )
    can_post = permissions.can_post(request.user, thread)
    member = request.user.is_authenticated and (
        thread.network_id is None
        or permissions.network_permissions.is_member(request.user, thread.network_id)
    )
    if form is None and can_post:
        form = PostForm(initial={"language": request.LANGUAGE_CODE})
    return {
        "thread": thread,
        "subject": thread.subject,
        "page": page,
        "posts": selectors.thread_posts(
            thread, list(page.object_list), request.user, moderates=moderates
        ),
        "moderates": moderates,
        "can_post": can_post,
        "can_react": member,
        "follow_topic": notifications.topic("thread", thread.pk),
        "form": form
        if form is not None
        else (
            PostForm(initial={"language": request.LANGUAGE_CODE}) if can_post else None
        ),
    }


@require_GET
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    return render(request, "discussions/thread.html", _thread_context(request, thread))


def _one(request: HttpRequest, name: str, thread: Thread) -> Post | None:
    """The post named by ``?parent=``/``?quote=`` (or the form's field): in
    this thread, or a 404."""
    raw = request.POST.get(name) or request.GET.get(name)
    if not raw:
        return None
    try:
        pk = int(raw)
    except ValueError:
        raise Http404(_("No such record.")) from None
    post = Post.objects.select_related("author").filter(pk=pk, thread=thread).first()
    if post is None:
        raise Http404(_("No such record."))
    post.thread = thread
    return post


@login_required
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """A new post in the thread, or a reply to one of its posts (``parent``),
    quoting one (``quote``)."""
    thread = _thread(request, pk)
    permissions.require_post(request.user, thread)
    parent = _one(request, "parent", thread)
    quoted = _one(request, "quote", thread)
    status = 200
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.post_reply(
                    request.user,
                    thread,
                    body=data["body"],
                    language=data["language"].code,
                    parent=parent,
                    quoted=quoted,
                    files=data["attachments"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = _status(error)
            else:
                return redirect(post)
    else:
        form = PostForm(initial={"language": request.LANGUAGE_CODE})
    return render(
        request,
        "discussions/reply.html",
        {"thread": thread, "form": form, "parent": parent, "quoted": quoted},
        status=status,
    )


@require_GET
def post_permalink(request: HttpRequest, pk: int) -> HttpResponse:
    """The post's place in its thread: the page holding it, at its anchor."""
    post = _post(request, pk)
    page = selectors.page_of_post(post)
    url = post.thread.get_absolute_url()
    if page > 1:
        url += f"?page={page}"
    return redirect(f"{url}#{post.anchor}")


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    permissions.require_edit_post(request.user, post)
    status = 200
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.post_edit(request.user, post, body=form.cleaned_data["body"])
            except ValidationError as error:
                add_service_errors(form, error)
                status = _status(error)
            else:
                return redirect(post)
    else:
        form = EditForm(initial={"body": post.body})
    return render(
        request,
        "discussions/post_edit.html",
        {"post": post, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    permissions.require_edit_post(request.user, post)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.post_delete(request.user, post)
        return redirect(post)
    return render(request, "discussions/post_delete.html", {"post": post})


@login_required
@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    """Toggle one's reaction; HTMX gets the post's reactions back."""
    post = _post(request, pk)
    permissions.require_react(request.user, post)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a reaction."))
    services.reaction_toggle(request.user, post, form.cleaned_data["kind"])
    if request.headers.get("HX-Request") != "true":
        return redirect(post)
    views = selectors.thread_posts(
        post.thread,
        [post.root or post] if post.root_id else [post],
        request.user,
        moderates=False,
    )
    view = _find(views, post.pk)
    return render(
        request,
        "discussions/_reactions.html",
        {"view": view, "can_react": True},
    )


def _find(views: list[selectors.PostView], pk: int) -> selectors.PostView | None:
    for view in views:
        if view.post.pk == pk:
            return view
        found = _find(view.replies, pk)
        if found is not None:
            return found
    return None


@login_required
@require_POST
def thread_pin(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    permissions.require_moderate_thread(request.user, thread)
    value = _on_off(request, "pinned")
    if value is None:
        return HttpResponseBadRequest(_("Say whether it is pinned."))
    services.thread_set_pinned(request.user, thread, value)
    return redirect(thread)


def _on_off(request: HttpRequest, name: str) -> bool | None:
    """An explicit "on"/"off" (a form sent twice does the same thing once)."""
    return {"on": True, "off": False}.get(request.POST.get(name, ""))


@login_required
@require_POST
def thread_close(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    permissions.require_moderate_thread(request.user, thread)
    value = _on_off(request, "closed")
    if value is None:
        return HttpResponseBadRequest(_("Say whether it is closed."))
    services.thread_set_closed(request.user, thread, value)
    return redirect(thread)


@require_GET
def attachment(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """A post's file, for whoever reads the post: always downloaded, never
    shown inline (an uploaded page cannot run in the site)."""
    post = _post(request, pk)
    if not permissions.can_view_post(request.user, post) or post.state not in (
        Post.State.VISIBLE,
        Post.State.HIDDEN,
    ):
        raise PermissionDenied(_("This post is not shown."))
    link = (
        PostAttachment.objects.select_related("document")
        .filter(post=post, document_id=document_pk)
        .first()
    )
    if link is None or not link.document.file:
        raise Http404(_("No such record."))
    document = link.document
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("No such record.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_filename or "file",
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
