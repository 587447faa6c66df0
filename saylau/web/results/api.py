"""JSON API at /api/results/ (django-ninja): protocol submission and checks, live totals,
published results. Every read and write goes through the user's scope."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Body, Router, Schema, Status
from ninja.security import django_auth

from saylau.law.protocol import Race
from saylau.web.accounts.models import Level
from saylau.web.accounts.scope import scope_for
from saylau.web.elections.windows import OutsideWindow

from . import selectors, services
from .device_tokens import DeviceTokenAuth, issue_token, revoke_token
from .errors import InvalidProtocol, ResultsError
from .exports import public_results
from .services.single_member import submit_single_member_protocol
from .services.submission import SubmissionTarget, submission_target

router = Router(tags=["results"])
#: A precinct device's bearer token (one query) or the signed-in session with its CSRF token.
DEVICE_OR_SESSION = [DeviceTokenAuth(), django_auth]
#: The request body: a protocol in the JSON format of docs/formats/protocol.md.
PAYLOAD: Any = Body(...)  # type: ignore[type-arg]


class FindingOut(Schema):
    code: str
    severity: str
    fields: list[str]
    message: str


class SubmittedOut(Schema):
    id: int
    version: int
    sha256: str
    status: str


class RefusedOut(Schema):
    code: str
    message: str
    field: str | None = None
    findings: list[FindingOut] = []
    #: What was refused and why, naming the objects, in the caller's language.
    detail: str = ""


class TokenIn(Schema):
    label: str = ""


class TokenOut(Schema):
    id: int
    token: str
    expires_at: str


class CheckOut(Schema):
    ok: bool
    findings: list[FindingOut]


def _findings(found: Any) -> list[FindingOut]:
    lang = selectors.language()
    return [
        FindingOut(code=f.code, severity=f.severity, fields=list(f.fields), message=f.message(lang))
        for f in found
    ]


def _target(request: HttpRequest, election_id: int, precinct_id: int) -> SubmissionTarget:
    """The election, precinct and list codes in one query (404 outside the user's scope)."""
    target = submission_target(request.user, election_id=election_id, precinct_id=precinct_id)
    if target is None:
        raise Http404("no such precinct in your area")
    return target


def _refused(exc: ResultsError) -> RefusedOut:
    return RefusedOut(
        code=exc.code,
        message=str(exc.title),
        field=exc.field,
        findings=_findings(exc.findings),
        detail=exc.detail_text,
    )


@router.post(
    "/elections/{election_id}/precincts/{precinct_id}/protocol",
    response={201: SubmittedOut, 409: RefusedOut, 422: RefusedOut},
    auth=DEVICE_OR_SESSION,
)
def submit(
    request: HttpRequest,
    election_id: int,
    precinct_id: int,
    payload: dict[str, Any] = PAYLOAD,
) -> Status[Any]:
    target = _target(request, election_id, precinct_id)
    try:
        if isinstance(payload, dict) and payload.get("race") == Race.SINGLE_MEMBER:
            # Its lines must be its district's candidates, as on the web form.
            row = submit_single_member_protocol(
                actor=request.user,
                election=target.election,
                precinct=target.precinct,
                data=payload,
            )
        else:
            row = services.submit_protocol(
                actor=request.user,
                election=target.election,
                precinct=target.precinct,
                data=payload,
                codes=target.codes,
            )
    except ResultsError as exc:
        return Status(409 if exc.http_status == 409 else 422, _refused(exc))
    except OutsideWindow as exc:
        return Status(409, RefusedOut(code=exc.code, message=exc.message))
    return Status(
        201, SubmittedOut(id=row.pk, version=row.version, sha256=row.sha256, status=row.status)
    )


@router.post(
    "/elections/{election_id}/precincts/{precinct_id}/check",
    response={200: CheckOut, 422: RefusedOut},
    auth=DEVICE_OR_SESSION,
)
def check(
    request: HttpRequest,
    election_id: int,
    precinct_id: int,
    payload: dict[str, Any] = PAYLOAD,
) -> Status[Any]:
    target = _target(request, election_id, precinct_id)
    try:
        _canonical, found = services.validate_protocol(
            election=target.election, precinct=target.precinct, data=payload, codes=target.codes
        )
    except InvalidProtocol as exc:
        return Status(422, _refused(exc))
    ok = not any(f.severity == "error" for f in found)
    return Status(200, CheckOut(ok=ok, findings=_findings(found)))


@router.post("/device-tokens", response={201: TokenOut}, auth=django_auth)
def new_device_token(request: HttpRequest, body: TokenIn) -> Status[TokenOut]:
    """A bearer token for this device's protocol submissions (shown once; the session and
    its second factor vouch for it). Send it as ``Authorization: Bearer <token>``."""
    row, token = issue_token(actor=request.user, label=body.label)
    return Status(201, TokenOut(id=row.pk, token=token, expires_at=row.expires_at.isoformat()))


@router.post("/device-tokens/{token_id}/revoke", auth=DEVICE_OR_SESSION)
def revoke_device_token(request: HttpRequest, token_id: int) -> dict[str, Any]:
    """Revoke one of your own device tokens (404 for anyone else's)."""
    from .models import DeviceToken

    try:
        row = revoke_token(actor=request.user, pk=token_id)
    except DeviceToken.DoesNotExist as exc:
        raise Http404("no such token of yours") from exc
    return {"id": row.pk, "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None}


@router.get("/protocols/{protocol_id}", auth=DEVICE_OR_SESSION)
def protocol(request: HttpRequest, protocol_id: int) -> dict[str, Any]:
    row = selectors.protocol_for(request.user, protocol_id)
    return {
        "id": row.pk,
        "precinct_no": row.precinct.number,
        "version": row.version,
        "status": row.status,
        "is_current": row.is_current,
        "sha256": row.sha256,
        "reason": row.reason,
        "protocol": row.data,
    }


@router.get("/elections/{election_id}/live", auth=django_auth)
def live(request: HttpRequest, election_id: int) -> dict[str, Any]:
    election = selectors.election_for(request.user, election_id)
    scope = scope_for(request.user)
    if scope.level is Level.NONE:
        raise PermissionDenied
    result, expected = services.live_tally(election, scope)
    return {"expected": sum(expected.values()), **result.to_json()}


@router.get("/public/{election_id}", auth=None)
def published(request: HttpRequest, election_id: int) -> dict[str, Any]:
    election, distribution = selectors.published(election_id)
    return public_results(election, distribution)


class ActionIn(Schema):
    action: str
    protocol_id: int | None = None
    reason: str = ""


class ActionOut(Schema):
    id: int
    action: str
    status: str


@router.post(
    "/elections/{election_id}/requests",
    response={201: ActionOut, 403: RefusedOut, 409: RefusedOut, 422: RefusedOut},
    auth=django_auth,
)
def ask(request: HttpRequest, election_id: int, body: ActionIn) -> Status[Any]:
    """Ask for an act that cannot be undone (``distribute``, ``publish_preliminary``,
    ``sign_off``, ``publish``, ``register_mandates``, ``cancel_protocol``); a second official confirms it at ``/requests/{id}/confirm``."""
    from .four_eyes import request_action

    election = selectors.election_for(request.user, election_id)
    protocol = selectors.protocol_for(request.user, body.protocol_id) if body.protocol_id else None
    try:
        row = request_action(
            actor=request.user,
            election=election,
            action=body.action,
            protocol=protocol,
            reason=body.reason,
        )
    except ResultsError as exc:
        return Status(exc.http_status if exc.http_status in (403, 409) else 422, _refused(exc))
    except OutsideWindow as exc:
        return Status(409, RefusedOut(code=exc.code, message=exc.message))
    return Status(201, ActionOut(id=row.pk, action=row.action, status=row.status))


@router.post(
    "/requests/{request_id}/confirm",
    response={200: ActionOut, 403: RefusedOut, 409: RefusedOut, 422: RefusedOut},
    auth=django_auth,
)
def confirm(request: HttpRequest, request_id: int) -> Status[Any]:
    """The second official confirms, and the act is done (or refused: nothing changes)."""
    from .four_eyes import confirm_action
    from .models import ActionRequest

    pending = ActionRequest.objects.filter(pk=request_id).first()
    if pending is None:
        raise Http404("no such request")
    selectors.election_for(request.user, pending.election_id)  # 404 outside the scope
    try:
        row = confirm_action(actor=request.user, request_id=request_id)
    except ResultsError as exc:
        return Status(exc.http_status if exc.http_status in (403, 409) else 422, _refused(exc))
    except OutsideWindow as exc:
        return Status(409, RefusedOut(code=exc.code, message=exc.message))
    return Status(200, ActionOut(id=row.pk, action=row.action, status=row.status))
