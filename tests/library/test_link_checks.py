"""Link checks against a web server on this machine (no network)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from convivio.core.models import Membership
from convivio.core.services import membership_grant
from convivio.library import services
from convivio.library.models import Link
from convivio.library.services import LinkData, fetch_status

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str]] = []

    def log_message(self, *args):  # keep the test output quiet
        pass

    def _answer(self) -> None:
        Handler.seen.append((self.command, self.path, self.headers["User-Agent"]))
        if self.path == "/ok":
            self._send(200)
        elif self.path == "/missing":
            self._send(404)
        elif self.path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200)
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200)
        elif self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self._redirect(f"/loop{n + 1}")
        elif self.path == "/to-ok":
            self._redirect("/ok")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        else:
            self._send(500)

    def _send(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _answer


@pytest.fixture
def server(settings):
    """A local web server; private addresses allowed for this test only."""
    settings.CONVIVIO_LINK_CHECK_ALLOW_PRIVATE = True
    settings.CONVIVIO_LINK_CHECK_TIMEOUT = 0.5
    Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_working_link(server):
    result = fetch_status(server + "/ok")
    assert (result.ok, result.status, result.error) == (True, 200, "")
    method, path, agent = Handler.seen[0]
    assert (method, path) == ("HEAD", "/ok")
    assert agent.startswith("Convivio")


def test_missing_page_is_broken(server):
    result = fetch_status(server + "/missing")
    assert not result.ok and result.status == 404
    assert "404" in result.error
    # HEAD first, then GET once in case the server answers HEAD badly.
    assert [m for m, _, _ in Handler.seen] == ["HEAD", "GET"]


def test_head_refused_then_get_works(server):
    result = fetch_status(server + "/no-head")
    assert result.ok and result.status == 200


def test_timeout(server):
    result = fetch_status(server + "/slow")
    assert not result.ok and result.status == 0
    assert "timeout" in result.error


def test_redirects_followed_up_to_five(server):
    assert fetch_status(server + "/to-ok").ok
    result = fetch_status(server + "/loop")
    assert not result.ok
    assert "redirect" in result.error
    assert len([p for m, p, _ in Handler.seen if p.startswith("/loop")]) <= 6


def test_redirect_to_a_file_is_refused(server):
    result = fetch_status(server + "/to-file")
    assert not result.ok and result.status == 0
    assert "refused" in result.error


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost/",
        "http://10.0.0.8/admin",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "file:///etc/passwd",
        "ftp://example.org/file",
    ],
)
def test_private_addresses_and_other_schemes_are_refused(url, settings):
    settings.CONVIVIO_LINK_CHECK_ALLOW_PRIVATE = False
    result = fetch_status(url)
    assert not result.ok and result.status == 0
    assert result.error.startswith("refused"), result.error


def test_connection_to_a_private_peer_is_refused_after_resolving(server, settings):
    """A name that resolves to a private address at connection time is refused."""
    from convivio.library import services as module

    settings.CONVIVIO_LINK_CHECK_ALLOW_PRIVATE = False
    # Pretend the pre-check resolved a public address (DNS rebinding).
    original = module._precheck
    module._precheck = lambda url: None
    try:
        result = fetch_status(server + "/ok")
    finally:
        module._precheck = original
    assert not result.ok
    assert "refused" in result.error
    assert Handler.seen == []  # nothing was sent to the private server


def test_address_is_public():
    assert services.address_is_public("93.184.216.34")
    assert services.address_is_public("2606:2800:220:1:248:1893:25c8:1946")
    for ip in (
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "::1",
        "fe80::1",
        "::ffff:10.0.0.1",
    ):
        assert not services.address_is_public(ip)


def _link(server, path, *, user=None, organisation=None) -> Link:
    return services.link_create(
        user=None,
        by_system=True,
        data=LinkData(
            url=server + path, title=f"Page {path}", organisation=organisation
        ),
    )


def test_link_check_records_and_mails_editors_once(
    server, django_capture_on_commit_callbacks, organisation, editor
):
    creator = UserFactory(username="creator")
    other_editor = UserFactory(username="other-editor")
    membership_grant(
        actor=None,
        user=other_editor,
        organisation=organisation,
        role=Membership.Role.EDITOR,
    )
    reporter = UserFactory(username="reporter")
    membership_grant(
        actor=None,
        user=reporter,
        organisation=organisation,
        role=Membership.Role.REPORTER,
    )
    link = _link(server, "/missing", organisation=organisation)
    Link.objects.filter(pk=link.pk).update(created_by=creator)
    link.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.link_check(link=link)
    link.refresh_from_db()
    assert link.last_status == 404
    assert link.broken_since is not None and link.last_checked_at is not None
    assert "404" in link.check_error
    first_broken = link.broken_since
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [creator.email, editor.email, other_editor.email]
    )
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "Page /missing" in mail.outbox[0].subject
    assert link.url in mail.outbox[0].body

    # Still broken at the next check: no new e-mail, the date it broke is kept.
    with django_capture_on_commit_callbacks(execute=True):
        services.link_check(link=link)
    link.refresh_from_db()
    assert len(mail.outbox) == 3
    assert link.broken_since == first_broken

    # Fixed: the flag is cleared; broken again later: a new e-mail.
    Link.objects.filter(pk=link.pk).update(url=server + "/ok")
    link.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.link_check(link=link)
    link.refresh_from_db()
    assert (
        link.broken_since is None and link.last_status == 200 and not link.check_error
    )
    Link.objects.filter(pk=link.pk).update(url=server + "/missing")
    link.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.link_check(link=link)
    assert len(mail.outbox) == 6


def test_command_checks_every_link(server, django_capture_on_commit_callbacks, user):
    ok = _link(server, "/ok")
    gone = _link(server, "/missing")
    Link.objects.filter(pk=gone.pk).update(created_by=user)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_links", stdout=out)
    assert "Checked 2 links: 1 working, 1 broken (1 newly broken" in out.getvalue()
    assert Link.objects.get(pk=ok.pk).last_status == 200
    assert Link.objects.get(pk=gone.pk).is_broken
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_task_checks_the_links(server):
    from convivio.library.tasks import check_links_task

    link = _link(server, "/ok")
    result = check_links_task.enqueue([link.pk])
    assert result.return_value == {
        "checked": 1,
        "ok": 1,
        "broken": 0,
        "newly_broken": 0,
        "left": 0,
    }
    link.refresh_from_db()
    assert link.last_status == 200


def test_link_checks_stop_at_the_task_time_limit(server, settings, monkeypatch):
    """A check of many links stops after CONVIVIO_TASK_TIME_LIMIT seconds; those
    not reached are the least recently checked, so they come first next time."""
    settings.CONVIVIO_TASK_TIME_LIMIT = 10
    links = [_link(server, f"/ok?n={n}") for n in range(3)]
    clock = iter([0.0, 0.0, 4.0, 11.0, 12.0])
    monkeypatch.setattr(services.time, "monotonic", lambda: next(clock))
    out = StringIO()
    call_command("check_links", stdout=out)
    assert "Checked 2 links" in out.getvalue()
    assert "1 link left for the next run" in out.getvalue()
    checked = [Link.objects.get(pk=link.pk).last_checked_at for link in links]
    assert [when is not None for when in checked] == [True, True, False]
    # The next run begins with the link left.
    settings.CONVIVIO_TASK_TIME_LIMIT = 0
    summary = services.links_check()
    assert summary["checked"] == 3 and summary["left"] == 0


def test_command_can_enqueue(server):
    link = _link(server, "/ok")
    out = StringIO()
    call_command("check_links", str(link.pk), "--enqueue", stdout=out)
    assert "Queued link check" in out.getvalue()
    link.refresh_from_db()
    assert link.last_status == 200  # the test backend runs tasks at once
