"""Single-member races: protocols per district, winners by plurality, publication."""

import csv
import io
import json
from typing import Any

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.elections.models import SingleMemberDistrict
from saylau.web.results import services
from saylau.web.results.errors import InvalidProtocol, NotComplete, ResultsError, Undecided
from saylau.web.results.models import Distribution, DistrictResult
from saylau.web.results.services.single_member import (
    count_districts,
    submit_single_member_protocol,
)
from tests.factories import user_for

from .factories import (
    election_with_lists,
    protocol_data,
    single_member_data,
    single_member_districts,
)

pytestmark = pytest.mark.django_db

LIST_VOTES = [
    {"amanat": 600, "auyl": 150, "ak-zhol": 120},
    {"amanat": 400, "auyl": 260, "ak-zhol": 80},
    {"amanat": 500, "auyl": 100, "ak-zhol": 100},
    {"amanat": 300, "auyl": 240, "ak-zhol": 160},
]


@pytest.fixture
def mixed() -> Any:
    """Four precincts with party-list protocols, two single-member districts of two each."""
    election, precincts = election_with_lists()
    districts = single_member_districts(election, precincts)
    for p, votes in zip(precincts, LIST_VOTES, strict=True):
        services.submit_protocol(
            actor=None, election=election, precinct=p, data=protocol_data(p, votes)
        )
    return election, precincts, districts


def _submit_district_protocols(
    election: Any, precincts: list[Any], districts: list[SingleMemberDistrict], votes: list[Any]
) -> None:
    for i, p in enumerate(precincts):
        smd = districts[0] if i < 2 else districts[1]
        submit_single_member_protocol(
            actor=None, election=election, precinct=p, data=single_member_data(p, smd, votes[i])
        )


def test_a_single_member_protocol_must_carry_exactly_its_districts_candidates(mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    data = single_member_data(precincts[0], districts[0], [300, 200, 100])
    data["votes"] = data["votes"][:2]
    with pytest.raises(InvalidProtocol) as err:
        submit_single_member_protocol(
            actor=None, election=election, precinct=precincts[0], data=data
        )
    assert err.value.field == "votes"
    other = single_member_data(precincts[0], districts[1], [300, 200, 100])
    other["district"] = districts[0].number
    with pytest.raises(InvalidProtocol):
        submit_single_member_protocol(
            actor=None, election=election, precinct=precincts[0], data=other
        )


def test_a_precinct_cannot_submit_for_a_district_it_does_not_vote_in(mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    data = single_member_data(precincts[3], districts[0], [300, 200, 100])
    with pytest.raises(InvalidProtocol) as err:
        submit_single_member_protocol(
            actor=None, election=election, precinct=precincts[3], data=data
        )
    assert err.value.field == "precinct_no"
    data["district"] = 99
    with pytest.raises(InvalidProtocol) as err:
        submit_single_member_protocol(
            actor=None, election=election, precinct=precincts[3], data=data
        )
    assert err.value.field == "district"


def test_the_distribution_waits_for_every_single_member_protocol(mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    submit_single_member_protocol(
        actor=None,
        election=election,
        precinct=precincts[0],
        data=single_member_data(precincts[0], districts[0], [300, 200, 100]),
    )
    with pytest.raises(NotComplete) as err:
        services.distribute_mandates(actor=None, election=election)
    assert "district 1: 1 of 2" in err.value.message
    assert not Distribution.objects.exists()


def test_each_district_goes_to_the_candidate_with_most_votes_summed_over_its_precincts(
    mixed,
) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    # district 1: candidate 1 leads in one precinct, candidate 2 wins on the sum
    votes = [[300, 250, 100], [100, 200, 90], [50, 60, 500], [70, 80, 400]]
    _submit_district_protocols(election, precincts, districts, votes)
    counts, unplaced = count_districts(election)
    assert unplaced == [] and [c.totals.protocols for c in counts] == [2, 2]
    d = services.distribute_mandates(actor=None, election=election)
    results = {r.district.number: r for r in DistrictResult.objects.filter(distribution=d)}
    second = districts[0].candidates.order_by("pk")[1]
    third = districts[1].candidates.order_by("pk")[2]
    assert results[1].winner == second and results[1].totals["votes"][str(second.pk)] == 450
    assert results[2].winner == third and results[2].undecided == ""
    # the list seats are untouched by the other race
    assert sum(d.allocation["seats"].values()) == 5
    assert d.tally["totals"]["votes"]["amanat"] == 1800


def test_a_tie_leaves_the_district_undecided_and_the_results_unsigned(mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    votes = [[300, 200, 100], [200, 300, 100], [50, 60, 500], [70, 80, 400]]
    _submit_district_protocols(election, precincts, districts, votes)
    d = services.distribute_mandates(actor=None, election=election)
    tied = DistrictResult.objects.get(distribution=d, district=districts[0])
    assert tied.winner is None and tied.undecided == "tie" and len(tied.leaders) == 2
    with pytest.raises(Undecided) as err:
        services.sign_off(actor=None, election=election)
    assert "1 (tie)" in err.value.message
    d.refresh_from_db()
    assert d.signed_off_at is None


def test_a_protocol_filed_under_the_wrong_district_stops_the_distribution(mixed) -> None:  # type: ignore[no-untyped-def]
    """The API files protocols without the district check; the tabulation still catches it."""
    election, precincts, districts = mixed
    votes = [[300, 200, 100], [200, 100, 100], [50, 60, 500], [70, 80, 400]]
    _submit_district_protocols(election, precincts[:3], districts, votes[:3])
    wrong = single_member_data(precincts[3], districts[0], votes[3])
    services.submit_protocol(actor=None, election=election, precinct=precincts[3], data=wrong)
    with pytest.raises(ResultsError) as err:
        services.distribute_mandates(actor=None, election=election)
    assert "does not vote in this district" in err.value.message
    assert not Distribution.objects.exists()


@pytest.mark.usefixtures("in_russian")
def test_published_results_carry_the_districts_in_every_download(client, mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    votes = [[300, 250, 100], [100, 200, 90], [50, 60, 500], [70, 80, 400]]
    _submit_district_protocols(election, precincts, districts, votes)
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    second = districts[0].candidates.order_by("pk")[1]
    page = client.get(reverse("results:public", args=[election.pk])).content.decode()
    assert second.full_name in page and "Округ 1" in page
    data = json.loads(client.get(reverse("results:public_json", args=[election.pk])).content)
    first = data["single_member"][0]
    assert first["winner"] == str(second.pk) and first["winner_name"] == second.full_name
    assert first["candidates"][0]["votes"] == 450 and len(first["precincts"]) == 2
    assert len(data["precincts"]) == 4  # the party-list protocols only
    url = reverse("results:public_csv_single_member", args=[election.pk])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[0][0] == "district_no" and len(rows) == 1 + 4 * 4  # 3 candidates + against all
    nist = json.loads(client.get(reverse("results:public_nist", args=[election.pk])).content)
    contests = nist["Election"][0]["Contest"]
    smd = next(c for c in contests if c["@id"].endswith("-smd-1"))
    assert smd["@type"] == "ElectionResults.CandidateContest" and smd["NumberElected"] == 1
    winners = [
        c for c in nist["Election"][0]["Candidate"] if c.get("PostElectionStatus") == "winner"
    ]
    assert f"cand-smd-{second.pk}" in {c["@id"] for c in winners}


@pytest.mark.usefixtures("in_russian")
def test_the_tabulation_page_shows_each_district_and_its_leader(client, mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    votes = [[300, 250, 100], [100, 200, 90], [50, 60, 500], [70, 80, 400]]
    _submit_district_protocols(election, precincts[:2], districts, votes[:2])
    client.force_login(user_for(Role.REGIONAL, place=election.region))
    page = client.get(reverse("results:tabulation", args=[election.pk])).content.decode()
    assert "Округ 1" in page and "Округ 2" in page
    second = districts[0].candidates.order_by("pk")[1]
    assert second.full_name in page


def test_the_secretary_enters_the_single_member_protocol_of_their_precinct(client, mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    precinct = precincts[0]
    client.force_login(user_for(Role.PRECINCT, place=precinct))
    url = reverse("results:enter_single_member", args=[election.pk, precinct.pk])
    page = client.get(url).content.decode()
    first = districts[0].candidates.order_by("full_name")[0]
    assert first.full_name in page and f'name="cand_{first.pk}"' in page
    data = single_member_data(precinct, districts[0], [300, 200, 100])
    form = {k: v for k, v in data.items() if isinstance(v, int) and k != "district"}
    form.update({f"cand_{line['code']}": line["votes"] for line in data["votes"]})
    check = client.post(
        reverse("results:check_single_member", args=[election.pk, precinct.pk]),
        {**form, "valid": form["valid"] + 1},
    )
    assert "finding--error" in check.content.decode()
    good = client.post(
        reverse("results:check_single_member", args=[election.pk, precinct.pk]), form
    ).content.decode()
    assert "finding--error" not in good and 'class="ok"' in good
    response = client.post(url, form)
    assert response.status_code == 302
    row = election.protocols.get(precinct=precinct, race="single_member")
    assert row.data["district"] == "1" and row.is_current
    # the party-list protocol of the same precinct is untouched
    assert (
        election.protocols.filter(precinct=precinct, race="party_list", is_current=True).count()
        == 1
    )


def test_a_precinct_user_cannot_open_another_precincts_single_member_page(client, mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, _districts = mixed
    client.force_login(user_for(Role.PRECINCT, place=precincts[0]))
    for precinct in precincts[1:]:
        url = reverse("results:enter_single_member", args=[election.pk, precinct.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404


def test_a_single_member_correction_is_a_new_version_counted_once_accepted(client, mixed) -> None:  # type: ignore[no-untyped-def]
    election, precincts, districts = mixed
    votes = [[300, 250, 100], [100, 200, 90], [50, 60, 500], [70, 80, 400]]
    _submit_district_protocols(election, precincts, districts, votes)
    row = election.protocols.get(precinct=precincts[0], race="single_member")
    client.force_login(user_for(Role.PRECINCT, place=precincts[0]))
    url = reverse("results:correct_single_member", args=[row.pk])
    page = client.get(url).content.decode()
    first = districts[0].candidates.order_by("pk")[0]
    assert f'name="cand_{first.pk}" value="300"' in page
    data = single_member_data(precincts[0], districts[0], [400, 150, 100])
    form = {k: v for k, v in data.items() if isinstance(v, int) and k != "district"}
    form.update({f"cand_{line['code']}": line["votes"] for line in data["votes"]})
    response = client.post(url, {**form, "reason": "recount"})
    assert response.status_code == 302
    new = election.protocols.get(precinct=precincts[0], race="single_member", version=2)
    assert new.status == "pending" and not new.is_current
    client.force_login(user_for(Role.TERRITORIAL, place=precincts[0].district))
    client.post(reverse("results:decide", args=[new.pk]), {"decision": "accept"})
    new.refresh_from_db()
    assert new.is_current
    d = services.distribute_mandates(actor=None, election=election)
    result = DistrictResult.objects.get(distribution=d, district=districts[0])
    assert result.winner == first and result.totals["votes"][str(first.pk)] == 500


@pytest.mark.parametrize("n_districts", [2, 4])
@pytest.mark.usefixtures("in_russian")
def test_the_results_pages_keep_to_a_query_budget_whatever_the_number_of_districts(
    client, django_assert_max_num_queries, n_districts
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists(precincts_per_district=4, districts=2)
    districts = single_member_districts(election, precincts, districts=n_districts)
    per = len(precincts) // n_districts
    for i, p in enumerate(precincts):
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
        submit_single_member_protocol(
            actor=None,
            election=election,
            precinct=p,
            data=single_member_data(p, districts[min(i // per, n_districts - 1)], [300, 200, i]),
        )
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    client.force_login(user_for(Role.REGIONAL, place=election.region))
    for name, budget in (
        ("results:tabulation", 28),
        ("results:mandates", 15),
        ("results:public", 17),  # + the signatures of the page's protocols and the totals
    ):
        with django_assert_max_num_queries(budget):
            assert client.get(reverse(name, args=[election.pk])).status_code == 200


def test_the_database_sums_each_district_as_python_sums_its_protocols(mixed) -> None:  # type: ignore[no-untyped-def]
    from saylau.law.tally import Totals

    election, precincts, districts = mixed
    votes = [[300, 250, 100], [100, 200, 90], [50, 60, 500], [70, 80, 400]]
    _submit_district_protocols(election, precincts, districts, votes)
    counts, _unplaced = count_districts(election)
    for count in counts:
        again = Totals()
        for row in election.protocols.filter(race="single_member", is_current=True):
            if row.data["district"] == str(count.district.number):
                again.add(row.data)
        assert count.totals.protocols == again.protocols == 2
        assert count.totals.lines == again.lines and count.totals.votes == again.votes


def test_a_district_without_a_precinct_list_takes_every_precinct_of_its_territory() -> None:
    from saylau.web.elections.models import SingleMemberCandidate

    from .factories import synthetic_iin

    election, precincts = election_with_lists()  # two territorial districts of two precincts
    territory = precincts[0].district
    smd = SingleMemberDistrict.objects.create(
        election=election, number=1, name_ru="Округ 1", name_kk="1", territory=territory
    )
    for i in range(2):
        SingleMemberCandidate.objects.create(
            district=smd,
            election=election,
            full_name=f"К{i}",
            iin=synthetic_iin(9000 + i),
            birth_date="1980-01-01",
        )
    mine = [p for p in precincts if p.district_id == territory.pk]
    other = next(p for p in precincts if p.district_id != territory.pk)
    for p in mine:
        submit_single_member_protocol(
            actor=None, election=election, precinct=p, data=single_member_data(p, smd, [5, 3])
        )
    with pytest.raises(InvalidProtocol):
        submit_single_member_protocol(
            actor=None,
            election=election,
            precinct=other,
            data=single_member_data(other, smd, [5, 3]),
        )
    (count,), unplaced = count_districts(election)
    assert count.expected == 2 and count.totals.protocols == 2 and unplaced == []


@pytest.mark.usefixtures("in_russian")
def test_an_election_of_single_member_districts_only_is_tabulated_and_published(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    election.party_lists.all().delete()
    election.list_seats = 0
    election.save()
    districts = single_member_districts(election, precincts)
    votes = [[300, 250, 100], [100, 200, 90], [50, 60, 500], [70, 80, 400]]
    _submit_district_protocols(election, precincts, districts, votes)
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    d = Distribution.objects.get(election=election)
    assert d.allocation["seats"] == {} and d.district_results.exclude(winner=None).count() == 2
    page = client.get(reverse("results:public", args=[election.pk]))
    assert page.status_code == 200 and "Округ 2" in page.content.decode()
    nist = json.loads(client.get(reverse("results:public_nist", args=[election.pk])).content)
    kinds = {c["@type"] for c in nist["Election"][0]["Contest"]}
    assert kinds == {"ElectionResults.CandidateContest"}
    client.force_login(user_for(Role.REGIONAL, place=election.region))
    for name in ("results:tabulation", "results:mandates", "results:mandates_pdf"):
        assert client.get(reverse(name, args=[election.pk])).status_code == 200, name


def test_a_precinct_whose_single_member_protocol_came_first_still_enters_its_list_protocol(
    client,  # type: ignore[no-untyped-def]
) -> None:
    election, precincts = election_with_lists()
    districts = single_member_districts(election, precincts)
    precinct = precincts[0]
    submit_single_member_protocol(
        actor=None,
        election=election,
        precinct=precinct,
        data=single_member_data(precinct, districts[0], [300, 200, 100]),
    )
    client.force_login(user_for(Role.PRECINCT, place=precinct))
    page = client.get(reverse("results:enter", args=[election.pk, precinct.pk]))
    assert page.status_code == 200  # the party-list form, not the single-member protocol
    single = election.protocols.get(precinct=precinct, race="single_member")
    client.force_login(user_for(Role.TERRITORIAL, place=precinct.district))
    correct = client.get(reverse("results:correct", args=[single.pk]))
    assert correct.status_code == 302
    assert correct["Location"] == reverse("results:correct_single_member", args=[single.pk])
