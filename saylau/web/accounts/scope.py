"""Territorial scope: the one selector every query made for a user goes through.

A :class:`Scope` says which region, district or precinct a user may see. Selectors call
:func:`scope_for` and then :meth:`Scope.restrict` with the lookups that lead from their model
to the territory, so that the safe choice (filtering) is the only one on offer::

    scope = scope_for(user)
    voters = scope.restrict(Voter.objects.all(), precinct="precinct", district="precinct__district",
                            region="precinct__region")

A user with no valid scope sees nothing (never everything).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

from .models import ROLE_LEVEL, Level, Role

if TYPE_CHECKING:
    from .models import User

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Scope:
    """What part of the country a user may see at its ``level``."""

    level: Level
    region_id: int | None = None
    district_id: int | None = None
    precinct_id: int | None = None
    read_only: bool = False

    @property
    def is_country(self) -> bool:
        return self.level is Level.COUNTRY

    def restrict(
        self,
        queryset: QuerySet[M],
        *,
        region: str | None = None,
        district: str | None = None,
        precinct: str | None = None,
    ) -> QuerySet[M]:
        """Filter ``queryset`` to this scope. Pass the lookup path from the model to each level
        it can reach (``None`` where it cannot: then a narrower scope sees nothing of it)."""
        if self.level is Level.COUNTRY:
            return queryset
        if self.level is Level.REGION and region is not None and self.region_id is not None:
            return queryset.filter(**{region: self.region_id})
        if self.level is Level.DISTRICT and district is not None and self.district_id is not None:
            return queryset.filter(**{district: self.district_id})
        if self.level is Level.PRECINCT and precinct is not None and self.precinct_id is not None:
            return queryset.filter(**{precinct: self.precinct_id})
        return queryset.none()

    def covers(
        self,
        *,
        region_id: int | None = None,
        district_id: int | None = None,
        precinct_id: int | None = None,
    ) -> bool:
        """Whether an object at this place is inside the scope (pass what the object knows)."""
        if self.level is Level.COUNTRY:
            return True
        if self.level is Level.REGION:
            return region_id is not None and region_id == self.region_id
        if self.level is Level.DISTRICT:
            return district_id is not None and district_id == self.district_id
        if self.level is Level.PRECINCT:
            return precinct_id is not None and precinct_id == self.precinct_id
        return False

    def require(self, **place: Any) -> None:
        """Raise :class:`PermissionDenied` (HTTP 403) unless the place is inside the scope."""
        if not self.covers(**place):
            raise PermissionDenied("outside your territorial scope")

    def require_write(self) -> None:
        if self.read_only:
            raise PermissionDenied("read-only role")


NOTHING = Scope(level=Level.NONE, read_only=True)


def scope_for(user: User | Any) -> Scope:
    """The scope of ``user``: CEC sees the country, others the territory their role is pinned to."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    role = user.role
    read_only = role == Role.OBSERVER
    level = ROLE_LEVEL.get(role)
    if level is Level.COUNTRY:
        return Scope(level=Level.COUNTRY, read_only=read_only)
    if level is Level.REGION and user.region_id:
        return Scope(level=Level.REGION, region_id=user.region_id, read_only=read_only)
    if level is Level.DISTRICT and user.district is not None:
        district = user.district
        return Scope(
            level=Level.DISTRICT,
            region_id=district.region_id,
            district_id=user.district_id,
            read_only=read_only,
        )
    if level is Level.PRECINCT and user.precinct is not None:
        precinct = user.precinct
        return Scope(
            level=Level.PRECINCT,
            region_id=precinct.region_id,
            district_id=precinct.district_id,
            precinct_id=user.precinct_id,
            read_only=read_only,
        )
    return NOTHING
