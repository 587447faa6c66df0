"""Start Django for commands that need the database; bring its schema up to date only when
asked (``saylau migrate``, ``saylau serve --demo``): every other command refuses, in one line,
a database that is not up to date."""

from __future__ import annotations

import os

from saylau.errors import SaylauError


class DatabaseUnavailable(SaylauError):
    code = "database_unavailable"


class DatabaseNotMigrated(SaylauError):
    code = "database_not_migrated"


def setup(*, migrate: bool = False, check: bool = True, verbose: bool = False) -> None:
    """Configure Django (local settings unless DJANGO_SETTINGS_MODULE says otherwise); with
    ``migrate``, apply pending migrations; otherwise, with ``check``, raise
    :class:`DatabaseNotMigrated` when some are pending."""
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
    if not (migrate or check):
        return
    from django.core.management import call_command
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        db = connection.settings_dict.get("NAME")
        msg = f"cannot reach the database {db!r}: {str(exc).strip().splitlines()[0]} (check DATABASE_URL)"
        raise DatabaseUnavailable(msg) from exc
    if migrate:
        call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
        return
    pending = pending_migrations()
    if pending:
        msg = (
            f"the database is not up to date ({pending} migration(s) to apply): "
            "run `saylau migrate` first"
        )
        raise DatabaseNotMigrated(msg)


def pending_migrations() -> int:
    """How many migrations the database still lacks."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
