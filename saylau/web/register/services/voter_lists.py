"""Compiling voter lists per precinct for an election, absentee certificates, additional lists.

Eligibility is the law layer's (:func:`saylau.law.eligibility.voter_reasons`); this module only
chooses who belongs to which precinct and numbers them alphabetically.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from saylau.law.eligibility import Person as LawPerson
from saylau.law.eligibility import voter_reasons
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.elections.models import Election
from saylau.web.elections.places import precincts_of
from saylau.web.territory.models import Precinct

from ..models import AbsenteeCertificate, Person, SpecialStay, VoterList, VoterListEntry

#: The Kazakh Cyrillic alphabet (Kazakh letters in their places, Russian letters included).
ALPHABET = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
_ORDER = {ch: chr(0x100 + i) for i, ch in enumerate(ALPHABET)}

#: Oblast-wide limit of absentee certificates: 1 % of the voters (CEC resolution of 8 April
#: 2009 No. 161/306, law-notes section 3), as a fraction numerator / denominator.
ABSENTEE_QUOTA = (1, 100)


def alphabetical_key(person: Person) -> tuple[str, ...]:
    """Sort key in the order of the Kazakh alphabet (Ә after А, Ғ after Г, ...)."""

    def key(text: str) -> str:
        return "".join(_ORDER.get(ch, ch) for ch in text.upper())

    return (key(person.last_name), key(person.first_name), key(person.patronymic), person.iin)


def law_person(p: Person) -> LawPerson | None:
    if p.birth_date is None:
        return None
    return LawPerson(
        birth_date=p.birth_date,
        citizen=p.citizenship == "KZ",
        died_on=p.death_date,
        declared_incapable=p.incapable,
        imprisoned_by_sentence=p.imprisoned,
    )


def is_voter(p: Person, day: date) -> bool:
    lp = law_person(p)
    return lp is not None and not voter_reasons(lp, day)


def _members(election: Election, precinct: Precinct) -> list[tuple[Person, str]]:
    """(person, basis) of the main list of ``precinct``."""
    away = Q(pk__in=AbsenteeCertificate.objects.filter(election=election).values("person_id"))
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
    people = [p for p in qs.exclude(away) if is_voter(p, election.day)]
    people.sort(key=alphabetical_key)
    return [(p, basis) for p in people]


def compile_precinct(election: Election, precinct: Precinct) -> VoterList:
    """(Re)number the main list of one precinct; the additional list is kept as it is."""
    voter_list, created = VoterList.objects.get_or_create(election=election, precinct=precinct)
    if not created:
        voter_list.entries.filter(part=VoterListEntry.Part.MAIN).delete()
        voter_list.revision += 1
    members = _members(election, precinct)
    VoterListEntry.objects.bulk_create(
        [
            VoterListEntry(
                voter_list=voter_list,
                part=VoterListEntry.Part.MAIN,
                number=i,
                person=p,
                basis=basis,
            )
            for i, (p, basis) in enumerate(members, start=1)
        ],
        batch_size=2000,
    )
    voter_list.voters = len(members)
    voter_list.save()
    return voter_list


def compile_lists(
    *, election: Election, actor: Any, precincts: Iterable[Precinct] | None = None
) -> list[VoterList]:
    """Compile the lists of ``precincts`` (default: every precinct of the election)."""
    targets = list(precincts) if precincts is not None else list(precincts_of(election))
    with transaction.atomic():
        lists = [compile_precinct(election, p) for p in targets]
        record_event(
            actor=actor,
            action=Action.REGISTER_LISTS_COMPILE,
            target=election,
            new={
                "precincts": sorted(p.number for p in targets),
                "voters": sum(v.voters for v in lists),
            },
        )
    return lists


def recompile_affected(*, precinct_ids: set[int], actor: Any) -> int:
    """After registry events: only lists already compiled for these precincts, elections in
    preparation."""
    n = 0
    lists = VoterList.objects.filter(
        precinct_id__in=precinct_ids, election__status=Election.Status.PREPARATION
    ).select_related("election", "precinct")
    by_election: dict[int, tuple[Election, list[Precinct]]] = {}
    for vl in lists:
        by_election.setdefault(vl.election_id, (vl.election, []))[1].append(vl.precinct)
    for election, precincts in by_election.values():
        n += len(compile_lists(election=election, actor=actor, precincts=precincts))
    return n


def absentee_quota(election: Election) -> tuple[int, int]:
    """(certificates issued, the most that may be issued) for the election's oblast."""
    issued = AbsenteeCertificate.objects.filter(election=election).count()
    on_lists = VoterList.objects.filter(election=election).aggregate(n=Sum("voters"))["n"] or 0
    voters = on_lists + issued  # certificate holders were taken off the lists
    num, den = ABSENTEE_QUOTA
    return issued, voters * num // den


def issue_absentee_certificate(
    *, election: Election, person: Person, actor: Any, issued_on: date
) -> AbsenteeCertificate:
    """Issue the next numbered certificate; the voter leaves their home list."""
    with transaction.atomic():
        Election.objects.select_for_update().filter(pk=election.pk).first()
        entry = (
            VoterListEntry.objects.filter(
                voter_list__election=election, person=person, part=VoterListEntry.Part.MAIN
            )
            .select_related("voter_list__precinct")
            .first()
        )
        if entry is None:
            raise ValidationError(_("The voter is not on a main list of this election."))
        issued, limit = absentee_quota(election)
        if issued + 1 > limit:
            raise ValidationError(
                _(
                    "The oblast quota of absentee certificates (1%% of voters, %(limit)s) is used up."
                )
                % {"limit": limit}
            )
        number = (
            AbsenteeCertificate.objects.filter(election=election).aggregate(n=Max("number"))["n"]
            or 0
        ) + 1
        cert = AbsenteeCertificate(
            election=election,
            number=number,
            person=person,
            home_precinct=entry.voter_list.precinct,
            issued_on=issued_on,
            issued_by=actor if hasattr(actor, "pk") else None,
        )
        cert.full_clean()
        cert.save()
        compile_precinct(election, entry.voter_list.precinct)
        record_event(
            actor=actor,
            action=Action.REGISTER_ABSENTEE_ISSUE,
            target=cert,
            new={
                "number": number,
                "iin": person.iin,
                "home_precinct": entry.voter_list.precinct.number,
            },
        )
    return cert


def add_to_additional_list(
    *,
    election: Election,
    precinct: Precinct,
    person: Person,
    actor: Any,
    certificate: AbsenteeCertificate | None = None,
) -> VoterListEntry:
    """Election day: a certificate holder, or a voter who proved residence, goes on the
    additional list of the precinct where they vote."""
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
            action=Action.REGISTER_LISTS_ADDITIONAL,
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
    actor: Any,
    applied_on: date,
    reason: str = "",
) -> SpecialStay:
    """A voter staying in a special precinct is listed there (and leaves the home list)."""
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
            action=Action.REGISTER_SPECIAL_STAY,
            target=stay,
            new={"iin": person.iin, "precinct": precinct.number},
        )
    return stay
