from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convivio.search import registry, services
from convivio.search.embedding import get_embedder
from convivio.search.models import SearchEntry, SearchVector


class Command(BaseCommand):
    help = (
        "Rebuild the search index (words and meaning) of every kind of record, or "
        "of those named; compute the vectors still missing; or show the index's "
        "state. Safe to run at any time."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "action", choices=["rebuild", "vectors", "status"], help="What to do."
        )
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            help="Only this kind of record (repeat for several).",
        )
        parser.add_argument(
            "--again",
            action="store_true",
            help="With vectors: compute every vector again, not only missing ones.",
        )

    def handle(
        self, *args, action: str, kinds: list[str] | None, again: bool, **options
    ):
        known = registry.names()
        for kind in kinds or []:
            if kind not in known:
                raise CommandError(
                    _("Unknown kind %(kind)s; the kinds are: %(kinds)s.")
                    % {"kind": kind, "kinds": ", ".join(known)}
                )
        chosen = kinds or known
        if action == "status":
            self._status(chosen)
            return
        if action == "rebuild":
            for kind in chosen:
                count = services.index_rebuild(kind=kind, progress=self._progress(kind))
                self.stdout.write(
                    ngettext(
                        "%(kind)s: %(count)d record indexed.",
                        "%(kind)s: %(count)d records indexed.",
                        count,
                    )
                    % {"kind": registry.get(kind).label, "count": count}
                )
        if get_embedder() is None:
            self.stdout.write(_("No embedder is configured: search uses words only."))
            return
        update = services.vectors_rebuild if again else services.vectors_update
        done = update(kinds=chosen, progress=self._progress(_("vectors")))
        self.stdout.write(
            ngettext(
                "Vectors computed for %(count)d index entry.",
                "Vectors computed for %(count)d index entries.",
                done,
            )
            % {"count": done}
        )

    def _progress(self, label: str):
        def show(done: int, total: int) -> None:
            if sys.stdout.isatty() or done == total:
                self.stdout.write(f"\r{label}: {done}/{total}", ending="")
                if done == total:
                    self.stdout.write("")

        return show

    def _status(self, kinds: list[str]) -> None:
        entries = dict(
            SearchEntry.objects.filter(kind__in=kinds)
            .values_list("kind")
            .annotate(n=Count("id"))
        )
        pending = dict(
            SearchEntry.objects.filter(kind__in=kinds, embedded=False)
            .values_list("kind")
            .annotate(n=Count("id"))
        )
        passages = dict(
            SearchVector.objects.filter(kind__in=kinds)
            .values_list("kind")
            .annotate(n=Count("id"))
        )
        for kind in kinds:
            self.stdout.write(
                _(
                    "%(kind)s: %(entries)d entries, %(pending)d waiting for vectors, "
                    "%(passages)d passages with vectors."
                )
                % {
                    "kind": registry.get(kind).label,
                    "entries": entries.get(kind, 0),
                    "pending": pending.get(kind, 0),
                    "passages": passages.get(kind, 0),
                }
            )
