from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convivio.core.models import User
from convivio.demo.chat import chat_demo_load
from convivio.demo.codesign import codesign_demo_load
from convivio.demo.community import community_demo_load
from convivio.demo.content import plans as plans_demo_content
from convivio.demo.directory import directory_demo_load
from convivio.demo.discussions import discussions_demo_load
from convivio.demo.events import events_demo_load
from convivio.demo.feedback import feedback_demo_load
from convivio.demo.ingest import demo_files, demo_ingest, seeds_dir
from convivio.demo.people import people_demo_load
from convivio.demo.plans import plans_demo_load
from convivio.demo.practices import demo_load
from convivio.demo.surveys import surveys_demo_load
from convivio.demo.translations import demo_translations_load


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
        result = demo_load()
        plans = plans_demo_load()
        for item in plans.plans:
            self.stdout.write(
                _("Demo plan: %(plan)s: %(facts)s")
                % {
                    "plan": item.plan,
                    "facts": ", ".join(
                        [
                            ngettext(
                                "%(count)d measure", "%(count)d measures", item.measures
                            )
                            % {"count": item.measures},
                            ngettext(
                                "%(count)d indicator",
                                "%(count)d indicators",
                                item.indicators,
                            )
                            % {"count": item.indicators},
                            ngettext(
                                "%(count)d reported value",
                                "%(count)d reported values",
                                item.observations,
                            )
                            % {"count": item.observations},
                        ]
                    ),
                }
            )
        files = demo_files()
        if files and files[0].parent == seeds_dir():
            self.stdout.write(
                ngettext(
                    "Ingesting %(count)d seed document:",
                    "Ingesting %(count)d seed documents:",
                    len(files),
                )
                % {"count": len(files)}
            )
        else:
            self.stdout.write(
                ngettext(
                    "Ingesting %(count)d sample document (no seed folder at %(path)s):",
                    "Ingesting %(count)d sample documents (no seed folder at "
                    "%(path)s):",
                    len(files),
                )
                % {"count": len(files), "path": seeds_dir()}
            )
        admin = User.objects.get(username="admin")
        for ingested in demo_ingest(admin):
            job = ingested.job
            line = f"- {ingested.filename}: {job.get_status_display()}"
            if job.genre:
                line += f", {job.get_genre_display()}"
            line += f", drafts accepted: {ingested.accepted}"
            if ingested.waiting:
                line += (
                    f", {len(ingested.waiting)} waiting for review at "
                    f"{reverse('ingest:review', args=[job.pk])}"
                )
            for problem in job.problems:
                line += f"\n    {problem}"
            self.stdout.write(line)

        directory = directory_demo_load()
        self.stdout.write(
            _("Demo directory of %(town)s: %(facts)s")
            % {
                "town": directory.town,
                "facts": ", ".join(
                    [
                        ngettext(
                            "%(count)d service",
                            "%(count)d services",
                            directory.services,
                        )
                        % {"count": directory.services},
                        ngettext("%(count)d new", "%(count)d new", directory.created)
                        % {"count": directory.created},
                        ngettext(
                            "%(count)d organisation",
                            "%(count)d organisations",
                            directory.organisations,
                        )
                        % {"count": directory.organisations},
                        ngettext(
                            "%(count)d place", "%(count)d places", directory.locations
                        )
                        % {"count": directory.locations},
                    ]
                ),
            }
        )
        assessment = surveys_demo_load(directory.town)
        self.stdout.write(
            ngettext(
                "Demo needs assessment: %(survey)s (%(count)d answer); diagnosis "
                "at %(url)s",
                "Demo needs assessment: %(survey)s (%(count)d answers); diagnosis "
                "at %(url)s",
                assessment.responses,
            )
            % {
                "survey": assessment.survey,
                "count": assessment.responses,
                "url": reverse("directory:diagnosis", args=[directory.town.pk]),
            }
        )
        translator = (
            User.objects.filter(username=plans_demo_content.OFFICER["username"]).first()
            or admin
        )
        translations = demo_translations_load(translator)
        self.stdout.write(
            ngettext(
                "Demo translations: %(count)d new translation of the plan and "
                "services (reviewed, machine-made and one outdated)",
                "Demo translations: %(count)d new translations of the plan and "
                "services (reviewed, machine-made and one outdated)",
                translations.rows,
            )
            % {"count": translations.rows}
        )
        self._exchange(directory.town)
        self.stdout.write(
            self.style.SUCCESS(
                _("Sign in at %(url)s with:")
                % {"url": options["url"].rstrip("/") + reverse("login")}
            )
        )
        accounts = [*result["accounts"], *plans.accounts, *self.community.accounts]
        width = max(len(username) for username, _p, _r in accounts)
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<{width}} {password:<14} ({role})")

    def _exchange(self, town) -> None:
        """Vale Novo's networks and what happens in them: threads, chat, events,
        feedback on services and a co-design process."""
        community = community_demo_load(town)
        self.community = community
        people_demo_load(community.people)
        made = {
            "threads": discussions_demo_load(community),
            "messages": chat_demo_load(community),
            "events": events_demo_load(community),
            "answers": feedback_demo_load(town),
            "processes": codesign_demo_load(community),
        }
        for network in (community.forum, community.women):
            self.stdout.write(
                _("Demo network: %(network)s at %(url)s")
                % {"network": network, "url": network.get_absolute_url()}
            )
        self.stdout.write(
            ngettext(
                "Demo exchange: %(count)d new record (threads, chat messages, "
                "events, feedback answers, co-design processes)",
                "Demo exchange: %(count)d new records (threads, chat messages, "
                "events, feedback answers, co-design processes)",
                sum(made.values()),
            )
            % {"count": sum(made.values())}
        )
