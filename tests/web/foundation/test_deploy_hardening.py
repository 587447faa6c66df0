"""Issue 11, item 9: `check --deploy` refuses a weak secret and `*` hosts; every response
carries a Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client, override_settings

from saylau.web.core.checks import check_deploy_secrets
from saylau.web.core.deploy import secret_key_problem

from .test_settings import GOOD_KEY, run_saylau


@pytest.mark.parametrize(
    "key", ["abcde" * 10, "abcdefghij" * 5, "0123456789abcdef" * 4, "a" * 80, "short"]
)
def test_a_weak_secret_key_is_named_weak(key: str) -> None:
    assert secret_key_problem(key) is not None


def test_generated_secret_keys_are_strong_enough() -> None:
    import secrets

    from django.core.management.utils import get_random_secret_key

    for _ in range(200):
        assert secret_key_problem(get_random_secret_key()) is None
        assert secret_key_problem(secrets.token_hex(32)) is None
        assert secret_key_problem(secrets.token_urlsafe(40)) is None
    assert secret_key_problem(GOOD_KEY) is None


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SAYLAU_SECRET_KEY": "abcde" * 10}, "SAYLAU_SECRET_KEY is not random enough"),
        ({"SAYLAU_ALLOWED_HOSTS": "*"}, "SAYLAU_ALLOWED_HOSTS must name the hosts"),
        ({"SAYLAU_ALLOWED_HOSTS": "saylau.kz,*.example.kz"}, "not *.example.kz"),
    ],
)
def test_check_deploy_with_production_settings_refuses_a_weak_secret_or_any_host(
    tmp_path: Path, env: dict[str, str], named: str
) -> None:
    values = {
        "SAYLAU_SECRET_KEY": GOOD_KEY,
        "SAYLAU_ALLOWED_HOSTS": "saylau.example.kz",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/x",
        **env,
    }
    result = run_saylau(["manage", "check", "--deploy"], tmp_path, **values)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert named in result.stderr


def test_the_deploy_check_names_a_weak_secret_and_wildcard_hosts_under_any_settings() -> None:
    with override_settings(SECRET_KEY="abcde" * 10, ALLOWED_HOSTS=["*"]):
        ids = {e.id for e in check_deploy_secrets()}
    assert ids == {"saylau.E001", "saylau.E002"}
    with override_settings(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS=["saylau.kz"]):
        assert check_deploy_secrets() == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/no-such-page/", "/api/v1/"])
def test_every_response_carries_a_content_security_policy(path: str) -> None:
    response = Client().get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy


def test_the_cache_is_shared_files_by_default_redis_or_memory_when_asked(
    monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.config import env

    monkeypatch.delenv("SAYLAU_CACHE_URL", raising=False)
    shared = env.cache_config(default_dir=tmp_path / "cache")
    assert shared["BACKEND"].endswith("FileBasedCache") and (tmp_path / "cache").is_dir()
    monkeypatch.setenv("SAYLAU_CACHE_URL", "memory")
    assert env.cache_config(default_dir=tmp_path)["BACKEND"].endswith("LocMemCache")
    monkeypatch.setenv("SAYLAU_CACHE_URL", "memcached://somewhere")
    with pytest.raises(env.ConfigurationError, match="SAYLAU_CACHE_URL"):
        env.cache_config(default_dir=tmp_path)
