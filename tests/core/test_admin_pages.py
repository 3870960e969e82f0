"""Every admin page opens for a platform administrator; what the services keep
consistent is read-only there (issue 11: one write path per model)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from convivio.core.models import Organisation
from convivio.directory.models import Schedule
from convivio.ingest.models import Draft
from convivio.plans.models import Observation, Plan, PlanChange
from convivio.practices.admin import PracticesOrganisationAdmin
from convivio.surveys.models import Survey


@pytest.mark.django_db
def test_every_changelist_and_add_page_opens(client, admin_user):
    client.force_login(admin_user)
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        expected = 200 if model_admin.has_add_permission(_request(admin_user)) else 403
        assert client.get(add).status_code == expected, add


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_fields_the_services_keep_are_read_only():
    def readonly(model) -> set[str]:
        return set(admin.site._registry[model].readonly_fields)

    assert {"status"} <= readonly(Plan)
    assert {"status", "validated_by", "validated_at"} <= readonly(Observation)
    assert {"status"} <= readonly(Survey)
    assert {"status", "created_object"} <= readonly(Draft)
    assert not admin.site._registry[PlanChange].has_change_permission(None)
    # Opening hours are shown, not edited (services.schedule_set holds the rule).
    service_admin = next(
        a for m, a in admin.site._registry.items() if m._meta.model_name == "service"
    )
    hours = next(i for i in service_admin.inlines if i.model is Schedule)
    assert set(hours.fields) <= set(hours.readonly_fields)
    # The organisation admin of practices keeps the practice facets in step.
    assert isinstance(admin.site._registry[Organisation], PracticesOrganisationAdmin)
