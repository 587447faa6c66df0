"""The base layout: navigation, language switch, landmarks, public home page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import DistrictFactory, PrecinctFactory, RegionFactory, user_for

pytestmark = pytest.mark.django_db


def test_the_home_page_is_public_and_has_the_landmarks_and_a_language_switch(
    client: Client,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<footer" in html
    assert f'action="{reverse("set_language")}"' in html
    for code in ("ru", "kk", "en"):
        assert f'<option value="{code}"' in html
    assert 'lang="ru"' in html


def test_switching_to_russian_serves_the_russian_page_and_keeps_the_language(
    client: Client,
) -> None:
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/"
    page = client.get(response["Location"])
    assert '<html lang="ru">' in page.content.decode()


def test_a_signed_in_user_sees_their_role_territory_and_a_logout_button(client: Client) -> None:
    precinct = PrecinctFactory(number=105)
    user = user_for("precinct", place=precinct)
    client.force_login(user)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "105" in html
    assert f'action="{reverse("accounts:logout")}"' in html
    assert reverse("territory:index") in html


def test_the_navigation_skips_apps_that_have_no_landing_page_yet(client: Client) -> None:
    from saylau.web.core.templatetags.saylau import NAV_ITEMS, reverse_or_none

    user = user_for("cec")
    client.force_login(user)
    html = client.get(reverse("core:dashboard")).content.decode()
    for name, _label, _roles in NAV_ITEMS:
        url = reverse_or_none(name)
        if url is None:
            continue
        assert f'href="{url}"' in html, name
    assert reverse_or_none("no_such_app:index") is None


def test_the_audit_log_is_in_the_navigation_only_of_cec_and_regional_users(client: Client) -> None:
    region = RegionFactory()
    district = DistrictFactory(region=region)
    from saylau.web.core.templatetags.saylau import reverse_or_none

    audit_url = reverse_or_none("audit:index")
    if audit_url is None:
        pytest.skip("the audit page is not there")
    client.force_login(user_for("regional", place=region))
    assert f'href="{audit_url}"' in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(user_for("akimat", place=district))
    assert f'href="{audit_url}"' not in client.get(reverse("core:dashboard")).content.decode()


def test_switching_from_russian_to_english_and_back_to_kazakh_keeps_the_page(
    client: Client,
) -> None:
    client.post(reverse("set_language"), {"language": "ru", "next": "/territory/precincts/"})
    from django.utils import translation

    with translation.override("ru"):
        ru_url = reverse("set_language")
    assert ru_url.startswith("/ru/")
    to_en = client.post(ru_url, {"language": "en", "next": "/ru/territory/precincts/"})
    assert to_en["Location"] == "/en/territory/precincts/"
    with translation.override("en"):
        en_url = reverse("set_language")
    to_kk = client.post(en_url, {"language": "kk", "next": "/en/territory/precincts/"})
    assert to_kk["Location"] == "/territory/precincts/"


def test_the_base_layout_is_translated_into_kazakh_and_russian(client: Client) -> None:
    kk = client.get("/").content.decode()
    assert "Негізгі мазмұнға өту" in kk  # skip link
    assert "Тілді ауыстыру" in kk  # language switch button
    ru = client.get("/ru/").content.decode()
    assert "Перейти к основному содержанию" in ru
    assert "Сменить язык" in ru
