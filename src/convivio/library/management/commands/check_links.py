"""Check the library's links and e-mail their editors about broken ones.

Run daily, from cron or a systemd timer:  convivio check_links
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convivio.library import services
from convivio.library.models import Link


class Command(BaseCommand):
    help = "Check every link in the library; flag broken ones and tell their editors."

    def add_arguments(self, parser):
        parser.add_argument(
            "ids", nargs="*", type=int, help="Check only these links (ids)."
        )
        parser.add_argument(
            "--broken",
            action="store_true",
            help="Check only the links already flagged as broken.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the check for the task worker instead of running it now.",
        )

    def handle(self, *args, ids: list[int], broken: bool, enqueue: bool, **options):
        links = Link.objects.all()
        if ids:
            links = links.filter(pk__in=ids)
            missing = set(ids) - set(links.values_list("pk", flat=True))
            if missing:
                raise CommandError(
                    ngettext(
                        "No link with id %(ids)s.",
                        "No links with ids %(ids)s.",
                        len(missing),
                    )
                    % {"ids": ", ".join(map(str, sorted(missing)))}
                )
        if broken:
            links = links.filter(broken_since__isnull=False)
        if enqueue:
            from convivio.library.tasks import check_links_task

            result = check_links_task.enqueue(
                sorted(links.values_list("pk", flat=True)) if (ids or broken) else None
            )
            self.stdout.write(_("Queued link check %(id)s.") % {"id": result.id})
            return
        summary = services.links_check(links=links)
        self.stdout.write(
            ngettext(
                "Checked %(checked)d link: %(ok)d working, %(broken)d broken "
                "(%(newly_broken)d newly broken, their editors were told).",
                "Checked %(checked)d links: %(ok)d working, %(broken)d broken "
                "(%(newly_broken)d newly broken, their editors were told).",
                summary["checked"],
            )
            % summary
        )
        if summary["left"]:
            self.stdout.write(
                ngettext(
                    "Stopped at the task time limit (CONVIVIO_TASK_TIME_LIMIT): "
                    "%(left)d link left for the next run.",
                    "Stopped at the task time limit (CONVIVIO_TASK_TIME_LIMIT): "
                    "%(left)d links left for the next run.",
                    summary["left"],
                )
                % summary
            )
