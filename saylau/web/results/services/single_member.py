"""Single-member races (since 2023 half of the oblast and big-city maslikhat seats): which
precincts vote in which district, reading their protocols, summing them per district and the
winner of each by the law layer's plurality rule (``saylau.law.single_member``).

A precinct writes one protocol per race: its single-member protocol has ``race`` =
``single_member``, ``district`` = the district's number, and one vote line per candidate of that
district (``code`` = the candidate's id), docs/formats/protocol.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _

from saylau.law.protocol import Race
from saylau.law.tally import Totals, decide_district
from saylau.web.accounts.policy import Action, ActorLike, require
from saylau.web.accounts.scope import Scope
from saylau.web.elections.models import Election, SingleMemberDistrict
from saylau.web.territory.models import Precinct

from ..errors import InvalidProtocol
from ..models import Protocol
from ..refusals import Sentence, named, say
from .submission import submit_protocol


def district_precincts(district: SingleMemberDistrict) -> QuerySet[Precinct]:
    """The precincts voting in ``district``: those listed, else all of its territory."""
    if district.precincts.exists():
        return district.precincts.all()
    if district.territory_id is not None:
        return Precinct.objects.filter(district_id=district.territory_id)
    return Precinct.objects.none()


@dataclass
class DistrictCount:
    """A single-member district with the protocols in force summed, and how many are expected."""

    district: SingleMemberDistrict
    candidates: list[str]
    expected: int
    totals: Totals
    #: What does not add up, said in the reader's language when shown (:mod:`..refusals`).
    problems: list[Sentence]

    @property
    def complete(self) -> bool:
        return self.totals.protocols == self.expected and not self.problems

    def result(self) -> Any:
        return decide_district(self.totals, self.candidates)


def districts_of(election: Election) -> list[SingleMemberDistrict]:
    return list(
        election.single_member_district_set.prefetch_related("candidates", "precincts").order_by(
            "number"
        )
    )


def precinct_districts(districts: list[SingleMemberDistrict]) -> dict[int, SingleMemberDistrict]:
    """Precinct id -> its single-member district (a precinct votes in one district), in at
    most one query for the districts that list no precinct (``districts`` come from
    :func:`districts_of`, with their precincts prefetched)."""
    out: dict[int, SingleMemberDistrict] = {}
    by_territory: dict[int, SingleMemberDistrict] = {}
    for district in districts:
        listed = [p.pk for p in district.precincts.all()]
        if listed:
            out.update(dict.fromkeys(listed, district))
        elif district.territory_id is not None:
            by_territory[district.territory_id] = district
    if by_territory:
        for pk, territory in Precinct.objects.filter(
            district_id__in=list(by_territory)
        ).values_list("pk", "district_id"):
            out.setdefault(pk, by_territory[territory])
    return out


def validate_lines(
    *, election: Election, precinct: Precinct, data: Mapping[str, Any]
) -> SingleMemberDistrict:
    """The district of a single-member protocol after checking that ``precinct`` votes in it
    and that its vote lines are exactly the district's candidates (:class:`InvalidProtocol`
    naming the field otherwise)."""
    number = data.get("district")
    district = (
        election.single_member_district_set.filter(number=int(number)).first()
        if isinstance(number, int | str) and str(number).isdigit()
        else None
    )
    if district is None:
        detail = say(
            _("%(number)s is not a single-member district of the election %(election)s."),
            number=str(number)[:40],
            election=named(election),
        )
        msg = f"{number!r} is not a single-member district"
        raise InvalidProtocol(msg, field="district", detail=detail)
    if not district_precincts(district).filter(pk=precinct.pk).exists():
        msg = f"precinct {precinct.number} does not vote in district {district.number}"
        detail = say(
            _(
                "Precinct No. %(precinct)s does not vote in the single-member district No. %(district)s."
            ),
            precinct=precinct.number,
            district=district.number,
        )
        raise InvalidProtocol(msg, field="precinct_no", detail=detail)
    codes = sorted(str(pk) for pk in district.candidates.values_list("pk", flat=True))
    lines = data.get("votes")
    found = sorted(str(line.get("code")) for line in lines or [] if isinstance(line, Mapping))
    if found != codes:
        unknown = sorted(set(found) - set(codes))
        missing = sorted(set(codes) - set(found))
        detail = say(
            _(
                "The vote lines are not the candidates of the district No. %(district)s: "
                "unknown %(unknown)s; missing %(missing)s."
            ),
            district=district.number,
            unknown=", ".join(unknown) or "—",
            missing=", ".join(missing) or "—",
        )
        raise InvalidProtocol(
            f"unknown candidates {unknown}, missing candidates {missing}",
            field="votes",
            detail=detail,
        )
    return district


def submit_single_member_protocol(
    *, actor: ActorLike, election: Election, precinct: Precinct, data: Mapping[str, Any]
) -> Protocol:
    """A precinct's single-member protocol: its lines checked against the district's candidates,
    then accepted like every protocol (control ratios, one version 1, audited)."""
    require(actor, Action.PROTOCOL_SUBMIT, precinct)
    given = dict(data)
    given["race"] = Race.SINGLE_MEMBER
    validate_lines(election=election, precinct=precinct, data=given)
    return submit_protocol(actor=actor, election=election, precinct=precinct, data=given)


def count_districts(
    election: Election, scope: Scope | None = None
) -> tuple[list[DistrictCount], list[Sentence]]:
    """Every single-member district of ``election`` with its protocols in force summed, and
    the protocols that name no district of the election.

    A protocol of a precinct that does not vote in its district, or with lines that are not
    the district's candidates, is named in the district's ``problems`` and not counted; so a
    distribution can never count it by mistake."""
    districts = districts_of(election)
    if not districts:
        return [], []
    where = precinct_districts(districts)
    visible = set(where)
    if scope is not None:
        visible = set(
            scope.restrict(
                Precinct.objects.filter(pk__in=list(where)),
                region="region",
                district="district",
                precinct="pk",
            ).values_list("pk", flat=True)
        )
    expected: dict[int, int] = {}
    for pk in visible:
        expected[where[pk].pk] = expected.get(where[pk].pk, 0) + 1
    counts: dict[int, DistrictCount] = {}
    for d in districts:
        candidates = [str(c.pk) for c in d.candidates.all()]
        counts[d.number] = DistrictCount(d, candidates, expected.get(d.pk, 0), Totals(), [])
    unplaced: list[Sentence] = []
    qs = Protocol.objects.filter(election=election, race=Race.SINGLE_MEMBER, is_current=True)
    if scope is not None:
        qs = scope.restrict(
            qs, region="precinct__region", district="precinct__district", precinct="precinct"
        )
    # Check each protocol on its small columns (never the whole JSON), then let the database
    # sum the good ones per district, as db_tally does for the party lists.
    rejected: list[int] = []
    counted = 0
    rows = qs.values_list(
        "pk", "precinct_id", "precinct__number", KT("data__district"), "votes_by_code"
    )
    for pk, precinct_id, number, key, votes in rows:
        key = str(key)
        count = counts.get(int(key)) if key.isdigit() else None
        if count is None:
            unplaced.append(
                say(
                    _("Precinct No. %(precinct)s: there is no single-member district %(key)s."),
                    precinct=number,
                    key=key,
                )
            )
        elif where.get(precinct_id) is not count.district:
            count.problems.append(
                say(
                    _("Precinct No. %(precinct)s does not vote in this district."),
                    precinct=number,
                )
            )
        elif sorted(votes) != sorted(count.candidates):
            count.problems.append(
                say(
                    _(
                        "Precinct No. %(precinct)s: the lines are not the candidates of the district."
                    ),
                    precinct=number,
                )
            )
        else:
            counted += 1
            for code, n in votes.items():
                count.totals.votes[code] = count.totals.votes.get(code, 0) + n
            continue
        rejected.append(pk)
    if counted:
        _sum_lines(counts, qs.exclude(pk__in=rejected) if rejected else qs)
    return list(counts.values()), unplaced


def _sum_lines(counts: dict[int, DistrictCount], qs: QuerySet[Protocol]) -> None:
    """The database sums every count line per district (the candidates' votes are summed
    from ``votes_by_code`` while checking: candidate ids are numbers, which a JSON path
    would read as array positions)."""
    from .sums import sum_expressions, totals_of

    for row in qs.values(key=KT("data__district")).annotate(**sum_expressions([])).order_by():
        count = counts[int(row["key"])]
        summed = totals_of(row, [])
        count.totals.protocols = summed.protocols
        count.totals.lines = summed.lines


def district_of(election: Election, precinct: Precinct) -> SingleMemberDistrict | None:
    """The single-member district ``precinct`` votes in (None: the election has none there)."""
    listed = election.single_member_district_set.filter(precincts=precinct).first()
    if listed is not None:
        return listed
    return (
        election.single_member_district_set.filter(
            precincts__isnull=True, territory_id=precinct.district_id
        )
        .distinct()
        .first()
    )
