"""Addresses in a language saylau does not offer fall back to Kazakh, the state language.

``/de/dashboard/`` or ``/fr-ca/register/find/`` is not a page (Django knows only the prefixes
of ``settings.LANGUAGES``); instead of a bare "not found", the reader is sent to the same page
in Kazakh, the default language, with a message that points at the language switch in the
header. An ``Accept-Language`` or a cookie naming another language already falls back to
Kazakh in Django's own negotiation (``LANGUAGE_CODE``).

The API (``/api/``) has no language prefix: it answers in the language of the cookie or the
``Accept-Language`` header, Kazakh when they name none offered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

#: A language tag in the address: two letters, with an optional region or script.
_PREFIX = re.compile(r"^/([A-Za-z]{2}(?:[-_][A-Za-z0-9]{2,8})?)(/.*)$")


def kazakh_address(path: str) -> str | None:
    """The Kazakh address of ``path`` when it starts with a language not offered (or with
    Kazakh's own prefix, which the default language does not use: an old bookmark) and the
    rest is a page; ``None`` otherwise.

    >>> kazakh_address("/de/register/find/"), kazakh_address("/ru/register/find/")
    ('/register/find/', None)
    >>> kazakh_address("/kk/register/find/")
    '/register/find/'
    """
    match = _PREFIX.match(path)
    if match is None:
        return None
    code, rest = match.groups()
    code = code.lower().replace("_", "-")
    if code != settings.LANGUAGE_CODE and code in {c for c, _name in settings.LANGUAGES}:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        try:
            resolve(rest)
        except Resolver404:
            return None
    return rest


class UnofferedLanguageMiddleware:
    """Turns a "not found" under a language not offered into the Kazakh page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = kazakh_address(request.path_info)
        if target is None:
            return response
        old_prefix = request.path_info.split("/")[1].lower() == settings.LANGUAGE_CODE
        with translation.override(settings.LANGUAGE_CODE):
            if old_prefix:  # Kazakh asked by its old prefix: the page, without a message
                return HttpResponseRedirect(target + _query(request))
            messages.info(
                request,
                _(
                    "This language is not offered: the page is shown in Kazakh. "
                    "Choose Russian or English with the language switch at the top of the page."
                ),
            )
        return HttpResponseRedirect(target + _query(request))


def _query(request: HttpRequest) -> str:
    query = request.META.get("QUERY_STRING", "")
    return f"?{query}" if query else ""
