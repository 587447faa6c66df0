"""Device tokens for the protocol API: issue, revoke, and check one in a single query.

On election night every precinct submits at once; a session-authenticated API request costs
three ORM queries before the view runs (the session, the user, the second-factor device). A
device token is checked by one query that joins the token to its user. It is as safe as the
session it comes from (see :class:`~saylau.web.results.models.DeviceToken`): only a signed-in
user who has passed the second factor can issue one, the database keeps only its SHA-256,
a password change, deactivating the user, revoking it or its expiry (the session age) end it,
and the user's scope is read afresh at every request. A header is never sent by a browser on
its own, so no CSRF token is needed for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connections, router, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from ninja.security import HttpBearer

from saylau.web.accounts.models import User
from saylau.web.accounts.policy import Action, ActorLike, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event

from .models import DeviceToken

#: Prefix of every token, so that a leaked one is recognisable in logs and scanners.
PREFIX = "sdt_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(*, actor: ActorLike, label: str = "") -> tuple[DeviceToken, str]:
    """A new token for ``actor`` (a signed-in user past the second factor): the stored row
    and the token itself, which is shown once and never stored."""
    require(actor, Action.DEVICE_TOKEN)
    if not isinstance(actor, User):
        raise PermissionDenied("a device token belongs to a person")
    verified = getattr(actor, "is_verified", None)
    if getattr(settings, "SAYLAU_REQUIRE_OTP", False) and not (verified and verified()):
        raise PermissionDenied("second factor first")
    token = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    row = DeviceToken(
        user=actor,
        digest=digest(token),
        auth_hash=actor.get_session_auth_hash(),
        label=label.strip()[:100],
        created_at=now,
        expires_at=now + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE),
    )
    with transaction.atomic():
        row.save(force_insert=True)
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_DEVICE_TOKEN_ISSUE,
            target=row,
            new={"label": row.label, "expires_at": row.expires_at},
        )
    return row, token


def revoke_token(*, actor: ActorLike, pk: int) -> DeviceToken:
    """Revoke one of ``actor``'s own tokens (another user's is not found)."""
    user = user_of(actor)
    if user is None:
        raise DeviceToken.DoesNotExist
    with transaction.atomic():
        row = DeviceToken.objects.select_for_update().filter(pk=pk, user_id=user.pk).first()
        if row is None:
            raise DeviceToken.DoesNotExist
        if row.revoked_at is None:
            row.revoked_at = timezone.now()
            row.save(update_fields=["revoked_at"])
            record_event(actor=actor, action=AuditAction.RESULTS_DEVICE_TOKEN_REVOKE, target=row)
    return row


#: The user columns a request needs (the others load on access).
USER_FIELDS = (
    "id",
    "password",
    "username",
    "is_active",
    "role",
    "region_id",
    "district_id",
    "precinct_id",
)


@functools.cache
def _sql() -> str:
    tokens, users = DeviceToken._meta.db_table, User._meta.db_table
    columns = ", ".join(f"u.{name}" for name in USER_FIELDS)
    return f"""SELECT {columns}, t.auth_hash FROM {tokens} t JOIN {users} u ON u.id = t.user_id
        WHERE t.digest = %s AND t.revoked_at IS NULL AND t.expires_at > %s"""  # noqa: S608 - the models' table names, values are parameters


def user_for_token(token: str) -> User | None:
    """The active user a token in force belongs to, with one query; ``None`` otherwise."""
    if not token.startswith(PREFIX):
        return None
    db = router.db_for_read(DeviceToken)
    with connections[db].cursor() as cursor:
        cursor.execute(_sql(), [digest(token), timezone.now()])
        row = cursor.fetchone()
    if row is None:
        return None
    user = User.from_db(db, list(USER_FIELDS), list(row[: len(USER_FIELDS)]))
    if not user.is_active or not constant_time_compare(user.get_session_auth_hash(), row[-1]):
        return None
    return user


class DeviceTokenAuth(HttpBearer):
    """``Authorization: Bearer sdt_...``; the request's user becomes the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
