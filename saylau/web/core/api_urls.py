"""The JSON API (django-ninja, OpenAPI at /api/docs). Each app adds its router in api.py."""

import importlib

from django.urls import path
from ninja import NinjaAPI

api = NinjaAPI(title="saylau API", version="1", urls_namespace="api")

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
