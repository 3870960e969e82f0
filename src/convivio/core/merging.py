"""Moving every reference from one record to another: what merging duplicates
(places, organisations) needs.  The references are found through ``_meta``, so
a model added later is moved too without being named here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges


def reverse_foreign_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    """Every foreign key pointing at ``model``, hidden ones included: the tables
    behind many-to-many fields and keys declared with ``related_name="+"``.

    A record's own translation rows (``core.translation``) are its text, not
    records pointing at it: the kind's merge decides what becomes of them."""
    relations: list[Any] = list(model._meta.get_fields(include_hidden=True))
    return [
        rel.field
        for rel in relations
        if rel.auto_created
        and not rel.concrete
        and (rel.one_to_many or rel.one_to_one)
        and getattr(rel.field.model, "RECORD_FIELD", None) != rel.field.name
    ]


def _is_history(model: type[models.Model]) -> bool:
    """A change-history row (core.history): a snapshot of a record, not a record
    pointing at this one.  It follows the merge, so the history still names a
    place that exists, but is neither counted nor shown as moved."""
    return issubclass(model, HistoricalChanges)


def _fields(model: type[models.Model], names: Iterable[str]) -> list[models.Field]:
    """The (concrete) fields of ``model`` named."""
    return [cast(models.Field, model._meta.get_field(name)) for name in names]


def _owner(field: models.ForeignKey) -> type[models.Model]:
    """The model a person knows: for a many-to-many table, the model that has
    the many-to-many field (practices, not "practice-territory relationships")."""
    model = field.model
    owner = model._meta.auto_created  # False, or the model of the M2M field
    return owner if isinstance(owner, type) else model


def _label(field: models.ForeignKey, record_model: type[models.Model]) -> str:
    """What the rows behind ``field`` are, as a person says it.  The table of a
    many-to-many field of the record's own model holds the record's own values
    (an organisation's languages), not other records pointing at it."""
    owner = _owner(field)
    if owner is record_model:
        for m2m in record_model._meta.many_to_many:
            if m2m.remote_field.through is field.model:
                return capfirst(str(m2m.verbose_name))
    return capfirst(str(owner._meta.verbose_name_plural))


def _unique_sets(field: models.ForeignKey) -> list[set[str]]:
    """The other fields that, together with ``field``, must be unique."""
    meta = field.model._meta
    sets = [set(fields) for fields in meta.unique_together]
    sets += [
        set(c.fields)
        for c in meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    found = [s - {field.name} for s in sets if field.name in s]
    if field.unique:
        found.append(set())
    return found


def _is_link_row(
    model: type[models.Model], others: set[str], *, roles: bool = False
) -> bool:
    """A row that only links records (a many-to-many row, a membership; with
    ``roles``, also one with a role): when the target has the same link
    already, the source's copy is redundant."""
    if model._meta.auto_created:
        return True
    fields = _fields(model, others)
    return bool(others) and all(f.is_relation or (roles and f.choices) for f in fields)


def reference_counts(record: models.Model) -> dict[str, int]:
    """How many records of each kind point at ``record`` (zero counts left out)."""
    # Every kind counted in one query (a subquery per kind), however many apps
    # point at the record: the merge preview's cost does not grow with them.
    fields = [f for f in reverse_foreign_keys(type(record)) if not _is_history(f.model)]
    subqueries = {
        f"n{i}": Coalesce(
            models.Subquery(
                field.model._base_manager.filter(
                    **{field.name: models.OuterRef(field.target_field.attname)}
                )
                .order_by()
                .values(field.name)
                .annotate(n=models.Count("*"))
                .values("n")
            ),
            0,
        )
        for i, field in enumerate(fields)
    }
    found = (
        type(record)._base_manager.filter(pk=record.pk).values(**subqueries).first()
        if subqueries
        else None
    ) or {}
    counts: dict[str, int] = {}
    for i, field in enumerate(fields):
        count = found.get(f"n{i}") or 0
        if count:
            label = _label(field, type(record))
            counts[label] = counts.get(label, 0) + count
    return counts


def move_references(
    source: models.Model, target: models.Model, *, roles_are_links: bool = False
) -> dict[str, int]:
    """Point every reference to ``source`` at ``target``; returns how many rows
    of each kind moved.  Run it inside a transaction: it raises ValidationError,
    having changed nothing it cannot undo, when a reference cannot move because
    the target already has a different record under the same unique key.  A
    link row the target has already is dropped (``roles_are_links``: also one
    that differs from a link only by a role, such as a membership)."""
    moved: dict[str, int] = {}
    for field in reverse_foreign_keys(type(source)):
        model = field.model
        rows = model._base_manager.filter(**{field.name: source})
        if _is_history(model):
            rows.update(**{field.name: target})
            continue
        # Links are dropped first: a key they share is then no clash.
        keys = sorted(
            _unique_sets(field),
            key=lambda others: not _is_link_row(model, others, roles=roles_are_links),
        )
        for others in keys:
            if not others:
                if (
                    rows.exists()
                    and model._base_manager.filter(**{field.name: target}).exists()
                ):
                    raise ValidationError(
                        _("Both have a record of “%(kind)s”; merge those first.")
                        % {"kind": model._meta.verbose_name}
                    )
                continue
            clashes = rows.filter(
                models.Exists(
                    model._base_manager.filter(
                        **{field.name: target},
                        **{name: models.OuterRef(name) for name in others},
                    )
                )
            )
            if not clashes.exists():
                continue
            if not _is_link_row(model, others, roles=roles_are_links):
                raise ValidationError(
                    _(
                        "Both have “%(kind)s” records with the same %(fields)s; "
                        "change or remove one of them first."
                    )
                    % {
                        "kind": model._meta.verbose_name_plural,
                        "fields": ", ".join(
                            str(field.verbose_name)
                            for field in _fields(model, sorted(others))
                        ),
                    }
                )
            clashes.delete()
        count = rows.update(**{field.name: target})
        if count:
            label = _label(field, type(source))
            moved[label] = moved.get(label, 0) + count
    return moved


def lock_pair[M: models.Model](source: M, target: M) -> tuple[M, M]:
    """``source`` and ``target`` read again and locked for the merge."""
    rows = cast(Any, type(source)).objects.select_for_update()
    return rows.get(pk=source.pk), rows.get(pk=target.pk)


def missing_values(
    source: models.Model, target: models.Model, fields: Iterable[str]
) -> dict[str, Any]:
    """The values of ``fields`` that ``source`` has and ``target`` lacks."""
    return {
        field: getattr(source, field)
        for field in fields
        if getattr(source, field) not in ("", None)
        and getattr(target, field) in ("", None)
    }


def merge_into[R: models.Model](
    source: models.Model,
    target: models.Model,
    *,
    record_model: type[R],
    actor: Any,
    roles_are_links: bool = False,
    **record: Any,
) -> R:
    """Move every reference from ``source`` to ``target``, record the merge
    (a ``MergeRecord``, ``record`` holding the kind's own fields; the name is
    ``str(source)``) and delete ``source``.  Run it in a transaction, both
    locked (``lock_pair``)."""
    moved = move_references(source, target, roles_are_links=roles_are_links)
    merge = record_model._default_manager.create(
        kept=target,
        removed_id=source.pk,
        removed_name=str(source),
        moved=moved,
        merged_by=actor,
        **record,
    )
    source.delete()
    return merge
