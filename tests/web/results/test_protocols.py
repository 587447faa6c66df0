import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from saylau.web.accounts.models import Role
from saylau.web.accounts.policy import PolicyDenied
from saylau.web.audit.models import AuditEvent
from saylau.web.results import services
from saylau.web.results.errors import (
    AlreadySubmitted,
    BadQRText,
    CorrectionRefused,
    InvalidProtocol,
    ProtocolInconsistent,
)
from saylau.web.results.models import Protocol
from tests.factories import user_for

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():  # type: ignore[no-untyped-def]
    return election_with_lists()


def test_a_consistent_protocol_is_accepted_locked_hashed_and_audited(setup) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    secretary = user_for(Role.PRECINCT, place=precincts[0])
    row = services.submit_protocol(
        actor=secretary, election=election, precinct=precincts[0], data=protocol_data(precincts[0])
    )
    assert row.version == 1 and row.is_current and row.status == Protocol.Status.ACCEPTED
    assert len(row.sha256) == 64
    assert AuditEvent.objects.filter(action="results.protocol.submit").count() == 1


def test_an_inconsistent_protocol_is_refused_with_every_finding(setup) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    data = protocol_data(precincts[0])
    data["valid"] += 7  # neither equals the votes nor the boxes any more
    with pytest.raises(ProtocolInconsistent) as caught:
        services.submit_protocol(actor=None, election=election, precinct=precincts[0], data=data)
    codes = {f.code for f in caught.value.findings}
    assert {"valid_vs_votes", "valid_invalid_vs_boxes"} <= codes
    assert not Protocol.objects.exists()


def test_a_protocol_with_a_line_for_a_party_not_in_the_election_is_refused(setup) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    data = protocol_data(precincts[0], {"amanat": 5, "auyl": 1, "ak-zhol": 1, "nobody": 0})
    with pytest.raises(InvalidProtocol) as caught:
        services.submit_protocol(actor=None, election=election, precinct=precincts[0], data=data)
    assert caught.value.field == "votes"


def test_a_second_submission_of_the_same_protocol_is_refused(setup) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    services.submit_protocol(
        actor=None, election=election, precinct=precincts[0], data=protocol_data(precincts[0])
    )
    with pytest.raises(AlreadySubmitted):
        services.submit_protocol(
            actor=None, election=election, precinct=precincts[0], data=protocol_data(precincts[0])
        )
    assert Protocol.objects.count() == 1


def test_the_database_itself_refuses_a_second_first_version_without_any_prior_check(setup) -> None:  # type: ignore[no-untyped-def]
    """No read-then-write window: the INSERT is the check. A second version 1, or a second
    version in force for the same precinct and race, goes in as nothing at all."""
    election, precincts = setup
    p = precincts[0]
    first = services.submit_protocol(
        actor=None, election=election, precinct=p, data=protocol_data(p)
    )
    from saylau.web.results.services import submission as module

    canonical, _findings = services.validate_protocol(
        election=election, precinct=p, data=protocol_data(p)
    )
    same_version = module.protocol_row(election=election, precinct=p, canonical=canonical, version=1)
    same_version.status, same_version.is_current = Protocol.Status.ACCEPTED, False
    assert module._insert_unless_taken(same_version) is False and same_version.pk is None
    second_current = module.protocol_row(election=election, precinct=p, canonical=canonical, version=2)
    second_current.status, second_current.is_current = Protocol.Status.ACCEPTED, True
    assert module._insert_unless_taken(second_current) is False
    assert list(Protocol.objects.filter(precinct=p)) == [first]
    assert AuditEvent.objects.filter(action="results.protocol.submit").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_threads_submitting_at_the_same_moment_get_exactly_one_accepted() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    election, precincts = election_with_lists()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit() -> None:
        barrier.wait()
        try:
            services.submit_protocol(
                actor=None,
                election=election,
                precinct=precincts[0],
                data=protocol_data(precincts[0]),
            )
            outcomes.append("accepted")
        except AlreadySubmitted:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    assert Protocol.objects.filter(precinct=precincts[0]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_protocols_of_different_precincts_submitted_at_once_are_all_accepted() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    election, precincts = election_with_lists(precincts_per_district=4)
    barrier = threading.Barrier(len(precincts))
    errors: list[Exception] = []

    def submit(p) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        try:
            services.submit_protocol(
                actor=None, election=election, precinct=p, data=protocol_data(p)
            )
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(p,)) for p in precincts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Protocol.objects.filter(election=election, is_current=True).count() == len(precincts)
    from saylau.web.audit.services import verify_chain

    assert verify_chain() == []


def test_a_correction_is_a_new_version_that_counts_only_once_the_territorial_commission_accepts_it(
    setup,
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    p = precincts[0]
    first = services.submit_protocol(
        actor=None, election=election, precinct=p, data=protocol_data(p)
    )
    fixed = services.submit_correction(
        actor=user_for(Role.PRECINCT, place=p),
        protocol=first,
        data=protocol_data(p, {"amanat": 499, "auyl": 201, "ak-zhol": 100}),
        reason="a ballot counted for the wrong list",
    )
    first.refresh_from_db()
    assert fixed.version == 2 and fixed.status == Protocol.Status.PENDING and first.is_current
    with pytest.raises(CorrectionRefused):
        services.submit_correction(
            actor=None, protocol=first, data=protocol_data(p), reason="again"
        )
    with pytest.raises(PolicyDenied, match="may not do results.protocol.decide"):
        services.accept_correction(actor=user_for(Role.PRECINCT, place=p), correction=fixed)
    services.accept_correction(actor=user_for(Role.TERRITORIAL, place=p.district), correction=fixed)
    first.refresh_from_db()
    fixed.refresh_from_db()
    assert first.status == Protocol.Status.SUPERSEDED and not first.is_current
    assert fixed.is_current and fixed.status == Protocol.Status.ACCEPTED
    assert Protocol.objects.filter(precinct=p).count() == 2


def test_a_correction_without_a_reason_is_refused(setup) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    first = services.submit_protocol(
        actor=None, election=election, precinct=precincts[0], data=protocol_data(precincts[0])
    )
    with pytest.raises(CorrectionRefused):
        services.submit_correction(
            actor=None, protocol=first, data=protocol_data(precincts[0]), reason=" "
        )


def test_the_territorial_commission_enters_a_protocol_from_the_qr_text_of_another_copy(
    setup,
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    a, b = precincts[0], precincts[1]
    row = services.submit_protocol(actor=None, election=election, precinct=a, data=protocol_data(a))
    text = services.qr_text(row)
    row.delete()  # the copy at the precinct is all that is left
    entered = services.enter_from_qr(
        actor=user_for(Role.TERRITORIAL, place=a.district), election=election, text=text
    )
    assert entered.sha256 == row.sha256 and entered.precinct == a
    tampered = text.replace('"valid":', '"valid":1', 1)
    with pytest.raises(BadQRText):
        services.enter_from_qr(actor=None, election=election, text=tampered)
    assert b.pk  # the other precinct is untouched


def test_a_precinct_user_can_neither_read_nor_submit_another_precincts_protocol(
    client, setup
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    mine, theirs = precincts[0], precincts[1]
    other = services.submit_protocol(
        actor=None, election=election, precinct=theirs, data=protocol_data(theirs)
    )
    client.force_login(user_for(Role.PRECINCT, place=mine))
    assert client.get(reverse("results:protocol", args=[other.pk])).status_code == 404
    assert client.get(reverse("results:protocol_pdf", args=[other.pk])).status_code == 404
    assert client.get(reverse("results:correct", args=[other.pk])).status_code == 404
    assert (
        client.post(reverse("results:decide", args=[other.pk]), {"decision": "accept"}).status_code
        == 404
    )
    url = reverse("results:enter", args=[election.pk, theirs.pk])
    assert client.get(url).status_code == 404
    fields = {k: v for k, v in protocol_data(theirs).items() if k != "votes"}
    fields.update(
        {f"vote_{line['code']}": line["votes"] for line in protocol_data(theirs)["votes"]}
    )
    assert client.post(url, fields).status_code == 404
    assert client.post(url + "check/", fields).status_code == 404
    assert client.get(reverse("results:enter", args=[election.pk, mine.pk])).status_code == 200


@pytest.mark.usefixtures("in_russian")
def test_a_territorial_user_sees_only_protocols_of_its_territory(client, setup) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    inside = precincts[0]
    outside = next(p for p in precincts if p.district_id != inside.district_id)
    row_in = services.submit_protocol(
        actor=None, election=election, precinct=inside, data=protocol_data(inside)
    )
    row_out = services.submit_protocol(
        actor=None, election=election, precinct=outside, data=protocol_data(outside)
    )
    client.force_login(user_for(Role.TERRITORIAL, place=inside.district))
    assert client.get(reverse("results:protocol", args=[row_in.pk])).status_code == 200
    assert client.get(reverse("results:protocol", args=[row_out.pk])).status_code == 404
    assert client.get(reverse("results:enter", args=[election.pk, outside.pk])).status_code == 404
    page = client.get(reverse("results:tabulation", args=[election.pk])).content.decode()
    assert f"№{inside.number}" in page and f"№{outside.number}" not in page


@pytest.mark.usefixtures("in_russian")
def test_the_secretary_enters_the_protocol_and_the_live_check_explains_a_mistake(
    client, setup
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = setup
    p = precincts[0]
    client.force_login(user_for(Role.PRECINCT, place=p))
    data = protocol_data(p)
    fields = {k: v for k, v in data.items() if k != "votes"}
    fields.update({f"vote_{line['code']}": line["votes"] for line in data["votes"]})
    url = reverse("results:enter", args=[election.pk, p.pk])
    wrong = dict(fields, ballots_cancelled=fields["ballots_cancelled"] + 1)
    check = client.post(url + "check/", wrong)  # Russian: the test asks for it (/ru/)
    assert "получено бюллетеней" in check.content.decode()
    refused = client.post(url, wrong)
    assert refused.status_code == 422 and not Protocol.objects.exists()
    assert (
        "Все контрольные соотношения выполнены"
        in client.post(url + "check/", fields).content.decode()
    )
    with translation.override("kk"):  # Kazakh, the default: no prefix
        kk_url = reverse("results:enter", args=[election.pk, p.pk])
    kazakh = client.post(f"{kk_url}check/", wrong).content.decode()
    assert "алынған бюллетеньдер" in kazakh
    done = client.post(url, fields)
    assert done.status_code == 302 and Protocol.objects.get().precinct == p
    page = client.get(done["Location"])
    assert page.status_code == 200 and Protocol.objects.get().sha256 in page.content.decode()
    pdf = client.get(reverse("results:protocol_pdf", args=[Protocol.objects.get().pk]))
    assert pdf.content.startswith(b"%PDF")


def test_an_observer_cannot_submit_a_protocol(setup) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied

    election, precincts = setup
    observer = user_for(Role.OBSERVER, place=precincts[0].region)
    with pytest.raises(PermissionDenied):
        services.submit_protocol(
            actor=observer,
            election=election,
            precinct=precincts[0],
            data=protocol_data(precincts[0]),
        )
