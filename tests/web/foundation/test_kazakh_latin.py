"""Kazakh in the 2021 Latin alphabet: a fourth interface choice written from the Kazakh pages."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_public_home_page_reads_in_kazakh_latin_with_links_kept(client: Client) -> None:
    response = client.get("/kk-latn/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="kk-latn"' in html
    assert "Negızgı mazmūnğa ötu" in html  # "Негізгі мазмұнға өту", the skip link
    assert 'href="/kk-latn/accounts/login/"' in html
    text = html.split("<script", 1)[0]
    assert not any("\u0400" <= ch <= "\u04ff" for ch in text.replace("Русский", "")), (
        "Cyrillic left on a Latin page"
    )


def test_the_cyrillic_kazakh_page_is_untouched(client: Client) -> None:
    html = client.get("/").content.decode()  # Kazakh, the default language: no prefix
    assert "Негізгі мазмұнға өту" in html
