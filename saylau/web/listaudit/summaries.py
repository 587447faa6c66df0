"""A finding in one sentence with its particulars, in the reader's language (issue 15).

The engine (``saylau.lists.audit``) writes each finding's message in English, the findings
file's format, and keeps its particulars as evidence: dates, IINs, counts, addresses. A page
in Kazakh or Russian says the finding from that evidence: "Born 12.03.2010: under 18 on
election day 22.03.2027", dates and numbers as the language writes them. Evidence that does
not fit (an older run) falls back to the check's rule in words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saylau.web.core.formats import decimal, figure, local_date

#: Why an IIN cannot exist (the codes of ``saylau.law.iin``, as ``evidence.reason``).
IIN_REASONS = {
    "iin_format": gettext_lazy("an IIN is exactly 12 digits"),
    "iin_century": gettext_lazy("the 7th digit (century and sex) must be 1 to 6"),
    "iin_date": gettext_lazy("digits 1–6 are not a real date of birth"),
    "iin_future": gettext_lazy("the date of birth it encodes is after election day"),
    "iin_never_issued": gettext_lazy("no IIN is ever issued with these first 11 digits"),
    "iin_check_digit": gettext_lazy("the check digit is wrong"),
}
#: The fields an IIN disagrees with (``evidence.fields`` of IIN_DATA_MISMATCH).
MISMATCHED = {
    "list birth_date": gettext_lazy("the birth date on the list"),
    "registry birth_date": gettext_lazy("the birth date in the register"),
    "registry sex": gettext_lazy("the sex in the register"),
}
SEXES = {"M": gettext_lazy("male"), "F": gettext_lazy("female")}


def _day(value: Any) -> str:
    """An ISO date of the evidence as the reader's language writes it."""
    try:
        return local_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value or "—")


def _number(value: Any) -> str:
    return figure(value) if isinstance(value, int) else str(value)


def _invalid_iin(f: Any, e: Mapping[str, Any]) -> str:
    reason = IIN_REASONS.get(str(e.get("reason")), "")
    iin = e.get("iin") or _("(empty)")
    return _("Invalid IIN %(iin)s: %(reason)s.") % {"iin": iin, "reason": reason}


def _not_in_registry(f: Any, e: Mapping[str, Any]) -> str:
    return _("IIN %(iin)s is valid, but no person of the register has it.") % {"iin": e["iin"]}


def _data_mismatch(f: Any, e: Mapping[str, Any]) -> str:
    fields = ", ".join(str(MISMATCHED.get(x, x)) for x in e["fields"])
    return _(
        "The IIN encodes the birth date %(born)s and the sex %(sex)s, which differ from %(fields)s."
    ) % {
        "born": _day(e["iin_birth_date"]),
        "sex": SEXES.get(str(e.get("iin_sex")), e.get("iin_sex")),
        "fields": fields,
    }


def _name_mismatch(f: Any, e: Mapping[str, Any]) -> str:
    return _("The name on the list «%(listed)s» differs from the register's «%(registered)s».") % {
        "listed": e["list_name"],
        "registered": e["registry_name"],
    }


def _duplicate_iin(f: Any, e: Mapping[str, Any]) -> str:
    return _("One IIN on %(count)s list lines: %(lines)s.") % {
        "count": _number(e["count"]),
        "lines": ", ".join(f.line_labels),
    }


def _probable_duplicate(f: Any, e: Mapping[str, Any]) -> str:
    return _("The list lines %(lines)s are probably one person (probability %(score)s).") % {
        "lines": ", ".join(f.line_labels),
        "score": decimal(e["score"]),
    }


def _deceased(f: Any, e: Mapping[str, Any]) -> str:
    return _("Died on %(day)s (the register).") % {"day": _day(e["death_date"])}


def _underage(f: Any, e: Mapping[str, Any]) -> str:
    return _("Born %(born)s: under 18 on election day %(day)s (turns 18 on %(adult)s).") % {
        "born": _day(e["birth_date"]),
        "day": local_date(f.run.election_date),
        "adult": _day(e["turns_18_on"]),
    }


def _not_citizen(f: Any, e: Mapping[str, Any]) -> str:
    return _("Citizenship in the register: %(country)s, not Kazakhstan.") % {
        "country": e.get("citizenship") or _("none")
    }


def _incapable(f: Any, e: Mapping[str, Any]) -> str:
    return _("Declared legally incapable by a court (the register).")


def _imprisoned(f: Any, e: Mapping[str, Any]) -> str:
    return _("Held in a place of deprivation of liberty by a court sentence (the register).")


def _wrong_precinct(f: Any, e: Mapping[str, Any]) -> str:
    return _(
        "On the list of precinct No. %(listed)s, but the registered address %(address)s "
        "belongs to precinct No. %(home)s."
    ) % {
        "listed": e["listed_precinct_no"],
        "address": e["registered_address_id"],
        "home": e["address_precinct_no"],
    }


def _missing_voter(f: Any, e: Mapping[str, Any]) -> str:
    return _(
        "An eligible voter (IIN %(iin)s) registered at the address %(address)s is on no voter list."
    ) % {"iin": ", ".join(f.iins) or "—", "address": e.get("address_id") or "—"}


def _overcrowded(f: Any, e: Mapping[str, Any]) -> str:
    return _("%(count)s eligible voters are registered at the address %(address)s.") % {
        "count": _number(e["count"]),
        "address": f.address_code or "—",
    }


def _over_capacity(f: Any, e: Mapping[str, Any]) -> str:
    return _(
        "Precinct No. %(precinct)s lists %(count)s voters, more than the maximum of %(max)s."
    ) % {
        "precinct": f.precinct_no,
        "count": _number(e["count"]),
        "max": _number(e["max_voters"]),
    }


def _without_precinct(f: Any, e: Mapping[str, Any]) -> str:
    return _(
        "No precinct boundary covers the address %(address)s, where %(count)s eligible voters "
        "are registered."
    ) % {"address": f.address_code or "—", "count": _number(e["count"])}


SUMMARIES: dict[str, Callable[[Any, Mapping[str, Any]], str]] = {
    "INVALID_IIN": _invalid_iin,
    "IIN_NOT_IN_REGISTRY": _not_in_registry,
    "IIN_DATA_MISMATCH": _data_mismatch,
    "NAME_MISMATCH": _name_mismatch,
    "DUPLICATE_IIN": _duplicate_iin,
    "PROBABLE_DUPLICATE_PERSON": _probable_duplicate,
    "DECEASED": _deceased,
    "UNDERAGE": _underage,
    "NOT_CITIZEN": _not_citizen,
    "INCAPABLE": _incapable,
    "IMPRISONED": _imprisoned,
    "WRONG_PRECINCT": _wrong_precinct,
    "MISSING_VOTER": _missing_voter,
    "OVERCROWDED_ADDRESS": _overcrowded,
    "PRECINCT_OVER_CAPACITY": _over_capacity,
    "ADDRESS_WITHOUT_PRECINCT": _without_precinct,
}


def summary(finding: Any) -> str | None:
    """The finding in one sentence with its particulars in the active language, or ``None``
    when its check or evidence is not one this module knows (an older run)."""
    said = SUMMARIES.get(str(finding.check_code))
    evidence = finding.evidence if isinstance(finding.evidence, Mapping) else {}
    if said is None:
        return None
    try:
        return said(finding, evidence)
    except (KeyError, TypeError, ValueError):
        return None
