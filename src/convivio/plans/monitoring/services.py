"""Writes for monitoring: observations, their validation, and locked periods.

Every write checks the actor's role (plans/permissions.py), runs in one
transaction, raises the plan's data version, and keeps an
``ObservationRevision`` with the whole state after the change.  A refusal is a
``PermissionDenied`` or a ``ValidationError`` whose messages say what to do;
nothing is saved then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from convivio.core.models import Organisation

from .. import permissions
from ..cells import cell_key
from ..models import (
    Indicator,
    Observation,
    ObservationRevision,
    ObservationValue,
    PeriodLock,
    Plan,
)
from ..periods import Period, PeriodError, parse_period
from ..versioning import plan_touch
from .selectors import (
    Axis,
    axes_for_indicators,
    cell_label,
    indicator_cells,
    number_text,
    period_lock_for,
)

#: Units whose values count people: never negative, always whole.
PEOPLE_UNITS = {
    "people",
    "persons",
    "person",
    "participants",
    "beneficiaries",
    "users",
    "learners",
    "pessoas",
    "personas",
    "persone",
    "personnes",
}

#: The largest number a value may hold (16 digits, four of them decimals).
MAX_VALUE = Decimal(10) ** 12

FREQUENCY_EXAMPLES: dict[str, str] = {
    Indicator.Frequency.YEARLY: "2025",
    Indicator.Frequency.QUARTERLY: "2025-Q2",
    Indicator.Frequency.MONTHLY: "2025-03",
}

#: A period of the wrong frequency: one whole sentence per frequency, as its
#: word takes a different form in each language.
WRONG_FREQUENCY: dict[str, Promise] = {
    Indicator.Frequency.YEARLY: gettext_lazy(
        "This indicator is reported every year: write a period such as "
        "%(example)s, not %(period)s."
    ),
    Indicator.Frequency.QUARTERLY: gettext_lazy(
        "This indicator is reported every quarter: write a period such as "
        "%(example)s, not %(period)s."
    ),
    Indicator.Frequency.MONTHLY: gettext_lazy(
        "This indicator is reported every month: write a period such as "
        "%(example)s, not %(period)s."
    ),
}


def plan_period_required(plan: Plan) -> None:
    """Reporting periods are the plan's years: none until its period is given."""
    if not plan.has_period:
        raise ValidationError(
            {
                "period": _(
                    "This plan does not state its period: its team gives its first "
                    "and last year before values are reported."
                )
            }
        )


def counts_people(indicator: Indicator) -> bool:
    return indicator.unit.strip().lower() in PEOPLE_UNITS


@dataclass
class PlanContext:
    """What the checks read about a plan, loaded once (an import checks many rows)."""

    plan: Plan
    axes: dict[int, list[Axis]]
    locks: list[PeriodLock]


def plan_context(plan: Plan, indicators: Iterable[Indicator]) -> PlanContext:
    return PlanContext(
        plan=plan,
        axes=axes_for_indicators(indicators, territory_id=plan.territory_id),
        locks=list(PeriodLock.objects.filter(plan=plan)),
    )


@dataclass
class CleanObservation:
    period: Period
    value: Decimal | None
    narrative: str
    cells: dict[str, Decimal]
    cells_complete: bool


def _as_decimal(raw: object) -> Decimal:
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, bool):
        raise InvalidOperation
    if isinstance(raw, int | float | str):
        return Decimal(str(raw).strip())
    raise InvalidOperation


#: The code of the errors a person answers by saying that not all cells are known.
CELLS_NOT_ALL_KNOWN = "cells_not_all_known"


def number_errors(
    value: Decimal, *, people: bool, cell: str | None = None
) -> list[str]:
    """What is wrong with a reported value: the total's (``cell`` None) or a
    cell's, each a whole sentence."""
    if cell is None:
        not_number = _("The value is not a number.")
        too_large = _("The value is too large.")
        decimals = _("The value has more than four decimals.")
        negative = _("The value counts people: it cannot be negative.")
        fraction = _("The value counts people: it is a whole number.")
    else:
        not_number = _("The value of %(cell)s is not a number.")
        too_large = _("The value of %(cell)s is too large.")
        decimals = _("The value of %(cell)s has more than four decimals.")
        negative = _("The value of %(cell)s counts people: it cannot be negative.")
        fraction = _("The value of %(cell)s counts people: it is a whole number.")
    errors = []
    if not value.is_finite():
        errors.append(not_number)
    elif abs(value) >= MAX_VALUE:
        errors.append(too_large)
    # Finite here, so the exponent is a number (not "n", "N" or "F").
    elif (
        isinstance(exponent := value.as_tuple().exponent, int)
        and exponent < -4
        and value != value.quantize(Decimal("0.0001"))
    ):
        errors.append(decimals)
    if value.is_finite() and people and value < 0:
        errors.append(negative)
    elif value.is_finite() and people and value != value.to_integral_value():
        errors.append(fraction)
    return [error % {"cell": cell} if cell else error for error in errors]


def check_period(indicator: Indicator, period: str, context: PlanContext) -> Period:
    """The period parsed, of the indicator's frequency, inside the plan, not locked."""
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None
    if parsed.frequency != indicator.frequency:
        raise ValidationError(
            {
                "period": WRONG_FREQUENCY[indicator.frequency]
                % {
                    "example": FREQUENCY_EXAMPLES[indicator.frequency],
                    "period": parsed.key,
                }
            }
        )
    plan = context.plan
    plan_period_required(plan)
    if not plan.covers_year(parsed.start.year):
        raise ValidationError(
            {
                "period": _(
                    "The period %(period)s is outside the plan (%(first)s–%(last)s)."
                )
                % {
                    "period": parsed.key,
                    "first": plan.start_year,
                    "last": plan.end_year,
                }
            }
        )
    lock = period_lock_for(context.locks, parsed)
    if lock is not None:
        raise ValidationError(
            {
                "period": _(
                    "The period %(period)s is locked by the territory team "
                    "(%(lock)s): it takes no new values."
                )
                % {"period": parsed.key, "lock": lock.period}
            }
        )
    return parsed


def _check_cells(
    cells: Mapping[str, object], axes: list[Axis], *, people: bool
) -> tuple[dict[str, Decimal], list[str]]:
    """Normalised cell keys and their values, or the messages saying what is wrong."""
    errors: list[str] = []
    by_slug = {axis.slug: axis for axis in axes}
    unknown_dimensions: set[str] = set()
    unknown_values: dict[str, set[str]] = {}
    clean: dict[str, Decimal] = {}
    for raw_key, raw_value in cells.items():
        pairs: dict[str, str] = {}
        malformed = False
        for part in str(raw_key).split("|"):
            slug, sep, code = part.partition("=")
            slug, code = slug.strip(), code.strip()
            if not sep or not slug or not code or slug in pairs:
                malformed = True
                break
            pairs[slug] = code
        if malformed:
            errors.append(
                _(
                    "“%(cell)s” is not a cell: write dimension=value pairs joined "
                    "by |, such as sex=F|age=25-34."
                )
                % {"cell": raw_key}
            )
            continue
        strangers = set(pairs) - set(by_slug)
        if strangers:
            unknown_dimensions |= strangers
            continue
        bad = False
        for slug, code in pairs.items():
            if code not in by_slug[slug].codes:
                unknown_values.setdefault(slug, set()).add(code)
                bad = True
        if bad:
            continue
        missing = [axis.name for axis in axes if axis.slug not in pairs]
        if missing:
            errors.append(
                _(
                    "The cell “%(cell)s” lacks %(missing)s: each cell gives a value "
                    "of every dimension of the indicator."
                )
                % {"cell": raw_key, "missing": ", ".join(missing)}
            )
            continue
        key = cell_key(pairs)
        if key in clean:
            errors.append(
                _("The cell “%(cell)s” is given twice.")
                % {"cell": cell_label(key, axes)}
            )
            continue
        label = cell_label(key, axes)
        try:
            value = _as_decimal(raw_value)
        except (InvalidOperation, ValueError):
            errors.append(
                _("The value of %(cell)s, “%(value)s”, is not a number.")
                % {"cell": label, "value": raw_value}
            )
            continue
        problems = number_errors(value, people=people, cell=label)
        if problems:
            errors += problems
            continue
        clean[key] = value
    if unknown_dimensions:
        if axes:
            errors.append(
                _(
                    "This indicator is not disaggregated by %(dimensions)s: its "
                    "cells are by %(known)s."
                )
                % {
                    "dimensions": ", ".join(sorted(unknown_dimensions)),
                    "known": ", ".join(axis.slug for axis in axes),
                }
            )
        else:
            errors.append(
                _(
                    "This indicator is not disaggregated (you gave values by "
                    "%(dimensions)s): give its value only."
                )
                % {"dimensions": ", ".join(sorted(unknown_dimensions))}
            )
    for slug, codes in sorted(unknown_values.items()):
        axis = by_slug[slug]
        errors.append(
            _(
                "%(codes)s: not a value of %(dimension)s for this indicator "
                "(its values are %(values)s)."
            )
            % {
                "codes": ", ".join(f"“{code}”" for code in sorted(codes)),
                "dimension": axis.name,
                "values": ", ".join(axis.codes[:30])
                + ("…" if len(axis.codes) > 30 else ""),
            }
        )
    return clean, errors


def observation_check(
    *,
    indicator: Indicator,
    period: str,
    value: object = None,
    narrative: str = "",
    cells: Mapping[str, object] | None = None,
    cells_complete: bool = True,
    context: PlanContext,
) -> CleanObservation:
    """Every rule a value must meet, without saving; ValidationError lists them all.

    The error is a dict keyed by "period", "value", "cells" and "narrative".
    """
    parsed = check_period(indicator, period, context)
    errors: dict[str, list[str]] = {}
    narrative = (narrative or "").strip()
    cells = dict(cells or {})
    axes = context.axes.get(indicator.pk, [])
    people = counts_people(indicator)
    if len(narrative) > 20000:
        errors.setdefault("narrative", []).append(
            _("The narrative is longer than 20,000 characters.")
        )
    clean_value: Decimal | None = None
    if value is not None and value != "":
        try:
            clean_value = _as_decimal(value)
        except (InvalidOperation, ValueError):
            errors.setdefault("value", []).append(
                _("“%(value)s” is not a number.") % {"value": value}
            )
        else:
            problems = number_errors(clean_value, people=people)
            if problems:
                errors.setdefault("value", []).extend(problems)
                clean_value = None
    if not indicator.is_quantitative:
        if value not in (None, "") or cells:
            errors.setdefault("value", []).append(
                _(
                    "This indicator is qualitative: describe the result in "
                    "words, without numbers."
                )
            )
        if not narrative:
            errors.setdefault("narrative", []).append(
                _(
                    "This indicator is qualitative: describe the result in the "
                    "narrative."
                )
            )
        if errors:
            raise ValidationError(errors)
        return CleanObservation(parsed, None, narrative, {}, True)

    clean_cells, cell_errors = _check_cells(cells, axes, people=people)
    if cell_errors:
        errors.setdefault("cells", []).extend(cell_errors)
    if errors:
        raise ValidationError(errors)
    if clean_value is None and not clean_cells:
        raise ValidationError(
            {
                "value": _(
                    "Give the value for %(period)s (or the values of its cells)."
                )
                % {"period": parsed.key}
            }
        )
    if not axes:
        return CleanObservation(parsed, clean_value, narrative, {}, True)
    if not clean_cells:
        # Only the total is known.
        return CleanObservation(parsed, clean_value, narrative, {}, False)
    total = sum(clean_cells.values(), Decimal(0))
    if cells_complete:
        missing = [key for key in indicator_cells(axes) if key not in clean_cells]
        if missing:
            shown = ", ".join(cell_label(key, axes) for key in missing[:6])
            raise ValidationError(
                {
                    "cells": ValidationError(
                        ngettext(
                            "%(count)s cell has no value (%(cells)s%(more)s): fill "
                            "it in, or tick “not all cells known”.",
                            "%(count)s cells have no value (%(cells)s%(more)s): fill "
                            "them in, or tick “not all cells known”.",
                            len(missing),
                        )
                        % {
                            "count": len(missing),
                            "cells": shown,
                            "more": "…" if len(missing) > 6 else "",
                        },
                        code=CELLS_NOT_ALL_KNOWN,
                    )
                }
            )
        if clean_value is None:
            clean_value = total
        elif total != clean_value:
            raise ValidationError(
                {
                    "cells": ValidationError(
                        _(
                            "The cells add up to %(sum)s but the total is %(total)s "
                            "— correct them or tick “not all cells known”."
                        )
                        % {
                            "sum": number_text(total),
                            "total": number_text(clean_value),
                        },
                        code=CELLS_NOT_ALL_KNOWN,
                    )
                }
            )
    else:
        if clean_value is None:
            raise ValidationError(
                {
                    "value": _(
                        "When not all cells are known, give the total: the cells "
                        "alone do not say it."
                    )
                }
            )
        if total > clean_value:
            raise ValidationError(
                {
                    "cells": _(
                        "The known cells add up to %(sum)s, more than the total "
                        "%(total)s."
                    )
                    % {"sum": number_text(total), "total": number_text(clean_value)}
                }
            )
    return CleanObservation(parsed, clean_value, narrative, clean_cells, cells_complete)


def _state(observation: Observation, cells: Mapping[str, Decimal]) -> dict:
    """The whole state of an observation, as an ObservationRevision keeps it."""
    return {
        "period": observation.period,
        "value": None if observation.value is None else number_text(observation.value),
        "narrative": observation.narrative,
        "cells": {key: number_text(cells[key]) for key in sorted(cells)},
        "cells_complete": observation.cells_complete,
        "status": observation.status,
        "comment": observation.comment,
        "organisation": observation.organisation_id,
    }


def _concurrent_edit() -> ValidationError:
    return ValidationError(
        _(
            "Someone changed this value while you were editing it: reload the page "
            "to see theirs, then enter yours again."
        ),
        code="stale",
    )


def _resolve_organisation(
    user, indicator: Indicator, organisation: Organisation | None, by_system: bool
) -> Organisation | int | None:
    allowed = (
        permissions.reporting_organisations_for(user, indicator) if user else set()
    )
    if organisation is not None:
        if by_system or organisation.pk in allowed:
            return organisation
        if organisation.pk in permissions.indicator_organisation_ids(
            indicator
        ) and permissions.can_edit_plan(user, indicator.plan):
            return organisation
        raise ValidationError(
            _("%(organisation)s does not report this indicator.")
            % {"organisation": organisation}
        )
    if allowed:
        return min(allowed)
    return None


def observation_submit(
    *,
    user,
    indicator: Indicator,
    period: str,
    value: Decimal | None = None,
    narrative: str = "",
    cells: dict[str, Decimal] | None = None,
    cells_complete: bool = True,
    organisation: Organisation | None = None,
    expected_version: int | None = None,
    action: str = "submitted",
    by_system: bool = False,
) -> Observation:
    """Create or change the observation of (indicator, period).

    ``expected_version`` is the version the person saw (0 for none yet): when it
    changed meanwhile the write is refused.  ``by_system`` is for loaders that
    act for nobody (demo data); it skips the permission check.
    """
    context = plan_context(indicator.plan, [indicator])
    return submit_checked(
        user=user,
        indicator=indicator,
        period=period,
        value=value,
        narrative=narrative,
        cells=cells,
        cells_complete=cells_complete,
        organisation=organisation,
        expected_version=expected_version,
        action=action,
        by_system=by_system,
        context=context,
    )


def submit_checked(
    *,
    user,
    indicator: Indicator,
    period: str,
    value: object = None,
    narrative: str = "",
    cells: Mapping[str, object] | None = None,
    cells_complete: bool = True,
    organisation: Organisation | None = None,
    expected_version: int | None = None,
    action: str = "submitted",
    by_system: bool = False,
    context: PlanContext,
) -> Observation:
    """observation_submit with the plan's context already loaded (imports)."""
    if not by_system:
        permissions.require_report(user, indicator)
    if indicator.deleted_at is not None or indicator.node.deleted_at is not None:
        raise ValidationError(_("This indicator was removed from the plan."))
    if indicator.plan.status == Plan.Status.CLOSED and not by_system:
        raise ValidationError(_("This plan is closed: it takes no new values."))
    if action not in (
        ObservationRevision.Action.SUBMITTED,
        ObservationRevision.Action.IMPORTED,
    ):
        raise ValueError(f"unknown action {action!r}")
    clean = observation_check(
        indicator=indicator,
        period=period,
        value=value,
        narrative=narrative,
        cells=cells,
        cells_complete=cells_complete,
        context=context,
    )
    reporting_for = _resolve_organisation(user, indicator, organisation, by_system)
    organisation_id = (
        reporting_for.pk if isinstance(reporting_for, Organisation) else reporting_for
    )
    is_team = bool(user) and permissions.can_edit_plan(user, indicator.plan)
    actor = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        existing = (
            Observation.objects.select_for_update()
            .filter(indicator=indicator, period=clean.period.key)
            .first()
        )
        current_version = existing.version if existing else 0
        if expected_version is not None and expected_version != current_version:
            raise _concurrent_edit()
        now = timezone.now()
        if existing is None:
            observation = Observation(
                indicator=indicator,
                period=clean.period.key,
                period_start=clean.period.start,
                period_end=clean.period.end,
                value=clean.value,
                narrative=clean.narrative,
                cells_complete=clean.cells_complete,
                status=Observation.Status.SUBMITTED,
                organisation_id=organisation_id,
                reported_by=actor,
                reported_at=now,
                version=1,
            )
            try:
                with transaction.atomic():
                    observation.save()
            except IntegrityError:
                raise _concurrent_edit() from None
            revision_action = action
        else:
            old_cells = {c.cell: c.value for c in existing.cells.all()}
            unchanged = (
                existing.value == clean.value
                and existing.narrative == clean.narrative
                and existing.cells_complete == clean.cells_complete
                and old_cells == clean.cells
            )
            if unchanged and existing.status != Observation.Status.RETURNED:
                return existing
            status = existing.status
            validated_by_id, validated_at = (
                existing.validated_by_id,
                existing.validated_at,
            )
            if status == Observation.Status.RETURNED or (
                status == Observation.Status.VALIDATED and not is_team
            ):
                status = Observation.Status.SUBMITTED
                validated_by_id, validated_at = None, None
            fields = {
                "value": clean.value,
                "narrative": clean.narrative,
                "cells_complete": clean.cells_complete,
                "status": status,
                "organisation_id": organisation_id
                if organisation_id is not None
                else existing.organisation_id,
                "reported_by": actor,
                "reported_at": now,
                "validated_by_id": validated_by_id,
                "validated_at": validated_at,
            }
            updated = Observation.objects.filter(
                pk=existing.pk, version=existing.version
            ).update(version=F("version") + 1, **fields)
            if not updated:
                raise _concurrent_edit()
            observation = Observation.objects.get(pk=existing.pk)
            ObservationValue.objects.filter(observation=observation).delete()
            revision_action = (
                ObservationRevision.Action.CHANGED
                if action == ObservationRevision.Action.SUBMITTED
                else action
            )
        ObservationValue.objects.bulk_create(
            ObservationValue(observation=observation, cell=key, value=cell_value)
            for key, cell_value in sorted(clean.cells.items())
        )
        ObservationRevision.objects.create(
            observation=observation,
            version=observation.version,
            action=revision_action,
            data=_state(observation, clean.cells),
            user=actor,
        )
        plan_touch(indicator.plan_id)
    return observation


def _locked_observation(observation: Observation, expected_version: int | None):
    current = (
        Observation.objects.select_for_update()
        .select_related("indicator__plan")
        .filter(pk=observation.pk)
        .first()
    )
    if current is None:
        raise ValidationError(_("This value no longer exists."))
    if expected_version is not None and current.version != expected_version:
        raise _concurrent_edit()
    return current


def _record(observation: Observation, action: str, user) -> None:
    cells = dict(observation.cells.values_list("cell", "value"))
    ObservationRevision.objects.create(
        observation=observation,
        version=observation.version,
        action=action,
        data=_state(observation, cells),
        user=user if user is not None and user.is_authenticated else None,
    )
    plan_touch(observation.indicator.plan_id)


def observation_validate(
    *, user, observation: Observation, expected_version: int | None = None
) -> Observation:
    """The territory team accepts a submitted (or returned) value."""
    permissions.require_edit_plan(user, observation.indicator.plan)
    with transaction.atomic():
        current = _locked_observation(observation, expected_version)
        if current.status == Observation.Status.VALIDATED:
            raise ValidationError(_("This value is already validated."))
        current.status = Observation.Status.VALIDATED
        current.validated_by = user
        current.validated_at = timezone.now()
        current.comment = ""
        current.version += 1
        current.save(
            update_fields=[
                "status",
                "validated_by",
                "validated_at",
                "comment",
                "version",
            ]
        )
        _record(current, ObservationRevision.Action.VALIDATED, user)
    return current


def observation_return(
    *,
    user,
    observation: Observation,
    comment: str,
    expected_version: int | None = None,
) -> Observation:
    """The territory team sends a value back to its reporter with what to correct."""
    permissions.require_edit_plan(user, observation.indicator.plan)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say what the reporter should correct: a comment is needed.")}
        )
    if len(comment) > 5000:
        raise ValidationError(
            {"comment": _("The comment is longer than 5,000 characters.")}
        )
    with transaction.atomic():
        current = _locked_observation(observation, expected_version)
        if current.status == Observation.Status.RETURNED:
            raise ValidationError(_("This value was already returned to its reporter."))
        plan = current.indicator.plan
        lock = period_lock_for(
            PeriodLock.objects.filter(plan=plan),
            Period(current.period_start, current.period_end, current.period, ""),
        )
        if lock is not None:
            raise ValidationError(
                _(
                    "The period %(period)s is locked: unlock it before returning a "
                    "value, so that the reporter can correct it."
                )
                % {"period": lock.period}
            )
        current.status = Observation.Status.RETURNED
        current.comment = comment
        current.validated_by = None
        current.validated_at = None
        current.version += 1
        current.save(
            update_fields=[
                "status",
                "comment",
                "validated_by",
                "validated_at",
                "version",
            ]
        )
        _record(current, ObservationRevision.Action.RETURNED, user)
    return current


def period_lock(*, user, plan: Plan, period: str) -> PeriodLock:
    """Close a reporting period: it takes no new values (a year covers its quarters)."""
    permissions.require_edit_plan(user, plan)
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None
    plan_period_required(plan)
    if not plan.covers_year(parsed.start.year):
        raise ValidationError(
            {
                "period": _(
                    "The period %(period)s is outside the plan (%(first)s–%(last)s)."
                )
                % {
                    "period": parsed.key,
                    "first": plan.start_year,
                    "last": plan.end_year,
                }
            }
        )
    with transaction.atomic():
        if PeriodLock.objects.filter(plan=plan, period=parsed.key).exists():
            raise ValidationError(
                {
                    "period": _("The period %(period)s is already locked.")
                    % {"period": parsed.key}
                }
            )
        lock = PeriodLock(
            plan=plan,
            period=parsed.key,
            start=parsed.start,
            end=parsed.end,
            locked_by=user if user.is_authenticated else None,
        )
        try:
            with transaction.atomic():
                lock.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "period": _("The period %(period)s is already locked.")
                    % {"period": parsed.key}
                }
            ) from None
        plan_touch(plan.pk)
    return lock


def period_unlock(*, user, lock: PeriodLock) -> None:
    """Open a locked period again."""
    permissions.require_edit_plan(user, lock.plan)
    with transaction.atomic():
        PeriodLock.objects.filter(pk=lock.pk).delete()
        plan_touch(lock.plan_id)
