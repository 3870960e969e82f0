"""Searchable kinds made up for the tests of the search page and API.

They use the full-text tables of "post" and "event" (kinds no app has yet), so
that a test knows every record the search can find and counts them by hand.
The registry holds only them during the test (``install``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from convivio.search import registry, services
from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind


@dataclass
class Record:
    kind: str
    pk: int
    #: language → (title, body); the first is the original.
    texts: dict[str, tuple[str, str]]
    #: Only staff may open it (as a draft would be).
    private: bool = False
    meta: tuple[str, ...] = ()


@dataclass
class FakeKinds:
    records: dict[tuple[str, int], Record] = field(default_factory=dict)

    def add(
        self,
        kind: str,
        title: str,
        body: str = "",
        *,
        language: str = "en",
        translations: dict[str, tuple[str, str]] | None = None,
        private: bool = False,
        meta: tuple[str, ...] = (),
    ) -> Record:
        pk = 1 + sum(1 for k, _ in self.records if k == kind)
        record = Record(
            kind,
            pk,
            {language: (title, body), **(translations or {})},
            private=private,
            meta=meta,
        )
        self.records[(kind, pk)] = record
        services.index_replace(
            kind=kind, object_id=pk, documents=self.documents(kind, [pk])
        )
        return record

    def documents(self, kind: str, ids: list[int]) -> list[Document]:
        return [
            Document(kind, pk, language, title, body)
            for pk in ids
            if (kind, pk) in self.records
            for language, (title, body) in self.records[(kind, pk)].texts.items()
        ]

    def visible(self, kind: str, user, ids: list[int]) -> set[int]:
        staff = bool(getattr(user, "is_staff", False))
        return {
            pk
            for pk in ids
            if (kind, pk) in self.records
            and (staff or not self.records[(kind, pk)].private)
        }

    def hits(self, kind: str, ids: list[int], language: str) -> dict[int, Hit]:
        shown: dict[int, Hit] = {}
        for pk in ids:
            record = self.records[(kind, pk)]
            code = language if language in record.texts else next(iter(record.texts))
            title, body = record.texts[code]
            shown[pk] = Hit(
                kind=kind,
                object_id=pk,
                title=title,
                url=f"/{kind}s/{pk}/",
                summary=body,
                language=code,
                meta=record.meta,
            )
        return shown

    def kind(self, name: str, label: str, order: int) -> SearchKind:
        return SearchKind(
            name=name,
            label=label,
            documents=lambda ids: self.documents(name, ids),
            indexable_ids=lambda: [pk for k, pk in self.records if k == name],
            visible_ids=lambda user, ids: self.visible(name, user, ids),
            hits=lambda ids, language: self.hits(name, ids, language),
            order=order,
        )


def install(monkeypatch: pytest.MonkeyPatch) -> FakeKinds:
    """Forum posts and events, the only kinds in the registry for this test
    (a test's ``fake_kinds`` fixture)."""
    monkeypatch.setattr(registry, "_kinds", {})
    fakes = FakeKinds()
    registry.register(fakes.kind("post", "Forum posts", 10))
    registry.register(fakes.kind("event", "Events", 20))
    return fakes
