"""Voter list exports: print-ready PDF (Kazakh or Russian, DejaVu fonts so that every Kazakh
letter prints), XLSX and CSV; the route list of outside voting per commission."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from saylau.web.commissions.models import Commission
from saylau.web.commissions.selectors.signatories import chair_and_secretary
from saylau.web.core import clock
from saylau.web.core.csvsafe import safe_row, safe_writer
from saylau.web.core.documents import (
    BODY,
    TITLE,
    build,
    digits_and_words,
    grid,
    para,
    signature_block,
)
from saylau.web.core.pdf import register_fonts
from saylau.web.territory.models import Precinct

from .models import OutsideVotingRequest, VoterList, VoterListEntry


def _date(value: date | None) -> str:
    """Dates as commissions write them: 23.04.1973."""
    return value.strftime("%d.%m.%Y") if value else ""


def _address(entry: VoterListEntry) -> str:
    address = entry.person.address
    return str(address) if address is not None else ""


def rows(entries: Iterable[VoterListEntry]) -> list[list[str]]:
    out = []
    for e in entries:
        born = _date(e.person.birth_date)
        part = "" if e.part == VoterListEntry.Part.MAIN else "Д-"
        out.append(
            [f"{part}{e.number}", e.person.full_name, born, _address(e), e.person.iin, e.remarks]
        )
    return out


def list_csv(voter_list: VoterList, entries: Iterable[VoterListEntry]) -> bytes:
    buf = io.StringIO()
    w = safe_writer(buf)
    w.writerow(
        [
            "precinct_no",
            "part",
            "line_no",
            "iin",
            "last_name",
            "first_name",
            "patronymic",
            "birth_date",
            "address_id",
            "remarks",
        ]
    )
    for e in entries:
        p = e.person
        w.writerow(
            [
                voter_list.precinct.number,
                e.part,
                e.number,
                p.iin,
                p.last_name,
                p.first_name,
                p.patronymic,
                p.birth_date.isoformat() if p.birth_date else "",
                p.address.address_id if p.address else "",
                e.remarks,
            ]
        )
    return buf.getvalue().encode("utf-8")


def list_xlsx(voter_list: VoterList, entries: Iterable[VoterListEntry], *, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(language):
        wb = Workbook()
        ws = wb.active
        assert ws is not None  # noqa: S101 - a new workbook has one sheet
        ws.title = f"{voter_list.precinct.number}"
        ws.append([_("Voter list of precinct No. %(n)s") % {"n": voter_list.precinct.number}])
        ws["A1"].font = Font(bold=True)
        header = [_("No."), _("Full name"), _("Birth date"), _("Address"), _("IIN"), _("Remarks")]
        ws.append(header)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for r in rows(entries):
            ws.append(safe_row(r))
        for col, width in zip("ABCDEF", (8, 40, 12, 50, 14, 30), strict=True):
            ws.column_dimensions[col].width = width
        buf = io.BytesIO()
        wb.save(buf)
    return buf.getvalue()


def _precinct_commission(precinct: Precinct) -> Commission | None:
    """The commission that signs the precinct's list (none for a precinct not stored, as in
    the benchmark that prints a list built in memory)."""
    if precinct.pk is None:
        return None
    return Commission.objects.filter(precinct=precinct).first()


def list_pdf(voter_list: VoterList, entries: Iterable[VoterListEntry], *, language: str) -> bytes:
    """The list in the form commissions use: number, full name, birth date, address and two
    signature columns (the voter's for the ballot, the issuing member's) and the remarks
    (an absentee certificate issued to the voter); the count in digits and in words, the
    chair's and the secretary's signature lines with their names, the local date and time,
    the seal."""
    register_fonts()
    with translation.override(language):
        p = voter_list.precinct
        title = _("Voter list of precinct No. %(n)s") % {"n": p.number}
        story: list[object] = [
            para(title, TITLE),
            para(voter_list.election.name_in(language), BODY),
            para(_("Polling station: %(a)s") % {"a": p.polling_address}, BODY),
            Spacer(1, 4 * mm),
        ]
        header = [
            _("No."),
            _("Full name"),
            _("Birth date"),
            _("Address"),
            _("Voter's signature for the ballot"),
            _("Signature of the commission member"),
            _("Remarks"),
        ]
        body = []
        for number, name, born, address, _iin, remarks in rows(entries):
            body.append([number, name, born, address, "", "", remarks])
        widths = [14 * mm, 64 * mm, 24 * mm, 70 * mm, 34 * mm, 34 * mm, 33 * mm]
        story.append(grid(header, body, widths, minimum=7 * mm))
        now = clock.now()
        story += [
            Spacer(1, 6 * mm),
            para(
                _("Voters on the list: %(n)s") % {"n": digits_and_words(len(body), language)},
                BODY,
            ),
            signature_block(
                chair_and_secretary(_precinct_commission(p), now.date()),
                width=sum(widths),
                signed_at=now,
                language=language,
            ),
        ]
        return build(
            story,
            title=title,
            footer=title,
            pagesize=landscape(A4),
            margins=(12 * mm, 12 * mm, 12 * mm, 12 * mm),
        )


def route_pdf(
    requests: list[OutsideVotingRequest],
    *,
    title: str,
    language: str,
    subtitle: Iterable[str] = (),
) -> bytes:
    """The route list of the commission members who carry the portable box; ``subtitle``
    lines say which election and precinct."""
    register_fonts()
    with translation.override(language):
        header = [
            _("No."),
            _("Full name"),
            _("Where to come"),
            _("Phone"),
            _("Reason"),
            _("Visited (time, signature)"),
        ]
        body = [
            [str(i), r.person.full_name, r.where, r.phone, str(r.get_reason_display()), ""]
            for i, r in enumerate(requests, start=1)
        ]
        widths = [10 * mm, 42 * mm, 50 * mm, 25 * mm, 29 * mm, 30 * mm]
        story: list[object] = [para(title, TITLE)]
        story += [para(line, BODY) for line in subtitle]
        story += [Spacer(1, 4 * mm), grid(header, body, widths, minimum=9 * mm)]
        return build(
            story, title=title, footer=title, margins=(12 * mm, 12 * mm, 12 * mm, 12 * mm)
        )
