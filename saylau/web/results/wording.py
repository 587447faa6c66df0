"""How a distribution of mandates is said to people, once for the page and the printed
protocol alike: parties by name (the law's trace names lists by code), numbers as the
reader's language writes them, and why a deputy took the mandate in words (the law layer
records "list_order" or "party_decision of YYYY-MM-DD")."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from saylau.law.seats import Numerals
from saylau.law.tally import official_trace
from saylau.web.core.formats import NBSP, local_date, separators
from saylau.web.core.names import DATA_LANGUAGES, name_in
from saylau.web.elections.models import Election, Party

from .models import Distribution

#: The law layer's words for why a candidate took a mandate (saylau.law.mandates).
LIST_ORDER = "list_order"
PARTY_DECISION = "party_decision of "


def trace_numerals() -> dict[str, Numerals]:
    """Each language's way of writing the trace's numbers (saylau.web.core.formats): "17 735,6471"
    and "7,00 %" in Kazakh and Russian, "17,735.6471" in English."""
    return {
        lang: Numerals(thousands=separators(lang)[0], point=separators(lang)[1], percent=NBSP)
        for lang in DATA_LANGUAGES
    }


def mandate_basis(basis: str, lang: str) -> str:
    """Why a candidate took the mandate, as people read it: "in the order of the list", or "by
    the party's decision of 28.03.2023" (in the active language; the date in ``lang``)."""
    if basis.startswith(PARTY_DECISION):
        day = date.fromisoformat(basis.removeprefix(PARTY_DECISION))
        return _("by the party's decision of %(date)s") % {"date": local_date(day, lang)}
    return _("in the order of the list")


def party_name(party: Party | None, lang: str) -> str:
    return name_in(party, lang) if party is not None else _("self-nominated")


def party_names(election: Election, lang: str) -> dict[str, str]:
    """Party code -> name, for the lists of ``election``."""
    lists = election.party_lists.select_related("party")
    return {pl.party.code: party_name(pl.party, lang) for pl in lists}


def named(text: str, names: dict[str, str]) -> str:
    """``text`` (a line of the trace, which names the lists by code) with each code replaced
    by the party's name."""
    for code, name in sorted(names.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", name, text)
    return text


def trace_lines(distribution: Distribution, lang: str) -> list[str]:
    """How the seats were distributed, line by line, as the official protocol prints it: in
    ``lang`` (Russian for a distribution stored without it), without the points still to
    confirm (those are for the legal-basis page), parties by name."""
    trace = distribution.trace or {}
    text = official_trace(trace.get(lang) or trace.get("ru", ""))
    names = party_names(distribution.election, lang)
    return [named(line.strip(), names) for line in text.splitlines() if line.strip()]
