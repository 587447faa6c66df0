"""Demo step: one login per role, scoped to the demo region (``make run`` prints them).

The passwords are deterministic and public (``demo-<username>``): they exist only in the
demo database that ``saylau serve --demo`` fills, never in production.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from saylau.web.territory.models import District, Precinct, Region

from .models import ROLE_LEVEL, Level, Role, User
from .services import create_user

#: (role, username): one demo user per role.
DEMO_USERS: list[tuple[str, str]] = [
    (Role.CEC.value, "cec"),
    (Role.REGIONAL.value, "regional"),
    # The second official of the regional commission (its secretary): four eyes on sign-off.
    (Role.REGIONAL.value, "regional-secretary"),
    (Role.TERRITORIAL.value, "territorial"),
    (Role.PRECINCT.value, "precinct"),
    (Role.AKIMAT.value, "akimat"),
    (Role.TRAINER.value, "trainer"),
    (Role.OBSERVER.value, "observer"),
]

DEMO_ACTOR = "saylau demo"


def demo_password(username: str) -> str:
    return f"demo-{username}"


def demo_places() -> dict[str, Any]:
    """The demo's region, a city district in it (Taraz when present) and a precinct there."""
    region = Region.objects.order_by("id").first()
    if region is None:
        return {"region": None, "district": None, "precinct": None}
    districts = District.objects.filter(region=region)
    district = (
        districts.filter(Q(name_en__icontains="Taraz") | Q(name_ru__icontains="Тараз")).first()
        or districts.filter(kind=District.Kind.CITY).order_by("code").first()
        or districts.order_by("code").first()
    )
    precinct = (
        Precinct.objects.filter(district=district).order_by("number").first() if district else None
    )
    return {"region": region, "district": district, "precinct": precinct}


def load(ctx: Any) -> None:
    places = demo_places()
    made = 0
    for role, username in DEMO_USERS:
        level = ROLE_LEVEL[role]
        place: dict[str, Any] = {}
        if level is not Level.COUNTRY:
            key = {"region": "region", "district": "district", "precinct": "precinct"}[level]
            if places[key] is None:
                ctx.say(f"  no {key} in the database: demo user {username!r} skipped")
                continue
            place = {key: places[key]}
        password = demo_password(username)
        if not User.objects.filter(username=username).exists():
            user = create_user(
                actor=DEMO_ACTOR, username=username, role=role, password=password, **place
            )
            if role == Role.CEC:
                # The CEC demo user is also the administrator of the Django admin.
                User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
            made += 1
        ctx.logins.append((role, username, password))
    ctx.say(f"  {made} demo user(s) created")
