"""Moderators import an HSDS file from the browser; errors listed, nothing saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convivio.directory.models import Service

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[3] / "shared/standards/hsds-3/examples"


def _upload(name: str, content: bytes) -> dict:
    return {"file": SimpleUploadedFile(name, content, "application/json")}


def test_moderator_imports_the_official_example(client, moderator):
    client.force_login(moderator)
    assert client.get("/en/directory/import/").status_code == 200
    data = (EXAMPLES / "service_full.json").read_bytes()
    response = client.post("/en/directory/import/", _upload("service_full.json", data))
    assert response.status_code == 200, response.text[:500]
    assert "Imported" in response.text
    assert Service.objects.count() == 1
    again = client.post("/en/directory/import/", _upload("service_full.json", data))
    assert again.status_code == 200
    assert Service.objects.count() == 1


def test_a_file_that_fails_the_schema_saves_nothing(client, moderator):
    client.force_login(moderator)
    record = json.loads((EXAMPLES / "service_full.json").read_text())
    record.pop("name")
    response = client.post(
        "/en/directory/import/", _upload("broken.json", json.dumps(record).encode())
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.text
    assert "name" in response.text
    assert not Service.objects.exists()
    junk = client.post(
        "/en/directory/import/", _upload("junk.json", b"\x00\xffnot json")
    )
    assert junk.status_code == 400
    assert not Service.objects.exists()


def test_only_moderators_import(client, user):
    client.force_login(user)
    assert client.get("/en/directory/import/").status_code == 403
    client.logout()
    assert client.get("/en/directory/import/").status_code == 302
