"""Model behaviour the pages rely on."""

import pytest
from django.db import IntegrityError, transaction

from convivio.practices import services
from convivio.practices.models import Practice
from tests.factories import make_practice, practice_data

pytestmark = pytest.mark.django_db


def test_translation_for_falls_back_to_the_original(moderator):
    practice = make_practice(title="Welcome walks")
    services.practice_update(
        user=moderator,
        practice=practice,
        data=practice_data(language="it", title="Passeggiate"),
    )
    practice = Practice.objects.prefetch_related("translations").get(pk=practice.pk)
    assert practice.translation_for("it").title == "Passeggiate"
    assert practice.translation_for("ro").title == "Welcome walks"
    assert practice.translation_for(None).title == "Welcome walks"
    assert str(practice) == "Welcome walks"


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (2019, 2021, "2019–2021"),
        (2019, 2019, "2019"),
        (2019, None, "2019"),
        (None, 2020, "2020"),
        (None, None, ""),
    ],
)
def test_years_are_shown_as_a_range(start, end, shown):
    assert Practice(start_year=start, end_year=end).years == shown


def test_database_refuses_an_end_year_before_the_start_year():
    practice = make_practice()
    with pytest.raises(IntegrityError), transaction.atomic():
        Practice.objects.filter(pk=practice.pk).update(start_year=2020, end_year=2010)
