"""The names the import's set-based SQL uses, taken from the models' metadata: a renamed
table or column changes here by itself, and a field that does not exist fails at import."""

from __future__ import annotations

from django.db import models


def table(model: type[models.Model]) -> str:
    """The database table of ``model``."""
    return model._meta.db_table


def column(model: type[models.Model], field: str) -> str:
    """The database column of ``model.field`` (``FieldDoesNotExist`` when there is none)."""
    found = model._meta.get_field(field)
    assert isinstance(found, models.Field)  # noqa: S101 - a concrete field, not a relation
    return str(found.column)


def columns(model: type[models.Model], *fields: str) -> str:
    """``a, b, c``: the columns of ``fields`` for an INSERT or SELECT list."""
    return ", ".join(column(model, f) for f in fields)


def text_columns(model: type[models.Model]) -> tuple[str, ...]:
    """The columns of ``model`` that hold text (COPY must keep their empty strings)."""
    return tuple(
        str(f.column) for f in model._meta.concrete_fields if isinstance(f, models.CharField)
    )
