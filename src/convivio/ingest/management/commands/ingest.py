"""``python -m convivio ingest FILE… [--json] [--genre G] [--language xx]``.

With ``--json`` nothing is saved: what the pipeline would make of each file is
printed on stdout (docs/ingestion.md describes the shape), errors go to stderr and
the exit code is 1 when a file could not be read.  Without it, each file becomes a
library document with an ingestion job (the same as an upload in the browser),
read by the worker, or at once with ``--now``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convivio.ingest import pipeline
from convivio.ingest.classify import GENRES
from convivio.ingest.extract import ExtractionError, extract, read_file


class Command(BaseCommand):
    help = (
        "Read plans and good-practice booklets (.txt, .md, .html, .pdf, .docx) into "
        "drafts for review; with --json, only print what would be made."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--json",
            action="store_true",
            help="save nothing; print the parse result as JSON on stdout",
        )
        parser.add_argument(
            "--genre", choices=GENRES, help="the kind of document, instead of guessing"
        )
        parser.add_argument(
            "--language",
            help="the document's language (ISO 639-1), instead of guessing",
        )
        parser.add_argument(
            "--spans",
            action="store_true",
            help="with --json: add each field's (start, end) span in the text",
        )
        parser.add_argument(
            "--user",
            help="without --json: the username the documents are added as "
            "(default: the first active superuser)",
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="without --json: read the files in this process instead of "
            "leaving them to the worker",
        )

    def handle(self, *args, **options) -> None:
        language = options["language"]
        if language and not re.fullmatch(r"[A-Za-z]{2,3}", language):
            raise CommandError(
                _("--language %(language)r: give an ISO 639-1 code.")
                % {"language": language}
            )
        if options["json"]:
            self._json(options)
        else:
            self._store(options)

    def _error(self, name: str, message: str) -> None:
        self.stderr.write(f"{name}: {message}")

    def _json(self, options) -> None:
        files: list[str] = options["files"]
        outputs = []
        failed = 0
        for name in files:
            try:
                _extracted, result = pipeline.ingest_path(
                    name, language=options["language"], genre=options["genre"]
                )
            except ExtractionError as error:
                self._error(name, error.message)
                failed += 1
                continue
            data = result.to_json(with_spans=options["spans"])
            if len(files) > 1:
                data = {"file": name, **data}
            outputs.append(data)
        if len(files) == 1:
            if outputs:
                self.stdout.write(json.dumps(outputs[0], ensure_ascii=False, indent=2))
        else:
            self.stdout.write(json.dumps(outputs, ensure_ascii=False, indent=2))
        if failed:
            raise CommandError(
                ngettext(
                    "%(failed)d of %(count)d file could not be read.",
                    "%(failed)d of %(count)d files could not be read.",
                    len(files),
                )
                % {"failed": failed, "count": len(files)},
                returncode=1,
            )

    def _user(self, username: str | None):
        User = get_user_model()
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(
                    _("No active user called %(name)r.") % {"name": username}
                )
            return user
        user = (
            User.objects.filter(is_superuser=True, is_active=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            raise CommandError(
                _("No active superuser to add the documents as: pass --user USERNAME.")
            )
        return user

    def _store(self, options) -> None:
        try:
            from convivio.ingest import services, tasks
        except ImportError as error:  # pragma: no cover - during development only
            raise CommandError(
                _("Storing documents is not available: %(error)s") % {"error": error}
            ) from None
        user = self._user(options["user"])
        failed = 0
        for name in options["files"]:
            path = Path(name)
            try:
                data = read_file(path)
                # Read it once here so that a file that cannot be read is refused
                # at once and leaves nothing behind.
                extract(data, path.name)
                job = services.document_ingest(
                    user=user, data=data, filename=path.name, genre=options["genre"]
                )
            except ExtractionError as error:
                self._error(name, error.message)
                failed += 1
                continue
            except (ValidationError, PermissionDenied) as error:
                self._error(name, " ".join(getattr(error, "messages", [str(error)])))
                failed += 1
                continue
            if getattr(job, "already_ingested", False):
                self.stdout.write(
                    _(
                        "%(file)s: already in the library as “%(document)s” "
                        "(job %(job)s); nothing changed."
                    )
                    % {"file": name, "document": job.document, "job": job.pk}
                )
                continue
            if options["language"]:
                type(job).objects.filter(pk=job.pk).update(
                    language=options["language"].lower()
                )
            if options["now"]:
                tasks.job_run(job.pk)
            job.refresh_from_db()
            drafts = job.drafts.count()
            facts = [
                _("“%(document)s”, job %(job)s %(status)s")
                % {
                    "document": job.document,
                    "job": job.pk,
                    "status": job.get_status_display(),
                }
            ]
            if drafts:
                facts.append(
                    ngettext(
                        "%(count)d draft to review",
                        "%(count)d drafts to review",
                        drafts,
                    )
                    % {"count": drafts}
                )
            if job.genre:
                facts.append(_("genre %(genre)s") % {"genre": job.genre})
            self.stdout.write(f"{name}: " + ", ".join(facts))
            for problem in job.problems or []:
                self.stdout.write(f"  - {problem}")
        if failed:
            total = len(options["files"])
            raise CommandError(
                ngettext(
                    "%(failed)d of %(count)d file could not be added.",
                    "%(failed)d of %(count)d files could not be added.",
                    total,
                )
                % {"failed": failed, "count": total},
                returncode=1,
            )
