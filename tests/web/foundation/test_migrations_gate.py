"""Only `saylau migrate` and `saylau serve --demo` (what `make run` starts) change the schema;
every other command on a database that is not up to date says so in one line (exit 2)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def saylau(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAYLAU_", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "saylau.web.config.settings.local",
            "SAYLAU_DATA_DIR": str(tmp_path),
            "PYTHONPATH": str(REPO),
        }
    )
    return subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "saylau.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def tables(tmp_path: Path) -> list[str]:
    db = tmp_path / "saylau.sqlite3"
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]


def test_a_command_on_an_unmigrated_database_says_so_in_one_line_and_changes_nothing(
    tmp_path: Path,
) -> None:
    for args in (["audit-log", "verify"], ["worker", "--batch"], ["serve", "--port", "1"]):
        result = saylau(args, tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "run `saylau migrate` first" in lines[0], result.stderr
    assert "register_registerimport" not in tables(tmp_path)


@pytest.mark.slow
def test_saylau_migrate_brings_the_schema_up_to_date(tmp_path: Path) -> None:
    assert saylau(["migrate"], tmp_path).returncode == 0
    assert "register_registerimport" in tables(tmp_path)
    verify = saylau(["audit-log", "verify"], tmp_path)
    assert verify.returncode == 0, verify.stderr
