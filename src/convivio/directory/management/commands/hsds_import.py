"""Import an HSDS 3.0 JSON file or tabular datapackage into the directory."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from convivio.directory import hsds


class Command(BaseCommand):
    help = (
        "Import services and organisations from an HSDS 3.0 file: JSON (a service, "
        "an organization, a list or a page of them) or a tabular datapackage (zip "
        "or folder of CSV files). Every record is checked first; if one fails, the "
        "errors are listed and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file, datapackage zip, or folder")
        parser.add_argument(
            "--language",
            default="en",
            help="Language of the texts in the file (default: en)",
        )

    def handle(self, *args, file: str, language: str, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(_("No such file or folder: %(path)s") % {"path": path})
        try:
            data = hsds.load_file(path)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        result = hsds.import_records(data, by_system=True, language=language)
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
