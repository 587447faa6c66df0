"""Printed documents: the precinct protocol with its QR code, and the protocol of mandate
distribution with the trace. Both in the CEC's form (``saylau.web.core.documents``): every
figure in digits and in words, a signature line for each member of the commission with their
name, the date and local time of signing and the place of the seal. Laid out by reportlab's
platypus, so that long lines wrap and long documents continue on numbered pages; parties and
candidates by name, never by code."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from saylau.law.protocol import Race
from saylau.web.commissions.models import Commission
from saylau.web.commissions.selectors.signatories import all_members
from saylau.web.core import clock
from saylau.web.core.documents import (
    BODY,
    CELL,
    HEADING,
    SMALL,
    SUBTITLE,
    TITLE,
    QRCode,
    build,
    digits_and_words,
    figures_table,
    grid,
    para,
    signature_block,
    words,
)
from saylau.web.core.formats import figure, local_date
from saylau.web.core.pdf import register_fonts
from saylau.web.elections.models import Election, SingleMemberCandidate

from .forms import LINES
from .four_eyes import deciding_commission
from .models import Distribution, MandateDecision, Protocol
from .wording import mandate_basis, party_name, party_names, trace_lines

TRACE = ParagraphStyle(
    "trace", parent=BODY, fontSize=9, leading=12, leftIndent=14, firstLineIndent=-14, spaceAfter=2
)
WIDTH = A4[0] - 40 * mm


def _candidate_names(election: Election, lang: str) -> dict[str, str]:
    """Single-member candidate id (the code of a protocol line) -> "name (party)"."""
    names = {}
    for c in SingleMemberCandidate.objects.filter(election=election).select_related("party"):
        names[str(c.pk)] = f"{c.full_name} ({party_name(c.party, lang)})"
    return names


def protocol_pdf(row: Protocol, qr_text: str, *, lang: str = "ru") -> bytes:
    """The protocol as printed and posted at the precinct: every line and the votes by party
    (or by candidate in a single-member district) in digits and in words, the hash, the QR
    code, a signature line for each member of the precinct commission sitting that day, the
    date and local time of signing and the seal."""
    register_fonts()
    with translation.override(lang):
        return _protocol_pdf(row, qr_text, lang)


def _protocol_pdf(row: Protocol, qr_text: str, lang: str) -> bytes:
    election = row.election
    data = row.data
    single = row.race == Race.SINGLE_MEMBER
    precinct = row.precinct
    title = _(
        "Protocol of the precinct election commission on the results of the vote at polling "
        "station No. %(number)s"
    ) % {"number": precinct.number}
    story: list[Any] = [para(title, TITLE), para(election.name_in(lang), SUBTITLE)]
    if single:
        district = _("Single-member district No. %(n)s") % {"n": data.get("district", "")}
        story.append(para(district, SUBTITLE))
    story += [
        para(_("Election day") + ": " + local_date(election.day, lang), BODY),
        para(_("Polling station") + ": " + precinct.polling_address, BODY),
        para(_("Version %(version)s") % {"version": row.version}, BODY),
        Spacer(1, 3 * mm),
    ]
    lines = [(str(label), data.get(name)) for name, label, _required in LINES]
    story.append(figures_table(lines, WIDTH, language=lang, label=_("Line of the protocol")))
    names = _candidate_names(election, lang) if single else party_names(election, lang)
    heading = _("Votes for the candidates") if single else _("Votes for the party lists")
    votes = [
        (names.get(str(line["code"])) or line.get("name") or str(line["code"]), line["votes"])
        for line in data.get("votes", [])
    ]
    column = _("Candidate") if single else _("Party")
    story += [para(heading, HEADING), figures_table(votes, WIDTH, language=lang, label=column)]
    if row.reason:
        story.append(para(_("Reason for the correction") + ": " + row.reason, BODY))
    story.append(
        Table(
            [[QRCode(qr_text, 26 * mm), para("SHA-256: " + row.sha256, SMALL)]],
            colWidths=[32 * mm, WIDTH - 32 * mm],
            style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
            hAlign="LEFT",
        )
    )
    commission = Commission.objects.filter(precinct=precinct).first()
    signed_at = row.submitted_at
    story.append(
        signature_block(
            all_members(commission, clock.localtime(signed_at).date()),
            width=WIDTH,
            signed_at=signed_at,
            language=lang,
        )
    )
    return build(
        story,
        title=title,
        footer=f"№ {precinct.number} · v{row.version} · SHA-256 {row.sha256[:16]}",
    )


def distribution_pdf(distribution: Distribution, *, lang: str = "ru") -> bytes:
    """The protocol of mandate distribution: votes and mandates per list in digits and in
    words, every step of the allocation as the law layer traced it, the elected deputies, the
    single-member districts, and a signature line for each member of the deciding commission
    with the date and local time of the sign-off and the seal."""
    register_fonts()
    with translation.override(lang):
        return _distribution_pdf(distribution, lang)


def _distribution_pdf(distribution: Distribution, lang: str) -> bytes:
    election = distribution.election
    names = party_names(election, lang)
    title = _("Protocol of the distribution of deputy mandates")
    story: list[Any] = [para(title, TITLE), para(election.name_in(lang), SUBTITLE)]
    story += [
        para(_("Election day") + ": " + local_date(election.day, lang), BODY),
        para(
            _("Precinct protocols tabulated")
            + ": "
            + digits_and_words(distribution.protocols, lang),
            BODY,
        ),
    ]
    if distribution.signed_off_at is None:
        story.append(para(_("Draft: the results are not yet signed off."), HEADING))
    votes = (distribution.tally.get("totals") or {}).get("votes") or {}
    seats = (distribution.allocation or {}).get("seats") or {}
    if votes or seats:
        rows = []
        for code in sorted(set(votes) | set(seats), key=lambda c: (-votes.get(c, 0), c)):
            n, s = votes.get(code, 0), seats.get(code, 0)
            rows.append(
                [
                    para(names.get(code, code), CELL),
                    figure(n, lang),
                    para(words(n, lang), CELL),
                    para(digits_and_words(s, lang), CELL),
                ]
            )
        header = [_("Party"), _("Votes"), _("Votes in words"), _("Mandates")]
        widths = [48 * mm, 24 * mm, 63 * mm, 35 * mm]
        story += [Spacer(1, 3 * mm), grid(header, rows, widths, right=(1,))]
    trace = trace_lines(distribution, lang)
    if trace:
        story.append(para(_("How the mandates were distributed"), HEADING))
        story += [para(text, TRACE) for text in trace]
    mandates = list(distribution.mandates.select_related("candidate", "party_list__party"))
    if mandates:
        story.append(para(_("Elected deputies"), HEADING))
        rows = [
            [
                para(i, CELL),
                para(party_name(m.party_list.party, lang), CELL),
                para(m.candidate.full_name, CELL),
                para(mandate_basis(m.basis, lang), CELL),
            ]
            for i, m in enumerate(mandates, start=1)
        ]
        header = ["№", _("Party"), _("Deputy"), _("Basis")]
        story.append(grid(header, rows, [10 * mm, 50 * mm, 65 * mm, 45 * mm]))
    results = list(
        distribution.district_results.select_related("district", "winner", "winner__party")
    )
    if results:
        story.append(para(_("Single-member districts"), HEADING))
        rows = []
        for r in results:
            if r.winner is not None:
                outcome = f"{r.winner.full_name} ({party_name(r.winner.party, lang)})"
            else:
                outcome = _("no winner")
            rows.append([para(r.district.label_in(lang), CELL), para(outcome, CELL)])
        header = [pgettext("electoral district", "District"), _("Elected")]
        story.append(grid(header, rows, [WIDTH / 2, WIDTH / 2]))
    decisions = list(
        MandateDecision.objects.filter(election=election).select_related(
            "party_list__party", "candidate"
        )
    )
    if decisions:
        story.append(para(_("Declines and party decisions"), HEADING))
        rows = []
        for d in decisions:
            what = str(d.get_kind_display())
            if d.candidate:
                what += f": {d.candidate.full_name}"
            if d.body:
                what += f" ({d.body})"
            rows.append(
                [
                    para(local_date(d.decided_on, lang), CELL),
                    para(party_name(d.party_list.party, lang), CELL),
                    para(what, CELL),
                ]
            )
        header = [_("Date"), _("Party"), _("Decision")]
        story.append(grid(header, rows, [25 * mm, 55 * mm, WIDTH - 80 * mm]))
    signed_at = distribution.signed_off_at
    on = clock.localtime(signed_at).date() if signed_at else clock.today()
    commission = deciding_commission(election)
    story += [
        Spacer(1, 4 * mm),
        para("SHA-256: " + distribution.inputs_sha256, SMALL),
        signature_block(
            all_members(commission, on), width=WIDTH, signed_at=signed_at, language=lang
        ),
    ]
    return build(
        story,
        title=title,
        footer=f"{title} · SHA-256 {distribution.inputs_sha256[:16]}",
    )
