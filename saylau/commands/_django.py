"""Start Django for commands that need the database, and bring its schema up to date."""

from __future__ import annotations

import os

from saylau.errors import SaylauError


class DatabaseUnavailable(SaylauError):
    code = "database_unavailable"


def setup(*, migrate: bool = True, verbose: bool = False) -> None:
    """Configure Django (local settings unless DJANGO_SETTINGS_MODULE says otherwise) and,
    unless told not to, apply pending migrations so every command sees the current schema."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylau.web.config.settings.local")
    import django
    from django.core.exceptions import ImproperlyConfigured

    from saylau.web.config.env import ConfigurationError

    settings_module = os.environ["DJANGO_SETTINGS_MODULE"]
    try:
        django.setup()
    except ConfigurationError as exc:
        raise SaylauError(f"configuration: {exc}") from exc
    except ImproperlyConfigured as exc:
        raise SaylauError(f"configuration: {exc}") from exc
    except ModuleNotFoundError as exc:
        if exc.name is None or not settings_module.startswith(exc.name):
            raise
        msg = f"configuration: DJANGO_SETTINGS_MODULE {settings_module!r} does not exist"
        raise SaylauError(msg) from exc
    if migrate:
        from django.core.management import call_command
        from django.db import connection
        from django.db.utils import OperationalError

        try:
            connection.ensure_connection()
        except OperationalError as exc:
            db = connection.settings_dict.get("NAME")
            msg = f"cannot reach the database {db!r}: {str(exc).strip().splitlines()[0]} (check DATABASE_URL)"
            raise DatabaseUnavailable(msg) from exc
        call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
