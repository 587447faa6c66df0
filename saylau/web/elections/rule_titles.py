"""The rule sets of seat distribution in words, for pages (the law layer's titles are English,
for the record and the command line)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

#: Each rule set's name in the reader's language.
RULE_TITLES = {
    "kz-2004": gettext_lazy("Mazhilis 2004: 10 party-list seats"),
    "kz-2007": gettext_lazy("Mazhilis 2007: one party passing takes every seat"),
    "kz-2009": gettext_lazy(
        "Mazhilis from 9 February 2009: the runner-up is admitted if one party passes"
    ),
    "kz-2021": gettext_lazy(
        "Maslikhats by party lists (2018 amendments, elections of 10 January 2021)"
    ),
    "kz-2023": gettext_lazy("Mazhilis and maslikhats from 2023: “against all” counts in the base"),
}


def rule_title(name: str, default: str = "") -> str:
    """The rule set ``name`` in words (``default``, else the name, when saylau has none)."""
    title = RULE_TITLES.get(name)
    return str(title) if title is not None else (default or name)
