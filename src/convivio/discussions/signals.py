"""Moderation (``community.moderation``) saves a post's ``state`` alone: the
thread and the search index follow (``services.state_changed``)."""

from __future__ import annotations

from django.db.models.signals import post_save

from . import services
from .models import Post


def post_saved(sender, instance: Post, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "state" in update_fields:
        services.state_changed(instance)


def connect() -> None:
    post_save.connect(post_saved, sender=Post, dispatch_uid="discussions-post-state")
