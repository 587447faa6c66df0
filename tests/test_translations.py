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

FIELD = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) "(.*)"$')


def _entries(text: str) -> list[tuple[str, dict[str, str]]]:
    """(flags, {field: text}) of every entry: fuzzy ones with their previous msgid (``#|``)
    and plural ones (``msgstr[0]`` ...) included."""
    found = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, str] = {}
        current = ""
        for line in lines:
            if line.startswith("#"):
                continue
            if m := FIELD.match(line):
                current = m[1]
                fields[current] = m[2]
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields:
            found.append((flags, fields))
    return found


def untranslated(po: Path) -> list[str]:
    """The msgids of ``po`` that have no translation (or a plural form without one) or only a
    fuzzy one."""
    problems = []
    for flags, fields in _entries(po.read_text(encoding="utf-8")):
        msgid = fields.get("msgid", "")
        if not msgid:
            continue  # the header
        translations = [text for key, text in fields.items() if key.startswith("msgstr")]
        if "fuzzy" in flags or not translations or not all(translations):
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


#: The names under which saylau calls gettext.
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "npgettext"}


def test_no_message_is_marked_inside_an_f_string() -> None:
    # xgettext does not read the expressions of an f-string: a message marked inside one never
    # reaches the catalogue, and prints in English ("00 tiyn" on the Kazakh budget).
    import ast

    found = []
    for path in sorted((REPO / "saylau").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in GETTEXT
                ):
                    found.append(f"{path.relative_to(REPO)}:{call.lineno}")
    assert found == [], "take the message out of the f-string"
