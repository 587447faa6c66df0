"""Every page maps an act outside its window the same way: a message naming the rule, its
article and the date, and back to the page the form was on (the API answers 409 with the
code, see ``saylau.web.config.api``)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme

from .windows import OutsideWindow


class OutsideWindowMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, OutsideWindow):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(exc.as_json(), status=409)
        messages.error(request, f"{exc.title} {exc.message}")
        back = request.headers.get("referer", "")
        if not back or not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = "/"  # never the page that refused (a loop)
        return HttpResponseRedirect(back)
