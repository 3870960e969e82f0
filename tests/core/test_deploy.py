"""The production path: collectstatic with the production storage, then pages with
DEBUG off.  A file a template names that collectstatic cannot process (a dangling
source map), or one missing from the manifest, turns every page into a 500 in
production while DEBUG pages look fine: these tests run the two together."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.views.defaults import server_error

from convivio.settings import (
    PACKAGE_DIR,
    PRODUCTION_STATICFILES_STORAGE,
    secret_key_from_file,
)

#: The main pages a visitor opens, each rendered with the production storage.
PAGES = [
    "/en/",
    "/en/practices/",
    "/en/plans/",
    "/en/directory/",
    "/en/directory/map/",
    "/en/library/",
    "/en/surveys/",
    "/en/organisations/",
    "/en/accounts/login/",
    "/en/accounts/signup/",
    "/api/docs",
]


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    """collectstatic with the production storage into a fresh folder (once)."""
    root = tmp_path_factory.mktemp("static")
    production = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STATICFILES_STORAGE},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=production, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


@pytest.fixture
def production(collected, settings):
    settings.DEBUG = False
    settings.STATIC_ROOT = collected
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STATICFILES_STORAGE},
    }
    # Only what collectstatic made is served, as in production.
    settings.WHITENOISE_USE_FINDERS = False
    return collected


def _static_addresses(html: bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = [tag.get("href") for tag in soup.select("link[href]")]
    found += [tag.get("src") for tag in soup.select("script[src], img[src]")]
    return [url for url in found if url and url.startswith("/static/")]


def test_production_settings_use_the_manifest_storage():
    assert PRODUCTION_STATICFILES_STORAGE.endswith("ManifestStaticFilesStorage")


def test_every_file_a_template_names_is_in_the_manifest(production):
    manifest = json.loads((production / "staticfiles.json").read_text())["paths"]
    named = set()
    for template in PACKAGE_DIR.rglob("templates/**/*.html"):
        named.update(
            re.findall(r"\{% static ['\"]([^'\"]+)['\"]", template.read_text())
        )
    assert "convivio/leaflet/leaflet.js" in named
    missing = sorted(name for name in named if name not in manifest)
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_with_hashed_static_files(production, path):
    client = Client()
    response = client.get(path)
    assert response.status_code == 200, path
    addresses = _static_addresses(response.content)
    assert addresses, f"{path} names no static file"
    for address in addresses:
        # A hashed name (app.3f2a9c….css), served as collectstatic left it.
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", address), address
        served = client.get(address)
        assert served.status_code == 200, address
        name = address.removeprefix("/static/")
        assert b"".join(served.streaming_content) == (production / name).read_bytes()


@pytest.mark.django_db
def test_map_page_loads_leaflet_from_the_manifest(production):
    response = Client().get("/en/directory/map/")
    scripts = BeautifulSoup(response.content, "html.parser").select("script[src]")
    leaflet = [tag["src"] for tag in scripts if "/leaflet/leaflet." in tag["src"]]
    assert leaflet == [staticfiles_storage.url("convivio/leaflet/leaflet.js")]


@pytest.mark.django_db
def test_unknown_address_is_our_own_404_page(production):
    response = Client().get("/en/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Page not found"
    assert soup.select_one("a[href='/en/']") is not None
    # Django's technical page lists the routes; ours names none.
    assert "URLconf" not in response.content.decode()


@pytest.mark.django_db
def test_forbidden_is_our_own_403_page(production, user):
    client = Client()
    client.force_login(user)
    response = client.get("/en/practices/review/")
    assert response.status_code == 403
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "You cannot do this"


def test_server_error_page_needs_nothing_that_can_fail(production):
    """The 500 page is plain HTML: no static file, no database, no context."""
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Something went wrong on our side"
    assert soup.html["lang"] == "en"
    assert _static_addresses(response.content) == []


# --- The secret key kept in var/ ------------------------------------------------------


def test_secret_key_is_made_once_private_and_reused(tmp_path):
    path = tmp_path / "var" / "secret_key"
    assert secret_key_from_file(path) == ""
    assert not path.exists()
    key = secret_key_from_file(path, create=True)
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key_from_file(path, create=True) == key
    assert secret_key_from_file(path) == key


def _convivio(args: list[str], var: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "convivio.settings",
        "DJANGO_DEBUG": "0",
        "CONVIVIO_VAR_DIR": str(var),
    }
    env.pop("SECRET_KEY", None)
    env.update(extra)
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "convivio", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_commands_after_the_demo_need_no_secret_key_variable(tmp_path):
    """`make demo` makes var/secret_key; the ingest CLI and others then just work."""
    var = tmp_path / "var"
    made = _convivio(["check"], var, CONVIVIO_CREATE_SECRET_KEY="1")
    assert made.returncode == 0, made.stderr
    key = (var / "secret_key").read_text().strip()
    shown = _convivio(
        [
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.SECRET_KEY)",
        ],
        var,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == key


@pytest.mark.django_db
def test_api_docs_page_runs_no_inline_script_and_loads_nothing_from_elsewhere(
    production, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        response = Client().get("/api/docs")
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script")
    # Only files of ours, and the settings as data (never run, so CSP-clean).
    assert [tag["type"] for tag in scripts if not tag.get("src")] == [
        "application/json"
    ]
    sources = [tag["src"] for tag in scripts if tag.get("src")]
    sources += [tag["href"] for tag in soup.find_all("link")]
    assert sources and all(url.startswith("/static/") for url in sources)
    assert any("swagger-ui-bundle" in url for url in sources)


def test_server_refuses_to_start_without_the_static_manifest(tmp_path, collected):
    """Rather than answer 500 on every page, gunicorn stops with what to run."""
    load = ["shell", "--no-imports", "-c", "import convivio.wsgi; print('serving')"]
    var = tmp_path / "var"
    refused = _convivio(load, var, SECRET_KEY="k" * 50)
    assert refused.returncode != 0
    assert "run `convivio collectstatic --no-input`" in refused.stderr
    # var/ holds the SQLite file, but not with DATABASE_URL set (PostgreSQL).
    var.mkdir(parents=True, exist_ok=True)
    (var / "static").symlink_to(collected, target_is_directory=True)
    started = _convivio(load, var, SECRET_KEY="k" * 50)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "serving"


# --- make demo ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def test_make_demo_runs_like_production_on_the_port_asked():
    planned = subprocess.run(
        ["make", "-n", "demo", "HOST=127.0.0.1", "PORT=8123"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    commands = [
        line
        for line in planned.splitlines()
        if " -m convivio " in line or "/gunicorn " in line
    ]
    steps = [re.search(r"(-m convivio|/gunicorn) (\S+)", c).group(2) for c in commands]
    assert steps == [
        "migrate",
        "collectstatic",
        "load_demo",
        "db_worker",
        "convivio.wsgi",
    ]
    for command in commands:
        # Production settings, relaxed only for plain http on this machine.
        assert command.startswith("DJANGO_DEBUG=0 DJANGO_HTTPS=0 "), command
        assert "CONVIVIO_CREATE_SECRET_KEY=1" in command
        assert "127.0.0.1,localhost" in command
    assert "--bind 127.0.0.1:8123" in commands[-1]
    assert "load_demo --url http://127.0.0.1:8123" in commands[2]
    assert "runserver" not in planned
    assert "Convivio runs at http://127.0.0.1:8123/" in planned
