"""Every string a user sees exists in Kazakh and Russian: CI fails on an untranslated message.

Django's ``makemessages`` runs over a copy of the code (the committed catalogues are never
touched); a message that is new, changed (fuzzy) or left empty in the kk or ru catalogue of
its app fails the test, which names the file and the message.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

MSGFMT = shutil.which("msgfmt") or "msgfmt"
pytestmark = pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")

ENTRY = re.compile(r'(?P<flags>(?:^#,.*\n)?)^msgid (?P<id>(?:".*"\n)+)^msgstr (?P<str>(?:".*"\n?)+)', re.M)


def _text(quoted: str) -> str:
    return "".join(re.findall(r'"(.*)"', quoted))


def untranslated(po: Path) -> list[str]:
    """The msgids of ``po`` that have no translation or only a fuzzy one."""
    problems = []
    for m in ENTRY.finditer(po.read_text(encoding="utf-8")):
        msgid = _text(m["id"])
        if not msgid:
            continue  # the header
        if "fuzzy" in m["flags"] or not _text(m["str"]):
            problems.append(msgid)
    return problems


def test_every_message_of_the_interface_is_translated_to_kazakh_and_russian(
    tmp_path: Path,
) -> None:
    shutil.copytree(REPO / "saylau", tmp_path / "saylau", ignore=shutil.ignore_patterns("*.pyc"))
    web = tmp_path / "saylau" / "web"
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "saylau.web.config.settings.test",
    }
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "kk", "-l", "ru", "--no-obsolete"],
        cwd=web,
        env=env,
        check=True,
        capture_output=True,
    )
    missing = {
        str(po.relative_to(tmp_path)): found
        for po in sorted(web.rglob("django.po"))
        if (found := untranslated(po))
    }
    assert missing == {}, "untranslated messages (add them to the .po and compile the .mo)"


def test_the_compiled_catalogues_match_their_sources() -> None:
    # A .po edited without compiling its .mo would show English on the pages.
    for po in (REPO / "saylau").rglob("django.po"):
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo} is missing: msgfmt -o {mo} {po}"
        assert mo.stat().st_size > 0
        result = subprocess.run(  # noqa: S603 - our own catalogue, fixed arguments
            [MSGFMT, "--check-format", "-o", "-", str(po)], capture_output=True, check=True
        )
        assert result.stdout == mo.read_bytes(), f"{mo} is older than {po}: compile it again"
