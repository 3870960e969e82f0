from __future__ import annotations

import pytest

from .helpers import add_document


@pytest.fixture
def private_document(db, author):
    return add_document(
        author, title="Draft housing plan", name="draft.txt", content=b"draft"
    )


@pytest.fixture
def public_document(db):
    return add_document(
        title="Welcome guide for newcomers",
        kind="guide",
        name="guide.txt",
        content=b"welcome guide",
        is_public=True,
        languages=["en", "es"],
        themes=["housing"],
    )
