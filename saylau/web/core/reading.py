"""What the readers of ``saylau.lists.io`` refuse, said in the reader's language (issue 15).

The polars readers of registry extracts and voter lists refuse a file or a row with a stable
``code`` and its ``params`` (``saylau.lists.io.CODES``) and an English message for the command
line. A page says the file, line and column in a lead sentence (:func:`.models.where_lead`)
and the reason with :func:`sentence`; neither half is English on a Kazakh or Russian page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .formats import figure
from .names import current_language

#: Each code's sentence (the file, line and column are in the lead sentence before it).
SENTENCES: dict[str, Promise] = {
    "lists.file_missing": _("There is no such file in the folder."),
    "lists.file_unreadable": _("The server cannot open it."),
    "lists.file_empty": _("It is empty: it has no header row."),
    "lists.not_utf8": _(
        "It is not in UTF-8 (the byte %(byte)s is not UTF-8 text). Save it as UTF-8 and try again."
    ),
    "lists.broken_quoting": _(
        "Its quotation marks are broken (a quote is not closed, or stands inside a value)."
    ),
    "lists.missing_columns": _("It lacks the column(s): %(columns)s."),
    "lists.unreadable_csv": _("It is not a CSV table that can be read."),
    "lists.json_too_deep": _("Its JSON is nested deeper than %(limit)s levels."),
    "lists.not_json": _("It is not valid JSON."),
    "lists.wrong_width": _("The row has %(found)s fields instead of %(expected)s."),
    "lists.value_empty": _("The value is empty."),
    "lists.code_required": _("The value is empty; it must be one of: %(choices)s."),
    "lists.not_one_of": _("%(value)s is not one of: %(choices)s."),
    "lists.number_required": _("A number is required."),
    "lists.not_a_number": _("%(value)s is not a whole number."),
    "lists.number_too_long": _("A number of %(digits)s digits is too long."),
    "lists.number_out_of_range": _("%(value)s is not between %(low)s and %(high)s."),
    "lists.not_a_date": _("%(value)s is not a date in the form YYYY-MM-DD."),
    "lists.not_a_real_date": _("%(value)s is not a real date."),
    "lists.not_a_flag": _("%(value)s must be 0 or 1."),
    "lists.not_utf8_text": _("The value is not UTF-8 text."),
}

#: Params that are counts (written with the language's thousands separator).
_FIGURES = frozenset({"found", "expected", "digits", "low", "high", "limit"})


def shown(key: str, value: Any) -> str:
    """A param as the sentence writes it: a count grouped, a value in the language's quotes."""
    if key in _FIGURES and isinstance(value, int):
        return figure(value)
    if key in ("columns", "choices") and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if key == "value":
        return f'"{value}"' if current_language() == "en" else f"«{value}»"
    return str(value)


def sentence(code: str | None, params: Mapping[str, Any] | None = None) -> str | None:
    """The reason of ``code`` in the active language, or ``None`` for a code the readers do
    not write (or params that do not fit it: an older record)."""
    template = SENTENCES.get(code or "")
    if template is None:
        return None
    try:
        return str(template) % {k: shown(k, v) for k, v in (params or {}).items()}
    except (KeyError, TypeError, ValueError):
        return None
