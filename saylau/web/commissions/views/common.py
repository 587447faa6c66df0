"""What the views share: the elections a user may pick and error messages."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from saylau.web.accounts.scope import scope_for
from saylau.web.elections.models import Election

from ..errors import CommissionsError

log = logging.getLogger(__name__)


def elections_for(user: Any) -> QuerySet[Election]:
    scope = scope_for(user)
    qs = Election.objects.all()
    if scope.is_country:
        return qs
    if scope.region_id is None:
        return qs.none()
    return qs.filter(Q(region__isnull=True) | Q(region_id=scope.region_id))


def pick_election(request: HttpRequest) -> tuple[Election | None, QuerySet[Election]]:
    """The election named by ``?election=`` or else the next (latest) one in scope."""
    choices = elections_for(request.user)
    raw = request.GET.get("election", "")
    chosen = choices.filter(pk=int(raw)).first() if raw.isdigit() else None
    return chosen or choices.first(), choices


def report_error(request: HttpRequest, exc: Exception, form: Any = None) -> None:
    """Show a refused change to the person in their language: the error's translated title
    and, where there is one, its translated detail.

    The error's ``message`` is the detail for the log (English, with ids: "session 11 is on
    14.12.2026; today is 02.12.2026"), never for the page."""
    if isinstance(exc, CommissionsError):
        log.info("refused: %s (%s)", exc.code, exc.message)
        text = f"{exc.title} {exc.detail}" if exc.detail else str(exc.title)
        if form is not None and exc.field in getattr(form, "fields", {}):
            form.add_error(exc.field, text)
            return
        messages.error(request, text)
    elif isinstance(exc, ValidationError):
        if form is not None and hasattr(exc, "error_dict"):
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
            return
        messages.error(request, "; ".join(exc.messages))
    else:
        raise exc
