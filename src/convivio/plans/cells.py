"""Disaggregation cells: one combination of dimension values, written as a key.

A key lists ``dimension=code`` pairs sorted by dimension slug and joined by "|":
``age=25-34|nationality=MA|sex=F``.  The empty key is the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import product


def cell_key(values: Mapping[str, str]) -> str:
    return "|".join(f"{slug}={values[slug]}" for slug in sorted(values))


def cell_values(key: str) -> dict[str, str]:
    if not key:
        return {}
    return dict(part.split("=", 1) for part in key.split("|"))


def all_cells(dimensions: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
    """Every cell key of the given (slug, value codes) dimensions."""
    slugs: list[str] = []
    codes: list[list[str]] = []
    for slug, values in dimensions:
        slugs.append(slug)
        codes.append(list(values))
    if not slugs:
        return []
    return [cell_key(dict(zip(slugs, combo, strict=True))) for combo in product(*codes)]
