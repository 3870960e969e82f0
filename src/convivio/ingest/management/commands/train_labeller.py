"""``python -m convivio train_labeller [--corpus DIR …] [--out PATH]``.

Trains the line labeller (labeller.py) from annotated documents: every
``NN_slug.gold.json`` of each folder with its document beside it (or, for the
seeds' gold files, in the seeds folder).  Without ``--corpus``: the development
corpus beside the checkout and the seeds' gold files; without ``--out``: the
committed model, ``src/convivio/ingest/data/line-labeller.crfsuite``.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from convivio.ingest import labeller, training


class Command(BaseCommand):
    help = "Train the line labeller of ingestion from annotated documents."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--corpus",
            action="append",
            metavar="DIR",
            help="a folder of gold files and documents (repeatable)",
        )
        parser.add_argument(
            "--out", metavar="PATH", help="where to write the model file"
        )

    def handle(self, *args, **options) -> None:
        folders = [Path(p) for p in options["corpus"] or training.default_corpus()]
        missing = [str(p) for p in folders if not p.is_dir()]
        if missing:
            raise CommandError(
                _("No such folder: %(folders)s") % {"folders": ", ".join(missing)}
            )
        pairs = training.corpus_documents(folders)
        if not pairs:
            raise CommandError(_("No annotated documents in those folders."))
        out = Path(options["out"] or labeller.MODEL)
        started = time.monotonic()
        skipped: list[str] = []
        path, documents, lines = training.train_model(pairs, out, skipped)
        for problem in skipped:
            self.stderr.write(_("Left out: %(problem)s") % {"problem": problem})
        self.stdout.write(
            _(
                "Trained on %(documents)d documents (%(lines)d lines) in "
                "%(seconds).1f s: %(path)s, %(size)d bytes."
            )
            % {
                "documents": documents,
                "lines": lines,
                "seconds": time.monotonic() - started,
                "path": path,
                "size": path.stat().st_size,
            }
        )
