"""The election law as code: pure Python, standard library only, no I/O.

One concept per module, each citing the article it implements (see docs/architecture.md and
the auditor's guide docs/law.md):

* :mod:`.iin` — the individual identification number (Government Resolution No. 565, 2003);
* :mod:`.eligibility` — voters and candidates on election day;
* :mod:`.calendar` — statutory deadlines from body and election day;
* :mod:`.phases` — the phase of an election from its calendar, the clock and recorded facts;
* :mod:`.windows` — when each act of an election may be done;
* :mod:`.protocol` — the precinct protocol, its control ratios and totals;
* :mod:`.seats` — party-list seats by rule sets chosen by body and date (Art. 97);
* :mod:`.single_member` — plurality in single-member districts (2023+);
* :mod:`.mandates` — mandates to the candidates of a party list;
* :mod:`.names` — Kazakh/Russian name folding, Kazakh case mapping, the 2021 Latin alphabet.
"""
