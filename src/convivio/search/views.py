from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search across everything; practices are the only searchable kind so far."""
    query = request.GET.urlencode()
    return redirect(reverse("practices:list") + (f"?{query}" if query else ""))
