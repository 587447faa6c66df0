"""Error pages speak the reader's language and keep the site's layout (not Django's bare pages)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory, override_settings
from django.utils import translation
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "title"),
    [("", "Бет табылмады"), ("/ru", "Страница не найдена"), ("/en", "Page not found")],
)
@override_settings(DEBUG=False)
def test_a_missing_page_says_so_in_the_language_of_its_address(
    client: Client, prefix: str, title: str
) -> None:
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert title in html
    assert 'class="skip-link"' in html  # the site's own layout, with the language switch


@pytest.mark.parametrize("prefix", ["/de", "/fr-ca", "/zz"])
def test_a_language_not_offered_falls_back_to_the_kazakh_page_with_the_language_switch(
    client: Client, prefix: str
) -> None:
    response = client.get(f"{prefix}/register/find/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/register/find/?x=1"
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="kk">' in html
    assert "Бұл тіл ұсынылмайды" in html  # says why the page is in Kazakh
    assert 'id="lang-select"' in html and '<option value="ru"' in html


def test_a_browser_or_cookie_asking_for_another_language_gets_kazakh(client: Client) -> None:
    client.cookies["django_language"] = "de"
    html = client.get("/register/find/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    assert '<html lang="kk">' in html and 'id="lang-select"' in html


def test_an_old_kazakh_address_with_its_prefix_goes_to_the_page_without_it(client: Client) -> None:
    response = client.get("/kk/register/find/")
    assert response.status_code == 302 and response["Location"] == "/register/find/"


def test_an_address_that_is_no_page_in_any_language_is_still_not_found(client: Client) -> None:
    assert client.get("/de/no-such-page/").status_code == 404
    assert client.get("/ru/no-such-page/").status_code == 404


def test_a_refusal_explains_itself_in_plain_words(rf: RequestFactory) -> None:
    request = rf.get("/kk/results/")
    request.user = AnonymousUser()
    with translation.override("kk"):
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert "Рұқсат етілмейді" in html
    assert "/accounts/login/" in html  # a visitor is offered to log in


def test_the_server_error_page_is_in_the_three_languages_without_the_database() -> None:
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    for words in ("Қате орын алды", "Произошла ошибка", "Something went wrong"):
        assert words in html
