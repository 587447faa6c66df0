"""The demo as a new user meets it: every role signs in and follows the links of its pages
(each kind of page a few times, downloads included), in Kazakh (and Russian and English for
the CEC and a precinct), and no page fails. This is the net under all the apps together, on
the data `make run` loads."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

#: Links not followed: signing out ends the walk, the admin and the language switch are
#: Django's own, static files are not pages.
SKIP = re.compile(r"^/(?:(?:ru|en|kk-latn)/)?(?:accounts/logout|i18n/|static/|admin/|media/)")
#: Pages of one kind differ only by their numbers (ids, page numbers): a few of each suffice.
PER_KIND = 3
MAX_PAGES_PER_ROLE = 250


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def kind_of(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(sorted(k.split("=")[0] for k in parts.query.split("&") if k))
    return re.sub(r"\d+", "N", parts.path) + "?" + query


def crawl(
    client: Client, start: str, on_page: Callable[[str, str], None] | None = None
) -> dict[str, int]:
    """Visit every same-site link reachable from ``start``; return {url: status}.
    ``on_page(url, html)`` sees every HTML page that answered 200."""
    seen_kinds: dict[str, int] = {}
    statuses: dict[str, int] = {}
    queue = deque([start])
    while queue and len(statuses) < MAX_PAGES_PER_ROLE:
        url = queue.popleft()
        if url in statuses:
            continue
        response = client.get(url)
        statuses[url] = response.status_code
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        html = response.content.decode()
        if on_page is not None:
            on_page(url, html)
        parser = Links()
        parser.feed(html)
        for href in parser.hrefs:
            target = urldefrag(urljoin(url, href)).url
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if SKIP.match(local) or local in statuses:
                continue
            kind = kind_of(local)
            if seen_kinds.get(kind, 0) >= PER_KIND:
                continue
            seen_kinds[kind] = seen_kinds.get(kind, 0) + 1
            queue.append(local)
    return statuses


def test_every_role_follows_every_kind_of_link_of_the_demo_without_a_server_error() -> None:
    from saylau.web.accounts.models import User
    from saylau.web.core.demo import load_demo
    from saylau.web.register.models import OutsideVotingRequest, VoterList

    ctx = load_demo(say=lambda text: None)
    assert len(ctx.logins) >= 7
    # The coming election has its voter lists and requests to vote outside the premises.
    assert VoterList.objects.filter(election=ctx.extra["training_election"]).exists()
    assert OutsideVotingRequest.objects.exists()
    failures: list[str] = []
    visited = 0
    for role, username, _password in ctx.logins:
        client = Client()
        client.force_login(User.objects.get(username=username))
        # Every role in Kazakh (the default); the other languages through the widest and the
        # narrowest role.
        languages = ("", "/ru", "/en") if role in ("cec", "precinct") else ("",)
        for start in (f"{lang}/dashboard/" for lang in languages):
            statuses = crawl(client, start)
            visited += len(statuses)
            failures += [
                f"{role} {url}: {status}" for url, status in statuses.items() if status >= 500
            ]
            # A role may be refused a page it was shown a link to: that is a broken link.
            failures += [
                f"{role} {url}: {status} (linked, but refused)"
                for url, status in statuses.items()
                if status in (403, 404) and url != start
            ]
    public = crawl(Client(), "/")
    visited += len(public)
    failures += [f"public {url}: {status}" for url, status in public.items() if status >= 500]
    assert not failures, "\n".join(failures)
    assert visited > 100
