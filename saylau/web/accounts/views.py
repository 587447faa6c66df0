"""Signing in: password, then (when enrolled or required) a one-time code."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token

from saylau.web.core.client import client_address

from . import services
from .forms import TokenForm
from .otp import needs_second_factor


def _locked_message() -> str:
    minutes = max(1, settings.SAYLAU_LOGIN_WINDOW_SECONDS // 60)
    return _(
        "Too many failed sign-ins for this name. Wait %(minutes)d minutes and try again, "
        "or ask your administrator."
    ) % {"minutes": minutes}


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        username = str(request.POST.get("username", ""))
        if username and services.login_locked(username=username, client=client_address(request)):
            # Refused before the password is even checked: guessing on gains nothing.
            context = self.get_context_data(refused=_locked_message())
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):  # type: ignore[no-untyped-def]
        username = str(self.request.POST.get("username", ""))
        if username:
            services.record_login_failure(
                username=username, reason="password", client=client_address(self.request)
            )
        return super().form_invalid(form)

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        """Sign in, and go on in the language the user chose for their account."""
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language in dict(settings.LANGUAGES):
            response["Location"] = translate_url(response["Location"], language)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The user's own account: role, territory and second factor."""
    from django_otp import user_has_device

    return render(
        request,
        "accounts/index.html",
        {"has_device": user_has_device(request.user, confirmed=True)},
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "core:dashboard"


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    client = client_address(request)
    username = request.user.get_username()
    if request.method == "POST" and services.login_locked(username=username, client=client):
        form.add_error(None, _locked_message())
        context = {"form": form, "next": _next_url(request)}
        return render(request, "accounts/otp_verify.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        services.record_login_failure(username=username, reason="one-time code", client=client)
        form.add_error("token", _("This code is not right or has expired. Try the current one."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if needs_second_factor(request) == "verify":
        # Only a verified session may replace the authenticator it was verified with.
        return redirect("accounts:otp_verify")
    device = services.pending_totp_device(user=user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = services.confirm_totp_device(
            user=user,  # type: ignore[arg-type]
            device_id=device.id,
            token=form.cleaned_data["token"],
        )
        if confirmed is not None:
            otp_login(request, confirmed)
            messages.success(
                request,
                _("Your authenticator is enrolled. You will be asked for a code at each sign-in."),
            )
            return redirect("core:dashboard")
        form.add_error("token", _("This code is not right or has expired. Try the current one."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", omitsize=True
    )
    return render(
        request,
        "accounts/otp_enrol.html",
        {"form": form, "qr_svg": qr_svg, "secret": _base32(device.bin_key)},
    )


def _base32(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
