"""The JSON API (django-ninja, OpenAPI at /api/docs). Each app adds its router in api.py."""

import importlib
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from saylau.web.elections.windows import OutsideWindow

api = NinjaAPI(title="saylau API", version="1", urls_namespace="api")


# A refusal is JSON with a stable code and a message in the caller's language (the
# Accept-Language header; Kazakh without one), never an HTML page or a 500 with a traceback (ninja
# answers an unhandled exception with the traceback when DEBUG is on). Not signed in is
# ninja's own 401; a missing object its 404.
@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    body = {
        "code": getattr(exc, "code", "permission_denied"),
        "message": str(getattr(exc, "title", "") or exc),
        "detail": str(exc),
    }
    return api.create_response(request, body, status=403)


def _missing(request: HttpRequest, exc: Any) -> HttpResponse:
    """A missing object (or an ``Http404`` of an endpoint): 404 with ``code`` ``not_found``, the
    message in the caller's language and the endpoint's English ``detail`` for a developer."""
    body = {"code": "not_found", "message": str(_("There is no such object."))}
    if isinstance(exc, Http404) and str(exc):
        body["detail"] = str(exc)
    return api.create_response(request, body, status=404)


api.add_exception_handler(ObjectDoesNotExist, _missing)
api.add_exception_handler(Http404, _missing)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    body = {"code": "invalid", "message": "; ".join(exc.messages)}
    return api.create_response(request, body, status=422)


def _outside_window(request, exc):  # type: ignore[no-untyped-def]
    """An act outside its statutory window: 409 with a stable code, the rule and the date."""
    return api.create_response(request, exc.as_json(), status=409)


api.add_exception_handler(OutsideWindow, _outside_window)

#: Apps whose ``api.router`` is mounted, with the URL prefix.
API_ROUTERS = (
    ("register", "saylau.web.register.api"),
    ("results", "saylau.web.results.api"),
    ("commissions", "saylau.web.commissions.api"),
)

for prefix, module_name in API_ROUTERS:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        continue
    api.add_router(f"/{prefix}/", module.router)

urlpatterns = [path("", api.urls)]
