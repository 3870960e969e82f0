"""Small cells of data about people are hidden from the public."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import override_settings

from convivio.core.suppression import (
    counts_people,
    display,
    format_number,
    hidden_keys,
    suppress,
    threshold_for,
)
from convivio.plans.models import Dimension

D = Decimal


def test_threshold_comes_from_the_plan_then_the_setting(plan):
    with override_settings(CONVIVIO_SMALL_CELL_THRESHOLD=7):
        assert threshold_for(plan) == 7
        plan.small_cell_threshold = 3
        assert threshold_for(plan) == 3


def test_small_values_are_hidden_zero_and_large_ones_kept():
    values = {"F": D(3), "M": D(12), "X": D(0), "Y": D(4), "Z": D(5)}
    assert suppress(values, 5) == {
        "F": None,
        "M": D(12),
        "X": D(0),
        "Y": None,
        "Z": D(5),
    }


def test_one_hidden_value_hides_the_next_smallest_too():
    # With the total published, 12 + 40 + 3 = 55 would give the hidden 3 away.
    values = {"F": D(3), "M": D(40), "X": D(12)}
    assert suppress(values, 5) == {"F": None, "M": D(40), "X": None}


def test_the_complement_is_above_zero():
    # A hidden 0 beside the hidden 3 would leave 3 = 55 - 52 - 0 to anyone who
    # knows that a zero is never hidden for itself.
    values = {"F": D(3), "X": D(0), "M": D(40), "Y": D(12)}
    assert hidden_keys(values, 5) == {"F", "Y"}


def test_hidden_values_adding_up_to_a_small_number_take_another():
    # 1 + 1 = 2 = total - shown: both would be 1.
    values = {"F": D(1), "M": D(1), "X": D(30), "Y": D(9)}
    assert hidden_keys(values, 5) == {"F", "M", "Y"}


def test_between_equal_values_the_complement_follows_the_keys_not_their_order():
    # The dashboard and the API list a group in their own order: both must hide
    # the same one of two equal values, or together they show both.
    one = {"sex=X": D(9), "sex=F": D(3), "sex=M": D(9), "sex=Y": D(40)}
    other = dict(reversed(list(one.items())))
    assert hidden_keys(one, 5) == hidden_keys(other, 5) == {"sex=F", "sex=M"}


def test_no_complementary_hiding_when_the_total_is_not_published():
    values = {"F": D(3), "M": D(40), "X": D(12)}
    assert suppress(values, 5, total_published=False) == {
        "F": None,
        "M": D(40),
        "X": D(12),
    }


def test_unknown_values_stay_unknown_and_are_not_picked_as_complement():
    values = {"F": D(2), "M": None, "X": D(30)}
    assert hidden_keys(values, 5) == {"F", "X"}


def test_nothing_small_nothing_hidden():
    values = {"F": D(50), "M": D(40)}
    assert suppress(values, 5) == values


@pytest.mark.parametrize(
    ("value", "hidden", "shown"),
    [
        (D("12.0000"), False, "12"),
        (D("2.5000"), False, "2.5"),
        (None, False, "–"),
        (None, True, "hidden"),
    ],
)
def test_display(value, hidden, shown):
    assert display(value, hidden=hidden, threshold=5) == shown


def test_format_number_of_large_values():
    assert format_number(D("1200000.00")) == "1200000"


def test_counts_people_follows_the_dimensions(db):
    sex = Dimension.objects.get(slug="sex", territory=None)
    course = Dimension(slug="course", name="Course", about_people=False)
    assert counts_people([sex, course])
    assert not counts_people([course])
    assert not counts_people([])
