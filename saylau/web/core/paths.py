"""Messages shown to people never name a folder of the server (issue 11, item 9).

An import or an audit reads files the server unpacked under its data folder; an error
there names ``/srv/saylau/var/media/register/imports/job-7/registry/persons.csv``. The user
uploaded ``registry/persons.csv``: that is what the message should say. The folder layout of
the server is nobody's business and helps an attacker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

#: An absolute path (POSIX or Windows) of at least two parts; its last part is kept.
_ABSOLUTE = re.compile(r"(?<![\w:/.])(?:[A-Za-z]:)?(?:[\\/][^\s\\/:'\"]+)+[\\/]([^\s\\/:'\"]+)")


def _roots(extra: Iterable[str | Path | None]) -> list[str]:
    found: set[str] = set()
    for root in (
        *extra,
        getattr(settings, "MEDIA_ROOT", None),
        getattr(settings, "BASE_DIR", None),
    ):
        if not root:
            continue
        for form in (str(root), str(Path(root).resolve())):
            found.add(form.rstrip("/\\"))
    return sorted((r for r in found if len(r) > 1), key=len, reverse=True)


def hide_paths(text: str, *roots: str | Path | None) -> str:
    """``text`` with the server's folders cut off: paths under ``roots`` (the extract's folder,
    say) become relative to it, any other absolute path becomes its file name.

    >>> hide_paths("/srv/x/job-7/registry/persons.csv:2: bad", "/srv/x/job-7")
    'registry/persons.csv:2: bad'
    >>> hide_paths("not a directory: /tmp/abc/extract")
    'not a directory: extract'
    """
    for root in _roots(roots):
        text = text.replace(root + "/", "").replace(root + "\\", "").replace(root, ".")
    return _ABSOLUTE.sub(lambda m: m.group(1), text)
