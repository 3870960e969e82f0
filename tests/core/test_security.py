"""Production settings, security headers and sanitised Markdown."""

import os
import re
import secrets
import subprocess
import sys

import pytest

from convivio.core.markdown import render_markdown

pytestmark = pytest.mark.django_db


def test_check_deploy_passes_in_production_mode(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "convivio.settings",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_DEBUG": "0",
        "ALLOWED_HOSTS": "example.org",
        "CONVIVIO_VAR_DIR": str(tmp_path / "var"),
    }
    for name in ("DJANGO_HTTPS", "EMAIL_URL", "DATABASE_URL"):
        env.pop(name, None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "convivio",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "convivio.settings",
        "DJANGO_DEBUG": "0",
        "CONVIVIO_VAR_DIR": str(tmp_path / "var"),
    }
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "convivio", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable." in result.stderr


def test_pages_carry_security_headers(client):
    response = client.get("/en/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    match = re.search(r"script-src 'self' 'nonce-([^']+)'", csp)
    assert match, csp
    nonce = match.group(1)
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    scripts = re.findall(r"<script\b[^>]*>", response.text)
    assert scripts
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_each_response_gets_a_fresh_nonce(client):
    first = client.get("/en/").headers["Content-Security-Policy"]
    second = client.get("/en/").headers["Content-Security-Policy"]
    assert first != second


# --- Markdown ----------


def test_markdown_renders_ordinary_formatting():
    html = render_markdown("Some **bold**, *italic* and [a link](https://example.org).")
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow ugc"' in html


def test_markdown_escapes_script_tags():
    html = render_markdown("Hello <script>alert('x')</script>")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_markdown_neutralises_event_handlers():
    html = render_markdown('<img src="x" onerror="alert(1)">\n\n<b onclick="x()">b</b>')
    assert "<img" not in html
    assert "<b " not in html
    assert re.search(r"<[^>]+onerror", html) is None
    assert re.search(r"<[^>]+onclick", html) is None


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox(1))",
        "<javascript:alert(1)>",
    ],
)
def test_markdown_never_makes_a_link_of_a_dangerous_scheme(source):
    html = render_markdown(source)
    assert "<a" not in html  # shown as inert text, not as a link
    assert "<p>" in html


def test_markdown_keeps_mailto_links():
    html = render_markdown("[write](mailto:info@example.org)")
    assert 'href="mailto:info@example.org"' in html


def test_markdown_does_not_pass_raw_html_through():
    html = render_markdown(
        '<iframe src="https://evil.example"></iframe>\n\n<div style="x">raw</div>'
    )
    assert "<iframe" not in html
    assert "<div" not in html
    assert "&lt;iframe" in html


def test_markdown_demotes_headings_below_the_page_headings():
    html = render_markdown("# Title\n\n## Part\n\n### Sub")
    assert "<h1" not in html
    assert "<h2" not in html
    assert html.count("<h3>") == 3


def test_markdown_of_nothing_is_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
