"""Delete chat messages older than the retention period (daily, from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import ngettext

from convivio.chat import services


class Command(BaseCommand):
    help = (
        "Delete chat messages older than CONVIVIO_CHAT_RETENTION_DAYS days "
        "(or --days); 0 keeps every message."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        deleted = services.prune(days)
        self.stdout.write(
            ngettext(
                "%(count)d chat message deleted.",
                "%(count)d chat messages deleted.",
                deleted,
            )
            % {"count": deleted}
        )
