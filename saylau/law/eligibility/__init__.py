"""Who may vote, and who may stand, on a given election day: the one rule set.

Every part of saylau that asks "is this person a voter / may this person stand" asks here:
the public lookup, list compilation, absentee certificates, home voting, candidate
registration, the list audit (``saylau.lists.audit``, column by column) and the protocol checks.

* :mod:`.voters` — voters on election day and the list they are on (law-notes section 3);
* :mod:`.candidates` — candidates for each body (law-notes sections 1.3 and 2);
* :mod:`.messages` — :class:`Reason` and its words in Russian, Kazakh and English.

Every check returns *every* reason, not the first (an empty list: eligible).

>>> [r.code for r in voter_reasons(Person(date(2020, 1, 1), citizen=False, imprisoned_by_sentence=True),
...                                date(2026, 3, 1))]
['not_citizen', 'under_age', 'imprisoned_by_sentence']
"""

from __future__ import annotations

from datetime import date

from .candidates import (
    CANDIDATE_RULES,
    MASLIKHAT_LOCAL_RESIDENCE_YEARS_UNCONFIRMED,
    CandidateRule,
    UnknownCandidateRule,
    candidate_reasons,
    candidate_rule,
)
from .messages import REASON_MESSAGES, Reason
from .voters import (
    FEB29_RULE,
    VOTING_AGE,
    Feb29Rule,
    Person,
    age_on,
    anniversary,
    birth_date_unknown,
    is_voter,
    listing_reasons,
    not_in_register,
    voter_reasons,
)

__all__ = [
    "CANDIDATE_RULES",
    "FEB29_RULE",
    "MASLIKHAT_LOCAL_RESIDENCE_YEARS_UNCONFIRMED",
    "REASON_MESSAGES",
    "VOTING_AGE",
    "CandidateRule",
    "Feb29Rule",
    "Person",
    "Reason",
    "UnknownCandidateRule",
    "age_on",
    "anniversary",
    "birth_date_unknown",
    "candidate_reasons",
    "candidate_rule",
    "date",
    "is_voter",
    "listing_reasons",
    "not_in_register",
    "voter_reasons",
]
