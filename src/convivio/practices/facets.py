"""The practice facet table: a narrow copy of the relations the list counts by.

It holds published practices only, so counting the whole library is one scan of a
covering index with no join.
"""

from __future__ import annotations

from django.db import connection

from convivio.search.services import index_version_bump

from .selectors import SEARCH_KIND

# Every value a practice is counted under, one row each.  {p}, {pt}, {pg}, {po}
# become a condition on one practice, or nothing for a full rebuild; the outer
# query keeps published practices only.
_SELECT = """
SELECT f.practice_id, f.facet, f.value FROM (
SELECT pt.practice_id AS practice_id, 'themes' AS facet, t.slug AS value
  FROM practices_practice_themes pt JOIN core_theme t ON t.id = pt.theme_id {pt}
UNION ALL
SELECT pg.practice_id, 'target_groups', g.slug
  FROM practices_practice_target_groups pg
  JOIN core_targetgroup g ON g.id = pg.targetgroup_id {pg}
UNION ALL
SELECT p.id, 'countries', c.iso_code
  FROM practices_practice p JOIN core_territory c ON c.id = p.country_id {p}
UNION ALL
SELECT p.id, 'languages', p.original_language_id FROM practices_practice p {p}
UNION ALL
SELECT DISTINCT po.practice_id, 'organisation_kinds', o.kind
  FROM practices_practiceorganisation po
  JOIN core_organisation o ON o.id = po.organisation_id {po}
UNION ALL
SELECT p.id, 'years', CAST(p.start_year AS TEXT)
  FROM practices_practice p WHERE p.start_year IS NOT NULL {p_and}
) f
JOIN practices_practice pub ON pub.id = f.practice_id AND pub.status = 'published'
"""
_INSERT = "INSERT INTO practices_practicefacet (practice_id, facet, value) "


def facets_sync(practice_id: int) -> None:
    """Rewrite the facet rows of one practice from its relations and status.

    When rows change the practices' index version moves on, as the list's
    cached counts and each process's facet index (facet_index.py) are kept by
    it; a draft's edit changes no rows and moves nothing.
    """
    sql = _INSERT + _SELECT.format(
        pt="WHERE pt.practice_id = %s",
        pg="WHERE pg.practice_id = %s",
        p="WHERE p.id = %s",
        po="WHERE po.practice_id = %s",
        p_and="AND p.id = %s",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM practices_practicefacet WHERE practice_id = %s", [practice_id]
        )
        changed = cursor.rowcount
        cursor.execute(sql, [practice_id] * 6)
        changed += cursor.rowcount
    if changed:
        index_version_bump(kind=SEARCH_KIND)


def facets_rebuild(using_connection=None) -> None:
    """Rewrite the whole facet table (after bulk loads; safe at any time).

    It moves no version (migrations call it): a bulk load's index writes do.
    """
    sql = _INSERT + _SELECT.format(pt="", pg="", p="", po="", p_and="")
    with (using_connection or connection).cursor() as cursor:
        cursor.execute("DELETE FROM practices_practicefacet")
        cursor.execute(sql)
