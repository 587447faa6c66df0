"""JSON API at /api/register/ (django-ninja, OpenAPI at /api/docs).

``find-precinct`` is public (for a chat bot or a call centre): the same shape and time for
found and not found, rate-limited per client. The other endpoints need a session and answer
within the caller's scope; observers get aggregates only.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import django_auth

from . import selectors
from .services.lookup import find_precinct
from .views.public import client_key

router = Router(tags=["register"])


def public_message(status: str) -> str | None:
    """The words of the page for an answer without a place (the same for every reason)."""
    if status == "not_listed":
        return _(
            "We did not find you on the voter list of a coming election. If you think you "
            "should be on it, please contact the akimat of your district or city (the office "
            "that keeps the voter lists) or your territorial election commission, and bring "
            "your identity document."
        )
    if status == "malformed":
        return _(
            "This is not a valid IIN. An IIN has 12 digits, as printed on your identity card; "
            "please check the number."
        )
    if status == "limited":
        return _("Too many searches from your connection. Please try again in a minute.")
    return None


class FindPrecinctIn(Schema):
    iin: str


class PlaceOut(Schema):
    election: str | None
    election_day: str | None
    how: str
    certificate_number: int | None
    precinct_number: int
    polling_address: str
    polling_place: str | None
    opens_at: str
    closes_at: str
    map_url: str
    accessibility: dict[str, bool]
    accessibility_notes: str | None


class FindPrecinctOut(Schema):
    found: bool
    limited: bool
    status: str
    message: str | None
    elections: list[PlaceOut]
    masked_name: str | None
    precinct_number: int | None
    polling_address: str | None
    opens_at: str | None
    closes_at: str | None
    accessibility: dict[str, bool]
    accessibility_notes: str | None


class DistrictCountOut(Schema):
    district_id: int
    district: str
    persons: int
    citizens: int
    deceased: int


class ListOut(Schema):
    precinct_id: int
    precinct_number: int
    voters: int
    revision: int


class LineOut(Schema):
    part: str
    number: int
    full_name: str
    birth_date: str | None
    address_id: str | None


@router.post(
    "/find-precinct",
    response={200: FindPrecinctOut, 429: FindPrecinctOut},
    auth=None,
    summary="Find a voter's precinct by IIN (public)",
    description=(
        "For each coming election: where the voter votes (``how``: list, additional, absentee, "
        "home, assistance, provisional, address). ``status``: found, not_listed (one answer "
        "whatever the reason), malformed (not a valid IIN) or limited (HTTP 429)."
    ),
)
def find_precinct_api(request: HttpRequest, payload: FindPrecinctIn) -> Status[dict[str, object]]:
    answer = find_precinct(iin=payload.iin, client=client_key(request))
    lang = (get_language() or "ru")[:2]
    body: dict[str, object] = {
        "found": answer.found,
        "limited": answer.limited,
        "status": answer.status,
        "message": public_message(answer.status),
        "elections": [p.to_json(lang) for p in answer.places],
        "masked_name": answer.masked_name,
        "precinct_number": answer.precinct_number,
        "polling_address": answer.polling_address,
        "opens_at": answer.opens_at,
        "closes_at": answer.closes_at,
        "accessibility": answer.accessibility,
        "accessibility_notes": answer.accessibility_notes,
    }
    return Status(429 if answer.limited else 200, body)


class ListCorrectionIn(Schema):
    iin: str
    election_id: int
    kind: str
    details: str
    phone: str = ""


class ListCorrectionOut(Schema):
    status: str
    message: str | None


@router.post(
    "/list-corrections",
    response={200: ListCorrectionOut, 409: dict, 422: ListCorrectionOut, 429: ListCorrectionOut},
    auth=None,
    summary="Ask to correct a voter list during its public review (public)",
    description=(
        "``status``: received, not_listed (one answer whatever the reason), malformed, refused "
        "(HTTP 422) or limited (HTTP 429). Outside the review window: HTTP 409 with "
        "``code`` ``outside_window.not_yet`` or ``outside_window.closed``, the rule, its "
        "article and ``opens``/``closes``."
    ),
)
def list_correction_api(request: HttpRequest, payload: ListCorrectionIn) -> Status[Any]:
    from .models import ListCorrectionRequest
    from .services.list_review import public_list_correction
    from .services.lookup import public_elections

    election = public_elections().filter(pk=payload.election_id).first()
    if election is None:
        raise Http404("no such coming election")
    if payload.kind not in ListCorrectionRequest.Kind.values or not payload.details.strip():
        body = {"status": "refused", "message": _("Say what is wrong.")}
        return Status(422, body)
    answer = public_list_correction(
        iin=payload.iin,
        election=election,
        kind=payload.kind,
        details=payload.details[:2000],
        phone=payload.phone[:32],
        client=client_key(request),
    )
    code = {"limited": 429, "refused": 422}.get(answer.status, 200)
    message = answer.message or public_message(answer.status)
    return Status(code, {"status": answer.status, "message": message})


@router.get(
    "/counts",
    response=list[DistrictCountOut],
    auth=django_auth,
    summary="Persons in the register per district of your scope (aggregates)",
)
def counts(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "district_id": r["address__district_id"],
            "district": r["address__district__name_ru"],
            "persons": r["total"],
            "citizens": r["citizens"],
            "deceased": r["deceased"],
        }
        for r in selectors.person_counts(request.user)
    ]


@router.get(
    "/elections/{election_id}/lists",
    response=list[ListOut],
    auth=django_auth,
    summary="Voter lists of an election in your scope (counts only)",
)
def lists(request: HttpRequest, election_id: int) -> list[dict[str, object]]:
    election = selectors.elections_for(request.user).filter(pk=election_id).first()
    if election is None:
        raise Http404("no such election")
    return [
        {
            "precinct_id": vl.precinct_id,
            "precinct_number": vl.precinct.number,
            "voters": vl.voters,
            "revision": vl.revision,
        }
        for vl in selectors.voter_lists_for(request.user, election)
    ]


@router.get(
    "/elections/{election_id}/lists/{precinct_id}",
    response=list[LineOut],
    auth=django_auth,
    summary="The lines of one precinct's list (personal data, scoped)",
)
def list_lines(request: HttpRequest, election_id: int, precinct_id: int) -> list[dict[str, object]]:
    vl = selectors.voter_list_detail(request.user, election_id, precinct_id)
    return [
        {
            "part": e.part,
            "number": e.number,
            "full_name": e.person.full_name,
            "birth_date": e.person.birth_date.isoformat() if e.person.birth_date else None,
            "address_id": e.person.address.address_id if e.person.address else None,
        }
        for e in selectors.list_entries(vl)
    ]
