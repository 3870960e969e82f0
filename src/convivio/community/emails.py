"""The e-mails of notifications: one at a time, or the daily digest, each in the
recipient's language with a one-click unsubscribe link."""

from __future__ import annotations


def send_immediate(notification_ids: list[int]) -> int:
    """E-mail each notification to its person; returns how many went out."""
    raise NotImplementedError  # written with the notification screens


def send_digests() -> int:
    """One digest per person of what they have not been e-mailed yet."""
    raise NotImplementedError  # written with the notification screens
