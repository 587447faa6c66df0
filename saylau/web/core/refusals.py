"""A refused act as the page says it: the error's translated title, and its details when they
are written for people in the reader's language.

Services raise typed errors whose ``title`` is translated, and a ``detail`` that names the
objects in the reader's language where they have one (results and commissions); their
``message`` is translated where the service wrote it with ``gettext_lazy`` (or the error says
``translated = True``), and otherwise an English detail for the log and the API. A Kazakh or Russian page shows only
what is in its language, never an English exception text.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise

from .names import current_language


def refusal_text(exc: Any) -> str:
    """``title`` and its ``detail`` (sentences in the reader's language) when it has one;
    otherwise, when it reads in the reader's language, ``(message)``."""
    title = str(getattr(exc, "title", "") or "")
    detail = getattr(exc, "detail", None)
    if detail:
        said = " ".join(str(d) for d in detail) if isinstance(detail, list) else str(detail)
        return f"{title} {said}"
    message = getattr(exc, "message", "") or ""
    readable = (
        isinstance(message, Promise)
        or getattr(exc, "translated", False)
        or current_language() == "en"
    )
    if not message or not readable or str(message) == title:
        return title
    return f"{title} ({message})"
