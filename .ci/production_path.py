"""The production path, from the checkout, as docs/operations.md tells an operator.

    .venv/bin/python .ci/production_path.py

1. build the wheel of the checkout and install it (without its dependencies, which
   .venv already has) into a folder put first on PYTHONPATH: the server runs the
   package as `pip install .` makes it, templates and static files included;
2. `convivio check --deploy` with production settings: must report nothing;
3. `convivio collectstatic --no-input` (the manifest storage of production);
4. `convivio migrate` (SQLite in a temporary var folder, or CI_PRODUCTION_DATABASE_URL);
5. gunicorn (`convivio.wsgi`) on a free port of 127.0.0.1;
6. the main pages (some in Spanish and Arabic, from the compiled catalogues the
   wheel carries), an unknown address (our own 404 page), the API and the static
   files the pages name (CSS, leaflet.js, Swagger UI's files), each with the status
   expected, requested as the TLS proxy in front of it would (X-Forwarded-Proto);
7. gunicorn stopped.

Prints the time of each phase and each response's time; exits 1 on any failure.
"""

# ruff: noqa: T201 - a CI script prints what it does
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PIP = [str(VENV_BIN / "python"), "-m", "pip"]
GUNICORN_WORKERS = 2
START_TIMEOUT = 90  # seconds for gunicorn to answer its first request

#: The main pages, each answering 200 with HTML under our CSP.
PAGES = [
    "/en/",
    "/en/practices/",
    "/en/plans/",
    "/en/directory/",
    "/en/library/",
    "/en/surveys/",
    "/es/practices/",
    "/ar/",
]


@dataclass
class Run:
    phases: list[tuple[str, float]] = field(default_factory=list)
    fetches: list[tuple[str, int, float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def phase(self, name: str, began: float) -> None:
        took = time.monotonic() - began
        self.phases.append((name, took))
        print(f"  {name}: {took:.1f} s", flush=True)

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"  FAILED: {message}", flush=True)


class Stop(Exception):
    """A phase failed: nothing after it can run."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_command(args: list[str], env: dict[str, str], run: Run, name: str) -> str:
    began = time.monotonic()
    print(f"$ {' '.join(args)}", flush=True)
    result = subprocess.run(  # noqa: S603 - our own commands
        args, env=env, cwd=env["CI_WORK_DIR"], capture_output=True, text=True
    )
    run.phase(name, began)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        run.fail(f"{name} exited with {result.returncode}:\n{output}")
        raise Stop
    return output


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(
    base: str, path: str, run: Run, *, https: bool = True, **extra: str
) -> tuple[int, dict[str, str], bytes]:
    headers = {"User-Agent": "convivio-ci", **extra}
    if https:
        # What the TLS-terminating proxy adds (DJANGO_BEHIND_PROXY=1).
        headers["X-Forwarded-Proto"] = "https"
    request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
    began = time.monotonic()
    try:
        with OPENER.open(request, timeout=60) as response:
            status, head, body = (
                response.status,
                dict(response.headers),
                response.read(),
            )
    except urllib.error.HTTPError as error:
        status, head, body = error.code, dict(error.headers), error.read()
    took = time.monotonic() - began
    run.fetches.append((path, status, took))
    print(f"  {status} {took * 1000:7.1f} ms  {len(body):>9,} B  {path}", flush=True)
    return status, head, body


def expect(run: Run, condition: bool, message: str) -> None:
    if not condition:
        run.fail(message)


def static_addresses(html: bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = [tag.get("href") for tag in soup.select("link[href]")]
    found += [tag.get("src") for tag in soup.select("script[src], img[src]")]
    return [url for url in found if url and url.startswith("/static/")]


def check_pages(base: str, run: Run) -> set[str]:
    """Every main page: 200, HTML, our CSP; returns the static files they name."""
    named: set[str] = set()
    for path in [*PAGES, "/en/directory/map/"]:
        status, head, body = fetch(base, path, run)
        expect(run, status == 200, f"{path} answered {status}, not 200")
        expect(run, "text/html" in head.get("Content-Type", ""), f"{path} is not HTML")
        expect(
            run,
            "script-src 'self' 'nonce-" in head.get("Content-Security-Policy", ""),
            f"{path} has no Content-Security-Policy with a nonce",
        )
        addresses = static_addresses(body)
        expect(run, bool(addresses), f"{path} names no static file")
        named.update(addresses)
    return named


def check_languages(base: str, run: Run) -> None:
    """The compiled catalogues are in the wheel; / goes to the browser's language."""
    status, head, _body = fetch(base, "/", run, **{"Accept-Language": "ar,en;q=0.5"})
    expect(
        run,
        status == 302 and head.get("Location", "").endswith("/ar/"),
        f"/ with an Arabic browser answered {status} {head.get('Location')}, not /ar/",
    )
    _status, _head, body = fetch(base, "/es/practices/", run)
    soup = BeautifulSoup(body, "html.parser")
    expect(run, soup.html.get("lang") == "es", "/es/practices/ is not lang=es")
    expect(
        run,
        "Buenas prácticas" in soup.get_text(),
        "/es/practices/ is not in Spanish (no compiled catalogue in the wheel?)",
    )
    _status, _head, body = fetch(base, "/ar/", run)
    html = BeautifulSoup(body, "html.parser").html
    expect(run, html.get("dir") == "rtl", "/ar/ is not right to left")


def check_not_found(base: str, run: Run) -> None:
    status, _head, body = fetch(base, "/en/no-such-page/", run)
    expect(run, status == 404, f"an unknown address answered {status}, not 404")
    heading = BeautifulSoup(body, "html.parser").h1
    expect(
        run,
        heading is not None and heading.get_text(strip=True) == "Page not found",
        "the 404 page is not ours",
    )
    expect(run, b"URLconf" not in body, "the 404 page lists the routes (DEBUG on?)")
    status, _head, _body = fetch(base, "/media/library/no/such/file.pdf", run)
    expect(run, status == 404, f"an unknown uploaded file answered {status}, not 404")
    # Plain http straight to the server is sent to https, as production must.
    status, head, _body = fetch(base, "/", run, https=False)
    expect(
        run,
        status == 301 and head.get("Location", "").startswith("https://"),
        f"plain http answered {status}, not a redirect to https",
    )


def check_api(base: str, run: Run) -> set[str]:
    status, _head, body = fetch(base, "/api/practices", run)
    expect(run, status == 200, f"/api/practices answered {status}")
    if status == 200:
        data = json.loads(body)
        expect(run, {"items", "count"} <= set(data), "/api/practices: no items/count")
    status, _head, body = fetch(base, "/api/openapi.json", run)
    expect(run, status == 200, f"/api/openapi.json answered {status}")
    if status == 200:
        paths = json.loads(body).get("paths", {})
        expect(
            run, "/api/practices" in paths, "the OpenAPI schema lacks /api/practices"
        )
    status, _head, body = fetch(base, "/api/docs", run)
    expect(run, status == 200, f"/api/docs answered {status}")
    soup = BeautifulSoup(body, "html.parser")
    inline = [
        tag
        for tag in soup.find_all("script")
        if not tag.get("src") and tag.get("type") != "application/json"
    ]
    expect(run, not inline, "/api/docs has an inline script (blocked by our CSP)")
    outside = [
        url
        for url in [tag.get("src") for tag in soup.find_all("script")]
        + [tag.get("href") for tag in soup.find_all("link")]
        if url and not url.startswith("/")
    ]
    expect(run, not outside, f"/api/docs loads files from elsewhere: {outside}")
    named = set(static_addresses(body))
    expect(
        run,
        any("swagger-ui-bundle" in url for url in named),
        "/api/docs does not load Swagger UI from our static files",
    )
    status, _head, body = fetch(base, "/api/no-such-thing", run)
    expect(run, status == 404, f"an unknown API address answered {status}, not 404")
    return named


def check_static(base: str, named: set[str], run: Run) -> None:
    for wanted in (
        "convivio/app.css",
        "convivio/leaflet/leaflet.js",
        "ninja/swagger-ui.css",
        "ninja/swagger-ui-bundle.js",
    ):
        stem, extension = wanted.rsplit(".", 1)
        hashed = re.compile(
            rf"^/static/{re.escape(stem)}\.[0-9a-f]{{12}}\.{extension}$"
        )
        expect(run, any(hashed.match(url) for url in named), f"no page names {wanted}")
    for url in sorted(named):
        expect(
            run,
            re.search(r"\.[0-9a-f]{12}\.\w+$", url) is not None,
            f"{url} is not a hashed name from the manifest",
        )
        status, head, body = fetch(base, url, run)
        expect(run, status == 200 and body, f"{url} answered {status}")
        expect(
            run,
            "max-age=315360000" in head.get("Cache-Control", ""),
            f"{url} is not cached for long (WhiteNoise serving hashed files)",
        )
    # The largest file goes out compressed to a browser that accepts it.
    largest = max(named, key=lambda url: "swagger-ui-bundle" in url)
    status, head, _body = fetch(base, largest, run, **{"Accept-Encoding": "br, gzip"})
    expect(
        run,
        status == 200 and head.get("Content-Encoding") in ("br", "gzip"),
        f"{largest} is not sent compressed",
    )


def install_wheel(work: Path, env: dict[str, str], run: Run) -> Path:
    """The package as `pip install .` makes it, on PYTHONPATH before the checkout."""
    source = work / "source"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        path = ROOT / name.decode()
        if path.is_file():
            target = source / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    wheels = work / "wheels"
    run_command(
        [*PIP, "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
        env,
        run,
        "build the wheel",
    )
    site = work / "site"
    wheel = next(wheels.glob("convivio-*.whl"))
    run_command(
        [*PIP, "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        env,
        run,
        "install the wheel",
    )
    return site


def report(run: Run) -> int:
    print("\nFigures of the production path")
    for name, took in run.phases:
        print(f"  {name:<28} {took:6.1f} s")
    if run.fetches:
        times = sorted(took * 1000 for _path, _status, took in run.fetches)
        pages = [
            took * 1000
            for path, _status, took in run.fetches
            if not path.startswith("/static/")
        ]
        print(
            f"  {len(times)} requests: median {statistics.median(times):.1f} ms, "
            f"max {times[-1]:.1f} ms; pages and API: median "
            f"{statistics.median(pages):.1f} ms, max {max(pages):.1f} ms"
        )
    if run.failures:
        print(f"\n{len(run.failures)} failure(s):")
        for failure in run.failures:
            print(f"  - {failure}")
        return 1
    print("\nThe production path works.")
    return 0


def main() -> int:
    run = Run()
    work = Path(tempfile.mkdtemp(prefix="convivio-production-"))
    server: subprocess.Popen | None = None
    try:
        var = work / "var"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "CONVIVIO_"))
            and key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_URL"}
        }
        env.update(
            {
                "CI_WORK_DIR": str(work),
                "DJANGO_SETTINGS_MODULE": "convivio.settings",
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                # Behind a TLS proxy, as docs/operations.md tells: HTTPS settings on.
                "DJANGO_BEHIND_PROXY": "1",
                "CONVIVIO_VAR_DIR": str(var),
            }
        )
        if os.environ.get("CI_PRODUCTION_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["CI_PRODUCTION_DATABASE_URL"]
        print(f"Working in {work}", flush=True)
        site = install_wheel(work, env, run)
        env["PYTHONPATH"] = str(site)
        convivio = [str(VENV_BIN / "python"), "-m", "convivio"]
        where = run_command(
            [
                *convivio,
                "shell",
                "--no-imports",
                "-c",
                "import convivio; print(convivio.__file__)",
            ],
            env,
            run,
            "import the installed package",
        )
        expect(run, where.startswith(str(site)), f"convivio imported from {where}")
        output = run_command(
            [*convivio, "check", "--deploy", "--fail-level", "WARNING"],
            env,
            run,
            "check --deploy",
        )
        expect(
            run,
            output == "System check identified no issues (0 silenced).",
            f"check --deploy reported: {output}",
        )
        run_command(
            [*convivio, "collectstatic", "--no-input", "-v", "0"],
            env,
            run,
            "collectstatic",
        )
        run_command(
            [*convivio, "migrate", "--no-input", "-v", "0"], env, run, "migrate"
        )

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        began = time.monotonic()
        log = (work / "gunicorn.log").open("w")
        server = subprocess.Popen(  # noqa: S603 - our own server
            [
                str(VENV_BIN / "gunicorn"),
                "convivio.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(GUNICORN_WORKERS),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=work,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if (
                    server.poll() is not None
                    or time.monotonic() - began > START_TIMEOUT
                ):
                    log_text = (work / "gunicorn.log").read_text()
                    run.fail(f"gunicorn did not start:\n{log_text}")
                    raise Stop from None
                time.sleep(0.2)
        run.phase(f"gunicorn up ({GUNICORN_WORKERS} workers)", began)
        began = time.monotonic()
        fetch(base, "/", run)  # the first request loads the application
        run.fetches.pop()
        run.phase("first request", began)

        began = time.monotonic()
        named = check_pages(base, run)
        check_not_found(base, run)
        check_languages(base, run)
        named |= check_api(base, run)
        check_static(base, named, run)
        run.phase("requests", began)
    except Stop:
        pass
    finally:
        if server is not None:
            began = time.monotonic()
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
                run.fail("gunicorn did not stop on SIGTERM within 30 s")
            run.phase("gunicorn stopped", began)
            logged = (work / "gunicorn.log").read_text()
            if any(
                sign in logged
                for sign in ("Traceback", "[ERROR]", "Internal Server Error")
            ):
                run.fail("the server logged errors:\n" + logged[-4000:])
        shutil.rmtree(work, ignore_errors=True)
    return report(run)


if __name__ == "__main__":
    sys.exit(main())
