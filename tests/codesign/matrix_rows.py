# ruff: noqa: E501 (the tables keep one case a line)
"""The codesign rows of the exchange apps' permission matrix
(tests/community/test_permission_matrix.py: roles, helpers and how to read it).

A process of the public forum and one of the members-only group, both convened
by the coordinator (their facilitator): members take part, observers read,
moderators moderate, everybody else reads the public one only."""

from __future__ import annotations

from convivio.codesign import services
from convivio.codesign.models import Candidate, Idea, Insight, Prototype, Round
from tests.test_permission_matrix import LOGIN, Case, World

__all__ = ["Case"]

SKIP = "skip"


def build(w: World) -> None:
    """Add the records this app's routes are asked about to ``w.objects``."""
    coordinator = w.people["coordinator"]
    member = w.people["member"]
    for name, network in (("cd", w.objects["forum"]), ("cdx", w.objects["closed"])):
        process = services.process_create(
            coordinator, network=network, title="Cuidar de quem cuida", language="pt"
        )
        idea = Idea.objects.create(
            process=process, author=member, title="Creche", text="…", language_id="pt"
        )
        prototype = Prototype.objects.create(
            process=process,
            idea=idea,
            title="Creche nas reuniões",
            description="…",
            language_id="pt",
            created_by=coordinator,
        )
        w.objects.update(
            {
                name: process,
                f"{name}_idea": idea,
                f"{name}_candidate": Candidate.objects.create(
                    process=process,
                    author=member,
                    text="Como podemos?",
                    language_id="pt",
                ),
                f"{name}_insight": Insight.objects.create(
                    process=process, author=member, text="…", language_id="pt"
                ),
                f"{name}_prototype": prototype,
                f"{name}_round": Round.objects.create(
                    prototype=prototype, question="Funciona?", language_id="pt"
                ),
            }
        )


EVERYONE = (200,) * 7
NETWORK_READERS = (LOGIN, 403, 200, 200, 200, 403, 200)
FACILITATORS = (LOGIN, 403, 403, 403, 200, 403, 403)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)
#: Refused writes; the allowed ones are the app's own tests'.
FACILITATOR_WRITES = (LOGIN, 403, 403, 403, SKIP, 403, 403)
PARTICIPANT_WRITES = (LOGIN, 403, 403, SKIP, SKIP, 403, 403)
MODERATOR_WRITES = (LOGIN, 403, 403, 403, SKIP, 403, SKIP)


def _p(name: str, *extra: str):
    return lambda w: [w.objects[name].pk, *(w.objects[f"{name}_{e}"].pk for e in extra)]


def _both(get_public, get_closed, post=None, *extra: str) -> list[Case]:
    return [
        Case(_p("cd", *extra), get_public, post, state="public network"),
        Case(_p("cdx", *extra), get_closed, post, state="members-only network"),
    ]


def _writes(post, *extra: str) -> list[Case]:
    return _both(POST_ONLY, POST_ONLY, post, *extra)


# Each route: its cases, what each role gets in the order of ROLES:
#   visitor, signed_in, observer, member, coordinator, other, moderator
# fmt: off
PAGES: dict[str, list[Case]] = {
    "codesign:list": [Case(lambda w: [], EVERYONE)],
    "codesign:new": [Case(lambda w: [], FACILITATORS, FACILITATOR_WRITES)],
    "codesign:detail": _both(EVERYONE, NETWORK_READERS),
    "codesign:idea": _both(EVERYONE, NETWORK_READERS, None, "idea"),
    "codesign:edit": _both(FACILITATORS, FACILITATORS, FACILITATOR_WRITES),
    "codesign:participants": _both(FACILITATORS, FACILITATORS, FACILITATOR_WRITES),
    "codesign:meeting_add": _both(FACILITATORS, FACILITATORS, FACILITATOR_WRITES),
    "codesign:phase_next": _writes(FACILITATOR_WRITES),
    "codesign:vote_close": _writes(FACILITATOR_WRITES),
    "codesign:prototype_add": _writes(FACILITATOR_WRITES),
    "codesign:round_add": _writes(FACILITATOR_WRITES, "prototype"),
    "codesign:prototype_decide": _writes(FACILITATOR_WRITES, "prototype"),
    "codesign:practice_make": _writes(FACILITATOR_WRITES, "prototype"),
    "codesign:insight_add": _writes(PARTICIPANT_WRITES),
    "codesign:evidence_add": _writes(PARTICIPANT_WRITES),
    "codesign:candidate_add": _writes(PARTICIPANT_WRITES),
    "codesign:candidate_vote": _writes(PARTICIPANT_WRITES, "candidate"),
    "codesign:idea_add": _writes(PARTICIPANT_WRITES),
    "codesign:idea_vote": _writes(PARTICIPANT_WRITES, "idea"),
    "codesign:comment_add": _writes(PARTICIPANT_WRITES, "idea"),
    "codesign:answer_add": _writes(PARTICIPANT_WRITES, "round"),
    "codesign:moderate": [
        Case(lambda w: [w.cd.pk, "insight", w.cd_insight.pk], POST_ONLY, MODERATOR_WRITES, state="public network"),
        Case(lambda w: [w.cdx.pk, "insight", w.cdx_insight.pk], POST_ONLY, MODERATOR_WRITES, state="members-only network"),
    ],
}
API: dict[str, list[Case]] = {
}
# fmt: on
