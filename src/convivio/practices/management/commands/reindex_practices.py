from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from convivio.practices.facets import facets_rebuild
from convivio.practices.models import Practice
from convivio.practices.services import practice_index
from convivio.search.services import index_remove


class Command(BaseCommand):
    help = (
        "Rebuild the search entries and facet rows of every practice (after an "
        "upgrade that changes how text is indexed, or bulk edits of organisations "
        "or code lists in the admin). Safe to run at any time."
    )

    def handle(self, *args, **options) -> None:
        facets_rebuild()
        published = indexed = 0
        for practice in Practice.objects.only("id", "status").iterator():
            if practice.status == Practice.Status.PUBLISHED:
                practice_index(practice=practice)
                indexed += 1
            else:
                index_remove(kind="practice", object_id=practice.pk)
            published += 1
        self.stdout.write(
            ngettext(
                "Re-indexed %(indexed)d published of %(count)d practice.",
                "Re-indexed %(indexed)d published of %(count)d practices.",
                published,
            )
            % {"indexed": indexed, "count": published}
        )
