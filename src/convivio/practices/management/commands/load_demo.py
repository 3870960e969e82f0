from django.core.management.base import BaseCommand
from django.urls import reverse

from convivio.core.models import User
from convivio.directory.demo import directory_demo_load
from convivio.ingest.demo import demo_files, demo_ingest, seeds_dir
from convivio.plans.demo import plans_demo_load
from convivio.practices.demo import demo_load
from convivio.surveys.demo import surveys_demo_load


class Command(BaseCommand):
    help = (
        "Load the demo: ingest the seed documents (or our sample documents) through "
        "the ingestion pipeline, add the Vale Novo plan, and (re)set the demo "
        "accounts' passwords."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="The address the demo is served at (`make demo` passes its own).",
        )

    def handle(self, *args, **options) -> None:
        result = demo_load(content=False)
        plans = plans_demo_load(andalusia=False)
        for item in plans.plans:
            self.stdout.write(
                f"Demo plan: {item.plan}: {item.measures} measures, {item.indicators} "
                f"indicators, {item.observations} reported values"
            )
        files = demo_files()
        where = (
            "seed documents"
            if files and files[0].parent == seeds_dir()
            else f"sample documents (no seed folder at {seeds_dir()})"
        )
        self.stdout.write(f"Ingesting {len(files)} {where}:")
        admin = User.objects.get(username="admin")
        for item in demo_ingest(admin):
            job = item.job
            line = f"- {item.filename}: {job.get_status_display()}"
            if job.genre:
                line += f", {job.get_genre_display()}"
            line += f", drafts accepted: {item.accepted}"
            if item.waiting:
                line += (
                    f", {len(item.waiting)} waiting for review at "
                    f"{reverse('ingest:review', args=[job.pk])}"
                )
            for problem in job.problems:
                line += f"\n    {problem}"
            self.stdout.write(line)

        directory = directory_demo_load()
        self.stdout.write(
            f"Demo directory of {directory.town}: {directory.services} services "
            f"({directory.created} new) of {directory.organisations} organisations at "
            f"{directory.locations} places"
        )
        assessment = surveys_demo_load(directory.town)
        self.stdout.write(
            f"Demo needs assessment: {assessment.survey} "
            f"({assessment.responses} answers); diagnosis at "
            f"{reverse('directory:diagnosis', args=[directory.town.pk])}"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Sign in at {options['url'].rstrip('/')}{reverse('login')} with:"
            )
        )
        for username, password, role in [*result["accounts"], *plans.accounts]:
            self.stdout.write(f"  {username:<10} {password:<16} ({role})")
