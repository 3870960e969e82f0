"""The notifications networks send (registered from ``CommunityConfig.ready``):
the sentence is written when it is read, in the reader's language, from the
network's id and name and the person's name kept in ``params``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from . import notifications


def _join_request(params: dict[str, Any]) -> str:
    return _("%(person)s asks to join %(network)s.") % {
        "person": params.get("person", ""),
        "network": params.get("name", ""),
    }


def _invitation(params: dict[str, Any]) -> str:
    return _("You are invited to join %(network)s.") % {
        "network": params.get("name", "")
    }


def _request_accepted(params: dict[str, Any]) -> str:
    return _("You are now a member of %(network)s.") % {
        "network": params.get("name", "")
    }


def _request_declined(params: dict[str, Any]) -> str:
    return _("Your request to join %(network)s was declined.") % {
        "network": params.get("name", "")
    }


def _invitation_accepted(params: dict[str, Any]) -> str:
    return _("%(person)s accepted the invitation to %(network)s.") % {
        "person": params.get("person", ""),
        "network": params.get("name", ""),
    }


def _invitation_declined(params: dict[str, Any]) -> str:
    return _("%(person)s declined the invitation to %(network)s.") % {
        "person": params.get("person", ""),
        "network": params.get("name", ""),
    }


KINDS = {
    "network_join_request": _join_request,
    "network_invitation": _invitation,
    "network_request_accepted": _request_accepted,
    "network_request_declined": _request_declined,
    "network_invitation_accepted": _invitation_accepted,
    "network_invitation_declined": _invitation_declined,
}


def register_kinds() -> None:
    for key, text in KINDS.items():
        notifications.register_kind(key, text)
