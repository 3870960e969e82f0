"""The JSON API (django-ninja): each app adds its router; OpenAPI at /api/docs."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema

from convivio.core.api import PAGE_PARAMETERS, page_parameter_error
from convivio.core.ratelimit import RateLimited, WriteThrottle, wait_text

#: ``?lang=`` as the OpenAPI schema shows it on the endpoints that do not declare it
#: themselves (``core.languages.ApiLanguageMiddleware`` reads it on every one).
LANG_PARAMETER = {
    "in": "query",
    "name": "lang",
    "required": False,
    "schema": {"type": "string", "maxLength": 16, "title": "Lang"},
    "description": "Language of the texts and messages (else Accept-Language)",
}


class ConvivioAPI(NinjaAPI):
    """The API, whose OpenAPI schema shows ``lang`` on every endpoint."""

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                parameters = operation.setdefault("parameters", [])
                if not any(p["name"] == "lang" for p in parameters):
                    parameters.append(dict(LANG_PARAMETER))
        return schema


api = ConvivioAPI(
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
        "\n\n"
        '**Lists** give `{"items", "count", "page", "pages"}` '
        "(`?page=`, `?page_size=` up to 100); the HSDS lists give the Open Referral "
        'page. **Errors** give `{"detail": "<a sentence>"}`, with `fields` '
        "when the request does not fit. **Writes** are limited per account (429 "
        "with `Retry-After`); reads are not."
    ),
    urls_namespace="api",
    # Every write endpoint, now and to come; reads pass (see WriteThrottle).
    throttle=WriteThrottle(),
)


# --- One error body: {"detail": "<a sentence in the request's language>"} -------------
# Registered here once for every router.  Ninja's own handlers would answer
# "Not Found" for our 404 sentences when DEBUG is off, a list of dicts for a bad
# parameter, and English for the others.


def _error(
    request, status: int, detail: str, fields: dict[str, list[str]] | None = None
):
    body: dict = {"detail": detail}
    if fields:
        body["fields"] = fields
    return api.create_response(request, body, status=status)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """A parameter or body that does not fit: 422 with a sentence saying which
    and why, and the messages by field; a wrong page or page size: 400."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = error.get("loc", ())
        location = [str(p) for p in loc if p not in ("query", "path", "body")]
        if loc[:1] == ("query",) and location[-1:] and location[-1] in PAGE_PARAMETERS:
            name = location[-1]
            return _error(
                request, 400, page_parameter_error(name, PAGE_PARAMETERS[name])
            )
        name = ".".join(location) or "body"
        fields.setdefault(name, []).append(str(error.get("msg", "")))
    problems = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in fields.items())
    return _error(request, 422, _("Invalid request: %s") % problems, fields)


@api.exception_handler(DjangoValidationError)
def service_refusal(request, exc: DjangoValidationError):
    """A service refused the write: 422 with its messages (by field when it gave
    them); too many writes in a short time: 429 with Retry-After."""
    if isinstance(exc, RateLimited):
        response = _error(request, 429, " ".join(exc.messages))
        response["Retry-After"] = str(exc.retry_after)
        return response
    fields = exc.message_dict if hasattr(exc, "error_dict") else None
    return _error(request, 422, " ".join(exc.messages), fields)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    """Answer 404 with the endpoint's own sentence (``Http404(_("No such
    practice."))``) in the request's language, not ninja's bare "Not Found"."""
    detail = str(exc) if exc.args else _("Not found")
    return _error(request, 404, detail)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc: AuthenticationError):
    """A missing or wrong token: 401 with what to send instead (one sentence for
    every case, so that a guess learns nothing)."""
    response = _error(
        request,
        401,
        _(
            "Send a valid personal API token in the header "
            "“Authorization: Bearer <token>”; make one on your profile page."
        ),
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    """A permission check refused: 403 with its sentence."""
    return _error(request, 403, str(exc) or _("You do not have permission to do this."))


@api.exception_handler(Throttled)
def throttled(request, exc: Throttled):
    """Too many writes in a short time (core.ratelimit's counts): 429 with how
    long to wait; ninja adds Retry-After."""
    wait = wait_text(int(exc.wait or 1))
    return _error(
        request,
        429,
        _(
            "You have sent a lot in a short time, so this was not saved. "
            "Please send it again in %(wait)s."
        )
        % {"wait": wait},
    )


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
    from convivio.search.api import router as search_router

    api.add_router("/", core_router)
    api.add_router("/practices", practices_router)
    # /plans…, /indicators/…
    api.add_router("/", plans_router)
    api.add_router("/hsds", hsds_router)
    api.add_router("/search", search_router)


_register_routers()
