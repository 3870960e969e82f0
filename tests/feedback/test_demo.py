"""The feedback demo: channels on a few Vale Novo services, answers over six
months in their languages, one public reply; loading twice adds nothing."""

from __future__ import annotations

import pytest

from convivio.demo.directory import directory_demo_load
from convivio.demo.feedback import SERVICES, feedback_demo_load
from convivio.demo.plans import plans_demo_load
from convivio.feedback import selectors
from convivio.feedback.models import Channel, FeedbackReply
from convivio.surveys.models import Response

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once(settings):
    settings.CONVIVIO_SMALL_CELL_THRESHOLD = 5
    plans_demo_load()
    town = directory_demo_load().town
    added = feedback_demo_load(town)
    assert added == sum(count for count, _w, _c in SERVICES.values()) == 82
    assert Channel.objects.count() == 4
    assert FeedbackReply.objects.count() == 1
    languages = set(Response.objects.values_list("language_id", flat=True))
    assert {"pt", "en", "ar"} <= languages
    rated = selectors.place_ratings(town)
    # The food bank has 3 answers: too few to be listed.
    assert sorted(r.count for r in rated) == [13, 24, 42]
    assert [r.average for r in rated] == sorted(r.average for r in rated)
    assert feedback_demo_load(town) == 0
    assert Response.objects.count() == 82
