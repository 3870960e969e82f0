from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "convivio.discussions"
    label = "discussions"
    verbose_name = _("Discussions and posts")

    def ready(self) -> None:
        from . import notices, search, sections, signals

        search.register_kinds()
        sections.register()
        notices.register()
        signals.connect()
        from convivio.community import moderation

        from . import permissions
        from .models import Post

        # The moderation screens ask who may read (and so report) a post.
        register_reader = getattr(moderation, "register_reader", None)
        if register_reader is not None:
            register_reader(Post, permissions.can_view_post)
