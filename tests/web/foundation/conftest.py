from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Start and end every test in Russian: a request to a /kk/ or /en/ page leaves its
    language active in the thread, and reverse() would then build Kazakh or English URLs."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
