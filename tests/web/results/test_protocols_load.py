"""The election-night path of protocol submission: one query finds the election, precinct and
lists with the same scope rules as the selectors; the database settles simultaneous
submissions; every accepted protocol has one audit event and the chain holds."""

import json
import threading

import pytest
from django.db import connection
from django.http import Http404

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.audit.services import verify_chain
from saylau.web.elections.models import Election
from saylau.web.results import selectors, services
from saylau.web.results.errors import AlreadySubmitted
from saylau.web.results.models import Protocol
from saylau.web.results.services.submission import submission_target
from tests.factories import (
    DistrictFactory,
    ElectionFactory,
    PrecinctFactory,
    RegionFactory,
    user_for,
)

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


def _by_selectors(user, election_pk: int, precinct_pk: int) -> bool:  # type: ignore[no-untyped-def]
    try:
        election = selectors.election_for(user, election_pk)
        selectors.precinct_for(user, election, precinct_pk)
    except Http404:
        return False
    return True


def test_submission_target_agrees_with_the_selectors_for_every_role() -> None:
    home, away = RegionFactory(), RegionFactory(code="AKM")
    district, other_district = DistrictFactory(region=home), DistrictFactory(region=home)
    away_district = DistrictFactory(region=away)
    precincts = [
        PrecinctFactory(district=district),
        PrecinctFactory(district=district),
        PrecinctFactory(district=other_district),
        PrecinctFactory(district=away_district),
    ]
    elections = [
        ElectionFactory(region=home),
        ElectionFactory(region=away),
        ElectionFactory(region=home, district=district, body=Election.Body.DISTRICT_MASLIKHAT),
        ElectionFactory(region=home, district=other_district, body=Election.Body.CITY_MASLIKHAT),
        ElectionFactory(region=None, body=Election.Body.MAZHILIS),
    ]
    users = [
        user_for(Role.CEC),
        user_for(Role.REGIONAL, place=home),
        user_for(Role.REGIONAL, place=away),
        user_for(Role.TERRITORIAL, place=district),
        user_for(Role.TERRITORIAL, place=away_district),
        user_for(Role.AKIMAT, place=other_district),
        user_for(Role.PRECINCT, place=precincts[0]),
        user_for(Role.PRECINCT, place=precincts[3]),
        user_for(Role.TRAINER, place=home),
        user_for(Role.OBSERVER, place=away),
    ]
    seen = 0
    for user in users:
        for election in elections:
            for precinct in precincts:
                expected = _by_selectors(user, election.pk, precinct.pk)
                target = submission_target(user, election_id=election.pk, precinct_id=precinct.pk)
                assert (target is not None) == expected, (user.role, election.body, precinct.pk)
                if target is not None:
                    assert target.precinct.number == precinct.number
                    assert target.election.pk == election.pk
                seen += expected
    assert seen > 0  # some pairs are visible, so both answers were exercised
    cec = users[0]
    assert submission_target(cec, election_id=10**9, precinct_id=precincts[0].pk) is None
    assert submission_target(cec, election_id=elections[0].pk, precinct_id=10**9) is None


def test_submission_target_brings_the_election_lists_and_spares_the_secretarys_precinct_query(
    django_assert_num_queries,
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    secretary = user_for(Role.PRECINCT, place=precincts[0])
    secretary = type(secretary).objects.get(pk=secretary.pk)  # nothing cached on it
    with django_assert_num_queries(1):
        target = submission_target(secretary, election_id=election.pk, precinct_id=precincts[0].pk)
        from saylau.web.accounts.scope import scope_for

        assert scope_for(secretary).precinct_id == precincts[0].pk
    assert target is not None
    assert sorted(target.codes) == sorted(
        election.party_lists.values_list("party__code", flat=True)
    )


def test_a_submission_over_the_api_stays_within_its_query_budget(
    client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """Session, user, second-factor device, the one-query target, then the write (BEGIN,
    signed-off check, INSERT, the audit event: savepoint, chain lock on PostgreSQL, head,
    INSERT, release; COMMIT): 13 on PostgreSQL, where session 1 needed 18; plus the precinct
    commission's signature (its key, generated before voting day, and the signature): 15."""
    from saylau.web.signing import services as signing

    election, precincts = election_with_lists()
    p = precincts[0]
    signing.key_for(signing.precinct_holder(p))
    client.force_login(user_for(Role.PRECINCT, place=p))
    url = f"/api/results/elections/{election.pk}/precincts/{p.pk}/protocol"
    with django_assert_max_num_queries(15):
        response = client.post(url, json.dumps(protocol_data(p)), content_type="application/json")
    assert response.status_code == 201, response.content


def test_another_precinct_over_the_api_is_404_and_an_observer_403(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    mine, theirs = precincts[0], precincts[1]
    client.force_login(user_for(Role.PRECINCT, place=mine))
    for what in ("protocol", "check"):
        url = f"/api/results/elections/{election.pk}/precincts/{theirs.pk}/{what}"
        body = json.dumps(protocol_data(theirs))
        assert client.post(url, body, content_type="application/json").status_code == 404
    client.force_login(user_for(Role.OBSERVER, place=election.region))
    url = f"/api/results/elections/{election.pk}/precincts/{mine.pk}/protocol"
    body = json.dumps(protocol_data(mine))
    assert client.post(url, body, content_type="application/json").status_code == 403
    assert not Protocol.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_submissions_of_one_protocol_and_others_leave_one_each_and_a_sound_chain() -> (
    None
):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    election, precincts = election_with_lists(precincts_per_district=3)
    contested = precincts[0]
    secretary = user_for(Role.PRECINCT, place=contested)
    jobs = [contested] * 6 + precincts[1:]
    barrier = threading.Barrier(len(jobs))
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def submit(p) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        try:
            services.submit_protocol(
                actor=secretary if p == contested else None,
                election=election,
                precinct=p,
                data=protocol_data(p),
            )
            outcome = "accepted"
        except AlreadySubmitted:
            outcome = "refused"
        finally:
            connection.close()
        with lock:
            outcomes.append((p.pk, outcome))

    threads = [threading.Thread(target=submit, args=(p,)) for p in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    contested_outcomes = sorted(o for pk, o in outcomes if pk == contested.pk)
    assert contested_outcomes == ["accepted"] + ["refused"] * 5
    assert all(o == "accepted" for pk, o in outcomes if pk != contested.pk)
    assert Protocol.objects.filter(precinct=contested).count() == 1
    assert Protocol.objects.filter(election=election, is_current=True).count() == len(precincts)
    events = AuditEvent.objects.filter(action="results.protocol.submit")
    assert events.count() == len(precincts)
    assert sorted(events.values_list("target_id", flat=True)) == sorted(
        str(pk) for pk in Protocol.objects.values_list("pk", flat=True)
    )
    assert verify_chain() == []


def _issue(client, user) -> dict:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.post(
        "/api/results/device-tokens",
        json.dumps({"label": "tablet"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    client.logout()
    return response.json()


def test_a_secretarys_device_token_submits_with_one_query_for_auth_and_is_kept_only_as_a_hash(
    client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.results.models import DeviceToken

    election, precincts = election_with_lists()
    p = precincts[0]
    secretary = user_for(Role.PRECINCT, place=p)
    issued = _issue(client, secretary)
    token = issued["token"]
    stored = DeviceToken.objects.get(pk=issued["id"])
    assert token.startswith("sdt_") and token not in {stored.digest, stored.auth_hash}
    assert AuditEvent.objects.filter(action="results.device_token.issue").count() == 1
    url = f"/api/results/elections/{election.pk}/precincts/{p.pk}/protocol"
    body = json.dumps(protocol_data(p))
    from saylau.web.signing import services as signing

    signing.key_for(signing.precinct_holder(p))  # generated before voting day
    # 15 with a session (token+user is one query), the signature's key and INSERT included
    with django_assert_max_num_queries(13):
        response = client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
    assert response.status_code == 201, response.content
    event = AuditEvent.objects.get(action="results.protocol.submit")
    assert event.actor_id == secretary.pk
    mine = client.get(
        f"/api/results/protocols/{response.json()['id']}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert mine.status_code == 200 and mine.json()["precinct_no"] == p.number
    theirs = precincts[1]
    row = services.submit_protocol(
        actor=None, election=election, precinct=theirs, data=protocol_data(theirs)
    )
    read = client.get(f"/api/results/protocols/{row.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert read.status_code == 404
    Protocol.objects.filter(pk=row.pk).delete()
    other = f"/api/results/elections/{election.pk}/precincts/{theirs.pk}/protocol"
    assert (
        client.post(
            other,
            json.dumps(protocol_data(theirs)),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        ).status_code
        == 404
    )


def test_a_device_token_stops_working_when_revoked_expired_the_password_changes_or_the_user_is_deactivated(
    client,
) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    from saylau.web.results.models import DeviceToken

    election, precincts = election_with_lists()
    p = precincts[0]
    secretary = user_for(Role.PRECINCT, place=p)
    url = f"/api/results/elections/{election.pk}/precincts/{p.pk}/check"
    body = json.dumps(protocol_data(p))

    def status(token: str) -> int:
        return client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        ).status_code

    assert status("sdt_not-a-token") == 401 and status("anything") == 401
    revoked = _issue(client, secretary)
    assert status(revoked["token"]) == 200
    revoke = f"/api/results/device-tokens/{revoked['id']}/revoke"
    stranger = _issue(client, user_for(Role.PRECINCT, place=precincts[1]))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {stranger['token']}"}
    assert client.post(revoke, **auth).status_code == 404  # not theirs to revoke
    assert client.post(revoke, HTTP_AUTHORIZATION=f"Bearer {revoked['token']}").status_code == 200
    assert status(revoked["token"]) == 401
    assert AuditEvent.objects.filter(action="results.device_token.revoke").count() == 1
    expired = _issue(client, secretary)
    DeviceToken.objects.filter(pk=expired["id"]).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert status(expired["token"]) == 401
    changed = _issue(client, secretary)
    assert status(changed["token"]) == 200
    secretary.set_password("a new password for election night")
    secretary.save()
    assert status(changed["token"]) == 401
    deactivated = _issue(client, secretary)
    secretary.is_active = False
    secretary.save()
    assert status(deactivated["token"]) == 401


def test_no_device_token_for_an_observer_an_anonymous_visitor_or_before_the_second_factor(
    client, settings
) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied

    from saylau.web.results.device_tokens import issue_token
    from saylau.web.results.models import DeviceToken

    election, precincts = election_with_lists()
    new = "/api/results/device-tokens"
    assert client.post(new, "{}", content_type="application/json").status_code == 401
    client.force_login(user_for(Role.OBSERVER, place=election.region))
    assert client.post(new, "{}", content_type="application/json").status_code == 403
    settings.SAYLAU_REQUIRE_OTP = True
    secretary = user_for(Role.PRECINCT, place=precincts[0])
    secretary.is_verified = lambda: False  # type: ignore[attr-defined]
    with pytest.raises(PermissionDenied):
        issue_token(actor=secretary)
    secretary.is_verified = lambda: True  # type: ignore[attr-defined]
    issue_token(actor=secretary)
    assert DeviceToken.objects.count() == 1


def test_the_live_check_on_every_keystroke_stays_within_its_query_budget(
    client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    election, precincts = election_with_lists()
    p = precincts[0]
    client.force_login(user_for(Role.PRECINCT, place=p))
    data = protocol_data(p)
    fields = {k: v for k, v in data.items() if k != "votes"}
    fields.update({f"vote_{line['code']}": line["votes"] for line in data["votes"]})
    url = reverse("results:check", args=[election.pk, p.pk])
    with django_assert_max_num_queries(6):  # session, user, device, target, lists, list counts
        response = client.post(url, dict(fields, valid=fields["valid"] + 1))
    assert response.status_code == 200 and "finding--error" in response.content.decode()
    other = reverse("results:check", args=[election.pk, precincts[1].pk])
    assert client.post(other, fields).status_code == 404
