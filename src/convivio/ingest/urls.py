"""ingest pages."""

from __future__ import annotations

app_name = "ingest"

urlpatterns: list = []
