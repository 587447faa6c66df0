import csv
import io
import json

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.elections.models import Election
from saylau.web.results import services
from saylau.web.results.errors import Frozen, NotComplete, NotSignedOff
from saylau.web.results.models import ActionRequest, Distribution, Mandate
from tests.factories import user_for

from .factories import election_with_lists, officials_of, protocol_data

pytestmark = pytest.mark.django_db

VOTES = [
    {"amanat": 600, "auyl": 150, "ak-zhol": 120},
    {"amanat": 400, "auyl": 260, "ak-zhol": 80},
    {"amanat": 500, "auyl": 100, "ak-zhol": 100},
    {"amanat": 300, "auyl": 240, "ak-zhol": 160},
]


@pytest.fixture
def counted():  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    for p, votes in zip(precincts, VOTES, strict=True):
        services.submit_protocol(
            actor=None, election=election, precinct=p, data=protocol_data(p, votes)
        )
    return election, precincts


def test_mandates_are_not_distributed_while_a_protocol_is_missing() -> None:
    election, precincts = election_with_lists()
    services.submit_protocol(
        actor=None, election=election, precinct=precincts[0], data=protocol_data(precincts[0])
    )
    with pytest.raises(NotComplete):
        services.distribute_mandates(actor=None, election=election)
    assert not Distribution.objects.exists()


def test_the_distribution_sums_every_level_and_gives_mandates_in_list_order(counted) -> None:  # type: ignore[no-untyped-def]
    election, _precincts = counted
    regional = user_for(Role.REGIONAL, place=election.region)
    d = services.distribute_mandates(actor=regional, election=election)
    # amanat 1800, auyl 750, ak-zhol 460, against all 40: 5 seats by Hare and largest remainder
    assert d.tally["totals"]["votes"] == {"ak-zhol": 460, "amanat": 1800, "auyl": 750}
    assert sum(d.allocation["seats"].values()) == 5
    assert d.allocation["seats"]["amanat"] == 3
    assert len(d.tally["districts"]) == 2
    amanat = Mandate.objects.filter(distribution=d, party_list__party__code="amanat")
    assert [m.candidate.position for m in amanat] == [1, 2, 3]
    election.refresh_from_db()
    assert election.status == Election.Status.TABULATED


def test_re_running_the_distribution_replaces_it_without_duplicating_mandates(counted) -> None:  # type: ignore[no-untyped-def]
    election, _ = counted
    first = services.distribute_mandates(actor=None, election=election)
    again = services.distribute_mandates(actor=None, election=election)
    assert first.pk == again.pk and Mandate.objects.count() == 5
    assert first.inputs_sha256 == again.inputs_sha256


def test_a_crash_during_the_distribution_leaves_the_previous_state(counted, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    election, _ = counted
    services.distribute_mandates(actor=None, election=election)

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("power cut")

    monkeypatch.setattr(Mandate.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        services.distribute_mandates(actor=None, election=election)
    assert Mandate.objects.count() == 5 and Distribution.objects.count() == 1


def test_results_are_never_published_before_sign_off_and_frozen_after(client, counted) -> None:  # type: ignore[no-untyped-def]
    election, precincts = counted
    services.distribute_mandates(actor=None, election=election)
    with pytest.raises(NotSignedOff):
        services.publish(actor=None, election=election)
    assert client.get(reverse("results:public", args=[election.pk])).status_code == 404
    assert client.get(reverse("results:public_json", args=[election.pk])).status_code == 404
    services.sign_off(actor=None, election=election)
    assert client.get(reverse("results:public", args=[election.pk])).status_code == 404
    with pytest.raises(Frozen):
        services.distribute_mandates(actor=None, election=election)
    with pytest.raises(Frozen):
        services.submit_correction(
            actor=None,
            protocol=election.protocols.first(),
            data=protocol_data(precincts[0]),
            reason="late",
        )
    services.publish(actor=None, election=election)
    assert client.get(reverse("results:public", args=[election.pk])).status_code == 200


def test_the_public_page_and_downloads_carry_totals_seats_and_each_protocols_hash(
    client, counted
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = counted
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    page = client.get(reverse("results:public", args=[election.pk])).content.decode()
    assert "<svg" in page and "hemicycle" in page
    for row in election.protocols.all():
        assert row.sha256 in page
    index = client.get(reverse("results:public_index")).content.decode()
    assert election.name_kk in index  # Kazakh by default: the name as the data gives it
    data = json.loads(client.get(reverse("results:public_json", args=[election.pk])).content)
    assert {p["code"]: p["seats"] for p in data["parties"]}["amanat"] == 3
    assert len(data["precincts"]) == 4
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("results:public_csv", args=[election.pk])).content.decode()
            )
        )
    )
    assert rows[0][-1] == "sha256" and len(rows) == 5
    nist = json.loads(client.get(reverse("results:public_nist", args=[election.pk])).content)
    assert nist["@type"] == "ElectionResults.ElectionReport"
    contest = nist["Election"][0]["Contest"][0]
    amanat = next(s for s in contest["ContestSelection"] if s["@id"] == "cs-amanat")
    assert sum(c["Count"] for c in amanat["VoteCounts"]) == 1800
    units = {u["@id"] for u in nist["GpUnit"]}
    assert all(c["GpUnitId"] in units for c in amanat["VoteCounts"])


def test_only_the_deciding_commission_distributes_the_mandates(client, counted) -> None:  # type: ignore[no-untyped-def]
    election, precincts = counted
    client.force_login(user_for(Role.TERRITORIAL, place=precincts[0].district))
    assert client.post(reverse("results:distribute", args=[election.pk])).status_code == 403
    client.force_login(user_for(Role.PRECINCT, place=precincts[0]))
    assert client.post(reverse("results:sign_off", args=[election.pk])).status_code == 403
    chair, secretary = officials_of(election)
    client.force_login(chair)
    url = reverse("results:distribute", args=[election.pk])
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    client.force_login(secretary)
    pending = ActionRequest.objects.get(election=election)
    decide = reverse("results:decide_request", args=[pending.pk])
    assert client.post(decide, {"decision": "confirm", "confirm": "yes"}).status_code == 302
    assert Distribution.objects.filter(election=election).exists()
    pdf = client.get(reverse("results:mandates_pdf", args=[election.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.usefixtures("in_russian")
def test_the_live_page_shows_protocols_in_of_expected_and_totals_that_add_up(
    client, counted, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    election, _ = counted
    client.force_login(user_for(Role.REGIONAL, place=election.region))
    with django_assert_max_num_queries(25):
        page = client.get(reverse("results:tabulation", args=[election.pk])).content.decode()
    assert "4 of 4" in page or "4 из 4" in page
    assert "1\u00a0800" in page  # grouped as Russian writes it


def test_the_database_sums_equal_the_line_by_line_tally_at_every_level(counted) -> None:  # type: ignore[no-untyped-def]
    from saylau.law.tally import sum_checks, tally

    election, _ = counted
    by_db, problems = services.db_tally(election)
    in_python = tally(services.current_rows(election))
    assert problems == [] and sum_checks(in_python) == []
    assert by_db.total.lines == in_python.total.lines
    assert by_db.total.votes == in_python.total.votes
    assert {k: (v.lines, v.votes) for k, v in by_db.districts.items()} == {
        k: (v.lines, v.votes) for k, v in in_python.districts.items()
    }


@pytest.mark.usefixtures("in_russian")
def test_the_dashboard_panel_counts_protocols_in_the_users_area_and_invites_the_secretary(
    client,
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    services.submit_protocol(
        actor=None, election=election, precinct=precincts[1], data=protocol_data(precincts[1])
    )
    secretary = user_for(Role.PRECINCT, place=precincts[0])
    client.force_login(secretary)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("results:enter", args=[election.pk, precincts[0].pk]) in page
    client.force_login(user_for(Role.REGIONAL, place=election.region))
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "1 of 4" in page or "1 из 4" in page


def test_the_public_page_keeps_to_a_query_budget(
    client, counted, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    election, _ = counted
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    # 13: the parties' names for the steps of the distribution, as the protocol words them.
    with django_assert_max_num_queries(13):
        assert client.get(reverse("results:public", args=[election.pk])).status_code == 200


@pytest.mark.usefixtures("in_russian")
def test_the_cec_sees_the_regional_level_of_a_national_election(client) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.elections.models import Election
    from tests.factories import DistrictFactory, PrecinctFactory, RegionFactory

    election, precincts = election_with_lists()
    election.region = None
    election.body = Election.Body.MAZHILIS
    election.save()
    far = PrecinctFactory(
        district=DistrictFactory(region=RegionFactory(code="MAN", name_ru="Мангистауская область"))
    )
    services.submit_protocol(actor=None, election=election, precinct=far, data=protocol_data(far))
    client.force_login(user_for(Role.CEC))
    with_regions = client.get(reverse("results:tabulation", args=[election.pk])).content.decode()
    assert "Мангистауская область" in with_regions and "1 / 1" in with_regions
    assert f"0 / {len(precincts)}" in with_regions
