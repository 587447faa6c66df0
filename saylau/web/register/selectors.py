"""Reads of the register, every one through the user's territorial scope.

Persons are personal data: observers get aggregates only (:func:`person_counts`); listing or
opening a person needs a role that works with the register.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from saylau.web.accounts.models import Level, Role
from saylau.web.accounts.policy import Action, allows
from saylau.web.accounts.scope import Scope, scope_for
from saylau.web.elections.models import Election
from saylau.web.territory.models import District, Precinct

from .models import OutsideVotingRequest, Person, RegisterImport, VoterList, VoterListEntry

PERSON_PATHS = {
    "region": "region",
    "district": "address__district",
    "precinct": "address__precinct",
}
#: Roles that may see persons one by one (within their scope).
PERSONAL_DATA_ROLES = frozenset(
    {Role.CEC, Role.REGIONAL, Role.TERRITORIAL, Role.AKIMAT, Role.PRECINCT}
)


def can_see_persons(user: Any) -> bool:
    return (
        getattr(user, "role", None) in PERSONAL_DATA_ROLES
        and scope_for(user).level is not Level.NONE
    )


class PersonalDataDenied(PermissionDenied):
    """A role that sees aggregates only asked for persons (HTTP 403 with the stable ``code``;
    ``title`` says it in the reader's language, the message to a developer)."""

    code = "personal_data"
    title = _("Your role sees totals only, not the persons themselves.")


def require_personal_data(user: Any) -> Scope:
    if not can_see_persons(user):
        raise PersonalDataDenied("personal data: aggregates only for this role")
    return scope_for(user)


def persons_for(user: Any) -> QuerySet[Person]:
    scope = require_personal_data(user)
    return scope.restrict(Person.private_objects.filter(active=True), **PERSON_PATHS)


def search_persons(user: Any, query: str) -> QuerySet[Person]:
    qs = persons_for(user).select_related("address", "address__precinct")
    query = query.strip()
    if not query:
        return qs.none()
    if query.isdigit():
        return qs.filter(iin__startswith=query)
    parts = query.split()
    cond = Q(last_name__istartswith=parts[0])
    if len(parts) > 1:
        cond &= Q(first_name__istartswith=parts[1])
    return qs.filter(cond)


def person_detail(user: Any, person_id: int) -> Person:
    person = (
        persons_for(user)
        .select_related("address", "address__precinct", "address__district")
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise Http404("no such person in your scope")
    return person


def person_counts(user: Any) -> list[dict[str, Any]]:
    """Voters registered per district of the scope (every role with a scope, observers too)."""
    scope = scope_for(user)
    districts = scope.restrict(
        District.objects.all(), region="region", district="pk", precinct="precincts"
    )
    qs = Person.private_objects.filter(active=True, address__district__in=districts)
    qs = scope.restrict(qs, **PERSON_PATHS)
    rows = (
        qs.values(
            "address__district_id", "address__district__name_ru", "address__district__name_kk"
        )
        .annotate(
            total=Count("id"),
            deceased=Count("id", filter=Q(death_date__isnull=False)),
            citizens=Count("id", filter=Q(citizenship="KZ")),
        )
        .order_by("address__district__name_ru")
    )
    return list(rows)


def imports_for(user: Any) -> QuerySet[RegisterImport]:
    scope = scope_for(user)
    if not allows(user, Action.REGISTER_IMPORT):
        raise PermissionDenied("imports are for the CEC and regional commissions")
    qs = RegisterImport.objects.all()
    if scope.is_country:
        return qs
    return qs.filter(Q(region_id=scope.region_id) | Q(region__isnull=True, started_by=user))


def elections_for(user: Any) -> QuerySet[Election]:
    scope = scope_for(user)
    if scope.level is Level.NONE:
        return Election.objects.none()
    if scope.is_country:
        return Election.objects.all()
    return Election.objects.filter(Q(region_id=scope.region_id) | Q(region__isnull=True))


def precincts_for(user: Any) -> QuerySet[Precinct]:
    return scope_for(user).restrict(
        Precinct.objects.select_related("district"),
        region="region",
        district="district",
        precinct="pk",
    )


def voter_lists_for(user: Any, election: Election) -> QuerySet[VoterList]:
    return scope_for(user).restrict(
        VoterList.objects.filter(election=election).select_related(
            "precinct", "precinct__district"
        ),
        region="precinct__region",
        district="precinct__district",
        precinct="precinct",
    )


def voter_list_detail(user: Any, election_id: int, precinct_id: int) -> VoterList:
    require_personal_data(user)
    election = elections_for(user).filter(pk=election_id).first()
    vl = None
    if election is not None:
        vl = voter_lists_for(user, election).filter(precinct_id=precinct_id).first()
    if vl is None:
        raise Http404("no such list in your scope")
    return vl


def list_entries(voter_list: VoterList) -> QuerySet[VoterListEntry]:
    return voter_list.entries.select_related("person", "person__address", "certificate").order_by(
        "part", "number"
    )


def outside_requests_for(user: Any) -> QuerySet[OutsideVotingRequest]:
    require_personal_data(user)
    return scope_for(user).restrict(
        OutsideVotingRequest.objects.select_related("person", "precinct", "election"),
        region="precinct__region",
        district="precinct__district",
        precinct="precinct",
    )


def compiled_list_counts(*, election_id: int, precinct_id: int) -> tuple[int, int] | None:
    """(main, additional) voters on the precinct's compiled list, in one query, for the
    protocol check of line 1; ``None`` when the election has no compiled list at all (its
    lists are kept outside saylau). A precinct without a list of a listed election has 0."""
    from django.db import connections, router

    lists, entries = VoterList._meta.db_table, VoterListEntry._meta.db_table
    sql = f"""SELECT
        (SELECT voters FROM {lists} WHERE election_id = %s AND precinct_id = %s),
        (SELECT COUNT(*) FROM {entries} e JOIN {lists} l ON l.id = e.voter_list_id
            WHERE l.election_id = %s AND l.precinct_id = %s AND e.part = 'additional'),
        EXISTS(SELECT 1 FROM {lists} WHERE election_id = %s)"""  # noqa: S608 - the models' table names, values are parameters
    with connections[router.db_for_read(VoterList)].cursor() as cursor:
        cursor.execute(sql, [election_id, precinct_id] * 2 + [election_id])
        main, additional, any_list = cursor.fetchone()
    if not any_list:
        return None
    return int(main or 0), int(additional or 0)
