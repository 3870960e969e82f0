"""Languages named in the reader's language in the exchange's pages."""

from __future__ import annotations

import pytest
from django.utils import translation

from convivio.core.models import Language
from convivio.core.templatetags.convivio import language_label

pytestmark = pytest.mark.django_db


def test_a_language_is_named_in_the_readers_language(django_assert_num_queries):
    arabic = Language.objects.get(code="ar")
    with django_assert_num_queries(0):
        with translation.override("es"):
            assert language_label(arabic) == "árabe"
        with translation.override("ar"):
            assert language_label("uk") == "الأوكرانية"
        with translation.override("en"):
            assert language_label(arabic) == "Arabic"
    # A language Django does not name keeps its own name.
    wolof = Language.objects.filter(code="wo").first() or Language.objects.create(
        code="wo", name="Wolof"
    )
    assert language_label(wolof) == wolof.name
