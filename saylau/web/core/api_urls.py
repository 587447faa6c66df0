"""The JSON API (django-ninja, OpenAPI at /api/docs). Each app adds its router in api.py."""

import importlib

from django.urls import path
from ninja import NinjaAPI

from saylau.web.elections.windows import OutsideWindow

api = NinjaAPI(title="saylau API", version="1", urls_namespace="api")


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
