"""Signing in, the second factor, demo users and the scoped admin."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from saylau.web.accounts import demo, services
from saylau.web.accounts.models import Role, User
from saylau.web.audit.models import AuditEvent
from tests.factories import DistrictFactory, PrecinctFactory, RegionFactory, user_for

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def test_a_user_logs_in_with_a_password_and_lands_on_the_dashboard(client: Client) -> None:
    user_for("cec", username="anna")
    response = client.post(reverse("accounts:login"), {"username": "anna", "password": "pw"})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_a_wrong_password_is_refused_and_recorded_in_the_audit_log(client: Client) -> None:
    user_for("cec", username="anna")
    response = client.post(reverse("accounts:login"), {"username": "anna", "password": "nope"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="accounts.login.failed")
    assert event.target_id == "anna"
    assert event.new == {"reason": "password", "client": "127.0.0.1"}


@pytest.mark.usefixtures("in_russian")
def test_after_five_wrong_passwords_from_one_client_even_the_right_one_is_refused(
    client: Client,
) -> None:
    user_for("cec", username="anna")
    url = reverse("accounts:login")
    for _ in range(5):
        assert client.post(url, {"username": "anna", "password": "nope"}).status_code == 200
    refused = client.post(url, {"username": "anna", "password": "pw"})
    assert refused.status_code == 429
    assert "Подождите 15 минут" in refused.content.decode()  # Russian, the default
    assert "_auth_user_id" not in client.session
    # A refused attempt is not counted again, and another client may still sign in.
    assert AuditEvent.objects.filter(action="accounts.login.failed").count() == 5
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert other.post(url, {"username": "anna", "password": "pw"}).status_code == 302


def test_the_lock_ends_when_the_window_has_passed(client: Client, settings) -> None:
    from datetime import timedelta

    from django.utils import timezone

    user_for("cec", username="anna")
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "anna", "password": "nope"})
    assert client.post(url, {"username": "anna", "password": "pw"}).status_code == 429
    later = timezone.now() + timedelta(seconds=settings.SAYLAU_LOGIN_WINDOW_SECONDS + 1)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.post(url, {"username": "anna", "password": "pw"}).status_code == 302


def test_failures_from_many_clients_lock_the_name_for_everyone(client: Client, settings) -> None:
    settings.SAYLAU_LOGIN_MAX_FAILURES_PER_USER = 3
    user_for("cec", username="anna")
    url = reverse("accounts:login")
    for i in range(3):
        Client(REMOTE_ADDR=f"10.0.0.{i}").post(url, {"username": "anna", "password": "x"})
    assert client.post(url, {"username": "anna", "password": "pw"}).status_code == 429


def test_a_forwarded_for_header_does_not_escape_the_lock_without_a_trusted_proxy(
    client: Client,
) -> None:
    user_for("cec", username="anna")
    url = reverse("accounts:login")
    for i in range(5):
        client.post(url, {"username": "anna", "password": "x"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = client.post(
        url, {"username": "anna", "password": "pw"}, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert response.status_code == 429


def test_a_user_who_chose_russian_goes_on_in_russian_after_signing_in(client: Client) -> None:
    user = user_for("cec", username="aigul")
    user.preferred_language = "ru"
    user.save()
    response = client.post(reverse("accounts:login"), {"username": "aigul", "password": "pw"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/dashboard/"
    assert response.cookies["django_language"].value == "ru"


def test_a_user_who_chose_kazakh_goes_on_in_kazakh_after_signing_in(client: Client) -> None:
    user = user_for("cec", username="aigul")
    user.preferred_language = "kk"
    user.save()
    with translation.override("ru"):
        login = reverse("accounts:login")
    response = client.post(login, {"username": "aigul", "password": "pw"})
    assert response.status_code == 302
    # Kazakh, the state language, is the default: its pages have no language prefix.
    assert response["Location"] == "/dashboard/"
    assert response.cookies["django_language"].value == "kk"


def test_the_dashboard_needs_a_login(client: Client) -> None:
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_logout_is_a_post_and_ends_the_session(client: Client) -> None:
    client.force_login(user_for("cec"))
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_enrolling_an_authenticator_confirms_it_with_a_code_and_records_it(
    client: Client, settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting after the wrong code in this test
    user = user_for("cec")
    client.force_login(user)
    page = client.get(reverse("accounts:otp_enrol"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong_code = "000000" if current_code(device) != "000000" else "111111"
    wrong = client.post(reverse("accounts:otp_enrol"), {"token": wrong_code})
    assert wrong.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed

    ok = client.post(reverse("accounts:otp_enrol"), {"token": current_code(device)})
    assert ok.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert (
        AuditEvent.objects.filter(action="accounts.otp.enrol", target_id=str(user.pk)).count() == 1
    )


def test_a_user_with_an_authenticator_must_give_a_code_after_the_password(
    client: Client, settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = user_for("regional", place=RegionFactory(), username="berik")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.post(reverse("accounts:login"), {"username": "berik", "password": "pw"})
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))

    bad = client.post(reverse("accounts:otp_verify"), {"token": "12345x"})
    assert bad.status_code == 200
    assert client.get(reverse("core:dashboard")).status_code == 302
    for _ in range(5):  # a malformed code is refused by the form and not counted
        client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    locked = client.post(reverse("accounts:otp_verify"), {"token": current_code(device)})
    assert locked.status_code == 429
    assert client.get(reverse("core:dashboard")).status_code == 302
    settings.SAYLAU_LOGIN_MAX_FAILURES = 10  # as if the window had passed

    good = client.post(reverse("accounts:otp_verify"), {"token": current_code(device)})
    assert good.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_when_the_second_factor_is_required_an_official_must_enrol_before_anything_else(
    client: Client, settings
) -> None:
    settings.SAYLAU_REQUIRE_OTP = True
    client.force_login(user_for("cec"))
    response = client.get(reverse("territory:precincts"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))
    assert client.get(reverse("accounts:otp_enrol")).status_code == 200
    assert client.get(reverse("core:home")).status_code == 302
    # Logging out and the language switch stay open.
    assert client.post(reverse("set_language"), {"language": "kk", "next": "/"}).status_code == 302


def test_anonymous_visitors_are_not_asked_for_a_second_factor(client: Client, settings) -> None:
    settings.SAYLAU_REQUIRE_OTP = True
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200


def test_creating_a_user_and_changing_the_role_write_audit_events() -> None:
    region = RegionFactory()
    precinct = PrecinctFactory(district=DistrictFactory(region=region))
    admin = user_for("cec", username="admin")
    user = services.create_user(
        actor=admin,
        username="dana",
        role=Role.PRECINCT,
        password="x-long-password",
        precinct=precinct,
    )
    assert user.district == precinct.district and user.region == region
    services.change_role(actor=admin, user=user, role=Role.REGIONAL, region=region)
    user.refresh_from_db()
    assert user.role == Role.REGIONAL
    assert user.precinct is None and user.district is None
    create, change = AuditEvent.objects.filter(target_id=str(user.pk)).order_by("seq")
    assert create.action == "accounts.user.create"
    assert change.action == "accounts.user.role_change"
    assert change.old["role"] == "precinct" and change.new["role"] == "regional"
    assert "password" not in change.new


def test_a_role_without_its_place_is_refused_and_nothing_is_written() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.create_user(actor=None, username="x", role=Role.PRECINCT, password="pw-pw-pw-pw")
    assert not User.objects.filter(username="x").exists()
    assert not AuditEvent.objects.exists()


def test_the_demo_step_makes_one_user_per_role_in_the_demo_region() -> None:
    region = RegionFactory()
    DistrictFactory(region=region, name_en="Bayzak district")
    taraz = DistrictFactory(region=region, name_en="Taraz city", kind="city")
    PrecinctFactory(district=taraz, number=7)
    ctx = SimpleNamespace(logins=[], say=lambda text: None)
    demo.load(ctx)
    assert [role for role, _u, _p in ctx.logins] == [role for role, _u in demo.DEMO_USERS]
    assert {role for role, _u in demo.DEMO_USERS} == set(Role.values)
    for role, username, password in ctx.logins:
        user = User.objects.get(username=username)
        assert user.role == role
        assert user.check_password(password)
        assert password == demo.demo_password(username)
    assert User.objects.get(username="territorial").district == taraz
    assert User.objects.get(username="precinct").precinct.number == 7
    assert User.objects.get(username="cec").is_superuser
    demo.load(ctx)  # a second run changes nothing
    assert User.objects.count() == len(demo.DEMO_USERS)


def test_the_admin_shows_a_staff_member_only_the_users_of_their_territory(client: Client) -> None:
    region = RegionFactory()
    other = RegionFactory(code="ALA", name_ru="Алматы", name_kk="Алматы")
    staff = user_for("regional", place=region, is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_user"))
    mine = user_for("observer", place=region, username="mine")
    theirs = user_for("observer", place=other, username="theirs")
    client.force_login(staff)
    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "mine" in html and "theirs" not in html
    assert client.get(reverse("admin:accounts_user_change", args=[theirs.pk])).status_code == 302
    assert client.get(reverse("admin:accounts_user_change", args=[mine.pk])).status_code == 200


def test_a_password_alone_cannot_enrol_a_new_authenticator_over_an_existing_one(
    client: Client,
) -> None:
    user = user_for("cec", username="carla")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.post(reverse("accounts:login"), {"username": "carla", "password": "pw"})
    response = client.get(reverse("accounts:otp_enrol"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_a_staff_member_cannot_make_anyone_a_superuser_in_the_admin(client: Client) -> None:
    from django.contrib.auth.models import Permission

    region = RegionFactory()
    staff = user_for("regional", place=region, is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(staff)
    html = client.get(reverse("admin:accounts_user_change", args=[staff.pk])).content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html


def test_a_staff_member_cannot_give_a_place_outside_their_territory_or_the_cec_role(
    client: Client,
) -> None:
    from django.contrib.auth.models import Permission

    region = RegionFactory()
    other = RegionFactory(code="ALA", name_ru="Алматы", name_kk="Алматы")
    staff = user_for("regional", place=region, is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    target = user_for("observer", place=region, username="olga")
    client.force_login(staff)
    url = reverse("admin:accounts_user_change", args=[target.pk])
    base = {"username": "olga", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"}
    moved = client.post(url, {**base, "role": "observer", "region": other.pk})
    assert moved.status_code == 200  # the form comes back with an error
    promoted = client.post(url, {**base, "role": "cec"})
    assert promoted.status_code == 200
    target.refresh_from_db()
    assert (target.role, target.region_id) == ("observer", region.pk)
    kept = client.post(url, {**base, "role": "observer", "region": region.pk, "is_active": "on"})
    assert kept.status_code == 302
    assert AuditEvent.objects.filter(
        action="accounts.user.change", target_id=str(target.pk)
    ).exists()


def test_the_account_page_says_whether_a_second_factor_is_enrolled(client: Client) -> None:
    from django.utils import translation

    user = user_for("cec")
    client.force_login(user)
    with translation.override("en"):
        url = reverse("accounts:index")
    assert "No authenticator app is enrolled." in client.get(url).content.decode()
    assert reverse("accounts:index") in client.get(reverse("core:dashboard")).content.decode()


def test_a_user_saved_in_the_admin_with_a_precinct_gets_its_district_and_region(
    client: Client,
) -> None:
    precinct = PrecinctFactory()
    superuser = user_for("cec", is_staff=True, is_superuser=True)
    target = user_for("observer", place=precinct.region, username="pavel")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        {
            "username": "pavel",
            "role": "precinct",
            "precinct": precinct.pk,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.precinct_id, target.district_id, target.region_id) == (
        precinct.pk,
        precinct.district_id,
        precinct.region_id,
    )
