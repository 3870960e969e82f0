"""The JSON API (django-ninja): each app adds its router; OpenAPI at /api/docs."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

api = NinjaAPI(
    title="Convivio API",
    version="1",
    description=(
        "Good practices, local action plans with their indicators and reported "
        "values, organisations and code lists of Convivio. Reporting values needs "
        "a personal token (`Authorization: Bearer <token>`) made on the profile page."
        "\n\n"
        "**Languages.** Every endpoint takes `lang` (for example `?lang=es`): the "
        "language of the texts, each record in its translation when one exists, "
        "else in its original language (the `language` field says which), and of "
        "the error messages and code list names when it is one of the interface "
        "languages (en, es, it, pt, ro, el, de, fr, uk, ar). Without `lang`, the "
        "`Accept-Language` header decides. A `lang` that is no known language is "
        "refused with 400 and a message."
    ),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """Answer a bad parameter with 422 and a sentence saying which one and why."""
    problems = []
    for error in exc.errors:
        location = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query",))
        problems.append(f"{location}: {error.get('msg', '')}".strip(": "))
    return api.create_response(
        request,
        {
            "detail": _("Invalid request: %s") % "; ".join(problems),
            "errors": exc.errors,
        },
        status=422,
    )


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    """Answer 404 with the endpoint's own sentence (``Http404(_("No such
    practice."))``) in the request's language, not ninja's bare "Not Found"."""
    detail = str(exc) if exc.args else _("Not found")
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc: AuthenticationError):
    """Answer a missing or wrong token with 401 and what to send instead."""
    response = api.create_response(
        request,
        {
            "detail": _(
                "Send a valid personal API token in the header "
                "“Authorization: Bearer <token>”; make one on your profile page."
            )
        },
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def api_not_found(request):
    from django.http import JsonResponse

    return JsonResponse(
        {"detail": _("No such address in the API. See /api/docs.")}, status=404
    )


def _register_routers() -> None:
    from convivio.core.api import router as core_router
    from convivio.directory.api import router as hsds_router
    from convivio.plans.api import router as plans_router
    from convivio.practices.api import router as practices_router

    api.add_router("/", core_router)
    api.add_router("/practices", practices_router)
    # /plans…, /indicators/…
    api.add_router("/", plans_router)
    api.add_router("/hsds", hsds_router)


_register_routers()
