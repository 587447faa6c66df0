"""Nothing of the developers' notes in front of users: every role walks the demo in Kazakh,
Russian and English, and no page shows a point still to confirm, a source of the law notes,
a rule's code name or a Python value. Those live on the CEC's legal-basis page only."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.test import Client

from .test_demo_crawl import crawl, kind_of

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

#: What a page for users never shows (the visible text, not the markup).
MARKERS = {
    "a point to confirm": re.compile(r"UNCONFIRMED|НЕ ПОДТВЕРЖД|РАСТАЛМАҒАН", re.I),
    "the law notes": re.compile(r"law[- ]notes|docs/", re.I),
    "a web source": re.compile(r"\b[\w-]+\.(?:kz|org|com|ru|net|gov)\b(?!@)"),
    "a rule's code name": re.compile(r"\b[a-z]+\d+_[a-z_]+\b"),
    "a Python value": re.compile(r"\{'\w+': |\[\{'|\['\w|Traceback|<\w+ object at "),
}
#: The one page for the CEC that names sources and points to confirm.
LEGAL_BASIS = re.compile(r"^(?:/(?:ru|en))?/elections/legal-basis/")


class VisibleText(HTMLParser):
    """The text a reader sees: no scripts, styles, attributes or form values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "textarea", "code", "pre"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "textarea", "code", "pre") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def notes_on(html: str) -> list[str]:
    """What of the developers' notes ``html`` shows, each with a little context.

    >>> notes_on("<p>Срок (НЕ ПОДТВЕРЖДЕНО)</p><a href='https://x.kz'>ссылка</a>")
    ["a point to confirm: 'Срок (НЕ ПОДТВЕРЖДЕНО) ссылка'"]
    """
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    found = []
    for what, pattern in MARKERS.items():
        for m in pattern.finditer(text):
            found.append(f"{what}: {text[max(0, m.start() - 40) : m.end() + 40]!r}")
    return found


def test_no_page_for_users_shows_the_developers_notes_in_any_language() -> None:
    from saylau.web.accounts.models import User
    from saylau.web.core.demo import load_demo

    ctx = load_demo(say=lambda text: None)
    failures: list[tuple[str, str, str]] = []

    def check(role: str) -> Callable[[str, str], None]:
        def on_page(url: str, html: str) -> None:
            if not LEGAL_BASIS.match(url):
                failures.extend((role, url, note) for note in notes_on(html))

        return on_page

    for role, username, _password in ctx.logins:
        client = Client()
        client.force_login(User.objects.get(username=username))
        languages = ("", "/ru", "/en") if role in ("cec", "precinct") else ("", "/ru")
        for lang in languages:
            crawl(client, f"{lang}/dashboard/", on_page=check(role))
    for lang in ("", "/ru", "/en"):
        crawl(Client(), f"{lang}/", on_page=check("public"))
    # One line per kind of page and kind of note is enough to find it.
    seen: dict[tuple[str, str], str] = {}
    for role, url, note in failures:
        seen.setdefault((kind_of(url), note.split(":")[0]), f"{role} {url}: {note}")
    assert not seen, f"{len(failures)} notes shown to users:\n" + "\n".join(sorted(seen.values()))
