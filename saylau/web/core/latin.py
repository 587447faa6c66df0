"""Kazakh in the Latin alphabet (2021) as a fourth interface choice, generated from the Cyrillic.

The interface language ``kk-latn`` reads the Kazakh catalogues (Python's gettext falls back
from ``kk_Latn`` to ``kk``) and the Kazakh names of the data; this middleware then writes every
HTML page in the 2021 Latin alphabet with :func:`saylau.law.names.to_latin_2021`, outside
``<script>`` and ``<style>``. Latin letters, digits and markup pass through unchanged, so links
and form values are untouched. PDFs and exports stay in Cyrillic: official documents are
printed in the alphabet the law uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from saylau.law.names import to_latin_2021

LATIN_LANGUAGE = "kk-latn"

#: Django's LANG_INFO entry for the language switch (name in its own alphabet).
LANG_INFO = {
    LATIN_LANGUAGE: {
        "bidi": False,
        "code": LATIN_LANGUAGE,
        "name": "Kazakh (Latin)",
        "name_local": "Qazaq (latyn)",
    }
}

#: What stays as it is: scripts, styles, and the Russian language's own name in the switch.
_RAW = re.compile(
    r"(<script\b.*?</script>|<style\b.*?</style>|<option\b[^>]*\blang=\"ru\"[^>]*>.*?</option>)",
    re.S | re.I,
)


def transliterate_html(html: str) -> str:
    """Every Cyrillic letter of ``html`` in Latin, except inside scripts, styles and
    the Russian option of the language switch.

    >>> transliterate_html('<p title="Сайлау">Сайлау учаскесі</p><script>var x="ә"</script>')
    '<p title="Sailau">Sailau uçaskesı</p><script>var x="ә"</script>'
    """
    parts = _RAW.split(html)
    return "".join(part if i % 2 else to_latin_2021(part) for i, part in enumerate(parts))


class KazakhLatinMiddleware:
    """Writes HTML responses in the Kazakh Latin alphabet when ``kk-latn`` is active."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            get_language() == LATIN_LANGUAGE
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            charset = response.charset or "utf-8"
            response.content = transliterate_html(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
