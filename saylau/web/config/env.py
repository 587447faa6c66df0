"""The only place that reads the environment (architecture.md: boring settings).

Every setting that comes from outside is read here, checked, and turned into a clear
:class:`ConfigurationError` naming the variable to fix, so that a wrong setting stops saylau
with one message instead of a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


class ConfigurationError(Exception):
    """A setting from the environment is missing or wrong."""

    code = "configuration"

    def __init__(self, variable: str, problem: str) -> None:
        self.variable = variable
        self.problem = problem
        super().__init__(f"{variable}: {problem}")


def get_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            msg = "is not set; set it in the environment before starting saylau"
            raise ConfigurationError(name, msg)
        return default
    return value


def get_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    msg = f"expected true/false, got {value!r}"
    raise ConfigurationError(name, msg)


def get_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        msg = f"expected a whole number, got {value!r}"
        raise ConfigurationError(name, msg) from None
    if number < minimum:
        msg = f"must be at least {minimum}, got {number}"
        raise ConfigurationError(name, msg)
    return number


def get_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def data_dir() -> Path:
    """Where the embedded database, uploads and job files live (``SAYLAU_DATA_DIR``)."""
    raw = get_str("SAYLAU_DATA_DIR")
    path = Path(raw) if raw else REPO_ROOT / "var"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_config(*, default_sqlite: Path) -> dict[str, object]:
    """``DATABASE_URL`` (PostgreSQL or SQLite) or the embedded SQLite file."""
    import dj_database_url

    url = get_str("DATABASE_URL")
    if url is None:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite),
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    try:
        config = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as exc:
        msg = f"not a database URL this saylau understands ({exc}); use postgres://user:pass@host:port/name or sqlite:///path"
        raise ConfigurationError("DATABASE_URL", msg) from exc
    engine = str(config.get("ENGINE", ""))
    if "postgresql" not in engine and "sqlite" not in engine:
        msg = f"engine {engine!r} is not supported; use PostgreSQL or SQLite"
        raise ConfigurationError("DATABASE_URL", msg)
    return config


def cache_config(*, default_dir: Path) -> dict[str, object]:
    """``SAYLAU_CACHE_URL``: where the cached public pages and analysis figures are kept.

    Unset: files under ``default_dir``, shared by every worker process of one host (gunicorn's
    workers build each page once, not once each). ``redis://host:port/db``: a Redis server shared
    by several hosts (needs the ``redis`` package). ``memory``: each process its own (tests).
    """
    url = get_str("SAYLAU_CACHE_URL")
    if url is None:
        default_dir.mkdir(parents=True, exist_ok=True)
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(default_dir),
            # Culling scans the folder: keep it rare (a national election's pages in two
            # languages fit) and cheap (a tenth at a time).
            "OPTIONS": {"MAX_ENTRIES": 60_000, "CULL_FREQUENCY": 10},
        }
    if url == "memory":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        try:
            import redis  # noqa: F401
        except ImportError:
            msg = "a Redis cache needs the redis package: .venv/bin/pip install redis"
            raise ConfigurationError("SAYLAU_CACHE_URL", msg) from None
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    msg = f"expected redis://host:port/db or memory, got {url!r}"
    raise ConfigurationError("SAYLAU_CACHE_URL", msg)


def get_moment(name: str) -> str | None:
    """An ISO 8601 moment (``2027-03-02T09:00``, local time unless it names an offset), checked
    here and returned as text; ``None`` when unset."""
    raw = get_str(name)
    if raw is None:
        return None
    from datetime import datetime

    try:
        datetime.fromisoformat(raw.strip())
    except ValueError:
        msg = f"expected a moment such as 2027-03-02T09:00, got {raw!r}"
        raise ConfigurationError(name, msg) from None
    return raw.strip()
