"""Export the directory's active services as an HSDS 3.0 tabular datapackage."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from convivio.directory import hsds


class Command(BaseCommand):
    help = (
        "Write the active services as an HSDS 3.0 tabular datapackage: a zip (or, "
        "with --dir, a folder) of CSV files, one per table, and datapackage.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="zip file to write (or folder with --dir)")
        parser.add_argument(
            "--dir", action="store_true", help="write a folder instead of a zip"
        )

    def handle(self, *args, target: str, dir: bool, **options):
        path = Path(target)
        if dir:
            counts = hsds.write_datapackage_dir(path)
        else:
            with path.open("wb") as out:
                counts = hsds.write_datapackage_zip(out)
        rows = ", ".join(f"{table} {n}" for table, n in counts.items() if n)
        self.stdout.write(
            self.style.SUCCESS(
                _("Wrote %(path)s: %(rows)s.") % {"path": path, "rows": rows}
                if rows
                else _("Wrote %(path)s: no rows.") % {"path": path}
            )
        )
