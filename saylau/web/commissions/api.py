"""JSON API at /api/commissions/ (django-ninja): scoped reads and the public certificate check."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from saylau.web.core import clock

from .selectors import (
    CoverageRow,
    certificate_by_code,
    commissions_for,
    coverage_by_district,
    coverage_total,
    deadline_for,
)
from .views.common import elections_for

router = Router(tags=["commissions"])


class CommissionOut(Schema):
    id: int
    level: str
    name_ru: str
    name_kk: str
    region_id: int
    district_id: int | None
    precinct_id: int | None


class CoverageRowOut(Schema):
    district_id: int | None
    district: str
    members: int
    trained: int
    failed: int
    not_trained: int


class CoverageOut(Schema):
    election_id: int
    election_day: dt.date
    training_deadline: dt.date
    rows: list[CoverageRowOut]
    total: CoverageRowOut


class VerificationOut(Schema):
    number: str
    holder: str
    session_date: dt.date
    level: str
    issued_on: dt.date
    valid_until: dt.date
    revoked: bool
    valid_today: bool


@router.get("/", response=list[CommissionOut], auth=django_auth)
def list_commissions(
    request: HttpRequest, level: str | None = None, limit: int = 100, offset: int = 0
) -> list[CommissionOut]:
    qs = commissions_for(request.user)
    if level:
        qs = qs.filter(level=level)
    limit = max(1, min(limit, 1000))
    return [CommissionOut.from_orm(c) for c in qs[offset : offset + limit]]


@router.get("/coverage/{election_id}", response=CoverageOut, auth=django_auth)
def coverage(request: HttpRequest, election_id: int) -> CoverageOut:
    election = elections_for(request.user).filter(pk=election_id).first()
    if election is None:
        raise Http404("no such election in your area")
    rows = coverage_by_district(request.user, election)

    def out(r: CoverageRow, key: int | None, label: str) -> CoverageRowOut:
        return CoverageRowOut(
            district_id=key,
            district=label,
            members=r.members,
            trained=r.trained,
            failed=r.failed,
            not_trained=r.not_trained,
        )

    total = coverage_total(rows)
    return CoverageOut(
        election_id=election.pk,
        election_day=election.day,
        training_deadline=deadline_for(election, clock.today()).day,
        rows=[out(r, r.key, r.label) for r in rows],
        total=out(total, None, ""),
    )


@router.get("/verify/{code}", response=VerificationOut, auth=None)
def verify(request: HttpRequest, code: str) -> VerificationOut:
    cert = certificate_by_code(code)
    if cert is None:
        raise Http404("no certificate with this code")
    session = cert.enrolment.session
    return VerificationOut(
        number=cert.number,
        holder=cert.member.person.masked_name,
        session_date=session.date,
        level=session.level,
        issued_on=cert.issued_on,
        valid_until=cert.valid_until,
        revoked=cert.revoked,
        valid_today=cert.valid_on(clock.today()),
    )
