"""surveys pages."""

from __future__ import annotations

app_name = "surveys"

urlpatterns: list = []
