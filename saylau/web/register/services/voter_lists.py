"""Compiling voter lists per precinct for an election, absentee certificates, additional lists.

Eligibility is the law layer's (:func:`saylau.law.eligibility.voter_reasons`, through
:mod:`saylau.web.register.eligibility`); this module only
chooses who belongs to which precinct and numbers them alphabetically.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from saylau.errors import SaylauError
from saylau.web.accounts.policy import Action, ActorLike, require
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.elections.models import Election
from saylau.web.elections.places import precincts_of
from saylau.web.elections.windows import is_open, require_window
from saylau.web.territory.models import Precinct

from ..eligibility import is_voter
from ..models import AbsenteeCertificate, Person, SpecialStay, VoterList, VoterListEntry

#: The Kazakh Cyrillic alphabet (Kazakh letters in their places, Russian letters included).
ALPHABET = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
_ORDER = {ch: chr(0x100 + i) for i, ch in enumerate(ALPHABET)}


def alphabetical_key(person: Person) -> tuple[str, ...]:
    """Sort key in the order of the Kazakh alphabet (Ә after А, Ғ after Г, ...)."""

    def key(text: str) -> str:
        return "".join(_ORDER.get(ch, ch) for ch in text.upper())

    return (key(person.last_name), key(person.first_name), key(person.patronymic), person.iin)


def _members(election: Election, precinct: Precinct) -> list[tuple[Person, str]]:
    """(person, basis) of the main list of ``precinct``. Holders of an absentee certificate
    stay on it (with the remark of their certificate)."""
    if precinct.kind == Precinct.Kind.SPECIAL:
        stays = SpecialStay.objects.filter(election=election, precinct=precinct)
        qs = Person.private_objects.filter(active=True, pk__in=stays.values("person_id"))
        basis = VoterListEntry.Basis.SPECIAL_STAY
    else:
        elsewhere = SpecialStay.objects.filter(election=election).values("person_id")
        qs = Person.private_objects.filter(active=True, address__precinct=precinct).exclude(
            pk__in=elsewhere
        )
        basis = VoterListEntry.Basis.RESIDENCE
    people = [p for p in qs if is_voter(p, election.day)]
    people.sort(key=alphabetical_key)
    return [(p, basis) for p in people]


class ListsClosed(SaylauError):
    """The election's results are tabulated or published: its voter lists are closed."""

    code = "register_lists_closed"


#: Once results are tabulated the lists are what the commissions voted by (issue 11, item 9).
CLOSED = frozenset({Election.Status.TABULATED, Election.Status.PUBLISHED})


def require_open_lists(election: Election) -> None:
    if election.status in CLOSED:
        msg = f"the results of this election are {election.status}: its voter lists are closed"
        raise ListsClosed(msg)


def compile_precinct(election: Election, precinct: Precinct) -> VoterList:
    """(Re)number the main list of one precinct; the additional list is kept as it is."""
    require_open_lists(election)
    voter_list, created = VoterList.objects.get_or_create(election=election, precinct=precinct)
    if not created:
        voter_list.entries.filter(part=VoterListEntry.Part.MAIN).delete()
        voter_list.revision += 1
    members = _members(election, precinct)
    certificates = dict(
        AbsenteeCertificate.objects.filter(
            election=election, cancelled_on__isnull=True, person__in=[p for p, _b in members]
        ).values_list("person_id", "pk")
    )
    VoterListEntry.objects.bulk_create(
        [
            VoterListEntry(
                voter_list=voter_list,
                part=VoterListEntry.Part.MAIN,
                number=i,
                person=p,
                basis=basis,
                certificate_id=certificates.get(p.pk),
            )
            for i, (p, basis) in enumerate(members, start=1)
        ],
        batch_size=2000,
    )
    voter_list.voters = len(members)
    voter_list.save()
    return voter_list


def compile_lists(
    *, election: Election, actor: ActorLike, precincts: Iterable[Precinct] | None = None
) -> list[VoterList]:
    """Compile the lists of ``precincts`` (default: every precinct of the election)."""
    require(actor, Action.VOTER_LISTS_COMPILE, None if precincts is not None else election)
    require_window(election, "list_recompile")  # only before voting day
    require_open_lists(election)
    targets = list(precincts) if precincts is not None else list(precincts_of(election))
    for precinct in targets:
        require(actor, Action.VOTER_LISTS_COMPILE, precinct)
    with transaction.atomic():
        lists = [compile_precinct(election, p) for p in targets]
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_LISTS_COMPILE,
            target=election,
            new={
                "precincts": sorted(p.number for p in targets),
                "voters": sum(v.voters for v in lists),
            },
        )
    return lists


def recompile_affected(*, precinct_ids: set[int], actor: ActorLike) -> int:
    """After registry events: only lists already compiled for these precincts, elections in
    preparation."""
    n = 0
    lists = VoterList.objects.filter(
        precinct_id__in=precinct_ids, election__status=Election.Status.PREPARATION
    ).select_related("election", "precinct")
    by_election: dict[int, tuple[Election, list[Precinct]]] = {}
    for vl in lists:
        if not is_open(vl.election, "list_recompile"):
            continue  # final once voting day begins (phases): registry events leave them
        by_election.setdefault(vl.election_id, (vl.election, []))[1].append(vl.precinct)
    for election, precincts in by_election.values():
        n += len(compile_lists(election=election, actor=actor, precincts=precincts))
    return n


def add_to_additional_list(
    *,
    election: Election,
    precinct: Precinct,
    person: Person,
    actor: ActorLike,
    certificate: AbsenteeCertificate | None = None,
) -> VoterListEntry:
    """Election day: a certificate holder, or a voter who proved residence, goes on the
    additional list of the precinct where they vote."""
    require(actor, Action.VOTER_LIST_ENTRY, precinct)
    with transaction.atomic():
        voter_list, _created = VoterList.objects.select_for_update().get_or_create(
            election=election, precinct=precinct
        )
        if not is_voter(person, election.day):
            raise ValidationError(_("This person is not a voter on election day."))
        if voter_list.entries.filter(person=person).exists():
            raise ValidationError(_("The voter is already on this precinct's list."))
        if certificate is not None:
            if certificate.person_id != person.pk or certificate.election_id != election.pk:
                raise ValidationError(_("The certificate belongs to someone else."))
            if certificate.cancelled_on is not None:
                raise ValidationError(
                    _("Absentee certificate No. %(n)s was cancelled.") % {"n": certificate.number},
                    code="absentee.cancelled",
                )
            if certificate.voted_at_id is not None:
                raise ValidationError(_("This certificate has already been used."))
            certificate.voted_at = precinct
            certificate.save(update_fields=["voted_at"])
        elif VoterListEntry.objects.filter(voter_list__election=election, person=person).exists():
            raise ValidationError(_("The voter is on another precinct's list."))
        number = (
            voter_list.entries.filter(part=VoterListEntry.Part.ADDITIONAL).aggregate(
                n=Max("number")
            )["n"]
            or 0
        ) + 1
        entry = VoterListEntry.objects.create(
            voter_list=voter_list,
            part=VoterListEntry.Part.ADDITIONAL,
            number=number,
            person=person,
            certificate=certificate,
            basis=(
                VoterListEntry.Basis.ABSENTEE
                if certificate
                else VoterListEntry.Basis.PROOF_OF_RESIDENCE
            ),
        )
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_LISTS_ADDITIONAL,
            target=entry,
            new={
                "precinct": precinct.number,
                "number": number,
                "iin": person.iin,
                "certificate": certificate.number if certificate else None,
            },
        )
    return entry


def apply_for_special_stay(
    *,
    election: Election,
    person: Person,
    precinct: Precinct,
    actor: ActorLike,
    applied_on: date,
    reason: str = "",
) -> SpecialStay:
    """A voter staying in a special precinct is listed there (and leaves the home list)."""
    require(actor, Action.VOTER_LIST_ENTRY, precinct)
    if precinct.kind != Precinct.Kind.SPECIAL:
        raise ValidationError(_("Only a special precinct takes voters by application."))
    with transaction.atomic():
        stay = SpecialStay(
            election=election,
            person=person,
            precinct=precinct,
            applied_on=applied_on,
            reason=reason,
        )
        stay.full_clean()
        stay.save()
        affected = [precinct]
        home = person.address.precinct if person.address_id and person.address else None
        if home is not None:
            affected.append(home)
        for p in affected:
            if VoterList.objects.filter(election=election, precinct=p).exists():
                compile_precinct(election, p)
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_SPECIAL_STAY,
            target=stay,
            new={"iin": person.iin, "precinct": precinct.number},
        )
    return stay


# Absentee certificates live in .absentee; kept importable from here for older callers.
from .absentee import (  # noqa: E402
    ABSENTEE_QUOTA,
    absentee_quota,
    cancel_absentee_certificate,
    issue_absentee_certificate,
)

__all__ = [
    "ABSENTEE_QUOTA",
    "absentee_quota",
    "add_to_additional_list",
    "apply_for_special_stay",
    "cancel_absentee_certificate",
    "compile_lists",
    "compile_precinct",
    "issue_absentee_certificate",
    "recompile_affected",
]
