# ruff: noqa: E501 (the tables keep one case a line)
"""The discussions rows of the exchange apps' permission matrix
(tests/community/test_permission_matrix.py: roles, helpers and how to read it).

POSTs are sent empty: the people allowed get the form back (200) or "say
which" (400), the others a refusal; nobody's POST writes anything."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from convivio.community import moderation
from convivio.discussions import services
from convivio.plans.models import Plan
from tests.factories import PlanFactory, PlanNodeFactory, ServiceFactory, make_practice
from tests.test_permission_matrix import LOGIN, Case, World

__all__ = ["Case"]


def build(w: World) -> None:
    """Add the records this app's routes are asked about to ``w.objects``."""
    member = w.people["member"]
    coordinator = w.people["coordinator"]
    thread = services.thread_start(
        member,
        title="Transportes para o centro de saúde",
        body="Como chegam as pessoas das aldeias?",
        language="pt",
        network=w.objects["forum"],
    )
    opening = thread.posts.get()
    hidden = services.post_reply(
        member,
        thread,
        body="Vendo bilhetes baratos",
        language="pt",
        files=[SimpleUploadedFile("oferta.txt", b"Oferta")],
    )
    moderation.hide(coordinator, hidden, "publicidade")
    closed_thread = services.thread_start(
        coordinator,
        title="Preparação da reunião",
        body="Ordem de trabalhos.",
        language="pt",
        network=w.objects["closed"],
    )
    plan = PlanFactory()
    # A public plan (any status but draft), as the matrix's other rows read it.
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)
    plan.refresh_from_db()
    w.objects.update(
        thread=thread,
        post=opening,
        hidden_post=hidden,
        hidden_document=hidden.attachments.get().document,
        closed_thread=closed_thread,
        closed_post=closed_thread.posts.get(),
        practice=make_practice(),
        plan=plan,
        measure=PlanNodeFactory(plan=plan),
        service=ServiceFactory(),
    )


def _pk(name: str):
    return lambda w: [w.objects[name].pk]


EVERYONE = (200,) * 7
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
#: A members-only network's thread: its people and platform moderators; the
#: others do not learn it exists.
CLOSED_READERS = (404, 404, 200, 200, 200, 404, 200)
WRITERS = (LOGIN, 403, 403, 200, 200, 403, 403)
AUTHOR = (LOGIN, 403, 403, 200, 403, 403, 403)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)

# Each route: its cases, what each role gets in the order of ROLES:
#   visitor, signed_in, observer, member, coordinator, other, moderator
# fmt: off
PAGES: dict[str, list[Case]] = {
    "discussions:network_threads": [
        Case(_pk("forum"), EVERYONE, state="public network"),
        Case(_pk("closed"), (403, 403, 200, 200, 200, 403, 200), state="members-only network"),
    ],
    "discussions:network_new": [
        Case(_pk("forum"), WRITERS, post=WRITERS, state="public network"),
        Case(_pk("elsewhere"), (LOGIN, 403, 403, 403, 403, 200, 403), post=(LOGIN, 403, 403, 403, 403, 200, 403), state="another network"),
    ],
    "discussions:practice_new": [Case(_pk("practice"), SIGNED_IN, post=SIGNED_IN)],
    "discussions:plan_new": [Case(_pk("plan"), SIGNED_IN, post=SIGNED_IN)],
    "discussions:measure_new": [Case(_pk("measure"), SIGNED_IN, post=SIGNED_IN)],
    "discussions:service_new": [Case(_pk("service"), SIGNED_IN, post=SIGNED_IN)],
    "discussions:thread": [
        Case(_pk("thread"), EVERYONE, state="public network"),
        Case(_pk("closed_thread"), CLOSED_READERS, state="members-only network"),
    ],
    "discussions:reply": [
        Case(_pk("thread"), WRITERS, post=WRITERS, state="public network"),
        Case(_pk("closed_thread"), (LOGIN, 404, 403, 200, 200, 404, 403), post=(LOGIN, 404, 403, 200, 200, 404, 403), state="members-only network"),
    ],
    "discussions:pin": [
        Case(_pk("thread"), POST_ONLY, post=(LOGIN, 403, 403, 403, 400, 403, 400)),
    ],
    "discussions:close": [
        Case(_pk("thread"), POST_ONLY, post=(LOGIN, 403, 403, 403, 400, 403, 400)),
    ],
    "discussions:post": [
        Case(_pk("post"), (302,) * 7, state="public network"),
        Case(_pk("closed_post"), (404, 404, 302, 302, 302, 404, 302), state="members-only network"),
    ],
    "discussions:edit": [Case(_pk("post"), AUTHOR, post=AUTHOR)],
    "discussions:delete": [Case(_pk("post"), AUTHOR, post=AUTHOR)],
    "discussions:react": [
        Case(_pk("post"), POST_ONLY, post=(LOGIN, 403, 400, 400, 400, 403, 403)),
    ],
    "discussions:attachment": [
        # A hidden post's file: its moderators only (the file itself is kept
        # in the first test's media folder, so they reach "not found").
        Case(lambda w: [w.objects["hidden_post"].pk, w.objects["hidden_document"].pk], (403, 403, 403, 403, 404, 403, 404), state="hidden post"),
    ],
}
API: dict[str, list[Case]] = {
}
# fmt: on
