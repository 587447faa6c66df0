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
    [("", "Страница не найдена"), ("/kk", "Бет табылмады"), ("/en", "Page not found")],
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
