"""Writes: creation, editing, moderation, evaluation and their permissions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from convivio.core.translation import Status, row_status
from convivio.practices import services
from convivio.practices.models import (
    Collection,
    Practice,
    PracticeEvaluation,
    PracticeEvent,
    PracticeLink,
    PracticeTranslation,
)
from tests.factories import make_practice, practice_data

pytestmark = pytest.mark.django_db

SCORES = {
    "relevance": 5,
    "effectiveness": 4,
    "sustainability": 3,
    "transferability": 4,
    "participation": 2,
    "gender_perspective": 3,
}


def _draft(author, organisation, **overrides):
    return services.practice_create(
        user=author,
        data=practice_data(
            organisations=[(organisation.id, "implementing")], **overrides
        ),
    )


# --- Creating and editing ----------


def test_create_saves_a_draft_with_its_original_text_and_relations(user, organisation):
    practice = services.practice_create(
        user=user,
        data=practice_data(
            themes=["entrepreneurship", "employment"],
            target_groups=["migrant-women"],
            organisations=[(organisation.id, "implementing")],
            links=[("https://example.org/mentoring", "Project site")],
            aims=["Start fifty businesses"],
            phases=[{"title": "Matching", "text": "Mentors meet mentees."}],
            beneficiaries_count=120,
        ),
    )
    practice.refresh_from_db()
    assert practice.status == Practice.Status.DRAFT
    assert practice.created_by == user
    assert practice.country.iso_code == "ES"
    assert practice.original_language_id == "en"
    assert practice.sort_title == "mentoring migrant entrepreneurs"
    assert practice.beneficiaries_count == 120
    assert {t.slug for t in practice.themes.all()} == {"entrepreneurship", "employment"}
    assert [g.slug for g in practice.target_groups.all()] == ["migrant-women"]
    assert [(r.organisation, r.role) for r in practice.organisation_roles.all()] == [
        (organisation, "implementing")
    ]
    assert [(x.url, x.title) for x in practice.links.all()] == [
        ("https://example.org/mentoring", "Project site")
    ]
    translation = practice.translations.get()
    assert translation.language_id == "en"
    assert row_status(practice, "en") == Status.ORIGINAL
    assert translation.origins["title"]["origin"] == "original"
    assert translation.title == "Mentoring migrant entrepreneurs"
    assert translation.aims == ["Start fifty businesses"]
    event = practice.events.get()
    assert (event.action, event.actor, event.to_status) == ("created", user, "draft")


def test_update_changes_text_and_relations_and_records_an_edit(author, organisation):
    practice = _draft(author, organisation)
    services.practice_update(
        user=author,
        practice=practice,
        data=practice_data(title="Mentoring for new businesses", themes=["employment"]),
    )
    practice.refresh_from_db()
    assert practice.translations.get().title == "Mentoring for new businesses"
    assert practice.sort_title == "mentoring for new businesses"
    assert [t.slug for t in practice.themes.all()] == ["employment"]
    assert practice.organisation_roles.count() == 0
    assert practice.events.first().action == PracticeEvent.Action.EDITED
    assert practice.events.first().actor == author


def test_text_in_another_language_is_added_beside_the_original(author, organisation):
    practice = _draft(author, organisation)
    services.practice_update(
        user=author,
        practice=practice,
        data=practice_data(language="it", title="Tutoraggio per imprenditori"),
    )
    rows = {t.language_id: t for t in practice.translations.all()}
    assert set(rows) == {"en", "it"}
    assert row_status(practice, "en") == Status.ORIGINAL
    assert row_status(practice, "it") == Status.REVIEWED
    assert rows["it"].field_meta("title")["reviewed_by"] == author.pk
    practice.refresh_from_db()
    assert practice.original_language_id == "en"

    # A minor fix of the original (a typo) leaves the translation current.
    services.practice_update(
        user=author,
        practice=practice,
        data=practice_data(title="Mentoring  migrant entrepreneurs.", minor=True),
    )
    assert row_status(Practice.objects.get(pk=practice.pk), "it") == Status.REVIEWED

    # Editing the original marks the other languages as out of date.
    services.practice_update(
        user=author, practice=practice, data=practice_data(title="Mentoring, revised")
    )
    assert row_status(Practice.objects.get(pk=practice.pk), "it") == Status.OUTDATED
    it = PracticeTranslation.objects.get(practice=practice, language_id="it")
    assert it.field_status("title", practice.original_translation()) == "outdated"


# --- Nothing half-saved ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"themes": ["nope"]}, "themes", "Unknown theme."),
        ({"target_groups": ["martians"]}, "target_groups", "Unknown target group."),
        ({"country": "XX"}, "country", "Unknown country."),
        ({"organisations": [(999_999, "implementing")]}, "organisations", "Unknown"),
        ({"title": "x" * 301}, "title", "at most 300 characters"),
        ({"start_year": 2020, "end_year": 2010}, None, "end year cannot be before"),
        ({"start_year": 1800}, "start_year", "greater than or equal to 1945"),
        ({"links": [("javascript:alert(1)", "x")]}, "url", "Enter a valid URL."),
    ],
)
def test_invalid_create_raises_and_saves_nothing(user, overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        services.practice_create(user=user, data=practice_data(**overrides))
    error = caught.value
    if field:
        assert field in error.message_dict
    assert message in " ".join(error.messages)
    assert Practice.objects.count() == 0
    assert PracticeTranslation.objects.count() == 0
    assert PracticeLink.objects.count() == 0
    assert PracticeEvent.objects.count() == 0


def test_invalid_update_leaves_the_practice_as_it_was(author, organisation):
    practice = _draft(author, organisation)
    with pytest.raises(ValidationError, match="Unknown theme"):
        services.practice_update(
            user=author,
            practice=practice,
            data=practice_data(title="Changed title", themes=["employment", "nope"]),
        )
    practice.refresh_from_db()
    assert practice.translations.get().title == "Mentoring migrant entrepreneurs"
    assert [t.slug for t in practice.themes.all()] == ["entrepreneurship"]
    assert practice.organisation_roles.count() == 1
    assert practice.events.count() == 1


# --- Moderation workflow ----------


def test_whole_workflow_records_who_did_what_and_when(author, organisation, moderator):
    before = timezone.now()
    practice = _draft(author, organisation)
    practice = services.practice_transition(
        user=author, practice=practice, action="submitted"
    )
    assert practice.status == Practice.Status.IN_REVIEW
    practice = services.practice_transition(
        user=moderator, practice=practice, action="returned", comment="Add results."
    )
    assert practice.status == Practice.Status.DRAFT
    practice = services.practice_transition(
        user=author, practice=practice, action="submitted"
    )
    practice = services.practice_transition(
        user=moderator, practice=practice, action="published"
    )
    assert practice.status == Practice.Status.PUBLISHED
    assert practice.published_at is not None
    first_published = practice.published_at
    practice = services.practice_transition(
        user=moderator, practice=practice, action="archived", comment="Ended."
    )
    assert practice.status == Practice.Status.ARCHIVED
    assert practice.published_at == first_published

    events = list(practice.events.order_by("created_at", "id"))
    assert [(e.action, e.actor, e.from_status, e.to_status) for e in events] == [
        ("created", author, "", "draft"),
        ("submitted", author, "draft", "in_review"),
        ("returned", moderator, "in_review", "draft"),
        ("submitted", author, "draft", "in_review"),
        ("published", moderator, "in_review", "published"),
        ("archived", moderator, "published", "archived"),
    ]
    assert events[2].comment == "Add results."
    assert all(before <= e.created_at <= timezone.now() for e in events)


def test_moderator_may_publish_a_draft_directly_and_return_a_published_one(
    author, organisation, moderator
):
    practice = _draft(author, organisation)
    practice = services.practice_transition(
        user=moderator, practice=practice, action="published"
    )
    assert practice.status == Practice.Status.PUBLISHED
    practice = services.practice_transition(
        user=moderator,
        practice=practice,
        action="returned",
        comment="Outdated figures.",
    )
    assert practice.status == Practice.Status.DRAFT


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        ("draft", "archived", "Only a published practice can be archived."),
        ("draft", "returned", "in review or published can be returned to draft."),
        ("in_review", "submitted", "Only a draft practice can be submitted"),
        ("in_review", "archived", "Only a published practice can be archived."),
        ("published", "submitted", "Only a draft practice can be submitted"),
        ("published", "published", "or one in review can be published."),
        ("archived", "published", "or one in review can be published."),
        ("archived", "returned", "in review or published can be returned to draft."),
        ("archived", "archived", "Only a published practice can be archived."),
    ],
)
def test_illegal_transition_is_refused_with_a_clear_message(
    moderator, status, action, message
):
    practice = make_practice(status=status)
    events = practice.events.count()
    with pytest.raises(ValidationError) as caught:
        services.practice_transition(
            user=moderator, practice=practice, action=action, comment="why"
        )
    assert message in caught.value.messages[0]
    practice.refresh_from_db()
    assert practice.status == status
    assert practice.events.count() == events


def test_unknown_action_is_refused(moderator):
    practice = make_practice(status="draft")
    with pytest.raises(ValidationError, match="Unknown action"):
        services.practice_transition(user=moderator, practice=practice, action="burn")


def test_returning_to_draft_needs_a_comment_for_the_authors(moderator):
    practice = make_practice(status="in_review")
    with pytest.raises(ValidationError) as caught:
        services.practice_transition(
            user=moderator, practice=practice, action="returned", comment="  "
        )
    assert caught.value.message_dict == {"comment": ["Say what needs to change."]}
    practice.refresh_from_db()
    assert practice.status == Practice.Status.IN_REVIEW


def test_author_cannot_edit_an_archived_practice_but_a_moderator_can(
    author, organisation, moderator
):
    practice = _draft(author, organisation)
    services.practice_transition(user=moderator, practice=practice, action="published")
    services.practice_transition(user=moderator, practice=practice, action="archived")
    with pytest.raises(PermissionDenied):
        services.practice_update(user=author, practice=practice, data=practice_data())
    services.practice_update(
        user=moderator,
        practice=practice,
        data=practice_data(title="Kept for the record"),
    )
    assert practice.translations.get().title == "Kept for the record"


# --- Evaluations and collections ----------


def test_evaluation_saves_scores_and_replaces_the_reviewers_earlier_one(moderator):
    practice = make_practice()
    services.practice_evaluate(
        user=moderator, practice=practice, scores=SCORES, comment="Solid."
    )
    evaluation = services.practice_evaluate(
        user=moderator, practice=practice, scores={**SCORES, "relevance": 1}
    )
    assert PracticeEvaluation.objects.filter(practice=practice).count() == 1
    evaluation.refresh_from_db()
    assert evaluation.relevance == 1
    assert evaluation.average == pytest.approx((1 + 4 + 3 + 4 + 2 + 3) / 6)
    assert practice.events.filter(action="evaluated", actor=moderator).count() == 2


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"relevance": 5}, "Give a score for each of the six criteria."),
        ({**SCORES, "beauty": 5}, "Give a score for each of the six criteria."),
        ({**SCORES, "relevance": 6}, "less than or equal to 5"),
        ({**SCORES, "relevance": 0}, "greater than or equal to 1"),
    ],
)
def test_invalid_evaluation_is_refused(moderator, scores, message):
    practice = make_practice()
    with pytest.raises(ValidationError) as caught:
        services.practice_evaluate(user=moderator, practice=practice, scores=scores)
    assert message in " ".join(caught.value.messages)
    assert PracticeEvaluation.objects.count() == 0


def test_drafts_are_not_evaluated(moderator):
    practice = make_practice(status="draft")
    with pytest.raises(ValidationError, match="in review or published"):
        services.practice_evaluate(user=moderator, practice=practice, scores=SCORES)


def test_collection_keeps_practices_in_the_given_order(moderator):
    first, second = make_practice(title="First"), make_practice(title="Second")
    collection = services.collection_create(
        user=moderator,
        title="Housing booklet",
        language="en",
        recommendations=["Start small"],
        practices=[second, first],
    )
    assert [i.practice for i in collection.items.all()] == [second, first]
    text = collection.original_translation()
    assert (text.language_id, text.title) == ("en", "Housing booklet")
    assert text.recommendations == ["Start small"]
    assert row_status(collection, "en") == Status.ORIGINAL
    assert row_status(collection, "es") == Status.MISSING


# --- Permission matrix ----------

ROLES = ["anonymous", "no user", "stranger", "author", "editor", "moderator"]


@pytest.fixture
def actor(request, author, editor, stranger, moderator):
    return {
        "anonymous": AnonymousUser(),
        "no user": None,
        "stranger": stranger,
        "author": author,
        "editor": editor,
        "moderator": moderator,
    }[request.param]


def _create(actor, practice):
    services.practice_create(user=actor, data=practice_data(title="New one"))


def _update(actor, practice):
    services.practice_update(
        user=actor, practice=practice, data=practice_data(title="Changed")
    )


def _transition(action):
    def write(actor, practice):
        services.practice_transition(
            user=actor, practice=practice, action=action, comment="Because."
        )

    return write


def _evaluate(actor, practice):
    services.practice_evaluate(user=actor, practice=practice, scores=SCORES)


def _delete(actor, practice):
    services.practice_delete(user=actor, practice=practice)


def _collect(actor, practice):
    services.collection_create(
        user=actor, title="Set", language="en", practices=[practice]
    )


#: write → (status the practice is in first, the write, roles allowed to do it)
WRITES = {
    "create": ("draft", _create, {"stranger", "author", "editor", "moderator"}),
    "update": ("draft", _update, {"author", "editor", "moderator"}),
    "submit": ("draft", _transition("submitted"), {"author", "editor", "moderator"}),
    "publish": ("in_review", _transition("published"), {"moderator"}),
    "return": ("in_review", _transition("returned"), {"moderator"}),
    "archive": ("published", _transition("archived"), {"moderator"}),
    "evaluate": ("published", _evaluate, {"moderator"}),
    "delete": ("draft", _delete, {"moderator"}),
    "collect": ("published", _collect, {"moderator"}),
}


def _state():
    return (
        list(Practice.objects.order_by("id").values_list("status", flat=True)),
        sorted(PracticeTranslation.objects.values_list("title", flat=True)),
        PracticeEvent.objects.count(),
        PracticeEvaluation.objects.count(),
        Collection.objects.count(),
    )


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_permission_matrix(request, actor, write, author, organisation):
    """Each role × write: allowed ones succeed, the others raise PermissionDenied
    and change nothing."""
    role = request.node.callspec.params["actor"]
    status, do, allowed = WRITES[write]
    practice = _draft(author, organisation)
    Practice.objects.filter(pk=practice.pk).update(status=status)
    before = _state()
    if role in allowed:
        do(actor, practice)
        assert _state() != before
        return
    with pytest.raises(PermissionDenied) as caught:
        do(actor, practice)
    assert str(caught.value)  # a sentence the page can show
    assert _state() == before
