"""The second factor: who must show a one-time code before using saylau.

A user who has enrolled an authenticator always verifies it after the password. When
``settings.SAYLAU_REQUIRE_OTP`` is on (production), every user must enrol one first.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django_otp import user_has_device

#: URL names reachable before the second factor is verified, by the step still to do. A user
#: who has an authenticator may only verify it: enrolling another one would bypass it.
OPEN_URL_NAMES: dict[str, frozenset[str]] = {
    "verify": frozenset(
        {"accounts:login", "accounts:logout", "accounts:otp_verify", "set_language"}
    ),
    "enrol": frozenset({"accounts:login", "accounts:logout", "accounts:otp_enrol", "set_language"}),
}


def needs_second_factor(request: HttpRequest) -> str | None:
    """``"verify"`` or ``"enrol"`` when the user must do that first, else ``None``."""
    user = request.user
    if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
        return None
    if user_has_device(user, confirmed=True):
        return "verify"
    if getattr(settings, "SAYLAU_REQUIRE_OTP", False):
        return "enrol"
    return None


class RequireSecondFactorMiddleware:
    """Sends a signed-in user to verify (or enrol) a one-time code before any other page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(settings.STATIC_URL or "/static/"):
            return self.get_response(request)
        step = needs_second_factor(request)
        if step is not None:
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            if name not in OPEN_URL_NAMES[step]:
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": f"second factor: {step} first"}, status=403)
                target = reverse(f"accounts:otp_{step}")
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)
