"""Surveys as a searchable kind (``search.registry``), registered from
``SurveysConfig.ready()``: a survey is found by its published results (closed,
results public), and a hit opens them.

The index rows come from the builder the services write with
(``services.survey_search_entries``); every function here reads a fixed number
of queries whatever the number of ids.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind, register
from convivio.search.selectors import ids_subquery

from . import permissions, selectors, services
from .models import QuestionTranslation, Survey, SurveyTranslation

SURVEY = services.SEARCH_KIND
#: Characters of an introduction a search result shows.
SUMMARY_CHARS = 300


def _surveys(ids: list[int]) -> QuerySet[Survey]:
    return Survey.objects.filter(pk__in=ids_subquery(ids))


def survey_documents(ids: list[int]) -> list[Document]:
    """The index rows of the surveys among ``ids`` whose results are public
    (four queries)."""
    surveys = (
        _surveys(ids)
        .filter(status=Survey.Status.CLOSED, results_public=True)
        .select_related("territory")
        .prefetch_related(*services.SEARCH_PREFETCH)
    )
    return [d for s in surveys for d in services.survey_search_entries(s)]


def survey_indexable_ids() -> list[int]:
    return list(
        selectors.surveys_results_public().order_by("pk").values_list("pk", flat=True)
    )


def survey_visible_ids(user, ids: list[int]) -> set[int]:
    """Of ``ids``, the surveys whose results ``user`` may read (one query; the
    person's teams are read once and kept on them)."""
    surveys = _surveys(ids).only(
        "pk", "status", "results_public", "created_by_id", "territory_id"
    )
    return {s.pk for s in surveys if permissions.can_view_results(user, s)}


def survey_hits(ids: list[int], language: str) -> dict[int, Hit]:
    """Title and introduction in ``language`` where the survey has them, and its
    place (two queries)."""
    surveys = _surveys(ids).select_related("territory").prefetch_related("translations")
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for s in surveys:
            row = s.translation_for(language)
            if row is None:
                continue
            hits[s.pk] = Hit(
                kind=SURVEY,
                object_id=s.pk,
                title=row.title,
                url=reverse("surveys:results", args=[s.pk]),
                summary=Truncator(row.introduction or "").chars(SUMMARY_CHARS),
                language=row.language_id,
                meta=(s.territory.label, str(s.created_at.year)),
            )
    return hits


def register_kinds() -> None:
    register(
        SearchKind(
            name=SURVEY,
            label=_("Surveys"),
            documents=survey_documents,
            indexable_ids=survey_indexable_ids,
            visible_ids=survey_visible_ids,
            hits=survey_hits,
            order=60,
        )
    )


# --------------------------------------------------------------- keeping it in step
# The translation screen and machine translation write rows through
# core.translation, which knows no app: a row of a survey whose results are
# public, or of one of its questions, indexes the survey again.


def _survey_deleted(kwargs) -> bool:
    """A row removed because its survey is being deleted (which takes the
    survey out of the index itself)."""
    origin = kwargs.get("origin")
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model is Survey


def text_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("signal") is post_delete and _survey_deleted(kwargs):
        return
    public = Survey.objects.filter(status=Survey.Status.CLOSED, results_public=True)
    if isinstance(instance, QuestionTranslation):
        public = public.filter(questions=instance.question_id)
    else:
        public = public.filter(pk=instance.survey_id)
    survey = public.only("pk").first()
    if survey is not None:
        services.survey_index(survey=survey)


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        for model in (SurveyTranslation, QuestionTranslation):
            signal.connect(
                text_changed, sender=model, dispatch_uid=f"{model.__name__}-search"
            )
