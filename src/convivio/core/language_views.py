"""The language switch and the sign-in that brings a person back to their language."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services
from .languages import interface_language, localised_url, remember_in_cookie
from .models import Profile


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, same page in the new language), and for a
    signed-in person their choice kept on the profile for the next sign-in."""
    response = django_set_language(request)
    code = interface_language(request.POST.get("language", ""))
    if code is None:
        return response
    if isinstance(response, HttpResponseRedirect):
        # Django translates only addresses that resolve; a gone page keeps its path.
        response["Location"] = localised_url(response["Location"], code)
    if request.user.is_authenticated:
        services.interface_language_set(
            actor=request.user, user=request.user, code=code
        )
    return response


class LoginView(auth_views.LoginView):
    """Django's sign-in; a person who chose a language lands in it."""

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        profile = Profile.objects.filter(user=form.get_user()).first()
        code = interface_language(profile.interface_language) if profile else None
        if code:
            remember_in_cookie(response, code)
            response["Location"] = localised_url(response["Location"], code)
        return response
