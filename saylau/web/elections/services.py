"""Services of the elections app: each one transaction and one audit event."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from saylau.law.eligibility import Person, candidate_reasons
from saylau.law.iin import parse_iin
from saylau.law.seats import rules_for
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.territory.models import District, Precinct, Region

from .errors import (
    AlreadyOnAList,
    DrawRefused,
    ElectionsError,
    ListClosed,
    NotEligible,
    QuotaNotMet,
    RegistrationClash,
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


def create_election(
    *,
    actor: Any,
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
    """Create an election; the rule set in force for its body and day is stored by name."""
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
    election.full_clean()
    with transaction.atomic():
        election.save()
        record_event(
            actor=actor,
            action=Action.ELECTIONS_ELECTION_CREATE,
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
    *, actor: Any, election: Election, party: Party, registered_at: dt.datetime | None = None
) -> PartyList:
    """Register ``party``'s list; the moment of registration is kept (it settles ties)."""
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if BallotDraw.objects.filter(election=locked).exists():
            raise ListClosed("the ballot order is drawn")
        party_list = PartyList(
            election=locked, party=party, registered_at=registered_at or timezone.now()
        )
        try:
            with transaction.atomic():
                party_list.save()
        except IntegrityError as exc:
            raise RegistrationClash(str(exc), field="party") from exc
        record_event(
            actor=actor,
            action=Action.ELECTIONS_LIST_REGISTER,
            target=party_list,
            new={"party": party.code, "registered_at": party_list.registered_at},
        )
    return party_list


def add_candidate(
    *, actor: Any, party_list: PartyList, full_name: str, iin: str, disability: bool = False
) -> Candidate:
    """Add a candidate at the end of ``party_list`` after the law's checks.

    The date of birth and sex come from the IIN; the candidate age of the body on election
    day is the law layer's (``saylau.law.eligibility``); no one stands on two lists.
    """
    try:
        parsed = parse_iin(iin.strip())
    except Exception as exc:  # noqa: BLE001 - InvalidIIN carries the reason
        raise ElectionsError(str(exc), field="iin") from exc
    election = party_list.election
    reasons = candidate_reasons(Person(parsed.birth_date), election.law_body, election.day)
    if reasons:
        detail = "; ".join(f"{r.code} {r.params}" for r in reasons)
        raise NotEligible(detail, field="iin")
    with transaction.atomic():
        locked = PartyList.objects.select_for_update().get(pk=party_list.pk)
        if BallotDraw.objects.filter(election_id=locked.election_id).exists():
            raise ListClosed("the ballot order is drawn")
        if Candidate.objects.filter(election_id=locked.election_id, iin=parsed.value).exists():
            raise AlreadyOnAList(parsed.value, field="iin")
        position = locked.candidates.count() + 1
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
            action=Action.ELECTIONS_CANDIDATE_ADD,
            target=candidate,
            new={"list": locked.pk, "position": position, "name": candidate.full_name},
        )
    return candidate


def quota_findings(party_list: PartyList) -> list[QuotaFinding]:
    """The list quota check: empty when met or when no quota is in force for the body."""
    election = party_list.election
    required = LIST_QUOTA.get(election.law_body)
    candidates = list(party_list.candidates.all())
    if required is None or not candidates:
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
    *, actor: Any, election: Election, witnesses: list[str], rng: random.Random | None = None
) -> BallotDraw:
    """Draw the order of the party lists on the ballot by lot, with at least two witnesses."""
    names = [w.strip() for w in witnesses if w.strip()]
    if len(names) < 2:
        raise DrawRefused("at least two witnesses must be named", field="witnesses")
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if BallotDraw.objects.filter(election=locked).exists():
            raise DrawRefused("the ballot order is already drawn")
        lists = list(locked.party_lists.select_related("party").order_by("registered_at"))
        if len(lists) < 1:
            raise DrawRefused("no party list is registered")
        for party_list in lists:
            if quota_findings(party_list):
                raise QuotaNotMet(party_list.party.code)
        (rng or secrets.SystemRandom()).shuffle(lists)
        for position, party_list in enumerate(lists, start=1):
            party_list.ballot_position = position
            party_list.save(update_fields=["ballot_position"])
        draw = BallotDraw.objects.create(
            election=locked,
            drawn_at=timezone.now(),
            drawn_by=actor if getattr(actor, "pk", None) else None,
            witnesses=names,
            order=[pl.party.code for pl in lists],
        )
        record_event(
            actor=actor,
            action=Action.ELECTIONS_BALLOT_DRAW,
            target=draw,
            new={"order": draw.order, "witnesses": names},
        )
    return draw


def add_single_member_district(
    *,
    actor: Any,
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
            action=Action.ELECTIONS_SMD_ADD,
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
    actor: Any,
    district: SingleMemberDistrict,
    full_name: str,
    iin: str,
    party: Party | None = None,
) -> SingleMemberCandidate:
    """Register a candidate in a single-member district after the law's age check; a person
    stands in one district of an election at most."""
    try:
        parsed = parse_iin(iin.strip())
    except Exception as exc:  # noqa: BLE001 - InvalidIIN carries the reason
        raise ElectionsError(str(exc), field="iin") from exc
    election = district.election
    reasons = candidate_reasons(Person(parsed.birth_date), election.law_body, election.day)
    if reasons:
        raise NotEligible("; ".join(f"{r.code} {r.params}" for r in reasons), field="iin")
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
                action=Action.ELECTIONS_SMD_CANDIDATE,
                target=candidate,
                new={"district": district.number, "name": candidate.full_name},
            )
    except IntegrityError as exc:
        raise AlreadyOnAList(parsed.value, field="iin") from exc
    return candidate
