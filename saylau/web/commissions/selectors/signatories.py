"""Who signs a commission's documents: its members sitting on the day, officers first."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from saylau.web.core.documents import Signatory, officer_lines

from ..models import Commission, Member, MemberRole

#: The order of the signature lines on every form: chair, deputy chair, secretary, members.
ORDER = (MemberRole.CHAIR, MemberRole.DEPUTY_CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER)


def sitting_members(commission: Commission | None, on: dt.date) -> list[tuple[str, str]]:
    """(role, full name) of every member of ``commission`` sitting on ``on``: appointed by
    then, not yet left and within their term; chair, deputy chair, secretary, then members by
    surname. One query; nobody for ``None`` (the CEC, which has no row)."""
    if commission is None:
        return []
    seats = (
        Member.objects.filter(commission=commission, term_start__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .filter(Q(is_active=True) | Q(ended_on__isnull=False))
        .select_related("person")
    )
    rank = {role.value: i for i, role in enumerate(ORDER)}
    ordered = sorted(
        seats,
        key=lambda m: (rank.get(m.role, len(ORDER)), m.person.last_name, m.person.first_name),
    )
    return [(m.role, m.person.full_name) for m in ordered]


def offices(*, cec: bool = False) -> dict[str, str]:
    """The offices as the signature lines of a form name them."""
    if cec:
        return {
            MemberRole.CHAIR.value: _("Chair of the Central Election Commission"),
            MemberRole.DEPUTY_CHAIR.value: _("Deputy chair of the Central Election Commission"),
            MemberRole.SECRETARY.value: _("Secretary of the Central Election Commission"),
            MemberRole.MEMBER.value: _("Members of the Central Election Commission"),
        }
    return {
        MemberRole.CHAIR.value: _("Chair of the commission"),
        MemberRole.DEPUTY_CHAIR.value: _("Deputy chair of the commission"),
        MemberRole.SECRETARY.value: _("Secretary of the commission"),
        MemberRole.MEMBER.value: _("Members of the commission"),
    }


def all_members(commission: Commission | None, on: dt.date) -> list[Signatory]:
    """A line for every member sitting on ``on`` (a protocol is signed by all members
    present); blank lines to fill by hand where the registry names nobody (the CEC)."""
    members = sitting_members(commission, on)
    return officer_lines(members, offices=offices(cec=commission is None), blank_members=4)


def chair_and_secretary(commission: Commission | None, on: dt.date) -> list[Signatory]:
    """The lines of the chair and the secretary (a voter list, an absentee certificate)."""
    every = offices(cec=commission is None)
    wanted = {r.value: every[r.value] for r in (MemberRole.CHAIR, MemberRole.SECRETARY)}
    return officer_lines(sitting_members(commission, on), offices=wanted)
