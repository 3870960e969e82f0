"""E-mail the daily digest of notifications.

Run daily, from cron or a systemd timer:  convivio send_digests
Running it again sends nothing new (each notification is e-mailed once).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convivio.community import emails


class Command(BaseCommand):
    help = (
        "E-mail each person the digest of their notifications not e-mailed yet "
        "(the topics they follow in a daily digest). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the digests for the task worker instead of sending them now.",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            from convivio.community.tasks import send_digests_task

            result = send_digests_task.enqueue()
            self.stdout.write(_("Queued the digests %(id)s.") % {"id": result.id})
            return
        sent = emails.send_digests()
        self.stdout.write(
            ngettext("Sent %(count)d digest.", "Sent %(count)d digests.", sent)
            % {"count": sent}
        )
