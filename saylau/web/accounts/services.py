"""Changing users: creating them, changing their role, enrolling a second factor.

Every function here is one transaction and writes one audit event (architecture.md habit 2).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from saylau.web.accounts.policy import ActorLike
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.territory.models import District, Precinct, Region

from .models import User

#: The audit action of a failed sign-in.
LOGIN_FAILED = Action.ACCOUNTS_LOGIN_FAILED

#: The fields of a user that the audit log records (never the password hash).
AUDITED_FIELDS = (
    "username",
    "role",
    "region_id",
    "district_id",
    "precinct_id",
    "is_active",
    "is_staff",
    "is_superuser",
)


def user_snapshot(user: User) -> dict[str, Any]:
    return {name: getattr(user, name) for name in AUDITED_FIELDS}


def _place_fields(
    *, region: Region | None, district: District | None, precinct: Precinct | None
) -> dict[str, Any]:
    """A precinct implies its district and region, a district its region."""
    if precinct is not None:
        district = precinct.district
        region = precinct.region
    if district is not None:
        region = district.region
    return {"region": region, "district": district, "precinct": precinct}


@transaction.atomic
def create_user(
    *,
    actor: ActorLike,
    username: str,
    role: str,
    password: str | None,
    region: Region | None = None,
    district: District | None = None,
    precinct: Precinct | None = None,
    first_name: str = "",
    last_name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a user of ``role`` pinned to a place; ``password=None`` leaves it unusable."""
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        is_staff=is_staff,
        is_superuser=is_superuser,
        **_place_fields(region=region, district=district, precinct=precinct),
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    record_event(
        actor=actor, action=Action.ACCOUNTS_USER_CREATE, target=user, new=user_snapshot(user)
    )
    return user


@transaction.atomic
def change_role(
    *,
    actor: ActorLike,
    user: User,
    role: str,
    region: Region | None = None,
    district: District | None = None,
    precinct: Precinct | None = None,
) -> User:
    """Give ``user`` another role and place (and end their sessions' second-factor trust)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    old = user_snapshot(locked)
    locked.role = role
    for name, value in _place_fields(region=region, district=district, precinct=precinct).items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    record_event(
        actor=actor,
        action=Action.ACCOUNTS_USER_ROLE_CHANGE,
        target=locked,
        old=old,
        new=user_snapshot(locked),
    )
    return locked


@transaction.atomic
def record_admin_change(*, actor: ActorLike, user: User, old: dict[str, Any] | None) -> None:
    """The audit event of a user created or changed in the Django admin."""
    action = Action.ACCOUNTS_USER_CREATE if old is None else Action.ACCOUNTS_USER_CHANGE
    record_event(actor=actor, action=action, target=user, old=old, new=user_snapshot(user))


def pending_totp_device(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator of ``user`` being enrolled (made on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(*, user: User, device_id: int, token: str) -> TOTPDevice | None:
    """Confirm the pending device if ``token`` is right; ``None`` (nothing changed) otherwise."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, id=device_id, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # One authenticator per user: an older one stops working when a new one is enrolled.
    replaced = list(
        TOTPDevice.objects.filter(user=user).exclude(id=device.id).values_list("id", flat=True)
    )
    TOTPDevice.objects.filter(id__in=replaced).delete()
    record_event(
        actor=user,
        action=Action.ACCOUNTS_OTP_ENROL,
        target=user,
        new={"device": device.persistent_id, "replaced": replaced},
    )
    return device


def record_login_failure(*, username: str, reason: str, client: str = "") -> None:
    """A failed sign-in (wrong password or wrong one-time code), for the audit log and for
    :func:`login_locked`, which counts these events."""
    record_event(
        actor=None,
        action=LOGIN_FAILED,
        target_type="accounts.user",
        target_id=username[:64],
        new={"reason": reason, "client": client},
    )


def login_locked(*, username: str, client: str) -> bool:
    """Whether sign-in as ``username`` from ``client`` is refused for now.

    Counts the failures of the last ``SAYLAU_LOGIN_WINDOW_SECONDS`` in the audit log (so every
    worker process and every restart sees the same count): ``SAYLAU_LOGIN_MAX_FAILURES`` from
    this client, or ``SAYLAU_LOGIN_MAX_FAILURES_PER_USER`` from anywhere, or
    ``SAYLAU_LOGIN_MAX_FAILURES_PER_CLIENT`` from this client whatever the names. A refused attempt is
    not itself counted, so the lock ends when the window has passed.
    """
    from saylau.web.audit.models import AuditEvent

    since = timezone.now() - timedelta(seconds=settings.SAYLAU_LOGIN_WINDOW_SECONDS)
    counts = AuditEvent.objects.filter(
        action=LOGIN_FAILED,
        target_type="accounts.user",
        target_id=username[:64],
        created_at__gte=since,
    ).aggregate(total=Count("id"), here=Count("id", filter=Q(new__client=client)))
    if (
        counts["here"] >= settings.SAYLAU_LOGIN_MAX_FAILURES
        or counts["total"] >= settings.SAYLAU_LOGIN_MAX_FAILURES_PER_USER
    ):
        return True
    # Across names: one client trying many usernames (issue 11, item 8).
    per_client = int(getattr(settings, "SAYLAU_LOGIN_MAX_FAILURES_PER_CLIENT", 20))
    from_client = AuditEvent.objects.filter(
        action=LOGIN_FAILED, created_at__gte=since, new__client=client
    ).count()
    return from_client >= per_client
