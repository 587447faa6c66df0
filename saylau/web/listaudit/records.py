"""What an analyst needs to act on a finding: the records it is about side by side, which
fields agree, the rule in words, and where to fix the line.

A selector: it reads only, for a finding the caller already got through
:func:`.selectors.finding_detail` (the user's scope applied). Lines come from the stored lists
of the run's election, or from the uploaded list file of an upload run; persons named by the
finding's IINs from the register.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saylau.law.names import canonical_patronymic, fold_name
from saylau.web.register.models import Person, VoterListEntry
from saylau.web.territory.models import Address

from .models import Finding
from .services.export import ADDITIONAL_OFFSET

#: Each check's name, for headings and tables (the code stays in exports and the API).
NAMES = {
    "INVALID_IIN": gettext_lazy("Invalid IIN"),
    "IIN_NOT_IN_REGISTRY": gettext_lazy("IIN not in the register"),
    "IIN_DATA_MISMATCH": gettext_lazy("IIN disagrees with the birth date or sex"),
    "NAME_MISMATCH": gettext_lazy("Name differs from the register"),
    "DUPLICATE_IIN": gettext_lazy("One IIN on several lines"),
    "PROBABLE_DUPLICATE_PERSON": gettext_lazy("Probably one person on several lines"),
    "DECEASED": gettext_lazy("Deceased"),
    "UNDERAGE": gettext_lazy("Under 18 on election day"),
    "NOT_CITIZEN": gettext_lazy("Not a citizen"),
    "INCAPABLE": gettext_lazy("Declared legally incapable"),
    "IMPRISONED": gettext_lazy("Deprived of liberty"),
    "WRONG_PRECINCT": gettext_lazy("On the list of another precinct"),
    "MISSING_VOTER": gettext_lazy("Voter missing from every list"),
    "OVERCROWDED_ADDRESS": gettext_lazy("Too many voters at one address"),
    "PRECINCT_OVER_CAPACITY": gettext_lazy("Precinct over capacity"),
    "ADDRESS_WITHOUT_PRECINCT": gettext_lazy("Address without a precinct"),
}


def check_name(code: str) -> str:
    """A check's name in the reader's language (its code when saylau does not know it)."""
    return str(NAMES.get(code, code))


#: Each check's rule, in words (format docs/formats/voter-list-audit.md; docs/audit.md).
RULES = {
    "INVALID_IIN": gettext_lazy(
        "The IIN on the line cannot exist: wrong length, date, century digit or check digit."
    ),
    "IIN_NOT_IN_REGISTRY": gettext_lazy("The IIN is valid but no person of the register has it."),
    "IIN_DATA_MISMATCH": gettext_lazy(
        "The birth date or sex encoded in the IIN differs from the line or the register."
    ),
    "NAME_MISMATCH": gettext_lazy(
        "The name on the line differs from the register's beyond spellings of one name."
    ),
    "DUPLICATE_IIN": gettext_lazy("One IIN is on two or more list lines."),
    "PROBABLE_DUPLICATE_PERSON": gettext_lazy(
        "Two or more lines with different IINs are probably one person, who may vote only once."
    ),
    "DECEASED": gettext_lazy("The register records the voter's death before election day."),
    "UNDERAGE": gettext_lazy("The voter is not 18 on election day."),
    "NOT_CITIZEN": gettext_lazy("The register gives another citizenship."),
    "INCAPABLE": gettext_lazy("A court declared the voter legally incapable."),
    "IMPRISONED": gettext_lazy("The voter is held in a place of deprivation of liberty."),
    "WRONG_PRECINCT": gettext_lazy(
        "The voter's registered address belongs to another precinct, and the line is there "
        "by residence (not by an absentee certificate or a stay in a special precinct)."
    ),
    "MISSING_VOTER": gettext_lazy(
        "An eligible voter of the register is on no list and holds no absentee certificate."
    ),
    "OVERCROWDED_ADDRESS": gettext_lazy("Implausibly many voters are registered at one dwelling."),
    "PRECINCT_OVER_CAPACITY": gettext_lazy("The precinct's list is longer than the maximum."),
    "ADDRESS_WITHOUT_PRECINCT": gettext_lazy("No precinct boundary covers an address with voters."),
}
#: The kinds of duplicate (``evidence.pairs[].kind`` of PROBABLE_DUPLICATE_PERSON).
KINDS = {
    "mistyped_iin": gettext_lazy(
        "a line with a mistyped IIN: the same name and birth date, the IINs one or two digits apart"
    ),
    "swapped_day_month": gettext_lazy(
        "day and month of birth swapped: one line's IIN encodes the other line's birth date"
    ),
    "maiden_surname": gettext_lazy(
        "the same first name, patronymic and birth date under another surname (maiden/married)"
    ),
    "same_name": gettext_lazy(
        "the same name and birth date under two IINs (a second record in the register)"
    ),
}


@dataclass
class Record:
    """One list line (or one registry person without a line) of a finding."""

    label: str
    last_name: str = ""
    first_name: str = ""
    patronymic: str = ""
    birth_date: date | None = None
    iin: str = ""
    address: str = ""
    list_url: str = ""
    person_url: str = ""


@dataclass
class Row:
    """One field across the records, and whether they agree on it."""

    label: str
    values: list[str]
    agree: bool | None  # None: one record only, nothing to compare


@dataclass
class FindingView:
    rule: str
    records: list[Record]
    rows: list[Row]
    pairs: list[dict[str, Any]] = field(default_factory=list)


def _line_record(finding: Finding, precinct_no: int, line_no: int) -> Record:
    additional = line_no > ADDITIONAL_OFFSET
    number = line_no - ADDITIONAL_OFFSET if additional else line_no
    label = f"№{precinct_no}: {'+' if additional else ''}{number}"
    run = finding.run
    if run.election_id is not None:
        entry = (
            VoterListEntry.objects.filter(
                voter_list__election_id=run.election_id,
                voter_list__precinct__region_id=finding.region_id,
                voter_list__precinct__number=precinct_no,
                part=VoterListEntry.Part.ADDITIONAL if additional else VoterListEntry.Part.MAIN,
                number=number,
            )
            .select_related("person", "person__address", "voter_list")
            .first()
        )
        if entry is not None:
            part = "additional" if additional else "main"
            return _person_record(
                entry.person,
                label,
                list_url=reverse(
                    "register:list", args=[run.election_id, entry.voter_list.precinct_id]
                )
                + f"#line-{part}-{number}",
            )
    for written in finding.written or ():
        if (written.get("precinct_no"), written.get("line_no")) == (precinct_no, line_no):
            return _written_record(written, label)
    return _file_record(Path(run.directory), label, precinct_no, line_no)


def _file_record(directory: Path, label: str, precinct_no: int, line_no: int) -> Record:
    """A line of a list file still on the server (a finding stored before its lines were
    kept with it); an empty record when the file is gone."""
    path = directory / "lists" / "voter_lists.csv"
    if not path.is_file():
        return Record(label=label)
    found = (
        pl.scan_csv(path, infer_schema=False)
        .filter(
            (pl.col("precinct_no").str.strip_chars() == str(precinct_no))
            & (pl.col("line_no").str.strip_chars() == str(line_no))
        )
        .head(1)
        .collect()
    )
    if found.height == 0:
        return Record(label=label)
    return _written_record(found.row(0, named=True), label)


def _written_record(r: dict[str, Any], label: str) -> Record:
    """A line as the list wrote it; its address named as the register stores it, when it does."""
    born = (r.get("birth_date") or "").strip()
    code = (r.get("address_id") or "").strip()
    stored = Address.objects.filter(address_id=code).first() if code else None
    try:
        birth_date = date.fromisoformat(born) if len(born) == 10 else None
    except ValueError:  # the list's own typo: shown as missing, the check says the rest
        birth_date = None
    return Record(
        label=label,
        last_name=r.get("last_name") or "",
        first_name=r.get("first_name") or "",
        patronymic=r.get("patronymic") or "",
        birth_date=birth_date,
        iin=r.get("iin") or "",
        address=str(stored) if stored is not None else code,
    )


def _person_record(person: Person, label: str, *, list_url: str = "") -> Record:
    return Record(
        label=label,
        last_name=person.last_name,
        first_name=person.first_name,
        patronymic=person.patronymic,
        birth_date=person.birth_date,
        iin=person.iin,
        address=str(person.address) if person.address_id else "",
        list_url=list_url,
        person_url=reverse("register:person", args=[person.pk]),
    )


def _rows(records: list[Record]) -> list[Row]:
    def row(label: str, values: list[str], key: Any = None) -> Row:
        keyed = [key(v) if key else v for v in values]
        # A value missing on one side is not agreement: nothing is compared.
        agree = None if len(values) < 2 or not all(values) else len(set(keyed)) == 1
        return Row(label=label, values=[v or "—" for v in values], agree=agree)

    return [
        row(_("Last name"), [r.last_name for r in records], fold_name),
        row(_("First name"), [r.first_name for r in records], fold_name),
        row(_("Patronymic"), [r.patronymic for r in records], canonical_patronymic),
        row(
            _("Birth date"),
            [r.birth_date.strftime("%d.%m.%Y") if r.birth_date else "" for r in records],
        ),
        row(_("IIN"), [r.iin for r in records]),
        row(_("Address"), [r.address for r in records]),
    ]


def finding_view(finding: Finding) -> FindingView:
    """The records of ``finding`` side by side, the rule and (duplicates) each pair's kind."""
    records = [_line_record(finding, int(p), int(n)) for p, n in finding.lines]
    shown = {r.iin for r in records}
    missing = [i for i in finding.iins if i not in shown]
    if missing:
        persons = Person.private_objects.filter(
            region_id=finding.region_id, iin__in=missing
        ).select_related("address")
        records += [_person_record(p, _("register")) for p in persons]
    pairs = []
    evidence = finding.evidence if isinstance(finding.evidence, dict) else {}
    for pair in evidence.get("pairs", []):
        kind = pair.get("kind")
        pairs.append(
            {
                "lines": ", ".join(f"№{x['precinct_no']}: {x['line_no']}" for x in pair["lines"]),
                "kind": KINDS.get(kind, kind or ""),
                "score": pair.get("score"),
            }
        )
    rule = RULES.get(finding.check_code, "")
    return FindingView(rule=str(rule), records=records, rows=_rows(records), pairs=pairs)
