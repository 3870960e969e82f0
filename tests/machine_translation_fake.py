"""A fake LibreTranslate and DeepL server on 127.0.0.1 for tests: it "translates"
by upper-casing the text outside tags, and records every request.

    service = start()            # service.url, service.requests, service.fail_with
    ...
    stop(service)

Point the settings at it (CONVIVIO_MACHINE_TRANSLATION=libretranslate,
CONVIVIO_LIBRETRANSLATE_URL=service.url) and nothing reaches the internet.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def upper_html(html: str) -> str:
    """A fake translation: upper-cases the text outside tags, as a translator
    would change words while leaving the markup alone."""
    out, in_tag = [], False
    for char in html:
        if char == "<":
            in_tag = True
        elif char == ">":
            in_tag = False
        out.append(char if in_tag else char.upper())
    return "".join(out)


class FakeService(BaseHTTPRequestHandler):
    """LibreTranslate's and DeepL's endpoints; records every request."""

    requests: list[dict] = []  # replaced per server (fixture)
    fail_with: int | None = None

    def log_message(self, *args):  # silence
        pass

    def _answer(self, status: int, body) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        parts = urlsplit(self.path)
        self.requests.append(
            {
                "method": "GET",
                "path": parts.path,
                "query": parse_qs(parts.query),
                "headers": dict(self.headers),
            }
        )
        if parts.path == "/languages":
            self._answer(
                200,
                [
                    {"code": "en", "name": "English", "targets": ["es", "pt", "ar"]},
                    {"code": "es", "name": "Spanish", "targets": ["en"]},
                ],
            )
        elif parts.path == "/v2/languages":
            kind = parse_qs(parts.query).get("type", ["source"])[0]
            codes = ["EN", "ES", "PT"] if kind == "source" else ["EN-GB", "ES", "PT-PT"]
            self._answer(200, [{"language": code, "name": code} for code in codes])
        else:
            self._answer(404, {"error": "Not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.requests.append(
            {
                "method": "POST",
                "path": self.path,
                "body": body,
                "headers": dict(self.headers),
            }
        )
        if self.fail_with:
            self._answer(self.fail_with, {"message": "Quota exceeded"})
        elif self.path == "/translate":
            self._answer(200, {"translatedText": [upper_html(q) for q in body["q"]]})
        elif self.path == "/v2/translate":
            self._answer(
                200,
                {
                    "translations": [
                        {"detected_source_language": "EN", "text": upper_html(text)}
                        for text in body["text"]
                    ]
                },
            )
        else:
            self._answer(404, {"error": "Not found"})


def start() -> type[FakeService]:
    """A running fake service of its own (a subclass with fresh state)."""
    handler = type("Handler", (FakeService,), {"requests": [], "fail_with": None})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"
    handler.server_instance = server
    return handler


def stop(service: type[FakeService]) -> None:
    service.server_instance.shutdown()
    service.server_instance.server_close()
