"""A crash during tabulation loses and duplicates nothing; nothing is public before sign-off."""

from typing import Any

import pytest
from django.urls import reverse

from saylau.web.results import services
from saylau.web.results.errors import NotSignedOff
from saylau.web.results.models import Distribution, DistrictResult, Mandate, MandateDecision
from saylau.web.results.services.decisions import record_decision
from saylau.web.results.services.single_member import submit_single_member_protocol

from .factories import (
    election_with_lists,
    protocol_data,
    single_member_data,
    single_member_districts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted() -> Any:
    election, precincts = election_with_lists(candidates=4)
    districts = single_member_districts(election, precincts)
    for i, p in enumerate(precincts):
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
        submit_single_member_protocol(
            actor=None,
            election=election,
            precinct=p,
            data=single_member_data(p, districts[i // 2], [400, 300 - i, 100]),
        )
    return election


def _snapshot(election: Any) -> tuple[Any, ...]:
    d = Distribution.objects.get(election=election)
    return (
        d.computed_at,
        d.inputs_sha256,
        sorted(Mandate.objects.values_list("party_list_id", "candidate_id")),
        sorted(DistrictResult.objects.values_list("district_id", "winner_id", "protocols")),
    )


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("power cut")


def test_a_crash_while_writing_district_results_leaves_the_previous_distribution(
    counted, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    services.distribute_mandates(actor=None, election=counted)
    before = _snapshot(counted)
    monkeypatch.setattr(DistrictResult.objects, "bulk_create", _boom)
    with pytest.raises(RuntimeError):
        services.distribute_mandates(actor=None, election=counted)
    assert _snapshot(counted) == before
    assert DistrictResult.objects.count() == 2 and Mandate.objects.count() == 5


def test_a_crash_during_the_first_distribution_leaves_nothing_half_written(
    counted, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(DistrictResult.objects, "bulk_create", _boom)
    with pytest.raises(RuntimeError):
        services.distribute_mandates(actor=None, election=counted)
    assert not Distribution.objects.exists() and not Mandate.objects.exists()
    counted.refresh_from_db()
    assert counted.status != "tabulated"
    monkeypatch.undo()
    services.distribute_mandates(actor=None, election=counted)
    assert DistrictResult.objects.count() == 2 and Mandate.objects.count() == 5


def test_a_crash_while_re_assigning_mandates_keeps_the_old_holders_and_no_decision(
    counted, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    services.distribute_mandates(actor=None, election=counted)
    before = _snapshot(counted)
    amanat = counted.party_lists.get(party__code="amanat")
    monkeypatch.setattr(Mandate.objects, "bulk_create", _boom)
    with pytest.raises(RuntimeError):
        record_decision(
            actor=None,
            election=counted,
            party_list=amanat,
            kind="declined",
            candidate=amanat.candidates.get(position=1),
            decided_on=counted.day,
        )
    assert _snapshot(counted) == before and not MandateDecision.objects.exists()


def test_no_page_or_download_shows_results_before_sign_off_even_when_distributed(
    client, counted
) -> None:  # type: ignore[no-untyped-def]
    services.distribute_mandates(actor=None, election=counted)
    with pytest.raises(NotSignedOff):
        services.publish(actor=None, election=counted)
    names = ("public", "public_json", "public_csv", "public_csv_single_member", "public_nist")
    for name in names:
        assert client.get(reverse(f"results:{name}", args=[counted.pk])).status_code == 404
    assert counted.name_ru not in client.get(reverse("results:public_index")).content.decode()
    # nor the published-results API
    assert client.get(f"/api/results/public/{counted.pk}").status_code == 404
    services.sign_off(actor=None, election=counted)
    for name in names:
        assert client.get(reverse(f"results:{name}", args=[counted.pk])).status_code == 404
    services.publish(actor=None, election=counted)
    for name in names:
        assert client.get(reverse(f"results:{name}", args=[counted.pk])).status_code == 200
