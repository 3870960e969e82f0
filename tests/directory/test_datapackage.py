"""The HSDS tabular datapackage: CSV headers as the standard has them, round trip."""

import csv
import io
import json
import zipfile

from django.core.management import call_command

from convivio.directory import hsds
from convivio.directory.models import Location, Schedule, Service

from .test_hsds_api import STANDARD, make_service


def standard_fields() -> dict[str, list[str]]:
    descriptor = json.loads((STANDARD / "datapackage.json").read_text())
    return {
        r["path"]: [f["name"] for f in r["schema"]["fields"]]
        for r in descriptor["resources"]
    }


def test_zip_download_has_the_standard_headers(client, organisation):
    make_service(organisation)
    response = client.get("/api/hsds/datapackage.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    fields = standard_fields()
    descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["profile"] == "tabular-data-package"
    written = {r["path"] for r in descriptor["resources"]}
    assert written == set(hsds.EXPORT_TABLES)
    for table in hsds.EXPORT_TABLES:
        reader = csv.reader(io.StringIO(archive.read(table).decode()))
        assert next(reader) == fields[table], table
    rows = lambda t: list(csv.DictReader(io.StringIO(archive.read(t).decode())))  # noqa: E731
    assert len(rows("services.csv")) == 1
    assert len(rows("locations.csv")) == 2
    assert len(rows("service_at_location.csv")) == 2
    assert len(rows("schedules.csv")) == 4
    assert rows("services.csv")[0]["name"] == "Health desk"


def test_zip_reimports_into_an_empty_directory(client, organisation, tmp_path):
    service = make_service(organisation)
    content = client.get("/api/hsds/datapackage.zip").content
    path = tmp_path / "export.zip"
    path.write_bytes(content)
    Service.objects.all().delete()
    Location.objects.all().delete()
    result = hsds.import_records(hsds.load_file(path), by_system=True)
    assert result.ok, result.errors
    again = Service.objects.get()
    assert again.hsds_id == service.hsds_id
    assert str(again) == "Health desk"
    assert again.service_locations.count() == 2
    assert Schedule.objects.filter(service=again, date__isnull=False).get().closed
    assert Schedule.objects.filter(service=again, weekday__isnull=False).count() == 3
    assert set(again.languages.values_list("code", flat=True)) == {"en", "ar"}
    assert again.themes.count() == 1 and again.target_groups.count() == 1
    assert again.contacts.get().phone == "+34 600 000 000"
    # A second import of the same file changes nothing.
    result = hsds.import_records(hsds.load_file(path), by_system=True)
    assert result.ok and not result.created


def test_export_command_writes_zip_and_folder(organisation, tmp_path):
    make_service(organisation)
    target = tmp_path / "hsds.zip"
    call_command("hsds_export", str(target))
    assert "services.csv" in zipfile.ZipFile(target).namelist()
    folder = tmp_path / "hsds"
    call_command("hsds_export", str(folder), "--dir")
    header = (folder / "organizations.csv").read_text().splitlines()[0]
    assert header.split(",") == standard_fields()["organizations.csv"]
    # A folder imports like a zip.
    result = hsds.import_records(hsds.load_file(folder), by_system=True)
    assert result.ok, result.errors
