"""Public, stable URLs: the commissions' public keys and the signed audit-chain heads."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control

from . import selectors


def _json(document: object) -> JsonResponse:
    return JsonResponse(document, safe=False, json_dumps_params={"ensure_ascii": False})


@cache_control(public=True, max_age=60)
def keys(request: HttpRequest) -> HttpResponse:
    return _json(selectors.keys_document())


@cache_control(public=True, max_age=60)
def audit_heads(request: HttpRequest) -> HttpResponse:
    return _json({"format": "saylau-audit-heads/1", "heads": selectors.audit_heads()})


@cache_control(public=True, max_age=300)
def audit_head(request: HttpRequest, day: str) -> HttpResponse:
    document = selectors.audit_head(day)
    if document is None:
        raise Http404(day)
    return _json(document)
