"""Fill the public pages' cache once results are published, before the readers come.

A published election's pages change only with a new publication or decision
(:mod:`.public_cache`), so they can be built once, in the background, for every language a
reader may ask in, instead of by the first reader of each page while a thousand others wait
(the cache is shared by the workers of a host: ``SAYLAU_CACHE_URL``). Each page is built as an
anonymous reader's request would build it, through the same cached view, under the same
address, so the key is the reader's key.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django_tasks import task

#: The interface languages readers are served in (kk-latn pages are made from kk's).
LANGUAGES = ("kk", "ru", "en")


Page = tuple[str, Callable[..., Any], dict[str, Any]]


def _pages(election_pk: int, *, precincts: bool) -> Iterator[Page]:
    from saylau.web.elections.models import Election
    from saylau.web.elections.places import precincts_of

    from .exports import party_list_protocols
    from .views import live, public
    from .views.public import PRECINCTS_PER_PAGE

    election = Election.objects.get(pk=election_pk)
    pages = max(1, math.ceil(party_list_protocols(election).count() / PRECINCTS_PER_PAGE))
    yield "results:public", public.public_detail, {}
    for n in range(2, pages + 1):
        yield f"results:public?page={n}", public.public_detail, {}
    yield "results:public_json", public.public_json, {}
    yield "results:public_csv", public.public_csv, {}
    yield "results:live", live.live, {}
    places = precincts_of(election)
    for district_pk in sorted(set(places.values_list("district_id", flat=True))):
        yield "results:live_district", live.district, {"district_pk": district_pk}
    if precincts:
        for precinct_pk in places.order_by("pk").values_list("pk", flat=True):
            yield "results:live_precinct", live.precinct, {"precinct_pk": precinct_pk}


def warm_public_pages(
    election_pk: int, *, precincts: bool = True, languages: tuple[str, ...] = LANGUAGES
) -> int:
    """Build every public page of ``election_pk`` in each language into the cache; the number
    of pages built (those already cached count too: they are served, not built again)."""
    factory = RequestFactory()
    built = 0
    for name, view, kwargs in _pages(election_pk, precincts=precincts):
        route, _, query = name.partition("?")
        for lang in languages:
            with translation.override(lang):
                path = reverse(route, kwargs={"election_pk": election_pk, **kwargs})
                request = factory.get(path + (f"?{query}" if query else ""))
                request.user = AnonymousUser()
                request.LANGUAGE_CODE = lang
                response = view(request, election_pk, **kwargs)
            built += response.status_code == 200
    return built


@task()
def warm_public_pages_job(election_pk: int) -> int:
    """The background run of :func:`warm_public_pages` after a publication."""
    return warm_public_pages(election_pk)
