"""Production settings: refuse to start without their secrets, pass `check --deploy`, and
say in one line when the database cannot be reached. Run as the operator would, in a
subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SAYLAU = [sys.executable, "-m", "saylau.cli"]
GOOD_KEY = "k3" * 10 + "abcdefghijklmnopqrstuvwxyz0123456789-_"
GOOD_SEAL = "s9" * 8 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def run_saylau(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAYLAU_", "DATABASE_URL", "DJANGO_"))
    }
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "saylau.web.config.settings.production",
            "SAYLAU_DATA_DIR": str(tmp_path),
            **env,
        }
    )
    return subprocess.run(  # noqa: S603
        [*SAYLAU, *args], cwd=REPO, env=base, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_its_secrets_naming_every_one(tmp_path: Path) -> None:
    result = run_saylau(["migrate"], tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for name in (
        "SAYLAU_SECRET_KEY",
        "SAYLAU_ALLOWED_HOSTS",
        "DATABASE_URL",
        "SAYLAU_SIGNING_SECRET",
    ):
        assert name in lines[0]


def test_a_short_secret_key_is_refused(tmp_path: Path) -> None:
    result = run_saylau(
        ["migrate"],
        tmp_path,
        SAYLAU_SECRET_KEY="short",
        SAYLAU_ALLOWED_HOSTS="saylau.example.kz",
        DATABASE_URL="postgres://u:p@127.0.0.1:1/x",
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "SAYLAU_SECRET_KEY must be at least 50 random characters" in result.stderr


def test_an_unreachable_database_is_one_clear_line_and_a_failure(tmp_path: Path) -> None:
    result = run_saylau(
        ["migrate"],
        tmp_path,
        SAYLAU_SECRET_KEY=GOOD_KEY,
        SAYLAU_SIGNING_SECRET=GOOD_SEAL,
        SAYLAU_ALLOWED_HOSTS="saylau.example.kz",
        DATABASE_URL="postgres://saylau:secret@127.0.0.1:1/saylau",
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "cannot reach the database" in lines[0]
    assert "DATABASE_URL" in lines[0]
    assert "secret" not in lines[0]  # the password is not printed


def test_a_database_url_saylau_does_not_understand_is_named(tmp_path: Path) -> None:
    result = run_saylau(
        ["migrate"],
        tmp_path,
        SAYLAU_SECRET_KEY=GOOD_KEY,
        SAYLAU_SIGNING_SECRET=GOOD_SEAL,
        SAYLAU_ALLOWED_HOSTS="saylau.example.kz",
        DATABASE_URL="mysql://u:p@localhost/x",
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_check_deploy_is_clean_for_the_production_settings(tmp_path: Path) -> None:
    result = run_saylau(
        ["manage", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SAYLAU_SECRET_KEY=GOOD_KEY,
        SAYLAU_SIGNING_SECRET=GOOD_SEAL,
        SAYLAU_ALLOWED_HOSTS="saylau.example.kz",
        DATABASE_URL="postgres://u:p@127.0.0.1:1/x",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_serves_the_collected_static_files_itself_with_hashed_names(
    tmp_path: Path,
) -> None:
    env = {
        "SAYLAU_SECRET_KEY": GOOD_KEY,
        "SAYLAU_SIGNING_SECRET": GOOD_SEAL,
        "SAYLAU_ALLOWED_HOSTS": "saylau.example.kz",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/x",
    }
    collected = run_saylau(["manage", "collectstatic", "--noinput"], tmp_path, **env)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    fetch = (
        "from django.templatetags.static import static; from django.test import Client; "
        "url = static('css/saylau.css'); "
        "r = Client(HTTP_HOST='saylau.example.kz').get(url, secure=True); "
        "print(url, r.status_code, r.headers['Cache-Control'])"
    )
    result = run_saylau(["manage", "shell", "-c", fetch], tmp_path, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    url, status, cache = result.stdout.splitlines()[-1].split(maxsplit=2)
    assert url.startswith("/static/css/saylau.") and url != "/static/css/saylau.css"
    assert status == "200"
    assert "max-age=315360000" in cache
