"""Services of the elections app: each one transaction and one audit event."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction

from saylau.law.eligibility import candidate_rule
from saylau.law.iin import parse_iin
from saylau.law.seats import UnknownSeatStructure, rules_for, seat_findings
from saylau.web.accounts.policy import Action, ActorLike, Place, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.territory.models import District, Precinct, Region

from .errors import (
    AlreadyOnAList,
    DrawRefused,
    ElectionsError,
    ListClosed,
    ListFull,
    NotEligible,
    QuotaNotMet,
    RegistrationClash,
    SeatsRefused,
)
from .models import (
    BallotDraw,
    Candidate,
    Election,
    Party,
    PartyList,
    SingleMemberCandidate,
    SingleMemberDistrict,
)
from .places import precincts_of
from .standing import refusals

#: The list quota: at least this share of a list are women, or persons under 29, or persons
#: with a disability (law-notes 1.3, 2022 amendments). In force for Mazhilis lists; for
#: maslikhat lists the notes say it is "not yet binding" - UNCONFIRMED, kept configurable here.
LIST_QUOTA: dict[str, Fraction] = {"mazhilis": Fraction(3, 10)}
QUOTA_YOUTH_AGE = 29


@dataclass(frozen=True)
class QuotaFinding:
    code: str
    share: Fraction
    required: Fraction


def _parsed(iin: str) -> Any:
    try:
        return parse_iin(iin.strip())
    except Exception as exc:  # noqa: BLE001 - InvalidIIN carries the reason
        raise ElectionsError(str(exc), field="iin") from exc


def _refuse(reasons: list[Any], iin: str) -> None:
    """Refuse with every reason; a person whose only fault is standing already keeps the
    error of its own (``elections.already_on_a_list``)."""
    if [r.code for r in reasons] == ["already_candidate"]:
        raise AlreadyOnAList(iin, field="iin")
    if reasons:
        raise NotEligible(reasons)


def create_election(
    *,
    actor: ActorLike,
    name_ru: str,
    name_kk: str,
    name_en: str = "",
    body: str,
    day: dt.date,
    region: Region | None,
    district: District | None = None,
    list_seats: int,
    single_member_districts: int = 0,
) -> Election:
    """Create an election; the rule set in force for its body and day is stored by name.

    The seat numbers must be those of the body's structure on that day (``law.seats.structure``:
    a Mazhilis election has 69 list seats and 29 districts since the 2022 amendments)."""
    require(
        actor,
        Action.ELECTION_CREATE,
        Place(
            region_id=region.pk if region is not None else None,
            district_id=district.pk if district is not None else None,
        ),
    )
    election = Election(
        name_ru=name_ru,
        name_kk=name_kk,
        name_en=name_en,
        body=body,
        day=day,
        region=region,
        district=district,
        list_seats=list_seats,
        single_member_districts=single_member_districts,
    )
    try:
        election.rule_set = rules_for(election.law_body, day).name
    except Exception as exc:  # noqa: BLE001 - the law layer names what is unknown
        raise ElectionsError(str(exc), field="day") from exc
    try:
        findings = seat_findings(
            body, day, list_seats=list_seats, single_member=single_member_districts
        )
    except UnknownSeatStructure as exc:
        raise ElectionsError(str(exc), field="day") from exc
    if findings:
        raise SeatsRefused(findings)
    election.full_clean()
    with transaction.atomic():
        election.save()
        record_event(
            actor=actor,
            action=AuditAction.ELECTIONS_ELECTION_CREATE,
            target=election,
            new={"body": body, "day": day, "rule_set": election.rule_set, "list_seats": list_seats},
        )
    return election


def get_or_create_party(*, code: str, name_ru: str, name_kk: str, name_en: str = "") -> Party:
    party, _created = Party.objects.get_or_create(
        code=code, defaults={"name_ru": name_ru, "name_kk": name_kk, "name_en": name_en}
    )
    return party


def register_party_list(
    *, actor: ActorLike, election: Election, party: Party, registered_at: dt.datetime | None = None
) -> PartyList:
    """Register ``party``'s list; the moment of registration is kept (it settles ties)."""
    require(actor, Action.PARTY_LIST_REGISTER, election)
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if BallotDraw.objects.filter(election=locked).exists():
            raise ListClosed("the ballot order is drawn")
        party_list = PartyList(
            election=locked, party=party, registered_at=registered_at or clock.now()
        )
        try:
            with transaction.atomic():
                party_list.save()
        except IntegrityError as exc:
            raise RegistrationClash(str(exc), field="party") from exc
        record_event(
            actor=actor,
            action=AuditAction.ELECTIONS_LIST_REGISTER,
            target=party_list,
            new={"party": party.code, "registered_at": party_list.registered_at},
        )
    return party_list


def add_candidate(
    *, actor: ActorLike, party_list: PartyList, full_name: str, iin: str, disability: bool = False
) -> Candidate:
    """Add a candidate at the end of ``party_list`` after the law's checks.

    Every condition of the law for the body is checked against the register
    (``standing.refusals``: in the register, citizen, alive, not declared incapable, not
    imprisoned, the body's age on election day, not already a candidate); each refusal cites
    its rule. The list takes at most the names the body's rule allows (Mazhilis: 90).
    """
    require(actor, Action.CANDIDATE_REGISTER, party_list.election)
    parsed = _parsed(iin)
    election = party_list.election
    _refuse(refusals(election=election, iin=parsed.value), parsed.value)
    with transaction.atomic():
        locked = PartyList.objects.select_for_update().get(pk=party_list.pk)
        if BallotDraw.objects.filter(election_id=locked.election_id).exists():
            raise ListClosed("the ballot order is drawn")
        if Candidate.objects.filter(election_id=locked.election_id, iin=parsed.value).exists():
            raise AlreadyOnAList(parsed.value, field="iin")
        position = locked.candidates.count() + 1
        limit = candidate_rule(election.law_body, election.day).max_list_names
        if limit is not None and position > limit:
            raise ListFull(f"{limit}", field="iin")
        candidate = Candidate(
            election_id=locked.election_id,
            party_list=locked,
            position=position,
            full_name=full_name.strip(),
            iin=parsed.value,
            birth_date=parsed.birth_date,
            sex=parsed.sex,
            disability=disability,
        )
        candidate.full_clean()
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError as exc:
            raise AlreadyOnAList(parsed.value, field="iin") from exc
        record_event(
            actor=actor,
            action=AuditAction.ELECTIONS_CANDIDATE_ADD,
            target=candidate,
            new={"list": locked.pk, "position": position, "name": candidate.full_name},
        )
    return candidate


def quota_findings(party_list: PartyList) -> list[QuotaFinding]:
    """The list quota check: empty when met or when no quota is in force for the body.

    A list without candidates never passes it (``empty_list``): it gets no ballot position."""
    election = party_list.election
    required = LIST_QUOTA.get(election.law_body)
    candidates = list(party_list.candidates.all())
    if not candidates:
        return [QuotaFinding("empty_list", Fraction(0), required or Fraction(0))]
    if required is None:
        return []
    from saylau.law.eligibility import age_on

    counted = sum(
        1
        for c in candidates
        if c.sex == Candidate.Sex.FEMALE
        or c.disability
        or age_on(c.birth_date, election.day) < QUOTA_YOUTH_AGE
    )
    share = Fraction(counted, len(candidates))
    return [] if share >= required else [QuotaFinding("list_quota", share, required)]


def draw_ballot_order(
    *, actor: ActorLike, election: Election, witnesses: list[str], rng: random.Random | None = None
) -> BallotDraw:
    """Draw the order of the party lists on the ballot by lot, with at least two witnesses.

    Only lists with candidates are drawn; a list without any gets no ballot position (and
    the draw is refused when no list has a candidate)."""
    require(actor, Action.BALLOT_DRAW, election)
    names = [w.strip() for w in witnesses if w.strip()]
    if len(names) < 2:
        raise DrawRefused("at least two witnesses must be named", field="witnesses")
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if BallotDraw.objects.filter(election=locked).exists():
            raise DrawRefused("the ballot order is already drawn")
        registered = list(locked.party_lists.select_related("party").order_by("registered_at"))
        lists = [pl for pl in registered if pl.candidates.exists()]
        if len(lists) < 1:
            raise DrawRefused("no party list with candidates is registered")
        for party_list in lists:
            if quota_findings(party_list):
                raise QuotaNotMet(party_list.party.code)
        for empty in (pl for pl in registered if pl not in lists):
            empty.ballot_position = None
            empty.save(update_fields=["ballot_position"])
        (rng or secrets.SystemRandom()).shuffle(lists)
        for position, party_list in enumerate(lists, start=1):
            party_list.ballot_position = position
            party_list.save(update_fields=["ballot_position"])
        draw = BallotDraw.objects.create(
            election=locked,
            drawn_at=clock.now(),
            drawn_by=user_of(actor),
            witnesses=names,
            order=[pl.party.code for pl in lists],
        )
        record_event(
            actor=actor,
            action=AuditAction.ELECTIONS_BALLOT_DRAW,
            target=draw,
            new={"order": draw.order, "witnesses": names},
        )
    return draw


def add_single_member_district(
    *,
    actor: ActorLike,
    election: Election,
    number: int,
    name_ru: str,
    name_kk: str,
    territory: District | None = None,
    precinct_numbers: list[int] | None = None,
) -> SingleMemberDistrict:
    """Add a single-member district (numbered within the election, at most as many as set).

    Its precincts are those numbered in ``precinct_numbers`` (each among the election's
    precincts and in no other district of it), else every precinct of ``territory``."""
    require(actor, Action.DISTRICT_SETUP, election)
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if locked.single_member_district_set.count() >= locked.single_member_districts:
            msg = f"the election has {locked.single_member_districts} single-member districts"
            raise ElectionsError(msg, field="number")
        district = SingleMemberDistrict(
            election=locked, number=number, name_ru=name_ru, name_kk=name_kk, territory=territory
        )
        district.full_clean()
        district.save()
        if precinct_numbers:
            district.precincts.set(_district_precincts(locked, precinct_numbers))
        record_event(
            actor=actor,
            action=AuditAction.ELECTIONS_SMD_ADD,
            target=district,
            new={"number": number, "name": name_ru, "precincts": precinct_numbers or []},
        )
    return district


def _district_precincts(election: Election, numbers: list[int]) -> list[Precinct]:
    """The precincts numbered ``numbers`` of the election's territory, none already placed."""
    found = list(precincts_of(election).filter(number__in=numbers))
    unknown = sorted(set(numbers) - {p.number for p in found})
    if unknown:
        msg = f"no precinct {', '.join(map(str, unknown))} in the election's territory"
        raise ElectionsError(msg, field="precinct_numbers")
    taken = sorted(
        Precinct.objects.filter(
            single_member_districts__election=election, pk__in=[p.pk for p in found]
        ).values_list("number", flat=True)
    )
    if taken:
        msg = f"precincts {', '.join(map(str, taken))} are already in another district"
        raise ElectionsError(msg, field="precinct_numbers")
    return found


def add_single_member_candidate(
    *,
    actor: ActorLike,
    district: SingleMemberDistrict,
    full_name: str,
    iin: str,
    party: Party | None = None,
) -> SingleMemberCandidate:
    """Register a candidate in a single-member district after every check of the law against
    the register (as :func:`add_candidate`); a person stands in one district at most."""
    require(actor, Action.CANDIDATE_REGISTER, district.election)
    parsed = _parsed(iin)
    election = district.election
    _refuse(refusals(election=election, iin=parsed.value), parsed.value)
    candidate = SingleMemberCandidate(
        district=district,
        election=election,
        full_name=full_name.strip(),
        iin=parsed.value,
        birth_date=parsed.birth_date,
        party=party,
    )
    try:
        with transaction.atomic():
            candidate.save()
            record_event(
                actor=actor,
                action=AuditAction.ELECTIONS_SMD_CANDIDATE,
                target=candidate,
                new={"district": district.number, "name": candidate.full_name},
            )
    except IntegrityError as exc:
        raise AlreadyOnAList(parsed.value, field="iin") from exc
    return candidate
