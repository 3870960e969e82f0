"""Background work of notifications (django.tasks; the database worker runs it:
``python -m convivio db_worker``): the e-mails sent one at a time, off the
request that made them, and the daily digest."""

from __future__ import annotations

from django.tasks import task


@task
def send_immediate_task(notification_ids: list[int]) -> int:
    """E-mail these notifications, one message each."""
    from . import emails

    return emails.send_immediate(notification_ids)


@task
def send_digests_task() -> int:
    """The daily digest of every person (``convivio send_digests --enqueue``)."""
    from . import emails

    return emails.send_digests()
