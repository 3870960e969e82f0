"""core.hooks: the sections other apps add to a page, in their order, only when
they have something to show; the real pages get theirs from each app."""

from __future__ import annotations

from django.template import Context, Template
from django.test import RequestFactory

from convivio.core import hooks

OPTIONS = "core/widgets/_picker_option_list.html"


def test_sections_come_in_their_order_and_only_with_something_to_show(monkeypatch):
    monkeypatch.setattr(hooks, "_sections", {})
    hooks.register_section(
        "page", "late", templates=OPTIONS, context=lambda r, o: {"options": ["b"]}
    )
    hooks.register_section(
        "page",
        "early",
        templates=OPTIONS,
        context=lambda r, o: {"options": [o]},
        order=1,
    )
    hooks.register_section(
        "page", "empty", templates=OPTIONS, context=lambda r, o: None, order=2
    )
    request = RequestFactory().get("/")
    shown = hooks.sections("page", request, "a")
    html = Template('{% load convivio %}{% page_sections sections "main" %}').render(
        Context({"sections": shown})
    )
    assert html == '<option value="a"></option><option value="b"></option>'
    # A slot the sections do not fill stays empty.
    assert (
        Template('{% load convivio %}{% page_sections sections "side" %}').render(
            Context({"sections": shown})
        )
        == ""
    )


def test_registering_again_replaces_the_section(monkeypatch):
    monkeypatch.setattr(hooks, "_sections", {})
    for value in ("old", "new"):
        hooks.register_section(
            "page",
            "same",
            templates=OPTIONS,
            context=lambda r, o, value=value: {"options": [value]},
        )
    shown = hooks.sections("page", RequestFactory().get("/"))
    assert [section.context for section in shown] == [{"options": ["new"]}]


def test_the_apps_register_what_the_pages_of_core_show():
    """Each app fills core's pages from its AppConfig.ready(), in page order."""
    names = {
        page: [s.name for s in sorted(found.values(), key=lambda s: s.order)]
        for page, found in hooks._sections.items()
    }
    assert names["territory"] == [
        "directory",
        "plans",
        "surveys",
        "networks",
        "feedback",
        "events",
    ]
    assert names["home"] == ["practices"]
    assert names["organisation"] == ["practices"]
    assert names["practice"] == ["plans"]
    assert names["library.document"] == ["ingest"]
    labels = {model._meta.label for model, _field in hooks.place_records()}
    assert labels == {
        "plans.Plan",
        "directory.Location",
        "surveys.Survey",
        "community.Network",
    }
