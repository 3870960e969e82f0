"""Machine translation of records: the budget, the request (permission checked
here) and the background work that sends only what needs a translation.

A field is sent when the original has text for it and the language has none
(missing), or when its text was made by a machine from an older original
(outdated).  A person's translation is never sent nor overwritten, even when
the original changed since: the translation screen shows that person what
changed.  Output is saved through ``core.translation.save_translation`` with
origin "machine" and the service's name, so pages label it.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import translation
from .machine_translation import (
    MachineTranslationError,
    MachineTranslator,
    get_translator,
    unsupported,
)
from .models import MachineTranslationBudget, MachineTranslationJob, Territory

logger = logging.getLogger(__name__)


class BudgetExceeded(MachineTranslationError):
    """The organisation's or territory's characters for this month are spent."""


# -- the budget ---------------------------------------------------------------------


def _this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def _related_ids(record: Any, single: str, many: str) -> list[int]:
    """Ids of the record's organisation(s) or territory(ies): a foreign key
    (``organisation``) or a many-to-many field (``organisations``)."""
    value = getattr(record, f"{single}_id", None)
    if value:
        return [value]
    manager = getattr(record, many, None) if hasattr(type(record), many) else None
    if manager is not None and hasattr(manager, "values_list"):
        return list(manager.order_by("pk").values_list("pk", flat=True))
    return []


def budget_for(record: Any) -> MachineTranslationBudget | None:
    """The budget that pays for ``record``: its organisation's (the first of its
    organisations that has one), else the nearest territory's (the record's own,
    its organisations' places, then the places above them); None means no
    limit."""
    from .models import Organisation

    organisation_ids = _related_ids(record, "organisation", "organisations")
    budgets = {
        budget.organisation_id: budget
        for budget in MachineTranslationBudget.objects.filter(
            organisation_id__in=organisation_ids
        )
    }
    for organisation_id in organisation_ids:
        if organisation_id in budgets:
            return budgets[organisation_id]
    territory_ids = _related_ids(record, "territory", "territories")
    territory_ids += [
        pk
        for pk in Organisation.objects.filter(pk__in=organisation_ids).values_list(
            "territory_id", flat=True
        )
        if pk
    ]
    seen: set[int] = set()
    while territory_ids:
        fresh = [pk for pk in territory_ids if pk not in seen]
        seen.update(fresh)
        budgets = {
            budget.territory_id: budget
            for budget in MachineTranslationBudget.objects.filter(
                territory_id__in=fresh
            )
        }
        for territory_id in fresh:
            if territory_id in budgets:
                return budgets[territory_id]
        territory_ids = [
            pk
            for pk in Territory.objects.filter(pk__in=fresh).values_list(
                "parent_id", flat=True
            )
            if pk
        ]
    return None


def _over_budget(budget: MachineTranslationBudget, needed: int) -> BudgetExceeded:
    return BudgetExceeded(
        ngettext(
            "This needs %(needed)s character of machine translation, but %(owner)s "
            "has only %(left)s left of its %(limit)s this month. Nothing was sent; "
            "translate the rest yourself or wait for next month.",
            "This needs %(needed)s characters of machine translation, but %(owner)s "
            "has only %(left)s left of its %(limit)s this month. Nothing was sent; "
            "translate the rest yourself or wait for next month.",
            needed,
        )
        % {
            "needed": needed,
            "owner": budget,
            "left": max(budget.characters_per_month - budget.used, 0),
            "limit": budget.characters_per_month,
        }
    )


def budget_left(budget: MachineTranslationBudget) -> int:
    if budget.month != _this_month():
        return budget.characters_per_month
    return max(budget.characters_per_month - budget.used, 0)


@transaction.atomic
def charge(budget: MachineTranslationBudget | None, characters: int) -> None:
    """Count ``characters`` against the budget before they are sent; raises
    ``BudgetExceeded`` (and counts nothing) when they do not fit."""
    if budget is None or characters <= 0:
        return
    locked = MachineTranslationBudget.objects.select_for_update().get(pk=budget.pk)
    month = _this_month()
    if locked.month != month:
        locked.month, locked.used = month, 0
    if locked.used + characters > locked.characters_per_month:
        raise _over_budget(locked, characters)
    locked.used += characters
    locked.save(update_fields=["month", "used"])
    budget.month, budget.used = locked.month, locked.used


@transaction.atomic
def refund(budget: MachineTranslationBudget | None, characters: int) -> None:
    """Give back characters that were counted but not translated."""
    if budget is None or characters <= 0:
        return
    locked = MachineTranslationBudget.objects.select_for_update().get(pk=budget.pk)
    if locked.month == _this_month():
        locked.used = max(locked.used - characters, 0)
        locked.save(update_fields=["used"])
        budget.used = locked.used


# -- what to send -------------------------------------------------------------------


def _sendable(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def fields_to_send(record: Any, language: str) -> dict[str, Any]:
    """{field: original text} of ``record`` that a machine should translate into
    ``language``: missing, or machine-made from an older original."""
    rows = {row.language_id: row for row in translation._rows(record)}
    original = rows.get(record.original_language_id)
    if original is None or language == record.original_language_id:
        return {}
    row = rows.get(language)
    wanted = {}
    for name in original.TRANSLATED_FIELDS:
        source = getattr(original, name)
        if translation.is_empty(source) or not _sendable(source):
            continue
        if row is not None:
            status = row.field_status(name, original)
            if status == translation.Status.OUTDATED:
                if row.field_meta(name).get("origin") != translation.Origin.MACHINE:
                    continue  # a person's wording: they update it themselves
            elif status != translation.Status.MISSING:
                continue
        wanted[name] = source
    return wanted


def _texts(values: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for value in values.values():
        texts.extend(value if isinstance(value, list) else [value])
    return texts


def _characters(values: dict[str, Any]) -> int:
    return sum(len(text) for text in _texts(values))


def _keep_names(record: Any) -> list[str]:
    """Names a translator must leave as written: the record's organisations and
    places."""
    from .models import Organisation

    organisations = Organisation.objects.filter(
        pk__in=_related_ids(record, "organisation", "organisations")
    ).values_list("name", flat=True)
    territories = Territory.objects.filter(
        pk__in=_related_ids(record, "territory", "territories")
    ).values_list("name", flat=True)
    return [name for name in [*organisations, *territories] if name]


def _records(kind: translation.TranslatableKind, record: Any) -> list[Any]:
    records = [record]
    if kind.parts is not None:
        records.extend(kind.parts(record))
    return records


# -- asking for a machine translation ------------------------------------------------


def request_machine_translation(
    user: Any, kind_key: str, record_id: int, language: str
) -> MachineTranslationJob:
    """Queue the machine translation of a record (with its parts) into
    ``language``; only people who may translate the record may ask."""
    from .tasks import machine_translate

    kind = translation.kind_for(kind_key)
    record = kind.record_model.objects.filter(pk=record_id).first()
    if record is None or not kind.can_translate(user, record):
        raise PermissionDenied
    translator = get_translator()
    if translator is None:
        raise MachineTranslationError(
            _("Machine translation is not set up on this site: people translate.")
        )
    if language == record.original_language_id:
        raise MachineTranslationError(
            _("This is already the language the text was written in.")
        )
    if not translator.supports(record.original_language_id, language):
        raise unsupported(translator.label, record.original_language_id, language)
    # Asking twice while the machine works would send (and pay for) it twice.
    _fail_stale_jobs()
    waiting = MachineTranslationJob.objects.filter(
        kind=kind.key,
        record_id=record.pk,
        language_id=language,
        status__in=[
            MachineTranslationJob.Status.QUEUED,
            MachineTranslationJob.Status.RUNNING,
        ],
    ).first()
    if waiting is not None:
        return waiting
    job = MachineTranslationJob.objects.create(
        kind=kind.key,
        record_id=record.pk,
        language_id=language,
        requested_by=user if user.is_authenticated else None,
        budget=budget_for(record),
        engine=translator.name,
    )
    transaction.on_commit(lambda: machine_translate.enqueue(job.pk))
    return job


#: A job still waiting or running after this long lost its worker (a restart).
STALE_AFTER = datetime.timedelta(hours=2)


def _fail_stale_jobs() -> None:
    MachineTranslationJob.objects.filter(
        status__in=[
            MachineTranslationJob.Status.QUEUED,
            MachineTranslationJob.Status.RUNNING,
        ],
        created_at__lt=timezone.now() - STALE_AFTER,
    ).update(
        status=MachineTranslationJob.Status.FAILED,
        finished_at=timezone.now(),
        message=_(
            "This machine translation stopped without finishing (the server "
            "restarted). What was translated is kept; ask again for the rest."
        ),
    )


def job_progress(job: MachineTranslationJob) -> dict[str, Any]:
    """What the status endpoint answers."""
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "fields_total": job.fields_total,
        "fields_done": job.fields_done,
        "characters": job.characters,
        "message": job.message,
        "finished": job.finished,
    }


def latest_job(
    kind_key: str, record_id: int, language: str
) -> MachineTranslationJob | None:
    """The last machine translation asked for this record and language, for the
    translation screen (shown to whoever may translate the record)."""
    return (
        MachineTranslationJob.objects.filter(
            kind=kind_key, record_id=record_id, language_id=language
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def can_see_job(user: Any, job: MachineTranslationJob) -> bool:
    return user.is_authenticated and (user.is_staff or job.requested_by_id == user.pk)


# -- the background work -------------------------------------------------------------


def _finish(job_id: int, status: str, message: str) -> None:
    MachineTranslationJob.objects.filter(pk=job_id).update(
        status=status, message=message, finished_at=timezone.now()
    )


def run_job(job_id: int) -> None:
    """Translate a queued job's record and parts; never raises."""
    with transaction.atomic():
        job = (
            MachineTranslationJob.objects.select_for_update()
            .filter(pk=job_id, status=MachineTranslationJob.Status.QUEUED)
            .first()
        )
        if job is None:
            return
        job.status = MachineTranslationJob.Status.RUNNING
        job.save(update_fields=["status"])
    try:
        translated = _work(job)
    except MachineTranslationError as error:
        logger.warning("Machine translation job %s failed: %s", job.pk, error.message)
        _finish(job.pk, MachineTranslationJob.Status.FAILED, error.message)
    except Exception:
        logger.exception("Machine translation job %s failed", job.pk)
        _finish(
            job.pk,
            MachineTranslationJob.Status.FAILED,
            _(
                "Something went wrong during the machine translation. What was "
                "already translated is kept; the error was recorded for the "
                "administrators."
            ),
        )
    else:
        _finish(
            job.pk,
            MachineTranslationJob.Status.DONE,
            ngettext(
                "%(count)s field translated by machine; it reads as a machine "
                "translation until a person reviews it.",
                "%(count)s fields translated by machine; they read as a machine "
                "translation until a person reviews them.",
                translated,
            )
            % {"count": translated}
            if translated
            else _("Nothing needed translating: every field is translated already."),
        )


def _work(job: MachineTranslationJob) -> int:
    translator: MachineTranslator | None = get_translator()
    if translator is None:
        raise MachineTranslationError(
            _("Machine translation is not set up on this site: people translate.")
        )
    kind = translation.kind_for(job.kind)
    record = kind.record_model.objects.filter(pk=job.record_id).first()
    if record is None:
        raise MachineTranslationError(_("The record to translate no longer exists."))
    language = job.language_id
    plan = []
    for item in _records(kind, record):
        values = fields_to_send(item, language)
        if values:
            plan.append((item, values))
    job.fields_total = sum(len(values) for _item, values in plan)
    job.save(update_fields=["fields_total"])
    needed = sum(_characters(values) for _item, values in plan)
    budget = job.budget
    if budget is not None and needed > budget_left(budget):
        raise _over_budget(budget, needed)
    keep = _keep_names(record)
    done = 0
    for source, chunk in _chunks(plan):
        if not translator.supports(source, language):
            raise unsupported(translator.label, source, language)
        texts = [text for _item, values in chunk for text in _texts(values)]
        characters = sum(len(text) for text in texts)
        charge(budget, characters)
        try:
            answers = iter(translator.translate(texts, source, language, keep=keep))
        except MachineTranslationError:
            refund(budget, characters)
            raise
        for item, values in chunk:
            result = {
                name: [next(answers) for _item in value]
                if isinstance(value, list)
                else next(answers)
                for name, value in values.items()
            }
            row = translation.save_translation(
                item,
                language,
                result,
                user=job.requested_by,
                origin=translation.Origin.MACHINE,
            )
            _label_engine(row, result, translator.label)
            done += len(values)
        job.fields_done = done
        job.characters += characters
        job.save(update_fields=["fields_done", "characters"])
    return done


#: Records translated in one call to the service (one Apertium process, one
#: HTTP request or a few): progress is saved after each chunk.
CHUNK_TEXTS = 50
CHUNK_CHARACTERS = 20_000


def _chunks(plan: list[tuple[Any, dict[str, Any]]]):
    """(source language, [(record, values)…]) in order, each chunk of one source
    language and about CHUNK_TEXTS texts or CHUNK_CHARACTERS characters."""
    chunk: list[tuple[Any, dict[str, Any]]] = []
    source = None
    texts = characters = 0
    for item, values in plan:
        size = _characters(values)
        count = len(_texts(values))
        if chunk and (
            item.original_language_id != source
            or texts + count > CHUNK_TEXTS
            or characters + size > CHUNK_CHARACTERS
        ):
            yield source, chunk
            chunk, texts, characters = [], 0, 0
        source = item.original_language_id
        chunk.append((item, values))
        texts += count
        characters += size
    if chunk:
        yield source, chunk


def _label_engine(row: Any, values: dict[str, Any], label: str) -> None:
    """Which service made each machine field, for the label pages show."""
    origins = dict(row.origins or {})
    for name in values:
        meta = origins.get(name)
        if meta and meta.get("origin") == translation.Origin.MACHINE:
            origins[name] = {**meta, "engine": label}
    row.origins = origins
    type(row).objects.filter(pk=row.pk).update(origins=origins)
