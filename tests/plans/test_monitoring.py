"""Observations, validation and locked periods: plans/monitoring/services.py."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from convivio.plans.models import (
    Indicator,
    Observation,
    ObservationRevision,
    ObservationValue,
    PeriodLock,
    Plan,
)
from convivio.plans.monitoring import services as monitoring

from .factories import make_indicator, make_observation

D = Decimal

FULL = {
    "age=18-24|sex=F": D(10),
    "age=25-34|sex=F": D(20),
    "age=18-24|sex=M": D(12),
    "age=25-34|sex=M": D(15),
}


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


@pytest.fixture
def simple(measure):
    """A yearly indicator without dimensions."""
    return make_indicator(measure, "Classes held", unit="classes")


def submit(user, indicator, period="2025", **kwargs):
    return monitoring.observation_submit(
        user=user, indicator=indicator, period=period, **kwargs
    )


def test_reporter_submits_a_value_with_history(reporter, simple, partner):
    observation = submit(reporter, simple, value=D(12), narrative="Two groups")
    assert observation.status == Observation.Status.SUBMITTED
    assert observation.value == 12
    assert observation.organisation == partner
    assert observation.reported_by == reporter
    assert observation.version == 1
    plan = Plan.objects.get(pk=simple.plan_id)
    assert plan.data_version > 1
    revision = observation.revisions.get()
    assert revision.action == "submitted"
    assert revision.data["value"] == "12"
    assert revision.data["narrative"] == "Two groups"


def test_grid_without_total_adds_up(reporter, indicator):
    observation = submit(reporter, indicator, cells=FULL)
    assert observation.value == 57
    assert observation.cells_complete
    assert dict(observation.cells.values_list("cell", "value")) == FULL


def test_cell_keys_in_any_order_are_normalised(reporter, indicator):
    cells = {
        "sex=F|age=18-24": 10,
        **{k: v for k, v in FULL.items() if k != "age=18-24|sex=F"},
    }
    observation = submit(reporter, indicator, cells=cells, value=57)
    assert "age=18-24|sex=F" in set(observation.cells.values_list("cell", flat=True))


def test_sum_mismatch_refused(reporter, indicator):
    with pytest.raises(ValidationError) as caught:
        submit(reporter, indicator, cells=FULL, value=D(60))
    text = messages(caught.value)
    assert "the cells add up to 57 but the total is 60" in text.lower()
    assert "not all cells known" in text
    assert not Observation.objects.exists()


def test_not_all_cells_known_allows_a_smaller_sum(reporter, indicator):
    partial = {"age=18-24|sex=F": D(10), "age=25-34|sex=F": D(20)}
    observation = submit(
        reporter, indicator, cells=partial, value=D(60), cells_complete=False
    )
    assert observation.value == 60
    assert not observation.cells_complete
    assert observation.cells.count() == 2


def test_not_all_cells_known_refuses_a_larger_sum(reporter, indicator):
    with pytest.raises(ValidationError, match="more than the total 50"):
        submit(reporter, indicator, cells=FULL, value=D(50), cells_complete=False)
    assert not Observation.objects.exists()


def test_missing_cells_need_the_not_all_known_option(reporter, indicator):
    partial = {"age=18-24|sex=F": D(10)}
    with pytest.raises(ValidationError, match="3 cells have no value"):
        submit(reporter, indicator, cells=partial)


def test_total_only_for_a_disaggregated_indicator(reporter, indicator):
    observation = submit(reporter, indicator, value=D(40))
    assert observation.value == 40
    assert not observation.cells_complete
    assert not observation.cells.exists()


def test_cells_of_dimensions_the_indicator_does_not_have(reporter, indicator):
    cells = {**FULL, "age=18-24|nationality=MA|sex=F": D(3)}
    with pytest.raises(ValidationError) as caught:
        submit(reporter, indicator, cells=cells)
    assert "not disaggregated by nationality" in messages(caught.value)
    assert not Observation.objects.exists()


def test_unknown_value_of_a_dimension(reporter, indicator):
    cells = {**FULL, "age=65+|sex=F": D(3)}
    with pytest.raises(ValidationError) as caught:
        submit(reporter, indicator, cells=cells, cells_complete=False, value=100)
    assert "“65+”: not a value of Age band" in messages(caught.value)


def test_cell_lacking_a_dimension(reporter, indicator):
    with pytest.raises(ValidationError, match="lacks Age band"):
        submit(
            reporter, indicator, cells={"sex=F": D(3)}, value=3, cells_complete=False
        )


def test_cells_on_an_indicator_without_dimensions(reporter, simple):
    with pytest.raises(ValidationError, match="not disaggregated"):
        submit(reporter, simple, cells={"sex=F": D(3)})


def test_malformed_cell_key(reporter, indicator):
    with pytest.raises(ValidationError, match="is not a cell"):
        submit(
            reporter, indicator, cells={"women": D(3)}, value=3, cells_complete=False
        )


def test_negative_people_refused(reporter, indicator, simple):
    with pytest.raises(ValidationError, match="cannot be negative"):
        submit(reporter, indicator, value=D(-1))
    cells = {**FULL, "age=18-24|sex=F": D(-2)}
    with pytest.raises(ValidationError, match="cannot be negative"):
        submit(reporter, indicator, cells=cells)
    # A unit that is not people may go below zero (a change, a balance…).
    assert submit(reporter, simple, value=D(-3)).value == -3


def test_fractions_of_people_refused(reporter, indicator):
    with pytest.raises(ValidationError, match="whole number"):
        submit(reporter, indicator, value=D("2.5"))


def test_text_and_infinity_in_numbers(reporter, simple):
    with pytest.raises(ValidationError, match="is not a number"):
        submit(reporter, simple, value="twelve")
    with pytest.raises(ValidationError, match="not a number"):
        submit(reporter, simple, value=D("NaN"))
    with pytest.raises(ValidationError, match="too large"):
        submit(reporter, simple, value=D("1e20"))


def test_quantitative_needs_a_number(reporter, simple):
    with pytest.raises(ValidationError, match="Give the value for 2025"):
        submit(reporter, simple, narrative="We did well")


def test_qualitative_needs_a_narrative(reporter, measure):
    qualitative = make_indicator(
        measure, "Quality of the classes", kind=Indicator.Kind.QUALITATIVE, unit=""
    )
    with pytest.raises(ValidationError, match="describe the result in the narrative"):
        submit(reporter, qualitative)
    with pytest.raises(ValidationError, match="without numbers"):
        submit(reporter, qualitative, value=D(3), narrative="Good")
    observation = submit(reporter, qualitative, narrative="Learners say it helps.")
    assert observation.value is None
    assert observation.narrative == "Learners say it helps."


def test_wrong_frequency(reporter, measure):
    quarterly = make_indicator(
        measure, "Sessions", frequency=Indicator.Frequency.QUARTERLY, unit="sessions"
    )
    with pytest.raises(ValidationError, match="such as 2025-Q2, not 2025"):
        submit(reporter, quarterly, period="2025", value=D(3))
    assert submit(reporter, quarterly, period="2025-q2", value=D(3)).period == "2025-Q2"
    with pytest.raises(ValidationError, match="such as 2025, not 2025-03"):
        submit(reporter, make_indicator(measure, "Yearly"), period="2025-03", value=1)


def test_period_not_a_period(reporter, simple):
    with pytest.raises(ValidationError, match="is not a period"):
        submit(reporter, simple, period="last year", value=D(3))


def test_period_outside_the_plan(reporter, simple):
    with pytest.raises(ValidationError, match=r"outside the plan \(2024–2026\)"):
        submit(reporter, simple, period="2030", value=D(3))
    assert not Observation.objects.exists()


def test_locked_period_takes_no_values(team, reporter, plan, simple, measure):
    monitoring.period_lock(user=team, plan=plan, period="2025")
    with pytest.raises(ValidationError, match="locked by the territory team"):
        submit(reporter, simple, value=D(3))
    # A year's lock covers its quarters and months.
    quarterly = make_indicator(
        measure, "Sessions", frequency=Indicator.Frequency.QUARTERLY, unit="sessions"
    )
    with pytest.raises(ValidationError, match="locked"):
        submit(reporter, quarterly, period="2025-Q3", value=D(3))
    # The other years stay open.
    assert submit(reporter, simple, period="2024", value=D(3)).value == 3
    assert not Observation.objects.filter(period__startswith="2025").exists()


def test_quarter_lock_does_not_close_the_year(team, reporter, plan, simple):
    monitoring.period_lock(user=team, plan=plan, period="2025-Q1")
    assert submit(reporter, simple, value=D(3)).period == "2025"


def test_lock_rules(team, plan):
    lock = monitoring.period_lock(user=team, plan=plan, period="2025")
    assert (lock.start.isoformat(), lock.end.isoformat()) == (
        "2025-01-01",
        "2025-12-31",
    )
    with pytest.raises(ValidationError, match="already locked"):
        monitoring.period_lock(user=team, plan=plan, period="2025")
    with pytest.raises(ValidationError, match="outside the plan"):
        monitoring.period_lock(user=team, plan=plan, period="2031")
    with pytest.raises(ValidationError, match="not a period"):
        monitoring.period_lock(user=team, plan=plan, period="soon")
    monitoring.period_unlock(user=team, lock=lock)
    assert not PeriodLock.objects.exists()


def test_update_keeps_history_and_raises_version(reporter, simple):
    first = submit(reporter, simple, value=D(12))
    second = submit(reporter, simple, value=D(14), expected_version=1)
    assert second.pk == first.pk
    assert second.version == 2
    assert second.value == 14
    revisions = list(second.revisions.order_by("version"))
    assert [(r.version, r.action, r.data["value"]) for r in revisions] == [
        (1, "submitted", "12"),
        (2, "changed", "14"),
    ]


def test_unchanged_value_is_not_a_new_version(reporter, simple):
    submit(reporter, simple, value=D(12))
    again = submit(reporter, simple, value=D("12.00"))
    assert again.version == 1
    assert ObservationRevision.objects.count() == 1


def test_concurrent_edit_refused(reporter, team, simple):
    submit(reporter, simple, value=D(12))  # both people saw version 1
    submit(team, simple, value=D(13), expected_version=1)
    with pytest.raises(ValidationError, match="Someone changed this value"):
        submit(reporter, simple, value=D(99), expected_version=1)
    assert Observation.objects.get().value == 13


def test_concurrent_first_entry_refused(reporter, team, simple):
    submit(team, simple, value=D(13), expected_version=0)
    with pytest.raises(ValidationError, match="Someone changed this value"):
        submit(reporter, simple, value=D(99), expected_version=0)


def test_validate_and_return(team, reporter, simple):
    observation = submit(reporter, simple, value=D(12))
    returned = monitoring.observation_return(
        user=team, observation=observation, comment="Count only adults."
    )
    assert returned.status == Observation.Status.RETURNED
    assert returned.comment == "Count only adults."
    # The reporter corrects it: submitted again.
    corrected = submit(reporter, simple, value=D(10))
    assert corrected.status == Observation.Status.SUBMITTED
    validated = monitoring.observation_validate(user=team, observation=corrected)
    assert validated.status == Observation.Status.VALIDATED
    assert validated.validated_by == team
    assert validated.comment == ""
    actions = list(
        validated.revisions.order_by("version").values_list("action", flat=True)
    )
    assert actions == ["submitted", "returned", "changed", "validated"]
    with pytest.raises(ValidationError, match="already validated"):
        monitoring.observation_validate(user=team, observation=validated)


def test_return_needs_a_comment(team, reporter, simple):
    observation = submit(reporter, simple, value=D(12))
    with pytest.raises(ValidationError, match="a comment is needed"):
        monitoring.observation_return(user=team, observation=observation, comment="  ")
    assert Observation.objects.get().status == Observation.Status.SUBMITTED


def test_return_in_a_locked_period_refused(team, reporter, plan, simple):
    observation = submit(reporter, simple, value=D(12))
    monitoring.period_lock(user=team, plan=plan, period="2025")
    with pytest.raises(ValidationError, match="unlock it"):
        monitoring.observation_return(user=team, observation=observation, comment="x")


def test_validated_value_changed_by_reporter_goes_back_to_submitted(
    team, reporter, simple
):
    observation = submit(reporter, simple, value=D(12))
    monitoring.observation_validate(user=team, observation=observation)
    changed = submit(reporter, simple, value=D(15))
    assert changed.status == Observation.Status.SUBMITTED
    assert changed.validated_by is None


def test_validate_refuses_a_stale_version(team, reporter, simple):
    observation = submit(reporter, simple, value=D(12))
    submit(reporter, simple, value=D(13))
    with pytest.raises(ValidationError, match="Someone changed"):
        monitoring.observation_validate(
            user=team, observation=observation, expected_version=1
        )


def test_cells_replaced_on_change(reporter, indicator):
    submit(reporter, indicator, cells=FULL)
    partial = {"age=18-24|sex=F": D(10)}
    observation = submit(
        reporter, indicator, cells=partial, value=D(57), cells_complete=False
    )
    assert list(observation.cells.values_list("cell", flat=True)) == ["age=18-24|sex=F"]
    assert ObservationValue.objects.count() == 1
    assert observation.revisions.order_by("-version").first().data["cells"] == {
        "age=18-24|sex=F": "10"
    }


def test_deleted_indicator_and_closed_plan(reporter, simple, plan):
    from django.utils import timezone

    plan.status = Plan.Status.CLOSED
    plan.save()
    simple.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        submit(reporter, simple, value=D(3))
    plan.status = Plan.Status.MONITORING
    plan.save()
    simple.deleted_at = timezone.now()
    simple.save()
    simple = Indicator.objects.get(pk=simple.pk)
    with pytest.raises(ValidationError, match="removed"):
        submit(reporter, simple, value=D(3))


def test_reporter_of_another_organisation_refused(other_reporter, simple):
    with pytest.raises(PermissionDenied, match="your organisation is responsible"):
        submit(other_reporter, simple, value=D(3))


def test_reporting_organisation_named_on_the_indicator(
    other_reporter, reporter, measure, other_partner
):
    named = make_indicator(
        measure, "Volunteers", unit="people", reporting_organisation=other_partner
    )
    observation = submit(other_reporter, named, value=D(4))
    assert observation.organisation == other_partner
    # The indicator names another reporter: the measure's entity no longer reports it.
    with pytest.raises(PermissionDenied):
        submit(reporter, named, value=D(5))


def test_errors_are_listed_together(reporter, indicator):
    cells = {"age=18-24|sex=F": "many", "age=18-24|nationality=MA|sex=F": D(1)}
    with pytest.raises(ValidationError) as caught:
        submit(reporter, indicator, cells=cells, value="lots")
    text = messages(caught.value)
    assert "“lots” is not a number" in text
    assert "“many”, is not a number" in text
    assert "not disaggregated by nationality" in text


def test_existing_factory_observation_can_be_validated(team, indicator):
    observation = make_observation(
        indicator, "2024", 5, status=Observation.Status.SUBMITTED
    )
    validated = monitoring.observation_validate(user=team, observation=observation)
    assert validated.version == 2
    assert validated.revisions.get().action == "validated"
