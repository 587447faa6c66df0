"""Template tags of the base layout: the navigation and links to pages that may not exist yet.

Other apps are built in parallel; a link to a page is shown only when its URL name resolves,
so the layout never breaks because an app has not added its landing page.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from saylau.web.accounts.models import Role

register = template.Library()

#: The navigation of a signed-in user: (URL name, label, roles allowed or None for all).
NAV_ITEMS: tuple[tuple[str, Any, frozenset[str] | None], ...] = (
    ("core:dashboard", _("Dashboard"), None),
    ("territory:index", _("Territory"), None),
    ("register:index", _("Voter register"), None),
    ("elections:index", _("Elections"), None),
    ("results:index", _("Results"), None),
    ("commissions:index", _("Commissions"), None),
    ("audit:index", _("Audit log"), frozenset({Role.CEC, Role.REGIONAL})),
)

#: The navigation of a visitor who has not signed in.
PUBLIC_NAV_ITEMS: tuple[tuple[str, Any], ...] = (
    ("core:home", pgettext_lazy("navigation", "Home")),
    ("register:find_precinct", _("Find my precinct")),
    ("results:public_index", _("Election results")),
)


def reverse_or_none(name: str, *args: Any) -> str | None:
    """The URL of ``name``, or ``None`` while no app provides it."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return None


@register.simple_tag
def url_if_exists(name: str, *args: Any) -> str:
    """``{% url_if_exists "register:find_precinct" as url %}``: empty when it does not resolve."""
    return reverse_or_none(name, *args) or ""


@register.simple_tag(takes_context=True)
def saylau_nav(context: template.Context) -> list[dict[str, Any]]:
    """The links of the main navigation for the current user, marking the current section."""
    request = context.get("request")
    user = getattr(request, "user", None)
    current = request.path if request is not None else ""
    items: list[dict[str, Any]] = []
    if user is not None and user.is_authenticated:
        role = getattr(user, "role", None)
        candidates = [
            (name, label) for name, label, roles in NAV_ITEMS if roles is None or role in roles
        ]
    else:
        candidates = list(PUBLIC_NAV_ITEMS)
    for name, label in candidates:
        url = reverse_or_none(name)
        if url is None:
            continue
        items.append({"name": name, "url": url, "label": label, "current": False})
    # The longest matching prefix is the current section; the home page matches only itself.
    best: dict[str, Any] | None = None
    for item in items:
        url = item["url"]
        matches = current == url if item["name"] == "core:home" else current.startswith(url)
        if matches and (best is None or len(url) > len(best["url"])):
            best = item
    if best is not None:
        best["current"] = True
    return items


@register.simple_tag
def territory_label(user: Any) -> str:
    """Where a user works: their precinct, district or region, or the whole country."""
    from saylau.web.accounts.selectors import territory_label as label

    return label(user)


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: dict[str, Any]) -> str:
    """Render an app's dashboard panel with its own context (plus the request and user)."""
    from django.template.loader import render_to_string

    request = context.get("request")
    return render_to_string(panel["template"], dict(panel.get("context") or {}), request=request)


@register.filter
def local_name(obj: Any, language: str | None = None) -> str:
    """``{{ party|local_name }}``: the record's name in the reader's language (core.names)."""
    from saylau.web.core.names import name_in

    return name_in(obj, language) if obj is not None else ""


@register.filter
def figure(value: Any, language: str | None = None) -> str:
    """``{{ votes|figure }}``: a whole number grouped as the reader's language writes it."""
    from saylau.web.core.formats import figure as fmt

    return fmt(value, language) if isinstance(value, int) else ("" if value is None else str(value))


@register.filter
def percent(value: Any, places: int = 2) -> str:
    """``{{ share|percent }}``: ``45,67 %`` in Kazakh and Russian, ``45.67 %`` in English."""
    from saylau.web.core.formats import percent as fmt

    return "" if value is None else fmt(value, places=int(places))


@register.filter
def decimal(value: Any, places: int = 2) -> str:
    """``{{ row.turnout_percent|decimal }}``: ``45,67`` in Kazakh and Russian, ``45.67`` in
    English (a number, or its text as the exports write it); empty for none."""
    from decimal import Decimal, InvalidOperation

    from saylau.web.core.formats import decimal as fmt

    if value is None or value == "":
        return ""
    try:
        return fmt(Decimal(str(value)), places=int(places))
    except InvalidOperation:
        return str(value)


@register.filter
def local_date(value: Any, language: str | None = None) -> str:
    """``{{ election.day|local_date }}``: ``01.03.2027`` (``1 Mar 2027`` in English)."""
    from saylau.web.core.formats import local_date as fmt

    return fmt(value, language)


@register.filter
def local_datetime(value: Any, language: str | None = None) -> str:
    """``{{ protocol.submitted_at|local_datetime }}``: date and local time, ``01.03.2027 20:05``."""
    from saylau.web.core.formats import local_datetime as fmt

    return fmt(value, language)


@register.filter
def cite(article: Any) -> str:
    """``{{ deadline.article|cite }}``: a citation of the law in the reader's language, without
    the notes' sources (saylau.law.citations)."""
    from saylau.law.citations import cite as fmt
    from saylau.web.core.names import current_language

    return fmt(str(article or ""), current_language())
