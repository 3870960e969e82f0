from django.urls import path

from . import views

app_name = "codesign"

urlpatterns = [
    path("", views.process_list, name="list"),
    path("new/", views.process_new, name="new"),
    path("<int:pk>/", views.process_detail, name="detail"),
    path("<int:pk>/edit/", views.process_edit, name="edit"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/next-phase/", views.phase_next, name="phase_next"),
    path("<int:pk>/insights/", views.insight_add, name="insight_add"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/challenges/", views.candidate_add, name="candidate_add"),
    path(
        "<int:pk>/challenges/<int:candidate>/vote/",
        views.candidate_vote,
        name="candidate_vote",
    ),
    path("<int:pk>/challenges/close/", views.vote_close, name="vote_close"),
    path("<int:pk>/ideas/", views.idea_add, name="idea_add"),
    path("<int:pk>/ideas/<int:idea>/", views.idea_detail, name="idea"),
    path("<int:pk>/ideas/<int:idea>/vote/", views.idea_vote, name="idea_vote"),
    path("<int:pk>/ideas/<int:idea>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/prototypes/", views.prototype_add, name="prototype_add"),
    path(
        "<int:pk>/prototypes/<int:prototype>/rounds/",
        views.round_add,
        name="round_add",
    ),
    path(
        "<int:pk>/prototypes/<int:prototype>/decide/",
        views.prototype_decide,
        name="prototype_decide",
    ),
    path(
        "<int:pk>/prototypes/<int:prototype>/practice/",
        views.practice_make,
        name="practice_make",
    ),
    path("<int:pk>/rounds/<int:round>/answers/", views.answer_add, name="answer_add"),
    path("<int:pk>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/moderate/<slug:kind>/<int:obj>/", views.moderate, name="moderate"),
]
