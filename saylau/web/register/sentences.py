"""What the register says to people about a refused import, a rejected row or event (issue 15).

The worker and the readers write their refusals with a stable ``code`` and its ``params``
(:class:`Refused`, ``RowError``, ``Rejection``), and an English detail for the log and the
command line. A page turns the code into a sentence in the reader's language with
:func:`sentence`, naming the objects: a region by its name in that language, numbers and
dates as the language writes them. A rejected row's reason written by the readers of
``saylau.lists`` (a ``lists.`` code) is said by :mod:`saylau.web.core.reading`
(:func:`reason`); a code neither knows (an older row) falls back to the stored English text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from saylau.errors import InputError
from saylau.web.core import reading
from saylau.web.core.formats import figure, local_date
from saylau.web.core.names import current_language, name_in


class Refused(InputError):
    """Input the register refuses, with a stable ``code`` and ``params`` for the page's
    sentence; the message is the English detail for the log and the command line."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        **params: Any,
    ) -> None:
        super().__init__(message, file=file, line=line, field=field)
        self.code = code
        self.params = params


#: Each code's sentence; ``%(name)s`` are its params (formatted by :func:`_shown`).
SENTENCES: dict[str, Promise] = {
    # An import refused as a whole (the job's error).
    "region_outside_scope": _(
        "The extract is of the region %(region)s, which is outside your territory. "
        "Nothing was imported."
    ),
    "no_persons": _(
        "The file registry/persons.csv lists no person: it would remove all %(known)s persons "
        "of the region %(region)s. An extract that removes voters must be complete. "
        "Nothing was changed."
    ),
    "mass_removal": _(
        "The extract would remove %(gone)s of the %(known)s persons of the region %(region)s "
        "(more than %(percent)s%%). If that is right, import it again and confirm the "
        "removals. Nothing was changed."
    ),
    "folder_missing": _("The folder does not exist on the server."),
    "concurrent_import": _(
        "Another import finished while this one was reading the extract. Start this one again."
    ),
    "region_code_disagrees": _(
        "The region code given (%(given)s) differs from region.json, which is of the region "
        "%(region)s."
    ),
    "region_code_missing": _("region.json gives no region code."),
    "region_json_missing": _("The extract has no region.json: give the region code."),
    "not_json_object": _("The file %(file)s must hold a JSON object."),
    # A file that cannot be read at all.
    "file_missing": _("The file %(file)s is missing from the extract."),
    "file_empty": _("The file %(file)s is empty: it has no header row."),
    "missing_columns": _("The file %(file)s lacks the column(s): %(columns)s."),
    "not_utf8": _("The file %(file)s is not in UTF-8. Save it as UTF-8 and try again."),
    "broken_quoting": _(
        "The quotation marks of the file %(file)s are broken at line %(line)s "
        "(a quote is not closed, or stands inside a value)."
    ),
    # One row or event (a rejection).
    "foreign_person": _(
        "The person with IIN %(iin)s is registered in the region %(region)s: an extract of "
        "another region cannot take them. They move once the extract of %(region)s no longer "
        "lists them."
    ),
    "iin_listed_twice": _("IIN %(iin)s is listed twice."),
    "district_listed_twice": _("District %(district)s is listed twice."),
    "precinct_listed_twice": _("Precinct %(precinct)s is listed twice."),
    "district_unknown": _("District %(district)s is not in districts.csv."),
    "address_listed_twice": _("Address %(address)s is listed twice."),
    "address_not_listed": _("Address %(address)s is not in registry/addresses.csv."),
    "wrong_width": _("The row has %(found)s fields instead of %(expected)s."),
    "value_empty": _("The value is empty."),
    "date_required": _("A date is required."),
    "not_a_date": _("%(value)s is not a date in the form YYYY-MM-DD."),
    "not_a_real_date": _("%(value)s is not a real date."),
    "number_required": _("A number is required."),
    "not_a_number": _("%(value)s is not a whole number."),
    "invalid_iin": _("%(value)s is not a valid IIN (12 digits with a valid check digit)."),
    "control_character": _("The value holds a control character (a NUL byte or similar)."),
    "too_long": _("The value is %(length)s characters long; at most %(limit)s fit."),
    "event_id_empty": _("The event has no event_id."),
    "event_listed_twice": _("Event %(event)s is listed twice."),
    "unknown_kind": _("%(value)s is not a kind of registry event."),
    "out_of_order": _("Out of order: the event of %(date)s comes after one of %(previous)s."),
    "residence_needs_address": _("A change of residence needs the new address_id."),
    "name_change_needs_names": _("A change of name needs last_name and first_name."),
    "not_a_country": _("%(value)s is not a two-letter country code (ISO 3166-1)."),
    "acquired_not_kz": _("A citizenship acquired must be KZ."),
    "lost_is_kz": _("Give the new citizenship (not KZ), or XX if there is none."),
    "applied_otherwise": _("Event %(event)s was applied before with other content."),
    "person_unknown": _("No person with IIN %(iin)s is in the register."),
    "person_outside_scope": _("The person with IIN %(iin)s is not registered in your territory."),
    "older_than_register": _(
        "Out of order: the register already has an event of %(previous)s for this person."
    ),
    "address_unknown": _("Address %(address)s is not in the register."),
    "address_outside_scope": _("Address %(address)s is outside your territory."),
}

#: Params that are counts (written with the language's thousands separator).
_FIGURES = frozenset({"known", "gone", "percent", "found", "expected", "length", "limit"})
#: Params that are dates (ISO in the record, the language's form on the page).
_DATES = frozenset({"date", "previous"})


def _region_name(code: str) -> str:
    """The region by its name in the reader's language and its code: «Жамбыл облысы» (ZHA)."""
    from saylau.web.territory.models import Region

    region = Region.objects.filter(code=code).first()
    if region is None or not name_in(region) or name_in(region) == code:
        return code
    name = name_in(region)
    return f"{name} ({code})" if current_language() == "en" else f"«{name}» ({code})"


def _shown(key: str, value: Any) -> str:
    if key == "region":
        return _region_name(str(value))
    if key in _FIGURES and isinstance(value, int):
        return figure(value)
    if key in _DATES and isinstance(value, str):
        try:
            return local_date(date.fromisoformat(value))
        except ValueError:
            return value
    if key == "columns" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if key == "value":
        return f'"{value}"' if current_language() == "en" else f"«{value}»"
    return str(value)


def sentence(code: str | None, params: Mapping[str, Any] | None = None) -> str | None:
    """The sentence of ``code`` in the active language, or ``None`` for an unknown code (or
    params that do not fit it: an older record)."""
    template = SENTENCES.get(code or "")
    if template is None:
        return None
    values = {k: _shown(k, v) for k, v in (params or {}).items()}
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return None


def reason(code: str | None, params: Mapping[str, Any] | None = None) -> str | None:
    """A rejected row's reason in the active language: the register's own sentence, or the
    readers' of ``saylau.lists`` (the file, line and column are said beside it)."""
    return sentence(code, params) or reading.sentence(code, params)
